/* MdlCanvas: parts (LEDs, buttons, switches and digits) on GPIO pins.
 *
 * Parts are components of the document whose class describes them
 * (MdlPartInfo) and that the engine leaves alone: the canvas shows them
 * from the state of the pin block they name in the latest snapshot, and
 * drives that block's input pins when a button or switch is clicked.  The
 * pin blocks' device numbers are looked up once per session (it takes a
 * call to the engine thread); each snapshot only compares a few words,
 * and the canvas redraws when they changed. */
#define G_LOG_DOMAIN "medley-canvas"

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-canvas-private.h"

/* ------------------------------------------------------------------ */
/* What a part is wired to                                            */

MdlPartKind
_mdl_canvas_part_kind (const MdlDeviceClass *cls)
{
  return cls != NULL && cls->part != NULL ? cls->part->kind : MDL_PART_KIND_NONE;
}

/* The pin block a part names: NULL (the first) when empty. */
const char *
_mdl_canvas_part_link_name (const MdlComponent *c)
{
  const char *name = c->dev_cls != NULL && c->dev_cls->part != NULL
                     ? mdl_component_str (c, c->dev_cls->part->link_prop) : NULL;

  return name != NULL && *name ? name : NULL;
}

/* The part's (first) pin. */
static unsigned
part_pin (const MdlComponent *c)
{
  if (c->dev_cls == NULL || c->dev_cls->part == NULL)
    return 0;
  return (unsigned) mdl_component_u64 (c, c->dev_cls->part->pin_prop);
}

/* The GPIO component a part is wired to, in the document. */
static const MdlComponent *
part_pins_component (const MdlBoardDoc *doc, const MdlComponent *c)
{
  const char *name = _mdl_canvas_part_link_name (c);

  if (name != NULL) {
    const MdlComponent *g = mdl_board_doc_find_by_name (doc, name);
    return g != NULL && g->dev_cls != NULL && g->dev_cls->view == MDL_VIEW_PINS ? g : NULL;
  }
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *g = g_ptr_array_index (doc->components, i);
    if (g->kind == MDL_COMPONENT_DEVICE && g->dev_cls != NULL && g->dev_cls->view == MDL_VIEW_PINS)
      return g;
  }
  return NULL;
}

/* Parts wired to GPIO component @gpio, and where @part comes among them
 * (by pin, then by id): its row on the GPIO card's right edge. */
unsigned
_mdl_canvas_parts_on_pins (const MdlBoardDoc *doc, const MdlComponent *gpio,
                           const MdlComponent *part, unsigned *rank)
{
  unsigned n = 0;

  if (rank != NULL)
    *rank = 0;
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->kind != MDL_COMPONENT_DEVICE || _mdl_canvas_part_kind (c->dev_cls) == MDL_PART_KIND_NONE
        || part_pins_component (doc, c) != gpio)
      continue;
    n++;
    if (part != NULL && rank != NULL && c != part &&
        (part_pin (c) < part_pin (part) || (part_pin (c) == part_pin (part) && c->id < part->id)))
      (*rank)++;
  }
  return n;
}

static PinsLink *
find_pins_link (MdlCanvas *self, const char *name)
{
  for (guint i = 0; self->pins_links != NULL && i < self->pins_links->len; i++) {
    PinsLink *link = &g_array_index (self->pins_links, PinsLink, i);
    if (g_strcmp0 (link->name, name) == 0)
      return link;
  }
  return NULL;
}

/* The pins as the latest snapshot has them, or NULL without a machine. */
static const MdlPinsState *
part_state (MdlCanvas *self, const MdlComponent *c)
{
  PinsLink *link
    = self->runner != NULL ? find_pins_link (self, _mdl_canvas_part_link_name (c)) : NULL;

  return link != NULL && link->valid ? &link->state : NULL;
}

static gboolean
pin_level (const MdlPinsState *state, unsigned pin, gboolean inputs)
{
  if (state == NULL || pin >= MDL_PINS_MAX)
    return FALSE;
  return ((inputs ? state->inputs : state->levels) >> pin) & 1;
}

/* ------------------------------------------------------------------ */
/* The running machine                                                */

/* A snapshot from the session: parts redraw when their pins changed. */
static void
machine_update (MdlCanvas *self, const MdlSnapshot *snap)
{
  gboolean changed = FALSE;

  if (self->runner == NULL || self->pins_links->len == 0)
    return;
  for (guint i = 0; i < self->pins_links->len; i++) {
    PinsLink *link = &g_array_index (self->pins_links, PinsLink, i);
    const MdlDeviceSnapshot *dev;

    if (link->index < 0 || (unsigned) link->index >= snap->n_devices)
      continue;
    dev = &snap->devices[link->index];
    if (dev->len < sizeof (MdlPinsState))
      continue;
    if (!link->valid || memcmp (&link->state, dev->state, sizeof link->state) != 0) {
      memcpy (&link->state, dev->state, sizeof link->state);
      link->valid = TRUE;
      changed = TRUE;
    }
  }
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_updated (MdlCanvas *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_CANVAS (self));

  machine_update (self, snap);
}

void
mdl_canvas_set_session (MdlCanvas *self, MdlSession *session)
{
  const MdlBoardDoc *doc;
  MdlRunner *runner;

  g_return_if_fail (MDL_IS_CANVAS (self));
  g_return_if_fail (session == NULL || MDL_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = runner = session != NULL ? mdl_session_get_runner (session) : NULL;
  self->pressed_part = 0;
  g_array_set_size (self->pins_links, 0);
  if (runner != NULL && self->editor != NULL && (doc = mdl_editor_get_doc (self->editor)) != NULL) {
    for (guint i = 0; i < doc->components->len; i++) {
      const MdlComponent *c = g_ptr_array_index (doc->components, i);
      PinsLink link = { 0 };

      if (c->kind != MDL_COMPONENT_DEVICE
          || _mdl_canvas_part_kind (c->dev_cls) == MDL_PART_KIND_NONE
          || find_pins_link (self, _mdl_canvas_part_link_name (c)) != NULL)
        continue;
      link.name = g_strdup (_mdl_canvas_part_link_name (c));
      link.index = mdl_runner_find_device (runner, MDL_VIEW_PINS, link.name, 0);
      g_array_append_val (self->pins_links, link);
    }
  }
  if (session != NULL) {
    g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (session);

    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
    machine_update (self, snap);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A button or switch whose control is under (@cx, @cy) while a machine
 * runs: clicking it drives a pin instead of selecting the card. */
const Card *
_mdl_canvas_hit_part_control (MdlCanvas *self, double cx, double cy)
{
  const Card *card = _mdl_canvas_hit_card (self, cx, cy);
  graphene_rect_t grown;

  if (self->runner == NULL || card == NULL ||
      (card->part != MDL_PART_KIND_BUTTON && card->part != MDL_PART_KIND_SWITCH))
    return NULL;
  graphene_rect_inset_r (&card->control, -4, -4, &grown);
  return graphene_rect_contains_point (&grown, &GRAPHENE_POINT_INIT (cx, cy)) ? card : NULL;
}

/* A button drives its pin high while held; a switch flips on each press. */
void
_mdl_canvas_press_part (MdlCanvas *self, guint id, gboolean down)
{
  const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (self->editor), id);
  PinsLink *link;
  unsigned pin;
  gboolean level;

  if (c == NULL || self->runner == NULL)
    return;
  link = find_pins_link (self, _mdl_canvas_part_link_name (c));
  pin = part_pin (c);
  if (link == NULL || link->index < 0 || pin >= MDL_PINS_MAX)
    return;
  if (_mdl_canvas_part_kind (c->dev_cls) == MDL_PART_KIND_BUTTON)
    level = down;
  else if (down)
    level = !pin_level (link->valid ? &link->state : NULL, pin, TRUE);
  else
    return;
  mdl_runner_set_device_pin (self->runner, (unsigned) link->index, pin, level);
  /* Shown at once; the next snapshot says the same. */
  if (level)
    link->state.inputs |= 1u << pin;
  else
    link->state.inputs &= ~(1u << pin);
  self->pressed_part = down ? id : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */

/* Names people write in a board for an LED's colour, in GNOME's palette. */
static void
part_color (const MdlComponent *c, GdkRGBA *rgba)
{
  static const struct { const char *name, *value; } named[] = {
    { "red", "#e01b24" }, { "green", "#2ec27e" }, { "yellow", "#f6d32d" },
    { "amber", "#ff7800" }, { "orange", "#ff7800" }, { "blue", "#3584e4" },
    { "white", "#f6f5f4" }, { "purple", "#9141ac" },
  };
  const char *prop = c->dev_cls != NULL && c->dev_cls->part != NULL
                     ? c->dev_cls->part->color_prop : NULL;
  const char *want = prop != NULL ? mdl_component_str (c, prop) : NULL;

  if (want == NULL)
    want = "red";
  for (guint k = 0; k < G_N_ELEMENTS (named); k++)
    if (g_ascii_strcasecmp (want, named[k].name) == 0)
      want = named[k].value;
  if (!gdk_rgba_parse (rgba, want))
    gdk_rgba_parse (rgba, "#e01b24");
}

static void
fill_round (GtkSnapshot *snapshot, const graphene_rect_t *r, double radius, const GdkRGBA *color)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, r, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, r);
  gtk_snapshot_pop (snapshot);
}

static void
stroke_round (GtkSnapshot *snapshot, const graphene_rect_t *r, double radius, float width,
              const GdkRGBA *color)
{
  GskRoundedRect rr;
  const float widths[4] = { width, width, width, width };

  gsk_rounded_rect_init_from_rect (&rr, r, radius);
  gtk_snapshot_append_border (snapshot, &rr, widths,
                              (const GdkRGBA[4]) { *color, *color, *color, *color });
}

static void
glow (GtkSnapshot *snapshot, const graphene_rect_t *r, double radius, const GdkRGBA *color,
      double blur)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, r, radius);
  gtk_snapshot_append_outset_shadow (snapshot, &rr, color, 0, 0, 1, blur);
}

/* A digit of rounded bars, the way modern displays draw them. */
static void
draw_digit (GtkSnapshot *snapshot, const graphene_rect_t *panel, const GdkRGBA *color,
            unsigned lit)
{
  const GdkRGBA face = { 0.12f, 0.12f, 0.14f, 1.0f };
  GdkRGBA off = *color, halo = *color;
  double x0 = panel->origin.x + 16, x1 = panel->origin.x + panel->size.width - 24;
  double y0 = panel->origin.y + 14, y2 = panel->origin.y + panel->size.height - 14;
  double y1 = (y0 + y2) / 2, w = 7, gap = 2;
  /* a b c d e f g, as x, y, width, height. */
  const graphene_rect_t seg[7] = {
    GRAPHENE_RECT_INIT (x0 + gap, y0 - w / 2, x1 - x0 - 2 * gap, w),
    GRAPHENE_RECT_INIT (x1 - w / 2, y0 + gap, w, y1 - y0 - 2 * gap),
    GRAPHENE_RECT_INIT (x1 - w / 2, y1 + gap, w, y2 - y1 - 2 * gap),
    GRAPHENE_RECT_INIT (x0 + gap, y2 - w / 2, x1 - x0 - 2 * gap, w),
    GRAPHENE_RECT_INIT (x0 - w / 2, y1 + gap, w, y2 - y1 - 2 * gap),
    GRAPHENE_RECT_INIT (x0 - w / 2, y0 + gap, w, y1 - y0 - 2 * gap),
    GRAPHENE_RECT_INIT (x0 + gap, y1 - w / 2, x1 - x0 - 2 * gap, w),
  };
  const graphene_rect_t dp = GRAPHENE_RECT_INIT (x1 + 8, y2 - 4, 8, 8);

  off.alpha = 0.16f;
  halo.alpha = 0.45f;
  fill_round (snapshot, panel, 8, &face);
  for (unsigned s = 0; s < 8; s++) {
    const graphene_rect_t *r = s < 7 ? &seg[s] : &dp;
    gboolean on = (lit >> s) & 1;

    if (on)
      glow (snapshot, r, w / 2, &halo, 6);
    fill_round (snapshot, r, s < 7 ? w / 2 : 4, on ? color : &off);
  }
}

/* The symbol in a part's header tile. */
void
_mdl_canvas_draw_part_glyph (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                             const Card *card, const graphene_rect_t *tile)
{
  const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (self->editor), card->id);
  double cx = tile->origin.x + tile->size.width / 2, cy = tile->origin.y + tile->size.height / 2;
  GdkRGBA color, *tint = &color;

  if (c == NULL)
    return;
  part_color (c, &color);

  switch (card->part) {
  case MDL_PART_KIND_LED:
    fill_round (snapshot, &GRAPHENE_RECT_INIT (cx - 6, cy - 6, 12, 12), 6, tint);
    break;
  case MDL_PART_KIND_BUTTON:
    stroke_round (snapshot, &GRAPHENE_RECT_INIT (cx - 8, cy - 8, 16, 16), 8, 1.5f, &colors->fg);
    fill_round (snapshot, &GRAPHENE_RECT_INIT (cx - 4.5, cy - 4.5, 9, 9), 4.5, &colors->fg);
    break;
  case MDL_PART_KIND_SWITCH:
    stroke_round (snapshot, &GRAPHENE_RECT_INIT (cx - 9, cy - 5, 18, 10), 5, 1.5f, &colors->fg);
    fill_round (snapshot, &GRAPHENE_RECT_INIT (cx + 0.5, cy - 2.5, 5, 5), 2.5, &colors->fg);
    break;
  case MDL_PART_KIND_SEVEN_SEGMENT:
    _mdl_canvas_draw_text (self, snapshot, "8.", cx - 1, cy, -1, 1.0, TRUE, tint, FALSE, TRUE);
    break;
  case MDL_PART_KIND_NONE:
  default:
    break;
  }
}

/* Segments a (bit 0) to g (bit 6) of what a digit commonly shows. */
static const struct { guint8 segments; const char *text; } digit_glyphs[] = {
  { 0x3f, "0" }, { 0x06, "1" }, { 0x5b, "2" }, { 0x4f, "3" }, { 0x66, "4" },
  { 0x6d, "5" }, { 0x7d, "6" }, { 0x07, "7" }, { 0x7f, "8" }, { 0x6f, "9" },
  { 0x77, "A" }, { 0x7c, "b" }, { 0x39, "C" }, { 0x5e, "d" }, { 0x79, "E" },
  { 0x71, "F" }, { 0x40, "-" },
};

/* The body of a part's card: its live face and what it is wired to. */
void
_mdl_canvas_draw_part (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                       const Card *card)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const MdlComponent *c = mdl_board_doc_find (doc, card->id);
  const MdlPinsState *state;
  const graphene_rect_t *k = &card->control;
  double text_x = k->origin.x + k->size.width + 16;
  double text_w = card->rect.origin.x + card->rect.size.width - text_x - 12;
  double mid = k->origin.y + k->size.height / 2;
  g_autofree char *pins = NULL;
  g_autofree char *shows = NULL;
  const char *status;
  GdkRGBA color;
  unsigned pin;

  if (c == NULL)
    return;
  state = part_state (self, c);
  pin = part_pin (c);
  part_color (c, &color);

  switch (card->part) {
  case MDL_PART_KIND_LED: {
    gboolean lit = pin_level (state, pin, FALSE);
    GdkRGBA off = color, rim = color;
    off.alpha = 0.16f;
    rim.alpha = lit ? 1.0f : 0.45f;
    if (lit) {
      GdkRGBA halo = color;
      halo.alpha = 0.55f;
      glow (snapshot, k, k->size.width / 2, &halo, 14);
    }
    fill_round (snapshot, k, k->size.width / 2, lit ? &color : &off);
    if (lit) {
      /* The glint of a lens. */
      const GdkRGBA shine = { 1, 1, 1, 0.55f };
      fill_round (snapshot, &GRAPHENE_RECT_INIT (k->origin.x + 7, k->origin.y + 6, 7, 7), 3.5,
                  &shine);
    }
    stroke_round (snapshot, k, k->size.width / 2, 1.5f, &rim);
    status = state == NULL ? _("Not running") : lit ? _("Lit") : _("Off");
    break;
  }
  case MDL_PART_KIND_BUTTON: {
    gboolean down = pin_level (state, pin, TRUE);
    GdkRGBA face = down ? colors->accent : _mdl_canvas_with_alpha (&colors->fg, 0.08f);
    GdkRGBA shadow = _mdl_canvas_with_alpha (&colors->shade, 3.0f);
    graphene_rect_t cap = *k;
    if (!down) {
      GskRoundedRect rr;
      gsk_rounded_rect_init_from_rect (&rr, k, k->size.width / 2);
      gtk_snapshot_append_outset_shadow (snapshot, &rr, &shadow, 0, 2, 0, 3);
    } else {
      graphene_rect_inset (&cap, 1.5, 1.5);
    }
    fill_round (snapshot, k, k->size.width / 2, &colors->card);
    fill_round (snapshot, &cap, cap.size.width / 2, &face);
    stroke_round (snapshot, k, k->size.width / 2, 1.0f, &colors->border);
    status = state == NULL ? _("Not running") : down ? _("Pressed") : _("Press and hold");
    break;
  }
  case MDL_PART_KIND_SWITCH: {
    gboolean on = pin_level (state, pin, TRUE);
    GdkRGBA track = on ? colors->accent : _mdl_canvas_with_alpha (&colors->fg, 0.15f);
    const GdkRGBA knob = { 1, 1, 1, 1 };
    GdkRGBA knob_shadow = _mdl_canvas_with_alpha (&colors->shade, 3.0f);
    double d = k->size.height - 6;
    graphene_rect_t kr = GRAPHENE_RECT_INIT (on ? k->origin.x + k->size.width - d - 3
                                                : k->origin.x + 3, k->origin.y + 3, d, d);
    GskRoundedRect krr;
    fill_round (snapshot, k, k->size.height / 2, &track);
    gsk_rounded_rect_init_from_rect (&krr, &kr, d / 2);
    gtk_snapshot_append_outset_shadow (snapshot, &krr, &knob_shadow, 0, 1, 0, 2);
    fill_round (snapshot, &kr, d / 2, &knob);
    status = state == NULL ? _("Not running") : on ? _("On") : _("Off");
    break;
  }
  case MDL_PART_KIND_SEVEN_SEGMENT: {
    unsigned lit = 0;
    for (unsigned s = 0; s < 8; s++)
      lit |= (unsigned) pin_level (state, pin + s, FALSE) << s;
    draw_digit (snapshot, k, &color, lit);
    status = state == NULL ? _("Not running") : NULL;
    for (guint d = 0; status == NULL && d < G_N_ELEMENTS (digit_glyphs); d++)
      if ((lit & 0x7f) == digit_glyphs[d].segments)
        status = shows = g_strdup_printf (_("Shows %s"), digit_glyphs[d].text);
    if (status == NULL)
      status = (lit & 0x7f) == 0 ? _("Blank") : _("Lit");
    break;
  }
  case MDL_PART_KIND_NONE:
  default:
    return;
  }
  pins = card->part == MDL_PART_KIND_SEVEN_SEGMENT ? g_strdup_printf (_("Pins %u–%u"), pin, pin + 7)
                                                   : g_strdup_printf (_("Pin %u"), pin);
  /* A typo in "gpio" leaves the part without pins: say so on the card. */
  if (part_pins_component (doc, c) == NULL)
    status = _("No such GPIO block");

  _mdl_canvas_draw_text (self, snapshot, pins, text_x, mid - 9, text_w, 0.9, TRUE, &colors->fg,
                         FALSE, TRUE);
  _mdl_canvas_draw_text (self, snapshot, status, text_x, mid + 9, text_w, 0.85, FALSE, &colors->dim,
                         FALSE, TRUE);
}

/* Where a part's link meets its GPIO card: a row of its own on the right
 * edge, as the pins of a header. */
static void
pin_anchor (const Card *gpio, unsigned rank, double *x, double *y)
{
  *x = gpio->rect.origin.x + gpio->rect.size.width;
  *y = gpio->rect.origin.y + HEADER_H + rank * ROW_H + ROW_H / 2;
}

gboolean
_mdl_canvas_pin_link_ends (MdlCanvas *self, const MdlBoardDoc *doc, const Card *card,
                           guint *gpio, double *gx, double *gy, double *px, double *py)
{
  const MdlComponent *c, *g;
  const Card *gcard;
  unsigned rank;

  if (card->part == MDL_PART_KIND_NONE || (c = mdl_board_doc_find (doc, card->id)) == NULL
      || (g = part_pins_component (doc, c)) == NULL
      || (gcard = _mdl_canvas_find_card (self, g->id)) == NULL)
    return FALSE;
  _mdl_canvas_parts_on_pins (doc, g, c, &rank);
  pin_anchor (gcard, rank, gx, gy);
  *gpio = g->id;
  *px = card->rect.origin.x;
  *py = card->control.origin.y + card->control.size.height / 2;
  return TRUE;
}

/* Each part to its GPIO block: the links, routed as the wires are (under
 * the cards, @ends FALSE), or their terminals and pin labels (over them). */
void
_mdl_canvas_draw_pin_links (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                            double width, double height, gboolean ends)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const GdkRGBA *green = &colors->link;
  cairo_t *cr = NULL;

  if (!ends) {
    _mdl_canvas_ensure_routes (self);
    for (guint i = 0; i < self->routes->len; i++) {
      const Route *route = &g_array_index (self->routes, Route, i);

      if (route->kind != ROUTE_PIN_LINK)
        continue;
      if (cr == NULL) {
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
        cairo_translate (cr, self->pan_x, self->pan_y);
        cairo_scale (cr, self->zoom, self->zoom);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_width (cr, 2.0);
        gdk_cairo_set_source_rgba (cr, green);
      }
      _mdl_canvas_route_path (cr, route);
      cairo_stroke (cr);
    }
  } else {
    for (guint i = 0; i < self->cards->len; i++) {
      const Card *card = &g_array_index (self->cards, Card, i);
      const MdlComponent *c = mdl_board_doc_find (doc, card->id);
      g_autofree char *label = NULL;
      double gx, gy, px, py;
      unsigned pin;
      guint gpio;

      if (!_mdl_canvas_pin_link_ends (self, doc, card, &gpio, &gx, &gy, &px, &py))
        continue;
      pin = part_pin (c);
      label = card->part == MDL_PART_KIND_SEVEN_SEGMENT
                ? g_strdup_printf (_("pins %u–%u"), pin, pin + 7)
                : g_strdup_printf (_("pin %u"), pin);
      fill_round (snapshot, &GRAPHENE_RECT_INIT (gx - 3.5, gy - 3.5, 7, 7), 1.5, green);
      fill_round (snapshot, &GRAPHENE_RECT_INIT (px - 3.5, py - 3.5, 7, 7), 1.5, green);
      _mdl_canvas_draw_text (self, snapshot, label, gx - 12, gy, CARD_W / 2 - 16, 0.8, FALSE,
                             &colors->dim, TRUE, TRUE);
    }
  }
  if (cr != NULL)
    cairo_destroy (cr);
}

