/* osconcepts/vm.h: address translation (vm-translate). */
#ifndef OSCONCEPTS_VM_H
#define OSCONCEPTS_VM_H

#include <osconcepts/core.h>

#endif
