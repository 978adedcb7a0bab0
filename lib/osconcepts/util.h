/* osconcepts/util.h: table writer, seeded random numbers, hash map, heap, lists. */
#ifndef OSCONCEPTS_UTIL_H
#define OSCONCEPTS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <osconcepts/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The table writer.  Tables are the unit of output; one writer produces one
 * document in one of three encodings:
 *
 * text: per table, a header row and the rows, columns separated by two
 *	spaces, numbers right-aligned and strings left-aligned, no trailing
 *	blanks; tables are separated by one blank line; with OSC_OUT_TITLES
 *	each table is preceded by a line `[NAME]`.  Notes (osc_out_note)
 *	appear where they are written, unless OSC_OUT_QUIET.
 * csv: RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted,
 *	quotes doubled), lines ending in LF, a header row unless
 *	OSC_OUT_NO_HEADER.  Notes are not written.
 * json: one document
 *	{"tool":T,"version":V,"params":{...},"tables":{"NAME":[{col:value,...},...],...}}
 *	numbers as JSON numbers, booleans true/false, empty cells null,
 *	strings escaped per RFC 8259.  Notes are not written.
 *
 * Numbers never depend on the locale: the decimal point is always `.`.
 * OSC_T_RATIO cells have 6 digits after the point; OSC_T_REAL cells have
 * the column's `digits` (0 means 6).
 *
 * Cells are given row by row, left to right; a row ends by itself after the
 * last column.  In text mode a table is held in memory until osc_out_end
 * (to align it); csv and json are written as they come.
 */
enum osc_format {
	OSC_FMT_TEXT,
	OSC_FMT_CSV,
	OSC_FMT_JSON
};

enum osc_type {
	OSC_T_STR,
	OSC_T_INT,	/* int64_t */
	OSC_T_UINT,	/* uint64_t */
	OSC_T_RATIO,	/* double, 6 digits */
	OSC_T_REAL,	/* double, col->digits digits */
	OSC_T_BOOL
};

struct osc_col {
	const char *name;
	enum osc_type type;
	int digits;
};

#define OSC_OUT_NO_HEADER 0x1u
#define OSC_OUT_QUIET 0x2u
#define OSC_OUT_TITLES 0x4u

struct osc_out;

/* A writer on fp (not closed by the writer).  tool and version go into the
 * JSON document.  NULL when memory runs out. */
struct osc_out *osc_out_new(FILE *fp, enum osc_format fmt, const char *tool,
			    const char *version, unsigned flags);
/* JSON "params" members, in the order given; ignored by text and csv.
 * Must come before the first osc_out_begin. */
void osc_out_param_str(struct osc_out *o, const char *key, const char *val);
void osc_out_param_u64(struct osc_out *o, const char *key, uint64_t val);
void osc_out_param_i64(struct osc_out *o, const char *key, int64_t val);
void osc_out_param_double(struct osc_out *o, const char *key, double val);
void osc_out_param_bool(struct osc_out *o, const char *key, bool val);

/* Start table `name` with ncols columns (cols must outlive the table). */
int osc_out_begin(struct osc_out *o, const char *name,
		  const struct osc_col *cols, size_t ncols);
/* One cell each, of the column's type (osc_out_null for "not applicable":
 * an empty CSV field, JSON null, an empty text cell).  A cell of the wrong
 * type is a programming error, caught by assert in debug builds. */
void osc_out_str(struct osc_out *o, const char *s);
void osc_out_i64(struct osc_out *o, int64_t v);
void osc_out_u64(struct osc_out *o, uint64_t v);
void osc_out_double(struct osc_out *o, double v);	/* RATIO and REAL */
void osc_out_bool(struct osc_out *o, bool v);
void osc_out_null(struct osc_out *o);
/* End the current table (text mode prints it now). */
int osc_out_end(struct osc_out *o);
/* A line of commentary (text mode only, not with OSC_OUT_QUIET); a newline
 * is added. */
void osc_out_note(struct osc_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum osc_format osc_out_format(const struct osc_out *o);
/* Close the document, flush fp and free the writer: OSC_OK, or OSC_EIO when
 * a write failed (errno as left by stdio), or OSC_ENOMEM. */
int osc_out_finish(struct osc_out *o);

/*
 * Seeded random numbers, identical on every platform: xoshiro256**
 * (Blackman and Vigna, 2018) seeded by expanding the 64-bit seed with
 * splitmix64.  Only integer arithmetic, so a seed gives the same sequence
 * everywhere.
 */
struct osc_rng {
	uint64_t s[4];
};

void osc_rng_seed(struct osc_rng *r, uint64_t seed);

static inline uint64_t osc_rng_rotl_(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t osc_rng_next(struct osc_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = osc_rng_rotl_(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = osc_rng_rotl_(s[3], 45);
	return result;
}

/* Uniform in [0, n) for n > 0, without modulo bias (n == 0 returns 0). */
uint64_t osc_rng_below(struct osc_rng *r, uint64_t n);
/* Uniform in [0, 1) with 53 random bits. */
double osc_rng_double(struct osc_rng *r);
/* Exponentially distributed with the given mean (> 0). */
double osc_rng_exp(struct osc_rng *r, double mean);

/*
 * A hash map from uint64_t keys (any value) to uint64_t values: open
 * addressing with linear probing, O(1) average per operation, memory
 * about 16 bytes per slot at a load factor of at most 1/2.
 * Pointers to values are valid until the next insertion or deletion.
 */
struct osc_map {
	uint64_t *keys;
	uint64_t *vals;
	size_t cap;		/* slots, a power of two (0 before the first insertion) */
	size_t len;		/* keys stored */
	bool has_special;	/* the key used to mark empty slots is stored ... */
	uint64_t special_val;	/* ... with this value */
};

/* An empty map expecting about `expected` keys (0 is fine). */
int osc_map_init(struct osc_map *m, size_t expected);
void osc_map_free(struct osc_map *m);
/* The value of key, or NULL. */
uint64_t *osc_map_get(struct osc_map *m, uint64_t key);
/* Insert or overwrite. */
int osc_map_put(struct osc_map *m, uint64_t key, uint64_t val);
/* The value slot of key, inserted with value 0 when new (*created tells,
 * may be NULL); NULL when memory runs out. */
uint64_t *osc_map_upsert(struct osc_map *m, uint64_t key, bool *created);
/* Remove key; whether it was there. */
bool osc_map_del(struct osc_map *m, uint64_t key);
/* Iterate: *it starts at 0; false when done.  No insertion or deletion meanwhile. */
bool osc_map_next(const struct osc_map *m, size_t *it, uint64_t *key,
		  uint64_t *val);

/*
 * A priority queue: a binary min-heap of (key, tie, val) items ordered by
 * key, then tie.
 * Use tie for deterministic ordering (an arrival number, an input index).
 */
struct osc_pq_item {
	uint64_t key, tie, val;
};

struct osc_pq {
	struct osc_pq_item *v;
	size_t len, cap;
};

void osc_pq_init(struct osc_pq *h);
void osc_pq_free(struct osc_pq *h);
int osc_pq_push(struct osc_pq *h, uint64_t key, uint64_t tie, uint64_t val);
/* The smallest item, or NULL when empty. */
const struct osc_pq_item *osc_pq_peek(const struct osc_pq *h);
/* Remove the smallest item into *out (may be NULL); false when empty. */
bool osc_pq_pop(struct osc_pq *h, struct osc_pq_item *out);

/*
 * Intrusive circular doubly-linked lists: embed a struct osc_list in the
 * element and recover the element with osc_container_of.  A list head is a
 * struct osc_list initialised with osc_list_init (empty: points to itself).
 */
struct osc_list {
	struct osc_list *prev, *next;
};

#define osc_container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

static inline void osc_list_init(struct osc_list *h)
{
	h->prev = h->next = h;
}

static inline bool osc_list_empty(const struct osc_list *h)
{
	return h->next == h;
}

/* Insert n between a and b. */
static inline void osc_list_link_(struct osc_list *n, struct osc_list *a,
				  struct osc_list *b)
{
	n->prev = a;
	n->next = b;
	a->next = n;
	b->prev = n;
}

static inline void osc_list_push_front(struct osc_list *h, struct osc_list *n)
{
	osc_list_link_(n, h, h->next);
}

static inline void osc_list_push_back(struct osc_list *h, struct osc_list *n)
{
	osc_list_link_(n, h->prev, h);
}

static inline void osc_list_remove(struct osc_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->prev = n->next = n;
}

/* Move n (in any list) to the front of h. */
static inline void osc_list_move_front(struct osc_list *h, struct osc_list *n)
{
	osc_list_remove(n);
	osc_list_push_front(h, n);
}

#define osc_list_first(h) ((h)->next)
#define osc_list_last(h) ((h)->prev)
#define osc_list_foreach(pos, h) \
	for ((pos) = (h)->next; (pos) != (h); (pos) = (pos)->next)

#ifdef __cplusplus
}
#endif

#endif
