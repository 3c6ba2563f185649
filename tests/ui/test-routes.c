/* GUI tests of the canvas's wires in the real application: on every
 * shipped board, fitted and then arranged, each wire is drawn (those that
 * start at a CPU cluster too) as horizontal and vertical runs that cut no
 * card but the two it joins, and clicking a wire's run selects it; the
 * header bar keeps the status pill readable at 1024×640 (the suite runs
 * that in German too).  Screenshots land in MEDLEY_SCREENSHOT_DIR for a
 * person to look at. */
#define G_LOG_DOMAIN "test-routes"

#include "ui-test.h"
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-canvas-private.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;
static const char *lang = "en";

static void
resize (MdlWindow *window, int width, int height)
{
  g_assert_true (ui_test_resize_window (window, width, height, 10000));
  ui_test_spin (50);
}

/* Every wire of the document is drawn; every run is horizontal or
 * vertical and cuts no card other than the two at its ends; a click on
 * the middle of each wire selects that wire (or one drawn through the
 * same spot, where two cross). */
static void
check_routes (MdlWindow *window, const char *name, const char *when, gint64 *usec)
{
  MdlCanvas *canvas = MDL_CANVAS (window->canvas);
  const MdlBoardDoc *doc = mdl_editor_get_doc (mdl_window_get_editor (window));
  const GArray *routes = _mdl_canvas_get_routes (canvas, usec);
  guint wires = 0, bends = 0;

  for (guint r = 0; r < routes->len; r++) {
    const Route *route = &g_array_index (routes, Route, r);
    const GArray *pts = route->points;

    if (!route->routed)
      g_error ("%s %s: wire %u (%u to %u) has no route around the cards", name, when,
               route->wire, route->from_card, route->to_card);
    wires += route->kind != ROUTE_PIN_LINK;
    bends += pts->len - 2;
    for (guint k = 0; k + 1 < pts->len; k++) {
      const graphene_point_t *p = &g_array_index (pts, graphene_point_t, k), *q = p + 1;

      if (fabs (p->x - q->x) > 1e-6 && fabs (p->y - q->y) > 1e-6)
        g_error ("%s %s: wire %u runs askew from (%g, %g) to (%g, %g)", name, when,
                 route->wire, p->x, p->y, q->x, q->y);
      for (guint c = 0; c < doc->components->len; c++) {
        const MdlComponent *comp = g_ptr_array_index (doc->components, c);
        graphene_rect_t rect;

        if (comp->id == route->from_card || comp->id == route->to_card)
          continue;
        g_assert_true (_mdl_canvas_get_card_rect (canvas, comp->id, &rect));
        if (_mdl_canvas_segment_crosses_card (&rect, p->x, p->y, q->x, q->y))
          g_error ("%s %s: wire %u (%u to %u) runs under %s from (%g, %g) to (%g, %g)", name,
                   when, route->wire, route->from_card, route->to_card, comp->name, p->x, p->y,
                   q->x, q->y);
      }
    }

    if (route->kind != ROUTE_PIN_LINK) {
      double x, y;
      guint hit;

      _mdl_canvas_route_point (route, 0.5, &x, &y);
      hit = _mdl_canvas_hit_wire (canvas, x, y);
      g_assert_cmpuint (hit, !=, 0);
      if (hit != route->wire) {
        const Route *other = _mdl_canvas_find_route (canvas, hit);
        g_assert_nonnull (other);
        g_assert_cmpfloat (_mdl_canvas_route_distance (other, x, y), <, 0.01);
      }
    }
  }
  /* Each wire of the document is drawn, whatever its ends are. */
  g_assert_cmpuint (wires, ==, doc->wires->len);
  g_test_message ("%s %s: %u wires and links, %u bends, routed in %.2f ms", name, when,
                  routes->len, bends, *usec / 1000.0);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
test_boards (void)
{
  g_autoptr(GDir) dir = g_dir_open (MDL_SOURCE_BOARDS_DIR, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 slowest = 0;
  const char *slowest_name = NULL;

  g_assert_nonnull (dir);
  for (const char *n; (n = g_dir_read_name (dir)) != NULL;)
    if (g_str_has_suffix (n, ".dts"))
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index (names, i);
    g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
    g_autofree char *stem = g_strndup (name, strcspn (name, "."));
    MdlWindow *window = ui_test_open_board_unsized (app, path);
    gint64 usec;
    gboolean shoot = g_str_equal (stem, "hetero-demo") || g_str_equal (stem, "aarch64-virt")
                     || g_str_equal (stem, "linux-mcu-demo");

    resize (window, 1024, 640);
    check_routes (window, name, "fitted", &usec);
    if (usec > slowest)
      slowest = usec, slowest_name = name;
    if (shoot) {
      g_autofree char *shot = g_strdup_printf ("ui-routes-%s-1024x640-%s.png", stem, lang);
      ui_test_screenshot (GTK_WIDGET (window), shot);
    }

    g_action_group_activate_action (G_ACTION_GROUP (window), "arrange", NULL);
    ui_test_spin (50);
    check_routes (window, name, "arranged", &usec);
    if (usec > slowest)
      slowest = usec, slowest_name = name;
    if (shoot) {
      g_autofree char *shot = g_strdup_printf ("ui-routes-%s-arranged-1024x640-%s.png", stem, lang);
      ui_test_screenshot (GTK_WIDGET (window), shot);
    }

    /* The same, large enough to read every label. */
    if (shoot) {
      g_autofree char *shot = g_strdup_printf ("ui-routes-%s-arranged-1600x1000-%s.png", stem,
                                               lang);
      resize (window, 1600, 1000);
      check_routes (window, name, "arranged, large", &usec);
      ui_test_screenshot (GTK_WIDGET (window), shot);
    }

    /* The edit is not to be saved: undo it so that closing asks nothing. */
    mdl_editor_undo (mdl_window_get_editor (window));
    gtk_window_destroy (GTK_WINDOW (window));
    ui_test_spin (20);
  }
  g_test_message ("slowest routing: %s, %.2f ms", slowest_name, slowest / 1000.0);
}

/* Dragging a card re-routes at each step: the routes follow the card
 * (the last of the board, moved away from the others) and still avoid
 * the others; how long that takes is reported. */
static void
test_drag (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  MdlEditor *editor = mdl_window_get_editor (window);
  const MdlBoardDoc *doc;
  const MdlComponent *c;
  guint id;
  double x0, y0;
  gint64 usec, total = 0, slowest = 0;

  resize (window, 1024, 640);
  doc = mdl_editor_get_doc (editor);
  c = g_ptr_array_index (doc->components, doc->components->len - 1);
  id = c->id;
  x0 = c->x;
  y0 = c->y;
  mdl_editor_begin_move (editor);
  for (int step = 1; step <= 20; step++) {
    mdl_editor_move (editor, id, x0 + step * 16, y0 + step * 16);
    check_routes (window, name, "dragged", &usec);
    total += usec;
    slowest = MAX (slowest, usec);
  }
  mdl_editor_end_move (editor);
  g_test_message ("%s: routing during the drag: %.2f ms a step, %.2f ms at most", name,
                  total / 20 / 1000.0, slowest / 1000.0);
  mdl_editor_undo (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

static gboolean
status_set (gpointer data)
{
  MdlWindow *window = data;
  const char *text = gtk_label_get_label (window->status_label);

  return text != NULL && *text && gtk_widget_get_width (GTK_WIDGET (window->status_label)) > 0;
}

/* At 1024×640 the board's title gives way before the status pill does. */
static void
test_header (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  g_autofree char *shot = g_strdup_printf ("ui-routes-header-1024x640-%s.png", lang);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  PangoLayout *layout;

  resize (window, 1024, 640);
  g_assert_true (ui_test_spin_until (status_set, window, 5000));
  ui_test_spin (50);
  layout = gtk_label_get_layout (window->status_label);
  g_test_message ("status \"%s\", %d px wide", gtk_label_get_label (window->status_label),
                  gtk_widget_get_width (GTK_WIDGET (window->status_label)));
  ui_test_screenshot (GTK_WIDGET (window), shot);
  g_assert_false (pango_layout_is_ellipsized (layout));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  int status;

  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  app = ui_test_app_new (&argc, &argv, home, &lang);

  g_test_add_func ("/ui/routes/boards", test_boards);
  g_test_add_data_func ("/ui/routes/drag/hetero-demo", "hetero-demo.dts", test_drag);
  g_test_add_data_func ("/ui/routes/drag/cortex-m0", "cortex-m0.dts", test_drag);
  g_test_add_func ("/ui/routes/header", test_header);
  status = g_test_run ();
  {
    GList *windows;
    while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
      gtk_window_destroy (windows->data);
  }
  g_clear_object (&app);
  return status;
}
