/* The anatomy of Thumb instructions: a sample of 16-bit and 32-bit
 * encodings split into the fields of the ARMv7-M manual's encoding
 * diagrams, with the assembled immediate on the first piece; and every
 * row of both decode tables has its one line of description. */
#include <glib.h>
#include <string.h>

#include "engine/machine.h"
#include "tests/targets/anatomy-check.h"
#include "targets/arm/arm-cpu.h"
#include "targets/arm/arm.h"

#define RAM_BASE UINT64_C (0x20000000)

typedef AnatomyFixture Fixture;

static void
setup (Fixture *fx)
{
  anatomy_setup (fx, &mdl_arm_cortex_m4_class, RAM_BASE, FALSE);
}

/* The anatomy of halfwords @hw1 (and @hw2 when 32-bit) at RAM_BASE. */
static void
info_of (Fixture *fx, uint16_t hw1, uint16_t hw2, MdlInsnInfo *info)
{
  uint16_t code[2] = { hw1, hw2 };

  memcpy (mdl_region_host (fx->ram), code, sizeof code);
  g_assert_true (fx->cpu->cls->insn_info (fx->cpu, RAM_BASE, info));
}

static void
test_thumb16 (void)
{
  Fixture fx;
  MdlInsnInfo info;

  setup (&fx);
  /* adds r1, r2, #3: 0001110 011 010 001 */
  info_of (&fx, 0x1cd1, 0, &info);
  g_assert_cmpstr (info.format, ==, "T16");
  g_assert_cmpstr (info.mnemonic, ==, "add");
  check_field (&info, "opcode", 15, 9, 0x0e, "add");
  check_field (&info, "imm3", 8, 6, 3, "3");
  check_field (&info, "Rn", 5, 3, 2, "r2");
  check_field (&info, "Rd", 2, 0, 1, "r1");
  check_cover (&info);

  /* ldr r0, [r1, #8]: 01101 00010 001 000 (imm5 counts words) */
  info_of (&fx, 0x6888, 0, &info);
  check_field (&info, "imm5", 10, 6, 2, "8");
  check_field (&info, "Rn", 5, 3, 1, "r1");
  check_field (&info, "Rt", 2, 0, 0, "r0");
  check_cover (&info);

  /* mov r8, sp (high registers): 01000110 1 1101 000 */
  info_of (&fx, 0x46e8, 0, &info);
  check_field (&info, "DN", 7, 7, 1, "r8");
  check_field (&info, "Rm", 6, 3, 13, "sp");
  check_cover (&info);

  /* push {r4, lr}: 1011010 1 00010000 */
  info_of (&fx, 0xb510, 0, &info);
  g_assert_cmpstr (info.mnemonic, ==, "push");
  check_field (&info, "M", 8, 8, 1, "lr");
  check_field (&info, "register_list", 7, 0, 0x10, NULL);
  check_cover (&info);

  /* bne.n -4 (from pc + 4): 1101 0001 11111110 */
  info_of (&fx, 0xd1fe, 0, &info);
  check_field (&info, "cond", 11, 8, 1, "ne");
  check_field (&info, "imm8", 7, 0, 0xfe, "-4");
  check_cover (&info);

  /* cbz r3, +8: 1011 0 0 0 1 00001 011 (i:imm5:0 = 000010 << 1... = 4,
   * the target pc + 4 + 4) */
  info_of (&fx, 0xb10b, 0, &info);
  g_assert_cmpstr (info.mnemonic, ==, "cbz");
  check_field (&info, "op", 11, 11, 0, "zero");
  check_field (&info, "imm5", 7, 3, 1, NULL);
  check_field (&info, "Rn", 2, 0, 3, "r3");
  check_cover (&info);

  /* itte eq: 10111111 0000 0110 */
  info_of (&fx, 0xbf06, 0, &info);
  check_field (&info, "firstcond", 7, 4, 0, "eq");
  check_field (&info, "mask", 3, 0, 6, NULL);
  check_cover (&info);

  g_assert_cmpstr (info.summary, ==, "If-then: make the next one to four instructions conditional");
  anatomy_teardown (&fx);
}

static void
test_thumb32 (void)
{
  Fixture fx;
  MdlInsnInfo info;

  setup (&fx);
  /* bl +0x1000: hw1 11110 0 0000000001, hw2 11 1 1 1 00000000000 */
  info_of (&fx, 0xf001, 0xf800, &info);
  g_assert_cmpstr (info.format, ==, "T32");
  g_assert_cmpstr (info.mnemonic, ==, "bl");
  g_assert_cmphex (info.raw, ==, 0xf001f800);
  check_field (&info, "S", 26, 26, 0, "4096");
  check_field (&info, "imm10", 25, 16, 1, "");
  check_field (&info, "J1", 13, 13, 1, "");
  check_field (&info, "J2", 11, 11, 1, "");
  check_field (&info, "imm11", 10, 0, 0, "");
  check_cover (&info);
  g_assert_true (info.is_call);

  /* add.w r0, r1, r2, lsl #3: 11101011 0000 0001 | 0 000 0000 11 00 0010 */
  info_of (&fx, 0xeb01, 0x00c2, &info);
  g_assert_cmpstr (info.mnemonic, ==, "add");
  check_field (&info, "Rn", 19, 16, 1, "r1");
  check_field (&info, "Rd", 11, 8, 0, "r0");
  check_field (&info, "imm3", 14, 12, 0, "3");
  check_field (&info, "imm2", 7, 6, 3, "");
  check_field (&info, "type", 5, 4, 0, "lsl");
  check_field (&info, "Rm", 3, 0, 2, "r2");
  check_cover (&info);

  /* mov.w r3, #0xff00ff00 (modified immediate i:imm3:imm8 = 0 010 0xff... the
   * pattern 0xXY00XY00 is imm3 = 010) */
  info_of (&fx, 0xf04f, 0x23ff, &info);
  g_assert_cmpstr (info.mnemonic, ==, "mov");
  check_field (&info, "i", 26, 26, 0, "4278255360");
  check_field (&info, "imm3", 14, 12, 2, "");
  check_field (&info, "Rd", 11, 8, 3, "r3");
  check_field (&info, "imm8", 7, 0, 0xff, "");
  check_cover (&info);

  /* ldr.w r2, [r5, #0x123]: 111110001101 0101 | 0010 000100100011 */
  info_of (&fx, 0xf8d5, 0x2123, &info);
  g_assert_cmpstr (info.mnemonic, ==, "ldr");
  check_field (&info, "L", 20, 20, 1, "load");
  check_field (&info, "Rn", 19, 16, 5, "r5");
  check_field (&info, "Rt", 15, 12, 2, "r2");
  check_field (&info, "imm12", 11, 0, 0x123, "291");
  check_cover (&info);

  /* mla r0, r1, r2, r3: 111110110000 0001 | 0011 0000 0000 0010 */
  info_of (&fx, 0xfb01, 0x3002, &info);
  g_assert_cmpstr (info.mnemonic, ==, "mla");
  check_field (&info, "Ra", 15, 12, 3, "r3");
  check_field (&info, "Rd", 11, 8, 0, "r0");
  check_field (&info, "Rm", 3, 0, 2, "r2");
  check_cover (&info);
  g_assert_cmpstr (info.summary, ==, "Multiply and accumulate: Rd = Rn * Rm + Ra");
  anatomy_teardown (&fx);
}

static void
test_described (void)
{
  const char *name;
  char text[96];

  for (unsigned w = 0; w < 2; w++)
    for (unsigned i = 0; (name = arm_decode_row_name (w, i)) != NULL; i++)
      if (!arm_describe (name, text, sizeof text))
        g_error ("no description of %s", name);
  g_assert_true (arm_describe ("uqsub8", text, sizeof text));
  g_assert_cmpstr (text, ==, "Parallel unsigned saturating subtract of four byte pairs");
  g_assert_true (arm_describe ("smlabt", text, sizeof text));
  g_assert_cmpstr (text, ==,
                   "Signed multiply of the bottom half of Rn by the top half of Rm, accumulated");
  g_assert_false (arm_describe ("frobnicate", text, sizeof text));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/arm/anatomy/thumb16", test_thumb16);
  g_test_add_func ("/arm/anatomy/thumb32", test_thumb32);
  g_test_add_func ("/arm/anatomy/described", test_described);
  return g_test_run ();
}
