/* MdlCanvas: the layout of cards and ports, derived from the document
 * and cached until the editor says "changed" (the document is only valid
 * until the next edit, so the cache keeps ids, never pointers into it),
 * and hit testing in canvas coordinates; the wires are routed in
 * mdl-canvas-route.c. */
#define G_LOG_DOMAIN "medley-canvas"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-canvas-private.h"
#include "mdl-palette.h"

double
_mdl_canvas_snap (double v)
{
  return round (v / GRID) * GRID;
}

/* ------------------------------------------------------------------ */
/* Layout                                                             */

static gboolean
wire_uses (const MdlBoardDoc *doc, MdlWireKind kind, guint comp,
           gboolean as_source, unsigned index, unsigned hart)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind != kind)
      continue;
    if (kind == MDL_WIRE_MAP) {
      if (w->from == comp || w->to == comp)
        return TRUE;
    } else if (as_source) {
      if (w->from == comp && w->output == index)
        return TRUE;
    } else if (w->to == comp && w->input == index && w->hart == hart)
      return TRUE;
  }
  return FALSE;
}

/* Highest output (as_source) or input used by an IRQ wire, or -1. */
static int
highest_irq_used (const MdlBoardDoc *doc, guint comp, gboolean as_source)
{
  int best = -1;

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind != MDL_WIRE_IRQ)
      continue;
    if (as_source && w->from == comp)
      best = MAX (best, (int) w->output);
    else if (!as_source && w->to == comp)
      best = MAX (best, (int) w->input);
  }
  return best;
}

/* Devices may have many interrupt lines (a CLINT has two per possible
 * hart); drawing all of them would bury the card.  Show those in use and
 * the next free one, at least the first two. */
static unsigned
visible_lines (unsigned n, int highest_used)
{
  unsigned want = MAX ((unsigned) (highest_used + 2), 2u);
  return MIN (n, want);
}

static void
add_port (MdlCanvas *self, const MdlBoardDoc *doc, PortKind kind, guint comp,
          unsigned index, unsigned hart, int side, unsigned row, char *label)
{
  Port port = {
    .kind = kind,
    .component = comp,
    .index = index,
    .hart = hart,
    .side = side,
    .y = HEADER_H + row * ROW_H + ROW_H / 2,  /* relative until placed */
    .label = label,
  };

  if (kind == PORT_BUS)
    port.connected = wire_uses (doc, MDL_WIRE_MAP, comp, FALSE, 0, 0);
  else
    port.connected = wire_uses (doc, MDL_WIRE_IRQ, comp, kind == PORT_IRQ_OUT,
                                index, hart);
  g_array_append_val (self->ports, port);
}

static gboolean
port_exists (MdlCanvas *self, guint first, guint comp, PortKind kind,
             unsigned index, unsigned hart)
{
  for (guint i = first; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    if (p->component == comp && p->kind == kind && p->index == index &&
        p->hart == hart)
      return TRUE;
  }
  return FALSE;
}

static gint
compare_unsigned (gconstpointer a, gconstpointer b)
{
  unsigned x = *(const unsigned *) a, y = *(const unsigned *) b;
  return x < y ? -1 : x > y;
}

/* Ports of a cluster, all on its right edge; returns the number of rows. */
static unsigned
layout_cluster_ports (MdlCanvas *self, const MdlBoardDoc *doc,
                      const MdlComponent *c)
{
  const MdlCpuClass *cls = c->cpu_cls;
  unsigned harts = MAX ((unsigned) mdl_component_u64 (c, "harts"), 1u);
  unsigned row = 0;
  guint first = self->ports->len;
  const MdlIrqInputName *names;
  guint n_names;

  add_port (self, doc, PORT_BUS, c->id, 0, 0, +1, row++, g_strdup ("bus"));
  if (cls == NULL)
    return row;

  /* Classes name the inputs firmware uses; the others stay hidden, so
   * that a RISC-V hart shows three ports instead of twelve. */
  names = cls->irq_names;
  n_names = cls->n_irq_names;
  for (unsigned h = 0; h < MIN (harts, MAX_HARTS_SHOWN); h++) {
    g_autofree char *prefix = harts > 1 ? g_strdup_printf ("h%u ", h) : g_strdup ("");

    if (names != NULL) {
      for (guint i = 0; i < n_names; i++)
        if (names[i].line < cls->n_irq_in)
          add_port (self, doc, PORT_IRQ_IN, c->id, names[i].line, h, +1, row++,
                    g_strdup_printf ("%s%s %u", prefix, names[i].name, names[i].line));
    } else {
      /* Unnamed lines (an NVIC has 32 to 64): those wired to this hart,
       * in order, and the lowest free one to wire the next device to. */
      g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (unsigned));
      unsigned free_line = 0;

      for (guint i = 0; i < doc->wires->len; i++) {
        const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
        if (w->kind == MDL_WIRE_IRQ && w->to == c->id && w->hart == h &&
            w->input < cls->n_irq_in)
          g_array_append_val (used, w->input);
      }
      g_array_sort (used, compare_unsigned);
      for (guint i = 0; i < used->len; i++) {
        unsigned line = g_array_index (used, unsigned, i);
        if (i > 0 && line == g_array_index (used, unsigned, i - 1))
          continue;
        if (line == free_line)
          free_line++;
        add_port (self, doc, PORT_IRQ_IN, c->id, line, h, +1, row++,
                  g_strdup_printf ("%sirq %u", prefix, line));
      }
      if (free_line < cls->n_irq_in)
        add_port (self, doc, PORT_IRQ_IN, c->id, free_line, h, +1, row++,
                  g_strdup_printf ("%sirq %u", prefix, free_line));
    }
  }

  /* Lines the cores raise themselves (a generic timer's, for an interrupt
   * controller): those wired and the lowest free one of each core shown,
   * numbered per core; the document numbers them across the cluster. */
  for (unsigned h = 0; h < MIN (harts, MAX_HARTS_SHOWN) && cls->n_irq_out > 0; h++) {
    g_autofree char *prefix = harts > 1 ? g_strdup_printf ("h%u ", h) : g_strdup ("");
    gboolean free_shown = FALSE;

    for (unsigned i = 0; i < cls->n_irq_out; i++) {
      unsigned line = h * cls->n_irq_out + i;
      gboolean wired = wire_uses (doc, MDL_WIRE_IRQ, c->id, TRUE, line, 0);

      if (!wired && free_shown)
        continue;
      free_shown |= !wired;
      add_port (self, doc, PORT_IRQ_OUT, c->id, line, 0, +1, row++,
                g_strdup_printf ("%sout %u", prefix, i));
    }
  }

  /* A wire at a line we would otherwise hide must still have an end. */
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->to == c->id &&
        !port_exists (self, first, c->id, PORT_IRQ_IN, w->input, w->hart))
      add_port (self, doc, PORT_IRQ_IN, c->id, w->input, w->hart, +1, row++,
                g_strdup_printf ("h%u irq %u", w->hart, w->input));
    if (w->kind == MDL_WIRE_IRQ && w->from == c->id && cls->n_irq_out > 0 &&
        !port_exists (self, first, c->id, PORT_IRQ_OUT, w->output, 0))
      add_port (self, doc, PORT_IRQ_OUT, c->id, w->output, 0, +1, row++,
                g_strdup_printf ("h%u out %u", w->output / cls->n_irq_out,
                                 w->output % cls->n_irq_out));
  }
  return row;
}

/* A controller with hundreds of inputs (a GIC's SPIs, and its per-CPU
 * PPIs numbered far above them) would bury its card under every line up
 * to the highest one in use: it shows the lines in use, in order, and the
 * lowest free one to wire the next device to. */
#define MANY_INPUTS 32

static unsigned
add_sparse_inputs (MdlCanvas *self, const MdlBoardDoc *doc, const MdlComponent *c,
                   unsigned row)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (unsigned));
  unsigned free_line = 0;

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->to == c->id && w->input < c->dev_cls->n_irq_in)
      g_array_append_val (used, w->input);
  }
  g_array_sort (used, compare_unsigned);
  for (guint i = 0; i < used->len; i++) {
    unsigned line = g_array_index (used, unsigned, i);
    if (i > 0 && line == g_array_index (used, unsigned, i - 1))
      continue;
    if (line == free_line)
      free_line++;
    add_port (self, doc, PORT_IRQ_IN, c->id, line, 0, +1, row++, g_strdup_printf ("in %u", line));
  }
  if (free_line < c->dev_cls->n_irq_in)
    add_port (self, doc, PORT_IRQ_IN, c->id, free_line, 0, +1, row++,
              g_strdup_printf ("in %u", free_line));
  return row;
}

/* Ports of a device: bus and outputs on the left, inputs on the right. */
static unsigned
layout_device_ports (MdlCanvas *self, const MdlBoardDoc *doc,
                     const MdlComponent *c)
{
  const MdlDeviceClass *cls = c->dev_cls;
  unsigned left = 0, right = 0;
  unsigned n_out, n_in;

  if (cls == NULL || cls->n_regions > 0 || mdl_component_find_prop (c, "reg") >= 0)
    add_port (self, doc, PORT_BUS, c->id, 0, 0, -1, left++, g_strdup ("bus"));
  if (cls == NULL)
    return left;

  n_out = visible_lines (cls->n_irq_out, highest_irq_used (doc, c->id, TRUE));
  for (unsigned i = 0; i < n_out; i++)
    add_port (self, doc, PORT_IRQ_OUT, c->id, i, 0, -1, left++,
              g_strdup_printf ("irq %u", i));

  if (cls->n_irq_in <= MANY_INPUTS) {
    n_in = visible_lines (cls->n_irq_in, highest_irq_used (doc, c->id, FALSE));
    for (unsigned i = 0; i < n_in; i++)
      add_port (self, doc, PORT_IRQ_IN, c->id, i, 0, +1, right++,
                g_strdup_printf ("in %u", i));
  } else {
    right = add_sparse_inputs (self, doc, c, right);
  }
  return MAX (left, right);
}

/* What identifies a document for framing: a save (same components, same
 * places) keeps the view, a load of another board re-frames it. */
char *
_mdl_canvas_doc_signature (const MdlBoardDoc *doc)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    g_string_append_printf (s, "%u:%s:%g:%g;", c->id, c->name, c->x, c->y);
  }
  return g_string_free (s, FALSE);
}

void
_mdl_canvas_ensure_layout (MdlCanvas *self)
{
  const MdlBoardDoc *doc;
  GPtrArray *problems;

  if (self->layout_valid)
    return;
  self->layout_valid = TRUE;
  self->routes_valid = FALSE;
  g_array_set_size (self->cards, 0);
  g_array_set_size (self->ports, 0);
  if (self->editor == NULL || (doc = mdl_editor_get_doc (self->editor)) == NULL)
    return;

  g_free (self->signature);
  self->signature = _mdl_canvas_doc_signature (doc);
  problems = mdl_editor_get_problems (self->editor);
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    guint first_port = self->ports->len;
    unsigned rows;
    Card card = { .id = c->id, .kind = c->kind };

    card.title = g_strdup (c->name);
    if (c->kind == MDL_COMPONENT_CLUSTER) {
      unsigned harts = MAX ((unsigned) mdl_component_u64 (c, "harts"), 1u);
      const char *cls = c->cpu_cls ? c->cpu_cls->name : "?";
      card.subtitle = harts > 1 ? g_strdup_printf ("%s × %u", cls, harts)
                                : g_strdup (cls);
      card.icon = "medley-cpu-symbolic";
      rows = layout_cluster_ports (self, doc, c);
    } else {
      int reg = mdl_component_find_prop (c, "reg");
      const char *cls = c->dev_cls ? c->dev_cls->name : "?";
      g_autofree char *addr = reg >= 0 ? mdl_component_format_prop (c, reg) : NULL;
      card.subtitle = addr ? g_strdup_printf ("%s · %s", cls, addr) : g_strdup (cls);
      card.icon = c->dev_cls ? mdl_palette_group_icon (c->dev_cls->group) : "medley-other-symbolic";
      rows = layout_device_ports (self, doc, c);
      card.part = _mdl_canvas_part_kind (c->dev_cls);
      if (card.part != MDL_PART_KIND_NONE) {
        const char *gpio = _mdl_canvas_part_link_name (c);
        g_free (card.subtitle);
        card.subtitle = g_strdup_printf ("%s · %s", cls, gpio ? gpio : "gpio");
      } else if (c->dev_cls != NULL && c->dev_cls->view == MDL_VIEW_PINS) {
        /* A row on the right for each part wired to its pins. */
        rows = MAX (rows, _mdl_canvas_parts_on_pins (doc, c, NULL, NULL));
      }
    }
    graphene_rect_init (&card.rect, c->x, c->y, CARD_W,
                        HEADER_H + rows * ROW_H + (rows ? CARD_PAD : 0));
    if (card.part != MDL_PART_KIND_NONE) {
      /* The face sits left in the body, the pin and state beside it. */
      static const graphene_size_t faces[] = {
        [MDL_PART_KIND_LED] = { 28, 28 }, [MDL_PART_KIND_BUTTON] = { 34, 34 },
        [MDL_PART_KIND_SWITCH] = { 46, 26 }, [MDL_PART_KIND_SEVEN_SEGMENT] = { 76, 112 },
      };
      double body = card.part == MDL_PART_KIND_SEVEN_SEGMENT ? DIGIT_BODY : PART_BODY;
      graphene_size_t face = faces[card.part];

      card.rect.size.height = HEADER_H + body;
      graphene_rect_init (&card.control, c->x + 24, c->y + HEADER_H + (body - face.height) / 2,
                          face.width, face.height);
    }

    for (guint p = first_port; p < self->ports->len; p++) {
      Port *port = &g_array_index (self->ports, Port, p);
      port->x = c->x + (port->side > 0 ? CARD_W : 0);
      port->y += c->y;
    }
    for (guint p = 0; problems != NULL && p < problems->len; p++) {
      const MdlProblem *prob = g_ptr_array_index (problems, p);
      if (prob->component == c->id)
        card.problem = TRUE;
    }
    g_array_append_val (self->cards, card);
  }
}

int
_mdl_canvas_find_port (MdlCanvas *self, PortKind kind, guint comp, unsigned index, unsigned hart)
{
  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    if (p->kind == kind && p->component == comp &&
        (kind == PORT_BUS || (p->index == index && p->hart == hart)))
      return i;
  }
  return -1;
}

const Card *
_mdl_canvas_find_card (MdlCanvas *self, guint id)
{
  for (guint i = 0; i < self->cards->len; i++) {
    const Card *card = &g_array_index (self->cards, Card, i);
    if (card->id == id)
      return card;
  }
  return NULL;
}

/* The two ends of a wire, or FALSE when a component went missing. */
gboolean
_mdl_canvas_wire_ends (MdlCanvas *self, const MdlBoardDoc *doc, const MdlWire *w, const Port **a,
                       const Port **b)
{
  int ia, ib;

  if (w->kind == MDL_WIRE_MAP) {
    ia = _mdl_canvas_find_port (self, PORT_BUS, w->from, 0, 0);
    ib = _mdl_canvas_find_port (self, PORT_BUS, w->to, 0, 0);
  } else {
    ia = _mdl_canvas_find_port (self, PORT_IRQ_OUT, w->from, w->output, 0);
    ib = _mdl_canvas_find_port (self, PORT_IRQ_IN, w->to, w->input, w->hart);
  }
  if (ia < 0 || ib < 0)
    return FALSE;
  *a = &g_array_index (self->ports, Port, ia);
  *b = &g_array_index (self->ports, Port, ib);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Hit testing (canvas coordinates)                                   */

int
_mdl_canvas_hit_port (MdlCanvas *self, double cx, double cy)
{
  double limit = PORT_HIT / self->zoom;
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    double d = hypot (cx - p->x, cy - p->y);
    if (d <= limit && d < best) {
      best = d;
      found = i;
    }
  }
  return found;
}

const Card *
_mdl_canvas_hit_card (MdlCanvas *self, double cx, double cy)
{
  const graphene_point_t pt = GRAPHENE_POINT_INIT (cx, cy);

  /* Topmost first: cards are drawn in array order. */
  for (guint i = self->cards->len; i > 0; i--) {
    const Card *card = &g_array_index (self->cards, Card, i - 1);
    if (graphene_rect_contains_point (&card->rect, &pt))
      return card;
  }
  return NULL;
}

guint
_mdl_canvas_hit_wire (MdlCanvas *self, double cx, double cy)
{
  double best = WIRE_HIT / self->zoom;
  guint found = 0;

  /* Along the runs as drawn, the nearest: wires sharing a channel run a
   * few pixels apart; among equals, the one drawn last (on top). */
  _mdl_canvas_ensure_routes (self);
  for (guint i = self->routes->len; i > 0; i--) {
    const Route *route = &g_array_index (self->routes, Route, i - 1);
    double d;

    if (route->kind == ROUTE_PIN_LINK)
      continue;
    d = _mdl_canvas_route_distance (route, cx, cy);
    if (d < best || (found == 0 && d <= best)) {
      best = d;
      found = route->wire;
    }
  }
  return found;
}

/* Whether a wire may go between @a and @b; otherwise a reason. */
gboolean
_mdl_canvas_ports_compatible (MdlCanvas *self, const Port *a, const Port *b, const char **why)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const MdlComponent *ca = mdl_board_doc_find (doc, a->component);
  const MdlComponent *cb = mdl_board_doc_find (doc, b->component);

  *why = NULL;
  if (ca == NULL || cb == NULL)
    return FALSE;
  if (a->component == b->component) {
    *why = _("A component cannot be wired to itself");
    return FALSE;
  }
  if ((a->kind == PORT_BUS) != (b->kind == PORT_BUS)) {
    *why = _("A bus port connects only to another bus port");
    return FALSE;
  }
  if (a->kind == PORT_BUS) {
    if (ca->kind == cb->kind) {
      *why = _("A bus connects a device to a CPU cluster");
      return FALSE;
    }
    return TRUE;
  }
  if (a->kind == b->kind) {
    *why = a->kind == PORT_IRQ_OUT ? _("Connect an interrupt output to an interrupt input")
                                   : _("Connect an interrupt input to an interrupt output");
    return FALSE;
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Free space                                                         */

static gboolean
area_is_free (MdlCanvas *self, const graphene_rect_t *r)
{
  graphene_rect_t grown;

  /* Keep a grid cell of air around cards so ports stay reachable. */
  graphene_rect_inset_r (r, -GRID, -GRID, &grown);
  for (guint i = 0; i < self->cards->len; i++)
    if (graphene_rect_intersection (&grown, &g_array_index (self->cards, Card, i).rect, NULL))
      return FALSE;
  return TRUE;
}

void
mdl_canvas_free_position (MdlCanvas *self, double *x, double *y)
{
  const double w = CARD_W, h = HEADER_H + 3 * ROW_H + CARD_PAD;
  const double step = 2 * GRID;
  double cx, cy, ox, oy;

  g_return_if_fail (MDL_IS_CANVAS (self));

  _mdl_canvas_ensure_layout (self);
  _mdl_canvas_widget_to_canvas (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  if (gtk_widget_get_width (GTK_WIDGET (self)) == 0)
    cx = 320, cy = 200;   /* not allocated yet: the first screenful */
  ox = _mdl_canvas_snap (cx - w / 2);
  oy = _mdl_canvas_snap (cy - h / 2);

  /* Square rings of growing radius around the centre, nearest first. */
  for (int ring = 0; ring < 64; ring++)
    for (int j = -ring; j <= ring; j++)
      for (int i = -ring; i <= ring; i++) {
        graphene_rect_t r;
        if (MAX (ABS (i), ABS (j)) != ring)
          continue;
        graphene_rect_init (&r, ox + i * step, oy + j * step, w, h);
        if (area_is_free (self, &r)) {
          *x = r.origin.x;
          *y = r.origin.y;
          return;
        }
      }
  *x = ox;
  *y = oy;
}


/* ------------------------------------------------------------------ */
/* Arrange                                                            */

/* The column a card goes to: CPU clusters, then memories, then the other
 * devices, then the parts on pins, so that wires run left to right. */
static int
arrange_rank (const MdlComponent *c)
{
  if (c->kind == MDL_COMPONENT_CLUSTER)
    return 0;
  if (c->dev_cls == NULL)
    return 2;
  if (c->dev_cls->group == MDL_GROUP_MEMORY)
    return 1;
  if (c->dev_cls->group == MDL_GROUP_PARTS)
    return 3;
  return 2;
}

/* Columns of @heights (in order, a new column at each new rank) no taller
 * than @limit: the x of each card's column and its y, and the extent. */
static void
arrange_columns (const double *heights, const int *ranks, guint n, double limit,
                 double *xs, double *ys, double *width, double *height)
{
  const double gap = 2 * GRID, col_gap = 6 * GRID;
  double x = 2 * GRID, y = 2 * GRID, bottom = 0;

  for (guint k = 0; k < n; k++) {
    if (k > 0 && (ranks[k] != ranks[k - 1] || y + heights[k] > 2 * GRID + limit + 0.5)) {
      x += CARD_W + col_gap;
      y = 2 * GRID;
    }
    xs[k] = x;
    ys[k] = y;
    bottom = MAX (bottom, y + heights[k]);
    y += heights[k] + gap;
  }
  *width = x + CARD_W - 2 * GRID;
  *height = bottom - 2 * GRID;
}

void
mdl_canvas_arrange (MdlCanvas *self)
{
  const MdlBoardDoc *doc;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double tallest = 0, total = 0, best_zoom = -1, best_limit = 0, w, h;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *heights = NULL, *xs = NULL, *ys = NULL;
  g_autofree int *ranks = NULL;
  guint n;

  g_return_if_fail (MDL_IS_CANVAS (self));
  if (self->editor == NULL || (doc = mdl_editor_get_doc (self->editor)) == NULL)
    return;
  _mdl_canvas_ensure_layout (self);
  if (self->cards->len == 0)
    return;
  if (width <= 0 || height <= 0)
    width = 800, height = 500;

  /* Cards in rank order, the document's order within a rank. */
  for (int r = 0; r <= 3; r++)
    for (guint i = 0; i < self->cards->len; i++) {
      const Card *card = &g_array_index (self->cards, Card, i);
      const MdlComponent *c = mdl_board_doc_find (doc, card->id);

      if (c != NULL && arrange_rank (c) == r)
        g_array_append_val (order, i);
    }
  n = order->len;
  heights = g_new (double, n);
  ranks = g_new (int, n);
  xs = g_new (double, n);
  ys = g_new (double, n);
  for (guint k = 0; k < n; k++) {
    const Card *card = &g_array_index (self->cards, Card, g_array_index (order, guint, k));

    heights[k] = card->rect.size.height;
    ranks[k] = arrange_rank (mdl_board_doc_find (doc, card->id));
    tallest = MAX (tallest, heights[k]);
    total += heights[k] + 2 * GRID;
  }

  /* The column height whose layout fits the canvas at the largest zoom. */
  for (double limit = tallest; limit <= total + GRID; limit += GRID) {
    double zoom;

    arrange_columns (heights, ranks, n, limit, xs, ys, &w, &h);
    zoom = MIN ((width - 64) / w, (height - 96) / h);   /* as fit () frames it */
    if (zoom > best_zoom + 1e-6) {
      best_zoom = zoom;
      best_limit = limit;
    }
  }
  arrange_columns (heights, ranks, n, best_limit, xs, ys, &w, &h);

  mdl_editor_begin_move (self->editor);
  for (guint k = 0; k < n; k++) {
    guint id;

    /* Each move is an edit and rebuilds the layout, in the same order. */
    _mdl_canvas_ensure_layout (self);
    id = g_array_index (self->cards, Card, g_array_index (order, guint, k)).id;
    mdl_editor_move (self->editor, id, _mdl_canvas_snap (xs[k]), _mdl_canvas_snap (ys[k]));
  }
  mdl_editor_end_move (self->editor);
  mdl_canvas_zoom_fit (self);
}
