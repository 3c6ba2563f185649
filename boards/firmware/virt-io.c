/*
 * virt-io.c: C side of the shared bare-metal runtime for the `virt` memory
 * map: start-up after virt-crt0.S, picolibc's stdio on the ns16550a UART,
 * and exit() through the SiFive test device.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virt.h"

/* Exit code when the program takes a trap it did not expect. */
#define VIRT_EXIT_TRAP 0x7f

/* From virt.ld. */
extern char __bss_start[], __bss_end[], __tls_base[];

/* From picolibc. */
extern void __libc_init_array (void);
extern void _set_tls (void *tls);

extern int main (void);

void _virt_cstart (void) __attribute__ ((noreturn));
void _virt_trap (unsigned long mcause, unsigned long mepc, unsigned long mtval)
  __attribute__ ((noreturn));

static inline uint8_t
mmio_read8 (uintptr_t addr)
{
  return *(volatile uint8_t *) addr;
}

static inline void
mmio_write8 (uintptr_t addr, uint8_t value)
{
  *(volatile uint8_t *) addr = value;
}

static inline void
mmio_write32 (uintptr_t addr, uint32_t value)
{
  *(volatile uint32_t *) addr = value;
}

void
virt_uart_putc (char c)
{
  /*
   * Polling THRE keeps the runtime free of interrupts; a model that sends
   * instantly always shows THRE and never makes us wait.
   */
  while (!(mmio_read8 (VIRT_UART_BASE + VIRT_UART_LSR) & VIRT_UART_LSR_THRE))
    ;
  mmio_write8 (VIRT_UART_BASE + VIRT_UART_THR, (uint8_t) c);
}

void
virt_uart_puts (const char *s)
{
  for (; *s; s++) {
    if (*s == '\n')
      virt_uart_putc ('\r');
    virt_uart_putc (*s);
  }
}

/*
 * A serial console driver's habit: every LF goes out as CR LF, so terminals
 * (and a VTE view) start the next line at column 0.  Tests that compare
 * consoles strip the CR again.
 */
static int
virt_stdio_put (char c, FILE *file)
{
  (void) file;
  if (c == '\n')
    virt_uart_putc ('\r');
  virt_uart_putc (c);
  return (unsigned char) c;
}

/* Blocking read: waits for the UART's data-ready bit (LSR bit 0). */
static int
virt_stdio_get (FILE *file)
{
  (void) file;
  while (!(mmio_read8 (VIRT_UART_BASE + VIRT_UART_LSR) & 0x01u))
    ;
  return mmio_read8 (VIRT_UART_BASE + 0);
}

/* Unbuffered: output is on the wire the moment printf returns. */
static FILE virt_stdio = FDEV_SETUP_STREAM (virt_stdio_put, virt_stdio_get, NULL,
                                            _FDEV_SETUP_RW);

FILE *const stdin = &virt_stdio;
FILE *const stdout = &virt_stdio;
FILE *const stderr = &virt_stdio;

void __attribute__ ((noreturn))
_exit (int code)
{
  uint32_t status;

  /*
   * Let the last bytes leave the UART before the machine stops.  Bounded,
   * so that a UART model without TEMT cannot hang the exit.
   */
  for (unsigned i = 0; i < 100000; i++)
    if (mmio_read8 (VIRT_UART_BASE + VIRT_UART_LSR) & VIRT_UART_LSR_TEMT)
      break;

  /* The device keeps 16 bits of code; a failure must never read as 0. */
  if (code == 0) {
    status = VIRT_TEST_PASS;
  } else {
    uint32_t bits = (uint32_t) code & 0xffffu;
    status = ((bits ? bits : 1u) << 16) | VIRT_TEST_FAIL;
  }
  mmio_write32 (VIRT_TEST_BASE, status);

  /* Only reached if the board has no test device. */
  for (;;)
    __asm__ volatile ("wfi");
}

void
_virt_cstart (void)
{
  /*
   * The loader zero-fills the memory image already, but a reset without a
   * reload (or a loader that only copies file bytes) would not: clear .tbss
   * and .bss here.  .data needs no copy since virt.ld loads it in place.
   */
  memset (__bss_start, 0, (size_t) (__bss_end - __bss_start));
  /* picolibc keeps errno and friends in TLS, reached through tp. */
  _set_tls (__tls_base);
  __libc_init_array ();
  exit (main ());
}

static void
put_hex (unsigned long value)
{
  char digits[sizeof value * 2 + 1];

  for (int i = (int) sizeof value * 2 - 1; i >= 0; i--) {
    digits[i] = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  }
  digits[sizeof value * 2] = '\0';
  virt_uart_puts (digits);
}

/*
 * Any trap is a bug in a test program (nothing here enables interrupts), so
 * say where it happened without going through stdio, whose state may be
 * what broke, and fail.
 */
void
_virt_trap (unsigned long mcause, unsigned long mepc, unsigned long mtval)
{
  virt_uart_puts ("\n*** unexpected trap: mcause=0x");
  put_hex (mcause);
  virt_uart_puts (" mepc=0x");
  put_hex (mepc);
  virt_uart_puts (" mtval=0x");
  put_hex (mtval);
  virt_uart_puts ("\n");
  _exit (VIRT_EXIT_TRAP);
}
