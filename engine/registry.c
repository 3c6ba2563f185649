#define G_LOG_DOMAIN "mdl-registry"

#include "registry.h"

static const MdlCpuClass *const no_cpus[] = { NULL };
static const MdlDeviceClass *const no_devices[] = { NULL };

/* Set once at start-up, before any thread exists; read-only afterwards. */
static const MdlCpuClass *const *cpu_classes = no_cpus;
static const MdlDeviceClass *const *device_classes = no_devices;

void
mdl_registry_set_cpus (const MdlCpuClass *const *classes)
{
  cpu_classes = classes != NULL ? classes : no_cpus;
}

void
mdl_registry_set_devices (const MdlDeviceClass *const *classes)
{
  device_classes = classes != NULL ? classes : no_devices;
}

const MdlCpuClass *const *
mdl_registry_cpus (void)
{
  return cpu_classes;
}

const MdlDeviceClass *const *
mdl_registry_devices (void)
{
  return device_classes;
}

const MdlCpuClass *
mdl_registry_find_cpu (const char *compatible)
{
  for (unsigned i = 0; cpu_classes[i] != NULL; i++)
    if (g_strcmp0 (cpu_classes[i]->compatible, compatible) == 0)
      return cpu_classes[i];
  return NULL;
}

const MdlCpuClass *
mdl_registry_find_cpu_by_name (const char *name)
{
  for (unsigned i = 0; cpu_classes[i] != NULL; i++)
    if (g_strcmp0 (cpu_classes[i]->name, name) == 0)
      return cpu_classes[i];
  return NULL;
}

const MdlDeviceClass *
mdl_registry_find_device (const char *compatible)
{
  for (unsigned i = 0; device_classes[i] != NULL; i++)
    if (g_strcmp0 (device_classes[i]->compatible, compatible) == 0)
      return device_classes[i];
  return NULL;
}
