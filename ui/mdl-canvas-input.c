/* MdlCanvas: input.  The primary button selects (click, Shift/Ctrl-click,
 * rubber band), moves the selection, draws wires from port to port and
 * presses the buttons and switches of a running board; the middle button,
 * scrolling and Space + drag pan; Ctrl + scroll and pinches zoom; strings
 * dropped from the palette add components. */
#define G_LOG_DOMAIN "medley-canvas"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-canvas-private.h"
#include "engine/registry.h"

/* ------------------------------------------------------------------ */
/* Selection and connections                                          */

static void
set_selection (MdlCanvas *self, GArray *ids)
{
  mdl_editor_set_selection (self->editor,
                            ids ? (const guint *) (gpointer) ids->data : NULL,
                            ids ? ids->len : 0);
}

static void
select_one (MdlCanvas *self, guint id)
{
  mdl_editor_set_selection (self->editor, &id, 1);
}

/* Adds @id to the selection, or removes it when @toggle and present. */
static void
extend_selection (MdlCanvas *self, guint id, gboolean toggle)
{
  const GArray *sel = mdl_editor_get_selection (self->editor);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean found = FALSE;

  for (guint i = 0; sel != NULL && i < sel->len; i++) {
    guint s = g_array_index (sel, guint, i);
    if (s == id) {
      found = TRUE;
      if (toggle)
        continue;
    }
    g_array_append_val (ids, s);
  }
  if (!found)
    g_array_append_val (ids, id);
  set_selection (self, ids);
}

static void
connect_ports (MdlCanvas *self, const Port *a, const Port *b)
{
  g_autoptr(GError) error = NULL;
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const char *why;
  guint wire;

  if (!_mdl_canvas_ports_compatible (self, a, b, &why)) {
    if (why != NULL)
      _mdl_canvas_show_message (self, why);
    return;
  }

  if (a->kind == PORT_BUS) {
    const MdlComponent *ca = mdl_board_doc_find (doc, a->component);
    guint device = ca->kind == MDL_COMPONENT_DEVICE ? a->component : b->component;
    guint cluster = ca->kind == MDL_COMPONENT_DEVICE ? b->component : a->component;
    wire = mdl_editor_map (self->editor, device, cluster, &error);
  } else {
    const Port *out = a->kind == PORT_IRQ_OUT ? a : b;
    const Port *in = a->kind == PORT_IRQ_OUT ? b : a;
    /* Copy before the edit: the layout is rebuilt when it lands. */
    guint dev = out->component, target = in->component;
    unsigned output = out->index, input = in->index, hart = in->hart;
    wire = mdl_editor_wire_irq (self->editor, dev, output, target, input, hart, &error);
  }

  if (wire == 0)
    _mdl_canvas_show_message (self, error ? error->message : _("The connection was refused"));
  else
    select_one (self, wire | MDL_EDITOR_WIRE_SELECTION);
}

/* ------------------------------------------------------------------ */
/* Pointer                                                            */

static void
update_cursor (MdlCanvas *self)
{
  const char *name = NULL;
  double cx, cy;

  if (self->drag == DRAG_PAN)
    name = "grabbing";
  else if (self->space_held)
    name = "grab";
  else if (self->drag == DRAG_WIRE)
    name = "crosshair";
  else if (self->drag == DRAG_CARD && self->drag_moved)
    name = "move";
  else if (self->editor != NULL && self->pointer_inside) {
    _mdl_canvas_ensure_layout (self);
    _mdl_canvas_widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
    if (_mdl_canvas_hit_part_control (self, cx, cy) != NULL)
      name = "pointer";
    else if (_mdl_canvas_hit_port (self, cx, cy) >= 0)
      name = "crosshair";
    else if (_mdl_canvas_hit_card (self, cx, cy) == NULL
             && _mdl_canvas_hit_wire (self, cx, cy) != 0)
      name = "pointer";
  }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
begin_move (MdlCanvas *self)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const GArray *sel = mdl_editor_get_selection (self->editor);

  g_array_set_size (self->move_ids, 0);
  g_array_set_size (self->move_origin, 0);
  for (guint i = 0; sel != NULL && i < sel->len; i++) {
    guint id = g_array_index (sel, guint, i);
    const MdlComponent *c;
    graphene_point_t origin;

    if (id & MDL_EDITOR_WIRE_SELECTION)
      continue;
    if ((c = mdl_board_doc_find (doc, id)) == NULL)
      continue;
    origin = GRAPHENE_POINT_INIT (c->x, c->y);
    g_array_append_val (self->move_ids, id);
    g_array_append_val (self->move_origin, origin);
  }
  mdl_editor_begin_move (self->editor);
}

static void
update_move (MdlCanvas *self)
{
  double dx = self->drag_dx / self->zoom, dy = self->drag_dy / self->zoom;

  for (guint i = 0; i < self->move_ids->len; i++) {
    const graphene_point_t *o = &g_array_index (self->move_origin, graphene_point_t, i);
    mdl_editor_move (self->editor, g_array_index (self->move_ids, guint, i),
                     _mdl_canvas_snap (o->x + dx), _mdl_canvas_snap (o->y + dy));
  }
}

static void
update_rubber_band (MdlCanvas *self)
{
  g_autoptr(GArray) ids = g_array_copy (self->rubber_base);
  graphene_rect_t band;
  double x0, y0, x1, y1;

  _mdl_canvas_widget_to_canvas (self, self->drag_start_x, self->drag_start_y, &x0, &y0);
  _mdl_canvas_widget_to_canvas (self, self->drag_start_x + self->drag_dx,
                                self->drag_start_y + self->drag_dy, &x1, &y1);
  graphene_rect_init (&band, x0, y0, x1 - x0, y1 - y0);
  graphene_rect_normalize (&band);

  for (guint i = 0; i < self->cards->len; i++) {
    const Card *card = &g_array_index (self->cards, Card, i);
    gboolean present = FALSE;
    if (!graphene_rect_intersection (&band, &card->rect, NULL))
      continue;
    for (guint j = 0; j < ids->len && !present; j++)
      present = g_array_index (ids, guint, j) == card->id;
    if (!present)
      g_array_append_val (ids, card->id);
  }
  set_selection (self, ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The compatible port nearest to the pointer during a wire drag. */
static int
wire_target (MdlCanvas *self)
{
  const Port *from = &g_array_index (self->ports, Port, self->wire_from);
  double cx, cy, best = SNAP_PORT / self->zoom;
  int found = -1;

  _mdl_canvas_widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    const char *why;
    double d = hypot (cx - p->x, cy - p->y);
    if ((int) i != self->wire_from && d <= best
        && _mdl_canvas_ports_compatible (self, from, p, &why)) {
      best = d;
      found = i;
    }
  }
  return found;
}

/* The incompatible port under the pointer, to say why it was refused. */
static int
wire_refused_target (MdlCanvas *self)
{
  double cx, cy;
  int hit;

  _mdl_canvas_widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
  hit = _mdl_canvas_hit_port (self, cx, cy);
  return hit == self->wire_from ? -1 : hit;
}

static void
primary_drag_begin_cb (GtkGestureDrag *gesture, double x, double y, MdlCanvas *self)
{
  GdkModifierType state;
  double cx, cy;
  int port;
  const Card *card;
  guint wire;

  g_assert (MDL_IS_CANVAS (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag = DRAG_NONE;
  self->drag_start_x = self->pointer_x = x;
  self->drag_start_y = self->pointer_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_moved = FALSE;
  self->wire_from = self->wire_hover = -1;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  self->drag_extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;

  if (self->space_held || self->editor == NULL) {
    self->drag = DRAG_PAN;
    self->pan_origin_x = self->pan_x;
    self->pan_origin_y = self->pan_y;
    update_cursor (self);
    return;
  }

  _mdl_canvas_ensure_layout (self);
  _mdl_canvas_widget_to_canvas (self, x, y, &cx, &cy);

  /* While the board runs, a button or switch is pressed, not selected. */
  if ((card = _mdl_canvas_hit_part_control (self, cx, cy)) != NULL) {
    self->drag = DRAG_PART;
    self->drag_card = card->id;
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    _mdl_canvas_press_part (self, self->drag_card, TRUE);
    update_cursor (self);
    return;
  }

  if ((port = _mdl_canvas_hit_port (self, cx, cy)) >= 0) {
    self->drag = DRAG_WIRE;
    self->wire_from = port;
    self->drag_card = g_array_index (self->ports, Port, port).component;
    gtk_widget_queue_draw (GTK_WIDGET (self));
  } else if ((card = _mdl_canvas_hit_card (self, cx, cy)) != NULL) {
    guint id = card->id;

    self->drag = DRAG_CARD;
    self->drag_card = id;
    self->drag_toggle = FALSE;
    if (!_mdl_canvas_selection_contains (self, id)) {
      if (self->drag_extend)
        extend_selection (self, id, FALSE);
      else
        select_one (self, id);
    } else
      /* Pressing a selected card keeps the selection so that all of it
       * moves; the click is decided on release. */
      self->drag_toggle = TRUE;
  } else if ((wire = _mdl_canvas_hit_wire (self, cx, cy)) != 0) {
    if (self->drag_extend)
      extend_selection (self, wire | MDL_EDITOR_WIRE_SELECTION, TRUE);
    else
      select_one (self, wire | MDL_EDITOR_WIRE_SELECTION);
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  } else {
    const GArray *sel = mdl_editor_get_selection (self->editor);

    self->drag = DRAG_RUBBER;
    g_array_set_size (self->rubber_base, 0);
    if (self->drag_extend && sel != NULL)
      g_array_append_vals (self->rubber_base, sel->data, sel->len);
  }
  update_cursor (self);
}

static void
primary_drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, MdlCanvas *self)
{
  g_assert (MDL_IS_CANVAS (self));

  self->drag_dx = dx;
  self->drag_dy = dy;
  self->pointer_x = self->drag_start_x + dx;
  self->pointer_y = self->drag_start_y + dy;
  if (!self->drag_moved && hypot (dx, dy) < DRAG_SLOP)
    return;

  if (!self->drag_moved) {
    self->drag_moved = TRUE;
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    if (self->drag == DRAG_CARD)
      begin_move (self);
  }

  switch (self->drag) {
  case DRAG_PAN:
    self->pan_x = self->pan_origin_x + dx;
    self->pan_y = self->pan_origin_y + dy;
    self->fitted = FALSE;
    gtk_widget_queue_draw (GTK_WIDGET (self));
    break;
  case DRAG_CARD:
    update_move (self);
    break;
  case DRAG_RUBBER:
    update_rubber_band (self);
    break;
  case DRAG_WIRE:
    self->wire_hover = wire_target (self);
    gtk_widget_queue_draw (GTK_WIDGET (self));
    break;
  case DRAG_NONE:
  default:
    break;
  }
  update_cursor (self);
}

static void
primary_drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, MdlCanvas *self)
{
  DragMode mode = self->drag;

  g_assert (MDL_IS_CANVAS (self));

  self->drag = DRAG_NONE;
  switch (mode) {
  case DRAG_CARD:
    if (self->drag_moved)
      mdl_editor_end_move (self->editor);
    else if (self->drag_toggle && self->drag_extend)
      extend_selection (self, self->drag_card, TRUE);
    else if (self->drag_toggle)
      select_one (self, self->drag_card);
    break;

  case DRAG_RUBBER:
    if (!self->drag_moved && !self->drag_extend)
      mdl_editor_set_selection (self->editor, NULL, 0);
    break;

  case DRAG_WIRE:
    if (!self->drag_moved) {
      /* A click on a port selects its card. */
      if (self->drag_extend)
        extend_selection (self, self->drag_card, TRUE);
      else
        select_one (self, self->drag_card);
    } else if (self->wire_hover >= 0) {
      Port a = g_array_index (self->ports, Port, self->wire_from);
      Port b = g_array_index (self->ports, Port, self->wire_hover);
      connect_ports (self, &a, &b);
    } else {
      int refused = wire_refused_target (self);
      if (refused >= 0) {
        Port a = g_array_index (self->ports, Port, self->wire_from);
        Port b = g_array_index (self->ports, Port, refused);
        connect_ports (self, &a, &b);  /* reports why */
      }
    }
    break;

  case DRAG_PART:
    _mdl_canvas_press_part (self, self->drag_card, FALSE);
    break;

  case DRAG_PAN:
  case DRAG_NONE:
  default:
    break;
  }

  self->wire_from = self->wire_hover = -1;
  self->drag_moved = FALSE;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
middle_drag_begin_cb (GtkGestureDrag *gesture, double x, double y, MdlCanvas *self)
{
  g_assert (MDL_IS_CANVAS (self));

  self->mid_origin_x = self->pan_x;
  self->mid_origin_y = self->pan_y;
  self->drag = DRAG_PAN;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  update_cursor (self);
}

static void
middle_drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, MdlCanvas *self)
{
  self->pan_x = self->mid_origin_x + dx;
  self->pan_y = self->mid_origin_y + dy;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
middle_drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, MdlCanvas *self)
{
  self->drag = DRAG_NONE;
  update_cursor (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, MdlCanvas *self)
{
  GdkModifierType state;
  double unit = 1.0;

  g_assert (MDL_IS_CANVAS (self));

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if (state & GDK_CONTROL_MASK) {
    double x
      = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
    double y
      = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    _mdl_canvas_zoom_at (self, x, y, self->zoom * pow (1.15, -dy));
    return TRUE;
  }

  /* Wheels report notches, touchpads report pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    unit = 48.0;
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  self->pan_x -= dx * unit;
  self->pan_y -= dy * unit;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, MdlCanvas *self)
{
  self->pinch_zoom0 = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture, double scale, MdlCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
    y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  _mdl_canvas_zoom_at (self, x, y, self->pinch_zoom0 * scale);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, MdlCanvas *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->drag == DRAG_NONE)
    update_cursor (self);
}

static void
leave_cb (GtkEventControllerMotion *controller, MdlCanvas *self)
{
  self->pointer_inside = FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, MdlCanvas *self)
{
  if (keyval == GDK_KEY_space) {
    self->space_held = TRUE;
    update_cursor (self);
    return TRUE;
  }
  if (keyval == GDK_KEY_Escape && self->drag == DRAG_WIRE) {
    self->drag = DRAG_NONE;
    self->wire_from = self->wire_hover = -1;
    gtk_widget_queue_draw (GTK_WIDGET (self));
    return TRUE;
  }
  /* Everything else (Delete, Ctrl+Z...) is the window's. */
  return FALSE;
}

static void
key_released_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                 GdkModifierType state, MdlCanvas *self)
{
  if (keyval == GDK_KEY_space) {
    self->space_held = FALSE;
    update_cursor (self);
  }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller, MdlCanvas *self)
{
  /* The release of Space may go elsewhere. */
  self->space_held = FALSE;
}

/* ------------------------------------------------------------------ */
/* Drop from the palette                                              */

static void
drop_position (MdlCanvas *self, double x, double y, double *cx, double *cy)
{
  _mdl_canvas_widget_to_canvas (self, x, y, cx, cy);
  /* The pointer holds the card by the middle of its header. */
  *cx = _mdl_canvas_snap (*cx - CARD_W / 2);
  *cy = _mdl_canvas_snap (*cy - HEADER_H / 2);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target, double x, double y, MdlCanvas *self)
{
  drop_position (self, x, y, &self->drop_x, &self->drop_y);
  self->drop_ghost = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target, MdlCanvas *self)
{
  self->drop_ghost = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, MdlCanvas *self)
{
  const char *what = g_value_get_string (value);
  double cx, cy;
  guint id = 0;

  g_assert (MDL_IS_CANVAS (self));

  self->drop_ghost = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor == NULL || what == NULL)
    return FALSE;

  drop_position (self, x, y, &cx, &cy);
  if (g_str_has_prefix (what, "cpu:")) {
    const MdlCpuClass *cls = mdl_registry_find_cpu_by_name (what + 4);
    if (cls != NULL)
      id = mdl_editor_add_cluster (self->editor, cls, cx, cy);
  } else if (g_str_has_prefix (what, "device:")) {
    const MdlDeviceClass *cls = mdl_registry_find_device (what + 7);
    if (cls != NULL)
      id = mdl_editor_add_device (self->editor, cls, cx, cy);
  }

  if (id == 0) {
    g_autofree char *msg = g_strdup_printf (_("“%s” is not a known CPU or device"), what);
    _mdl_canvas_show_message (self, msg);
    return FALSE;
  }
  select_one (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

void
_mdl_canvas_init_input (MdlCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDropTarget *drop;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (primary_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (primary_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (primary_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (middle_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (middle_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (middle_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
