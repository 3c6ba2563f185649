/* GUI tests of guest trouble in the real window under Xvfb: an exception
 * storm pauses the machine and the status names CPU, instruction, address
 * and cause; a console flood is throttled with a visible notice. */
#define G_LOG_DOMAIN "test-guard"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-inspector-private.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

/* A window on a copy of the virt board running @elf. */
static MdlWindow *
open_with_firmware (const char *dir, const char *elf)
{
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data) &&
        g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0) {
      MdlEditor *ed = mdl_window_get_editor (l->data);
      const MdlComponent *cpu = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "cpu0");

      ui_test_spin (50);
      g_assert_true (mdl_editor_set_prop (ed, cpu->id, "firmware", elf, &error));
      g_assert_no_error (error);
      return l->data;
    }
  g_assert_not_reached ();
}

static gboolean
status_has (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  const char *text = mdl_window_get_status_text (window);

  return text != NULL && strstr (text, ((gpointer *) data)[1]) != NULL;
}

static gboolean
console_has (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  MdlConsole *console = mdl_window_get_n_consoles (window) > 0
                        ? mdl_window_get_console (window, 0) : NULL;
  g_autofree char *text = console ? mdl_console_get_text (console) : NULL;

  return text != NULL && strstr (text, ((gpointer *) data)[1]) != NULL;
}

static void
test_exception_storm (void)
{
#ifdef UI_FAULT_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_with_firmware (dir, UI_FAULT_ELF);
  gpointer storm[] = { window, (gpointer) "load access fault" };
  MdlRunnerState state;
  const char *text;

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (status_has, storm, 10000));
  text = mdl_window_get_status_text (window);
  g_test_message ("status: %s", text);
  g_assert_true (mdl_window_get_runner_state (window, &state));
  g_assert_cmpint (state, ==, MDL_RUNNER_PAUSED);
  g_assert_nonnull (strstr (text, "cpu0"));
  g_assert_nonnull (strstr (text, "lw"));
  g_assert_nonnull (strstr (text, "address 0x40000000"));
  ui_test_screenshot (GTK_WIDGET (window), "ui-guard-storm.png");
  ui_test_close_all_windows (GTK_APPLICATION (app));
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

/* Stop on chosen causes, from the cluster's list in the inspector: the
 * first load fault pauses the machine (no storm needed); with only
 * another cause chosen, the storm guard is what stops it. */
static void
test_stop_on_cause (void)
{
#ifdef UI_FAULT_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_with_firmware (dir, UI_FAULT_ELF);
  MdlEditor *ed = mdl_window_get_editor (window);
  guint cpu = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "cpu0")->id;
  MdlInspector *inspector;
  GtkWidget *load, *illegal;
  gpointer stopped[] = { window, (gpointer) "load access fault" };
  g_autoptr(GVariant) state = NULL;
  MdlRunnerState run_state;
  const char *text;

  mdl_editor_set_selection (ed, &cpu, 1);
  ui_test_spin (50);
  inspector = MDL_INSPECTOR (gtk_widget_get_first_child (GTK_WIDGET (window->inspector_slot)));
  load = _mdl_inspector_get_stop_check (inspector, "load access fault");
  illegal = _mdl_inspector_get_stop_check (inspector, "illegal instruction");
  g_assert_nonnull (load);
  g_assert_nonnull (illegal);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (load), TRUE);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "stop-causes");
  g_assert_cmpuint (g_variant_n_children (state), ==, 1);
  g_assert_cmpstr (_mdl_inspector_get_page (inspector), ==, "form");
  ui_test_spin (600);   /* the inspector's page transition */
  {
    GtkWidget *popover = gtk_widget_get_ancestor (load, GTK_TYPE_POPOVER);
    GtkWidget *row = gtk_widget_get_ancestor (gtk_widget_get_parent (popover),
                                              ADW_TYPE_ACTION_ROW);

    /* The row is at the bottom of the form: scroll it into view. */
    g_assert_nonnull (row);
    gtk_widget_grab_focus (row);
    ui_test_spin (300);
  }
  ui_test_screenshot (GTK_WIDGET (window), "ui-guard-stop-causes.png");

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (status_has, stopped, 10000));
  text = mdl_window_get_status_text (window);
  g_test_message ("status: %s", text);
  g_assert_true (mdl_window_get_runner_state (window, &run_state));
  g_assert_cmpint (run_state, ==, MDL_RUNNER_PAUSED);
  g_assert_nonnull (strstr (text, "address 0x40000000"));
  g_assert_null (strstr (text, "times in a row"));
  ui_test_close_all_windows (GTK_APPLICATION (app));

  /* The choice is the window's: a new window starts with none. */
  window = open_with_firmware (dir, UI_FAULT_ELF);
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "stop-causes");
  g_assert_cmpuint (g_variant_n_children (state), ==, 0);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "stop-causes",
                                      g_variant_new_strv ((const char *const[]) {
                                        "illegal instruction" }, 1));
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (status_has, (gpointer[]) { window, "times in a row" },
                                     10000));
  ui_test_close_all_windows (GTK_APPLICATION (app));
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

static void
test_flood_notice (void)
{
#ifdef UI_CHATTY_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_with_firmware (dir, UI_CHATTY_ELF);
  gpointer notice[] = { window, (gpointer) "output flood" };

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (console_has, notice, 60000));
  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  ui_test_spin (100);
  ui_test_screenshot (GTK_WIDGET (window), "ui-guard-flood.png");
  ui_test_close_all_windows (GTK_APPLICATION (app));
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_isolate_home (home);
  /* A flood is more than this many bytes a second of wall time: 4 KiB,
   * which the chatty guest prints even on a machine loaded many times
   * over (at the default 64 KiB it sometimes did not: no flood, no
   * notice). */
  g_setenv ("MEDLEY_CONSOLE_FLOOD_BYTES", "4096", TRUE);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/guard/exception-storm", test_exception_storm);
  g_test_add_func ("/ui/guard/flood-notice", test_flood_notice);
  g_test_add_func ("/ui/guard/stop-on-cause", test_stop_on_cause);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
