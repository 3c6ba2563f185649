/* The one declaration medmark.c needs from <stdio.h>, for the AArch64
 * build: the cross compiler (gcc-aarch64-linux-gnu) comes without a C
 * library for a bare machine, so medmark-a64-rt.c supplies printf. */
#pragma once

#include <stddef.h>

int printf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
