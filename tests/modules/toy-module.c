/* A module of the registry test (test-registry.c): one CPU class with a
 * boot protocol and one device class, names only, never instantiated. */
#include <gmodule.h>

#include "engine/module.h"

static const MdlBootProtocol toy_boot[] = {
  { .name = "toy-boot", .label = "the toy boot block", .description = "Boot the toy way" },
};

static const MdlCpuClass toy_cpu = {
  .name = "toy32",
  .compatible = "toy,cpu",
  .arch = "toy",
  .boot_protocols = toy_boot,
  .n_boot_protocols = 1,
};

static const MdlDeviceClass toy_device = {
  .name = "toy-device",
  .compatible = "toy,device",
};

static const MdlCpuClass *const cpus[] = { &toy_cpu, NULL };
static const MdlDeviceClass *const devices[] = { &toy_device, NULL };

static const MdlModuleInfo info = {
  .stamp = MDL_MODULE_STAMP_INIT,
  .name = "toy",
  .cpus = cpus,
  .devices = devices,
};

const MdlModuleInfo *mdl_module_query_toy (void);

G_MODULE_EXPORT const MdlModuleInfo *
mdl_module_query_toy (void)
{
  return &info;
}
