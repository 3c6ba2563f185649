/* The RISC-V target: RV32IMAC and RV64IMAC harts with Zicsr and Zifencei,
 * machine mode only.
 *
 * Both classes are built from the same sources; the register width is a
 * run-time property of the class (it selects the per-XLEN executors).
 * Interrupt inputs are numbered like the mip bits they drive: 3 = machine
 * software (MSIP), 7 = machine timer (MTIP), 11 = machine external (MEIP).
 */
#pragma once

#include "engine/cpu.h"

G_BEGIN_DECLS

extern const MdlCpuClass mdl_riscv_rv32imac_class;
extern const MdlCpuClass mdl_riscv_rv64imac_class;

G_END_DECLS
