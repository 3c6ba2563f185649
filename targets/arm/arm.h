/* The ARM Cortex-M target: Cortex-M0 and M0+ (ARMv6-M), Cortex-M3
 * (ARMv7-M), Cortex-M4 with the DSP extension (ARMv7E-M), without and
 * with (M4F) its FPv4-SP FPU.
 *
 * All five classes are built from the same sources; the architecture
 * profile is a run-time property of the class, which selects the rows of
 * the one decode table that exist for it.  Interrupt input line n is
 * external interrupt n of the core's NVIC (exception 16 + n).
 */
#pragma once

#include "engine/cpu.h"

G_BEGIN_DECLS

extern const MdlCpuClass mdl_arm_cortex_m0_class;
extern const MdlCpuClass mdl_arm_cortex_m0plus_class;
extern const MdlCpuClass mdl_arm_cortex_m3_class;
extern const MdlCpuClass mdl_arm_cortex_m4_class;
extern const MdlCpuClass mdl_arm_cortex_m4f_class;

G_END_DECLS
