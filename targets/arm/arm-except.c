/* The M-profile exception model: priorities, entry with an 8-word stack
 * frame, return through EXC_RETURN, faults and their escalation, lockup.
 *
 * Exception numbers follow the architecture: 1 Reset, 2 NMI, 3 HardFault,
 * 4 MemManage, 5 BusFault, 6 UsageFault (the last three ARMv7-M only),
 * 11 SVCall, 12 DebugMonitor, 14 PendSV, 15 SysTick, 16 + n external
 * interrupt n.  Reset, NMI and HardFault have the fixed priorities -3, -2
 * and -1; the others have an 8-bit priority of which the top prio_bits
 * are implemented, split by AIRCR.PRIGROUP into a group priority (what
 * preemption compares) and a subpriority (what orders pending exceptions
 * of one group, before the exception number does).
 *
 * Simplifications: tail-chaining and late arrival are not modelled (a
 * pending exception is taken after the return unstacks, with the same
 * architectural result); a fault while stacking or unstacking escalates
 * to HardFault instead of being a derived exception (CFSR still says
 * which: STKERR or MSTKERR, UNSTKERR or MUNSTKERR).  MemManage comes
 * from the MPU (arm-mpu.c) and from execution in the execute-never system
 * region.
 */
#include "arm-cpu.h"

#include <limits.h>
#include <string.h>

/* ---- stack pointers and CONTROL ------------------------------------------ */

static inline bool
arm_using_psp (const ArmCpu *s)
{
  return !arm_handler_mode (s) && (s->control & ARM_CONTROL_SPSEL);
}

uint32_t
arm_get_msp (const ArmCpu *s)
{
  return arm_using_psp (s) ? s->sp_other : s->r[13];
}

uint32_t
arm_get_psp (const ArmCpu *s)
{
  return arm_using_psp (s) ? s->r[13] : s->sp_other;
}

void
arm_set_msp (ArmCpu *s, uint32_t v)
{
  if (arm_using_psp (s))
    s->sp_other = v & ~3u;
  else
    s->r[13] = v & ~3u;
}

void
arm_set_psp (ArmCpu *s, uint32_t v)
{
  if (arm_using_psp (s))
    s->r[13] = v & ~3u;
  else
    s->sp_other = v & ~3u;
}

/* The banked stack pointer becomes the active one (r13) and the other
 * way round. */
static inline void
arm_swap_sp (ArmCpu *s)
{
  uint32_t t = s->r[13];

  s->r[13] = s->sp_other;
  s->sp_other = t;
}

/* Changes mode (through IPSR) and CONTROL, swapping the banked stack
 * pointers when the active one changes. */
static inline void
arm_switch_state (ArmCpu *s, uint32_t ipsr, uint32_t control)
{
  bool old = arm_using_psp (s);

  s->ipsr = ipsr;
  s->control = control;
  if (arm_using_psp (s) != old)
    arm_swap_sp (s);
  /* Privilege, or the MPU's bypass in HardFault and NMI, may change
   * what the MPU allows (nothing to redo while it is and was off). */
  if (G_UNLIKELY ((s->mpu_ctrl & 1) || s->mpu_was_on))
    arm_mpu_changed (s);
}

/* arm_switch_state into Handler mode @exc (not 0), where the main stack
 * is the active one. */
static inline void
arm_enter_state (ArmCpu *s, unsigned exc)
{
  bool was_psp = arm_using_psp (s);

  s->ipsr = exc;
  s->control &= ~(ARM_CONTROL_SPSEL | ARM_CONTROL_FPCA);
  if (was_psp)
    arm_swap_sp (s);
  if (G_UNLIKELY ((s->mpu_ctrl & 1) || s->mpu_was_on))
    arm_mpu_changed (s);
}

/* arm_switch_state out of Handler mode to @ipsr (0: Thread mode), with
 * the process stack when @psp (Thread mode only) and no FPCA. */
static inline void
arm_return_state (ArmCpu *s, unsigned ipsr, bool psp)
{
  s->ipsr = ipsr;
  s->control = psp ? (s->control | ARM_CONTROL_SPSEL) & ~ARM_CONTROL_FPCA
                   : s->control & ~(ARM_CONTROL_SPSEL | ARM_CONTROL_FPCA);
  if (psp)
    arm_swap_sp (s);
  if (G_UNLIKELY ((s->mpu_ctrl & 1) || s->mpu_was_on))
    arm_mpu_changed (s);
}

void
arm_set_control (ArmCpu *s, uint32_t v)
{
  uint32_t control = s->control;

  /* SPSEL can change in Thread mode only; nPRIV exists on ARMv7-M. */
  if (!arm_handler_mode (s))
    control = (control & ~ARM_CONTROL_SPSEL) | (v & ARM_CONTROL_SPSEL);
  if (s->profile == ARM_V7M)
    control = (control & ~ARM_CONTROL_NPRIV) | (v & ARM_CONTROL_NPRIV);
  if (s->has_fpu)
    control = (control & ~ARM_CONTROL_FPCA) | (v & ARM_CONTROL_FPCA);
  arm_switch_state (s, s->ipsr, control);
}

/* ---- priorities ------------------------------------------------------------ */

static inline int
arm_group (const ArmCpu *s, int prio)
{
  if (prio < 0)
    return prio;
  return prio & ~(int) ((2u << s->prigroup) - 1) & 0xff;
}

/* The walk of arm_priority_of_state when some exception is active or
 * some mask is raised. */
static G_GNUC_NO_INLINE int
arm_priority_walk (const ArmCpu *s, bool with_primask)
{
  int prio = 256;

  /* Active exceptions are few: walk the set bits. */
  for (unsigned w = 0; w < ARM_EXC_WORDS; w++)
    for (uint32_t bits = s->exc_active[w]; bits; bits &= bits - 1) {
      unsigned exc = 32 * w + (unsigned) __builtin_ctz (bits);

      prio = MIN (prio, arm_group (s, s->exc_prio[exc]));
    }
  if (s->basepri)
    prio = MIN (prio, arm_group (s, (int) s->basepri));
  if (s->primask && with_primask)
    prio = MIN (prio, 0);
  if (s->faultmask)
    prio = MIN (prio, -1);
  return prio;
}

static inline int
arm_priority_of_state (const ArmCpu *s, bool with_primask)
{
  uint32_t any = s->basepri | s->faultmask | (with_primask ? s->primask : 0);

  /* Thread mode with no mask raised: the usual case of an interrupt
   * check, answered inline. */
  for (unsigned w = 0; w < ARM_EXC_WORDS; w++)
    any |= s->exc_active[w];
  if (G_LIKELY (any == 0))
    return 256;
  return arm_priority_walk (s, with_primask);
}

int
arm_execution_priority (const ArmCpu *s)
{
  return arm_priority_of_state (s, true);
}

/* The pending, enabled exception to take next (0 when none), with its
 * priority in *prio. */
static unsigned
arm_best_pending (const ArmCpu *s, int *prio)
{
  unsigned best = 0;
  int best_prio = INT_MAX;

  /* Checked at every run() entry: nothing pending must cost little. */
  for (unsigned w = 0; w < ARM_EXC_WORDS; w++)
    for (uint32_t bits = s->exc_pending[w]; bits; bits &= bits - 1) {
      unsigned exc = 32 * w + (unsigned) __builtin_ctz (bits);

      if (s->exc_prio[exc] < best_prio && arm_exc_enabled (s, exc)) {
        best = exc;
        best_prio = s->exc_prio[exc];
      }
    }
  *prio = best_prio;
  return best;
}

bool
arm_wake_pending (const ArmCpu *s)
{
  int prio;
  unsigned exc = arm_best_pending (s, &prio);

  return exc && arm_group (s, prio) < arm_priority_of_state (s, false);
}

/* ---- entry and return ------------------------------------------------------ */

static const char *
arm_exc_name (unsigned exc)
{
  static const char *const names[16] = {
    "thread",       "Reset",        "NMI",         "HardFault",   "MemManage",    "BusFault",
    "UsageFault",   "exception 7",  "exception 8", "exception 9", "exception 10", "SVCall",
    "DebugMonitor", "exception 13", "PendSV",      "SysTick",
  };

  return exc < 16 ? names[exc] : "IRQ";
}

/* The core cannot take the fault it needs: it locks up.  A simulated core
 * would spin at 0xfffffffe forever; the machine stops instead. */
static uint32_t
arm_lockup (ArmCpu *s, uint32_t pc, const char *why)
{
  mdl_cpu_fatal (&s->cpu, pc,
                 "lockup: %s while in %s (IPSR = %u, HFSR = 0x%08x, "
                 "CFSR = 0x%08x, BFAR = 0x%08x)",
                 why, arm_exc_name (MIN (s->ipsr, 16u)), s->ipsr, s->hfsr, s->cfsr, s->bfar);
  s->trapped = true;
  return pc | ARM_CHECK;
}

/* A read or write of the exception machinery itself: the retired count is
 * already with the engine, so the access needs no further sync. */
static inline uint64_t
arm_done_now (const ArmCpu *s)
{
  return s->run_accounted + s->run_traps;
}

static uint32_t arm_escalate (ArmCpu *s, uint32_t pc, const char *why);

/* The host bytes of a basic frame at @frame: the store window (where the
 * stack usually is) checked inline, anything else through
 * arm_frame_window. */
static inline uint8_t *
arm_frame_host (ArmCpu *s, uint32_t frame, bool store)
{
  uint32_t off = frame - s->st_base;

  if (G_LIKELY (s->st_limit >= 32 - 3 && off <= s->st_limit - (32 - 3) && s->cpu.cache == NULL))
    return s->st_host + off;
  return arm_frame_window (s, frame, 32, store);
}

/* The same without the slow path: NULL outside the store window. */
static inline uint8_t *
arm_frame_host_fast (ArmCpu *s, uint32_t frame)
{
  uint32_t off = frame - s->st_base;

  if (G_LIKELY (s->st_limit >= 32 - 3 && off <= s->st_limit - (32 - 3) && s->cpu.cache == NULL))
    return s->st_host + off;
  return NULL;
}

/* The vector of @exc through the slow path, which then keeps the RAM or
 * ROM window the table lies in (MPU off, no cache model: with either,
 * every read goes the slow way and is seen). */
static G_GNUC_NO_INLINE bool
arm_read_vector_slow (ArmCpu *s, uint64_t done, uint32_t addr, uint32_t *vector)
{
  MdlRamWindow w;

  if (!arm_mem_read (s, done, addr, 4, vector))
    return false;
  if (!(s->mpu_ctrl & 1) && s->cpu.cache == NULL
      && mdl_address_space_ram_window (s->cpu.as, addr, &w) && w.base <= UINT32_MAX
      && w.size <= UINT32_MAX && w.size >= 4) {
    s->vec_base = (uint32_t) w.base;
    s->vec_limit = (uint32_t) w.size - 3;
    s->vec_host = w.host;
  }
  return true;
}

/* Reads the vector of @exc: from its own cached window, so that entries
 * cost no map lookup and leave the load window to the handlers' data. */
static inline bool
arm_read_vector (ArmCpu *s, uint64_t done, unsigned exc, uint32_t *vector)
{
  uint32_t addr = s->vtor + 4 * exc, off = addr - s->vec_base;

  if (G_LIKELY (off < s->vec_limit)) {
    memcpy (vector, s->vec_host + off, 4);
    return true;
  }
  return arm_read_vector_slow (s, done, addr, vector);
}

/* Stacking through the slow path: an extended frame, or a basic one
 * outside the store window.  Returns 0, or where a fault of the
 * stacking itself leads (with ARM_CHECK). */
static G_GNUC_NO_INLINE uint32_t
arm_stack_slow (ArmCpu *s, unsigned exc, uint32_t ret, uint32_t frame, uint32_t xpsr, bool fp_frame)
{
  uint64_t done = arm_done_now (s);
  uint8_t *host = arm_frame_host (s, frame, true);

  if (host != NULL) {
    memcpy (host, s->r, 16);
    memcpy (host + 16, &s->r[12], 4);
    memcpy (host + 20, &s->r[14], 4);
    memcpy (host + 24, &ret, 4);
    memcpy (host + 28, &xpsr, 4);
  }
  for (unsigned i = 0; host == NULL && i < 8; i++) {
    uint32_t words[8] = {
      s->r[0], s->r[1], s->r[2], s->r[3], s->r[12], s->r[14], ret, xpsr,
    };

    if (!arm_mem_write (s, done, frame + 4 * i, 4, words[i])) {
      bool mpu = s->mpu_fault;

      s->cfsr |= mpu ? ARM_CFSR_MSTKERR : ARM_CFSR_STKERR;
      s->mpu_fault = false;
      /* The HardFault (or NMI) being entered is not active yet, so the
       * execution priority alone would escalate to HardFault again and
       * again (the stack pointer does not change): the core cannot
       * enter the handler that would handle this, so it locks up. */
      if (exc == ARM_EXC_HARDFAULT || exc == ARM_EXC_NMI)
        return arm_lockup (s, ret,
                           mpu ? "the MPU refusing the stack while stacking for a HardFault"
                               : "a bus error while stacking for a HardFault");
      return arm_escalate (
        s, ret, mpu ? "the MPU refusing the stack while stacking" : "a bus error while stacking");
    }
  }
  if (fp_frame && !arm_fpu_push (s, done, frame + 0x20)) {
    s->cfsr |= s->mpu_fault ? ARM_CFSR_MSTKERR : ARM_CFSR_STKERR;
    s->mpu_fault = false;
    if (exc == ARM_EXC_HARDFAULT || exc == ARM_EXC_NMI)
      return arm_lockup (s, ret, "a fault while stacking the FPU state for a HardFault");
    return arm_escalate (s, ret, "a fault while stacking the FPU state");
  }
  return 0;
}

/* arm_take_exception in every case. */
static G_GNUC_NO_INLINE uint32_t
arm_take_exception_full (ArmCpu *s, unsigned exc, uint32_t ret)
{
  bool align = s->profile == ARM_V6M || (s->ccr & ARM_CCR_STKALIGN);
  uint32_t sp = s->r[13];
  uint32_t realign = align && (sp & 4);
  /* A context that used the FPU gets the extended frame: 18 more words
   * for s0-s15, FPSCR and a reserved one. */
  bool fp_frame = s->has_fpu && (s->control & ARM_CONTROL_FPCA);
  uint32_t frame = (sp - (fp_frame ? 0x68 : 0x20)) & ~(realign ? 4u : 0u);
  /* xPSR as arm_xpsr builds it (EPSR.T, IT, IPSR), bit 9 the realign. */
  uint32_t xpsr = arm_apsr (s) | 1u << 24 | (s->itstate & 3) << 25 | (s->itstate >> 2) << 10
                  | s->ipsr | realign << 9;
  uint32_t vector;
  uint8_t *host = fp_frame ? NULL : arm_frame_host_fast (s, frame);

  if (G_LIKELY (host != NULL)) {
    /* Straight from the registers: r0-r3 are one run of the frame. */
    memcpy (host, s->r, 16);
    memcpy (host + 16, &s->r[12], 4);
    memcpy (host + 20, &s->r[14], 4);
    memcpy (host + 24, &ret, 4);
    memcpy (host + 28, &xpsr, 4);
  } else {
    uint32_t fault = arm_stack_slow (s, exc, ret, frame, xpsr, fp_frame);

    if (fault != 0)
      return fault;
  }
  s->r[13] = frame;
  /* EXC_RETURN: bit 4 clear for an extended frame. */
  s->r[14] = (arm_handler_mode (s)               ? 0xfffffff1u
              : (s->control & ARM_CONTROL_SPSEL) ? 0xfffffffdu
                                                 : 0xfffffff9u)
             & ~(fp_frame ? 0x10u : 0u);

  /* Handlers start without a floating-point context of their own. */
  arm_enter_state (s, exc);
  s->exc_active[exc / 32] |= 1u << (exc % 32);
  s->exc_pending[exc / 32] &= ~(1u << (exc % 32));
  s->itstate = 0;
  s->excl_valid = false;
  s->event = true;
  s->ipsr_changed = true;

  if (!arm_read_vector (s, arm_done_now (s), exc, &vector)) {
    s->mpu_fault = false;
    s->hfsr |= ARM_HFSR_VECTTBL;
    return arm_escalate (s, ret, "a bus error reading the vector table");
  }
  if (!(vector & 1))
    return arm_usage_fault (s, arm_done_now (s), vector, ARM_CFSR_INVSTATE);
  return (vector & ~1u) | ARM_CHECK;
}

/* Pushes the frame, switches to Handler mode and jumps to the vector of
 * @exc; @ret is the address the frame returns to.  Returns the new pc
 * with ARM_CHECK.  The common case (no floating-point context, a basic
 * frame in the store window, the MPU off and off before, a Thumb vector
 * in its window) is what arm_take_exception_full does, written out with
 * no call, so that it saves no registers. */
static G_GNUC_NO_INLINE uint32_t
arm_take_exception (ArmCpu *s, unsigned exc, uint32_t ret)
{
  bool align = s->profile == ARM_V6M || (s->ccr & ARM_CCR_STKALIGN);
  uint32_t sp = s->r[13];
  uint32_t realign = align && (sp & 4);
  uint32_t frame = (sp - 0x20) & ~(realign ? 4u : 0u);
  uint32_t vaddr = s->vtor + 4 * exc, voff = vaddr - s->vec_base, vector, xpsr;
  uint8_t *host;

  if (G_UNLIKELY ((s->has_fpu && (s->control & ARM_CONTROL_FPCA)) || (s->mpu_ctrl & 1)
                  || s->mpu_was_on || voff >= s->vec_limit))
    return arm_take_exception_full (s, exc, ret);
  host = arm_frame_host_fast (s, frame);
  memcpy (&vector, s->vec_host + voff, 4);
  if (G_UNLIKELY (host == NULL || !(vector & 1)))
    return arm_take_exception_full (s, exc, ret);

  xpsr = arm_apsr (s) | 1u << 24 | (s->itstate & 3) << 25 | (s->itstate >> 2) << 10 | s->ipsr
         | realign << 9;
  memcpy (host, s->r, 16);
  memcpy (host + 16, &s->r[12], 4);
  memcpy (host + 20, &s->r[14], 4);
  memcpy (host + 24, &ret, 4);
  memcpy (host + 28, &xpsr, 4);
  s->r[13] = frame;
  s->r[14] = arm_handler_mode (s)               ? 0xfffffff1u
             : (s->control & ARM_CONTROL_SPSEL) ? 0xfffffffdu
                                                : 0xfffffff9u;
  /* arm_enter_state with the MPU off. */
  if (arm_using_psp (s))
    arm_swap_sp (s);
  s->ipsr = exc;
  s->control &= ~(ARM_CONTROL_SPSEL | ARM_CONTROL_FPCA);
  s->exc_active[exc / 32] |= 1u << (exc % 32);
  s->exc_pending[exc / 32] &= ~(1u << (exc % 32));
  s->itstate = 0;
  s->excl_valid = false;
  s->event = true;
  s->ipsr_changed = true;
  return (vector & ~1u) | ARM_CHECK;
}

/* A fault that cannot be taken as itself becomes a HardFault; one that
 * cannot even be that locks the core up. */
static uint32_t
arm_escalate (ArmCpu *s, uint32_t pc, const char *why)
{
  s->trapped = true;
  if (arm_execution_priority (s) <= -1)
    return arm_lockup (s, pc, why);
  s->hfsr |= ARM_HFSR_FORCED;
  return arm_take_exception (s, ARM_EXC_HARDFAULT, pc);
}

uint32_t
arm_fault (ArmCpu *s, uint64_t done, uint32_t pc, unsigned exc, uint32_t cfsr)
{
  static const char *const what[] = {
    [ARM_EXC_HARDFAULT] = "a HardFault",
    [ARM_EXC_MEMMANAGE] = "a MemManage fault",
    [ARM_EXC_BUSFAULT] = "a BusFault",
    [ARM_EXC_USAGEFAULT] = "a UsageFault",
  };

  s->trapped = true;
  if (s->profile == ARM_V6M)
    exc = ARM_EXC_HARDFAULT;
  else
    s->cfsr |= cfsr;
  /* The storm guard counts the instructions between two faults: the
   * engine's count is brought up to this one first, as in RISC-V's
   * rv_exception (else it holds what the last device access or run()
   * left, which depends on the tier and on what took a slow path). */
  if (G_UNLIKELY (s->cpu.exc_watched))
    arm_sync (s, done);
  mdl_cpu_report_exception (&s->cpu, exc, pc, (cfsr & ARM_CFSR_BFARVALID) ? s->bfar
                            : (cfsr & ARM_CFSR_MMARVALID) ? s->mmfar : 0, arm_exc_name (exc), true);

  if (exc != ARM_EXC_HARDFAULT
      && (!arm_exc_enabled (s, exc)
          || arm_group (s, s->exc_prio[exc]) >= arm_execution_priority (s)))
    return arm_escalate (s, pc, what[exc]);
  if (exc == ARM_EXC_HARDFAULT && arm_execution_priority (s) <= -1)
    return arm_lockup (s, pc, what[exc]);
  return arm_take_exception (s, exc, pc);
}

uint32_t
arm_bus_fault (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t addr)
{
  if (s->mpu_fault) {
    /* The access never reached the bus: the MPU refused it. */
    s->mpu_fault = false;
    s->mmfar = addr;
    return arm_fault (s, done, pc, ARM_EXC_MEMMANAGE, ARM_CFSR_DACCVIOL | ARM_CFSR_MMARVALID);
  }
  if (s->profile == ARM_V7M)
    s->bfar = addr;
  return arm_fault (s, done, pc, ARM_EXC_BUSFAULT, ARM_CFSR_PRECISERR | ARM_CFSR_BFARVALID);
}

uint32_t
arm_usage_fault (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t cfsr)
{
  return arm_fault (s, done, pc, ARM_EXC_USAGEFAULT, cfsr);
}

uint32_t
arm_svc (ArmCpu *s, uint32_t next)
{
  if (arm_group (s, s->exc_prio[ARM_EXC_SVCALL]) >= arm_execution_priority (s)) {
    /* SVC where SVCall cannot preempt: a HardFault. */
    if (arm_execution_priority (s) <= -1)
      return arm_lockup (s, next, "an SVC");
    s->hfsr |= ARM_HFSR_FORCED;
    return arm_take_exception (s, ARM_EXC_HARDFAULT, next);
  }
  return arm_take_exception (s, ARM_EXC_SVCALL, next);
}

/* The end of an exception return, the frame's words read: @w6 the
 * return address, @w7 xPSR, @size the frame's size without the realign
 * word. */
static inline G_ALWAYS_INLINE uint32_t
arm_return_finish (ArmCpu *s, uint32_t frame, uint32_t size, uint32_t w6, uint32_t w7, unsigned ret,
                   bool to_thread, bool may_sleep)
{
  bool align = s->profile == ARM_V6M || (s->ccr & ARM_CCR_STKALIGN);
  uint32_t it_before = s->itstate, pending = 0;

  s->r[13] = frame + size + (align && (w7 & (1u << 9)) ? 4 : 0);
  arm_set_apsr (s, w7);
  if (s->profile == ARM_V6M)
    s->qf = 0;
  s->itstate = s->profile == ARM_V7M ? ((w7 >> 25) & 3) | ((w7 >> 10) & 0x3f) << 2 : 0;
  if (!to_thread)
    s->ipsr = (w7 & 0x1ff) ? (w7 & 0x1ff) : ret;
  s->excl_valid = false;
  s->event = true;
  s->ipsr_changed = true;

  /* SCR.SLEEPONEXIT: back in Thread mode, sleep rather than run the
   * thread. */
  if (may_sleep && to_thread && (s->scr & 2) && !arm_wake_pending (s))
    s->cpu.state = MDL_CPU_WAITING;
  /* Nothing for the loop to look at (no exception pending, no IT block
   * left or entered, still running): it goes on as after a jump, and
   * the entry or return is over for the IT logic.  (The common return
   * of a storm: the loop's look would find nothing.) */
  for (unsigned w = 0; w < ARM_EXC_WORDS; w++)
    pending |= s->exc_pending[w];
  if ((pending | it_before | s->itstate) == 0 && s->cpu.state == MDL_CPU_RUNNING) {
    s->ipsr_changed = false;
    return (w6 & ~1u) | (uint32_t) mdl_cpu_exit_requested (&s->cpu);
  }
  return (w6 & ~1u) | ARM_CHECK;
}

/* Unstacking through the slow path: an extended frame, or a basic one
 * outside the store window. */
static G_GNUC_NO_INLINE uint32_t
arm_unstack_slow (ArmCpu *s, uint32_t pc, uint32_t frame, bool fp_frame, unsigned ret,
                  bool to_thread)
{
  uint64_t done = arm_done_now (s);
  uint8_t *host = arm_frame_host (s, frame, false);
  uint32_t w[8];

  if (host != NULL) {
    memcpy (s->r, host, 16);
    memcpy (&s->r[12], host + 16, 4);
    memcpy (&s->r[14], host + 20, 4);
    memcpy (&w[6], host + 24, 8);
  } else {
    for (unsigned i = 0; i < 8; i++)
      if (!arm_mem_read (s, done, frame + 4 * i, 4, &w[i])) {
        s->cfsr |= s->mpu_fault ? ARM_CFSR_MUNSTKERR : ARM_CFSR_UNSTKERR;
        s->mpu_fault = false;
        return arm_escalate (s, pc, "a bus error while unstacking");
      }
    s->r[0] = w[0];
    s->r[1] = w[1];
    s->r[2] = w[2];
    s->r[3] = w[3];
    s->r[12] = w[4];
    s->r[14] = w[5];
  }
  if (fp_frame && !arm_fpu_pop (s, done, frame + 0x20)) {
    s->cfsr |= s->mpu_fault ? ARM_CFSR_MUNSTKERR : ARM_CFSR_UNSTKERR;
    s->mpu_fault = false;
    return arm_escalate (s, pc, "a fault while unstacking the FPU state");
  }
  if (fp_frame)
    s->control |= ARM_CONTROL_FPCA;
  return arm_return_finish (s, frame, fp_frame ? 0x68 : 0x20, w[6], w[7], ret, to_thread, true);
}

/* What every exception return does to the exception it leaves: no
 * longer active, FAULTMASK cleared (v7-M, but for NMI), and a
 * level-sensitive interrupt still asserted pending again. */
static inline void
arm_return_deactivate (ArmCpu *s, unsigned ret)
{
  arm_bit_put (s->exc_active, ret, false);
  if (ret != ARM_EXC_NMI && s->profile == ARM_V7M)
    s->faultmask = 0;
  if (ret >= ARM_EXC_IRQ0 && s->irq_level[ret - ARM_EXC_IRQ0])
    arm_bit_put (s->exc_pending, ret, true);
}

/* An exception return in every case. */
static G_GNUC_NO_INLINE uint32_t
arm_exception_return_full (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t exc_return)
{
  unsigned ret = s->ipsr, low = exc_return & 15;
  bool to_thread = low != 1;
  bool fp_frame = !(exc_return & 0x10);
  uint32_t frame, w6w7[2];
  uint8_t *host;

  if ((exc_return & 0x0fffffe0u) != 0x0fffffe0u || (low != 1 && low != 9 && low != 13)
      || (fp_frame && !s->has_fpu))
    return arm_usage_fault (s, done, pc, ARM_CFSR_INVPC);

  arm_return_deactivate (s, ret);

  arm_return_state (s, to_thread ? 0 : ret, low == 13);
  frame = s->r[13];
  /* A basic frame in the store window: straight into the registers
   * (r0-r3 are one run of the frame). */
  host = arm_frame_host_fast (s, frame);
  if (G_UNLIKELY (fp_frame || host == NULL))
    return arm_unstack_slow (s, pc, frame, fp_frame, ret, to_thread);
  memcpy (s->r, host, 16);
  memcpy (&s->r[12], host + 16, 4);
  memcpy (&s->r[14], host + 20, 4);
  memcpy (w6w7, host + 24, 8);
  return arm_return_finish (s, frame, 0x20, w6w7[0], w6w7[1], ret, to_thread, true);
}

/* Apart from arm_bx_write_pc, so that a plain bx saves no registers.
 * The common case (a valid EXC_RETURN to a basic frame in the store
 * window, the MPU off and off before, no SLEEPONEXIT) is what
 * arm_exception_return_full does, written out with no call, so that it
 * saves no registers either. */
static G_GNUC_NO_INLINE uint32_t
arm_exception_return (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t exc_return)
{
  unsigned ret = s->ipsr, low = exc_return & 15;
  bool psp = low == 13;
  uint32_t frame, w6w7[2];
  uint8_t *host;

  if (G_UNLIKELY ((exc_return & 0x0ffffff0u) != 0x0ffffff0u || (low != 1 && low != 9 && !psp)
                  || (s->mpu_ctrl & 1) || s->mpu_was_on || (s->scr & 2)))
    return arm_exception_return_full (s, done, pc, exc_return);
  /* The stack the frame is on: the process stack (banked until the
   * switch below) or the main one (the active one in Handler mode). */
  frame = psp ? s->sp_other : s->r[13];
  host = arm_frame_host_fast (s, frame);
  if (G_UNLIKELY (host == NULL))
    return arm_exception_return_full (s, done, pc, exc_return);

  arm_return_deactivate (s, ret);
  /* arm_return_state with the MPU off. */
  s->ipsr = low != 1 ? 0 : ret;
  s->control = psp ? (s->control | ARM_CONTROL_SPSEL) & ~ARM_CONTROL_FPCA
                   : s->control & ~(ARM_CONTROL_SPSEL | ARM_CONTROL_FPCA);
  if (psp)
    arm_swap_sp (s);
  memcpy (s->r, host, 16);
  memcpy (&s->r[12], host + 16, 4);
  memcpy (&s->r[14], host + 20, 4);
  memcpy (w6w7, host + 24, 8);
  return arm_return_finish (s, frame, 0x20, w6w7[0], w6w7[1], ret, low != 1, false);
}

uint32_t
arm_bx_write_pc (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t target)
{
  if (arm_handler_mode (s) && (target >> 28) == 0xf)
    return arm_exception_return (s, done, pc, target);
  if (!(target & 1))
    return arm_usage_fault (s, done, target & ~1u, ARM_CFSR_INVSTATE);
  return (target & ~1u) | (uint32_t) mdl_cpu_exit_requested (&s->cpu);
}

/* Takes @exc (0: none) of priority @prio if it preempts what runs. */
static G_GNUC_NO_INLINE uint32_t
arm_take_if_preempting (ArmCpu *s, uint32_t pc, unsigned exc, int prio)
{
  if (!exc || arm_group (s, prio) >= arm_priority_of_state (s, true))
    return pc;
  return arm_take_exception (s, exc, pc);
}

/* arm_check_interrupts with something pending (@first the first word
 * of exc_pending, @rest the others or-ed).  A storm's case, one thing
 * pending and nothing active or masked, goes to the entry with nothing
 * saved.  (What the entry may leave in s->trapped the caller clears.) */
static G_GNUC_NO_INLINE uint32_t
arm_check_pending (ArmCpu *s, uint32_t pc, uint32_t first, uint32_t rest)
{
  unsigned exc;
  int prio;

  if (rest == 0 && (first & (first - 1)) == 0) {
    uint32_t any = s->basepri | s->faultmask | s->primask;

    exc = (unsigned) __builtin_ctz (first);
    if (!arm_exc_enabled (s, exc))
      return pc;
    for (unsigned w = 0; w < ARM_EXC_WORDS; w++)
      any |= s->exc_active[w];
    /* Execution priority 256: anything enabled preempts. */
    if (any == 0)
      return arm_take_exception (s, exc, pc);
    return arm_take_if_preempting (s, pc, exc, s->exc_prio[exc]);
  }
  exc = arm_best_pending (s, &prio);
  return arm_take_if_preempting (s, pc, exc, prio);
}

uint32_t
arm_check_interrupts (ArmCpu *s, uint32_t pc)
{
  uint32_t first = s->exc_pending[0], rest = 0;

  for (unsigned w = 1; w < ARM_EXC_WORDS; w++)
    rest |= s->exc_pending[w];
  /* After most returns nothing is pending (no register saved for that);
   * in a storm, one thing is. */
  if (G_LIKELY ((first | rest) == 0))
    return pc;
  return arm_check_pending (s, pc, first, rest);
}

/* ---- reset ------------------------------------------------------------------ */

void
arm_except_reset (ArmCpu *s, uint32_t entry)
{
  uint64_t sp = 0, pc = 0;
  bool have_sp, have_pc;

  memset (s->exc_pending, 0, sizeof s->exc_pending);
  memset (s->exc_active, 0, sizeof s->exc_active);
  memset (s->irq_enabled, 0, sizeof s->irq_enabled);
  memset (s->exc_prio, 0, sizeof s->exc_prio);
  s->exc_prio[ARM_EXC_RESET] = -3;
  s->exc_prio[ARM_EXC_NMI] = -2;
  s->exc_prio[ARM_EXC_HARDFAULT] = -1;
  s->primask = s->faultmask = s->basepri = 0;
  s->control = 0;
  s->ipsr = 0;
  s->itstate = 0;
  s->event = false;
  s->excl_valid = false;
  arm_set_apsr (s, 0);
  memset (s->r, 0, sizeof s->r);
  s->sp_other = 0;

  arm_scs_reset (s);

  /* The core loads SP and PC from the vector table at VTOR.  A firmware
   * image with no vector table there (PC slot empty or unmapped) starts at
   * its ELF entry instead, keeping whatever SP slot there is. */
  have_sp = mdl_address_space_read (s->cpu.as, s->vtor, 4, &sp) == MDL_MEM_OK;
  have_pc = mdl_address_space_read (s->cpu.as, s->vtor + 4, 4, &pc) == MDL_MEM_OK;
  s->r[13] = have_sp ? (uint32_t) sp & ~3u : 0;
  s->pc = (have_pc && pc != 0 ? (uint32_t) pc : entry) & ~1u;
}
