/* RISC-V exceptions, traps and interrupts, and the instructions that trap
 * or return: ecall, ebreak, mret, sret and wfi.
 *
 * Every executor raises its exceptions through rv_exception, which
 * enters the handler (in M, or in S when medeleg delegates the cause)
 * and returns its address for the run loop to go on at; the loop takes a
 * pending and enabled interrupt through rv_take_interrupt when an
 * executor asked it to look (RV_CHECK).  The common cases (a trap into M
 * and the return from it, with no trigger armed and nothing for the
 * storm guard to say) make no call; the rest are kept apart, out of
 * line, so that those stay short.
 *
 * Apart from riscv-exec.c because none of it is on the loop's path for
 * straight-line code: it is reached through a call or an executor table,
 * which name it through riscv-exec-private.h.  What a change of mode
 * derives (the checked paths, the decode cache of the mode) is
 * riscv-mmu.c's rv_mode_changed.
 */
#include "riscv-exec-private.h"

#include <inttypes.h>

/* ---- traps and interrupts ---------------------------------------------- */

/* The names of the exception causes (NULL: "exception"), a table so that
 * a trap looks its name up without a branch. */
static const char *const rv_cause_names[16] = {
  [RV_EXC_INSN_ACCESS] = "instruction access fault",
  [RV_EXC_ILLEGAL] = "illegal instruction",
  [RV_EXC_BREAKPOINT] = "breakpoint",
  [RV_EXC_LOAD_MISALIGNED] = "misaligned load",
  [RV_EXC_LOAD_ACCESS] = "load access fault",
  [RV_EXC_STORE_MISALIGNED] = "misaligned store/AMO",
  [RV_EXC_STORE_ACCESS] = "store/AMO access fault",
  [RV_EXC_ECALL_U] = "environment call",
  [RV_EXC_ECALL_S] = "environment call",
  [RV_EXC_ECALL_M] = "environment call",
  [RV_EXC_INSN_PAGE] = "instruction page fault",
  [RV_EXC_LOAD_PAGE] = "load page fault",
  [RV_EXC_STORE_PAGE] = "store/AMO page fault",
};

static inline const char *
rv_cause_name (unsigned cause)
{
  const char *name = cause < 16 ? rv_cause_names[cause] : NULL;

  return name != NULL ? name : "exception";
}

/* Whether rv_mode_changed must run after a trap or a return changed
 * priv and mstatus: not when nothing it derives can have changed (the
 * same mode, the same MPRV, SUM and MXR, and the same MPP or MPRV
 * clear).  A trap from M into M, and the return from it, are the common
 * case of nested faults. */
static inline bool
rv_mode_moved (const RvCpu *s, unsigned old_priv, uint64_t old_ms)
{
  uint64_t diff = old_ms ^ s->mstatus;

  return s->priv != old_priv
         || (diff & (RV_MSTATUS_MPRV | RV_MSTATUS_SUM | RV_MSTATUS_MXR))
         || ((diff & RV_MSTATUS_MPP) && (s->mstatus & RV_MSTATUS_MPRV));
}

static inline void
rv_mode_update (RvCpu *s, unsigned old_priv, uint64_t old_ms)
{
  if (rv_mode_moved (s, old_priv, old_ms))
    rv_mode_changed (s);
}

/* Takes a trap: into S-mode when the hart is not in M-mode and medeleg
 * (mideleg for an interrupt) delegates the cause, else into M-mode.
 * Returns the handler address. */
static inline G_ALWAYS_INLINE uint64_t
rv_enter_trap (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval,
               bool interrupt)
{
  uint64_t deleg = interrupt ? s->mideleg : s->medeleg;
  uint64_t code = cause;
  uint64_t ms = s->mstatus, old_ms = ms;
  unsigned old_priv = s->priv;
  uint64_t tvec;

  if (interrupt)
    code |= UINT64_C (1) << (s->xlen - 1);
  s->resv_valid = false;

  if (s->priv <= RV_PRIV_S && ((deleg >> cause) & 1)) {
    s->sepc = pc;
    s->scause = code;
    s->stval = tval & rv_xmask (s);
    ms &= ~(RV_MSTATUS_SPP | RV_MSTATUS_SPIE | RV_MSTATUS_SIE);
    if (s->mstatus & RV_MSTATUS_SIE)
      ms |= RV_MSTATUS_SPIE;
    if (s->priv == RV_PRIV_S)
      ms |= RV_MSTATUS_SPP;
    s->priv = RV_PRIV_S;
    tvec = s->stvec;
  } else {
    s->mepc = pc;
    s->mcause = code;
    s->mtval = tval & rv_xmask (s);
    ms &= ~(RV_MSTATUS_MPP | RV_MSTATUS_MPIE | RV_MSTATUS_MIE);
    if (s->mstatus & RV_MSTATUS_MIE)
      ms |= RV_MSTATUS_MPIE;
    ms |= (uint64_t) s->priv << RV_MSTATUS_MPP_SHIFT;
    s->priv = RV_PRIV_M;
    if (s->tcontrol)            /* 0 stays 0 */
      rv_trigger_trap_to_m (s);
    tvec = s->mtvec;
  }
  s->mstatus = ms;
  rv_mode_update (s, old_priv, old_ms);

  /* Vectored mode sends interrupts (only) to base + 4 * cause. */
  if (interrupt && (tvec & 1))
    return ((tvec & ~UINT64_C (3)) + 4 * cause) & rv_xmask (s);
  return tvec & ~UINT64_C (3) & rv_xmask (s);
}

/* The exceptions that are faults for the storm guard: all but the
 * breakpoint and the environment calls. */
#define RV_FAULT_CAUSES                                                    \
  (0xffffu & ~(RV_BIT (RV_EXC_BREAKPOINT) | RV_BIT (RV_EXC_ECALL_U)        \
               | RV_BIT (RV_EXC_ECALL_S) | RV_BIT (RV_EXC_ECALL_M)))

static inline bool
rv_cause_is_fault (unsigned cause)
{
  return (RV_FAULT_CAUSES >> cause) & 1;
}

/* The handler's first instruction raised the exception that entered it:
 * nothing can change any more, the machine stops. */
static G_GNUC_NO_INLINE uint64_t
rv_trap_loop (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval)
{
  mdl_cpu_fatal (&s->cpu, pc,
                 "%s at 0x%" PRIx64 " while entering the trap handler "
                 "(%s = 0x%" PRIx64 ", tval = 0x%" PRIx64 ")",
                 rv_cause_name (cause), pc,
                 s->priv == RV_PRIV_M ? "mtvec" : "stvec",
                 s->priv == RV_PRIV_M ? s->mtvec : s->stvec, tval);
  s->cpu.state = MDL_CPU_HALTED;
  return pc | RV_CHECK;
}

/* rv_exception for every case (delegation, triggers, a report that
 * stops the machine or names the cause); @counted: the storm guard has
 * counted it already and has more to do (mdl_cpu_exception_count). */
static G_GNUC_NO_INLINE uint64_t
rv_exception_full (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval, bool counted)
{
  unsigned old_priv = s->priv;
  uint64_t target;

  if (counted)
    mdl_cpu_report_exception_finish (&s->cpu, cause, pc, tval, rv_cause_name (cause),
                                     rv_cause_is_fault (cause));
  else
    mdl_cpu_report_exception (&s->cpu, cause, pc, tval, rv_cause_name (cause),
                              rv_cause_is_fault (cause));
  target = rv_enter_trap (s, pc, cause, tval, false);
  if (G_UNLIKELY (pc == target) && s->last_exc_pc == pc
      && s->last_exc_cause == cause)
    return rv_trap_loop (s, pc, cause, tval);
  s->last_exc_pc = pc;
  s->last_exc_cause = cause;
  return rv_resume (s, target, old_priv);
}

/* rv_exception_full from rv_exception, before the trapping instruction
 * is counted as not retired: the engine's count is brought up to it
 * first, for the report. */
static G_GNUC_NO_INLINE uint64_t
rv_exception_synced (RvCpu *s, uint64_t done, uint64_t pc, unsigned cause, uint64_t tval,
                     bool counted)
{
  rv_sync (s, done);
  s->run_traps++;
  return rv_exception_full (s, pc, cause, tval, counted);
}

/* The end of rv_exception's common case when the handler is where the
 * trap came from (perhaps a trap loop): apart, so that the common case
 * makes no call. */
static G_GNUC_NO_INLINE uint64_t
rv_exception_moved (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval,
                    uint64_t target, unsigned old_priv, uint64_t old_ms)
{
  rv_mode_update (s, old_priv, old_ms);
  if (pc == target && s->last_exc_pc == pc && s->last_exc_cause == cause)
    return rv_trap_loop (s, pc, cause, tval);
  s->last_exc_pc = pc;
  s->last_exc_cause = cause;
  return rv_resume (s, target, old_priv);
}

/* Raises a synchronous exception for the instruction at @pc.  The
 * instruction does not retire: it is counted in run_traps here (every
 * executor returns what this returns, so it is counted once).  When the
 * handler's own first instruction raises the same exception again,
 * nothing can change any more: rather than spin, the machine stops with
 * a message.
 *
 * The common case (a trap into M, no trigger armed, nothing for the
 * storm guard to say) is what rv_exception_full does, written out so
 * that it makes no call: a trap handler that faults on purpose, or a
 * guest's system calls, cost a few plain instructions each. */
G_GNUC_NO_INLINE uint64_t
rv_exception (RvCpu *s, uint64_t done, uint64_t pc, unsigned cause, uint64_t tval)
{
  unsigned old_priv = s->priv;
  uint64_t ms = s->mstatus, old_ms = ms, target;

  /* The storm guard counts the instructions between two faults: it is
   * given the count up to this one, as an access to a device would
   * bring the engine's count there.  Otherwise it would see whatever the
   * last such access or the last run() left, which depends on the tier
   * and on which accesses took a slow path (fuzz-riscv: a storm seen in
   * one tier and not in the other, after an earlier input left another
   * RAM window or unmapped hole cached; tests/fuzz/riscv/regressions/
   * storm-*).  The count is handed over only where the report goes on
   * (rv_exception_synced). */
  if (G_UNLIKELY ((old_priv <= RV_PRIV_S && ((s->medeleg >> cause) & 1)) || s->tcontrol))
    return rv_exception_synced (s, done, pc, cause, tval, false);
  if (G_UNLIKELY (mdl_cpu_exception_count_at (
        &s->cpu, cause, pc, tval, rv_cause_is_fault (cause),
        s->cpu.retired + (done - s->run_traps - s->run_accounted))))
    return rv_exception_synced (s, done, pc, cause, tval, true);
  s->run_traps++;
  s->resv_valid = false;
  s->mepc = pc;
  s->mcause = cause;
  s->mtval = tval & rv_xmask (s);
  ms &= ~(RV_MSTATUS_MPP | RV_MSTATUS_MPIE | RV_MSTATUS_MIE);
  if (old_ms & RV_MSTATUS_MIE)
    ms |= RV_MSTATUS_MPIE;
  ms |= (uint64_t) old_priv << RV_MSTATUS_MPP_SHIFT;
  s->priv = RV_PRIV_M;
  s->mstatus = ms;
  target = s->mtvec & ~UINT64_C (3) & rv_xmask (s);
  if (G_UNLIKELY (pc == target))
    return rv_exception_moved (s, pc, cause, tval, target, old_priv, old_ms);
  s->last_exc_pc = pc;
  s->last_exc_cause = cause;
  /* From U or S (or with MPRV): the derived state follows, in a tail
   * call (nothing rv_resume looks at is derived). */
  if (G_UNLIKELY (rv_mode_moved (s, old_priv, old_ms)))
    return rv_mode_changed_ret (s, rv_resume (s, target, old_priv));
  return rv_resume (s, target, old_priv);
}

/* The interrupts in priority order: external, software, timer, machine
 * level before supervisor level. */
static const unsigned rv_irq_order[] = {
  RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_SEI, RV_IRQ_SSI, RV_IRQ_STI,
};

/* Takes the highest-priority pending and enabled interrupt, if any;
 * returns the pc to continue at.  An interrupt for M (not delegated) is
 * enabled below M, or in M with MIE; one delegated to S below S, or in S
 * with SIE, never in M. */
G_GNUC_NO_INLINE uint64_t
rv_take_interrupt (RvCpu *s, uint64_t pc, uint64_t pending)
{
  uint64_t m_level, s_level, take = 0;

  m_level = pending & ~s->mideleg;
  s_level = pending & s->mideleg;
  if (s->priv < RV_PRIV_M || (s->mstatus & RV_MSTATUS_MIE))
    take = m_level;
  if (!take && (s->priv < RV_PRIV_S
                || (s->priv == RV_PRIV_S && (s->mstatus & RV_MSTATUS_SIE))))
    take = s_level;
  if (!take)
    return pc;

  for (unsigned i = 0; i < G_N_ELEMENTS (rv_irq_order); i++)
    if ((take >> rv_irq_order[i]) & 1)
      return rv_enter_trap (s, pc, rv_irq_order[i], 0, true);
  return pc;
}

/* ---- the instructions that trap or return ------------------------------- */

uint64_t
rv_exec_ecall (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* Causes 8, 9 and 11: from U, S and M. */
  return rv_exception (s, done, pc, RV_EXC_ECALL_U + s->priv, 0);
}

uint64_t
rv_exec_ebreak (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, done, pc, RV_EXC_BREAKPOINT, pc);
}

/* The end of mret with a trigger armed. */
static G_GNUC_NO_INLINE uint64_t
rv_mret_trigger (RvCpu *s, uint64_t old_ms)
{
  rv_trigger_mret (s);
  rv_mode_update (s, RV_PRIV_M, old_ms);
  return rv_resume (s, s->mepc & rv_xmask (s), RV_PRIV_M);
}

/* The end of mret when a trigger is armed or the mode moved (to S or U,
 * or with MPRV): apart, so that the return from M to M makes no call.
 * The derived state follows in a tail call (nothing rv_resume looks at
 * is derived), so that this makes no call around it either. */
static G_GNUC_NO_INLINE uint64_t
rv_mret_moved (RvCpu *s, uint64_t old_ms)
{
  uint64_t next;

  if (G_UNLIKELY (s->tcontrol)) /* 0 stays 0 */
    return rv_mret_trigger (s, old_ms);
  next = rv_resume (s, s->mepc & rv_xmask (s), RV_PRIV_M);
  if (rv_mode_moved (s, RV_PRIV_M, old_ms))
    return rv_mode_changed_ret (s, next);
  return next;
}

uint64_t
rv_exec_mret (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  uint64_t ms = s->mstatus, old_ms = ms;
  unsigned mpp = (ms & RV_MSTATUS_MPP) >> RV_MSTATUS_MPP_SHIFT;

  if (s->priv != RV_PRIV_M)
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  /* MIE = MPIE, MPIE = 1, MPP = U (the least privileged mode); leaving M
   * clears MPRV. */
  ms &= ~(RV_MSTATUS_MIE | RV_MSTATUS_MPP);
  if (ms & RV_MSTATUS_MPIE)
    ms |= RV_MSTATUS_MIE;
  ms |= RV_MSTATUS_MPIE;
  if (mpp != RV_PRIV_M)
    ms &= ~RV_MSTATUS_MPRV;
  s->mstatus = ms;
  s->priv = mpp;
  /* Back to M, MPRV clear: nothing rv_mode_changed derives moved. */
  if (G_UNLIKELY (mpp != RV_PRIV_M || (old_ms & RV_MSTATUS_MPRV) || s->tcontrol))
    return rv_mret_moved (s, old_ms);
  /* Interrupts may have become enabled: the loop looks if one is
   * pending. */
  return rv_resume (s, s->mepc & rv_xmask (s), RV_PRIV_M);
}

uint64_t
rv_exec_sret (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  uint64_t ms = s->mstatus, old_ms = ms;
  unsigned old_priv = s->priv;

  if (s->priv == RV_PRIV_U
      || (s->priv == RV_PRIV_S && (ms & RV_MSTATUS_TSR)))
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  /* SIE = SPIE, SPIE = 1, SPP = U; the new mode is below M: MPRV = 0. */
  s->priv = (ms & RV_MSTATUS_SPP) ? RV_PRIV_S : RV_PRIV_U;
  ms &= ~(RV_MSTATUS_SIE | RV_MSTATUS_SPP | RV_MSTATUS_MPRV);
  if (ms & RV_MSTATUS_SPIE)
    ms |= RV_MSTATUS_SIE;
  ms |= RV_MSTATUS_SPIE;
  s->mstatus = ms;
  rv_mode_update (s, old_priv, old_ms);
  return rv_resume (s, s->sepc & rv_xmask (s), old_priv);
}

uint64_t
rv_exec_wfi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* Illegal in U-mode, and in S-mode with TW (the time limit is 0). */
  if (s->priv == RV_PRIV_U
      || (s->priv == RV_PRIV_S && (s->mstatus & RV_MSTATUS_TW)))
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  /* wfi retires; the hart sleeps after it until an enabled interrupt is
   * pending (set_irq wakes it), whatever mstatus.MIE says. */
  if (!(s->mie & (s->mip | s->mip_sw)))
    s->cpu.state = MDL_CPU_WAITING;
  return rv_next (s, d, pc) | RV_CHECK;
}
