/* GUI test of pacing (engine/runner.h mdl_runner_set_speed) in the real
 * window under Xvfb: the GPIO demo, a board with a 7-segment digit, opens
 * at real time, its virtual time does not run ahead of the wall clock,
 * the status says how fast it goes, and the speed control changes it. */
#define G_LOG_DOMAIN "test-speed"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-speed-control.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static MdlWindow *
open_board (const char *name)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data) &&
        g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0) {
      g_assert_true (ui_test_spin_until (window_mapped, l->data, 5000));
      return l->data;
    }
  g_assert_not_reached ();
}

static uint64_t
virtual_time (MdlWindow *window)
{
  g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (window->runner);

  return snap->virtual_time_ps;
}

static gboolean
past (gpointer data)
{
  const uint64_t *want = ((gpointer *) data)[1];

  return virtual_time (((gpointer *) data)[0]) >= *want;
}

static gboolean
speed_shown (gpointer data)
{
  const char *text = mdl_window_get_status_text (data);

  /* "Running, 1.00× real time", in whatever language. */
  return text != NULL && strstr (text, "×") != NULL;
}

static void
test_real_time (void)
{
  MdlWindow *window = open_board ("gpio-demo.dts");
  MdlRunnerState state;
  uint64_t vt0, vt1, want;
  gint64 w0, w1;
  gpointer args[2];
  g_autofree char *shown = NULL;

  g_assert_nonnull (window->speed_control);
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (mdl_window_get_runner_state (window, &state));
  /* A board with a digit to watch runs in real time by default. */
  g_assert_cmpfloat (mdl_speed_control_get_speed (window->speed_control), ==, 1);
  g_assert_cmpfloat (mdl_runner_speed (window->runner), ==, 1);

  w0 = g_get_monotonic_time ();
  vt0 = virtual_time (window);
  /* Two digit steps: 1 s of virtual time. */
  want = vt0 + MDL_PS_PER_S;
  args[0] = window;
  args[1] = &want;
  g_assert_true (ui_test_spin_until (past, args, 20000));
  w1 = g_get_monotonic_time ();
  vt1 = virtual_time (window);
  /* Pacing may make the guest slower than the wall clock, never faster.
   * The snapshot read first may be up to a publication (250 ms) old. */
  g_assert_cmpfloat ((double) (vt1 - vt0) / MDL_PS_PER_US, <=,
                     (double) (w1 - w0) * 1.05 + 300000.0);
  g_assert_true (ui_test_spin_until (speed_shown, window, 5000));
  shown = g_strdup (mdl_window_get_status_text (window));
  g_test_message ("status: %s", shown);
  ui_test_screenshot (GTK_WIDGET (window), "ui-speed-real-time.png");

  /* As fast as possible: the runner follows the control. */
  mdl_speed_control_set_speed (window->speed_control, 0);
  g_assert_cmpfloat (mdl_runner_speed (window->runner), ==, 0);
  mdl_speed_control_set_speed (window->speed_control, 0.5);
  g_assert_cmpfloat (mdl_runner_speed (window->runner), ==, 0.5);

  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  ui_test_spin (100);
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "gpio-demo.dts", NULL);
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

  g_test_add_func ("/ui/speed/real-time", test_real_time);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
