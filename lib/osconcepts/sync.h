/* osconcepts/sync.h: synchronization primitives (sync-demo). */
#ifndef OSCONCEPTS_SYNC_H
#define OSCONCEPTS_SYNC_H

#include <osconcepts/core.h>

#endif
