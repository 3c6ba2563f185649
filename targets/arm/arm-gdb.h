/* What GDB needs to know about the Cortex-M classes: a target description
 * (M-profile core and system registers; the Cortex-M4F's adds its FPU)
 * and the numbering of the registers; the classes take gdb_n_regs from
 * ARM_N_REGS (ARM_N_FPU_REGS). */
#pragma once

#include "engine/cpu.h"

extern const char arm_gdb_target_xml[];
extern const int arm_gdb_regmap[];
extern const char arm_gdb_fpu_target_xml[];
extern const int arm_gdb_fpu_regmap[];
