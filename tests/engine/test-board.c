/* Board loading: a good board becomes the right machine, and every kind of
 * bad board gets one message naming the file, line, node and problem. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static char *tmpdir;

#define HEAD "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
#define CLUSTER(name, fw) \
  "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n" \
  "medley,name = \"" name "\";\n" fw \
  "cpu@0 {\ndevice_type = \"cpu\";\ncompatible = \"riscv,rv32imac\";\nreg = <0>;\n" \
  "clock-frequency = <50000000>;\n" \
  "intc: interrupt-controller {\ninterrupt-controller;\n#interrupt-cells = <1>;\n};\n};\n};\n"
#define RAM "memory@80000000 {\ndevice_type = \"memory\";\nreg = <0x0 0x80000000 0x0 0x100000>;\n};\n"

static char *
write_board (const char *name, const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
expect_error (const char *name, const char *text, int code, const char *const *needles)
{
  g_autofree char *path = write_board (name, text);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);

  g_assert_null (board);
  g_assert_nonnull (error);
  if (!g_error_matches (error, MDL_ERROR, code))
    g_error ("expected code %d, got %d: %s", code, error->code, error->message);
  g_assert_nonnull (strstr (error->message, path));
  for (unsigned i = 0; needles[i]; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("'%s' not in: %s", needles[i], error->message);
}

static void
test_good_board (void)
{
  g_autofree char *path = write_board ("good.dts",
    HEAD CLUSTER ("app", "medley,firmware = \"fw.elf\";\n") RAM
    "soc {\ncompatible = \"simple-bus\";\n#address-cells = <1>;\n#size-cells = <1>;\n"
    "ranges = <0x0 0x0 0x10000000 0x1000000>;\n"
    "uart@0 {\ncompatible = \"ns16550a\";\nreg = <0x0 0x100>;\n"
    "interrupts-extended = <&intc 11>;\n};\n};\n};\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);
  MdlCluster *cl;
  MdlCpu *cpu;
  MdlRegion *r;
  uint64_t base = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (board->clusters->len, ==, 1);
  cl = mdl_board_find_cluster (board, "app");
  g_assert_nonnull (cl);
  g_assert_true (mdl_board_find_cluster (board, NULL) == cl);
  g_assert_cmpstr (cl->firmware, ==, "fw.elf");
  cpu = mdl_machine_find_cpu (board->machine, "app");
  g_assert_nonnull (cpu);
  g_assert_cmpstr (cpu->cls->name, ==, "rv32imac");
  g_assert_cmpuint (cpu->period_ps, ==, 20000);
  g_assert_cmpuint (mdl_machine_n_devices (board->machine), ==, 2);
  /* The UART's reg went through the bus's ranges. */
  r = mdl_address_space_lookup (cl->as, 0x10000005, &base);
  g_assert_nonnull (r);
  g_assert_cmphex (base, ==, 0x10000000);
  g_assert_cmpint (mdl_region_kind (r), ==, MDL_REGION_MMIO);
  r = mdl_address_space_lookup (cl->as, 0x800fffff, &base);
  g_assert_nonnull (r);
  g_assert_cmpint (mdl_region_kind (r), ==, MDL_REGION_RAM);
  g_assert_null (mdl_address_space_lookup (cl->as, 0x80100000, NULL));
}

static void
test_syntax_error (void)
{
  const char *needles[] = { ":6: ", "syntax error", NULL };

  expect_error ("syntax.dts", HEAD "cpus {\n  compatible = ;\n};\n};\n",
                MDL_ERROR_PARSE, needles);
}

static void
test_unknown_compatible (void)
{
  const char *needles[] = { "node /soc/widget@1000", "\"acme,widget\"",
                            "known:", "ns16550a", NULL };
  g_autofree char *text = g_strdup_printf (
    HEAD CLUSTER ("cpu0", "") RAM
    "soc {\ncompatible = \"simple-bus\";\n#address-cells = <2>;\n#size-cells = <2>;\nranges;\n"
    "widget@1000 {\ncompatible = \"acme,widget\";\nreg = <0x0 0x1000 0x0 0x10>;\n};\n};\n};\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  expect_error ("unknown.dts", text, MDL_ERROR_UNKNOWN, needles);
  /* ...and the line is the widget node's own (line 30 of the file). */
  path = write_board ("unknown.dts", text);
  g_assert_null (mdl_board_load (path, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_str_has_prefix (error->message + strlen (path), ":30"));
}

static void
test_unknown_cpu (void)
{
  const char *needles[] = { "node /cpus/cpu@0", "\"riscv,rv128gc\"",
                            "riscv,rv32imac", NULL };

  expect_error ("cpu.dts", HEAD
    "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n"
    "cpu@0 {\ndevice_type = \"cpu\";\ncompatible = \"riscv,rv128gc\";\nreg = <0>;\n};\n};\n};\n",
    MDL_ERROR_UNKNOWN, needles);
}

static void
test_overlap (void)
{
  /* Components are named after their nodes; the line is the UART's. */
  const char *needles[] = { ".dts:25: uart:", "'uart' at 0x80000100-0x800001ff overlaps",
                            "'memory' at 0x80000000-0x800fffff", NULL };

  expect_error ("overlap.dts", HEAD CLUSTER ("cpu0", "") RAM
    "uart@80000100 {\ncompatible = \"ns16550a\";\nreg = <0x0 0x80000100 0x0 0x100>;\n};\n};\n",
    MDL_ERROR_OVERLAP, needles);
}

static void
test_no_cluster (void)
{
  const char *needles[] = { "no CPU cluster", NULL };

  expect_error ("empty.dts", HEAD RAM "};\n", MDL_ERROR_BOARD, needles);
}

static void
test_bad_wiring (void)
{
  const char *needles[] = { "node /uart@10000000", "1 interrupt output", NULL };

  expect_error ("wires.dts", HEAD CLUSTER ("cpu0", "") RAM
    "uart@10000000 {\ncompatible = \"ns16550a\";\nreg = <0x0 0x10000000 0x0 0x100>;\n"
    "interrupts-extended = <&intc 11>, <&intc 7>;\n};\n};\n",
    MDL_ERROR_BOARD, needles);
}

static void
test_missing_firmware (void)
{
  g_autofree char *path = write_board ("nofw.dts",
    HEAD CLUSTER ("cpu0", "medley,firmware = \"missing.elf\";\n") RAM "};\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (path, NULL, &error);
  g_autofree char *expected = g_build_filename (tmpdir, "missing.elf", NULL);

  g_assert_no_error (error);
  g_assert_false (mdl_board_load_firmware (board, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "'cpu0'"));
  g_clear_error (&error);

  /* A CPU name the board does not have is refused with the known ones. */
  g_assert_false (mdl_board_set_firmware (board, "mcu", "x.elf", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "'mcu'"));
  g_assert_nonnull (strstr (error->message, "cpu0"));
  g_clear_error (&error);

  /* A firmware for another architecture: this test program (x86-64). */
  g_assert_true (mdl_board_set_firmware (board, "cpu0", "/proc/self/exe", &error));
  g_assert_false (mdl_board_load_firmware (board, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_ARCH);
  g_assert_nonnull (strstr (error->message, "x86-64"));
  g_assert_nonnull (strstr (error->message, "rv32imac"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  tmpdir = g_dir_make_tmp ("medley-board-XXXXXX", NULL);
  g_test_add_func ("/engine/board/good", test_good_board);
  g_test_add_func ("/engine/board/syntax-error", test_syntax_error);
  g_test_add_func ("/engine/board/unknown-compatible", test_unknown_compatible);
  g_test_add_func ("/engine/board/unknown-cpu", test_unknown_cpu);
  g_test_add_func ("/engine/board/overlap", test_overlap);
  g_test_add_func ("/engine/board/no-cluster", test_no_cluster);
  g_test_add_func ("/engine/board/bad-wiring", test_bad_wiring);
  g_test_add_func ("/engine/board/missing-firmware", test_missing_firmware);
  status = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name (d))) {
      g_autofree char *p = g_build_filename (tmpdir, n, NULL);
      g_unlink (p);
    }
  }
  g_rmdir (tmpdir);
  return status;
}
