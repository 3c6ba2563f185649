/* The flash patch and breakpoint unit (0xe0002000) of the M3 and M4, as
 * far as it is a breakpoint unit: 6 instruction comparators (and 2
 * literal ones) that a debug monitor or a debugger on the bus programs.
 *
 *   0x000 FP_CTRL    NUM_CODE = 6, NUM_LIT = 2; ENABLE, written only
 *                    together with KEY (bit 1)
 *   0x004 FP_REMAP   stored; RMPSPT = 0, so nothing is remapped
 *   0x008-0x024      FP_COMP0-7: COMP[28:2], REPLACE[31:30], ENABLE
 *   0xfd0-0xffc      the ID registers of the M3/M4 FPB
 *
 * An enabled instruction comparator with REPLACE 01, 10 or 11 is a
 * breakpoint on the lower, upper or both halfwords of its word in the
 * code region: the core stops there as at any breakpoint (the machine
 * stops with MDL_STOP_BREAKPOINT before the instruction, and resumes
 * through it), which is what a halting debugger would see.  Decoded
 * instructions are checked when decoded, so every write here forgets
 * them.
 */
#include "arm-cpu.h"

enum {
  FP_CTRL = 0x000,
  FP_REMAP = 0x004,
  FP_COMP0 = 0x008,
  FP_COMP_LAST = 0x024,
  FP_PID4 = 0xfd0,
  FP_CID3 = 0xffc,
  N_CODE = 6,
};

bool
arm_fpb_read (ArmCpu *s, uint32_t off, uint32_t *value)
{
  if (off >= FP_PID4 && off <= FP_CID3) {
    static const uint8_t id[12] = { 0x04, 0, 0, 0, 0x03, 0xb0, 0x2b, 0x00, 0x0d, 0xe0, 0x05, 0xb1 };

    *value = (off & 3) ? 0 : id[(off - FP_PID4) / 4];
    return true;
  }
  if (off == FP_CTRL)
    *value = 2u << 8 | N_CODE << 4 | s->fpb_enable;
  else if (off == FP_REMAP)
    *value = s->fpb_remap;
  else if (off >= FP_COMP0 && off <= FP_COMP_LAST)
    *value = s->fpb_comp[(off - FP_COMP0) / 4];
  else
    return false;
  return true;
}

bool
arm_fpb_write (ArmCpu *s, uint32_t off, uint32_t value)
{
  if (off >= FP_PID4 && off <= FP_CID3)
    return true;
  if (off == FP_CTRL) {
    if (value & 2)
      s->fpb_enable = value & 1;
  } else if (off == FP_REMAP)
    s->fpb_remap = value & 0x1fffffe0u;
  else if (off >= FP_COMP0 && off <= FP_COMP_LAST)
    s->fpb_comp[(off - FP_COMP0) / 4] = value & 0xdffffffdu;
  else
    return false;
  arm_flush_code (&s->cpu);
  return true;
}

bool
arm_fpb_match (const ArmCpu *s, uint32_t pc)
{
  if (!s->fpb_enable || pc >= 0x20000000u)
    return false;
  for (unsigned i = 0; i < N_CODE; i++) {
    uint32_t c = s->fpb_comp[i], replace = c >> 30;

    if ((c & 1) && (c & 0x1ffffffcu) == (pc & ~3u)
        && (replace == 3 || replace == ((pc & 2) ? 2u : 1u)))
      return true;
  }
  return false;
}

void
arm_fpb_reset (ArmCpu *s)
{
  s->fpb_enable = false;
  s->fpb_remap = 0;
  for (unsigned i = 0; i < G_N_ELEMENTS (s->fpb_comp); i++)
    s->fpb_comp[i] = 0;
}
