/* gen-vm.c: trace-gen vm: an address-translation problem for vm-translate (a vmmap file and a vaddr trace). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace-gen.h"

enum vm_mode { M_BASE_BOUNDS, M_SEGMENT, M_LINEAR, M_MULTILEVEL };

static const char *const mode_names[] = {
	"base-bounds", "segment", "linear", "multilevel", NULL
};

struct vm_params {
	enum vm_mode mode;
	const char *map_out;
	uint64_t as_size, pm_size, page_size, count, valid_pct;
};

enum {
	OPT_MODE = 0x100, OPT_MAP_OUT, OPT_AS_SIZE, OPT_PM_SIZE, OPT_PAGE_SIZE,
	OPT_VALID_PCT, OPT_COUNT
};

static const struct argp_option vm_options[] = {
	{ "mode", OPT_MODE, "MODE", 0,
	  "base-bounds, segment, linear (default) or multilevel", 0 },
	{ "map-out", OPT_MAP_OUT, "FILE", 0,
	  "write the mappings (vmmap format) to FILE (required)", 0 },
	{ "as-size", OPT_AS_SIZE, "BYTES", 0,
	  "virtual address space, a power of two (a size; default 16K)", 0 },
	{ "pm-size", OPT_PM_SIZE, "BYTES", 0,
	  "physical memory, a power of two (a size; default 64K)", 0 },
	{ "page-size", OPT_PAGE_SIZE, "BYTES", 0,
	  "page size, a power of two (a size; default 1K)", 0 },
	{ "valid-pct", OPT_VALID_PCT, "P", 0,
	  "percent of pages mapped and of addresses that are valid "
	  "(default 50)", 0 },
	{ "count", OPT_COUNT, "N", 0,
	  "addresses to write (a count; default 10)", 0 },
	{ 0 }
};

static void vm_defaults(void *params)
{
	struct vm_params *p = params;

	p->mode = M_LINEAR;
	p->as_size = 16 << 10;
	p->pm_size = 64 << 10;
	p->page_size = 1 << 10;
	p->count = 10;
	p->valid_pct = 50;
}

static bool pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static void vm_check(struct argp_state *state, const struct vm_params *p)
{
	if (p->map_out == NULL)
		argp_error(state, "--map-out=FILE is required");
	if (!pow2(p->as_size) || !pow2(p->pm_size) || !pow2(p->page_size))
		argp_error(state, "--as-size, --pm-size and --page-size must be "
			   "powers of two");
	if (p->as_size > ((uint64_t)1 << 40) || p->pm_size > ((uint64_t)1 << 40))
		argp_error(state, "--as-size and --pm-size must be at most 1T");
	if (p->page_size > p->as_size || p->page_size > p->pm_size)
		argp_error(state, "--page-size must not exceed --as-size or "
			   "--pm-size");
	if (p->as_size / p->page_size > ((uint64_t)1 << 24))
		argp_error(state, "at most 2^24 virtual pages");
	if (p->valid_pct > 100)
		argp_error(state, "invalid value for --valid-pct: expected 0 to 100");
}

static error_t vm_parse(int key, char *arg, struct argp_state *state)
{
	struct vm_params *p = state->input;

	switch (key) {
	case OPT_MODE:
		p->mode = (enum vm_mode)osc_cli_choice(state, "--mode", arg,
						       mode_names);
		break;
	case OPT_MAP_OUT: p->map_out = arg; break;
	case OPT_AS_SIZE:
		p->as_size = osc_cli_num(state, "--as-size", arg, OSC_NUM_SIZE);
		break;
	case OPT_PM_SIZE:
		p->pm_size = osc_cli_num(state, "--pm-size", arg, OSC_NUM_SIZE);
		break;
	case OPT_PAGE_SIZE:
		p->page_size = osc_cli_num(state, "--page-size", arg,
					   OSC_NUM_SIZE);
		break;
	case OPT_VALID_PCT:
		p->valid_pct = osc_cli_num(state, "--valid-pct", arg,
					   OSC_NUM_PLAIN);
		break;
	case OPT_COUNT:
		p->count = osc_cli_num(state, "--count", arg, OSC_NUM_COUNT);
		break;
	case ARGP_KEY_END:
		vm_check(state, p);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp vm_argp = { vm_options, vm_parse, NULL, NULL, NULL,
				     NULL, NULL };

static bool chance(struct osc_rng *r, uint64_t pct)
{
	return osc_rng_below(r, 100) < pct;
}

/* The map is whole and closed before the first address: a reader of the
 * addresses that stops early (`| head`) ends trace-gen by SIGPIPE and
 * leaves a complete map file (trace-gen(1), vm). */
static int map_close(FILE *map, const struct vm_params *p,
		     struct osc_error *err)
{
	if (ferror(map) | fclose(map))
		return osc_error_sys(err, OSC_EIO, errno, p->map_out,
				     "cannot write the map file");
	return OSC_OK;
}

/* One process with base and bounds: addresses below bounds are valid. */
static int gen_bb(struct tg *tg, const struct vm_params *p, FILE *map,
		  struct osc_error *err)
{
	uint64_t lim = p->as_size < p->pm_size ? p->as_size : p->pm_size;
	uint64_t bounds = lim / 4 + osc_rng_below(&tg->rng, lim - lim / 4 + 1);
	uint64_t base = osc_rng_below(&tg->rng, p->pm_size - bounds + 1), i;

	fprintf(map, "base %llu\nbounds %llu\n", (unsigned long long)base,
		(unsigned long long)bounds);
	if (map_close(map, p, err) != OSC_OK)
		return OSC_EIO;
	for (i = 0; i < p->count; i++) {
		if (chance(&tg->rng, p->valid_pct) || bounds == p->as_size)
			tg_putu(tg, osc_rng_below(&tg->rng, bounds));
		else
			tg_putu(tg, bounds + osc_rng_below(&tg->rng,
							   p->as_size - bounds));
		tg_putc(tg, '\n');
	}
	return OSC_OK;
}

/* Segment 0 (code, grows up) in the low half of physical memory, segment
 * 1 (stack, grows down) in the high half. */
static int gen_segment(struct tg *tg, const struct vm_params *p, FILE *map,
		       struct osc_error *err)
{
	uint64_t half = p->as_size / 2, phalf = p->pm_size / 2;
	uint64_t room = half < phalf ? half : phalf, lim[2], base[2], i, s, off;

	for (s = 0; s < 2; s++)
		lim[s] = 1 + osc_rng_below(&tg->rng, room);
	base[0] = osc_rng_below(&tg->rng, phalf - lim[0] + 1);
	base[1] = phalf + lim[1] + osc_rng_below(&tg->rng, phalf - lim[1] + 1);
	fprintf(map, "segment 0 base=%llu limit=%llu prot=r-x\n"
		"segment 1 base=%llu limit=%llu grows=down prot=rw\n",
		(unsigned long long)base[0], (unsigned long long)lim[0],
		(unsigned long long)base[1], (unsigned long long)lim[1]);
	if (map_close(map, p, err) != OSC_OK)
		return OSC_EIO;
	for (i = 0; i < p->count; i++) {
		s = osc_rng_below(&tg->rng, 2);
		if (chance(&tg->rng, p->valid_pct) || lim[s] == half)
			off = osc_rng_below(&tg->rng, lim[s]);
		else
			off = lim[s] + osc_rng_below(&tg->rng, half - lim[s]);
		/* The stack's offsets count down from the top of its range. */
		tg_puts(tg, s == 0 && osc_rng_below(&tg->rng, 2) ? "X " : "R ");
		tg_putu(tg, s == 0 ? off : p->as_size - 1 - off);
		tg_putc(tg, '\n');
	}
	return OSC_OK;
}

/* valid-pct of the pages mapped to distinct random frames; valid-pct of
 * the addresses fall in mapped pages. */
static int gen_pages(struct tg *tg, const struct vm_params *p, FILE *map,
		     struct osc_error *err)
{
	uint64_t pages = p->as_size / p->page_size, frames = p->pm_size / p->page_size;
	uint64_t *frame = malloc(frames * sizeof *frame), *used;
	uint64_t nused = 0, v, i, j, t;

	used = malloc(pages * sizeof *used);
	if (frame == NULL || used == NULL) {
		free(frame);
		free(used);
		fclose(map);
		return osc_error_set(err, OSC_ENOMEM, NULL, 0, "out of memory");
	}
	for (i = 0; i < frames; i++)
		frame[i] = i;
	for (v = 0; v < pages && nused < frames; v++) {
		if (!chance(&tg->rng, p->valid_pct))
			continue;
		j = nused + osc_rng_below(&tg->rng, frames - nused);
		t = frame[j], frame[j] = frame[nused], frame[nused] = t;
		fprintf(map, "page %llu %llu%s\n", (unsigned long long)v,
			(unsigned long long)t,
			osc_rng_below(&tg->rng, 4) ? "" : " prot=r");
		used[nused++] = v;
	}
	free(frame);
	if (map_close(map, p, err) != OSC_OK) {
		free(used);
		return OSC_EIO;
	}
	for (i = 0; i < p->count; i++) {
		if (nused && chance(&tg->rng, p->valid_pct))
			v = used[osc_rng_below(&tg->rng, nused)];
		else
			v = osc_rng_below(&tg->rng, pages);
		tg_puts(tg, osc_rng_below(&tg->rng, 4) ? "R " : "W ");
		tg_putu(tg, v * p->page_size +
			osc_rng_below(&tg->rng, p->page_size));
		tg_putc(tg, '\n');
	}
	free(used);
	return OSC_OK;
}

static int vm_run(struct tg *tg, const void *params, struct osc_error *err)
{
	const struct vm_params *p = params;
	FILE *map = fopen(p->map_out, "w");

	if (map == NULL)
		return osc_error_sys(err, OSC_EOS, errno, p->map_out,
				     "cannot create the map file");
	fprintf(map, "# trace-gen vm --mode=%s: mappings of process 0 for "
		"vm-translate --as-size=%llu --pm-size=%llu --page-size=%llu\n",
		mode_names[p->mode], (unsigned long long)p->as_size,
		(unsigned long long)p->pm_size, (unsigned long long)p->page_size);
	switch (p->mode) {
	case M_BASE_BOUNDS: return gen_bb(tg, p, map, err);
	case M_SEGMENT: return gen_segment(tg, p, map, err);
	default: return gen_pages(tg, p, map, err);
	}
}

const struct tg_kind tg_vm = {
	.name = "vm",
	.summary = "an address-translation problem for vm-translate (vaddr and vmmap)",
	.argp = &vm_argp,
	.params_size = sizeof(struct vm_params),
	.defaults = vm_defaults,
	.run = vm_run,
};
