/* out.c: the table writer: one document of tables as aligned text, CSV or JSON. */
#include <config.h>

#include <assert.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

/*
 * csv and json are streamed to fp as the cells come.  text keeps the
 * current table in one arena of NUL-terminated cells (row by row, a null
 * cell is an empty string) and the width of each column, and prints it at
 * osc_out_end.  Numbers are formatted under a private "C" locale object, so
 * a program that called setlocale(LC_ALL, "") still gets `.` as the
 * decimal point.  A non-finite double has no JSON spelling: it is written
 * as a null cell in every format (and a null double param in JSON).
 *
 * Text layout: the document is a sequence of blocks, a table (with its
 * `[NAME]` title) or a run of notes, separated by one blank line.  A note
 * written while a table is open is printed just after that table.
 * CSV writes each table with its own header; the tools allow one.
 */
#include "out-priv.h"

/* Remember errno of the first failed write: later calls may change it. */
static void out_check_io(struct osc_out *o)
{
	if (o->io_errno == 0 && ferror_unlocked(o->fp))
		o->io_errno = errno ? errno : EIO;
}

static bool col_is_num(const struct osc_col *c)
{
	return c->type != OSC_T_STR && c->type != OSC_T_BOOL;
}

struct osc_out *osc_out_new(FILE *fp, enum osc_format fmt, const char *tool,
			    const char *version, unsigned flags)
{
	struct osc_out *o = calloc(1, sizeof *o);

	if (!o)
		return NULL;
	o->c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (o->c_loc == (locale_t)0) {
		free(o);
		return NULL;
	}
	o->fp = fp;
	o->fmt = fmt;
	o->flags = flags;
	if (fmt == OSC_FMT_JSON) {
		out_puts(o, "{\"tool\":");
		json_str(o, tool ? tool : "");
		out_puts(o, ",\"version\":");
		json_str(o, version ? version : "");
		out_puts(o, ",\"params\":{");
		o->params_open = true;
	}
	return o;
}

enum osc_format osc_out_format(const struct osc_out *o)
{
	return o->fmt;
}

/* Start a "params" member; false when params are not written. */
static bool param_key(struct osc_out *o, const char *key)
{
	if (!o->params_open)
		return false;
	if (o->nparams++)
		out_putc(',', o->fp);
	json_str(o, key);
	out_putc(':', o->fp);
	return true;
}

void osc_out_param_str(struct osc_out *o, const char *key, const char *val)
{
	if (!param_key(o, key))
		return;
	if (val)
		json_str(o, val);
	else
		out_puts(o, "null");
}

void osc_out_param_u64(struct osc_out *o, const char *key, uint64_t val)
{
	char buf[24];

	if (param_key(o, key))
		out_write(buf, fmt_u64(buf, val), o->fp);
}

void osc_out_param_i64(struct osc_out *o, const char *key, int64_t val)
{
	char buf[24];

	if (param_key(o, key))
		out_write(buf, fmt_i64(buf, val), o->fp);
}

void osc_out_param_double(struct osc_out *o, const char *key, double val)
{
	char buf[OUT_NUM_MAX];
	size_t n;

	if (!param_key(o, key))
		return;
	n = isfinite(val) ? fmt_shortest(o, buf, val) : 0;
	if (n)
		out_write(buf, n, o->fp);
	else
		out_puts(o, "null");
}

void osc_out_param_bool(struct osc_out *o, const char *key, bool val)
{
	if (param_key(o, key))
		out_puts(o, val ? "true" : "false");
}

static void json_close_params(struct osc_out *o)
{
	if (o->params_open) {
		out_puts(o, "},\"tables\":{");
		o->params_open = false;
	}
}

static void csv_header(struct osc_out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		if (i)
			out_putc(',', o->fp);
		csv_str(o, o->cols[i].name);
	}
	out_putc('\n', o->fp);
}

static int text_begin(struct osc_out *o)
{
	size_t i, *w;

	if (o->ncols > o->wcap) {
		w = reallocarray(o->width, o->ncols, sizeof *w);
		if (!w)
			return OSC_ENOMEM;
		o->width = w;
		o->wcap = o->ncols;
	}
	for (i = 0; i < o->ncols; i++)
		o->width[i] = text_width(o->cols[i].name);
	o->arena.len = 0;
	o->notes.len = 0;
	return OSC_OK;
}

int osc_out_begin(struct osc_out *o, const char *name,
		  const struct osc_col *cols, size_t ncols)
{
	assert(!o->in_table);
	if (o->in_table)
		osc_out_end(o);
	o->in_table = true;
	o->broken = false;
	o->name = name;
	o->cols = cols;
	o->ncols = ncols;
	o->col = o->nrows = 0;
	switch (o->fmt) {
	case OSC_FMT_TEXT:
		if (text_begin(o) != OSC_OK) {
			o->broken = true;
			o->status = OSC_ENOMEM;
		}
		break;
	case OSC_FMT_CSV:
		if (!(o->flags & OSC_OUT_NO_HEADER))
			csv_header(o);
		break;
	case OSC_FMT_JSON:
		json_close_params(o);
		if (o->ntables)
			out_putc(',', o->fp);
		json_str(o, name);
		out_puts(o, ":[");
		break;
	}
	o->ntables++;
	out_check_io(o);
	return o->broken ? OSC_ENOMEM : OSC_OK;
}

/* Keep one text cell in the arena and widen its column. */
static void text_cell(struct osc_out *o, const char *s, size_t len)
{
	size_t w;

	if (o->broken)
		return;
	if (!buf_reserve(&o->arena, len + 1)) {
		o->broken = true;
		o->status = OSC_ENOMEM;
		return;
	}
	memcpy(o->arena.p + o->arena.len, s, len);
	o->arena.len += len;
	o->arena.p[o->arena.len++] = '\0';
	w = text_width(s);
	if (w > o->width[o->col])
		o->width[o->col] = w;
}

/* Write one cell of the current table; s is its text (NUL-terminated). */
static void out_cell(struct osc_out *o, const char *s, size_t len,
		     enum out_kind kind)
{
	if (!o->in_table || o->ncols == 0)
		return;
	switch (o->fmt) {
	case OSC_FMT_TEXT:
		text_cell(o, s, len);
		break;
	case OSC_FMT_CSV:
		if (o->col)
			out_putc(',', o->fp);
		if (kind == K_STR)
			csv_str(o, s);
		else
			out_write(s, len, o->fp);
		break;
	case OSC_FMT_JSON:
		if (o->col)
			out_putc(',', o->fp);
		else
			out_puts(o, o->nrows ? ",{" : "{");
		json_str(o, o->cols[o->col].name);
		out_putc(':', o->fp);
		if (kind == K_STR)
			json_str(o, s);
		else if (kind == K_NULL)
			out_puts(o, "null");
		else
			out_write(s, len, o->fp);
		break;
	}
	if (++o->col < o->ncols)
		return;
	/* The row ends by itself after its last column. */
	o->col = 0;
	o->nrows++;
	if (o->fmt == OSC_FMT_CSV)
		out_putc('\n', o->fp);
	else if (o->fmt == OSC_FMT_JSON)
		out_putc('}', o->fp);
	out_check_io(o);
}

/* The type of the column the next cell goes to (for the asserts). */
static enum osc_type cur_type(const struct osc_out *o)
{
	assert(o->in_table && o->col < o->ncols);
	return o->in_table && o->col < o->ncols ? o->cols[o->col].type :
		OSC_T_STR;
}

void osc_out_str(struct osc_out *o, const char *s)
{
	assert(cur_type(o) == OSC_T_STR);
	if (s)
		out_cell(o, s, strlen(s), K_STR);
	else
		osc_out_null(o);
}

void osc_out_i64(struct osc_out *o, int64_t v)
{
	char buf[24];

	assert(cur_type(o) == OSC_T_INT);
	out_cell(o, buf, fmt_i64(buf, v), K_NUM);
}

void osc_out_u64(struct osc_out *o, uint64_t v)
{
	char buf[24];

	assert(cur_type(o) == OSC_T_UINT);
	out_cell(o, buf, fmt_u64(buf, v), K_NUM);
}

void osc_out_double(struct osc_out *o, double v)
{
	enum osc_type t = cur_type(o);
	char buf[OUT_NUM_MAX];
	int digits = 6;
	size_t n;

	assert(t == OSC_T_RATIO || t == OSC_T_REAL);
	if (t == OSC_T_REAL && o->cols[o->col].digits > 0)
		digits = o->cols[o->col].digits;
	if (digits > OUT_DIGITS_MAX)
		digits = OUT_DIGITS_MAX;
	n = isfinite(v) ? fmt_fixed(o, buf, v, digits) : 0;
	if (n)
		out_cell(o, buf, n, K_NUM);
	else
		osc_out_null(o);
}

void osc_out_bool(struct osc_out *o, bool v)
{
	assert(cur_type(o) == OSC_T_BOOL);
	out_cell(o, v ? "true" : "false", v ? 4 : 5, K_NUM);
}

void osc_out_null(struct osc_out *o)
{
	assert(o->in_table);
	out_cell(o, "", 0, K_NULL);
}

/* One text row: cells separated by two spaces, numbers right-aligned.
 * Padding is only written before something visible, so no line ends in
 * blanks.  Returns the position after the row's last cell. */
static const char *text_row(struct osc_out *o, const char *p, bool header)
{
	size_t i, len, pad, pending = 0;
	const char *s;
	bool right;

	for (i = 0; i < o->ncols; i++) {
		s = header ? o->cols[i].name : p;
		len = strlen(s);
		if (!header)
			p += len + 1;
		pad = o->width[i] - text_width(s);
		right = col_is_num(&o->cols[i]);
		pending += (i ? 2 : 0) + (right ? pad : 0);
		if (len) {
			out_spaces(o, pending);
			out_write(s, len, o->fp);
			pending = 0;
		}
		if (!right)
			pending += pad;
	}
	out_putc('\n', o->fp);
	return p;
}

static void text_print(struct osc_out *o)
{
	const char *p = o->arena.p;
	size_t r;

	if (o->last != BLK_NONE)
		out_putc('\n', o->fp);
	if (o->flags & OSC_OUT_TITLES) {
		out_putc('[', o->fp);
		out_puts(o, o->name);
		out_puts(o, "]\n");
	}
	if (o->ncols)
		text_row(o, NULL, true);
	for (r = 0; r < o->nrows; r++)
		p = text_row(o, p, false);
	o->last = BLK_TABLE;
	if (o->notes.len) {
		out_putc('\n', o->fp);
		out_write(o->notes.p, o->notes.len, o->fp);
		o->last = BLK_NOTE;
	}
}

int osc_out_end(struct osc_out *o)
{
	assert(o->in_table && o->col == 0);
	if (!o->in_table)
		return OSC_OK;
	while (o->col != 0)
		osc_out_null(o);
	if (o->fmt == OSC_FMT_TEXT && !o->broken)
		text_print(o);
	else if (o->fmt == OSC_FMT_JSON)
		out_putc(']', o->fp);
	o->in_table = false;
	out_check_io(o);
	if (o->status != OSC_OK)
		return o->status;
	return o->io_errno ? OSC_EIO : OSC_OK;
}

/* A note written inside a table is printed after it. */
static void note_hold(struct osc_out *o, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || !buf_reserve(&o->notes, (size_t)n + 2)) {
		o->status = OSC_ENOMEM;
		return;
	}
	vsnprintf(o->notes.p + o->notes.len, (size_t)n + 1, fmt, ap);
	o->notes.len += (size_t)n;
	o->notes.p[o->notes.len++] = '\n';
}

void osc_out_note(struct osc_out *o, const char *fmt, ...)
{
	locale_t old;
	va_list ap;

	if (o->fmt != OSC_FMT_TEXT || (o->flags & OSC_OUT_QUIET))
		return;
	old = uselocale(o->c_loc);
	va_start(ap, fmt);
	if (o->in_table) {
		note_hold(o, fmt, ap);
	} else {
		if (o->last == BLK_TABLE)
			out_putc('\n', o->fp);
		vfprintf(o->fp, fmt, ap);
		out_putc('\n', o->fp);
		o->last = BLK_NOTE;
	}
	va_end(ap);
	uselocale(old);
	out_check_io(o);
}

int osc_out_finish(struct osc_out *o)
{
	int st, errnum = 0;

	if (o->in_table)
		osc_out_end(o);
	if (o->fmt == OSC_FMT_JSON) {
		json_close_params(o);
		out_puts(o, "}}\n");
	}
	out_check_io(o);
	if (fflush(o->fp) != 0)
		errnum = errno ? errno : EIO;
	else if (ferror(o->fp))
		errnum = o->io_errno ? o->io_errno : EIO;
	st = errnum ? OSC_EIO : o->status;
	free(o->width);
	free(o->arena.p);
	free(o->notes.p);
	freelocale(o->c_loc);
	free(o);
	if (errnum)
		errno = errnum;
	return st;
}
