/* The executors of the F and D extensions.
 *
 * Included once by riscv-exec.c, after its shared executors (it uses
 * rv_mem_read and rv_mem_write, and rv_exception and rv_next of
 * riscv-exec-private.h).  Unlike the
 * integer executors these are not compiled per XLEN: floating point is
 * slow anyway, and the few places where XLEN matters (fcvt to and from
 * integers, fmv.x.w) look at s->xlen.
 *
 * Every result and flag comes from engine/softfloat.h, never from the
 * host FPU, so a run gives the same bits on every host.  RISC-V's choices
 * go into the MdlFpStatus of each instruction: the canonical NaN for every
 * NaN result, tininess after rounding, no flushing of subnormals.
 *
 * The f registers and their NaN-boxing are riscv-fp-regs.h's, which the
 * translated code's helpers share.  Moves and stores (fsw, fmv.x.w) take
 * the low 32 bits as they are.
 *
 * mstatus.FS: Off makes every F and D instruction illegal (the CSRs
 * fflags, frm and fcsr too, in riscv-csr.c); anything that writes an f
 * register or raises a flag makes FS Dirty.
 *
 * The decode cache stores rd = 0 as RV_REG_SINK (for x0); an f
 * destination takes rd & 31, which gives f0 back.  Instructions with a
 * rounding mode carry rm in imm[2:0] and rs3 in imm[7:3].
 */

#include "riscv-fp-regs.h"

#define FD  (d->rd & 31)
#define FS3 ((unsigned) (d->imm >> 3) & 31)

/* Starts an instruction with a rounding mode: false (the instruction is
 * illegal) when FS is Off, or the mode is reserved (rm 5 or 6, or dynamic
 * with frm 5..7).  Otherwise @st is ready for softfloat. */
static inline bool
rv_fp_begin (const RvCpu *s, const RvInsn *d, MdlFpStatus *st)
{
  unsigned rm = d->imm & 7;

  if (rm == 7)
    rm = s->frm;
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS) || rm > MDL_FP_RMM))
    return false;
  *st = rv_fp_status (rm);
  return true;
}

/* The same for an instruction without a rounding mode (bits 14:12 are
 * part of its opcode). */
static inline bool
rv_fp_begin_norm (const RvCpu *s, MdlFpStatus *st)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return false;
  *st = rv_fp_status (MDL_FP_RNE);
  return true;
}

/* Accrues the flags the instruction raised. */
static inline uint64_t
rv_fp_end (RvCpu *s, const RvInsn *d, uint64_t pc, const MdlFpStatus *st)
{
  rv_fp_accrue (s, st);
  return rv_next (s, d, pc);
}

static uint64_t
rv_fp_illegal (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
}

#define FP_EXEC(name)                                                                              \
  static uint64_t rv_exec_##name (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)

/* ---- loads and stores ----
 *
 * The RAM window of the integer loads and stores first, the general path
 * (other regions, devices, translation, faults) second. */

static G_GNUC_NO_INLINE uint64_t
rv_fload_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, uint64_t addr, unsigned size)
{
  uint64_t value;
  unsigned cause = rv_mem_read (s, done, addr, size, RV_ACC_LOAD, &value);

  if (cause)
    return rv_exception (s, done, pc, cause, addr);
  if (size == 4)
    rv_f32_set (s, FD, (uint32_t) value);
  else
    rv_f64_set (s, FD, value);
  return rv_next_checked (s, d, pc);
}

static G_GNUC_NO_INLINE uint64_t
rv_fstore_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, uint64_t addr, unsigned size,
                uint64_t value)
{
  unsigned cause = rv_mem_write (s, done, addr, size, value);

  if (cause)
    return rv_exception (s, done, pc, cause, addr);
  return rv_next_checked (s, d, pc);
}

FP_EXEC (flw)
{
  uint64_t addr = (s->x[d->rs1] + (int64_t) d->imm) & rv_xmask (s);
  uint32_t v;

  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  if (G_LIKELY (addr - s->ld_base < s->ld_limit)) {
    memcpy (&v, s->ld_host + (addr - s->ld_base), 4);
    rv_f32_set (s, FD, v);
    return rv_next (s, d, pc);
  }
  return rv_fload_slow (s, d, pc, done, addr, 4);
}

FP_EXEC (fld)
{
  uint64_t addr = (s->x[d->rs1] + (int64_t) d->imm) & rv_xmask (s);
  uint64_t v;

  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  if (G_LIKELY (addr - s->ld_base < s->ld_limit)) {
    memcpy (&v, s->ld_host + (addr - s->ld_base), 8);
    rv_f64_set (s, FD, v);
    return rv_next (s, d, pc);
  }
  return rv_fload_slow (s, d, pc, done, addr, 8);
}

/* fsw stores the low 32 bits as they are, boxed or not. */
FP_EXEC (fsw)
{
  uint64_t addr = (s->x[d->rs1] + (int64_t) d->imm) & rv_xmask (s);
  uint32_t v = (uint32_t) s->f[d->rs2];

  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  if (G_LIKELY (addr - s->st_base < s->st_limit)) {
    memcpy (s->st_host + (addr - s->st_base), &v, 4);
    return rv_next (s, d, pc);
  }
  return rv_fstore_slow (s, d, pc, done, addr, 4, v);
}

FP_EXEC (fsd)
{
  uint64_t addr = (s->x[d->rs1] + (int64_t) d->imm) & rv_xmask (s);
  uint64_t v = s->f[d->rs2];

  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  if (G_LIKELY (addr - s->st_base < s->st_limit)) {
    memcpy (s->st_host + (addr - s->st_base), &v, 8);
    return rv_next (s, d, pc);
  }
  return rv_fstore_slow (s, d, pc, done, addr, 8, v);
}

/* ---- arithmetic ---- */

/* fd = op (fs1, fs2) with a rounding mode. */
#define FP_BINARY(name, bits, fn)                                                                  \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
                                                                                                   \
    if (!rv_fp_begin (s, d, &st))                                                                  \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    rv_f##bits##_set (s, FD,                                                                       \
                      fn (&st, rv_f##bits##_get (s, d->rs1), rv_f##bits##_get (s, d->rs2)));       \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }

/* fd = op (fs1, fs2) without one (fmin, fmax). */
#define FP_BINARY_NORM(name, bits, fn)                                                             \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
                                                                                                   \
    if (!rv_fp_begin_norm (s, &st))                                                                \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    rv_f##bits##_set (s, FD,                                                                       \
                      fn (&st, rv_f##bits##_get (s, d->rs1), rv_f##bits##_get (s, d->rs2)));       \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }

/* fd = ±(fs1 * fs2) ± fs3, rounded once. */
#define FP_FUSED(name, bits, neg_product, neg_addend)                                              \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
    uint##bits##_t a, b, c;                                                                        \
                                                                                                   \
    if (!rv_fp_begin (s, d, &st))                                                                  \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    a = rv_f##bits##_get (s, d->rs1);                                                              \
    b = rv_f##bits##_get (s, d->rs2);                                                              \
    c = rv_f##bits##_get (s, FS3);                                                                 \
    if (neg_product)                                                                               \
      a = rv_f##bits##_neg (a);                                                                    \
    if (neg_addend)                                                                                \
      c = rv_f##bits##_neg (c);                                                                    \
    rv_f##bits##_set (s, FD, mdl_f##bits##_muladd (&st, a, b, c));                                 \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }

/* rd = compare (fs1, fs2): 1 or 0. */
#define FP_COMPARE(name, bits, fn)                                                                 \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
    bool r;                                                                                        \
                                                                                                   \
    if (!rv_fp_begin_norm (s, &st))                                                                \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    r = fn (&st, rv_f##bits##_get (s, d->rs1), rv_f##bits##_get (s, d->rs2));                      \
    s->x[d->rd] = r;                                                                               \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }

// clang-format off
FP_BINARY (fadd_s, 32, mdl_f32_add)
FP_BINARY (fsub_s, 32, mdl_f32_sub)
FP_BINARY (fmul_s, 32, mdl_f32_mul)
FP_BINARY (fdiv_s, 32, mdl_f32_div)
FP_BINARY (fadd_d, 64, mdl_f64_add)
FP_BINARY (fsub_d, 64, mdl_f64_sub)
FP_BINARY (fmul_d, 64, mdl_f64_mul)
FP_BINARY (fdiv_d, 64, mdl_f64_div)
FP_BINARY_NORM (fmin_s, 32, mdl_f32_min_num)
FP_BINARY_NORM (fmax_s, 32, mdl_f32_max_num)
FP_BINARY_NORM (fmin_d, 64, mdl_f64_min_num)
FP_BINARY_NORM (fmax_d, 64, mdl_f64_max_num)
FP_FUSED (fmadd_s,  32, false, false)
FP_FUSED (fmsub_s,  32, false, true)
FP_FUSED (fnmsub_s, 32, true,  false)
FP_FUSED (fnmadd_s, 32, true,  true)
FP_FUSED (fmadd_d,  64, false, false)
FP_FUSED (fmsub_d,  64, false, true)
FP_FUSED (fnmsub_d, 64, true,  false)
FP_FUSED (fnmadd_d, 64, true,  true)
FP_COMPARE (feq_s, 32, mdl_f32_eq)
FP_COMPARE (flt_s, 32, mdl_f32_lt)
FP_COMPARE (fle_s, 32, mdl_f32_le)
FP_COMPARE (feq_d, 64, mdl_f64_eq)
FP_COMPARE (flt_d, 64, mdl_f64_lt)
FP_COMPARE (fle_d, 64, mdl_f64_le)
// clang-format on

FP_EXEC (fsqrt_s)
{
  MdlFpStatus st;

  if (!rv_fp_begin (s, d, &st))
    return rv_fp_illegal (s, d, pc, done);
  rv_f32_set (s, FD, mdl_f32_sqrt (&st, rv_f32_get (s, d->rs1)));
  return rv_fp_end (s, d, pc, &st);
}

FP_EXEC (fsqrt_d)
{
  MdlFpStatus st;

  if (!rv_fp_begin (s, d, &st))
    return rv_fp_illegal (s, d, pc, done);
  rv_f64_set (s, FD, mdl_f64_sqrt (&st, rv_f64_get (s, d->rs1)));
  return rv_fp_end (s, d, pc, &st);
}

/* ---- sign injection: bit operations, no flags ---- */

typedef enum { RV_SGNJ, RV_SGNJN, RV_SGNJX } RvSgnj;

static uint64_t
rv_fsgnj (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, unsigned bits, RvSgnj kind)
{
  uint64_t sign = bits == 32 ? RV_F32_SIGN : RV_F64_SIGN;
  uint64_t a, b, r;

  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  a = bits == 32 ? rv_f32_get (s, d->rs1) : rv_f64_get (s, d->rs1);
  b = bits == 32 ? rv_f32_get (s, d->rs2) : rv_f64_get (s, d->rs2);
  switch (kind) {
  case RV_SGNJ: r = (a & ~sign) | (b & sign); break;
  case RV_SGNJN: r = (a & ~sign) | (~b & sign); break;
  case RV_SGNJX: r = a ^ (b & sign); break;
  default: g_assert_not_reached ();
  }
  if (bits == 32)
    rv_f32_set (s, FD, (uint32_t) r);
  else
    rv_f64_set (s, FD, r);
  return rv_next (s, d, pc);
}

// clang-format off
FP_EXEC (fsgnj_s)  { return rv_fsgnj (s, d, pc, done, 32, RV_SGNJ); }
FP_EXEC (fsgnjn_s) { return rv_fsgnj (s, d, pc, done, 32, RV_SGNJN); }
FP_EXEC (fsgnjx_s) { return rv_fsgnj (s, d, pc, done, 32, RV_SGNJX); }
FP_EXEC (fsgnj_d)  { return rv_fsgnj (s, d, pc, done, 64, RV_SGNJ); }
FP_EXEC (fsgnjn_d) { return rv_fsgnj (s, d, pc, done, 64, RV_SGNJN); }
FP_EXEC (fsgnjx_d) { return rv_fsgnj (s, d, pc, done, 64, RV_SGNJX); }
// clang-format on

/* ---- classification and moves ---- */

FP_EXEC (fclass_s)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  s->x[d->rd] = mdl_f32_classify (rv_f32_get (s, d->rs1));
  return rv_next (s, d, pc);
}

FP_EXEC (fclass_d)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  s->x[d->rd] = mdl_f64_classify (rv_f64_get (s, d->rs1));
  return rv_next (s, d, pc);
}

/* Sign-extends a 32-bit result to XLEN, as the W forms do. */
static inline uint64_t
rv_fp_sext32 (const RvCpu *s, uint32_t v)
{
  return (uint64_t) (int64_t) (int32_t) v & rv_xmask (s);
}

FP_EXEC (fmv_x_w)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  s->x[d->rd] = rv_fp_sext32 (s, (uint32_t) s->f[d->rs1]);
  return rv_next (s, d, pc);
}

FP_EXEC (fmv_w_x)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  rv_f32_set (s, FD, (uint32_t) s->x[d->rs1]);
  return rv_next (s, d, pc);
}

/* RV64 only (the decoder never selects them on RV32). */
FP_EXEC (fmv_x_d)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  s->x[d->rd] = s->f[d->rs1];
  return rv_next (s, d, pc);
}

FP_EXEC (fmv_d_x)
{
  if (G_UNLIKELY (!(s->mstatus & RV_MSTATUS_FS)))
    return rv_fp_illegal (s, d, pc, done);
  rv_f64_set (s, FD, s->x[d->rs1]);
  return rv_next (s, d, pc);
}

/* ---- conversions ----
 *
 * To an integer register: saturated, NaN as the largest value (softfloat
 * does both); the 32-bit results, unsigned ones included, are sign-
 * extended to XLEN.  From one: the source is the low 32 bits or all 64
 * of the register. */

#define FP_TO_INT(name, bits, fn, widen)                                                           \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
                                                                                                   \
    if (!rv_fp_begin (s, d, &st))                                                                  \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    s->x[d->rd] = widen (fn (&st, rv_f##bits##_get (s, d->rs1), st.round));                        \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }
#define WIDEN_32(v) rv_fp_sext32 (s, (uint32_t) (v))
#define WIDEN_64(v) ((uint64_t) (v))
FP_TO_INT (fcvt_w_s, 32, mdl_f32_to_i32, WIDEN_32)
FP_TO_INT (fcvt_wu_s, 32, mdl_f32_to_u32, WIDEN_32)
FP_TO_INT (fcvt_l_s, 32, mdl_f32_to_i64, WIDEN_64)
FP_TO_INT (fcvt_lu_s, 32, mdl_f32_to_u64, WIDEN_64)
FP_TO_INT (fcvt_w_d, 64, mdl_f64_to_i32, WIDEN_32)
FP_TO_INT (fcvt_wu_d, 64, mdl_f64_to_u32, WIDEN_32)
FP_TO_INT (fcvt_l_d, 64, mdl_f64_to_i64, WIDEN_64)
FP_TO_INT (fcvt_lu_d, 64, mdl_f64_to_u64, WIDEN_64)
#undef WIDEN_32
#undef WIDEN_64

#define FP_FROM_INT(name, bits, fn, type)                                                          \
  FP_EXEC (name)                                                                                   \
  {                                                                                                \
    MdlFpStatus st;                                                                                \
                                                                                                   \
    if (!rv_fp_begin (s, d, &st))                                                                  \
      return rv_fp_illegal (s, d, pc, done);                                                             \
    rv_f##bits##_set (s, FD, fn (&st, (type) s->x[d->rs1]));                                       \
    return rv_fp_end (s, d, pc, &st);                                                              \
  }
FP_FROM_INT (fcvt_s_w, 32, mdl_i32_to_f32, int32_t)
FP_FROM_INT (fcvt_s_wu, 32, mdl_u32_to_f32, uint32_t)
FP_FROM_INT (fcvt_s_l, 32, mdl_i64_to_f32, int64_t)
FP_FROM_INT (fcvt_s_lu, 32, mdl_u64_to_f32, uint64_t)
FP_FROM_INT (fcvt_d_w, 64, mdl_i32_to_f64, int32_t)
FP_FROM_INT (fcvt_d_wu, 64, mdl_u32_to_f64, uint32_t)
FP_FROM_INT (fcvt_d_l, 64, mdl_i64_to_f64, int64_t)
FP_FROM_INT (fcvt_d_lu, 64, mdl_u64_to_f64, uint64_t)

FP_EXEC (fcvt_s_d)
{
  MdlFpStatus st;

  if (!rv_fp_begin (s, d, &st))
    return rv_fp_illegal (s, d, pc, done);
  rv_f32_set (s, FD, mdl_f64_to_f32 (&st, rv_f64_get (s, d->rs1)));
  return rv_fp_end (s, d, pc, &st);
}

FP_EXEC (fcvt_d_s)
{
  MdlFpStatus st;

  if (!rv_fp_begin (s, d, &st))
    return rv_fp_illegal (s, d, pc, done);
  rv_f64_set (s, FD, mdl_f32_to_f64 (&st, rv_f32_get (s, d->rs1)));
  return rv_fp_end (s, d, pc, &st);
}

#undef FP_BINARY
#undef FP_BINARY_NORM
#undef FP_FUSED
#undef FP_COMPARE
#undef FP_TO_INT
#undef FP_FROM_INT
#undef FP_EXEC
#undef FD
#undef FS3

/* The rows of the executor tables (riscv-exec-template.h): the same
 * executors at every width and length. */
// clang-format off
#define RV_FP_EXEC_ENTRIES                                                  \
  [RV_OP_FLW] = rv_exec_flw,             [RV_OP_FSW] = rv_exec_fsw,         \
  [RV_OP_FMADD_S] = rv_exec_fmadd_s,     [RV_OP_FMSUB_S] = rv_exec_fmsub_s, \
  [RV_OP_FNMSUB_S] = rv_exec_fnmsub_s,   [RV_OP_FNMADD_S] = rv_exec_fnmadd_s, \
  [RV_OP_FADD_S] = rv_exec_fadd_s,       [RV_OP_FSUB_S] = rv_exec_fsub_s,   \
  [RV_OP_FMUL_S] = rv_exec_fmul_s,       [RV_OP_FDIV_S] = rv_exec_fdiv_s,   \
  [RV_OP_FSQRT_S] = rv_exec_fsqrt_s,                                        \
  [RV_OP_FSGNJ_S] = rv_exec_fsgnj_s,     [RV_OP_FSGNJN_S] = rv_exec_fsgnjn_s, \
  [RV_OP_FSGNJX_S] = rv_exec_fsgnjx_s,                                      \
  [RV_OP_FMIN_S] = rv_exec_fmin_s,       [RV_OP_FMAX_S] = rv_exec_fmax_s,   \
  [RV_OP_FCVT_W_S] = rv_exec_fcvt_w_s,   [RV_OP_FCVT_WU_S] = rv_exec_fcvt_wu_s, \
  [RV_OP_FCVT_L_S] = rv_exec_fcvt_l_s,   [RV_OP_FCVT_LU_S] = rv_exec_fcvt_lu_s, \
  [RV_OP_FMV_X_W] = rv_exec_fmv_x_w,     [RV_OP_FEQ_S] = rv_exec_feq_s,     \
  [RV_OP_FLT_S] = rv_exec_flt_s,         [RV_OP_FLE_S] = rv_exec_fle_s,     \
  [RV_OP_FCLASS_S] = rv_exec_fclass_s,                                      \
  [RV_OP_FCVT_S_W] = rv_exec_fcvt_s_w,   [RV_OP_FCVT_S_WU] = rv_exec_fcvt_s_wu, \
  [RV_OP_FCVT_S_L] = rv_exec_fcvt_s_l,   [RV_OP_FCVT_S_LU] = rv_exec_fcvt_s_lu, \
  [RV_OP_FMV_W_X] = rv_exec_fmv_w_x,                                        \
  [RV_OP_FLD] = rv_exec_fld,             [RV_OP_FSD] = rv_exec_fsd,         \
  [RV_OP_FMADD_D] = rv_exec_fmadd_d,     [RV_OP_FMSUB_D] = rv_exec_fmsub_d, \
  [RV_OP_FNMSUB_D] = rv_exec_fnmsub_d,   [RV_OP_FNMADD_D] = rv_exec_fnmadd_d, \
  [RV_OP_FADD_D] = rv_exec_fadd_d,       [RV_OP_FSUB_D] = rv_exec_fsub_d,   \
  [RV_OP_FMUL_D] = rv_exec_fmul_d,       [RV_OP_FDIV_D] = rv_exec_fdiv_d,   \
  [RV_OP_FSQRT_D] = rv_exec_fsqrt_d,                                        \
  [RV_OP_FSGNJ_D] = rv_exec_fsgnj_d,     [RV_OP_FSGNJN_D] = rv_exec_fsgnjn_d, \
  [RV_OP_FSGNJX_D] = rv_exec_fsgnjx_d,                                      \
  [RV_OP_FMIN_D] = rv_exec_fmin_d,       [RV_OP_FMAX_D] = rv_exec_fmax_d,   \
  [RV_OP_FCVT_S_D] = rv_exec_fcvt_s_d,   [RV_OP_FCVT_D_S] = rv_exec_fcvt_d_s, \
  [RV_OP_FCVT_W_D] = rv_exec_fcvt_w_d,   [RV_OP_FCVT_WU_D] = rv_exec_fcvt_wu_d, \
  [RV_OP_FCVT_L_D] = rv_exec_fcvt_l_d,   [RV_OP_FCVT_LU_D] = rv_exec_fcvt_lu_d, \
  [RV_OP_FMV_X_D] = rv_exec_fmv_x_d,     [RV_OP_FEQ_D] = rv_exec_feq_d,     \
  [RV_OP_FLT_D] = rv_exec_flt_d,         [RV_OP_FLE_D] = rv_exec_fle_d,     \
  [RV_OP_FCLASS_D] = rv_exec_fclass_d,                                      \
  [RV_OP_FCVT_D_W] = rv_exec_fcvt_d_w,   [RV_OP_FCVT_D_WU] = rv_exec_fcvt_d_wu, \
  [RV_OP_FCVT_D_L] = rv_exec_fcvt_d_l,   [RV_OP_FCVT_D_LU] = rv_exec_fcvt_d_lu, \
  [RV_OP_FMV_D_X] = rv_exec_fmv_d_x
// clang-format on
