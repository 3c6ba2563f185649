/* System registers and PSTATE: identification, the registers EL1 owns
 * (read back what was written), SPSel and the stack pointers, DAIF and
 * NZCV through MRS/MSR and the immediate forms, barriers and hints. */
#include "test.h"

int
main (void)
{
  P ("midr", SYSREG_READ (midr_el1));
  P ("mpidr", SYSREG_READ (mpidr_el1));
  P ("ctr", SYSREG_READ (ctr_el0));
  P ("clidr", SYSREG_READ (clidr_el1));
  P ("dczid", SYSREG_READ (dczid_el0));
  P ("currentel", SYSREG_READ (currentel));
  P ("spsel", SYSREG_READ (spsel));
  P ("daif at entry", SYSREG_READ (daif));
  P ("cntfrq", SYSREG_READ (cntfrq_el0));

  SYSREG_WRITE (tpidr_el0, 0x1122334455667788ull);
  SYSREG_WRITE (tpidr_el1, 0x8877665544332211ull);
  SYSREG_WRITE (tpidrro_el0, 0xfeedfacecafebeefull);
  SYSREG_WRITE (contextidr_el1, 0x12345678);
  SYSREG_WRITE (mair_el1, 0x00000000004404ffull);
  SYSREG_WRITE (elr_el1, 0x40123454);
  SYSREG_WRITE (spsr_el1, 0xf00003c5);
  SYSREG_WRITE (far_el1, 0xdeadbeef);
  SYSREG_WRITE (esr_el1, 0x96000045);
  P ("tpidr_el0", SYSREG_READ (tpidr_el0));
  P ("tpidr_el1", SYSREG_READ (tpidr_el1));
  P ("tpidrro_el0", SYSREG_READ (tpidrro_el0));
  P ("contextidr", SYSREG_READ (contextidr_el1));
  P ("mair", SYSREG_READ (mair_el1));
  P ("elr", SYSREG_READ (elr_el1));
  P ("spsr", SYSREG_READ (spsr_el1));
  P ("far", SYSREG_READ (far_el1));
  P ("esr", SYSREG_READ (esr_el1));

  /* SP_EL0 and SPSel: with SPSel = 0, sp is SP_EL0 */
  u64 sp0, sp1, cur;
  SYSREG_WRITE (sp_el0, 0x40700000);
  __asm__ volatile("mov %1, sp\n\tmsr spsel, #0\n\tmov %0, sp\n\tmsr spsel, #1\n\tmov %2, sp"
                   : "=&r"(sp0), "=&r"(sp1), "=&r"(cur));
  P ("sp with spsel 0", sp0);
  CHECK (1, sp1 == cur && sp0 == 0x40700000);

  /* DAIF */
  __asm__ volatile("msr daifclr, #0xf");
  P ("daif clr", SYSREG_READ (daif));
  __asm__ volatile("msr daifset, #0x5");
  P ("daif set 5", SYSREG_READ (daif));
  SYSREG_WRITE (daif, 0x3c0);
  P ("daif", SYSREG_READ (daif));

  /* NZCV */
  SYSREG_WRITE (nzcv, 0xffffffffull);
  P ("nzcv", SYSREG_READ (nzcv));
  SYSREG_WRITE (nzcv, 0);

  __asm__ volatile("dmb ish\n\tdsb sy\n\tisb\n\tnop\n\tyield\n\tsevl\n\twfe\n\tsev\n\twfe\n\t"
                   "hint #0x6\n\tprfm pldl1keep, [sp]\n\tdc civac, %0\n\tic iallu\n\t"
                   "dsb ish\n\tisb" ::"r"((u64) &failed)
                   : "memory");
  P ("hints done", 1);
  return failed;
}
