/* Modules: the same class tables, linked in or loaded from a file.
 *
 * Every architecture family of targets/, every device family of hw/ and
 * the workbench are a module: one entry point, mdl_module_query_NAME(),
 * returns an MdlModuleInfo (the stamp first, then the module's CPU and
 * device tables, and whatever the module offers its host).  The build
 * generates that entry point from the tables of targets/targets.c and
 * hw/devices.c (app/module-entry.py), so the sources are the same whether
 * a module is linked into the binary (the default build) or built as a
 * GModule file beside a manifest (-Dmodules=true).
 *
 * A manifest (NAME.manifest, a GKeyFile written at build time by
 * `medley --module-manifest`) says what a module provides without
 * loading it: the registry (engine/registry.c) reads the manifests at
 * start-up and opens a module the first time a board, the command line or
 * the palette asks for something in it.  A module whose stamp differs
 * from the engine's (another Medley version, other class layouts) is
 * refused before any of its classes is used.
 */
#pragma once

#include <glib.h>

#include "cpu.h"
#include "device.h"

G_BEGIN_DECLS

/* Bumped whenever what a module and the engine share changes in a way the
 * class sizes do not show. */
#define MDL_MODULE_ABI 1

/* MDL_MODULE_VERSION is the project's version, given to every compilation
 * by the top-level meson.build. */
typedef struct {
  guint32     abi;                /* MDL_MODULE_ABI */
  guint32     cpu_class_size;     /* sizeof (MdlCpuClass) as built */
  guint32     device_class_size;  /* sizeof (MdlDeviceClass) as built */
  const char *version;            /* the Medley version it was built for */
} MdlModuleStamp;

#define MDL_MODULE_STAMP_INIT \
  { MDL_MODULE_ABI, sizeof (MdlCpuClass), sizeof (MdlDeviceClass), MDL_MODULE_VERSION }

typedef struct {
  MdlModuleStamp               stamp;   /* checked before anything else is read */
  const char                  *name;    /* "riscv", "serial", "workbench" */
  int                          order;   /* classes are listed by module order */
  const MdlCpuClass *const    *cpus;    /* NULL-terminated; may be NULL */
  const MdlDeviceClass *const *devices; /* NULL-terminated; may be NULL */
  /* What the module offers app/ beyond classes (the workbench: how to
   * open the window); NULL for none. */
  gconstpointer              (*host_entry) (void);
} MdlModuleInfo;

typedef const MdlModuleInfo *(*MdlModuleQueryFunc) (void);

/* The entry point's name is this prefix and the module's name ('-' as '_'). */
#define MDL_MODULE_QUERY_PREFIX "mdl_module_query_"

/* What a manifest says of a module that is not loaded yet. */
typedef struct {
  char  *name;
  char  *path;                 /* the module file, absolute */
  char  *version;
  int    order;
  char **cpu_compatibles;      /* NULL-terminated, never NULL */
  char **cpu_names;
  char **device_compatibles;
  char **boot_protocols;       /* the CPU classes' boot protocol names */
  char **boot_descriptions;    /* their inspector lines, same order */
} MdlModuleManifest;

/* Reads @path (a NAME.manifest); the module file is looked for beside it. */
MdlModuleManifest *mdl_module_manifest_load (const char *path, GError **error);
void               mdl_module_manifest_free (MdlModuleManifest *m);

/* Checks @info's stamp against the engine's; false with @error naming
 * @what (the module and its file) and both versions. */
bool mdl_module_check_stamp (const MdlModuleInfo *info, const char *what, GError **error);

/* Opens the module file @path, finds mdl_module_query_@name, checks the
 * stamp (refusing a module of another build before using any of it) and
 * returns its info.  The file stays loaded for the life of the program,
 * as its classes may be referenced anywhere. */
const MdlModuleInfo *mdl_module_open (const char *path, const char *name, GError **error);

/* The manifest text for @info, whose file will be called @file_name. */
char *mdl_module_manifest_text (const MdlModuleInfo *info, const char *file_name);

G_END_DECLS
