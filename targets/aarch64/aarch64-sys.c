/* Exceptions, interrupts, system registers and the system instructions of
 * the AArch64 core; the generic timer, PSCI and semihosting.
 *
 * Exception levels: EL0 and EL1 are implemented, EL2 and EL3 are not (as
 * on QEMU's `virt` without virtualization=on and secure=on), so every
 * exception is taken to EL1 and HVC/SMC are UNDEFINED except for the PSCI
 * calls the core answers itself, as QEMU does when no EL3 firmware is
 * loaded.  Semihosting is `hlt #0xf000` at EL1.
 *
 * The generic timer counts virtual time at CNTFRQ (the cluster's
 * timebase-frequency, or 62.5 MHz as on QEMU's Cortex-A53); the EL1
 * physical and the virtual timer drive the CPU's interrupt outputs 1 and
 * 2 (docs/aarch64-seams.md), re-evaluated when their registers are
 * written and at their deadline, an event of the core's own.
 */
#include "aarch64-cpu.h"

#include <string.h>

#define K(op0, op1, crn, crm, op2) A64_SYSREG_KEY (op0, op1, crn, crm, op2)

/* ---- PSTATE ---- */

uint64_t
a64_pstate (const A64Cpu *s)
{
  return s->nzcv | s->daif | (s->il ? 1u << 20 : 0) | (s->el << 2) | (s->spsel ? 1 : 0);
}

void
a64_select_sp (A64Cpu *s, unsigned el, bool spsel)
{
  unsigned cur = (s->el == 0 || !s->spsel) ? 0 : 1, nw = (el == 0 || !spsel) ? 0 : 1;

  s->sp_el[cur] = s->x[31];
  s->x[31] = s->sp_el[nw];
  s->el = el;
  s->spsel = spsel;
}

bool
a64_set_pstate (A64Cpu *s, uint64_t spsr)
{
  unsigned m = spsr & 0x1f, el = (m >> 2) & 3;

  if ((m & 0x10) || el > 1 || el > s->el || (m & 2) || (el == 0 && (m & 1)))
    return false;
  s->nzcv = (uint32_t) spsr & 0xf0000000u;
  s->daif = (uint32_t) spsr & 0x3c0u;
  s->il = (spsr >> 20) & 1;
  a64_select_sp (s, el, m & 1);
  return true;
}

/* ---- exceptions ---- */

static void
take (A64Cpu *s, unsigned kind_off, uint64_t ret)
{
  uint64_t off = s->el == 0 ? 0x400 : s->spsel ? 0x200 : 0;

  s->spsr_el1 = a64_pstate (s);
  s->elr_el1 = ret;
  s->il = false;
  a64_select_sp (s, 1, true);
  s->daif = 0xf << 6;
  s->excl_valid = false;
  s->npc = s->vbar_el1 + off + kind_off;
  s->check = true;
}

/* What a64_sync_exception reports (mdl_cpu_report_exception), by
 * exception class; aarch64.c offers the list to stop on. */
const char *const a64_exception_names[] = {
  "undefined instruction", "trapped floating point", "illegal execution state",
  "trapped system register", "instruction abort", "PC alignment fault", "data abort",
  "SP alignment fault", "supervisor call", "breakpoint instruction", NULL,
};

static const char *
ec_name (unsigned ec)
{
  switch (ec) {
  case A64_EC_UNKNOWN: return a64_exception_names[0];
  case A64_EC_FP: return a64_exception_names[1];
  case A64_EC_ILLEGAL: return a64_exception_names[2];
  case A64_EC_SYSREG: return a64_exception_names[3];
  case A64_EC_IABT_LOWER:
  case A64_EC_IABT_SAME: return a64_exception_names[4];
  case A64_EC_PC_ALIGN: return a64_exception_names[5];
  case A64_EC_DABT_LOWER:
  case A64_EC_DABT_SAME: return a64_exception_names[6];
  case A64_EC_SP_ALIGN: return a64_exception_names[7];
  case A64_EC_SVC: return a64_exception_names[8];
  case A64_EC_BRK: return a64_exception_names[9];
  default: return "exception";
  }
}

void
a64_sync_exception (A64Cpu *s, unsigned ec, uint32_t iss, uint64_t far, bool far_valid)
{
  uint64_t ret = s->pc;

  /* The machine's exception storm and --stop-on-exception.  The storm
   * guard counts the instructions between two faults, so the engine's
   * count is brought up to this one first (s->done is exact in both
   * tiers here). */
  if (G_UNLIKELY (s->cpu.exc_watched)) {
    a64_sync (s);
    mdl_cpu_report_exception (&s->cpu, ec, s->pc, far_valid ? far : 0, ec_name (ec),
                              ec != A64_EC_SVC && ec != A64_EC_HVC && ec != A64_EC_SMC
                                && ec != A64_EC_BRK);
  }
  if (ec == A64_EC_SVC || ec == A64_EC_HVC || ec == A64_EC_SMC)
    ret = s->pc + 4;
  take (s, 0, ret);
  s->esr_el1 = ((uint64_t) ec << 26) | (1u << 25) | (iss & 0x1ffffff);
  if (far_valid)
    s->far_el1 = far;
}

void
a64_undefined (A64Cpu *s)
{
  a64_sync_exception (s, A64_EC_UNKNOWN, 0, 0, false);
}

bool
a64_check_irq (A64Cpu *s)
{
  if (s->fiq_in && !(s->daif & (1u << 6))) {
    take (s, 0x100, s->pc);
    return true;
  }
  if (s->irq_in && !(s->daif & (1u << 7))) {
    take (s, 0x80, s->pc);
    return true;
  }
  return false;
}

void
a64_reset_core (A64Cpu *s, uint64_t entry)
{
  memset (s->x, 0, sizeof s->x);
  memset (s->v, 0, sizeof s->v);
  s->sp_el[0] = s->sp_el[1] = 0;
  s->el = 1;
  s->spsel = true;
  s->nzcv = 0;
  s->daif = 0xf << 6;
  s->pc = s->npc = entry;
  s->sctlr_el1 = 0x00c50838; /* RES1 bits, MMU and caches off */
  s->tcr_el1 = s->ttbr0_el1 = s->ttbr1_el1 = s->mair_el1 = s->vbar_el1 = 0;
  s->elr_el1 = s->spsr_el1 = s->esr_el1 = s->far_el1 = s->par_el1 = 0;
  s->cpacr_el1 = s->tpidr_el0 = s->tpidr_el1 = s->tpidrro_el0 = s->contextidr_el1 = 0;
  s->cntkctl_el1 = s->mdscr_el1 = s->fpcr = s->fpsr = 0;
  /* As a fresh core has them (fuzz-aarch64: a reset kept ACTLR_EL1) */
  s->actlr_el1 = s->afsr0_el1 = s->afsr1_el1 = s->amair_el1 = s->oslsr = 0;
  s->excl_valid = false;
  s->event_reg = s->in_wfe = false;
  s->evt_cnt = 0;
  mdl_event_cancel (s->cpu.machine, &s->wfe_event);
  s->il = false;
  memset (s->timer_ctl, 0, sizeof s->timer_ctl);
  memset (s->timer_cval, 0, sizeof s->timer_cval);
  s->check = true;
  a64_tlb_flush (s);
}

/* ---- the generic timer ---- */

uint64_t
a64_counter (A64Cpu *s)
{
  uint64_t now = mdl_machine_now (s->cpu.machine);

  return (uint64_t) ((unsigned __int128) now * s->cnt_freq / MDL_PS_PER_S);
}

static void
timer_fire (void *opaque, uint64_t now_ps)
{
  (void) now_ps;
  a64_timer_update (opaque);
}

/* The event stream's event that ends a WFE. */
static void
wfe_fire (void *opaque, uint64_t now_ps)
{
  A64Cpu *s = opaque;

  (void) now_ps;
  if (!s->in_wfe)
    return;
  s->in_wfe = false;
  s->event_reg = true;
  mdl_cpu_wake (&s->cpu);
  s->check = true;
}

void
a64_timer_init (A64Cpu *s)
{
  mdl_event_init (&s->timer_event, timer_fire, s);
  mdl_event_init (&s->wfe_event, wfe_fire, s);
}

/* The first counter value after @cnt at which the event stream
 * (CNTKCTL_EL1.EVNTEN) signals: counter bit EVNTI going 0->1, or 1->0
 * with EVNTDIR. */
static uint64_t
evt_next (const A64Cpu *s, uint64_t cnt)
{
  unsigned bit = (s->cntkctl_el1 >> 4) & 15;
  uint64_t period = UINT64_C (2) << bit, at;

  at = (cnt & ~(period - 1)) + (((s->cntkctl_el1 >> 3) & 1) ? period : period / 2);
  return at <= cnt ? at + period : at;
}

/* WFE: completes at once when the event register is set or an interrupt
 * is pending (masked or not), or when the event stream has signalled
 * since the last WFE; else the core sleeps until SEV, an interrupt or the
 * stream's next event.  Without the stream it does not sleep: nothing
 * here signals a store that clears another core's exclusive monitor, and
 * a core waiting on one must not sleep forever. */
static void
wfe (A64Cpu *s)
{
  bool stream = (s->cntkctl_el1 >> 2) & 1;
  uint64_t cnt, next;

  if (s->event_reg || s->irq_in || s->fiq_in || !stream) {
    s->event_reg = false;
    return;
  }
  a64_sync (s);
  cnt = a64_counter (s);
  next = evt_next (s, s->evt_cnt);
  s->evt_cnt = cnt;
  if (next <= cnt)
    return;
  {
    unsigned __int128 when
      = ((unsigned __int128) next * MDL_PS_PER_S + s->cnt_freq - 1) / s->cnt_freq;
    mdl_event_schedule (s->cpu.machine, &s->wfe_event,
                        when > UINT64_MAX - 1 ? UINT64_MAX - 1 : (uint64_t) when);
  }
  s->in_wfe = true;
  s->cpu.state = MDL_CPU_WAITING;
  s->check = true;
}

void
a64_timer_update (A64Cpu *s)
{
  uint64_t cnt = a64_counter (s), next = UINT64_MAX;

  for (unsigned t = A64_TIMER_PNS; t <= A64_TIMER_V; t++) {
    uint32_t ctl = s->timer_ctl[t];
    bool enable = ctl & 1, ist = enable && cnt >= s->timer_cval[t];
    bool level = ist && !(ctl & 2);

    if (level != s->timer_level[t]) {
      s->timer_level[t] = level;
      mdl_cpu_irq_out_set (&s->cpu, t, level);
    }
    if (enable && !ist && s->timer_cval[t] < next)
      next = s->timer_cval[t];
  }
  if (next == UINT64_MAX) {
    mdl_event_cancel (s->cpu.machine, &s->timer_event);
    return;
  }
  /* The first picosecond at which the counter reaches @next. */
  unsigned __int128 when
    = ((unsigned __int128) next * MDL_PS_PER_S + s->cnt_freq - 1) / s->cnt_freq;
  mdl_event_schedule (s->cpu.machine, &s->timer_event,
                      when > UINT64_MAX - 1 ? UINT64_MAX - 1 : (uint64_t) when);
}

/* ---- system registers ---- */

/* clang-format off */
static const struct {
  uint32_t key;
  const char *name;
} sysreg_names[] = {
  { K (3, 0, 0, 0, 0), "midr_el1" },       { K (3, 0, 0, 0, 5), "mpidr_el1" },
  { K (3, 0, 0, 0, 6), "revidr_el1" },     { K (3, 0, 0, 4, 0), "id_aa64pfr0_el1" },
  { K (3, 0, 0, 4, 1), "id_aa64pfr1_el1" }, { K (3, 0, 0, 5, 0), "id_aa64dfr0_el1" },
  { K (3, 0, 0, 5, 1), "id_aa64dfr1_el1" }, { K (3, 0, 0, 5, 4), "id_aa64afr0_el1" },
  { K (3, 0, 0, 5, 5), "id_aa64afr1_el1" }, { K (3, 0, 0, 6, 0), "id_aa64isar0_el1" },
  { K (3, 0, 0, 6, 1), "id_aa64isar1_el1" }, { K (3, 0, 0, 7, 0), "id_aa64mmfr0_el1" },
  { K (3, 0, 0, 7, 1), "id_aa64mmfr1_el1" }, { K (3, 0, 0, 7, 2), "id_aa64mmfr2_el1" },
  { K (3, 0, 1, 0, 0), "sctlr_el1" },      { K (3, 0, 1, 0, 1), "actlr_el1" },
  { K (3, 0, 1, 0, 2), "cpacr_el1" },      { K (3, 0, 2, 0, 0), "ttbr0_el1" },
  { K (3, 0, 2, 0, 1), "ttbr1_el1" },      { K (3, 0, 2, 0, 2), "tcr_el1" },
  { K (3, 0, 4, 0, 0), "spsr_el1" },       { K (3, 0, 4, 0, 1), "elr_el1" },
  { K (3, 0, 4, 1, 0), "sp_el0" },         { K (3, 0, 4, 2, 0), "spsel" },
  { K (3, 0, 4, 2, 2), "currentel" },      { K (3, 3, 4, 2, 0), "nzcv" },
  { K (3, 3, 4, 2, 1), "daif" },           { K (3, 3, 4, 4, 0), "fpcr" },
  { K (3, 3, 4, 4, 1), "fpsr" },           { K (3, 0, 5, 1, 0), "afsr0_el1" },
  { K (3, 0, 5, 1, 1), "afsr1_el1" },      { K (3, 0, 5, 2, 0), "esr_el1" },
  { K (3, 0, 6, 0, 0), "far_el1" },        { K (3, 0, 7, 4, 0), "par_el1" },
  { K (3, 0, 10, 2, 0), "mair_el1" },      { K (3, 0, 10, 3, 0), "amair_el1" },
  { K (3, 0, 12, 0, 0), "vbar_el1" },      { K (3, 0, 12, 1, 0), "isr_el1" },
  { K (3, 0, 13, 0, 1), "contextidr_el1" }, { K (3, 0, 13, 0, 4), "tpidr_el1" },
  { K (3, 3, 13, 0, 2), "tpidr_el0" },     { K (3, 3, 13, 0, 3), "tpidrro_el0" },
  { K (3, 0, 14, 1, 0), "cntkctl_el1" },   { K (3, 3, 0, 0, 1), "ctr_el0" },
  { K (3, 3, 0, 0, 7), "dczid_el0" },      { K (3, 1, 0, 0, 1), "clidr_el1" },
  { K (3, 1, 0, 0, 0), "ccsidr_el1" },     { K (3, 2, 0, 0, 0), "csselr_el1" },
  { K (3, 1, 0, 0, 7), "aidr_el1" },       { K (3, 3, 14, 0, 0), "cntfrq_el0" },
  { K (3, 3, 14, 0, 1), "cntpct_el0" },    { K (3, 3, 14, 0, 2), "cntvct_el0" },
  { K (3, 3, 14, 2, 0), "cntp_tval_el0" }, { K (3, 3, 14, 2, 1), "cntp_ctl_el0" },
  { K (3, 3, 14, 2, 2), "cntp_cval_el0" }, { K (3, 3, 14, 3, 0), "cntv_tval_el0" },
  { K (3, 3, 14, 3, 1), "cntv_ctl_el0" },  { K (3, 3, 14, 3, 2), "cntv_cval_el0" },
  { K (2, 0, 0, 2, 2), "mdscr_el1" },      { K (2, 0, 1, 0, 4), "oslar_el1" },
  { K (2, 0, 1, 1, 4), "oslsr_el1" },      { K (2, 0, 1, 3, 4), "osdlr_el1" },
};
/* clang-format on */

const char *
a64_sysreg_name (uint32_t key)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (sysreg_names); i++)
    if (sysreg_names[i].key == key)
      return sysreg_names[i].name;
  return NULL;
}

/* The timer registers: @t the timer, @op2 0 TVAL, 1 CTL, 2 CVAL. */
static void
timer_access (A64Cpu *s, unsigned t, unsigned op2, bool write, uint64_t *val)
{
  uint64_t cnt;

  a64_sync (s);
  cnt = a64_counter (s);
  if (!write) {
    if (op2 == 0)
      *val = (uint32_t) (s->timer_cval[t] - cnt); /* bits 63:32 are RES0 */
    else if (op2 == 1)
      *val = s->timer_ctl[t] | ((s->timer_ctl[t] & 1) && cnt >= s->timer_cval[t] ? 4 : 0);
    else
      *val = s->timer_cval[t];
    return;
  }
  if (op2 == 0)
    s->timer_cval[t] = cnt + (uint64_t) (int64_t) (int32_t) *val;
  else if (op2 == 1)
    s->timer_ctl[t] = (uint32_t) *val & 3;
  else
    s->timer_cval[t] = *val;
  a64_timer_update (s);
  s->check = true;
}

/* Which EL0 accesses CNTKCTL_EL1 allows: true when permitted. */
static bool
el0_timer_ok (A64Cpu *s, uint32_t key)
{
  uint64_t k = s->cntkctl_el1;

  switch (key) {
  case K (3, 3, 14, 0, 0): return k & 3;
  case K (3, 3, 14, 0, 1): return k & 1;
  case K (3, 3, 14, 0, 2): return k & 2;
  default:
    if ((key >> 3) == (K (3, 3, 14, 2, 0) >> 3))
      return (k >> 9) & 1;
    return (k >> 8) & 1;
  }
}

bool
a64_sysreg_access (A64Cpu *s, uint32_t key, bool write, uint64_t *val)
{
  unsigned op1 = (key >> 11) & 7;
  uint64_t dummy = 0;

  if (op1 != 0 && op1 != 3 && !(op1 == 1 || op1 == 2))
    return false; /* EL2, EL3 and EL12 registers: no such ELs */
  if (s->el == 0 && op1 != 3)
    return false;

    /* clang-format off */
#define RW(k, field)                                                                               \
  case k:                                                                                          \
    if (write)                                                                                     \
      field = *val;                                                                                \
    else                                                                                           \
      *val = field;                                                                                \
    return true
#define RO(k, value)                                                                               \
  case k:                                                                                          \
    if (write)                                                                                     \
      return false;                                                                                \
    *val = (value);                                                                                \
    return true

  switch (key) {
  RO (K (3, 0, 0, 0, 0), 0x410fd034); /* Cortex-A53 r0p4 */
  RO (K (3, 0, 0, 0, 5), UINT64_C (0x80000000) | (s->cpu.hartid & 0xffffff));
  RO (K (3, 0, 0, 0, 6), 0);
  RO (K (3, 0, 0, 4, 0), 0x00000011); /* EL0, EL1 in AArch64; no EL2/EL3; FP; AdvSIMD */
  RO (K (3, 0, 0, 5, 0), 0x00000006);
  RO (K (3, 0, 0, 6, 0), 0x00010000); /* CRC32 */
  RO (K (3, 0, 0, 7, 0), 0x0f000022); /* 40-bit PA, 16-bit ASID, 4 KiB granule only */
  RO (K (3, 3, 0, 0, 1), 0x84448004);
  RO (K (3, 3, 0, 0, 7), (((s->sctlr_el1 >> 14) & 1) || s->el > 0) ? 4 : 0x14);
  RO (K (3, 1, 0, 0, 1), 0x0a200023);
  RO (K (3, 1, 0, 0, 0), 0x700fe01a);
  RO (K (3, 1, 0, 0, 7), 0);
  RO (K (3, 0, 4, 2, 2), (uint64_t) s->el << 2);
  RO (K (3, 0, 12, 1, 0), (s->irq_in ? 0x80 : 0) | (s->fiq_in ? 0x40 : 0));
  RO (K (2, 0, 1, 1, 4), s->oslsr);
  case K (3, 0, 1, 0, 0):
    if (write) {
      s->sctlr_el1 = *val;
      a64_tlb_flush (s);
      s->check = true;
    } else
      *val = s->sctlr_el1;
    return true;
  RW (K (3, 0, 1, 0, 1), s->actlr_el1);
  RW (K (3, 0, 1, 0, 2), s->cpacr_el1);
  case K (3, 0, 2, 0, 0):
  case K (3, 0, 2, 0, 1):
  case K (3, 0, 2, 0, 2): {
    uint64_t *r = key == K (3, 0, 2, 0, 0) ? &s->ttbr0_el1
                  : key == K (3, 0, 2, 0, 1) ? &s->ttbr1_el1 : &s->tcr_el1;
    if (write) {
      uint64_t old = *r;

      *r = *val;
      /* The TLB's entries are tagged with their ASID, and the
       * architecture lets them outlive a TTBR write (software reusing an
       * ASID invalidates with TLBI): only TCR's changes drop them.  Linux
       * switches TTBR0 on every user access (no PAN on the A53), so
       * keeping them matters.  Decoded instructions are tagged by virtual
       * address alone: forgotten (in O(1)). */
      if (key == K (3, 0, 2, 0, 2))
        a64_tlb_invalidate (s);
      else
        a64_forget_ttbr (s, key == K (3, 0, 2, 0, 1), old);
    } else
      *val = *r;
    return true;
  }
  RW (K (3, 0, 4, 0, 0), s->spsr_el1);
  RW (K (3, 0, 4, 0, 1), s->elr_el1);
  case K (3, 0, 4, 1, 0):
    if (!s->spsel)
      return false; /* SP_EL0 while it is the current SP */
    if (write)
      s->sp_el[0] = *val;
    else
      *val = s->sp_el[0];
    return true;
  case K (3, 0, 4, 2, 0):
    if (write) {
      a64_select_sp (s, s->el, *val & 1);
    } else
      *val = s->spsel;
    return true;
  case K (3, 3, 4, 2, 0):
    if (write)
      s->nzcv = (uint32_t) *val & 0xf0000000u;
    else
      *val = s->nzcv;
    return true;
  case K (3, 3, 4, 2, 1):
    if (s->el == 0 && !((s->sctlr_el1 >> 9) & 1))
      return false;
    if (write) {
      s->daif = (uint32_t) *val & 0x3c0;
      s->check = true;
    } else
      *val = s->daif;
    return true;
  case K (3, 3, 4, 4, 0): /* FPCR: no trap enables on this core; Len, Stride RES0 */
    if (write)
      s->fpcr = *val & 0x07c00000u;
    else
      *val = s->fpcr;
    return true;
  case K (3, 3, 4, 4, 1):
    if (write)
      s->fpsr = *val & 0xf800009fu;
    else
      *val = s->fpsr;
    return true;
  RW (K (3, 0, 5, 1, 0), s->afsr0_el1);
  RW (K (3, 0, 5, 1, 1), s->afsr1_el1);
  RW (K (3, 0, 5, 2, 0), s->esr_el1);
  RW (K (3, 0, 6, 0, 0), s->far_el1);
  RW (K (3, 0, 7, 4, 0), s->par_el1);
  RW (K (3, 0, 10, 2, 0), s->mair_el1);
  RW (K (3, 0, 10, 3, 0), s->amair_el1);
  case K (3, 0, 12, 0, 0):
    if (write)
      s->vbar_el1 = *val & ~UINT64_C (0x7ff);
    else
      *val = s->vbar_el1;
    return true;
  RW (K (3, 0, 13, 0, 1), s->contextidr_el1);
  RW (K (3, 0, 13, 0, 4), s->tpidr_el1);
  RW (K (3, 3, 13, 0, 2), s->tpidr_el0);
  case K (3, 3, 13, 0, 3):
    if (s->el == 0 && write)
      return false;
    if (write)
      s->tpidrro_el0 = *val;
    else
      *val = s->tpidrro_el0;
    return true;
  RW (K (3, 0, 14, 1, 0), s->cntkctl_el1);
  RW (K (3, 2, 0, 0, 0), dummy);
  RW (K (2, 0, 0, 2, 2), s->mdscr_el1);
  case K (2, 0, 1, 0, 4): /* OSLAR_EL1, write-only */
    if (!write)
      return false;
    s->oslsr = (s->oslsr & ~UINT64_C (2)) | ((*val & 1) << 1) | 8;
    return true;
  RW (K (2, 0, 1, 3, 4), dummy);
  case K (3, 3, 14, 0, 0):
    if (s->el == 0 && !el0_timer_ok (s, key))
      return false;
    if (write)
      return false; /* CNTFRQ_EL0 is written from the highest EL only: EL3 */
    *val = s->cnt_freq;
    return true;
  case K (3, 3, 14, 0, 1):
  case K (3, 3, 14, 0, 2):
    if (write || (s->el == 0 && !el0_timer_ok (s, key)))
      return false;
    a64_sync (s);
    *val = a64_counter (s);
    return true;
  default:
    break;
  }
  /* clang-format on */
  /* The generic timer's compare registers. */
  if ((key & ~UINT32_C (0xf)) == (K (3, 3, 14, 2, 0) & ~UINT32_C (0xf))
      || (key & ~UINT32_C (0xf)) == (K (3, 3, 14, 3, 0) & ~UINT32_C (0xf))) {
    unsigned crm = (key >> 3) & 15, op2 = key & 7;
    if (op2 > 2)
      return false;
    if (s->el == 0 && !el0_timer_ok (s, key))
      return false;
    timer_access (s, crm == 2 ? A64_TIMER_PNS : A64_TIMER_V, op2, write, val);
    return true;
  }
  /* The rest of the ID space (AArch32 ID registers, reserved ones) reads
   * as zero; the debug breakpoint and watchpoint registers read as zero
   * and ignore writes. */
  if ((key >> 7) == (K (3, 0, 0, 0, 0) >> 7) && !write) {
    *val = 0;
    return true;
  }
  if ((key >> 7) == (K (2, 0, 0, 0, 0) >> 7) && (key & 7) >= 4) {
    if (!write)
      *val = 0;
    return true;
  }
  return false;
#undef RW
#undef RO
}

/* ---- system instructions ---- */

/* An EL0 access SCTLR_EL1 or CNTKCTL_EL1 disables: trapped to EL1 as
 * EC 0x18 with the instruction's fields in the syndrome. */
static void
sys_trap (A64Cpu *s, uint32_t insn)
{
  uint32_t iss = (((insn >> 19) & 3) << 20) | (((insn >> 5) & 7) << 17) | (((insn >> 16) & 7) << 14)
                 | (((insn >> 12) & 15) << 10) | ((insn & 31) << 5) | (((insn >> 8) & 15) << 1)
                 | ((insn >> 21) & 1);

  a64_sync_exception (s, A64_EC_SYSREG, iss, 0, false);
}

/* Whether an EL0 access to register @key is trapped by SCTLR_EL1.UMA
 * (DAIF), UCT (CTR_EL0) or CNTKCTL_EL1 (the timer). */
static bool
el0_trapped (A64Cpu *s, uint32_t key)
{
  if (s->el != 0)
    return false;
  if (key == A64_SYSREG_KEY (3, 3, 4, 2, 1))
    return !((s->sctlr_el1 >> 9) & 1);
  if (key == A64_SYSREG_KEY (3, 3, 0, 0, 1))
    return !((s->sctlr_el1 >> 15) & 1);
  if ((key >> 7) == (A64_SYSREG_KEY (3, 3, 14, 0, 0) >> 7) && ((key >> 3) & 15) <= 3
      && (key & 7) <= 2)
    return !el0_timer_ok (s, key);
  return false;
}

/* FPCR and FPSR are FP state: CPACR_EL1.FPEN traps their accesses. */
static bool
fp_reg_trapped (A64Cpu *s, uint32_t key)
{
  unsigned fpen = (s->cpacr_el1 >> 20) & 3;

  if ((key != A64_SYSREG_KEY (3, 3, 4, 4, 0) && key != A64_SYSREG_KEY (3, 3, 4, 4, 1)) || fpen == 3
      || (fpen == 1 && s->el == 1))
    return false;
  a64_sync_exception (s, A64_EC_FP, 0x1e00000, 0, false);
  return true;
}

void
a64_x_mrs (A64Cpu *s, uint32_t insn)
{
  uint64_t v = 0;

  if (fp_reg_trapped (s, (insn >> 5) & 0xffff))
    return;
  if (el0_trapped (s, (insn >> 5) & 0xffff)) {
    sys_trap (s, insn);
    return;
  }
  if (!a64_sysreg_access (s, (insn >> 5) & 0xffff, false, &v)) {
    a64_undefined (s);
    return;
  }
  a64_wx (s, insn & 31, v);
}

void
a64_x_msr (A64Cpu *s, uint32_t insn)
{
  uint64_t v = a64_rx (s, insn & 31);

  if (fp_reg_trapped (s, (insn >> 5) & 0xffff))
    return;
  if (el0_trapped (s, (insn >> 5) & 0xffff)) {
    sys_trap (s, insn);
    return;
  }
  if (!a64_sysreg_access (s, (insn >> 5) & 0xffff, true, &v))
    a64_undefined (s);
  if (mdl_cpu_exit_requested (&s->cpu))
    s->check = true;
}

void
a64_x_msr_imm (A64Cpu *s, uint32_t insn)
{
  unsigned op1 = (insn >> 16) & 7, op2 = (insn >> 5) & 7, crm = (insn >> 8) & 15;

  if (op1 == 0 && op2 == 5 && s->el > 0) {
    a64_select_sp (s, s->el, crm & 1);
  } else if (op1 == 3 && (op2 == 6 || op2 == 7)) {
    if (s->el == 0 && !((s->sctlr_el1 >> 9) & 1)) {
      sys_trap (s, insn);
      return;
    }
    if (op2 == 6)
      s->daif |= crm << 6;
    else
      s->daif &= ~(crm << 6);
    s->check = true;
  } else
    a64_undefined (s);
}

void
a64_x_hint (A64Cpu *s, uint32_t insn)
{
  unsigned op = (insn >> 5) & 0x7f;

  switch (op) {
  case 2: /* wfe */
    if (s->el == 0 && !((s->sctlr_el1 >> 18) & 1)) { /* nTWE */
      a64_sync_exception (s, A64_EC_WFX, 0x1e00001, 0, false);
      return;
    }
    wfe (s);
    break;
  case 3:                                            /* wfi */
    if (s->el == 0 && !((s->sctlr_el1 >> 16) & 1)) { /* nTWI */
      a64_sync_exception (s, A64_EC_WFX, 0x1e00000, 0, false);
      return;
    }
    if (!s->irq_in && !s->fiq_in) {
      s->cpu.state = MDL_CPU_WAITING;
      s->check = true;
    }
    break;
  case 4: /* sev: every core of this class gets the event */
    for (unsigned i = 0; i < mdl_machine_n_cpus (s->cpu.machine); i++) {
      MdlCpu *c = mdl_machine_cpu (s->cpu.machine, i);
      if (c->cls == s->cpu.cls) {
        A64Cpu *t = (A64Cpu *) c;
        t->event_reg = true;
        if (t->in_wfe) {
          t->in_wfe = false;
          mdl_event_cancel (c->machine, &t->wfe_event);
          mdl_cpu_wake (c);
          t->check = true;
        }
      }
    }
    break;
  case 5: s->event_reg = true; break;
  default: break;
  }
}

void
a64_x_barrier (A64Cpu *s, uint32_t insn)
{
  if (((insn >> 5) & 7) == 2) /* clrex */
    s->excl_valid = false;
}

static void
dc_zva (A64Cpu *s, uint64_t va)
{
  va &= ~UINT64_C (63);
  for (unsigned i = 0; i < 64; i += 8)
    if (!a64_store (s, va + i, 8, 0, false))
      return;
}


/* TLBI CRm @crm, op2 @op2 on core @s (the forms of ARMv8.4, not on this
 * core, invalidate everything). */
static void
tlbi_one (A64Cpu *s, unsigned crm, unsigned op2, uint64_t arg)
{
  bool known = crm == 3 || crm == 7;

  /* VA[55:12] in bits 43:0 (bit 55, bit 43 here, picks the range) */
  if (known && (op2 == 1 || op2 == 3 || op2 == 5 || op2 == 7))
    a64_tlb_invalidate_va (s, (arg & UINT64_C (0x00000fffffffffff)) << 12);
  else if (known && op2 == 2)
    a64_tlb_invalidate_asid (s);
  else
    a64_tlb_invalidate (s);
  s->check = true;
}

void
a64_x_sys (A64Cpu *s, uint32_t insn)
{
  unsigned op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15, crm = (insn >> 8) & 15;
  unsigned op2 = (insn >> 5) & 7, rt = insn & 31;
  bool l = (insn >> 21) & 1;

  if (l) {
    a64_undefined (s);
    return;
  }
  if (crn == 7) {
    if (op1 == 3 && crm == 4 && op2 == 1) {            /* dc zva */
      if (s->el == 0 && !((s->sctlr_el1 >> 14) & 1)) { /* DZE */
        sys_trap (s, insn);
        return;
      }
      dc_zva (s, a64_rx (s, rt));
      return;
    }
    /* EL0 cache maintenance by address: SCTLR_EL1.UCI */
    if (op1 == 3 && s->el == 0 && !((s->sctlr_el1 >> 26) & 1)
        && ((crm == 5 && op2 == 1) || crm == 10 || crm == 11 || crm == 14)) {
      sys_trap (s, insn);
      return;
    }
    if (op1 == 3 && crm == 5 && op2 == 1) { /* ic ivau */
      a64_forget_decoded (s);
      return;
    }
    if (op1 == 0 && (crm == 1 || crm == 5) && op2 == 0 && s->el > 0) { /* ic iallu(is) */
      a64_forget_decoded (s);
      return;
    }
    if (op1 == 3 && (crm == 10 || crm == 11 || crm == 14) && op2 == 1)
      return; /* dc cvac, cvau, civac: caches are not modelled */
    if (op1 == 0 && s->el > 0
        && ((crm == 6 && (op2 == 1 || op2 == 2)) || ((crm == 10 || crm == 14) && op2 == 2)))
      return;                                           /* dc ivac, isw, csw, cisw */
    if (op1 == 0 && crm == 8 && op2 < 4 && s->el > 0) { /* at s1e1r/w, s1e0r/w */
      uint64_t pa;
      unsigned fsc = a64_translate (s, a64_rx (s, rt), (op2 & 1) ? A64_ACC_WRITE : A64_ACC_READ,
                                    op2 >= 2 ? 0 : 1, &pa);
      s->par_el1 = fsc ? (1 | ((fsc & 0x3f) << 1)) : a64_par_ok (s, a64_rx (s, rt), pa);
      return;
    }
  }
  if (crn == 8 && op1 == 0 && s->el > 0) { /* tlbi */
    uint64_t arg = a64_rx (s, rt);

    /* The Inner Shareable forms (CRm 3) reach every core of the cluster:
     * Linux changes a page table on one core and invalidates with them
     * for all (a thread on another core kept writing a page it had
     * unmapped or made copy-on-write).  The others run between their own
     * instructions, so they see it before their next one. */
    if (crm == 3) {
      for (unsigned i = 0; i < mdl_machine_n_cpus (s->cpu.machine); i++) {
        MdlCpu *c = mdl_machine_cpu (s->cpu.machine, i);

        if (c->cls == s->cpu.cls && c->as == s->cpu.as)
          tlbi_one ((A64Cpu *) c, crm, op2, arg);
      }
    } else
      tlbi_one (s, crm, op2, arg);
    return;
  }
  a64_undefined (s);
}

void
a64_x_eret (A64Cpu *s, uint32_t insn)
{
  (void) insn;
  if (s->el == 0) {
    a64_undefined (s);
    return;
  }
  s->excl_valid = false;
  s->check = true;
  if (!a64_set_pstate (s, s->spsr_el1)) {
    /* An illegal return: EL and SP stay, the flags and masks come from
     * SPSR, PSTATE.IL is set and the next instruction takes an Illegal
     * Execution State exception, at the same EL. */
    s->nzcv = (uint32_t) s->spsr_el1 & 0xf0000000u;
    s->daif = (uint32_t) s->spsr_el1 & 0x3c0u;
    s->il = true;
  }
  s->npc = s->elr_el1;
}

void
a64_x_exc (A64Cpu *s, uint32_t insn)
{
  unsigned imm = (insn >> 5) & 0xffff;

  switch (insn & 0xffe0001f) {
  case 0xd4000001: a64_sync_exception (s, A64_EC_SVC, imm, 0, false); return;
  case 0xd4000002:
  case 0xd4000003:
    /* QEMU answers PSCI on its conduit whatever the immediate. */
    if (s->el > 0 && a64_psci (s))
      return;
    a64_undefined (s);
    return;
  case 0xd4200000: a64_sync_exception (s, A64_EC_BRK, imm, 0, false); return;
  default: /* hlt */
    if (imm == 0xf000 && s->el > 0) {
      a64_semihost (s);
      return;
    }
    a64_undefined (s);
    return;
  }
}

/* ---- PSCI ---- */

enum {
  PSCI_SUCCESS = 0,
  PSCI_NOT_SUPPORTED = -1,
  PSCI_INVALID_PARAMETERS = -2,
  PSCI_ALREADY_ON = -4,
};

static A64Cpu *
find_core (A64Cpu *s, uint64_t mpidr)
{
  for (unsigned i = 0; i < mdl_machine_n_cpus (s->cpu.machine); i++) {
    MdlCpu *c = mdl_machine_cpu (s->cpu.machine, i);
    if (c->cls == s->cpu.cls && c->as == s->cpu.as && (c->hartid & 0xffffff) == (mpidr & 0xffffff))
      return (A64Cpu *) c;
  }
  return NULL;
}

bool
a64_psci (A64Cpu *s)
{
  uint64_t fn = s->x[0];
  int64_t ret;

  if ((fn & ~UINT64_C (0x4000001f)) != 0x84000000 || fn >> 32)
    return false;
  switch (fn & ~UINT64_C (0x40000000)) {
  case 0x84000000: ret = 0x00010001; break;   /* version 1.1 */
  case 0x84000001: ret = PSCI_SUCCESS; break; /* CPU_SUSPEND: as a wfi that wakes at once */
  case 0x84000002:                            /* CPU_OFF */
    s->psci_off = true;
    s->cpu.state = MDL_CPU_WAITING;
    s->check = true;
    return true;
  case 0x84000003: { /* CPU_ON */
    A64Cpu *t = find_core (s, s->x[1]);
    if (t == NULL)
      ret = PSCI_INVALID_PARAMETERS;
    else if (!t->psci_off)
      ret = PSCI_ALREADY_ON;
    else {
      a64_reset_core (t, s->x[2]);
      t->x[0] = s->x[3];
      t->psci_off = false;
      mdl_cpu_wake (&t->cpu);
      ret = PSCI_SUCCESS;
    }
    break;
  }
  case 0x84000004: { /* AFFINITY_INFO */
    A64Cpu *t = find_core (s, s->x[1]);
    /* The lowest affinity level (x2) is not checked, as QEMU does not. */
    ret = t == NULL ? PSCI_INVALID_PARAMETERS : t->psci_off ? 1 : 0;
    break;
  }
  case 0x84000006: ret = 2; break; /* MIGRATE_INFO_TYPE: no trusted OS */
  case 0x84000008:
    mdl_machine_stop (s->cpu.machine, MDL_STOP_GUEST_EXIT, 0,
                      "PSCI SYSTEM_OFF from CPU %s at 0x%" G_GINT64_MODIFIER "x", s->cpu.name,
                      s->pc);
    s->check = true;
    ret = PSCI_SUCCESS;
    break;
  case 0x84000009:
    mdl_machine_stop (s->cpu.machine, MDL_STOP_RESET, 0,
                      "PSCI SYSTEM_RESET from CPU %s at 0x%" G_GINT64_MODIFIER "x", s->cpu.name,
                      s->pc);
    s->check = true;
    ret = PSCI_SUCCESS;
    break;
  case 0x8400000a: {
    uint64_t q = s->x[1] & ~UINT64_C (0x40000000);
    ret
      = (q == 0x84000000 || q == 0x84000001 || q == 0x84000002 || q == 0x84000003 || q == 0x84000004
         || q == 0x84000006 || q == 0x84000008 || q == 0x84000009 || q == 0x8400000a)
            && !(s->x[1] >> 32)
          ? PSCI_SUCCESS
          : PSCI_NOT_SUPPORTED;
    break;
  }
  default: ret = PSCI_NOT_SUPPORTED; break;
  }
  s->x[0] = (uint64_t) ret;
  return true;
}

/* ---- semihosting ---- */

enum {
  SYS_WRITEC = 0x03,
  SYS_WRITE0 = 0x04,
  SYS_WRITE = 0x05,
  SYS_READC = 0x07,
  SYS_ISTTY = 0x09,
  SYS_CLOCK = 0x10,
  SYS_EXIT = 0x18,
  SYS_EXIT_EXTENDED = 0x20,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Reads guest virtual memory as EL1 would, for the host's services. */
static bool
read_virt (A64Cpu *s, uint64_t va, void *buf, size_t len)
{
  uint8_t *out = buf;

  while (len > 0) {
    uint64_t pa;
    size_t n = MIN (len, 0x1000 - (va & 0xfff));
    if (a64_translate (s, va, A64_ACC_READ, 1, &pa)
        || !mdl_address_space_read_bytes (s->cpu.as, pa, out, n, NULL))
      return false;
    va += n, out += n, len -= n;
  }
  return true;
}

void
a64_semihost (A64Cpu *s)
{
  uint64_t op = s->x[0] & 0xffffffff, arg = s->x[1], w[3];
  int64_t ret = -1;

  a64_sync (s);
  switch (op) {
  case SYS_WRITEC: {
    uint8_t c;
    if (read_virt (s, arg, &c, 1))
      mdl_machine_serial_out (s->cpu.machine, NULL, &c, 1);
    ret = 0;
    break;
  }
  case SYS_WRITE0: {
    GString *str = g_string_new (NULL);
    uint8_t c;
    while (str->len < 65536 && read_virt (s, arg + str->len, &c, 1) && c != 0)
      g_string_append_c (str, (char) c);
    mdl_machine_serial_out (s->cpu.machine, NULL, (const uint8_t *) str->str, str->len);
    g_string_free (str, TRUE);
    ret = 0;
    break;
  }
  case SYS_WRITE:
    if (read_virt (s, arg, w, 24) && (w[0] == 1 || w[0] == 2) && w[2] <= (1u << 20)) {
      g_autofree uint8_t *buf = g_malloc (w[2] ? w[2] : 1);
      if (read_virt (s, w[1], buf, w[2])) {
        mdl_machine_serial_out (s->cpu.machine, NULL, buf, w[2]);
        ret = 0;
      }
    }
    break;
  case SYS_ISTTY: ret = read_virt (s, arg, w, 8) && w[0] <= 2 ? 1 : 0; break;
  case SYS_CLOCK: ret = (int64_t) (mdl_machine_now (s->cpu.machine) / (10 * MDL_PS_PER_MS)); break;
  case SYS_EXIT:
  case SYS_EXIT_EXTENDED: {
    int code = 1;
    if (read_virt (s, arg, w, 16) && w[0] == ADP_STOPPED_APPLICATION_EXIT)
      code = (int) w[1];
    mdl_machine_stop (s->cpu.machine, MDL_STOP_GUEST_EXIT, code,
                      "semihosting exit on CPU %s at 0x%" G_GINT64_MODIFIER "x (status %d)",
                      s->cpu.name, s->pc, code);
    s->check = true;
    return;
  }
  default: break;
  }
  s->x[0] = (uint64_t) ret;
}
