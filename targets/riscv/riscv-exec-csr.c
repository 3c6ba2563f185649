/* The RISC-V CSR instructions (Zicsr): csrrw, csrrs, csrrc and their
 * immediate forms, and the executors rv_exec_of (riscv-exec.c) picks at
 * decode time for the CSRs a trap handler reads and writes around every
 * trap (the scratch, epc, cause and tval of M and S, and mstatus), which
 * do it in place and make no call.  What a CSR holds, who may reach it
 * and what a write does are riscv-csr.c's; here is how an instruction
 * reaches it: the time accounted first where a counter may be read, the
 * illegal-instruction exception, and RV_CHECK after a write that may
 * have enabled an interrupt.
 *
 * Apart from riscv-exec.c, as a family of executors with fast paths of
 * its own; the executor tables there name these through
 * riscv-exec-private.h.
 */
#include "riscv-exec-private.h"

typedef enum { RV_CSR_WRITE, RV_CSR_SET, RV_CSR_CLEAR } RvCsrKind;

/* sstatus, sie, sip, mstatus, mideleg, mie, mip. */
static inline bool
rv_csr_may_enable_irq (unsigned csr)
{
  switch (csr) {
  case 0x100: case 0x104: case 0x144:
  case 0x300: case 0x303: case 0x304: case 0x344:
    return true;
  default:
    return false;
  }
}

static G_GNUC_NO_INLINE uint64_t
rv_csr_op_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
                RvCsrKind kind, uint64_t operand, bool writes)
{
  unsigned csr = (unsigned) d->imm & 0xfff;
  uint64_t old, read, value;

  /* Counters and time must include everything retired before this. */
  rv_sync (s, done);
  /* csr[11:10] == 3: read-only (the same exception as a CSR that does
   * not exist or is not allowed, found before reading a counter). */
  if (writes && (csr >> 10) == 3)
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  if (!rv_csr_allowed (s, csr) || !rv_csr_read (s, csr, &old))
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  if (!writes) {
    s->x[d->rd] = old;
    return rv_next (s, d, pc);
  }

  /* A read-modify-write of mip modifies the SEIP that M wrote, not the
   * level of the external line (rd still gets what was read). */
  read = old;
  if (csr == 0x344 && kind != RV_CSR_WRITE)
    old = (old & ~RV_BIT (RV_IRQ_SEI)) | (s->mip_sw & RV_BIT (RV_IRQ_SEI));
  if (kind == RV_CSR_WRITE)
    value = operand;
  else if (kind == RV_CSR_SET)
    value = old | operand;
  else
    value = old & ~operand;
  if (!rv_csr_write (s, csr, value, 1))
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  s->x[d->rd] = read;
  /* A write to the status, interrupt-enable, pending or delegation CSRs
   * may have enabled an interrupt: the loop looks.  (Trap handlers write
   * mepc, mscratch and the like far more often.) */
  if (rv_csr_may_enable_irq (csr))
    return rv_next (s, d, pc) | RV_CHECK;
  return rv_next_checked (s, d, pc);
}

static inline uint64_t
rv_csr_op (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
           RvCsrKind kind, uint64_t operand, bool writes)
{
  unsigned csr = (unsigned) d->imm & 0xfff;
  uint64_t old, value, wmask;
  uint64_t *plain = rv_csr_plain (s, csr, &wmask);

  /* Trap handlers' scratch, epc, cause and tval: read and written in
   * place, with no time to account (no counter) and no side effect. */
  if (plain && s->priv >= ((csr >> 8) & 3)) {
    old = *plain;
    if (!writes) {
      s->x[d->rd] = old;
      return rv_next (s, d, pc);
    }
    value = kind == RV_CSR_WRITE ? operand
            : kind == RV_CSR_SET ? old | operand : old & ~operand;
    *plain = value & wmask & rv_xmask (s);
    s->x[d->rd] = old;
    return rv_next_checked (s, d, pc);
  }
  /* mstatus in M, which handlers save and restore around a nested trap:
   * no counter, nothing to account. */
  if (csr == 0x300 && s->priv == RV_PRIV_M) {
    old = rv_mstatus_read (s) & rv_xmask (s);
    s->x[d->rd] = old;
    if (!writes)
      return rv_next (s, d, pc);
    value = kind == RV_CSR_WRITE ? operand
            : kind == RV_CSR_SET ? old | operand : old & ~operand;
    rv_mstatus_write (s, value & rv_xmask (s));
    /* It may have enabled an interrupt: the loop looks if one is
     * pending. */
    return rv_resume (s, rv_next (s, d, pc), RV_PRIV_M);
  }
  return rv_csr_op_slow (s, d, pc, done, kind, operand, writes);
}

/* csrrw always writes; csrrs/csrrc write only when rs1 is not x0, the
 * immediate forms only when the immediate is not 0. */
uint64_t
rv_exec_csrrw (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_WRITE, s->x[d->rs1], true);
}

uint64_t
rv_exec_csrrs (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_SET, s->x[d->rs1], d->rs1 != 0);
}

uint64_t
rv_exec_csrrc (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_CLEAR, s->x[d->rs1], d->rs1 != 0);
}

uint64_t
rv_exec_csrrwi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_WRITE, d->rs1, true);
}

uint64_t
rv_exec_csrrsi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_SET, d->rs1, d->rs1 != 0);
}

uint64_t
rv_exec_csrrci (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_CLEAR, d->rs1, d->rs1 != 0);
}

/* The executors rv_exec_of chooses for a plain CSR, one pair per CSR so
 * that each knows its field and level without looking them up: a read
 * (csrrs, csrrc, csrrsi or csrrci that writes nothing), and csrrw.  What
 * rv_csr_op does for them; below the CSR's level, what it does for a CSR
 * the mode may not reach.  (A trap handler reads and writes these
 * around every trap.) */
#define RV_PLAIN_CSR_EXECS(NAME, FIELD, LEVEL, WMASK)                       \
  static uint64_t                                                           \
  rv_exec_csrr_##NAME (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done) \
  {                                                                         \
    if (G_UNLIKELY (s->priv < (LEVEL)))                                     \
      return rv_csr_op_slow (s, d, pc, done, RV_CSR_SET, 0, false);         \
    s->x[d->rd] = s->FIELD;                                                 \
    return rv_next (s, d, pc);                                              \
  }                                                                         \
  static uint64_t                                                           \
  rv_exec_csrw_##NAME (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done) \
  {                                                                         \
    uint64_t old = s->FIELD;                                                \
                                                                            \
    if (G_UNLIKELY (s->priv < (LEVEL)))                                     \
      return rv_csr_op_slow (s, d, pc, done, RV_CSR_WRITE, s->x[d->rs1], true); \
    s->FIELD = s->x[d->rs1] & (WMASK) & rv_xmask (s);                       \
    s->x[d->rd] = old;                                                      \
    return rv_next_checked (s, d, pc);                                      \
  }

/* The epcs keep bit 0 clear (IALIGN 16). */
RV_PLAIN_CSR_EXECS (sscratch, sscratch, RV_PRIV_S, UINT64_MAX)
RV_PLAIN_CSR_EXECS (sepc, sepc, RV_PRIV_S, ~UINT64_C (1))
RV_PLAIN_CSR_EXECS (scause, scause, RV_PRIV_S, UINT64_MAX)
RV_PLAIN_CSR_EXECS (stval, stval, RV_PRIV_S, UINT64_MAX)
RV_PLAIN_CSR_EXECS (mscratch, mscratch, RV_PRIV_M, UINT64_MAX)
RV_PLAIN_CSR_EXECS (mepc, mepc, RV_PRIV_M, ~UINT64_C (1))
RV_PLAIN_CSR_EXECS (mcause, mcause, RV_PRIV_M, UINT64_MAX)
RV_PLAIN_CSR_EXECS (mtval, mtval, RV_PRIV_M, UINT64_MAX)

/* By rv_csr_plain_index (riscv-exec-private.h). */
const RvExecFn rv_csrr_plain_execs[8] = {
  rv_exec_csrr_sscratch, rv_exec_csrr_sepc, rv_exec_csrr_scause, rv_exec_csrr_stval,
  rv_exec_csrr_mscratch, rv_exec_csrr_mepc, rv_exec_csrr_mcause, rv_exec_csrr_mtval,
};
const RvExecFn rv_csrw_plain_execs[8] = {
  rv_exec_csrw_sscratch, rv_exec_csrw_sepc, rv_exec_csrw_scause, rv_exec_csrw_stval,
  rv_exec_csrw_mscratch, rv_exec_csrw_mepc, rv_exec_csrw_mcause, rv_exec_csrw_mtval,
};

/* A write to a read-only CSR (csr[11:10] == 3): what rv_csr_op_slow
 * does for it, the illegal-instruction exception, without looking the
 * CSR up.  (A handler's probe of a counter, a test of illegal
 * instructions.)  No counter is read, so nothing is accounted first. */
uint64_t
rv_exec_csr_ro_write (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
}

/* A read of mstatus, which handlers save around a nested trap: in M,
 * what rv_csr_op does for it. */
uint64_t
rv_exec_csrr_mstatus (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  if (G_UNLIKELY (s->priv != RV_PRIV_M))
    return rv_csr_op (s, d, pc, done, RV_CSR_SET, 0, false);
  s->x[d->rd] = rv_mstatus_read (s) & rv_xmask (s);
  return rv_next (s, d, pc);
}

/* The end of csrrw of mstatus when the mode's derived state must
 * follow: apart, so that the common restore makes no call. */
static G_GNUC_NO_INLINE uint64_t
rv_csrw_mstatus_moved (RvCpu *s, const RvInsn *d, uint64_t pc)
{
  rv_mode_changed (s);
  return rv_resume (s, rv_next (s, d, pc), RV_PRIV_M);
}

/* csrrw of mstatus, which they restore: likewise. */
uint64_t
rv_exec_csrw_mstatus (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  uint64_t old, value;

  /* What rv_exec_csrrw does, written out: the exported executor would be
   * a call through the PLT (-fPIC), never inlined here. */
  if (G_UNLIKELY (s->priv != RV_PRIV_M))
    return rv_csr_op (s, d, pc, done, RV_CSR_WRITE, s->x[d->rs1], true);
  old = rv_mstatus_read (s) & rv_xmask (s);
  value = s->x[d->rs1] & rv_xmask (s);
  s->x[d->rd] = old;
  if (G_UNLIKELY (rv_mstatus_set (s, value)))
    return rv_csrw_mstatus_moved (s, d, pc);
  /* It may have enabled an interrupt: the loop looks if one is
   * pending. */
  return rv_resume (s, rv_next (s, d, pc), RV_PRIV_M);
}
