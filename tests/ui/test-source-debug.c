/* GUI test of debugging by source line: tests/programs/debug-lines.c
 * (built with -g -O0) on the RV32 virt board in the window.  A breakpoint
 * set on a source line of the code view stops the run there; Step Into
 * (F11) enters the call; the Stack page names the 3-deep call; choosing a
 * caller's frame shows its variables; Step Line (F10) moves to the next
 * line and the local it computed shows its value; Step Out (Shift+F11)
 * returns to the caller.  Screenshots: source-breakpoint.png,
 * source-stack.png, source-code.png. */
#define G_LOG_DOMAIN "test-source-debug"

#include "ui-test.h"
#include <adwaita.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-disassembly-view.h"
#include "ui/mdl-frames-view.h"
#include "ui/mdl-window.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

static unsigned
marker (const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *tag = g_strdup_printf ("L:%s ", name);
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (DEBUG_SOURCE, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (unsigned i = 0; lines[i]; i++)
    if (strstr (lines[i], tag))
      return i + 1;
  g_error ("no marker %s", name);
}

static void
activate (MdlWindow *window, const char *action)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
}

static gboolean
has_source_lines (gpointer data)
{
  return mdl_disassembly_view_get_n_source_lines (data) > 0;
}

/* A breakpoint (confirmed by a snapshot) where middle's call line begins. */
static gboolean
breakpoint_on_line (gpointer data)
{
  return mdl_disassembly_view_source_has_breakpoint (data, marker ("middle-call"));
}

typedef struct {
  MdlFramesView *view;
  const char    *function;  /* frame 0's */
  const char    *name;      /* and this variable's value, if not NULL */
  const char    *value;
} FrameWait;

static gboolean
frame_shown (gpointer data)
{
  FrameWait *w = data;

  if (mdl_frames_view_get_n_frames (w->view) == 0 ||
      g_strcmp0 (mdl_frames_view_get_function (w->view, 0), w->function) != 0)
    return FALSE;
  return w->name == NULL || g_strcmp0 (mdl_frames_view_get_value (w->view, w->name),
                                       w->value) == 0;
}

static void
test_step_by_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-source-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  g_autoptr(GError) error = NULL;
  MdlWindow *window = ui_test_open_board (app, path);
  MdlEditor *editor = mdl_window_get_editor (window);
  MdlCpuViews *views = mdl_window_get_cpu_views (window);
  MdlDisassemblyView *code = MDL_DISASSEMBLY_VIEW (mdl_cpu_views_get_page (views, "disassembly"));
  MdlFramesView *frames = MDL_FRAMES_VIEW (mdl_cpu_views_get_page (views, "frames"));
  FrameWait w = { frames, "middle", "local", "{x = 8, y = 16}" };
  double x, y;

  g_assert_true (mdl_editor_set_prop (editor, ui_test_first_cluster (editor), "firmware", DEBUG_ELF,
                                      &error));
  g_assert_no_error (error);
  activate (window, "show-views");
  ui_test_spin (50);
  if (!gtk_widget_get_mapped (GTK_WIDGET (views)))
    activate (window, "show-views");

  /* Step makes the machine, paused. */
  activate (window, "step");
  g_assert_true (ui_test_spin_until (ui_test_is_paused, window, 10000));
  mdl_cpu_views_show_page (views, "disassembly");
  /* A click beside the source line: a real one when xdotool can deliver
   * it, else (or when the X server did not deliver it) the same call the
   * click handler makes. */
  g_assert_true (mdl_disassembly_view_go_to (code, "middle"));
  g_assert_true (ui_test_spin_until (has_source_lines, code, 10000));
  ui_test_spin (250);
  g_assert_true (mdl_disassembly_view_source_gutter_point (code, marker ("middle-call"), &x, &y));
  if (ui_test_can_drive_pointer ()) {
    ui_test_pointer_to (GTK_WIDGET (code), x, y);
    ui_test_xdo ("mousedown 1");
    ui_test_spin (50);
    ui_test_xdo ("mouseup 1");
  }
  if (!ui_test_spin_until (breakpoint_on_line, code, 1000)) {
    g_test_message ("no pointer click delivered: toggling through the view's API");
    mdl_disassembly_view_toggle_source_breakpoint (code, marker ("middle-call"));
  }
  ui_test_spin (300);
  g_assert_true (ui_test_spin_until (breakpoint_on_line, code, 5000));
  ui_test_screenshot (GTK_WIDGET (views), "source-breakpoint.png");

  activate (window, "run");
  mdl_cpu_views_show_page (views, "frames");
  g_assert_true (ui_test_spin_until (frame_shown, &w, 20000));

  /* F11: into leaf, past its prologue. */
  activate (window, "step-into");
  w.function = "leaf";
  w.name = "depth";
  w.value = "9";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 20000));
  g_assert_cmpuint (mdl_frames_view_get_n_frames (frames), >=, 4);
  g_assert_cmpstr (mdl_frames_view_get_function (frames, 1), ==, "middle");
  g_assert_cmpstr (mdl_frames_view_get_function (frames, 2), ==, "outer");
  g_assert_cmpstr (mdl_frames_view_get_function (frames, 3), ==, "main");
  g_assert_cmpstr (mdl_frames_view_get_value (frames, "square"), ==,
                   "{name = \"square\", corner = {x = 10, y = 20}, sides = 4}");

  /* Choosing a caller shows its variables. */
  mdl_frames_view_select_frame (frames, 2);
  w.name = "values";
  w.value = "{7, 8, 9}";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 5000));
  g_assert_null (mdl_frames_view_get_value (frames, "depth"));
  mdl_frames_view_select_frame (frames, 0);
  w.name = "depth";
  w.value = "9";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 5000));

  /* F10: the next line, where sum has its value. */
  activate (window, "step-line");
  w.name = "sum";
  w.value = "24";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 20000));
  ui_test_spin (250);
  ui_test_screenshot (GTK_WIDGET (views), "source-stack.png");

  mdl_cpu_views_show_page (views, "disassembly");
  mdl_disassembly_view_follow_pc (code);
  g_assert_true (ui_test_spin_until (has_source_lines, code, 10000));
  ui_test_spin (250);
  ui_test_screenshot (GTK_WIDGET (views), "source-code.png");

  /* Shift+F11 out of leaf, then F10: middle's next line, with leaf's result. */
  mdl_cpu_views_show_page (views, "frames");
  activate (window, "step-out");
  w.function = "middle";
  w.name = "value";
  w.value = "8";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 20000));
  activate (window, "step-line");
  w.name = "result";
  w.value = "33";
  g_assert_true (ui_test_spin_until (frame_shown, &w, 20000));

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  ui_test_spin (20);
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-source-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  g_test_add_func ("/ui/source-debug/step-by-line", test_step_by_line);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
