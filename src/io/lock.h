/* One editor per report: a lock file beside the report, ".NAME.nblock",
 * holding user, host, pid and start time; works on a shared directory. */
#ifndef NB_LOCK_H
#define NB_LOCK_H

#include <sys/types.h>
#include <time.h>

typedef struct {
	char user[64];
	char host[256];
	pid_t pid;
	time_t since;
	/* The judgement, from the machine's boot id, the pid namespace and
	 * the holder's start time (/proc/PID/stat), never from host name and
	 * pid alone (pids are reused; another container's pids are not ours
	 * to see): */
	int stale;  /* certainly dead: this boot, this pid namespace, and the
		     * process is gone or is another one started later */
	int unsure; /* cannot tell: another host, another boot, another pid
		     * namespace. It may be taken over after the clerk has
		     * seen its path, holder and age. */
	char boot_id[40];          /* "" in a lock written before these */
	unsigned long long start;  /* holder's start, ticks since boot */
	long long age;             /* seconds since the lock was taken */
	uid_t file_uid;            /* the lock file's owner (from fstat) */
	char file_owner[64];
} nb_lock_owner;

typedef struct nb_lock nb_lock;

/* ".NAME.nblock" beside the report's real file (symlinks followed, like
 * a save). The file is one line
 * "USER HOST PID SINCE TOKEN BOOTID PIDNS START\n"; TOKEN is random, so
 * release can tell our lock from a thief's; the last three tell a live
 * holder from a dead one (older nianbao wrote only the first five). */
char *nb_lock_path(const char *report_path);

/* 0: taken. 1: held by someone else (owner filled). -1: error (errbuf);
 * also when something other than a regular file is at the lock's name
 * (a FIFO, a link): it is never opened, and errbuf names its owner. */
int nb_lock_take(const char *report_path, nb_lock **out, nb_lock_owner *owner,
		 char *errbuf, size_t errlen);
/* Take over a lock whose owner is stale (or after the user said so):
 * written to a temporary and renamed over the old lock. -1 also when
 * another process stole it at the same moment. */
int nb_lock_steal(const char *report_path, nb_lock **out, char *errbuf,
		  size_t errlen);
/* Unlinks the lock file only if it still names us; frees l. */
void nb_lock_release(nb_lock *l);
/* 1 when the lock file still names us, 0 when it was stolen or removed
 * (check before a save), -1 on error. */
int nb_lock_held(const nb_lock *l);

#endif
