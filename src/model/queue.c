/* The reviewer's queue as data; see queue.h. */
#include "model/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nb_queue_init(nb_queue *q)
{
	memset(q, 0, sizeof *q);
}

static void entry_free(nb_qentry *e)
{
	free(e->path);
	free(e->agency);
	free(e->why);
}

void nb_queue_free(nb_queue *q)
{
	for (int i = 0; i < q->n; i++)
		entry_free(&q->e[i]);
	free(q->e);
	free(q->order);
	memset(q, 0, sizeof *q);
}

int nb_queue_add(nb_queue *q, const char *path)
{
	nb_qentry *e;

	if (q->n == q->cap) {
		int cap = q->cap ? q->cap * 2 : 64;
		nb_qentry *ne = realloc(q->e, (size_t)cap * sizeof *ne);
		int *no = realloc(q->order, (size_t)cap * sizeof *no);
		if (ne)
			q->e = ne;
		if (no)
			q->order = no;
		if (!ne || !no)
			return -1;
		q->cap = cap;
	}
	e = &q->e[q->n];
	memset(e, 0, sizeof *e);
	if (!(e->path = strdup(path)))
		return -1;
	e->last = e->checked_with = -1;
	q->order[q->norder++] = q->n; /* shown at once, in file order */
	return q->n++;
}

int nb_queue_find(const nb_queue *q, const char *path)
{
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->e[i].path, path) == 0)
			return i;
	return -1;
}

static void leave_state(nb_queue *q, nb_qentry *e)
{
	if (e->state != NB_QE_PENDING)
		q->loaded--;
}

int nb_queue_set_loaded(nb_queue *q, int i, const char *agency, int year,
			const char *form, int errors, int warnings, int blanks,
			int comments, int checked_with)
{
	nb_qentry *e = &q->e[i];
	char *a = strdup(agency ? agency : "");

	if (!a)
		return -1;
	leave_state(q, e);
	free(e->agency);
	free(e->why);
	e->why = NULL;
	e->agency = a;
	e->year = year;
	snprintf(e->form, sizeof e->form, "%s", form ? form : "");
	e->errors = errors;
	e->warnings = warnings;
	e->blanks = blanks;
	e->comments = comments;
	e->checked_with = checked_with;
	e->state = NB_QE_LOADED;
	q->loaded++;
	return 0;
}

int nb_queue_set_bad(nb_queue *q, int i, const char *why)
{
	nb_qentry *e = &q->e[i];

	leave_state(q, e);
	free(e->why);
	e->why = strdup(why ? why : "");
	e->state = NB_QE_BAD;
	e->last = -1;
	e->errors = e->warnings = e->comments = e->blanks = 0;
	q->loaded++;
	return e->why ? 0 : -1;
}

void nb_queue_set_pending(nb_queue *q, int i)
{
	if (q->e[i].state == NB_QE_PENDING)
		return;
	leave_state(q, &q->e[i]);
	q->e[i].state = NB_QE_PENDING;
	for (int k = 0; k < q->n; k++)
		if (k != i && q->e[k].last == i)
			nb_queue_set_pending(q, k);
}

void nb_queue_set_gone(nb_queue *q, int i)
{
	nb_qentry *e = &q->e[i];

	leave_state(q, e);
	e->state = NB_QE_GONE;
	e->errors = e->warnings = e->comments = e->blanks = 0;
	e->last = -1;
	q->loaded++;
	for (int k = 0; k < q->n; k++)
		if (q->e[k].last == i)
			nb_queue_set_pending(q, k);
}

/* ASCII space, tab, and U+3000 (full-width space, E3 80 80). */
char *nb_queue_body_key(const char *agency)
{
	size_t n = strlen(agency), j = 0;
	char *k = malloc(n + 1);

	if (!k)
		return NULL;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)agency[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
		} else if (c == 0xE3 && i + 2 < n && (unsigned char)agency[i + 1] == 0x80 &&
			   (unsigned char)agency[i + 2] == 0x80) {
			i += 3;
		} else {
			k[j++] = (char)c;
			i++;
		}
	}
	k[j] = 0;
	return k;
}

typedef struct {
	char *key;
	int year, i;
} bodyrec;

static int cmp_body(const void *pa, const void *pb)
{
	const bodyrec *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->i - b->i;
}

int nb_queue_pair(nb_queue *q)
{
	bodyrec *r = malloc((size_t)(q->n ? q->n : 1) * sizeof *r);
	int n = 0, changed = 0;

	if (!r)
		return -1;
	/* Sorted by body, then year, then file order: last year's report of
	 * a body is just before its own year's first entry. */
	for (int i = 0; i < q->n; i++) {
		nb_qentry *e = &q->e[i];
		if (e->state != NB_QE_LOADED || !e->year || !e->agency[0])
			continue;
		if (!(r[n].key = nb_queue_body_key(e->agency)))
			break;
		if (!r[n].key[0]) {
			free(r[n].key);
			continue;
		}
		r[n].year = e->year;
		r[n].i = i;
		n++;
	}
	qsort(r, (size_t)n, sizeof *r, cmp_body);
	for (int k = 0; k < n; k++) {
		int want = -1;
		/* Walk back over this year's other entries to the first entry
		 * of the year before. */
		for (int j = k - 1; j >= 0 && strcmp(r[j].key, r[k].key) == 0; j--) {
			if (r[j].year == r[k].year)
				continue;
			if (r[j].year == r[k].year - 1) {
				want = r[j].i;
				while (j - 1 >= 0 && strcmp(r[j - 1].key, r[k].key) == 0 &&
				       r[j - 1].year == r[k].year - 1)
					want = r[--j].i;
			}
			break;
		}
		if (q->e[r[k].i].last != want) {
			q->e[r[k].i].last = want;
			changed++;
		}
	}
	for (int i = 0; i < q->n; i++) /* the entries left out have none */
		if (q->e[i].state != NB_QE_LOADED && q->e[i].last >= 0)
			q->e[i].last = -1;
	for (int k = 0; k < n; k++)
		free(r[k].key);
	free(r);
	return changed;
}

static const nb_queue *sort_q; /* qsort has no context argument in C11 */

static int known(const nb_qentry *e)
{
	return e->state == NB_QE_LOADED;
}

static int cmp_order(const void *pa, const void *pb)
{
	int ia = *(const int *)pa, ib = *(const int *)pb, c = 0;
	const nb_qentry *a = &sort_q->e[ia], *b = &sort_q->e[ib];

	if (sort_q->sort != NB_QSORT_FILE && known(a) != known(b))
		return known(a) ? -1 : 1;
	if (known(a) && known(b)) {
		switch (sort_q->sort) {
		case NB_QSORT_AGENCY:
			c = strcmp(a->agency, b->agency);
			if (!c)
				c = a->year - b->year;
			break;
		case NB_QSORT_ERRORS: /* most errors first */
			c = b->errors - a->errors;
			if (!c)
				c = b->warnings - a->warnings;
			break;
		case NB_QSORT_BLANKS: /* most left to fill in first */
			c = b->blanks - a->blanks;
			if (!c)
				c = strcmp(a->agency, b->agency);
			break;
		case NB_QSORT_YEAR: /* newest first */
			c = b->year - a->year;
			if (!c)
				c = strcmp(a->agency, b->agency);
			break;
		default:
			break;
		}
	}
	if (c)
		return c;
	c = strcmp(a->path, b->path);
	return c ? c : ia - ib;
}

int nb_queue_order(nb_queue *q)
{
	q->norder = 0;
	for (int i = 0; i < q->n; i++) {
		const nb_qentry *e = &q->e[i];
		if (q->only_errors && (e->state == NB_QE_GONE || e->state == NB_QE_BAD ||
				       (e->state == NB_QE_LOADED && e->errors == 0)))
			continue;
		q->order[q->norder++] = i;
	}
	if (q->norder < 2)
		return 0; /* order may be NULL: qsort wants an array */
	sort_q = q;
	qsort(q->order, (size_t)q->norder, sizeof *q->order, cmp_order);
	sort_q = NULL;
	return 0;
}

int nb_queue_pos(const nb_queue *q, int i)
{
	for (int k = 0; k < q->norder; k++)
		if (q->order[k] == i)
			return k;
	return -1;
}

int nb_queue_count(const nb_queue *q, nb_qstate st)
{
	int n = 0;

	for (int i = 0; i < q->n; i++)
		n += q->e[i].state == st;
	return n;
}

int nb_queue_with_errors(const nb_queue *q)
{
	int n = 0;

	for (int i = 0; i < q->n; i++)
		n += q->e[i].state == NB_QE_LOADED && q->e[i].errors > 0;
	return n;
}
