/* The NVIC's priority-bit count as a board setting of the ARMv7-M
 * classes (medley,nvic-priority-bits): a guest that writes 0xff to an
 * interrupt's priority byte reads back 0xe0 with 3 bits, 0xff with 8 (the
 * default, as QEMU); out-of-range values and classes without the setting
 * are refused naming the file and node; saving keeps the value. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/board-doc.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static char *tmpdir;

static char *
board_text (const char *cpu, const char *setting)
{
  return g_strdup_printf (
    "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
    "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n"
    "medley,name = \"cpu0\";\n%s"
    "cpu@0 {\ndevice_type = \"cpu\";\ncompatible = \"arm,%s\";\nreg = <0>;\n"
    "clock-frequency = <25000000>;\n};\n};\n"
    "memory@0 {\ndevice_type = \"memory\";\nreg = <0x0 0x0 0x0 0x10000>;\n};\n"
    "memory@20000000 {\ndevice_type = \"memory\";\nreg = <0x0 0x20000000 0x0 0x10000>;\n};\n"
    "};\n", setting, cpu);
}

static char *
write_board (const char *name, const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Runs a program that writes 0xff to NVIC_IPR0's first byte and reads it
 * back into r2; returns r2. */
static uint64_t
ipr_readback (const char *setting)
{
  /* Vector table (SP, reset at 0x40 in Thumb), then at 0x40:
   *   ldr r0, =0xe000e400; movs r1, #0xff; strb r1, [r0]; ldrb r2, [r0]; b . */
  static const uint8_t code[] = {
    0x03, 0x48, 0xff, 0x21, 0x01, 0x70, 0x02, 0x78, 0xfe, 0xe7, 0x00, 0xbf, 0x00, 0xbf,
    0x00, 0xbf, 0x00, 0xe4, 0x00, 0xe0,
  };
  static const uint8_t vectors[] = { 0x00, 0x10, 0x00, 0x20, 0x41, 0x00, 0x00, 0x00 };
  g_autofree char *text = board_text ("cortex-m3", setting);
  g_autofree char *path = write_board ("prio.dts", text);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);
  MdlCluster *cl;
  MdlCpu *cpu;

  g_assert_no_error (error);
  cl = mdl_board_find_cluster (board, "cpu0");
  cpu = mdl_machine_find_cpu (board->machine, "cpu0");
  g_assert_true (mdl_address_space_write_bytes (cl->as, 0, vectors, sizeof vectors, NULL));
  g_assert_true (mdl_address_space_write_bytes (cl->as, 0x40, code, sizeof code, NULL));
  mdl_machine_reset (board->machine);
  mdl_machine_run (board->machine, 100 * MDL_PS_PER_US);
  g_assert_cmphex (cpu->cls->reg_read (cpu, 15), ==, 0x48);
  return cpu->cls->reg_read (cpu, 2);
}

static void
test_readback (void)
{
  g_assert_cmphex (ipr_readback (""), ==, 0xff);
  g_assert_cmphex (ipr_readback ("medley,nvic-priority-bits = <8>;\n"), ==, 0xff);
  g_assert_cmphex (ipr_readback ("medley,nvic-priority-bits = <3>;\n"), ==, 0xe0);
  g_assert_cmphex (ipr_readback ("medley,nvic-priority-bits = <4>;\n"), ==, 0xf0);
}

static void
expect_error (const char *cpu, const char *setting, const char *const *needles)
{
  g_autofree char *text = board_text (cpu, setting);
  g_autofree char *path = write_board ("bad.dts", text);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);

  g_assert_null (board);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  for (unsigned i = 0; needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("'%s' not in: %s", needles[i], error->message);
}

static void
test_refused (void)
{
  const char *too_many[] = { "node /cpus", "medley,nvic-priority-bits", "3 to 8", "not 9", NULL };
  const char *too_few[] = { "node /cpus", "not 2", NULL };
  const char *not_number[] = { "node /cpus", "medley,nvic-priority-bits is a number", NULL };

  expect_error ("cortex-m3", "medley,nvic-priority-bits = <9>;\n", too_many);
  expect_error ("cortex-m4f", "medley,nvic-priority-bits = <2>;\n", too_few);
  expect_error ("cortex-m3", "medley,nvic-priority-bits = \"3\";\n", not_number);
}

/* The ARMv6-M parts have no such setting (their 2 bits are the
 * architecture's): the document offers none, and the M3's is kept when a
 * cluster changes model between ARMv7-M classes. */
static void
test_document (void)
{
  g_autofree char *text = board_text ("cortex-m3", "medley,nvic-priority-bits = <3>;\n");
  g_autofree char *path = write_board ("doc.dts", text);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
  g_autofree char *dts = NULL;
  const MdlComponent *c;
  guint id;

  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_assert_nonnull (c);
  id = c->id;
  g_assert_cmpuint (mdl_component_u64 (c, "nvic-priority-bits"), ==, 3);
  dts = mdl_board_doc_to_dts (doc);
  g_assert_nonnull (strstr (dts, "medley,nvic-priority-bits = <3>;"));
  g_clear_pointer (&dts, g_free);

  g_assert_false (mdl_board_doc_set_prop (doc, id, "nvic-priority-bits", "1", &error));
  g_assert_nonnull (strstr (error->message, "3 to 8"));
  g_clear_error (&error);
  g_assert_true (mdl_board_doc_set_prop (doc, id, "cpu", "cortex-m4", &error));
  c = mdl_board_doc_find (doc, id);
  g_assert_cmpuint (mdl_component_u64 (c, "nvic-priority-bits"), ==, 3);
  g_assert_true (mdl_board_doc_set_prop (doc, id, "cpu", "cortex-m0", &error));
  c = mdl_board_doc_find (doc, id);
  g_assert_cmpint (mdl_component_find_prop (c, "nvic-priority-bits"), <, 0);
  dts = mdl_board_doc_to_dts (doc);
  g_assert_null (strstr (dts, "nvic-priority-bits"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  tmpdir = g_dir_make_tmp ("medley-nvic-XXXXXX", NULL);
  g_test_add_func ("/arm/nvic-priority-bits/readback", test_readback);
  g_test_add_func ("/arm/nvic-priority-bits/refused", test_refused);
  g_test_add_func ("/arm/nvic-priority-bits/document", test_document);
  status = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *n;

    while (d != NULL && (n = g_dir_read_name (d)) != NULL) {
      g_autofree char *p = g_build_filename (tmpdir, n, NULL);
      g_unlink (p);
    }
  }
  g_rmdir (tmpdir);
  return status;
}
