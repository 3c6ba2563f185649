/*
 * The run-time of C programs that Medley's program editor builds for
 * Cortex-M cores on the MPS2 map: start-up after thumb-crt0.S, picolibc's
 * stdio on the CMSDK UART at 0x40004000, and exit() through semihosting
 * (which ends the run with the exit code).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UART_BASE 0x40004000u
#define UART_DATA 0x00u
#define UART_STATE 0x04u
#define UART_CTRL 0x08u
#define UART_BAUDDIV 0x10u
#define UART_STATE_TXFULL 0x1u
#define UART_STATE_RXFULL 0x2u

extern char __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[], __tls_base[];
extern void __libc_init_array (void);
extern void _set_tls (void *tls);
extern int main (void);

void _medley_cstart (void) __attribute__ ((noreturn));
void _medley_fault (uint32_t exception) __attribute__ ((noreturn));

static volatile uint32_t *
uart_reg (uint32_t offset)
{
  return (volatile uint32_t *) (uintptr_t) (UART_BASE + offset);
}

static void
uart_putc (char c)
{
  while (*uart_reg (UART_STATE) & UART_STATE_TXFULL)
    ;
  *uart_reg (UART_DATA) = (uint8_t) c;
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
  (void) file;
  while (!(*uart_reg (UART_STATE) & UART_STATE_RXFULL))
    ;
  return (int) (*uart_reg (UART_DATA) & 0xff);
}

static FILE console = FDEV_SETUP_STREAM (stdio_put, stdio_get, NULL, _FDEV_SETUP_RW);
FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

static uint32_t
semihost (uint32_t op, uint32_t arg)
{
  register uint32_t r0 __asm__ ("r0") = op;
  register uint32_t r1 __asm__ ("r1") = arg;

  __asm__ volatile ("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void __attribute__ ((noreturn))
_exit (int code)
{
  /* SYS_EXIT_EXTENDED carries the code itself: {reason, code}. */
  static volatile uint32_t block[2];

  block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
  block[1] = (uint32_t) code;
  if (code == 0)
    semihost (0x18, 0x20026);
  else
    semihost (0x20, (uint32_t) (uintptr_t) block);
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
  *uart_reg (UART_BAUDDIV) = 16;
  *uart_reg (UART_CTRL) = 0x3; /* transmit and receive */
  __libc_init_array ();
  exit (main ());
}

void
_medley_fault (uint32_t exception)
{
  printf ("\nThe program took exception %lu\n", (unsigned long) (exception & 0x1ff));
  _exit (0x7f);
}
