/* osconcepts/alloc.h: memory allocation (alloc-sim, alloc-bench). */
#ifndef OSCONCEPTS_ALLOC_H
#define OSCONCEPTS_ALLOC_H

#include <osconcepts/core.h>

#endif
