/*
 * mps2-io.c: C side of the shared bare-metal runtime for the MPS2 AN385
 * memory map: start-up after mps2-crt0.S, picolibc's stdio on the CMSDK
 * UART0, and exit() through Arm semihosting (which QEMU's -semihosting
 * and Medley's Cortex-M cores both implement).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mps2.h"

/* Exit code when the program takes an exception it did not expect. */
#define MPS2_EXIT_FAULT 0x7f

/* Semihosting operations and the reason code of a normal exit. */
#define SEMIHOST_SYS_EXIT 0x18
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* From mps2.ld. */
extern char __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[], __tls_base[];

/* From picolibc. */
extern void __libc_init_array (void);
extern void _set_tls (void *tls);

extern int main (void);

void _mps2_cstart (void) __attribute__ ((noreturn));
void _mps2_fault (uint32_t exception, const uint32_t *frame)
  __attribute__ ((noreturn));

void
mps2_uart_putc (char c)
{
  /* Polling keeps the runtime free of interrupts; a model that sends
   * instantly never shows TXFULL and never makes us wait. */
  while (mps2_read32 (MPS2_UART0_BASE + MPS2_UART_STATE) & MPS2_UART_STATE_TXFULL)
    ;
  mps2_write32 (MPS2_UART0_BASE + MPS2_UART_DATA, (uint8_t) c);
}

void
mps2_uart_puts (const char *s)
{
  for (; *s; s++) {
    if (*s == '\n')
      mps2_uart_putc ('\r');
    mps2_uart_putc (*s);
  }
}

/* A serial console's habit: every LF goes out as CR LF, so terminals start
 * the next line at column 0.  Tests comparing consoles fold it back. */
static int
mps2_stdio_put (char c, FILE *file)
{
  (void) file;
  if (c == '\n')
    mps2_uart_putc ('\r');
  mps2_uart_putc (c);
  return (unsigned char) c;
}

/* Blocking read: waits for the UART's RX buffer to fill. */
static int
mps2_stdio_get (FILE *file)
{
  (void) file;
  while (!(mps2_read32 (MPS2_UART0_BASE + MPS2_UART_STATE) & MPS2_UART_STATE_RXFULL))
    ;
  return (int) (mps2_read32 (MPS2_UART0_BASE + MPS2_UART_DATA) & 0xff);
}

/* Unbuffered: output is on the wire the moment printf returns. */
static FILE mps2_stdio = FDEV_SETUP_STREAM (mps2_stdio_put, mps2_stdio_get, NULL,
                                            _FDEV_SETUP_RW);

FILE *const stdin = &mps2_stdio;
FILE *const stdout = &mps2_stdio;
FILE *const stderr = &mps2_stdio;

/* One semihosting call: operation in r0, argument in r1, result in r0.
 * BKPT 0xab is the M-profile's semihosting trap. */
static inline uint32_t
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
  /*
   * Plain SYS_EXIT on 32-bit ARM carries only a reason, and every reason
   * but "application exit" makes the host fail with status 1, so the code
   * itself needs SYS_EXIT_EXTENDED (semihosting 2.0; QEMU 7.2 has it):
   * its block {reason, code} makes the host exit with that code.
   */
  if (code == 0) {
    semihost (SEMIHOST_SYS_EXIT, ADP_STOPPED_APPLICATION_EXIT);
  } else {
    static volatile uint32_t block[2];

    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    /* A host process keeps 8 bits of status: a failure must never read
     * as 0 there (exit (256) would), so such a code becomes 1. */
    block[1] = ((uint32_t) code & 0xffu) != 0 ? (uint32_t) code : 1u;
    semihost (SEMIHOST_SYS_EXIT_EXTENDED, (uint32_t) (uintptr_t) block);
  }
  /* Only reached without a semihosting host. */
  for (;;)
    __asm__ volatile ("wfi");
}

void
_mps2_cstart (void)
{
  /*
   * .data (with .tdata, the TLS template) runs in SSRAM2/3 but is loaded
   * after the code, as it would be from flash: copy it.  Loaders zero-fill
   * .bss already, but a reset without a reload does not: clear it here.
   */
  memcpy (__data_start, __data_source, (size_t) (__data_end - __data_start));
  memset (__bss_start, 0, (size_t) (__bss_end - __bss_start));
  /* picolibc keeps errno and friends in TLS, reached through __aeabi_read_tp. */
  _set_tls (__tls_base);

  /* 8N1 is fixed; 115200 baud from the 25 MHz clock.  The divider must be
   * at least 16 before TX is enabled (QEMU warns otherwise). */
  mps2_write32 (MPS2_UART0_BASE + MPS2_UART_BAUDDIV, MPS2_SYSCLK_HZ / 115200);
  mps2_write32 (MPS2_UART0_BASE + MPS2_UART_CTRL,
                MPS2_UART_CTRL_TX_EN | MPS2_UART_CTRL_RX_EN);

  __libc_init_array ();
  exit (main ());
}

static void
put_hex (uint32_t value)
{
  char digits[9];

  for (int i = 7; i >= 0; i--) {
    digits[i] = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  }
  digits[8] = '\0';
  mps2_uart_puts (digits);
}

static const char *
exception_name (uint32_t exception)
{
  static const char *const names[16] = {
    "thread", "reset", "NMI", "HardFault", "MemManage", "BusFault",
    "UsageFault", "reserved", "reserved", "reserved", "reserved", "SVCall",
    "DebugMonitor", "reserved", "PendSV", "SysTick",
  };
  return exception < 16 ? names[exception] : "external interrupt";
}

/*
 * Any exception a program did not install a handler for is a bug in it
 * (the runtime enables no interrupts), so say where it happened without
 * going through stdio, whose state may be what broke, and fail.
 */
void
_mps2_fault (uint32_t exception, const uint32_t *frame)
{
  exception &= 0x1ff;
  mps2_uart_puts ("\n*** unexpected exception ");
  put_hex (exception);
  mps2_uart_puts (" (");
  mps2_uart_puts (exception_name (exception));
  mps2_uart_puts (") pc=0x");
  put_hex (frame[6]);
  mps2_uart_puts (" lr=0x");
  put_hex (frame[5]);
  mps2_uart_puts (" xpsr=0x");
  put_hex (frame[7]);
  mps2_uart_puts ("\n");
  _exit (MPS2_EXIT_FAULT);
}
