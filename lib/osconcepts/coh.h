/* osconcepts/coh.h: cache coherence (cache-coh). */
#ifndef OSCONCEPTS_COH_H
#define OSCONCEPTS_COH_H

#include <osconcepts/core.h>

#endif
