/* MdlTimelineView: drawing.
 *
 * The timeline is drawn by hand with GtkSnapshot: a few lanes, a time
 * axis and possibly hundreds of thousands of records would make a widget
 * per mark far too heavy.
 *
 * Drawing.  State bars are binned per pixel column (a column where the CPU
 * both ran and waited shows it ran: activity wins) so a million short
 * waits cost one rectangle per column at most.  Marks closer than a few
 * pixels merge into one group; a group of UART bytes becomes a pill that
 * shows the text when it is wide enough.  What was drawn is remembered as
 * hit rectangles, so a click finds exactly the mark the person saw. */
#define G_LOG_DOMAIN "medley-timeline"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "mdl-timeline-view-private.h"

/* GNOME palette colours for marks: recognisable in light and dark. */
static const GdkRGBA serial_color  = { 0.149, 0.635, 0.412, 1.0 };  /* green 5 */
static const GdkRGBA irq_color     = { 0.902, 0.380, 0.000, 1.0 };  /* orange 5 */
static const GdkRGBA mailbox_color = { 0.569, 0.255, 0.675, 1.0 };  /* purple 3 */
static const GdkRGBA stop_color    = { 0.878, 0.106, 0.141, 1.0 };  /* red 3 */

typedef struct {
  GdkRGBA fg, dim, faint, grid, accent, halted, wait_fill, wait_hatch, bg;
} Palette;

static void
get_palette (MdlTimelineView *self, Palette *p)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_style_context_get_color (style, &p->fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &p->accent))
    gdk_rgba_parse (&p->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (style, "view_bg_color", &p->bg))
    p->bg = (GdkRGBA) { 1, 1, 1, 1 };
  p->dim = p->fg;
  p->dim.alpha *= 0.55f;
  p->faint = p->fg;
  p->faint.alpha *= 0.10f;
  p->grid = p->fg;
  p->grid.alpha *= 0.06f;
  p->wait_fill = p->fg;
  p->wait_fill.alpha *= 0.08f;
  p->wait_hatch = p->fg;
  p->wait_hatch.alpha *= 0.28f;
  /* Halted is dark in both styles: GNOME's dark 3, or near black. */
  if (dark)
    p->halted = (GdkRGBA) { 0.0, 0.0, 0.0, 0.75 };
  else
    p->halted = (GdkRGBA) { 0.239, 0.220, 0.275, 1.0 };
}

static void
append_text (MdlTimelineView *self, GtkSnapshot *snapshot, const char *text, double x,
             double y, const GdkRGBA *color, const char *markup_attrs, double max_w,
             int *width_out)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int w, h;

  if (markup_attrs != NULL) {
    g_autofree char *escaped = g_markup_escape_text (text, -1);
    g_autofree char *markup = g_strdup_printf ("<span %s>%s</span>", markup_attrs, escaped);
    pango_layout_set_markup (layout, markup, -1);
  } else {
    pango_layout_set_text (layout, text, -1);
  }
  if (max_w > 0) {
    pango_layout_set_width (layout, (int) (max_w * PANGO_SCALE));
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  }
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) (y - h / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  if (width_out != NULL)
    *width_out = w;
  g_object_unref (layout);
}

static double
text_width (MdlTimelineView *self, const char *text, const char *markup_attrs)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strdup_printf ("<span %s>%s</span>",
                                             markup_attrs ? markup_attrs : "", escaped);
  int w;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  g_object_unref (layout);
  return w;
}

static void
append_rect (GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double w, double h)
{
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h));
}

static void
append_rounded (GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double w,
                double h, double r)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT ((float) x, (float) y,
                                                             (float) w, (float) h), (float) r);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  append_rect (snapshot, color, x, y, w, h);
  gtk_snapshot_pop (snapshot);
}

/* @shape 0: a triangle pointing up, 1: down, else a diamond; centred on
 * (x, y). */
static void
append_shape (GtkSnapshot *snapshot, const GdkRGBA *color, double x, double y, double r,
              int shape)
{
  cairo_t *cr = gtk_snapshot_append_cairo (
    snapshot, &GRAPHENE_RECT_INIT ((float) (x - r - 1), (float) (y - r - 1), (float) (2 * r + 2),
                                   (float) (2 * r + 2)));

  gdk_cairo_set_source_rgba (cr, color);
  switch (shape) {
  case 0:   /* up */
    cairo_move_to (cr, x, y - r);
    cairo_line_to (cr, x + r, y + r * 0.8);
    cairo_line_to (cr, x - r, y + r * 0.8);
    break;
  case 1:   /* down */
    cairo_move_to (cr, x - r, y - r * 0.8);
    cairo_line_to (cr, x + r, y - r * 0.8);
    cairo_line_to (cr, x, y + r);
    break;
  default:  /* diamond */
    cairo_move_to (cr, x, y - r);
    cairo_line_to (cr, x + r, y);
    cairo_line_to (cr, x, y + r);
    cairo_line_to (cr, x - r, y);
    break;
  }
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/* ---- marks ---- */

/* Marks of one kind being merged on one lane. */
typedef struct {
  gboolean open;
  double   x0, x1;
  guint    first_idx;    /* in the lane's marks */
  guint64  first_pos, last_pos;
  guint    count;
} Group;

static double
mark_y (const Lane *lane, GroupKind kind)
{
  if (lane == NULL)
    return AXIS_H - 8;
  if (lane->kind == LANE_CPU)
    return kind == GROUP_STOP ? lane->y + 17 : lane->y + 36;
  return lane->y + lane->h / 2;
}

/* The text of a run of UART bytes for its pill: as many as could fit. */
static char *
pill_text (MdlTimelineView *self, const Lane *lane, guint first_idx, guint64 last_pos,
           guint max_chars)
{
  GString *s = g_string_new (NULL);

  for (guint i = first_idx; i < lane->marks->len && s->len < max_chars; i++) {
    const Item *item = &g_array_index (lane->marks, Item, i);
    const MdlTraceRecord *r = _mdl_timeline_view_record_at (self, item->pos);

    if (item->pos > last_pos)
      break;
    if (r != NULL && r->kind == MDL_TRACE_SERIAL)
      _mdl_timeline_view_append_byte (s, (guint8) r->value, FALSE);
  }
  return g_string_free (s, FALSE);
}

static void
flush_group (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, const Lane *lane,
             guint lane_index, GroupKind kind, Group *g)
{
  Hit hit = { 0 };
  double y = mark_y (lane, kind), cx = (g->x0 + g->x1) / 2;

  if (!g->open)
    return;
  g->open = FALSE;
  hit.kind = kind;
  hit.lane = lane_index;
  hit.first_pos = g->first_pos;
  hit.last_pos = g->last_pos;
  hit.count = g->count;

  switch (kind) {
  case GROUP_SERIAL:
    if (g->count == 1 || g->x1 - g->x0 < 4) {
      append_rounded (snapshot, &serial_color, cx - 4.5, y - 4.5, 9, 9, 4.5);
      hit.rect = GRAPHENE_RECT_INIT ((float) (cx - 8), (float) (y - 9), 16, 18);
    } else {
      double x0 = g->x0 - 6, w = g->x1 - g->x0 + 12;

      append_rounded (snapshot, &serial_color, x0, y - 9, w, 18, 9);
      /* Wide enough: the bytes themselves, as a logic analyser decodes a
       * serial line. */
      if (w >= 30) {
        g_autofree char *text = pill_text (self, lane, g->first_idx, g->last_pos,
                                           (guint) (w / 5) + 2);
        GdkRGBA white = { 1, 1, 1, 1 };

        append_text (self, snapshot, text, x0 + 7, y, &white,
                     "font_family=\"monospace\" size=\"small\"", w - 14, NULL);
      }
      hit.rect = GRAPHENE_RECT_INIT ((float) x0, (float) (y - 10), (float) w, 20);
    }
    break;
  case GROUP_IRQ: {
    const MdlTraceRecord *r = _mdl_timeline_view_record_at (self, g->first_pos);
    gboolean raised = r == NULL || r->value != 0;
    GdkRGBA c = irq_color;

    /* A stretch of edges is a line; the mark says how the first went. */
    if (g->x1 - g->x0 >= 3)
      append_rounded (snapshot, &c, g->x0, y - 1.5, g->x1 - g->x0, 3, 1.5);
    if (!raised)
      c.alpha = 0.55f;
    append_shape (snapshot, &c, g->x0, y, 5.5, raised ? 0 : 1);
    hit.rect = GRAPHENE_RECT_INIT ((float) (g->x0 - 8), (float) (y - 8),
                                   (float) (g->x1 - g->x0 + 16), 16);
    break;
  }
  case GROUP_MAILBOX:
    append_shape (snapshot, &mailbox_color, cx, y, 6, 2);
    if (g->x1 - g->x0 >= 3)
      append_rounded (snapshot, &mailbox_color, g->x0, y - 1.5, g->x1 - g->x0, 3, 1.5);
    hit.rect = GRAPHENE_RECT_INIT ((float) (g->x0 - 8), (float) (y - 8),
                                   (float) (g->x1 - g->x0 + 16), 16);
    break;
  case GROUP_STOP: {
    /* A ring of the background around the diamond, so it reads on a
     * bar of any colour. */
    append_shape (snapshot, &p->bg, cx, y, 9, 2);
    append_shape (snapshot, &stop_color, cx, y, 7, 2);
    hit.rect = GRAPHENE_RECT_INIT ((float) (cx - 9), (float) (y - 9), 18, 18);
    break;
  }
  default:
    return;
  }
  g_array_append_val (self->hits, hit);
}

/* Groups and draws the items of @items inside the view. */
static void
draw_marks (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, GArray *items,
            guint64 lane_slack, const Lane *lane, guint lane_index, double x_right)
{
  Group groups[N_GROUPS] = { { 0 } };
  double margin = SERIAL_MERGE_PX * self->scale;
  double t1 = _mdl_timeline_view_x_to_time (self, x_right) + margin;
  guint i0 = _mdl_timeline_view_items_lower_bound (items, self->t0 - margin);

  for (guint i = i0; i < items->len; i++) {
    const Item *item = &g_array_index (items, Item, i);
    const MdlTraceRecord *r = _mdl_timeline_view_record_at (self, item->pos);
    GroupKind kind;
    double x, merge;
    Group *g;

    if (r == NULL)
      continue;
    /* The running maximum only grows, and no record lags it by more
     * than the lane's slack: past that, nothing more shows. */
    if ((double) item->tmax > t1 + (double) lane_slack)
      break;
    if ((double) r->time_ps > t1)
      continue;
    kind = _mdl_timeline_view_group_kind (r);
    if (kind == N_GROUPS)
      continue;
    x = _mdl_timeline_view_time_to_x (self, (double) r->time_ps);
    merge = kind == GROUP_SERIAL ? SERIAL_MERGE_PX : MERGE_PX;
    g = &groups[kind];
    if (g->open && x >= g->x0 - merge && x - g->x1 <= merge) {
      g->x0 = MIN (g->x0, x);
      g->x1 = MAX (g->x1, x);
      g->last_pos = item->pos;
      g->count++;
      continue;
    }
    flush_group (self, snapshot, p, lane, lane_index, kind, g);
    g->open = TRUE;
    g->x0 = g->x1 = x;
    g->first_idx = i;
    g->first_pos = g->last_pos = item->pos;
    g->count = 1;
  }
  for (guint k = 0; k < N_GROUPS; k++)
    flush_group (self, snapshot, p, lane, lane_index, (GroupKind) k, &groups[k]);
}

/* ---- state bars, axis and legend ---- */

static guint8
state_rank (guint state)
{
  switch (state) {
  case MDL_CPU_RUNNING: return 3;
  case MDL_CPU_WAITING: return 2;
  case MDL_CPU_HALTED:  return 1;
  default:              return 0;
  }
}

static void
draw_state_bar (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, const Lane *lane,
                double lanes_w)
{
  guint ncol = (guint) ceil (lanes_w);
  guint64 end = _mdl_timeline_view_cpu_end (self, lane);
  double t1 = _mdl_timeline_view_x_to_time (self, LABEL_W + lanes_w);
  double y = lane->y + 8, h = 18;
  guint k0 = _mdl_timeline_view_items_lower_bound (lane->states, self->t0);
  GArray *states = lane->states;

  if (ncol > self->n_columns) {
    g_free (self->columns);
    self->columns = g_new (guint8, ncol);
    self->n_columns = ncol;
  }
  memset (self->columns, 0, ncol);

  /* Bin every stretch into the pixel columns it touches. */
  for (gint64 k = (gint64) k0 - 1; k < (gint64) states->len; k++) {
    guint64 ta, tb;
    guint s;
    double xa, xb;
    gint64 ca, cb;

    if (k < 0) {
      ta = lane->state0_time;
      s = lane->state0;
    } else {
      const MdlTraceRecord *r
        = _mdl_timeline_view_record_at (self, g_array_index (states, Item, k).pos);
      ta = r->time_ps;
      s = (guint) r->value;
    }
    tb = k + 1 < (gint64) states->len
           ? _mdl_timeline_view_record_at (self, g_array_index (states, Item, k + 1).pos)->time_ps
           : end;
    if ((double) ta > t1)
      break;
    if (tb <= ta)
      continue;
    xa = (double) ((double) ta - self->t0) / self->scale;
    xb = (double) ((double) tb - self->t0) / self->scale;
    ca = (gint64) floor (MAX (xa, 0.0));
    cb = (gint64) ceil (MIN (xb, (double) ncol));
    for (gint64 c = ca; c < cb; c++)
      self->columns[c] = MAX (self->columns[c], state_rank (s));
  }

  /* One rectangle per run of equal columns. */
  for (guint c = 0; c < ncol;) {
    guint8 v = self->columns[c];
    guint c1 = c + 1;
    double x, w;

    while (c1 < ncol && self->columns[c1] == v)
      c1++;
    x = LABEL_W + c;
    w = c1 - c;
    if (v == 3) {
      append_rounded (snapshot, &p->accent, x, y, w, h, w >= 8 ? 3 : 0);
    } else if (v == 2) {
      GskColorStop stops[] = {
        { 0.0f, p->wait_hatch }, { 0.3f, p->wait_hatch },
        { 0.3f, { 0, 0, 0, 0 } }, { 1.0f, { 0, 0, 0, 0 } },
      };

      append_rounded (snapshot, &p->wait_fill, x, y, w, h, w >= 8 ? 3 : 0);
      /* Hatched at 45°, anchored to the widget so stretches line up. */
      gtk_snapshot_append_repeating_linear_gradient (snapshot,
        &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h),
        &GRAPHENE_POINT_INIT (0, 0), &GRAPHENE_POINT_INIT (4.5f, 4.5f),
        stops, G_N_ELEMENTS (stops));
    } else if (v == 1) {
      append_rounded (snapshot, &p->halted, x, y, w, h, w >= 8 ? 3 : 0);
    }
    c = c1;
  }
}

static void
draw_legend (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double y,
             gboolean two_rows)
{
  const char *labels[] = { _("Running"), _("Waiting"), _("Halted"), _("Interrupt"),
                           _("Serial"), _("Mailbox"), _("Stop") };
  double x = 16;

  /* Two rows: the states above, the marks below. */
  if (two_rows)
    y -= 9;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++) {
    int w;

    if (two_rows && i == 3) {
      x = 16;
      y += 18;
    }

    switch (i) {
    case 0:
      append_rounded (snapshot, &p->accent, x, y - 6, 16, 12, 3);
      break;
    case 1: {
      GskColorStop stops[] = {
        { 0.0f, p->wait_hatch }, { 0.3f, p->wait_hatch },
        { 0.3f, { 0, 0, 0, 0 } }, { 1.0f, { 0, 0, 0, 0 } },
      };
      append_rounded (snapshot, &p->wait_fill, x, y - 6, 16, 12, 3);
      gtk_snapshot_append_repeating_linear_gradient (snapshot,
        &GRAPHENE_RECT_INIT ((float) x, (float) (y - 6), 16, 12),
        &GRAPHENE_POINT_INIT (0, 0), &GRAPHENE_POINT_INIT (4.5f, 4.5f),
        stops, G_N_ELEMENTS (stops));
      break;
    }
    case 2:
      append_rounded (snapshot, &p->halted, x, y - 6, 16, 12, 3);
      break;
    case 3:
      append_shape (snapshot, &irq_color, x + 8, y, 5, 0);
      break;
    case 4:
      append_rounded (snapshot, &serial_color, x + 3.5, y - 4.5, 9, 9, 4.5);
      break;
    case 5:
      append_shape (snapshot, &mailbox_color, x + 8, y, 6, 2);
      break;
    default:
      append_shape (snapshot, &stop_color, x + 8, y, 6, 2);
      break;
    }
    append_text (self, snapshot, labels[i], x + 22, y, &p->dim, "size=\"small\"", -1, &w);
    x += 22 + w + 18;
  }
}

static void
draw_axis (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double lanes_w,
           double bottom)
{
  double raw = TICK_SPACING * self->scale, step, mag;
  double t1 = _mdl_timeline_view_x_to_time (self, LABEL_W + lanes_w);

  /* Steps of 1, 2 or 5 times a power of ten picoseconds. */
  mag = pow (10, floor (log10 (raw)));
  step = raw / mag <= 1.5   ? mag
         : raw / mag <= 3.5 ? 2 * mag
         : raw / mag <= 7.5 ? 5 * mag
                            : 10 * mag;
  step = MAX (step, 1.0);
  for (double t = ceil (self->t0 / step) * step; t <= t1; t += step) {
    double x = round (_mdl_timeline_view_time_to_x (self, t));
    g_autofree char *label = _mdl_timeline_view_format_tick (t, step);

    append_rect (snapshot, &p->grid, x, AXIS_H, 1, bottom - AXIS_H);
    append_rect (snapshot, &p->faint, x, AXIS_H - 5, 1, 5);
    append_text (self, snapshot, label, x + 4, AXIS_H / 2 - 1, &p->dim,
                 "size=\"small\" font_features=\"tnum\"", -1, NULL);
  }
}

/* ---- the frame ---- */

/* With no machine: what the view is for. */
static void
draw_empty (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double width,
            double height)
{
  const char *title = _("No Machine Running");
  const char *hint = _("Run the board to see what each CPU does over time");
  double cy = (height - FOOTER_H) / 2;
  const char *big = "weight=\"bold\" size=\"large\"";

  append_text (self, snapshot, title, (width - text_width (self, title, big)) / 2, cy - 12,
               &p->fg, big, -1, NULL);
  append_text (self, snapshot, hint, (width - text_width (self, hint, NULL)) / 2, cy + 14,
               &p->dim, NULL, -1, NULL);
}

/* Places the lanes under the axis; returns the bottom of the last. */
static double
layout_lanes (MdlTimelineView *self)
{
  double y = AXIS_H;

  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    lane->y = y;
    lane->h = _mdl_timeline_view_lane_height (lane);
    y += lane->h;
  }
  return y;
}

static void
draw_lane_backgrounds (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p,
                       double width, double bottom)
{
  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    if (i % 2 == 1)
      append_rect (snapshot, &p->grid, 0, lane->y, width, lane->h);
    append_rect (snapshot, &p->faint, 0, lane->y, width, 1);
  }
  append_rect (snapshot, &p->faint, 0, bottom, width, 1);
  append_rect (snapshot, &p->faint, LABEL_W - 1, AXIS_H, 1, bottom - AXIS_H);
}

static void
draw_lane_labels (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p)
{
  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);
    g_autofree char *title = _mdl_timeline_view_lane_title (self, lane);
    const char *sub = _mdl_timeline_view_lane_subtitle (lane);
    double cy = lane->kind == LANE_CPU ? lane->y + 17 : lane->y + lane->h / 2;

    if (*sub && lane->kind == LANE_CPU) {
      append_text (self, snapshot, title, 14, cy - 1, &p->fg, "weight=\"bold\"", LABEL_W - 24,
                   NULL);
      append_text (self, snapshot, sub, 14, cy + 16, &p->dim, "size=\"small\"", LABEL_W - 24, NULL);
    } else if (*sub) {
      append_text (self, snapshot, title, 14, cy - 7, &p->fg, "weight=\"bold\"", LABEL_W - 24,
                   NULL);
      append_text (self, snapshot, sub, 14, cy + 8, &p->dim, "size=\"small\"", LABEL_W - 24, NULL);
    } else {
      append_text (self, snapshot, title, 14, cy, &p->fg, "weight=\"bold\"", LABEL_W - 24, NULL);
    }
  }
}

/* Stops: a line through every lane (the whole machine stopped). */
static void
draw_stop_lines (MdlTimelineView *self, GtkSnapshot *snapshot, double width, double bottom)
{
  guint i0 = _mdl_timeline_view_items_lower_bound (self->stops, self->t0);
  double t1 = _mdl_timeline_view_x_to_time (self, width);

  for (guint i = i0; i < self->stops->len; i++) {
    const MdlTraceRecord *r
      = _mdl_timeline_view_record_at (self, g_array_index (self->stops, Item, i).pos);
    GdkRGBA c = stop_color;

    if (r == NULL || (double) r->time_ps > t1)
      continue;
    c.alpha = 0.45f;
    append_rect (snapshot, &c, round (_mdl_timeline_view_time_to_x (self, (double) r->time_ps)),
                 AXIS_H, 1, bottom - AXIS_H);
  }
}

/* The mark of each stop, on the CPU that caused it or on the axis: stops
 * are grouped per lane by filtering, few enough to walk. */
static void
draw_stop_marks (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double width)
{
  for (guint i = _mdl_timeline_view_items_lower_bound (self->stops, self->t0); i < self->stops->len;
       i++) {
    const Item *item = &g_array_index (self->stops, Item, i);
    const MdlTraceRecord *r = _mdl_timeline_view_record_at (self, item->pos);
    const Lane *lane = NULL;
    guint lane_index = G_MAXUINT;
    Group g = { TRUE, 0, 0, i, item->pos, item->pos, 1 };
    double x;

    if (r == NULL)
      continue;
    x = _mdl_timeline_view_time_to_x (self, (double) r->time_ps);
    if (x < LABEL_W - 10 || x > width + 10)
      continue;
    for (guint k = 0; k < self->lanes->len; k++) {
      const Lane *l = g_ptr_array_index (self->lanes, k);

      if (l->kind == LANE_CPU && l->index == r->source) {
        lane = l;
        lane_index = k;
      }
    }
    g.x0 = g.x1 = x;
    flush_group (self, snapshot, p, lane, lane_index, GROUP_STOP, &g);
  }
}

/* Before the oldest record kept, marks are missing, not absent: say so
 * rather than show a quiet board. */
static void
draw_trimmed (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double bottom)
{
  double x, note_y = -1;
  GdkRGBA veil = p->bg;
  const char *note = _("Older events not kept");

  if (self->hist_base == 0 || self->history->len == 0)
    return;
  x = _mdl_timeline_view_time_to_x (
    self, (double) g_array_index (self->history, MdlTraceRecord, 0).time_ps);
  if (x <= LABEL_W)
    return;

  /* CPU bars stay: their state before the cut is known (state0).  Marks
   * are what went: veil the rows that hold them. */
  veil.alpha = 0.75f;
  for (guint i = 0; i < self->lanes->len; i++) {
    const Lane *lane = g_ptr_array_index (self->lanes, i);
    double top = lane->kind == LANE_CPU ? lane->y + 28 : lane->y + 1;

    append_rect (snapshot, &veil, LABEL_W, top, x - LABEL_W, lane->y + lane->h - top);
    if (note_y < 0 && lane->kind == LANE_DEVICE)
      note_y = lane->y + lane->h / 2;
  }
  append_rect (snapshot, &p->faint, round (x), AXIS_H, 1, bottom - AXIS_H);
  if (note_y > 0 && x - LABEL_W > text_width (self, note, "size=\"small\"") + 24)
    append_text (self, snapshot, note, LABEL_W + 12, note_y, &p->dim,
                 "size=\"small\" style=\"italic\"", -1, NULL);
}

static void
draw_live_end (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double bottom)
{
  GdkRGBA c = p->accent;

  if (self->state != MDL_RUNNER_RUNNING)
    return;
  c.alpha = 0.7f;
  append_rect (snapshot, &c, round (_mdl_timeline_view_time_to_x (self, (double) self->end_ps)),
               AXIS_H - 6, 2, bottom - AXIS_H + 6);
}

/* The lanes and everything on them; right of the labels, clipped. */
static void
draw_lanes (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double width)
{
  double lanes_w = _mdl_timeline_view_lanes_width (self);
  double bottom = layout_lanes (self);

  draw_lane_backgrounds (self, snapshot, p, width, bottom);
  draw_lane_labels (self, snapshot, p);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) LABEL_W, 0,
                                                         (float) (width - LABEL_W),
                                                         (float) bottom + 1));
  draw_axis (self, snapshot, p, lanes_w, bottom);
  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    if (lane->kind == LANE_CPU)
      draw_state_bar (self, snapshot, p, lane, lanes_w);
  }
  draw_stop_lines (self, snapshot, width, bottom);
  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    draw_marks (self, snapshot, p, lane->marks, lane->slack, lane, i, width);
  }
  draw_stop_marks (self, snapshot, p, width);
  draw_trimmed (self, snapshot, p, bottom);
  draw_live_end (self, snapshot, p, bottom);
  gtk_snapshot_pop (snapshot);
}

/* The footer: the legend on the left, drawn once per style (text is not
 * cheap); the controls on the right are a child widget. */
static void
draw_footer (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double width,
             double height)
{
  append_rect (snapshot, &p->faint, 0, height - FOOTER_H, width, 1);
  if (self->legend == NULL || !gdk_rgba_equal (&self->legend_fg, &p->fg) ||
      !gdk_rgba_equal (&self->legend_accent, &p->accent)) {
    GtkSnapshot *legend = gtk_snapshot_new ();
    GtkSnapshot *legend2 = gtk_snapshot_new ();

    draw_legend (self, legend, p, 0, FALSE);
    draw_legend (self, legend2, p, 0, TRUE);
    g_clear_pointer (&self->legend, gsk_render_node_unref);
    g_clear_pointer (&self->legend2, gsk_render_node_unref);
    self->legend = gtk_snapshot_free_to_node (legend);
    self->legend2 = gtk_snapshot_free_to_node (legend2);
    self->legend_fg = p->fg;
    self->legend_accent = p->accent;
  }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (float) (height - FOOTER_H / 2)));
  {
    graphene_rect_t bounds;
    GskRenderNode *node = self->legend;

    /* The buttons sit at the right: a legend that would run under them
     * takes two rows, and what still does not fit is cut, not covered. */
    gsk_render_node_get_bounds (node, &bounds);
    if (bounds.origin.x + bounds.size.width > width - self->controls_w - 16)
      node = self->legend2;
    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, -FOOTER_H / 2,
                                                           MAX (0, width - self->controls_w - 16),
                                                           FOOTER_H));
    gtk_snapshot_append_node (snapshot, node);
    gtk_snapshot_pop (snapshot);
  }
  gtk_snapshot_restore (snapshot);
}

void
_mdl_timeline_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Palette p;

  get_palette (self, &p);
  g_array_set_size (self->hits, 0);

  if (self->runner == NULL || self->lanes->len == 0)
    draw_empty (self, snapshot, &p, width, height);
  else
    draw_lanes (self, snapshot, &p, width);
  draw_footer (self, snapshot, &p, width, height);
  gtk_widget_snapshot_child (widget, self->controls, snapshot);
}
