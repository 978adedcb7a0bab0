/* rng.c: xoshiro256** seeded through splitmix64, and the few draws the tools need. */
#include <config.h>

#include <math.h>

#include "osconcepts.h"

/* One step of splitmix64 (Steele, Lea and Flood, 2014), the expansion the
 * xoshiro authors recommend for turning one 64-bit seed into a state. */
static uint64_t rng_splitmix64(uint64_t *x)
{
	uint64_t z;

	*x += 0x9e3779b97f4a7c15u;
	z = *x;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void osc_rng_seed(struct osc_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	/* Four consecutive splitmix64 outputs are never all zero, so the
	 * xoshiro state is always valid. */
	for (i = 0; i < 4; i++)
		r->s[i] = rng_splitmix64(&x);
}

/*
 * Lemire's multiply-shift (ACM TOMACS 2019): the high word of x * n is
 * uniform in [0, n) once the draws whose low word falls below 2^64 mod n
 * are rejected.  The division happens only in the rare rejection path.
 */
uint64_t osc_rng_below(struct osc_rng *r, uint64_t n)
{
	unsigned __int128 m;
	uint64_t lo, threshold;

	if (n == 0)
		return 0;
	m = (unsigned __int128)osc_rng_next(r) * n;
	lo = (uint64_t)m;
	if (lo < n) {
		threshold = -n % n;
		while (lo < threshold) {
			m = (unsigned __int128)osc_rng_next(r) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

double osc_rng_double(struct osc_rng *r)
{
	return (double)(osc_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Inversion of the exponential distribution; u < 1 keeps log1p finite. */
double osc_rng_exp(struct osc_rng *r, double mean)
{
	return -mean * log1p(-osc_rng_double(r));
}
