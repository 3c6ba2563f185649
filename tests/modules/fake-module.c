/* A module that says it was built for another Medley version: the loader
 * must refuse it before using anything it offers (test-modules.py
 * version).  Its entry point has the RISC-V module's name, as a stale file
 * left from an older installation would. */
#include <gmodule.h>

#include "engine/module.h"

static const MdlModuleInfo info = {
  .stamp = { MDL_MODULE_ABI, sizeof (MdlCpuClass), sizeof (MdlDeviceClass), "0.0.0-other" },
  .name = "riscv",
  .order = 0,
};

const MdlModuleInfo *mdl_module_query_riscv (void);

G_MODULE_EXPORT const MdlModuleInfo *
mdl_module_query_riscv (void)
{
  return &info;
}
