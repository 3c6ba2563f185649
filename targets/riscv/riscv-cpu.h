/* Private to targets/riscv/: the hart state and what the files of this
 * folder share.
 *
 * Following one instruction from its bits to its effect:
 *
 *   riscv-decode.c         the table row whose mask/match fits the bits
 *                          (16-bit ones are first expanded to their 32-bit
 *                          form by a second table), its operand format and
 *                          the RvOp it executes as;
 *   riscv-exec.c           the run loop, the decode cache that holds the
 *                          decoded fields and the executor pointer, memory
 *                          access, and the executors of loads and stores,
 *                          fences and A;
 *   riscv-exec-template.h  the executor of each RvOp, compiled four times
 *                          inside riscv-exec.c (XLEN 32 or 64, times
 *                          4-byte or compressed instructions);
 *   riscv-exec-fp.h        the executors of F and D (once, in riscv-exec.c),
 *                          all arithmetic through engine/softfloat.h;
 *   riscv-trap.c           exceptions, traps and interrupts, and ecall,
 *                          ebreak, mret, sret and wfi;
 *   riscv-exec-csr.c       the executors of the CSR instructions;
 *   riscv-exec-private.h   what riscv-exec.c, riscv-trap.c and
 *                          riscv-exec-csr.c take from each other;
 *   riscv-fp-regs.h        the f registers (NaN-boxing, FS Dirty, flags),
 *                          shared with the translated code's helpers;
 *   riscv-csr.c            what the CSR instructions read and write;
 *   riscv-mmu.c            privilege modes, PMP, Sv32/Sv39 translation
 *                          and the software TLB behind the slow paths;
 *   riscv-disas.c          how the same table row is printed;
 *   riscv-regs.c           the register table of the views and debugger;
 *   riscv.c                the class descriptors (IMAC and IMAFDC).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/cpu.h"
#include "engine/memory.h"

G_BEGIN_DECLS

/* ---- what an instruction executes as ------------------------------------ */

/* One value per executor; riscv-decode.c maps bit patterns to these and
 * riscv-exec-template.h gives each one an executor per XLEN. */
typedef enum {
  RV_OP_ILLEGAL,
  /* RV32I / RV64I */
  RV_OP_LUI, RV_OP_AUIPC, RV_OP_JAL, RV_OP_JALR,
  RV_OP_BEQ, RV_OP_BNE, RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU, RV_OP_BGEU,
  RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_LD, RV_OP_LBU, RV_OP_LHU, RV_OP_LWU,
  RV_OP_SB, RV_OP_SH, RV_OP_SW, RV_OP_SD,
  RV_OP_ADDI, RV_OP_SLTI, RV_OP_SLTIU, RV_OP_XORI, RV_OP_ORI, RV_OP_ANDI,
  RV_OP_SLLI, RV_OP_SRLI, RV_OP_SRAI,
  RV_OP_ADD, RV_OP_SUB, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU, RV_OP_XOR,
  RV_OP_SRL, RV_OP_SRA, RV_OP_OR, RV_OP_AND,
  RV_OP_ADDIW, RV_OP_SLLIW, RV_OP_SRLIW, RV_OP_SRAIW,
  RV_OP_ADDW, RV_OP_SUBW, RV_OP_SLLW, RV_OP_SRLW, RV_OP_SRAW,
  RV_OP_FENCE, RV_OP_FENCE_I,
  RV_OP_ECALL, RV_OP_EBREAK, RV_OP_MRET, RV_OP_WFI,
  /* privileged: supervisor mode */
  RV_OP_SRET, RV_OP_SFENCE_VMA,
  /* Zicsr */
  RV_OP_CSRRW, RV_OP_CSRRS, RV_OP_CSRRC,
  RV_OP_CSRRWI, RV_OP_CSRRSI, RV_OP_CSRRCI,
  /* M */
  RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU,
  RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU,
  RV_OP_MULW, RV_OP_DIVW, RV_OP_DIVUW, RV_OP_REMW, RV_OP_REMUW,
  /* A */
  RV_OP_LR_W, RV_OP_SC_W,
  RV_OP_AMOSWAP_W, RV_OP_AMOADD_W, RV_OP_AMOXOR_W, RV_OP_AMOAND_W,
  RV_OP_AMOOR_W, RV_OP_AMOMIN_W, RV_OP_AMOMAX_W, RV_OP_AMOMINU_W,
  RV_OP_AMOMAXU_W,
  RV_OP_LR_D, RV_OP_SC_D,
  RV_OP_AMOSWAP_D, RV_OP_AMOADD_D, RV_OP_AMOXOR_D, RV_OP_AMOAND_D,
  RV_OP_AMOOR_D, RV_OP_AMOMIN_D, RV_OP_AMOMAX_D, RV_OP_AMOMINU_D,
  RV_OP_AMOMAXU_D,
  /* F */
  RV_OP_FLW, RV_OP_FSW,
  RV_OP_FMADD_S, RV_OP_FMSUB_S, RV_OP_FNMSUB_S, RV_OP_FNMADD_S,
  RV_OP_FADD_S, RV_OP_FSUB_S, RV_OP_FMUL_S, RV_OP_FDIV_S, RV_OP_FSQRT_S,
  RV_OP_FSGNJ_S, RV_OP_FSGNJN_S, RV_OP_FSGNJX_S, RV_OP_FMIN_S, RV_OP_FMAX_S,
  RV_OP_FCVT_W_S, RV_OP_FCVT_WU_S, RV_OP_FCVT_L_S, RV_OP_FCVT_LU_S,
  RV_OP_FMV_X_W, RV_OP_FEQ_S, RV_OP_FLT_S, RV_OP_FLE_S, RV_OP_FCLASS_S,
  RV_OP_FCVT_S_W, RV_OP_FCVT_S_WU, RV_OP_FCVT_S_L, RV_OP_FCVT_S_LU,
  RV_OP_FMV_W_X,
  /* D */
  RV_OP_FLD, RV_OP_FSD,
  RV_OP_FMADD_D, RV_OP_FMSUB_D, RV_OP_FNMSUB_D, RV_OP_FNMADD_D,
  RV_OP_FADD_D, RV_OP_FSUB_D, RV_OP_FMUL_D, RV_OP_FDIV_D, RV_OP_FSQRT_D,
  RV_OP_FSGNJ_D, RV_OP_FSGNJN_D, RV_OP_FSGNJX_D, RV_OP_FMIN_D, RV_OP_FMAX_D,
  RV_OP_FCVT_S_D, RV_OP_FCVT_D_S,
  RV_OP_FCVT_W_D, RV_OP_FCVT_WU_D, RV_OP_FCVT_L_D, RV_OP_FCVT_LU_D,
  RV_OP_FMV_X_D, RV_OP_FEQ_D, RV_OP_FLT_D, RV_OP_FLE_D, RV_OP_FCLASS_D,
  RV_OP_FCVT_D_W, RV_OP_FCVT_D_WU, RV_OP_FCVT_D_L, RV_OP_FCVT_D_LU,
  RV_OP_FMV_D_X,
  RV_OP_COUNT
} RvOp;

/* How the operands sit in the instruction: drives both the field
 * extraction of the decoder and the operand text of the disassembler. */
typedef enum {
  RV_FMT_NONE,    /* ecall                                     */
  RV_FMT_R,       /* add   rd, rs1, rs2                         */
  RV_FMT_I,       /* addi  rd, rs1, imm                         */
  RV_FMT_SHIFT,   /* slli  rd, rs1, shamt                       */
  RV_FMT_LOAD,    /* lw    rd, imm(rs1)                         */
  RV_FMT_STORE,   /* sw    rs2, imm(rs1)                        */
  RV_FMT_BRANCH,  /* beq   rs1, rs2, target                     */
  RV_FMT_U,       /* lui   rd, imm[31:12]                       */
  RV_FMT_JAL,     /* jal   rd, target                           */
  RV_FMT_JALR,    /* jalr  rd, imm(rs1)                         */
  RV_FMT_CSR,     /* csrrw rd, csr, rs1      (imm = csr number) */
  RV_FMT_CSRI,    /* csrrwi rd, csr, uimm    (rs1 = uimm)       */
  RV_FMT_LR,      /* lr.w  rd, (rs1)                            */
  RV_FMT_AMO,     /* amoadd.w rd, rs2, (rs1)                    */
  RV_FMT_FENCE,   /* fence pred, succ        (imm = bits 31:20) */
  RV_FMT_SFENCE,  /* sfence.vma rs1, rs2                        */
  /* F and D: "f" operands are floating-point registers, "rm" the rounding
   * mode (printed unless dynamic).  imm holds rm in bits 2:0 and rs3 in
   * bits 7:3 for every format with rm. */
  RV_FMT_FLOAD,   /* flw   fd, imm(rs1)                         */
  RV_FMT_FSTORE,  /* fsw   fs2, imm(rs1)                        */
  RV_FMT_FR4,     /* fmadd.s fd, fs1, fs2, fs3, rm              */
  RV_FMT_FRRR_RM, /* fadd.s fd, fs1, fs2, rm                    */
  RV_FMT_FRRR,    /* fsgnj.s fd, fs1, fs2                       */
  RV_FMT_FRR_RM,  /* fsqrt.s fd, fs1, rm; fcvt.s.d              */
  RV_FMT_FCMP,    /* feq.s rd, fs1, fs2                         */
  RV_FMT_XF,      /* fclass.s rd, fs1; fmv.x.w                  */
  RV_FMT_XF_RM,   /* fcvt.w.s rd, fs1, rm                       */
  RV_FMT_FX_RM,   /* fcvt.s.w fd, rs1, rm                       */
  RV_FMT_FX,      /* fmv.w.x fd, rs1                            */
} RvFormat;

/* Which register widths have an instruction. */
enum {
  RV_XLEN32 = 1 << 0,
  RV_XLEN64 = 1 << 1,
  RV_XLEN_ANY = RV_XLEN32 | RV_XLEN64,
};

/* Extensions a class may have beyond the ones every hart has (I, M, A, C,
 * Zicsr, Zifencei).  A table row naming one only decodes on harts that
 * have it. */
enum {
  RV_EXT_F = 1 << 0,
  RV_EXT_D = 1 << 1,
  RV_EXT_FD = RV_EXT_F | RV_EXT_D,
};

/* A row of the 32-bit decode table. */
typedef struct {
  uint32_t    mask;
  uint32_t    match;   /* (insn & mask) == match; the first row wins */
  RvOp        op;
  const char *name;
  RvFormat    fmt;
  uint8_t     xlens;
  uint8_t     ext;     /* RV_EXT_* the hart needs, 0 for none */
} RvOpcode;

/* A row of the compressed table: a 16-bit pattern and how to rewrite it
 * as the 32-bit instruction it stands for. */
typedef struct {
  uint16_t    mask;
  uint16_t    match;
  const char *name;    /* "c.addi", shown by the disassembler */
  uint8_t     xlens;
  bool        no_operands; /* printed bare ("c.nop") */
  /* Returns the 32-bit equivalent, or 0 for a reserved encoding. */
  uint32_t  (*expand) (uint16_t insn);
  uint8_t     ext;     /* RV_EXT_* the hart needs, 0 for none */
} RvCOpcode;

/* An instruction taken apart. */
typedef struct {
  const RvOpcode  *op;    /* NULL: illegal */
  const RvCOpcode *cop;   /* the compressed row when len == 2 */
  uint32_t raw;           /* the bits as fetched (16 or 32 of them) */
  uint32_t insn;          /* the 32-bit form (expanded when compressed) */
  unsigned len;           /* 2 or 4 */
  unsigned rd, rs1, rs2;
  int32_t  imm;
} RvDecoded;

/* 2 when the first halfword starts a compressed instruction, else 4. */
static inline unsigned
rv_insn_length (uint32_t first_half)
{
  return (first_half & 3) == 3 ? 4 : 2;
}

/* Decodes @raw (the first 16 bits are enough when they say the length is
 * 2) for a hart of @xlen bits with the extensions @ext (RV_EXT_*).
 * Always fills @out; returns false, with out->op == NULL, for an illegal
 * instruction. */
bool rv_decode (unsigned xlen, unsigned ext, uint32_t raw, RvDecoded *out);
/* One line on what instruction @name does ("addi", "c.lwsp", "fadd.d"),
 * from the descriptions kept beside the decode tables, into @text;
 * false when there is none. */
bool rv_describe (const char *name, char *text, size_t size);
/* The name of row @i of the 32-bit or the compressed decode table, NULL
 * past the end (for the tests that every row is described). */
const char *rv_decode_row_name (bool compressed, unsigned i);
/* The RVC format of compressed instruction @mnemonic ("CIW"), or NULL. */
const char *rv_c_format (const char *mnemonic);

/* Writes "addi    a0, a0, 1" for the instruction @raw at @pc. */
void rv_disas_insn (unsigned xlen, unsigned ext, uint64_t pc, uint32_t raw,
                    GString *text);

/* Whether the operand register @which ('d', '1', '2' or '3': rd, rs1,
 * rs2, rs3) of format @fmt is a floating-point register. */
bool rv_fmt_freg (RvFormat fmt, char which);

extern const char *const rv_abi_names[32];
extern const char *const rv_fpr_abi_names[32];
/* "rne" .. "rmm", "dyn"; NULL for the reserved 5 and 6. */
extern const char *const rv_rm_names[8];

/* ---- the hart ------------------------------------------------------------ */

typedef struct RvCpu RvCpu;
typedef struct RvInsn RvInsn;

/* An executor runs one decoded instruction at @pc and returns the next pc.
 * @done is how many instructions this run() has gone through before this
 * one (what mdl_cpu_account needs before a slow-path access).  A return
 * value with bit 0 set (RV_CHECK; pcs are always even) asks the loop to
 * look at the hart: a trap was taken, an interrupt may have become
 * enabled, or run() must stop. */
typedef uint64_t (*RvExecFn) (RvCpu *s, const RvInsn *d, uint64_t pc,
                              uint64_t done);

#define RV_CHECK UINT64_C (1)

/* One entry of the decode cache: everything the executor needs, so that a
 * hit never touches guest memory. */
struct RvInsn {
  uint64_t pc;            /* tag; RV_TAG_EMPTY when unused */
  RvExecFn exec;
  int32_t  imm;           /* immediate, csr number, or fence bits */
  uint32_t raw;           /* instruction bits, for mtval on illegal */
  uint8_t  rd;            /* x0 is written as RV_REG_SINK */
  uint8_t  rs1, rs2;
  uint8_t  len;           /* 2 or 4 */
  uint16_t op;            /* the RvOp: its executor is exec unless a
                             trigger watches the instruction */
};

/* 32 bytes, a power of two.  (24, with a 32-bit tag relative to a base
 * per cache and the length taken from the bits, cost 3.75 more host
 * instructions per guest instruction, for no fewer simulated misses of a
 * 48 KiB L1 on medmark.) */
G_STATIC_ASSERT (sizeof (RvInsn) == 32);

/* A decode remembered by its instruction bits (RvCpu.memo): the fields
 * of an RvInsn that depend on nothing else.  len 0: unused. */
typedef struct {
  uint32_t raw;
  int32_t  imm;
  uint16_t op;
  uint8_t  rd, rs1, rs2;
  uint8_t  len;
} RvDecodeMemo;

#define RV_MEMO_BITS  12

#define RV_TAG_EMPTY  UINT64_C (1)   /* odd: never a pc */
/* Set in the tag of an entry a flush emptied: it no longer hits, but its
 * fields stay those of a real decode of its raw bits, for rv_fill to take
 * back when the same bits are still there. */
#define RV_TAG_STALE  UINT64_C (1)
#define RV_REG_SINK   32             /* where writes to x0 go */
#define RV_ICACHE_BITS 13
#define RV_ICACHE_SIZE (1u << RV_ICACHE_BITS)
#define RV_FILL_LOG    1024

/* Exception and interrupt causes. */
enum {
  RV_EXC_INSN_MISALIGNED = 0,
  RV_EXC_INSN_ACCESS = 1,
  RV_EXC_ILLEGAL = 2,
  RV_EXC_BREAKPOINT = 3,
  RV_EXC_LOAD_MISALIGNED = 4,
  RV_EXC_LOAD_ACCESS = 5,
  RV_EXC_STORE_MISALIGNED = 6,
  RV_EXC_STORE_ACCESS = 7,
  RV_EXC_ECALL_U = 8,
  RV_EXC_ECALL_S = 9,
  RV_EXC_ECALL_M = 11,
  RV_EXC_INSN_PAGE = 12,
  RV_EXC_LOAD_PAGE = 13,
  RV_EXC_STORE_PAGE = 15,

  RV_IRQ_SSI = 1,
  RV_IRQ_MSI = 3,
  RV_IRQ_STI = 5,
  RV_IRQ_MTI = 7,
  RV_IRQ_SEI = 9,
  RV_IRQ_MEI = 11,
};

/* Privilege levels, as encoded in mstatus.MPP and the CSR numbers. */
enum {
  RV_PRIV_U = 0,
  RV_PRIV_S = 1,
  RV_PRIV_M = 3,
};

#define RV_BIT(n)        (UINT64_C (1) << (n))
#define RV_MSTATUS_SIE   RV_BIT (1)
#define RV_MSTATUS_MIE   RV_BIT (3)
#define RV_MSTATUS_SPIE  RV_BIT (5)
#define RV_MSTATUS_MPIE  RV_BIT (7)
#define RV_MSTATUS_SPP   RV_BIT (8)
#define RV_MSTATUS_MPP   (UINT64_C (3) << 11)
#define RV_MSTATUS_MPRV  RV_BIT (17)
#define RV_MSTATUS_SUM   RV_BIT (18)
#define RV_MSTATUS_MXR   RV_BIT (19)
#define RV_MSTATUS_TVM   RV_BIT (20)
#define RV_MSTATUS_TW    RV_BIT (21)
#define RV_MSTATUS_TSR   RV_BIT (22)
#define RV_MSTATUS_UXL   (UINT64_C (3) << 32)
#define RV_MSTATUS_SXL   (UINT64_C (3) << 34)
#define RV_MSTATUS_MPP_SHIFT 11
#define RV_MSTATUS_FS    (UINT64_C (3) << 13)
#define RV_MSTATUS_FS_INITIAL (UINT64_C (1) << 13)
#define RV_MSTATUS_FS_CLEAN   (UINT64_C (2) << 13)
#define RV_MSTATUS_FS_DIRTY   (UINT64_C (3) << 13)

/* The interrupt inputs (set_irq lines, numbered like their mip bits). */
#define RV_MIP_MASK     (RV_BIT (RV_IRQ_MSI) | RV_BIT (RV_IRQ_MTI) | \
                         RV_BIT (RV_IRQ_MEI) | RV_BIT (RV_IRQ_SEI))
/* The mip bits machine mode may write (no Sstc: STIP is one of them). */
#define RV_MIP_SW_MASK  (RV_BIT (RV_IRQ_SSI) | RV_BIT (RV_IRQ_STI) | \
                         RV_BIT (RV_IRQ_SEI))
/* Every interrupt this hart has: mie's writable bits. */
#define RV_MIE_MASK     (RV_MIP_MASK | RV_MIP_SW_MASK)

/* The three kinds of memory access, which translate and check apart. */
typedef enum {
  RV_ACC_FETCH,
  RV_ACC_LOAD,
  RV_ACC_STORE,        /* also AMOs and sc */
  RV_ACC_COUNT
} RvAccess;

/* A software TLB entry: virtual page -> physical page, filled only after
 * the translation and PMP allow the access type on the whole page.  @host
 * is the page in host memory, NULL when it is a device (slow path).  The
 * tag is the virtual page ORed with the key of what the permissions were
 * checked for (rv_tlb_tag), so that a trap into M and the return, or a
 * change of SUM or MXR, need not forget the entries of the other modes. */
typedef struct {
  uint64_t vpage;       /* tag; RV_TAG_EMPTY when unused */
  uint64_t ppage;
  uint8_t *host;
} RvTlbEntry;

#define RV_TLB_BITS   8
#define RV_TLB_SIZE   (1u << RV_TLB_BITS)
#define RV_PAGE_SIZE  UINT64_C (4096)
#define RV_PAGE_MASK  (~(RV_PAGE_SIZE - 1))
#define RV_PMP_COUNT  16
#define RV_JIT_REGIONS 1024   /* Sv39's 512 1 GiB leaves, Sv32's 1024 4 MiB */
#define RV_CODE_PAGES  256
#define RV_TRIG_COUNT 4

/* Decode caches: one per privilege level, so that going between M and S
 * (a trap, an SBI call) keeps both sets of decoded code. */
enum { RV_ICACHE_U, RV_ICACHE_S, RV_ICACHE_M, RV_ICACHE_COUNT };

struct RvCpu {
  MdlCpu cpu;                  /* first: the engine's view */

  /* Architectural state.  Registers are kept zero-extended to 64 bits on
   * RV32; x[RV_REG_SINK] absorbs writes to x0 so that x[0] stays 0. */
  uint64_t x[33];
  uint64_t pc;
  unsigned xlen;               /* 32 or 64, from the class */
  uint64_t xmask;              /* its low bits (rv_xmask), one load */
  unsigned priv;               /* RV_PRIV_U, _S or _M */

  uint64_t mstatus;            /* every field in its RV64 place */
  uint64_t mtvec, mepc, mcause, mtval, mscratch;
  uint64_t mie;
  uint64_t mip;                /* levels of the input lines (RV_MIP_MASK) */
  uint64_t mip_sw;             /* what M wrote to SSIP, STIP, SEIP */
  uint64_t medeleg, mideleg;
  uint32_t mcounteren, scounteren;
  uint64_t stvec, sepc, scause, stval, sscratch, satp;
  uint64_t cycle_offset;       /* mcycle = cpu.retired + cycle_offset */
  uint64_t instret_offset;     /* minstret = cpu.retired + instret_offset */

  /* PMP: the CSRs, and each entry's byte range [lo, last] (empty when
   * lo > last) derived from them on every write. */
  uint8_t  pmpcfg[RV_PMP_COUNT];
  uint64_t pmpaddr[RV_PMP_COUNT];
  uint64_t pmp_lo[RV_PMP_COUNT], pmp_last[RV_PMP_COUNT];
  unsigned pmp_active;         /* entries up to the last one not OFF */
  bool     pmp_locked;         /* some entry has L: M-mode is checked too */

  /* Derived from priv, mstatus, satp and the PMP by rv_mode_changed():
   * whether fetches / loads and stores go through rv_mmu_access (else
   * they use physical addresses unchecked, the machine-mode fast path),
   * and with which privilege they are made. */
  bool     fetch_checked, data_checked;
  unsigned data_priv;
  bool     data_paged;         /* loads and stores are translated */
  /* The TLB key of each access type in the current mode (rv_tlb_tag). */
  uint64_t tlb_key[RV_ACC_COUNT];

  /* LR/SC: the reservation, with the value LR read.  SC also compares the
   * value, so that a store by another hart between LR and SC (harts run in
   * turn, not in parallel) makes it fail. */
  bool     resv_valid;
  unsigned resv_size;
  uint64_t resv_addr;
  uint64_t resv_value;

  /* Sdtrig (riscv-trigger.c): the triggers' tdata1/tdata2, tselect,
   * tcontrol, and whether an armed trigger watches instructions
   * (trig_exec) or loads and stores (trig_data). */
  uint64_t tdata1[RV_TRIG_COUNT], tdata2[RV_TRIG_COUNT];
  unsigned tselect;
  uint64_t tcontrol;
  bool     trig_exec, trig_data;

  /* The executor tables of this XLEN (riscv-exec.c), for 4-byte and for
   * compressed instructions. */
  const RvExecFn *exec_table;
  const RvExecFn *exec_table_c;

  /* Bookkeeping of the current run(). */
  uint64_t run_traps;          /* instructions that trapped (not retired) */
  uint64_t run_accounted;      /* retired ones already given to the engine */
  bool     trapped;            /* set by an exception, read by the loop */
  uint64_t fetch_fault_addr;
  unsigned fetch_fault_cause;
  uint64_t last_exc_pc;        /* to see a trap handler that faults itself */
  unsigned last_exc_cause;

  /* Fast paths to RAM, valid for address-space generation @as_gen.
   * A load at addr hits when addr - ld_base < ld_limit (the window size
   * minus 7, so that any access up to 8 bytes fits).  Unchecked, a window
   * is a whole physical RAM region; checked, it is the one virtual page
   * the last slow-path access found in the TLB. */
  uint64_t as_gen;
  uint64_t ld_base, ld_limit;
  uint8_t *ld_host;
  uint64_t st_base, st_limit;
  uint8_t *st_host;
  MdlRamWindow fetch_win;
  bool     fetch_win_valid;

  /* F and D: f0..f31 (FLEN 64, single values NaN-boxed) and fcsr's two
   * fields.  frm keeps whatever was written, even the reserved values,
   * which make a dynamic rounding mode illegal.  (After the fields of the
   * integer fast path, which keep their places.) */
  uint64_t f[32];
  uint8_t  frm, fflags;
  unsigned ext;                /* RV_EXT_*, from the class */

  RvInsn *icache_cur;          /* the decode cache of the current mode */
  RvInsn fault_entry;          /* not cached: a fetch that failed */
  RvTlbEntry tlb[RV_ACC_COUNT][RV_TLB_SIZE];
  RvInsn icache[RV_ICACHE_COUNT][RV_ICACHE_SIZE];

  /* The entries of each decode cache filled since it was last emptied,
   * while there are at most RV_FILL_LOG of them (fill_n counts one more
   * once there were too many): emptying a cache then clears those
   * instead of all RV_ICACHE_SIZE.  Linux empties the S and U caches on
   * every sfence.vma and all three on every fence.i, thousands of times
   * a second, with a few hundred entries filled in between.
   * fill_tracked is false until the first full clear. */
  uint16_t fill_log[RV_ICACHE_COUNT][RV_FILL_LOG];
  unsigned fill_n[RV_ICACHE_COUNT];
  bool     fill_tracked[RV_ICACHE_COUNT];
  /* The map has an alias, through which a store can reach marked code
   * under another address: fence.i then empties every cache, as it
   * always did (otherwise a store tells this hart of every instruction
   * it decoded, rv_code_written). */
  bool     code_aliased;
  /* The last unmapped range an unchecked load or store met, [hole_base,
   * hole_base + hole_size), valid for the map of as_gen: the next access
   * there faults without searching the map (a nested fault's probe).
   * hole_size 0: none. */
  uint64_t hole_base, hole_size;

  /* The translating tier (riscv-jit.c) could not get code memory: this
   * hart is interpreted. */
  bool     jit_unavailable;
  /* Its blocks of checked code below M carry the epoch of the leaf
   * region of their pc (rv_leaf_region_mask) they were last found valid
   * in; the epoch moves wherever the decode caches of S and U are emptied
   * (satp, sfence.vma, the PMP), so that a block is exactly as valid as a
   * decode-cache entry.  Epochs are handed out from jit_epoch_next. */
  uint32_t jit_epoch[RV_JIT_REGIONS];
  uint32_t jit_epoch_next;
  /* Where translated code goes on after rv_jit_look found the block. */
  const void *jit_next;
  /* Physical pages of paged code marked (rv_note_code_page; + 1: 0 is
   * empty). */
  uint64_t code_pages[RV_CODE_PAGES];

  /* Decodes by instruction bits, direct-mapped: a refill of the decode
   * caches (after sfence.vma, a context switch, code that conflicts in a
   * cache) mostly meets bits it decoded before, and the table search of
   * rv_decode is the costly part of a fill.  A decode depends on the bits
   * alone (XLEN and extensions are the class's), so the table is never
   * emptied. */
  RvDecodeMemo memo[1u << RV_MEMO_BITS];
};

/* riscv-exec.c */
extern const RvExecFn rv32_exec_table[RV_OP_COUNT];
extern const RvExecFn rv32c_exec_table[RV_OP_COUNT];
extern const RvExecFn rv64_exec_table[RV_OP_COUNT];
extern const RvExecFn rv64c_exec_table[RV_OP_COUNT];
uint64_t rv_run (MdlCpu *cpu, uint64_t budget);
void     rv_flush_code (MdlCpu *cpu);
void     rv_flush_checked_code (RvCpu *s);
void     rv_forget_windows (RvCpu *s);
void     rv_note_code (RvCpu *s, uint64_t pc, uint64_t len);
void     rv_note_code_page (RvCpu *s, uint64_t pa);
void     rv_flush_icache_lower (RvCpu *s);
/* The run loop's steps, for the translating tier's dispatcher: what
 * rv_run does before its loop, one dispatch, the interrupt check of its
 * check section, the accounting, and the executor of a decoded
 * instruction. */
void     rv_interp_begin (RvCpu *s);
uint64_t rv_interp_step (RvCpu *s, uint64_t pc, uint64_t done);
uint64_t rv_interp_check_interrupts (RvCpu *s, uint64_t pc);
void     rv_interp_sync (RvCpu *s, uint64_t done);
RvExecFn rv_interp_exec_for (RvCpu *s, const RvDecoded *dec);

/* riscv-jit.c: the class's run_translated. */
uint64_t rv_jit_run (MdlCpu *cpu, uint64_t budget);
/* Forgets the blocks of checked code: all of them, or those whose pc lies
 * in the leaf region of @va (what the decode caches of S and U forget). */
void     rv_jit_forget_lower (RvCpu *s);
void     rv_jit_forget_region (RvCpu *s, uint64_t va);
/* Mask of the XLEN low bits. */
static inline uint64_t
rv_xmask (const RvCpu *s)
{
  return s->xmask;
}

/* riscv-mmu.c */
/* Recomputes what depends on the privilege level, mstatus, satp and the
 * PMP (checked paths, decode cache), dropping cached translations. */
void     rv_mode_changed (RvCpu *s);
/* The same, returning @ret: the tail of a trap or return that changed
 * the mode, which makes no call of its own around it. */
uint64_t rv_mode_changed_ret (RvCpu *s, uint64_t ret);
/* The privileged state at reset: M-mode, no delegation, Bare, no PMP
 * entry.  Also sets up the derived state after init. */
void     rv_priv_reset (RvCpu *s);
/* Forgets every cached translation (sfence.vma, satp, PMP writes). */
void     rv_tlb_flush (RvCpu *s);
/* Forgets the translations cached for stores only (code was marked:
 * stores there must take the slow path, loads and fetches need not). */
void     rv_tlb_flush_stores (RvCpu *s);
/* Forgets the cached translations an sfence.vma for @va concerns: those
 * of every page in the largest leaf that may map @va (the TLB splits
 * superpages into 4 KiB entries). */
void     rv_tlb_flush_region (RvCpu *s, uint64_t va);
/* The bits that name that largest leaf: 1 GiB in Sv39, 4 MiB in Sv32. */
static inline uint64_t
rv_leaf_region_mask (const RvCpu *s)
{
  return ~((UINT64_C (1) << (s->xlen == 32 ? 22 : 30)) - 1);
}
/* The tag of the TLB entry for the page of @va, for the access type
 * whose key (s->tlb_key) is @key: the privilege the access is made with,
 * and for loads and stores SUM and MXR, in the low bits a page address
 * leaves free (bit 0 stays clear: RV_TAG_EMPTY never matches). */
static inline uint64_t
rv_tlb_tag (uint64_t va, uint64_t key)
{
  return (va & RV_PAGE_MASK) | key;
}
/* Recomputes the PMP ranges after a pmpcfg/pmpaddr write. */
void     rv_pmp_update (RvCpu *s);
/* Translates and checks an access of @size bytes at @va that does not
 * cross a page.  Returns 0 with the physical address in @pa and, for
 * RAM, the host pointer to @va's page in @page_host (NULL for a device),
 * or the exception cause. */
unsigned rv_mmu_access (RvCpu *s, uint64_t va, unsigned size, RvAccess acc,
                        uint64_t *pa, uint8_t **page_host);

/* For an untranslated access (Bare, or M-mode): the largest range around
 * @pa inside one RAM region where the PMP allows an access of type @acc
 * as it allows it at @pa.  False when there is none (or translation is
 * on); the executors' windows may then only cover a page. */
bool     rv_mmu_bare_window (RvCpu *s, uint64_t pa, RvAccess acc,
                             uint64_t *base, uint64_t *size, uint8_t **host);
/* Reads the 2 bytes of instruction at @va as the hart would fetch them
 * now (translated when it runs paged), with no side effect: for the
 * disassembler and the views.  False when nothing is there. */
bool     rv_mmu_debug_read16 (RvCpu *s, uint64_t va, uint8_t bytes[2]);

/* riscv-csr.c.  @retiring is 1 when an instruction accesses the CSR (the
 * counters then see the instruction as retired), 0 for a debugger. */
/* Whether the hart, in its current mode, may access @csr at all
 * (privilege, counter enables, mstatus.TVM). */
bool        rv_csr_allowed (const RvCpu *s, unsigned csr);
bool        rv_csr_read  (RvCpu *s, unsigned csr, uint64_t *value);
bool        rv_csr_write (RvCpu *s, unsigned csr, uint64_t value,
                          unsigned retiring);
const char *rv_csr_name  (unsigned csr);
/* Writes mstatus (@value masked to XLEN), as rv_csr_write does. */
void        rv_mstatus_write (RvCpu *s, uint64_t value);
/* The CSRs that are plain storage, which rv_csr_read and rv_csr_write
 * only mask (the scratch, epc, cause and tval of M and S): the field, with
 * the bits a write keeps in @wmask (XLEN aside); NULL for any other. */
static inline uint64_t *
rv_csr_plain (RvCpu *s, unsigned csr, uint64_t *wmask)
{
  *wmask = UINT64_MAX;
  switch (csr) {
  case 0x140: return &s->sscratch;
  case 0x141: *wmask = ~UINT64_C (1); return &s->sepc;   /* IALIGN 16 */
  case 0x142: return &s->scause;
  case 0x143: return &s->stval;
  case 0x340: return &s->mscratch;
  case 0x341: *wmask = ~UINT64_C (1); return &s->mepc;
  case 0x342: return &s->mcause;
  case 0x343: return &s->mtval;
  default:    return NULL;
  }
}

/* What sstatus shows of mstatus, and what it may write. */
#define RV_SSTATUS_MASK  (RV_MSTATUS_SIE | RV_MSTATUS_SPIE | RV_MSTATUS_SPP \
                          | RV_MSTATUS_SUM | RV_MSTATUS_MXR | RV_MSTATUS_UXL \
                          | RV_MSTATUS_FS)
#define RV_SSTATUS_WMASK (RV_MSTATUS_SIE | RV_MSTATUS_SPIE | RV_MSTATUS_SPP \
                          | RV_MSTATUS_SUM | RV_MSTATUS_MXR)
#define RV_MSTATUS_WMASK (RV_SSTATUS_WMASK | RV_MSTATUS_MIE | RV_MSTATUS_MPIE \
                          | RV_MSTATUS_MPP | RV_MSTATUS_MPRV | RV_MSTATUS_TVM \
                          | RV_MSTATUS_TW | RV_MSTATUS_TSR)
/* What changes the permissions of cached translations. */
#define RV_MSTATUS_XLATE (RV_MSTATUS_MPRV | RV_MSTATUS_MPP | RV_MSTATUS_SUM \
                          | RV_MSTATUS_MXR)

/* Writes mstatus as rv_mstatus_write does, but for the call: true when
 * rv_mode_changed must follow.  Inline, so that a handler's restore of
 * mstatus costs no call. */
static inline bool
rv_mstatus_set (RvCpu *s, uint64_t value)
{
  uint64_t old = s->mstatus;
  uint64_t v = value & RV_MSTATUS_WMASK;

  if (s->ext & RV_EXT_F)
    v |= value & RV_MSTATUS_FS;
  /* MPP is WARL over U, S and M: the reserved 2 keeps the old mode. */
  if ((v & RV_MSTATUS_MPP) == (UINT64_C (2) << RV_MSTATUS_MPP_SHIFT))
    v = (v & ~RV_MSTATUS_MPP) | (old & RV_MSTATUS_MPP);
  s->mstatus = v;
  /* MPP only matters to translation while MPRV is set.  The TLB keeps
   * its entries (tagged with the mode, SUM and MXR they were checked
   * for); rv_mode_changed moves to the new key. */
  return ((old ^ v) & RV_MSTATUS_XLATE & ~RV_MSTATUS_MPP)
         || (((old ^ v) & RV_MSTATUS_MPP) && (v & RV_MSTATUS_MPRV));
}

/* mstatus as read: the UXL and SXL of RV64 are fixed at 64 bits; SD, the
 * top bit, says that FS is Dirty. */
static inline uint64_t
rv_mstatus_read (const RvCpu *s)
{
  uint64_t v = s->mstatus;

  if ((v & RV_MSTATUS_FS) == RV_MSTATUS_FS_DIRTY)
    v |= UINT64_C (1) << (s->xlen - 1);
  if (s->xlen == 32)
    return v;
  return v | UINT64_C (2) << 32 | UINT64_C (2) << 34;
}

/* riscv-trigger.c: the Sdtrig trigger module. */
/* All triggers disabled, tselect 0, tcontrol 0. */
void        rv_trigger_reset (RvCpu *s);
/* CSRs 0x7a0..0x7af; false when @csr is not one this module has. */
bool        rv_trigger_csr_read  (RvCpu *s, unsigned csr, uint64_t *value);
bool        rv_trigger_csr_write (RvCpu *s, unsigned csr, uint64_t value);
const char *rv_trigger_csr_name  (unsigned csr);
/* Whether an execute trigger matches @pc in some mode (decode time). */
bool        rv_trigger_exec_watched (const RvCpu *s, uint64_t pc);
/* Whether a trigger fires now for the instruction at @pc, or for a load
 * or store at @addr: the caller raises the breakpoint exception. */
bool        rv_trigger_exec (RvCpu *s, uint64_t pc);
bool        rv_trigger_data (RvCpu *s, uint64_t addr, bool store);
/* tcontrol.mte/mpte across a trap into M-mode and mret. */
void        rv_trigger_trap_to_m (RvCpu *s);
void        rv_trigger_mret (RvCpu *s);

/* riscv-regs.c */
/* x0..x31, pc, then 15 machine CSRs (17 on RV32: mcycleh, minstreth);
 * with F and D then f0..f31, fflags, frm and fcsr. */
#define RV_REG_PC     32
#define RV32_N_REGS   (RV_REG_PC + 1 + 17)
#define RV64_N_REGS   (RV_REG_PC + 1 + 15)
#define RV_N_FP_REGS  35
#define RV32FD_N_REGS (RV32_N_REGS + RV_N_FP_REGS)
#define RV64FD_N_REGS (RV64_N_REGS + RV_N_FP_REGS)
extern const MdlRegInfo rv32_regs[RV32_N_REGS];
extern const MdlRegInfo rv64_regs[RV64_N_REGS];
extern const MdlRegInfo rv32fd_regs[RV32FD_N_REGS];
extern const MdlRegInfo rv64fd_regs[RV64FD_N_REGS];
uint64_t rv_reg_read  (MdlCpu *cpu, unsigned reg);
void     rv_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value);

/* riscv-disas.c */
bool     rv_insn_info (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info);
unsigned rv_disas (MdlCpu *cpu, uint64_t pc, GString *text);

/* riscv-snapshot.c: the class's saved-state hooks (engine/snapshot.h). */
void rv_save (MdlCpu *cpu, MdlStateWriter *w);
bool rv_restore (MdlCpu *cpu, MdlStateReader *r, GError **error);

G_END_DECLS
