/* MdlCanvas: cards, ports and wires, drawn with GtkSnapshot.
 *
 * Geometry lives in canvas coordinates (those of the document's component
 * positions); the view maps them to widget coordinates by
 * widget = canvas * zoom + pan.  The layout of every card (its size and the
 * position of its ports) is derived from the document and cached until the
 * editor says "changed": the document is only valid until the next edit,
 * so the cache keeps ids, never pointers into it.
 */
#define G_LOG_DOMAIN "medley-canvas"

#include <glib/gi18n.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mdl-canvas-private.h"
#include "engine/registry.h"

#define GRID          16.0
#define CARD_W        208.0
#define HEADER_H      56.0
#define ROW_H         22.0
#define CARD_PAD      8.0
#define CARD_RADIUS   12.0
#define ICON_TILE     32.0
#define PORT_R        4.5
#define PORT_HIT      10.0   /* screen pixels around a port that still hit it */
#define WIRE_HIT      6.0    /* screen pixels around a wire that still hit it */
#define SNAP_PORT     18.0   /* a dragged wire snaps to a port this close */
#define DRAG_SLOP     4.0
#define ZOOM_MIN      0.2
#define ZOOM_MAX      4.0
#define ZOOM_STEP     1.25
#define MAX_HARTS_SHOWN 4
#define TOAST_MS      3500
#define PART_BODY     56.0   /* the face of an LED, button or switch */
#define DIGIT_BODY    132.0  /* the face of a 7-segment digit */

typedef enum {
  PORT_BUS = MDL_CANVAS_PORT_BUS,         /* a device's register windows, or a cluster's bus */
  PORT_IRQ_OUT = MDL_CANVAS_PORT_IRQ_OUT, /* a device's interrupt output */
  PORT_IRQ_IN = MDL_CANVAS_PORT_IRQ_IN,   /* a CPU's or a controller's interrupt input */
} PortKind;

typedef struct {
  PortKind kind;
  guint    component;
  unsigned index;      /* output or input number */
  unsigned hart;       /* for inputs of a cluster */
  int      side;       /* -1: left edge, +1: right edge */
  double   x, y;       /* centre, canvas coordinates */
  char    *label;
  gboolean connected;
} Port;

typedef struct {
  guint            id;
  MdlComponentKind kind;
  graphene_rect_t  rect;
  char            *title;
  char            *subtitle;
  const char      *icon;
  gboolean         problem;
  MdlPartKind         part;      /* a part on GPIO pins, drawn live */
  graphene_rect_t  control;   /* parts: the face (LED, button...) */
} Card;

typedef enum {
  DRAG_NONE,
  DRAG_CARD,     /* pressed on a card: a click, or a move once it travels */
  DRAG_RUBBER,
  DRAG_WIRE,
  DRAG_PAN,
  DRAG_PART,     /* holding a button (or flipping a switch) of the machine */
} DragMode;

struct _MdlCanvas
{
  GtkWidget  parent_instance;

  MdlEditor *editor;
  gulong     changed_id;
  gulong     selection_id;
  gulong     path_id;

  /* Layout cache: cards in drawing order, ports of all cards. */
  GArray    *cards;   /* Card */
  GArray    *ports;   /* Port */
  gboolean   layout_valid;
  char      *signature;   /* of the document the layout was built from */
  gboolean   fit_pending; /* frame the board once we have a size */

  double     zoom;
  double     pan_x, pan_y;

  /* Pointer and drag state, widget coordinates unless said otherwise. */
  double     pointer_x, pointer_y;
  gboolean   pointer_inside;
  gboolean   space_held;
  DragMode   drag;
  double     drag_start_x, drag_start_y;
  double     drag_dx, drag_dy;
  gboolean   drag_moved;
  gboolean   drag_extend;
  guint      drag_card;          /* DRAG_CARD: the card pressed */
  gboolean   drag_toggle;        /* DRAG_CARD: deselect it on a plain click */
  GArray    *move_ids;           /* guint: components being moved */
  GArray    *move_origin;        /* graphene_point_t: their start positions */
  GArray    *rubber_base;        /* guint: selection kept by an extending band */
  int        wire_from;          /* DRAG_WIRE: index in ports */
  int        wire_hover;         /* DRAG_WIRE: compatible port under the pointer */
  double     pan_origin_x, pan_origin_y;

  /* Middle-button pan and pinch zoom. */
  double     mid_origin_x, mid_origin_y;
  double     pinch_zoom0;

  /* Where a palette drag would drop, canvas coordinates. */
  gboolean   drop_ghost;
  double     drop_x, drop_y;

  char      *toast;
  guint      toast_source;

  /* The running machine, for the parts on GPIO pins. */
  MdlSession *session;
  MdlRunner *runner;       /* the session's */
  GArray    *pins_links;   /* PinsLink: the GPIO blocks parts name */
  guint      pressed_part;
};

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

/* Parts (their own section below). */
static MdlPartKind part_kind_of (const MdlDeviceClass *cls);
static const char *part_link_name (const MdlComponent *c);
static unsigned parts_on_pins (const MdlBoardDoc *doc, const MdlComponent *gpio,
                               const MdlComponent *part, unsigned *rank);
static const Card *hit_part_control (MdlCanvas *self, double cx, double cy);
static void press_part (MdlCanvas *self, guint id, gboolean down);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static double
snap (double v)
{
  return round (v / GRID) * GRID;
}

static void
widget_to_canvas (MdlCanvas *self, double wx, double wy, double *cx, double *cy)
{
  *cx = (wx - self->pan_x) / self->zoom;
  *cy = (wy - self->pan_y) / self->zoom;
}

static gboolean
selection_contains (MdlCanvas *self, guint id)
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

static const char *
icon_for_group (MdlDeviceGroup group)
{
  switch (group) {
  case MDL_GROUP_MEMORY:     return "medley-memory-symbolic";
  case MDL_GROUP_SERIAL:     return "medley-serial-symbolic";
  case MDL_GROUP_TIMERS:     return "medley-timer-symbolic";
  case MDL_GROUP_INTERRUPTS: return "medley-interrupt-controller-symbolic";
  case MDL_GROUP_MAILBOXES:  return "medley-mailbox-symbolic";
  case MDL_GROUP_DISPLAY:    return "medley-display-symbolic";
  case MDL_GROUP_OTHER:
  default:                   return "medley-other-symbolic";
  }
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */

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

  /* A wire to an input we would otherwise hide must still have an end. */
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->to == c->id &&
        !port_exists (self, first, c->id, PORT_IRQ_IN, w->input, w->hart))
      add_port (self, doc, PORT_IRQ_IN, c->id, w->input, w->hart, +1, row++,
                g_strdup_printf ("h%u irq %u", w->hart, w->input));
  }
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

  n_in = visible_lines (cls->n_irq_in, highest_irq_used (doc, c->id, FALSE));
  for (unsigned i = 0; i < n_in; i++)
    add_port (self, doc, PORT_IRQ_IN, c->id, i, 0, +1, right++,
              g_strdup_printf ("in %u", i));
  return MAX (left, right);
}

/* What identifies a document for framing: a save (same components, same
 * places) keeps the view, a load of another board re-frames it. */
static char *
doc_signature (const MdlBoardDoc *doc)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    g_string_append_printf (s, "%u:%s:%g:%g;", c->id, c->name, c->x, c->y);
  }
  return g_string_free (s, FALSE);
}

static void
ensure_layout (MdlCanvas *self)
{
  const MdlBoardDoc *doc;
  GPtrArray *problems;

  if (self->layout_valid)
    return;
  self->layout_valid = TRUE;
  g_array_set_size (self->cards, 0);
  g_array_set_size (self->ports, 0);
  if (self->editor == NULL || (doc = mdl_editor_get_doc (self->editor)) == NULL)
    return;

  g_free (self->signature);
  self->signature = doc_signature (doc);
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
      card.icon = c->dev_cls ? icon_for_group (c->dev_cls->group) : "medley-other-symbolic";
      rows = layout_device_ports (self, doc, c);
      card.part = part_kind_of (c->dev_cls);
      if (card.part != MDL_PART_KIND_NONE) {
        const char *gpio = part_link_name (c);
        g_free (card.subtitle);
        card.subtitle = g_strdup_printf ("%s · %s", cls, gpio ? gpio : "gpio");
      } else if (c->dev_cls != NULL && c->dev_cls->view == MDL_VIEW_PINS) {
        /* A row on the right for each part wired to its pins. */
        rows = MAX (rows, parts_on_pins (doc, c, NULL, NULL));
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

static void
invalidate_layout (MdlCanvas *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
find_port (MdlCanvas *self, PortKind kind, guint comp, unsigned index, unsigned hart)
{
  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    if (p->kind == kind && p->component == comp &&
        (kind == PORT_BUS || (p->index == index && p->hart == hart)))
      return i;
  }
  return -1;
}

/* The two ends of a wire, or FALSE when a component went missing. */
static gboolean
wire_ends (MdlCanvas *self, const MdlBoardDoc *doc, const MdlWire *w,
           const Port **a, const Port **b)
{
  int ia, ib;

  if (w->kind == MDL_WIRE_MAP) {
    ia = find_port (self, PORT_BUS, w->from, 0, 0);
    ib = find_port (self, PORT_BUS, w->to, 0, 0);
  } else {
    ia = find_port (self, PORT_IRQ_OUT, w->from, w->output, 0);
    ib = find_port (self, PORT_IRQ_IN, w->to, w->input, w->hart);
  }
  if (ia < 0 || ib < 0)
    return FALSE;
  *a = &g_array_index (self->ports, Port, ia);
  *b = &g_array_index (self->ports, Port, ib);
  return TRUE;
}

/* Control points of the curve from (x0,y0) leaving towards side s0 to
 * (x3,y3) arriving from side s3: horizontal tangents, longer when the
 * ends face away from each other so the curve loops around the cards. */
static void
curve_controls (double x0, double y0, int s0, double x3, double y3, int s3,
                double *x1, double *y1, double *x2, double *y2)
{
  double dx = fabs (x3 - x0);
  double reach = CLAMP (dx * 0.5, 40.0, 180.0);

  if ((s0 > 0 && x3 < x0) || (s0 < 0 && x3 > x0))
    reach = MAX (reach, 60.0 + fabs (y3 - y0) * 0.25);
  *x1 = x0 + s0 * reach;
  *y1 = y0;
  *x2 = x3 + s3 * reach;
  *y2 = y3;
}

static double
point_segment_distance (double px, double py, double ax, double ay,
                        double bx, double by)
{
  double vx = bx - ax, vy = by - ay;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * vx), py - (ay + t * vy));
}

static double
curve_distance (double px, double py, const Port *a, const Port *b)
{
  double x1, y1, x2, y2, best = G_MAXDOUBLE;
  double lx = a->x, ly = a->y;

  curve_controls (a->x, a->y, a->side, b->x, b->y, b->side, &x1, &y1, &x2, &y2);
  for (int i = 1; i <= 32; i++) {
    double t = i / 32.0, u = 1 - t;
    double x = u * u * u * a->x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * b->x;
    double y = u * u * u * a->y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * b->y;
    best = MIN (best, point_segment_distance (px, py, lx, ly, x, y));
    lx = x;
    ly = y;
  }
  return best;
}

/* ------------------------------------------------------------------ */
/* Hit testing (canvas coordinates)                                    */

static int
hit_port (MdlCanvas *self, double cx, double cy)
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

static const Card *
hit_card (MdlCanvas *self, double cx, double cy)
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

static guint
hit_wire (MdlCanvas *self, double cx, double cy)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  double limit = WIRE_HIT / self->zoom;

  for (guint i = doc->wires->len; i > 0; i--) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i - 1);
    const Port *a, *b;
    if (wire_ends (self, doc, w, &a, &b) && curve_distance (cx, cy, a, b) <= limit)
      return w->id;
  }
  return 0;
}

/* Whether a wire may go between @a and @b; otherwise a reason. */
static gboolean
ports_compatible (MdlCanvas *self, const Port *a, const Port *b, const char **why)
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
/* Messages                                                            */

static gboolean
toast_timeout_cb (gpointer data)
{
  MdlCanvas *self = data;

  self->toast_source = 0;
  g_clear_pointer (&self->toast, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
show_message (MdlCanvas *self, const char *message)
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

static void
connect_ports (MdlCanvas *self, const Port *a, const Port *b)
{
  g_autoptr(GError) error = NULL;
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const char *why;
  guint wire;

  if (!ports_compatible (self, a, b, &why)) {
    if (why != NULL)
      show_message (self, why);
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
    show_message (self, error ? error->message : _("The connection was refused"));
  else
    select_one (self, wire | MDL_EDITOR_WIRE_SELECTION);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

typedef struct {
  GdkRGBA bg, fg, dim, card, accent, accent_fg, accent_tint, shade, border;
  GdkRGBA map, irq, warning, warning_fg, grid;
} Colors;

static void
lookup (GtkStyleContext *ctx, const char *name, const char *fallback, GdkRGBA *out)
{
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
}

static GdkRGBA
with_alpha (const GdkRGBA *c, float alpha)
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
  G_GNUC_END_IGNORE_DEPRECATIONS

  c->dim = with_alpha (&c->fg, 0.55f);
  c->border = with_alpha (&c->fg, 0.12f);
  c->map = with_alpha (&c->fg, 0.5f);
  c->grid = with_alpha (&c->fg, 0.18f);
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
  widget_to_canvas (self, 0, 0, &x0, &y0);
  widget_to_canvas (self, width, height, &x1, &y1);
  x0 = floor (x0 / step) * step - step / 2;
  y0 = floor (y0 / step) * step - step / 2;

  gtk_snapshot_push_repeat (snapshot,
                            &GRAPHENE_RECT_INIT (x0, y0, x1 - x0 + step, y1 - y0 + step),
                            &GRAPHENE_RECT_INIT (-step / 2, -step / 2, step, step));
  gtk_snapshot_append_color (snapshot, &colors->grid,
                             &GRAPHENE_RECT_INIT (-r, -r, 2 * r, 2 * r));
  gtk_snapshot_pop (snapshot);
}

static void
curve_path (cairo_t *cr, const Port *a, double bx, double by, int bside)
{
  double x1, y1, x2, y2;

  curve_controls (a->x, a->y, a->side, bx, by, bside, &x1, &y1, &x2, &y2);
  cairo_move_to (cr, a->x, a->y);
  cairo_curve_to (cr, x1, y1, x2, y2, bx, by);
}

/* Wires in widget coordinates with the view transform applied by cairo,
 * so that they stay sharp at any zoom. */
static void
draw_wires (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
            double width, double height)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  cairo_t *cr;

  if (doc->wires->len == 0 && self->drag != DRAG_WIRE)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, self->pan_x, self->pan_y);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    gboolean selected = selection_contains (self, w->id | MDL_EDITOR_WIRE_SELECTION);
    const Port *a, *b;
    static const double dash[] = { 6.0, 4.0 };

    if (!wire_ends (self, doc, w, &a, &b))
      continue;
    curve_path (cr, a, b->x, b->y, b->side);
    if (selected) {
      /* A halo under the wire makes the selection readable at any
       * wire colour. */
      GdkRGBA halo = with_alpha (&colors->accent, 0.3f);
      gdk_cairo_set_source_rgba (cr, &halo);
      cairo_set_line_width (cr, 8.0);
      cairo_stroke_preserve (cr);
    }
    if (w->kind == MDL_WIRE_MAP) {
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
      widget_to_canvas (self, self->pointer_x, self->pointer_y, &bx, &by);
      bside = bx < a->x ? +1 : -1;
    }
    curve_path (cr, a, bx, by, bside);
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

static void
draw_text (MdlCanvas *self, GtkSnapshot *snapshot, const char *text,
           double x, double y, double width, double scale, gboolean bold,
           const GdkRGBA *color, gboolean align_right, gboolean center_y)
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
  return ports_compatible (self, &g_array_index (self->ports, Port, self->wire_from),
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
    GdkRGBA ring = with_alpha (&colors->accent, active ? 0.45f : 0.25f);
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
  draw_text (self, snapshot, p->label, label_x, p->y, CARD_W / 2 - 16, 0.8, FALSE,
             &colors->dim, p->side > 0, TRUE);
}

static void draw_part_glyph (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                             const Card *card, const graphene_rect_t *tile);
static void draw_part (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
                       const Card *card);

static void
draw_card (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
           const Card *card)
{
  gboolean selected = selection_contains (self, card->id);
  gboolean cluster = card->kind == MDL_COMPONENT_CLUSTER;
  const graphene_rect_t *r = &card->rect;
  GskRoundedRect rr, tile;
  GdkRGBA shadow = with_alpha (&colors->shade, selected ? 2.5f : 2.0f);
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
    GdkRGBA glow = with_alpha (&colors->accent, 0.35f);
    gtk_snapshot_append_outset_shadow (snapshot, &rr, &glow, 0, 0, 2, 6);
  }

  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &colors->card, r);
  if (cluster) {
    /* Clusters carry a tinted header so they read apart from devices. */
    GdkRGBA tint = with_alpha (&colors->accent, 0.12f);
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

  /* Icon tile: accent-filled for clusters, a quiet grey for devices. */
  gsk_rounded_rect_init_from_rect (&tile,
                                   &GRAPHENE_RECT_INIT (r->origin.x + 12,
                                                        r->origin.y + (HEADER_H - ICON_TILE) / 2,
                                                        ICON_TILE, ICON_TILE), 8);
  gtk_snapshot_push_rounded_clip (snapshot, &tile);
  {
    GdkRGBA grey = with_alpha (&colors->fg, 0.08f);
    gtk_snapshot_append_color (snapshot, cluster ? &colors->accent : &grey, &tile.bounds);
  }
  gtk_snapshot_pop (snapshot);
  if (card->part != MDL_PART_KIND_NONE)
    draw_part_glyph (self, snapshot, colors, card, &tile.bounds);
  else
    draw_icon (self, snapshot, card->icon, tile.bounds.origin.x + 8, tile.bounds.origin.y + 8,
               16, cluster ? &colors->accent_fg : &colors->fg);

  draw_text (self, snapshot, card->title, text_x, r->origin.y + 10, text_w, 1.0, TRUE,
             &colors->fg, FALSE, FALSE);
  draw_text (self, snapshot, card->subtitle, text_x, r->origin.y + 30, text_w, 0.85, FALSE,
             &colors->dim, FALSE, FALSE);

  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    if (p->component == card->id)
      draw_port (self, snapshot, colors, i, p);
  }
  if (card->part != MDL_PART_KIND_NONE)
    draw_part (self, snapshot, colors, card);

  if (card->problem) {
    /* A warning badge astride the top-right corner. */
    GskRoundedRect badge;
    double bx = r->origin.x + r->size.width - 10, by = r->origin.y - 6;
    gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (bx - 9, by - 3, 18, 18), 9);
    gtk_snapshot_append_outset_shadow (snapshot, &badge, &colors->shade, 0, 1, 0, 2);
    gtk_snapshot_push_rounded_clip (snapshot, &badge);
    gtk_snapshot_append_color (snapshot, &colors->warning, &badge.bounds);
    gtk_snapshot_pop (snapshot);
    draw_text (self, snapshot, "!", bx + 0.5, by + 6, -1, 0.9, TRUE, &colors->warning_fg,
               FALSE, TRUE);
  }
}

static void
draw_ghost (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors)
{
  GskRoundedRect rr;
  GdkRGBA fill = with_alpha (&colors->accent, 0.12f);
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

/* ------------------------------------------------------------------ */
/* Parts: LEDs, buttons, switches and digits on GPIO pins              */
/*                                                                     */
/* Parts are components of the document whose class describes them   */
/* (MdlPartInfo) and that the engine leaves alone: the canvas shows    */
/* them from the state of the pin block they name in the latest        */
/* snapshot, and drives that block's input pins when a button or       */
/* switch is clicked.  The pin blocks' device numbers are looked up    */
/* once per session (it takes a call to the engine thread); each       */
/* snapshot only compares a few words, and the canvas redraws when     */
/* they changed.                                                       */

typedef struct {
  char        *name;     /* the part's "gpio" value; NULL: the first block */
  int          index;    /* device number in snapshots, -1: not found */
  gboolean     valid;    /* state came from a snapshot */
  MdlPinsState state;
} PinsLink;

static void
clear_pins_link (gpointer data)
{
  PinsLink *link = data;
  g_free (link->name);
}

static MdlPartKind
part_kind_of (const MdlDeviceClass *cls)
{
  return cls != NULL && cls->part != NULL ? cls->part->kind : MDL_PART_KIND_NONE;
}

/* The pin block a part names: NULL (the first) when empty. */
static const char *
part_link_name (const MdlComponent *c)
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
  const char *name = part_link_name (c);

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
  PinsLink *link = self->runner != NULL ? find_pins_link (self, part_link_name (c)) : NULL;

  return link != NULL && link->valid ? &link->state : NULL;
}

static gboolean
pin_level (const MdlPinsState *state, unsigned pin, gboolean inputs)
{
  if (state == NULL || pin >= MDL_PINS_MAX)
    return FALSE;
  return ((inputs ? state->inputs : state->levels) >> pin) & 1;
}

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

      if (c->kind != MDL_COMPONENT_DEVICE || part_kind_of (c->dev_cls) == MDL_PART_KIND_NONE ||
          find_pins_link (self, part_link_name (c)) != NULL)
        continue;
      link.name = g_strdup (part_link_name (c));
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
static const Card *
hit_part_control (MdlCanvas *self, double cx, double cy)
{
  const Card *card = hit_card (self, cx, cy);
  graphene_rect_t grown;

  if (self->runner == NULL || card == NULL ||
      (card->part != MDL_PART_KIND_BUTTON && card->part != MDL_PART_KIND_SWITCH))
    return NULL;
  graphene_rect_inset_r (&card->control, -4, -4, &grown);
  return graphene_rect_contains_point (&grown, &GRAPHENE_POINT_INIT (cx, cy)) ? card : NULL;
}

/* A button drives its pin high while held; a switch flips on each press. */
static void
press_part (MdlCanvas *self, guint id, gboolean down)
{
  const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (self->editor), id);
  PinsLink *link;
  unsigned pin;
  gboolean level;

  if (c == NULL || self->runner == NULL)
    return;
  link = find_pins_link (self, part_link_name (c));
  pin = part_pin (c);
  if (link == NULL || link->index < 0 || pin >= MDL_PINS_MAX)
    return;
  if (part_kind_of (c->dev_cls) == MDL_PART_KIND_BUTTON)
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
static void
draw_part_glyph (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors,
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
    draw_text (self, snapshot, "8.", cx - 1, cy, -1, 1.0, TRUE, tint, FALSE, TRUE);
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
static void
draw_part (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors, const Card *card)
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
    pins = g_strdup_printf (_("Pin %u"), pin);
    break;
  }
  case MDL_PART_KIND_BUTTON: {
    gboolean down = pin_level (state, pin, TRUE);
    GdkRGBA face = down ? colors->accent : with_alpha (&colors->fg, 0.08f);
    GdkRGBA shadow = with_alpha (&colors->shade, 3.0f);
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
    pins = g_strdup_printf (_("Pin %u"), pin);
    break;
  }
  case MDL_PART_KIND_SWITCH: {
    gboolean on = pin_level (state, pin, TRUE);
    GdkRGBA track = on ? colors->accent : with_alpha (&colors->fg, 0.15f);
    const GdkRGBA knob = { 1, 1, 1, 1 };
    GdkRGBA knob_shadow = with_alpha (&colors->shade, 3.0f);
    double d = k->size.height - 6;
    graphene_rect_t kr = GRAPHENE_RECT_INIT (on ? k->origin.x + k->size.width - d - 3
                                                : k->origin.x + 3, k->origin.y + 3, d, d);
    GskRoundedRect krr;
    fill_round (snapshot, k, k->size.height / 2, &track);
    gsk_rounded_rect_init_from_rect (&krr, &kr, d / 2);
    gtk_snapshot_append_outset_shadow (snapshot, &krr, &knob_shadow, 0, 1, 0, 2);
    fill_round (snapshot, &kr, d / 2, &knob);
    status = state == NULL ? _("Not running") : on ? _("On") : _("Off");
    pins = g_strdup_printf (_("Pin %u"), pin);
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
    pins = g_strdup_printf (_("Pins %u–%u"), pin, pin + 7);
    break;
  }
  case MDL_PART_KIND_NONE:
  default:
    return;
  }
  /* A typo in "gpio" leaves the part without pins: say so on the card. */
  if (part_pins_component (doc, c) == NULL)
    status = _("No such GPIO block");

  draw_text (self, snapshot, pins, text_x, mid - 9, text_w, 0.9, TRUE, &colors->fg, FALSE, TRUE);
  draw_text (self, snapshot, status, text_x, mid + 9, text_w, 0.85, FALSE, &colors->dim, FALSE,
             TRUE);
}

/* Parts wired to GPIO component @gpio, and where @part comes among them
 * (by pin, then by id): its row on the GPIO card's right edge. */
static unsigned
parts_on_pins (const MdlBoardDoc *doc, const MdlComponent *gpio, const MdlComponent *part,
               unsigned *rank)
{
  unsigned n = 0;

  if (rank != NULL)
    *rank = 0;
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->kind != MDL_COMPONENT_DEVICE || part_kind_of (c->dev_cls) == MDL_PART_KIND_NONE ||
        part_pins_component (doc, c) != gpio)
      continue;
    n++;
    if (part != NULL && rank != NULL && c != part &&
        (part_pin (c) < part_pin (part) || (part_pin (c) == part_pin (part) && c->id < part->id)))
      (*rank)++;
  }
  return n;
}

/* Where a part's link meets its GPIO card: a row of its own on the right
 * edge, as the pins of a header. */
static void
pin_anchor (const Card *gpio, unsigned rank, double *x, double *y)
{
  *x = gpio->rect.origin.x + gpio->rect.size.width;
  *y = gpio->rect.origin.y + HEADER_H + rank * ROW_H + ROW_H / 2;
}

static const Card *
find_card (MdlCanvas *self, guint id)
{
  for (guint i = 0; i < self->cards->len; i++) {
    const Card *card = &g_array_index (self->cards, Card, i);
    if (card->id == id)
      return card;
  }
  return NULL;
}

/* Each part to its GPIO block: the links (under the cards, @ends FALSE)
 * or their terminals and pin labels (over them). */
static void
draw_pin_links (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors, double width,
                double height, gboolean ends)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  GdkRGBA green;
  cairo_t *cr = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  lookup (gtk_widget_get_style_context (GTK_WIDGET (self)), "success_color", "#26a269", &green);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < self->cards->len; i++) {
    const Card *card = &g_array_index (self->cards, Card, i);
    const MdlComponent *c, *g;
    const Card *gcard;
    double gx, gy, px, py;
    unsigned pin, rank;

    if (card->part == MDL_PART_KIND_NONE || (c = mdl_board_doc_find (doc, card->id)) == NULL ||
        (g = part_pins_component (doc, c)) == NULL || (gcard = find_card (self, g->id)) == NULL)
      continue;
    pin = part_pin (c);
    parts_on_pins (doc, g, c, &rank);
    pin_anchor (gcard, rank, &gx, &gy);
    px = card->rect.origin.x;
    py = card->control.origin.y + card->control.size.height / 2;

    if (!ends) {
      Port a = { .x = gx, .y = gy, .side = +1 };
      if (cr == NULL) {
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
        cairo_translate (cr, self->pan_x, self->pan_y);
        cairo_scale (cr, self->zoom, self->zoom);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_width (cr, 2.0);
        gdk_cairo_set_source_rgba (cr, &green);
      }
      curve_path (cr, &a, px, py, -1);
      cairo_stroke (cr);
    } else {
      g_autofree char *label = card->part == MDL_PART_KIND_SEVEN_SEGMENT
                               ? g_strdup_printf (_("pins %u–%u"), pin, pin + 7)
                               : g_strdup_printf (_("pin %u"), pin);
      fill_round (snapshot, &GRAPHENE_RECT_INIT (gx - 3.5, gy - 3.5, 7, 7), 1.5, &green);
      fill_round (snapshot, &GRAPHENE_RECT_INIT (px - 3.5, py - 3.5, 7, 7), 1.5, &green);
      draw_text (self, snapshot, label, gx - 12, gy, CARD_W / 2 - 16, 0.8, FALSE, &colors->dim,
                 TRUE, TRUE);
    }
  }
  if (cr != NULL)
    cairo_destroy (cr);
}

static void
draw_rubber_band (MdlCanvas *self, GtkSnapshot *snapshot, const Colors *colors)
{
  graphene_rect_t band;
  GdkRGBA fill = with_alpha (&colors->accent, 0.15f);
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
  GdkRGBA bg = with_alpha (&colors->fg, 0.92f);
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

static void
mdl_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
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
    ensure_layout (self);
    draw_pin_links (self, snapshot, &colors, width, height, FALSE);
    draw_wires (self, snapshot, &colors, width, height);

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->pan_x, self->pan_y));
    gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
    for (guint i = 0; i < self->cards->len; i++)
      draw_card (self, snapshot, &colors, &g_array_index (self->cards, Card, i));
    draw_pin_links (self, snapshot, &colors, width, height, TRUE);
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

/* ------------------------------------------------------------------ */
/* View                                                                */

static void
zoom_at (MdlCanvas *self, double wx, double wy, double zoom)
{
  double cx, cy;

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  widget_to_canvas (self, wx, wy, &cx, &cy);
  self->zoom = zoom;
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
  graphene_rect_t box;

  self->fit_pending = FALSE;
  ensure_layout (self);
  if (self->cards->len == 0) {
    self->zoom = 1.0;
    self->pan_x = self->pan_y = 24;
  } else {
    box = g_array_index (self->cards, Card, 0).rect;
    for (guint i = 1; i < self->cards->len; i++)
      graphene_rect_union (&box, &g_array_index (self->cards, Card, i).rect, &box);
    self->zoom = MIN (1.0, MIN ((width - 2 * margin) / box.size.width,
                                (height - 2 * margin) / box.size.height));
    self->zoom = CLAMP (self->zoom, ZOOM_MIN, ZOOM_MAX);
    self->pan_x = floor ((width - box.size.width * self->zoom) / 2 - box.origin.x * self->zoom);
    self->pan_y = floor ((height - box.size.height * self->zoom) / 2 - box.origin.y * self->zoom);
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
mdl_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  MdlCanvas *self = MDL_CANVAS (widget);

  if (self->fit_pending && width > 0 && height > 0)
    fit (self);
}

void
mdl_canvas_zoom_in (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, self->zoom * ZOOM_STEP);
}

void
mdl_canvas_zoom_out (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, self->zoom / ZOOM_STEP);
}

void
mdl_canvas_zoom_reset (MdlCanvas *self)
{
  g_return_if_fail (MDL_IS_CANVAS (self));
  zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, 1.0);
}

double
mdl_canvas_get_zoom (MdlCanvas *self)
{
  g_return_val_if_fail (MDL_IS_CANVAS (self), 1.0);
  return self->zoom;
}

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

  ensure_layout (self);
  widget_to_canvas (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                    gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  if (gtk_widget_get_width (GTK_WIDGET (self)) == 0)
    cx = 320, cy = 200;   /* not allocated yet: the first screenful */
  ox = snap (cx - w / 2);
  oy = snap (cy - h / 2);

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
/* Input                                                               */

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
    ensure_layout (self);
    widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
    if (hit_part_control (self, cx, cy) != NULL)
      name = "pointer";
    else if (hit_port (self, cx, cy) >= 0)
      name = "crosshair";
    else if (hit_card (self, cx, cy) == NULL && hit_wire (self, cx, cy) != 0)
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
                     snap (o->x + dx), snap (o->y + dy));
  }
}

static void
update_rubber_band (MdlCanvas *self)
{
  g_autoptr(GArray) ids = g_array_copy (self->rubber_base);
  graphene_rect_t band;
  double x0, y0, x1, y1;

  widget_to_canvas (self, self->drag_start_x, self->drag_start_y, &x0, &y0);
  widget_to_canvas (self, self->drag_start_x + self->drag_dx,
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

  widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
  for (guint i = 0; i < self->ports->len; i++) {
    const Port *p = &g_array_index (self->ports, Port, i);
    const char *why;
    double d = hypot (cx - p->x, cy - p->y);
    if ((int) i != self->wire_from && d <= best && ports_compatible (self, from, p, &why)) {
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

  widget_to_canvas (self, self->pointer_x, self->pointer_y, &cx, &cy);
  hit = hit_port (self, cx, cy);
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

  ensure_layout (self);
  widget_to_canvas (self, x, y, &cx, &cy);

  /* While the board runs, a button or switch is pressed, not selected. */
  if ((card = hit_part_control (self, cx, cy)) != NULL) {
    self->drag = DRAG_PART;
    self->drag_card = card->id;
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    press_part (self, self->drag_card, TRUE);
    update_cursor (self);
    return;
  }

  if ((port = hit_port (self, cx, cy)) >= 0) {
    self->drag = DRAG_WIRE;
    self->wire_from = port;
    self->drag_card = g_array_index (self->ports, Port, port).component;
    gtk_widget_queue_draw (GTK_WIDGET (self));
  } else if ((card = hit_card (self, cx, cy)) != NULL) {
    guint id = card->id;

    self->drag = DRAG_CARD;
    self->drag_card = id;
    self->drag_toggle = FALSE;
    if (!selection_contains (self, id)) {
      if (self->drag_extend)
        extend_selection (self, id, FALSE);
      else
        select_one (self, id);
    } else
      /* Pressing a selected card keeps the selection so that all of it
       * moves; the click is decided on release. */
      self->drag_toggle = TRUE;
  } else if ((wire = hit_wire (self, cx, cy)) != 0) {
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
    press_part (self, self->drag_card, FALSE);
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
    double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
    double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    zoom_at (self, x, y, self->zoom * pow (1.15, -dy));
    return TRUE;
  }

  /* Wheels report notches, touchpads report pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    unit = 48.0;
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  self->pan_x -= dx * unit;
  self->pan_y -= dy * unit;
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
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  zoom_at (self, x, y, self->pinch_zoom0 * scale);
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
/* Drop from the palette                                               */

static void
drop_position (MdlCanvas *self, double x, double y, double *cx, double *cy)
{
  widget_to_canvas (self, x, y, cx, cy);
  /* The pointer holds the card by the middle of its header. */
  *cx = snap (*cx - CARD_W / 2);
  *cy = snap (*cy - HEADER_H / 2);
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
    show_message (self, msg);
    return FALSE;
  }
  select_one (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Editor                                                              */

static void
editor_changed_cb (MdlEditor *editor, MdlCanvas *self)
{
  invalidate_layout (self);
}

static void
editor_path_cb (MdlEditor *editor, GParamSpec *pspec, MdlCanvas *self)
{
  g_autofree char *signature = doc_signature (mdl_editor_get_doc (editor));

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
/* For the tests                                                       */

gboolean
_mdl_canvas_get_port_position (MdlCanvas *self, guint component, MdlCanvasPortKind kind,
                               unsigned index, unsigned hart, double *x, double *y)
{
  int i;
  const Port *p;

  ensure_layout (self);
  if ((i = find_port (self, (PortKind) kind, component, index, hart)) < 0)
    return FALSE;
  p = &g_array_index (self->ports, Port, i);
  *x = p->x * self->zoom + self->pan_x;
  *y = p->y * self->zoom + self->pan_y;
  return TRUE;
}

gboolean
_mdl_canvas_get_wire_point (MdlCanvas *self, guint wire_id, double t, double *x, double *y)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);

  ensure_layout (self);
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const Port *a, *b;
    double x1, y1, x2, y2, u = 1 - t;

    if (w->id != wire_id || !wire_ends (self, doc, w, &a, &b))
      continue;
    curve_controls (a->x, a->y, a->side, b->x, b->y, b->side, &x1, &y1, &x2, &y2);
    *x = (u * u * u * a->x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * b->x)
         * self->zoom + self->pan_x;
    *y = (u * u * u * a->y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * b->y)
         * self->zoom + self->pan_y;
    return TRUE;
  }
  return FALSE;
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

  ensure_layout (self);
  if ((card = find_card (self, component)) == NULL || card->part == MDL_PART_KIND_NONE)
    return FALSE;
  *x = (card->control.origin.x + card->control.size.width / 2) * self->zoom + self->pan_x;
  *y = (card->control.origin.y + card->control.size.height / 2) * self->zoom + self->pan_y;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

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
    zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
             gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, g_value_get_double (value));
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

  widget_class->snapshot = mdl_canvas_snapshot;
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
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDropTarget *drop;

  self->zoom = 1.0;
  self->pan_x = 24;
  self->pan_y = 24;
  self->wire_from = self->wire_hover = -1;
  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, clear_card);
  self->ports = g_array_new (FALSE, TRUE, sizeof (Port));
  g_array_set_clear_func (self->ports, clear_port);
  self->move_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->move_origin = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  self->rubber_base = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pins_links = g_array_new (FALSE, TRUE, sizeof (PinsLink));
  g_array_set_clear_func (self->pins_links, clear_pins_link);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

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
