/* The device tree a guest receives: the U-Boot board's blob parsed back
 * with libfdt, a heterogeneous cluster's own view, the new cluster
 * properties through a save and reload, and the loader placing the blob
 * and the payload in RAM. */
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>

#include "engine/board-doc.h"
#include "engine/error.h"
#include "engine/fdt-export.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlBoardDoc *
load_board (const char *name)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", name, NULL);
  g_autoptr(GError) error = NULL;
  MdlBoardDoc *doc = mdl_board_doc_load (path, &error);

  g_assert_no_error (error);
  return doc;
}

static guint
cluster_id (const MdlBoardDoc *doc, const char *name)
{
  MdlComponent *c = mdl_board_doc_find_by_name (doc, name);

  g_assert_nonnull (c);
  return c->id;
}

static const char *
str_at (const void *fdt, const char *path, const char *prop)
{
  int node = fdt_path_offset (fdt, path);

  g_assert_cmpint (node, >=, 0);
  return fdt_getprop (fdt, node, prop, NULL);
}

static uint32_t
cell_at (const void *fdt, const char *path, const char *prop, int i)
{
  int node = fdt_path_offset (fdt, path), len = 0;
  const fdt32_t *p;

  g_assert_cmpint (node, >=, 0);
  p = fdt_getprop (fdt, node, prop, &len);
  g_assert_nonnull (p);
  g_assert_cmpint (len, >=, (i + 1) * 4);
  return fdt32_to_cpu (p[i]);
}

static uint32_t
phandle_of (const void *fdt, const char *path)
{
  int node = fdt_path_offset (fdt, path);

  g_assert_cmpint (node, >=, 0);
  return fdt_get_phandle (fdt, node);
}

static void
test_uboot_board (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("riscv64-uboot.dts");
  g_autoptr(GError) error = NULL;
  guint cpu = cluster_id (doc, "cpu0");
  g_autoptr(GBytes) blob = mdl_fdt_export (doc, cpu, &error);
  const void *fdt;
  uint32_t intc, plic;
  int len;

  g_assert_no_error (error);
  fdt = g_bytes_get_data (blob, NULL);
  g_assert_cmpint (fdt_check_header (fdt), ==, 0);
  /* Room for OpenSBI to add its nodes in place. */
  g_assert_cmpuint (fdt_totalsize (fdt), ==, g_bytes_get_size (blob));
  g_assert_cmpint (fdt_totalsize (fdt) - fdt_off_dt_strings (fdt) - fdt_size_dt_strings (fdt),
                   >=, MDL_FDT_EXPORT_SLACK);

  g_assert_cmpuint (cell_at (fdt, "/", "#address-cells", 0), ==, 2);
  g_assert_cmpuint (cell_at (fdt, "/cpus", "timebase-frequency", 0), ==, 10000000);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "device_type"), ==, "cpu");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "compatible"), ==, "riscv");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "status"), ==, "okay");
  g_assert_true (g_str_has_prefix (str_at (fdt, "/cpus/cpu@0", "riscv,isa"), "rv64ima"));
  g_assert_true (g_str_has_suffix (str_at (fdt, "/cpus/cpu@0", "riscv,isa"), "_zicsr_zifencei"));
  g_assert_cmpuint (cell_at (fdt, "/cpus/cpu@0", "reg", 0), ==, 0);
  /* U-Boot's CPU driver refuses a supervisor-mode hart without it. */
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "mmu-type"), ==, "riscv,sv39");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "compatible"), ==,
                   "riscv,cpu-intc");
  g_assert_nonnull (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "interrupt-controller"));
  intc = phandle_of (fdt, "/cpus/cpu@0/interrupt-controller");
  g_assert_cmpuint (intc, !=, 0);

  g_assert_cmpstr (str_at (fdt, "/memory@80000000", "device_type"), ==, "memory");
  g_assert_cmpuint (cell_at (fdt, "/memory@80000000", "reg", 1), ==, 0x80000000);
  g_assert_cmpuint (cell_at (fdt, "/memory@80000000", "reg", 3), ==, 0x8000000);

  g_assert_cmpstr (str_at (fdt, "/soc", "compatible"), ==, "simple-bus");
  /* Both names guests match, most specific first. */
  g_assert_cmpint (fdt_node_check_compatible (fdt, fdt_path_offset (fdt, "/soc/clint@2000000"),
                                              "sifive,clint0"), ==, 0);
  g_assert_cmpint (fdt_node_check_compatible (fdt, fdt_path_offset (fdt, "/soc/clint@2000000"),
                                              "riscv,clint0"), ==, 0);
  g_assert_cmpuint (cell_at (fdt, "/soc/clint@2000000", "interrupts-extended", 0), ==, intc);
  g_assert_cmpuint (cell_at (fdt, "/soc/clint@2000000", "interrupts-extended", 1), ==, 3);
  g_assert_cmpuint (cell_at (fdt, "/soc/clint@2000000", "interrupts-extended", 3), ==, 7);

  plic = phandle_of (fdt, "/soc/plic@c000000");
  g_assert_cmpuint (plic, !=, 0);
  g_assert_cmpint (fdt_node_check_compatible (fdt, fdt_path_offset (fdt, "/soc/plic@c000000"),
                                              "riscv,plic0"), ==, 0);
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "riscv,ndev", 0), ==, 95);
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "#interrupt-cells", 0), ==, 1);
  g_assert_nonnull (fdt_getprop (fdt, fdt_path_offset (fdt, "/soc/plic@c000000"),
                                 "interrupt-controller", &len));
  /* Machine-mode context, then supervisor: <&intc 11 &intc 9>. */
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "interrupts-extended", 0), ==, intc);
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "interrupts-extended", 1), ==, 11);
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "interrupts-extended", 2), ==, intc);
  g_assert_cmpuint (cell_at (fdt, "/soc/plic@c000000", "interrupts-extended", 3), ==, 9);

  g_assert_cmpstr (str_at (fdt, "/soc/serial@10000000", "compatible"), ==, "ns16550a");
  g_assert_cmpuint (cell_at (fdt, "/soc/serial@10000000", "clock-frequency", 0), ==, 3686400);
  g_assert_cmpuint (cell_at (fdt, "/soc/serial@10000000", "interrupts-extended", 0), ==, plic);
  g_assert_cmpuint (cell_at (fdt, "/soc/serial@10000000", "interrupts-extended", 1), ==, 10);
  g_assert_cmpstr (str_at (fdt, "/chosen", "stdout-path"), ==, "/soc/serial@10000000");
  g_assert_null (str_at (fdt, "/chosen", "bootargs"));

  /* The test device is a syscon that powers off and reboots. */
  g_assert_cmpint (fdt_node_check_compatible (fdt, fdt_path_offset (fdt, "/soc/test@100000"),
                                              "syscon"), ==, 0);
  g_assert_cmpstr (str_at (fdt, "/poweroff", "compatible"), ==, "syscon-poweroff");
  g_assert_cmpuint (cell_at (fdt, "/poweroff", "regmap", 0), ==,
                    phandle_of (fdt, "/soc/test@100000"));
  g_assert_cmpuint (cell_at (fdt, "/poweroff", "value", 0), ==, 0x5555);
  g_assert_cmpuint (cell_at (fdt, "/reboot", "value", 0), ==, 0x7777);
  g_assert_cmpuint (cell_at (fdt, "/reboot", "offset", 0), ==, 0);

  /* Where QEMU's virt puts it with 128 MiB: 2 MiB below the top. */
  g_assert_cmphex (mdl_fdt_export_address (doc, cpu, g_bytes_get_size (blob)), ==, 0x87e00000);
}

/* A cluster with an address map sees devices where its map says, and
 * nothing it does not see. */
static void
test_cluster_view (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("hetero-demo.dts");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    g_autoptr(GBytes) blob = NULL;
    const void *fdt;
    unsigned seen = 0;
    int node, soc;

    if (c->kind != MDL_COMPONENT_CLUSTER)
      continue;
    blob = mdl_fdt_export (doc, c->id, &error);
    g_assert_no_error (error);
    fdt = g_bytes_get_data (blob, NULL);
    g_assert_cmpint (fdt_check_header (fdt), ==, 0);
    soc = fdt_path_offset (fdt, "/soc");
    g_assert_cmpint (soc, >=, 0);
    /* Every device node is one a map wire shows this cluster, at the
     * address of that wire. */
    fdt_for_each_subnode (node, fdt, soc) {
      /* Properties are only 4-byte aligned: read the address as cells. */
      const fdt32_t *reg = fdt_getprop (fdt, node, "reg", NULL);
      bool found = false;
      uint64_t base;
      g_assert_nonnull (reg);
      base = ((uint64_t) fdt32_to_cpu (reg[0]) << 32) | fdt32_to_cpu (reg[1]);
      for (guint j = 0; j < doc->wires->len; j++) {
        MdlWire *w = &g_array_index (doc->wires, MdlWire, j);
        found |= w->kind == MDL_WIRE_MAP && w->to == c->id &&
                 mdl_board_doc_map_base (doc, w) == base;
      }
      g_assert_true (found);
      seen++;
    }
    g_assert_cmpuint (seen, >, 0);
  }
  /* A device is no cluster. */
  {
    MdlComponent *c = NULL;
    for (guint i = 0; i < doc->components->len && c == NULL; i++) {
      MdlComponent *x = g_ptr_array_index (doc->components, i);
      if (x->kind == MDL_COMPONENT_DEVICE)
        c = x;
    }
    g_assert_null (mdl_fdt_export (doc, c->id, &error));
    g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  }
}

static void
test_round_trip (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("riscv64-uboot.dts");
  g_autofree char *dir = g_dir_make_tmp ("medley-fdt-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "board.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) again = NULL;
  guint cpu = cluster_id (doc, "cpu0");
  MdlComponent *c;

  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "bootargs", "console=ttyS0 \"quoted\"", &error));
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "fdt-address", "0x87000000", &error));
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "opensbi-dynamic", "true", &error));
  g_assert_no_error (error);
  g_assert_true (mdl_board_doc_save (doc, copy, &error));
  again = mdl_board_doc_load (copy, &error);
  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (again, "cpu0");
  g_assert_cmpstr (c->values[mdl_component_find_prop (c, "payload")].str, ==,
                   "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");
  g_assert_cmphex (c->values[mdl_component_find_prop (c, "payload-address")].u64, ==, 0x80200000);
  g_assert_cmpuint (c->values[mdl_component_find_prop (c, "device-tree")].u64, ==, 1);
  g_assert_cmphex (c->values[mdl_component_find_prop (c, "fdt-address")].u64, ==, 0x87000000);
  g_assert_cmpstr (c->values[mdl_component_find_prop (c, "bootargs")].str, ==,
                   "console=ttyS0 \"quoted\"");
  g_assert_cmpuint (c->values[mdl_component_find_prop (c, "opensbi-dynamic")].u64, ==, 1);
  {
    g_autoptr(GBytes) blob = mdl_fdt_export (again, c->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (str_at (g_bytes_get_data (blob, NULL), "/chosen", "bootargs"), ==,
                     "console=ttyS0 \"quoted\"");
    g_assert_cmphex (mdl_fdt_export_address (again, c->id, g_bytes_get_size (blob)), ==,
                     0x87000000);
  }
  /* Boards without the properties keep writing none of them. */
  {
    g_autoptr(MdlBoardDoc) virt = load_board ("riscv64-virt.dts");
    g_autofree char *text = mdl_board_doc_to_dts (virt);
    g_assert_null (strstr (text, "medley,payload"));
    g_assert_null (strstr (text, "medley,device-tree"));
  }
  g_unlink (copy);
  g_rmdir (dir);
}

/* The loader puts a raw payload and the device tree in RAM and hands
 * every hart the tree's address. */
static void
test_loader (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("riscv64-uboot.dts");
  g_autofree char *dir = g_dir_make_tmp ("medley-fdt-XXXXXX", NULL);
  g_autofree char *payload = g_build_filename (dir, "payload.bin", NULL);
  g_autofree char *fw = g_build_filename (MDL_BUILD_ROOT, "boards", "firmware",
                                          "hello-rv64.elf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;
  guint cpu = cluster_id (doc, "cpu0");
  MdlCluster *cl;
  uint8_t head[8] = { 0 }, magic[4];

  g_assert_true (g_file_set_contents (payload, "PAYLOAD!", 8, &error));
  /* Whatever firmware the host has: the loader is what is tested. */
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "firmware", fw, &error));
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "payload", payload, &error));
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  cl = mdl_board_find_cluster (board, "cpu0");
  g_assert_nonnull (cl->fdt);
  g_assert_cmphex (cl->fdt_address, ==, 0x87e00000);
  g_assert_true (mdl_address_space_read_bytes (cl->as, 0x80200000, head, 8, &error));
  g_assert_cmpmem (head, 8, "PAYLOAD!", 8);
  g_assert_true (mdl_address_space_read_bytes (cl->as, 0x87e00000, magic, 4, &error));
  g_assert_cmpint (fdt_magic (magic), ==, FDT_MAGIC);
  g_assert_cmphex (((MdlCpu *) g_ptr_array_index (cl->cpus, 0))->boot_arg, ==, 0x87e00000);

  /* fw_dynamic's information block, 4 KiB below the tree, in a2. */
  {
    uint64_t info[6];
    g_assert_true (mdl_board_doc_set_prop (doc, cpu, "opensbi-dynamic", "true", &error));
    g_clear_pointer (&board, mdl_board_free);
    board = mdl_board_doc_instantiate (doc, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (mdl_board_load_firmware (board, &error));
    cl = mdl_board_find_cluster (board, "cpu0");
    g_assert_true (mdl_address_space_read_bytes (cl->as, 0x87dff000, info, sizeof info, &error));
    g_assert_cmphex (GUINT64_FROM_LE (info[0]), ==, 0x4942534f);   /* "OSBI" */
    g_assert_cmphex (GUINT64_FROM_LE (info[1]), ==, 2);
    g_assert_cmphex (GUINT64_FROM_LE (info[2]), ==, 0x80200000);  /* the payload */
    g_assert_cmphex (GUINT64_FROM_LE (info[3]), ==, 1);           /* S-mode */
    g_assert_cmphex (GUINT64_FROM_LE (info[5]), ==, UINT64_MAX);  /* any hart */
    g_assert_cmphex (((MdlCpu *) g_ptr_array_index (cl->cpus, 0))->boot_info, ==, 0x87dff000);
    g_assert_true (mdl_board_doc_set_prop (doc, cpu, "opensbi-dynamic", "false", &error));
  }

  /* The document says so when the payload is missing. */
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_assert_true (mdl_board_doc_set_prop (doc, cpu, "payload", "/nonexistent/u-boot.bin", &error));
    problems = mdl_board_doc_problems (doc, NULL);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpstr (((MdlProblem *) g_ptr_array_index (problems, 0))->prop, ==, "payload");
    g_assert_true (mdl_board_doc_set_prop (doc, cpu, "payload", payload, &error));
  }

  /* A payload that does not fit is refused with its address. */
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "payload-address", "0x40000000", &error));
  g_clear_pointer (&board, mdl_board_free);
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_false (mdl_board_load_firmware (board, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "0x40000000"));
  g_unlink (payload);
  g_rmdir (dir);
}

/* The AArch64 virt board: the class hooks at work.  The GIC's three-cell
 * specifiers (an SPI from a device, PPIs from the cpu node's timer
 * outputs) and its two register blocks; /psci and /timer from the CPU
 * class; the PrimeCells' clocks; and the specifiers through a save and
 * reload. */
static void
check_aarch64_tree (const MdlBoardDoc *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = mdl_fdt_export (doc, cluster_id (doc, "cpu0"), &error);
  const void *fdt;
  uint32_t gic, clk;
  static const uint32_t ppis[4] = { 13, 14, 11, 10 };

  g_assert_no_error (error);
  fdt = g_bytes_get_data (blob, NULL);
  if (g_getenv ("MDL_DUMP_DTB") != NULL)
    g_file_set_contents (g_getenv ("MDL_DUMP_DTB"), fdt, (gssize) g_bytes_get_size (blob), NULL);
  g_assert_cmpint (fdt_check_header (fdt), ==, 0);
  gic = phandle_of (fdt, "/soc/intc@8000000");
  g_assert_cmpuint (gic, !=, 0);
  g_assert_cmpuint (cell_at (fdt, "/soc/intc@8000000", "#interrupt-cells", 0), ==, 3);
  g_assert_cmpuint (cell_at (fdt, "/soc/intc@8000000", "reg", 1), ==, 0x08000000);
  g_assert_cmpuint (cell_at (fdt, "/soc/intc@8000000", "reg", 3), ==, 0x10000);
  g_assert_cmpuint (cell_at (fdt, "/soc/intc@8000000", "reg", 5), ==, 0x08010000);
  g_assert_cmpuint (cell_at (fdt, "/soc/intc@8000000", "reg", 7), ==, 0x10000);
  g_assert_cmpstr (str_at (fdt, "/soc/pl011@9000000", "compatible"), ==, "arm,pl011");
  g_assert_cmpuint (cell_at (fdt, "/soc/pl011@9000000", "interrupts-extended", 0), ==, gic);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl011@9000000", "interrupts-extended", 1), ==, 0);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl011@9000000", "interrupts-extended", 2), ==, 1);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl011@9000000", "interrupts-extended", 3), ==, 4);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl031@9010000", "interrupts-extended", 2), ==, 2);
  clk = cell_at (fdt, "/soc/pl011@9000000", "clocks", 0);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl011@9000000", "clocks", 1), ==, clk);
  g_assert_cmpuint (cell_at (fdt, "/soc/pl031@9010000", "clocks", 0), ==, clk);
  g_assert_cmpstr (str_at (fdt, "/soc/pl011@9000000", "clock-names"), ==, "uartclk");
  g_assert_cmpuint (phandle_of (fdt, "/clock-24000000"), ==, clk);
  g_assert_cmpstr (str_at (fdt, "/clock-24000000", "compatible"), ==, "fixed-clock");
  g_assert_cmpstr (str_at (fdt, "/psci", "compatible"), ==, "arm,psci-1.0");
  g_assert_cmpstr (str_at (fdt, "/psci", "method"), ==, "hvc");
  g_assert_cmpstr (str_at (fdt, "/timer", "compatible"), ==, "arm,armv8-timer");
  for (int i = 0; i < 4; i++) {
    g_assert_cmpuint (cell_at (fdt, "/timer", "interrupts-extended", 4 * i), ==, gic);
    g_assert_cmpuint (cell_at (fdt, "/timer", "interrupts-extended", 4 * i + 1), ==, 1);
    g_assert_cmpuint (cell_at (fdt, "/timer", "interrupts-extended", 4 * i + 2), ==, ppis[i]);
    g_assert_cmpuint (cell_at (fdt, "/timer", "interrupts-extended", 4 * i + 3), ==, 4);
  }
}

static void
test_aarch64_board (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("aarch64-virt.dts");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mdl_board_doc_to_dts (doc);
  g_autofree char *dir = g_dir_make_tmp ("medley-fdt-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "again.dts", NULL);
  g_autoptr(MdlBoardDoc) again = NULL;

  check_aarch64_tree (doc);
  g_assert_nonnull (strstr (text, "<&gic 1 14 4>"));
  g_assert_nonnull (strstr (text, "<&gic 0 1 4>"));
  g_assert_nonnull (strstr (text, "#interrupt-cells = <3>"));
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  again = mdl_board_doc_load (copy, &error);
  g_assert_no_error (error);
  check_aarch64_tree (again);
  g_unlink (copy);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  g_test_add_func ("/engine/fdt-export/uboot-board", test_uboot_board);
  g_test_add_func ("/engine/fdt-export/cluster-view", test_cluster_view);
  g_test_add_func ("/engine/fdt-export/round-trip", test_round_trip);
  g_test_add_func ("/engine/fdt-export/loader", test_loader);
  g_test_add_func ("/engine/fdt-export/aarch64-board", test_aarch64_board);
  return g_test_run ();
}
