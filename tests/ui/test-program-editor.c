/* GUI test of the program window (ui/mdl-program-window.h) in the real
 * application under Xvfb: a RISC-V assembly program and a C program
 * written in the editor, built with the cross compiler, run, and their
 * console output seen; a build error marked on its line and listed; a
 * missing compiler named with its package; the board naming the program
 * and opening it again. */
#define G_LOG_DOMAIN "test-program-editor"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-console.h"
#include "ui/mdl-editor.h"
#include "ui/mdl-program-editor.h"
#include "ui/mdl-program-window.h"
#include "ui/mdl-window.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

static void
build_and_wait (MdlProgramWindow *pw, gboolean run)
{
  g_assert_true (ui_test_program_build (pw, run));
}

typedef struct {
  MdlWindow  *window;
  const char *text;
} ConsoleWait;

static gboolean
console_has (gpointer data)
{
  ConsoleWait *w = data;
  MdlConsole *console = mdl_window_get_n_consoles (w->window) > 0
                          ? mdl_window_get_console (w->window, 0) : NULL;
  g_autofree char *text = console ? mdl_console_get_text (console) : NULL;

  return text != NULL && strstr (text, w->text) != NULL;
}

/* Replaces the first @old in the editor's text with @new. */
static void
edit (MdlProgramEditor *ed, const char *old, const char *new)
{
  GtkTextBuffer *buffer = mdl_program_editor_get_buffer (ed);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, old, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_delete (buffer, &match_start, &match_end);
  gtk_text_buffer_insert (buffer, &match_start, new, -1);
}

/* The line (1-based) holding @needle. */
static guint
line_of (MdlProgramEditor *ed, const char *needle)
{
  g_autofree char *text = mdl_program_editor_get_text (ed);
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

static void
test_write_build_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-program-XXXXXX", NULL);
  g_autofree char *board = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autoptr(GFile) file = g_file_new_for_path (board);
  g_autofree char *asm_path = g_build_filename (dir, "cpu0.S", NULL);
  g_autofree char *c_path = g_build_filename (dir, "cpu0.c", NULL);
  g_autofree char *old_path = NULL;
  MdlWindow *window = mdl_window_new (app);
  MdlEditor *ed = mdl_window_get_editor (window);
  g_autoptr(GError) error = NULL;
  MdlProgramWindow *pw;
  MdlProgramEditor *source;
  const MdlComponent *c;
  guint cpu, bad_line;
  ConsoleWait cw = { window, NULL };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_spin_until (ui_test_widget_mapped, window, 5000));
  g_assert_true (mdl_window_load (window, file, &error));
  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "cpu0");
  cpu = c->id;

  /* The inspector's Program button (win.edit-program) opens the
   * cluster's program window; no program yet: it offers the templates. */
  mdl_editor_set_selection (ed, &cpu, 1);
  ui_test_spin (800);
  ui_test_screenshot (GTK_WIDGET (window), "program-inspector.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-program", "u", cpu);
  pw = mdl_program_window_find (window, cpu);
  g_assert_nonnull (pw);
  g_assert_true (ui_test_spin_until (ui_test_widget_mapped, pw, 5000));
  source = mdl_program_window_get_editor (pw);
  g_assert_null (mdl_program_editor_get_path (source));
  ui_test_screenshot (GTK_WIDGET (pw), "program-empty.png");

  /* Assembly: the template, with a greeting of our own. */
  gtk_widget_activate_action (GTK_WIDGET (pw), "program.new-asm", NULL);
  g_assert_cmpstr (mdl_program_editor_get_path (source), ==, asm_path);
  g_assert_cmpstr (mdl_program_editor_get_language (source), ==, "medley-riscv-asm");
  g_assert_cmpstr (mdl_component_str (mdl_board_doc_find (mdl_editor_get_doc (ed), cpu), "program"),
                   ==, "cpu0.S");
  edit (source, "Hello from RISC-V assembly!", "Typed in the program editor!");
  g_assert_true (mdl_program_editor_get_modified (source));
  ui_test_spin (100);

  /* Without the compiler on PATH: one message naming the package. */
  old_path = g_strdup (g_getenv ("PATH"));
  g_setenv ("PATH", dir, TRUE);
  build_and_wait (pw, FALSE);
  g_setenv ("PATH", old_path, TRUE);
  g_assert_false (mdl_program_window_get_last_ok (pw));
  g_assert_nonnull (strstr (mdl_program_window_get_message (pw), "gcc-riscv64-unknown-elf"));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  /* ...and what was typed is saved, not lost. */
  {
    g_autofree char *saved = NULL;
    g_assert_true (g_file_get_contents (asm_path, &saved, NULL, NULL));
    g_assert_nonnull (strstr (saved, "Typed in the program editor!"));
  }

  build_and_wait (pw, FALSE);
  g_assert_true (mdl_program_window_get_last_ok (pw));
  g_assert_cmpuint (mdl_program_window_get_n_problems (pw), ==, 0);
  g_assert_cmpstr (mdl_component_str (mdl_board_doc_find (mdl_editor_get_doc (ed), cpu), "firmware"),
                   ==, "cpu0.elf");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  cw.text = "Typed in the program editor!";
  g_assert_true (ui_test_spin_until (console_has, &cw, 60000));
  cw.text = "The sum of 1..10 is 55";
  g_assert_true (ui_test_spin_until (console_has, &cw, 60000));

  /* A mistake: marked on its line, with the message, and listed. */
  edit (source, "\tli\tt2, 10\n", "\tli\tt2, 10\n\tlii\tt3, 1\n");
  bad_line = line_of (source, "lii");
  mdl_program_editor_set_breakpoint (source, bad_line - 3, TRUE);
  build_and_wait (pw, FALSE);
  g_assert_false (mdl_program_window_get_last_ok (pw));
  g_assert_cmpuint (mdl_program_window_get_n_problems (pw), >=, 1);
  g_assert_nonnull (mdl_program_editor_get_diagnostic (source, bad_line));
  g_test_message ("line %u: %s", bad_line, mdl_program_editor_get_diagnostic (source, bad_line));
  g_assert_nonnull (strstr (mdl_program_editor_get_diagnostic (source, bad_line), "lii"));
  g_assert_null (mdl_program_editor_get_diagnostic (source, bad_line - 1));
  /* Marks other parts set: a breakpoint, the current line. */
  g_assert_true (mdl_program_editor_has_breakpoint (source, bad_line - 3));
  mdl_program_editor_set_current_line (source, bad_line - 2);
  g_assert_cmpuint (mdl_program_editor_get_current_line (source), ==, bad_line - 2);
  {
    g_autoptr(GArray) bps = mdl_program_editor_get_breakpoints (source);
    g_assert_cmpuint (bps->len, ==, 1);
    g_assert_cmpuint (g_array_index (bps, guint, 0), ==, bad_line - 3);
  }
  gtk_window_set_default_size (GTK_WINDOW (pw), 820, 700);
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (pw), "program-asm-error.png");
  mdl_program_editor_set_current_line (source, 0);

  /* C: a new program from the template, built and run in one go. */
  gtk_widget_activate_action (GTK_WIDGET (pw), "program.new-c", NULL);
  g_assert_cmpstr (mdl_program_editor_get_path (source), ==, c_path);
  g_assert_cmpstr (mdl_program_editor_get_language (source), ==, "c");
  g_assert_null (mdl_program_editor_get_diagnostic (source, bad_line));
  edit (source, "Hello from C on RISC-V!", "C typed in the editor, %d + %d = %d");
  edit (source, "\\n\");", "\\n\", 2, 3, 2 + 3);");
  build_and_wait (pw, TRUE);
  g_assert_true (mdl_program_window_get_last_ok (pw));
  cw.text = "C typed in the editor, 2 + 3 = 5";
  g_assert_true (ui_test_spin_until (console_has, &cw, 60000));
  cw.text = "fib(9) = 34";
  g_assert_true (ui_test_spin_until (console_has, &cw, 60000));
  ui_test_screenshot (GTK_WIDGET (pw), "program-c.png");
  ui_test_screenshot (GTK_WIDGET (window), "program-window-board.png");

  /* The board names the program: saved and opened again, it opens it. */
  g_assert_true (mdl_editor_save (ed, board, &error));
  g_assert_no_error (error);
  g_assert_true (mdl_window_load (window, file, &error));
  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), "cpu0");
  g_assert_cmpstr (mdl_component_str (c, "program"), ==, "cpu0.c");
  pw = mdl_program_window_find (window, c->id);
  g_assert_nonnull (pw);
  source = mdl_program_window_get_editor (pw);
  g_assert_cmpstr (mdl_program_editor_get_path (source), ==, c_path);
  {
    g_autofree char *text = mdl_program_editor_get_text (source);
    g_assert_nonnull (strstr (text, "C typed in the editor"));
  }

  mdl_program_window_close_all (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (100);
  for (const char *name = NULL, *names[] = { "cpu0.S", "cpu0.c", "cpu0.elf", "riscv32-virt.dts",
                                             NULL }, **n = names; (name = *n) != NULL; n++) {
    g_autofree char *p = g_build_filename (dir, name, NULL);
    g_unlink (p);
  }
  g_rmdir (dir);
}

/* The Arm language highlights the Thumb and A64 templates: every
 * mnemonic, directive and register gets a style (a bad rule would make
 * GtkSourceView warn, which fails the test). */
static void
test_arm_language (void)
{
  MdlProgramEditor *ed = g_object_ref_sink (mdl_program_editor_new ());
  GtkWidget *window = gtk_window_new ();
  const char *names[] = { "thumb.S", "a64.S" };

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (ed));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 900);
  gtk_window_present (GTK_WINDOW (window));
  mdl_program_editor_set_asm_language (ed, "medley-arm-asm");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "data", "programs", names[i], NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (mdl_program_editor_load (ed, path, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (mdl_program_editor_get_language (ed), ==, "medley-arm-asm");
    g_assert_false (mdl_program_editor_get_modified (ed));
    ui_test_spin (300);
    if (i == 0)
      ui_test_screenshot (window, "program-thumb.png");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (ed);
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
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/program-editor/write-build-run", test_write_build_run);
  g_test_add_func ("/ui/program-editor/arm-language", test_arm_language);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
