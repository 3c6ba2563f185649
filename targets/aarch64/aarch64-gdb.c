/* GDB target description for the AArch64 class.
 *
 * GDB recognises an AArch64 core by the feature org.gnu.gdb.aarch64.core:
 * x0-x30, sp, pc and the 32-bit cpsr, numbered 0-33 as in GDB's own
 * description, which is also the order of aarch64-regs.c's table.  The
 * feature org.gnu.gdb.aarch64.fpu follows: v0-v31 (128 bits, numbered
 * 34-65) with the union type GDB's own description gives them, so that
 * $v0.d.f[1] and the q, d, s, h and b views GDB derives from them work,
 * then fpsr and fpcr.
 */
#include "aarch64-cpu.h"

#define STR(x) #x
#define X(n)   "    <reg name=\"x" STR (n) "\" bitsize=\"64\" type=\"int\" regnum=\"" STR (n) "\"/>\n"
#define V(n, gdb)                                                                                  \
  "    <reg name=\"v" STR (n) "\" bitsize=\"128\" type=\"aarch64v\" regnum=\"" STR (gdb) "\"/>\n"
#define VEC(id, type, count)                                                                       \
  "    <vector id=\"" id "\" type=\"" type "\" count=\"" STR (count) "\"/>\n"
#define FIELD(name, type) "      <field name=\"" name "\" type=\"" type "\"/>\n"

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
    /* clang-format off */
    "  <feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
    VEC ("v2d", "ieee_double", 2) VEC ("v2u", "uint64", 2) VEC ("v2i", "int64", 2)
    VEC ("v4f", "ieee_single", 4) VEC ("v4u", "uint32", 4) VEC ("v4i", "int32", 4)
    VEC ("v8f", "ieee_half", 8) VEC ("v8u", "uint16", 8) VEC ("v8i", "int16", 8)
    VEC ("v16u", "uint8", 16) VEC ("v16i", "int8", 16)
    VEC ("v1u", "uint128", 1) VEC ("v1i", "int128", 1)
    "    <union id=\"vnd\">\n" FIELD ("f", "v2d") FIELD ("u", "v2u") FIELD ("s", "v2i") "    </union>\n"
    "    <union id=\"vns\">\n" FIELD ("f", "v4f") FIELD ("u", "v4u") FIELD ("s", "v4i") "    </union>\n"
    "    <union id=\"vnh\">\n" FIELD ("f", "v8f") FIELD ("u", "v8u") FIELD ("s", "v8i") "    </union>\n"
    "    <union id=\"vnb\">\n" FIELD ("u", "v16u") FIELD ("s", "v16i") "    </union>\n"
    "    <union id=\"vnq\">\n" FIELD ("u", "v1u") FIELD ("s", "v1i") "    </union>\n"
    "    <union id=\"aarch64v\">\n"
    FIELD ("d", "vnd") FIELD ("s", "vns") FIELD ("h", "vnh") FIELD ("b", "vnb") FIELD ("q", "vnq")
    "    </union>\n"
    V (0, 34) V (1, 35) V (2, 36) V (3, 37) V (4, 38) V (5, 39) V (6, 40) V (7, 41)
    V (8, 42) V (9, 43) V (10, 44) V (11, 45) V (12, 46) V (13, 47) V (14, 48) V (15, 49)
    V (16, 50) V (17, 51) V (18, 52) V (19, 53) V (20, 54) V (21, 55) V (22, 56) V (23, 57)
    V (24, 58) V (25, 59) V (26, 60) V (27, 61) V (28, 62) V (29, 63) V (30, 64) V (31, 65)
    "    <reg name=\"fpsr\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>\n"
    "    <reg name=\"fpcr\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>\n"
    "  </feature>\n"
    "</target>\n";
/* clang-format on */

/* clang-format off */
const int a64_gdb_regmap[A64_GDB_N_REGS] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
  /* v0-v31, fpsr, fpcr: after cpsr, the 16 system registers */
  50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65,
  66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
  82, 83,
};
/* clang-format on */
