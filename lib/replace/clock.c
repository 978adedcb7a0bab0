/* clock.c: second chance: a hand sweeps the frames, clearing reference bits, and evicts the first clear one. */
#include <config.h>

#include <stdlib.h>

#include "replace-int.h"

/*
 * The reference bits are a bitmap, so the hand passes a word of 64 frames
 * at a time: it clears the set bits from the hand up to the first clear
 * one (the victim), or to the end of the word and goes on.
 */
struct clock {
	uint32_t frames, hand, used;
	uint64_t *ref;		/* reference bit per frame */
};

static int clock_init(void *st, const struct osc_replace_params *p)
{
	struct clock *s = st;

	s->frames = p->frames;
	s->ref = calloc((p->frames + 63) / 64, sizeof *s->ref);
	return s->ref ? OSC_OK : OSC_ENOMEM;
}

static void clock_fini(void *st)
{
	struct clock *s = st;

	free(s->ref);
}

static inline void clock_set(struct clock *s, uint32_t f)
{
	s->ref[f / 64] |= 1ull << (f % 64);
}

static inline bool clock_bit(const struct clock *s, uint32_t f)
{
	return s->ref[f / 64] >> (f % 64) & 1;
}

static void clock_hit(void *st, uint32_t f, uint64_t next)
{
	(void)next;
	clock_set(st, f);
}

static void clock_load(void *st, uint32_t f, uint64_t page, uint64_t next,
		bool prefetch)
{
	struct clock *s = st;

	(void)page;
	(void)next, (void)prefetch;
	clock_set(s, f);
	if (s->used < s->frames)
		s->used++;
}

/* The new page takes the victim's frame and the hand moves one past it. */
static uint32_t clock_evict(void *st, uint64_t incoming)
{
	struct clock *s = st;
	uint32_t w, b, f, end;
	uint64_t clear, upto;

	(void)incoming;
	for (;;) {
		w = s->hand / 64;
		b = s->hand % 64;
		end = s->frames - w * 64;	/* frames in this word */
		clear = ~s->ref[w] >> b << b;
		if (end < 64)
			clear &= (1ull << end) - 1;
		if (clear)
			break;
		s->ref[w] &= ~(~0ull << b);	/* bits b.. were all set */
		s->hand = end <= 64 ? 0 : (w + 1) * 64;
	}
	f = w * 64 + (uint32_t)__builtin_ctzll(clear);
	/* Second chances taken: the bits from the hand up to the victim. */
	upto = (clear & -clear) - 1;
	s->ref[w] &= ~(upto >> b << b);
	s->hand = f + 1 == s->frames ? 0 : f + 1;
	return f;
}

/* Frame order starting at the hand; the mark is the reference bit. */
static size_t clock_order(void *st, uint32_t *out, bool *marks)
{
	struct clock *s = st;
	uint32_t i;

	for (i = 0; i < s->used; i++) {
		out[i] = (s->hand + i) % s->frames;
		if (marks)
			marks[i] = clock_bit(s, out[i]);
	}
	return s->used;
}

const struct osc_replace_ops osc_replace_clock = {
	.name = "clock",
	.summary = "second chance: a hand clears reference bits until one is clear",
	.state_size = sizeof(struct clock),
	.init = clock_init,
	.fini = clock_fini,
	.hit = clock_hit,
	.load = clock_load,
	.evict = clock_evict,
	.order = clock_order,
};
