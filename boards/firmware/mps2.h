/*
 * mps2.h: the devices of the MPS2 AN385 memory map that the shared ARM
 * bare-metal runtime (mps2-crt0.S, mps2-io.c) drives, and what it offers
 * to programs beyond the C library.
 *
 * Programs normally need none of this: printf() and friends reach UART0,
 * and returning from main() or calling exit(code) stops the machine
 * through semihosting (code 0 = pass, anything else = fail with that
 * code).  The helpers are for firmware that talks to the hardware itself,
 * like the demo that reads CPUID.
 */
#pragma once

#include <stdint.h>

/* The AN385's main clock: CPU, SysTick reference and APB peripherals. */
#define MPS2_SYSCLK_HZ 25000000u

/* CMSDK APB UART0, 32-bit registers. */
#define MPS2_UART0_BASE 0x40004000u
#define MPS2_UART_DATA 0x000u
#define MPS2_UART_STATE 0x004u
#define MPS2_UART_CTRL 0x008u
#define MPS2_UART_BAUDDIV 0x010u
#define MPS2_UART_STATE_TXFULL 0x01u
#define MPS2_UART_STATE_RXFULL 0x02u
#define MPS2_UART_CTRL_TX_EN 0x01u
#define MPS2_UART_CTRL_RX_EN 0x02u

/* System control block (inside the CPU, on its private peripheral bus). */
#define MPS2_SCB_CPUID 0xe000ed00u

/* Sends one byte to UART0, waiting while its buffer is full.  No translation. */
void mps2_uart_putc (char c);

/* Sends a NUL-terminated string with mps2_uart_putc(), LF as CR LF. */
void mps2_uart_puts (const char *s);

static inline uint32_t
mps2_read32 (uint32_t addr)
{
  return *(volatile uint32_t *) addr;
}

static inline void
mps2_write32 (uint32_t addr, uint32_t value)
{
  *(volatile uint32_t *) addr = value;
}
