/* jobs.c: job sets and their readers: the jobs trace format and SWF logs. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sched-int.h"

void osc_sched_jobset_init(struct osc_sched_jobset *set)
{
	memset(set, 0, sizeof *set);
}

void osc_sched_jobset_free(struct osc_sched_jobset *set)
{
	free(set->v);
	free(set->names);
	free(set->index);
	memset(set, 0, sizeof *set);
}

void osc_sched_job_default(struct osc_sched_job *job)
{
	memset(job, 0, sizeof *job);
	job->tickets = 100;
}

/* FNV-1a, then splitmix64's finaliser: FNV's low bits depend only on
 * the low bits of the bytes, and the table is indexed by the low bits. */
static uint64_t name_hash(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);

	while (len--) {
		h ^= (unsigned char)*s++;
		h *= UINT64_C(1099511628211);
	}
	h = (h ^ (h >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	h = (h ^ (h >> 27)) * UINT64_C(0x94d049bb133111eb);
	return h ^ (h >> 31);
}

/* The name index: open addressing of job numbers + 1 (0 = empty). */
static uint32_t *name_slot(const struct osc_sched_jobset *set,
			   const char *name, size_t len)
{
	size_t mask = set->index_cap - 1;
	size_t i = (size_t)name_hash(name, len) & mask;

	for (;; i = (i + 1) & mask) {
		uint32_t *slot = &set->index[i];
		const char *other;

		if (!*slot)
			return slot;
		other = set->names + set->v[*slot - 1].name;
		if (strncmp(other, name, len) == 0 && other[len] == '\0')
			return slot;
	}
}

static int name_grow(struct osc_sched_jobset *set)
{
	size_t cap = set->index_cap ? 2 * set->index_cap : 64, i;
	uint32_t *old = set->index;
	size_t old_cap = set->index_cap;

	set->index = calloc(cap, sizeof *set->index);
	if (!set->index) {
		set->index = old;
		return OSC_ENOMEM;
	}
	set->index_cap = cap;
	for (i = 0; i < old_cap; i++)
		if (old[i]) {
			const char *nm = set->names + set->v[old[i] - 1].name;

			*name_slot(set, nm, strlen(nm)) = old[i];
		}
	free(old);
	return OSC_OK;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return OSC_OK;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return OSC_ENOMEM;
	*p = np;
	*cap = ncap;
	return OSC_OK;
}

int osc_sched_add_job(struct osc_sched_jobset *set, const char *name,
		      size_t len, const struct osc_sched_job *job,
		      struct osc_error *err)
{
	uint32_t *slot;

	if (set->n >= UINT32_MAX - 1 || set->names_len + len + 1 > UINT32_MAX)
		return osc_error_set(err, OSC_ENOMEM, NULL, 0,
				     "too many jobs (at most 2^32 - 2)");
	if ((2 * (set->n + 1) > set->index_cap && name_grow(set) != OSC_OK) ||
	    grow((void **)&set->v, &set->cap, set->n + 1, sizeof *set->v) ||
	    grow((void **)&set->names, &set->names_cap,
		 set->names_len + len + 1, 1))
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	slot = name_slot(set, name, len);
	if (*slot)
		return osc_error_set(err, OSC_EDATA, NULL, 0,
				     "duplicate job name \"%.*s\"",
				     (int)(len > 64 ? 64 : len), name);
	/* Lottery sums the tickets of the ready jobs in 64 bits. */
	if (job->tickets > UINT64_MAX - set->tickets)
		return osc_error_set(err, OSC_EDATA, NULL, 0,
				     "expected the tickets of all jobs to sum below 2^64, found %llu more",
				     (unsigned long long)job->tickets);
	set->tickets += job->tickets;
	set->v[set->n] = *job;
	set->v[set->n].name = (uint32_t)set->names_len;
	memcpy(set->names + set->names_len, name, len);
	set->names[set->names_len + len] = '\0';
	set->names_len += len + 1;
	*slot = (uint32_t)++set->n;
	return OSC_OK;
}
