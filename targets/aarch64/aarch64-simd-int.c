/* Advanced SIMD integer, permute and structure load/store: the rows of
 * a64_simd_int_opcodes and their text.  a64_decode searches this table
 * after the main one, so a row here never shadows a scalar instruction;
 * it comes before the floating-point table, so every row names its
 * opcode bits exactly and leaves the FP opcodes alone.
 *
 * A row's variant is its print format (P_*); the executors
 * (aarch64-simd-move.c, aarch64-simd-arith.c) read their fields from the
 * bits.  The text follows GNU objdump, preferred aliases included (mov,
 * mvn, sxtl/uxtl, the "2" suffix of the upper-half forms).
 */
#include "aarch64-simd-int.h"

#include <inttypes.h>

/* clang-format off */
enum {
  P_LDM,      /* ld1 {v0.16b, v1.16b}, [x1], #32        */
  P_LDS,      /* ld1 {v0.b}[3], [x1]                    */
  P_LDR,      /* ld1r {v0.4s}, [x1], #4                 */
  P_DUPE,     /* dup v0.4s, v1.s[1]                     */
  P_DUPG,     /* dup v0.8b, w1                          */
  P_INSG,     /* mov v0.s[1], w1                        */
  P_INSE,     /* mov v0.s[1], v1.s[0]                   */
  P_SMOV,     /* smov x0, v1.b[0]                       */
  P_UMOV,     /* umov w0, v1.b[0] / mov w0, v1.s[0]     */
  P_SDUP,     /* mov b0, v1.b[3]                        */
  P_MODIMM,   /* movi v0.4s, #0x12, lsl #8              */
  P_3SAME,    /* add v0.16b, v1.16b, v2.16b / add d0, d1, d2 */
  P_LOGIC,    /* orr v0.16b, v1.16b, v2.16b             */
  P_EXT,      /* ext v0.16b, v1.16b, v2.16b, #3         */
  P_TBL,      /* tbl v0.16b, {v1.16b}, v2.16b           */
  P_3LONG,    /* saddl v0.8h, v1.8b, v2.8b / sqdmull s0, h1, h2 */
  P_3WIDE,    /* saddw v0.8h, v1.8h, v2.8b              */
  P_3NARROW,  /* addhn v0.8b, v1.8h, v2.8h              */
  P_2SAME,    /* abs v0.4s, v1.4s / abs d0, d1          */
  P_2CMP0,    /* cmeq v0.16b, v1.16b, #0                */
  P_2PAIR,    /* saddlp v0.4h, v1.8b                    */
  P_2NARROW,  /* xtn v0.8b, v1.8h / sqxtn s0, d1        */
  P_2SHLL,    /* shll v0.8h, v1.8b, #8                  */
  P_2BYTE,    /* mvn v0.16b, v1.16b; rbit v0.8b, v1.8b  */
  P_ACROSS,   /* addv b0, v1.16b                        */
  P_ACROSSL,  /* saddlv h0, v1.16b                      */
  P_SPAIR,    /* addp d0, v1.2d                         */
  P_SHR,      /* sshr v0.4s, v1.4s, #3 / sshr d0, d1, #3 */
  P_SHL,      /* shl v0.4s, v1.4s, #3                   */
  P_SHRN,     /* shrn v0.8b, v1.8h, #3 / sqshrn b0, h1, #3 */
  P_SHLL,     /* sshll v0.8h, v1.8b, #3 / sxtl          */
  P_ELEM,     /* mul v0.4s, v1.4s, v2.s[1]              */
  P_ELEML,    /* smull v0.4s, v1.4h, v2.h[1]            */
};
/* clang-format on */

#define SROW(mask, match, name, variant, ex)                                                       \
  {                                                                                                \
    mask, match, name, A64_FMT_SIMD_INT, a64_x_simd_##ex, variant                                  \
  }

/* Vector and scalar three same: U, opcode (bits 15:11). */
#define V3(u, opc, name, p)  SROW (0xbf20fc00, 0x0e200400 | (u) << 29 | (opc) << 11, name, p, 3same)
#define S3(u, opc, name)     SROW (0xff20fc00, 0x5e200400 | (u) << 29 | (opc) << 11, name, P_3SAME, 3same)
/* Three different: U, opcode (bits 15:12). */
#define D3(u, opc, name, p)  SROW (0xbf20fc00, 0x0e200000 | (u) << 29 | (opc) << 12, name, p, 3diff)
#define SD3(opc, name)       SROW (0xff20fc00, 0x5e200000 | (opc) << 12, name, P_3LONG, 3diff)
/* Two-register miscellaneous: U, opcode (bits 16:12). */
#define M2(u, opc, name, p)  SROW (0xbf3ffc00, 0x0e200800 | (u) << 29 | (opc) << 12, name, p, 2misc)
#define SM2(u, opc, name, p) SROW (0xff3ffc00, 0x5e200800 | (u) << 29 | (opc) << 12, name, p, 2misc)
/* Across lanes. */
#define AL(u, opc, name, p)  SROW (0xbf3ffc00, 0x0e300800 | (u) << 29 | (opc) << 12, name, p, across)
/* Shift by immediate: U, opcode (bits 15:11); immh (22:19) is not 0. */
#define SH(u, opc, name, p)  SROW (0xbf80fc00, 0x0f000400 | (u) << 29 | (opc) << 11, name, p, shift)
#define SSH(u, opc, name, p) SROW (0xff80fc00, 0x5f000400 | (u) << 29 | (opc) << 11, name, p, shift)
/* By element: U, opcode (bits 15:12). */
#define EL(u, opc, name, p)  SROW (0xbf00f400, 0x0f000000 | (u) << 29 | (opc) << 12, name, p, elem)
#define SEL(opc, name, p)    SROW (0xff00f400, 0x5f000000 | (opc) << 12, name, p, elem)
/* Structure loads/stores: multiple (L, opcode), single (L, R, opcode<0>). */
#define LDM(l, opc, name)    SROW (0xbf60f000, 0x0c000000 | (l) << 22 | (opc) << 12, name, P_LDM, ldst_multi)
#define LDS(l, r, o, name)   SROW (0xbf602000, 0x0d000000 | (l) << 22 | (r) << 21 | (o) << 13, name, P_LDS, ldst_single)
#define LDR(r, o, name)      SROW (0xbf60e000, 0x0d40c000 | (r) << 21 | (o) << 13, name, P_LDR, ldst_single)
/* Modified immediate: op, the cmode bits the mask holds. */
#define MI(mask, op, cmode, name) SROW (0xbff80c00 | (mask), 0x0f000400 | (op) << 29 | (cmode) << 12, name, P_MODIMM, modimm)

/* clang-format off */
const A64Opcode a64_simd_int_opcodes[] = {
  /* ---- structure loads and stores ---- */
  LDM (0, 0x0, "st4"), LDM (0, 0x2, "st1"), LDM (0, 0x4, "st3"), LDM (0, 0x6, "st1"),
  LDM (0, 0x7, "st1"), LDM (0, 0x8, "st2"), LDM (0, 0xa, "st1"),
  LDM (1, 0x0, "ld4"), LDM (1, 0x2, "ld1"), LDM (1, 0x4, "ld3"), LDM (1, 0x6, "ld1"),
  LDM (1, 0x7, "ld1"), LDM (1, 0x8, "ld2"), LDM (1, 0xa, "ld1"),
  LDR (0, 0, "ld1r"), LDR (1, 0, "ld2r"), LDR (0, 1, "ld3r"), LDR (1, 1, "ld4r"),
  LDS (0, 0, 0, "st1"), LDS (0, 1, 0, "st2"), LDS (0, 0, 1, "st3"), LDS (0, 1, 1, "st4"),
  LDS (1, 0, 0, "ld1"), LDS (1, 1, 0, "ld2"), LDS (1, 0, 1, "ld3"), LDS (1, 1, 1, "ld4"),

  /* ---- copy, modified immediate, permute, ext, table lookup ---- */
  SROW (0xbfe0fc00, 0x0e000400, "dup",  P_DUPE, copy),
  SROW (0xbfe0fc00, 0x0e000c00, "dup",  P_DUPG, copy),
  SROW (0xffe0fc00, 0x4e001c00, "mov",  P_INSG, copy),
  SROW (0xbfe0fc00, 0x0e002c00, "smov", P_SMOV, copy),
  SROW (0xbfe0fc00, 0x0e003c00, "umov", P_UMOV, copy),
  SROW (0xffe08400, 0x6e000400, "mov",  P_INSE, copy),
  SROW (0xffe0fc00, 0x5e000400, "mov",  P_SDUP, copy),
  MI (0x9000, 0, 0x0, "movi"), MI (0x9000, 0, 0x1, "orr"),
  MI (0x9000, 1, 0x0, "mvni"), MI (0x9000, 1, 0x1, "bic"),
  MI (0xd000, 0, 0x8, "movi"), MI (0xd000, 0, 0x9, "orr"),
  MI (0xd000, 1, 0x8, "mvni"), MI (0xd000, 1, 0x9, "bic"),
  MI (0xe000, 0, 0xc, "movi"), MI (0xe000, 1, 0xc, "mvni"),
  MI (0xf000, 0, 0xe, "movi"), MI (0xf000, 1, 0xe, "movi"),
  SROW (0xbf20fc00, 0x0e001800, "uzp1", P_3SAME, perm),
  SROW (0xbf20fc00, 0x0e002800, "trn1", P_3SAME, perm),
  SROW (0xbf20fc00, 0x0e003800, "zip1", P_3SAME, perm),
  SROW (0xbf20fc00, 0x0e005800, "uzp2", P_3SAME, perm),
  SROW (0xbf20fc00, 0x0e006800, "trn2", P_3SAME, perm),
  SROW (0xbf20fc00, 0x0e007800, "zip2", P_3SAME, perm),
  SROW (0xbfe08400, 0x2e000000, "ext",  P_EXT, ext),
  SROW (0xbfe09c00, 0x0e000000, "tbl",  P_TBL, tbl),
  SROW (0xbfe09c00, 0x0e001000, "tbx",  P_TBL, tbl),

  /* ---- three same ---- */
  V3 (0, 0x00, "shadd", P_3SAME),  V3 (1, 0x00, "uhadd", P_3SAME),
  V3 (0, 0x01, "sqadd", P_3SAME),  V3 (1, 0x01, "uqadd", P_3SAME),
  V3 (0, 0x02, "srhadd", P_3SAME), V3 (1, 0x02, "urhadd", P_3SAME),
  V3 (0, 0x04, "shsub", P_3SAME),  V3 (1, 0x04, "uhsub", P_3SAME),
  V3 (0, 0x05, "sqsub", P_3SAME),  V3 (1, 0x05, "uqsub", P_3SAME),
  V3 (0, 0x06, "cmgt", P_3SAME),   V3 (1, 0x06, "cmhi", P_3SAME),
  V3 (0, 0x07, "cmge", P_3SAME),   V3 (1, 0x07, "cmhs", P_3SAME),
  V3 (0, 0x08, "sshl", P_3SAME),   V3 (1, 0x08, "ushl", P_3SAME),
  V3 (0, 0x09, "sqshl", P_3SAME),  V3 (1, 0x09, "uqshl", P_3SAME),
  V3 (0, 0x0a, "srshl", P_3SAME),  V3 (1, 0x0a, "urshl", P_3SAME),
  V3 (0, 0x0b, "sqrshl", P_3SAME), V3 (1, 0x0b, "uqrshl", P_3SAME),
  V3 (0, 0x0c, "smax", P_3SAME),   V3 (1, 0x0c, "umax", P_3SAME),
  V3 (0, 0x0d, "smin", P_3SAME),   V3 (1, 0x0d, "umin", P_3SAME),
  V3 (0, 0x0e, "sabd", P_3SAME),   V3 (1, 0x0e, "uabd", P_3SAME),
  V3 (0, 0x0f, "saba", P_3SAME),   V3 (1, 0x0f, "uaba", P_3SAME),
  V3 (0, 0x10, "add", P_3SAME),    V3 (1, 0x10, "sub", P_3SAME),
  V3 (0, 0x11, "cmtst", P_3SAME),  V3 (1, 0x11, "cmeq", P_3SAME),
  V3 (0, 0x12, "mla", P_3SAME),    V3 (1, 0x12, "mls", P_3SAME),
  V3 (0, 0x13, "mul", P_3SAME),    V3 (1, 0x13, "pmul", P_3SAME),
  V3 (0, 0x14, "smaxp", P_3SAME),  V3 (1, 0x14, "umaxp", P_3SAME),
  V3 (0, 0x15, "sminp", P_3SAME),  V3 (1, 0x15, "uminp", P_3SAME),
  V3 (0, 0x16, "sqdmulh", P_3SAME), V3 (1, 0x16, "sqrdmulh", P_3SAME),
  V3 (0, 0x17, "addp", P_3SAME),
  SROW (0xbfe0fc00, 0x0e201c00, "and", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x0e601c00, "bic", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x0ea01c00, "orr", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x0ee01c00, "orn", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x2e201c00, "eor", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x2e601c00, "bsl", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x2ea01c00, "bit", P_LOGIC, logic),
  SROW (0xbfe0fc00, 0x2ee01c00, "bif", P_LOGIC, logic),
  S3 (0, 0x01, "sqadd"),  S3 (1, 0x01, "uqadd"),
  S3 (0, 0x05, "sqsub"),  S3 (1, 0x05, "uqsub"),
  S3 (0, 0x06, "cmgt"),   S3 (1, 0x06, "cmhi"),
  S3 (0, 0x07, "cmge"),   S3 (1, 0x07, "cmhs"),
  S3 (0, 0x08, "sshl"),   S3 (1, 0x08, "ushl"),
  S3 (0, 0x09, "sqshl"),  S3 (1, 0x09, "uqshl"),
  S3 (0, 0x0a, "srshl"),  S3 (1, 0x0a, "urshl"),
  S3 (0, 0x0b, "sqrshl"), S3 (1, 0x0b, "uqrshl"),
  S3 (0, 0x10, "add"),    S3 (1, 0x10, "sub"),
  S3 (0, 0x11, "cmtst"),  S3 (1, 0x11, "cmeq"),
  S3 (0, 0x16, "sqdmulh"), S3 (1, 0x16, "sqrdmulh"),

  /* ---- three different ---- */
  D3 (0, 0x0, "saddl", P_3LONG),   D3 (1, 0x0, "uaddl", P_3LONG),
  D3 (0, 0x1, "saddw", P_3WIDE),   D3 (1, 0x1, "uaddw", P_3WIDE),
  D3 (0, 0x2, "ssubl", P_3LONG),   D3 (1, 0x2, "usubl", P_3LONG),
  D3 (0, 0x3, "ssubw", P_3WIDE),   D3 (1, 0x3, "usubw", P_3WIDE),
  D3 (0, 0x4, "addhn", P_3NARROW), D3 (1, 0x4, "raddhn", P_3NARROW),
  D3 (0, 0x5, "sabal", P_3LONG),   D3 (1, 0x5, "uabal", P_3LONG),
  D3 (0, 0x6, "subhn", P_3NARROW), D3 (1, 0x6, "rsubhn", P_3NARROW),
  D3 (0, 0x7, "sabdl", P_3LONG),   D3 (1, 0x7, "uabdl", P_3LONG),
  D3 (0, 0x8, "smlal", P_3LONG),   D3 (1, 0x8, "umlal", P_3LONG),
  D3 (0, 0x9, "sqdmlal", P_3LONG),
  D3 (0, 0xa, "smlsl", P_3LONG),   D3 (1, 0xa, "umlsl", P_3LONG),
  D3 (0, 0xb, "sqdmlsl", P_3LONG),
  D3 (0, 0xc, "smull", P_3LONG),   D3 (1, 0xc, "umull", P_3LONG),
  D3 (0, 0xd, "sqdmull", P_3LONG),
  D3 (0, 0xe, "pmull", P_3LONG),
  SD3 (0x9, "sqdmlal"), SD3 (0xb, "sqdmlsl"), SD3 (0xd, "sqdmull"),

  /* ---- two-register miscellaneous ---- */
  SROW (0xbffffc00, 0x2e205800, "not",  P_2BYTE, 2misc),
  SROW (0xbffffc00, 0x2e605800, "rbit", P_2BYTE, 2misc),
  M2 (0, 0x00, "rev64", P_2SAME),  M2 (1, 0x00, "rev32", P_2SAME),
  M2 (0, 0x01, "rev16", P_2SAME),
  M2 (0, 0x02, "saddlp", P_2PAIR), M2 (1, 0x02, "uaddlp", P_2PAIR),
  M2 (0, 0x03, "suqadd", P_2SAME), M2 (1, 0x03, "usqadd", P_2SAME),
  M2 (0, 0x04, "cls", P_2SAME),    M2 (1, 0x04, "clz", P_2SAME),
  M2 (0, 0x05, "cnt", P_2SAME),
  M2 (0, 0x06, "sadalp", P_2PAIR), M2 (1, 0x06, "uadalp", P_2PAIR),
  M2 (0, 0x07, "sqabs", P_2SAME),  M2 (1, 0x07, "sqneg", P_2SAME),
  M2 (0, 0x08, "cmgt", P_2CMP0),   M2 (1, 0x08, "cmge", P_2CMP0),
  M2 (0, 0x09, "cmeq", P_2CMP0),   M2 (1, 0x09, "cmle", P_2CMP0),
  M2 (0, 0x0a, "cmlt", P_2CMP0),
  M2 (0, 0x0b, "abs", P_2SAME),    M2 (1, 0x0b, "neg", P_2SAME),
  M2 (0, 0x12, "xtn", P_2NARROW),  M2 (1, 0x12, "sqxtun", P_2NARROW),
  M2 (1, 0x13, "shll", P_2SHLL),
  M2 (0, 0x14, "sqxtn", P_2NARROW), M2 (1, 0x14, "uqxtn", P_2NARROW),
  SM2 (0, 0x03, "suqadd", P_2SAME), SM2 (1, 0x03, "usqadd", P_2SAME),
  SM2 (0, 0x07, "sqabs", P_2SAME),  SM2 (1, 0x07, "sqneg", P_2SAME),
  SM2 (0, 0x08, "cmgt", P_2CMP0),   SM2 (1, 0x08, "cmge", P_2CMP0),
  SM2 (0, 0x09, "cmeq", P_2CMP0),   SM2 (1, 0x09, "cmle", P_2CMP0),
  SM2 (0, 0x0a, "cmlt", P_2CMP0),
  SM2 (0, 0x0b, "abs", P_2SAME),    SM2 (1, 0x0b, "neg", P_2SAME),
  SM2 (1, 0x12, "sqxtun", P_2NARROW),
  SM2 (0, 0x14, "sqxtn", P_2NARROW), SM2 (1, 0x14, "uqxtn", P_2NARROW),

  /* ---- across lanes, scalar pairwise ---- */
  AL (0, 0x03, "saddlv", P_ACROSSL), AL (1, 0x03, "uaddlv", P_ACROSSL),
  AL (0, 0x0a, "smaxv", P_ACROSS),   AL (1, 0x0a, "umaxv", P_ACROSS),
  AL (0, 0x1a, "sminv", P_ACROSS),   AL (1, 0x1a, "uminv", P_ACROSS),
  AL (0, 0x1b, "addv", P_ACROSS),
  SROW (0xff3ffc00, 0x5e31b800, "addp", P_SPAIR, addp_scalar),

  /* ---- shift by immediate ---- */
  SH (0, 0x00, "sshr", P_SHR),     SH (1, 0x00, "ushr", P_SHR),
  SH (0, 0x02, "ssra", P_SHR),     SH (1, 0x02, "usra", P_SHR),
  SH (0, 0x04, "srshr", P_SHR),    SH (1, 0x04, "urshr", P_SHR),
  SH (0, 0x06, "srsra", P_SHR),    SH (1, 0x06, "ursra", P_SHR),
  SH (1, 0x08, "sri", P_SHR),
  SH (0, 0x0a, "shl", P_SHL),      SH (1, 0x0a, "sli", P_SHL),
  SH (1, 0x0c, "sqshlu", P_SHL),
  SH (0, 0x0e, "sqshl", P_SHL),    SH (1, 0x0e, "uqshl", P_SHL),
  SH (0, 0x10, "shrn", P_SHRN),    SH (1, 0x10, "sqshrun", P_SHRN),
  SH (0, 0x11, "rshrn", P_SHRN),   SH (1, 0x11, "sqrshrun", P_SHRN),
  SH (0, 0x12, "sqshrn", P_SHRN),  SH (1, 0x12, "uqshrn", P_SHRN),
  SH (0, 0x13, "sqrshrn", P_SHRN), SH (1, 0x13, "uqrshrn", P_SHRN),
  SH (0, 0x14, "sshll", P_SHLL),   SH (1, 0x14, "ushll", P_SHLL),
  SSH (0, 0x00, "sshr", P_SHR),    SSH (1, 0x00, "ushr", P_SHR),
  SSH (0, 0x02, "ssra", P_SHR),    SSH (1, 0x02, "usra", P_SHR),
  SSH (0, 0x04, "srshr", P_SHR),   SSH (1, 0x04, "urshr", P_SHR),
  SSH (0, 0x06, "srsra", P_SHR),   SSH (1, 0x06, "ursra", P_SHR),
  SSH (1, 0x08, "sri", P_SHR),
  SSH (0, 0x0a, "shl", P_SHL),     SSH (1, 0x0a, "sli", P_SHL),
  SSH (1, 0x0c, "sqshlu", P_SHL),
  SSH (0, 0x0e, "sqshl", P_SHL),   SSH (1, 0x0e, "uqshl", P_SHL),
  SSH (1, 0x10, "sqshrun", P_SHRN), SSH (1, 0x11, "sqrshrun", P_SHRN),
  SSH (0, 0x12, "sqshrn", P_SHRN),  SSH (1, 0x12, "uqshrn", P_SHRN),
  SSH (0, 0x13, "sqrshrn", P_SHRN), SSH (1, 0x13, "uqrshrn", P_SHRN),

  /* ---- by element ---- */
  EL (1, 0x0, "mla", P_ELEM),      EL (1, 0x4, "mls", P_ELEM),
  EL (0, 0x8, "mul", P_ELEM),
  EL (0, 0xc, "sqdmulh", P_ELEM),  EL (0, 0xd, "sqrdmulh", P_ELEM),
  EL (0, 0x2, "smlal", P_ELEML),   EL (1, 0x2, "umlal", P_ELEML),
  EL (0, 0x6, "smlsl", P_ELEML),   EL (1, 0x6, "umlsl", P_ELEML),
  EL (0, 0xa, "smull", P_ELEML),   EL (1, 0xa, "umull", P_ELEML),
  EL (0, 0x3, "sqdmlal", P_ELEML), EL (0, 0x7, "sqdmlsl", P_ELEML),
  EL (0, 0xb, "sqdmull", P_ELEML),
  SEL (0x3, "sqdmlal", P_ELEML), SEL (0x7, "sqdmlsl", P_ELEML), SEL (0xb, "sqdmull", P_ELEML),
  SEL (0xc, "sqdmulh", P_ELEM),  SEL (0xd, "sqrdmulh", P_ELEM),
};
/* clang-format on */

const unsigned a64_n_simd_int_opcodes = G_N_ELEMENTS (a64_simd_int_opcodes);

/* ---- text ---- */

static const char *const arrangements[8] = { "8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d" };

static const char *
arr (unsigned es, bool q)
{
  return arrangements[(es & 3) * 2 + q];
}

static char
letter (unsigned es)
{
  return "bhsdq"[es < 4 ? es : 4];
}

/* "{v0.16b, v1.16b}" or, for three or four registers in a row that do
 * not wrap past v31, "{v0.16b-v3.16b}". */
static void
reg_list (GString *t, unsigned first, unsigned n, const char *suffix)
{
  if (n >= 3 && first + n - 1 <= 31) {
    g_string_append_printf (t, "{v%u.%s-v%u.%s}", first, suffix, first + n - 1, suffix);
    return;
  }
  g_string_append_c (t, '{');
  for (unsigned k = 0; k < n; k++)
    g_string_append_printf (t, "%sv%u.%s", k ? ", " : "", (first + k) & 31, suffix);
  g_string_append_c (t, '}');
}

/* General register @r as x/w, 31 being the zero register. */
static const char *
xreg (char *buf, unsigned r, bool x)
{
  if (r == 31)
    return x ? "xzr" : "wzr";
  g_snprintf (buf, 8, "%c%u", x ? 'x' : 'w', r);
  return buf;
}

static void
base_post (GString *t, uint32_t i, unsigned imm)
{
  unsigned rn = SIMD_RN (i), rm = SIMD_RM (i);

  if (rn == 31)
    g_string_append (t, ", [sp]");
  else
    g_string_append_printf (t, ", [x%u]", rn);
  if ((i >> 23) & 1) {
    if (rm == 31)
      g_string_append_printf (t, ", #%u", imm);
    else
      g_string_append_printf (t, ", x%u", rm);
  }
}

static void
undefined_text (uint32_t i, GString *text)
{
  g_string_append_printf (text, ".inst   0x%08x ; undefined", i);
}

static bool
valid (const A64Opcode *op, uint32_t i)
{
#define A64_SIMD_VALID(n)                                                                          \
  if (op->exec == a64_x_simd_##n)                                                                  \
    return a64_simd_ok_##n (i);
  A64_SIMD_INT_EXECUTORS (A64_SIMD_VALID)
#undef A64_SIMD_VALID
  return true;
}

void
a64_simd_int_disas (const A64Opcode *op, uint64_t pc, uint32_t i, GString *t)
{
  unsigned rd = SIMD_RD (i), rn = SIMD_RN (i), rm = SIMD_RM (i), es = SIMD_SIZE (i);
  bool q = SIMD_Q (i), scalar = (i >> 28) & 1, two = false;
  const char *name = op->name;
  GString *o = g_string_new (NULL);
  unsigned immh = (i >> 19) & 15, immhb = (i >> 16) & 127;
  unsigned ses = immh ? 31u - (unsigned) __builtin_clz (immh) : 0; /* shift element size */

  (void) pc;
  if (!valid (op, i)) {
    g_string_free (o, TRUE);
    undefined_text (i, t);
    return;
  }
  switch (op->variant) {
  case P_LDM: {
    static const uint8_t regs_of[16] = { 4, 0, 4, 0, 3, 0, 3, 1, 2, 0, 2 };
    unsigned sz = (i >> 10) & 3, n = regs_of[(i >> 12) & 15];
    reg_list (o, rd, n, arr (sz, q));
    base_post (o, i, (8u << q) * n);
    break;
  }
  case P_LDS:
  case P_LDR: {
    unsigned opc = (i >> 13) & 7, sb = (i >> 12) & 1, sz = (i >> 10) & 3, scale = opc >> 1, idx;
    unsigned n = ((opc & 1) << 1 | ((i >> 21) & 1)) + 1;
    char suf[4];
    if (op->variant == P_LDR) {
      reg_list (o, rd, n, arr (sz, q));
      base_post (o, i, n << sz);
      break;
    }
    if (scale == 3) {
      g_string_free (o, TRUE);
      undefined_text (i, t);
      return;
    }
    if (scale == 0)
      idx = q << 3 | sb << 2 | sz;
    else if (scale == 1)
      idx = q << 2 | sb << 1 | (sz >> 1);
    else if (sz == 0)
      idx = q << 1 | sb;
    else
      scale = 3, idx = q;
    suf[0] = letter (scale), suf[1] = 0;
    reg_list (o, rd, n, suf);
    g_string_append_printf (o, "[%u]", idx);
    base_post (o, i, n << scale);
    break;
  }
  case P_DUPE:
  case P_DUPG:
  case P_INSG:
  case P_INSE:
  case P_SMOV:
  case P_UMOV:
  case P_SDUP: {
    unsigned imm5 = (i >> 16) & 31, ces = imm5 ? (unsigned) __builtin_ctz (imm5) : 4;
    unsigned idx = ces < 4 ? imm5 >> (ces + 1) : 0;
    char buf[8];
    if (ces > 3) {
      g_string_free (o, TRUE);
      undefined_text (i, t);
      return;
    }
    switch (op->variant) {
    case P_DUPE:
      g_string_append_printf (o, "v%u.%s, v%u.%c[%u]", rd, arr (ces, q), rn, letter (ces), idx);
      break;
    case P_DUPG:
      g_string_append_printf (o, "v%u.%s, %s", rd, arr (ces, q), xreg (buf, rn, ces == 3));
      break;
    case P_INSG:
      g_string_append_printf (o, "v%u.%c[%u], %s", rd, letter (ces), idx, xreg (buf, rn, ces == 3));
      break;
    case P_INSE:
      g_string_append_printf (o, "v%u.%c[%u], v%u.%c[%u]", rd, letter (ces), idx, rn, letter (ces),
                              ((i >> 11) & 15) >> ces);
      break;
    case P_SDUP:
      g_string_append_printf (o, "%c%u, v%u.%c[%u]", letter (ces), rd, rn, letter (ces), idx);
      break;
    default:
      if (op->variant == P_UMOV && ((ces == 2 && !q) || (ces == 3 && q)))
        name = "mov";
      g_string_append_printf (o, "%s, v%u.%c[%u]", xreg (buf, rd, q), rn, letter (ces), idx);
      break;
    }
    break;
  }
  case P_MODIMM: {
    unsigned cmode = (i >> 12) & 15, imm8 = ((i >> 11) & 0xe0) | ((i >> 5) & 31);
    if (cmode == 14 && SIMD_U (i)) {
      uint64_t imm = a64_simd_expand_imm (true, cmode, imm8);
      if (q)
        g_string_append_printf (o, "v%u.2d, #0x%" PRIx64, rd, imm);
      else
        g_string_append_printf (o, "d%u, #0x%" PRIx64, rd, imm);
    } else if (cmode == 14) {
      g_string_append_printf (o, "v%u.%s, #0x%x", rd, arr (0, q), imm8);
    } else if (cmode >= 12) {
      g_string_append_printf (o, "v%u.%s, #0x%x, msl #%u", rd, arr (2, q), imm8, cmode & 1 ? 16 : 8);
    } else {
      unsigned sh = cmode < 8 ? 8 * (cmode >> 1) : 8 * ((cmode >> 1) & 1);
      g_string_append_printf (o, "v%u.%s, #0x%x", rd, arr (cmode < 8 ? 2 : 1, q), imm8);
      if (sh)
        g_string_append_printf (o, ", lsl #%u", sh);
    }
    break;
  }
  case P_3SAME:
    if (scalar)
      g_string_append_printf (o, "%c%u, %c%u, %c%u", letter (es), rd, letter (es), rn, letter (es), rm);
    else
      g_string_append_printf (o, "v%u.%s, v%u.%s, v%u.%s", rd, arr (es, q), rn, arr (es, q), rm,
                              arr (es, q));
    break;
  case P_LOGIC:
    if (!SIMD_U (i) && es == 2 && rn == rm) {
      name = "mov";
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (0, q), rn, arr (0, q));
    } else {
      g_string_append_printf (o, "v%u.%s, v%u.%s, v%u.%s", rd, arr (0, q), rn, arr (0, q), rm,
                              arr (0, q));
    }
    break;
  case P_EXT:
    g_string_append_printf (o, "v%u.%s, v%u.%s, v%u.%s, #%u", rd, arr (0, q), rn, arr (0, q), rm,
                            arr (0, q), (i >> 11) & 15);
    break;
  case P_TBL:
    g_string_append_printf (o, "v%u.%s, ", rd, arr (0, q));
    reg_list (o, rn, ((i >> 13) & 3) + 1, "16b");
    g_string_append_printf (o, ", v%u.%s", rm, arr (0, q));
    break;
  case P_3LONG:
  case P_3WIDE:
  case P_3NARROW:
    if (scalar) {
      g_string_append_printf (o, "%c%u, %c%u, %c%u", letter (es + 1), rd, letter (es), rn,
                              letter (es), rm);
      break;
    }
    two = q;
    if (op->variant == P_3NARROW)
      g_string_append_printf (o, "v%u.%s, v%u.%s, v%u.%s", rd, arr (es, q), rn, arr (es + 1, 1), rm,
                              arr (es + 1, 1));
    else
      g_string_append_printf (o, "v%u.%s, v%u.%s, v%u.%s", rd, arr (es + 1, 1), rn,
                              op->variant == P_3WIDE ? arr (es + 1, 1) : arr (es, q), rm, arr (es, q));
    break;
  case P_2SAME:
  case P_2CMP0:
    if (scalar)
      g_string_append_printf (o, "%c%u, %c%u", letter (es), rd, letter (es), rn);
    else
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (es, q), rn, arr (es, q));
    if (op->variant == P_2CMP0)
      g_string_append (o, ", #0");
    break;
  case P_2BYTE:
    if (es == 0)
      name = "mvn";
    g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (0, q), rn, arr (0, q));
    break;
  case P_2PAIR:
    g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (es + 1, q), rn, arr (es, q));
    break;
  case P_2NARROW:
    if (scalar) {
      g_string_append_printf (o, "%c%u, %c%u", letter (es), rd, letter (es + 1), rn);
      break;
    }
    two = q;
    g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (es, q), rn, arr (es + 1, 1));
    break;
  case P_2SHLL:
    two = q;
    g_string_append_printf (o, "v%u.%s, v%u.%s, #%u", rd, arr (es + 1, 1), rn, arr (es, q), 8u << es);
    break;
  case P_ACROSS:
  case P_ACROSSL:
    g_string_append_printf (o, "%c%u, v%u.%s", letter (es + (op->variant == P_ACROSSL)), rd, rn,
                            arr (es, q));
    break;
  case P_SPAIR: g_string_append_printf (o, "d%u, v%u.2d", rd, rn); break;
  case P_SHR:
  case P_SHL:
  case P_SHRN:
  case P_SHLL: {
    unsigned amount = op->variant == P_SHL || op->variant == P_SHLL ? immhb - (8u << ses)
                                                                     : (16u << ses) - immhb;
    if (immh == 0) {
      g_string_free (o, TRUE);
      undefined_text (i, t);
      return;
    }
    if (op->variant == P_SHRN) {
      if (scalar)
        g_string_append_printf (o, "%c%u, %c%u", letter (ses), rd, letter (ses + 1), rn);
      else
        g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (ses, q), rn, arr (ses + 1, 1));
      two = q && !scalar;
    } else if (op->variant == P_SHLL) {
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (ses + 1, 1), rn, arr (ses, q));
      two = q;
      if (amount == 0) {
        name = SIMD_U (i) ? "uxtl" : "sxtl";
        break;
      }
    } else if (scalar) {
      g_string_append_printf (o, "%c%u, %c%u", letter (ses), rd, letter (ses), rn);
    } else {
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (ses, q), rn, arr (ses, q));
    }
    g_string_append_printf (o, ", #%u", amount);
    break;
  }
  case P_ELEM:
  case P_ELEML: {
    unsigned h = (i >> 11) & 1, l = (i >> 21) & 1, mb = (i >> 20) & 1;
    unsigned idx = es == 1 ? (h << 2 | l << 1 | mb) : (h << 1 | l);
    unsigned vm = es == 1 ? rm & 15 : rm;
    bool lng = op->variant == P_ELEML;
    if (scalar)
      g_string_append_printf (o, "%c%u, %c%u", letter (es + lng), rd, letter (es), rn);
    else if (lng)
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (es + 1, 1), rn, arr (es, q));
    else
      g_string_append_printf (o, "v%u.%s, v%u.%s", rd, arr (es, q), rn, arr (es, q));
    g_string_append_printf (o, ", v%u.%c[%u]", vm, letter (es), idx);
    two = lng && q && !scalar;
    break;
  }
  default: break;
  }
  if (two) {
    char buf[16];
    g_snprintf (buf, sizeof buf, "%s2", name);
    g_string_append_printf (t, "%-7s %s", buf, o->str);
  } else {
    g_string_append_printf (t, "%-7s %s", name, o->str);
  }
  g_string_free (o, TRUE);
}
