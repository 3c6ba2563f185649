/* GUI tests of the "Machine stopped: the board changed" toast: an edit of
 * a running board shows it, and the next machine takes it away, since
 * that machine does run what the canvas shows.  Also when the next
 * machine starts while the toast still slides in: libadwaita 1.2 frees a
 * toast's bookkeeping when its hide animation ends, and a toast dismissed
 * that early ends hiding before it ends showing, so the end of the show
 * animation wrote to freed memory (a crash under meson's MALLOC_PERTURB_).
 * The toast is found in the widget tree, as a person sees it. */
#define G_LOG_DOMAIN "test-stale-toast"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

static gboolean
has_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* A widget of the toast over the window's content (while it shows, or
 * hides when @shown is FALSE), or NULL.  A hiding toast takes no input. */
static GtkWidget *
stale_toast_widget (MdlWindow *window, gboolean shown)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_css_name (c), "toast") == 0
        && has_label (c, _("Machine stopped: the board changed"))
        && (!shown || (gtk_widget_get_mapped (c) && gtk_widget_get_can_target (c))))
      return c;
  return NULL;
}

static gboolean
toast_shown (gpointer window)
{
  return stale_toast_widget (window, TRUE) != NULL;
}

static gboolean
toast_not_shown (gpointer window)
{
  return stale_toast_widget (window, TRUE) == NULL;
}

/* Shown and at rest: its slide in has ended, so that it stays where it
 * was a frame ago (@data: the window, then the last frame counter and
 * position seen, zero at first). */
typedef struct {
  MdlWindow *window;
  gint64     frame;
  double     y;
} Settle;

static gboolean
toast_settled (gpointer data)
{
  Settle *s = data;
  GtkWidget *toast = stale_toast_widget (s->window, TRUE);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (s->window));
  gint64 frame = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;
  graphene_rect_t r;

  if (toast == NULL || gtk_widget_get_height (toast) <= 0
      || !gtk_widget_compute_bounds (toast, GTK_WIDGET (s->window->toast_overlay), &r))
    return FALSE;
  if (frame == s->frame)
    return FALSE;
  if (s->frame != 0 && r.origin.y == s->y)
    return TRUE;
  s->frame = frame;
  s->y = r.origin.y;
  return FALSE;
}

/* Gone: not even hiding any more. */
static gboolean
toast_gone (gpointer window)
{
  return stale_toast_widget (window, FALSE) == NULL;
}

/* No toast of any kind left over the content: every show and hide
 * animation has ended. */
static gboolean
no_toasts (gpointer data)
{
  GtkWidget *overlay = GTK_WIDGET (((MdlWindow *) data)->toast_overlay);

  return gtk_widget_get_next_sibling (gtk_widget_get_first_child (overlay)) == NULL;
}

static gboolean
has_runner (gpointer window)
{
  return mdl_window_get_runner_state (window, NULL);
}

static gboolean
window_finalized (gpointer data)
{
  return *(MdlWindow **) data == NULL;
}

static MdlWindow *
open_copy (char **dir)
{
  g_autofree char *path = NULL;
  MdlWindow *window;

  *dir = g_dir_make_tmp ("medley-toast-XXXXXX", NULL);
  path = ui_test_copy_board ("riscv32-virt.dts", *dir);
  window = ui_test_open_board_unsized (app, path);
#ifdef UI_ECHO_ELF
  {
    /* A guest that keeps running (it waits for input) rather than the
     * board's demo, which soon halts. */
    MdlEditor *editor = mdl_window_get_editor (window);
    g_autoptr(GError) error = NULL;

    g_assert_true (mdl_editor_set_prop (editor, ui_test_first_cluster (editor), "firmware",
                                        UI_ECHO_ELF, &error));
    g_assert_no_error (error);
  }
#endif
  g_assert_true (ui_test_resize_window (window, 1280, 820, 10000));
  return window;
}

/* Moves the board's first cluster: an edit that ends the machine. */
static void
edit (MdlWindow *window, guint n)
{
  MdlEditor *editor = mdl_window_get_editor (window);

  mdl_editor_move (editor, ui_test_first_cluster (editor), 40 + 8 * (n % 16), 320);
}

static void
start (MdlWindow *window, const char *how)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), how));
  g_action_group_activate_action (G_ACTION_GROUP (window), how, NULL);
  g_assert_true (has_runner (window));
}

/* Edit while it runs: the toast says so; run again: the toast goes. */
static void
test_next_machine (void)
{
  g_autofree char *dir = NULL;
  MdlWindow *window = open_copy (&dir);
  GtkWidget *toast;

  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  start (window, "run");
#ifdef UI_ECHO_ELF
  g_assert_true (ui_test_spin_until (ui_test_is_running, window, 10000));
#endif
  g_assert_true (toast_gone (window));

  edit (window, 0);
  g_assert_false (has_runner (window));
  g_assert_true (ui_test_spin_until (toast_settled, &(Settle) { window, 0, 0 }, 10000));
  toast = stale_toast_widget (window, TRUE);
  /* The pointer on the toast holds its timeout (libadwaita's toasts wait
   * while hovered): from here only the next machine can take it away. */
  if (ui_test_can_drive_pointer ())
    ui_test_pointer_to (toast, gtk_widget_get_width (toast) / 2.0,
                        gtk_widget_get_height (toast) / 2.0);
  else
    g_test_message ("xdotool not found: the toast's own timeout is not held");
  ui_test_screenshot (GTK_WIDGET (window), "ui-stale-toast-shown.png");
  g_assert_true (toast_shown (window));

  /* A second edit while the toast shows keeps the one toast. */
  edit (window, 1);
  ui_test_spin (50);
  g_assert_true (toast_shown (window));

  start (window, "run");
  g_assert_true (ui_test_spin_until (toast_gone, window, 10000));
  g_assert_true (has_runner (window));
  ui_test_spin (100);
  ui_test_screenshot (GTK_WIDGET (window), "ui-stale-toast-gone.png");

  /* The next edit of the running board says so again. */
  edit (window, 2);
  g_assert_true (ui_test_spin_until (toast_shown, window, 10000));
  start (window, "step");
  g_assert_true (ui_test_spin_until (toast_gone, window, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

/* The next machine starts while the toast slides in: in the same frame
 * as the edit, and while the previous toast still hides (the slide in
 * then takes longer).  Every animation must end without a crash. */
static void
test_start_while_sliding_in (void)
{
  g_autofree char *dir = NULL;
  MdlWindow *window = open_copy (&dir);

  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "step")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  start (window, "step");
  for (guint i = 0; i < 4; i++) {
    edit (window, i);
    g_assert_true (toast_shown (window));
    start (window, i % 2 ? "step" : "run");
    /* Gone, or on its way: never left standing over a machine that runs
     * what the canvas shows. */
    g_assert_true (ui_test_spin_until (toast_gone, window, 10000));
    g_assert_true (has_runner (window));

    /* A toast that has come to rest goes as the next machine starts... */
    edit (window, i + 100);
    g_assert_true (ui_test_spin_until (toast_settled, &(Settle) { window, 0, 0 }, 10000));
    start (window, "step");
    g_assert_true (ui_test_spin_until (toast_not_shown, window, 10000));
    /* ...and while it hides, the next edit brings a new one, which
     * slides in for longer; the machine after that starts at once. */
    edit (window, i + 200);
    g_assert_true (toast_shown (window));
    start (window, "run");
    g_assert_true (ui_test_spin_until (toast_gone, window, 10000));
  }
  g_assert_true (ui_test_spin_until (no_toasts, window, 10000));
  g_assert_true (has_runner (window));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

/* A window closed while its toast slides in and its dismissal waits. */
static void
test_close_while_sliding_in (void)
{
  g_autofree char *dir = NULL;
  MdlWindow *window = open_copy (&dir);

  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "step")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  start (window, "step");
  edit (window, 0);
  start (window, "step");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ui_test_spin_until (window_finalized, &window, 10000));
  ui_test_spin (20);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  const char *lang = NULL;
  int status;

  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  app = ui_test_app_new (&argc, &argv, home, &lang);

  g_test_add_func ("/ui/stale-toast/next-machine", test_next_machine);
  g_test_add_func ("/ui/stale-toast/start-while-sliding-in", test_start_while_sliding_in);
  g_test_add_func ("/ui/stale-toast/close-while-sliding-in", test_close_while_sliding_in);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
