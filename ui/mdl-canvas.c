/* MdlCanvas: the GObject, its API, the editor it shows and the view.
 *
 * The view maps canvas coordinates to widget coordinates by
 * widget = canvas * zoom + pan; the editor's "changed" drops the cached
 * layout (mdl-canvas-layout.c) and a load of another board frames it.
 * The other files of the canvas are listed in mdl-canvas-private.h.
 */
#define G_LOG_DOMAIN "medley-canvas"

#include <math.h>

#include "mdl-canvas-private.h"

G_DEFINE_FINAL_TYPE (MdlCanvas, mdl_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SHOW_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static void
clear_card (gpointer data)
{
  Card *card = data;
  g_free (card->title);
  g_free (card->subtitle);
}

static void
clear_port (gpointer data)
{
  Port *port = data;
  g_free (port->label);
}

static void
clear_route (gpointer data)
{
  Route *route = data;
  g_clear_pointer (&route->points, g_array_unref);
}

static void
clear_pins_link (gpointer data)
{
  PinsLink *link = data;
  g_free (link->name);
}

void
_mdl_canvas_widget_to_canvas (MdlCanvas *self, double wx, double wy, double *cx, double *cy)
{
  *cx = (wx - self->pan_x) / self->zoom;
  *cy = (wy - self->pan_y) / self->zoom;
}

gboolean
_mdl_canvas_selection_contains (MdlCanvas *self, guint id)
{
  const GArray *sel;

  if (self->editor == NULL)
    return FALSE;
  sel = mdl_editor_get_selection (self->editor);
  for (guint i = 0; sel != NULL && i < sel->len; i++)
    if (g_array_index (sel, guint, i) == id)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Messages                                                           */

static gboolean
toast_timeout_cb (gpointer data)
{
  MdlCanvas *self = data;

  self->toast_source = 0;
  g_clear_pointer (&self->toast, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
_mdl_canvas_show_message (MdlCanvas *self, const char *message)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SHOW_MESSAGE], 0, message, &handled);
  if (handled)
    return;

  g_free (self->toast);
  self->toast = g_strdup (message);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  self->toast_source = g_timeout_add (TOAST_MS, toast_timeout_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* View                                                               */

void
_mdl_canvas_zoom_at (MdlCanvas *self, double wx, double wy, double zoom)
{
  double cx, cy;

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  _mdl_canvas_widget_to_canvas (self, wx, wy, &cx, &cy);
  self->zoom = zoom;
  self->fitted = FALSE;
  self->pan_x = wx - cx * zoom;
  self->pan_y = wy - cy * zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Frames every card, never enlarging past 1:1. */
static void
fit (MdlCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  const double margin = 32;
  /* The window lays its zoom buttons over the canvas's bottom right
   * corner: keep the board clear of them. */
  const double bottom = 64;
  graphene_rect_t box;

  self->fit_pending = FALSE;
  self->fitted = TRUE;
  self->fitted_width = (int) width;
  self->fitted_height = (int) height;
  _mdl_canvas_ensure_layout (self);
  if (self->cards->len == 0) {
    self->zoom = 1.0;
    self->pan_x = self->pan_y = 24;
  } else {
    box = g_array_index (self->cards, Card, 0).rect;
    for (guint i = 1; i < self->cards->len; i++)
      graphene_rect_union (&box, &g_array_index (self->cards, Card, i).rect, &box);
    self->zoom = MIN (1.0, MIN ((width - 2 * margin) / box.size.width,
                                (height - margin - bottom) / box.size.height));
    self->zoom = CLAMP (self->zoom, ZOOM_MIN, ZOOM_MAX);
    self->pan_x = floor ((width - box.size.width * self->zoom) / 2 - box.origin.x * self->zoom);
    self->pan_y = floor ((height - bottom + margin - box.size.height * self->zoom) / 2
                         - box.origin.y * self->zoom);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mdl_canvas_zoom_fit (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    fit (self);
  else
    self->fit_pending = TRUE;
}

static void
mdl_canvas_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  /* The canvas is a window onto an unbounded plane: it needs nothing and
   * would like a comfortable area. */
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 420;
}

static void
mdl_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  MdlCanvas *self = MDL_CANVAS (widget);

  /* Until the user zooms or pans, the board stays framed as the canvas
   * grows or shrinks (panes moved, window resized). */
  if (width <= 0 || height <= 0)
    return;
  if (self->fit_pending
      || (self->fitted && (width != self->fitted_width || height != self->fitted_height)))
    fit (self);
}

void
mdl_canvas_zoom_in (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  _mdl_canvas_zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, self->zoom * ZOOM_STEP);
}

void
mdl_canvas_zoom_out (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  _mdl_canvas_zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, self->zoom / ZOOM_STEP);
}

void
mdl_canvas_zoom_reset (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  _mdl_canvas_zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, 1.0);
}

double
mdl_canvas_get_zoom (MdlCanvas *self)
{
  g_return_val_if_fail (MDL_IS_CANVAS (self), 1.0);
  return self->zoom;
}

/* ------------------------------------------------------------------ */
/* Editor                                                             */

static void
invalidate_layout (MdlCanvas *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
editor_changed_cb (MdlEditor *editor, MdlCanvas *self)
{
  invalidate_layout (self);
}

static void
editor_path_cb (MdlEditor *editor, GParamSpec *pspec, MdlCanvas *self)
{
  g_autofree char *signature = _mdl_canvas_doc_signature (mdl_editor_get_doc (editor));

  if (g_strcmp0 (signature, self->signature) != 0)
    mdl_canvas_zoom_fit (self);
}

static void
editor_selection_changed_cb (MdlEditor *editor, MdlCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

MdlEditor *
mdl_canvas_get_editor (MdlCanvas *self)
{
  g_return_val_if_fail (MDL_IS_CANVAS (self), NULL);
  return self->editor;
}

void
mdl_canvas_set_editor (MdlCanvas *self, MdlEditor *editor)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  g_return_if_fail (editor == NULL || MDL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;
  if (self->editor != NULL) {
    g_clear_signal_handler (&self->changed_id, self->editor);
    g_clear_signal_handler (&self->selection_id, self->editor);
    g_clear_signal_handler (&self->path_id, self->editor);
    g_clear_object (&self->editor);
  }
  self->drag = DRAG_NONE;
  if (editor != NULL) {
    self->editor = g_object_ref (editor);
    self->changed_id = g_signal_connect (editor, "changed",
                                         G_CALLBACK (editor_changed_cb), self);
    self->selection_id = g_signal_connect (editor, "selection-changed",
                                           G_CALLBACK (editor_selection_changed_cb), self);
    self->path_id = g_signal_connect (editor, "notify::path", G_CALLBACK (editor_path_cb), self);
  }
  invalidate_layout (self);
  if (editor != NULL)
    mdl_canvas_zoom_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

GtkWidget *
mdl_canvas_new (MdlEditor *editor)
{
  return g_object_new (MDL_TYPE_CANVAS, "editor", editor, NULL);
}

/* ------------------------------------------------------------------ */
/* For the tests                                                      */

gboolean
_mdl_canvas_get_port_position (MdlCanvas *self, guint component, MdlCanvasPortKind kind,
                               unsigned index, unsigned hart, double *x, double *y)
{
  int i;
  const Port *p;

  _mdl_canvas_ensure_layout (self);
  if ((i = _mdl_canvas_find_port (self, (PortKind) kind, component, index, hart)) < 0)
    return FALSE;
  p = &g_array_index (self->ports, Port, i);
  *x = p->x * self->zoom + self->pan_x;
  *y = p->y * self->zoom + self->pan_y;
  return TRUE;
}

gboolean
_mdl_canvas_get_wire_point (MdlCanvas *self, guint wire_id, double t, double *x, double *y)
{
  const Route *route = _mdl_canvas_find_route (self, wire_id);

  if (route == NULL)
    return FALSE;
  _mdl_canvas_route_point (route, t, x, y);
  *x = *x * self->zoom + self->pan_x;
  *y = *y * self->zoom + self->pan_y;
  return TRUE;
}

const GArray *
_mdl_canvas_get_routes (MdlCanvas *self, gint64 *usec)
{
  _mdl_canvas_ensure_routes (self);
  if (usec != NULL)
    *usec = self->route_usec;
  return self->routes;
}

gboolean
_mdl_canvas_get_card_rect (MdlCanvas *self, guint component, graphene_rect_t *rect)
{
  const Card *card;

  _mdl_canvas_ensure_layout (self);
  if ((card = _mdl_canvas_find_card (self, component)) == NULL)
    return FALSE;
  *rect = card->rect;
  return TRUE;
}

const char *
_mdl_canvas_get_toast (MdlCanvas *self)
{
  return self->toast;
}

gboolean
_mdl_canvas_get_part_point (MdlCanvas *self, guint component, double *x, double *y)
{
  const Card *card;

  _mdl_canvas_ensure_layout (self);
  if ((card = _mdl_canvas_find_card (self, component)) == NULL || card->part == MDL_PART_KIND_NONE)
    return FALSE;
  *x = (card->control.origin.x + card->control.size.width / 2) * self->zoom + self->pan_x;
  *y = (card->control.origin.y + card->control.size.height / 2) * self->zoom + self->pan_y;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
mdl_canvas_dispose (GObject *object)
{
  MdlCanvas *self = MDL_CANVAS (object);

  if (self->session != NULL)
    mdl_canvas_set_session (self, NULL);
  mdl_canvas_set_editor (self, NULL);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  G_OBJECT_CLASS (mdl_canvas_parent_class)->dispose (object);
}

static void
mdl_canvas_finalize (GObject *object)
{
  MdlCanvas *self = MDL_CANVAS (object);

  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->ports, g_array_unref);
  g_clear_pointer (&self->routes, g_array_unref);
  g_clear_pointer (&self->move_ids, g_array_unref);
  g_clear_pointer (&self->move_origin, g_array_unref);
  g_clear_pointer (&self->rubber_base, g_array_unref);
  g_clear_pointer (&self->pins_links, g_array_unref);
  g_clear_pointer (&self->toast, g_free);
  g_clear_pointer (&self->signature, g_free);
  G_OBJECT_CLASS (mdl_canvas_parent_class)->finalize (object);
}

static void
mdl_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdlCanvas *self = MDL_CANVAS (object);

  switch (prop_id) {
  case PROP_EDITOR:
    g_value_set_object (value, self->editor);
    break;
  case PROP_ZOOM:
    g_value_set_double (value, self->zoom);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdlCanvas *self = MDL_CANVAS (object);

  switch (prop_id) {
  case PROP_EDITOR:
    mdl_canvas_set_editor (self, g_value_get_object (value));
    break;
  case PROP_ZOOM:
    _mdl_canvas_zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0,
                         g_value_get_double (value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_canvas_class_init (MdlCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_canvas_dispose;
  object_class->finalize = mdl_canvas_finalize;
  object_class->get_property = mdl_canvas_get_property;
  object_class->set_property = mdl_canvas_set_property;

  widget_class->snapshot = _mdl_canvas_snapshot;
  widget_class->measure = mdl_canvas_measure;
  widget_class->size_allocate = mdl_canvas_size_allocate;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, MDL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdlCanvas::show-message:
   * @message: why an edit was refused, ready to show
   *
   * Returns: %TRUE when a handler showed the message; otherwise the canvas
   * shows it itself.
   */
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "mdlcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mdl_canvas_init (MdlCanvas *self)
{
  self->zoom = 1.0;
  self->pan_x = 24;
  self->pan_y = 24;
  self->wire_from = self->wire_hover = -1;
  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, clear_card);
  self->ports = g_array_new (FALSE, TRUE, sizeof (Port));
  g_array_set_clear_func (self->ports, clear_port);
  self->routes = g_array_new (FALSE, TRUE, sizeof (Route));
  g_array_set_clear_func (self->routes, clear_route);
  self->move_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->move_origin = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  self->rubber_base = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pins_links = g_array_new (FALSE, TRUE, sizeof (PinsLink));
  g_array_set_clear_func (self->pins_links, clear_pins_link);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _mdl_canvas_init_input (self);
}
