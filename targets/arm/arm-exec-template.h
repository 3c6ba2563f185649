/* The executors of the common ArmOps, per instruction length.
 *
 * Included twice by arm-exec.c only, with
 *   ILEN              2 for 16-bit encodings, 4 for 32-bit ones
 *   ARM_FN(name)      the name of an executor of this instance
 *   ARM_DP_TABLE      [op][operand kind][setflags] data-processing table
 *   ARM_LS_TABLE      [op][addressing kind] load/store table
 *   ARM_BCOND_TABLE   [cond] conditional branch table
 *   ARM_EXEC_TABLE    [op] the others
 *   ARM_EXEC_TABLE_S  [op] the flag-setting forms of the others
 * and #undefs them at its end.  No #if here: what differs between the
 * instances is the constant ILEN, so that the next pc is pc + a constant.
 *
 * Every executor has the ArmExecFn signature: it runs the decoded
 * instruction @d at @pc and returns the next pc (see arm-exec.c).
 * Registers named 15 read the scratch slot r[15], which arm_exec_pc_wrap
 * fills with pc + 4 when an instruction reads it.
 */

#define RD   (s->r[d->rd])
#define RN   (s->r[d->rn])
#define RM   (s->r[d->rm])
#define RA   (s->r[d->ra])
#define NEXT (pc + ILEN)

#define EXEC(name)                                                                                 \
  static uint32_t ARM_FN (name) (ArmCpu * s, const ArmInsn *d, uint32_t pc, uint64_t done)

/* ---- data processing ----
 *
 * Six executors per operation: immediate, register and shifted register
 * operand, each without and with flags.  WRITE is 0 for the compares.
 */

#define DP_LOGIC(NAME, EXPR, WRITE)                                                                \
  EXEC (NAME##_imm)                                                                                \
  {                                                                                                \
    uint32_t a = RN, b = d->imm, r = (EXPR);                                                       \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_imm_s)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = d->imm, r = (EXPR);                                                       \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    s->nf = s->zf = r;                                                                             \
    if (d->carry)                                                                                  \
      s->cf = d->carry - 1;                                                                        \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_reg)                                                                                \
  {                                                                                                \
    uint32_t a = RN, b = RM, r = (EXPR);                                                           \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_reg_s)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = RM, r = (EXPR);                                                           \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    s->nf = s->zf = r;                                                                             \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_shift)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = arm_shift (RM, d->shift_type, d->shift_n, s->cf);                         \
    uint32_t r = (EXPR);                                                                           \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_shift_s)                                                                            \
  {                                                                                                \
    uint32_t c, a = RN;                                                                            \
    uint32_t b = arm_shift_c (RM, d->shift_type, d->shift_n, s->cf, &c);                           \
    uint32_t r = (EXPR);                                                                           \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    s->nf = s->zf = r;                                                                             \
    s->cf = c;                                                                                     \
    return NEXT;                                                                                   \
  }

DP_LOGIC (and, a &b, 1)
DP_LOGIC (eor, a ^ b, 1)
DP_LOGIC (orr, a | b, 1)
DP_LOGIC (orn, a | ~b, 1)
DP_LOGIC (bic, a & ~b, 1)
DP_LOGIC (mov, ((void) a, b), 1)
DP_LOGIC (mvn, ((void) a, ~b), 1)
DP_LOGIC (tst, a &b, 0)
DP_LOGIC (teq, a ^ b, 0)
#undef DP_LOGIC

/* Arithmetic: X and Y are the addends and CIN the carry in of the one
 * addition each operation is (a - b = a + ~b + 1). */
#define DP_ARITH(NAME, X, Y, CIN, WRITE)                                                           \
  EXEC (NAME##_imm)                                                                                \
  {                                                                                                \
    uint32_t a = RN, b = d->imm, r = (X) + (Y) + (CIN);                                            \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_imm_s)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = d->imm, r = arm_add_flags (s, X, Y, CIN);                                 \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_reg)                                                                                \
  {                                                                                                \
    uint32_t a = RN, b = RM, r = (X) + (Y) + (CIN);                                                \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_reg_s)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = RM, r = arm_add_flags (s, X, Y, CIN);                                     \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_shift)                                                                              \
  {                                                                                                \
    uint32_t a = RN, b = arm_shift (RM, d->shift_type, d->shift_n, s->cf);                         \
    uint32_t r = (X) + (Y) + (CIN);                                                                \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_shift_s)                                                                            \
  {                                                                                                \
    uint32_t a = RN, b = arm_shift (RM, d->shift_type, d->shift_n, s->cf);                         \
    uint32_t r = arm_add_flags (s, X, Y, CIN);                                                     \
    if (WRITE)                                                                                     \
      RD = r;                                                                                      \
    return NEXT;                                                                                   \
  }

DP_ARITH (add, a, b, 0, 1)
DP_ARITH (adc, a, b, s->cf, 1)
DP_ARITH (sub, a, ~b, 1, 1)
DP_ARITH (sbc, a, ~b, s->cf, 1)
DP_ARITH (rsb, b, ~a, 1, 1)
DP_ARITH (cmp, a, ~b, 1, 0)
DP_ARITH (cmn, a, b, 0, 0)
#undef DP_ARITH

#define DP_ROW(name)                                                                               \
  {                                                                                                \
    { NULL, NULL }, { ARM_FN (name##_imm), ARM_FN (name##_imm_s) },                                \
      { ARM_FN (name##_reg), ARM_FN (name##_reg_s) },                                              \
    {                                                                                              \
      ARM_FN (name##_shift), ARM_FN (name##_shift_s)                                               \
    }                                                                                              \
  }

/* Indexed by op - ARM_DP_FIRST, then ArmKind (NONE, IMM, REG, SHIFT). */
/* clang-format off */
static const ArmExecFn ARM_DP_TABLE[ARM_DP_COUNT][ARM_K_COUNT_DP][2] = {
  DP_ROW (and), DP_ROW (eor), DP_ROW (orr), DP_ROW (orn), DP_ROW (bic),
  DP_ROW (mov), DP_ROW (mvn), DP_ROW (add), DP_ROW (adc), DP_ROW (sub),
  DP_ROW (sbc), DP_ROW (rsb), DP_ROW (tst), DP_ROW (teq), DP_ROW (cmp),
  DP_ROW (cmn),
};
/* clang-format on */
#undef DP_ROW

/* Shifts by a register: the amount is the bottom byte of Rm. */
#define SHIFT_R(NAME, TYPE)                                                                        \
  EXEC (NAME)                                                                                      \
  {                                                                                                \
    RD = arm_shift (RN, TYPE, RM & 0xff, s->cf);                                                   \
    return NEXT;                                                                                   \
  }                                                                                                \
  EXEC (NAME##_s)                                                                                  \
  {                                                                                                \
    uint32_t c, r = arm_shift_c (RN, TYPE, RM & 0xff, s->cf, &c);                                  \
    RD = r;                                                                                        \
    s->nf = s->zf = r;                                                                             \
    s->cf = c;                                                                                     \
    return NEXT;                                                                                   \
  }
SHIFT_R (lsl_r, ARM_SHIFT_LSL)
SHIFT_R (lsr_r, ARM_SHIFT_LSR)
SHIFT_R (asr_r, ARM_SHIFT_ASR)
SHIFT_R (ror_r, ARM_SHIFT_ROR)
#undef SHIFT_R

EXEC (adr)
{
  RD = (pc & ~3u) + 4 + d->imm;
  return NEXT;
}
EXEC (movt)
{
  RD = (RD & 0xffff) | d->imm << 16;
  return NEXT;
}

/* ---- multiply and divide ---- */

EXEC (mul)
{
  RD = RN * RM;
  return NEXT;
}
EXEC (mul_s)
{
  uint32_t r = RN * RM;
  RD = r;
  s->nf = s->zf = r;
  return NEXT;
}
EXEC (mla)
{
  RD = RN * RM + RA;
  return NEXT;
}
EXEC (mls)
{
  RD = RA - RN * RM;
  return NEXT;
}

EXEC (umull)
{
  uint64_t r = (uint64_t) RN * RM;

  RD = (uint32_t) r;
  RA = (uint32_t) (r >> 32);
  return NEXT;
}

EXEC (smull)
{
  int64_t r = (int64_t) (int32_t) RN * (int32_t) RM;

  RD = (uint32_t) r;
  RA = (uint32_t) ((uint64_t) r >> 32);
  return NEXT;
}

EXEC (umlal)
{
  uint64_t r = (uint64_t) RN * RM + ((uint64_t) RA << 32 | RD);

  RD = (uint32_t) r;
  RA = (uint32_t) (r >> 32);
  return NEXT;
}

EXEC (smlal)
{
  uint64_t r = (uint64_t) ((int64_t) (int32_t) RN * (int32_t) RM) + ((uint64_t) RA << 32 | RD);

  RD = (uint32_t) r;
  RA = (uint32_t) (r >> 32);
  return NEXT;
}

/* Division by zero gives 0 unless CCR.DIV_0_TRP asks for a UsageFault;
 * INT_MIN / -1 gives INT_MIN. */
EXEC (sdiv)
{
  int32_t n = (int32_t) RN, m = (int32_t) RM;

  if (m == 0) {
    if (s->ccr & ARM_CCR_DIV_0_TRP)
      return arm_usage_fault (s, done, pc, ARM_CFSR_DIVBYZERO);
    RD = 0;
  } else if (n == INT32_MIN && m == -1)
    RD = (uint32_t) n;
  else
    RD = (uint32_t) (n / m);
  return NEXT;
}

EXEC (udiv)
{
  uint32_t m = RM;

  if (m == 0) {
    if (s->ccr & ARM_CCR_DIV_0_TRP)
      return arm_usage_fault (s, done, pc, ARM_CFSR_DIVBYZERO);
    RD = 0;
  } else
    RD = RN / m;
  return NEXT;
}

/* ---- bit fields, bytes, extends, saturation ---- */

EXEC (bfi)
{
  uint32_t mask = arm_mask (d->imm) << d->shift_n;

  RD = (RD & ~mask) | ((RN << d->shift_n) & mask);
  return NEXT;
}

EXEC (bfc)
{
  RD &= ~(arm_mask (d->imm) << d->shift_n);
  return NEXT;
}
EXEC (ubfx)
{
  RD = (RN >> d->shift_n) & arm_mask (d->imm);
  return NEXT;
}

EXEC (sbfx)
{
  uint32_t v = RN << (32 - d->shift_n - d->imm);

  RD = (uint32_t) ((int32_t) v >> (32 - d->imm));
  return NEXT;
}

EXEC (clz)
{
  RD = RM ? (uint32_t) __builtin_clz (RM) : 32;
  return NEXT;
}
EXEC (rbit)
{
  RD = arm_rbit (RM);
  return NEXT;
}
EXEC (rev)
{
  RD = __builtin_bswap32 (RM);
  return NEXT;
}
EXEC (rev16)
{
  uint32_t v = RM;
  RD = (v & 0xff00ff00u) >> 8 | (v & 0x00ff00ffu) << 8;
  return NEXT;
}
EXEC (revsh)
{
  RD = (uint32_t) (int32_t) (int16_t) __builtin_bswap16 ((uint16_t) RM);
  return NEXT;
}

/* The 32-bit forms rotate the source right by shift_n bits first. */
#define ROT(v) (d->shift_n ? ((v) >> d->shift_n | (v) << (32 - d->shift_n)) : (v))
EXEC (sxtb)
{
  uint32_t v = RM;
  RD = (uint32_t) (int32_t) (int8_t) ROT (v);
  return NEXT;
}
EXEC (sxth)
{
  uint32_t v = RM;
  RD = (uint32_t) (int32_t) (int16_t) ROT (v);
  return NEXT;
}
EXEC (uxtb)
{
  uint32_t v = RM;
  RD = (uint8_t) ROT (v);
  return NEXT;
}
EXEC (uxth)
{
  uint32_t v = RM;
  RD = (uint16_t) ROT (v);
  return NEXT;
}
#undef ROT

EXEC (ssat)
{
  int64_t v = (int32_t) arm_shift (RN, d->shift_type, d->shift_n, s->cf);
  int64_t max = (INT64_C (1) << d->imm) - 1, min = -(INT64_C (1) << d->imm);

  if (v > max || v < min) {
    v = v > max ? max : min;
    s->qf = 1;
  }
  RD = (uint32_t) v;
  return NEXT;
}

EXEC (usat)
{
  int64_t v = (int32_t) arm_shift (RN, d->shift_type, d->shift_n, s->cf);
  int64_t max = (INT64_C (1) << d->imm) - 1;

  if (v > max || v < 0) {
    v = v > max ? max : 0;
    s->qf = 1;
  }
  RD = (uint32_t) v;
  return NEXT;
}

/* ---- loads and stores ----
 *
 * The fast path is one compare against the cached RAM window (and, on
 * ARMv6-M or with CCR.UNALIGN_TRP, an alignment test); anything else goes
 * through arm_load_slow / arm_store_slow, which reach devices and the
 * system control space and report faults.
 */

#define ADDR_OFF_IMM (RN + d->imm)
#define ADDR_OFF_REG (RN + (RM << d->shift_n))
#define ADDR_LIT     ((pc & ~3u) + 4 + d->imm)
#define ADDR_PUW     (d->index ? RN + d->imm : RN)

#define LOAD(NAME, TYPE, SIGN, KIND, ADDR, WB)                                                     \
  EXEC (NAME##_##KIND)                                                                             \
  {                                                                                                \
    uint32_t addr = (ADDR), off = addr - s->ld_base;                                               \
    if (G_LIKELY (off < s->ld_limit && !(addr & (sizeof (TYPE) - 1) & s->align_mask))) {           \
      TYPE t;                                                                                      \
      memcpy (&t, s->ld_host + off, sizeof t);                                                     \
      if (WB)                                                                                      \
        RN += d->imm;                                                                              \
      RD = (uint32_t) t;                                                                           \
      return NEXT;                                                                                 \
    }                                                                                              \
    return arm_load_tail (s, d, pc, done, addr, ARM_LS_FLAGS (ILEN, sizeof (TYPE), SIGN, WB));     \
  }

#define STORE(NAME, TYPE, KIND, ADDR, WB)                                                          \
  EXEC (NAME##_##KIND)                                                                             \
  {                                                                                                \
    uint32_t addr = (ADDR), off = addr - s->st_base;                                               \
    if (G_LIKELY (off < s->st_limit && !(addr & (sizeof (TYPE) - 1) & s->align_mask))) {           \
      TYPE v = (TYPE) RD;                                                                          \
      memcpy (s->st_host + off, &v, sizeof v);                                                     \
      if (WB)                                                                                      \
        RN += d->imm;                                                                              \
      return NEXT;                                                                                 \
    }                                                                                              \
    return arm_store_tail (s, d, pc, done, addr, ARM_LS_FLAGS (ILEN, sizeof (TYPE), 0, WB));       \
  }

/* Literal pools sit among the code: the fetch window holds them, and the
 * load window stays on the data the program works on. */
#define LOAD_LIT(NAME, TYPE, SIGN)                                                                 \
  EXEC (NAME##_lit)                                                                                \
  {                                                                                                \
    uint32_t addr = ADDR_LIT, off = addr - s->lit_base;                                            \
    if (G_LIKELY (off < s->lit_limit && !(addr & (sizeof (TYPE) - 1) & s->align_mask))) {          \
      TYPE t;                                                                                      \
      memcpy (&t, s->fetch_win.host + off, sizeof t);                                              \
      RD = (uint32_t) t;                                                                           \
      return NEXT;                                                                                 \
    }                                                                                              \
    return arm_load_tail (s, d, pc, done, addr, ARM_LS_FLAGS (ILEN, sizeof (TYPE), SIGN, 0));      \
  }

#define LOADS(NAME, TYPE, SIGN)                                                                    \
  LOAD (NAME, TYPE, SIGN, off_imm, ADDR_OFF_IMM, 0)                                                \
  LOAD (NAME, TYPE, SIGN, off_reg, ADDR_OFF_REG, 0)                                                \
  LOAD (NAME, TYPE, SIGN, puw, ADDR_PUW, 1)                                                        \
  LOAD_LIT (NAME, TYPE, SIGN)
#define STORES(NAME, TYPE)                                                                         \
  STORE (NAME, TYPE, off_imm, ADDR_OFF_IMM, 0)                                                     \
  STORE (NAME, TYPE, off_reg, ADDR_OFF_REG, 0)                                                     \
  STORE (NAME, TYPE, puw, ADDR_PUW, 1)                                                             \
  STORE (NAME, TYPE, lit, ADDR_LIT, 0)

LOADS (ldr, uint32_t, false)
LOADS (ldrb, uint8_t, false)
LOADS (ldrh, uint16_t, false)
LOADS (ldrsb, int8_t, true)
LOADS (ldrsh, int16_t, true)
STORES (str, uint32_t)
STORES (strb, uint8_t)
STORES (strh, uint16_t)
#undef LOADS
#undef STORES
#undef LOAD
#undef STORE

#define LS_ROW(name)                                                                               \
  {                                                                                                \
    ARM_FN (name##_off_imm), ARM_FN (name##_off_reg), ARM_FN (name##_puw), ARM_FN (name##_lit)     \
  }

/* Indexed by op - ARM_LS_FIRST, then ArmKind (OFF_IMM, OFF_REG, PUW, LIT). */
/* clang-format off */
static const ArmExecFn ARM_LS_TABLE[ARM_LS_COUNT][ARM_K_COUNT_LS] = {
  LS_ROW (ldr), LS_ROW (ldrb), LS_ROW (ldrh), LS_ROW (ldrsb), LS_ROW (ldrsh),
  LS_ROW (str), LS_ROW (strb), LS_ROW (strh),
};
/* clang-format on */
#undef LS_ROW

/* LDRD and STRD: word-aligned, two words; [pc, #imm] for a literal. */
EXEC (ldrd)
{
  uint32_t base = d->rn == 15 ? (pc & ~3u) + 4 : RN;
  uint32_t addr = d->index ? base + d->imm : base, lo, hi;
  ArmAccess why;

  if (addr & 3)
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  if ((why = arm_read_word (s, done, addr, &lo)) != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr, why);
  if ((why = arm_read_word (s, done, addr + 4, &hi)) != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr + 4, why);
  if (d->wback)
    RN = base + d->imm;
  RD = lo;
  RA = hi;
  return NEXT | mdl_cpu_exit_requested (&s->cpu);
}

EXEC (strd)
{
  uint32_t addr = d->index ? RN + d->imm : RN;
  ArmAccess why;

  if (addr & 3)
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  if ((why = arm_write_word (s, done, addr, RD)) != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr, why);
  if ((why = arm_write_word (s, done, addr + 4, RA)) != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr + 4, why);
  if (d->wback)
    RN += d->imm;
  return NEXT | mdl_cpu_exit_requested (&s->cpu);
}

/* ---- load and store multiple ----
 *
 * The list is in d->imm.  Increment-after starts at the base, decrement-
 * before at base - 4 * count; registers go in ascending order either way.
 * A fault leaves the base unchanged.
 */

static inline uint32_t
ARM_FN (ldm_common) (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, uint32_t addr,
                     uint32_t new_base)
{
  uint32_t list = d->imm, vals[16];
  ArmAccess why;

  if (addr & 3)
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  for (unsigned i = 0, a = addr; i < 16; i++)
    if (list >> i & 1) {
      if ((why = arm_read_word (s, done, a, &vals[i])) != ARM_ACC_OK)
        return arm_access_fault (s, done, pc, a, why);
      a += 4;
    }
  if (d->wback)
    RN = new_base;
  for (unsigned i = 0; i < 15; i++)
    if (list >> i & 1)
      s->r[i] = vals[i];
  if (list >> 15)
    return arm_bx_write_pc (s, done, pc, vals[15]);
  return NEXT | mdl_cpu_exit_requested (&s->cpu);
}

static inline uint32_t
ARM_FN (stm_common) (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, uint32_t addr,
                     uint32_t new_base)
{
  uint32_t list = d->imm;
  ArmAccess why;

  if (addr & 3)
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  for (unsigned i = 0, a = addr; i < 16; i++)
    if (list >> i & 1) {
      if ((why = arm_write_word (s, done, a, s->r[i])) != ARM_ACC_OK)
        return arm_access_fault (s, done, pc, a, why);
      a += 4;
    }
  if (d->wback)
    RN = new_base;
  return NEXT | mdl_cpu_exit_requested (&s->cpu);
}

EXEC (ldm)
{
  uint32_t n = 4 * (uint32_t) __builtin_popcount (d->imm);

  return ARM_FN (ldm_common) (s, d, pc, done, RN, RN + n);
}

EXEC (ldmdb)
{
  uint32_t n = 4 * (uint32_t) __builtin_popcount (d->imm);

  return ARM_FN (ldm_common) (s, d, pc, done, RN - n, RN - n);
}

EXEC (stm)
{
  uint32_t n = 4 * (uint32_t) __builtin_popcount (d->imm);

  return ARM_FN (stm_common) (s, d, pc, done, RN, RN + n);
}

EXEC (stmdb)
{
  uint32_t n = 4 * (uint32_t) __builtin_popcount (d->imm);

  return ARM_FN (stm_common) (s, d, pc, done, RN - n, RN - n);
}

/* ---- branches ---- */

EXEC (b)
{
  return arm_jump (s, pc + 4 + d->imm);
}
EXEC (bl)
{
  s->r[14] = NEXT | 1;
  return arm_jump (s, pc + 4 + d->imm);
}
EXEC (bx)
{
  return arm_bx_write_pc (s, done, pc, RM);
}

EXEC (blx)
{
  uint32_t target = RM;

  s->r[14] = NEXT | 1;
  if (!(target & 1))
    return arm_usage_fault (s, done, target & ~1u, ARM_CFSR_INVSTATE);
  return arm_jump (s, target & ~1u);
}

EXEC (cbz)
{
  return RN == 0 ? arm_jump (s, pc + 4 + d->imm) : NEXT;
}
EXEC (cbnz)
{
  return RN != 0 ? arm_jump (s, pc + 4 + d->imm) : NEXT;
}

/* A table branch: the base may be the pc (then r[15] holds pc + 4). */
static inline uint32_t
ARM_FN (table_branch) (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, unsigned size)
{
  uint32_t addr = RN + RM * size, off = addr - s->ld_base, v;

  if (G_LIKELY (off < s->ld_limit && !(addr & (size - 1) & s->align_mask))) {
    if (size == 1)
      v = s->ld_host[off];
    else {
      uint16_t h;

      memcpy (&h, s->ld_host + off, 2);
      v = h;
    }
  } else {
    ArmAccess why = arm_load_slow (s, done, addr, size, false, &v);

    if (why != ARM_ACC_OK)
      return arm_access_fault (s, done, pc, addr, why);
  }
  return arm_jump (s, pc + 4 + 2 * v);
}

EXEC (tbb)
{
  return ARM_FN (table_branch) (s, d, pc, done, 1);
}
EXEC (tbh)
{
  return ARM_FN (table_branch) (s, d, pc, done, 2);
}

#define BCOND(NAME, COND)                                                                          \
  EXEC (b##NAME)                                                                                   \
  {                                                                                                \
    return (COND) ? arm_jump (s, pc + 4 + d->imm) : NEXT;                                          \
  }
BCOND (eq, s->zf == 0)
BCOND (ne, s->zf != 0)
BCOND (cs, s->cf)
BCOND (cc, !s->cf)
BCOND (mi, s->nf >> 31)
BCOND (pl, !(s->nf >> 31))
BCOND (vs, s->vf >> 31)
BCOND (vc, !(s->vf >> 31))
BCOND (hi, s->cf && s->zf != 0)
BCOND (ls, !s->cf || s->zf == 0)
BCOND (ge, (s->nf ^ s->vf) >> 31 == 0)
BCOND (lt, (s->nf ^ s->vf) >> 31 != 0)
BCOND (gt, (s->nf ^ s->vf) >> 31 == 0 && s->zf != 0)
BCOND (le, (s->nf ^ s->vf) >> 31 != 0 || s->zf == 0)
#undef BCOND

/* clang-format off */
static const ArmExecFn ARM_BCOND_TABLE[16] = {
  ARM_FN (beq), ARM_FN (bne), ARM_FN (bcs), ARM_FN (bcc),
  ARM_FN (bmi), ARM_FN (bpl), ARM_FN (bvs), ARM_FN (bvc),
  ARM_FN (bhi), ARM_FN (bls), ARM_FN (bge), ARM_FN (blt),
  ARM_FN (bgt), ARM_FN (ble), ARM_FN (b), ARM_FN (b),
};
/* clang-format on */

/* ---- the rest ---- */

EXEC (nop)
{
  return NEXT;
}

/* clang-format off */
static const ArmExecFn ARM_EXEC_TABLE[ARM_OP_COUNT] = {
  [ARM_OP_LSL_R] = ARM_FN (lsl_r), [ARM_OP_LSR_R] = ARM_FN (lsr_r),
  [ARM_OP_ASR_R] = ARM_FN (asr_r), [ARM_OP_ROR_R] = ARM_FN (ror_r),
  [ARM_OP_ADR] = ARM_FN (adr), [ARM_OP_MOVT] = ARM_FN (movt),
  [ARM_OP_MUL] = ARM_FN (mul), [ARM_OP_MLA] = ARM_FN (mla),
  [ARM_OP_MLS] = ARM_FN (mls), [ARM_OP_UMULL] = ARM_FN (umull),
  [ARM_OP_SMULL] = ARM_FN (smull), [ARM_OP_UMLAL] = ARM_FN (umlal),
  [ARM_OP_SMLAL] = ARM_FN (smlal), [ARM_OP_SDIV] = ARM_FN (sdiv),
  [ARM_OP_UDIV] = ARM_FN (udiv),
  [ARM_OP_LDRD] = ARM_FN (ldrd), [ARM_OP_STRD] = ARM_FN (strd),
  [ARM_OP_LDM] = ARM_FN (ldm), [ARM_OP_LDMDB] = ARM_FN (ldmdb),
  [ARM_OP_STM] = ARM_FN (stm), [ARM_OP_STMDB] = ARM_FN (stmdb),
  [ARM_OP_PLD] = ARM_FN (nop),
  [ARM_OP_BFI] = ARM_FN (bfi), [ARM_OP_BFC] = ARM_FN (bfc),
  [ARM_OP_UBFX] = ARM_FN (ubfx), [ARM_OP_SBFX] = ARM_FN (sbfx),
  [ARM_OP_CLZ] = ARM_FN (clz), [ARM_OP_RBIT] = ARM_FN (rbit),
  [ARM_OP_REV] = ARM_FN (rev), [ARM_OP_REV16] = ARM_FN (rev16),
  [ARM_OP_REVSH] = ARM_FN (revsh),
  [ARM_OP_SXTB] = ARM_FN (sxtb), [ARM_OP_SXTH] = ARM_FN (sxth),
  [ARM_OP_UXTB] = ARM_FN (uxtb), [ARM_OP_UXTH] = ARM_FN (uxth),
  [ARM_OP_SSAT] = ARM_FN (ssat), [ARM_OP_USAT] = ARM_FN (usat),
  [ARM_OP_B] = ARM_FN (b), [ARM_OP_BL] = ARM_FN (bl),
  [ARM_OP_BX] = ARM_FN (bx), [ARM_OP_BLX] = ARM_FN (blx),
  [ARM_OP_CBZ] = ARM_FN (cbz), [ARM_OP_CBNZ] = ARM_FN (cbnz),
  [ARM_OP_TBB] = ARM_FN (tbb), [ARM_OP_TBH] = ARM_FN (tbh),
  [ARM_OP_NOP] = ARM_FN (nop), [ARM_OP_YIELD] = ARM_FN (nop),
  [ARM_OP_BARRIER] = ARM_FN (nop),
};
/* clang-format on */

/* clang-format off */
static const ArmExecFn ARM_EXEC_TABLE_S[ARM_OP_COUNT] = {
  [ARM_OP_LSL_R] = ARM_FN (lsl_r_s), [ARM_OP_LSR_R] = ARM_FN (lsr_r_s),
  [ARM_OP_ASR_R] = ARM_FN (asr_r_s), [ARM_OP_ROR_R] = ARM_FN (ror_r_s),
  [ARM_OP_MUL] = ARM_FN (mul_s),
};
/* clang-format on */

#undef RD
#undef RN
#undef RM
#undef RA
#undef NEXT
#undef EXEC
#undef ADDR_OFF_IMM
#undef ADDR_OFF_REG
#undef ADDR_LIT
#undef LOAD_LIT
#undef ADDR_PUW
#undef ILEN
#undef ARM_FN
#undef ARM_DP_TABLE
#undef ARM_LS_TABLE
#undef ARM_BCOND_TABLE
#undef ARM_EXEC_TABLE
#undef ARM_EXEC_TABLE_S
