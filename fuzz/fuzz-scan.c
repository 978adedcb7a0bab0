/* fuzz-scan.c: the trace scanner on any bytes: lines, tokens, integers, messages. */
#include <config.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osc_error err;
	struct osc_scan s;
	struct osc_tok t;
	uint64_t u;
	int64_t i;
	char q[256];
	bool raw = size && data[0] == '!';

	osc_error_clear(&err);
	if (osc_scan_mem(&s, (const char *)data, size, "fuzz", &err) != OSC_OK)
		return 0;
	s.hex = size && (data[size - 1] & 1);
	while ((raw ? osc_scan_next_raw(&s) : osc_scan_next(&s)) > 0) {
		if (s.p > s.end)
			abort();
		osc_scan_u64(&s, "a number", &u);
		osc_scan_i64(&s, "a signed number", &i);
		while (osc_scan_tok(&s, &t)) {
			if (t.len == 0 || t.s < (const char *)s.buf)
				abort();
			osc_tok_quote(&t, q, sizeof q);
			if (strlen(q) > 4 * 40 + 5)
				abort();
		}
		osc_scan_expect_end(&s);
	}
	osc_scan_close(&s);
	return 0;
}
