/* The RISC-V decode description: one table of 32-bit patterns and one of
 * 16-bit (compressed) patterns.
 *
 * Everything that needs to know what an instruction is reads these two
 * tables: the decode cache of the run loop (riscv-exec.c), the
 * disassembler (riscv-disas.c) and the unit tests.  A compressed
 * instruction is rewritten into the 32-bit instruction it stands for and
 * then decoded by the same 32-bit table, so it executes with the same
 * executor as its long form.
 *
 * Encodings are those of the RISC-V unprivileged specification (RV32I,
 * RV64I, M, A, F, D, C, Zicsr, Zifencei) and of the privileged one (mret,
 * sret, wfi, sfence.vma).  Rows of F and D only decode for a hart whose
 * class has them (RvOpcode.ext): on the IMAC classes they stay illegal.
 */
#include "riscv-cpu.h"

#include <string.h>

/* The 32-bit instructions.  The first row whose mask/match fits wins, so
 * a more specific row must come before a more general one. */
static const RvOpcode rv_opcodes[] = {
  /* mask        match       op               name        format          widths */
  { 0x0000007f, 0x00000037, RV_OP_LUI,       "lui",       RV_FMT_U,      RV_XLEN_ANY },
  { 0x0000007f, 0x00000017, RV_OP_AUIPC,     "auipc",     RV_FMT_U,      RV_XLEN_ANY },
  { 0x0000007f, 0x0000006f, RV_OP_JAL,       "jal",       RV_FMT_JAL,    RV_XLEN_ANY },
  { 0x0000707f, 0x00000067, RV_OP_JALR,      "jalr",      RV_FMT_JALR,   RV_XLEN_ANY },

  { 0x0000707f, 0x00000063, RV_OP_BEQ,       "beq",       RV_FMT_BRANCH, RV_XLEN_ANY },
  { 0x0000707f, 0x00001063, RV_OP_BNE,       "bne",       RV_FMT_BRANCH, RV_XLEN_ANY },
  { 0x0000707f, 0x00004063, RV_OP_BLT,       "blt",       RV_FMT_BRANCH, RV_XLEN_ANY },
  { 0x0000707f, 0x00005063, RV_OP_BGE,       "bge",       RV_FMT_BRANCH, RV_XLEN_ANY },
  { 0x0000707f, 0x00006063, RV_OP_BLTU,      "bltu",      RV_FMT_BRANCH, RV_XLEN_ANY },
  { 0x0000707f, 0x00007063, RV_OP_BGEU,      "bgeu",      RV_FMT_BRANCH, RV_XLEN_ANY },

  { 0x0000707f, 0x00000003, RV_OP_LB,        "lb",        RV_FMT_LOAD,   RV_XLEN_ANY },
  { 0x0000707f, 0x00001003, RV_OP_LH,        "lh",        RV_FMT_LOAD,   RV_XLEN_ANY },
  { 0x0000707f, 0x00002003, RV_OP_LW,        "lw",        RV_FMT_LOAD,   RV_XLEN_ANY },
  { 0x0000707f, 0x00003003, RV_OP_LD,        "ld",        RV_FMT_LOAD,   RV_XLEN64 },
  { 0x0000707f, 0x00004003, RV_OP_LBU,       "lbu",       RV_FMT_LOAD,   RV_XLEN_ANY },
  { 0x0000707f, 0x00005003, RV_OP_LHU,       "lhu",       RV_FMT_LOAD,   RV_XLEN_ANY },
  { 0x0000707f, 0x00006003, RV_OP_LWU,       "lwu",       RV_FMT_LOAD,   RV_XLEN64 },
  { 0x0000707f, 0x00000023, RV_OP_SB,        "sb",        RV_FMT_STORE,  RV_XLEN_ANY },
  { 0x0000707f, 0x00001023, RV_OP_SH,        "sh",        RV_FMT_STORE,  RV_XLEN_ANY },
  { 0x0000707f, 0x00002023, RV_OP_SW,        "sw",        RV_FMT_STORE,  RV_XLEN_ANY },
  { 0x0000707f, 0x00003023, RV_OP_SD,        "sd",        RV_FMT_STORE,  RV_XLEN64 },

  { 0x0000707f, 0x00000013, RV_OP_ADDI,      "addi",      RV_FMT_I,      RV_XLEN_ANY },
  { 0x0000707f, 0x00002013, RV_OP_SLTI,      "slti",      RV_FMT_I,      RV_XLEN_ANY },
  { 0x0000707f, 0x00003013, RV_OP_SLTIU,     "sltiu",     RV_FMT_I,      RV_XLEN_ANY },
  { 0x0000707f, 0x00004013, RV_OP_XORI,      "xori",      RV_FMT_I,      RV_XLEN_ANY },
  { 0x0000707f, 0x00006013, RV_OP_ORI,       "ori",       RV_FMT_I,      RV_XLEN_ANY },
  { 0x0000707f, 0x00007013, RV_OP_ANDI,      "andi",      RV_FMT_I,      RV_XLEN_ANY },
  /* RV32 shift amounts have 5 bits (bit 25 must be 0), RV64 ones 6. */
  { 0xfe00707f, 0x00001013, RV_OP_SLLI,      "slli",      RV_FMT_SHIFT,  RV_XLEN32 },
  { 0xfe00707f, 0x00005013, RV_OP_SRLI,      "srli",      RV_FMT_SHIFT,  RV_XLEN32 },
  { 0xfe00707f, 0x40005013, RV_OP_SRAI,      "srai",      RV_FMT_SHIFT,  RV_XLEN32 },
  { 0xfc00707f, 0x00001013, RV_OP_SLLI,      "slli",      RV_FMT_SHIFT,  RV_XLEN64 },
  { 0xfc00707f, 0x00005013, RV_OP_SRLI,      "srli",      RV_FMT_SHIFT,  RV_XLEN64 },
  { 0xfc00707f, 0x40005013, RV_OP_SRAI,      "srai",      RV_FMT_SHIFT,  RV_XLEN64 },

  { 0xfe00707f, 0x00000033, RV_OP_ADD,       "add",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x40000033, RV_OP_SUB,       "sub",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00001033, RV_OP_SLL,       "sll",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00002033, RV_OP_SLT,       "slt",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00003033, RV_OP_SLTU,      "sltu",      RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00004033, RV_OP_XOR,       "xor",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00005033, RV_OP_SRL,       "srl",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x40005033, RV_OP_SRA,       "sra",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00006033, RV_OP_OR,        "or",        RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x00007033, RV_OP_AND,       "and",       RV_FMT_R,      RV_XLEN_ANY },

  { 0x0000707f, 0x0000001b, RV_OP_ADDIW,     "addiw",     RV_FMT_I,      RV_XLEN64 },
  { 0xfe00707f, 0x0000101b, RV_OP_SLLIW,     "slliw",     RV_FMT_SHIFT,  RV_XLEN64 },
  { 0xfe00707f, 0x0000501b, RV_OP_SRLIW,     "srliw",     RV_FMT_SHIFT,  RV_XLEN64 },
  { 0xfe00707f, 0x4000501b, RV_OP_SRAIW,     "sraiw",     RV_FMT_SHIFT,  RV_XLEN64 },
  { 0xfe00707f, 0x0000003b, RV_OP_ADDW,      "addw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x4000003b, RV_OP_SUBW,      "subw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0000103b, RV_OP_SLLW,      "sllw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0000503b, RV_OP_SRLW,      "srlw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x4000503b, RV_OP_SRAW,      "sraw",      RV_FMT_R,      RV_XLEN64 },

  /* fence ignores fm, rs1 and rd, as the specification asks of decoders. */
  { 0xfff0707f, 0x8330000f, RV_OP_FENCE,     "fence.tso", RV_FMT_NONE,   RV_XLEN_ANY },
  { 0x0000707f, 0x0000000f, RV_OP_FENCE,     "fence",     RV_FMT_FENCE,  RV_XLEN_ANY },
  { 0x0000707f, 0x0000100f, RV_OP_FENCE_I,   "fence.i",   RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xffffffff, 0x00000073, RV_OP_ECALL,     "ecall",     RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xffffffff, 0x00100073, RV_OP_EBREAK,    "ebreak",    RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xffffffff, 0x30200073, RV_OP_MRET,      "mret",      RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xffffffff, 0x10500073, RV_OP_WFI,       "wfi",       RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xffffffff, 0x10200073, RV_OP_SRET,      "sret",      RV_FMT_NONE,   RV_XLEN_ANY },
  { 0xfe007fff, 0x12000073, RV_OP_SFENCE_VMA, "sfence.vma", RV_FMT_SFENCE, RV_XLEN_ANY },

  { 0x0000707f, 0x00001073, RV_OP_CSRRW,     "csrrw",     RV_FMT_CSR,    RV_XLEN_ANY },
  { 0x0000707f, 0x00002073, RV_OP_CSRRS,     "csrrs",     RV_FMT_CSR,    RV_XLEN_ANY },
  { 0x0000707f, 0x00003073, RV_OP_CSRRC,     "csrrc",     RV_FMT_CSR,    RV_XLEN_ANY },
  { 0x0000707f, 0x00005073, RV_OP_CSRRWI,    "csrrwi",    RV_FMT_CSRI,   RV_XLEN_ANY },
  { 0x0000707f, 0x00006073, RV_OP_CSRRSI,    "csrrsi",    RV_FMT_CSRI,   RV_XLEN_ANY },
  { 0x0000707f, 0x00007073, RV_OP_CSRRCI,    "csrrci",    RV_FMT_CSRI,   RV_XLEN_ANY },

  { 0xfe00707f, 0x02000033, RV_OP_MUL,       "mul",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02001033, RV_OP_MULH,      "mulh",      RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02002033, RV_OP_MULHSU,    "mulhsu",    RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02003033, RV_OP_MULHU,     "mulhu",     RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02004033, RV_OP_DIV,       "div",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02005033, RV_OP_DIVU,      "divu",      RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02006033, RV_OP_REM,       "rem",       RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x02007033, RV_OP_REMU,      "remu",      RV_FMT_R,      RV_XLEN_ANY },
  { 0xfe00707f, 0x0200003b, RV_OP_MULW,      "mulw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0200403b, RV_OP_DIVW,      "divw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0200503b, RV_OP_DIVUW,     "divuw",     RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0200603b, RV_OP_REMW,      "remw",      RV_FMT_R,      RV_XLEN64 },
  { 0xfe00707f, 0x0200703b, RV_OP_REMUW,     "remuw",     RV_FMT_R,      RV_XLEN64 },

  /* A: bits 26 and 25 are aq and rl, free in the mask. */
  { 0xf9f0707f, 0x1000202f, RV_OP_LR_W,      "lr.w",      RV_FMT_LR,     RV_XLEN_ANY },
  { 0xf800707f, 0x1800202f, RV_OP_SC_W,      "sc.w",      RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x0800202f, RV_OP_AMOSWAP_W, "amoswap.w", RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x0000202f, RV_OP_AMOADD_W,  "amoadd.w",  RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x2000202f, RV_OP_AMOXOR_W,  "amoxor.w",  RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x6000202f, RV_OP_AMOAND_W,  "amoand.w",  RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x4000202f, RV_OP_AMOOR_W,   "amoor.w",   RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0x8000202f, RV_OP_AMOMIN_W,  "amomin.w",  RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0xa000202f, RV_OP_AMOMAX_W,  "amomax.w",  RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0xc000202f, RV_OP_AMOMINU_W, "amominu.w", RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf800707f, 0xe000202f, RV_OP_AMOMAXU_W, "amomaxu.w", RV_FMT_AMO,    RV_XLEN_ANY },
  { 0xf9f0707f, 0x1000302f, RV_OP_LR_D,      "lr.d",      RV_FMT_LR,     RV_XLEN64 },
  { 0xf800707f, 0x1800302f, RV_OP_SC_D,      "sc.d",      RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x0800302f, RV_OP_AMOSWAP_D, "amoswap.d", RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x0000302f, RV_OP_AMOADD_D,  "amoadd.d",  RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x2000302f, RV_OP_AMOXOR_D,  "amoxor.d",  RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x6000302f, RV_OP_AMOAND_D,  "amoand.d",  RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x4000302f, RV_OP_AMOOR_D,   "amoor.d",   RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0x8000302f, RV_OP_AMOMIN_D,  "amomin.d",  RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0xa000302f, RV_OP_AMOMAX_D,  "amomax.d",  RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0xc000302f, RV_OP_AMOMINU_D, "amominu.d", RV_FMT_AMO,    RV_XLEN64 },
  { 0xf800707f, 0xe000302f, RV_OP_AMOMAXU_D, "amomaxu.d", RV_FMT_AMO,    RV_XLEN64 },

  /* F: rm (bits 14:12) is left free; the reserved values 5 and 6 are
   * refused when the instruction runs, as a dynamic rm is checked then
   * against frm. */
  { 0x0000707f, 0x00002007, RV_OP_FLW,       "flw",       RV_FMT_FLOAD,   RV_XLEN_ANY, RV_EXT_F },
  { 0x0000707f, 0x00002027, RV_OP_FSW,       "fsw",       RV_FMT_FSTORE,  RV_XLEN_ANY, RV_EXT_F },
  { 0x0600007f, 0x00000043, RV_OP_FMADD_S,   "fmadd.s",   RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_F },
  { 0x0600007f, 0x00000047, RV_OP_FMSUB_S,   "fmsub.s",   RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_F },
  { 0x0600007f, 0x0000004b, RV_OP_FNMSUB_S,  "fnmsub.s",  RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_F },
  { 0x0600007f, 0x0000004f, RV_OP_FNMADD_S,  "fnmadd.s",  RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00007f, 0x00000053, RV_OP_FADD_S,    "fadd.s",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00007f, 0x08000053, RV_OP_FSUB_S,    "fsub.s",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00007f, 0x10000053, RV_OP_FMUL_S,    "fmul.s",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00007f, 0x18000053, RV_OP_FDIV_S,    "fdiv.s",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0x58000053, RV_OP_FSQRT_S,   "fsqrt.s",   RV_FMT_FRR_RM,  RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0x20000053, RV_OP_FSGNJ_S,   "fsgnj.s",   RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0x20001053, RV_OP_FSGNJN_S,  "fsgnjn.s",  RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0x20002053, RV_OP_FSGNJX_S,  "fsgnjx.s",  RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0x28000053, RV_OP_FMIN_S,    "fmin.s",    RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0x28001053, RV_OP_FMAX_S,    "fmax.s",    RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0xa0002053, RV_OP_FEQ_S,     "feq.s",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0xa0001053, RV_OP_FLT_S,     "flt.s",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfe00707f, 0xa0000053, RV_OP_FLE_S,     "fle.s",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0xc0000053, RV_OP_FCVT_W_S,  "fcvt.w.s",  RV_FMT_XF_RM,   RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0xc0100053, RV_OP_FCVT_WU_S, "fcvt.wu.s", RV_FMT_XF_RM,   RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0xc0200053, RV_OP_FCVT_L_S,  "fcvt.l.s",  RV_FMT_XF_RM,   RV_XLEN64,   RV_EXT_F },
  { 0xfff0007f, 0xc0300053, RV_OP_FCVT_LU_S, "fcvt.lu.s", RV_FMT_XF_RM,   RV_XLEN64,   RV_EXT_F },
  { 0xfff0007f, 0xd0000053, RV_OP_FCVT_S_W,  "fcvt.s.w",  RV_FMT_FX_RM,   RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0xd0100053, RV_OP_FCVT_S_WU, "fcvt.s.wu", RV_FMT_FX_RM,   RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0007f, 0xd0200053, RV_OP_FCVT_S_L,  "fcvt.s.l",  RV_FMT_FX_RM,   RV_XLEN64,   RV_EXT_F },
  { 0xfff0007f, 0xd0300053, RV_OP_FCVT_S_LU, "fcvt.s.lu", RV_FMT_FX_RM,   RV_XLEN64,   RV_EXT_F },
  { 0xfff0707f, 0xe0000053, RV_OP_FMV_X_W,   "fmv.x.w",   RV_FMT_XF,      RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0707f, 0xe0001053, RV_OP_FCLASS_S,  "fclass.s",  RV_FMT_XF,      RV_XLEN_ANY, RV_EXT_F },
  { 0xfff0707f, 0xf0000053, RV_OP_FMV_W_X,   "fmv.w.x",   RV_FMT_FX,      RV_XLEN_ANY, RV_EXT_F },

  /* D: the same layout with fmt (bits 26:25) = 01. */
  { 0x0000707f, 0x00003007, RV_OP_FLD,       "fld",       RV_FMT_FLOAD,   RV_XLEN_ANY, RV_EXT_D },
  { 0x0000707f, 0x00003027, RV_OP_FSD,       "fsd",       RV_FMT_FSTORE,  RV_XLEN_ANY, RV_EXT_D },
  { 0x0600007f, 0x02000043, RV_OP_FMADD_D,   "fmadd.d",   RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_D },
  { 0x0600007f, 0x02000047, RV_OP_FMSUB_D,   "fmsub.d",   RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_D },
  { 0x0600007f, 0x0200004b, RV_OP_FNMSUB_D,  "fnmsub.d",  RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_D },
  { 0x0600007f, 0x0200004f, RV_OP_FNMADD_D,  "fnmadd.d",  RV_FMT_FR4,     RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00007f, 0x02000053, RV_OP_FADD_D,    "fadd.d",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00007f, 0x0a000053, RV_OP_FSUB_D,    "fsub.d",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00007f, 0x12000053, RV_OP_FMUL_D,    "fmul.d",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00007f, 0x1a000053, RV_OP_FDIV_D,    "fdiv.d",    RV_FMT_FRRR_RM, RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0x5a000053, RV_OP_FSQRT_D,   "fsqrt.d",   RV_FMT_FRR_RM,  RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0x22000053, RV_OP_FSGNJ_D,   "fsgnj.d",   RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0x22001053, RV_OP_FSGNJN_D,  "fsgnjn.d",  RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0x22002053, RV_OP_FSGNJX_D,  "fsgnjx.d",  RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0x2a000053, RV_OP_FMIN_D,    "fmin.d",    RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0x2a001053, RV_OP_FMAX_D,    "fmax.d",    RV_FMT_FRRR,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0x40100053, RV_OP_FCVT_S_D,  "fcvt.s.d",  RV_FMT_FRR_RM,  RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0x42000053, RV_OP_FCVT_D_S,  "fcvt.d.s",  RV_FMT_FRR_RM,  RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0xa2002053, RV_OP_FEQ_D,     "feq.d",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0xa2001053, RV_OP_FLT_D,     "flt.d",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfe00707f, 0xa2000053, RV_OP_FLE_D,     "fle.d",     RV_FMT_FCMP,    RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0xc2000053, RV_OP_FCVT_W_D,  "fcvt.w.d",  RV_FMT_XF_RM,   RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0xc2100053, RV_OP_FCVT_WU_D, "fcvt.wu.d", RV_FMT_XF_RM,   RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0xc2200053, RV_OP_FCVT_L_D,  "fcvt.l.d",  RV_FMT_XF_RM,   RV_XLEN64,   RV_EXT_D },
  { 0xfff0007f, 0xc2300053, RV_OP_FCVT_LU_D, "fcvt.lu.d", RV_FMT_XF_RM,   RV_XLEN64,   RV_EXT_D },
  { 0xfff0007f, 0xd2000053, RV_OP_FCVT_D_W,  "fcvt.d.w",  RV_FMT_FX_RM,   RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0xd2100053, RV_OP_FCVT_D_WU, "fcvt.d.wu", RV_FMT_FX_RM,   RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0007f, 0xd2200053, RV_OP_FCVT_D_L,  "fcvt.d.l",  RV_FMT_FX_RM,   RV_XLEN64,   RV_EXT_D },
  { 0xfff0007f, 0xd2300053, RV_OP_FCVT_D_LU, "fcvt.d.lu", RV_FMT_FX_RM,   RV_XLEN64,   RV_EXT_D },
  { 0xfff0707f, 0xe2000053, RV_OP_FMV_X_D,   "fmv.x.d",   RV_FMT_XF,      RV_XLEN64,   RV_EXT_D },
  { 0xfff0707f, 0xe2001053, RV_OP_FCLASS_D,  "fclass.d",  RV_FMT_XF,      RV_XLEN_ANY, RV_EXT_D },
  { 0xfff0707f, 0xf2000053, RV_OP_FMV_D_X,   "fmv.d.x",   RV_FMT_FX,      RV_XLEN64,   RV_EXT_D },
};

/* ---- compressed instructions --------------------------------------------
 *
 * Each expander rewrites a 16-bit instruction as the 32-bit one the C
 * extension defines it to be; the helpers below assemble 32-bit formats.
 * Reserved encodings (a zero immediate where the specification forbids it,
 * x0 where it is reserved) expand to 0, which no 32-bit row matches.
 */

static inline uint32_t
bit (uint32_t x, unsigned n)
{
  return (x >> n) & 1;
}

/* Sign-extends the low @bits bits of @x. */
static inline int32_t
sext (uint32_t x, unsigned bits)
{
  return (int32_t) (x << (32 - bits)) >> (32 - bits);
}

static uint32_t
enc_i (uint32_t opcode, unsigned funct3, unsigned rd, unsigned rs1, int32_t imm)
{
  return ((uint32_t) imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}

static uint32_t
enc_s (uint32_t opcode, unsigned funct3, unsigned rs1, unsigned rs2, int32_t imm)
{
  return (((uint32_t) imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15
         | funct3 << 12 | ((uint32_t) imm & 0x1f) << 7 | opcode;
}

static uint32_t
enc_r (uint32_t opcode, uint32_t funct7, unsigned funct3,
       unsigned rd, unsigned rs1, unsigned rs2)
{
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}

static uint32_t
enc_b (unsigned funct3, unsigned rs1, unsigned rs2, int32_t imm)
{
  uint32_t u = (uint32_t) imm;

  return bit (u, 12) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15
         | funct3 << 12 | ((u >> 1) & 0xf) << 8 | bit (u, 11) << 7 | 0x63;
}

static uint32_t
enc_j (unsigned rd, int32_t imm)
{
  uint32_t u = (uint32_t) imm;

  return bit (u, 20) << 31 | ((u >> 1) & 0x3ff) << 21 | bit (u, 11) << 20
         | ((u >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
}

/* Register fields of the compressed formats: the 3-bit ones name x8..x15. */
static inline unsigned c_rd (uint32_t x)       { return (x >> 7) & 31; }
static inline unsigned c_rs2 (uint32_t x)      { return (x >> 2) & 31; }
static inline unsigned c_rs1_short (uint32_t x) { return 8 + ((x >> 7) & 7); }
static inline unsigned c_rs2_short (uint32_t x) { return 8 + ((x >> 2) & 7); }

/* The 6-bit signed immediate of CI-format instructions: imm[5] at bit 12,
 * imm[4:0] at bits 6:2. */
static inline int32_t
c_imm6 (uint32_t x)
{
  return sext (bit (x, 12) << 5 | ((x >> 2) & 0x1f), 6);
}

/* Offsets of c.j / c.jal: [11|4|9:8|10|6|7|3:1|5] in bits 12..2. */
static int32_t
c_jump_offset (uint32_t x)
{
  return sext (bit (x, 12) << 11 | bit (x, 11) << 4 | ((x >> 9) & 3) << 8
               | bit (x, 8) << 10 | bit (x, 7) << 6 | bit (x, 6) << 7
               | ((x >> 3) & 7) << 1 | bit (x, 2) << 5, 12);
}

/* Offsets of c.beqz / c.bnez: [8|4:3] in bits 12:10, [7:6|2:1|5] in 6:2. */
static int32_t
c_branch_offset (uint32_t x)
{
  return sext (bit (x, 12) << 8 | ((x >> 10) & 3) << 3 | ((x >> 5) & 3) << 6
               | ((x >> 3) & 3) << 1 | bit (x, 2) << 5, 9);
}

/* Scaled unsigned offsets of the word and doubleword loads and stores. */
static uint32_t c_lw_offset (uint32_t x)   /* [5:3] 12:10, [2] 6, [6] 5 */
{ return ((x >> 7) & 0x38) | ((x >> 4) & 0x4) | ((x << 1) & 0x40); }
static uint32_t c_ld_offset (uint32_t x)   /* [5:3] 12:10, [7:6] 6:5 */
{ return ((x >> 7) & 0x38) | ((x << 1) & 0xc0); }
static uint32_t c_lwsp_offset (uint32_t x) /* [5] 12, [4:2] 6:4, [7:6] 3:2 */
{ return bit (x, 12) << 5 | ((x >> 2) & 0x1c) | ((x << 4) & 0xc0); }
static uint32_t c_ldsp_offset (uint32_t x) /* [5] 12, [4:3] 6:5, [8:6] 4:2 */
{ return bit (x, 12) << 5 | ((x >> 2) & 0x18) | ((x << 4) & 0x1c0); }
static uint32_t c_swsp_offset (uint32_t x) /* [5:2] 12:9, [7:6] 8:7 */
{ return ((x >> 7) & 0x3c) | ((x >> 1) & 0xc0); }
static uint32_t c_sdsp_offset (uint32_t x) /* [5:3] 12:10, [8:6] 9:7 */
{ return ((x >> 7) & 0x38) | ((x >> 1) & 0x1c0); }

static uint32_t
expand_addi4spn (uint16_t x)
{
  /* nzuimm[5:4|9:6|2|3] in bits 12:5 */
  uint32_t imm = ((x >> 7) & 0x30) | ((x >> 1) & 0x3c0)
                 | ((x >> 4) & 0x4) | ((x >> 2) & 0x8);

  return imm ? enc_i (0x13, 0, c_rs2_short (x), 2, imm) : 0;
}

static uint32_t expand_lw (uint16_t x)
{ return enc_i (0x03, 2, c_rs2_short (x), c_rs1_short (x), c_lw_offset (x)); }
static uint32_t expand_ld (uint16_t x)
{ return enc_i (0x03, 3, c_rs2_short (x), c_rs1_short (x), c_ld_offset (x)); }
static uint32_t expand_sw (uint16_t x)
{ return enc_s (0x23, 2, c_rs1_short (x), c_rs2_short (x), c_lw_offset (x)); }
static uint32_t expand_sd (uint16_t x)
{ return enc_s (0x23, 3, c_rs1_short (x), c_rs2_short (x), c_ld_offset (x)); }

static uint32_t expand_addi (uint16_t x)
{ return enc_i (0x13, 0, c_rd (x), c_rd (x), c_imm6 (x)); }
static uint32_t expand_jal (uint16_t x)
{ return enc_j (1, c_jump_offset (x)); }
static uint32_t expand_addiw (uint16_t x)
{ return c_rd (x) ? enc_i (0x1b, 0, c_rd (x), c_rd (x), c_imm6 (x)) : 0; }
static uint32_t expand_li (uint16_t x)
{ return enc_i (0x13, 0, c_rd (x), 0, c_imm6 (x)); }

static uint32_t
expand_addi16sp (uint16_t x)
{
  /* nzimm[9] in bit 12, nzimm[4|6|8:7|5] in bits 6:2 */
  int32_t imm = sext (bit (x, 12) << 9 | bit (x, 6) << 4 | bit (x, 5) << 6
                      | ((x >> 3) & 3) << 7 | bit (x, 2) << 5, 10);

  return imm ? enc_i (0x13, 0, 2, 2, imm) : 0;
}

static uint32_t
expand_lui (uint16_t x)
{
  int32_t imm = sext (bit (x, 12) << 17 | ((x >> 2) & 0x1f) << 12, 18);

  return imm ? ((uint32_t) imm & 0xfffff000) | c_rd (x) << 7 | 0x37 : 0;
}

/* c.srli / c.srai with shamt[5] set expand to shifts that the RV32 rows
 * of the 32-bit table refuse, as the specification wants on RV32. */
static uint32_t
c_shamt (uint16_t x)
{
  return bit (x, 12) << 5 | ((x >> 2) & 0x1f);
}

static uint32_t expand_srli (uint16_t x)
{ return enc_i (0x13, 5, c_rs1_short (x), c_rs1_short (x), c_shamt (x)); }
static uint32_t expand_srai (uint16_t x)
{ return enc_i (0x13, 5, c_rs1_short (x), c_rs1_short (x), 0x400 | c_shamt (x)); }
static uint32_t expand_andi (uint16_t x)
{ return enc_i (0x13, 7, c_rs1_short (x), c_rs1_short (x), c_imm6 (x)); }

static uint32_t expand_sub (uint16_t x)
{ return enc_r (0x33, 0x20, 0, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }
static uint32_t expand_xor (uint16_t x)
{ return enc_r (0x33, 0, 4, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }
static uint32_t expand_or (uint16_t x)
{ return enc_r (0x33, 0, 6, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }
static uint32_t expand_and (uint16_t x)
{ return enc_r (0x33, 0, 7, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }
static uint32_t expand_subw (uint16_t x)
{ return enc_r (0x3b, 0x20, 0, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }
static uint32_t expand_addw (uint16_t x)
{ return enc_r (0x3b, 0, 0, c_rs1_short (x), c_rs1_short (x), c_rs2_short (x)); }

static uint32_t expand_j (uint16_t x)
{ return enc_j (0, c_jump_offset (x)); }
static uint32_t expand_beqz (uint16_t x)
{ return enc_b (0, c_rs1_short (x), 0, c_branch_offset (x)); }
static uint32_t expand_bnez (uint16_t x)
{ return enc_b (1, c_rs1_short (x), 0, c_branch_offset (x)); }

static uint32_t expand_slli (uint16_t x)
{ return enc_i (0x13, 1, c_rd (x), c_rd (x), c_shamt (x)); }
static uint32_t expand_lwsp (uint16_t x)
{ return c_rd (x) ? enc_i (0x03, 2, c_rd (x), 2, c_lwsp_offset (x)) : 0; }
static uint32_t expand_ldsp (uint16_t x)
{ return c_rd (x) ? enc_i (0x03, 3, c_rd (x), 2, c_ldsp_offset (x)) : 0; }
static uint32_t expand_jr (uint16_t x)
{ return c_rd (x) ? enc_i (0x67, 0, 0, c_rd (x), 0) : 0; }
static uint32_t expand_mv (uint16_t x)
{ return enc_r (0x33, 0, 0, c_rd (x), 0, c_rs2 (x)); }
static uint32_t expand_ebreak (uint16_t x)
{ return 0x00100073; }
static uint32_t expand_jalr (uint16_t x)
{ return enc_i (0x67, 0, 1, c_rd (x), 0); }
static uint32_t expand_add (uint16_t x)
{ return enc_r (0x33, 0, 0, c_rd (x), c_rd (x), c_rs2 (x)); }
static uint32_t expand_swsp (uint16_t x)
{ return enc_s (0x23, 2, 2, c_rs2 (x), c_swsp_offset (x)); }
static uint32_t expand_sdsp (uint16_t x)
{ return enc_s (0x23, 3, 2, c_rs2 (x), c_sdsp_offset (x)); }

/* The floating-point loads and stores: the integer ones' offsets, with
 * the LOAD-FP / STORE-FP opcodes.  Unlike c.lwsp, c.flwsp and c.fldsp
 * may name f0. */
static uint32_t expand_flw (uint16_t x)
{ return enc_i (0x07, 2, c_rs2_short (x), c_rs1_short (x), c_lw_offset (x)); }
static uint32_t expand_fld (uint16_t x)
{ return enc_i (0x07, 3, c_rs2_short (x), c_rs1_short (x), c_ld_offset (x)); }
static uint32_t expand_fsw (uint16_t x)
{ return enc_s (0x27, 2, c_rs1_short (x), c_rs2_short (x), c_lw_offset (x)); }
static uint32_t expand_fsd (uint16_t x)
{ return enc_s (0x27, 3, c_rs1_short (x), c_rs2_short (x), c_ld_offset (x)); }
static uint32_t expand_flwsp (uint16_t x)
{ return enc_i (0x07, 2, c_rd (x), 2, c_lwsp_offset (x)); }
static uint32_t expand_fldsp (uint16_t x)
{ return enc_i (0x07, 3, c_rd (x), 2, c_ldsp_offset (x)); }
static uint32_t expand_fswsp (uint16_t x)
{ return enc_s (0x27, 2, 2, c_rs2 (x), c_swsp_offset (x)); }
static uint32_t expand_fsdsp (uint16_t x)
{ return enc_s (0x27, 3, 2, c_rs2 (x), c_sdsp_offset (x)); }

/* The 16-bit instructions; the first matching row wins.  The F forms
 * (c.flw, c.fsw, c.flwsp, c.fswsp) are RV32's: RV64 has c.ld, c.sd,
 * c.ldsp and c.sdsp on the same bits. */
static const RvCOpcode rv_copcodes[] = {
  /* quadrant 0 */
  { 0xe003, 0x0000, "c.addi4spn", RV_XLEN_ANY, false, expand_addi4spn },
  { 0xe003, 0x2000, "c.fld",      RV_XLEN_ANY, false, expand_fld, RV_EXT_D },
  { 0xe003, 0x4000, "c.lw",       RV_XLEN_ANY, false, expand_lw },
  { 0xe003, 0x6000, "c.ld",       RV_XLEN64,   false, expand_ld },
  { 0xe003, 0x6000, "c.flw",      RV_XLEN32,   false, expand_flw, RV_EXT_F },
  { 0xe003, 0xa000, "c.fsd",      RV_XLEN_ANY, false, expand_fsd, RV_EXT_D },
  { 0xe003, 0xc000, "c.sw",       RV_XLEN_ANY, false, expand_sw },
  { 0xe003, 0xe000, "c.sd",       RV_XLEN64,   false, expand_sd },
  { 0xe003, 0xe000, "c.fsw",      RV_XLEN32,   false, expand_fsw, RV_EXT_F },
  /* quadrant 1 */
  { 0xffff, 0x0001, "c.nop",      RV_XLEN_ANY, true,  expand_addi },
  { 0xe003, 0x0001, "c.addi",     RV_XLEN_ANY, false, expand_addi },
  { 0xe003, 0x2001, "c.jal",      RV_XLEN32,   false, expand_jal },
  { 0xe003, 0x2001, "c.addiw",    RV_XLEN64,   false, expand_addiw },
  { 0xe003, 0x4001, "c.li",       RV_XLEN_ANY, false, expand_li },
  { 0xef83, 0x6101, "c.addi16sp", RV_XLEN_ANY, false, expand_addi16sp },
  { 0xe003, 0x6001, "c.lui",      RV_XLEN_ANY, false, expand_lui },
  { 0xec03, 0x8001, "c.srli",     RV_XLEN_ANY, false, expand_srli },
  { 0xec03, 0x8401, "c.srai",     RV_XLEN_ANY, false, expand_srai },
  { 0xec03, 0x8801, "c.andi",     RV_XLEN_ANY, false, expand_andi },
  { 0xfc63, 0x8c01, "c.sub",      RV_XLEN_ANY, false, expand_sub },
  { 0xfc63, 0x8c21, "c.xor",      RV_XLEN_ANY, false, expand_xor },
  { 0xfc63, 0x8c41, "c.or",       RV_XLEN_ANY, false, expand_or },
  { 0xfc63, 0x8c61, "c.and",      RV_XLEN_ANY, false, expand_and },
  { 0xfc63, 0x9c01, "c.subw",     RV_XLEN64,   false, expand_subw },
  { 0xfc63, 0x9c21, "c.addw",     RV_XLEN64,   false, expand_addw },
  { 0xe003, 0xa001, "c.j",        RV_XLEN_ANY, false, expand_j },
  { 0xe003, 0xc001, "c.beqz",     RV_XLEN_ANY, false, expand_beqz },
  { 0xe003, 0xe001, "c.bnez",     RV_XLEN_ANY, false, expand_bnez },
  /* quadrant 2 */
  { 0xe003, 0x0002, "c.slli",     RV_XLEN_ANY, false, expand_slli },
  { 0xe003, 0x2002, "c.fldsp",    RV_XLEN_ANY, false, expand_fldsp, RV_EXT_D },
  { 0xe003, 0x4002, "c.lwsp",     RV_XLEN_ANY, false, expand_lwsp },
  { 0xe003, 0x6002, "c.ldsp",     RV_XLEN64,   false, expand_ldsp },
  { 0xe003, 0x6002, "c.flwsp",    RV_XLEN32,   false, expand_flwsp, RV_EXT_F },
  { 0xf07f, 0x8002, "c.jr",       RV_XLEN_ANY, false, expand_jr },
  { 0xf003, 0x8002, "c.mv",       RV_XLEN_ANY, false, expand_mv },
  { 0xffff, 0x9002, "c.ebreak",   RV_XLEN_ANY, false, expand_ebreak },
  { 0xf07f, 0x9002, "c.jalr",     RV_XLEN_ANY, false, expand_jalr },
  { 0xf003, 0x9002, "c.add",      RV_XLEN_ANY, false, expand_add },
  { 0xe003, 0xa002, "c.fsdsp",    RV_XLEN_ANY, false, expand_fsdsp, RV_EXT_D },
  { 0xe003, 0xc002, "c.swsp",     RV_XLEN_ANY, false, expand_swsp },
  { 0xe003, 0xe002, "c.sdsp",     RV_XLEN64,   false, expand_sdsp },
  { 0xe003, 0xe002, "c.fswsp",    RV_XLEN32,   false, expand_fswsp, RV_EXT_F },
};

static inline unsigned
xlen_bit (unsigned xlen)
{
  return xlen == 64 ? RV_XLEN64 : RV_XLEN32;
}

/* The immediate of @insn as its format places it. */
static int32_t
extract_imm (RvFormat fmt, uint32_t insn)
{
  switch (fmt) {
  case RV_FMT_I:
  case RV_FMT_LOAD:
  case RV_FMT_FLOAD:
  case RV_FMT_JALR:
    return (int32_t) insn >> 20;
  case RV_FMT_SHIFT:
    return (insn >> 20) & 0x3f;
  case RV_FMT_STORE:
  case RV_FMT_FSTORE:
    return ((int32_t) (insn & 0xfe000000) >> 20) | ((insn >> 7) & 0x1f);
  case RV_FMT_BRANCH:
    return ((int32_t) (insn & 0x80000000) >> 19) | ((insn & 0x80) << 4)
           | ((insn >> 20) & 0x7e0) | ((insn >> 7) & 0x1e);
  case RV_FMT_U:
    return (int32_t) (insn & 0xfffff000);
  case RV_FMT_JAL:
    return ((int32_t) (insn & 0x80000000) >> 11) | (insn & 0xff000)
           | ((insn >> 9) & 0x800) | ((insn >> 20) & 0x7fe);
  case RV_FMT_CSR:
  case RV_FMT_CSRI:
  case RV_FMT_FENCE:
    return insn >> 20;
  case RV_FMT_AMO:
  case RV_FMT_LR:
    return (insn >> 25) & 3;   /* aq, rl: only the disassembler cares */
  case RV_FMT_FR4:
  case RV_FMT_FRRR_RM:
  case RV_FMT_FRR_RM:
  case RV_FMT_XF_RM:
  case RV_FMT_FX_RM:
    return ((insn >> 12) & 7) | (insn >> 27) << 3;   /* rm, rs3 */
  case RV_FMT_R:
  case RV_FMT_NONE:
  default:
    return 0;
  }
}

bool
rv_fmt_freg (RvFormat fmt, char which)
{
  switch (fmt) {
  case RV_FMT_FLOAD:   return which == 'd';
  case RV_FMT_FSTORE:  return which == '2';
  case RV_FMT_FR4:
  case RV_FMT_FRRR_RM:
  case RV_FMT_FRRR:
  case RV_FMT_FRR_RM:  return true;
  case RV_FMT_FCMP:
  case RV_FMT_XF:
  case RV_FMT_XF_RM:   return which != 'd';
  case RV_FMT_FX_RM:
  case RV_FMT_FX:      return which == 'd';
  default:             return false;
  }
}

static const RvOpcode *
find_opcode (unsigned xlen, unsigned ext, uint32_t insn)
{
  unsigned want = xlen_bit (xlen);

  for (unsigned i = 0; i < G_N_ELEMENTS (rv_opcodes); i++) {
    const RvOpcode *op = &rv_opcodes[i];

    if ((insn & op->mask) == op->match && (op->xlens & want)
        && (op->ext & ext) == op->ext)
      return op;
  }
  return NULL;
}

static const RvCOpcode *
find_copcode (unsigned xlen, unsigned ext, uint16_t insn)
{
  unsigned want = xlen_bit (xlen);

  for (unsigned i = 0; i < G_N_ELEMENTS (rv_copcodes); i++) {
    const RvCOpcode *cop = &rv_copcodes[i];

    if ((insn & cop->mask) == cop->match && (cop->xlens & want)
        && (cop->ext & ext) == cop->ext)
      return cop;
  }
  return NULL;
}

bool
rv_decode (unsigned xlen, unsigned ext, uint32_t raw, RvDecoded *out)
{
  memset (out, 0, sizeof *out);
  out->len = rv_insn_length (raw);

  if (out->len == 2) {
    out->raw = raw & 0xffff;
    out->cop = find_copcode (xlen, ext, out->raw);
    out->insn = out->cop ? out->cop->expand (out->raw) : 0;
  } else {
    out->raw = raw;
    out->insn = raw;
  }

  out->op = out->insn ? find_opcode (xlen, ext, out->insn) : NULL;
  if (!out->op) {
    out->cop = NULL;
    return false;
  }

  out->rd = (out->insn >> 7) & 31;
  out->rs1 = (out->insn >> 15) & 31;
  out->rs2 = (out->insn >> 20) & 31;
  out->imm = extract_imm (out->op->fmt, out->insn);
  return true;
}

/* ---- what each mnemonic does, one line, for the views ----------------
 * Kept beside the tables: every row's name has a line here (a test looks).
 * Names that differ only by width (.s/.d of F and D, .w/.d of A) share
 * one line, with the width said after it; compressed names say what
 * their 32-bit form does. */

typedef struct {
  const char *name;
  const char *text;
} RvDescription;

static const RvDescription rv_descriptions[] = {
  { "lui", "Load the upper immediate: rd = imm << 12" },
  { "auipc", "Add the upper immediate to pc: rd = pc + (imm << 12)" },
  { "jal", "Jump to pc + offset, saving the return address in rd" },
  { "jalr", "Jump to rs1 + offset, saving the return address in rd" },
  { "beq", "Branch if rs1 equals rs2" },
  { "bne", "Branch if rs1 is not equal to rs2" },
  { "blt", "Branch if rs1 is less than rs2 (signed)" },
  { "bge", "Branch if rs1 is greater than or equal to rs2 (signed)" },
  { "bltu", "Branch if rs1 is less than rs2 (unsigned)" },
  { "bgeu", "Branch if rs1 is greater than or equal to rs2 (unsigned)" },
  { "lb", "Load a byte from rs1 + offset, sign-extended" },
  { "lh", "Load a halfword from rs1 + offset, sign-extended" },
  { "lw", "Load a word from rs1 + offset (sign-extended on RV64)" },
  { "ld", "Load a doubleword from rs1 + offset" },
  { "lbu", "Load a byte from rs1 + offset, zero-extended" },
  { "lhu", "Load a halfword from rs1 + offset, zero-extended" },
  { "lwu", "Load a word from rs1 + offset, zero-extended" },
  { "sb", "Store the low byte of rs2 at rs1 + offset" },
  { "sh", "Store the low halfword of rs2 at rs1 + offset" },
  { "sw", "Store the low word of rs2 at rs1 + offset" },
  { "sd", "Store the doubleword rs2 at rs1 + offset" },
  { "addi", "Add an immediate: rd = rs1 + imm" },
  { "slti", "Set rd to 1 if rs1 < imm (signed), else 0" },
  { "sltiu", "Set rd to 1 if rs1 < imm (unsigned), else 0" },
  { "xori", "Exclusive or with an immediate: rd = rs1 ^ imm" },
  { "ori", "Or with an immediate: rd = rs1 | imm" },
  { "andi", "And with an immediate: rd = rs1 & imm" },
  { "slli", "Shift left by an immediate: rd = rs1 << shamt" },
  { "srli", "Shift right logically by an immediate (zeros in)" },
  { "srai", "Shift right arithmetically by an immediate (sign in)" },
  { "add", "Add: rd = rs1 + rs2" },
  { "sub", "Subtract: rd = rs1 - rs2" },
  { "sll", "Shift left by rs2: rd = rs1 << rs2" },
  { "slt", "Set rd to 1 if rs1 < rs2 (signed), else 0" },
  { "sltu", "Set rd to 1 if rs1 < rs2 (unsigned), else 0" },
  { "xor", "Exclusive or: rd = rs1 ^ rs2" },
  { "srl", "Shift right logically by rs2 (zeros in)" },
  { "sra", "Shift right arithmetically by rs2 (sign in)" },
  { "or", "Or: rd = rs1 | rs2" },
  { "and", "And: rd = rs1 & rs2" },
  { "addiw", "Add an immediate in 32 bits, sign-extend the result" },
  { "slliw", "Shift left in 32 bits by an immediate, sign-extend" },
  { "srliw", "Shift right logically in 32 bits by an immediate, sign-extend" },
  { "sraiw", "Shift right arithmetically in 32 bits by an immediate" },
  { "addw", "Add in 32 bits, sign-extend the result" },
  { "subw", "Subtract in 32 bits, sign-extend the result" },
  { "sllw", "Shift left in 32 bits by rs2, sign-extend" },
  { "srlw", "Shift right logically in 32 bits by rs2, sign-extend" },
  { "sraw", "Shift right arithmetically in 32 bits by rs2" },
  { "fence.tso", "Order loads and stores (total store order fence)" },
  { "fence", "Order earlier memory accesses before later ones" },
  { "fence.i", "Make earlier stores visible to instruction fetches" },
  { "ecall", "Call the execution environment (a trap to a higher mode)" },
  { "ebreak", "Breakpoint: a trap for the debugger" },
  { "mret", "Return from a machine-mode trap to mepc" },
  { "wfi", "Wait for an interrupt" },
  { "sret", "Return from a supervisor-mode trap to sepc" },
  { "sfence.vma", "Order page-table updates before later translations" },
  { "csrrw", "Swap a CSR with rs1: rd = csr, csr = rs1" },
  { "csrrs", "Read a CSR and set the bits of rs1 in it" },
  { "csrrc", "Read a CSR and clear the bits of rs1 in it" },
  { "csrrwi", "Read a CSR and write a 5-bit immediate to it" },
  { "csrrsi", "Read a CSR and set the bits of a 5-bit immediate" },
  { "csrrci", "Read a CSR and clear the bits of a 5-bit immediate" },
  { "mul", "Multiply, low XLEN bits of the product" },
  { "mulh", "Multiply signed by signed, high XLEN bits" },
  { "mulhsu", "Multiply signed by unsigned, high XLEN bits" },
  { "mulhu", "Multiply unsigned by unsigned, high XLEN bits" },
  { "div", "Divide (signed), rounding towards zero" },
  { "divu", "Divide (unsigned)" },
  { "rem", "Remainder of a signed division" },
  { "remu", "Remainder of an unsigned division" },
  { "mulw", "Multiply in 32 bits, sign-extend the result" },
  { "divw", "Divide in 32 bits (signed), sign-extend" },
  { "divuw", "Divide in 32 bits (unsigned), sign-extend" },
  { "remw", "Remainder in 32 bits (signed), sign-extend" },
  { "remuw", "Remainder in 32 bits (unsigned), sign-extend" },
  /* A, any width */
  { "lr", "Load and reserve the address in rs1" },
  { "sc", "Store if the reservation holds; rd = 0 on success" },
  { "amoswap", "Atomically swap memory at rs1 with rs2" },
  { "amoadd", "Atomically add rs2 to memory at rs1" },
  { "amoxor", "Atomically exclusive-or rs2 into memory at rs1" },
  { "amoand", "Atomically and rs2 into memory at rs1" },
  { "amoor", "Atomically or rs2 into memory at rs1" },
  { "amomin", "Atomically keep the signed minimum of memory and rs2" },
  { "amomax", "Atomically keep the signed maximum of memory and rs2" },
  { "amominu", "Atomically keep the unsigned minimum of memory and rs2" },
  { "amomaxu", "Atomically keep the unsigned maximum of memory and rs2" },
  /* F and D, any width */
  { "flw", "Load a single-precision float from rs1 + offset" },
  { "fsw", "Store a single-precision float at rs1 + offset" },
  { "fld", "Load a double-precision float from rs1 + offset" },
  { "fsd", "Store a double-precision float at rs1 + offset" },
  { "fmadd", "Fused multiply-add: rd = rs1 * rs2 + rs3" },
  { "fmsub", "Fused multiply-subtract: rd = rs1 * rs2 - rs3" },
  { "fnmsub", "Negated fused multiply-subtract: rd = -(rs1 * rs2) + rs3" },
  { "fnmadd", "Negated fused multiply-add: rd = -(rs1 * rs2) - rs3" },
  { "fadd", "Floating-point add" },
  { "fsub", "Floating-point subtract" },
  { "fmul", "Floating-point multiply" },
  { "fdiv", "Floating-point divide" },
  { "fsqrt", "Floating-point square root" },
  { "fsgnj", "Copy rs1 with the sign of rs2" },
  { "fsgnjn", "Copy rs1 with the opposite of rs2's sign" },
  { "fsgnjx", "Copy rs1 with the sign of rs1 xor rs2's sign" },
  { "fmin", "Floating-point minimum" },
  { "fmax", "Floating-point maximum" },
  { "feq", "Set rd to 1 if rs1 equals rs2 (quiet compare)" },
  { "flt", "Set rd to 1 if rs1 is less than rs2" },
  { "fle", "Set rd to 1 if rs1 is less than or equal to rs2" },
  { "fclass", "Classify a float: one bit of rd says its kind" },
  { "fcvt", "Convert between integer and floating-point formats" },
  { "fmv.x.w", "Move the bits of a single-precision float to rd" },
  { "fmv.w.x", "Move the low 32 bits of rs1 to a float register" },
  { "fmv.x.d", "Move the bits of a double-precision float to rd" },
  { "fmv.d.x", "Move the bits of rs1 to a float register" },
  /* Compressed forms that say more than their 32-bit form */
  { "c.nop", "No operation" },
  { "c.addi4spn", "Add a scaled immediate to sp: rd' = sp + nzuimm" },
  { "c.addi16sp", "Adjust sp by a multiple of 16: sp = sp + nzimm" },
  { "c.li", "Load an immediate: rd = imm" },
  { "c.mv", "Copy a register: rd = rs2" },
  { "c.j", "Jump to pc + offset" },
  { "c.jr", "Jump to the address in rs1" },
  { "c.beqz", "Branch if rs1' is zero" },
  { "c.bnez", "Branch if rs1' is not zero" },
  { "c.ebreak", "Breakpoint: a trap for the debugger" },
};

/* The line of @name without what the table leaves out: "c." (the
 * 32-bit form's line; "sp" at the end of a stack access too), the width
 * of A, F and D (said after the line). */
static const char *
rv_lookup_description (const char *name, size_t len)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (rv_descriptions); i++)
    if (strlen (rv_descriptions[i].name) == len
        && strncmp (rv_descriptions[i].name, name, len) == 0)
      return rv_descriptions[i].text;
  return NULL;
}

bool
rv_describe (const char *name, char *text, size_t size)
{
  const char *line, *dot;
  const char *width = "";
  size_t len = strlen (name);
  bool compressed = false;

  if ((line = rv_lookup_description (name, len)) != NULL)
    goto found;
  if (g_str_has_prefix (name, "c.")) {
    compressed = true;
    name += 2;
    len -= 2;
    if ((line = rv_lookup_description (name, len)) != NULL)
      goto found;
    /* c.lwsp, c.sdsp, c.fldsp: the load or store, based on sp. */
    if (len > 2 && g_str_has_suffix (name, "sp")
        && (line = rv_lookup_description (name, len - 2)) != NULL)
      goto found;
  }
  /* fadd.s, amoadd.w, lr.d, fcvt.w.s: the width after the name. */
  if ((dot = strchr (name, '.')) != NULL) {
    if ((line = rv_lookup_description (name, (size_t) (dot - name))) == NULL)
      return false;
    if (g_str_has_prefix (name, "fcvt"))
      width = dot;
    else if (dot[1] == 's')
      width = ", single precision";
    else if (dot[1] == 'd')
      width = g_str_has_prefix (name, "f") ? ", double precision" : ", doubleword";
    else if (dot[1] == 'w')
      width = ", word";
    else
      return false;
  }
  if (line == NULL)
    return false;

found:
  if (g_str_has_prefix (name, "fcvt") && *width == '.') {
    /* fcvt.DEST.SRC */
    static const struct { const char *tag, *what; } kinds[] = {
      { "w", "a signed word" }, { "wu", "an unsigned word" },
      { "l", "a signed doubleword" }, { "lu", "an unsigned doubleword" },
      { "s", "single precision" }, { "d", "double precision" },
    };
    g_auto (GStrv) parts = g_strsplit (name, ".", 3);
    const char *to = NULL, *from = NULL;

    for (unsigned i = 0; parts[1] && parts[2] && i < G_N_ELEMENTS (kinds); i++) {
      if (strcmp (parts[1], kinds[i].tag) == 0)
        to = kinds[i].what;
      if (strcmp (parts[2], kinds[i].tag) == 0)
        from = kinds[i].what;
    }
    if (to == NULL || from == NULL)
      return false;
    g_snprintf (text, size, "Convert %s to %s%s", from, to,
                compressed ? " (compressed)" : "");
    return true;
  }
  g_snprintf (text, size, "%s%s%s", line, width, compressed ? " (compressed)" : "");
  return true;
}

const char *
rv_decode_row_name (bool compressed, unsigned i)
{
  if (compressed)
    return i < G_N_ELEMENTS (rv_copcodes) ? rv_copcodes[i].name : NULL;
  return i < G_N_ELEMENTS (rv_opcodes) ? rv_opcodes[i].name : NULL;
}
