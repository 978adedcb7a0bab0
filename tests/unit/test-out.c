/* test-out.c: the table writer's exact text, CSV and JSON output. */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

#include "osconcepts.h"
#include "tap.h"

typedef void fill_fn(struct osc_out *o);

/* Run fill on a new writer into memory; the document, *st the status of
 * osc_out_finish.  The caller frees the result. */
static char *run(enum osc_format fmt, unsigned flags, fill_fn *fill, int *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct osc_out *o;

	if (!fp)
		abort();
	o = osc_out_new(fp, fmt, "page-replay", "1.2.3", flags);
	if (!o)
		abort();
	fill(o);
	*st = osc_out_finish(o);
	fclose(fp);
	return buf;
}

static void check(enum osc_format fmt, unsigned flags, fill_fn *fill,
		  const char *want, const char *what)
{
	int st;
	char *got = run(fmt, flags, fill, &st);

	is_str(got, want, "%s", what);
	free(got);
}

/*
 * The two-table document: every cell type, a null in a string, a REAL and
 * a BOOL column, a negative number rounding to zero (printed without the
 * minus sign), 2^64-1, notes before, between, inside and after tables.
 */
static const struct osc_col summary[] = {
	{ "policy", OSC_T_STR, 0 }, { "misses", OSC_T_UINT, 0 },
	{ "delta", OSC_T_INT, 0 }, { "ratio", OSC_T_RATIO, 0 },
	{ "mean", OSC_T_REAL, 2 }, { "warm", OSC_T_BOOL, 0 },
};
static const struct osc_col cfg[] = {
	{ "key", OSC_T_STR, 0 }, { "val", OSC_T_UINT, 0 },
};

static void fill_doc(struct osc_out *o)
{
	osc_out_param_str(o, "policy", "lru");
	osc_out_param_u64(o, "frames", 3);
	osc_out_param_i64(o, "offset", -5);
	osc_out_param_double(o, "alpha", 0.3);
	osc_out_param_bool(o, "warm", true);
	osc_out_note(o, "simulating %d policies", 2);
	osc_out_begin(o, "summary", summary, 6);
	osc_out_str(o, "fifo");
	osc_out_u64(o, 9);
	osc_out_i64(o, -2);
	osc_out_double(o, 0.75);
	osc_out_double(o, 2.5);
	osc_out_bool(o, true);
	osc_out_str(o, "lru");
	osc_out_u64(o, 10);
	osc_out_i64(o, 0);
	osc_out_double(o, 1.0 / 3);
	osc_out_null(o);
	osc_out_bool(o, false);
	osc_out_null(o);
	osc_out_u64(o, 123456);
	osc_out_i64(o, 7);
	osc_out_double(o, 0);
	osc_out_double(o, -0.004);
	osc_out_bool(o, true);
	osc_out_end(o);
	osc_out_note(o, "between");
	osc_out_begin(o, "cfg", cfg, 2);
	osc_out_str(o, "frames");
	osc_out_u64(o, 3);
	osc_out_note(o, "held %.1f", 0.5);
	osc_out_str(o, "seed");
	osc_out_u64(o, UINT64_MAX);
	osc_out_end(o);
	osc_out_note(o, "last");
}

static const char doc_text[] =
	"simulating 2 policies\n"
	"\n"
	"policy  misses  delta     ratio  mean  warm\n"
	"fifo         9     -2  0.750000  2.50  true\n"
	"lru         10      0  0.333333        false\n"
	"        123456      7  0.000000  0.00  true\n"
	"\n"
	"between\n"
	"\n"
	"key                      val\n"
	"frames                     3\n"
	"seed    18446744073709551615\n"
	"\n"
	"held 0.5\n"
	"last\n";

static const char doc_text_quiet_titles[] =
	"[summary]\n"
	"policy  misses  delta     ratio  mean  warm\n"
	"fifo         9     -2  0.750000  2.50  true\n"
	"lru         10      0  0.333333        false\n"
	"        123456      7  0.000000  0.00  true\n"
	"\n"
	"[cfg]\n"
	"key                      val\n"
	"frames                     3\n"
	"seed    18446744073709551615\n";

static const char doc_csv[] =
	"policy,misses,delta,ratio,mean,warm\n"
	"fifo,9,-2,0.750000,2.50,true\n"
	"lru,10,0,0.333333,,false\n"
	",123456,7,0.000000,0.00,true\n"
	"key,val\n"
	"frames,3\n"
	"seed,18446744073709551615\n";

static const char doc_json[] =
	"{\"tool\":\"page-replay\",\"version\":\"1.2.3\","
	"\"params\":{\"policy\":\"lru\",\"frames\":3,\"offset\":-5,"
	"\"alpha\":0.3,\"warm\":true},"
	"\"tables\":{\"summary\":["
	"{\"policy\":\"fifo\",\"misses\":9,\"delta\":-2,\"ratio\":0.750000,"
	"\"mean\":2.50,\"warm\":true},"
	"{\"policy\":\"lru\",\"misses\":10,\"delta\":0,\"ratio\":0.333333,"
	"\"mean\":null,\"warm\":false},"
	"{\"policy\":null,\"misses\":123456,\"delta\":7,\"ratio\":0.000000,"
	"\"mean\":0.00,\"warm\":true}],"
	"\"cfg\":[{\"key\":\"frames\",\"val\":3},"
	"{\"key\":\"seed\",\"val\":18446744073709551615}]}}\n";

/* One table whose strings need CSV quoting and JSON escaping, a column
 * name with a comma, the extreme INTs, non-finite doubles, 3 REAL digits. */
static const struct osc_col quoted[] = {
	{ "name", OSC_T_STR, 0 }, { "n", OSC_T_INT, 0 },
	{ "x,y", OSC_T_REAL, 3 },
};

static void fill_quoted(struct osc_out *o)
{
	static const char *names[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rlf",
		"back\\slash\ttab\x01\x1f\x7f", "caf\xc3\xa9 \xff end\xc3",
	};
	size_t i;

	osc_out_begin(o, "q", quoted, 3);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		osc_out_str(o, names[i]);
		osc_out_i64(o, i == 1 ? INT64_MIN : i == 2 ? INT64_MAX :
			    (int64_t)i);
		if (i == 3)
			osc_out_double(o, NAN);
		else if (i == 4)
			osc_out_double(o, -INFINITY);
		else
			osc_out_double(o, 2.25 * (double)i);
	}
	osc_out_end(o);
}

static const char quoted_csv[] =
	"name,n,\"x,y\"\n"
	"plain,0,0.000\n"
	"\"a,b\",-9223372036854775808,2.250\n"
	"\"say \"\"hi\"\"\",9223372036854775807,4.500\n"
	"\"two\nlines\",3,\n"
	"\"cr\rlf\",4,\n"
	"back\\slash\ttab\x01\x1f\x7f,5,11.250\n"
	"caf\xc3\xa9 \xff end\xc3,6,13.500\n";

static const char quoted_json[] =
	"{\"tool\":\"page-replay\",\"version\":\"1.2.3\",\"params\":{},"
	"\"tables\":{\"q\":["
	"{\"name\":\"plain\",\"n\":0,\"x,y\":0.000},"
	"{\"name\":\"a,b\",\"n\":-9223372036854775808,\"x,y\":2.250},"
	"{\"name\":\"say \\\"hi\\\"\",\"n\":9223372036854775807,\"x,y\":4.500},"
	"{\"name\":\"two\\u000alines\",\"n\":3,\"x,y\":null},"
	"{\"name\":\"cr\\u000dlf\",\"n\":4,\"x,y\":null},"
	"{\"name\":\"back\\\\slash\\u0009tab\\u0001\\u001f\x7f\",\"n\":5,"
	"\"x,y\":11.250},"
	"{\"name\":\"caf\xc3\xa9 \\ufffd end\\ufffd\",\"n\":6,\"x,y\":13.500}"
	"]}}\n";

static void fill_nothing(struct osc_out *o)
{
	osc_out_note(o, "only a note");
}

static void fill_empty_table(struct osc_out *o)
{
	osc_out_param_double(o, "big", 1e300);
	osc_out_param_double(o, "nan", NAN);
	osc_out_param_str(o, "none", NULL);
	osc_out_begin(o, "cfg", cfg, 2);
	osc_out_end(o);
	/* Params after the first table are ignored, as documented. */
	osc_out_param_u64(o, "late", 1);
}

static const char doc_csv_no_header[] =
	"fifo,9,-2,0.750000,2.50,true\n"
	"lru,10,0,0.333333,,false\n"
	",123456,7,0.000000,0.00,true\n"
	"frames,3\n"
	"seed,18446744073709551615\n";

static void check_docs(void)
{
	check(OSC_FMT_TEXT, 0, fill_doc, doc_text,
	      "text: aligned tables, blank lines between blocks, notes in place");
	check(OSC_FMT_TEXT, OSC_OUT_QUIET | OSC_OUT_TITLES, fill_doc,
	      doc_text_quiet_titles, "text: quiet drops the notes; [titles]");
	check(OSC_FMT_CSV, 0, fill_doc, doc_csv,
	      "csv: a header per table, null as an empty field, no notes");
	check(OSC_FMT_CSV, OSC_OUT_NO_HEADER | OSC_OUT_TITLES, fill_doc,
	      doc_csv_no_header, "csv: no header rows, no titles");
	check(OSC_FMT_JSON, 0, fill_doc, doc_json,
	      "json: params in order, rows as objects, null, booleans");
	check(OSC_FMT_CSV, 0, fill_quoted, quoted_csv,
	      "csv: RFC 4180 quoting of comma, quote, LF and CR only");
	check(OSC_FMT_JSON, 0, fill_quoted, quoted_json,
	      "json: RFC 8259 escapes, bad UTF-8 as U+FFFD, NaN/inf as null");
	check(OSC_FMT_JSON, 0, fill_nothing,
	      "{\"tool\":\"page-replay\",\"version\":\"1.2.3\",\"params\":{},"
	      "\"tables\":{}}\n", "json: no table is still a whole document");
	check(OSC_FMT_TEXT, 0, fill_nothing, "only a note\n",
	      "text: a note alone");
	check(OSC_FMT_JSON, 0, fill_empty_table,
	      "{\"tool\":\"page-replay\",\"version\":\"1.2.3\",\"params\":"
	      "{\"big\":1e+300,\"nan\":null,\"none\":null},"
	      "\"tables\":{\"cfg\":[]}}\n",
	      "json: an empty table, non-finite and NULL params");
	check(OSC_FMT_TEXT, 0, fill_empty_table, "key  val\n",
	      "text: an empty table is its header");
}

/* A comma locale must not leak into numbers (cells, params, notes). */
static void check_locale(void)
{
	static const char *names[] = { "de_DE.UTF-8", "de_DE.utf8", "de_DE",
				       "fr_FR.UTF-8", "fr_FR.utf8" };
	char probe[16], *got;
	size_t i;
	int st;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_ALL, names[i]))
			break;
	snprintf(probe, sizeof probe, "%.1f", 0.5);
	if (i == sizeof names / sizeof names[0] || strcmp(probe, "0,5") != 0) {
		setlocale(LC_ALL, "C");
		for (i = 0; i < 3; i++)
			printf("ok %d # SKIP no comma-decimal locale installed "
			       "(de_DE.UTF-8)\n", ++tap_n);
		return;
	}
	got = run(OSC_FMT_CSV, 0, fill_doc, &st);
	is_str(got, doc_csv, "csv under %s: '.' decimal point", names[i]);
	free(got);
	got = run(OSC_FMT_JSON, 0, fill_doc, &st);
	is_str(got, doc_json, "json under %s: '.' in cells and params",
	       names[i]);
	free(got);
	got = run(OSC_FMT_TEXT, 0, fill_doc, &st);
	is_str(got, doc_text, "text under %s: '.' in cells and notes",
	       names[i]);
	free(got);
	setlocale(LC_ALL, "C");
}

/* Enough rows to overflow stdio's buffer, so writes fail midway too. */
static void fill_big(struct osc_out *o)
{
	uint64_t i;

	osc_out_begin(o, "cfg", cfg, 2);
	for (i = 0; i < 100000; i++) {
		osc_out_str(o, "row");
		osc_out_u64(o, i);
	}
	osc_out_end(o);
}

/* osc_out_finish reports a failed write as OSC_EIO with errno ENOSPC. */
static void check_write_error(void)
{
	static const enum osc_format fmts[] = {
		OSC_FMT_TEXT, OSC_FMT_CSV, OSC_FMT_JSON
	};
	static fill_fn *fills[] = { fill_doc, fill_big };
	struct osc_out *o;
	size_t f, k;
	FILE *fp;
	int st;

	for (f = 0; f < 3; f++) {
		for (k = 0; k < 2; k++) {
			fp = fopen("/dev/full", "w");
			if (!fp) {
				printf("ok %d # SKIP no /dev/full\n", ++tap_n);
				continue;
			}
			o = osc_out_new(fp, fmts[f], "t", "1", 0);
			fills[k](o);
			errno = 0;
			st = osc_out_finish(o);
			ok(st == OSC_EIO && errno == ENOSPC,
			   "/dev/full, format %zu, %s: OSC_EIO, ENOSPC", f,
			   k ? "100000 rows" : "small document");
			fclose(fp);
		}
	}
}

static void check_misc(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct osc_out *o = osc_out_new(fp, OSC_FMT_CSV, "t", "1", 0);

	ok(osc_out_format(o) == OSC_FMT_CSV, "osc_out_format tells the format");
	is_u64(osc_out_begin(o, "cfg", cfg, 2), OSC_OK, "begin: OSC_OK");
	osc_out_str(o, "k");
	osc_out_u64(o, 1);
	is_u64(osc_out_end(o), OSC_OK, "end: OSC_OK");
	is_u64(osc_out_finish(o), OSC_OK, "finish: OSC_OK");
	fclose(fp);
	free(buf);
}

int main(void)
{
	check_docs();
	check_locale();
	check_write_error();
	check_misc();
	return tap_done();
}
