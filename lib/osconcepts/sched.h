/* osconcepts/sched.h: CPU scheduling (sched-sim). */
#ifndef OSCONCEPTS_SCHED_H
#define OSCONCEPTS_SCHED_H

#include <osconcepts/core.h>

#endif
