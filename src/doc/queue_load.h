/* Filling the reviewer's queue (model/queue.h) from the disk: the files of
 * a directory, each read through the document layer (read-only, no lock)
 * and checked, against last year's report of the same body when it is
 * among the files. Work is done in small steps so a front end can show the
 * list at once and fill it in from its idle time. No curses. */
#ifndef NB_QUEUE_LOAD_H
#define NB_QUEUE_LOAD_H

#include "core/err.h"
#include "model/queue.h"

/* Add the report files of dir (*.yaml and *.yml, not hidden, in name
 * order) that are not in q yet; mark entries of dir whose file is gone.
 * Returns how many entries were added or marked, or -1 (err says why). */
int nb_queue_scan_dir(nb_queue *q, const char *dir, nb_err *err);

/* Read and check entry i now (against its `last` when that is loaded). */
void nb_queue_load(nb_queue *q, int i);

/* At most budget reads: pending entries first, in shown order; once none
 * is pending, pair the bodies and count again those whose last year's
 * report changed. Returns 1 while work remains, 0 when all is known. */
int nb_queue_step(nb_queue *q, int budget);

/* Compare each known file with the disk (stat: time, size, inode): a
 * changed one becomes pending, a missing one gone. Returns how many. */
int nb_queue_stat(nb_queue *q);

#endif
