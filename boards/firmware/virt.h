/*
 * virt.h: the few devices of the `virt` memory map that the shared
 * bare-metal runtime (virt-crt0.S, virt-io.c) drives, and what it offers
 * to programs beyond the C library.
 *
 * Programs normally need none of this: printf() and friends reach the
 * UART, and returning from main() or calling exit(code) stops the machine
 * through the test device (code 0 = pass, anything else = fail with that
 * code).  The helpers are for firmware that wants to talk to the hardware
 * directly, like the demo that reads misa.
 */
#pragma once

#include <stdint.h>

/* ns16550a UART, byte registers. */
#define VIRT_UART_BASE 0x10000000u
#define VIRT_UART_THR 0u          /* transmit holding register (write) */
#define VIRT_UART_LSR 5u          /* line status register */
#define VIRT_UART_LSR_THRE 0x20u  /* THR can take a byte */
#define VIRT_UART_LSR_TEMT 0x40u  /* transmitter completely empty */

/* SiFive test device ("sifive,test0"): one 32-bit register. */
#define VIRT_TEST_BASE 0x100000u
#define VIRT_TEST_PASS 0x5555u
#define VIRT_TEST_FAIL 0x3333u    /* | (code << 16) */

/* Sends one byte to the UART, waiting until it has room.  No translation. */
void virt_uart_putc (char c);

/* Sends a NUL-terminated string with virt_uart_putc(), LF as CR LF. */
void virt_uart_puts (const char *s);

/* Reads the hart's CSR; these exist on every RISC-V hart in M-mode. */
#define virt_csr_read(name)                                   \
  ({                                                          \
    unsigned long __v;                                        \
    __asm__ volatile ("csrr %0, " #name : "=r"(__v));         \
    __v;                                                      \
  })
