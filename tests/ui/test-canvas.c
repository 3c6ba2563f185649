/* GUI tests of the board editor widgets: MdlCanvas, MdlInspector and
 * MdlPalette in a plain window around one MdlEditor, under Xvfb (see
 * run-xvfb.sh).  Screenshots of the canvas go to MEDLEY_SCREENSHOT_DIR. */
#define G_LOG_DOMAIN "test-canvas"

#include "ui-test.h"
#include <adwaita.h>
#include <math.h>
#include <string.h>
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif

#include "ui/mdl-canvas-private.h"
#include "ui/mdl-editor.h"
#include "ui/mdl-inspector-private.h"
#include "ui/mdl-palette.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

/* From the generated resource files of ui/ and icons/. */
extern void mdl_register_resource (void);
extern GResource *medley_icons_get_resource (void);

typedef struct {
  MdlEditor    *editor;
  GtkWindow    *window;
  MdlCanvas    *canvas;
  MdlInspector *inspector;
  MdlPalette   *palette;
  GPtrArray    *messages;   /* what the canvas reported */
} Fixture;

/* ---- helpers ---- */




static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) &&
         gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  fx->editor = mdl_editor_new ();
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1280, 720);
  fx->palette = mdl_palette_new (fx->editor);
  fx->canvas = MDL_CANVAS (mdl_canvas_new (fx->editor));
  fx->inspector = mdl_inspector_new (fx->editor);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fx->palette));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fx->canvas));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fx->inspector));
  gtk_window_set_child (fx->window, box);
  fx->messages = g_ptr_array_new_with_free_func (g_free);
  gtk_window_present (fx->window);
  g_assert_true (ui_test_spin_until (window_mapped, fx->canvas, 5000));
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  gtk_window_destroy (fx->window);
  g_clear_object (&fx->editor);
  g_clear_pointer (&fx->messages, g_ptr_array_unref);
  ui_test_spin (50);
}

static guint
add_device (Fixture *fx, const char *compatible, double x, double y)
{
  const MdlDeviceClass *cls = mdl_registry_find_device (compatible);

  g_assert_nonnull (cls);
  return mdl_editor_add_device (fx->editor, cls, x, y);
}

static guint
add_cluster (Fixture *fx, const char *name, double x, double y)
{
  const MdlCpuClass *cls = mdl_registry_find_cpu_by_name (name);

  g_assert_nonnull (cls);
  return mdl_editor_add_cluster (fx->editor, cls, x, y);
}

static char *
prop_text (Fixture *fx, guint id, const char *prop)
{
  const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (fx->editor), id);
  int i = mdl_component_find_prop (c, prop);

  g_assert_cmpint (i, >=, 0);
  return mdl_component_format_prop (c, (unsigned) i);
}

static gboolean
has_problem (Fixture *fx, guint id, const char *prop)
{
  GPtrArray *problems = mdl_editor_get_problems (fx->editor);

  for (guint i = 0; problems != NULL && i < problems->len; i++) {
    const MdlProblem *p = g_ptr_array_index (problems, i);
    if (p->component == id && g_strcmp0 (p->prop, prop) == 0)
      return TRUE;
  }
  return FALSE;
}


/* A small board: a cluster, memory, a UART and a CLINT, all wired. */
static void
build_board (Fixture *fx, guint *cpu, guint *ram, guint *uart, guint *clint)
{
  g_autoptr(GError) error = NULL;

  *cpu = add_cluster (fx, "rv32imac", 32, 64);
  *ram = add_device (fx, "medley,ram", 432, 16);
  *clint = add_device (fx, "riscv,clint0", 432, 144);
  *uart = add_device (fx, "ns16550a", 432, 320);
  g_assert_cmpuint (mdl_editor_map (fx->editor, *ram, *cpu, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_editor_map (fx->editor, *clint, *cpu, &error), !=, 0);
  g_assert_cmpuint (mdl_editor_map (fx->editor, *uart, *cpu, &error), !=, 0);
  g_assert_cmpuint (mdl_editor_wire_irq (fx->editor, *clint, 0, *cpu, 3, 0, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_editor_wire_irq (fx->editor, *clint, 1, *cpu, 7, 0, &error), !=, 0);
  g_assert_cmpuint (mdl_editor_wire_irq (fx->editor, *uart, 0, *cpu, 11, 0, &error), !=, 0);
  g_assert_no_error (error);
}

/* ---- tests ---- */

static void
test_inspector_pages (Fixture *fx, gconstpointer data)
{
  guint cpu, ram, uart, clint;
  guint both[2];

  g_assert_cmpstr (_mdl_inspector_get_page (fx->inspector), ==, "empty");
  build_board (fx, &cpu, &ram, &uart, &clint);

  mdl_editor_set_selection (fx->editor, &ram, 1);
  ui_test_spin (50);
  g_assert_cmpstr (_mdl_inspector_get_page (fx->inspector), ==, "form");
  g_assert_nonnull (_mdl_inspector_get_field (fx->inspector, NULL));
  g_assert_true (ADW_IS_ENTRY_ROW (_mdl_inspector_get_field (fx->inspector, "reg")));
  g_assert_true (ADW_IS_ENTRY_ROW (_mdl_inspector_get_field (fx->inspector, "size")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_mdl_inspector_get_field (fx->inspector, "reg"))),
                   ==, prop_text (fx, ram, "reg"));

  mdl_editor_set_selection (fx->editor, &cpu, 1);
  ui_test_spin (50);
  g_assert_true (ADW_IS_COMBO_ROW (_mdl_inspector_get_field (fx->inspector, "cpu")));
  g_assert_true (ADW_IS_ENTRY_ROW (_mdl_inspector_get_field (fx->inspector, "firmware")));
  g_assert_true (ADW_IS_ENTRY_ROW (_mdl_inspector_get_field (fx->inspector, "clock-frequency")));
  /* No firmware yet: the editor's problem shows under the field. */
  g_assert_nonnull (_mdl_inspector_get_message (fx->inspector, "firmware"));

  both[0] = ram;
  both[1] = uart;
  mdl_editor_set_selection (fx->editor, both, 2);
  ui_test_spin (50);
  g_assert_cmpstr (_mdl_inspector_get_page (fx->inspector), ==, "multi");

  mdl_editor_set_selection (fx->editor, NULL, 0);
  ui_test_spin (50);
  g_assert_cmpstr (_mdl_inspector_get_page (fx->inspector), ==, "empty");
}

static gboolean
message_shown (gpointer data)
{
  Fixture *fx = data;
  return _mdl_inspector_get_message (fx->inspector, "reg") != NULL;
}

static void
test_inspector_refuses (Fixture *fx, gconstpointer data)
{
  guint cpu, ram, uart, clint, ram2;
  g_autofree char *before = NULL;
  g_autofree char *first_reg = NULL;
  g_autofree char *after = NULL;
  GtkWidget *reg;
  const char *message;

  build_board (fx, &cpu, &ram, &uart, &clint);
  ram2 = add_device (fx, "medley,ram", 432, 560);
  mdl_editor_set_selection (fx->editor, &ram2, 1);
  ui_test_spin (50);
  reg = _mdl_inspector_get_field (fx->inspector, "reg");
  g_assert_nonnull (reg);
  before = prop_text (fx, ram2, "reg");
  g_assert_null (_mdl_inspector_get_message (fx->inspector, "reg"));

  /* Text that is no address: refused after the typing pause, the reason
   * under the field, the field red, the document as it was. */
  gtk_widget_grab_focus (reg);
  gtk_editable_set_text (GTK_EDITABLE (reg), "0x8000zz");
  g_assert_true (ui_test_spin_until (message_shown, fx, 2000));
  message = _mdl_inspector_get_message (fx->inspector, "reg");
  g_test_message ("refused: %s", message);
  g_assert_true (gtk_widget_has_css_class (reg, "error"));
  after = prop_text (fx, ram2, "reg");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reg)), ==, "0x8000zz");
  g_clear_pointer (&after, g_free);

  /* The address of the other memory: the overlap shows in place, whether
   * the editor refuses it or takes it and reports a problem. */
  first_reg = prop_text (fx, ram, "reg");
  gtk_editable_set_text (GTK_EDITABLE (reg), first_reg);
  ui_test_spin (600);
  message = _mdl_inspector_get_message (fx->inspector, "reg");
  g_assert_nonnull (message);
  g_test_message ("overlap: %s", message);
  g_assert_nonnull (strstr (message, "overlap"));
  after = prop_text (fx, ram2, "reg");
  if (g_strcmp0 (after, before) != 0) {
    g_assert_cmpstr (after, ==, first_reg);
    g_assert_true (has_problem (fx, ram2, "reg"));
  }
  ui_test_screenshot (GTK_WIDGET (fx->inspector), "inspector-overlap.png");

  /* Undo gives the old address back and the message goes. */
  if (g_strcmp0 (after, before) != 0) {
    gtk_widget_grab_focus (GTK_WIDGET (fx->canvas));
    mdl_editor_undo (fx->editor);
    ui_test_spin (50);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_mdl_inspector_get_field (fx->inspector, "reg"))),
                     ==, before);
    g_assert_null (_mdl_inspector_get_message (fx->inspector, "reg"));
  }
}

static void
test_inspector_name (Fixture *fx, gconstpointer data)
{
  guint uart = add_device (fx, "ns16550a", 100, 100);
  GtkWidget *name;

  mdl_editor_set_selection (fx->editor, &uart, 1);
  ui_test_spin (50);
  name = _mdl_inspector_get_field (fx->inspector, NULL);
  gtk_editable_set_text (GTK_EDITABLE (name), "console");
  _mdl_inspector_flush (fx->inspector);
  g_assert_cmpstr (mdl_board_doc_find (mdl_editor_get_doc (fx->editor), uart)->name, ==, "console");
}

static void
test_canvas_render (Fixture *fx, gconstpointer data)
{
  guint cpu, ram, uart, clint;
  guint sel[2];
  const MdlBoardDoc *doc;
  guint wire = 0;

  build_board (fx, &cpu, &ram, &uart, &clint);
  doc = mdl_editor_get_doc (fx->editor);
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->from == uart)
      wire = w->id;
  }
  sel[0] = cpu;
  sel[1] = wire | MDL_EDITOR_WIRE_SELECTION;
  mdl_editor_set_selection (fx->editor, sel, 2);
  ui_test_spin (400);   /* past the inspector's crossfade */
  g_assert_cmpstr (_mdl_inspector_get_page (fx->inspector), ==, "form");
  ui_test_screenshot (GTK_WIDGET (fx->canvas), "canvas.png");
  ui_test_screenshot (GTK_WIDGET (fx->window), "canvas-window.png");

  mdl_canvas_zoom_out (fx->canvas);
  g_assert_cmpfloat (mdl_canvas_get_zoom (fx->canvas), <, 1.0);
  ui_test_spin (50);
  ui_test_screenshot (GTK_WIDGET (fx->canvas), "canvas-zoomed-out.png");
  mdl_canvas_zoom_in (fx->canvas);
  mdl_canvas_zoom_in (fx->canvas);
  g_assert_cmpfloat (mdl_canvas_get_zoom (fx->canvas), >, 1.0);
  mdl_canvas_zoom_reset (fx->canvas);
  g_assert_cmpfloat (mdl_canvas_get_zoom (fx->canvas), ==, 1.0);
}

static void
test_canvas_free_position (Fixture *fx, gconstpointer data)
{
  const MdlBoardDoc *doc;

  /* Components added without a position never land on one another. */
  for (int i = 0; i < 6; i++) {
    double x, y;
    mdl_canvas_free_position (fx->canvas, &x, &y);
    g_assert_cmpfloat (x, ==, (double) (gint64) (x / 16) * 16);
    add_device (fx, "ns16550a", x, y);
    ui_test_spin (10);
  }
  doc = mdl_editor_get_doc (fx->editor);
  for (guint i = 0; i < doc->components->len; i++)
    for (guint j = 0; j < i; j++) {
      const MdlComponent *a = g_ptr_array_index (doc->components, i);
      const MdlComponent *b = g_ptr_array_index (doc->components, j);
      g_assert_false (ABS (a->x - b->x) < 208 && ABS (a->y - b->y) < 80);
    }
  ui_test_spin (50);
  ui_test_screenshot (GTK_WIDGET (fx->canvas), "canvas-free-position.png");
}

static void
test_palette (Fixture *fx, gconstpointer data)
{
  ui_test_screenshot (GTK_WIDGET (fx->palette), "palette.png");
}

/* ---- real pointer input, through xdotool on the test's X server ---- */




/* Presses at (x0, y0), moves in steps to (x1, y1), releases. */
static void
drag (GtkWidget *widget, double x0, double y0, double x1, double y1)
{
  ui_test_pointer_to (widget, x0, y0);
  ui_test_xdo ("mousedown 1");
  for (int i = 1; i <= 6; i++)
    ui_test_pointer_to (widget, x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * i / 6);
  ui_test_xdo ("mouseup 1");
}

static void
click (GtkWidget *widget, double x, double y, const char *modifier)
{
  g_autofree char *down = modifier ? g_strdup_printf ("keydown %s", modifier) : NULL;
  g_autofree char *up = modifier ? g_strdup_printf ("keyup %s", modifier) : NULL;

  ui_test_pointer_to (widget, x, y);
  if (down)
    ui_test_xdo (down);
  ui_test_xdo ("click 1");
  if (up)
    ui_test_xdo (up);
  ui_test_spin (300);   /* past the double-click time, so clicks stay single */
}

static gboolean
record_message_cb (MdlCanvas *canvas, const char *message, Fixture *fx)
{
  g_ptr_array_add (fx->messages, g_strdup (message));
  return FALSE;   /* and let the canvas show it too */
}

static gboolean
has_irq_wire (Fixture *fx, guint from, unsigned output, guint to, unsigned input)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (fx->editor);

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->from == from && w->output == output &&
        w->to == to && w->input == input)
      return TRUE;
  }
  return FALSE;
}

static guint
selection_len (Fixture *fx)
{
  return mdl_editor_get_selection (fx->editor)->len;
}

static gboolean
selection_has (Fixture *fx, guint id)
{
  const GArray *sel = mdl_editor_get_selection (fx->editor);

  for (guint i = 0; i < sel->len; i++)
    if (g_array_index (sel, guint, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_canvas_mouse (Fixture *fx, gconstpointer data)
{
  GtkWidget *canvas = GTK_WIDGET (fx->canvas);
  g_autoptr(GError) error = NULL;
  const MdlComponent *c;
  guint cpu, uart, ram, map;
  double x0, y0, x1, y1;

  if (!ui_test_can_drive_pointer ()) {
    g_test_skip ("needs xdotool and an X11 display");
    return;
  }
  g_signal_connect (fx->canvas, "show-message", G_CALLBACK (record_message_cb), fx);

  cpu = add_cluster (fx, "rv32imac", 32, 32);
  uart = add_device (fx, "ns16550a", 400, 48);
  ram = add_device (fx, "medley,ram", 400, 240);
  map = mdl_editor_map (fx->editor, uart, cpu, &error);
  g_assert_no_error (error);
  ui_test_spin (50);

  /* Port to port: the UART's interrupt to the hart's external input. */
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, uart, MDL_CANVAS_PORT_IRQ_OUT, 0, 0, &x0, &y0));
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, cpu, MDL_CANVAS_PORT_IRQ_IN, 11, 0, &x1, &y1));
  drag (canvas, x0, y0, x1 + 3, y1 - 2);   /* near is enough: it snaps */
  g_assert_true (has_irq_wire (fx, uart, 0, cpu, 11));

  /* Bus to bus between two devices: refused, and said so. */
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, ram, MDL_CANVAS_PORT_BUS, 0, 0, &x0, &y0));
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, uart, MDL_CANVAS_PORT_BUS, 0, 0, &x1, &y1));
  drag (canvas, x0, y0, x1, y1);
  g_assert_cmpuint (fx->messages->len, ==, 1);
  g_test_message ("refused: %s", (char *) fx->messages->pdata[0]);
  g_assert_cmpstr (_mdl_canvas_get_toast (fx->canvas), ==, fx->messages->pdata[0]);
  ui_test_spin (50);
  ui_test_screenshot (canvas, "canvas-refused.png");

  /* A click selects, Shift+click extends, a click on empty space clears. */
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, uart, MDL_CANVAS_PORT_BUS, 0, 0, &x0, &y0));
  click (canvas, x0 + 100, y0 - 30, NULL);   /* the UART's header */
  g_assert_cmpuint (selection_len (fx), ==, 1);
  g_assert_true (selection_has (fx, uart));
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, ram, MDL_CANVAS_PORT_BUS, 0, 0, &x1, &y1));
  click (canvas, x1 + 100, y1 - 30, "shift");
  g_assert_cmpuint (selection_len (fx), ==, 2);
  g_assert_true (selection_has (fx, ram));
  click (canvas, 700, 600, NULL);
  g_assert_cmpuint (selection_len (fx), ==, 0);

  /* A click on a wire selects the wire. */
  g_assert_true (_mdl_canvas_get_wire_point (fx->canvas, map, 0.5, &x0, &y0));
  click (canvas, x0, y0, NULL);
  g_assert_cmpuint (selection_len (fx), ==, 1);
  g_assert_true (selection_has (fx, map | MDL_EDITOR_WIRE_SELECTION));

  /* Rubber band from empty space around both devices. */
  drag (canvas, 380, 40, 660, 420);
  g_assert_cmpuint (selection_len (fx), ==, 2);
  g_assert_true (selection_has (fx, uart) && selection_has (fx, ram));

  /* Dragging one selected card moves the whole selection, on the grid,
   * as one undo step. */
  g_assert_true (_mdl_canvas_get_port_position (fx->canvas, uart, MDL_CANVAS_PORT_BUS, 0, 0, &x0, &y0));
  drag (canvas, x0 + 100, y0 - 30, x0 + 100 + 101, y0 - 30 + 47);
  c = mdl_board_doc_find (mdl_editor_get_doc (fx->editor), uart);
  g_assert_cmpfloat (c->x, ==, 400 + 96);
  g_assert_cmpfloat (c->y, ==, 48 + 48);
  c = mdl_board_doc_find (mdl_editor_get_doc (fx->editor), ram);
  g_assert_cmpfloat (c->x, ==, 400 + 96);
  mdl_editor_undo (fx->editor);
  c = mdl_board_doc_find (mdl_editor_get_doc (fx->editor), uart);
  g_assert_cmpfloat (c->x, ==, 400);
  c = mdl_board_doc_find (mdl_editor_get_doc (fx->editor), ram);
  g_assert_cmpfloat (c->x, ==, 400);
  g_assert_true (has_irq_wire (fx, uart, 0, cpu, 11));

  /* Ctrl+wheel zooms around the pointer. */
  ui_test_pointer_to (canvas, 300, 300);
  ui_test_xdo ("keydown ctrl");
  ui_test_xdo ("click 4");
  ui_test_xdo ("keyup ctrl");
  g_assert_cmpfloat (mdl_canvas_get_zoom (fx->canvas), >, 1.0);
}

static GtkWidget *
find_palette_row (GtkWidget *widget, const char *spec)
{
  if (GTK_IS_LIST_BOX_ROW (widget) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (widget), "mdl-palette-spec"), spec) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child)) {
    GtkWidget *found = find_palette_row (child, spec);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child)) {
    GtkWidget *found = find_search_entry (child);
    if (found != NULL)
      return found;
  }
  return NULL;
}

static void
add_component_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  Fixture *fx = data;
  g_ptr_array_add (fx->messages, g_variant_dup_string (param, NULL));
}

static void
test_palette_mouse (Fixture *fx, gconstpointer data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("add-component", G_VARIANT_TYPE_STRING);
  GtkWidget *row;
  const MdlBoardDoc *doc;
  const MdlComponent *c;
  double w, h;

  if (!ui_test_can_drive_pointer ()) {
    g_test_skip ("needs xdotool and an X11 display");
    return;
  }
  /* The window's action, as MdlWindow defines it. */
  g_signal_connect (action, "activate", G_CALLBACK (add_component_cb), fx);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fx->window), "win", G_ACTION_GROUP (group));

  /* Filter first, so the row is on screen however many classes the
   * palette lists above it. */
  gtk_editable_set_text (GTK_EDITABLE (find_search_entry (GTK_WIDGET (fx->palette))), "16550");
  ui_test_spin (400);
  row = find_palette_row (GTK_WIDGET (fx->palette), "device:ns16550a");
  g_assert_nonnull (row);
  w = gtk_widget_get_width (row);
  h = gtk_widget_get_height (row);

  /* Double-click: the window's action with the row's string. */
  ui_test_pointer_to (row, w / 2, h / 2);
  ui_test_xdo ("click --repeat 2 --delay 80 1");
  ui_test_spin (100);
  g_assert_cmpuint (fx->messages->len, ==, 1);
  g_assert_cmpstr (fx->messages->pdata[0], ==, "device:ns16550a");
  ui_test_spin (300);

  /* Drag and drop onto the canvas: a UART where it was dropped. */
  ui_test_pointer_to (row, w / 2, h / 2);
  ui_test_xdo ("mousedown 1");
  for (int i = 1; i <= 10; i++)
    ui_test_pointer_to (row, w / 2 + i * 40, h / 2 + i * 20);
  ui_test_pointer_to (GTK_WIDGET (fx->canvas), 400, 300);
  ui_test_spin (100);
  ui_test_xdo ("mouseup 1");
  ui_test_spin (200);
  doc = mdl_editor_get_doc (fx->editor);
  g_assert_cmpuint (doc->components->len, ==, 1);
  c = g_ptr_array_index (doc->components, 0);
  g_assert_true (c->dev_cls == mdl_registry_find_device ("ns16550a"));
  /* Held by the middle of its header, snapped to the grid. */
  g_assert_cmpfloat (fabs (c->x + 24 + 104 - 400), <=, 8);
  g_assert_cmpfloat (fabs (c->y + 24 + 28 - 300), <=, 8);
  g_assert_true (selection_has (fx, c->id));
}

/* A wire whose straight path would run under a card goes around it in
 * horizontal and vertical runs, a click on one of its runs selects it,
 * and where no way around exists it is a straight line. */
static void
test_canvas_routes (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint cpu, ram, uart, map;
  const Route *route;
  graphene_rect_t ram_rect;
  gboolean vertical_run = FALSE;

  cpu = add_cluster (fx, "rv32imac", 32, 32);
  ram = add_device (fx, "medley,ram", 352, 48);
  uart = add_device (fx, "ns16550a", 672, 32);
  map = mdl_editor_map (fx->editor, uart, cpu, &error);
  g_assert_no_error (error);
  ui_test_spin (50);

  route = _mdl_canvas_find_route (fx->canvas, map);
  g_assert_nonnull (route);
  g_assert_true (route->routed);
  g_assert_cmpuint (route->points->len, >, 2);
  g_assert_true (_mdl_canvas_get_card_rect (fx->canvas, ram, &ram_rect));
  for (guint k = 0; k + 1 < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k), *q = p + 1;
    g_assert_true (p->x == q->x || p->y == q->y);
    g_assert_false (_mdl_canvas_segment_crosses_card (&ram_rect, p->x, p->y, q->x, q->y));
    vertical_run |= p->x == q->x;
  }
  g_assert_true (vertical_run);
  ui_test_screenshot (GTK_WIDGET (fx->canvas), "canvas-routed.png");

  if (ui_test_can_drive_pointer ()) {
    /* The middle of the first vertical run, away from the ports. */
    for (guint k = 0; k + 1 < route->points->len; k++) {
      const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k), *q = p + 1;
      if (p->x == q->x) {
        double x = p->x * fx->canvas->zoom + fx->canvas->pan_x;
        double y = (p->y + q->y) / 2 * fx->canvas->zoom + fx->canvas->pan_y;
        click (GTK_WIDGET (fx->canvas), x, y, NULL);
        break;
      }
    }
    g_assert_cmpuint (selection_len (fx), ==, 1);
    g_assert_true (selection_has (fx, map | MDL_EDITOR_WIRE_SELECTION));
  }

  /* The memory over the UART's port: no way out of it, a straight line. */
  mdl_editor_move (fx->editor, ram, 480, 48);
  ui_test_spin (50);
  route = _mdl_canvas_find_route (fx->canvas, map);
  g_assert_nonnull (route);
  g_assert_false (route->routed);
  g_assert_cmpuint (route->points->len, ==, 2);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  mdl_register_resource ();
  (void) medley_icons_get_resource ();   /* links the icons in (registered on load) */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/medley/Medley/icons");
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  g_test_add ("/ui/inspector/pages", Fixture, NULL, fixture_setup, test_inspector_pages, fixture_teardown);
  g_test_add ("/ui/inspector/refuses", Fixture, NULL, fixture_setup, test_inspector_refuses, fixture_teardown);
  g_test_add ("/ui/inspector/name", Fixture, NULL, fixture_setup, test_inspector_name, fixture_teardown);
  g_test_add ("/ui/canvas/render", Fixture, NULL, fixture_setup, test_canvas_render, fixture_teardown);
  g_test_add ("/ui/canvas/free-position", Fixture, NULL, fixture_setup, test_canvas_free_position, fixture_teardown);
  g_test_add ("/ui/canvas/routes", Fixture, NULL, fixture_setup, test_canvas_routes, fixture_teardown);
  g_test_add ("/ui/canvas/mouse", Fixture, NULL, fixture_setup, test_canvas_mouse, fixture_teardown);
  g_test_add ("/ui/palette/mouse", Fixture, NULL, fixture_setup, test_palette_mouse, fixture_teardown);
  g_test_add ("/ui/palette/render", Fixture, NULL, fixture_setup, test_palette, fixture_teardown);
  return g_test_run ();
}
