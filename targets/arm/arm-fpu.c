/* The FPv4-SP floating-point unit of the Cortex-M4F: 32 single-precision
 * registers (pairs of which are the 16 doubleword registers that loads,
 * stores and moves know), FPSCR, and the system registers that control
 * it: CPACR (access for CP10/CP11), FPCCR (automatic and lazy state
 * preservation), FPCAR (where the lazily reserved state goes), FPDSCR
 * (the FPSCR a handler starts with), MVFR0/1.
 *
 * Arithmetic goes through engine/softfloat.h with FPSCR's rounding mode,
 * default-NaN and flush-to-zero bits, and raises FPSCR's cumulative
 * flags exactly (IDC, an input flushed to zero, is Arm's own and raised
 * here).  Double
 * precision arithmetic, half-precision and fixed-point conversions are
 * not part of what is modelled: they are UNDEFINED (a UsageFault).
 *
 * Exception entry and return (arm-except.c) use arm_fpu_*: a context
 * with CONTROL.FPCA set gets an extended frame of 26 words whose
 * floating-point part is only reserved when FPCCR.LSPEN (the reset
 * value), with FPCAR pointing at it and FPCCR.LSPACT set; the first
 * floating-point instruction after that (arm_fpu_check) writes s0-s15
 * and FPSCR there.  EXC_RETURN bit 4 clear says the frame is extended.
 */
#include "arm-cpu.h"

#include "engine/softfloat.h"

#include <string.h>

enum {
  FPCCR_LSPACT = 1u << 0,
  FPCCR_LSPEN = 1u << 30,
  FPCCR_ASPEN = 1u << 31,
  FPSCR_DEFAULTS = 0x07c00000u, /* AHP, DN, FZ, RMode: what FPDSCR gives */
};

/* ---- state preservation and access ---- */

void
arm_fpu_reset (ArmCpu *s)
{
  memset (s->sreg, 0, sizeof s->sreg);
  s->fpscr = 0;
  s->cpacr = 0;
  s->fpccr = FPCCR_ASPEN | FPCCR_LSPEN;
  s->fpcar = 0;
  s->fpdscr = 0;
}

/* Writes the lazily reserved state (s0-s15, FPSCR) to FPCAR. */
static bool
preserve (ArmCpu *s, uint64_t done)
{
  for (unsigned i = 0; i < 16; i++)
    if (!arm_mem_write (s, done, s->fpcar + 4 * i, 4, s->sreg[i]))
      return false;
  if (!arm_mem_write (s, done, s->fpcar + 64, 4, s->fpscr))
    return false;
  s->fpccr &= ~FPCCR_LSPACT;
  return true;
}

/* ExecuteFPCheck: whether the instruction at @pc may run; if not, the
 * fault has been raised and *next says where to go. */
static bool
fp_check (ArmCpu *s, uint32_t pc, uint64_t done, uint32_t *next)
{
  unsigned cp10 = (s->cpacr >> 20) & 3;

  if (cp10 == 0 || cp10 == 2 || (cp10 == 1 && !arm_privileged (s))) {
    *next = arm_usage_fault (s, done, pc, ARM_CFSR_NOCP);
    return false;
  }
  if ((s->fpccr & FPCCR_LSPACT) && !preserve (s, done)) {
    /* The reserved space cannot take the state: MemManage (MLSPERR)
     * when the MPU refused it, else BusFault (LSPERR); LSPACT stays. */
    bool mpu = s->mpu_fault;

    s->mpu_fault = false;
    *next = mpu ? arm_fault (s, done, pc, ARM_EXC_MEMMANAGE, 1u << 5)
                : arm_fault (s, done, pc, ARM_EXC_BUSFAULT, 1u << 13);
    return false;
  }
  if ((s->fpccr & FPCCR_ASPEN) && !(s->control & ARM_CONTROL_FPCA)) {
    s->fpscr = (s->fpscr & ~FPSCR_DEFAULTS) | (s->fpdscr & FPSCR_DEFAULTS);
    s->control |= ARM_CONTROL_FPCA;
  }
  return true;
}

bool
arm_fpu_push (ArmCpu *s, uint64_t done, uint32_t fp_area)
{
  if (s->fpccr & FPCCR_LSPEN) {
    s->fpcar = fp_area;
    s->fpccr |= FPCCR_LSPACT;
    return true;
  }
  for (unsigned i = 0; i < 16; i++)
    if (!arm_mem_write (s, done, fp_area + 4 * i, 4, s->sreg[i]))
      return false;
  return arm_mem_write (s, done, fp_area + 64, 4, s->fpscr);
}

bool
arm_fpu_pop (ArmCpu *s, uint64_t done, uint32_t fp_area)
{
  uint32_t v[17];

  /* Still only reserved: the registers hold the context's values. */
  if (s->fpccr & FPCCR_LSPACT) {
    s->fpccr &= ~FPCCR_LSPACT;
    return true;
  }
  for (unsigned i = 0; i < 17; i++)
    if (!arm_mem_read (s, done, fp_area + 4 * i, 4, &v[i]))
      return false;
  memcpy (s->sreg, v, sizeof s->sreg / 2);
  s->fpscr = v[16];
  return true;
}

uint32_t
arm_fpu_sysreg_read (ArmCpu *s, uint32_t off)
{
  switch (off) {
  case 0xd88: return s->cpacr;
  case 0xf34: return s->fpccr;
  case 0xf38: return s->fpcar;
  case 0xf3c: return s->fpdscr;
  case 0xf40: return 0x10110021u; /* MVFR0: single precision, 16 doublewords */
  case 0xf44: return 0x11000011u; /* MVFR1: FZ, DN, half-precision, FMA */
  default: return 0;
  }
}

void
arm_fpu_sysreg_write (ArmCpu *s, uint32_t off, uint32_t v)
{
  switch (off) {
  case 0xd88: s->cpacr = v & 0x00f00000u; break;
  case 0xf34: s->fpccr = (s->fpccr & ~0xc0000001u) | (v & 0xc0000001u); break;
  case 0xf38: s->fpcar = v & ~7u; break;
  case 0xf3c: s->fpdscr = v & FPSCR_DEFAULTS; break;
  default: break;
  }
}

/* ---- arithmetic ---- */

static MdlFpStatus
fp_status (const ArmCpu *s)
{
  static const uint8_t rmode[4] = { MDL_FP_RNE, MDL_FP_RUP, MDL_FP_RDN, MDL_FP_RTZ };
  MdlFpStatus st = {
    .round = rmode[(s->fpscr >> 22) & 3],
    .nan_mode = (s->fpscr & (1u << 25)) ? MDL_FP_NAN_CANONICAL : MDL_FP_NAN_PROPAGATE,
    .flush_to_zero = (s->fpscr >> 24) & 1,
    .tininess_before = true,
  };

  return st;
}

static void
fp_flags (ArmCpu *s, const MdlFpStatus *st)
{
  s->fpscr |= ((st->flags & MDL_FP_NV) ? 1u : 0) | ((st->flags & MDL_FP_DZ) ? 2u : 0)
              | ((st->flags & MDL_FP_OF) ? 4u : 0) | ((st->flags & MDL_FP_UF) ? 8u : 0)
              | ((st->flags & MDL_FP_NX) ? 16u : 0);
}

/* FPNeg: the sign bit flips, a NaN's too (VNMUL, VFMS and the others
 * negate before they compute, and a NaN operand propagates negated, as
 * on QEMU). */
static inline uint32_t
neg (uint32_t v)
{
  return v ^ 0x80000000u;
}

/* With FPSCR.FZ an operand that is subnormal is read as zero and raises
 * IDC (softfloat flushes it; the flag is Arm's own). */
static void
idc (ArmCpu *s, uint32_t x)
{
  if ((s->fpscr & (1u << 24)) && !(x & 0x7f800000u) && (x & 0x007fffffu))
    s->fpscr |= 1u << 7;
}

static uint32_t
vfp_undef (ArmCpu *s, uint64_t done, uint32_t pc)
{
  return arm_usage_fault (s, done, pc, ARM_CFSR_UNDEFINSTR);
}

/* VCMP and VCMPE: FPSCR.NZCV from the comparison. */
static void
vcmp (ArmCpu *s, MdlFpStatus *st, uint32_t a, uint32_t b, bool e)
{
  uint32_t nzcv;

  if (mdl_f32_is_nan (a) || mdl_f32_is_nan (b)) {
    if (e || mdl_f32_is_signaling_nan (a) || mdl_f32_is_signaling_nan (b))
      st->flags |= MDL_FP_NV;
    nzcv = 0x3;
  } else if (mdl_f32_eq (st, a, b))
    nzcv = 0x6;
  else if (mdl_f32_lt (st, a, b))
    nzcv = 0x8;
  else
    nzcv = 0x2;
  s->fpscr = (s->fpscr & 0x0fffffffu) | nzcv << 28;
}

/* 2^e as a single (e in -32..32: always a normal number). */
static uint32_t
pow2 (int e)
{
  return (uint32_t) (127 + e) << 23;
}

/* VCVT between single and fixed point in place: opc2 bit 2 says float
 * to fixed, bit 0 unsigned; sx a 32-bit (else 16-bit) fixed-point
 * value with size - imm5 fraction bits.  To fixed rounds toward zero
 * and saturates (NaN gives 0), both with IOC; from fixed rounds to
 * nearest.  Scaling by a power of two is exact here. */
static uint32_t
vcvt_fixed (ArmCpu *s, MdlFpStatus *st, uint32_t hw1, uint32_t hw2, uint32_t v)
{
  bool to_fixed = hw1 & 4, unsig = hw1 & 1;
  unsigned size = (hw2 & 0x80) ? 32 : 16;
  int frac = (int) size - (int) ((hw2 & 15) << 1 | ((hw2 >> 5) & 1));

  if (!to_fixed) {
    int64_t x = size == 32 ? (unsig ? (int64_t) v : (int64_t) (int32_t) v)
                           : (unsig ? (int64_t) (v & 0xffff) : (int64_t) (int16_t) v);
    uint8_t mode = st->round;
    uint32_t f;

    /* FixedToFP rounds to nearest whatever FPSCR says. */
    st->round = MDL_FP_RNE;
    f = mdl_f32_mul (st, mdl_i64_to_f32 (st, x), pow2 (-frac));
    st->round = mode;
    return f;
  }
  idc (s, v);
  if (mdl_f32_is_nan (v)) {
    st->flags |= MDL_FP_NV;
    return 0;
  } else {
    MdlFpStatus scale = *st;
    uint32_t scaled = mdl_f32_mul (&scale, v, pow2 (frac)); /* its flags do not count */
    int64_t lo = unsig ? 0 : -(INT64_C (1) << (size - 1));
    int64_t hi = unsig ? (INT64_C (1) << size) - 1 : (INT64_C (1) << (size - 1)) - 1;
    int64_t x = mdl_f32_to_i64 (st, scaled, MDL_FP_RTZ);

    if (x < lo || x > hi) {
      st->flags = (st->flags & ~MDL_FP_NX) | MDL_FP_NV;
      x = x < lo ? lo : hi;
    }
    return size == 32 ? (uint32_t) x
                      : (unsig ? (uint32_t) x & 0xffff : (uint32_t) (int32_t) (int16_t) x);
  }
}

uint32_t
arm_exec_vdp (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t hw1 = d->raw >> 16, hw2 = d->raw & 0xffff, next;
  unsigned opc1 = ((hw1 >> 5) & 4) | ((hw1 >> 4) & 3), op = (hw2 >> 6) & 1;
  unsigned vd = ((hw2 >> 12) & 15) << 1 | ((hw1 >> 6) & 1);
  unsigned vn = (hw1 & 15) << 1 | ((hw2 >> 7) & 1);
  unsigned vm = (hw2 & 15) << 1 | ((hw2 >> 5) & 1);
  uint32_t *r = s->sreg, a, b;
  MdlFpStatus st;

  if (hw2 & 0x100)
    return vfp_undef (s, done, pc); /* double precision */
  if (!fp_check (s, pc, done, &next))
    return next;
  st = fp_status (s);
  a = r[vn];
  b = r[vm];
  if (opc1 != 7) {
    idc (s, a);
    idc (s, b);
    if (opc1 <= 1 || opc1 >= 5)
      idc (s, r[vd]);
  }
  switch (opc1) {
  case 0: /* vmla, vmls */
    r[vd] = mdl_f32_add (&st, r[vd], op ? neg (mdl_f32_mul (&st, a, b)) : mdl_f32_mul (&st, a, b));
    break;
  case 1: /* vnmls, vnmla */
    r[vd] = mdl_f32_add (&st, neg (r[vd]),
                         op ? neg (mdl_f32_mul (&st, a, b)) : mdl_f32_mul (&st, a, b));
    break;
  case 2: /* vmul, vnmul */
    r[vd] = op ? neg (mdl_f32_mul (&st, a, b)) : mdl_f32_mul (&st, a, b);
    break;
  case 3: /* vadd, vsub */ r[vd] = op ? mdl_f32_sub (&st, a, b) : mdl_f32_add (&st, a, b); break;
  case 4: /* vdiv */
    if (op)
      return vfp_undef (s, done, pc);
    r[vd] = mdl_f32_div (&st, a, b);
    break;
  case 5: /* vfnms, vfnma */ r[vd] = mdl_f32_muladd (&st, op ? neg (a) : a, b, neg (r[vd])); break;
  case 6: /* vfma, vfms */ r[vd] = mdl_f32_muladd (&st, op ? neg (a) : a, b, r[vd]); break;
  default:
    if (!op) { /* vmov immediate: VFPExpandImm */
      uint32_t imm8 = (hw1 & 15) << 4 | (hw2 & 15);
      uint32_t exp = (imm8 & 0x40) ? 0x7c | ((imm8 >> 4) & 3) : 0x80 | ((imm8 >> 4) & 3);

      r[vd] = (imm8 >> 7) << 31 | exp << 23 | (imm8 & 15) << 19;
      break;
    }
    switch (hw1 & 15) {
    case 0: r[vd] = (hw2 & 0x80) ? b & 0x7fffffffu : b; break; /* vabs, vmov */
    case 1:
      if (hw2 & 0x80)
        idc (s, b);
      r[vd] = (hw2 & 0x80) ? mdl_f32_sqrt (&st, b) : neg (b);
      break;
    case 4:
      idc (s, r[vd]);
      idc (s, b);
      vcmp (s, &st, r[vd], b, hw2 & 0x80);
      break;
    case 5:
      if (hw2 & 0x2f)
        return vfp_undef (s, done, pc);
      idc (s, r[vd]);
      vcmp (s, &st, r[vd], 0, hw2 & 0x80);
      break;
    case 8: /* vcvt.f32.s32 / .u32 */
      r[vd] = (hw2 & 0x80) ? mdl_i32_to_f32 (&st, (int32_t) b) : mdl_u32_to_f32 (&st, b);
      break;
    case 12:
    case 13: { /* vcvt(r).u32 / .s32.f32 */
      MdlFpRound rm = (hw2 & 0x80) ? MDL_FP_RTZ : st.round;

      idc (s, b);
      if (mdl_f32_is_nan (b)) {
        st.flags |= MDL_FP_NV;
        r[vd] = 0;
      } else
        r[vd] = (hw1 & 1) ? (uint32_t) mdl_f32_to_i32 (&st, b, rm) : mdl_f32_to_u32 (&st, b, rm);
      break;
    }
    case 10:
    case 11:
    case 14:
    case 15: r[vd] = vcvt_fixed (s, &st, hw1, hw2, r[vd]); break;
    default: return vfp_undef (s, done, pc); /* half precision */
    }
    break;
  }
  fp_flags (s, &st);
  return pc + 4;
}

/* vmov between a core register and a single, vmrs, vmsr. */
uint32_t
arm_exec_vxfer (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t hw1 = d->raw >> 16, hw2 = d->raw & 0xffff, next;
  unsigned rt = (hw2 >> 12) & 15;

  if ((hw2 & 0x0f7f) != 0x0a10)
    return vfp_undef (s, done, pc); /* scalar moves: no doubleword arithmetic */
  if ((hw1 & 0xffe0) == 0xee00) {
    unsigned sn = (hw1 & 15) << 1 | ((hw2 >> 7) & 1);

    if (rt >= 13)
      return vfp_undef (s, done, pc);
    if (!fp_check (s, pc, done, &next))
      return next;
    if (hw1 & 0x10)
      s->r[rt] = s->sreg[sn];
    else
      s->sreg[sn] = s->r[rt];
    return pc + 4;
  }
  if (hw1 != 0xeee1 && hw1 != 0xeef1)
    return vfp_undef (s, done, pc);
  if (!fp_check (s, pc, done, &next))
    return next;
  if (hw1 == 0xeee1) /* vmsr fpscr, rt */
    s->fpscr = s->r[rt] & 0xf7c0009fu;
  else if (rt == 15) /* vmrs APSR_nzcv, fpscr */
    arm_set_apsr (s, (arm_apsr (s) & 0x0fffffffu) | (s->fpscr & 0xf0000000u));
  else
    s->r[rt] = s->fpscr;
  return pc + 4;
}

/* vmov between two core registers and two singles or a doubleword. */
uint32_t
arm_exec_vmov2 (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t hw1 = d->raw >> 16, hw2 = d->raw & 0xffff, next;
  unsigned rt = (hw2 >> 12) & 15, rt2 = hw1 & 15;
  unsigned m
    = (hw2 & 0x100) ? ((hw2 >> 5) & 1) << 4 | (hw2 & 15) : (hw2 & 15) << 1 | ((hw2 >> 5) & 1);
  unsigned sm = (hw2 & 0x100) ? 2 * m : m;

  if (rt >= 13 || rt2 >= 13 || sm >= 31 || ((hw1 & 0x10) && rt == rt2))
    return vfp_undef (s, done, pc);
  if (!fp_check (s, pc, done, &next))
    return next;
  if (hw1 & 0x10) {
    s->r[rt] = s->sreg[sm];
    s->r[rt2] = s->sreg[sm + 1];
  } else {
    s->sreg[sm] = s->r[rt];
    s->sreg[sm + 1] = s->r[rt2];
  }
  return pc + 4;
}

/* vldr, vstr, vldm, vstm (vpush and vpop among them). */
uint32_t
arm_exec_vldst (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t hw1 = d->raw >> 16, hw2 = d->raw & 0xffff, next, addr, base;
  bool p = hw1 & 0x100, u = hw1 & 0x80, w = hw1 & 0x20, load = hw1 & 0x10, dbl = hw2 & 0x100;
  unsigned rn = hw1 & 15, imm8 = hw2 & 0xff, dbit = (hw1 >> 6) & 1, vd = (hw2 >> 12) & 15;
  unsigned first = dbl ? 2 * (dbit << 4 | vd) : (vd << 1 | dbit), words;

  if (p && !w) { /* vldr, vstr */
    words = dbl ? 2 : 1;
    base = rn == 15 ? (pc + 4) & ~3u : s->r[rn];
    addr = u ? base + imm8 * 4 : base - imm8 * 4;
  } else {
    if (p == u || (p && !w) || rn == 15)
      return vfp_undef (s, done, pc);
    words = dbl ? imm8 & ~1u : imm8;
    base = s->r[rn];
    addr = p ? base - imm8 * 4 : base;
  }
  if (words == 0 || first + words > 32 || (dbl && dbit))
    return vfp_undef (s, done, pc);
  if (!fp_check (s, pc, done, &next))
    return next;
  for (unsigned i = 0; i < words; i++) {
    bool ok = load ? arm_mem_read (s, done, addr + 4 * i, 4, &s->sreg[first + i])
                   : arm_mem_write (s, done, addr + 4 * i, 4, s->sreg[first + i]);

    if (!ok)
      return arm_bus_fault (s, done, pc, addr + 4 * i);
  }
  if (!(p && !w) && w)
    s->r[rn] = u ? base + imm8 * 4 : base - imm8 * 4;
  return (pc + 4) | mdl_cpu_exit_requested (&s->cpu);
}
