/* sched-int.h: what the scheduling loop shares with its policy plug-ins (private). */
#ifndef SCHED_INT_H
#define SCHED_INT_H

#include "osconcepts.h"

/* The loop's view of one job while it is simulated. */
struct sched_task {
	const struct osc_sched_job *job;
	uint32_t idx;			/* input order */
	uint8_t state;			/* enum osc_sched_state */
	uint8_t level;			/* mlfq level */
	uint8_t cpu;			/* per-cpu queues: queue it is on */
	uint8_t shown;			/* state last reported to the hook */
	uint8_t flags;			/* TF_* */
	int8_t wcpu;			/* cache model: CPU it warms on, or -1 */
	bool warm;			/* cache model: warm on wcpu */
	uint64_t done;			/* ticks of work received */
	uint64_t since;			/* entered the ready queue at */
	uint64_t waited;		/* ticks spent ready before `since` */
	uint64_t key;			/* the policy's ordering key */
	uint64_t qleft;			/* ticks left in the current quantum */
	uint64_t used;			/* mlfq: quanta used of the allotment */
	uint64_t epoch;			/* mlfq: boosts seen */
	uint64_t io_until, io_seq;	/* I/O in progress */
	uint64_t start, finish, io_total;	/* metrics */
	uint64_t warm_left;		/* cache model: ticks until warm */
	struct osc_list link;		/* position in a policy's list */
	struct osc_list wlink;		/* position in a CPU's warm list */
};

#define TF_CHANGED 0x1	/* state changed since the last report */
#define TF_NEW 0x2	/* arrived at the time being reported */

static inline uint64_t task_left(const struct sched_task *t)
{
	return t->job->burst - t->done;
}

/* Why a job is handed to the policy. */
enum sched_why {
	WHY_ARRIVE,	/* a new job */
	WHY_IO,		/* back from I/O */
	WHY_EXPIRED,	/* its quantum ended */
	WHY_PREEMPTED,	/* displaced by a more urgent job */
	WHY_MOVED,	/* stolen from another CPU's queue */
	WHY_UNPICK	/* picked but not allowed on the CPU: put it back
			 * exactly where it was, changing nothing */
};

/*
 * A policy only decides: the loop in engine.c owns time, events, I/O and
 * accounting.  One instance per ready queue (one, or one per CPU).
 */
struct osc_sched_ops {
	const char *name, *summary;
	size_t state_size;
	/* Set up st (state_size zeroed bytes) for n jobs; OSC_OK or status. */
	int (*init)(void *st, const struct osc_sched_params *p, size_t n,
		    struct osc_error *err);
	void (*fini)(void *st);
	/* A job becomes ready at time now (its `since` is set): OSC_OK or
	 * OSC_ENOMEM. */
	int (*push)(void *st, struct sched_task *t, enum sched_why why,
		     uint64_t now);
	/* Remove and return the job to run next (NULL when none is ready). */
	struct sched_task *(*pick)(void *st, uint64_t now);
	/* Ticks the dispatched job t may run before its quantum ends
	 * (UINT64_MAX: no quantum).  Asked at every decision. */
	uint64_t (*slice)(void *st, struct sched_task *t);
	/* t ran `ticks` ticks; blocks: it now starts I/O; ended: its quantum
	 * ended with the last tick. */
	void (*ran)(void *st, struct sched_task *t, uint64_t ticks,
		    bool blocks, bool ended);
	/* Optional: whether a ready job should displace the running t now. */
	bool (*preempt)(void *st, struct sched_task *t, uint64_t now);
	/* Optional: a due priority boost (mlfq). */
	void (*boost)(void *st, uint64_t now);
	/* Remove and return the job that would be picked last at now (per-cpu
	 * stealing), or NULL. */
	struct sched_task *(*steal)(void *st, uint64_t now);
	/* Jobs ready in this queue. */
	size_t (*count)(void *st);
};

extern const struct osc_sched_ops osc_sched_fifo, osc_sched_sjf,
	osc_sched_stcf, osc_sched_rr, osc_sched_hrrn, osc_sched_prio,
	osc_sched_pprio, osc_sched_mlfq, osc_sched_lottery, osc_sched_stride,
	osc_sched_cfs;

/*
 * A binary heap of tasks.  TH_READY orders by key, then the time they
 * became ready, then input order; TH_INDEX by key, then input order;
 * TH_IO by I/O completion time, then the order I/O began.  The ordering
 * fields are copied into the heap when a task is pushed (they must not
 * change while it is there), so sifting touches only the heap's array.
 */
enum th_order { TH_READY, TH_INDEX, TH_IO };

struct th_item {
	uint64_t key, since;
	uint32_t idx;
	struct sched_task *t;
};

struct task_heap {
	struct th_item *v;
	size_t len, cap;
	enum th_order order;
};

/* The total order of the heap: key, then since, then input order. */
static inline bool th_less(const struct th_item *a, const struct th_item *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->since != b->since)
		return a->since < b->since;
	return a->idx < b->idx;
}

int theap_init(struct task_heap *h, size_t cap);
/* The item t would have in h (its ordering fields as of now). */
struct th_item theap_item(const struct task_heap *h, struct sched_task *t);
void theap_free(struct task_heap *h);
int theap_push(struct task_heap *h, struct sched_task *t);
struct sched_task *theap_pop(struct task_heap *h);
/* Where the item ordered last is (len > 0): O(len), leaves only. */
size_t theap_last_at(const struct task_heap *h);
/* Remove the item at position i (0 <= i < len) and return its task. */
struct sched_task *theap_remove_at(struct task_heap *h, size_t i);
static inline struct sched_task *theap_top(const struct task_heap *h)
{
	return h->len ? h->v[0].t : NULL;
}

/* A list-based ready queue helper: FIFO with O(1) count. */
struct task_fifo {
	struct osc_list head;
	size_t n;
};

static inline void tfifo_init(struct task_fifo *q)
{
	osc_list_init(&q->head);
	q->n = 0;
}

static inline void tfifo_push(struct task_fifo *q, struct sched_task *t,
			      bool front)
{
	if (front)
		osc_list_push_front(&q->head, &t->link);
	else
		osc_list_push_back(&q->head, &t->link);
	q->n++;
}

static inline struct sched_task *tfifo_take(struct task_fifo *q, bool last)
{
	struct osc_list *l;

	if (!q->n)
		return NULL;
	l = last ? osc_list_last(&q->head) : osc_list_first(&q->head);
	osc_list_remove(l);
	q->n--;
	return osc_container_of(l, struct sched_task, link);
}

/*
 * The ready queue of the policies that order jobs by a key (keyq.c): the
 * policy sets t->key in its push and calls keyq_add.  Policies with more
 * state put a struct keyq first in theirs.
 *
 * Next to the heap sits a run: a ring of items in ascending order.  A job
 * that orders after the run's last item is appended to it in O(1); any
 * other goes to the heap, and a pick takes the smaller of the two fronts.
 * Jobs that come back in the order they left (round robin among equal
 * vruntimes or passes, a million jobs arriving at once) then never touch
 * the heap.  Without stealing, the split is invisible; stealing takes the
 * heap's last slot, so with --steal the run is not used.
 */
struct keyq {
	struct task_heap h;
	struct th_item *run;
	size_t head, len, cap;	/* ring: cap a power of two */
	bool use_run;
};

int keyq_init(void *st, const struct osc_sched_params *p, size_t n,
	      struct osc_error *err);
void keyq_fini(void *st);
int keyq_add(void *st, struct sched_task *t);
struct sched_task *keyq_pick(void *st, uint64_t now);
struct sched_task *keyq_steal(void *st, uint64_t now);
size_t keyq_count(void *st);
/* Whether the best ready job's key is below the running job's (strictly). */
bool keyq_preempt(void *st, struct sched_task *t, uint64_t now);

#endif
