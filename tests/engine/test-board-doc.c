/* Board documents: reading, writing back, editing and checking. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board-doc.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

static void
describe_mapping (uint64_t base, MdlRegion *r, void *data)
{
  g_string_append_printf (data, "  0x%" G_GINT64_MODIFIER "x +0x%" G_GINT64_MODIFIER "x %s\n",
                          base, mdl_region_size (r), mdl_region_name (r));
}

/* Everything that decides how a machine behaves, as text to compare. */
static char *
describe_machine (MdlBoard *board)
{
  GString *s = g_string_new (NULL);
  MdlMachine *m = board->machine;

  for (unsigned i = 0; i < mdl_machine_n_cpus (m); i++) {
    MdlCpu *cpu = mdl_machine_cpu (m, i);
    g_string_append_printf (s, "cpu %s %s hart %" G_GUINT64_FORMAT " period %" G_GUINT64_FORMAT
                            " timebase %" G_GUINT64_FORMAT "\n", cpu->name, cpu->cls->name,
                            cpu->hartid, cpu->period_ps, cpu->timebase_hz);
    mdl_address_space_foreach (cpu->as, describe_mapping, s);
  }
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++) {
    MdlDevice *d = mdl_machine_device (m, i);
    g_string_append_printf (s, "device %s %s", d->name, d->cls->compatible);
    for (unsigned p = 0; p < d->cls->n_props; p++)
      g_string_append_printf (s, " %s=%" G_GUINT64_FORMAT "/%s", d->cls->props[p].name,
                              d->props[p].u64, d->props[p].str ? d->props[p].str : "-");
    for (unsigned o = 0; o < d->cls->n_irq_out; o++)
      g_string_append_printf (s, " irq%u:%s", o, d->irq_out[o] ? "wired" : "-");
    g_string_append_c (s, '\n');
  }
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    g_string_append_printf (s, "cluster %s firmware %s\n", cl->name, cl->firmware);
  }
  return g_string_free (s, FALSE);
}

static int
sort_strings (const char **a, const char **b)
{
  return strcmp (*a, *b);
}

static char *
describe_doc (const MdlBoardDoc *doc)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    g_string_append_printf (s, "%s @%.0f,%.0f:", c->name, c->x, c->y);
    for (unsigned p = 0; p < c->n_props; p++) {
      g_autofree char *v = mdl_component_format_prop (c, p);
      g_string_append_printf (s, " %s=%s", c->props[p].name, v);
    }
    g_string_append_c (s, '\n');
  }
  /* Wires compare as a set: their order in the file carries no meaning. */
  {
    g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < doc->wires->len; i++) {
      MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
      g_ptr_array_add (wires, g_strdup_printf ("wire %d %s.%u -> %s.%u/%u\n", w->kind,
                                               mdl_board_doc_find (doc, w->from)->name, w->output,
                                               mdl_board_doc_find (doc, w->to)->name, w->input,
                                               w->hart));
    }
    g_ptr_array_sort (wires, (GCompareFunc) (void (*) (void)) sort_strings);
    for (guint i = 0; i < wires->len; i++)
      g_string_append (s, g_ptr_array_index (wires, i));
  }
  return g_string_free (s, FALSE);
}

static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", name, NULL);
  g_autofree char *dir = g_dir_make_tmp ("medley-doc-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autoptr(MdlBoard) b1 = NULL, b2 = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *m1 = NULL, *m2 = NULL;

  g_assert_no_error (error);
  /* The shipped boards have no positions: laid out, no two on one spot. */
  for (guint i = 0; i < doc->components->len; i++)
    for (guint j = 0; j < i; j++) {
      MdlComponent *a = g_ptr_array_index (doc->components, i);
      MdlComponent *b = g_ptr_array_index (doc->components, j);
      g_assert_false (a->x == b->x && a->y == b->y);
    }
  g_assert_true (mdl_board_doc_save (doc, copy, &error));
  g_assert_no_error (error);
  /* Saving again to its own path (what Save does) keeps the path. */
  g_assert_true (mdl_board_doc_save (doc, doc->path, &error));
  g_assert_cmpstr (doc->path, ==, copy);
  again = mdl_board_doc_load (copy, &error);
  g_assert_no_error (error);

  d1 = describe_doc (doc);
  d2 = describe_doc (again);
  g_assert_cmpstr (d1, ==, d2);
  b1 = mdl_board_load (path, search, &error);
  g_assert_no_error (error);
  b2 = mdl_board_load (copy, search, &error);
  g_assert_no_error (error);
  m1 = describe_machine (b1);
  m2 = describe_machine (b2);
  g_assert_cmpstr (m1, ==, m2);
  /* ...and it still runs: the firmware is found from the copy too. */
  g_assert_true (mdl_board_load_firmware (b2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdl_machine_run (b2->machine, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (b2->machine), ==, 0);
  g_unlink (copy);
  g_rmdir (dir);
}

static void
test_values (void)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  guint ram = mdl_board_doc_add_device (doc, mdl_registry_find_device ("medley,ram"), 0, 0);
  guint cpu = mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  MdlComponent *r = mdl_board_doc_find (doc, ram), *c = mdl_board_doc_find (doc, cpu);
  static const struct { const char *prop, *text; uint64_t value; const char *shown; } good[] = {
    { "size", "64 MiB", 64 << 20, "64 MiB" },
    { "size", "0x1000", 0x1000, "4 KiB" },
    { "size", "4k", 4096, "4 KiB" },
    { "size", "1_048_576", 1 << 20, "1 MiB" },
    { "reg", "0x80000000", 0x80000000, "0x80000000" },
    { "reg", "2147483648", 0x80000000, "0x80000000" },
  };
  static const char *const bad_size[] = { "", "abc", "-1", "0", "1.5 B", "3 parsecs", NULL };
  g_autoptr(GError) error = NULL;
  int i;

  for (unsigned k = 0; k < G_N_ELEMENTS (good); k++) {
    g_autofree char *shown = NULL;
    g_assert_true (mdl_board_doc_set_prop (doc, ram, good[k].prop, good[k].text, &error));
    g_assert_no_error (error);
    i = mdl_component_find_prop (r, good[k].prop);
    g_assert_cmphex (r->values[i].u64, ==, good[k].value);
    shown = mdl_component_format_prop (r, i);
    g_assert_cmpstr (shown, ==, good[k].shown);
  }
  for (unsigned k = 0; bad_size[k]; k++) {
    g_assert_false (mdl_board_doc_set_prop (doc, ram, "size", bad_size[k], &error));
    g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "MiB"));
    g_clear_error (&error);
  }
  g_assert_cmphex (r->values[mdl_component_find_prop (r, "size")].u64, ==, 1 << 20);

  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "clock-frequency", "3.6864 MHz", &error));
  i = mdl_component_find_prop (c, "clock-frequency");
  g_assert_cmpuint (c->values[i].u64, ==, 3686400);
  {
    g_autofree char *shown = mdl_component_format_prop (c, i);
    g_assert_cmpstr (shown, ==, "3.6864 MHz");
  }
  g_assert_false (mdl_board_doc_set_prop (doc, cpu, "clock-frequency", "fast", &error));
  g_clear_error (&error);
  g_assert_false (mdl_board_doc_set_prop (doc, cpu, "harts", "0", &error));
  g_clear_error (&error);
  g_assert_false (mdl_board_doc_set_prop (doc, cpu, "cpu", "z80", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "cpu", "rv64imac", &error));
  g_assert_cmpstr (c->cpu_cls->name, ==, "rv64imac");

  g_assert_false (mdl_board_doc_rename (doc, ram, "2fast", &error));
  g_clear_error (&error);
  g_assert_false (mdl_board_doc_rename (doc, ram, "cpu0", &error));
  g_assert_nonnull (strstr (error->message, "cpu0"));
  g_clear_error (&error);
  g_assert_true (mdl_board_doc_rename (doc, ram, "main_ram", &error));
}

static void
test_edits_and_problems (void)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  const MdlDeviceClass *uart_cls = mdl_registry_find_device ("ns16550a");
  guint cpu = mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  guint ram = mdl_board_doc_add_device (doc, mdl_registry_find_device ("medley,ram"), 0, 0);
  guint u0 = mdl_board_doc_add_device (doc, uart_cls, 0, 0);
  guint u1 = mdl_board_doc_add_device (doc, uart_cls, 0, 0);
  MdlComponent *a = mdl_board_doc_find (doc, u0), *b = mdl_board_doc_find (doc, u1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  MdlProblem *p;

  g_assert_cmpstr (a->name, ==, "uart0");
  g_assert_cmpstr (b->name, ==, "uart1");
  /* New devices land on free addresses. */
  g_assert_cmphex (a->values[0].u64, ==, 0x10000000);
  g_assert_cmphex (b->values[0].u64, ==, 0x10001000);
  g_assert_cmphex (mdl_board_doc_find (doc, ram)->values[0].u64, ==, 0x80000000);

  g_assert_cmpuint (mdl_board_doc_map (doc, u0, cpu, &error), >, 0);
  g_assert_cmpuint (mdl_board_doc_map (doc, cpu, ram, &error), >, 0);   /* either way round */
  g_assert_cmpuint (mdl_board_doc_map (doc, u0, cpu, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "already mapped"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_board_doc_map (doc, u0, u1, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "CPU cluster"));
  g_clear_error (&error);

  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u0, 0, cpu, 11, 0, &error), >, 0);
  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u0, 0, cpu, 7, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "already wired"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u1, 1, cpu, 11, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "interrupt output"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u1, 0, cpu, 99, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "no interrupt input 99"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u1, 0, u0, 0, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "no interrupt inputs"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_board_doc_wire_irq (doc, u1, 0, cpu, 11, 3, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "no CPU 3"));
  g_clear_error (&error);

  /* Overlap and missing firmware are reported against their fields. */
  g_assert_true (mdl_board_doc_set_prop (doc, u1, "reg", "0x10000080", &error));
  problems = mdl_board_doc_problems (doc, search);
  g_assert_cmpuint (problems->len, ==, 2);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (p->component, ==, cpu);
  g_assert_cmpstr (p->prop, ==, "firmware");
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (p->component, ==, u1);
  g_assert_cmpstr (p->prop, ==, "reg");
  g_assert_nonnull (strstr (p->message, "overlaps uart0"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_true (mdl_board_doc_set_prop (doc, u1, "reg", "0x10001000", &error));
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "firmware", "/nonexistent.elf", &error));
  problems = mdl_board_doc_problems (doc, search);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((MdlProblem *) g_ptr_array_index (problems, 0))->message,
                            "not found: /nonexistent.elf"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (mdl_board_doc_set_prop (doc, cpu, "firmware", "firmware/hello-rv32.elf", &error));
  problems = mdl_board_doc_problems (doc, search);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Removing a component takes its wires along. */
  g_assert_cmpuint (doc->wires->len, ==, 3);
  mdl_board_doc_remove (doc, u0);
  g_assert_cmpuint (doc->wires->len, ==, 1);
  g_assert_null (mdl_board_doc_find (doc, u0));
}

static void
test_address_map (void)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autoptr(MdlBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("medley-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "two.dts", NULL);
  g_autofree char *text = NULL, *d1 = NULL, *d2 = NULL;
  const MdlCpuClass *rv32 = mdl_registry_find_cpu ("riscv,rv32imac");
  guint app = mdl_board_doc_add_cluster (doc, rv32, -120, -40);   /* canvas may go negative */
  guint mcu = mdl_board_doc_add_cluster (doc, rv32, 0, 200);
  guint shared = mdl_board_doc_add_device (doc, mdl_registry_find_device ("medley,ram"), 300, 0);
  guint priv = mdl_board_doc_add_device (doc, mdl_registry_find_device ("medley,ram"), 300, 200);
  MdlCpu *a, *m;

  mdl_board_doc_map (doc, shared, app, NULL);
  /* The microcontroller sees the shared RAM at its own address. */
  g_assert_true (mdl_board_doc_set_map_base (doc, mdl_board_doc_map (doc, shared, mcu, NULL),
                                             "0x20100000", &error));
  mdl_board_doc_map (doc, priv, app, NULL);
  text = mdl_board_doc_to_dts (doc);
  g_assert_nonnull (strstr (text, "address-map"));
  /* The first RAM takes the virt family's place and size (128 MiB). */
  g_assert_nonnull (strstr (text, "<0x0 0x20100000 &ram0 0x0 0x80000000 0x0 0x8000000>"));
  g_assert_true (mdl_board_doc_save (doc, path, &error));
  again = mdl_board_doc_load (path, &error);
  g_assert_no_error (error);
  d1 = describe_doc (doc);
  d2 = describe_doc (again);
  g_assert_cmpstr (d1, ==, d2);

  board = mdl_board_doc_instantiate (again, NULL, &error);
  g_assert_no_error (error);
  a = mdl_machine_find_cpu (board->machine, "cpu0");
  m = mdl_machine_find_cpu (board->machine, "cpu1");
  g_assert_nonnull (mdl_address_space_lookup (a->as, 0x88000000, NULL));
  g_assert_null (mdl_address_space_lookup (m->as, 0x88000000, NULL));
  g_assert_null (mdl_address_space_lookup (m->as, 0x80000000, NULL));
  /* Both see the shared RAM, at their own addresses: one host memory. */
  {
    MdlRamWindow wa, wm;
    g_assert_true (mdl_address_space_ram_window (a->as, 0x80000000, &wa));
    g_assert_true (mdl_address_space_ram_window (m->as, 0x20100000, &wm));
    g_assert_true (wa.host == wm.host);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_data_func ("/engine/board-doc/round-trip/riscv32-virt", "riscv32-virt.dts", test_round_trip);
  g_test_add_data_func ("/engine/board-doc/round-trip/riscv64-virt", "riscv64-virt.dts", test_round_trip);
  g_test_add_func ("/engine/board-doc/values", test_values);
  g_test_add_func ("/engine/board-doc/edits-and-problems", test_edits_and_problems);
  g_test_add_func ("/engine/board-doc/address-map", test_address_map);
  return g_test_run ();
}
