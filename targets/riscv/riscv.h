/* The RISC-V target: RV32IMAC and RV64IMAC harts with Zicsr and Zifencei,
 * and the same with F and D (RV32GC and RV64GC: rv32imafdc, rv64imafdc);
 * machine, supervisor and user modes, PMP, and Sv32 (RV32) or Sv39 (RV64)
 * virtual memory.
 *
 * All classes are built from the same sources; the register width is a
 * run-time property of the class (it selects the per-XLEN executors).
 * Interrupt inputs are numbered like the mip bits they drive: 3 = machine
 * software (MSIP), 7 = machine timer (MTIP), 11 = machine external (MEIP),
 * 9 = supervisor external (SEIP, e.g. a PLIC's S-mode context).
 */
#pragma once

#include "engine/cpu.h"

G_BEGIN_DECLS

extern const MdlCpuClass mdl_riscv_rv32imac_class;
extern const MdlCpuClass mdl_riscv_rv64imac_class;
extern const MdlCpuClass mdl_riscv_rv32imafdc_class;
extern const MdlCpuClass mdl_riscv_rv64imafdc_class;

G_END_DECLS
