/* The tables of everything Medley can build.
 *
 * The engine knows no CPU or device by name: app/ hands it the explicit
 * tables of targets/targets.c and hw/devices.c at start-up, and the board
 * loader, the palette and the command line look classes up here.
 */
#pragma once

#include "cpu.h"
#include "device.h"

G_BEGIN_DECLS

/* NULL-terminated arrays of class pointers; kept, not copied. */
void mdl_registry_set_cpus    (const MdlCpuClass *const *classes);
void mdl_registry_set_devices (const MdlDeviceClass *const *classes);

const MdlCpuClass *const    *mdl_registry_cpus    (void);
const MdlDeviceClass *const *mdl_registry_devices (void);

const MdlCpuClass    *mdl_registry_find_cpu           (const char *compatible);
const MdlCpuClass    *mdl_registry_find_cpu_by_name   (const char *name);
const MdlDeviceClass *mdl_registry_find_device        (const char *compatible);

G_END_DECLS
