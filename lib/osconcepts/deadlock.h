/* osconcepts/deadlock.h: deadlock avoidance and detection (bankers, deadlock-check). */
#ifndef OSCONCEPTS_DEADLOCK_H
#define OSCONCEPTS_DEADLOCK_H

#include <osconcepts/core.h>

#endif
