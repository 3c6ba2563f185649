/* Design checks (engine/board-check.h) on the shipped virt board: clean
 * as shipped, then each fault in turn is named, on the right component,
 * with a fix. */
#include <string.h>

#include "engine/board-check.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *const dirs[] = { MDL_BUILD_ROOT "/boards", NULL };

static MdlBoardDoc *
virt (void)
{
  g_autoptr(GError) error = NULL;
  MdlBoardDoc *doc = mdl_board_doc_load (MDL_SOURCE_ROOT "/boards/riscv32-virt.dts", &error);

  g_assert_no_error (error);
  return doc;
}

/* The first component whose class matches. */
static const MdlComponent *
find (const MdlBoardDoc *doc, bool memory, bool serial)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind == MDL_COMPONENT_DEVICE && (!memory || c->dev_cls->fdt_memory) &&
        (!serial || c->dev_cls->serial_input != NULL))
      return c;
  }
  g_assert_not_reached ();
}

/* The check about @component whose text holds @needle, or NULL. */
static const MdlCheck *
has (GPtrArray *checks, guint component, const char *needle)
{
  for (guint i = 0; i < checks->len; i++) {
    const MdlCheck *c = g_ptr_array_index (checks, i);

    if (c->component == component && strstr (c->what, needle) != NULL)
      return c;
  }
  return NULL;
}

static void
dump (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++) {
    const MdlCheck *c = g_ptr_array_index (checks, i);

    g_test_message ("%s [%u] %s (fix: %s)", c->severity == MDL_CHECK_ERROR ? "error" : "warning",
                    c->component, c->what, c->fix ? c->fix : "-");
  }
}

static void
test_clean (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = mdl_board_check (doc, dirs);

  dump (checks);
  g_assert_cmpuint (checks->len, ==, 0);
}

static void
test_stack_outside_ram (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  const MdlComponent *ram = find (doc, true, false);
  const MdlComponent *cpu = mdl_board_doc_find_by_name (doc, "cpu0");
  const MdlCheck *c;

  /* What the palette's RAM had: the firmware fits, its stack does not. */
  g_assert_true (mdl_board_doc_set_prop (doc, ram->id, "size", "16 MiB", &error));
  g_assert_no_error (error);
  checks = mdl_board_check (doc, dirs);
  dump (checks);
  c = has (checks, cpu->id, "stack");
  g_assert_nonnull (c);
  g_assert_cmpint (c->severity, ==, MDL_CHECK_ERROR);
  g_assert_nonnull (strstr (c->what, "__stack = 0x88000000"));
  g_assert_nonnull (c->fix);
  g_assert_nonnull (strstr (c->fix, "0x88000000"));
}

static void
test_segments_outside_ram (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  const MdlComponent *ram = find (doc, true, false);
  const MdlComponent *cpu = mdl_board_doc_find_by_name (doc, "cpu0");

  /* The firmware is linked at 0x80000000; the RAM moved away. */
  g_assert_true (mdl_board_doc_set_prop (doc, ram->id, "reg", "0x90000000", &error));
  g_assert_no_error (error);
  checks = mdl_board_check (doc, dirs);
  dump (checks);
  g_assert_nonnull (has (checks, cpu->id, "does not fit"));
}

static void
test_unwired (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = NULL;
  const MdlComponent *uart = find (doc, false, true);
  const MdlCheck *c;

  /* Every wire of the UART gone: off the bus, its interrupt loose. */
  for (guint i = doc->wires->len; i-- > 0;) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);

    if (w->from == uart->id)
      mdl_board_doc_remove_wire (doc, w->id);
  }
  checks = mdl_board_check (doc, dirs);
  dump (checks);
  c = has (checks, uart->id, "no CPU's bus");
  g_assert_nonnull (c);
  g_assert_cmpint (c->severity, ==, MDL_CHECK_WARNING);
  c = has (checks, uart->id, "interrupt");
  g_assert_nonnull (c);
  g_assert_nonnull (c->fix);
}

static void
test_other_isa (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  const MdlComponent *cpu = mdl_board_doc_find_by_name (doc, "cpu0");
  const MdlCheck *c = NULL;

  /* 64-bit firmware on a 32-bit hart. */
  g_assert_true (mdl_board_doc_set_prop (doc, cpu->id, "firmware",
                                         MDL_BUILD_ROOT "/boards/firmware/hello-rv64.elf", &error));
  g_assert_no_error (error);
  checks = mdl_board_check (doc, dirs);
  dump (checks);
  for (guint i = 0; i < checks->len && c == NULL; i++)
    if (((const MdlCheck *) g_ptr_array_index (checks, i))->component == cpu->id)
      c = g_ptr_array_index (checks, i);
  g_assert_nonnull (c);
  g_assert_cmpint (c->severity, ==, MDL_CHECK_ERROR);
  g_assert_nonnull (c->fix);
}

/* No shipped board is away from its family's map: the family tables and
 * the boards agree. */
static void
test_shipped_at_home (void)
{
  static const char *const boards[] = {
    "riscv32-virt", "riscv64-virt", "riscv64-uboot", "riscv64-linux", "riscv64-linux-smp",
    "aarch64-virt", "aarch64-uboot", "cortex-m0", "cortex-m3", "cortex-m4f", "gpio-demo",
    "hetero-demo", "linux-mcu-demo", "framebuffer-demo",
  };

  for (unsigned i = 0; i < G_N_ELEMENTS (boards); i++) {
    g_autofree char *path = g_strdup_printf (MDL_SOURCE_ROOT "/boards/%s.dts", boards[i]);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
    g_autoptr(GPtrArray) checks = NULL;

    g_assert_no_error (error);
    checks = mdl_board_check (doc, dirs);
    g_test_message ("%s:", boards[i]);
    dump (checks);
    for (guint j = 0; j < checks->len; j++) {
      const MdlCheck *c = g_ptr_array_index (checks, j);

      if (strstr (c->what, "usually at") != NULL)
        g_error ("%s: %s", boards[i], c->what);
    }
  }
}

/* A UART moved off virt's address is named with both addresses, and the
 * fix moves it back. */
static void
test_family_address (void)
{
  g_autoptr(MdlBoardDoc) doc = virt ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  const MdlComponent *uart = find (doc, false, true);
  const MdlCheck *c;

  g_assert_true (mdl_board_doc_set_prop (doc, uart->id, "reg", "0x10001000", &error));
  g_assert_no_error (error);
  checks = mdl_board_check (doc, dirs);
  dump (checks);
  c = has (checks, uart->id, "0x10001000");
  g_assert_nonnull (c);
  g_assert_cmpint (c->severity, ==, MDL_CHECK_WARNING);
  g_assert_nonnull (strstr (c->what, "usually at 0x10000000"));
  g_assert_nonnull (strstr (c->what, "virt"));
  g_assert_true (c->can_move);
  g_assert_cmphex (c->move_to, ==, 0x10000000);

  /* With something else in the way, no move is offered. */
  g_assert_true (mdl_board_doc_set_prop (doc, find (doc, true, false)->id, "reg", "0x10000000",
                                         &error));
  again = mdl_board_check (doc, dirs);
  dump (again);
  c = has (again, uart->id, "usually at 0x10000000");
  g_assert_nonnull (c);
  g_assert_false (c->can_move);
}

/* Parts added to a board of a family land where the family puts them,
 * RAM with the family's size; the second timer of MPS2 in its own slot. */
static void
test_family_defaults (void)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  g_autoptr(MdlBoardDoc) mcu = mdl_board_doc_new ();
  const MdlDeviceClass *ram = mdl_registry_find_device ("medley,ram");
  const MdlDeviceClass *test = mdl_registry_find_device ("sifive,test0");
  const MdlDeviceClass *timer = mdl_registry_find_device ("arm,cmsdk-timer");
  const MdlDeviceClass *uart = mdl_registry_find_device ("ns16550a");
  guint id;

  mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu_by_name ("rv64imafdc"), 0, 0);
  g_assert_nonnull (mdl_board_doc_family (doc));
  id = mdl_board_doc_add_device (doc, ram, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (doc, id), "reg"), ==, 0x80000000);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (doc, id), "size"), ==, 128 << 20);
  id = mdl_board_doc_add_device (doc, test, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (doc, id), "reg"), ==, 0x100000);
  id = mdl_board_doc_add_device (doc, uart, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (doc, id), "reg"), ==, 0x10000000);
  /* A second one: the slot is taken, it goes to a free address. */
  id = mdl_board_doc_add_device (doc, uart, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (doc, id), "reg"), !=, 0x10000000);

  mdl_board_doc_add_cluster (mcu, mdl_registry_find_cpu_by_name ("cortex-m3"), 0, 0);
  id = mdl_board_doc_add_device (mcu, timer, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (mcu, id), "reg"), ==, 0x40000000);
  id = mdl_board_doc_add_device (mcu, timer, 0, 0);
  g_assert_cmphex (mdl_component_u64 (mdl_board_doc_find (mcu, id), "reg"), ==, 0x40001000);

  /* Two families on one board: no defaults, no opinion. */
  mdl_board_doc_add_cluster (mcu, mdl_registry_find_cpu_by_name ("rv64imafdc"), 0, 0);
  g_assert_null (mdl_board_doc_family (mcu));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/engine/board-check/clean", test_clean);
  g_test_add_func ("/engine/board-check/stack-outside-ram", test_stack_outside_ram);
  g_test_add_func ("/engine/board-check/segments-outside-ram", test_segments_outside_ram);
  g_test_add_func ("/engine/board-check/unwired", test_unwired);
  g_test_add_func ("/engine/board-check/other-isa", test_other_isa);
  g_test_add_func ("/engine/board-check/shipped-at-home", test_shipped_at_home);
  g_test_add_func ("/engine/board-check/family-address", test_family_address);
  g_test_add_func ("/engine/board-check/family-defaults", test_family_defaults);
  return g_test_run ();
}
