/* RAM and ROM nodes: sizes, ROM images. */
#include <glib/gstdio.h>
#include <unistd.h>

#include "hw-test.h"

#define BASE UINT64_C (0x80000000)

static void
test_ram (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlDevice *ram = hw_test_device_new (m, "medley,ram", "memory@80000000",
                                       BASE, 0x10000);

  g_assert_true (hw_test_realize (ram, as, &error));
  g_assert_cmpint (mdl_region_kind (ram->regions[0]), ==, MDL_REGION_RAM);
  g_assert_cmphex (mdl_region_size (ram->regions[0]), ==, 0x10000);
  hw_test_write (as, BASE + 0xfff8, 8, UINT64_C (0x0123456789abcdef));
  g_assert_cmphex (hw_test_read (as, BASE + 0xfff8, 8), ==, UINT64_C (0x0123456789abcdef));
  g_assert_cmphex (hw_test_read (as, BASE + 0xfffc, 4), ==, 0x01234567);
}

static void
check_refused (const char *compatible, uint64_t size, const char *message_part)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *dev = hw_test_device_new (m, compatible, "memory@0", 0, size);

  g_assert_false (hw_test_realize (dev, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "memory@0"));
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_bad_sizes (void)
{
  check_refused ("medley,ram", 0, "size is 0");
  check_refused ("medley,ram", (UINT64_C (16) << 30) + 1, "16 GiB");
  check_refused ("medley,rom", 0, "size is 0");
  check_refused ("medley,rom", UINT64_C (1) << 40, "16 GiB");
}

/* Writes @len bytes 0, 1, 2... to a temporary file; returns its path. */
static char *
write_image (size_t len)
{
  g_autoptr (GError) error = NULL;
  g_autofree uint8_t *data = g_malloc (MAX (len, 1));
  char *path = NULL;
  int fd = g_file_open_tmp ("medley-rom-XXXXXX.bin", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (size_t i = 0; i < len; i++)
    data[i] = (uint8_t) i;
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, &error));
  return path;
}

static void
test_rom_image (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_image (0x100);
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlDevice *rom = hw_test_device_new (m, "medley,rom", "rom@1000", 0x1000, 0x1000);

  mdl_device_set_prop_str (rom, "medley,image", path);
  g_assert_true (hw_test_realize (rom, as, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdl_region_kind (rom->regions[0]), ==, MDL_REGION_ROM);
  g_assert_cmphex (hw_test_read (as, 0x1000, 4), ==, 0x03020100);
  g_assert_cmphex (hw_test_read (as, 0x10fc, 4), ==, 0xfffefdfc);
  g_assert_cmphex (hw_test_read (as, 0x1100, 4), ==, 0);
  /* The guest cannot write it. */
  g_assert_cmpint (mdl_address_space_write (as, 0x1000, 4, 0), ==, MDL_MEM_READ_ONLY);
  g_assert_cmphex (hw_test_read (as, 0x1000, 4), ==, 0x03020100);
  g_unlink (path);
}

static void
test_rom_image_fills_rom (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_image (0x1000);
  MdlDevice *rom = hw_test_device_new (m, "medley,rom", "rom@0", 0, 0x1000);

  mdl_device_set_prop_str (rom, "medley,image", path);
  g_assert_true (hw_test_realize (rom, NULL, &error));
  g_assert_cmpuint (mdl_region_host (rom->regions[0])[0xfff], ==, 0xff);
  g_unlink (path);
}

static void
test_rom_image_too_large (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_image (0x1001);
  MdlDevice *rom = hw_test_device_new (m, "medley,rom", "rom@0", 0, 0x1000);

  mdl_device_set_prop_str (rom, "medley,image", path);
  g_assert_false (hw_test_realize (rom, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rom@0"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "larger than the ROM"));
  g_unlink (path);
}

static void
test_rom_image_missing (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *rom = hw_test_device_new (m, "medley,rom", "rom@0", 0, 0x1000);

  mdl_device_set_prop_str (rom, "medley,image", "/nonexistent/medley/boot.bin");
  g_assert_false (hw_test_realize (rom, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "rom@0"));
  g_assert_nonnull (strstr (error->message, "/nonexistent/medley/boot.bin"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hw/memory-devices/ram", test_ram);
  g_test_add_func ("/hw/memory-devices/bad-sizes", test_bad_sizes);
  g_test_add_func ("/hw/memory-devices/rom-image", test_rom_image);
  g_test_add_func ("/hw/memory-devices/rom-image-fills-rom", test_rom_image_fills_rom);
  g_test_add_func ("/hw/memory-devices/rom-image-too-large", test_rom_image_too_large);
  g_test_add_func ("/hw/memory-devices/rom-image-missing", test_rom_image_missing);

  return g_test_run ();
}
