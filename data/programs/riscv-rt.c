/*
 * The run-time of C programs that Medley's program editor builds for
 * RISC-V harts on the virt map: start-up after riscv-crt0.S, picolibc's
 * stdio on the NS16550 UART at 0x10000000, and exit() through the test
 * device at 0x100000 (which ends the run with the exit code).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UART_BASE 0x10000000u
#define UART_THR 0u
#define UART_LSR 5u
#define UART_LSR_THRE 0x20u
#define UART_LSR_DR 0x01u
#define TEST_BASE 0x100000u
#define TEST_PASS 0x5555u
#define TEST_FAIL 0x3333u

extern char __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[], __tls_base[];
extern void __libc_init_array (void);
extern void _set_tls (void *tls);
extern int main (void);

void _medley_cstart (void) __attribute__ ((noreturn));
void _medley_trap (unsigned long cause, unsigned long pc, unsigned long value)
  __attribute__ ((noreturn));

static void
uart_putc (char c)
{
  volatile uint8_t *uart = (volatile uint8_t *) (uintptr_t) UART_BASE;

  while (!(uart[UART_LSR] & UART_LSR_THRE))
    ;
  uart[UART_THR] = (uint8_t) c;
}

/* Terminals want CR LF: every LF goes out with a CR before it. */
static int
stdio_put (char c, FILE *file)
{
  (void) file;
  if (c == '\n')
    uart_putc ('\r');
  uart_putc (c);
  return (unsigned char) c;
}

static int
stdio_get (FILE *file)
{
  volatile uint8_t *uart = (volatile uint8_t *) (uintptr_t) UART_BASE;

  (void) file;
  while (!(uart[UART_LSR] & UART_LSR_DR))
    ;
  return uart[UART_THR];
}

static FILE console = FDEV_SETUP_STREAM (stdio_put, stdio_get, NULL, _FDEV_SETUP_RW);
FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

void __attribute__ ((noreturn))
_exit (int code)
{
  volatile uint32_t *test = (volatile uint32_t *) (uintptr_t) TEST_BASE;

  *test = code == 0 ? TEST_PASS : TEST_FAIL | ((uint32_t) code << 16);
  for (;;)
    __asm__ volatile ("wfi");
}

void
_medley_cstart (void)
{
  if ((uintptr_t) __data_source != (uintptr_t) __data_start)
    memcpy (__data_start, __data_source, (size_t) (__data_end - __data_start));
  memset (__bss_start, 0, (size_t) (__bss_end - __bss_start));
  _set_tls (__tls_base);
  __libc_init_array ();
  exit (main ());
}

void
_medley_trap (unsigned long cause, unsigned long pc, unsigned long value)
{
  printf ("\nThe program took trap %lu at pc 0x%lx (value 0x%lx)\n", cause, pc, value);
  _exit (0x7f);
}
