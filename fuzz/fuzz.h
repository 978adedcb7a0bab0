/* fuzz.h: what the fuzz targets share: input as a scanner, or as a C string. */
#ifndef OSC_FUZZ_H
#define OSC_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "osconcepts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (cut at an inner NUL). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
