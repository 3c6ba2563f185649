/* GUI test of the cache view: a cluster given an instruction and a data
 * cache through the editor (what the inspector's fields call), the board
 * run to its end, and the view's counts and grid; a screenshot lands in
 * MEDLEY_SCREENSHOT_DIR. */
#define G_LOG_DOMAIN "test-cache"

#include "ui-test.h"
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-cache-view.h"
#include "ui/mdl-inspector-private.h"
#include "ui/mdl-window.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

typedef struct {
  MdlWindow     *window;
  MdlRunnerState state;
} StateWait;

static gboolean
has_state (gpointer data)
{
  StateWait *w = data;
  MdlRunnerState state;

  return mdl_window_get_runner_state (w->window, &state) && state == w->state;
}

/* Both sides show counts of a finished run. */
static gboolean
counts_shown (gpointer data)
{
  MdlCacheView *view = data;

  return g_str_has_suffix (mdl_cache_view_get_counts_text (view, 0), "%")
         && strstr (mdl_cache_view_get_counts_text (view, 1), "Reads: ") != NULL;
}

static void
test_counts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = ui_test_open_board (app, path);
  MdlEditor *editor = mdl_window_get_editor (window);
  MdlCpuViews *views = mdl_window_get_cpu_views (window);
  MdlCacheView *view = MDL_CACHE_VIEW (mdl_cpu_views_get_page (views, "cache"));
  g_autoptr(GError) error = NULL;
  StateWait halted = { window, MDL_RUNNER_HALTED };
  guint cluster = ui_test_first_cluster (editor);
  const char *icounts;
  guint64 hits, misses;
  char *end;

  /* What the inspector's rows do when a value is typed. */
  g_assert_true (mdl_editor_set_prop (editor, cluster, "icache-size", "256", &error));
  g_assert_true (mdl_editor_set_prop (editor, cluster, "dcache-size", "512", &error));
  g_assert_true (mdl_editor_set_prop (editor, cluster, "dcache-ways", "4", &error));
  g_assert_no_error (error);
  /* A value that makes no cache is refused and names the allowed ones. */
  g_assert_false (mdl_editor_set_prop (editor, cluster, "icache-line", "48", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "power of two"));
  g_clear_error (&error);

  mdl_cpu_views_show_page (views, "cache");
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (has_state, &halted, 20000));
  g_assert_true (ui_test_spin_until (counts_shown, view, 10000));

  /* "N hits · M misses · hit rate R %": both counted, hits the most. */
  icounts = mdl_cache_view_get_counts_text (view, 0);
  g_test_message ("instruction cache: %s", icounts);
  g_test_message ("data cache: %s", mdl_cache_view_get_counts_text (view, 1));
  hits = g_ascii_strtoull (icounts, &end, 10);
  g_assert_true (end != icounts);
  end = strstr (end, "· ");
  g_assert_nonnull (end);
  misses = g_ascii_strtoull (end + strlen ("· "), NULL, 10);
  g_assert_cmpuint (hits, >, 0);
  g_assert_cmpuint (misses, >, 0);
  g_assert_cmpuint (hits, >, misses);

  ui_test_spin (250);
  ui_test_screenshot (GTK_WIDGET (views), "cache-view.png");
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

/* The inspector's Cache Model rows: a size typed takes, a line size that
 * makes no cache is refused with the reason under its row. */
static void
test_inspector (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlEditor) editor = mdl_editor_new ();
  MdlInspector *inspector = mdl_inspector_new (editor);
  GtkWidget *win = gtk_window_new (), *size, *line;
  guint cluster;
  const char *message;

  g_assert_true (mdl_editor_load (editor, path, &error));
  g_assert_no_error (error);
  cluster = ui_test_first_cluster (editor);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (inspector));
  gtk_window_set_default_size (GTK_WINDOW (win), 420, 1600);
  gtk_window_present (GTK_WINDOW (win));
  mdl_editor_set_selection (editor, &cluster, 1);
  ui_test_spin (100);

  size = _mdl_inspector_get_field (inspector, "icache-size");
  line = _mdl_inspector_get_field (inspector, "icache-line");
  g_assert_true (ADW_IS_ENTRY_ROW (size));
  gtk_editable_set_text (GTK_EDITABLE (size), "2 KiB");
  _mdl_inspector_flush (inspector);
  ui_test_spin (50);
  g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (editor), cluster),
                                       "icache-size"), ==, 2048);
  gtk_editable_set_text (GTK_EDITABLE (line), "48");
  _mdl_inspector_flush (inspector);
  ui_test_spin (50);
  message = _mdl_inspector_get_message (inspector, "icache-line");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "power of two"));
  g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (editor), cluster),
                                       "icache-line"), ==, 32);
  /* The policies are chosen from their words. */
  {
    GtkWidget *repl = _mdl_inspector_get_field (inspector, "dcache-replacement");

    g_assert_true (ADW_IS_COMBO_ROW (repl));
    g_assert_true (ADW_IS_COMBO_ROW (_mdl_inspector_get_field (inspector, "dcache-write")));
    adw_combo_row_set_selected (ADW_COMBO_ROW (repl), 1);
    ui_test_spin (50);
    g_assert_cmpstr (mdl_component_str (mdl_board_doc_find (mdl_editor_get_doc (editor), cluster),
                                        "dcache-replacement"), ==, "fifo");
  }
  size = _mdl_inspector_get_field (inspector, "icache-size");
  ui_test_spin (250);
  ui_test_screenshot (gtk_widget_get_ancestor (size, ADW_TYPE_PREFERENCES_GROUP),
                      "cache-inspector.png");
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Without a model the page says how to get one. */
static void
test_placeholder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = ui_test_open_board (app, path);
  MdlCpuViews *views = mdl_window_get_cpu_views (window);
  MdlCacheView *view = MDL_CACHE_VIEW (mdl_cpu_views_get_page (views, "cache"));
  StateWait paused = { window, MDL_RUNNER_PAUSED };

  g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
  g_assert_true (ui_test_spin_until (has_state, &paused, 5000));
  mdl_cpu_views_show_page (views, "cache");
  ui_test_spin (300);
  g_assert_cmpstr (mdl_cache_view_get_counts_text (view, 0), ==, "");
  ui_test_screenshot (GTK_WIDGET (views), "cache-view-none.png");
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-cache-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/cache/placeholder", test_placeholder);
  g_test_add_func ("/ui/cache/counts", test_counts);
  g_test_add_func ("/ui/cache/inspector", test_inspector);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
