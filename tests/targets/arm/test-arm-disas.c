/* Unit tests of the Thumb decode tables, through the disassembler
 * (targets/arm/arm-disas.c, arm-decode.c).
 *
 * The cases are GNU objdump 2.40's output (arm-none-eabi-objdump -d) for
 * instructions assembled with arm-none-eabi-gcc 12 for -mcpu=cortex-m0
 * and -mcpu=cortex-m3, converted to Medley's conventions: the mnemonic
 * padded to 8 columns, branch targets as 0x%08x, no "@" comments, and
 * "APSR" where objdump says "CPSR".  The IT column is the IT state the
 * instruction executes under, which gives it its condition suffix.
 */
#include <glib.h>

#include "targets/arm/arm-cpu.h"

typedef struct {
  unsigned    profile;
  uint32_t    pc;
  uint32_t    raw;      /* 16-bit, or hw1 << 16 | hw2 */
  unsigned    itstate;
  const char *text;
} DisasCase;

static const DisasCase cases[] = {
  { ARM_V6M, 0x0000, 0x2001, 0x00, "movs    r0, #1" },
  { ARM_V6M, 0x0002, 0x1888, 0x00, "adds    r0, r1, r2" },
  { ARM_V6M, 0x0004, 0xf7fffffc, 0x00, "bl      0x00000000" },
  { ARM_V6M, 0x0008, 0xf3808810, 0x00, "msr     PRIMASK, r0" },
  { ARM_V6M, 0x000c, 0xf3ef8014, 0x00, "mrs     r0, CONTROL" },
  { ARM_V6M, 0x0010, 0xf3bf8f5f, 0x00, "dmb     sy" },
  { ARM_V6M, 0x0014, 0xf3bf8f4f, 0x00, "dsb     sy" },
  { ARM_V6M, 0x0018, 0xf3bf8f6f, 0x00, "isb     sy" },
  { ARM_V6M, 0x001c, 0xf7f4a000, 0x00, "udf.w   #16384" },
  { ARM_V6M, 0x0020, 0xb672, 0x00, "cpsid   i" },
  { ARM_V7M, 0x0000, 0x0088, 0x00, "lsls    r0, r1, #2" },
  { ARM_V7M, 0x0002, 0x0008, 0x00, "movs    r0, r1" },
  { ARM_V7M, 0x0004, 0x0808, 0x00, "lsrs    r0, r1, #32" },
  { ARM_V7M, 0x0006, 0x1177, 0x00, "asrs    r7, r6, #5" },
  { ARM_V7M, 0x0008, 0x1888, 0x00, "adds    r0, r1, r2" },
  { ARM_V7M, 0x000a, 0x1b63, 0x00, "subs    r3, r4, r5" },
  { ARM_V7M, 0x000c, 0x1c48, 0x00, "adds    r0, r1, #1" },
  { ARM_V7M, 0x000e, 0x1fc8, 0x00, "subs    r0, r1, #7" },
  { ARM_V7M, 0x0010, 0x25ff, 0x00, "movs    r5, #255" },
  { ARM_V7M, 0x0012, 0x30c8, 0x00, "adds    r0, #200" },
  { ARM_V7M, 0x0014, 0x3e01, 0x00, "subs    r6, #1" },
  { ARM_V7M, 0x0016, 0x2803, 0x00, "cmp     r0, #3" },
  { ARM_V7M, 0x0018, 0x4008, 0x00, "ands    r0, r1" },
  { ARM_V7M, 0x001a, 0x405a, 0x00, "eors    r2, r3" },
  { ARM_V7M, 0x001c, 0x40ac, 0x00, "lsls    r4, r5" },
  { ARM_V7M, 0x001e, 0x40ec, 0x00, "lsrs    r4, r5" },
  { ARM_V7M, 0x0020, 0x412c, 0x00, "asrs    r4, r5" },
  { ARM_V7M, 0x0022, 0x4148, 0x00, "adcs    r0, r1" },
  { ARM_V7M, 0x0024, 0x4188, 0x00, "sbcs    r0, r1" },
  { ARM_V7M, 0x0026, 0x41c8, 0x00, "rors    r0, r1" },
  { ARM_V7M, 0x0028, 0x4208, 0x00, "tst     r0, r1" },
  { ARM_V7M, 0x002a, 0x4248, 0x00, "negs    r0, r1" },
  { ARM_V7M, 0x002c, 0x429a, 0x00, "cmp     r2, r3" },
  { ARM_V7M, 0x002e, 0x42c8, 0x00, "cmn     r0, r1" },
  { ARM_V7M, 0x0030, 0x4308, 0x00, "orrs    r0, r1" },
  { ARM_V7M, 0x0032, 0x4348, 0x00, "muls    r0, r1" },
  { ARM_V7M, 0x0034, 0x4388, 0x00, "bics    r0, r1" },
  { ARM_V7M, 0x0036, 0x43c8, 0x00, "mvns    r0, r1" },
  { ARM_V7M, 0x0038, 0x4440, 0x00, "add     r0, r8" },
  { ARM_V7M, 0x003a, 0x4478, 0x00, "add     r0, pc" },
  { ARM_V7M, 0x003c, 0x448d, 0x00, "add     sp, r1" },
  { ARM_V7M, 0x003e, 0x4580, 0x00, "cmp     r8, r0" },
  { ARM_V7M, 0x0040, 0x46c8, 0x00, "mov     r8, r9" },
  { ARM_V7M, 0x0042, 0x46da, 0x00, "mov     sl, fp" },
  { ARM_V7M, 0x0044, 0x46ec, 0x00, "mov     ip, sp" },
  { ARM_V7M, 0x0046, 0x46f7, 0x00, "mov     pc, lr" },
  { ARM_V7M, 0x0048, 0x4770, 0x00, "bx      lr" },
  { ARM_V7M, 0x004a, 0x4798, 0x00, "blx     r3" },
  { ARM_V7M, 0x004c, 0x4802, 0x00, "ldr     r0, [pc, #8]" },
  { ARM_V7M, 0x004e, 0x5088, 0x00, "str     r0, [r1, r2]" },
  { ARM_V7M, 0x0050, 0x5288, 0x00, "strh    r0, [r1, r2]" },
  { ARM_V7M, 0x0052, 0x5488, 0x00, "strb    r0, [r1, r2]" },
  { ARM_V7M, 0x0054, 0x5688, 0x00, "ldrsb   r0, [r1, r2]" },
  { ARM_V7M, 0x0056, 0x5888, 0x00, "ldr     r0, [r1, r2]" },
  { ARM_V7M, 0x0058, 0x5a88, 0x00, "ldrh    r0, [r1, r2]" },
  { ARM_V7M, 0x005a, 0x5c88, 0x00, "ldrb    r0, [r1, r2]" },
  { ARM_V7M, 0x005c, 0x5e88, 0x00, "ldrsh   r0, [r1, r2]" },
  { ARM_V7M, 0x005e, 0x6808, 0x00, "ldr     r0, [r1, #0]" },
  { ARM_V7M, 0x0060, 0x6fc8, 0x00, "ldr     r0, [r1, #124]" },
  { ARM_V7M, 0x0062, 0x6048, 0x00, "str     r0, [r1, #4]" },
  { ARM_V7M, 0x0064, 0x77c8, 0x00, "strb    r0, [r1, #31]" },
  { ARM_V7M, 0x0066, 0x7848, 0x00, "ldrb    r0, [r1, #1]" },
  { ARM_V7M, 0x0068, 0x87c8, 0x00, "strh    r0, [r1, #62]" },
  { ARM_V7M, 0x006a, 0x8848, 0x00, "ldrh    r0, [r1, #2]" },
  { ARM_V7M, 0x006c, 0x9002, 0x00, "str     r0, [sp, #8]" },
  { ARM_V7M, 0x006e, 0x9fff, 0x00, "ldr     r7, [sp, #1020]" },
  { ARM_V7M, 0x0070, 0xa013, 0x00, "add     r0, pc, #76" },
  { ARM_V7M, 0x0072, 0xa802, 0x00, "add     r0, sp, #8" },
  { ARM_V7M, 0x0074, 0xb002, 0x00, "add     sp, #8" },
  { ARM_V7M, 0x0076, 0xb0ff, 0x00, "sub     sp, #508" },
  { ARM_V7M, 0x0078, 0xb310, 0x00, "cbz     r0, 0x000000c0" },
  { ARM_V7M, 0x007a, 0xbb0f, 0x00, "cbnz    r7, 0x000000c0" },
  { ARM_V7M, 0x007c, 0xb208, 0x00, "sxth    r0, r1" },
  { ARM_V7M, 0x007e, 0xb248, 0x00, "sxtb    r0, r1" },
  { ARM_V7M, 0x0080, 0xb288, 0x00, "uxth    r0, r1" },
  { ARM_V7M, 0x0082, 0xb2c8, 0x00, "uxtb    r0, r1" },
  { ARM_V7M, 0x0084, 0xb530, 0x00, "push    {r4, r5, lr}" },
  { ARM_V7M, 0x0086, 0xb401, 0x00, "push    {r0}" },
  { ARM_V7M, 0x0088, 0xbd10, 0x00, "pop     {r4, pc}" },
  { ARM_V7M, 0x008a, 0xbcff, 0x00, "pop     {r0, r1, r2, r3, r4, r5, r6, r7}" },
  { ARM_V7M, 0x008c, 0xb662, 0x00, "cpsie   i" },
  { ARM_V7M, 0x008e, 0xb672, 0x00, "cpsid   i" },
  { ARM_V7M, 0x0090, 0xb661, 0x00, "cpsie   f" },
  { ARM_V7M, 0x0092, 0xb671, 0x00, "cpsid   f" },
  { ARM_V7M, 0x0094, 0xba08, 0x00, "rev     r0, r1" },
  { ARM_V7M, 0x0096, 0xba48, 0x00, "rev16   r0, r1" },
  { ARM_V7M, 0x0098, 0xbac8, 0x00, "revsh   r0, r1" },
  { ARM_V7M, 0x009a, 0xbeab, 0x00, "bkpt    0x00ab" },
  { ARM_V7M, 0x009c, 0xbe00, 0x00, "bkpt    0x0000" },
  { ARM_V7M, 0x009e, 0xbf00, 0x00, "nop" },
  { ARM_V7M, 0x00a0, 0xbf10, 0x00, "yield" },
  { ARM_V7M, 0x00a2, 0xbf20, 0x00, "wfe" },
  { ARM_V7M, 0x00a4, 0xbf30, 0x00, "wfi" },
  { ARM_V7M, 0x00a6, 0xbf40, 0x00, "sev" },
  { ARM_V7M, 0x00a8, 0xc006, 0x00, "stmia   r0!, {r1, r2}" },
  { ARM_V7M, 0x00aa, 0xc803, 0x00, "ldmia   r0, {r0, r1}" },
  { ARM_V7M, 0x00ac, 0xc806, 0x00, "ldmia   r0!, {r1, r2}" },
  { ARM_V7M, 0x00ae, 0xd007, 0x00, "beq.n   0x000000c0" },
  { ARM_V7M, 0x00b0, 0xd106, 0x00, "bne.n   0x000000c0" },
  { ARM_V7M, 0x00b2, 0xdc05, 0x00, "bgt.n   0x000000c0" },
  { ARM_V7M, 0x00b4, 0xdd04, 0x00, "ble.n   0x000000c0" },
  { ARM_V7M, 0x00b6, 0xde00, 0x00, "udf     #0" },
  { ARM_V7M, 0x00b8, 0xdeff, 0x00, "udf     #255" },
  { ARM_V7M, 0x00ba, 0xdf00, 0x00, "svc     0" },
  { ARM_V7M, 0x00bc, 0xdfff, 0x00, "svc     255" },
  { ARM_V7M, 0x00be, 0xe7ff, 0x00, "b.n     0x000000c0" },
  { ARM_V7M, 0x00c0, 0xf7fffffe, 0x00, "bl      0x000000c0" },
  { ARM_V7M, 0x00c4, 0xf7ffff9c, 0x00, "bl      0x00000000" },
  { ARM_V7M, 0x00c8, 0xbf06, 0x00, "itte    eq" },
  { ARM_V7M, 0x00ca, 0x4608, 0x06, "moveq   r0, r1" },
  { ARM_V7M, 0x00cc, 0x1840, 0x0c, "addeq   r0, r0, r1" },
  { ARM_V7M, 0x00ce, 0x3001, 0x18, "addne   r0, #1" },
  { ARM_V7M, 0x00d0, 0xbf18, 0x00, "it      ne" },
  { ARM_V7M, 0x00d2, 0x1888, 0x18, "addne   r0, r1, r2" },
  { ARM_V7M, 0x00d4, 0xbfc5, 0x00, "ittet   gt" },
  { ARM_V7M, 0x00d6, 0x2001, 0xc5, "movgt   r0, #1" },
  { ARM_V7M, 0x00d8, 0x0088, 0xca, "lslgt   r0, r1, #2" },
  { ARM_V7M, 0x00da, 0x00c8, 0xd4, "lslle   r0, r1, #3" },
  { ARM_V7M, 0x00dc, 0xf5017080, 0xc8, "addgt.w r0, r1, #256" },
  { ARM_V7M, 0x00e0, 0xeb010002, 0x00, "add.w   r0, r1, r2" },
  { ARM_V7M, 0x00e4, 0xeb1100c2, 0x00, "adds.w  r0, r1, r2, lsl #3" },
  { ARM_V7M, 0x00e8, 0xf10100ff, 0x00, "add.w   r0, r1, #255" },
  { ARM_V7M, 0x00ec, 0xea0100c2, 0x00, "and.w   r0, r1, r2, lsl #3" },
  { ARM_V7M, 0x00f0, 0xf01120ff, 0x00, "ands.w  r0, r1, #4278255360" },
  { ARM_V7M, 0x00f4, 0xf01110ab, 0x00, "ands.w  r0, r1, #11206827" },
  { ARM_V7M, 0x00f8, 0xf04130ab, 0x00, "orr.w   r0, r1, #2880154539" },
  { ARM_V7M, 0x00fc, 0xf481707f, 0x00, "eor.w   r0, r1, #1020" },
  { ARM_V7M, 0x0100, 0xf0210001, 0x00, "bic.w   r0, r1, #1" },
  { ARM_V7M, 0x0104, 0xea2110e2, 0x00, "bic.w   r0, r1, r2, asr #7" },
  { ARM_V7M, 0x0108, 0xea410012, 0x00, "orr.w   r0, r1, r2, lsr #32" },
  { ARM_V7M, 0x010c, 0xea8170f2, 0x00, "eor.w   r0, r1, r2, ror #31" },
  { ARM_V7M, 0x0110, 0xea610002, 0x00, "orn     r0, r1, r2" },
  { ARM_V7M, 0x0114, 0xf0610007, 0x00, "orn     r0, r1, #7" },
  { ARM_V7M, 0x0118, 0xea4f0081, 0x00, "mov.w   r0, r1, lsl #2" },
  { ARM_V7M, 0x011c, 0xea4f0001, 0x00, "mov.w   r0, r1" },
  { ARM_V7M, 0x0120, 0xea5f0001, 0x00, "movs.w  r0, r1" },
  { ARM_V7M, 0x0124, 0xf04f407f, 0x00, "mov.w   r0, #4278190080" },
  { ARM_V7M, 0x0128, 0xf04f0000, 0x00, "mov.w   r0, #0" },
  { ARM_V7M, 0x012c, 0xf06f0004, 0x00, "mvn.w   r0, #4" },
  { ARM_V7M, 0x0130, 0xf2412034, 0x00, "movw    r0, #4660" },
  { ARM_V7M, 0x0134, 0xf6cf70ff, 0x00, "movt    r0, #65535" },
  { ARM_V7M, 0x0138, 0xf60170ff, 0x00, "addw    r0, r1, #4095" },
  { ARM_V7M, 0x013c, 0xf2ad000c, 0x00, "subw    r0, sp, #12" },
  { ARM_V7M, 0x0140, 0xf2af0084, 0x00, "subw    r0, pc, #132" },
  { ARM_V7M, 0x0144, 0xf2af1148, 0x00, "subw    r1, pc, #328" },
  { ARM_V7M, 0x0148, 0xf8d10004, 0x00, "ldr.w   r0, [r1, #4]" },
  { ARM_V7M, 0x014c, 0xf8d10000, 0x00, "ldr.w   r0, [r1]" },
  { ARM_V7M, 0x0150, 0xf8510c04, 0x00, "ldr.w   r0, [r1, #-4]" },
  { ARM_V7M, 0x0154, 0xf8510f04, 0x00, "ldr.w   r0, [r1, #4]!" },
  { ARM_V7M, 0x0158, 0xf8510b04, 0x00, "ldr.w   r0, [r1], #4" },
  { ARM_V7M, 0x015c, 0xf8510904, 0x00, "ldr.w   r0, [r1], #-4" },
  { ARM_V7M, 0x0160, 0xf8510022, 0x00, "ldr.w   r0, [r1, r2, lsl #2]" },
  { ARM_V7M, 0x0164, 0xf8510002, 0x00, "ldr.w   r0, [r1, r2]" },
  { ARM_V7M, 0x0168, 0xf85f00ac, 0x00, "ldr.w   r0, [pc, #-172]" },
  { ARM_V7M, 0x016c, 0xf85f0170, 0x00, "ldr.w   r0, [pc, #-368]" },
  { ARM_V7M, 0x0170, 0xf81f00b4, 0x00, "ldrb.w  r0, [pc, #-180]" },
  { ARM_V7M, 0x0174, 0xf93f00b8, 0x00, "ldrsh.w r0, [pc, #-184]" },
  { ARM_V7M, 0x0178, 0xf8c10004, 0x00, "str.w   r0, [r1, #4]" },
  { ARM_V7M, 0x017c, 0xf8810fff, 0x00, "strb.w  r0, [r1, #4095]" },
  { ARM_V7M, 0x0180, 0xf8210c02, 0x00, "strh.w  r0, [r1, #-2]" },
  { ARM_V7M, 0x0184, 0xf8410d04, 0x00, "str.w   r0, [r1, #-4]!" },
  { ARM_V7M, 0x0188, 0xf8410012, 0x00, "str.w   r0, [r1, r2, lsl #1]" },
  { ARM_V7M, 0x018c, 0xf84d0d04, 0x00, "str.w   r0, [sp, #-4]!" },
  { ARM_V7M, 0x0190, 0xf85d4b04, 0x00, "ldr.w   r4, [sp], #4" },
  { ARM_V7M, 0x0194, 0xe9d20102, 0x00, "ldrd    r0, r1, [r2, #8]" },
  { ARM_V7M, 0x0198, 0xe9d20100, 0x00, "ldrd    r0, r1, [r2]" },
  { ARM_V7M, 0x019c, 0xe9620102, 0x00, "strd    r0, r1, [r2, #-8]!" },
  { ARM_V7M, 0x01a0, 0xe8f20104, 0x00, "ldrd    r0, r1, [r2], #16" },
  { ARM_V7M, 0x01a4, 0xe8510f00, 0x00, "ldrex   r0, [r1]" },
  { ARM_V7M, 0x01a8, 0xe8510f01, 0x00, "ldrex   r0, [r1, #4]" },
  { ARM_V7M, 0x01ac, 0xe8410200, 0x00, "strex   r2, r0, [r1]" },
  { ARM_V7M, 0x01b0, 0xe8410202, 0x00, "strex   r2, r0, [r1, #8]" },
  { ARM_V7M, 0x01b4, 0xe8d10f4f, 0x00, "ldrexb  r0, [r1]" },
  { ARM_V7M, 0x01b8, 0xe8d10f5f, 0x00, "ldrexh  r0, [r1]" },
  { ARM_V7M, 0x01bc, 0xe8c10f42, 0x00, "strexb  r2, r0, [r1]" },
  { ARM_V7M, 0x01c0, 0xe8c10f52, 0x00, "strexh  r2, r0, [r1]" },
  { ARM_V7M, 0x01c4, 0xf3bf8f2f, 0x00, "clrex" },
  { ARM_V7M, 0x01c8, 0xe8d0f001, 0x00, "tbb     [r0, r1]" },
  { ARM_V7M, 0x01cc, 0xe8d0f011, 0x00, "tbh     [r0, r1, lsl #1]" },
  { ARM_V7M, 0x01d0, 0xe8dff001, 0x00, "tbb     [pc, r1]" },
  { ARM_V7M, 0x01d4, 0xf361100b, 0x00, "bfi     r0, r1, #4, #8" },
  { ARM_V7M, 0x01d8, 0xf36f100b, 0x00, "bfc     r0, #4, #8" },
  { ARM_V7M, 0x01dc, 0xf361001f, 0x00, "bfi     r0, r1, #0, #32" },
  { ARM_V7M, 0x01e0, 0xf3c11007, 0x00, "ubfx    r0, r1, #4, #8" },
  { ARM_V7M, 0x01e4, 0xf34170c0, 0x00, "sbfx    r0, r1, #31, #1" },
  { ARM_V7M, 0x01e8, 0xfab1f081, 0x00, "clz     r0, r1" },
  { ARM_V7M, 0x01ec, 0xfa91f0a1, 0x00, "rbit    r0, r1" },
  { ARM_V7M, 0x01f0, 0xfa91f081, 0x00, "rev.w   r0, r1" },
  { ARM_V7M, 0x01f4, 0xfa91f091, 0x00, "rev16.w r0, r1" },
  { ARM_V7M, 0x01f8, 0xfa91f0b1, 0x00, "revsh.w r0, r1" },
  { ARM_V7M, 0x01fc, 0xfa0ff081, 0x00, "sxth.w  r0, r1" },
  { ARM_V7M, 0x0200, 0xfa4ff0a1, 0x00, "sxtb.w  r0, r1, ror #16" },
  { ARM_V7M, 0x0204, 0xfa1ff081, 0x00, "uxth.w  r0, r1" },
  { ARM_V7M, 0x0208, 0xfa5ff091, 0x00, "uxtb.w  r0, r1, ror #8" },
  { ARM_V7M, 0x020c, 0xf3010007, 0x00, "ssat    r0, #8, r1" },
  { ARM_V7M, 0x0210, 0xf32100df, 0x00, "ssat    r0, #32, r1, asr #3" },
  { ARM_V7M, 0x0214, 0xf3811008, 0x00, "usat    r0, #8, r1, lsl #4" },
  { ARM_V7M, 0x0218, 0xf3810000, 0x00, "usat    r0, #0, r1" },
  { ARM_V7M, 0x021c, 0xfb01f002, 0x00, "mul.w   r0, r1, r2" },
  { ARM_V7M, 0x0220, 0xfb013002, 0x00, "mla     r0, r1, r2, r3" },
  { ARM_V7M, 0x0224, 0xfb013012, 0x00, "mls     r0, r1, r2, r3" },
  { ARM_V7M, 0x0228, 0xfba20103, 0x00, "umull   r0, r1, r2, r3" },
  { ARM_V7M, 0x022c, 0xfb820103, 0x00, "smull   r0, r1, r2, r3" },
  { ARM_V7M, 0x0230, 0xfbe20103, 0x00, "umlal   r0, r1, r2, r3" },
  { ARM_V7M, 0x0234, 0xfbc20103, 0x00, "smlal   r0, r1, r2, r3" },
  { ARM_V7M, 0x0238, 0xfb91f0f2, 0x00, "sdiv    r0, r1, r2" },
  { ARM_V7M, 0x023c, 0xfbb1f0f2, 0x00, "udiv    r0, r1, r2" },
  { ARM_V7M, 0x0240, 0xf3ef8010, 0x00, "mrs     r0, PRIMASK" },
  { ARM_V7M, 0x0244, 0xf3ef8011, 0x00, "mrs     r0, BASEPRI" },
  { ARM_V7M, 0x0248, 0xf3ef8013, 0x00, "mrs     r0, FAULTMASK" },
  { ARM_V7M, 0x024c, 0xf3ef8014, 0x00, "mrs     r0, CONTROL" },
  { ARM_V7M, 0x0250, 0xf3ef8008, 0x00, "mrs     r0, MSP" },
  { ARM_V7M, 0x0254, 0xf3ef8009, 0x00, "mrs     r0, PSP" },
  { ARM_V7M, 0x0258, 0xf3ef8005, 0x00, "mrs     r0, IPSR" },
  { ARM_V7M, 0x025c, 0xf3ef8003, 0x00, "mrs     r0, PSR" },
  { ARM_V7M, 0x0260, 0xf3ef8000, 0x00, "mrs     r0, APSR" },
  { ARM_V7M, 0x0264, 0xf3808800, 0x00, "msr     APSR_nzcvq, r0" },
  { ARM_V7M, 0x0268, 0xf3808811, 0x00, "msr     BASEPRI, r0" },
  { ARM_V7M, 0x026c, 0xf3808812, 0x00, "msr     BASEPRI_MAX, r0" },
  { ARM_V7M, 0x0270, 0xf3808813, 0x00, "msr     FAULTMASK, r0" },
  { ARM_V7M, 0x0274, 0xf3808814, 0x00, "msr     CONTROL, r0" },
  { ARM_V7M, 0x0278, 0xf3808808, 0x00, "msr     MSP, r0" },
  { ARM_V7M, 0x027c, 0xf3808809, 0x00, "msr     PSP, r0" },
  { ARM_V7M, 0x0280, 0xf3808810, 0x00, "msr     PRIMASK, r0" },
  { ARM_V7M, 0x0284, 0xf3bf8f5f, 0x00, "dmb     sy" },
  { ARM_V7M, 0x0288, 0xf3bf8f4f, 0x00, "dsb     sy" },
  { ARM_V7M, 0x028c, 0xf3bf8f6f, 0x00, "isb     sy" },
  { ARM_V7M, 0x0290, 0xf3bf8f5b, 0x00, "dmb     ish" },
  { ARM_V7M, 0x0294, 0xf3af8000, 0x00, "nop.w" },
  { ARM_V7M, 0x0298, 0xf3af8001, 0x00, "yield.w" },
  { ARM_V7M, 0x029c, 0xf3af8002, 0x00, "wfe.w" },
  { ARM_V7M, 0x02a0, 0xf3af8003, 0x00, "wfi.w" },
  { ARM_V7M, 0x02a4, 0xf3af8004, 0x00, "sev.w" },
  { ARM_V7M, 0x02a8, 0xe92d4ff0, 0x00, "stmdb   sp!, {r4, r5, r6, r7, r8, r9, sl, fp, lr}" },
  { ARM_V7M, 0x02ac, 0xe8bd8ff0, 0x00, "ldmia.w sp!, {r4, r5, r6, r7, r8, r9, sl, fp, pc}" },
  { ARM_V7M, 0x02b0, 0xe92d0110, 0x00, "stmdb   sp!, {r4, r8}" },
  { ARM_V7M, 0x02b4, 0xe8bd0110, 0x00, "ldmia.w sp!, {r4, r8}" },
  { ARM_V7M, 0x02b8, 0xe8800006, 0x00, "stmia.w r0, {r1, r2}" },
  { ARM_V7M, 0x02bc, 0xe8a00102, 0x00, "stmia.w r0!, {r1, r8}" },
  { ARM_V7M, 0x02c0, 0xe9100006, 0x00, "ldmdb   r0, {r1, r2}" },
  { ARM_V7M, 0x02c4, 0xe9304006, 0x00, "ldmdb   r0!, {r1, r2, lr}" },
  { ARM_V7M, 0x02c8, 0xe8900006, 0x00, "ldmia.w r0, {r1, r2}" },
  { ARM_V7M, 0x02cc, 0xf43faef8, 0x00, "beq.w   0x000000c0" },
  { ARM_V7M, 0x02d0, 0xf47fae96, 0x00, "bne.w   0x00000000" },
  { ARM_V7M, 0x02d4, 0xf63faef4, 0x00, "bhi.w   0x000000c0" },
  { ARM_V7M, 0x02d8, 0xf7ffbef2, 0x00, "b.w     0x000000c0" },
  { ARM_V7M, 0x02dc, 0xf7ffbe90, 0x00, "b.w     0x00000000" },
  { ARM_V7M, 0x02e0, 0xf7f0a3e8, 0x00, "udf.w   #1000" },
  { ARM_V7M, 0x02e4, 0xf1b00f01, 0x00, "cmp.w   r0, #1" },
  { ARM_V7M, 0x02e8, 0xebb00f41, 0x00, "cmp.w   r0, r1, lsl #1" },
  { ARM_V7M, 0x02ec, 0xf1100f01, 0x00, "cmn.w   r0, #1" },
  { ARM_V7M, 0x02f0, 0xeb100f01, 0x00, "cmn.w   r0, r1" },
  { ARM_V7M, 0x02f4, 0xf0100f01, 0x00, "tst.w   r0, #1" },
  { ARM_V7M, 0x02f8, 0xea100f01, 0x00, "tst.w   r0, r1" },
  { ARM_V7M, 0x02fc, 0xf0900f04, 0x00, "teq     r0, #4" },
  { ARM_V7M, 0x0300, 0xea900f01, 0x00, "teq     r0, r1" },
  { ARM_V7M, 0x0304, 0xea6f0001, 0x00, "mvn.w   r0, r1" },
  { ARM_V7M, 0x0308, 0xea7f0081, 0x00, "mvns.w  r0, r1, lsl #2" },
  { ARM_V7M, 0x030c, 0xea4f0031, 0x00, "mov.w   r0, r1, rrx" },
  { ARM_V7M, 0x0310, 0xea4f1031, 0x00, "mov.w   r0, r1, ror #4" },
  { ARM_V7M, 0x0314, 0xea4f00e1, 0x00, "mov.w   r0, r1, asr #3" },
  { ARM_V7M, 0x0318, 0xea4f00d1, 0x00, "mov.w   r0, r1, lsr #3" },
  { ARM_V7M, 0x031c, 0xf9110c01, 0x00, "ldrsb.w r0, [r1, #-1]" },
  { ARM_V7M, 0x0320, 0xf991000c, 0x00, "ldrsb.w r0, [r1, #12]" },
  { ARM_V7M, 0x0324, 0xf9b1000c, 0x00, "ldrsh.w r0, [r1, #12]" },
  { ARM_V7M, 0x0328, 0xf8b10fff, 0x00, "ldrh.w  r0, [r1, #4095]" },
  { ARM_V7M, 0x032c, 0xf8110032, 0x00, "ldrb.w  r0, [r1, r2, lsl #3]" },
  { ARM_V7M, 0x0330, 0xf8510e04, 0x00, "ldrt    r0, [r1, #4]" },
  { ARM_V7M, 0x0334, 0xf8010e04, 0x00, "strbt   r0, [r1, #4]" },
  { ARM_V7M, 0x0338, 0xf890f004, 0x00, "pld     [r0, #4]" },
  { ARM_V7M, 0x033c, 0xf810fc04, 0x00, "pld     [r0, #-4]" },
  { ARM_V7M, 0x0340, 0xf810f001, 0x00, "pld     [r0, r1]" },
  { ARM_V7M, 0x0344, 0xf990f004, 0x00, "pli     [r0, #4]" },
  { ARM_V7M, 0x0348, 0xf1c10000, 0x00, "rsb     r0, r1, #0" },
  { ARM_V7M, 0x034c, 0xebd10002, 0x00, "rsbs    r0, r1, r2" },
  { ARM_V7M, 0x0350, 0xebc10082, 0x00, "rsb     r0, r1, r2, lsl #2" },
  { ARM_V7M, 0x0354, 0xeb410002, 0x00, "adc.w   r0, r1, r2" },
  { ARM_V7M, 0x0358, 0xf1410005, 0x00, "adc.w   r0, r1, #5" },
  { ARM_V7M, 0x035c, 0xf1710001, 0x00, "sbcs.w  r0, r1, #1" },
  { ARM_V7M, 0x0360, 0xeb610002, 0x00, "sbc.w   r0, r1, r2" },
  { ARM_V7M, 0x0364, 0xeba10002, 0x00, "sub.w   r0, r1, r2" },
  { ARM_V7M, 0x0368, 0xf1b10004, 0x00, "subs.w  r0, r1, #4" },
  { ARM_V7M, 0x036c, 0xf1ad0d08, 0x00, "sub.w   sp, sp, #8" },
  { ARM_V7M, 0x0370, 0xf10d0004, 0x00, "add.w   r0, sp, #4" },
  { ARM_V7M, 0x0374, 0xfa01f002, 0x00, "lsl.w   r0, r1, r2" },
  { ARM_V7M, 0x0378, 0xfa21f002, 0x00, "lsr.w   r0, r1, r2" },
  { ARM_V7M, 0x037c, 0xfa51f002, 0x00, "asrs.w  r0, r1, r2" },
  { ARM_V7M, 0x0380, 0xfa61f002, 0x00, "ror.w   r0, r1, r2" },
  /* The DSP extension (-mcpu=cortex-m4). */
  { ARM_V7M | ARM_DSP, 0x0400, 0xfa81f052, 0x00, "uqadd8  r0, r1, r2" },
  { ARM_V7M | ARM_DSP, 0x0404, 0xfaa4f325, 0x00, "shasx   r3, r4, r5" },
  { ARM_V7M | ARM_DSP, 0x0408, 0xfa82f0b1, 0x00, "qdsub   r0, r1, r2" },
  { ARM_V7M | ARM_DSP, 0x040c, 0xfaa2f183, 0x00, "sel     r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x0410, 0xfa21f092, 0x00, "sxtab16 r0, r1, r2, ror #8" },
  { ARM_V7M | ARM_DSP, 0x0414, 0xfa3ff485, 0x00, "uxtb16  r4, r5" },
  { ARM_V7M | ARM_DSP, 0x0418, 0xfb113022, 0x00, "smlatb  r0, r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x041c, 0xfb35f416, 0x00, "smulwt  r4, r5, r6" },
  { ARM_V7M | ARM_DSP, 0x0420, 0xfb413012, 0x00, "smlsdx  r0, r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x0424, 0xfb657416, 0x00, "smmlsr  r4, r5, r6, r7" },
  { ARM_V7M | ARM_DSP, 0x0428, 0xfb713002, 0x00, "usada8  r0, r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x042c, 0xfbc201b3, 0x00, "smlaltt r0, r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x0430, 0xfbd645d7, 0x00, "smlsldx r4, r5, r6, r7" },
  { ARM_V7M | ARM_DSP, 0x0434, 0xfbe20163, 0x00, "umaal   r0, r1, r2, r3" },
  { ARM_V7M | ARM_DSP, 0x0438, 0xeac10022, 0x00, "pkhtb   r0, r1, r2, asr #32" },
  { ARM_V7M | ARM_DSP, 0x043c, 0xeac42305, 0x00, "pkhbt   r3, r4, r5, lsl #8" },
  { ARM_V7M | ARM_DSP, 0x0440, 0xf321000f, 0x00, "ssat16  r0, #16, r1" },
  { ARM_V7M | ARM_DSP, 0x0444, 0xf3a30207, 0x00, "usat16  r2, #7, r3" },
  { ARM_V7M | ARM_DSP, 0x0448, 0xfa0ff081, 0x00, "sxth.w  r0, r1" },
  /* The FPv4-SP FPU (-mcpu=cortex-m4 -mfpu=fpv4-sp-d16); no comments. */
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0500, 0xee300a81, 0x00, "vadd.f32 s0, s1, s2" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0504, 0xee521a62, 0x00, "vnmla.f32 s3, s4, s5" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0508, 0xeea33ac4, 0x00, "vfms.f32 s6, s7, s8" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x050c, 0xeec54a25, 0x00, "vdiv.f32 s9, s10, s11" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0510, 0xeef77a00, 0x00, "vmov.f32 s15, #112" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0514, 0xeef00ac1, 0x00, "vabs.f32 s1, s2" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0518, 0xeef11ac2, 0x00, "vsqrt.f32 s3, s4" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x051c, 0xeef52ac0, 0x00, "vcmpe.f32 s5, #0.0" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0520, 0xeeb43a63, 0x00, "vcmp.f32 s6, s7" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0524, 0xeebd4ae4, 0x00, "vcvt.s32.f32 s8, s9" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0528, 0xeebc5a65, 0x00, "vcvtr.u32.f32 s10, s11" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x052c, 0xeeb86ae6, 0x00, "vcvt.f32.s32 s12, s13" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0530, 0xeefb7aef, 0x00, "vcvt.f32.u32 s15, s15, #1" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0534, 0xeebe7a44, 0x00, "vcvt.s16.f32 s14, s14, #8" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0538, 0xee110a90, 0x00, "vmov    r0, s3" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x053c, 0xee021a10, 0x00, "vmov    s4, r1" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0540, 0xeef1fa10, 0x00, "vmrs    APSR_nzcv, fpscr" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0544, 0xeef12a10, 0x00, "vmrs    r2, fpscr" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0548, 0xeee13a10, 0x00, "vmsr    fpscr, r3" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x054c, 0xec510a11, 0x00, "vmov    r0, r1, s2, s3" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0550, 0xec432b11, 0x00, "vmov    d1, r2, r3" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0554, 0xed900a01, 0x00, "vldr    s0, [r0, #4]" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0558, 0xed0d8b04, 0x00, "vstr    d8, [sp, #-16]" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x055c, 0xed2d8a10, 0x00, "vpush   {s16-s31}" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0560, 0xecbd8b02, 0x00, "vpop    {d8}" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0564, 0xecb08a10, 0x00, "vldmia  r0!, {s16-s31}" },
  { ARM_V7M | ARM_DSP | ARM_FPU, 0x0568, 0xed210b08, 0x00, "vstmdb  r1!, {d0-d3}" },
};

static void
test_objdump (void)
{
  unsigned wrong = 0;

  /* Every difference is reported before the test fails. */
  for (unsigned i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DisasCase *c = &cases[i];
      g_autoptr (GString) text = g_string_new (NULL);

      arm_disas_insn (c->profile, c->pc, c->raw, c->itstate, text);
      if (g_strcmp0 (text->str, c->text) != 0)
        {
          g_test_message ("at 0x%04x (0x%08x): got \"%s\", want \"%s\"",
                          c->pc, c->raw, text->str, c->text);
          wrong++;
        }
    }
  g_assert_cmpuint (wrong, ==, 0);
}

/* What ARMv6-M lacks is undefined there, and decodes on ARMv7-M. */
static void
test_profiles (void)
{
  static const uint32_t v7_only[] = {
    0xb100,       /* cbz r0, ... */
    0xbf08,       /* it eq */
    0xeb010002,   /* add.w r0, r1, r2 */
    0xfb91f0f2,   /* sdiv r0, r1, r2 */
    0xe8510f00,   /* ldrex r0, [r1] */
    0xf3af8000,   /* nop.w */
    0xb661,       /* cpsie f */
  };
  ArmDecoded d;

  for (unsigned i = 0; i < G_N_ELEMENTS (v7_only); i++)
    {
      g_assert_false (arm_decode (ARM_V6M, v7_only[i], false, &d));
      g_assert_null (d.op);
      g_assert_true (arm_decode (ARM_V7M, v7_only[i], false, &d));
    }
  /* The DSP extension's instructions are undefined without it. */
  g_assert_false (arm_decode (ARM_V7M, 0xfa81f052, false, &d)); /* uqadd8 */
  g_assert_false (arm_decode (ARM_V7M, 0xfb113022, false, &d)); /* smlatb */
  g_assert_true (arm_decode (ARM_V7M | ARM_DSP, 0xfa81f052, false, &d));
  /* Coprocessor instructions decode (to a NOCP UsageFault) on ARMv7-M. */
  g_assert_true (arm_decode (ARM_V7M, 0xee000a10, false, &d));
  g_assert_cmpint (d.op->op, ==, ARM_OP_NOCP);
  g_assert_false (arm_decode (ARM_V6M, 0xee000a10, false, &d));
}

/* The fields the executor relies on. */
static void
test_fields (void)
{
  ArmDecoded d;

  /* adds r0, r1, #1 sets flags outside an IT block only. */
  g_assert_true (arm_decode (ARM_V6M, 0x1c48, false, &d));
  g_assert_true (d.setflags);
  g_assert_true (arm_decode (ARM_V7M, 0x1c48, true, &d));
  g_assert_false (d.setflags);
  /* ands.w r0, r1, #0xff00ff00: a rotated-pattern immediate, C kept. */
  g_assert_true (arm_decode (ARM_V7M, 0xf01120ff, false, &d));
  g_assert_cmphex (d.imm, ==, 0xff00ff00);
  g_assert_cmpint (d.carry, ==, ARM_CARRY_KEEP);
  /* mov.w r0, #0xff000000: a rotated immediate, C = bit 31. */
  g_assert_true (arm_decode (ARM_V7M, 0xf04f407f, false, &d));
  g_assert_cmphex (d.imm, ==, 0xff000000);
  g_assert_cmpint (d.carry, ==, ARM_CARRY_SET);
  /* bl backwards: the offset is sign-extended from 25 bits. */
  g_assert_true (arm_decode (ARM_V6M, 0xf7fffffc, false, &d));
  g_assert_cmpint ((int32_t) d.imm, ==, -8);
  /* pop {r4, pc} is LDM sp! with r4 and pc. */
  g_assert_true (arm_decode (ARM_V6M, 0xbd10, false, &d));
  g_assert_cmphex (d.imm, ==, 0x8010);
  g_assert_true (d.wback);
  /* ldmia r0, {r0, r1}: no writeback when the base is loaded. */
  g_assert_true (arm_decode (ARM_V6M, 0xc803, false, &d));
  g_assert_false (d.wback);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/targets/arm/disas/objdump", test_objdump);
  g_test_add_func ("/targets/arm/disas/profiles", test_profiles);
  g_test_add_func ("/targets/arm/disas/fields", test_fields);
  return g_test_run ();
}
