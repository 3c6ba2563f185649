/* Unit tests of the A64 decode table, through the disassembler
 * (targets/aarch64/aarch64-disas.c, aarch64-decode.c) and the anatomy
 * view (aarch64-anatomy.c).
 *
 * The cases are GNU objdump 2.40's output (aarch64-linux-gnu-objdump -d)
 * for instructions assembled with aarch64-linux-gnu-gcc 12, converted to
 * Medley's conventions: the mnemonic padded to 8 columns, branch and
 * literal targets as 0x%x with no symbol, no "//" comments.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "engine/machine.h"
#include "targets/aarch64/aarch64-cpu.h"
#include "targets/aarch64/aarch64.h"

typedef struct {
  uint64_t pc;
  uint32_t raw;
  const char *text;
} DisasCase;

static const DisasCase cases[] = {
  { 0x0, 0xeb01001f, "cmp     x0, x1" },
  { 0x4, 0x91004020, "add     x0, x1, #0x10" },
  { 0x8, 0x910003e0, "mov     x0, sp" },
  { 0xc, 0x9100003f, "mov     sp, x1" },
  { 0x10, 0x7100143f, "cmp     w1, #0x5" },
  { 0x14, 0xb140045f, "cmn     x2, #0x1, lsl #12" },
  { 0x18, 0x92401c20, "and     x0, x1, #0xff" },
  { 0x1c, 0xb2089fe0, "mov     x0, #0xff00ff00ff00ff00" },
  { 0x20, 0x7201043f, "tst     w1, #0x80000001" },
  { 0x24, 0xd2a00020, "mov     x0, #0x10000" },
  { 0x28, 0x12800020, "mov     w0, #0xfffffffe" },
  { 0x2c, 0x92800000, "mov     x0, #0xffffffffffffffff" },
  { 0x30, 0xf2c24680, "movk    x0, #0x1234, lsl #32" },
  { 0x34, 0x129fffe0, "movn    w0, #0xffff" },
  { 0x38, 0x937ffc20, "asr     x0, x1, #63" },
  { 0x3c, 0x93401c20, "sxtb    x0, w1" },
  { 0x40, 0x93407c62, "sxtw    x2, w3" },
  { 0x44, 0xd37df020, "lsl     x0, x1, #3" },
  { 0x48, 0x531f7c20, "lsr     w0, w1, #31" },
  { 0x4c, 0x53001c20, "uxtb    w0, w1" },
  { 0x50, 0xd3442c20, "ubfx    x0, x1, #4, #8" },
  { 0x54, 0x93582c20, "sbfiz   x0, x1, #40, #12" },
  { 0x58, 0xb36f8020, "bfi     x0, x1, #17, #33" },
  { 0x5c, 0x33095c20, "bfxil   w0, w1, #9, #15" },
  { 0x60, 0x93c23420, "extr    x0, x1, x2, #13" },
  { 0x64, 0x13811c20, "ror     w0, w1, #7" },
  { 0x68, 0x14000002, "b       0x70" },
  { 0x6c, 0x97ffffff, "bl      0x68" },
  { 0x70, 0x54000080, "b.eq    0x80" },
  { 0x74, 0x54ffff81, "b.ne    0x64" },
  { 0x78, 0xb4000040, "cbz     x0, 0x80" },
  { 0x7c, 0x35000061, "cbnz    w1, 0x88" },
  { 0x80, 0x36180040, "tbz     w0, #3, 0x88" },
  { 0x84, 0xb747ffc0, "tbnz    x0, #40, 0x7c" },
  { 0x88, 0xd61f0020, "br      x1" },
  { 0x8c, 0xd63f0040, "blr     x2" },
  { 0x90, 0xd65f03c0, "ret" },
  { 0x94, 0xd65f0060, "ret     x3" },
  { 0x98, 0xd69f03e0, "eret" },
  { 0x9c, 0xd4000001, "svc     #0x0" },
  { 0xa0, 0xd4000022, "hvc     #0x1" },
  { 0xa4, 0xd4000043, "smc     #0x2" },
  { 0xa8, 0xd4200060, "brk     #0x3" },
  { 0xac, 0xd45e0000, "hlt     #0xf000" },
  { 0xb0, 0xd503201f, "nop" },
  { 0xb4, 0xd503203f, "yield" },
  { 0xb8, 0xd503205f, "wfe" },
  { 0xbc, 0xd503207f, "wfi" },
  { 0xc0, 0xd503209f, "sev" },
  { 0xc4, 0xd50320bf, "sevl" },
  { 0xc8, 0xd50320df, "hint    #0x6" },
  { 0xcc, 0xd5033f5f, "clrex" },
  { 0xd0, 0xd5033f9f, "dsb     sy" },
  { 0xd4, 0xd5033bbf, "dmb     ish" },
  { 0xd8, 0xd50339bf, "dmb     ishld" },
  { 0xdc, 0xd5033fdf, "isb" },
  { 0xe0, 0xd50342df, "msr     daifset, #0x2" },
  { 0xe4, 0xd5034fff, "msr     daifclr, #0xf" },
  { 0xe8, 0xd50041bf, "msr     spsel, #0x1" },
  { 0xec, 0xd50b7420, "dc      zva, x0" },
  { 0xf0, 0xd50b7e21, "dc      civac, x1" },
  { 0xf4, 0xd508751f, "ic      iallu" },
  { 0xf8, 0xd50b7522, "ic      ivau, x2" },
  { 0xfc, 0xd508831f, "tlbi    vmalle1is" },
  { 0x100, 0xd5088723, "tlbi    vae1, x3" },
  { 0x104, 0xd5087804, "at      s1e1r, x4" },
  { 0x108, 0xd5181000, "msr     sctlr_el1, x0" },
  { 0x10c, 0xd5382001, "mrs     x1, ttbr0_el1" },
  { 0x110, 0xd53be042, "mrs     x2, cntvct_el0" },
  { 0x114, 0xd518c003, "msr     vbar_el1, x3" },
  { 0x118, 0xd53800a4, "mrs     x4, mpidr_el1" },
  { 0x11c, 0xd539f205, "mrs     x5, s3_1_c15_c2_0" },
  { 0x120, 0xc8017c40, "stxr    w1, x0, [x2]" },
  { 0x124, 0x0803fca4, "stlxrb  w3, w4, [x5]" },
  { 0x128, 0xc85f7c20, "ldxr    x0, [x1]" },
  { 0x12c, 0x485fffe0, "ldaxrh  w0, [sp]" },
  { 0x130, 0xc87f0440, "ldxp    x0, x1, [x2]" },
  { 0x134, 0x88238440, "stlxp   w3, w0, w1, [x2]" },
  { 0x138, 0xc89ffc20, "stlr    x0, [x1]" },
  { 0x13c, 0x08dffc20, "ldarb   w0, [x1]" },
  { 0x140, 0x58000040, "ldr     x0, 0x148" },
  { 0x144, 0x18ffffc1, "ldr     w1, 0x13c" },
  { 0x148, 0x98000062, "ldrsw   x2, 0x154" },
  { 0x14c, 0xd8000020, "prfm    pldl1keep, 0x150" },
  { 0x150, 0xa9bf7bfd, "stp     x29, x30, [sp, #-16]!" },
  { 0x154, 0xa8c17bfd, "ldp     x29, x30, [sp], #16" },
  { 0x158, 0x29410440, "ldp     w0, w1, [x2, #8]" },
  { 0x15c, 0xa8000440, "stnp    x0, x1, [x2]" },
  { 0x160, 0x697f0440, "ldpsw   x0, x1, [x2, #-8]" },
  { 0x164, 0xf9400420, "ldr     x0, [x1, #8]" },
  { 0x168, 0x39400020, "ldrb    w0, [x1]" },
  { 0x16c, 0x79800420, "ldrsh   x0, [x1, #2]" },
  { 0x170, 0x39c00420, "ldrsb   w0, [x1, #1]" },
  { 0x174, 0xb90007e0, "str     w0, [sp, #4]" },
  { 0x178, 0x79000c20, "strh    w0, [x1, #6]" },
  { 0x17c, 0xf85f8020, "ldur    x0, [x1, #-8]" },
  { 0x180, 0xf8408420, "ldr     x0, [x1], #8" },
  { 0x184, 0xf81f0c20, "str     x0, [x1, #-16]!" },
  { 0x188, 0xf8408820, "ldtr    x0, [x1, #8]" },
  { 0x18c, 0x38000820, "sttrb   w0, [x1]" },
  { 0x190, 0xf8626820, "ldr     x0, [x1, x2]" },
  { 0x194, 0xf8627820, "ldr     x0, [x1, x2, lsl #3]" },
  { 0x198, 0xb8624820, "ldr     w0, [x1, w2, uxtw]" },
  { 0x19c, 0xb862d820, "ldr     w0, [x1, w2, sxtw #2]" },
  { 0x1a0, 0x38627820, "ldrb    w0, [x1, x2, lsl #0]" },
  { 0x1a4, 0x38226820, "strb    w0, [x1, x2]" },
  { 0x1a8, 0xf9800433, "prfm    pstl2strm, [x1, #8]" },
  { 0x1ac, 0x8a020020, "and     x0, x1, x2" },
  { 0x1b0, 0xaa0103e0, "mov     x0, x1" },
  { 0x1b4, 0x2a0103e0, "mov     w0, w1" },
  { 0x1b8, 0xaa2103e0, "mvn     x0, x1" },
  { 0x1bc, 0xea010c1f, "tst     x0, x1, lsl #3" },
  { 0x1c0, 0xaac21c20, "orr     x0, x1, x2, ror #7" },
  { 0x1c4, 0x6aa20c20, "bics    w0, w1, w2, asr #3" },
  { 0x1c8, 0xca220020, "eon     x0, x1, x2" },
  { 0x1cc, 0x8b023020, "add     x0, x1, x2, lsl #12" },
  { 0x1d0, 0x6b821420, "subs    w0, w1, w2, asr #5" },
  { 0x1d4, 0xcb0103e0, "neg     x0, x1" },
  { 0x1d8, 0x6b010be0, "negs    w0, w1, lsl #2" },
  { 0x1dc, 0xab01001f, "cmn     x0, x1" },
  { 0x1e0, 0x8b214be0, "add     x0, sp, w1, uxtw #2" },
  { 0x1e4, 0x8b2163ff, "add     sp, sp, x1" },
  { 0x1e8, 0x8b228020, "add     x0, x1, w2, sxtb" },
  { 0x1ec, 0xeb2163ff, "cmp     sp, x1" },
  { 0x1f0, 0xeb22d020, "subs    x0, x1, w2, sxtw #4" },
  { 0x1f4, 0x9a020020, "adc     x0, x1, x2" },
  { 0x1f8, 0x7a020020, "sbcs    w0, w1, w2" },
  { 0x1fc, 0xda0103e0, "ngc     x0, x1" },
  { 0x200, 0xfa41000a, "ccmp    x0, x1, #0xa, eq" },
  { 0x204, 0x3a43b805, "ccmn    w0, #0x3, #0x5, lt" },
  { 0x208, 0x9a828020, "csel    x0, x1, x2, hi" },
  { 0x20c, 0x1a9f87e0, "cset    w0, ls" },
  { 0x210, 0xda9fc3e0, "csetm   x0, le" },
  { 0x214, 0x9a811420, "cinc    x0, x1, eq" },
  { 0x218, 0x5a810020, "cinv    w0, w1, ne" },
  { 0x21c, 0xda815420, "cneg    x0, x1, mi" },
  { 0x220, 0x9a82b420, "csinc   x0, x1, x2, lt" },
  { 0x224, 0x9ac20820, "udiv    x0, x1, x2" },
  { 0x228, 0x1ac20c20, "sdiv    w0, w1, w2" },
  { 0x22c, 0x9ac22020, "lsl     x0, x1, x2" },
  { 0x230, 0x1ac22820, "asr     w0, w1, w2" },
  { 0x234, 0x9ac22c20, "ror     x0, x1, x2" },
  { 0x238, 0x1ac24020, "crc32b  w0, w1, w2" },
  { 0x23c, 0x9ac25c20, "crc32cx w0, w1, x2" },
  { 0x240, 0xdac00020, "rbit    x0, x1" },
  { 0x244, 0x5ac00420, "rev16   w0, w1" },
  { 0x248, 0xdac00820, "rev32   x0, x1" },
  { 0x24c, 0xdac00c20, "rev     x0, x1" },
  { 0x250, 0x5ac00820, "rev     w0, w1" },
  { 0x254, 0xdac01020, "clz     x0, x1" },
  { 0x258, 0x5ac01420, "cls     w0, w1" },
  { 0x25c, 0x9b020c20, "madd    x0, x1, x2, x3" },
  { 0x260, 0x1b027c20, "mul     w0, w1, w2" },
  { 0x264, 0x9b02fc20, "mneg    x0, x1, x2" },
  { 0x268, 0x9b227c20, "smull   x0, w1, w2" },
  { 0x26c, 0x9ba20c20, "umaddl  x0, w1, w2, x3" },
  { 0x270, 0x9b427c20, "smulh   x0, x1, x2" },
  { 0x274, 0x9bc27c20, "umulh   x0, x1, x2" },
  { 0x278, 0x10000080, "adr     x0, 0x288" },
  { 0x27c, 0x90000001, "adrp    x1, 0x0" },
  /* scalar floating point and SIMD&FP loads and stores (at 0x1000) */
  { 0x1000, 0x1e222820, "fadd    s0, s1, s2" },
  { 0x1004, 0x1e653883, "fsub    d3, d4, d5" },
  { 0x1008, 0x1e2808e6, "fmul    s6, s7, s8" },
  { 0x100c, 0x1e6b1949, "fdiv    d9, d10, d11" },
  { 0x1010, 0x1e224820, "fmax    s0, s1, s2" },
  { 0x1014, 0x1e627820, "fminnm  d0, d1, d2" },
  { 0x1018, 0x1e228820, "fnmul   s0, s1, s2" },
  { 0x101c, 0x1f420c20, "fmadd   d0, d1, d2, d3" },
  { 0x1020, 0x1f028c20, "fmsub   s0, s1, s2, s3" },
  { 0x1024, 0x1f620c20, "fnmadd  d0, d1, d2, d3" },
  { 0x1028, 0x1f269ca4, "fnmsub  s4, s5, s6, s7" },
  { 0x102c, 0x1e60c020, "fabs    d0, d1" },
  { 0x1030, 0x1e214020, "fneg    s0, s1" },
  { 0x1034, 0x1e61c020, "fsqrt   d0, d1" },
  { 0x1038, 0x1e204020, "fmov    s0, s1" },
  { 0x103c, 0x1e22c020, "fcvt    d0, s1" },
  { 0x1040, 0x1e624020, "fcvt    s0, d1" },
  { 0x1044, 0x1e644020, "frintn  d0, d1" },
  { 0x1048, 0x1e274020, "frintx  s0, s1" },
  { 0x104c, 0x1e67c062, "frinti  d2, d3" },
  { 0x1050, 0x1e212000, "fcmp    s0, s1" },
  { 0x1054, 0x1e602018, "fcmpe   d0, #0.0" },
  { 0x1058, 0x1e602008, "fcmp    d0, #0.0" },
  { 0x105c, 0x1e210404, "fccmp   s0, s1, #0x4, eq" },
  { 0x1060, 0x1e61b41f, "fccmpe  d0, d1, #0xf, lt" },
  { 0x1064, 0x1e621c20, "fcsel   d0, d1, d2, ne" },
  { 0x1068, 0x1e6e1000, "fmov    d0, #1.000000000000000000e+00" },
  { 0x106c, 0x1e391001, "fmov    s1, #-1.875000000000000000e-01" },
  { 0x1070, 0x1e67f002, "fmov    d2, #3.100000000000000000e+01" },
  { 0x1074, 0x9e620020, "scvtf   d0, x1" },
  { 0x1078, 0x1e230020, "ucvtf   s0, w1" },
  { 0x107c, 0x1e780020, "fcvtzs  w0, d1" },
  { 0x1080, 0x9e390020, "fcvtzu  x0, s1" },
  { 0x1084, 0x9e600020, "fcvtns  x0, d1" },
  { 0x1088, 0x1e240020, "fcvtas  w0, s1" },
  { 0x108c, 0x9e700000, "fcvtms  x0, d0" },
  { 0x1090, 0x1e690000, "fcvtpu  w0, d0" },
  { 0x1094, 0x9e660020, "fmov    x0, d1" },
  { 0x1098, 0x9e670001, "fmov    d1, x0" },
  { 0x109c, 0x1e260020, "fmov    w0, s1" },
  { 0x10a0, 0x1e270001, "fmov    s1, w0" },
  { 0x10a4, 0x9eaf0020, "fmov    v0.d[1], x1" },
  { 0x10a8, 0x9eae0001, "fmov    x1, v0.d[1]" },
  { 0x10ac, 0x3dc00420, "ldr     q0, [x1, #16]" },
  { 0x10b0, 0xfd0007e1, "str     d1, [sp, #8]" },
  { 0x10b4, 0xbd400062, "ldr     s2, [x3]" },
  { 0x10b8, 0x7d400483, "ldr     h3, [x4, #2]" },
  { 0x10bc, 0x3d0004a4, "str     b4, [x5, #1]" },
  { 0x10c0, 0x3cdf0020, "ldur    q0, [x1, #-16]" },
  { 0x10c4, 0x3c820c06, "str     q6, [x0, #32]!" },
  { 0x10c8, 0xbc404407, "ldr     s7, [x0], #4" },
  { 0x10cc, 0xfc627820, "ldr     d0, [x1, x2, lsl #3]" },
  { 0x10d0, 0x3ca25820, "str     q0, [x1, w2, uxtw #4]" },
  { 0x10d4, 0x5c000040, "ldr     d0, 0x10dc" },
  { 0x10d8, 0x9cffffc1, "ldr     q1, 0x10d0" },
  { 0x10dc, 0x6d050801, "stp     d1, d2, [x0, #80]" },
  { 0x10e0, 0xad421805, "ldp     q5, q6, [x0, #64]" },
  { 0x10e4, 0x2dbf07e0, "stp     s0, s1, [sp, #-8]!" },
  { 0x10e8, 0x6c400440, "ldnp    d0, d1, [x2]" },
  /* Advanced SIMD integer (at 0x2000; simd-objdump.py compares them all) */
  { 0x2000, 0x4c407020, "ld1     {v0.16b}, [x1]" },
  { 0x2004, 0x4cc26020, "ld1     {v0.16b-v2.16b}, [x1], x2" },
  { 0x2008, 0x4c400c3e, "ld4     {v30.2d, v31.2d, v0.2d, v1.2d}, [x1]" },
  { 0x200c, 0x4ddf8420, "ld1     {v0.d}[1], [x1], #8" },
  { 0x2010, 0x4ddfc820, "ld1r    {v0.4s}, [x1], #4" },
  { 0x2014, 0x4e0c0420, "dup     v0.4s, v1.s[1]" },
  { 0x2018, 0x4e0c1c20, "mov     v0.s[1], w1" },
  { 0x201c, 0x0e043c20, "mov     w0, v1.s[0]" },
  { 0x2020, 0x4e012c20, "smov    x0, v1.b[0]" },
  { 0x2024, 0x5e070420, "mov     b0, v1.b[3]" },
  { 0x2028, 0x4f002640, "movi    v0.4s, #0x12, lsl #8" },
  { 0x202c, 0x2f05e540, "movi    d0, #0xff00ff00ff00ff00" },
  { 0x2030, 0x4ea11c20, "mov     v0.16b, v1.16b" },
  { 0x2034, 0x6e205820, "mvn     v0.16b, v1.16b" },
  { 0x2038, 0x6f10a420, "uxtl2   v0.4s, v1.8h" },
  { 0x203c, 0x4e220020, "saddl2  v0.8h, v1.16b, v2.16b" },
  { 0x2040, 0x5ee0a820, "cmlt    d0, d1, #0" },
  { 0x2044, 0x4f72a820, "smull2  v0.4s, v1.8h, v2.h[7]" },
  { 0x2048, 0x4e303820, "saddlv  h0, v1.16b" },
  { 0x204c, 0x5f0d9420, "sqshrn  b0, h1, #3" },
  { 0x2050, 0x0e044020, "tbl     v0.8b, {v1.16b-v3.16b}, v4.8b" },
  { 0x2054, 0x6e021820, "ext     v0.16b, v1.16b, v2.16b, #3" },
  { 0x2058, 0x6e62b420, "sqrdmulh v0.8h, v1.8h, v2.8h" },
  { 0x205c, 0x0eea2f04, ".inst   0x0eea2f04 ; undefined" }, /* sqsub v4.1d: reserved */
};

static void
test_cases (void)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GString) t = g_string_new (NULL);

    a64_disas_insn (cases[i].pc, cases[i].raw, t);
    if (g_strcmp0 (t->str, cases[i].text) != 0)
      g_test_message ("0x%08x: \"%s\", objdump says \"%s\"", cases[i].raw, t->str, cases[i].text);
    g_assert_cmpstr (t->str, ==, cases[i].text);
  }
}

/* Every row is reachable: some filling of its free bits decodes to it
 * (an earlier, narrower row may take its match pattern itself, as nop
 * takes hint #0). */
static void
test_rows_reachable (void)
{
  for (unsigned i = 0; i < a64_n_opcodes; i++) {
    const A64Opcode *op = &a64_opcodes[i];
    bool found = false;
    uint32_t x = 0x9e3779b9u * (i + 1);

    for (unsigned k = 0; k < 4096 && !found; k++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      found = a64_decode (op->match | (x & ~op->mask)) == op;
    }
    if (!found)
      g_test_message ("row %u (%s, 0x%08x) is never decoded", i, op->name, op->match);
    g_assert_true (found);
  }
}

/* Advanced SIMD integer decodes to its own table; udf stays undefined. */
static void
test_fp_undefined (void)
{
  g_assert_true (a64_decode (0x4ea21c20)->fmt == A64_FMT_SIMD_INT); /* mov v0.16b, v1.16b */
  g_assert_true (a64_decode (0x4e228420)->fmt == A64_FMT_SIMD_INT); /* add v0.16b, v1.16b, v2.16b */
  g_assert_true (a64_decode (0x4c407020)->fmt == A64_FMT_SIMD_INT); /* ld1 {v0.16b}, [x1] */
  g_assert_null (a64_decode (0x00000000));                           /* udf #0 */
}

/* Every row of the Advanced SIMD integer table decodes to itself for some
 * filling of its free bits that is not a reserved encoding, and prints
 * as an instruction (the objdump comparison, simd-objdump.py, checks the
 * text of every form). */
static void
test_simd_int_rows (void)
{
  for (unsigned i = 0; i < a64_n_simd_int_opcodes; i++) {
    const A64Opcode *op = &a64_simd_int_opcodes[i];
    bool found = false;
    uint32_t x = 0x9e3779b9u * (i + 1);

    for (unsigned k = 0; k < 4096 && !found; k++) {
      g_autoptr (GString) t = g_string_new (NULL);
      uint32_t insn;

      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      insn = op->match | (x & ~op->mask);
      if (a64_decode (insn) != op)
        continue;
      a64_disas_insn (0, insn, t);
      found = !g_str_has_prefix (t->str, ".inst");
    }
    if (!found)
      g_test_message ("row %u (%s, 0x%08x) never decodes to a defined instruction", i, op->name,
                      op->match);
    g_assert_true (found);
  }
}

/* The anatomy view and stepping: fields, calls and returns, read from a
 * machine's memory as the views do. */
static void
test_anatomy (void)
{
  static const uint32_t code[] = {
    0x94000004, /* bl   +16 */
    0xd63f0020, /* blr  x1 */
    0xd65f03c0, /* ret */
    0x91004020, /* add  x0, x1, #0x10 */
    0xf9400420, /* ldr  x0, [x1, #8] */
    0x00000000, /* udf */
  };
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  g_autoptr (MdlRegion) ram = mdl_region_new_ram ("ram", 0x1000);
  MdlCpu *cpu;
  MdlInsnInfo info;
  g_autoptr (GString) text = g_string_new (NULL);

  memcpy (mdl_region_host (ram), code, sizeof code);
  g_assert_true (mdl_address_space_map (as, 0x40000000, ram, NULL));
  cpu = mdl_machine_add_cpu (m, &mdl_aarch64_cortex_a53_class, "a53", as, 0, 1000000000, NULL);
  mdl_machine_set_entry (m, cpu, 0x40000000);
  mdl_machine_reset (m);

  g_assert_true (cpu->cls->insn_info (cpu, 0x40000000, &info));
  g_assert_cmpstr (info.mnemonic, ==, "bl");
  g_assert_true (info.is_call && !info.is_return);
  g_assert_cmpuint (info.len, ==, 4);
  g_assert_cmphex (info.raw, ==, code[0]);
  g_assert_true (cpu->cls->insn_info (cpu, 0x40000004, &info));
  g_assert_true (info.is_call);
  g_assert_true (cpu->cls->insn_info (cpu, 0x40000008, &info));
  g_assert_true (info.is_return && !info.is_call);
  g_assert_true (cpu->cls->insn_info (cpu, 0x4000000c, &info));
  g_assert_cmpstr (info.format, ==, "add/sub (immediate)");
  /* sf, op:S, the fixed bits 28:23, sh, imm12, Rn, Rd */
  g_assert_cmpuint (info.n_fields, ==, 7);
  g_assert_cmpstr (info.fields[2].name, ==, "fixed");
  g_assert_cmpstr (info.fields[4].name, ==, "imm12");
  g_assert_cmpuint (info.fields[4].value, ==, 0x10);
  g_assert_cmpstr (info.fields[6].meaning, ==, "x0");
  g_assert_true (cpu->cls->insn_info (cpu, 0x40000010, &info));
  g_assert_cmpstr (info.fields[3].name, ==, "imm12");
  g_assert_cmpuint (info.fields[3].value, ==, 1);
  g_assert_true (cpu->cls->insn_info (cpu, 0x40000014, &info));
  g_assert_cmpstr (info.format, ==, "undefined");
  g_assert_false (cpu->cls->insn_info (cpu, 0x50000000, &info)); /* unmapped */

  g_assert_cmpuint (cpu->cls->disas (cpu, 0x4000000c, text), ==, 4);
  g_assert_cmpstr (text->str, ==, "add     x0, x1, #0x10");
  g_string_truncate (text, 0);
  cpu->cls->disas (cpu, 0x50000000, text);
  g_assert_cmpstr (text->str, ==, "<unmapped>");
}

/* The anatomy of Advanced SIMD rows whose fields are not the common
 * vector layout: each case names a field, its value and its meaning. */
typedef struct {
  uint32_t word;
  const char *text; /* the row, for messages */
  const char *format;
  unsigned n_fields; /* not counting the fixed bits */
  const char *name; /* one field of them */
  uint64_t value;
  const char *meaning;
} AnatomyCase;

static const AnatomyCase anatomy_cases[] = {
  { 0x4cdfa020, "ld1 {v0.16b, v1.16b}, [x1], #32", "SIMD load/store", 8, "opcode", 0xa,
    "2 registers" },
  { 0x4cdfa020, "ld1 {v0.16b, v1.16b}, [x1], #32", "SIMD load/store", 8, "Rm", 31, "#imm" },
  { 0x4cdfa020, "ld1 {v0.16b, v1.16b}, [x1], #32", "SIMD load/store", 8, "post", 1, "post-index" },
  { 0x4cdfa020, "ld1 {v0.16b, v1.16b}, [x1], #32", "SIMD load/store", 8, "size", 0, "8-bit" },
  { 0x4d409062, "ld1 {v2.s}[3], [x3]", "SIMD load/store", 10, "opcode", 4, "s[3]" },
  { 0x4d409062, "ld1 {v2.s}[3], [x3]", "SIMD load/store", 10, "L", 1, "ld1" },
  { 0x4d409062, "ld1 {v2.s}[3], [x3]", "SIMD load/store", 10, "Rt", 2, "v2" },
  { 0x4de6e4a4, "ld4r {v4.8h-v7.8h}, [x5], x6", "SIMD load/store", 10, "Rm", 6, "x6" },
  { 0x4de6e4a4, "ld4r {v4.8h-v7.8h}, [x5], x6", "SIMD load/store", 10, "R", 1, "4 registers" },
  { 0x4de6e4a4, "ld4r {v4.8h-v7.8h}, [x5], x6", "SIMD load/store", 10, "opcode", 7,
    "replicate 16-bit" },
  { 0x6e0c6420, "mov v0.s[1], v1.s[3]", "SIMD copy", 6, "imm5", 0xc, "s[1]" },
  { 0x6e0c6420, "mov v0.s[1], v1.s[3]", "SIMD copy", 6, "imm4", 0xc, "from s[3]" },
  { 0x0e163c20, "umov w0, v1.h[5]", "SIMD copy", 6, "imm5", 0x16, "h[5]" },
  { 0x0e163c20, "umov w0, v1.h[5]", "SIMD copy", 6, "Rd", 0, "w0" },
  { 0x4e040c62, "dup v2.4s, w3", "SIMD copy", 6, "Rn", 3, "w3" },
  { 0x4f002640, "movi v0.4s, #0x12, lsl #8", "SIMD modified immediate", 7, "cmode", 2,
    "32-bit, lsl #8" },
  { 0x4f002640, "movi v0.4s, #0x12, lsl #8", "SIMD modified immediate", 7, "a:b:c", 0,
    "imm8 = 0x12" },
  { 0x4f002640, "movi v0.4s, #0x12, lsl #8", "SIMD modified immediate", 7, "d:e:f:g:h", 0x12,
    "0x0000120000001200" },
  { 0x6f05e541, "movi v1.2d, #0xff00ff00ff00ff00", "SIMD modified immediate", 7, "a:b:c", 5,
    "imm8 = 0xaa" },
  { 0x6f05e541, "movi v1.2d, #0xff00ff00ff00ff00", "SIMD modified immediate", 7, "cmode", 0xe,
    "64-bit byte mask" },
  { 0x6f05e541, "movi v1.2d, #0xff00ff00ff00ff00", "SIMD modified immediate", 7, "d:e:f:g:h", 0xa,
    "0xff00ff00ff00ff00" },
  { 0x4f3d0420, "sshr v0.4s, v1.4s, #3", "SIMD shift (immediate)", 7, "immh", 7, "32-bit" },
  { 0x4f3d0420, "sshr v0.4s, v1.4s, #3", "SIMD shift (immediate)", 7, "immb", 5, "shift #3" },
  { 0x5f455420, "shl d0, d1, #5", "SIMD shift (immediate)", 7, "immb", 5, "lsl #5" },
  { 0x5f455420, "shl d0, d1, #5", "SIMD shift (immediate)", 7, "Q", 1, "scalar" },
  { 0x4f7f8820, "mul v0.8h, v1.8h, v15.h[7]", "SIMD by element", 10, "H", 1, "h[7]" },
  { 0x4f7f8820, "mul v0.8h, v1.8h, v15.h[7]", "SIMD by element", 10, "Rm", 0xf, "v15" },
  { 0x0fb1a820, "smull v0.2d, v1.2s, v17.s[3]", "SIMD by element", 9, "M:Rm", 17, "v17" },
  { 0x0fb1a820, "smull v0.2d, v1.2s, v17.s[3]", "SIMD by element", 9, "H", 1, "s[3]" },
  { 0x6e021820, "ext v0.16b, v1.16b, v2.16b, #3", "SIMD extract", 5, "imm4", 3, "from byte 3" },
  { 0x0e045020, "tbx v0.8b, {v1.16b-v3.16b}, v4.8b", "SIMD table lookup", 6, "len", 2,
    "3 registers" },
  { 0x0e045020, "tbx v0.8b, {v1.16b-v3.16b}, v4.8b", "SIMD table lookup", 6, "op", 1, "tbx" },
  { 0x4ea28420, "add v0.4s, v1.4s, v2.4s", "Advanced SIMD", 7, "size", 2, "" },
};

static void
test_anatomy_simd (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  g_autoptr (MdlRegion) ram = mdl_region_new_ram ("ram", 0x1000);
  MdlCpu *cpu;

  for (unsigned k = 0; k < G_N_ELEMENTS (anatomy_cases); k++)
    memcpy ((uint8_t *) mdl_region_host (ram) + 4 * k, &anatomy_cases[k].word, 4);
  g_assert_true (mdl_address_space_map (as, 0x40000000, ram, NULL));
  cpu = mdl_machine_add_cpu (m, &mdl_aarch64_cortex_a53_class, "a53", as, 0, 1000000000, NULL);
  mdl_machine_set_entry (m, cpu, 0x40000000);
  mdl_machine_reset (m);

  for (unsigned k = 0; k < G_N_ELEMENTS (anatomy_cases); k++) {
    const AnatomyCase *c = &anatomy_cases[k];
    const MdlInsnField *f = NULL;
    MdlInsnInfo info;

    g_test_message ("%s: %s", c->text, c->name);
    g_assert_true (cpu->cls->insn_info (cpu, 0x40000000 + 4 * k, &info));
    g_assert_cmpstr (info.format, ==, c->format);
    for (unsigned j = 0, named = 0; j < info.n_fields; j++) {
      /* The format's own fields; the runs of fixed bits between them are
       * test-aarch64-anatomy's. */
      named += strcmp (info.fields[j].name, "fixed") != 0;
      if (j == info.n_fields - 1)
        g_assert_cmpuint (named, ==, c->n_fields);
      /* Fields lie within the word, high bits first, never overlapping. */
      g_assert_cmpuint (info.fields[j].lo, <=, info.fields[j].hi);
      g_assert_cmpuint (info.fields[j].hi, <=, 31);
      if (j > 0)
        g_assert_cmpuint (info.fields[j].hi, <, info.fields[j - 1].lo);
      if (strcmp (info.fields[j].name, c->name) == 0)
        f = &info.fields[j];
    }
    g_assert_nonnull (f);
    g_assert_cmphex (f->value, ==, c->value);
    g_assert_cmpstr (f->meaning, ==, c->meaning);
  }
}

/* --stdin: "ADDR WORD" lines (hexadecimal) in, one disassembly line out
 * per instruction, for simd-objdump.py's comparison with GNU objdump. */
static int
disas_stdin (void)
{
  char line[256];

  while (fgets (line, sizeof line, stdin)) {
    g_autoptr (GString) t = g_string_new (NULL);
    guint64 pc, raw;
    char *end;

    pc = g_ascii_strtoull (line, &end, 16);
    raw = g_ascii_strtoull (end, NULL, 16);
    a64_disas_insn (pc, (uint32_t) raw, t);
    printf ("%s\n", t->str);
  }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 2 && strcmp (argv[1], "--stdin") == 0)
    return disas_stdin ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aarch64/disas/objdump", test_cases);
  g_test_add_func ("/aarch64/decode/rows-reachable", test_rows_reachable);
  g_test_add_func ("/aarch64/decode/simd-undefined", test_fp_undefined);
  g_test_add_func ("/aarch64/decode/simd-int-rows", test_simd_int_rows);
  g_test_add_func ("/aarch64/anatomy", test_anatomy);
  g_test_add_func ("/aarch64/anatomy/simd", test_anatomy_simd);
  return g_test_run ();
}
