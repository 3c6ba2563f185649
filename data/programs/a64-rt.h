/*
 * What Medley's run-time for freestanding AArch64 C programs offers
 * (a64-rt.c): console output on the PL011 UART at 0x09000000.
 */
#pragma once

int putchar (int c);
int puts (const char *s);
/* %d, %u, %x, %s, %c, %% and an l before d, u or x. */
int printf (const char *format, ...) __attribute__ ((format (printf, 1, 2)));
