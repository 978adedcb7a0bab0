/* osconcepts.h: the public C API of libosconcepts; include this one header. */
#ifndef OSCONCEPTS_H
#define OSCONCEPTS_H

/*
 * The API is split by family into headers under <osconcepts/...>, all
 * included here, so a program needs only
 *
 *	#include <osconcepts.h>
 *	cc prog.c $(pkg-config --cflags --libs osconcepts)
 *
 * Conventions for every function: a status from enum osc_status is returned
 * (OSC_OK on success) and, where a struct osc_error is passed, it says what
 * went wrong.  The library never prints, exits or aborts on bad input.
 */
#include <osconcepts/core.h>
#include <osconcepts/util.h>
#include <osconcepts/replace.h>
#include <osconcepts/vm.h>
#include <osconcepts/sched.h>
#include <osconcepts/coh.h>
#include <osconcepts/alloc.h>
#include <osconcepts/deadlock.h>
#include <osconcepts/ipc.h>
#include <osconcepts/sync.h>

#endif
