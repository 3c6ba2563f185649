/* The seams through which a CPU's own interrupt signals reach a
 * controller, and a controller learns which CPU an output drives
 * (docs/aarch64-seams.md): MdlCpuClass.n_irq_out, mdl_cpu_irq_out_set and
 * mdl_device_irq_out_cpu, with a class and devices made up for the test. */
#include <glib.h>

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "engine/board-doc.h"
#include "engine/fdt-export.h"
#include "engine/device.h"
#include "engine/machine.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

typedef struct {
  MdlCpu cpu;
  bool   in[2];
} OutCpu;

static uint64_t
out_run (MdlCpu *cpu, uint64_t budget)
{
  mdl_cpu_account (cpu, budget);
  return budget;
}

static void
out_set_irq (MdlCpu *cpu, unsigned line, bool level)
{
  ((OutCpu *) cpu)->in[line] = level;
}

static uint64_t
out_reg_read (MdlCpu *cpu, unsigned reg)
{
  (void) cpu, (void) reg;
  return 0;
}

static const MdlRegInfo out_regs[] = { { "pc", NULL, 64, "general", false } };

static const MdlCpuClass out_cpu_class = {
  .name = "irq-out-test",
  .compatible = "test,irq-out",
  .arch = "test",
  .xlen = 64,
  .regs = out_regs,
  .n_regs = 1,
  .n_irq_in = 2,
  .n_irq_out = 3,
  .state_size = sizeof (OutCpu),
  .run = out_run,
  .set_irq = out_set_irq,
  .reg_read = out_reg_read,
};

typedef struct {
  bool level[164];
} Sink;

static void
sink_irq_in (MdlDevice *dev, unsigned line, bool level)
{
  ((Sink *) dev->state)->level[line] = level;
}

static const MdlDeviceClass sink_class = {
  .name = "sink",
  .compatible = "test,sink",
  .group = MDL_GROUP_INTERRUPTS,
  .n_irq_out = 2,
  .n_irq_in = 4,
  .state_size = sizeof (Sink),
  .irq_in = sink_irq_in,
};

/* A controller with GIC-like specifiers <type number flags>: type 0 is a
 * shared input (0..99), type 1 a per-CPU one, input 100 + 16 * hart +
 * number. */
static int
cells3_input (const MdlDeviceClass *cls, const uint32_t *cells, int source_hart)
{
  (void) cls;
  if (cells[0] == 0 && cells[1] < 100)
    return (int) cells[1];
  if (cells[0] == 1 && cells[1] < 16 && source_hart >= 0 && source_hart < 4)
    return 100 + 16 * source_hart + (int) cells[1];
  return -1;
}

static void
cells3_specifier (const MdlDeviceClass *cls, unsigned input, uint32_t *cells)
{
  (void) cls;
  cells[0] = input >= 100;
  cells[1] = input >= 100 ? (input - 100) % 16 : input;
  cells[2] = 4;
}

static const MdlDeviceClass cells3_class = {
  .name = "cells3",
  .compatible = "test,cells3",
  .group = MDL_GROUP_INTERRUPTS,
  .n_regions = 1, /* read, written and exported, never built */
  .default_size = 0x1000,
  .n_irq_in = 164,
  .state_size = sizeof (Sink),
  .irq_in = sink_irq_in,
  .irq_cells = 3,
  .irq_input = cells3_input,
  .irq_specifier = cells3_specifier,
};

static void
test_outputs (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlCpu *cpu = mdl_machine_add_cpu (m, &out_cpu_class, "c0", as, 0, 1000000, NULL);
  MdlDevice *dev = mdl_device_new (m, &sink_class, "sink");
  Sink *sink = dev->state;

  mdl_machine_add_device (m, dev);
  g_assert_nonnull (cpu->irq_out);
  for (unsigned i = 0; i < 3; i++)
    g_assert_null (cpu->irq_out[i]);
  mdl_cpu_irq_out_set (cpu, 0, true); /* unconnected: nothing happens */

  cpu->irq_out[2] = mdl_irq_line_to_device (m, dev, 3);
  mdl_cpu_irq_out_set (cpu, 2, true);
  g_assert_true (sink->level[3]);
  mdl_cpu_irq_out_set (cpu, 2, false);
  g_assert_false (sink->level[3]);
}

static void
test_output_cpu (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "bus");
  MdlCpu *c0 = mdl_machine_add_cpu (m, &out_cpu_class, "c0", as, 0, 1000000, NULL);
  MdlCpu *c1 = mdl_machine_add_cpu (m, &out_cpu_class, "c1", as, 1, 1000000, NULL);
  MdlDevice *gic = mdl_device_new (m, &sink_class, "gic");
  MdlDevice *other = mdl_device_new (m, &sink_class, "other");

  mdl_machine_add_device (m, gic);
  mdl_machine_add_device (m, other);
  g_assert_null (mdl_device_irq_out_cpu (gic, 0));
  gic->irq_out[0] = mdl_irq_line_to_cpu (m, c1, 0);
  gic->irq_out[1] = mdl_irq_line_to_device (m, other, 0);
  g_assert_true (mdl_device_irq_out_cpu (gic, 0) == c1);
  g_assert_null (mdl_device_irq_out_cpu (gic, 1));
  mdl_device_irq_set (gic, 0, true);
  g_assert_true (((OutCpu *) c1)->in[0]);
  g_assert_false (((OutCpu *) c0)->in[0]);
  /* Between CPUs (no CPU running), nobody is accessing. */
  g_assert_null (mdl_machine_current_cpu (m));
}

static void
check_cpu_wires (const MdlBoardDoc *doc)
{
  unsigned n = 0;

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const MdlComponent *from = mdl_board_doc_find (doc, w->from);

    if (w->kind != MDL_WIRE_IRQ)
      continue;
    g_assert_true (from->kind == MDL_COMPONENT_CLUSTER && w->from == w->to);
    g_assert_cmpuint (w->output, ==, n + 1); /* timer outputs 1, 2 */
    g_assert_cmpuint (w->input, ==, n);      /* to IRQ, FIQ */
    n++;
  }
  g_assert_cmpuint (n, ==, 2);
}

/* A cpu node's interrupts-extended: read as wires from the cluster,
 * written back the same, built into lines from the CPU's outputs. */
static void
test_board_wiring (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "tests", "targets", "aarch64",
                                            "virt-irq.dts", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL, *dts = NULL;
  MdlBoardDoc *doc = mdl_board_doc_load (path, &error), *again;
  MdlBoard *board;
  int fd;

  g_assert_no_error (error);
  check_cpu_wires (doc);
  dts = mdl_board_doc_to_dts (doc);
  fd = g_file_open_tmp ("irq-out-XXXXXX.dts", &tmp, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (tmp, dts, -1, NULL));
  again = mdl_board_doc_load (tmp, &error);
  g_assert_no_error (error);
  check_cpu_wires (again);

  board = mdl_board_doc_instantiate (again, NULL, &error);
  g_assert_no_error (error);
  {
    MdlCpu *cpu = mdl_machine_cpu (board->machine, 0);
    g_assert_null (cpu->irq_out[0]);
    g_assert_nonnull (cpu->irq_out[1]);
    g_assert_nonnull (cpu->irq_out[2]);
  }
  mdl_board_free (board);
  g_unlink (tmp);
  mdl_board_doc_free (again);
  mdl_board_doc_free (doc);
}

/* The guest's tree gets what the class owes the root, with hart 0's
 * outputs as interrupts-extended through the controller's specifiers. */
static void
test_guest_tree (void)
{
  static const char dts[] =
    "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
    "compatible = \"medley,board\";\n"
    "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n"
    "medley,name = \"app\";\nmedley,device-tree;\n"
    "cpu@0 { device_type = \"cpu\"; compatible = \"arm,cortex-a53\"; reg = <0>;\n"
    "  interrupts-extended = <&ctl 1 13 4>, <&ctl 1 14 4>, <&ctl 1 11 4>, <&ctl 1 10 4>; };\n"
    "};\n"
    "memory@40000000 { device_type = \"memory\"; compatible = \"medley,ram\";\n"
    "  reg = <0x0 0x40000000 0x0 0x1000000>; };\n"
    "ctl: ctl@8000000 { compatible = \"test,cells3\"; reg = <0x0 0x8000000 0x0 0x1000>;\n"
    "  interrupt-controller; #interrupt-cells = <3>; };\n};\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (GBytes) blob = NULL;
  MdlBoardDoc *doc;
  const void *fdt;
  const fdt32_t *p;
  int fd = g_file_open_tmp ("tree-XXXXXX.dts", &tmp, &error), len, node;
  guint cluster = 0;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (tmp, dts, -1, NULL));
  doc = mdl_board_doc_load (tmp, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->kind == MDL_COMPONENT_CLUSTER)
      cluster = c->id;
  }
  blob = mdl_fdt_export (doc, cluster, &error);
  g_assert_no_error (error);
  fdt = g_bytes_get_data (blob, NULL);
  g_assert_cmpint (fdt_path_offset (fdt, "/psci"), >=, 0);
  node = fdt_path_offset (fdt, "/timer");
  g_assert_cmpint (node, >=, 0);
  p = fdt_getprop (fdt, node, "interrupts-extended", &len);
  g_assert_nonnull (p);
  g_assert_cmpint (len, ==, 4 * 4 * 4); /* four outputs of phandle + 3 cells */
  g_assert_cmpuint (fdt32_to_cpu (p[1]), ==, 1);
  g_assert_cmpuint (fdt32_to_cpu (p[2]), ==, 13);
  g_assert_cmpuint (fdt32_to_cpu (p[14]), ==, 10);
  node = fdt_path_offset (fdt, "/soc");
  g_assert_cmpint (node, >=, 0);
  mdl_board_doc_free (doc);
  g_unlink (tmp);
}

/* Three-cell specifiers on cpu nodes: per-hart inputs, written back as
 * three cells, the controller's #interrupt-cells kept. */
static void
test_three_cells (void)
{
  static const char dts[] =
    "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
    "compatible = \"medley,board\";\n"
    "cpus {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n"
    "medley,name = \"app\";\n"
    "cpu@0 { device_type = \"cpu\"; compatible = \"arm,cortex-a53\"; reg = <0>;\n"
    "  interrupts-extended = <&ctl 1 13 4>, <&ctl 1 14 4>; };\n"
    "cpu@1 { device_type = \"cpu\"; compatible = \"arm,cortex-a53\"; reg = <1>;\n"
    "  interrupts-extended = <&ctl 1 13 4>, <&ctl 1 14 4>; };\n};\n"
    "ctl: ctl@8000000 { compatible = \"test,cells3\"; reg = <0x0 0x8000000 0x0 0x1000>;\n"
    "  interrupt-controller; #interrupt-cells = <3>; };\n};\n";
  static const unsigned want[4] = { 113, 114, 129, 130 }, outs[4] = { 0, 1, 4, 5 };
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL, *out = NULL;
  MdlBoardDoc *doc, *again;
  int fd = g_file_open_tmp ("cells3-XXXXXX.dts", &tmp, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (tmp, dts, -1, NULL));
  doc = mdl_board_doc_load (tmp, &error);
  g_assert_no_error (error);
  for (int round = 0; round < 2; round++) {
    unsigned n = 0;
    for (guint i = 0; i < doc->wires->len; i++) {
      const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
      if (w->kind != MDL_WIRE_IRQ)
        continue;
      g_assert_cmpuint (n, <, 4);
      g_assert_cmpuint (w->output, ==, outs[n]); /* hart h's outputs from 4 h */
      g_assert_cmpuint (w->input, ==, want[n]);
      n++;
    }
    g_assert_cmpuint (n, ==, 4);
    out = mdl_board_doc_to_dts (doc);
    g_assert_nonnull (strstr (out, "<&ctl 1 13 4>, <&ctl 1 14 4>"));
    g_assert_nonnull (strstr (out, "#interrupt-cells = <3>"));
    g_assert_true (g_file_set_contents (tmp, out, -1, NULL));
    g_clear_pointer (&out, g_free);
    again = mdl_board_doc_load (tmp, &error);
    g_assert_no_error (error);
    mdl_board_doc_free (doc);
    doc = again;
  }
  mdl_board_doc_free (doc);

  /* A specifier the controller does not know is refused, naming it. */
  {
    g_autofree char *bad = g_strdup (dts);
    char *p = strstr (bad, "<&ctl 1 14 4>");
    p[6] = '2'; /* type 2 */
    g_assert_true (g_file_set_contents (tmp, bad, -1, NULL));
    g_assert_null (mdl_board_doc_load (tmp, &error));
    g_assert_nonnull (error);
    if (strstr (error->message, "no interrupt input for that specifier") == NULL)
      g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "no interrupt input for that specifier"));
  }
  g_unlink (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const MdlDeviceClass *devices[64];
  unsigned n = 0;

  mdl_registry_set_cpus (mdl_target_cpu_classes);
  for (; mdl_hw_device_classes[n] != NULL && n < G_N_ELEMENTS (devices) - 2; n++)
    devices[n] = mdl_hw_device_classes[n];
  devices[n] = &cells3_class;
  mdl_registry_set_devices (devices);
  g_test_add_func ("/cpu/irq-out/three-cell-specifiers", test_three_cells);
  g_test_add_func ("/cpu/irq-out/guest-tree", test_guest_tree);
  g_test_add_func ("/cpu/irq-out/board-wiring", test_board_wiring);
  g_test_add_func ("/cpu/irq-out/set", test_outputs);
  g_test_add_func ("/cpu/irq-out/device-output-cpu", test_output_cpu);
  return g_test_run ();
}
