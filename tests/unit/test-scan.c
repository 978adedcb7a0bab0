/* test-scan.c: the trace scanner: lines, comments, separators, integers, errors. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "osconcepts.h"
#include "tap.h"

/* Scan text and join every record's tokens with '|', records with ';'. */
static const char *records(const char *text, size_t len, char *out, size_t size)
{
	struct osc_scan s;
	struct osc_tok t;
	size_t n = 0;

	osc_scan_mem(&s, text, len, "mem", NULL);
	out[0] = '\0';
	while (osc_scan_next(&s) > 0) {
		bool first = true;

		while (osc_scan_tok(&s, &t)) {
			n += (size_t)snprintf(out + n, size - n, "%s%.*s",
					      first ? "" : "|", (int)t.len, t.s);
			first = false;
		}
		n += (size_t)snprintf(out + n, size - n, ";");
	}
	osc_scan_close(&s);
	return out;
}

static void test_lexing(void)
{
	char buf[512];
	static const char crlf[] = "a b\r\n\r\n# only\r\nc,d\r\n";
	static const char nul[] = "a b\nc\0d\n";

	is_str(records("1 2\n3\t4\n", 8, buf, sizeof buf), "1|2;3|4;",
	       "spaces and tabs separate fields");
	is_str(records("1,2 , 3\n", 8, buf, sizeof buf), "1|2|3;",
	       "commas separate fields, with blanks around them");
	is_str(records("\n  \n# c\n5 # x\n#\n", 16, buf, sizeof buf), "5;",
	       "comments and blank lines are skipped");
	is_str(records(crlf, sizeof crlf - 1, buf, sizeof buf), "a|b;c|d;",
	       "CRLF line ends are accepted");
	is_str(records("7\n8", 3, buf, sizeof buf), "7;8;",
	       "a last line without a newline is read");
	is_str(records("", 0, buf, sizeof buf), "", "empty input has no record");
	{
		struct osc_error err;
		struct osc_scan s;

		osc_error_clear(&err);
		osc_scan_mem(&s, nul, sizeof nul - 1, "mem", &err);
		ok(osc_scan_next(&s) == 1 && s.line == 1, "the line before a NUL is read");
		ok(osc_scan_next(&s) == -1 && err.status == OSC_EDATA &&
		   err.line == 2, "a NUL byte is an error on its line");
		is_str(err.msg, "expected text, found a NUL byte", "NUL message");
		ok(osc_scan_next(&s) == -1, "and stays one");
		osc_scan_close(&s);
	}
}

static void test_line_numbers(void)
{
	struct osc_scan s;
	uint64_t lines[4];
	int n = 0;

	osc_scan_mem(&s, "# h\n1\n\n2\n#\n3", 12, "mem", NULL);
	while (osc_scan_next(&s) > 0 && n < 4)
		lines[n++] = s.line;
	osc_scan_close(&s);
	is_u64(n, 3, "three records");
	is_u64(lines[0], 2, "first record on line 2");
	is_u64(lines[1], 4, "second record on line 4");
	is_u64(lines[2], 6, "third record on line 6");
}

static int u64_of(const char *text, bool hex, uint64_t *v, bool *over)
{
	struct osc_tok t = { text, strlen(text) };

	return osc_tok_u64(&t, hex, v, over);
}

static void test_integers(void)
{
	uint64_t v = 0;
	int64_t i = 0;
	bool over = false;
	struct osc_tok t;

	ok(u64_of("18446744073709551615", false, &v, &over) == OSC_OK &&
	   v == UINT64_MAX, "2^64-1 in decimal");
	ok(u64_of("18446744073709551616", false, &v, &over) == OSC_EDATA &&
	   over, "2^64 overflows");
	ok(u64_of("0xffffffffffffffff", false, &v, &over) == OSC_OK &&
	   v == UINT64_MAX, "2^64-1 in hex");
	ok(u64_of("0x10000000000000000", false, &v, &over) == OSC_EDATA &&
	   over, "2^64 in hex overflows");
	ok(u64_of("0X1F", false, &v, NULL) == OSC_OK && v == 31, "0X prefix");
	ok(u64_of("a1663dc4", true, &v, NULL) == OSC_OK && v == 0xa1663dc4,
	   "hex mode reads digits without prefix");
	ok(u64_of("a1", false, &v, &over) == OSC_EDATA && !over,
	   "letters are junk in decimal mode");
	ok(u64_of("0x", false, &v, NULL) == OSC_EDATA, "0x alone is junk");
	ok(u64_of("-1", false, &v, NULL) == OSC_EDATA, "no sign on unsigned");
	ok(u64_of("12z", false, &v, NULL) == OSC_EDATA, "trailing junk");
	t = (struct osc_tok){ "-9223372036854775808", 20 };
	ok(osc_tok_i64(&t, false, &i, NULL) == OSC_OK && i == INT64_MIN,
	   "INT64_MIN");
	t = (struct osc_tok){ "9223372036854775808", 19 };
	ok(osc_tok_i64(&t, false, &i, &over) == OSC_EDATA && over,
	   "INT64_MAX + 1 overflows");
	t = (struct osc_tok){ "-20", 3 };
	ok(osc_tok_i64(&t, false, &i, NULL) == OSC_OK && i == -20, "-20");
}

static void test_messages(void)
{
	struct osc_error err;
	struct osc_scan s;
	uint64_t v;

	osc_error_clear(&err);
	osc_scan_mem(&s, "1\n# c\nR 0xZZ\n", 13, "refs.txt", &err);
	osc_scan_next(&s);
	osc_scan_next(&s);
	osc_scan_tok(&s, &(struct osc_tok){ 0 });
	ok(osc_scan_u64(&s, "an address", &v) == OSC_EDATA, "bad address fails");
	is_str(err.msg, "expected an address, found \"0xZZ\"", "message");
	is_u64(err.line, 3, "line of the bad address");
	is_str(err.file, "refs.txt", "file of the bad address");
	ok(osc_scan_u64(&s, "a size", &v) == OSC_EDATA, "missing field fails");
	is_str(err.msg, "expected a size, found end of line", "end-of-line message");
	osc_scan_close(&s);

	osc_scan_mem(&s, "5 6\n", 4, "x", &err);
	osc_scan_next(&s);
	osc_scan_u64(&s, "a page", &v);
	ok(osc_scan_expect_end(&s) == OSC_EDATA, "extra field fails");
	is_str(err.msg, "expected end of line, found \"6\"", "extra-field message");
	osc_scan_close(&s);
}

static void test_quote(void)
{
	char buf[200];
	struct osc_tok t = { "a\"\x01\xff", 4 };
	char big[100];

	is_str(osc_tok_quote(&t, buf, sizeof buf), "\"a\\x22\\x01\\xff\"",
	       "quotes and bytes outside printable ASCII are escaped");
	memset(big, 'x', sizeof big);
	t = (struct osc_tok){ big, sizeof big };
	osc_tok_quote(&t, buf, sizeof buf);
	is_u64(strlen(buf), 40 + 3 + 2, "long tokens are cut at 40 bytes");
}

/* Lines longer than the initial buffer, through a pipe. */
static void test_long_line(void)
{
	size_t len = (3u << 20) + 5;
	char *text = malloc(len + 3);
	struct osc_scan s;
	struct osc_tok t;
	int fds[2];
	pid_t pid;

	memset(text, '7', len);
	memcpy(text + len, "\n1\n", 3);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		ok(0, "pipe and fork");
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		if (write(fds[1], text, len + 3) != (ssize_t)(len + 3))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	osc_scan_fd(&s, fds[0], "pipe", NULL);
	ok(osc_scan_next(&s) == 1 && osc_scan_tok(&s, &t) && t.len == len,
	   "a 3 MiB line is one token");
	ok(osc_scan_next(&s) == 1 && s.line == 2, "the next line follows");
	ok(osc_scan_next(&s) == 0, "then end of input");
	osc_scan_close(&s);
	close(fds[0]);
	free(text);
}

/* Page numbers alone on their lines are read in bulk; every other line
 * (comment, CRLF, a second field, 20 digits, no final LF) is left to
 * osc_scan_next, and line numbers stay right. */
static void test_plain(void)
{
	static const char text[] = "# c\n12\n345\n0\n7 W\n99\n8\r\n"
		"18446744073709551615\n5";
	struct osc_scan s;
	uint64_t v[4];

	osc_scan_mem(&s, text, sizeof text - 1, "plain", NULL);
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "a comment line is not plain");
	ok(osc_scan_next(&s) == 1 && s.line == 2, "osc_scan_next reads it");
	ok(osc_scan_plain_u64(&s, v, 4) == 2 && v[0] == 345 && v[1] == 0 &&
	   s.line == 4, "two plain lines in bulk");
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "a line with two fields stops it");
	ok(osc_scan_next(&s) == 1 && s.line == 5 && *s.p == '7',
	   "and is read next, with its number");
	ok(osc_scan_plain_u64(&s, v, 1) == 1 && v[0] == 99 && s.line == 6,
	   "at most max lines");
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "CRLF is left to the general path");
	ok(osc_scan_next(&s) == 1 && s.line == 7, "which reads it");
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "20 digits are left to it too");
	ok(osc_scan_next(&s) == 1 && s.line == 8, "for the overflow check");
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "a last line without LF too");
	ok(osc_scan_next(&s) == 1 && s.line == 9 && *s.p == '5', "which reads it");
	ok(osc_scan_next(&s) == 0 && osc_scan_plain_u64(&s, v, 4) == 0,
	   "then end of input");
	osc_scan_close(&s);
	osc_scan_mem(&s, "10\n", 3, "hex", NULL);
	s.hex = true;
	is_u64(osc_scan_plain_u64(&s, v, 4), 0, "nothing in bulk in hex mode");
	osc_scan_close(&s);
}

/* A number split between two reads of a pipe is read whole. */
/*
 * Generated lines, plain ones of 1 to maxd digits and, one in odd_every,
 * others with one odd byte (bytes next to '0'..'9' in value, high bytes
 * that carry when 6 is added, separators): every plain line must come
 * back in bulk (batch values at a time) with the value strtoull gives,
 * every other one through osc_scan_next.  Short lines and rare odd ones
 * make whole 64-byte blocks of plain lines, with the 8/9-digit boundary
 * and odd bytes at every place in a block.
 */
static void plain_generated(unsigned maxd, unsigned odd_every, size_t batch)
{
	static const char odd[] = "/:?a \r\xfa\xff";
	enum { LINES = 40000 };
	char *text = malloc(LINES * 22), line[24];
	uint64_t *want = malloc(LINES * sizeof *want), v[256];
	bool *plain = malloc(LINES);
	size_t len = 0, i, k, n = 0, bad = 0;
	unsigned seed = 7 + maxd, d, j;
	struct osc_scan s;

	for (i = 0; i < LINES; i++) {
		d = 1 + (unsigned)rand_r(&seed) % maxd;
		plain[i] = rand_r(&seed) % odd_every != 0;
		if (!plain[i] && d == 1)
			d = 2;	/* so that a separator does not blank it */
		for (j = 0; j < d; j++)
			line[j] = (char)('0' + rand_r(&seed) % 10);
		if (!plain[i])
			line[rand_r(&seed) % d] = odd[rand_r(&seed) % 8];
		line[d] = '\0';
		want[i] = strtoull(line, NULL, 10);
		memcpy(text + len, line, d);
		len += d;
		text[len++] = '\n';
	}
	osc_scan_mem(&s, text, len, "gen", NULL);
	while (n < LINES) {
		k = osc_scan_plain_u64(&s, v, batch);
		for (i = 0; i < k && n < LINES; i++, n++)
			if (!plain[n] || v[i] != want[n] || s.line < n + 1)
				bad++;
		if (k == 0) {
			if (osc_scan_next(&s) != 1 || plain[n] ||
			    s.line != n + 1)
				bad++;
			n++;
		}
	}
	is_u64(bad, 0, "%d generated lines of 1 to %u digits, 1 in %u odd, "
	       "batches of %zu: plain ones in bulk, exact", LINES, maxd,
	       odd_every, batch);
	osc_scan_close(&s);
	free(text);
	free(want);
	free(plain);
}

static void test_plain_generated(void)
{
	plain_generated(19, 8, 64);
	plain_generated(9, 40, 256);
	plain_generated(8, 200, 256);
	plain_generated(3, 8, 100);
}

/* Blocks of short lines stop where a line is empty or too long, and go
 * on after: every value, in order, and the line numbers. */
static void test_plain_blocks(void)
{
	char text[2048];
	uint64_t v[256], want;
	size_t len = 0, k, n = 0, i;
	struct osc_scan s;
	bool good = true;

	for (i = 0; i < 300; i++) {
		want = i % 50 == 49 ? 123456789012ul + i : i * 1111;
		len += (size_t)sprintf(text + len, "%s%" PRIu64 "\n",
				       i == 100 ? "\n" : "", want);
	}
	osc_scan_mem(&s, text, len, "blocks", NULL);
	while (n < 300) {
		k = osc_scan_plain_u64(&s, v, 256);
		for (i = 0; i < k; i++, n++)
			good = good && v[i] == (n % 50 == 49 ?
						123456789012ul + n : n * 1111);
		if (k > 0)
			continue;
		/* the empty line stops the bulk read: then line 102 */
		if (osc_scan_next(&s) != 1 ||
		    osc_scan_u64(&s, "a page", &v[0]) != OSC_OK)
			break;
		good = good && n == 100 && v[0] == 111100 && s.line == 102;
		n++;
	}
	ok(good && n == 300 && s.line == 301,
	   "long lines and an empty one among short ones: all read, in order");
	osc_scan_close(&s);
}

static void test_plain_split(void)
{
	struct osc_scan s;
	uint64_t v[4];
	size_t n = 0, k;
	int fds[2];
	pid_t pid;

	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		ok(0, "pipe and fork");
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		if (write(fds[1], "123", 3) != 3)
			_exit(1);
		usleep(20000);
		if (write(fds[1], "45\n6\n", 5) != 5)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	osc_scan_fd(&s, fds[0], "pipe", NULL);
	while (n < 4 && (k = osc_scan_plain_u64(&s, v + n, 4 - n)) > 0)
		n += k;
	ok(n == 2 && v[0] == 12345 && v[1] == 6 && s.line == 2,
	   "12345 split as 123|45 is one number");
	ok(osc_scan_next(&s) == 0, "then end of input");
	osc_scan_close(&s);
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

/* A NUL byte read blocks after the start is found on its own line. */
static void test_late_nul(void)
{
	size_t i, n = 1u << 21;	/* 2 MiB of "1\n" lines, then "2\0" */
	char *text = malloc(n + 3);
	struct osc_error err;
	struct osc_scan s;
	uint64_t lines = 0;
	int fds[2], r;
	pid_t pid;

	for (i = 0; i < n; i += 2)
		memcpy(text + i, "1\n", 2);
	memcpy(text + n, "2\0\n", 3);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		ok(0, "pipe and fork");
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		_exit(write(fds[1], text, n + 3) == (ssize_t)(n + 3) ? 0 : 1);
	}
	close(fds[1]);
	osc_error_clear(&err);
	osc_scan_fd(&s, fds[0], "pipe", &err);
	while ((r = osc_scan_next(&s)) > 0)
		lines++;
	ok(r == -1 && err.status == OSC_EDATA, "a late NUL is an error");
	is_u64(lines, n / 2, "every line before it is read");
	is_u64(err.line, n / 2 + 1, "the error names the NUL's line");
	osc_scan_close(&s);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	free(text);
}

static void test_open_errors(void)
{
	struct osc_error err;
	struct osc_scan s;

	osc_error_clear(&err);
	ok(osc_scan_open(&s, "/nonexistent/x", &err) == OSC_ENOINPUT,
	   "missing file is OSC_ENOINPUT");
	is_u64(err.sys_errno, ENOENT, "with ENOENT");
	ok(osc_scan_open(&s, "/", &err) == OSC_ENOINPUT, "a directory is refused");
}

int main(void)
{
	test_lexing();
	test_line_numbers();
	test_integers();
	test_messages();
	test_quote();
	test_long_line();
	test_late_nul();
	test_plain();
	test_plain_generated();
	test_plain_blocks();
	test_plain_split();
	test_open_errors();
	return tap_done();
}
