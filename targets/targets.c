#include "targets.h"

#include "aarch64/aarch64.h"
#include "arm/arm.h"
#include "riscv/riscv.h"

/* Adding an architecture: its folder, and one line here.  The first class
 * is the default CPU model: a board-document cluster created without one
 * gets it (engine/board-doc.c), so keep the intended default first. */
const MdlCpuClass *const mdl_target_cpu_classes[] = {
  &mdl_riscv_rv32imac_class,   /* the default */
  &mdl_riscv_rv64imac_class,
  &mdl_riscv_rv32imafdc_class,
  &mdl_riscv_rv64imafdc_class,
  &mdl_arm_cortex_m0_class,
  &mdl_arm_cortex_m0plus_class,
  &mdl_arm_cortex_m3_class,
  &mdl_arm_cortex_m4_class,
  &mdl_arm_cortex_m4f_class,
  &mdl_aarch64_cortex_a53_class,
  NULL,
};
