/* LRU with 3 frames over the textbook reference string: a hash map finds
 * a page's frame, an intrusive list keeps the frames in recency order. */
#include <stdio.h>
#include <string.h>
#include <osconcepts.h>

#define FRAMES 3

struct frame {
	struct osc_list link;	/* most recently used first */
	uint64_t page;
};

static const struct osc_col cols[] = {
	{ "frames", OSC_T_UINT, 0 },
	{ "accesses", OSC_T_UINT, 0 },
	{ "misses", OSC_T_UINT, 0 },
	{ "miss_ratio", OSC_T_RATIO, 0 },
};

int
main(void)
{
	const char *refs = "7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1\n";
	struct frame frames[FRAMES], *f;
	struct osc_list lru;
	struct osc_map where;	/* page -> index in frames[] */
	struct osc_error err;
	struct osc_scan s;
	struct osc_out *out;
	uint64_t page, *idx, accesses = 0, misses = 0;
	size_t used = 0;

	osc_list_init(&lru);
	if (osc_map_init(&where, FRAMES) != OSC_OK ||
	    osc_scan_mem(&s, refs, strlen(refs), "refs", &err) != OSC_OK)
		return 1;
	while (osc_scan_next(&s) > 0) {
		while (!osc_scan_at_end(&s)) {
			if (osc_scan_u64(&s, "a page number", &page) != OSC_OK) {
				fprintf(stderr, "%s:%llu: %s\n", err.file,
				    (unsigned long long)err.line, err.msg);
				return 65;
			}
			accesses++;
			if ((idx = osc_map_get(&where, page)) != NULL) {
				osc_list_move_front(&lru, &frames[*idx].link);
				continue;
			}
			misses++;
			if (used < FRAMES) {
				f = &frames[used++];
				osc_list_push_front(&lru, &f->link);
			} else {
				f = osc_container_of(osc_list_last(&lru),
				    struct frame, link);
				osc_map_del(&where, f->page);
				osc_list_move_front(&lru, &f->link);
			}
			f->page = page;
			if (osc_map_put(&where, page, f - frames) != OSC_OK)
				return 1;
		}
	}
	osc_scan_close(&s);
	osc_map_free(&where);

	out = osc_out_new(stdout, OSC_FMT_CSV, "lru-example", osc_version(), 0);
	if (out == NULL || osc_out_begin(out, "summary", cols, 4) != OSC_OK)
		return 1;
	osc_out_u64(out, FRAMES);
	osc_out_u64(out, accesses);
	osc_out_u64(out, misses);
	osc_out_double(out, (double)misses / accesses);
	osc_out_end(out);
	return osc_out_finish(out) == OSC_OK ? 0 : 74;
}
