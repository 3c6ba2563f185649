/* The demo of boards/aarch64-virt.dts: prints through the PL011, reads the
 * PL031's clock, then takes three interrupts of the generic timer's EL1
 * physical timer through the GICv2 (PPI 14, INTID 30) while sleeping in
 * WFI, and returns (the start-up code then powers off through PSCI).
 * Built with -ffreestanding -nostdlib: no C library, no floating point. */
#include <stdint.h>

#define UART   0x09000000UL
#define RTC    0x09010000UL
#define GICD   0x08000000UL
#define GICC   0x08010000UL

#define REG32(addr) (*(volatile uint32_t *) (addr))
#define REG8(addr)  (*(volatile uint8_t *) (addr))

#define UART_DR   REG32 (UART + 0x000)
#define UART_FR   REG32 (UART + 0x018)
#define UART_FR_TXFF 0x20

#define TIMER_PPI 30
#define TICKS     3

static volatile unsigned ticks;
static uint64_t interval;

static void
put_char (char c)
{
  while (UART_FR & UART_FR_TXFF)
    ;
  UART_DR = (uint8_t) c;
}

static void
put_string (const char *s)
{
  while (*s) {
    if (*s == '\n')
      put_char ('\r');
    put_char (*s++);
  }
}

static void
put_decimal (uint64_t v)
{
  char buf[24];
  int i = 0;

  do
    buf[i++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (i > 0)
    put_char (buf[--i]);
}

void irq_handler (void);
void unexpected_exception (void);
int main (void);

void
irq_handler (void)
{
  uint32_t iar = REG32 (GICC + 0x0c);

  if ((iar & 0x3ff) == TIMER_PPI) {
    ticks++;
    put_string ("  tick ");
    put_decimal (ticks);
    put_string ("\n");
    if (ticks < TICKS)
      __asm__ volatile ("msr cntp_tval_el0, %0" : : "r" (interval));
    else
      __asm__ volatile ("msr cntp_ctl_el0, %0" : : "r" (UINT64_C (0)));
  }
  REG32 (GICC + 0x10) = iar;
}

void
unexpected_exception (void)
{
  put_string ("unexpected exception\n");
}

int
main (void)
{
  uint64_t freq;

  put_string ("Hello from a Cortex-A53 on Medley's AArch64 virt board\n");
  put_string ("PL031 clock: ");
  put_decimal (REG32 (RTC + 0x000));
  put_string (" s since 1970\n");

  /* The GIC as Linux sets it up: group 0 everywhere, IRQ, mask 0xf0. */
  REG32 (GICD + 0x000) = 1;
  REG8 (GICD + 0x400 + TIMER_PPI) = 0x80;
  REG32 (GICD + 0x100) = 1u << TIMER_PPI;
  REG32 (GICC + 0x004) = 0xf0;
  REG32 (GICC + 0x000) = 1;

  __asm__ volatile ("mrs %0, cntfrq_el0" : "=r" (freq));
  interval = freq / 100;   /* 10 ms */
  __asm__ volatile ("msr cntp_tval_el0, %0" : : "r" (interval));
  __asm__ volatile ("msr cntp_ctl_el0, %0" : : "r" (UINT64_C (1)));
  /* WFI with IRQs masked still wakes on a pending one, which the short
   * unmasked window then takes: a tick can never slip in between the
   * check and the sleep and leave the core asleep for good. */
  while (ticks < TICKS)
    __asm__ volatile ("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");

  put_string ("Timer interrupts through the GIC: ");
  put_decimal (ticks);
  put_string (". Powering off.\n");
  return 0;
}
