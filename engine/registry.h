/* The tables of everything Medley can build.
 *
 * The engine knows no CPU or device by name.  Classes come either as
 * explicit tables (mdl_registry_set_cpus/_devices: the tests, and tools
 * that link targets/ and hw/ directly) or as modules (engine/module.h):
 * app/ hands the registry the modules linked into the binary and the
 * folder of module manifests, and the registry opens a module file the
 * first time a board, the command line or the palette asks for a class in
 * it.  The board loader, the palette and the command line look classes up
 * here, by device-tree compatible or by name, and never learn which way
 * a class came.
 *
 * Thread-safe: a lookup may load a module.  Classes, once returned, stay
 * valid for the life of the program.
 */
#pragma once

#include "cpu.h"
#include "device.h"
#include "module.h"

G_BEGIN_DECLS

/* NULL-terminated arrays of class pointers; kept, not copied.  An explicit
 * table replaces the modules for its kind of class. */
void mdl_registry_set_cpus    (const MdlCpuClass *const *classes);
void mdl_registry_set_devices (const MdlDeviceClass *const *classes);

/* Modules linked into the binary: NULL-terminated entry points, loaded at
 * once (their stamps are checked like any other module's). */
void mdl_registry_add_linked_modules (const MdlModuleQueryFunc *queries);
/* Reads every NAME.manifest in @dir; modules listed twice keep the first. */
bool mdl_registry_add_module_dir (const char *dir, GError **error);

/* The module @name, loaded if it was not; NULL with @error when it is
 * unknown, not installed, or refused. */
const MdlModuleInfo *mdl_registry_require_module (const char *name, GError **error);
/* The modules loaded so far, in the order they were loaded. */
char **mdl_registry_loaded_modules (void);
/* Why no class answers @compatible although a manifest lists it (its
 * module is missing, broken or of another build), in one line naming the
 * compatible and the module; NULL when no manifest lists it or its module
 * has not been tried. */
char *mdl_registry_explain (const char *compatible);

/* Every class: listing them loads every module that has one. */
const MdlCpuClass *const    *mdl_registry_cpus    (void);
const MdlDeviceClass *const *mdl_registry_devices (void);
/* The first CPU class of the table (the default model), loading only its module. */
const MdlCpuClass           *mdl_registry_default_cpu (void);
/* Every boot protocol any CPU class offers (name, label and description
 * only; NULL-terminated by name), without loading a module: what
 * the board document makes cluster properties of.  Stable until the
 * registry's contents change. */
const MdlBootProtocol       *mdl_registry_boot_protocols (unsigned *n);

const MdlCpuClass    *mdl_registry_find_cpu           (const char *compatible);
const MdlCpuClass    *mdl_registry_find_cpu_by_name   (const char *name);
const MdlDeviceClass *mdl_registry_find_device        (const char *compatible);

G_END_DECLS
