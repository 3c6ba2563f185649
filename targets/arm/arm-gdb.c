/* GDB target description for the Cortex-M classes.
 *
 * GDB recognises an M-profile core by the feature org.gnu.gdb.arm.m-profile
 * (r0-r12, sp, lr, pc, xpsr); org.gnu.gdb.arm.m-system adds the banked
 * stack pointers, which GDB uses to unwind through exception frames, and we
 * put the interrupt masks and CONTROL beside them.  Registers are numbered
 * in document order (xpsr right after pc, not at GDB's historical 25: with
 * a description the numbers are ours to choose), which is also the order
 * of arm-regs.c's table.  ARMv6-M cores share the description: their
 * BASEPRI and FAULTMASK read as zero.  The Cortex-M4F's description adds
 * org.gnu.gdb.arm.vfp (d0-d15, fpscr), as QEMU's mps2-an386 offers it.
 */
#include "arm-cpu.h"
#include "arm-gdb.h"

#define STR(x) #x
#define REG(name, type, num)                                                                       \
  "    <reg name=\"" name "\" bitsize=\"32\" type=\"" type "\" regnum=\"" STR (num) "\"/>\n"
#define SYSREG(name, type, num)                                                                    \
  "    <reg name=\"" name "\" bitsize=\"32\" type=\"" type "\" group=\"system\""                   \
  " regnum=\"" STR (num) "\"/>\n"

/* clang-format off */
#define HEAD                                                                                       \
  "<?xml version=\"1.0\"?>\n"                                                                      \
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"                                                  \
  "<target version=\"1.0\">\n"                                                                     \
  "  <architecture>arm</architecture>\n"
#define CORE                                                                                       \
  "  <feature name=\"org.gnu.gdb.arm.m-profile\">\n"                                               \
  REG ("r0", "uint32", 0) REG ("r1", "uint32", 1) REG ("r2", "uint32", 2)                          \
  REG ("r3", "uint32", 3) REG ("r4", "uint32", 4) REG ("r5", "uint32", 5)                          \
  REG ("r6", "uint32", 6) REG ("r7", "uint32", 7) REG ("r8", "uint32", 8)                          \
  REG ("r9", "uint32", 9) REG ("r10", "uint32", 10) REG ("r11", "uint32", 11)                      \
  REG ("r12", "uint32", 12) REG ("sp", "data_ptr", 13) REG ("lr", "uint32", 14)                    \
  REG ("pc", "code_ptr", 15) REG ("xpsr", "uint32", 16)                                            \
  "  </feature>\n"                                                                                 \
  "  <feature name=\"org.gnu.gdb.arm.m-system\">\n"                                                \
  SYSREG ("msp", "data_ptr", 17) SYSREG ("psp", "data_ptr", 18)                                    \
  SYSREG ("primask", "uint32", 19) SYSREG ("basepri", "uint32", 20)                                \
  SYSREG ("faultmask", "uint32", 21) SYSREG ("control", "uint32", 22)                              \
  "  </feature>\n"
/* The FPv4-SP's registers as GDB's VFP feature has them: d0-d15 (GDB
 * makes s0-s31 of them) and fpscr. */
#define DREG(n, num)                                                                               \
  "    <reg name=\"d" #n "\" bitsize=\"64\" type=\"ieee_double\" regnum=\"" STR (num) "\"/>\n"
#define VFP                                                                                        \
  "  <feature name=\"org.gnu.gdb.arm.vfp\">\n"                                                     \
  DREG (0, 23) DREG (1, 24) DREG (2, 25) DREG (3, 26) DREG (4, 27) DREG (5, 28)                    \
  DREG (6, 29) DREG (7, 30) DREG (8, 31) DREG (9, 32) DREG (10, 33) DREG (11, 34)                  \
  DREG (12, 35) DREG (13, 36) DREG (14, 37) DREG (15, 38)                                          \
  "    <reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\" regnum=\"39\"/>\n"          \
  "  </feature>\n"

const char arm_gdb_target_xml[] = HEAD CORE "</target>\n";
const char arm_gdb_fpu_target_xml[] = HEAD CORE VFP "</target>\n";

const int arm_gdb_regmap[ARM_N_REGS] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22,
};

const int arm_gdb_fpu_regmap[ARM_N_FPU_REGS] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22,
  23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
};
/* clang-format on */
