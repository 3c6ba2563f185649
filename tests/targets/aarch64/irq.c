/* Asynchronous exceptions, on virt-irq.dts where the generic timer drives
 * the core's IRQ (physical timer) and FIQ (virtual timer) inputs: WFI
 * wakes on the interrupt, PSTATE.I/F mask it (ISR_EL1 still shows it),
 * unmasking takes it at once, ELR_EL1 is the instruction not yet run. */
#include "test.h"

static volatile u64 irqs, fiqs, last_elr, last_isr;

static void
on_irq (int kind, Frame *f)
{
  (void) f;
  last_elr = SYSREG_READ (elr_el1);
  last_isr = SYSREG_READ (isr_el1);
  if (kind == 5) {
    irqs++;
    SYSREG_WRITE (cntp_ctl_el0, 0);
  } else if (kind == 6) {
    fiqs++;
    SYSREG_WRITE (cntv_ctl_el0, 0);
  } else
    test_exit (200 + kind);
}

extern char after_wfi[];

int
main (void)
{
  on_exception (on_irq);
  P ("isr idle", SYSREG_READ (isr_el1));

  /* WFI with IRQs unmasked: the handler runs, then the code after wfi */
  SYSREG_WRITE (cntp_tval_el0, 1000);
  SYSREG_WRITE (cntp_ctl_el0, 1);
  __asm__ volatile("msr daifclr, #2\n\twfi\n\t.globl after_wfi\nafter_wfi:\n\tmsr daifset, #2" ::
                     : "memory");
  P ("irqs after wfi", irqs);
  CHECK (1, irqs == 1 && last_elr == (u64) after_wfi);
  CHECK (2, last_isr == 0x80);

  /* masked: pending in ISR_EL1, taken when unmasked */
  SYSREG_WRITE (cntp_tval_el0, 100);
  SYSREG_WRITE (cntp_ctl_el0, 1);
  while (!(SYSREG_READ (cntp_ctl_el0) & 4))
    ;
  P ("isr masked", SYSREG_READ (isr_el1));
  CHECK (3, SYSREG_READ (isr_el1) == 0x80 && irqs == 1);
  __asm__ volatile("msr daifclr, #2\n\tnop\n\tmsr daifset, #2" ::: "memory");
  CHECK (4, irqs == 2);

  /* IMASK keeps the line low */
  SYSREG_WRITE (cntp_tval_el0, 100);
  SYSREG_WRITE (cntp_ctl_el0, 3);
  while (!(SYSREG_READ (cntp_ctl_el0) & 4))
    ;
  CHECK (5, SYSREG_READ (isr_el1) == 0);
  SYSREG_WRITE (cntp_ctl_el0, 0);

  /* FIQ from the virtual timer, WFI with everything masked still wakes */
  SYSREG_WRITE (cntv_tval_el0, 500);
  SYSREG_WRITE (cntv_ctl_el0, 1);
  __asm__ volatile("wfi" ::: "memory");
  P ("isr after masked wfi", SYSREG_READ (isr_el1));
  CHECK (6, SYSREG_READ (isr_el1) == 0x40 && fiqs == 0);
  __asm__ volatile("msr daifclr, #1\n\tnop\n\tmsr daifset, #1" ::: "memory");
  P ("fiqs", fiqs);
  CHECK (7, fiqs == 1 && last_isr == 0x40);
  return failed;
}
