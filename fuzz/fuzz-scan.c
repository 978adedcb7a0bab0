/* fuzz-scan.c: the trace scanner on any bytes: lines, tokens, integers, messages. */
#include <config.h>

#include "fuzz.h"

/* The bulk reader of plain lines agrees with the general one: each value
 * it returns is what osc_scan_u64 reads on that line, with the same line
 * number, and both stop on the same lines. */
static void plain_agrees(const uint8_t *data, size_t size)
{
	struct osc_scan a, b;
	uint64_t v[256], u;
	size_t k, i;
	int ra, rb;

	if (osc_scan_mem(&a, (const char *)data, size, "a", NULL) != OSC_OK)
		return;
	if (osc_scan_mem(&b, (const char *)data, size, "b", NULL) != OSC_OK) {
		osc_scan_close(&a);
		return;
	}
	for (;;) {
		k = osc_scan_plain_u64(&a, v, 1 + size % 256);
		for (i = 0; i < k; i++)
			if (osc_scan_next(&b) != 1 ||
			    osc_scan_u64(&b, "n", &u) != OSC_OK || u != v[i] ||
			    b.line != a.line - k + 1 + i)
				abort();
		if (k)
			continue;
		ra = osc_scan_next(&a);
		rb = osc_scan_next(&b);
		if (ra != rb || a.line != b.line)
			abort();
		if (ra != 1)
			break;
	}
	osc_scan_close(&a);
	osc_scan_close(&b);
}

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
	plain_agrees(data, size);
	return 0;
}
