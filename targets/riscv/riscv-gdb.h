/* What GDB needs to know about the RISC-V classes: target descriptions
 * (riscv:rv32 / riscv:rv64, with or without the FPU) and the numbering of
 * their registers; the classes take gdb_n_regs from RV32_N_REGS,
 * RV64_N_REGS, RV32FD_N_REGS or RV64FD_N_REGS. */
#pragma once

#include "engine/cpu.h"

extern const char rv32_gdb_target_xml[];
extern const char rv64_gdb_target_xml[];
extern const int  rv32_gdb_regmap[];
extern const int  rv64_gdb_regmap[];
extern const char rv32fd_gdb_target_xml[];
extern const char rv64fd_gdb_target_xml[];
extern const int  rv32fd_gdb_regmap[];
extern const int  rv64fd_gdb_regmap[];
