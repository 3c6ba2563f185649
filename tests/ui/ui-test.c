#include "ui-test.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-program-window.h"
#include "ui/mdl-window.h"
#include "ui/mdl-window-private.h"

gboolean
ui_test_spin_until (gboolean (*cond) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (cond == NULL || !cond (data)) {
    if (g_get_monotonic_time () > end)
      return FALSE;
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  }
  return TRUE;
}

void
ui_test_isolate_home (const char *home)
{
  for (guint i = 0; i < 3; i++) {
    static const char *const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
    g_autofree char *sub = g_build_filename (home, vars[i], NULL);
    g_mkdir_with_parents (sub, 0700);
    g_setenv (vars[i], sub, TRUE);
  }
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
ticks_reached (gpointer data)
{
  guint *t = data;

  return t[0] >= t[1];
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

gboolean
ui_test_main_loop_serves (guint n_ticks, guint deadline_ms, double *cpu_ms_per_tick)
{
  guint t[2] = { 0, n_ticks };
  double start = thread_cpu_ms ();
  guint source = g_timeout_add (10, count_tick, &t[0]);
  gboolean reached = ui_test_spin_until (ticks_reached, t, deadline_ms);

  g_source_remove (source);
  *cpu_ms_per_tick = (thread_cpu_ms () - start) / MAX (t[0], 1);
  return reached;
}

void
ui_test_spin (guint ms)
{
  ui_test_spin_until (NULL, NULL, ms);
}

char *
ui_test_copy_board (const char *name, const char *dir)
{
  g_autofree char *src = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  char *dst = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &text, &len, NULL));
  g_assert_true (g_file_set_contents (dst, text, (gssize) len, NULL));
  return dst;
}

GdkTexture *
ui_test_render (GtkWidget *widget, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  const char *dir = g_getenv ("MEDLEY_SCREENSHOT_DIR");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  g_assert_cmpint (width, >, 0);
  /* Between a queued redraw and the next frame the widget has nothing to
   * show: wait for that frame. */
  for (int tries = 0; node == NULL && tries < 100; tries++) {
    GtkSnapshot *snapshot = gtk_snapshot_new ();

    gdk_paintable_snapshot (paintable, snapshot, width, height);
    node = gtk_snapshot_free_to_node (snapshot);
    if (node == NULL)
      ui_test_spin (10);
  }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (name != NULL && dir != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }
  return texture;
}

void
ui_test_screenshot (GtkWidget *widget, const char *name)
{
  g_object_unref (ui_test_render (widget, name));
}

gboolean
ui_test_can_drive_pointer (void)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

void
ui_test_xdo (const char *args)
{
  g_autofree char *cmd = g_strconcat ("xdotool ", args, NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  ui_test_spin (40);   /* let GTK see the events */
}

void
ui_test_pointer_to (GtkWidget *widget, double x, double y)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double sx, sy;
  g_autofree char *args = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &sx, &sy);
  args = g_strdup_printf ("mousemove --sync --window %lu %d %d",
                          (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                          (int) (out.x + sx), (int) (out.y + sy));
  ui_test_xdo (args);
#endif
}

MdlWindow *
ui_test_open_board_unsized (MdlApplication *app, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data)
        && g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0)
      return l->data;
  g_assert_not_reached ();
}

MdlWindow *
ui_test_open_board (MdlApplication *app, const char *path)
{
  MdlWindow *window = ui_test_open_board_unsized (app, path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  ui_test_spin (200);
  return window;
}

typedef struct {
  MdlWindow *window;
  int        width, height;
} SizeWait;

static gboolean
has_size (gpointer data)
{
  SizeWait *w = data;

  /* The default size counts the client-side decoration's frame, which
   * the window's own allocation does not. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (w->window)) - w->width) <= 16
         && ABS (gtk_widget_get_height (GTK_WIDGET (w->window)) - w->height) <= 16
         && gtk_widget_get_width (w->window->canvas) > 0;
}

gboolean
ui_test_resize_window (MdlWindow *window, int width, int height, guint timeout_ms)
{
  SizeWait w = { window, width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return ui_test_spin_until (has_size, &w, timeout_ms);
}

MdlApplication *
ui_test_app_new (int *argc, char ***argv, const char *home, const char **lang)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  const char *localedir = g_getenv ("MEDLEY_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  MdlApplication *app;

  ui_test_isolate_home (home);
  setlocale (LC_ALL, "");
  if (localedir != NULL) {
    bindtextdomain (GETTEXT_PACKAGE, localedir);
    bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    textdomain (GETTEXT_PACKAGE);
  }
  if (g_getenv ("LANGUAGE") != NULL && *g_getenv ("LANGUAGE"))
    *lang = g_getenv ("LANGUAGE");
  g_test_init (argc, argv, NULL);
  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  return app;
}

void
ui_test_close_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  ui_test_spin (20);
}

guint
ui_test_first_cluster (MdlEditor *editor)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (editor);

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = doc->components->pdata[i];
    if (c->kind == MDL_COMPONENT_CLUSTER)
      return c->id;
  }
  g_assert_not_reached ();
}

static gboolean
runner_state_is (gpointer window, MdlRunnerState want)
{
  MdlRunnerState state;

  return mdl_window_get_runner_state (window, &state) && state == want;
}

gboolean
ui_test_is_running (gpointer window)
{
  return runner_state_is (window, MDL_RUNNER_RUNNING);
}

gboolean
ui_test_is_paused (gpointer window)
{
  return runner_state_is (window, MDL_RUNNER_PAUSED);
}

gboolean
ui_test_widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget)) && gtk_widget_get_width (GTK_WIDGET (widget)) > 0;
}

typedef struct {
  MdlProgramWindow *pw;
  guint             builds;
} BuildWait;

static gboolean
build_ended (gpointer data)
{
  BuildWait *w = data;

  return !mdl_program_window_is_building (w->pw) &&
         mdl_program_window_get_n_builds (w->pw) >= w->builds;
}

gboolean
ui_test_program_build (MdlProgramWindow *pw, gboolean run)
{
  BuildWait w = { pw, mdl_program_window_get_n_builds (pw) + 1 };

  gtk_widget_activate_action (GTK_WIDGET (pw), run ? "program.run" : "program.build", NULL);
  /* Started, or refused at once with a message (no toolchain). */
  if (!mdl_program_window_is_building (pw) && mdl_program_window_get_message (pw) == NULL)
    return FALSE;
  return ui_test_spin_until (build_ended, &w, 120000);
}
