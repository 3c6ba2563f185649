/* GUI tests: the real MdlApplication and MdlWindow, driven through the
 * window's actions the way the header bar, palette and shortcuts drive
 * them, under Xvfb (see run-xvfb.sh). */
#define G_LOG_DOMAIN "test-window"

#include "ui-test.h"
#include <adwaita.h>
#include <string.h>
#include <vte/vte.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-window.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

/* ---- helpers ---- */





/* The window showing @path, as `medley PATH` or the file manager opens it. */
static MdlWindow *
open_board (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data) &&
        g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0) {
      ui_test_spin (50);
      return l->data;
    }
  g_assert_not_reached ();
}

static void
close_all_windows (void)
{
  GList *windows;

  /* Destroyed, not closed: a test leaves edits behind on purpose. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    gtk_window_destroy (l->data);
  ui_test_spin (20);
}

static void
activate (MdlWindow *window, const char *action, GVariant *param)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, param);
}

static gboolean
enabled (MdlWindow *window, const char *action)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), action);
}

static char *
doc_text (MdlEditor *editor)
{
  return mdl_board_doc_to_dts (mdl_editor_get_doc (editor));
}

static guint
n_components (MdlEditor *editor)
{
  return mdl_editor_get_doc (editor)->components->len;
}

static gboolean
board_is_empty (gpointer editor)
{
  return n_components (editor) == 0;
}

static guint
selected (MdlEditor *editor)
{
  const GArray *sel = mdl_editor_get_selection (editor);

  g_assert_cmpuint (sel->len, ==, 1);
  return g_array_index (sel, guint, 0);
}

/* The message dialog shown over @window, if any. */
static AdwMessageDialog *
find_dialog (MdlWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;
  return NULL;
}

/* As a click on the dialog's button: the response, then the dialog goes
 * (adw_message_dialog_response() alone leaves it open). */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_spin (20);
}

static gboolean
has_runner_state (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  MdlRunnerState want = GPOINTER_TO_UINT (((gpointer *) data)[1]), state;

  return mdl_window_get_runner_state (window, &state) && state == want;
}

static gboolean
wait_for_state (MdlWindow *window, MdlRunnerState state, guint timeout_ms)
{
  gpointer data[] = { window, GUINT_TO_POINTER (state) };

  return ui_test_spin_until (has_runner_state, data, timeout_ms);
}


/* ---- tests ---- */

/* Open a shipped board, add a RAM and a UART the way the palette does, wire
 * them the way the canvas does, undo and redo, save, reopen, compare. */
static void
test_edit_save_reopen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autofree char *before = NULL, *wired = NULL, *saved = NULL, *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlEditor) other = NULL;
  MdlWindow *window = open_board (path);
  MdlEditor *editor = mdl_window_get_editor (window);
  guint n0 = n_components (editor), cluster, ram, uart;

  g_assert_false (mdl_editor_get_modified (editor));
  g_assert_false (enabled (window, "undo"));
  g_assert_true (enabled (window, "run"));
  before = doc_text (editor);
  cluster = ui_test_first_cluster (editor);

  activate (window, "add-component", g_variant_new_string ("device:medley,ram"));
  g_assert_cmpuint (n_components (editor), ==, n0 + 1);
  ram = selected (editor);
  g_assert_true (enabled (window, "delete"));
  activate (window, "add-component", g_variant_new_string ("device:ns16550a"));
  g_assert_cmpuint (n_components (editor), ==, n0 + 2);
  uart = selected (editor);
  g_assert_cmpuint (ram, !=, uart);
  g_assert_true (mdl_editor_get_modified (editor));

  g_assert_cmpuint (mdl_editor_map (editor, ram, cluster, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_editor_map (editor, uart, cluster, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_editor_wire_irq (editor, uart, 0, cluster, 9, 0, &error), !=, 0);
  g_assert_no_error (error);
  wired = doc_text (editor);

  /* Five steps back is the board as opened; five forward, as wired. */
  for (int i = 0; i < 5; i++)
    activate (window, "undo", NULL);
  g_assert_false (enabled (window, "undo"));
  {
    g_autofree char *undone = doc_text (editor);
    g_assert_cmpstr (undone, ==, before);
  }
  for (int i = 0; i < 5; i++)
    activate (window, "redo", NULL);
  g_assert_false (enabled (window, "redo"));
  {
    g_autofree char *redone = doc_text (editor);
    g_assert_cmpstr (redone, ==, wired);
  }

  activate (window, "save", NULL);
  g_assert_false (mdl_editor_get_modified (editor));
  g_assert_cmpstr (mdl_editor_get_path (editor), ==, path);
  saved = doc_text (editor);

  /* Reopened by another editor, and in the window itself. */
  other = mdl_editor_new ();
  g_assert_true (mdl_editor_load (other, path, &error));
  g_assert_no_error (error);
  again = doc_text (other);
  g_assert_cmpstr (again, ==, saved);
  g_assert_cmpuint (n_components (other), ==, n0 + 2);
  activate (window, "open-file", g_variant_new_string (path));
  {
    g_autofree char *reopened = doc_text (editor);
    g_assert_cmpstr (reopened, ==, saved);
  }
  g_assert_null (find_dialog (window));

  close_all_windows ();
}

static gboolean
console_has (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  const char *needle = ((gpointer *) data)[1];
  MdlConsole *console = mdl_window_get_console (window, 0);
  g_autofree char *text = console ? mdl_console_get_text (console) : NULL;

  return text != NULL && strstr (text, needle) != NULL;
}

/* Run a board with firmware: its console text shows up in the VTE tab, the
 * status says it halted; then an edit discards the machine. */
static void
test_run_console (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = open_board (path);
  gpointer wanted[] = { window, (gpointer) "Hello from Medley!" };
  MdlRunnerState state;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  g_assert_false (mdl_window_get_runner_state (window, NULL));
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, "Ready");

  activate (window, "run", NULL);
  g_assert_true (mdl_window_get_runner_state (window, NULL));
  g_assert_cmpuint (mdl_window_get_n_consoles (window), ==, 1);
  g_assert_cmpstr (mdl_console_get_title (mdl_window_get_console (window, 0)), !=, NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_HALTED, 30000));
  g_assert_true (ui_test_spin_until (console_has, wanted, 5000));
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, "Halted, Exit Code 0");
  g_assert_true (enabled (window, "run"));     /* runs again from the start */
  g_assert_false (enabled (window, "pause"));
  g_assert_true (enabled (window, "reset"));

  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (window), "ui-window.png");

  /* Reset: paused at the start, console cleared; one step runs one
   * instruction of the first CPU. */
  activate (window, "reset", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  activate (window, "step", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, "Paused");

  /* What runs is what the canvas shows: an edit ends the machine. */
  activate (window, "add-component", g_variant_new_string ("device:medley,ram"));
  g_assert_false (mdl_window_get_runner_state (window, &state));
  g_assert_false (enabled (window, "reset"));

  close_all_windows ();
}

/* A copy of the virt board running @firmware instead of its demo. */
static MdlWindow *
open_with_firmware (const char *dir, const char *firmware)
{
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autoptr(GError) error = NULL;
  MdlWindow *window = open_board (path);
  MdlEditor *editor = mdl_window_get_editor (window);

  g_assert_true (mdl_editor_set_prop (editor, ui_test_first_cluster (editor), "firmware",
                                      firmware, &error));
  g_assert_no_error (error);
  g_assert_true (enabled (window, "run"));
  return window;
}

/* What is typed into a console reaches that UART's receive side. */
static void
test_console_input (void)
{
#ifdef UI_ECHO_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_with_firmware (dir, UI_ECHO_ELF);
  gpointer ready[] = { window, (gpointer) "ready>" };
  gpointer echoed[] = { window, (gpointer) "ready>hello" };
  VteTerminal *terminal;

  activate (window, "run", NULL);
  g_assert_true (ui_test_spin_until (console_has, ready, 10000));
  terminal = VTE_TERMINAL (mdl_console_get_terminal (mdl_window_get_console (window, 0)));
  /* As if typed: VTE sends it through its "commit" signal. */
  vte_terminal_feed_child (terminal, "hello", 5);
  g_assert_true (ui_test_spin_until (console_has, echoed, 10000));
  g_assert_true (mdl_window_get_runner_state (window, NULL));
  vte_terminal_feed_child (terminal, "q", 1);
  g_assert_true (wait_for_state (window, MDL_RUNNER_HALTED, 10000));
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, "Halted, Exit Code 0");
  close_all_windows ();
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

/* A guest printing flat out neither freezes the window nor gets lost;
 * Pause, Run and Reset act on it while it runs. */
static void
test_flood_stays_responsive (void)
{
#ifdef UI_CHATTY_ELF
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  MdlWindow *window = open_with_firmware (dir, UI_CHATTY_ELF);
  gpointer chatter[] = { window, (gpointer) "chatter chatter" };
  double cpu_ms;

  activate (window, "run", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_RUNNING, 5000));
  g_assert_true (enabled (window, "pause"));
  g_assert_false (enabled (window, "run"));
  /* "Running", and the measured speed after it as soon as the runner
   * has measured one (at once, on a loaded machine). */
  g_assert_true (g_str_has_prefix (mdl_window_get_status_text (window), "Running"));

  /* A main loop blocked by the flood gets no tick; one busy with the
   * flood spends its CPU on it.  Both are judged whatever the load: the
   * ticks may take long to come, the main thread's work per tick not. */
  g_assert_true (ui_test_main_loop_serves (100, 60000, &cpu_ms));
  g_test_message ("%.1f ms of main-thread CPU per 10 ms tick while the guest floods its console",
                  cpu_ms);
  g_assert_cmpfloat (cpu_ms, <, 40.0);
  g_assert_true (ui_test_spin_until (console_has, chatter, 5000));

  activate (window, "pause", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  activate (window, "run", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_RUNNING, 5000));
  activate (window, "reset", NULL);
  g_assert_true (wait_for_state (window, MDL_RUNNER_PAUSED, 5000));
  close_all_windows ();
#else
  g_test_skip ("no RISC-V cross compiler");
#endif
}

/* A board that cannot run keeps Run disabled, and says why. */
static void
test_run_disabled_when_invalid (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autoptr(GError) error = NULL;
  MdlWindow *window = open_board (path);
  MdlEditor *editor = mdl_window_get_editor (window);
  GPtrArray *problems;

  g_assert_true (enabled (window, "run"));
  g_assert_true (mdl_editor_set_prop (editor, ui_test_first_cluster (editor), "firmware",
                                      "no-such-firmware.elf", &error));
  g_assert_no_error (error);
  problems = mdl_editor_get_problems (editor);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_false (enabled (window, "run"));
  g_assert_false (enabled (window, "step"));
  g_assert_cmpstr (mdl_window_get_status_text (window), ==, "1 Problem");

  activate (window, "undo", NULL);
  g_assert_true (enabled (window, "run"));
  close_all_windows ();
}

/* A broken file shows dtc's complaint and leaves the open board alone. */
static void
test_broken_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autofree char *broken = g_build_filename (dir, "broken.dts", NULL);
  g_autofree char *before = NULL, *after = NULL;
  MdlWindow *window = open_board (path);
  MdlEditor *editor = mdl_window_get_editor (window);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (broken, "/dts-v1/;\n/ {\n  oops\n};\n", -1, NULL));
  before = doc_text (editor);
  activate (window, "open-file", g_variant_new_string (broken));

  g_assert_cmpstr (mdl_editor_get_path (editor), ==, path);
  after = doc_text (editor);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (mdl_window_get_last_error (window));
  g_assert_nonnull (strstr (mdl_window_get_last_error (window), "broken.dts"));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.dts:"));
  ui_test_spin (200);
  ui_test_screenshot (GTK_WIDGET (dialog), "ui-error-dialog.png");

  close_all_windows ();
}

/* New, Open and closing ask about unsaved changes; Cancel keeps them,
 * Discard drops them. */
static void
test_unsaved_changes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autofree char *other = ui_test_copy_board ("riscv64-virt.dts", dir);
  MdlWindow *window = open_board (path);
  MdlEditor *editor = mdl_window_get_editor (window);
  guint n0 = n_components (editor);
  AdwMessageDialog *dialog;

  activate (window, "add-component", g_variant_new_string ("device:medley,ram"));
  g_assert_true (mdl_editor_get_modified (editor));

  /* Closing: Cancel keeps the window and the edit. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  g_assert_true (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window) != NULL);
  g_assert_cmpuint (n_components (editor), ==, n0 + 1);

  /* New: Discard gives an empty board. */
  activate (window, "new", NULL);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (n_components (editor), ==, n0 + 1);
  respond (dialog, "discard");
  /* Discard goes on from an idle (not inside the dialog's response),
   * which a loaded machine's redraws can hold back past respond's spin. */
  g_assert_true (ui_test_spin_until (board_is_empty, editor, 10000));
  g_assert_null (mdl_editor_get_path (editor));

  /* An unmodified board is replaced without a question. */
  activate (window, "open-file", g_variant_new_string (other));
  g_assert_cmpstr (mdl_editor_get_path (editor), ==, other);
  g_assert_null (find_dialog (window));

  /* Examples open as templates: Save asks where rather than overwrite. */
  activate (window, "open-example", g_variant_new_string (path));
  g_assert_cmpstr (mdl_editor_get_path (editor), ==, path);
  g_assert_false (mdl_editor_get_modified (editor));
  g_assert_true (enabled (window, "save"));
  close_all_windows ();
}

/* The shortcuts window the primary menu offers exists and lists Run. */
static void
test_shortcuts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = open_board (path);
  g_auto(GStrv) run = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.run");
  g_auto(GStrv) step = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                             "win.step-line");
  GtkShortcutsWindow *overlay;

  g_assert_cmpstr (run[0], ==, "F5");
  g_assert_cmpstr (step[0], ==, "F10");
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  ui_test_spin (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  ui_test_screenshot (GTK_WIDGET (overlay), "ui-shortcuts.png");
  close_all_windows ();
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);

  /* Recent files and settings go to a throw-away home.  Not
   * G_TEST_OPTION_ISOLATE_DIRS: it hides the system's GSettings schemas. */
  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  /* Not unique: the tests need no session bus, and must not hand their
   * files to a Medley the person running them has open. */
  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/window/edit-save-reopen", test_edit_save_reopen);
  g_test_add_func ("/ui/window/run-console", test_run_console);
  g_test_add_func ("/ui/window/console-input", test_console_input);
  g_test_add_func ("/ui/window/flood-stays-responsive", test_flood_stays_responsive);
  g_test_add_func ("/ui/window/run-disabled-when-invalid", test_run_disabled_when_invalid);
  g_test_add_func ("/ui/window/broken-file", test_broken_file);
  g_test_add_func ("/ui/window/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/ui/window/shortcuts", test_shortcuts);
  status = g_test_run ();
  close_all_windows ();
  g_clear_object (&app);
  return status;
}
