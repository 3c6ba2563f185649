/* GUI tests of the workbench parts and the display view, in the real
 * window under Xvfb (see run-xvfb.sh): the GPIO demo's button clicked
 * with the X pointer reaches the guest and its LED is drawn lit; the
 * framebuffer demo's picture shows in the display tab and an idle display
 * renders nothing.  Screenshots go to MEDLEY_SCREENSHOT_DIR. */
#define G_LOG_DOMAIN "test-parts"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-canvas-private.h"
#include "ui/mdl-display-view.h"
#include "ui/mdl-inspector-private.h"
#include "ui/mdl-window.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "hw/parts.h"
#include "targets/targets.h"

static MdlApplication *app;

/* ---- helpers ---- */




static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* The window showing the shipped board @name (firmware from the build). */
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
      ui_test_spin (200);
      return l->data;
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child)) {
    GtkWidget *found = find_widget (child, type);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static guint
component_id (MdlWindow *window, const char *name)
{
  const MdlComponent *c = mdl_board_doc_find_by_name (
    mdl_editor_get_doc (mdl_window_get_editor (window)), name);

  g_assert_nonnull (c);
  return c->id;
}

/* The pixel at (@x, @y) of @texture as 0xRRGGBB. */
static guint32
pixel_at (GdkTexture *texture, int x, int y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  const guint8 *p;

  g_assert_true (x >= 0 && y >= 0 && x < w && y < h);
  /* gdk_texture_download gives native-endian 0xAARRGGBB words. */
  gdk_texture_download (texture, data, (gsize) w * 4);
  p = data + ((gsize) y * w + x) * 4;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

#define R(c) (((c) >> 16) & 0xff)
#define G(c) (((c) >> 8) & 0xff)
#define B(c) ((c) & 0xff)

/* ---- real pointer input, through xdotool on the test's X server ---- */




/* ---- the GPIO demo ---- */

typedef struct {
  MdlWindow  *window;
  const char *needle;
} ConsoleWait;

static gboolean
console_has (gpointer data)
{
  ConsoleWait *w = data;
  MdlConsole *console = mdl_window_get_n_consoles (w->window) > 0
                        ? mdl_window_get_console (w->window, 0) : NULL;
  g_autofree char *text = console ? mdl_console_get_text (console) : NULL;

  return text != NULL && strstr (text, w->needle) != NULL;
}

typedef struct {
  GtkWidget *canvas;
  double     x, y;
  gboolean   want_lit;
  guint32    seen;
} LedWait;

/* An LED is lit when its face is its own saturated green, off when the
 * card shows through (pale). */
static gboolean
led_lit (guint32 c)
{
  return G (c) > 150 && R (c) < 100 && G (c) - R (c) > 100;   /* #2ec27e */
}

static gboolean
led_unlit (guint32 c)
{
  return R (c) >= 130 && G (c) > 180;   /* the card through a tinted lens */
}

static gboolean
led_is (gpointer data)
{
  LedWait *w = data;
  g_autoptr(GdkTexture) shot = ui_test_render (w->canvas, NULL);

  w->seen = pixel_at (shot, (int) w->x, (int) w->y);
  return w->want_lit ? led_lit (w->seen) : led_unlit (w->seen);
}

static void
test_button_and_led (void)
{
  MdlWindow *window;
  GtkWidget *canvas;
  guint led, button;
  double bx, by;
  LedWait lw = { 0 };
  ConsoleWait cw;

  if (!ui_test_can_drive_pointer ()) {
    g_test_skip ("xdotool or an X display is missing");
    return;
  }
  window = open_board ("gpio-demo.dts");
  canvas = find_widget (GTK_WIDGET (window), MDL_TYPE_CANVAS);
  g_assert_nonnull (canvas);
  /* The whole width for the board, at a size where parts read well. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-views",
                                      g_variant_new_boolean (FALSE));
  ui_test_spin (200);
  mdl_canvas_zoom_fit (MDL_CANVAS (canvas));
  ui_test_spin (100);
  led = component_id (window, "led");
  button = component_id (window, "button");

  /* No machine: parts are drawn unlit. */
  lw.canvas = canvas;
  g_assert_true (_mdl_canvas_get_part_point (MDL_CANVAS (canvas), led, &lw.x, &lw.y));
  /* Off the lens's glint, inside the face (28 units across), whatever
   * the fitted zoom. */
  lw.x += 4 * mdl_canvas_get_zoom (MDL_CANVAS (canvas));
  lw.y += 4 * mdl_canvas_get_zoom (MDL_CANVAS (canvas));
  g_object_unref (ui_test_render (canvas, "ui-parts-board.png"));
  if (!led_is (&lw))
    g_error ("LED not drawn unlit: 0x%06x at (%g, %g)", lw.seen, lw.x, lw.y);

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (ui_test_is_running, window, 5000));
  cw = (ConsoleWait) { window, "digit: 2" };
  g_assert_true (ui_test_spin_until (console_has, &cw, 10000));
  /* Counting up: the direction LED is off. */
  g_assert_true (led_is (&lw));

  /* A real click: press, hold a moment, release. */
  g_assert_true (_mdl_canvas_get_part_point (MDL_CANVAS (canvas), button, &bx, &by));
  ui_test_pointer_to (canvas, bx, by);
  ui_test_xdo ("mousedown 1");
  ui_test_spin (150);
  ui_test_xdo ("mouseup 1");

  cw.needle = "button: counting down";
  g_assert_true (ui_test_spin_until (console_has, &cw, 5000));
  lw.want_lit = TRUE;
  if (!ui_test_spin_until (led_is, &lw, 3000))
    g_error ("LED not drawn lit: 0x%06x at (%g, %g)", lw.seen, lw.x, lw.y);
  g_object_unref (ui_test_render (canvas, "ui-parts-running.png"));
  g_object_unref (ui_test_render (GTK_WIDGET (window), "ui-parts-window.png"));

  /* The click pressed the button; it did not select or move its card. */
  g_assert_cmpuint (mdl_editor_get_selection (mdl_window_get_editor (window))->len, ==, 0);
  g_assert_false (mdl_editor_get_modified (mdl_window_get_editor (window)));

  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  ui_test_spin (100);
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

/* The parts are components of the document: saved and read back. */
static void
test_parts_saved (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "gpio-demo.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tmp = NULL;
  const MdlComponent *led, *digit;

  g_assert_no_error (error);
  text = mdl_board_doc_to_dts (doc);
  g_assert_nonnull (strstr (text, "\"medley,led\""));
  g_assert_nonnull (strstr (text, "\"medley,button\""));
  g_assert_nonnull (strstr (text, "\"medley,seven-segment\""));
  tmp = g_build_filename (g_get_tmp_dir (), "medley-parts-XXXXXX.dts", NULL);
  {
    int fd = g_mkstemp (tmp);
    g_assert_cmpint (fd, >=, 0);
    close (fd);
  }
  g_assert_true (g_file_set_contents (tmp, text, -1, NULL));
  again = mdl_board_doc_load (tmp, &error);
  g_assert_no_error (error);
  led = mdl_board_doc_find_by_name (again, "led");
  digit = mdl_board_doc_find_by_name (again, "digit");
  g_assert_nonnull (led);
  g_assert_nonnull (digit);
  g_assert_true (led->dev_cls == &mdl_led_class);
  g_assert_cmpuint (led->values[mdl_component_find_prop (led, "pin")].u64, ==, 9);
  g_assert_cmpstr (led->values[mdl_component_find_prop (led, "gpio")].str, ==, "gpio");
  g_assert_cmpuint (digit->values[mdl_component_find_prop (digit, "pins")].u64, ==, 0);
  g_unlink (tmp);
}

/* Parts dropped from the palette, rewired in the inspector, undone. */
static void
test_parts_edited (void)
{
  MdlWindow *window = open_board ("gpio-demo.dts");
  MdlEditor *editor = mdl_window_get_editor (window);
  const MdlDeviceClass *classes[] = {
    &mdl_led_class, &mdl_button_class, &mdl_switch_class, &mdl_seven_segment_class,
  };
  GtkWidget *inspector, *field;
  GPtrArray *problems;
  guint sw = 0;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++) {
    guint id = mdl_editor_add_device (editor, classes[i], 960, 40 + i * 160.0);
    g_assert_cmpuint (id, !=, 0);
    g_assert_true (g_str_has_prefix (mdl_board_doc_find (mdl_editor_get_doc (editor), id)->name,
                                     "part"));
    if (classes[i] == &mdl_switch_class)
      sw = id;
  }
  problems = mdl_editor_get_problems (editor);
  g_assert_true (problems == NULL || problems->len == 0);

  /* The inspector shows a part's wiring as fields. */
  mdl_editor_set_selection (editor, &sw, 1);
  ui_test_spin (200);
  inspector = find_widget (GTK_WIDGET (window), MDL_TYPE_INSPECTOR);
  g_assert_nonnull (inspector);
  field = _mdl_inspector_get_field (MDL_INSPECTOR (inspector), "pin");
  g_assert_nonnull (field);
  g_assert_nonnull (_mdl_inspector_get_field (MDL_INSPECTOR (inspector), "gpio"));
  g_assert_true (mdl_editor_set_prop (editor, sw, "pin", "12", NULL));
  {
    const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (editor), sw);
    g_assert_cmpuint (c->values[mdl_component_find_prop (c, "pin")].u64, ==, 12);
  }
  mdl_canvas_zoom_fit (MDL_CANVAS (find_widget (GTK_WIDGET (window), MDL_TYPE_CANVAS)));
  ui_test_spin (100);
  g_object_unref (ui_test_render (GTK_WIDGET (window), "ui-parts-edit.png"));

  mdl_editor_undo (editor);
  {
    const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (editor), sw);
    g_assert_cmpuint (c->values[mdl_component_find_prop (c, "pin")].u64, ==, 0);
  }
  /* The machine built from the edited board runs with its parts. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (ui_test_is_running, window, 5000));
  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  ui_test_spin (100);
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

/* ---- the framebuffer demo ---- */

static gboolean
has_renders (gpointer data)
{
  MdlDisplayView *view = ((gpointer *) data)[0];
  guint want = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return mdl_display_view_get_n_renders (view) >= want;
}

static void
test_display (void)
{
  MdlWindow *window = open_board ("framebuffer-demo.dts");
  MdlDisplayView *view;
  g_autoptr(GdkTexture) shot = NULL;
  gpointer wait[2];
  guint renders, colourful = 0, samples = 0;
  int w, h;

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (ui_test_is_running, window, 5000));
  g_assert_cmpuint (mdl_window_get_n_displays (window), ==, 1);
  view = mdl_window_get_display (window, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* The set is drawn, then its palette turns every blank: frames keep
   * coming while it runs. */
  wait[0] = view;
  wait[1] = GUINT_TO_POINTER (10);
  g_assert_true (ui_test_spin_until (has_renders, wait, 20000));
  ui_test_spin (1500);
  shot = ui_test_render (GTK_WIDGET (view), "ui-display.png");
  g_object_unref (ui_test_render (GTK_WIDGET (window), "ui-display-window.png"));

  /* Pixels of the picture (around the middle) are palette colours. */
  w = gdk_texture_get_width (shot);
  h = gdk_texture_get_height (shot);
  for (int y = h / 4; y < h * 3 / 4; y += 7)
    for (int x = w / 4; x < w * 3 / 4; x += 7) {
      guint32 c = pixel_at (shot, x, y);
      samples++;
      colourful += R (c) + G (c) + B (c) > 90 && (MAX (R (c), MAX (G (c), B (c))) -
                                                   MIN (R (c), MIN (G (c), B (c)))) > 40;
    }
  g_test_message ("%u of %u samples coloured", colourful, samples);
  g_assert_cmpuint (colourful, >, samples / 10);

  /* Paused, nothing changes: no more renders however long we wait.  On
   * a loaded machine the pause reaches the runner late, and the frame it
   * published last is drawn at the next tick: wait for the paused state,
   * then for a tick with no new frame, before counting. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  g_assert_true (ui_test_spin_until (ui_test_is_paused, window, 10000));
  do {
    renders = mdl_display_view_get_n_renders (view);
    ui_test_spin (300);
  } while (mdl_display_view_get_n_renders (view) != renders);
  ui_test_spin (1000);
  g_assert_cmpuint (mdl_display_view_get_n_renders (view), ==, renders);

  /* Running again, it renders again. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  wait[1] = GUINT_TO_POINTER (renders + 3);
  g_assert_true (ui_test_spin_until (has_renders, wait, 10000));
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

  /* Recent files and settings go to a throw-away home. */
  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/parts/saved", test_parts_saved);
  g_test_add_func ("/ui/parts/edited", test_parts_edited);
  g_test_add_func ("/ui/parts/button-and-led", test_button_and_led);
  g_test_add_func ("/ui/parts/display", test_display);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
