/* The manifests the modular build writes list exactly the classes of the
 * tables (targets/targets.c, hw/devices.c): each class in one module, the
 * CPUs in table order, so that the default CPU model stays first.
 * Usage: test-manifests MODULE_DIR MODULAR */
#include <string.h>

#include "engine/module.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *module_dir;

static gint
by_order (gconstpointer a, gconstpointer b)
{
  const MdlModuleManifest *ma = *(MdlModuleManifest *const *) a;
  const MdlModuleManifest *mb = *(MdlModuleManifest *const *) b;

  return (ma->order > mb->order) - (ma->order < mb->order);
}

static GPtrArray *
load_all (void)
{
  g_autoptr(GDir) d = g_dir_open (module_dir, 0, NULL);
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_module_manifest_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (module_dir, name, NULL);
    g_autoptr(GError) error = NULL;
    MdlModuleManifest *m;

    if (!g_str_has_suffix (name, ".manifest"))
      continue;
    m = mdl_module_manifest_load (path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (m->version, ==, MDL_MODULE_VERSION);
    g_assert_true (g_file_test (m->path, G_FILE_TEST_IS_REGULAR));
    g_ptr_array_add (all, m);
  }
  g_ptr_array_sort (all, by_order);
  return all;
}

static void
test_cpus (void)
{
  g_autoptr(GPtrArray) all = load_all ();
  unsigned n = 0;

  for (guint i = 0; i < all->len; i++) {
    MdlModuleManifest *m = all->pdata[i];

    g_assert_cmpuint (g_strv_length (m->cpu_compatibles), ==, g_strv_length (m->cpu_names));
    for (unsigned j = 0; m->cpu_compatibles[j]; j++, n++) {
      g_assert_nonnull (mdl_target_cpu_classes[n]);
      g_assert_cmpstr (m->cpu_compatibles[j], ==, mdl_target_cpu_classes[n]->compatible);
      g_assert_cmpstr (m->cpu_names[j], ==, mdl_target_cpu_classes[n]->name);
    }
  }
  g_assert_null (mdl_target_cpu_classes[n]);
}

static void
test_devices (void)
{
  g_autoptr(GPtrArray) all = load_all ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  unsigned n = 0;

  for (guint i = 0; i < all->len; i++) {
    MdlModuleManifest *m = all->pdata[i];

    for (unsigned j = 0; m->device_compatibles[j]; j++, n++) {
      g_assert_false (g_hash_table_contains (seen, m->device_compatibles[j]));
      g_hash_table_add (seen, m->device_compatibles[j]);
    }
  }
  for (unsigned i = 0; mdl_hw_device_classes[i]; i++)
    g_assert_true (g_hash_table_contains (seen, mdl_hw_device_classes[i]->compatible));
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_strv_length ((char **) mdl_hw_device_classes));
}

static void
test_workbench (void)
{
  g_autofree char *path = g_build_filename (module_dir, "workbench.manifest", NULL);
  g_autoptr(GError) error = NULL;
  MdlModuleManifest *m = mdl_module_manifest_load (path, &error);

  g_assert_no_error (error);
  g_assert_null (m->cpu_compatibles[0]);
  g_assert_null (m->device_compatibles[0]);
  mdl_module_manifest_free (m);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc != 3) {
    g_printerr ("usage: test-manifests MODULE_DIR MODULAR\n");
    return 2;
  }
  if (strcmp (argv[2], "true") != 0) {
    g_print ("skipped: the default build links every module in\n");
    return 77;
  }
  module_dir = argv[1];
  g_test_add_func ("/modules/manifests/cpus", test_cpus);
  g_test_add_func ("/modules/manifests/devices", test_devices);
  g_test_add_func ("/modules/manifests/workbench", test_workbench);
  return g_test_run ();
}
