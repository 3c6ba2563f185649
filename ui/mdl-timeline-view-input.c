/* MdlTimelineView: input.  A click on a mark or a state bar opens a
 * popover with the details of what was drawn there (a merged group shows
 * all its records); scrolling and dragging pan, Ctrl + scroll and +/-
 * zoom, End follows the live end again. */
#define G_LOG_DOMAIN "medley-timeline"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-timeline-view-private.h"

/* ---- details ---- */

/* The popover's content while it is built: a grid of rows, the same rows
 * as text (for the tests), and what goes under the grid, if anything. */
typedef struct {
  GtkGrid   *grid;
  int        row;
  GString   *text;
  GtkWidget *block;
} Details;

static void
detail_row (Details *out, const char *key, const char *value)
{
  GtkWidget *k = gtk_label_new (key);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (k), 0);
  gtk_label_set_yalign (GTK_LABEL (k), 0);
  gtk_widget_add_css_class (k, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (v), 36);
  gtk_widget_add_css_class (v, "numeric");
  gtk_grid_attach (out->grid, k, 0, out->row, 1, 1);
  gtk_grid_attach (out->grid, v, 1, out->row, 1, 1);
  out->row++;
  g_string_append_printf (out->text, "%s: %s\n", key, value);
}

static char *
time_range (guint64 a, guint64 b)
{
  g_autofree char *ta = _mdl_timeline_view_format_time_exact (a);
  g_autofree char *tb = _mdl_timeline_view_format_time_exact (b);

  return a == b ? g_steal_pointer (&ta) : g_strdup_printf ("%s – %s", ta, tb);
}

static const char *
cpu_name (MdlTimelineView *self, guint cpu)
{
  for (guint i = 0; i < self->lanes->len; i++) {
    const Lane *lane = g_ptr_array_index (self->lanes, i);

    if (lane->kind == LANE_CPU && lane->index == cpu)
      return lane->name;
  }
  return NULL;
}

/* The records of @hit, in order. */
static GPtrArray *
hit_records (MdlTimelineView *self, const Hit *hit)
{
  GPtrArray *records = g_ptr_array_new ();
  GArray *items;
  guint i;

  if (hit->kind == GROUP_STOP)
    items = self->stops;
  else
    items = ((Lane *) g_ptr_array_index (self->lanes, hit->lane))->marks;
  i = _mdl_timeline_view_items_find_pos (items, hit->first_pos);
  for (; i < items->len; i++) {
    const Item *item = &g_array_index (items, Item, i);
    const MdlTraceRecord *r = _mdl_timeline_view_record_at (self, item->pos);

    if (item->pos > hit->last_pos)
      break;
    if (r != NULL && _mdl_timeline_view_group_kind (r) == hit->kind)
      g_ptr_array_add (records, (gpointer) r);
  }
  return records;
}

/* A run of serial output as the console showed it.  A read-only text view
 * rather than a selectable label: copyable without everything being
 * selected when the popover opens. */
static GtkWidget *
serial_text_block (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *block = gtk_scrolled_window_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_add_css_class (view, "inline");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (block), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* min-content-width is ignored without a horizontal scrollbar. */
  gtk_widget_set_size_request (block, 420, -1);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (block), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (block), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (block), view);
  gtk_widget_add_css_class (block, "card");
  gtk_widget_set_overflow (block, GTK_OVERFLOW_HIDDEN);
  return block;
}

/* Each kind of mark fills the rows and returns the popover's title. */

static char *
serial_details (GPtrArray *records, const char *where, Details *out)
{
  const MdlTraceRecord *first = records->pdata[0], *last = records->pdata[records->len - 1];
  g_autofree char *t = time_range (first->time_ps, last->time_ps);

  detail_row (out, _("Time"), t);
  detail_row (out, _("UART"), where);
  if (records->len == 1) {
    g_autoptr(GString) ch = g_string_new (NULL);
    g_autofree char *value = NULL;

    _mdl_timeline_view_append_byte (ch, (guint8) first->value, FALSE);
    value = g_strdup_printf ("0x%02x  ‘%s’", (guint) first->value, ch->str);
    detail_row (out, _("Byte"), value);
  } else {
    g_autoptr(GString) s = g_string_new (NULL);
    g_autofree char *n = g_strdup_printf ("%u", records->len);

    detail_row (out, _("Bytes"), n);
    for (guint i = 0; i < records->len && s->len < 4096; i++) {
      const MdlTraceRecord *r = records->pdata[i];

      _mdl_timeline_view_append_byte (s, (guint8) r->value, TRUE);
    }
    if (s->len >= 4096)
      g_string_append (s, "…");
    out->block = serial_text_block (s->str);
    g_string_append_printf (out->text, "%s: %s\n", _("Text"), s->str);
  }
  return g_strdup (_("Serial Output"));
}

static char *
irq_details (MdlTimelineView *self, const Hit *hit, GPtrArray *records, const char *where,
             Details *out)
{
  const MdlTraceRecord *first = records->pdata[0], *last = records->pdata[records->len - 1];
  g_autofree char *t = time_range (first->time_ps, last->time_ps);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) edges = g_string_new (NULL);
  gboolean to_cpu = ((Lane *) g_ptr_array_index (self->lanes, hit->lane))->kind == LANE_CPU;
  guint n_lines = 0;
  char *title;

  if (records->len == 1)
    title = g_strdup (first->value ? _("Interrupt Raised") : _("Interrupt Lowered"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Interrupt Edge",
                                          "%u Interrupt Edges", records->len), records->len);
  /* The lines involved, each once. */
  for (guint i = 0; i < records->len; i++) {
    guint line = ((const MdlTraceRecord *) records->pdata[i])->aux;
    gboolean seen = FALSE;

    for (guint k = 0; k < i && !seen; k++)
      seen = ((const MdlTraceRecord *) records->pdata[k])->aux == line;
    if (!seen) {
      g_string_append_printf (lines, "%s%u", lines->len ? ", " : "", line);
      n_lines++;
    }
  }
  detail_row (out, _("Time"), t);
  detail_row (out, to_cpu ? _("CPU") : _("Device"), where);
  detail_row (out, n_lines == 1 ? _("Line") : _("Lines"), lines->str);
  if (records->len == 1) {
    detail_row (out, _("Level"), first->value ? _("High (asserted)") : _("Low (released)"));
  } else {
    /* Each edge, for a pulse or a few: when, and which way. */
    for (guint i = 0; i < MIN (records->len, 8u); i++) {
      const MdlTraceRecord *r = records->pdata[i];
      g_autofree char *when = _mdl_timeline_view_format_time_exact (r->time_ps);

      g_string_append_printf (edges, "%s%s %u  %s", i ? "\n" : "", r->value ? "↑" : "↓",
                              r->aux, when);
    }
    if (records->len > 8)
      g_string_append (edges, "\n…");
    detail_row (out, _("Edges"), edges->str);
  }
  return title;
}

static char *
mailbox_details (GPtrArray *records, const char *where, Details *out)
{
  const MdlTraceRecord *first = records->pdata[0], *last = records->pdata[records->len - 1];
  g_autofree char *t = time_range (first->time_ps, last->time_ps);
  g_autoptr(GString) values = g_string_new (NULL);
  char *title;

  title = records->len == 1 ? g_strdup (_("Mailbox Message"))
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Mailbox Message",
                                                            "%u Mailbox Messages", records->len),
                                               records->len);
  detail_row (out, _("Time"), t);
  detail_row (out, _("Mailbox"), where);
  for (guint i = 0; i < MIN (records->len, 8u); i++) {
    const MdlTraceRecord *r = records->pdata[i];
    /* aux is the direction: 0 from side A to side B. */
    g_string_append_printf (values, "%s0x%08" G_GINT64_MODIFIER "x  %s", i ? "\n" : "",
                            r->value, r->aux == 0 ? _("A → B") : _("B → A"));
  }
  if (records->len > 8)
    g_string_append (values, "\n…");
  detail_row (out, records->len == 1 ? _("Value") : _("Values"), values->str);
  return title;
}

static char *
stop_details (MdlTimelineView *self, GPtrArray *records, Details *out)
{
  const MdlTraceRecord *first = records->pdata[0], *last = records->pdata[records->len - 1];
  g_autofree char *t = time_range (first->time_ps, last->time_ps);
  const char *cpu = first->source != MDL_TRACE_NONE ? cpu_name (self, first->source) : NULL;

  detail_row (out, _("Time"), t);
  detail_row (out, _("CPU"), cpu != NULL ? cpu : "—");
  detail_row (out, _("Reason"), mdl_stop_reason_name ((MdlStopReason) first->value));
  return g_strdup (_("Machine Stopped"));
}

static char *
state_details (const Hit *hit, const char *where, Details *out)
{
  g_autofree char *t = time_range (hit->t_from, hit->t_to);
  g_autofree char *d = _mdl_timeline_view_format_time_exact (hit->t_to - hit->t_from);

  detail_row (out, _("CPU"), where);
  detail_row (out, _("Time"), t);
  detail_row (out, _("Duration"), d);
  return g_strdup (_mdl_timeline_view_state_name (hit->state));
}

static void
show_details (MdlTimelineView *self, const Hit *hit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;
  GtkWidget *box, *heading, *grid;
  Details out = { 0 };

  if (hit->kind != GROUP_STATE) {
    records = hit_records (self, hit);
    if (records->len == 0)
      return;
  }
  if (hit->lane != G_MAXUINT)
    where = _mdl_timeline_view_lane_title (self, g_ptr_array_index (self->lanes, hit->lane));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_box_append (GTK_BOX (box), grid);

  out.grid = GTK_GRID (grid);
  out.text = text;
  switch (hit->kind) {
  case GROUP_SERIAL:  title = serial_details (records, where, &out); break;
  case GROUP_IRQ:     title = irq_details (self, hit, records, where, &out); break;
  case GROUP_MAILBOX: title = mailbox_details (records, where, &out); break;
  case GROUP_STOP:    title = stop_details (self, records, &out); break;
  case GROUP_STATE:   title = state_details (hit, where, &out); break;
  default:            g_assert_not_reached ();
  }
  gtk_label_set_label (GTK_LABEL (heading), title);
  if (out.block != NULL)
    gtk_box_append (GTK_BOX (box), out.block);

  g_free (self->detail_text);
  self->detail_text = g_strdup_printf ("%s\n%s", title, text->str);
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) hit->rect.origin.x, (int) hit->rect.origin.y,
                                                 MAX (1, (int) hit->rect.size.width),
                                                 MAX (1, (int) hit->rect.size.height) });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static const Hit *
hit_at (MdlTimelineView *self, double x, double y)
{
  graphene_point_t pt = GRAPHENE_POINT_INIT ((float) x, (float) y);

  /* Last drawn is on top. */
  for (guint i = self->hits->len; i-- > 0;) {
    const Hit *hit = &g_array_index (self->hits, Hit, i);

    if (graphene_rect_contains_point (&hit->rect, &pt))
      return hit;
  }
  return NULL;
}

/* A click on a state bar: the stretch under the pointer. */
static gboolean
state_hit_at (MdlTimelineView *self, double x, double y, Hit *hit)
{
  if (x < LABEL_W)
    return FALSE;
  for (guint i = 0; i < self->lanes->len; i++) {
    const Lane *lane = g_ptr_array_index (self->lanes, i);

    if (lane->kind == LANE_CPU && y >= lane->y + 6 && y <= lane->y + 28) {
      double xa, xb;

      if (!_mdl_timeline_view_state_at (self, lane, _mdl_timeline_view_x_to_time (self, x),
                                        &hit->state, &hit->t_from, &hit->t_to))
        return FALSE;
      hit->kind = GROUP_STATE;
      hit->lane = i;
      xa = MAX (LABEL_W, _mdl_timeline_view_time_to_x (self, (double) hit->t_from));
      xb = MIN (gtk_widget_get_width (GTK_WIDGET (self)) - RIGHT_PAD,
                _mdl_timeline_view_time_to_x (self, (double) hit->t_to));
      hit->rect = GRAPHENE_RECT_INIT ((float) xa, (float) (lane->y + 8),
                                      (float) MAX (1.0, xb - xa), 18);
      return TRUE;
    }
  }
  return FALSE;
}

void
_mdl_timeline_view_click (MdlTimelineView *self, double x, double y)
{
  const Hit *hit = hit_at (self, x, y);
  Hit state_hit = { 0 };

  if (hit != NULL) {
    Hit copy = *hit;
    show_details (self, &copy);
  } else if (state_hit_at (self, x, y, &state_hit)) {
    show_details (self, &state_hit);
  } else {
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  }
}

/* ---- input ---- */

static gboolean
on_scroll (MdlTimelineView *self, double dx, double dy, GtkEventControllerScroll *scroll)
{
  GdkModifierType mods
    = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean wheel = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;

  if (self->runner == NULL)
    return FALSE;
  if (mods & GDK_CONTROL_MASK) {
    _mdl_timeline_view_zoom (self, MAX (self->pointer_x, LABEL_W), pow (wheel ? 1.25 : 1.01, dy));
    return TRUE;
  }
  /* Vertical wheels pan too: a timeline has little to scroll up and
   * down, and most mice have no horizontal wheel. */
  self->t0 += (dx != 0 ? dx : dy) * (wheel ? 60.0 : 1.0) * self->scale;
  _mdl_timeline_view_view_moved (self);
  return TRUE;
}

static void
on_motion (MdlTimelineView *self, double x, double y, GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     hit_at (self, x, y) != NULL ? "pointer" : NULL);
}

static void
on_drag_begin (MdlTimelineView *self, double x, double y, GtkGestureDrag *drag)
{
  self->drag_t0 = self->t0;
  self->dragging = FALSE;
}

static void
on_drag_update (MdlTimelineView *self, double dx, double dy, GtkGestureDrag *drag)
{
  if (self->runner == NULL)
    return;
  if (!self->dragging && fabs (dx) < 4 && fabs (dy) < 4)
    return;
  if (!self->dragging) {
    self->dragging = TRUE;
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  }
  self->t0 = self->drag_t0 - dx * self->scale;
  _mdl_timeline_view_view_moved (self);
}

static void
on_drag_end (MdlTimelineView *self, double dx, double dy, GtkGestureDrag *drag)
{
  double x, y;

  if (self->dragging) {
    self->dragging = FALSE;
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
    return;
  }
  gtk_gesture_drag_get_start_point (drag, &x, &y);
  _mdl_timeline_view_click (self, x + dx, y + dy);
}

static gboolean
on_key (MdlTimelineView *self, guint keyval, guint keycode, GdkModifierType state,
        GtkEventControllerKey *key)
{
  double center = LABEL_W + _mdl_timeline_view_lanes_width (self) / 2;

  if (self->runner == NULL)
    return FALSE;
  switch (keyval) {
  case GDK_KEY_plus:
  case GDK_KEY_equal:
  case GDK_KEY_KP_Add:
    _mdl_timeline_view_zoom (self, center, 1 / 1.5);
    return TRUE;
  case GDK_KEY_minus:
  case GDK_KEY_KP_Subtract:
    _mdl_timeline_view_zoom (self, center, 1.5);
    return TRUE;
  case GDK_KEY_Left:
  case GDK_KEY_Right:
    self->t0 += (keyval == GDK_KEY_Left ? -1 : 1) * _mdl_timeline_view_lanes_width (self) / 8
                * self->scale;
    _mdl_timeline_view_view_moved (self);
    return TRUE;
  case GDK_KEY_End:
    self->follow = TRUE;
    _mdl_timeline_view_update_view (self);
    gtk_widget_queue_draw (GTK_WIDGET (self));
    return TRUE;
  default:
    return FALSE;
  }
}

void
_mdl_timeline_view_init_input (MdlTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *drag;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (widget, controller);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
}

