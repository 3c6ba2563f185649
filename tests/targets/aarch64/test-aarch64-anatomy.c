/* The anatomy of A64 instructions: a sample split into the fields of the
 * Arm ARM's encoding diagrams; every row of the three decode tables has
 * its one line of description; and a sweep of encodings (each row's
 * pattern with its free bits random, then random words) in which every
 * instruction that decodes has a description and fields covering all 32
 * bits exactly once. */
#include <glib.h>
#include <string.h>

#include "engine/machine.h"
#include "tests/targets/anatomy-check.h"
#include "targets/aarch64/aarch64-cpu.h"
#include "targets/aarch64/aarch64.h"

#define RAM_BASE UINT64_C (0x40000000)

typedef AnatomyFixture Fixture;

static void
setup (Fixture *fx)
{
  anatomy_setup (fx, &mdl_aarch64_cortex_a53_class, RAM_BASE, TRUE);
}

static void
info_of (Fixture *fx, uint32_t insn, MdlInsnInfo *info)
{
  memcpy (mdl_region_host (fx->ram), &insn, 4);
  g_assert_true (fx->cpu->cls->insn_info (fx->cpu, RAM_BASE, info));
}

static void
test_fields (void)
{
  Fixture fx;
  MdlInsnInfo info;

  setup (&fx);
  /* add x0, x1, #0x10: sf 1, op:S 00, 100010, sh 0, imm12, Rn, Rd */
  info_of (&fx, 0x91004020, &info);
  g_assert_cmpstr (info.mnemonic, ==, "add");
  g_assert_cmpstr (info.format, ==, "add/sub (immediate)");
  check_field (&info, "sf", 31, 31, 1, "64-bit");
  check_field (&info, "fixed", 28, 23, 0x22, "");
  check_field (&info, "imm12", 21, 10, 0x10, NULL);
  check_field (&info, "Rn", 9, 5, 1, "x1");
  check_field (&info, "Rd", 4, 0, 0, "x0");
  check_cover (&info);
  g_assert_cmpstr (info.summary, ==, "Add: Rd = Rn + operand (mov to or from sp)");

  /* ldr x0, [x1, #8]: size 11, 111 0 01, opc 01, imm12 1 */
  info_of (&fx, 0xf9400420, &info);
  g_assert_cmpstr (info.format, ==, "load/store (uimm12)");
  check_field (&info, "size", 31, 30, 3, NULL);
  check_field (&info, "fixed", 29, 24, 0x39, "");
  check_field (&info, "opc", 23, 22, 1, "ldr");
  check_field (&info, "imm12", 21, 10, 1, "offset / size");
  check_cover (&info);
  g_assert_cmpstr (info.summary, ==, "Load a register (32 or 64 bits)");

  /* ldrsb w2, [x3], #-1 (post-index) */
  info_of (&fx, 0x38dff462, &info);
  g_assert_cmpstr (info.mnemonic, ==, "ldrsb");
  check_cover (&info);
  g_assert_cmpstr (info.summary, ==, "Load a byte, sign-extended");

  /* b.ne -8: 0101010 0 imm19 0 cond */
  info_of (&fx, 0x54ffffc1, &info);
  check_field (&info, "imm19", 23, 5, 0x7fffe, "offset / 4");
  check_field (&info, "cond", 3, 0, 1, "ne");
  check_cover (&info);

  /* msr daifset, #2 and msr sctlr_el1, x0: two rows, two lines */
  info_of (&fx, 0xd50342df, &info);
  g_assert_cmpstr (info.summary, ==, "Write an immediate to a PSTATE field (DAIFSet, SPSel)");
  check_cover (&info);
  info_of (&fx, 0xd5181000, &info);
  g_assert_cmpstr (info.summary, ==, "Write a register to a system register");
  check_field (&info, "Rt", 4, 0, 0, "x0");
  check_cover (&info);

  /* ldr q0, [x1] (SIMD&FP) and fmadd d0, d1, d2, d3 */
  info_of (&fx, 0x3dc00020, &info);
  g_assert_cmpstr (info.summary, ==, "Load a SIMD&FP register (b, h, s, d or q)");
  info_of (&fx, 0x1f420c20, &info);
  g_assert_cmpstr (info.mnemonic, ==, "fmadd");
  g_assert_cmpstr (info.summary, ==, "Fused multiply-add: Rd = Ra + Rn * Rm");
  check_cover (&info);

  /* sqadd v0.4s, v1.4s, v2.4s: a signed family's line */
  info_of (&fx, 0x4ea20c20, &info);
  g_assert_cmpstr (info.mnemonic, ==, "sqadd");
  g_assert_cmpstr (info.summary, ==, "Signed saturating add");
  check_cover (&info);
  anatomy_teardown (&fx);
}

static void
check_rows (const A64Opcode *rows, unsigned n)
{
  char text[96];

  for (unsigned i = 0; i < n; i++) {
    if (!a64_describe (&rows[i], text, sizeof text))
      g_error ("no description of %s (0x%08x)", rows[i].name, rows[i].match);
    g_assert_cmpuint (strlen (text), >, 8);
    /* Whole, not cut by the views' buffer. */
    g_assert_cmpuint (strlen (text), <, sizeof ((MdlInsnInfo *) NULL)->summary - 1);
  }
}

static void
test_described (void)
{
  check_rows (a64_opcodes, a64_n_opcodes);
  check_rows (a64_simd_int_opcodes, a64_n_simd_int_opcodes);
  check_rows (a64_simd_fp_opcodes, a64_n_simd_fp_opcodes);
}

/* @insn, when it decodes, has a line and fields over every bit. */
static gboolean
sweep_one (Fixture *fx, uint32_t insn, unsigned *decoded)
{
  MdlInsnInfo info;
  char why[96];

  info_of (fx, insn, &info);
  if (strcmp (info.format, "undefined") == 0)
    return TRUE;
  (*decoded)++;
  if (info.summary[0] == '\0') {
    g_test_message ("0x%08x %s: no description", insn, info.mnemonic);
    return FALSE;
  }
  if (!anatomy_covers (&info, why, sizeof why)) {
    g_test_message ("0x%08x (%s): %s", insn, info.format, why);
    return FALSE;
  }
  return TRUE;
}

static void
sweep_rows (Fixture *fx, GRand *rand, const A64Opcode *rows, unsigned n, unsigned *decoded,
            unsigned *bad)
{
  for (unsigned i = 0; i < n; i++)
    for (unsigned k = 0; k < 64; k++) {
      uint32_t insn = rows[i].match | (g_rand_int (rand) & ~rows[i].mask);

      *bad += !sweep_one (fx, insn, decoded);
    }
}

static void
test_sweep (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (0xa64);
  Fixture fx;
  unsigned decoded = 0, bad = 0;

  setup (&fx);
  sweep_rows (&fx, rand, a64_opcodes, a64_n_opcodes, &decoded, &bad);
  sweep_rows (&fx, rand, a64_simd_int_opcodes, a64_n_simd_int_opcodes, &decoded, &bad);
  sweep_rows (&fx, rand, a64_simd_fp_opcodes, a64_n_simd_fp_opcodes, &decoded, &bad);
  for (unsigned k = 0; k < 200000; k++)
    bad += !sweep_one (&fx, g_rand_int (rand), &decoded);
  g_test_message ("%u encodings decoded, %u without a description or a full anatomy", decoded,
                  bad);
  g_assert_cmpuint (decoded, >, 50000);
  g_assert_cmpuint (bad, ==, 0);
  anatomy_teardown (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aarch64/anatomy/fields", test_fields);
  g_test_add_func ("/aarch64/anatomy/described", test_described);
  g_test_add_func ("/aarch64/anatomy/sweep", test_sweep);
  return g_test_run ();
}
