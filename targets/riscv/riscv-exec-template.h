/* The per-XLEN executors of the RISC-V target.
 *
 * Included twice by riscv-exec.c only, once per register width, with
 *   XLEN          32 or 64
 *   UXLEN, SXLEN  the unsigned and signed register types
 *   UDXLEN, SDXLEN types twice as wide (the high halves of multiplies)
 *   ILEN          the instruction length: 4, or 2 for compressed ones
 *   RV_FN(name)   the name of an executor of this instance
 *   RV_EXEC_TABLE the name of this instance's executor table
 * and #undefs them at its end.  No #if here: what differs between the
 * instances is these types and constants.
 *
 * Every executor has the RvExecFn signature: it runs the decoded
 * instruction @d at @pc and returns the next pc (see riscv-exec.c).
 */

/* The operands, read as XLEN-bit values (registers are stored zero-
 * extended to 64 bits, so the cast only tells the compiler the width). */
#define RS1       ((UXLEN) s->x[d->rs1])
#define RS2       ((UXLEN) s->x[d->rs2])
#define IMM       ((SXLEN) d->imm)
/* Writes rd, truncated to XLEN (x0 is never written: see RV_REG_SINK). */
#define SET_RD(v) (s->x[d->rd] = (UXLEN) (v))
/* The pc of the next instruction. */
#define NEXT      ((UXLEN) (pc + ILEN))
/* The effective address of a load or store. */
#define EA        ((UXLEN) (RS1 + IMM))

#define EXEC(name) \
  static uint64_t RV_FN (name) (RvCpu *s, const RvInsn *d, uint64_t pc, \
                                uint64_t done)

/* ---- upper immediates, jumps, branches ---- */

EXEC (lui)   { SET_RD (IMM); return NEXT; }
EXEC (auipc) { SET_RD (pc + IMM); return NEXT; }

EXEC (jal)
{
  uint64_t target = (UXLEN) (pc + IMM);

  SET_RD (NEXT);
  return rv_jump (s, target);
}

EXEC (jalr)
{
  /* The target is computed before rd is written: rd may be rs1. */
  uint64_t target = (UXLEN) (RS1 + IMM) & ~(UXLEN) 1;

  SET_RD (NEXT);
  return rv_jump (s, target);
}

#define BRANCH(name, cond) \
  EXEC (name) { return (cond) ? rv_jump (s, (UXLEN) (pc + IMM)) : NEXT; }
BRANCH (beq,  RS1 == RS2)
BRANCH (bne,  RS1 != RS2)
BRANCH (blt,  (SXLEN) RS1 <  (SXLEN) RS2)
BRANCH (bge,  (SXLEN) RS1 >= (SXLEN) RS2)
BRANCH (bltu, RS1 <  RS2)
BRANCH (bgeu, RS1 >= RS2)
#undef BRANCH

/* ---- loads and stores ----
 *
 * The fast path is one compare against the cached RAM window; anything
 * else (another RAM region, ROM, a device, a fault) goes through
 * rv_load_slow / rv_store_slow.  Misaligned addresses are fine in RAM.
 */

#define LOAD(name, type, sign) \
  EXEC (name) \
  { \
    uint64_t addr = EA; \
    uint64_t off = addr - s->ld_base; \
    type v; \
    if (G_LIKELY (off < s->ld_limit)) \
      { \
        memcpy (&v, s->ld_host + off, sizeof v); \
        SET_RD ((SXLEN) v); \
        return NEXT; \
      } \
    return rv_load_slow (s, d, pc, done, addr, sizeof v, sign); \
  }
LOAD (lb,  int8_t,   true)
LOAD (lh,  int16_t,  true)
LOAD (lw,  int32_t,  true)
LOAD (ld,  int64_t,  true)
LOAD (lbu, uint8_t,  false)
LOAD (lhu, uint16_t, false)
LOAD (lwu, uint32_t, false)
#undef LOAD

#define STORE(name, type) \
  EXEC (name) \
  { \
    uint64_t addr = EA; \
    uint64_t off = addr - s->st_base; \
    type v = (type) RS2; \
    if (G_LIKELY (off < s->st_limit)) \
      { \
        memcpy (s->st_host + off, &v, sizeof v); \
        return NEXT; \
      } \
    return rv_store_slow (s, d, pc, done, addr, sizeof v, v); \
  }
STORE (sb, uint8_t)
STORE (sh, uint16_t)
STORE (sw, uint32_t)
STORE (sd, uint64_t)
#undef STORE

/* ---- integer computation ---- */

#define SHAMT(v) ((v) & (XLEN - 1))

EXEC (addi)  { SET_RD (RS1 + IMM); return NEXT; }
EXEC (slti)  { SET_RD ((SXLEN) RS1 < IMM); return NEXT; }
EXEC (sltiu) { SET_RD (RS1 < (UXLEN) IMM); return NEXT; }
EXEC (xori)  { SET_RD (RS1 ^ IMM); return NEXT; }
EXEC (ori)   { SET_RD (RS1 | IMM); return NEXT; }
EXEC (andi)  { SET_RD (RS1 & IMM); return NEXT; }
EXEC (slli)  { SET_RD (RS1 << SHAMT (d->imm)); return NEXT; }
EXEC (srli)  { SET_RD (RS1 >> SHAMT (d->imm)); return NEXT; }
EXEC (srai)  { SET_RD ((SXLEN) RS1 >> SHAMT (d->imm)); return NEXT; }

EXEC (add)   { SET_RD (RS1 + RS2); return NEXT; }
EXEC (sub)   { SET_RD (RS1 - RS2); return NEXT; }
EXEC (sll)   { SET_RD (RS1 << SHAMT (RS2)); return NEXT; }
EXEC (slt)   { SET_RD ((SXLEN) RS1 < (SXLEN) RS2); return NEXT; }
EXEC (sltu)  { SET_RD (RS1 < RS2); return NEXT; }
EXEC (xor)   { SET_RD (RS1 ^ RS2); return NEXT; }
EXEC (srl)   { SET_RD (RS1 >> SHAMT (RS2)); return NEXT; }
EXEC (sra)   { SET_RD ((SXLEN) RS1 >> SHAMT (RS2)); return NEXT; }
EXEC (or)    { SET_RD (RS1 | RS2); return NEXT; }
EXEC (and)   { SET_RD (RS1 & RS2); return NEXT; }

/* RV64 only (the decoder never selects them on RV32): 32-bit operations
 * whose result is sign-extended. */
#define SET_RD_W(v) SET_RD ((SXLEN) (int32_t) (uint32_t) (v))
EXEC (addiw) { SET_RD_W (RS1 + IMM); return NEXT; }
EXEC (slliw) { SET_RD_W ((uint32_t) RS1 << (d->imm & 31)); return NEXT; }
EXEC (srliw) { SET_RD_W ((uint32_t) RS1 >> (d->imm & 31)); return NEXT; }
EXEC (sraiw) { SET_RD_W ((int32_t) RS1 >> (d->imm & 31)); return NEXT; }
EXEC (addw)  { SET_RD_W (RS1 + RS2); return NEXT; }
EXEC (subw)  { SET_RD_W (RS1 - RS2); return NEXT; }
EXEC (sllw)  { SET_RD_W ((uint32_t) RS1 << (RS2 & 31)); return NEXT; }
EXEC (srlw)  { SET_RD_W ((uint32_t) RS1 >> (RS2 & 31)); return NEXT; }
EXEC (sraw)  { SET_RD_W ((int32_t) RS1 >> (RS2 & 31)); return NEXT; }

/* ---- M ---- */

EXEC (mul)    { SET_RD (RS1 * RS2); return NEXT; }
EXEC (mulh)   { SET_RD ((SDXLEN) (SXLEN) RS1 * (SDXLEN) (SXLEN) RS2 >> XLEN); return NEXT; }
EXEC (mulhsu) { SET_RD ((SDXLEN) (SXLEN) RS1 * (SDXLEN) RS2 >> XLEN); return NEXT; }
EXEC (mulhu)  { SET_RD ((UDXLEN) RS1 * RS2 >> XLEN); return NEXT; }

/* Division never traps: by zero it gives all ones (quotient) or the
 * dividend (remainder); the one overflow, MIN / -1, gives MIN and 0. */
#define SXLEN_MIN ((SXLEN) ((UXLEN) 1 << (XLEN - 1)))

EXEC (div)
{
  SXLEN a = RS1, b = RS2;

  if (b == 0)
    SET_RD (-1);
  else if (a == SXLEN_MIN && b == -1)
    SET_RD (a);
  else
    SET_RD (a / b);
  return NEXT;
}

EXEC (divu)
{
  UXLEN a = RS1, b = RS2;

  SET_RD (b == 0 ? (UXLEN) -1 : a / b);
  return NEXT;
}

EXEC (rem)
{
  SXLEN a = RS1, b = RS2;

  if (b == 0)
    SET_RD (a);
  else if (a == SXLEN_MIN && b == -1)
    SET_RD (0);
  else
    SET_RD (a % b);
  return NEXT;
}

EXEC (remu)
{
  UXLEN a = RS1, b = RS2;

  SET_RD (b == 0 ? a : a % b);
  return NEXT;
}

EXEC (mulw) { SET_RD_W ((uint32_t) RS1 * (uint32_t) RS2); return NEXT; }

EXEC (divw)
{
  int32_t a = RS1, b = RS2;

  if (b == 0)
    SET_RD_W (-1);
  else if (a == INT32_MIN && b == -1)
    SET_RD_W (a);
  else
    SET_RD_W (a / b);
  return NEXT;
}

EXEC (divuw)
{
  uint32_t a = RS1, b = RS2;

  SET_RD_W (b == 0 ? UINT32_MAX : a / b);
  return NEXT;
}

EXEC (remw)
{
  int32_t a = RS1, b = RS2;

  if (b == 0)
    SET_RD_W (a);
  else if (a == INT32_MIN && b == -1)
    SET_RD_W (0);
  else
    SET_RD_W (a % b);
  return NEXT;
}

EXEC (remuw)
{
  uint32_t a = RS1, b = RS2;

  SET_RD_W (b == 0 ? a : a % b);
  return NEXT;
}

/* ---- the table of this width ---- */

const RvExecFn RV_EXEC_TABLE[RV_OP_COUNT] = {
  [RV_OP_ILLEGAL] = rv_exec_illegal,
  [RV_OP_LUI] = RV_FN (lui),       [RV_OP_AUIPC] = RV_FN (auipc),
  [RV_OP_JAL] = RV_FN (jal),       [RV_OP_JALR] = RV_FN (jalr),
  [RV_OP_BEQ] = RV_FN (beq),       [RV_OP_BNE] = RV_FN (bne),
  [RV_OP_BLT] = RV_FN (blt),       [RV_OP_BGE] = RV_FN (bge),
  [RV_OP_BLTU] = RV_FN (bltu),     [RV_OP_BGEU] = RV_FN (bgeu),
  [RV_OP_LB] = RV_FN (lb),         [RV_OP_LH] = RV_FN (lh),
  [RV_OP_LW] = RV_FN (lw),         [RV_OP_LD] = RV_FN (ld),
  [RV_OP_LBU] = RV_FN (lbu),       [RV_OP_LHU] = RV_FN (lhu),
  [RV_OP_LWU] = RV_FN (lwu),
  [RV_OP_SB] = RV_FN (sb),         [RV_OP_SH] = RV_FN (sh),
  [RV_OP_SW] = RV_FN (sw),         [RV_OP_SD] = RV_FN (sd),
  [RV_OP_ADDI] = RV_FN (addi),     [RV_OP_SLTI] = RV_FN (slti),
  [RV_OP_SLTIU] = RV_FN (sltiu),   [RV_OP_XORI] = RV_FN (xori),
  [RV_OP_ORI] = RV_FN (ori),       [RV_OP_ANDI] = RV_FN (andi),
  [RV_OP_SLLI] = RV_FN (slli),     [RV_OP_SRLI] = RV_FN (srli),
  [RV_OP_SRAI] = RV_FN (srai),
  [RV_OP_ADD] = RV_FN (add),       [RV_OP_SUB] = RV_FN (sub),
  [RV_OP_SLL] = RV_FN (sll),       [RV_OP_SLT] = RV_FN (slt),
  [RV_OP_SLTU] = RV_FN (sltu),     [RV_OP_XOR] = RV_FN (xor),
  [RV_OP_SRL] = RV_FN (srl),       [RV_OP_SRA] = RV_FN (sra),
  [RV_OP_OR] = RV_FN (or),         [RV_OP_AND] = RV_FN (and),
  [RV_OP_ADDIW] = RV_FN (addiw),   [RV_OP_SLLIW] = RV_FN (slliw),
  [RV_OP_SRLIW] = RV_FN (srliw),   [RV_OP_SRAIW] = RV_FN (sraiw),
  [RV_OP_ADDW] = RV_FN (addw),     [RV_OP_SUBW] = RV_FN (subw),
  [RV_OP_SLLW] = RV_FN (sllw),     [RV_OP_SRLW] = RV_FN (srlw),
  [RV_OP_SRAW] = RV_FN (sraw),
  [RV_OP_FENCE] = rv_exec_fence,   [RV_OP_FENCE_I] = rv_exec_fence_i,
  [RV_OP_ECALL] = rv_exec_ecall,   [RV_OP_EBREAK] = rv_exec_ebreak,
  [RV_OP_MRET] = rv_exec_mret,     [RV_OP_WFI] = rv_exec_wfi,
  [RV_OP_SRET] = rv_exec_sret,     [RV_OP_SFENCE_VMA] = rv_exec_sfence_vma,
  [RV_OP_CSRRW] = rv_exec_csrrw,   [RV_OP_CSRRS] = rv_exec_csrrs,
  [RV_OP_CSRRC] = rv_exec_csrrc,   [RV_OP_CSRRWI] = rv_exec_csrrwi,
  [RV_OP_CSRRSI] = rv_exec_csrrsi, [RV_OP_CSRRCI] = rv_exec_csrrci,
  [RV_OP_MUL] = RV_FN (mul),       [RV_OP_MULH] = RV_FN (mulh),
  [RV_OP_MULHSU] = RV_FN (mulhsu), [RV_OP_MULHU] = RV_FN (mulhu),
  [RV_OP_DIV] = RV_FN (div),       [RV_OP_DIVU] = RV_FN (divu),
  [RV_OP_REM] = RV_FN (rem),       [RV_OP_REMU] = RV_FN (remu),
  [RV_OP_MULW] = RV_FN (mulw),     [RV_OP_DIVW] = RV_FN (divw),
  [RV_OP_DIVUW] = RV_FN (divuw),   [RV_OP_REMW] = RV_FN (remw),
  [RV_OP_REMUW] = RV_FN (remuw),
  [RV_OP_LR_W] = rv_exec_lr_w,           [RV_OP_SC_W] = rv_exec_sc_w,
  [RV_OP_AMOSWAP_W] = rv_exec_amoswap_w, [RV_OP_AMOADD_W] = rv_exec_amoadd_w,
  [RV_OP_AMOXOR_W] = rv_exec_amoxor_w,   [RV_OP_AMOAND_W] = rv_exec_amoand_w,
  [RV_OP_AMOOR_W] = rv_exec_amoor_w,     [RV_OP_AMOMIN_W] = rv_exec_amomin_w,
  [RV_OP_AMOMAX_W] = rv_exec_amomax_w,   [RV_OP_AMOMINU_W] = rv_exec_amominu_w,
  [RV_OP_AMOMAXU_W] = rv_exec_amomaxu_w,
  [RV_OP_LR_D] = rv_exec_lr_d,           [RV_OP_SC_D] = rv_exec_sc_d,
  [RV_OP_AMOSWAP_D] = rv_exec_amoswap_d, [RV_OP_AMOADD_D] = rv_exec_amoadd_d,
  [RV_OP_AMOXOR_D] = rv_exec_amoxor_d,   [RV_OP_AMOAND_D] = rv_exec_amoand_d,
  [RV_OP_AMOOR_D] = rv_exec_amoor_d,     [RV_OP_AMOMIN_D] = rv_exec_amomin_d,
  [RV_OP_AMOMAX_D] = rv_exec_amomax_d,   [RV_OP_AMOMINU_D] = rv_exec_amominu_d,
  [RV_OP_AMOMAXU_D] = rv_exec_amomaxu_d,
  RV_FP_EXEC_ENTRIES,
};

#undef RS1
#undef RS2
#undef IMM
#undef SET_RD
#undef SET_RD_W
#undef NEXT
#undef EA
#undef EXEC
#undef SHAMT
#undef SXLEN_MIN

#undef XLEN
#undef UXLEN
#undef SXLEN
#undef UDXLEN
#undef SDXLEN
#undef ILEN
#undef RV_FN
#undef RV_EXEC_TABLE
