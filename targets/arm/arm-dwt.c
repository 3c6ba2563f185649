/* The data watchpoint and trace unit's cycle counter (0xe0001000), with
 * DEMCR.TRCENA in the system control space that powers it: what firmware
 * times code with (ARMv7-M; the M0 and M0+ have no cycle counter).
 *
 *   0x000 DWT_CTRL    NUMCOMP = 4 and the NOTRCPKT, NOEXTTRIG, NOCYCCNT
 *                     = 0, NOPRFCNT = 1 bits of the M3/M4; CYCCNTENA
 *                     (bit 0) is the only writable bit kept
 *   0x004 DWT_CYCCNT  the cycle counter, writable
 *   0x008-0x018       the profiling counters: read as zero
 *   0x01c DWT_PCSR    reads as zero
 *   0x020-0x05c       comparators 0-3 (COMP, MASK, FUNCTION): stored,
 *                     they do not match (Medley's watchpoints are the
 *                     debugger's)
 *   0xfd0-0xffc       the ID registers of the M3/M4 DWT
 *
 * The counter runs while DEMCR.TRCENA and CYCCNTENA are set, one count
 * per CPU clock in virtual time (a core asleep in WFI keeps counting,
 * as its clock is not gated here): its value is computed from the time
 * it was last written or started, like SysTick's.
 */
#include "arm-cpu.h"

enum {
  DWT_CTRL = 0x000,
  DWT_CYCCNT = 0x004,
  DWT_PCSR = 0x01c,
  DWT_COMP0 = 0x020,
  DWT_LAST = 0x05c,
  DWT_PID4 = 0xfd0,
  DWT_CID3 = 0xffc,
  DWT_CTRL_FIXED = 4u << 28 | 1u << 24, /* NUMCOMP = 4, NOPRFCNT */
  DEMCR_TRCENA = 1u << 24,
};

static bool
counting (const ArmCpu *s)
{
  return (s->demcr & DEMCR_TRCENA) && (s->dwt_ctrl & 1);
}

static uint32_t
cyccnt (const ArmCpu *s)
{
  uint64_t now = mdl_machine_now (s->cpu.machine);

  if (!counting (s) || now < s->dwt_base_ps)
    return s->dwt_base_cnt;
  return s->dwt_base_cnt + (uint32_t) ((now - s->dwt_base_ps) / s->cpu.period_ps);
}

/* Holds the current count as the base, from now on: before anything
 * that starts, stops or sets the counter. */
static void
rebase (ArmCpu *s, uint32_t count)
{
  s->dwt_base_cnt = count;
  s->dwt_base_ps = mdl_machine_now (s->cpu.machine);
}

bool
arm_dwt_read (ArmCpu *s, uint32_t off, uint32_t *value)
{
  if (off >= DWT_PID4 && off <= DWT_CID3) {
    static const uint8_t id[12] = { 0x04, 0, 0, 0, 0x02, 0xb0, 0x3b, 0x00, 0x0d, 0xe0, 0x05, 0xb1 };

    *value = (off & 3) ? 0 : id[(off - DWT_PID4) / 4];
    return true;
  }
  if (off > DWT_LAST)
    return false;
  if (off >= DWT_COMP0)
    *value = s->dwt_comp[(off - DWT_COMP0) / 4];
  else if (off == DWT_CTRL)
    *value = DWT_CTRL_FIXED | (s->dwt_ctrl & 1);
  else if (off == DWT_CYCCNT)
    *value = cyccnt (s);
  else
    *value = 0;
  return true;
}

bool
arm_dwt_write (ArmCpu *s, uint32_t off, uint32_t value)
{
  if (off >= DWT_PID4 && off <= DWT_CID3)
    return true;
  if (off > DWT_LAST)
    return false;
  if (off >= DWT_COMP0)
    s->dwt_comp[(off - DWT_COMP0) / 4] = value;
  else if (off == DWT_CTRL) {
    rebase (s, cyccnt (s));
    s->dwt_ctrl = value & 1;
  } else if (off == DWT_CYCCNT)
    rebase (s, value);
  return true;
}

void
arm_dwt_set_demcr (ArmCpu *s, uint32_t value)
{
  rebase (s, cyccnt (s));
  s->demcr = value & 0x010f07f1u;
}

void
arm_dwt_reset (ArmCpu *s)
{
  s->demcr = 0;
  s->dwt_ctrl = 0;
  s->dwt_base_cnt = 0;
  s->dwt_base_ps = 0;
  for (unsigned i = 0; i < G_N_ELEMENTS (s->dwt_comp); i++)
    s->dwt_comp[i] = 0;
}
