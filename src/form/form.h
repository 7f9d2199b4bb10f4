/* A form: the complete description of one official report layout, loaded
 * from a YAML form file (see man/nianbao-form.5). Immutable once loaded. */
#ifndef NB_FORM_H
#define NB_FORM_H

#include "core/err.h"
#include "core/value.h"

typedef enum { NB_SEV_WARNING = 1, NB_SEV_ERROR = 2 } nb_severity;

/* What the editor's screens are built for (src/ui/grid.c sizes its arrays
 * by these). The loader refuses a form beyond them, so no form file can
 * make the editor overrun. */
#define NB_FORM_MAX_COLS 64            /* leaf columns of one table */
#define NB_FORM_MAX_DEPTH 5            /* levels of row or column headers */
#define NB_FORM_MAX_LABEL 240          /* bytes of a header label or corner */
#define NB_FORM_MAX_SECTION_TABLES 64  /* tables of one section */
#define NB_FORM_MAX_COVER_FIELDS 64    /* cover fields (the cover screen) */

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

/* The report years nianbao accepts, everywhere: a form's `years`, the year
 * of a report, `new --year`, the new-report box. The 条例 took effect in
 * 2008; past 2100 is a typing error. */
#define NB_YEAR_MIN 2008
#define NB_YEAR_MAX 2100

/* Cover fields whose meaning the program knows, declared by `role:` in the
 * form file (man 5 nianbao-form): the title template and carry-over from
 * last year use them; code never looks these fields up by id. */
typedef enum {
	NB_ROLE_AGENCY = 0, /* the agency's name */
	NB_ROLE_YEAR,       /* the report year: selects the layout */
	NB_ROLE_TITLE,      /* the title, when not made from the template */
	NB_ROLE_PERIOD,     /* the period covered: never carried over */
	NB_ROLE_COUNT
} nb_role;

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

/* One term of a rule (man 5 nianbao-form, GRAMMAR), summed over the leaves
 * under it; `last` reads last year's report. A bound term names a node of
 * the other axis of `table` and is read at the rule's binding (the row or
 * column the instance runs on); a fixed term names one row node and one
 * column node of `table` and reads the same cells at every binding. */
typedef struct {
	int table;       /* the table read: the rule's own, or another */
	int node;        /* bound: node of table's other axis; -1 when fixed */
	int row, col;    /* fixed: row node and column node; -1 when bound */
	const int *bind; /* bound in another table: the rule's binding leaf ->
			  * the leaf with the same id there; NULL in its own */
	int sign;        /* +1 or -1 */
	int last;
} nb_term;

/* NB_EACH_NONE: a rule of fixed terms alone, checked once. */
typedef enum { NB_EACH_ROW = 0, NB_EACH_COL, NB_EACH_NONE } nb_each;
/* How the two sides compare; a derived rule is always NB_REL_EQ. */
typedef enum { NB_REL_EQ = 0, NB_REL_GE, NB_REL_LE, NB_REL_GT, NB_REL_LT } nb_rel;

typedef struct {
	char *id;
	char *text;      /* the rule as written in the form file */
	char *describe;  /* how messages print it ("一+二=（七）+四") */
	char *lhs_desc, *rhs_desc; /* each side by the terms' short names */
	int table;       /* the table it belongs to (plain names, messages) */
	nb_each each;
	nb_rel rel;
	nb_severity sev;
	int derive;      /* left side is one leaf, computed from the right */
	int needs_last;
	nb_term *lhs, *rhs;
	int nlhs, nrhs;
} nb_rule;

/* "=", ">=", "<=", ">", "<" */
const char *nb_rel_text(nb_rel rel);
/* Does lhs rel rhs hold? */
int nb_rel_holds(nb_rel rel, int64_t lhs, int64_t rhs);

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
	int role[NB_ROLE_COUNT]; /* field index of each role, -1 when none */
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
/* The field that has a role, -1 when the form has none. */
int nb_form_field_role(const nb_form *f, nb_role role);
/* "year" for NB_ROLE_YEAR, as written in form files; NULL when out of range. */
const char *nb_role_name(nb_role role);
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
/* "2019-2020", or "2021-" for a layout still in force. */
void nb_form_years(const nb_form *f, char *buf, size_t n);
/* The layout in force for a report year (the newest whose range holds it). */
const nb_form *nb_forms_for_year(int year);
void nb_forms_shutdown(void);

#endif
