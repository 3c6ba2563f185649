#define G_LOG_DOMAIN "mdl-module"

#include "module.h"

#include <gmodule.h>
#include <string.h>

#include "error.h"

#define GROUP "Medley Module"

void
mdl_module_manifest_free (MdlModuleManifest *m)
{
  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->path);
  g_free (m->version);
  g_strfreev (m->cpu_compatibles);
  g_strfreev (m->cpu_names);
  g_strfreev (m->device_compatibles);
  g_strfreev (m->boot_protocols);
  g_strfreev (m->boot_descriptions);
  g_free (m);
}

static char **
list_or_empty (GKeyFile *kf, const char *key)
{
  char **v = g_key_file_get_string_list (kf, GROUP, key, NULL, NULL);

  return v != NULL ? v : g_new0 (char *, 1);
}

MdlModuleManifest *
mdl_module_manifest_load (const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  MdlModuleManifest *m;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error)) {
    g_prefix_error (error, "%s: ", path);
    return NULL;
  }
  m = g_new0 (MdlModuleManifest, 1);
  m->name = g_key_file_get_string (kf, GROUP, "Name", NULL);
  file = g_key_file_get_string (kf, GROUP, "File", NULL);
  m->version = g_key_file_get_string (kf, GROUP, "Version", NULL);
  if (m->name == NULL || file == NULL || m->version == NULL || strchr (file, '/') != NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s: not a Medley module manifest (it needs Name, File and Version in "
                 "[" GROUP "], File without a folder)", path);
    mdl_module_manifest_free (m);
    return NULL;
  }
  dir = g_path_get_dirname (path);
  m->path = g_build_filename (dir, file, NULL);
  m->order = g_key_file_get_integer (kf, GROUP, "Order", NULL);
  m->cpu_compatibles = list_or_empty (kf, "CpuCompatibles");
  m->cpu_names = list_or_empty (kf, "CpuNames");
  m->device_compatibles = list_or_empty (kf, "DeviceCompatibles");
  m->boot_protocols = list_or_empty (kf, "BootProtocols");
  m->boot_descriptions = list_or_empty (kf, "BootProtocolDescriptions");
  if (g_strv_length (m->boot_descriptions) != g_strv_length (m->boot_protocols)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s: BootProtocols and BootProtocolDescriptions differ in length", path);
    mdl_module_manifest_free (m);
    return NULL;
  }
  return m;
}

bool
mdl_module_check_stamp (const MdlModuleInfo *info, const char *what, GError **error)
{
  const MdlModuleStamp *s = &info->stamp;
  const MdlModuleStamp mine = MDL_MODULE_STAMP_INIT;

  if (s->version == NULL || strcmp (s->version, mine.version) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s was built for Medley %s, this is Medley %s: refused",
                 what, s->version ? s->version : "(unknown)", mine.version);
    return false;
  }
  if (s->abi != mine.abi || s->cpu_class_size != mine.cpu_class_size ||
      s->device_class_size != mine.device_class_size) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s was built for another module interface (ABI %u, class sizes %u/%u; "
                 "this Medley: ABI %u, %u/%u): refused", what, s->abi, s->cpu_class_size,
                 s->device_class_size, mine.abi, mine.cpu_class_size, mine.device_class_size);
    return false;
  }
  return true;
}

const MdlModuleInfo *
mdl_module_open (const char *path, const char *name, GError **error)
{
  g_autofree char *symbol = g_strconcat (MDL_MODULE_QUERY_PREFIX, name, NULL);
  g_autofree char *what = g_strdup_printf ("module '%s' (%s)", name, path);
  MdlModuleQueryFunc query = NULL;
  const MdlModuleInfo *info;
  GModule *mod;

  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s is not installed", what);
    return NULL;
  }
  g_strdelimit (symbol, "-", '_');
  /* Local binding: two modules never see each other's symbols, only the
   * engine's (exported by the binary). */
  mod = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (mod == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s cannot be loaded: %s", what,
                 g_module_error ());
    return NULL;
  }
  if (!g_module_symbol (mod, symbol, (gpointer *) &query) || query == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s has no entry point %s: refused",
                 what, symbol);
    g_module_close (mod);
    return NULL;
  }
  info = query ();
  if (info == NULL || !mdl_module_check_stamp (info, what, error)) {
    if (info == NULL)
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s returned no module: refused", what);
    g_module_close (mod);
    return NULL;
  }
  if (g_strcmp0 (info->name, name) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s calls itself '%s': refused", what,
                 info->name ? info->name : "");
    g_module_close (mod);
    return NULL;
  }
  g_module_make_resident (mod);
  return info;
}

static void
set_list (GKeyFile *kf, const char *key, GPtrArray *items)
{
  if (items->len > 0)
    g_key_file_set_string_list (kf, GROUP, key, (const char *const *) items->pdata, items->len);
}

char *
mdl_module_manifest_text (const MdlModuleInfo *info, const char *file_name)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GPtrArray) cpu_compat = g_ptr_array_new ();
  g_autoptr(GPtrArray) cpu_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) dev_compat = g_ptr_array_new ();
  g_autoptr(GPtrArray) boot = g_ptr_array_new ();
  g_autoptr(GPtrArray) boot_desc = g_ptr_array_new ();

  g_key_file_set_string (kf, GROUP, "Name", info->name);
  g_key_file_set_string (kf, GROUP, "File", file_name);
  g_key_file_set_string (kf, GROUP, "Version", info->stamp.version);
  g_key_file_set_integer (kf, GROUP, "Order", info->order);
  for (unsigned i = 0; info->cpus != NULL && info->cpus[i] != NULL; i++) {
    const MdlCpuClass *c = info->cpus[i];

    g_ptr_array_add (cpu_compat, (gpointer) c->compatible);
    g_ptr_array_add (cpu_names, (gpointer) c->name);
    for (unsigned j = 0; j < c->n_boot_protocols; j++) {
      const MdlBootProtocol *bp = &c->boot_protocols[j];
      bool seen = false;

      for (guint k = 0; k < boot->len; k++)
        seen |= strcmp (boot->pdata[k], bp->name) == 0;
      if (seen)
        continue;
      g_ptr_array_add (boot, (gpointer) bp->name);
      g_ptr_array_add (boot_desc, (gpointer) (bp->description ? bp->description : bp->label));
    }
  }
  for (unsigned i = 0; info->devices != NULL && info->devices[i] != NULL; i++)
    g_ptr_array_add (dev_compat, (gpointer) info->devices[i]->compatible);
  set_list (kf, "CpuCompatibles", cpu_compat);
  set_list (kf, "CpuNames", cpu_names);
  set_list (kf, "DeviceCompatibles", dev_compat);
  set_list (kf, "BootProtocols", boot);
  set_list (kf, "BootProtocolDescriptions", boot_desc);
  return g_key_file_to_data (kf, NULL, NULL);
}
