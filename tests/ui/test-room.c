/* GUI tests of the window's room: every shipped board at 1024×640 and at
 * the default size, in the language of the environment (the suite runs it
 * in English and in German); nothing may ask for more than the window has,
 * the canvas gets the most room and fits the board, the panes remember
 * their sizes.  Screenshots land in MEDLEY_SCREENSHOT_DIR for a person to
 * look at. */
#define G_LOG_DOMAIN "test-room"

#include "ui-test.h"
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-canvas.h"
#include "ui/mdl-console.h"
#include "ui/mdl-cpu-views.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;
static const char *lang = "en";

static void
resize (MdlWindow *window, int width, int height)
{
  if (!ui_test_resize_window (window, width, height, 10000)) {
    GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
    int min_w, min_h;

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
    gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
    {
      GtkWidget *ws[] = { GTK_WIDGET (window->palette_slot), GTK_WIDGET (window->canvas_slot),
                          GTK_WIDGET (window->views_slot), GTK_WIDGET (window->inspector_slot),
                          gtk_widget_get_first_child (content), GTK_WIDGET (window->console_stack) };
      for (guint i = 0; i < G_N_ELEMENTS (ws); i++) {
        int a, b;
        gtk_widget_measure (ws[i], GTK_ORIENTATION_HORIZONTAL, -1, &a, NULL, NULL, NULL);
        gtk_widget_measure (ws[i], GTK_ORIENTATION_VERTICAL, -1, &b, NULL, NULL, NULL);
        g_printerr ("%s %s: %d×%d\n", G_OBJECT_TYPE_NAME (ws[i]), gtk_widget_get_css_classes (ws[i])[0] ?: "", a, b);
      }
    }
    g_error ("window is %d×%d, not %d×%d; its content needs %d×%d",
             gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
             width, height, min_w, min_h);
  }
}

/* @widget lies entirely inside @window (not cut at an edge). */
static void
assert_inside (GtkWidget *widget, MdlWindow *window)
{
  graphene_rect_t r;

  if (!gtk_widget_get_visible (widget))
    return;
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &r));
  g_assert_cmpfloat (r.origin.x, >=, -0.5);
  g_assert_cmpfloat (r.origin.y, >=, -0.5);
  g_assert_cmpfloat (r.origin.x + r.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)) + 0.5);
  g_assert_cmpfloat (r.origin.y + r.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)) + 0.5);
}

static gboolean
views_shown (gpointer data)
{
  MdlWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (window->views_slot))
         && gtk_widget_get_width (GTK_WIDGET (window->views_slot)) > 0;
}

static void
check_board_at (const char *name, int width, int height)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  g_autofree char *shot = NULL;
  g_autofree char *stem = g_strndup (name, strcspn (name, "."));
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min_w, min_h, canvas_w;

  resize (window, width, height);

  /* Nothing clipped: what the window holds asks for no more than it has. */
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, &min_h, NULL, NULL, NULL);
  g_test_message ("%s at %d×%d (%s): needs %d×%d", name, width, height, lang, min_w, min_h);
  g_assert_cmpint (min_w, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (min_h, <=, gtk_widget_get_height (GTK_WIDGET (window)));

  /* The canvas is the widest pane, and the zoom controls are on it. */
  canvas_w = gtk_widget_get_width (window->canvas);
  g_assert_cmpint (canvas_w, >, gtk_widget_get_width (GTK_WIDGET (window)) / 2);
  g_assert_true (gtk_widget_get_mapped (window->zoom_controls));
  assert_inside (window->zoom_controls, window);
  assert_inside (GTK_WIDGET (window->inspector_slot), window);
  assert_inside (GTK_WIDGET (window->views_slot), window);
  assert_inside (GTK_WIDGET (window->status_label), window);

  /* Legible: below LEGIBLE_ZOOM (0.7) a card's name is drawn up to 2.2
   * times larger, so it reads at 60 % of its normal size or more as long
   * as the fitted zoom stays above 0.6 / 2.2. */
  g_test_message ("%s: fitted zoom %.2f", name, mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)));
  g_assert_cmpfloat (mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)) * 2.2, >=, 0.6);

  shot = g_strdup_printf ("ui-room-%s-%dx%d-%s.png", stem, width, height, lang);
  ui_test_screenshot (GTK_WIDGET (window), shot);

  /* With a machine (paused at its first instruction) the CPU views join. */
  if (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "step")) {
    g_autofree char *running = g_strdup_printf ("ui-room-%s-%dx%d-%s-paused.png", stem, width, height, lang);

    g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
    g_assert_true (ui_test_spin_until (views_shown, window, 10000));
    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
    g_assert_cmpint (min_w, <=, gtk_widget_get_width (GTK_WIDGET (window)));
    g_assert_cmpint (gtk_widget_get_width (window->canvas), >=, 200);
    assert_inside (GTK_WIDGET (window->views_slot), window);
    assert_inside (GTK_WIDGET (window->inspector_slot), window);
    ui_test_screenshot (GTK_WIDGET (window), running);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

static void
test_boards (void)
{
  g_autoptr(GDir) dir = g_dir_open (MDL_SOURCE_BOARDS_DIR, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL) {
    if (!g_str_has_suffix (name, ".dts"))
      continue;
    check_board_at (name, 1024, 640);
    n++;
  }
  g_assert_cmpuint (n, >, 0);
}

static void
test_default_size (void)
{
  check_board_at ("hetero-demo.dts", 1280, 820);
  check_board_at ("riscv32-virt.dts", 1280, 820);
}

static gboolean
zoom_changed (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  double *before = ((gpointer *) data)[1];

  return mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)) != *before;
}

/* The board is framed when it opens and again when the canvas changes size,
 * until the person zooms. */
static void
test_fit_on_resize (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  double small, big;
  gpointer data[] = { window, &small };

  resize (window, 1024, 640);
  small = mdl_canvas_get_zoom (MDL_CANVAS (window->canvas));
  g_assert_cmpfloat (small, <, 1.0);
  resize (window, 1500, 960);
  g_assert_true (ui_test_spin_until (zoom_changed, data, 5000));
  big = mdl_canvas_get_zoom (MDL_CANVAS (window->canvas));
  g_assert_cmpfloat (big, >, small);

  /* A zoom by hand sticks through a resize. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "zoom-out", NULL);
  small = mdl_canvas_get_zoom (MDL_CANVAS (window->canvas));
  g_assert_cmpfloat (small, <, big);
  resize (window, 1200, 800);
  g_assert_cmpfloat (mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)), ==, small);

  g_action_group_activate_action (G_ACTION_GROUP (window), "zoom-fit", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

static int
end_size (GtkPaned *paned)
{
  return gtk_widget_get_width (GTK_WIDGET (paned)) - gtk_paned_get_position (paned);
}

static gboolean
end_size_is (gpointer data)
{
  MdlWindow *window = ((gpointer *) data)[0];
  int *want = ((gpointer *) data)[1];

  return (window->panes_restored & 2) && gtk_widget_get_width (GTK_WIDGET (window->side_paned)) > 0
         && ABS (end_size (window->side_paned) - *want) <= 2;
}

/* The inspector keeps the width it was given, in the next window and (from
 * the key file) in the next run; hiding panes gives the canvas their room. */
static void
test_panes_remembered (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *ini = g_build_filename (g_get_user_config_dir (), "medley", "panes.ini", NULL);
  g_autofree char *text = NULL;
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  int want, canvas_w;
  gpointer data[] = { window, &want };

  resize (window, 1280, 820);
  want = end_size (window->side_paned) + 60;
  gtk_paned_set_position (window->side_paned,
                          gtk_widget_get_width (GTK_WIDGET (window->side_paned)) - want);
  g_assert_true (ui_test_spin_until (end_size_is, data, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);

  g_assert_true (g_file_get_contents (ini, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "inspector="));

  window = ui_test_open_board_unsized (app, path);
  data[0] = window;
  resize (window, 1100, 700);
  g_assert_true (ui_test_spin_until (end_size_is, data, 5000));

  canvas_w = gtk_widget_get_width (window->canvas);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-views", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-inspector", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-consoles", g_variant_new_boolean (FALSE));
  ui_test_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->inspector_slot)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->console_stack)));
  g_assert_cmpint (gtk_widget_get_width (window->canvas), >, canvas_w);
  ui_test_screenshot (GTK_WIDGET (window), "ui-room-collapsed.png");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

typedef struct {
  double x, y;
} Pos;

static GArray *
positions (MdlEditor *editor)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (editor);
  GArray *a = g_array_new (FALSE, FALSE, sizeof (Pos));

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    Pos p = { c->x, c->y };
    g_array_append_val (a, p);
  }
  return a;
}

static gboolean
same_positions (GArray *a, GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (Pos)) == 0;
}

/* Arrange lays the hetero demo out in columns: the fitted zoom grows, no
 * two cards overlap, and one undo puts everything back. */
static void
test_arrange (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  MdlEditor *editor = mdl_window_get_editor (window);
  g_autoptr(GArray) before = NULL, after = NULL;
  g_autofree char *shot = g_strdup_printf ("ui-room-arranged-1024x640-%s.png", lang);
  const MdlBoardDoc *doc;
  double zoom;

  resize (window, 1024, 640);
  zoom = mdl_canvas_get_zoom (MDL_CANVAS (window->canvas));
  before = positions (editor);
  g_action_group_activate_action (G_ACTION_GROUP (window), "arrange", NULL);
  ui_test_spin (50);
  after = positions (editor);
  g_assert_false (same_positions (before, after));
  g_test_message ("fitted zoom %.2f before arranging, %.2f after", zoom,
                  mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)));
  g_assert_cmpfloat (mdl_canvas_get_zoom (MDL_CANVAS (window->canvas)), >, zoom);
  doc = mdl_editor_get_doc (editor);
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *a = g_ptr_array_index (doc->components, i);

    /* Clusters in the first column, left of everything else. */
    if (a->kind == MDL_COMPONENT_CLUSTER)
      g_assert_cmpfloat (a->x, ==, 32);
    else
      g_assert_cmpfloat (a->x, >, 32);
    for (guint j = i + 1; j < doc->components->len; j++) {
      const MdlComponent *b = g_ptr_array_index (doc->components, j);
      g_assert_false (a->x == b->x && a->y == b->y);
    }
  }
  ui_test_screenshot (GTK_WIDGET (window), shot);

  g_assert_true (mdl_editor_can_undo (editor));
  mdl_editor_undo (editor);
  {
    g_autoptr(GArray) undone = positions (editor);
    g_assert_true (same_positions (before, undone));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

/* The default board opens as an example: titled by its description, and
 * Save asks where instead of overwriting the shipped file. */
static void
test_default_board_is_a_copy (void)
{
  MdlWindow *window;
  g_autofree char *before = NULL, *after = NULL, *path = NULL;

  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));
  window = MDL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  path = g_strdup (mdl_editor_get_path (mdl_window_get_editor (window)));
  g_assert_nonnull (path);
  g_assert_true (window->is_example);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==,
                   mdl_editor_get_doc (mdl_window_get_editor (window))->model);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save"));
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static gboolean
has_runner (gpointer data)
{
  return mdl_window_get_runner_state (data, NULL);
}

/* An example chosen from the main menu runs with F5 straight away: the key
 * reaches the window once the menu has closed. */
static void
test_f5_after_example (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *other = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  MdlWindow *window = ui_test_open_board_unsized (app, other);

  if (!ui_test_can_drive_pointer ()) {
    g_test_skip ("xdotool not found");
    return;
  }
  resize (window, 1024, 640);
  gtk_menu_button_popup (window->primary_menu_button);
  ui_test_spin (100);
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-example",
                                  g_variant_new_string (path));
  gtk_menu_button_popdown (window->primary_menu_button);
  ui_test_spin (100);
  g_assert_true (window->is_example);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run"));
  /* Xvfb has no window manager: the keyboard follows the pointer. */
  ui_test_pointer_to (window->canvas, 20, 20);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    g_test_message ("before F5: active %d, focus %s", gtk_window_is_active (GTK_WINDOW (window)),
                    focus ? G_OBJECT_TYPE_NAME (focus) : "none");
  }
  ui_test_xdo ("key F5");
  g_assert_true (ui_test_spin_until (has_runner, window, 10000));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

static gboolean
find_dialog (gpointer data)
{
  AdwMessageDialog **out = data;
  g_autoptr(GList) tops = gtk_window_list_toplevels ();

  for (GList *l = tops; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      *out = l->data;
  return *out != NULL;
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

/* "Discard" at "Save changes?" closes the window without a warning. */
static void
test_discard_quietly (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  MdlWindow *window;
  MdlEditor *editor;
  AdwMessageDialog *dialog = NULL;
  GLogLevelFlags fatal;

  ui_test_close_all_windows (GTK_APPLICATION (app));
  window = ui_test_open_board_unsized (app, path);
  editor = mdl_window_get_editor (window);
  mdl_editor_move (editor, ((MdlComponent *) g_ptr_array_index (mdl_editor_get_doc (editor)->components, 0))->id,
                   400, 400);
  g_assert_true (mdl_editor_get_modified (editor));
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_test_spin_until (find_dialog, &dialog, 5000));
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (ui_test_spin_until (no_windows, NULL, 5000));
  ui_test_spin (50);
  g_log_set_always_fatal (fatal);
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c)) {
    GtkWidget *found = find_descendant (c, type);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static gboolean
has_focus_in (gpointer data)
{
  GtkWidget *w = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (w));

  return focus != NULL && (focus == w || gtk_widget_is_ancestor (focus, w));
}

/* Saving while an inspector field has the focus keeps the machine: the
 * document that runs has not changed. */
static void
test_save_keeps_machine (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-room-XXXXXX", NULL);
  g_autofree char *path = ui_test_copy_board ("riscv32-virt.dts", dir);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  MdlEditor *editor = mdl_window_get_editor (window);
  guint id = ((MdlComponent *) g_ptr_array_index (mdl_editor_get_doc (editor)->components, 1))->id;
  GtkWidget *entry;

  resize (window, 1024, 640);
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "step")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
  g_assert_true (ui_test_spin_until (has_runner, window, 10000));
  mdl_editor_set_selection (editor, &id, 1);
  ui_test_spin (100);
  entry = find_descendant (GTK_WIDGET (window->inspector_slot), GTK_TYPE_TEXT);
  g_assert_nonnull (entry);
  gtk_widget_grab_focus (entry);
  g_assert_true (ui_test_spin_until (has_focus_in, entry, 5000));
  /* Modified, so that Save writes. */
  mdl_editor_move (editor, id, 480, 480);
  mdl_editor_undo (editor);
  mdl_editor_redo (editor);
  g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
  g_assert_true (ui_test_spin_until (has_runner, window, 10000));
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_test_spin (100);
  g_assert_false (mdl_editor_get_modified (editor));
  g_assert_true (mdl_window_get_runner_state (window, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

/* A board file is a board, not DTS audio, with Medley's type registered
 * (here the build tree's, see data/meson.build). */
static void
test_dts_type (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_autofree char *by_name = g_content_type_guess (path, NULL, 0, NULL);
  g_autofree char *by_both = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  by_both = g_content_type_guess (path, (const guchar *) data, len, NULL);
  g_assert_cmpstr (by_name, ==, "text/x-device-tree-source");
  g_assert_cmpstr (by_both, ==, "text/x-device-tree-source");
}

static gboolean
consoles_printed (gpointer data)
{
  MdlWindow *window = data;
  guint n = mdl_window_get_n_consoles (window);

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < 2; i++) {
    g_autofree char *text = mdl_console_get_text (mdl_window_get_console (window, i));
    if (text == NULL || strlen (text) < 20)
      return FALSE;
  }
  return TRUE;
}

/* The AppStream screenshots (data/screenshots): the hetero demo opened as
 * an example, run at 1280×800 (its wires routed around the cards), its CPU
 * views on the registers, then on the disassembly. */
static void
test_appstream (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "hetero-demo.dts", NULL);
  g_autofree char *shot = g_strdup_printf ("appstream-window-%s.png", lang);
  g_autofree char *views = g_strdup_printf ("appstream-views-%s.png", lang);
  MdlWindow *window;

  ui_test_close_all_windows (GTK_APPLICATION (app));
  window = ui_test_open_board_unsized (app, path);
  /* As a first start shows it: the default board opened as an example,
   * titled by its description, with no build folder's path in sight. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-example",
                                  g_variant_new_string (path));
  resize (window, 1280, 800);
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "run")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  g_assert_true (ui_test_spin_until (consoles_printed, window, 20000));
  g_assert_true (ui_test_spin_until (views_shown, window, 5000));
  ui_test_spin (300);   /* a frame of the views with the latest snapshot */
  ui_test_screenshot (GTK_WIDGET (window), shot);
  mdl_cpu_views_show_page (mdl_window_get_cpu_views (window), "disassembly");
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (window), views);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

static void
collect (GtkWidget *widget, GType type, const char *css, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget)
      && (css == NULL || gtk_widget_has_css_class (widget, css)))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, css, out);
}

/* Fixes in the CPU views on a 64-bit board at 1024×640: the status pill's
 * tooltip has its whole text, register values (CSRs too) line up in a
 * column, the watchpoint address box is wide enough to type in. */
static void
test_views_fixes (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv64-virt.dts", NULL);
  MdlWindow *window = ui_test_open_board_unsized (app, path);
  MdlCpuViews *views = mdl_window_get_cpu_views (window);
  g_autoptr(GPtrArray) flows = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *shot = g_strdup_printf ("ui-room-watch-1024x640-%s.png", lang);
  GtkWidget *page;

  resize (window, 1024, 640);
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "step")) {
    g_test_skip ("the board cannot run here (firmware not built)");
    return;
  }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->status_label)), ==,
                   mdl_window_get_status_text (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "step", NULL);
  g_assert_true (ui_test_spin_until (views_shown, window, 10000));
  ui_test_spin (200);

  mdl_cpu_views_show_page (views, "registers");
  ui_test_spin (100);
  page = mdl_cpu_views_get_page (views, "registers");
  collect (page, GTK_TYPE_FLOW_BOX, NULL, flows);
  g_assert_cmpuint (flows->len, >=, 2);
  for (guint f = 0; f < flows->len; f++) {
    double x0 = -1;

    g_ptr_array_set_size (entries, 0);
    collect (g_ptr_array_index (flows, f), GTK_TYPE_ENTRY, "register-value", entries);
    for (guint i = 0; i < entries->len; i++) {
      GtkWidget *e = g_ptr_array_index (entries, i);
      GtkWidget *child = gtk_widget_get_ancestor (e, GTK_TYPE_FLOW_BOX_CHILD);
      graphene_point_t pt;

      g_assert_true (gtk_widget_compute_point (e, child, &GRAPHENE_POINT_INIT (0, 0), &pt));
      if (x0 < 0)
        x0 = pt.x;
      g_assert_cmpfloat (fabs (pt.x - x0), <=, 0.5);
    }
  }

  /* Every page's switch is in sight (icons, not names cut to "Regi…"),
   * and says its page's name when hovered. */
  g_ptr_array_set_size (entries, 0);
  collect (GTK_WIDGET (views), GTK_TYPE_TOGGLE_BUTTON, "cpu-view-switch", entries);
  g_assert_cmpuint (entries->len, >=, 8);
  for (guint i = 0; i < entries->len; i++) {
    GtkWidget *b = g_ptr_array_index (entries, i);
    graphene_rect_t r;

    g_assert_true (gtk_widget_compute_bounds (b, GTK_WIDGET (window->views_slot), &r));
    g_assert_cmpfloat (r.origin.x, >=, -0.5);
    g_assert_cmpfloat (r.origin.x + r.size.width, <=,
                       gtk_widget_get_width (GTK_WIDGET (window->views_slot)) + 0.5);
    g_assert_nonnull (gtk_widget_get_tooltip_text (b));
  }

  mdl_cpu_views_show_page (views, "watchpoints");
  ui_test_spin (100);
  page = mdl_cpu_views_get_page (views, "watchpoints");
  g_ptr_array_set_size (entries, 0);
  collect (page, GTK_TYPE_ENTRY, NULL, entries);
  g_assert_cmpuint (entries->len, >=, 1);
  g_test_message ("watchpoint address box: %d px", gtk_widget_get_width (g_ptr_array_index (entries, 0)));
  g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (entries, 0)), >=, 120);
  ui_test_screenshot (GTK_WIDGET (window), shot);
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

  g_test_add_func ("/ui/room/boards-1024x640", test_boards);
  g_test_add_func ("/ui/room/default-size", test_default_size);
  g_test_add_func ("/ui/room/fit-on-resize", test_fit_on_resize);
  g_test_add_func ("/ui/room/panes-remembered", test_panes_remembered);
  g_test_add_func ("/ui/room/arrange", test_arrange);
  g_test_add_func ("/ui/room/views-fixes", test_views_fixes);
  g_test_add_func ("/ui/room/appstream", test_appstream);
  g_test_add_func ("/ui/room/dts-type", test_dts_type);
  g_test_add_func ("/ui/room/save-keeps-machine", test_save_keeps_machine);
  g_test_add_func ("/ui/room/discard-quietly", test_discard_quietly);
  g_test_add_func ("/ui/room/f5-after-example", test_f5_after_example);
  g_test_add_func ("/ui/room/default-board-is-a-copy", test_default_board_is_a_copy);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
