/* osconcepts/replace.h: page replacement policies (page-replay). */
#ifndef OSCONCEPTS_REPLACE_H
#define OSCONCEPTS_REPLACE_H

#include <osconcepts/core.h>

#endif
