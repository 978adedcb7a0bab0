/* test-num.c: option values: sizes, counts, lists, ranges, names, fractions. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"
#include "tap.h"

static uint64_t num(const char *s, enum osc_num kind, int *st)
{
	uint64_t v = 0;

	*st = osc_parse_num(s, kind, &v, NULL);
	return v;
}

static void test_suffixes(void)
{
	int st;

	is_u64(num("32K", OSC_NUM_SIZE, &st), 32768, "32K bytes = 32768");
	is_u64(num("4M", OSC_NUM_SIZE, &st), 4194304, "4M bytes = 2^22");
	is_u64(num("1G", OSC_NUM_SIZE, &st), 1073741824, "1G bytes = 2^30");
	is_u64(num("10M", OSC_NUM_COUNT, &st), 10000000, "10M count = 10^7");
	is_u64(num("64k", OSC_NUM_COUNT, &st), 64000, "lower-case k count");
	is_u64(num("0x10", OSC_NUM_PLAIN, &st), 16, "hex plain");
	is_u64(num("0x10K", OSC_NUM_SIZE, &st), 16384, "hex with suffix");
	num("10K", OSC_NUM_PLAIN, &st);
	ok(st == OSC_EUSAGE, "plain numbers take no suffix");
	num("16E", OSC_NUM_SIZE, &st);
	ok(st == OSC_EUSAGE, "unknown suffix");
	num("16KB", OSC_NUM_SIZE, &st);
	ok(st == OSC_EUSAGE, "two-letter suffix");
	num("", OSC_NUM_COUNT, &st);
	ok(st == OSC_EUSAGE, "empty value");
	num("-1", OSC_NUM_COUNT, &st);
	ok(st == OSC_EUSAGE, "negative count");
	num("17179869184G", OSC_NUM_SIZE, &st);
	ok(st == OSC_EUSAGE, "2^64 bytes overflow");
	is_u64(num("16777215T", OSC_NUM_SIZE, &st), UINT64_C(16777215) << 40,
	       "just below 2^64 with T");
}

static void test_message(void)
{
	struct osc_error err;
	uint64_t v;

	osc_parse_num("abc", OSC_NUM_SIZE, &v, &err);
	is_str(err.msg, "expected a size such as 4096 or 32K, found \"abc\"",
	       "size message");
	osc_parse_num("99999999999999999999", OSC_NUM_COUNT, &v, &err);
	is_str(err.msg,
	       "expected a count such as 1000 or 10M, found \"99999999999999999999\" (out of range)",
	       "overflow message");
}

static const char *list_str(const char *s, bool ranges, size_t max, char *buf)
{
	struct osc_u64_list l = { 0 };
	size_t i, n = 0;

	buf[0] = '\0';
	if (osc_parse_num_list(s, OSC_NUM_COUNT, ranges, max, &l, NULL) != OSC_OK)
		strcpy(buf, "error");
	else
		for (i = 0; i < l.n; i++)
			n += (size_t)sprintf(buf + n, "%s%llu", i ? "," : "",
					     (unsigned long long)l.v[i]);
	osc_u64_list_free(&l);
	return buf;
}

static void test_lists(void)
{
	char buf[1024];

	is_str(list_str("3", true, 0, buf), "3", "single value");
	is_str(list_str("1,2,8", true, 0, buf), "1,2,8", "list in order given");
	is_str(list_str("1-4", true, 0, buf), "1,2,3,4", "range");
	is_str(list_str("1K-4K:1K", true, 0, buf), "1000,2000,3000,4000",
	       "range with step and suffixes");
	is_str(list_str("1-10:4", true, 0, buf), "1,5,9", "step not reaching B");
	is_str(list_str("5,1-2", true, 0, buf), "5,1,2", "list with a range");
	is_str(list_str("4-1", true, 0, buf), "error", "A > B");
	is_str(list_str("1-4:0", true, 0, buf), "error", "step 0");
	is_str(list_str("1-4", false, 0, buf), "error", "no ranges when not allowed");
	is_str(list_str("1,,2", true, 0, buf), "error", "empty item");
	is_str(list_str("1,", true, 0, buf), "error", "trailing comma");
	is_str(list_str("1-1000", true, 10, buf), "error", "too many values");
	is_str(list_str("18446744073709551614-18446744073709551615", true, 0, buf),
	       "18446744073709551614,18446744073709551615",
	       "range up to 2^64-1 ends");
}

/* A range item with a part left out names the whole item (was: `-1` gave
 * found "", the empty A before the dash). */
static void test_list_message(void)
{
	static const char *const items[][2] = {
		{ "-1", "expected a count such as 1000 or 10M, found \"-1\"" },
		{ "2,-1", "expected a count such as 1000 or 10M, found \"-1\"" },
		{ "1-", "expected a count such as 1000 or 10M, found \"1-\"" },
		{ "-", "expected a count such as 1000 or 10M, found \"-\"" },
		{ "1-4:", "expected a count such as 1000 or 10M, found \"1-4:\"" },
		{ "1-x", "expected a count such as 1000 or 10M, found \"x\"" },
	};
	struct osc_u64_list l = { 0 };
	struct osc_error err;
	size_t i;

	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		osc_error_clear(&err);
		ok(osc_parse_num_list(items[i][0], OSC_NUM_COUNT, true, 0, &l,
				      &err) == OSC_EUSAGE, "list %s refused",
		   items[i][0]);
		is_str(err.msg, items[i][1], "list %s: the message", items[i][0]);
		osc_u64_list_free(&l);
	}
}

static void test_names(void)
{
	char **v;
	size_t n;

	ok(osc_parse_names("fifo,lru,opt", &v, &n, NULL) == OSC_OK && n == 3 &&
	   strcmp(v[0], "fifo") == 0 && strcmp(v[2], "opt") == 0 && !v[3],
	   "three names");
	osc_names_free(v);
	ok(osc_parse_names("a,,b", &v, &n, NULL) == OSC_EUSAGE, "empty name");
	ok(osc_parse_names("", &v, &n, NULL) == OSC_EUSAGE, "empty list");
}

static void test_doubles(void)
{
	double d = 0;

	ok(osc_parse_double("0.9", &d, NULL) == OSC_OK && d == 0.9, "0.9");
	ok(osc_parse_double("1e-3", &d, NULL) == OSC_OK && d == 0.001, "1e-3");
	ok(osc_parse_double("0,9", &d, NULL) == OSC_EUSAGE, "comma is junk");
	ok(osc_parse_double("nan", &d, NULL) == OSC_EUSAGE, "nan refused");
	ok(osc_parse_double("inf", &d, NULL) == OSC_EUSAGE, "inf refused");
	if (setlocale(LC_ALL, "de_DE.UTF-8"))
		ok(osc_parse_double("0.5", &d, NULL) == OSC_OK && d == 0.5,
		   "a point in a comma locale");
	else
		printf("ok %d # SKIP de_DE.UTF-8 locale not installed\n", ++tap_n);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	test_suffixes();
	test_message();
	test_lists();
	test_list_message();
	test_names();
	test_doubles();
	return tap_done();
}
