/* A form: the complete description of one official report layout, loaded
 * from a YAML form file (see man/nianbao-form.5). Immutable once loaded. */
#ifndef NB_FORM_H
#define NB_FORM_H

#include "core/err.h"
#include "core/value.h"

typedef enum { NB_SEV_WARNING = 1, NB_SEV_ERROR = 2 } nb_severity;

/* A header node of a table: a row label or a column label. Groups have
 * children; leaves hold values. Nodes are stored in document order. */
typedef struct {
	char *id;        /* ASCII, unique among the table's rows (or columns) */
	char *label;     /* printed label, exactly as the official template */
	char *shortl;    /* short name for rule messages ("一", "（七）"); never NULL */
	int parent;      /* node index, -1 at the top */
	int depth;       /* 0 at the top */
	int leaf;        /* leaf index, or -1 for a group */
	int first_leaf;  /* leaves under this node: [first_leaf, first_leaf+nleaves) */
	int nleaves;
	int in_path;     /* printed in label paths (0 for e.g. 申请人情况) */
	nb_valtype vt;   /* columns only: type of the cells in this column */
} nb_node;

typedef struct {
	nb_node *node;
	int nnode;
	int *leaf_node;  /* leaf index -> node index */
	int nleaf;
	int depth;       /* levels of labels (max node depth + 1) */
} nb_axis;

typedef struct {
	char *id;        /* "t3", "t2_1" */
	char *name;      /* used in messages: "表三", "表二第二十条第（一）项" */
	char *title;     /* heading row printed above, or NULL */
	char *corner;    /* top-left header cell, "" when none */
	int section;     /* index of the owning section */
	nb_axis rows, cols;
	int cell_base;   /* first global cell index; cell = base + r*ncol + c */
} nb_table;

typedef enum { NB_F_LINE = 0, NB_F_TEXT, NB_F_YEAR } nb_fieldkind;

/* A text slot: a cover field or the prose of a section. */
typedef struct {
	char *id;        /* "agency", "s1" */
	char *label;
	char *hint;      /* shown when empty, may be NULL */
	nb_fieldkind kind;
	int required;
	int section;     /* -1 for cover fields */
} nb_field;

typedef struct {
	char *id;        /* "s1" .. "s6" */
	char *number;    /* "一" */
	char *heading;   /* "一、总体情况" */
	int text;        /* field index of its prose, or -1 */
	int first_table, ntables;
} nb_section;

/* One term of a rule: a header node of the other axis of the table, summed
 * over its leaves; `last` reads last year's report. */
typedef struct {
	int node;
	int sign;        /* +1 or -1 */
	int last;
} nb_term;

typedef enum { NB_EACH_ROW = 0, NB_EACH_COL } nb_each;

typedef struct {
	char *id;
	char *text;      /* the equation as written in the form file */
	char *describe;  /* how messages print it ("一+二=（七）+四") */
	int table;
	nb_each each;
	nb_severity sev;
	int derive;      /* left side is one leaf, computed from the right */
	int needs_last;
	nb_term *lhs, *rhs;
	int nlhs, nrhs;
} nb_rule;

/* A figure the prose may quote (FORMATS.md rule 10): in section texts, the
 * first number followed by 件 after one of `words` (within the same clause)
 * should equal the sum of `cells`. */
#define NB_MENTION_WORDS 8
typedef struct {
	char *id;
	char *words[NB_MENTION_WORDS];
	int nwords;
	int *cells;      /* summed: a group row or column stands for its leaves */
	int ncells;
	char *label;     /* how findings name the cells: "表三「（四）无法提供」行「总计」列" */
} nb_mention;

typedef struct nb_form {
	char *id;        /* "gk2021" */
	char *name;
	char *basis;     /* the document that set the layout */
	char *title_tpl; /* "{agency}{year}年政府信息公开工作年度报告" */
	int year_from, year_to; /* layout in force for these years; 0 = open */
	char *source;    /* "builtin" or the file it was read from */
	nb_field *field; int nfield;
	nb_section *section; int nsection;
	nb_table *table; int ntable;
	nb_rule *rule; int nrule;
	nb_mention *mention; int nmention;
	int ncell;       /* value cells over all tables */
	unsigned char *cell_table; /* [ncell] the table of each cell */
	void *arena;     /* owns every string and array above */
	struct nb_deps *deps; /* rule instances and derivation order, built at load */
} nb_form;


nb_form *nb_form_load_mem(const char *buf, size_t len, const char *source,
			  nb_err *err);
nb_form *nb_form_load_file(const char *path, nb_err *err);
void nb_form_free(nb_form *f);

/* Look-ups; -1 when absent. */
int nb_form_table(const nb_form *f, const char *id);
int nb_form_field(const nb_form *f, const char *id);
int nb_axis_find(const nb_axis *a, const char *id);

/* Cell index <-> (table, row leaf, column leaf). */
int nb_form_cell(const nb_form *f, int table, int row, int col);
void nb_form_cell_pos(const nb_form *f, int cell, int *table, int *row,
		      int *col);
const nb_valtype *nb_form_cell_type(const nb_form *f, int cell);
/* Find a cell by "table.row.col"; -1 when absent. */
int nb_form_cell_by_id(const nb_form *f, const char *id);
/* "t3.new.natural" */
void nb_form_cell_id(const nb_form *f, int cell, char *buf, size_t n);
/* "三/三、本年度办理结果/（三）不予公开/1.属于国家秘密/自然人" */
void nb_form_cell_path(const nb_form *f, int cell, char *buf, size_t n);
/* "「（七）总计」行「自然人」列" for messages */
void nb_form_cell_name(const nb_form *f, int cell, char *buf, size_t n);

/* The registry: forms compiled in, overridden or extended by a directory
 * (option --forms, else $NIANBAO_FORMS). */
int nb_forms_init(const char *dir, nb_err *err);
int nb_forms_count(void);
const nb_form *nb_forms_get(int i);
const nb_form *nb_forms_find(const char *id);
/* The layout in force for a report year (the newest whose range holds it). */
const nb_form *nb_forms_for_year(int year);
void nb_forms_shutdown(void);

#endif
