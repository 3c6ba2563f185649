/* What GDB needs to know about the Cortex-M classes: one target
 * description (M-profile core and system registers) and the numbering of
 * the registers; the classes take gdb_n_regs from ARM_N_REGS. */
#pragma once

#include "engine/cpu.h"

extern const char arm_gdb_target_xml[];
extern const int arm_gdb_regmap[];
