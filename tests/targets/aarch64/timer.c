/* The generic timer: frequency, counters moving forward, the physical
 * and virtual timers' compare, ISTATUS, TVAL counting down past zero,
 * IMASK; CNTKCTL. */
#include "test.h"

static void
timer (const char *name, int virt)
{
  u64 ctl;
  i64 tval;

  if (virt) {
    SYSREG_WRITE (cntv_tval_el0, 200000);
    SYSREG_WRITE (cntv_ctl_el0, 1);
  } else {
    SYSREG_WRITE (cntp_tval_el0, 200000);
    SYSREG_WRITE (cntp_ctl_el0, 1);
  }
  /* Read at once: on QEMU the counter follows the host's clock. */
  ctl = virt ? SYSREG_READ (cntv_ctl_el0) : SYSREG_READ (cntp_ctl_el0);
  puts_ (name);
  puts_ (":\n");
  P ("  ctl before", ctl);
  for (unsigned i = 0; i < 100000000 && !(ctl & 4); i++)
    ctl = virt ? SYSREG_READ (cntv_ctl_el0) : SYSREG_READ (cntp_ctl_el0);
  P ("  ctl after", ctl);
  tval = (i64) (int) (virt ? SYSREG_READ (cntv_tval_el0) : SYSREG_READ (cntp_tval_el0));
  P ("  tval not positive", tval <= 0);
  u64 cval = virt ? SYSREG_READ (cntv_cval_el0) : SYSREG_READ (cntp_cval_el0);
  u64 now = virt ? SYSREG_READ (cntvct_el0) : SYSREG_READ (cntpct_el0);
  P ("  cval passed", cval <= now);
  if (virt)
    SYSREG_WRITE (cntv_ctl_el0, 3);
  else
    SYSREG_WRITE (cntp_ctl_el0, 3);
  P ("  masked ctl", virt ? SYSREG_READ (cntv_ctl_el0) : SYSREG_READ (cntp_ctl_el0));
  if (virt)
    SYSREG_WRITE (cntv_cval_el0, ~0ull);
  else
    SYSREG_WRITE (cntp_cval_el0, ~0ull);
  P ("  far compare ctl", virt ? SYSREG_READ (cntv_ctl_el0) : SYSREG_READ (cntp_ctl_el0));
  if (virt)
    SYSREG_WRITE (cntv_ctl_el0, 0);
  else
    SYSREG_WRITE (cntp_ctl_el0, 0);
}

int
main (void)
{
  P ("cntfrq", SYSREG_READ (cntfrq_el0));
  u64 a = SYSREG_READ (cntvct_el0), b;
  for (volatile int i = 0; i < 10000; i++)
    ;
  b = SYSREG_READ (cntvct_el0);
  P ("counter moves", b > a);
  CHECK (1, b > a);
  P ("pct ~ vct", SYSREG_READ (cntpct_el0) >= b);
  timer ("physical", 0);
  timer ("virtual", 1);
  SYSREG_WRITE (cntkctl_el1, 0x303);
  P ("cntkctl", SYSREG_READ (cntkctl_el1));
  return failed;
}
