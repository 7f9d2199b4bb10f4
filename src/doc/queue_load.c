/* Filling the queue from the disk; see queue_load.h. */
#include "doc/queue_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc/doc.h"
#include "model/comments.h"

static int is_report_name(const char *n)
{
	size_t l = strlen(n);

	if (n[0] == '.')
		return 0; /* journals, locks, editors' temporaries */
	return (l > 5 && strcmp(n + l - 5, ".yaml") == 0) ||
	       (l > 4 && strcmp(n + l - 4, ".yml") == 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p = malloc(dl + nl + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (dl && dir[dl - 1] == '/')
		dl--;
	p[dl] = '/';
	memcpy(p + dl + 1, name, nl + 1);
	return p;
}

int nb_queue_scan_dir(nb_queue *q, const char *dir, nb_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int changed = 0;

	if (!d) {
		nb_fail(err, NB_UNREADABLE, "%s: 无法打开目录：%s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (!is_report_name(de->d_name))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			char **nn = realloc(names, nc * sizeof *nn);
			if (!nn)
				break;
			names = nn;
			cap = nc;
		}
		if (!(names[n] = join(dir, de->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (nb_queue_find(q, names[i]) < 0) {
			if (nb_queue_add(q, names[i]) >= 0)
				changed++;
		}
	}
	/* Entries of this directory no longer listed have gone. */
	for (int i = 0; i < q->n; i++) {
		const char *p = q->e[i].path, *slash = strrchr(p, '/');
		size_t dl = strlen(dir);
		char *key = (char *)p;
		if (dl && dir[dl - 1] == '/')
			dl--;
		if (!slash || (size_t)(slash - p) != dl || strncmp(p, dir, dl) != 0 ||
		    q->e[i].state == NB_QE_GONE)
			continue;
		if (!n || !bsearch(&key, names, n, sizeof *names, cmp_str)) {
			nb_queue_set_gone(q, i);
			changed++;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return changed;
}

void nb_queue_load(nb_queue *q, int i)
{
	nb_qentry *e = &q->e[i];
	nb_doc *d = NULL, *ld = NULL;
	nb_err err;
	struct stat st;
	int fa, with = -1;

	/* Identity before reading: a change while we read shows next time. */
	if (stat(e->path, &st) == 0) {
		e->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		e->size = (int64_t)st.st_size;
		e->ino = (uint64_t)st.st_ino;
	}

	/* Last year's report of the same body, for the carry-over checks. */
	if (e->last >= 0 && q->e[e->last].state == NB_QE_LOADED &&
	    nb_doc_open(q->e[e->last].path, NULL, &ld, &err) == NB_OK)
		with = e->last;
	if (nb_doc_open(e->path, ld ? ld->rep : NULL, &d, &err) != NB_OK) {
		if (err.status == NB_NOT_FOUND)
			nb_queue_set_gone(q, i);
		else
			nb_queue_set_bad(q, i, err.msg);
		nb_doc_close(ld, 0);
		return;
	}
	fa = nb_form_field_role(d->form, NB_ROLE_AGENCY);
	nb_queue_set_loaded(q, i, fa >= 0 ? d->rep->text[fa] : "", nb_report_year(d->rep),
			    d->form->id, nb_engine_count(d->eng, NB_SEV_ERROR),
			    nb_engine_count(d->eng, NB_SEV_WARNING),
			    nb_engine_blank_inputs(d->eng, -1), nb_comments_open(d->rep), with);
	nb_doc_close(d, 0);
	nb_doc_close(ld, 0);
}

int nb_queue_step(nb_queue *q, int budget)
{
	int pending = 0;

	/* What is on screen first: shown order. */
	for (int k = 0; k < q->norder && budget > 0; k++) {
		int i = q->order[k];
		if (q->e[i].state == NB_QE_PENDING) {
			nb_queue_load(q, i);
			budget--;
		}
	}
	for (int i = 0; i < q->n; i++) {
		if (q->e[i].state != NB_QE_PENDING)
			continue;
		if (budget-- <= 0)
			return 1;
		nb_queue_load(q, i);
	}
	for (int i = 0; i < q->n && !pending; i++)
		pending = q->e[i].state == NB_QE_PENDING;
	if (pending)
		return 1;
	nb_queue_pair(q);
	for (int i = 0; i < q->n; i++) {
		nb_qentry *e = &q->e[i];
		if (e->state != NB_QE_LOADED || e->last == e->checked_with)
			continue;
		if (budget-- <= 0)
			return 1;
		nb_queue_load(q, i);
		/* Its last year's report could not be read after all. */
		if (e->state == NB_QE_LOADED && e->checked_with != e->last)
			e->checked_with = e->last;
	}
	return 0;
}

int nb_queue_stat(nb_queue *q)
{
	int changed = 0;

	for (int i = 0; i < q->n; i++) {
		nb_qentry *e = &q->e[i];
		struct stat st;
		if (e->state != NB_QE_LOADED && e->state != NB_QE_BAD)
			continue;
		if (stat(e->path, &st) < 0) {
			if (errno == ENOENT) {
				nb_queue_set_gone(q, i);
				changed++;
			}
			continue;
		}
		if ((int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec != e->mtime_ns ||
		    (int64_t)st.st_size != e->size || (uint64_t)st.st_ino != e->ino) {
			nb_queue_set_pending(q, i);
			changed++;
		}
	}
	return changed;
}
