/* The anatomy of compressed instructions: every RVC format (CR, CI, CSS,
 * CIW, CL, CS, CA, CB, CJ) split into the fields of the specification's
 * format table, immediates named by the bits each piece holds and the
 * assembled immediate on the first piece; and every row of both decode
 * tables has its one line of description. */
#include <glib.h>
#include <string.h>

#include "engine/machine.h"
#include "tests/targets/anatomy-check.h"
#include "targets/riscv/riscv-cpu.h"
#include "targets/riscv/riscv.h"

#define RAM_BASE UINT64_C (0x80000000)

typedef AnatomyFixture Fixture;

static void
setup (Fixture *fx, const MdlCpuClass *cls)
{
  anatomy_setup (fx, cls, RAM_BASE, TRUE);
}

/* The anatomy of the 16 bits @bits. */
static void
info_of (Fixture *fx, uint16_t bits, MdlInsnInfo *info)
{
  memcpy (mdl_region_host (fx->ram), &bits, 2);
  fx->cpu->cls->flush_code (fx->cpu);
  g_assert_true (fx->cpu->cls->insn_info (fx->cpu, RAM_BASE, info));
}

static void
test_formats (void)
{
  Fixture fx;
  MdlInsnInfo info;

  setup (&fx, &mdl_riscv_rv64imafdc_class);

  /* CR: c.add a0, a1 = 1001 01010 01011 10 */
  info_of (&fx, 0x952e, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.add");
  g_assert_cmpstr (info.format, ==, "CR");
  check_field (&info, "funct4", 15, 12, 0x9, "c.add");
  check_field (&info, "rd/rs1", 11, 7, 10, "a0");
  check_field (&info, "rs2", 6, 2, 11, "a1");
  check_field (&info, "op", 1, 0, 2, "quadrant 2");
  check_cover (&info);

  /* CI: c.addi16sp sp, -64: nzimm[9]=1, nzimm[4|6|8:7|5] = 0 1 1 0 1
   * (nzimm = -64: bits 9..4 = 111100). */
  info_of (&fx, 0x7139, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.addi16sp");
  g_assert_cmpstr (info.format, ==, "CI");
  check_field (&info, "nzimm[9]", 12, 12, 1, "-64");
  check_field (&info, "rd", 11, 7, 2, "sp");
  check_field (&info, "nzimm[4|6|8:7|5]", 6, 2, 0xe, "");
  check_cover (&info);

  /* CI: c.lwsp a0, 12(sp): uimm[5]=0, uimm[4:2|7:6] = 011 00 */
  info_of (&fx, 0x4532, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.lwsp");
  check_field (&info, "uimm[5]", 12, 12, 0, "12");
  check_field (&info, "rd", 11, 7, 10, "a0");
  check_field (&info, "uimm[4:2|7:6]", 6, 2, 0xc, "");
  check_cover (&info);

  /* CSS: c.sdsp ra, 8(sp): uimm[5:3|8:6] = 001 000 */
  info_of (&fx, 0xe406, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.sdsp");
  g_assert_cmpstr (info.format, ==, "CSS");
  check_field (&info, "uimm[5:3|8:6]", 12, 7, 0x08, "8");
  check_field (&info, "rs2", 6, 2, 1, "ra");
  check_cover (&info);

  /* CIW: c.addi4spn a0, sp, 16: nzuimm[5:4|9:6|2|3] = 01 0000 0 0 */
  info_of (&fx, 0x0808, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.addi4spn");
  g_assert_cmpstr (info.format, ==, "CIW");
  check_field (&info, "nzuimm[5:4|9:6|2|3]", 12, 5, 0x40, "16");
  check_field (&info, "rd'", 4, 2, 2, "a0");
  check_field (&info, "op", 1, 0, 0, "quadrant 0");
  check_cover (&info);

  /* CL: c.lw a2, 4(a0): uimm[5:3]=000, rs1'=a0 (010), uimm[2|6]=10,
   * rd'=a2 (100) */
  info_of (&fx, 0x4150, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.lw");
  g_assert_cmpstr (info.format, ==, "CL");
  check_field (&info, "uimm[5:3]", 12, 10, 0, "4");
  check_field (&info, "rs1'", 9, 7, 2, "a0");
  check_field (&info, "uimm[2|6]", 6, 5, 2, "");
  check_field (&info, "rd'", 4, 2, 4, "a2");
  check_cover (&info);

  /* CL with an F register: c.fld fa0, 8(a1) */
  info_of (&fx, 0x2588, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.fld");
  check_field (&info, "uimm[5:3]", 12, 10, 1, "8");
  check_field (&info, "rs1'", 9, 7, 3, "a1");
  check_field (&info, "rd'", 4, 2, 2, "fa0");

  /* CS: c.sd s1, 16(s0): uimm[5:3]=010, rs1'=s0, uimm[7:6]=00, rs2'=s1 */
  info_of (&fx, 0xe804, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.sd");
  g_assert_cmpstr (info.format, ==, "CS");
  check_field (&info, "uimm[5:3]", 12, 10, 2, "16");
  check_field (&info, "rs1'", 9, 7, 0, "s0");
  check_field (&info, "uimm[7:6]", 6, 5, 0, "");
  check_field (&info, "rs2'", 4, 2, 1, "s1");
  check_cover (&info);

  /* CA: c.and a0, a1 = 100011 010 11 011 01 */
  info_of (&fx, 0x8d6d, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.and");
  g_assert_cmpstr (info.format, ==, "CA");
  check_field (&info, "funct6", 15, 10, 0x23, "c.and");
  check_field (&info, "rd'/rs1'", 9, 7, 2, "a0");
  check_field (&info, "funct2", 6, 5, 3, NULL);
  check_field (&info, "rs2'", 4, 2, 3, "a1");
  check_cover (&info);

  /* CB (branch): c.beqz a0, -2: offset[8|4:3] = 111,
   * offset[7:6|2:1|5] = 11 11 1 */
  info_of (&fx, 0xdd7d, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.beqz");
  g_assert_cmpstr (info.format, ==, "CB");
  check_field (&info, "offset[8|4:3]", 12, 10, 7, "-2");
  check_field (&info, "rs1'", 9, 7, 2, "a0");
  check_field (&info, "offset[7:6|2:1|5]", 6, 2, 0x1f, "");
  check_cover (&info);

  /* CB (shift): c.srai a0, 3: shamt[5]=0, funct2=01, shamt[4:0]=00011 */
  info_of (&fx, 0x850d, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.srai");
  check_field (&info, "shamt[5]", 12, 12, 0, "3");
  check_field (&info, "funct2", 11, 10, 1, NULL);
  check_field (&info, "rd'/rs1'", 9, 7, 2, "a0");
  check_field (&info, "shamt[4:0]", 6, 2, 3, "");
  check_cover (&info);

  /* CJ: c.j 2: imm[11|4|9:8|10|6|7|3:1|5] = 0 0 00 0 0 0 001 0 */
  info_of (&fx, 0xa009, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.j");
  g_assert_cmpstr (info.format, ==, "CJ");
  check_field (&info, "imm[11|4|9:8|10|6|7|3:1|5]", 12, 2, 0x002, "2");
  check_field (&info, "op", 1, 0, 1, "quadrant 1");
  check_cover (&info);

  /* What the summary says: the line, and what it stands for. */
  info_of (&fx, 0x952e, &info);
  g_assert_cmpstr (info.summary, ==, "Add: rd = rs1 + rs2 (compressed); stands for add a0, a0, a1");
  anatomy_teardown (&fx);
}

/* RV32's c.jal (CJ) and c.flw (CL with an F register). */
static void
test_rv32 (void)
{
  Fixture fx;
  MdlInsnInfo info;

  setup (&fx, &mdl_riscv_rv32imafdc_class);
  /* c.jal -4 = 001 1 0 11 1 1 1 110 1 01 */
  info_of (&fx, 0x3ffd, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.jal");
  g_assert_cmpstr (info.format, ==, "CJ");
  check_field (&info, "imm[11|4|9:8|10|6|7|3:1|5]", 12, 2, 0x7ff, "-2");
  /* c.flw fa5, 0(a0) */
  info_of (&fx, 0x611c, &info);
  g_assert_cmpstr (info.mnemonic, ==, "c.flw");
  check_field (&info, "rd'", 4, 2, 7, "fa5");
  anatomy_teardown (&fx);
}

/* Every row of both tables has a line, and every compressed row a
 * layout. */
static void
test_described (void)
{
  const char *name;
  char text[96];

  for (unsigned i = 0; (name = rv_decode_row_name (false, i)) != NULL; i++) {
    if (!rv_describe (name, text, sizeof text))
      g_error ("no description of %s", name);
    g_assert_cmpuint (strlen (text), >, 8);
  }
  for (unsigned i = 0; (name = rv_decode_row_name (true, i)) != NULL; i++) {
    if (!rv_describe (name, text, sizeof text))
      g_error ("no description of %s", name);
    if (rv_c_format (name) == NULL)
      g_error ("no layout of %s", name);
  }
  g_assert_true (rv_describe ("fcvt.w.s", text, sizeof text));
  g_assert_cmpstr (text, ==, "Convert single precision to a signed word");
  g_assert_true (rv_describe ("amoadd.d", text, sizeof text));
  g_assert_cmpstr (text, ==, "Atomically add rs2 to memory at rs1, doubleword");
  g_assert_false (rv_describe ("frobnicate", text, sizeof text));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/riscv/anatomy/compressed-formats", test_formats);
  g_test_add_func ("/riscv/anatomy/compressed-rv32", test_rv32);
  g_test_add_func ("/riscv/anatomy/described", test_described);
  return g_test_run ();
}
