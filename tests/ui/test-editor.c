/* MdlEditor: one undo step per edit, refused edits leave no trace, and
 * "modified" follows the document through undo, redo and saving.  No
 * display needed: the editor is a plain GObject. */
#include <glib/gstdio.h>

#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"
#include "ui/mdl-editor.h"

typedef struct {
  unsigned changed, selection;
} Counts;

static void
on_changed (MdlEditor *editor, Counts *c)
{
  c->changed++;
}

static void
on_selection (MdlEditor *editor, Counts *c)
{
  c->selection++;
}

static void
test_undo_redo (void)
{
  g_autoptr(MdlEditor) ed = mdl_editor_new ();
  const MdlDeviceClass *ram_cls = mdl_registry_find_device ("medley,ram");
  const MdlDeviceClass *uart_cls = mdl_registry_find_device ("ns16550a");
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  guint cpu, ram, uart;

  g_signal_connect (ed, "changed", G_CALLBACK (on_changed), &counts);
  mdl_editor_new_board (ed);
  g_assert_false (mdl_editor_get_modified (ed));
  g_assert_false (mdl_editor_can_undo (ed));

  cpu = mdl_editor_add_cluster (ed, mdl_registry_find_cpu ("riscv,rv32imac"), 40, 40);
  ram = mdl_editor_add_device (ed, ram_cls, 360, 40);
  uart = mdl_editor_add_device (ed, uart_cls, 680, 40);
  g_assert_cmpuint (mdl_editor_map (ed, ram, cpu, &error), >, 0);
  g_assert_cmpuint (mdl_editor_wire_irq (ed, uart, 0, cpu, 11, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (mdl_editor_get_modified (ed));
  g_assert_cmpuint (counts.changed, >=, 5);

  /* A refused edit: no undo step, no change. */
  g_assert_cmpuint (mdl_editor_wire_irq (ed, uart, 0, cpu, 7, 0, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (mdl_editor_set_prop (ed, ram, "size", "lots", &error));
  g_clear_error (&error);

  /* Five edits, five undo steps, back to the empty board. */
  for (int i = 0; i < 5; i++) {
    g_assert_true (mdl_editor_can_undo (ed));
    mdl_editor_undo (ed);
  }
  g_assert_false (mdl_editor_can_undo (ed));
  g_assert_cmpuint (mdl_editor_get_doc (ed)->components->len, ==, 0);
  g_assert_false (mdl_editor_get_modified (ed));
  for (int i = 0; i < 5; i++)
    mdl_editor_redo (ed);
  g_assert_false (mdl_editor_can_redo (ed));
  g_assert_cmpuint (mdl_editor_get_doc (ed)->components->len, ==, 3);
  g_assert_cmpuint (mdl_editor_get_doc (ed)->wires->len, ==, 2);
  g_assert_true (mdl_editor_get_modified (ed));

  /* A new edit after an undo drops the redo branch. */
  mdl_editor_undo (ed);
  g_assert_true (mdl_editor_set_prop (ed, ram, "size", "64 MiB", &error));
  g_assert_false (mdl_editor_can_redo (ed));
  g_assert_cmpuint (mdl_editor_get_doc (ed)->wires->len, ==, 1);
}

static void
test_moves_and_modified (void)
{
  g_autoptr(MdlEditor) ed = mdl_editor_new ();
  g_autofree char *dir = g_dir_make_tmp ("medley-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "b.dts", NULL);
  g_autoptr(GError) error = NULL;
  const MdlComponent *c;
  guint cpu;

  mdl_editor_new_board (ed);
  cpu = mdl_editor_add_cluster (ed, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  g_assert_true (mdl_editor_save (ed, path, &error));
  g_assert_no_error (error);
  g_assert_false (mdl_editor_get_modified (ed));
  g_assert_cmpstr (mdl_editor_get_path (ed), ==, path);

  /* A drag through many positions is one undo step. */
  mdl_editor_begin_move (ed);
  for (int i = 1; i <= 10; i++)
    mdl_editor_move (ed, cpu, i * 10, i * 5);
  mdl_editor_end_move (ed);
  g_assert_true (mdl_editor_get_modified (ed));
  c = mdl_board_doc_find (mdl_editor_get_doc (ed), cpu);
  g_assert_cmpfloat (c->x, ==, 100);
  mdl_editor_undo (ed);
  c = mdl_board_doc_find (mdl_editor_get_doc (ed), cpu);
  g_assert_cmpfloat (c->x, ==, 0);
  /* Back where it was saved: not modified, and still the saved path. */
  g_assert_false (mdl_editor_get_modified (ed));
  g_assert_cmpstr (mdl_editor_get_path (ed), ==, path);

  /* A click without movement leaves nothing to undo. */
  mdl_editor_redo (ed);
  mdl_editor_undo (ed);
  g_assert_true (mdl_editor_can_redo (ed));
  mdl_editor_begin_move (ed);
  mdl_editor_end_move (ed);
  g_assert_true (mdl_editor_can_redo (ed));

  /* Modified after undo + a different edit, even at the same depth. */
  g_assert_true (mdl_editor_set_prop (ed, cpu, "harts", "2", &error));
  g_assert_true (mdl_editor_get_modified (ed));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_selection_and_load (void)
{
  g_autoptr(MdlEditor) ed = mdl_editor_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *board = g_build_filename (MDL_SOURCE_ROOT, "boards", "riscv32-virt.dts", NULL);
  Counts counts = { 0 };
  guint ids[2];
  const MdlComponent *uart;

  g_signal_connect (ed, "selection-changed", G_CALLBACK (on_selection), &counts);
  g_assert_true (mdl_editor_load (ed, board, &error));
  g_assert_no_error (error);
  uart = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "uart");
  g_assert_nonnull (uart);
  ids[0] = uart->id;
  ids[1] = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "clint")->id;
  mdl_editor_set_selection (ed, ids, 2);
  g_assert_cmpuint (mdl_editor_get_selection (ed)->len, ==, 2);

  /* Deleting the selection is one step and takes the wires along. */
  mdl_editor_delete_selection (ed);
  g_assert_null (mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "uart"));
  g_assert_cmpuint (mdl_editor_get_selection (ed)->len, ==, 0);
  mdl_editor_undo (ed);
  g_assert_nonnull (mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "uart"));
  g_assert_nonnull (mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "clint"));

  /* A broken file leaves the open board as it was. */
  g_assert_false (mdl_editor_load (ed, "/nonexistent/board.dts", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_IO);
  g_assert_nonnull (mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "uart"));
  g_assert_true (mdl_editor_can_redo (ed));   /* its history too */
  g_assert_cmpuint (counts.selection, >=, 2);
}

int
main (int argc, char **argv)
{
  static const char *dirs[] = { MDL_BUILD_ROOT "/boards", NULL };

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  mdl_editor_set_search_dirs (dirs);
  g_test_add_func ("/ui/editor/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/editor/moves-and-modified", test_moves_and_modified);
  g_test_add_func ("/ui/editor/selection-and-load", test_selection_and_load);
  return g_test_run ();
}
