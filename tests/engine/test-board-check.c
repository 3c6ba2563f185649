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
  return g_test_run ();
}
