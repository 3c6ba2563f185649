/* The GICv2 and the generic timer through it, as on QEMU's virt: the
 * distributor's and CPU interface's reset values and IDs, SGIs with each
 * target filter and their source in IAR, priorities (mask, running
 * priority, preemption order), software-pended SPIs, the timers' PPIs
 * waking WFI, EOImode with DIR; the PL011's and PL031's IDs.  Every
 * value printed is compared with QEMU's. */
#include "test.h"

#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define UART 0x09000000ul
#define RTC  0x09010000ul
#define R32(a) (*(volatile u32 *) (a))
#define R8(a)  (*(volatile uint8_t *) (a))

#define GICD_CTLR        (GICD + 0x000)
#define GICD_TYPER       (GICD + 0x004)
#define GICD_ISENABLER(n) (GICD + 0x100 + 4 * (n))
#define GICD_ICENABLER(n) (GICD + 0x180 + 4 * (n))
#define GICD_ISPENDR(n)  (GICD + 0x200 + 4 * (n))
#define GICD_ICPENDR(n)  (GICD + 0x280 + 4 * (n))
#define GICD_ISACTIVER(n) (GICD + 0x300 + 4 * (n))
#define GICD_IPRIORITYR(i) (GICD + 0x400 + (i))
#define GICD_ITARGETSR(i) (GICD + 0x800 + (i))
#define GICD_ICFGR(n)    (GICD + 0xc00 + 4 * (n))
#define GICD_SGIR        (GICD + 0xf00)
#define GICD_SPENDSGIR(n) (GICD + 0xf20 + 4 * (n))
#define GICC_CTLR  (GICC + 0x00)
#define GICC_PMR   (GICC + 0x04)
#define GICC_BPR   (GICC + 0x08)
#define GICC_IAR   (GICC + 0x0c)
#define GICC_EOIR  (GICC + 0x10)
#define GICC_RPR   (GICC + 0x14)
#define GICC_HPPIR (GICC + 0x18)
#define GICC_DIR   (GICC + 0x1000)

static volatile u64 irqs;
static volatile u32 last_iar;

static void
on_irq (int kind, Frame *f)
{
  u32 iar;

  (void) f;
  if (kind != 5)
    test_exit (200 + kind);
  iar = R32 (GICC_IAR);
  last_iar = iar;
  irqs++;
  if ((iar & 0x3ff) == 30)
    SYSREG_WRITE (cntp_ctl_el0, 0);
  if ((iar & 0x3ff) == 27)
    SYSREG_WRITE (cntv_ctl_el0, 0);
  R32 (GICC_EOIR) = iar;
}

/* Sleeps until the handler has run @n times in all.  WFI with IRQs
 * masked returns as soon as one is pending (at once if it already is),
 * then the unmasked window takes it: no interrupt can come between a
 * check and the sleep, whatever QEMU's host threads do. */
static void
wait_irq (u64 n)
{
  while (irqs < n)
    __asm__ volatile ("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}

static u64
isr (void)
{
  return SYSREG_READ (isr_el1);
}

static void
ids (const char *name, unsigned long base)
{
  u64 v = 0;

  for (int i = 0; i < 8; i++)
    v |= (u64) (R32 (base + 0xfe0 + 4 * i) & 0xff) << (8 * i);
  P (name, v);
}

int
main (void)
{
  u32 iar;

  on_exception (on_irq);
  ids ("pl011 ids", UART);
  ids ("pl031 ids", RTC);
  P ("pl011 fr", R32 (UART + 0x18) & 0x90);
  P ("pl011 cr", R32 (UART + 0x30));
  P ("pl011 ifls", R32 (UART + 0x34));
  P ("pl031 cr", R32 (RTC + 0x0c));

  P ("gicd typer", R32 (GICD_TYPER));
  P ("gicd ctlr", R32 (GICD_CTLR));
  P ("gicd pidr2", R32 (GICD + 0xfe8));
  P ("gicd icfgr0", R32 (GICD_ICFGR (0)));
  P ("gicd itargetsr0", R32 (GICD_ITARGETSR (0)));
  P ("gicd itargetsr28", R32 (GICD_ITARGETSR (28)));
  P ("gicc pmr", R32 (GICC_PMR));
  P ("gicc rpr", R32 (GICC_RPR));
  P ("gicc iar idle", R32 (GICC_IAR));

  R32 (GICD_CTLR) = 1;
  R32 (GICC_PMR) = 0xf0;
  R32 (GICC_CTLR) = 1;
  R8 (GICD_IPRIORITYR (40)) = 0xff;
  P ("priority readback", R8 (GICD_IPRIORITYR (40)));
  R32 (GICD_ITARGETSR (40)) = 0x01010101;
  P ("itargetsr40", R32 (GICD_ITARGETSR (40)));

  /* SGIs, IRQs masked: pending, acknowledged with their source. */
  R32 (GICD_ISENABLER (0)) = 0xffff;
  R32 (GICD_IPRIORITYR (0)) = 0x80808080;
  R32 (GICD_SGIR) = (2u << 24) | 3;        /* to itself */
  P ("isr after sgi", isr ());
  P ("ispendr0", R32 (GICD_ISPENDR (0)));
  P ("spendsgir0", R32 (GICD_SPENDSGIR (0)));
  P ("hppir", R32 (GICC_HPPIR));
  iar = R32 (GICC_IAR);
  P ("iar", iar);
  CHECK (2, iar == 3);
  P ("rpr", R32 (GICC_RPR));
  P ("isactiver0", R32 (GICD_ISACTIVER (0)));
  P ("isr while active", isr ());
  R32 (GICC_EOIR) = iar;
  P ("rpr after eoi", R32 (GICC_RPR));
  R32 (GICD_SGIR) = (1u << 16) | 1;        /* a target list: CPU 0 */
  P ("iar list", R32 (GICC_IAR));
  R32 (GICC_EOIR) = 1;
  R32 (GICD_SGIR) = (1u << 24) | 2;        /* everybody else: nobody */
  P ("ispendr0 others", R32 (GICD_ISPENDR (0)));

  /* Software-pended SPIs: priority order, no preemption by a lower one. */
  R8 (GICD_IPRIORITYR (41)) = 0x90;
  R8 (GICD_IPRIORITYR (42)) = 0x50;
  R32 (GICD_ISENABLER (1)) = 0x700;
  R32 (GICD_ISPENDR (1)) = 0x600;
  P ("ispendr1", R32 (GICD_ISPENDR (1)));
  P ("hppir spi", R32 (GICC_HPPIR));
  iar = R32 (GICC_IAR);
  P ("iar spi", iar);
  CHECK (3, iar == 42);
  P ("iar lower while active", R32 (GICC_IAR));
  R32 (GICC_EOIR) = iar;
  iar = R32 (GICC_IAR);
  P ("iar next", iar);
  R32 (GICC_EOIR) = iar;
  P ("iar empty", R32 (GICC_IAR));

  /* The mask: priority 0xa0 against PMR 0x80, then 0xf0. */
  R8 (GICD_IPRIORITYR (40)) = 0xa0;
  R32 (GICC_PMR) = 0x80;
  R32 (GICD_ISPENDR (1)) = 0x100;
  P ("isr below mask", isr ());
  P ("iar below mask", R32 (GICC_IAR));
  R32 (GICC_PMR) = 0xf0;
  P ("isr above mask", isr ());
  __asm__ volatile ("msr daifclr, #2\n\tnop\n\tmsr daifset, #2" ::: "memory");
  P ("irqs", irqs);
  P ("last iar", last_iar);

  /* The timers through their PPIs, waking WFI. */
  R32 (GICD_ISENABLER (0)) = (1u << 30) | (1u << 27);
  P ("isenabler0", R32 (GICD_ISENABLER (0)));
  SYSREG_WRITE (cntp_tval_el0, 1000);
  SYSREG_WRITE (cntp_ctl_el0, 1);
  wait_irq (2);
  P ("irqs after physical timer", irqs);
  P ("last iar", last_iar);
  CHECK (4, last_iar == 30);
  SYSREG_WRITE (cntv_tval_el0, 1000);
  SYSREG_WRITE (cntv_ctl_el0, 1);
  wait_irq (3);
  P ("irqs after virtual timer", irqs);
  P ("last iar", last_iar);
  /* A level PPI: pending while the timer's condition holds. */
  SYSREG_WRITE (cntp_tval_el0, 10);
  SYSREG_WRITE (cntp_ctl_el0, 1);
  while (!(SYSREG_READ (cntp_ctl_el0) & 4))
    ;
  P ("ispendr0 timer", R32 (GICD_ISPENDR (0)) & (1u << 30));
  SYSREG_WRITE (cntp_ctl_el0, 3);
  P ("ispendr0 masked timer", R32 (GICD_ISPENDR (0)) & (1u << 30));
  SYSREG_WRITE (cntp_ctl_el0, 0);

  /* EOImode: EOIR drops the priority, DIR deactivates. */
  R32 (GICC_CTLR) = 0x201;
  R32 (GICD_ISPENDR (1)) = 0x100;
  iar = R32 (GICC_IAR);
  P ("eoimode iar", iar);
  R32 (GICC_EOIR) = iar;
  P ("eoimode rpr", R32 (GICC_RPR));
  P ("eoimode active", R32 (GICD_ISACTIVER (1)));
  R32 (GICC_DIR) = iar;
  P ("after dir active", R32 (GICD_ISACTIVER (1)));
  R32 (GICC_CTLR) = 1;

  CHECK (1, irqs == 3);
  return failed;
}
