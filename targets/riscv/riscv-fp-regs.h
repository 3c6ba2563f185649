/* The f registers as both tiers read and write them: the interpreter's
 * F and D executors (riscv-exec-fp.h) and the helpers that translated
 * code calls for what rounds or raises flags (riscv-jit.c).  Keeping the
 * one copy here is what makes the two agree bit for bit.
 *
 * The registers are 64 bits wide (FLEN 64).  A single-precision value
 * lives in the low half with the upper half all ones ("NaN-boxed"); an
 * operand that is not properly boxed reads as the canonical NaN.  Any
 * write of an f register, and any flag raised, makes mstatus.FS Dirty.
 */
#pragma once

#include "riscv-cpu.h"

#include "engine/softfloat.h"

#define RV_F32_BOX  UINT64_C (0xffffffff00000000)
#define RV_F32_SIGN UINT32_C (0x80000000)
#define RV_F64_SIGN UINT64_C (0x8000000000000000)

static inline uint32_t
rv_f32_get (const RvCpu *s, unsigned r)
{
  uint64_t v = s->f[r];

  return (v & RV_F32_BOX) == RV_F32_BOX ? (uint32_t) v : MDL_F32_DEFAULT_NAN;
}

static inline uint64_t
rv_f64_get (const RvCpu *s, unsigned r)
{
  return s->f[r];
}

static inline void
rv_f32_set (RvCpu *s, unsigned r, uint32_t v)
{
  s->f[r] = RV_F32_BOX | v;
  s->mstatus |= RV_MSTATUS_FS_DIRTY;
}

static inline void
rv_f64_set (RvCpu *s, unsigned r, uint64_t v)
{
  s->f[r] = v;
  s->mstatus |= RV_MSTATUS_FS_DIRTY;
}

/* RISC-V's choices for softfloat with rounding mode @rm (resolved, never
 * dynamic): the canonical NaN for every NaN result; tininess after
 * rounding and no flushing of subnormals are softfloat's defaults. */
static inline MdlFpStatus
rv_fp_status (unsigned rm)
{
  return (MdlFpStatus){ .round = (uint8_t) rm, .nan_mode = MDL_FP_NAN_CANONICAL };
}

/* Accrues the flags an instruction raised. */
static inline void
rv_fp_accrue (RvCpu *s, const MdlFpStatus *st)
{
  if (st->flags) {
    s->fflags |= st->flags;
    s->mstatus |= RV_MSTATUS_FS_DIRTY;
  }
}

/* Negation for the fused forms: the sign of a number flips, a NaN stays
 * as it is (engine/softfloat.h asks callers to negate so). */
static inline uint32_t
rv_f32_neg (uint32_t a)
{
  return mdl_f32_is_nan (a) ? a : a ^ RV_F32_SIGN;
}

static inline uint64_t
rv_f64_neg (uint64_t a)
{
  return mdl_f64_is_nan (a) ? a : a ^ RV_F64_SIGN;
}
