/* Advanced SIMD floating point: the rows of a64_simd_fp_opcodes, their
 * executors and their text.  a64_decode searches this table after the
 * main one, so a row here never shadows a scalar instruction.
 */
#include "aarch64-cpu.h"

#define SROW(mask, match, name, variant, ex)                                                       \
  {                                                                                                \
    mask, match, name, A64_FMT_SIMD_FP, ex, variant                                            \
  }

/* clang-format off */
const A64Opcode a64_simd_fp_opcodes[] = {
  /* filled in as the instruction groups land */
  SROW (0, 1, NULL, 0, NULL), /* matches nothing: (insn & 0) is never 1 */
};
/* clang-format on */

const unsigned a64_n_simd_fp_opcodes = G_N_ELEMENTS (a64_simd_fp_opcodes);

void
a64_simd_fp_disas (const A64Opcode *op, uint64_t pc, uint32_t insn, GString *text)
{
  (void) pc;
  g_string_append_printf (text, "%-7s .inst 0x%08x", op->name, insn);
}
