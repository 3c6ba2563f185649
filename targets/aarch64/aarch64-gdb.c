/* GDB target description for the AArch64 class.
 *
 * GDB recognises an AArch64 core by the feature org.gnu.gdb.aarch64.core:
 * x0-x30, sp, pc and the 32-bit cpsr, numbered 0-33 as in GDB's own
 * description, which is also the order of aarch64-regs.c's table.  The
 * FP feature (org.gnu.gdb.aarch64.fpu) comes with floating point.
 */
#include "aarch64-cpu.h"

#define STR(x) #x
#define X(n)   "    <reg name=\"x" STR (n) "\" bitsize=\"64\" type=\"int\" regnum=\"" STR (n) "\"/>\n"

const char a64_gdb_target_xml[]
  = "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "  <architecture>aarch64</architecture>\n"
    "  <feature name=\"org.gnu.gdb.aarch64.core\">\n"
    "    <flags id=\"cpsr_flags\" size=\"4\">\n"
    "      <field name=\"SP\" start=\"0\" end=\"0\"/>\n"
    "      <field name=\"EL\" start=\"2\" end=\"3\"/>\n"
    "      <field name=\"F\" start=\"6\" end=\"6\"/>\n"
    "      <field name=\"I\" start=\"7\" end=\"7\"/>\n"
    "      <field name=\"A\" start=\"8\" end=\"8\"/>\n"
    "      <field name=\"D\" start=\"9\" end=\"9\"/>\n"
    "      <field name=\"IL\" start=\"20\" end=\"20\"/>\n"
    "      <field name=\"SS\" start=\"21\" end=\"21\"/>\n"
    "      <field name=\"V\" start=\"28\" end=\"28\"/>\n"
    "      <field name=\"C\" start=\"29\" end=\"29\"/>\n"
    "      <field name=\"Z\" start=\"30\" end=\"30\"/>\n"
    "      <field name=\"N\" start=\"31\" end=\"31\"/>\n"
    "    </flags>\n" X (0) X (1) X (2) X (3) X (4) X (5) X (6) X (7) X (8) X (9) X (10) X (11)
      X (12) X (13) X (14) X (15) X (16) X (17) X (18) X (19) X (20) X (21) X (22) X (23) X (24)
        X (25) X (26) X (27) X (28) X (29)
          X (30) "    <reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\" regnum=\"31\"/>\n"
                 "    <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>\n"
                 "    <reg name=\"cpsr\" bitsize=\"32\" type=\"cpsr_flags\" regnum=\"33\"/>\n"
                 "  </feature>\n"
                 "</target>\n";

/* clang-format off */
const int a64_gdb_regmap[A64_GDB_N_REGS] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
};
/* clang-format on */
