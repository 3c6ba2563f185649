/* The AArch64 target: a Cortex-A53-class ARMv8.0-A core in AArch64 state.
 *
 * EL0 and EL1 are implemented (EL2 and EL3 are not: HVC and SMC are
 * answered as PSCI calls), with VMSAv8-64 on the 4 KiB granule and the
 * generic timer; scalar floating point (single and double precision),
 * the SIMD&FP loads and stores and Advanced SIMD integer (structure
 * loads/stores included) are implemented, Advanced SIMD floating point
 * and half precision not yet (UNDEFINED).  Reset hands over as Linux's arm64 boot protocol and
 * QEMU's direct boot do: x0 = boot_arg (the device tree's address), at
 * EL1 with the MMU off; a core whose id (the cpu node's reg, MPIDR's
 * affinity) is not 0 starts powered off until PSCI CPU_ON.  A kernel
 * given with --kernel must be a little-endian arm64 Image for 4 KiB pages
 * (its header says); it goes at the start of RAM plus its text_offset,
 * and a cluster with neither firmware nor kernel starts at 0 (QEMU
 * virt's reset vector, where a board's flash holds a raw image).
 *
 * Interrupt inputs: 0 is IRQ, 1 is FIQ (level-sensitive).  Interrupt
 * outputs (the generic timer, docs/aarch64-seams.md): 0 secure physical,
 * 1 EL1 physical, 2 virtual, 3 hypervisor timer.
 */
#pragma once

#include "engine/cpu.h"

G_BEGIN_DECLS

extern const MdlCpuClass mdl_aarch64_cortex_a53_class;

G_END_DECLS
