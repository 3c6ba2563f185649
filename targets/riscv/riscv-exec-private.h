/* Private to the interpreter's executors: what riscv-exec.c, riscv-trap.c
 * and riscv-exec-csr.c take from each other (riscv-cpu.h has what the
 * whole folder shares, and walks one instruction through it).
 *
 *   riscv-exec.c      the run loop, the decode cache and what makes it
 *                     stale, memory access, and the executors of loads
 *                     and stores, the fences and sfence.vma, A, F and D
 *                     (riscv-exec-fp.h) and those compiled per XLEN
 *                     (riscv-exec-template.h), with the executor tables;
 *   riscv-trap.c      exceptions, traps and interrupts, and ecall,
 *                     ebreak, mret, sret and wfi;
 *   riscv-exec-csr.c  the CSR instructions.
 *
 * The helpers every executor ends with are inline here, so that no
 * executor's fast path makes a call for them; what the files call of
 * each other out of line (rv_exception, rv_take_interrupt) is rare.
 */
#pragma once

#include "riscv-cpu.h"

G_BEGIN_DECLS

/* Hands the instructions retired so far in this run to the engine, so that
 * devices and counters see exact time.  @done: instructions dispatched
 * before the current one. */
static inline void
rv_sync (RvCpu *s, uint64_t done)
{
  uint64_t retired = done - s->run_traps;

  mdl_cpu_account (&s->cpu, retired - s->run_accounted);
  s->run_accounted = retired;
}

/* The pc after @d, wrapped to XLEN. */
static inline uint64_t
rv_next (const RvCpu *s, const RvInsn *d, uint64_t pc)
{
  return (pc + d->len) & rv_xmask (s);
}

/* The next pc after a slow-path access: ask the loop to look when the
 * engine wants run() to return. */
static inline uint64_t
rv_next_checked (const RvCpu *s, const RvInsn *d, uint64_t pc)
{
  return rv_next (s, d, pc) | (uint64_t) mdl_cpu_exit_requested (&s->cpu);
}

/* A taken branch or jump: also where run() notices a request to return. */
static inline uint64_t
rv_jump (const RvCpu *s, uint64_t target)
{
  return target | (uint64_t) mdl_cpu_exit_requested (&s->cpu);
}

/* What the loop must do after a trap or a return that leaves for
 * @target: look at the hart (RV_CHECK) when the mode changed (another
 * decode cache), an interrupt is pending (it may have become enabled) or
 * the hart stopped; else only when the engine asked run() to return, as
 * after a jump.  The loop's look would have done nothing else. */
static inline uint64_t
rv_resume (const RvCpu *s, uint64_t target, unsigned old_priv)
{
  if (s->priv != old_priv || (s->mie & (s->mip | s->mip_sw))
      || s->cpu.state != MDL_CPU_RUNNING)
    return target | RV_CHECK;
  return target | (uint64_t) mdl_cpu_exit_requested (&s->cpu);
}

/* Whether @csr is one of the plain CSRs: 0x140..0x143, 0x340..0x343. */
static inline bool
rv_csr_is_plain (unsigned csr)
{
  return (csr & ~0x203u) == 0x140;
}

/* The index of plain CSR @csr in the tables of riscv-exec-csr.c
 * (rv_csrr_plain_execs, rv_csrw_plain_execs): S before M, then by the
 * low two bits. */
static inline unsigned
rv_csr_plain_index (unsigned csr)
{
  return ((csr >> 7) & 4) | (csr & 3);
}

/* riscv-trap.c */
/* Raises synchronous exception @cause (mtval or stval @tval) for the
 * instruction at @pc, which does not retire; returns the handler's
 * address, with RV_CHECK when the loop must look (rv_resume).  An
 * executor returns what this returns. */
uint64_t rv_exception (RvCpu *s, uint64_t done, uint64_t pc, unsigned cause, uint64_t tval);
/* Takes the interrupt of highest priority among @pending (mie & mip)
 * that the mode enables, if any; returns the pc to go on at. */
uint64_t rv_take_interrupt (RvCpu *s, uint64_t pc, uint64_t pending);
uint64_t rv_exec_ecall (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_ebreak (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_mret (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_sret (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_wfi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);

/* riscv-exec-csr.c: the executors of the tables, and those rv_exec_of
 * picks for a common case. */
uint64_t rv_exec_csrrw (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrrs (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrrc (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrrwi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrrsi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrrci (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csr_ro_write (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrr_mstatus (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
uint64_t rv_exec_csrw_mstatus (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done);
/* The reads and the csrrw of each plain CSR, by rv_csr_plain_index. */
extern const RvExecFn rv_csrr_plain_execs[8];
extern const RvExecFn rv_csrw_plain_execs[8];

G_END_DECLS
