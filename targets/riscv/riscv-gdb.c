/* GDB target descriptions for the RISC-V classes.
 *
 * GDB's riscv port recognises the feature org.gnu.gdb.riscv.cpu (x0..x31
 * under their ABI names, then pc) and org.gnu.gdb.riscv.csr (CSRs by their
 * architectural names).  Registers are numbered in document order, which is
 * also the order of riscv-regs.c's table, so the map is the identity: the
 * stub still goes through it, so that the two orders may part later.
 * Widths follow riscv-regs.c (mvendorid stays 32 bits on RV64).
 *
 * The F and D classes add org.gnu.gdb.riscv.fpu after the CSRs: f0..f31
 * under their ABI names, 64 bits (FLEN 64: GDB shows them as a float and
 * a double), then fflags, frm and fcsr, which GDB looks for by name in
 * that feature.  Its registers carry no regnum: each is numbered one
 * after the one before, the CSRs' numbers stay those of the IMAC classes.
 */
#include "riscv-cpu.h"
#include "riscv-gdb.h"

#define STR(x) #x
#define REG(name, bits, type, num) \
  "    <reg name=\"" name "\" bitsize=\"" STR (bits) "\" type=\"" type \
  "\" regnum=\"" STR (num) "\"/>\n"
#define CSR(name, bits, num) \
  "    <reg name=\"" name "\" bitsize=\"" STR (bits) "\" type=\"int\" group=\"csr\"" \
  " regnum=\"" STR (num) "\"/>\n"

#define CPU_FEATURE(bits) \
  "  <feature name=\"org.gnu.gdb.riscv.cpu\">\n" \
  REG ("zero", bits, "int", 0)      REG ("ra", bits, "code_ptr", 1) \
  REG ("sp", bits, "data_ptr", 2)   REG ("gp", bits, "data_ptr", 3) \
  REG ("tp", bits, "data_ptr", 4)   REG ("t0", bits, "int", 5) \
  REG ("t1", bits, "int", 6)        REG ("t2", bits, "int", 7) \
  REG ("fp", bits, "data_ptr", 8)   REG ("s1", bits, "int", 9) \
  REG ("a0", bits, "int", 10)       REG ("a1", bits, "int", 11) \
  REG ("a2", bits, "int", 12)       REG ("a3", bits, "int", 13) \
  REG ("a4", bits, "int", 14)       REG ("a5", bits, "int", 15) \
  REG ("a6", bits, "int", 16)       REG ("a7", bits, "int", 17) \
  REG ("s2", bits, "int", 18)       REG ("s3", bits, "int", 19) \
  REG ("s4", bits, "int", 20)       REG ("s5", bits, "int", 21) \
  REG ("s6", bits, "int", 22)       REG ("s7", bits, "int", 23) \
  REG ("s8", bits, "int", 24)       REG ("s9", bits, "int", 25) \
  REG ("s10", bits, "int", 26)      REG ("s11", bits, "int", 27) \
  REG ("t3", bits, "int", 28)       REG ("t4", bits, "int", 29) \
  REG ("t5", bits, "int", 30)       REG ("t6", bits, "int", 31) \
  REG ("pc", bits, "code_ptr", 32) \
  "  </feature>\n"

/* In riscv-regs.c's order: the rows after pc. */
#define CSR_FEATURE_COMMON(bits) \
  CSR ("mstatus", bits, 33)   CSR ("misa", bits, 34) \
  CSR ("mvendorid", 32, 35)   CSR ("marchid", bits, 36) \
  CSR ("mimpid", bits, 37)    CSR ("mhartid", bits, 38) \
  CSR ("mtvec", bits, 39)     CSR ("mscratch", bits, 40) \
  CSR ("mepc", bits, 41)      CSR ("mcause", bits, 42) \
  CSR ("mtval", bits, 43)     CSR ("mie", bits, 44) \
  CSR ("mip", bits, 45)       CSR ("mcycle", bits, 46) \
  CSR ("minstret", bits, 47)

#define FREG(name) \
  "    <reg name=\"" name "\" bitsize=\"64\" type=\"riscv_double\"/>\n"
#define FCSR(name) \
  "    <reg name=\"" name "\" bitsize=\"32\" type=\"int\"/>\n"

#define FPU_FEATURE \
  "  <feature name=\"org.gnu.gdb.riscv.fpu\">\n" \
  "    <union id=\"riscv_double\">\n" \
  "      <field name=\"float\" type=\"ieee_single\"/>\n" \
  "      <field name=\"double\" type=\"ieee_double\"/>\n" \
  "    </union>\n" \
  FREG ("ft0")  FREG ("ft1")  FREG ("ft2")  FREG ("ft3") \
  FREG ("ft4")  FREG ("ft5")  FREG ("ft6")  FREG ("ft7") \
  FREG ("fs0")  FREG ("fs1")  FREG ("fa0")  FREG ("fa1") \
  FREG ("fa2")  FREG ("fa3")  FREG ("fa4")  FREG ("fa5") \
  FREG ("fa6")  FREG ("fa7")  FREG ("fs2")  FREG ("fs3") \
  FREG ("fs4")  FREG ("fs5")  FREG ("fs6")  FREG ("fs7") \
  FREG ("fs8")  FREG ("fs9")  FREG ("fs10") FREG ("fs11") \
  FREG ("ft8")  FREG ("ft9")  FREG ("ft10") FREG ("ft11") \
  FCSR ("fflags") FCSR ("frm") FCSR ("fcsr") \
  "  </feature>\n"

const char rv32_gdb_target_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
  "<target version=\"1.0\">\n"
  "  <architecture>riscv:rv32</architecture>\n"
  CPU_FEATURE (32)
  "  <feature name=\"org.gnu.gdb.riscv.csr\">\n"
  CSR_FEATURE_COMMON (32)
  CSR ("mcycleh", 32, 48)     CSR ("minstreth", 32, 49)
  "  </feature>\n"
  "</target>\n";

const char rv64_gdb_target_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
  "<target version=\"1.0\">\n"
  "  <architecture>riscv:rv64</architecture>\n"
  CPU_FEATURE (64)
  "  <feature name=\"org.gnu.gdb.riscv.csr\">\n"
  CSR_FEATURE_COMMON (64)
  "  </feature>\n"
  "</target>\n";

const char rv32fd_gdb_target_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
  "<target version=\"1.0\">\n"
  "  <architecture>riscv:rv32</architecture>\n"
  CPU_FEATURE (32)
  "  <feature name=\"org.gnu.gdb.riscv.csr\">\n"
  CSR_FEATURE_COMMON (32)
  CSR ("mcycleh", 32, 48)     CSR ("minstreth", 32, 49)
  "  </feature>\n"
  FPU_FEATURE
  "</target>\n";

const char rv64fd_gdb_target_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
  "<target version=\"1.0\">\n"
  "  <architecture>riscv:rv64</architecture>\n"
  CPU_FEATURE (64)
  "  <feature name=\"org.gnu.gdb.riscv.csr\">\n"
  CSR_FEATURE_COMMON (64)
  "  </feature>\n"
  FPU_FEATURE
  "</target>\n";

#define IDENTITY_48 \
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, \
  20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, \
  38, 39, 40, 41, 42, 43, 44, 45, 46, 47

#define IDENTITY_48_83 \
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, \
  66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82

const int rv32_gdb_regmap[RV32_N_REGS] = { IDENTITY_48, 48, 49 };
const int rv64_gdb_regmap[RV64_N_REGS] = { IDENTITY_48 };
const int rv32fd_gdb_regmap[RV32FD_N_REGS] = { IDENTITY_48, IDENTITY_48_83, 83, 84 };
const int rv64fd_gdb_regmap[RV64FD_N_REGS] = { IDENTITY_48, IDENTITY_48_83 };

G_STATIC_ASSERT (RV32_N_REGS == 50);
G_STATIC_ASSERT (RV64_N_REGS == 48);
G_STATIC_ASSERT (RV32FD_N_REGS == 85);
G_STATIC_ASSERT (RV64FD_N_REGS == 83);
