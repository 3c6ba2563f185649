/* The registry with modules, in either build: classes known from
 * manifests, a module opened the first time one of its classes is asked
 * for (and not before), boot protocols read without opening anything,
 * and one line naming the compatible and the module when a module is
 * missing.  Uses its own module (toy-module.c); the binary exports the
 * engine as medley does.
 * Usage: test-registry TOY_MODULE */
#include <string.h>

#include <glib/gstdio.h>

#include "engine/error.h"
#include "engine/registry.h"

static const char *toy_path;
static char *dir;

static void
write_manifest (const char *name, const char *file, const char *cpus, const char *names,
                const char *devices, const char *boot)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = g_strdup_printf ("%s/%s.manifest", dir, name);
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (kf, "Medley Module", "Name", name);
  g_key_file_set_string (kf, "Medley Module", "File", file);
  g_key_file_set_string (kf, "Medley Module", "Version", MDL_MODULE_VERSION);
  g_key_file_set_integer (kf, "Medley Module", "Order", 0);
  if (cpus) {
    g_key_file_set_string (kf, "Medley Module", "CpuCompatibles", cpus);
    g_key_file_set_string (kf, "Medley Module", "CpuNames", names);
  }
  if (devices)
    g_key_file_set_string (kf, "Medley Module", "DeviceCompatibles", devices);
  if (boot) {
    g_key_file_set_string (kf, "Medley Module", "BootProtocols", boot);
    g_key_file_set_string (kf, "Medley Module", "BootProtocolDescriptions", "Boot the toy way");
  }
  g_key_file_save_to_file (kf, path, &error);
  g_assert_no_error (error);
}

static bool
loaded (const char *name)
{
  g_auto(GStrv) mods = mdl_registry_loaded_modules ();

  return g_strv_contains ((const char *const *) mods, name);
}

static void
test_lazy (void)
{
  unsigned n;
  const MdlBootProtocol *boot = mdl_registry_boot_protocols (&n);
  const MdlDeviceClass *dev;
  const MdlCpuClass *cpu;

  /* What the board document needs of every CPU class: from the manifest. */
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (boot[0].name, ==, "toy-boot");
  g_assert_false (loaded ("toy"));

  g_assert_null (mdl_registry_find_device ("no,such-thing"));
  g_assert_false (loaded ("toy"));

  dev = mdl_registry_find_device ("toy,device");
  g_assert_nonnull (dev);
  g_assert_cmpstr (dev->name, ==, "toy-device");
  g_assert_true (loaded ("toy"));

  cpu = mdl_registry_find_cpu_by_name ("toy32");
  g_assert_nonnull (cpu);
  g_assert_true (cpu == mdl_registry_find_cpu ("toy,cpu"));
  g_assert_true (cpu == mdl_registry_default_cpu ());
  g_assert_true (mdl_registry_cpus ()[0] == cpu);
}

static void
test_missing (void)
{
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mdl_registry_find_device ("gone,device"));
  why = mdl_registry_explain ("gone,device");
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "\"gone,device\""));
  g_assert_nonnull (strstr (why, "module 'gone'"));
  g_assert_nonnull (strstr (why, "not installed"));
  g_assert_null (strchr (why, '\n'));
  g_assert_null (mdl_registry_explain ("toy,device"));

  g_assert_null (mdl_registry_require_module ("nope", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN);
  /* A full listing leaves the missing module out, with a warning. */
  g_test_expect_message ("mdl-registry", G_LOG_LEVEL_WARNING, "*module 'gone'*");
  g_assert_nonnull (mdl_registry_devices ());
  g_test_assert_expected_messages ();
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  gsize len;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc != 2) {
    g_printerr ("usage: test-registry TOY_MODULE\n");
    return 2;
  }
  toy_path = argv[1];
  dir = g_dir_make_tmp ("medley-registry-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "mdl-toy.so", NULL);
  g_file_get_contents (toy_path, &text, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, text, len, &error);
  g_assert_no_error (error);
  write_manifest ("toy", "mdl-toy.so", "toy,cpu", "toy32", "toy,device", "toy-boot");
  write_manifest ("gone", "mdl-gone.so", NULL, NULL, "gone,device", NULL);
  g_assert_true (mdl_registry_add_module_dir (dir, &error));
  g_assert_no_error (error);

  g_test_add_func ("/modules/registry/lazy", test_lazy);
  g_test_add_func ("/modules/registry/missing", test_missing);
  status = g_test_run ();

  g_autofree char *m1 = g_build_filename (dir, "toy.manifest", NULL);
  g_autofree char *m2 = g_build_filename (dir, "gone.manifest", NULL);
  g_unlink (m1);
  g_unlink (m2);
  g_unlink (copy);
  g_rmdir (dir);
  g_free (dir);
  return status;
}
