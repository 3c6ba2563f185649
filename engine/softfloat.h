/* IEEE 754 binary32 and binary64 arithmetic in software, for every
 * target's floating-point unit.
 *
 * Guest floating point must give the same bits, and raise the same
 * exception flags, whatever the host FPU's rounding mode, flush-to-zero
 * setting or NaN conventions are, so that a run is the same trace on
 * every host.  Nothing here touches the host FPU: values are the guest's
 * raw encodings (uint32_t, uint64_t), computed with integer arithmetic.
 *
 * What differs between architectures is data in MdlFpStatus: the
 * rounding mode, how a NaN result is chosen (RISC-V always returns the
 * canonical NaN; Arm propagates an operand's NaN unless FPSCR.DN asks for
 * the default one), whether subnormals are flushed, and when tininess is
 * detected.  Flags accumulate in status->flags (sticky, as fflags and
 * FPSR are); callers clear them.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Rounding modes, numbered as RISC-V's frm field. */
typedef enum {
  MDL_FP_RNE = 0, /* to nearest, ties to even */
  MDL_FP_RTZ = 1, /* toward zero */
  MDL_FP_RDN = 2, /* toward -infinity */
  MDL_FP_RUP = 3, /* toward +infinity */
  MDL_FP_RMM = 4, /* to nearest, ties away from zero */
  MDL_FP_ROD = 5, /* to odd: truncate, then set the last bit when inexact
                     (Arm's FCVTXN, so that a second rounding is exact);
                     overflow gives the largest finite number */
} MdlFpRound;

/* Exception flags, as RISC-V's fflags bits. */
enum {
  MDL_FP_NX = 1 << 0, /* inexact */
  MDL_FP_UF = 1 << 1, /* underflow */
  MDL_FP_OF = 1 << 2, /* overflow */
  MDL_FP_DZ = 1 << 3, /* division by zero */
  MDL_FP_NV = 1 << 4, /* invalid operation */
  /* Not a RISC-V flag: a subnormal input was treated as zero (Arm's IDC).
   * Raised only when flush_to_zero is set. */
  MDL_FP_ID = 1 << 5,
};

typedef enum {
  MDL_FP_NAN_CANONICAL, /* every NaN result is the default NaN (RISC-V, Arm DN=1) */
  MDL_FP_NAN_PROPAGATE, /* the first signalling NaN operand, quietened, else the
                           first quiet NaN operand (Arm DN=0) */
} MdlFpNanMode;

typedef struct {
  uint8_t round;            /* MdlFpRound */
  uint8_t flags;            /* MDL_FP_* accumulated */
  uint8_t nan_mode;         /* MdlFpNanMode */
  bool    flush_to_zero;    /* subnormal inputs and outputs become zero (Arm FZ):
                               every operation with a status reads a
                               subnormal operand as a zero of its sign (and
                               raises MDL_FP_ID); a result whose exact value
                               is below the smallest normal becomes a zero
                               of its sign with UF and without NX, as Arm's
                               FPRound decides before rounding */
  bool    tininess_before;  /* tininess detected before rounding (Arm);
                               false: after rounding (RISC-V, IEEE default) */
} MdlFpStatus;

/* The default ("canonical") NaNs: positive, quiet, zero payload. */
#define MDL_F32_DEFAULT_NAN UINT32_C (0x7fc00000)
#define MDL_F64_DEFAULT_NAN UINT64_C (0x7ff8000000000000)

/* ---- arithmetic ---- */
uint32_t mdl_f32_add (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t mdl_f32_sub (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t mdl_f32_mul (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t mdl_f32_div (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t mdl_f32_sqrt (MdlFpStatus *st, uint32_t a);
/* a * b + c with a single rounding.  RISC-V's fmsub/fnmsub/fnmadd and
 * Arm's vfms/vfnma negate operands first (flip the sign bit of a non-NaN
 * operand; a NaN operand keeps its sign when propagated).  ∞ × 0 raises NV
 * even when c is a quiet NaN (RISC-V's rule); a propagated NaN is chosen
 * in the order c, a, b, and ∞ × 0 + quiet NaN gives the default NaN, as
 * Arm's FPMulAdd does. */
uint32_t mdl_f32_muladd (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c);

uint64_t mdl_f64_add (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t mdl_f64_sub (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t mdl_f64_mul (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t mdl_f64_div (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t mdl_f64_sqrt (MdlFpStatus *st, uint64_t a);
uint64_t mdl_f64_muladd (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c);
/* (a * b + c) * 2^scale with a single rounding (Arm's FRSQRTS halves its
 * fused result); the special cases are muladd's. */
uint32_t mdl_f32_muladd_scaled (MdlFpStatus *st, uint32_t a, uint32_t b, uint32_t c, int scale);
uint64_t mdl_f64_muladd_scaled (MdlFpStatus *st, uint64_t a, uint64_t b, uint64_t c, int scale);

/* ---- comparisons ----
 * eq is quiet (NV only for a signalling NaN); lt and le signal NV for any
 * NaN.  All return false when unordered. */
bool mdl_f32_eq (MdlFpStatus *st, uint32_t a, uint32_t b);
bool mdl_f32_lt (MdlFpStatus *st, uint32_t a, uint32_t b);
bool mdl_f32_le (MdlFpStatus *st, uint32_t a, uint32_t b);
bool mdl_f64_eq (MdlFpStatus *st, uint64_t a, uint64_t b);
bool mdl_f64_lt (MdlFpStatus *st, uint64_t a, uint64_t b);
bool mdl_f64_le (MdlFpStatus *st, uint64_t a, uint64_t b);

/* IEEE 754-2019 minimumNumber / maximumNumber (RISC-V fmin/fmax since
 * F 2.2): a NaN operand loses to a number; both NaN gives the default
 * NaN (with MDL_FP_NAN_PROPAGATE: the propagated one); -0 < +0; a
 * signalling NaN raises NV.  Arm's VMINNM/FMINNM are IEEE 754-2008's
 * minNum, where a signalling NaN operand wins: callers test for it. */
uint32_t mdl_f32_min_num (MdlFpStatus *st, uint32_t a, uint32_t b);
uint32_t mdl_f32_max_num (MdlFpStatus *st, uint32_t a, uint32_t b);
uint64_t mdl_f64_min_num (MdlFpStatus *st, uint64_t a, uint64_t b);
uint64_t mdl_f64_max_num (MdlFpStatus *st, uint64_t a, uint64_t b);

/* ---- classification ----
 * RISC-V fclass's one-hot result: bit 0 -inf, 1 negative normal,
 * 2 negative subnormal, 3 -0, 4 +0, 5 positive subnormal, 6 positive
 * normal, 7 +inf, 8 signalling NaN, 9 quiet NaN. */
unsigned mdl_f32_classify (uint32_t a);
unsigned mdl_f64_classify (uint64_t a);
bool mdl_f32_is_nan (uint32_t a);
bool mdl_f64_is_nan (uint64_t a);
bool mdl_f32_is_signaling_nan (uint32_t a);
bool mdl_f64_is_signaling_nan (uint64_t a);

/* ---- conversions ----
 * Float to integer rounds with @round (not st->round: Arm's vcvt rounds
 * toward zero whatever FPSCR says), saturates out-of-range values to the
 * type's limits with NV, and gives the largest positive value for NaN
 * with NV (as RISC-V does; Arm callers test for NaN and use 0).  Inexact
 * results raise NX. */
int32_t  mdl_f32_to_i32 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
uint32_t mdl_f32_to_u32 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
int64_t  mdl_f32_to_i64 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
uint64_t mdl_f32_to_u64 (MdlFpStatus *st, uint32_t a, MdlFpRound round);
int32_t  mdl_f64_to_i32 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
uint32_t mdl_f64_to_u32 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
int64_t  mdl_f64_to_i64 (MdlFpStatus *st, uint64_t a, MdlFpRound round);
uint64_t mdl_f64_to_u64 (MdlFpStatus *st, uint64_t a, MdlFpRound round);

/* Float to fixed point: a * 2^fbits (exactly) to a @width-bit (32 or
 * 64) integer, rounded and saturated as above; the two's complement bits
 * are returned.  Arm's FCVTZS/FCVTZU (vector, fixed point). */
uint64_t mdl_f32_to_fixed (MdlFpStatus *st, uint32_t a, int fbits, MdlFpRound round,
                           bool is_signed, int width);
uint64_t mdl_f64_to_fixed (MdlFpStatus *st, uint64_t a, int fbits, MdlFpRound round,
                           bool is_signed, int width);
/* Fixed point to float: a * 2^-fbits with one rounding (SCVTF/UCVTF,
 * fixed point). */
uint32_t mdl_i64_to_f32_fixed (MdlFpStatus *st, int64_t a, int fbits);
uint32_t mdl_u64_to_f32_fixed (MdlFpStatus *st, uint64_t a, int fbits);
uint64_t mdl_i64_to_f64_fixed (MdlFpStatus *st, int64_t a, int fbits);
uint64_t mdl_u64_to_f64_fixed (MdlFpStatus *st, uint64_t a, int fbits);

uint32_t mdl_i32_to_f32 (MdlFpStatus *st, int32_t a);
uint32_t mdl_u32_to_f32 (MdlFpStatus *st, uint32_t a);
uint32_t mdl_i64_to_f32 (MdlFpStatus *st, int64_t a);
uint32_t mdl_u64_to_f32 (MdlFpStatus *st, uint64_t a);
uint64_t mdl_i32_to_f64 (MdlFpStatus *st, int32_t a);
uint64_t mdl_u32_to_f64 (MdlFpStatus *st, uint32_t a);
uint64_t mdl_i64_to_f64 (MdlFpStatus *st, int64_t a);
uint64_t mdl_u64_to_f64 (MdlFpStatus *st, uint64_t a);

uint64_t mdl_f32_to_f64 (MdlFpStatus *st, uint32_t a);
uint32_t mdl_f64_to_f32 (MdlFpStatus *st, uint64_t a);
/* IEEE binary16 (Arm's FCVTN/FCVTL .4h forms): the low 16 bits hold it.
 * Flushing follows st->flush_to_zero as for the other formats; Arm's
 * callers clear it where FZ16 (absent in ARMv8.0) would apply. */
uint16_t mdl_f32_to_f16 (MdlFpStatus *st, uint32_t a);
uint32_t mdl_f16_to_f32 (MdlFpStatus *st, uint16_t a);

/* Rounds to an integral value in floating point (Arm vrint*, and RISC-V
 * Zfa's fround/froundnx); NX only when @exact.  A result of zero keeps
 * the operand's sign (-0.3 gives -0). */
uint32_t mdl_f32_round_int (MdlFpStatus *st, uint32_t a, MdlFpRound round, bool exact);
uint64_t mdl_f64_round_int (MdlFpStatus *st, uint64_t a, MdlFpRound round, bool exact);
