/* MdlCanvas: drawing with GtkSnapshot.  Cards, ports and the grid are
 * drawn in canvas coordinates under the view transform; wires through
 * cairo with the transform applied, so that they stay sharp at any zoom;
 * the rubber band, the toast and the empty hint in widget coordinates. */
#define G_LOG_DOMAIN "medley-canvas"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-canvas-private.h"

static void
lookup (GtkStyleContext *ctx, const char *name, const char *fallback, GdkRGBA *out)
{
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
}

GdkRGBA
_mdl_canvas_with_alpha (const GdkRGBA *c, float alpha)
{
  GdkRGBA r = *c;
  r.alpha *= alpha;
  return r;
}

static void
get_colors (MdlCanvas *self, Colors *c)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *ctx = gtk_widget_get_style_context (GTK_WIDGET (self));

  /* libadwaita's named colours follow light/dark and the accent; the
   * fallbacks are its light values for when it is not loaded. */
  gtk_style_context_get_color (ctx, &c->fg);
  lookup (ctx, "window_bg_color", "#fafafa", &c->bg);
  lookup (ctx, "card_bg_color", "#ffffff", &c->card);
  lookup (ctx, "accent_bg_color", "#3584e4", &c->accent);
  lookup (ctx, "accent_fg_color", "#ffffff", &c->accent_fg);
  lookup (ctx, "accent_color", "#1c71d8", &c->accent_tint);
  lookup (ctx, "warning_bg_color", "#e5a50a", &c->warning);
  lookup (ctx, "warning_fg_color", "rgba(0,0,0,0.8)", &c->warning_fg);
  lookup (ctx, "orange_3", "#ff7800", &c->irq);
  lookup (ctx, "card_shade_color", "rgba(0,0,0,0.07)", &c->shade);
  lookup (ctx, "success_color", "#26a269", &c->link);
  G_GNUC_END_IGNORE_DEPRECATIONS

  c->dim = _mdl_canvas_with_alpha (&c->fg, 0.55f);
  c->border = _mdl_canvas_with_alpha (&c->fg, 0.12f);
  c->map = _mdl_canvas_with_alpha (&c->fg, 0.5f);
  c->grid = _mdl_canvas_with_alpha (&c->fg, 0.18f);
}

static void
draw_grid (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
           double width, double height)
{
  double step = GRID;
  double x0, y0, x1, y1, r;

  /* Keep dots at least ~12 px apart on screen when zoomed out. */
  while (step * self->zoom < 12.0)
    step *= 2;
  r = 1.0 / self->zoom;
  _mdl_canvas_widget_to_canvas (self, 0, 0, &x0, &y0);
  _mdl_canvas_widget_to_canvas (self, width, height, &x1, &y1);
  x0 = floor (x0 / step) * step - step / 2;
  y0 = floor (y0 / step) * step - step / 2;

  gtk_snapshot_push_repeat (snapshot,
                            &GRAPHENE_RECT_INIT (x0, y0, x1 - x0 + step, y1 - y0 + step),
                            &GRAPHENE_RECT_INIT (-step / 2, -step / 2, step, step));
  gtk_snapshot_append_color (snapshot, &colors->grid,
                             &GRAPHENE_RECT_INIT (-r, -r, 2 * r, 2 * r));
  gtk_snapshot_pop (snapshot);
}

/* Wires in widget coordinates with the view transform applied by cairo,
 * so that they stay sharp at any zoom. */
static void
draw_wires (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
            double width, double height)
{
  cairo_t *cr;

  _mdl_canvas_ensure_routes (self);
  if (self->routes->len == 0 && self->drag != DRAG_WIRE)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, self->pan_x, self->pan_y);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < self->routes->len; i++) {
    const Route *route = &g_array_index (self->routes, Route, i);
    gboolean selected;
    static const double dash[] = { 6.0, 4.0 };

    if (route->kind == ROUTE_PIN_LINK)
      continue;   /* drawn with the parts' terminals */
    selected = _mdl_canvas_selection_contains (self, route->wire | MDL_EDITOR_WIRE_SELECTION);
    _mdl_canvas_route_path (cr, route);
    if (selected) {
      /* A halo under the wire makes the selection readable at any
       * wire colour. */
      GdkRGBA halo = _mdl_canvas_with_alpha (&colors->accent, 0.3f);
      gdk_cairo_set_source_rgba (cr, &halo);
      cairo_set_line_width (cr, 8.0);
      cairo_stroke_preserve (cr);
    }
    if (route->kind == ROUTE_MAP) {
      gdk_cairo_set_source_rgba (cr, selected ? &colors->accent : &colors->map);
      cairo_set_line_width (cr, 3.0);
      cairo_set_dash (cr, NULL, 0, 0);
    } else {
      gdk_cairo_set_source_rgba (cr, selected ? &colors->accent : &colors->irq);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  if (self->drag == DRAG_WIRE && self->wire_from >= 0) {
    const Port *a = &g_array_index (self->ports, Port, self->wire_from);
    double bx, by;
    int bside;
    static const double dash[] = { 4.0, 4.0 };

    if (self->wire_hover >= 0) {
      const Port *b = &g_array_index (self->ports, Port, self->wire_hover);
      bx = b->x, by = b->y, bside = b->side;
    } else {
      _mdl_canvas_widget_to_canvas (self, self->pointer_x, self->pointer_y, &bx, &by);
      bside = bx < a->x ? +1 : -1;
    }
    _mdl_canvas_elbow_path (cr, a->x, a->y, a->side, bx, by, bside);
    gdk_cairo_set_source_rgba (cr, &colors->accent);
    cairo_set_line_width (cr, 2.5);
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    cairo_stroke (cr);
  }
  cairo_destroy (cr);
}

static PangoLayout *
make_layout (MdlCanvas *self, const char *text, double width, double scale,
             gboolean bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (width > 0) {
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  }
  return layout;
}

void
_mdl_canvas_draw_text (MdlCanvas *self, GtkSnapshot *snapshot, const char *text, double x, double y,
                       double width, double scale, gboolean bold, const GdkRGBA *color,
                       gboolean align_right, gboolean center_y)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, width, scale, bold);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  if (align_right)
    x -= lw;
  if (center_y)
    y -= lh / 2.0;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_icon (MdlCanvas *self, GtkSnapshot *snapshot, const char *name,
           double x, double y, double size, const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  int scale = (int) ceil (gtk_widget_get_scale_factor (GTK_WIDGET (self)) * self->zoom);
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  /* Looked up at the zoomed scale so that the symbol stays sharp. */
  icon = gtk_icon_theme_lookup_icon (theme, name, NULL, (int) size, MAX (scale, 1),
                                     gtk_widget_get_direction (GTK_WIDGET (self)), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            size, size, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static gboolean
port_highlighted (MdlCanvas *self, int index)
{
  const char *why;

  if (self->drag != DRAG_WIRE || self->wire_from < 0 || index == self->wire_from)
    return FALSE;
  return _mdl_canvas_ports_compatible (self, &g_array_index (self->ports, Port, self->wire_from),
                                       &g_array_index (self->ports, Port, index), &why);
}

static void
draw_port (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
           int index, const Port *p)
{
  const GdkRGBA *stroke = p->kind == PORT_BUS ? &colors->map : &colors->irq;
  const GdkRGBA *fill = p->connected ? stroke : &colors->card;
  gboolean active = index == self->wire_from || index == self->wire_hover;
  double r = p->kind == PORT_BUS ? PORT_R + 0.5 : PORT_R;
  double corner = p->kind == PORT_BUS ? 2.5 : r;  /* bus: square, irq: round */
  GskRoundedRect rr;
  const float widths[4] = { 1.5, 1.5, 1.5, 1.5 };
  double label_x;

  if (port_highlighted (self, index) || (active && self->drag == DRAG_WIRE)) {
    GdkRGBA ring = _mdl_canvas_with_alpha (&colors->accent, active ? 0.45f : 0.25f);
    GskRoundedRect halo;
    gsk_rounded_rect_init_from_rect (&halo, &GRAPHENE_RECT_INIT (p->x - r - 4, p->y - r - 4,
                                                                 2 * r + 8, 2 * r + 8), r + 4);
    gtk_snapshot_push_rounded_clip (snapshot, &halo);
    gtk_snapshot_append_color (snapshot, &ring, &halo.bounds);
    gtk_snapshot_pop (snapshot);
  }

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (p->x - r, p->y - r, 2 * r, 2 * r),
                                   corner);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, fill, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rr, widths,
                              (const GdkRGBA[4]) { *stroke, *stroke, *stroke, *stroke });

  label_x = p->side < 0 ? p->x + 12 : p->x - 12;
  _mdl_canvas_draw_text (self, snapshot, p->label, label_x, p->y, CARD_W / 2 - 16, 0.8, FALSE,
                         &colors->dim, p->side > 0, TRUE);
}

static void
draw_card (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
           const Card *card)
{
  gboolean selected = _mdl_canvas_selection_contains (self, card->id);
  gboolean cluster = card->kind == MDL_COMPONENT_CLUSTER;
  const graphene_rect_t *r = &card->rect;
  GskRoundedRect rr, tile;
  GdkRGBA shadow = _mdl_canvas_with_alpha (&colors->shade, selected ? 2.5f : 2.0f);
  const GdkRGBA *border = selected ? &colors->accent : &colors->border;
  float bw = selected ? 2.0f : 1.0f;
  const float widths[4] = { bw, bw, bw, bw };
  double text_x = r->origin.x + 12 + ICON_TILE + 10;
  double text_w = r->size.width - (text_x - r->origin.x) - 12;

  gsk_rounded_rect_init_from_rect (&rr, r, CARD_RADIUS);

  /* Two soft shadows, as libadwaita's cards have: a tight one for the
   * edge and a wide one for depth; the selection glows in the accent. */
  gtk_snapshot_append_outset_shadow (snapshot, &rr, &shadow, 0, 1, 0, 3);
  gtk_snapshot_append_outset_shadow (snapshot, &rr, &colors->shade, 0, 4, 0, 12);
  if (selected) {
    GdkRGBA glow = _mdl_canvas_with_alpha (&colors->accent, 0.35f);
    gtk_snapshot_append_outset_shadow (snapshot, &rr, &glow, 0, 0, 2, 6);
  }

  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &colors->card, r);
  if (cluster) {
    /* Clusters carry a tinted header so they read apart from devices. */
    GdkRGBA tint = _mdl_canvas_with_alpha (&colors->accent, 0.12f);
    gtk_snapshot_append_color (snapshot, &tint,
                               &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y,
                                                    r->size.width, HEADER_H));
  }
  if (r->size.height > HEADER_H + 1)
    gtk_snapshot_append_color (snapshot, &colors->border,
                               &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y + HEADER_H,
                                                    r->size.width, 1));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rr, widths,
                              (const GdkRGBA[4]) { *border, *border, *border, *border });

  /* Zoomed out (a big board fitted to a small canvas), the icon and the
   * subtitle would be specks and the name too small to read: the name
   * alone, scaled up to stay legible, across the header. */
  if (self->zoom < LEGIBLE_ZOOM && card->part == MDL_PART_KIND_NONE) {
    double scale = MIN (2.2, LEGIBLE_ZOOM / self->zoom);

    if (cluster)
      gtk_snapshot_append_color (snapshot, &colors->accent_tint,
                                 &GRAPHENE_RECT_INIT (r->origin.x + 1, r->origin.y + 1, 6, HEADER_H - 2));
    _mdl_canvas_draw_text (self, snapshot, card->title, r->origin.x + 12, r->origin.y + HEADER_H / 2,
                           r->size.width - 24, scale, TRUE, &colors->fg, FALSE, TRUE);
  } else {
    /* Icon tile: accent-filled for clusters, a quiet grey for devices. */
    gsk_rounded_rect_init_from_rect (&tile,
                                     &GRAPHENE_RECT_INIT (r->origin.x + 12,
                                                          r->origin.y + (HEADER_H - ICON_TILE) / 2,
                                                          ICON_TILE, ICON_TILE), 8);
    gtk_snapshot_push_rounded_clip (snapshot, &tile);
    {
      GdkRGBA grey = _mdl_canvas_with_alpha (&colors->fg, 0.08f);
      gtk_snapshot_append_color (snapshot, cluster ? &colors->accent : &grey, &tile.bounds);
    }
    gtk_snapshot_pop (snapshot);
    if (card->part != MDL_PART_KIND_NONE)
      _mdl_canvas_draw_part_glyph (self, snapshot, colors, card, &tile.bounds);
    else
      draw_icon (self, snapshot, card->icon, tile.bounds.origin.x + 8, tile.bounds.origin.y + 8,
                 16, cluster ? &colors->accent_fg : &colors->fg);

    _mdl_canvas_draw_text (self, snapshot, card->title, text_x, r->origin.y + 10, text_w, 1.0, TRUE,
                           &colors->fg, FALSE, FALSE);
    _mdl_canvas_draw_text (self, snapshot, card->subtitle, text_x, r->origin.y + 30, text_w, 0.85,
                           FALSE, &colors->dim, FALSE, FALSE);
  }

  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    if (p->component == card->id)
      draw_port (self, snapshot, colors, i, p);
  }
  if (card->part != MDL_PART_KIND_NONE)
    _mdl_canvas_draw_part (self, snapshot, colors, card);

  if (card->problem) {
    /* A warning badge astride the top-right corner. */
    GskRoundedRect badge;
    double bx = r->origin.x + r->size.width - 10, by = r->origin.y - 6;
    gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (bx - 9, by - 3, 18, 18), 9);
    gtk_snapshot_append_outset_shadow (snapshot, &badge, &colors->shade, 0, 1, 0, 2);
    gtk_snapshot_push_rounded_clip (snapshot, &badge);
    gtk_snapshot_append_color (snapshot, &colors->warning, &badge.bounds);
    gtk_snapshot_pop (snapshot);
    _mdl_canvas_draw_text (self, snapshot, "!", bx + 0.5, by + 6, -1, 0.9, TRUE,
                           &colors->warning_fg, FALSE, TRUE);
  }
}

static void
draw_ghost (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors)
{
  GskRoundedRect rr;
  GdkRGBA fill = _mdl_canvas_with_alpha (&colors->accent, 0.12f);
  const float widths[4] = { 1.5, 1.5, 1.5, 1.5 };

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (self->drop_x, self->drop_y,
                                                             CARD_W, HEADER_H), CARD_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &fill, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rr, widths,
                              (const GdkRGBA[4]) { colors->accent, colors->accent,
                                                   colors->accent, colors->accent });
}

static void
draw_rubber_band (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors)
{
  graphene_rect_t band;
  GdkRGBA fill = _mdl_canvas_with_alpha (&colors->accent, 0.15f);
  const float widths[4] = { 1, 1, 1, 1 };
  GskRoundedRect rr;

  graphene_rect_init (&band, self->drag_start_x, self->drag_start_y, self->drag_dx, self->drag_dy);
  graphene_rect_normalize (&band);
  gtk_snapshot_append_color (snapshot, &fill, &band);
  gsk_rounded_rect_init_from_rect (&rr, &band, 0);
  gtk_snapshot_append_border (snapshot, &rr, widths,
                              (const GdkRGBA[4]) { colors->accent, colors->accent,
                                                   colors->accent, colors->accent });
}

static void
draw_toast (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
            double width, double height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, self->toast, -1, 1.0, FALSE);
  GdkRGBA bg = _mdl_canvas_with_alpha (&colors->fg, 0.92f);
  GdkRGBA fg = colors->bg;
  GskRoundedRect rr;
  int lw, lh;
  double w, h, x, y;

  pango_layout_set_width (layout, (int) (MAX (width - 96, 100) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  w = lw + 40;
  h = MAX (lh + 20, 40);
  x = floor ((width - w) / 2);
  y = height - h - 24;

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, y, w, h), MIN (h / 2, 20));
  gtk_snapshot_append_outset_shadow (snapshot, &rr, &colors->shade, 0, 2, 0, 8);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &bg, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 20, y + (h - lh) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

static void
draw_empty_hint (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                 double width, double height)
{
  const char *text = _("Drag CPUs and devices here from the palette");
  g_autoptr(PangoLayout) layout = make_layout (self, text, -1, 1.1, FALSE);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor ((width - lw) / 2),
                                                          floor ((height - lh) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, &colors->dim);
  gtk_snapshot_restore (snapshot);
}

void
_mdl_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  MdlCanvas *self = MDL_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  Colors colors;

  get_colors (self, &colors);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &colors.bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  draw_grid (self, snapshot, &colors, width, height);
  gtk_snapshot_restore (snapshot);

  if (self->editor != NULL) {
    _mdl_canvas_ensure_layout (self);
    _mdl_canvas_draw_pin_links (self, snapshot, &colors, width, height, FALSE);
    draw_wires (self, snapshot, &colors, width, height);

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
    gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
    for (guint i = 0; i < self->cards->len; i++)
      draw_card (self, snapshot, &colors, &g_array_index (self->cards, Card, i));
    _mdl_canvas_draw_pin_links (self, snapshot, &colors, width, height, TRUE);
    if (self->drop_ghost)
      draw_ghost (self, snapshot, &colors);
    gtk_snapshot_restore (snapshot);

    if (self->cards->len == 0 && !self->drop_ghost)
      draw_empty_hint (self, snapshot, &colors, width, height);
  }

  if (self->drag == DRAG_RUBBER && self->drag_moved)
    draw_rubber_band (self, snapshot, &colors);
  if (self->toast != NULL)
    draw_toast (self, snapshot, &colors, width, height);
  gtk_snapshot_pop (snapshot);
}

