/* osconcepts/ipc.h: inter-process communication helpers (ipc-demo, io-mux, proc-demo). */
#ifndef OSCONCEPTS_IPC_H
#define OSCONCEPTS_IPC_H

#include <osconcepts/core.h>

#endif
