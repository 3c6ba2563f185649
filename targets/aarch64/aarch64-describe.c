/* One line on what each row of the A64 decode tables does: the tooltip
 * of a mnemonic in the anatomy and disassembly views.
 *
 * The lines follow the rows, not the aliases the disassembler prints
 * (ubfm, not lsl), and say which aliases a row has where that helps.
 * Rows sharing a name differ in their operand format (three fmov rows,
 * two msr rows, ldr from a literal or from base plus offset) or in the
 * register file they load (the SIMD&FP loads and stores); the Advanced
 * SIMD tables have lines of their own, the signed and unsigned families
 * there made of their stem ("sqadd": "Signed" and "saturating add").
 */
#include "aarch64-cpu.h"

#include <string.h>

#define ANY A64_FMT_COUNT

typedef struct {
  const char *name;
  A64Format   fmt;  /* ANY: every row of that name */
  const char *text;
} Line;

/* clang-format off */
static const Line main_lines[] = {
  /* data processing, immediate */
  { "adr",   ANY, "Form a pc-relative address: Rd = pc + offset" },
  { "adrp",  ANY, "Form a 4 KiB page's address: Rd = (pc & ~0xfff) + offset" },
  { "add",   ANY, "Add: Rd = Rn + operand (mov to or from sp)" },
  { "adds",  ANY, "Add and set the flags (cmn when Rd is zr)" },
  { "sub",   ANY, "Subtract: Rd = Rn - operand" },
  { "subs",  ANY, "Subtract and set the flags (cmp when Rd is zr)" },
  { "and",   ANY, "Bitwise and: Rd = Rn & operand" },
  { "orr",   ANY, "Bitwise or: Rd = Rn | operand (mov when Rn is zr)" },
  { "eor",   ANY, "Exclusive or: Rd = Rn ^ operand" },
  { "ands",  ANY, "Bitwise and, setting N and Z (tst when Rd is zr)" },
  { "bic",   ANY, "Bit clear: Rd = Rn & ~operand" },
  { "bics",  ANY, "Bit clear, setting N and Z" },
  { "orn",   ANY, "Or not: Rd = Rn | ~operand (mvn when Rn is zr)" },
  { "eon",   ANY, "Exclusive or not: Rd = Rn ^ ~operand" },
  { "movn",  ANY, "Move the inverse of a shifted 16-bit immediate" },
  { "movz",  ANY, "Move a shifted 16-bit immediate, the other bits zero" },
  { "movk",  ANY, "Insert a 16-bit immediate, keeping the other bits" },
  { "sbfm",  ANY, "Signed bitfield move (asr, sbfx, sbfiz, sxtb, sxth, sxtw)" },
  { "bfm",   ANY, "Bitfield move: insert bits of Rn into Rd (bfi, bfxil)" },
  { "ubfm",  ANY, "Unsigned bitfield move (lsl, lsr, ubfx, ubfiz, uxtb, uxth)" },
  { "extr",  ANY, "Extract from a pair: Rd = (Rn:Rm) >> lsb (ror when Rn = Rm)" },
  /* branches, exceptions, system */
  { "b",     ANY, "Branch to pc + offset" },
  { "bl",    ANY, "Branch with link: x30 = the return address, then branch" },
  { "b.",    ANY, "Branch to pc + offset if the condition holds" },
  { "cbz",   ANY, "Compare and branch if the register is zero" },
  { "cbnz",  ANY, "Compare and branch if the register is not zero" },
  { "tbz",   ANY, "Test a bit and branch if it is zero" },
  { "tbnz",  ANY, "Test a bit and branch if it is one" },
  { "svc",   ANY, "Supervisor call: an exception to EL1" },
  { "hvc",   ANY, "Hypervisor call: an exception to EL2" },
  { "smc",   ANY, "Secure monitor call: an exception to EL3" },
  { "brk",   ANY, "Breakpoint: a debug exception" },
  { "hlt",   ANY, "Halt for an external debugger" },
  { "nop",   ANY, "No operation" },
  { "yield", ANY, "A hint that this thread could yield" },
  { "wfe",   ANY, "Wait for an event" },
  { "wfi",   ANY, "Wait for an interrupt" },
  { "sev",   ANY, "Send an event to every processor" },
  { "sevl",  ANY, "Send an event to this processor only" },
  { "hint",  ANY, "A hint this core treats as no operation" },
  { "clrex", ANY, "Clear the local exclusive monitor" },
  { "dsb",   ANY, "Data synchronization barrier: wait for memory accesses" },
  { "dmb",   ANY, "Data memory barrier: order memory accesses" },
  { "isb",   ANY, "Instruction synchronization barrier: refetch what follows" },
  { "msr",   A64_FMT_MSR_IMM, "Write an immediate to a PSTATE field (DAIFSet, SPSel)" },
  { "msr",   A64_FMT_MSR, "Write a register to a system register" },
  { "mrs",   ANY, "Read a system register into a register" },
  { "sys",   ANY, "System instruction: cache and TLB maintenance (dc, ic, tlbi, at)" },
  { "sysl",  ANY, "System instruction with a result" },
  { "br",    ANY, "Branch to the address in a register" },
  { "blr",   ANY, "Branch with link to the address in a register" },
  { "ret",   ANY, "Return: branch to the address in x30" },
  { "eret",  ANY, "Exception return: PSTATE from SPSR, then jump to ELR" },
  /* loads and stores */
  { "stxr",  ANY, "Store exclusive: Ws = 0 if the monitor allowed it, else 1" },
  { "stlxr", ANY, "Store-release exclusive: Ws = 0 on success" },
  { "stxp",  ANY, "Store a pair exclusive: Ws = 0 on success" },
  { "stlxp", ANY, "Store-release a pair exclusive: Ws = 0 on success" },
  { "ldxr",  ANY, "Load exclusive: the address is marked for a store exclusive" },
  { "ldaxr", ANY, "Load-acquire exclusive" },
  { "ldxp",  ANY, "Load a pair exclusive" },
  { "ldaxp", ANY, "Load-acquire a pair exclusive" },
  { "stlr",  ANY, "Store-release: earlier accesses are seen first" },
  { "ldar",  ANY, "Load-acquire: later accesses wait for it" },
  { "ldr",   A64_FMT_LDR_LIT, "Load a register from a pc-relative literal" },
  { "ldrsw", A64_FMT_LDR_LIT, "Load a sign-extended word from a pc-relative literal" },
  { "prfm",  ANY, "Prefetch memory: a hint that the address will be used" },
  { "prfum", ANY, "Prefetch memory at an unscaled offset (a hint)" },
  { "stnp",  ANY, "Store a pair of registers, not to be kept in caches" },
  { "ldnp",  ANY, "Load a pair of registers, not to be kept in caches" },
  { "ldpsw", ANY, "Load a pair of words, sign-extended" },
  { "stp",   ANY, "Store a pair of registers" },
  { "ldp",   ANY, "Load a pair of registers" },
  /* scalar floating point */
  { "fcvtns", ANY, "Convert a float to a signed integer, to nearest (even)" },
  { "fcvtnu", ANY, "Convert a float to an unsigned integer, to nearest (even)" },
  { "fcvtas", ANY, "Convert a float to a signed integer, to nearest (away)" },
  { "fcvtau", ANY, "Convert a float to an unsigned integer, to nearest (away)" },
  { "fcvtps", ANY, "Convert a float to a signed integer, towards +infinity" },
  { "fcvtpu", ANY, "Convert a float to an unsigned integer, towards +infinity" },
  { "fcvtms", ANY, "Convert a float to a signed integer, towards -infinity" },
  { "fcvtmu", ANY, "Convert a float to an unsigned integer, towards -infinity" },
  { "fcvtzs", ANY, "Convert a float to a signed integer, towards zero" },
  { "fcvtzu", ANY, "Convert a float to an unsigned integer, towards zero" },
  { "scvtf",  ANY, "Convert a signed integer to a float" },
  { "ucvtf",  ANY, "Convert an unsigned integer to a float" },
  { "fmov",   A64_FMT_FP_CONV, "Move the bits of a float to or from a general register" },
  { "fmov",   A64_FMT_FP_DP1, "Copy a floating-point register" },
  { "fmov",   A64_FMT_FP_IMM, "Move a floating-point immediate into a register" },
  { "fabs",   ANY, "Floating-point absolute value" },
  { "fneg",   ANY, "Floating-point negate" },
  { "fsqrt",  ANY, "Floating-point square root" },
  { "fcvt",   ANY, "Convert between half, single and double precision" },
  { "frintn", ANY, "Round a float to an integral value, to nearest (even)" },
  { "frinta", ANY, "Round a float to an integral value, to nearest (away)" },
  { "frintp", ANY, "Round a float to an integral value, towards +infinity" },
  { "frintm", ANY, "Round a float to an integral value, towards -infinity" },
  { "frintz", ANY, "Round a float to an integral value, towards zero" },
  { "frintx", ANY, "Round to an integral value in FPCR's mode, signalling inexact" },
  { "frinti", ANY, "Round a float to an integral value in FPCR's mode" },
  { "fcmp",   ANY, "Floating-point compare, setting NZCV" },
  { "fcmpe",  ANY, "Floating-point compare, setting NZCV, signalling on any NaN" },
  { "fccmp",  ANY, "Conditional compare: NZCV from fcmp if cond, else an immediate" },
  { "fccmpe", ANY, "Conditional compare signalling on NaNs (fcmpe if cond)" },
  { "fmul",   ANY, "Floating-point multiply" },
  { "fdiv",   ANY, "Floating-point divide" },
  { "fadd",   ANY, "Floating-point add" },
  { "fsub",   ANY, "Floating-point subtract" },
  { "fmax",   ANY, "Floating-point maximum (a NaN wins)" },
  { "fmin",   ANY, "Floating-point minimum (a NaN wins)" },
  { "fmaxnm", ANY, "Floating-point maximum number (a number beats a quiet NaN)" },
  { "fminnm", ANY, "Floating-point minimum number (a number beats a quiet NaN)" },
  { "fnmul",  ANY, "Floating-point multiply, negated" },
  { "fcsel",  ANY, "Floating-point conditional select: Rd = cond ? Rn : Rm" },
  { "fmadd",  ANY, "Fused multiply-add: Rd = Ra + Rn * Rm" },
  { "fmsub",  ANY, "Fused multiply-subtract: Rd = Ra - Rn * Rm" },
  { "fnmadd", ANY, "Negated fused multiply-add: Rd = -Ra - Rn * Rm" },
  { "fnmsub", ANY, "Negated fused multiply-subtract: Rd = Rn * Rm - Ra" },
  /* data processing, register */
  { "adc",    ANY, "Add with carry: Rd = Rn + Rm + C" },
  { "adcs",   ANY, "Add with carry, setting the flags" },
  { "sbc",    ANY, "Subtract with carry: Rd = Rn - Rm - 1 + C (ngc)" },
  { "sbcs",   ANY, "Subtract with carry, setting the flags (ngcs)" },
  { "ccmn",   ANY, "Conditional compare negative: NZCV of Rn + op if cond, else #nzcv" },
  { "ccmp",   ANY, "Conditional compare: NZCV of Rn - op if cond, else #nzcv" },
  { "csel",   ANY, "Conditional select: Rd = cond ? Rn : Rm" },
  { "csinc",  ANY, "Conditional select increment: cond ? Rn : Rm + 1 (cset, cinc)" },
  { "csinv",  ANY, "Conditional select invert: cond ? Rn : ~Rm (csetm, cinv)" },
  { "csneg",  ANY, "Conditional select negate: cond ? Rn : -Rm (cneg)" },
  { "udiv",   ANY, "Unsigned divide: Rd = Rn / Rm (0 when Rm is 0)" },
  { "sdiv",   ANY, "Signed divide: Rd = Rn / Rm, rounding towards zero" },
  { "lsl",    ANY, "Shift left by a register: Rd = Rn << (Rm mod size)" },
  { "lsr",    ANY, "Logical shift right by a register (zeros in)" },
  { "asr",    ANY, "Arithmetic shift right by a register (sign in)" },
  { "ror",    ANY, "Rotate right by a register" },
  { "crc32b", ANY, "CRC-32 of a byte, updating the checksum in Rn" },
  { "crc32h", ANY, "CRC-32 of a halfword, updating the checksum in Rn" },
  { "crc32w", ANY, "CRC-32 of a word, updating the checksum in Rn" },
  { "crc32x", ANY, "CRC-32 of a doubleword, updating the checksum in Rn" },
  { "crc32cb", ANY, "CRC-32C (Castagnoli) of a byte" },
  { "crc32ch", ANY, "CRC-32C (Castagnoli) of a halfword" },
  { "crc32cw", ANY, "CRC-32C (Castagnoli) of a word" },
  { "crc32cx", ANY, "CRC-32C (Castagnoli) of a doubleword" },
  { "rbit",   ANY, "Reverse the order of the bits" },
  { "rev16",  ANY, "Reverse the bytes in each halfword" },
  { "rev32",  ANY, "Reverse the bytes in each word" },
  { "rev",    ANY, "Reverse the order of the bytes" },
  { "clz",    ANY, "Count the leading zero bits" },
  { "cls",    ANY, "Count the leading bits equal to the sign bit" },
  { "madd",   ANY, "Multiply-add: Rd = Ra + Rn * Rm (mul when Ra is zr)" },
  { "msub",   ANY, "Multiply-subtract: Rd = Ra - Rn * Rm (mneg when Ra is zr)" },
  { "smaddl", ANY, "Signed multiply-add long: Xd = Xa + Wn * Wm (smull)" },
  { "smsubl", ANY, "Signed multiply-subtract long: Xd = Xa - Wn * Wm" },
  { "smulh",  ANY, "Signed multiply, high half: bits 127:64 of Xn * Xm" },
  { "umaddl", ANY, "Unsigned multiply-add long: Xd = Xa + Wn * Wm (umull)" },
  { "umsubl", ANY, "Unsigned multiply-subtract long: Xd = Xa - Wn * Wm" },
  { "umulh",  ANY, "Unsigned multiply, high half: bits 127:64 of Xn * Xm" },
};

/* The SIMD&FP register file's loads and stores (V = 1). */
static const Line fp_memory_lines[] = {
  { "ldr",  A64_FMT_LDR_LIT, "Load a SIMD&FP register from a pc-relative literal" },
  { "ldr",  ANY, "Load a SIMD&FP register (b, h, s, d or q)" },
  { "str",  ANY, "Store a SIMD&FP register (b, h, s, d or q)" },
  { "ldur", ANY, "Load a SIMD&FP register at an unscaled offset" },
  { "stur", ANY, "Store a SIMD&FP register at an unscaled offset" },
  { "ldp",  ANY, "Load a pair of SIMD&FP registers" },
  { "stp",  ANY, "Store a pair of SIMD&FP registers" },
  { "ldnp", ANY, "Load a pair of SIMD&FP registers, not to be kept in caches" },
  { "stnp", ANY, "Store a pair of SIMD&FP registers, not to be kept in caches" },
};

/* Advanced SIMD rows whose name says it all. */
static const Line simd_lines[] = {
  { "abs",    ANY, "Absolute value of each element" },
  { "addhn",  ANY, "Add, keep the high half of each element, narrowed" },
  { "addp",   ANY, "Add adjacent pairs of elements" },
  { "addv",   ANY, "Add all the elements of a vector" },
  { "bif",    ANY, "Insert the bits of Rn where Rm has zeros" },
  { "bit",    ANY, "Insert the bits of Rn where Rm has ones" },
  { "bsl",    ANY, "Bitwise select: Rn where Rd has ones, Rm where it has zeros" },
  { "cmeq",   ANY, "Compare equal, element by element: all ones or zeros" },
  { "cmge",   ANY, "Compare signed greater or equal, element by element" },
  { "cmgt",   ANY, "Compare signed greater than, element by element" },
  { "cmhi",   ANY, "Compare unsigned higher, element by element" },
  { "cmhs",   ANY, "Compare unsigned higher or same, element by element" },
  { "cmle",   ANY, "Compare signed less or equal to zero, element by element" },
  { "cmlt",   ANY, "Compare signed less than zero, element by element" },
  { "cmtst",  ANY, "Test bits: all ones where Rn & Rm is not zero" },
  { "cnt",    ANY, "Count the set bits of each byte" },
  { "dup",    ANY, "Duplicate an element or a register into every element" },
  { "ext",    ANY, "Extract a vector from a pair of vectors, from a byte on" },
  { "ld1",    ANY, "Load elements into one to four vector registers" },
  { "ld2",    ANY, "Load 2-element structures, de-interleaved into 2 registers" },
  { "ld3",    ANY, "Load 3-element structures, de-interleaved into 3 registers" },
  { "ld4",    ANY, "Load 4-element structures, de-interleaved into 4 registers" },
  { "ld1r",   ANY, "Load one element and copy it to every lane" },
  { "ld2r",   ANY, "Load a 2-element structure into every lane of 2 registers" },
  { "ld3r",   ANY, "Load a 3-element structure into every lane of 3 registers" },
  { "ld4r",   ANY, "Load a 4-element structure into every lane of 4 registers" },
  { "st1",    ANY, "Store elements from one to four vector registers" },
  { "st2",    ANY, "Store 2-element structures, interleaving 2 registers" },
  { "st3",    ANY, "Store 3-element structures, interleaving 3 registers" },
  { "st4",    ANY, "Store 4-element structures, interleaving 4 registers" },
  { "mla",    ANY, "Multiply-add each element: Rd += Rn * Rm" },
  { "mls",    ANY, "Multiply-subtract each element: Rd -= Rn * Rm" },
  { "mul",    ANY, "Multiply each element" },
  { "mov",    ANY, "Insert a register or an element into an element (ins)" },
  { "movi",   ANY, "Move an expanded immediate into every element" },
  { "mvni",   ANY, "Move the inverse of an expanded immediate into every element" },
  { "neg",    ANY, "Negate each element" },
  { "not",    ANY, "Invert every bit (mvn)" },
  { "pmul",   ANY, "Polynomial (carry-less) multiply of each byte" },
  { "pmull",  ANY, "Polynomial (carry-less) multiply long" },
  { "raddhn", ANY, "Add, round, keep the high half of each element, narrowed" },
  { "rev64",  ANY, "Reverse the elements in each doubleword" },
  { "rshrn",  ANY, "Rounding shift right by an immediate and narrow" },
  { "rsubhn", ANY, "Subtract, round, keep the high half of each element, narrowed" },
  { "shl",    ANY, "Shift each element left by an immediate" },
  { "shll",   ANY, "Shift left long by the element size" },
  { "shrn",   ANY, "Shift right by an immediate and narrow" },
  { "sli",    ANY, "Shift left and insert, keeping the low bits of Rd" },
  { "sri",    ANY, "Shift right and insert, keeping the high bits of Rd" },
  { "smov",   ANY, "Move an element to a general register, sign-extended" },
  { "umov",   ANY, "Move an element to a general register, zero-extended" },
  { "subhn",  ANY, "Subtract, keep the high half of each element, narrowed" },
  { "suqadd", ANY, "Signed saturating accumulate of unsigned values" },
  { "usqadd", ANY, "Unsigned saturating accumulate of signed values" },
  { "sqxtun", ANY, "Saturate signed elements to unsigned and narrow" },
  { "sqshlu", ANY, "Signed saturating shift left, unsigned result" },
  { "sqshrun", ANY, "Signed saturating shift right, unsigned and narrowed" },
  { "sqrshrun", ANY, "Signed saturating rounding shift right, unsigned, narrowed" },
  { "tbl",    ANY, "Table lookup: bytes of a table by index, 0 out of range" },
  { "tbx",    ANY, "Table lookup, keeping Rd's byte out of range" },
  { "trn1",   ANY, "Transpose: the even elements of two vectors, interleaved" },
  { "trn2",   ANY, "Transpose: the odd elements of two vectors, interleaved" },
  { "uzp1",   ANY, "Unzip: the even elements of two vectors" },
  { "uzp2",   ANY, "Unzip: the odd elements of two vectors" },
  { "zip1",   ANY, "Zip: interleave the low halves of two vectors" },
  { "zip2",   ANY, "Zip: interleave the high halves of two vectors" },
  { "xtn",    ANY, "Extract narrow: the low half of each element" },
  { "urecpe", ANY, "Unsigned reciprocal estimate of each element" },
  { "ursqrte", ANY, "Unsigned reciprocal square root estimate of each element" },
  /* floating point */
  { "fabd",   ANY, "Floating-point absolute difference" },
  { "facge",  ANY, "Compare absolute values, greater or equal, element by element" },
  { "facgt",  ANY, "Compare absolute values, greater than, element by element" },
  { "faddp",  ANY, "Floating-point add of adjacent pairs" },
  { "fcmeq",  ANY, "Floating-point compare equal, element by element" },
  { "fcmge",  ANY, "Floating-point compare greater or equal, element by element" },
  { "fcmgt",  ANY, "Floating-point compare greater than, element by element" },
  { "fcmle",  ANY, "Floating-point compare less or equal to zero, by element" },
  { "fcmlt",  ANY, "Floating-point compare less than zero, element by element" },
  { "fcvtl",  ANY, "Convert the lower half to a longer precision" },
  { "fcvtl2", ANY, "Convert the upper half to a longer precision" },
  { "fcvtn",  ANY, "Convert to a shorter precision, into the lower half" },
  { "fcvtn2", ANY, "Convert to a shorter precision, into the upper half" },
  { "fcvtxn", ANY, "Convert double to single precision, rounding to odd" },
  { "fcvtxn2", ANY, "Convert double to single, rounding to odd, upper half" },
  { "fmaxp",  ANY, "Floating-point maximum of adjacent pairs" },
  { "fminp",  ANY, "Floating-point minimum of adjacent pairs" },
  { "fmaxnmp", ANY, "Floating-point maximum number of adjacent pairs" },
  { "fminnmp", ANY, "Floating-point minimum number of adjacent pairs" },
  { "fmaxv",  ANY, "Floating-point maximum across a vector" },
  { "fminv",  ANY, "Floating-point minimum across a vector" },
  { "fmaxnmv", ANY, "Floating-point maximum number across a vector" },
  { "fminnmv", ANY, "Floating-point minimum number across a vector" },
  { "fmla",   ANY, "Fused multiply-add of each element: Rd += Rn * Rm" },
  { "fmls",   ANY, "Fused multiply-subtract of each element: Rd -= Rn * Rm" },
  { "fmov",   ANY, "Move a floating-point immediate into every element" },
  { "fmulx",  ANY, "Floating-point multiply extended (0 times infinity is 2)" },
  { "frecpe", ANY, "Floating-point reciprocal estimate" },
  { "frecps", ANY, "Floating-point reciprocal step: 2 - Rn * Rm" },
  { "frecpx", ANY, "Floating-point reciprocal exponent" },
  { "frsqrte", ANY, "Floating-point reciprocal square root estimate" },
  { "frsqrts", ANY, "Reciprocal square root step: (3 - Rn * Rm) / 2" },
};

/* What follows "s" or "u" in the signed and unsigned families. */
static const struct { const char *stem, *what; } simd_stems[] = {
  { "aba",     "absolute difference and accumulate" },
  { "abal",    "absolute difference and accumulate long" },
  { "abd",     "absolute difference" },
  { "abdl",    "absolute difference long" },
  { "adalp",   "add pairwise long and accumulate" },
  { "addl",    "add long" },
  { "addlp",   "add pairwise long" },
  { "addlv",   "add across a vector, long" },
  { "addw",    "add wide" },
  { "hadd",    "halving add" },
  { "hsub",    "halving subtract" },
  { "max",     "maximum of each element" },
  { "maxp",    "maximum of adjacent pairs" },
  { "maxv",    "maximum across a vector" },
  { "min",     "minimum of each element" },
  { "minp",    "minimum of adjacent pairs" },
  { "minv",    "minimum across a vector" },
  { "mlal",    "multiply-add long" },
  { "mlsl",    "multiply-subtract long" },
  { "mull",    "multiply long" },
  { "qabs",    "saturating absolute value" },
  { "qadd",    "saturating add" },
  { "qdmlal",  "saturating doubling multiply-add long" },
  { "qdmlsl",  "saturating doubling multiply-subtract long" },
  { "qdmulh",  "saturating doubling multiply, high half" },
  { "qdmull",  "saturating doubling multiply long" },
  { "qneg",    "saturating negate" },
  { "qrdmulh", "saturating rounding doubling multiply, high half" },
  { "qrshl",   "saturating rounding shift left by a register" },
  { "qrshrn",  "saturating rounding shift right and narrow" },
  { "qshl",    "saturating shift left" },
  { "qshrn",   "saturating shift right and narrow" },
  { "qsub",    "saturating subtract" },
  { "qxtn",    "saturating extract narrow" },
  { "rhadd",   "rounding halving add" },
  { "rshl",    "rounding shift left by a register" },
  { "rshr",    "rounding shift right by an immediate" },
  { "rsra",    "rounding shift right and accumulate" },
  { "shl",     "shift left by a register (right when negative)" },
  { "shll",    "shift left long by an immediate (xtl)" },
  { "shr",     "shift right by an immediate" },
  { "sra",     "shift right by an immediate and accumulate" },
  { "subl",    "subtract long" },
  { "subw",    "subtract wide" },
};
/* clang-format on */

static const char *
lookup (const Line *lines, unsigned n, const char *name, A64Format fmt)
{
  for (unsigned i = 0; i < n; i++)
    if ((lines[i].fmt == ANY || lines[i].fmt == fmt) && strcmp (lines[i].name, name) == 0)
      return lines[i].text;
  return NULL;
}

/* The single-register loads and stores of the main table:
 * (ld|st)(u|t)?r(s?)(b|h|w)?, for the unscaled and unprivileged forms
 * and the sizes and sign extensions. */
static bool
describe_ldst (const char *name, char *text, size_t size)
{
  bool load = g_str_has_prefix (name, "ld");
  const char *p = name + 2, *form = "", *what;
  bool sign;

  if (!load && !g_str_has_prefix (name, "st"))
    return false;
  if (*p == 'u' || *p == 't') {
    form = *p == 'u' ? " at an unscaled offset" : " as an unprivileged access";
    p++;
  }
  if (*p++ != 'r')
    return false;
  sign = *p == 's';
  if (sign)
    p++;
  if (strcmp (p, "b") == 0)
    what = load ? "a byte" : "the low byte of a register";
  else if (strcmp (p, "h") == 0)
    what = load ? "a halfword" : "the low halfword of a register";
  else if (strcmp (p, "w") == 0 && sign && load)
    what = "a word";
  else if (*p == '\0' && !sign)
    what = "a register (32 or 64 bits)";
  else
    return false;
  g_snprintf (text, size, "%s %s%s%s", load ? "Load" : "Store", what,
              !load || *p == '\0' ? "" : sign ? ", sign-extended" : ", zero-extended", form);
  return true;
}

static bool
is_fp_memory (const A64Opcode *op)
{
  return op->exec == a64_x_fp_ldst_uimm || op->exec == a64_x_fp_ldst_imm9
         || op->exec == a64_x_fp_ldst_reg || op->exec == a64_x_fp_ldr_lit
         || op->exec == a64_x_fp_ldst_pair;
}

static bool
in_table (const A64Opcode *op, const A64Opcode *rows, unsigned n)
{
  return op >= rows && op < rows + n;
}

bool
a64_describe (const A64Opcode *op, char *text, size_t size)
{
  const char *line = NULL;

  if (in_table (op, a64_opcodes, a64_n_opcodes)) {
    if (is_fp_memory (op))
      line = lookup (fp_memory_lines, G_N_ELEMENTS (fp_memory_lines), op->name, op->fmt);
    else if ((line = lookup (main_lines, G_N_ELEMENTS (main_lines), op->name, op->fmt)) == NULL)
      return describe_ldst (op->name, text, size);
    if (line == NULL)
      return false;
    g_strlcpy (text, line, size);
    return true;
  }

  if ((line = lookup (simd_lines, G_N_ELEMENTS (simd_lines), op->name, ANY)) != NULL) {
    g_strlcpy (text, line, size);
    return true;
  }
  if (op->name[0] == 's' || op->name[0] == 'u') {
    for (unsigned i = 0; i < G_N_ELEMENTS (simd_stems); i++)
      if (strcmp (op->name + 1, simd_stems[i].stem) == 0) {
        g_snprintf (text, size, "%s %s", op->name[0] == 's' ? "Signed" : "Unsigned",
                    simd_stems[i].what);
        return true;
      }
  }
  /* The rows named as a scalar instruction (add, and, fadd, fcvtzs...):
   * its line, on vectors. */
  if ((line = lookup (main_lines, G_N_ELEMENTS (main_lines), op->name, ANY)) != NULL) {
    g_snprintf (text, size, "%s (Advanced SIMD)", line);
    return true;
  }
  return false;
}
