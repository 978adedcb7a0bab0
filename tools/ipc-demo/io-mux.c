/* io-mux.c: one echo server, four ways to wait for sockets: select, poll, epoll level- and edge-triggered. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo-opts.h"

#define API_MAX 16

enum { OPT_CLIENTS = 256, OPT_MESSAGES, OPT_SIZE, OPT_NO_DRAIN, OPT_TIMEOUT,
       OPT_EXPLAIN };

struct mux {
	struct osc_cli cli;
	const struct osc_mux_ops *api[API_MAX];
	size_t napi;
	struct osc_mux_params p;
	bool explain;
	unsigned tables;
};

static const char *const table_names[] = { "results", NULL };

static const struct argp_option options[] = {
	{ "api", 'm', "API[,API...]", 0,
	  "readiness APIs: select, poll, epoll-lt, epoll-et, or all (default)", 0 },
	{ "clients", OPT_CLIENTS, "N", 0,
	  "connections the client opens (count: K, M are powers of ten; "
	  "default 100)", 0 },
	{ "messages", OPT_MESSAGES, "M", 0,
	  "messages per connection (count; default 1000)", 0 },
	{ "size", OPT_SIZE, "BYTES", 0,
	  "bytes per message (byte size: K, M are powers of two; default 64)", 0 },
	{ "no-drain", OPT_NO_DRAIN, NULL, 0,
	  "read at most half a message per readiness report: epoll-et stalls "
	  "(caught by the timeout), the level-triggered APIs do not", 0 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0,
	  "bound on each API's run; on expiry the client is killed and the row "
	  "reports the error (default 30)", 0 },
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "print the system calls of the chosen APIs and exit", 0 },
	{ 0 }
};

static const void *api_lookup(const char *name)
{
	return osc_mux_lookup(name);
}

static const void *api_nth(size_t i)
{
	return osc_mux_apis[i];
}

static void add_apis(struct argp_state *state, struct mux *d, const char *arg)
{
	static const struct demo_list apis = {
		"--api", "select, poll, epoll-lt, epoll-et, all", "an API",
		"APIs", api_lookup, api_nth, API_MAX
	};
	const void *api[API_MAX];
	struct osc_error err;
	size_t i;

	if (demo_name_list(&apis, arg, api, &d->napi, &err) != OSC_OK)
		demo_opt_fail(state, &err);
	for (i = 0; i < d->napi; i++)
		d->api[i] = api[i];
}

static error_t parse(int key, char *arg, struct argp_state *state)
{
	struct mux *d = state->input;
	const struct osc_mux_ops *const *a;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &d->cli;
		break;
	case 'm':
		add_apis(state, d, arg);
		break;
	case OPT_CLIENTS:
		d->p.clients = (unsigned)osc_cli_num_range(state, "clients", arg,
			OSC_NUM_COUNT, 1, 1000000);
		break;
	case OPT_MESSAGES:
		d->p.messages = osc_cli_num_range(state, "messages", arg,
						  OSC_NUM_COUNT, 1, UINT64_C(1) << 32);
		break;
	case OPT_SIZE:
		d->p.size = osc_cli_num_range(state, "size", arg, OSC_NUM_SIZE, 1,
					      64 * 1024);
		break;
	case OPT_NO_DRAIN:
		d->p.no_drain = true;
		break;
	case OPT_TIMEOUT:
		d->p.timeout = (unsigned)osc_cli_num_range(state, "timeout", arg,
			OSC_NUM_PLAIN, 1, 86400);
		break;
	case OPT_EXPLAIN:
		d->explain = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument \"%s\"", arg);
		break;
	case ARGP_KEY_END:
		if (d->napi == 0)
			for (a = osc_mux_apis; *a; a++)
				d->api[d->napi++] = *a;
		d->tables = osc_cli_tables(state, &d->cli, table_names, 1);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct osc_col cols[] = {
	{ "api", OSC_T_STR, 0 }, { "clients", OSC_T_UINT, 0 },
	{ "messages", OSC_T_UINT, 0 }, { "size", OSC_T_UINT, 0 },
	{ "seconds", OSC_T_REAL, 6 }, { "msgs_per_s", OSC_T_REAL, 1 },
	{ "wakeups", OSC_T_UINT, 0 }, { "ready_per_wakeup", OSC_T_RATIO, 0 },
	{ "verified", OSC_T_BOOL, 0 }, { "error", OSC_T_STR, 0 },
};

static void row(struct osc_out *o, const struct mux *d,
		const struct osc_mux_ops *api, const struct osc_mux_result *r)
{
	bool ok = r->error[0] == '\0';

	osc_out_str(o, api->name);
	osc_out_u64(o, d->p.clients);
	osc_out_u64(o, d->p.messages);
	osc_out_u64(o, d->p.size);
	if (ok) {
		osc_out_double(o, r->seconds);
		osc_out_double(o, r->msgs_per_s);
	} else {
		osc_out_null(o);
		osc_out_null(o);
	}
	osc_out_u64(o, r->wakeups);
	if (r->wakeups)
		osc_out_double(o, r->ready_per_wakeup);
	else
		osc_out_null(o);
	osc_out_bool(o, r->verified);
	if (ok)
		osc_out_null(o);
	else
		osc_out_str(o, r->error);
}

int main(int argc, char **argv)
{
	static const struct argp_child children[] = {
		{ &osc_cli_argp, 0, NULL, OSC_CLI_GROUP }, { 0 }
	};
	static const struct argp argp = { options, parse, NULL,
		"An echo server on 127.0.0.1 waits for its sockets with select, "
		"poll or epoll (level- or edge-triggered) in one thread; a client "
		"process opens N connections and checks every echo.\v"
		"Table: results.  RLIMIT_NOFILE's soft limit is raised to the hard "
		"limit.  Exit status: 0, 1 when a run failed or timed out.",
		children, NULL, NULL };
	struct mux d = { .p = { .clients = 100, .messages = 1000, .size = 64,
				.timeout = 30 } };
	struct osc_mux_result r;
	struct osc_out *o;
	size_t i;
	int e, failed = 0;

	osc_cli_start(argc, argv);
	argp_parse(&argp, argc, argv, 0, NULL, &d);
	if (d.explain) {
		for (i = 0; i < d.napi; i++)
			printf("%s%s: %s\n%s", i ? "\n" : "", d.api[i]->name,
			       d.api[i]->summary, d.api[i]->explain);
		return EX_OK;
	}
	if ((e = osc_ipc_guard()) != 0)
		osc_die(EX_OSERR, "cannot install signal handlers: %s", strerror(e));
	atexit(osc_ipc_cleanup);
	osc_ipc_child_grace(false);
	o = osc_cli_open_out(&d.cli, false);
	osc_out_param_u64(o, "clients", d.p.clients);
	osc_out_param_u64(o, "messages", d.p.messages);
	osc_out_param_u64(o, "size", d.p.size);
	osc_out_param_bool(o, "no_drain", d.p.no_drain);
	osc_out_param_u64(o, "timeout", d.p.timeout);
	osc_out_begin(o, "results", cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < d.napi; i++) {
		if (osc_mux_run(d.api[i], &d.p, &r) != OSC_OK)
			osc_die(EX_OSERR, "out of memory");
		failed += !r.verified;
		row(o, &d, d.api[i], &r);
	}
	osc_out_end(o);
	osc_out_note(o, "wakeups: calls that returned ready descriptors; "
		     "ready_per_wakeup: descriptors per such call");
	osc_cli_close_out(&d.cli, o);
	osc_ipc_cleanup();
	return failed ? 1 : EX_OK;
}
