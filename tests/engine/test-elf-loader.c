/* ELF loading: segments, bss, entry, symbols, and the files it refuses. */
#include <string.h>
#include <glib/gstdio.h>

#include "engine/elf-loader.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "targets/targets.h"

static const MdlCpuClass *
rv32 (void)
{
  const MdlCpuClass *cls = mdl_registry_find_cpu ("riscv,rv32imac");

  g_assert_nonnull (cls);
  return cls;
}

static void
test_load (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("cpu0");
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
  g_autoptr(MdlElfImage) img = NULL;
  g_autoptr(GError) error = NULL;
  uint64_t v;
  const MdlSymbol *s;

  memset (mdl_region_host (ram), 0xff, 0x10000);
  g_assert_true (mdl_address_space_map (as, 0x80000000, ram, NULL));
  img = mdl_elf_load (MDL_TEST_ELF, as, rv32 (), "cpu0", &error);
  g_assert_no_error (error);
  g_assert_cmphex (img->entry, ==, 0x80000000);
  g_assert_cmpint (mdl_address_space_read (as, 0x80001000, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x11223344);
  /* .bss is zero-filled whatever the RAM held before. */
  for (unsigned i = 0; i < 256; i += 8) {
    g_assert_cmpint (mdl_address_space_read (as, 0x80001008 + i, 8, &v), ==, MDL_MEM_OK);
    g_assert_cmphex (v, ==, 0);
  }
  s = mdl_elf_image_find_symbol (img, "table");
  g_assert_nonnull (s);
  g_assert_cmphex (s->value, ==, 0x80001000);
  g_assert_false (s->is_function);
  s = mdl_elf_image_symbol_at (img, 0x80000004);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name, ==, "_start");
  g_assert_true (s->is_function);
  s = mdl_elf_image_find_symbol (img, "helper");
  g_assert_nonnull (s);
  g_assert_cmpstr (mdl_elf_image_symbol_at (img, s->value)->name, ==, "helper");
  g_assert_null (mdl_elf_image_symbol_at (img, 0x7fffffff));
}

static void
expect_error (const char *path, MdlAddressSpace *as, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  MdlElfImage *img = mdl_elf_load (path, as, rv32 (), "cpu0", &error);

  g_assert_null (img);
  g_assert_error (error, MDL_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("'%s' not in: %s", needle, error->message);
}

static void
test_refused (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("cpu0");
  g_autoptr(MdlAddressSpace) elsewhere = mdl_address_space_new ("cpu0");
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
  g_autoptr(MdlRegion) small = mdl_region_new_ram ("small", 0x1000);
  g_autofree char *dir = g_dir_make_tmp ("medley-elf-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.elf", NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (mdl_address_space_map (as, 0x80000000, ram, NULL));
  /* Only the text segment fits: the data segment at 0x80001000 does not. */
  g_assert_true (mdl_address_space_map (elsewhere, 0x80000000, small, NULL));

  expect_error ("/nonexistent/prog.elf", as, MDL_ERROR_IO, "No such file");
  g_assert_true (g_file_set_contents (text, "hello\n", -1, NULL));
  expect_error (text, as, MDL_ERROR_ELF, "not an ELF");
  /* This very test program is an ELF for the host, not for RISC-V. */
  expect_error ("/proc/self/exe", as, MDL_ERROR_ARCH, "rv32imac");
  g_assert_true (g_file_get_contents (MDL_TEST_ELF, &data, &len, NULL));
  g_assert_true (g_file_set_contents (cut, data, 0x100, NULL));
  expect_error (cut, as, MDL_ERROR_ELF, NULL);
  expect_error (MDL_TEST_ELF, elsewhere, MDL_ERROR_ELF, "0x80001000");
  g_unlink (text);
  g_unlink (cut);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  g_test_add_func ("/engine/elf-loader/load", test_load);
  g_test_add_func ("/engine/elf-loader/refused", test_refused);
  return g_test_run ();
}
