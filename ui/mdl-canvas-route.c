/* MdlCanvas: wires routed as horizontal and vertical runs around the
 * cards.  A wire leaves its port straight out of the card for a margin,
 * then follows a sparse grid made of the lines a margin away from each
 * card's edges and of the ports' rows, by A* with a price on each bend and
 * on running closer to a card than the margin, never through a card.
 * Wires that end up sharing a run are then spread a few pixels apart so
 * that each stays traceable.  Where no way around the cards exists the
 * wire is a straight line rather than nothing.
 *
 * Routes are computed when the layout was rebuilt (an edit, a move) and
 * kept until the next one: drawing, hit testing and the tests all read
 * the same polylines.  Everything is in canvas coordinates and depends on
 * the document alone, so the same board always gets the same routes. */
#define G_LOG_DOMAIN "medley-canvas"

#include <math.h>
#include <string.h>

#include "mdl-canvas-private.h"

#define MARGIN     GRID   /* air between a card and a wire running past it */
#define BEND_COST  24.0   /* a bend is worth this much straight run */
#define NEAR_COST  4.0    /* factor on runs closer to a card than MARGIN */
#define CLOSE_COST 1.25   /* factor on runs closer than 2 MARGIN: wires
                             take the middle of a wide channel */
#define SPREAD     5.0    /* distance between wires sharing a run */
#define EPS        0.01

typedef struct {
  double x, y;
  int    side;
  guint  card;
} End;

typedef struct {
  double  *xs, *ys;
  int      nx, ny;
  double  *hcost;   /* edge (i,j)-(i+1,j) at j * nx + i; INFINITY: blocked */
  double  *vcost;   /* edge (i,j)-(i,j+1) at j * nx + i */
} Grid;

typedef struct {
  double f;
  guint  seq;       /* ties go to the older entry: deterministic */
  int    state;
} HeapItem;

typedef struct {
  int      n_states;
  double  *g;
  int     *prev;
  guint   *stamp;   /* g and prev are valid where stamp == the search's */
  guint   *closed_stamp;  /* closed where it is the search's */
  guint    search;
  GArray  *heap;    /* HeapItem */
  guint    seq;
} Search;

/* ------------------------------------------------------------------ */
/* Geometry                                                           */

/* Whether the axis-aligned segment runs through the inside of @r shrunk
 * by @inset (negative: grown); touching the edge is not entering. */
static gboolean
segment_enters (const graphene_rect_t *r, double inset, double x0, double y0, double x1,
                double y1)
{
  double l = r->origin.x + inset, t = r->origin.y + inset;
  double rr = r->origin.x + r->size.width - inset, b = r->origin.y + r->size.height - inset;

  return MAX (x0, x1) > l && MIN (x0, x1) < rr && MAX (y0, y1) > t && MIN (y0, y1) < b;
}

gboolean
_mdl_canvas_segment_crosses_card (const graphene_rect_t *card, double x0, double y0, double x1,
                                  double y1)
{
  return segment_enters (card, 0.5, x0, y0, x1, y1);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Sorted, without near-duplicates; returns the count. */
static int
unique_sorted (GArray *values)
{
  guint n = 0;

  g_array_sort (values, compare_double);
  for (guint i = 0; i < values->len; i++) {
    double v = g_array_index (values, double, i);
    if (n == 0 || v - g_array_index (values, double, n - 1) > EPS)
      g_array_index (values, double, n++) = v;
  }
  g_array_set_size (values, n);
  return n;
}

static int
find_coord (const double *v, int n, double x)
{
  int lo = 0, hi = n - 1;

  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (fabs (v[mid] - x) <= EPS)
      return mid;
    if (v[mid] < x)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

static double
run_cost (const GArray *cards, double x0, double y0, double x1, double y1)
{
  double len = fabs (x1 - x0) + fabs (y1 - y0);
  double factor = 1;

  for (guint k = 0; k < cards->len; k++) {
    const graphene_rect_t *r = &g_array_index (cards, Card, k).rect;
    if (segment_enters (r, 0.5, x0, y0, x1, y1))
      return INFINITY;
    if (factor < NEAR_COST && segment_enters (r, -(MARGIN - 0.5), x0, y0, x1, y1))
      factor = NEAR_COST;
    else if (factor < CLOSE_COST && segment_enters (r, -(2 * MARGIN - 0.5), x0, y0, x1, y1))
      factor = CLOSE_COST;
  }
  return len * factor;
}

/* The middle of each gap wider than two margins between the lines so
 * far: where a wire between two columns or rows looks best. */
static void
add_middles (GArray *values)
{
  guint n = unique_sorted (values);

  for (guint i = 0; i + 1 < n; i++) {
    double a = g_array_index (values, double, i), b = g_array_index (values, double, i + 1);
    if (b - a > 2 * MARGIN) {
      double mid = round ((a + b) / 2);
      g_array_append_val (values, mid);
    }
  }
}

static void
grid_build (Grid *grid, const GArray *cards, const GArray *ends)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < cards->len; k++) {
    const graphene_rect_t *r = &g_array_index (cards, Card, k).rect;
    double v[4] = { r->origin.x - MARGIN, r->origin.x + r->size.width + MARGIN,
                    r->origin.y - MARGIN, r->origin.y + r->size.height + MARGIN };
    g_array_append_vals (xs, v, 2);
    g_array_append_vals (ys, v + 2, 2);
  }
  for (guint k = 0; k < ends->len; k++) {
    const End *e = &g_array_index (ends, End, k);
    double x = e->x + e->side * MARGIN;
    g_array_append_val (xs, x);
    g_array_append_val (ys, e->y);
  }
  add_middles (xs);
  add_middles (ys);
  grid->nx = unique_sorted (xs);
  grid->ny = unique_sorted (ys);
  grid->xs = g_memdup2 (xs->data, xs->len * sizeof (double));
  grid->ys = g_memdup2 (ys->data, ys->len * sizeof (double));
  grid->hcost = g_new (double, (gsize) grid->nx * grid->ny);
  grid->vcost = g_new (double, (gsize) grid->nx * grid->ny);
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++) {
      int n = j * grid->nx + i;
      grid->hcost[n] = i + 1 < grid->nx
                         ? run_cost (cards, grid->xs[i], grid->ys[j], grid->xs[i + 1], grid->ys[j])
                         : INFINITY;
      grid->vcost[n] = j + 1 < grid->ny
                         ? run_cost (cards, grid->xs[i], grid->ys[j], grid->xs[i], grid->ys[j + 1])
                         : INFINITY;
    }
}

static void
grid_clear (Grid *grid)
{
  g_free (grid->xs);
  g_free (grid->ys);
  g_free (grid->hcost);
  g_free (grid->vcost);
}

/* ------------------------------------------------------------------ */
/* A* over (grid node, heading)                                       */

/* Headings: 0 +x, 1 -x, 2 +y, 3 -y; the reverse of d is d ^ 1. */

static gboolean
heap_less (const HeapItem *a, const HeapItem *b)
{
  return a->f < b->f || (a->f == b->f && a->seq < b->seq);
}

static void
heap_push (Search *s, double f, int state)
{
  HeapItem item = { f, s->seq++, state };
  guint i;

  g_array_append_val (s->heap, item);
  for (i = s->heap->len - 1; i > 0;) {
    guint parent = (i - 1) / 2;
    HeapItem *a = &g_array_index (s->heap, HeapItem, i);
    HeapItem *p = &g_array_index (s->heap, HeapItem, parent);
    HeapItem t;
    if (!heap_less (a, p))
      break;
    t = *a, *a = *p, *p = t;
    i = parent;
  }
}

static HeapItem
heap_pop (Search *s)
{
  HeapItem top = g_array_index (s->heap, HeapItem, 0);
  guint n = s->heap->len - 1, i = 0;

  g_array_index (s->heap, HeapItem, 0) = g_array_index (s->heap, HeapItem, n);
  g_array_set_size (s->heap, n);
  for (;;) {
    HeapItem *items = (HeapItem *) (gpointer) s->heap->data, t;
    guint l = 2 * i + 1, r = l + 1, m = i;

    if (l < n && heap_less (&items[l], &items[m]))
      m = l;
    if (r < n && heap_less (&items[r], &items[m]))
      m = r;
    if (m == i)
      break;
    t = items[i], items[i] = items[m], items[m] = t;
    i = m;
  }
  return top;
}

static double
state_g (const Search *s, int state)
{
  return s->stamp[state] == s->search ? s->g[state] : INFINITY;
}

static void
relax (Search *s, int state, int from, double g, double h)
{
  if (g < state_g (s, state)) {
    s->stamp[state] = s->search;
    s->g[state] = g;
    s->prev[state] = from;
    heap_push (s, g + h, state);
  }
}

/* The cheapest run from node @start leaving with heading @heading to
 * node @goal arriving with heading @arrive (other arrivals pay a bend or
 * two); the nodes, goal first, in @path.  FALSE when there is none. */
static gboolean
search_path (Search *s, const Grid *grid, int start, int heading, int goal, int arrive,
             GArray *path)
{
  const int final = s->n_states;
  double gx = grid->xs[goal % grid->nx], gy = grid->ys[goal / grid->nx];

  s->search++;
  s->seq = 0;
  g_array_set_size (s->heap, 0);
  g_array_set_size (path, 0);
  relax (s, start * 4 + heading, -1, 0, 0);

  while (s->heap->len > 0) {
    HeapItem item = heap_pop (s);
    int node, d, i, j;
    double g;

    if (item.state == final) {
      for (int st = s->prev[final]; st >= 0; st = s->prev[st]) {
        int n = st / 4;
        if (path->len == 0 || g_array_index (path, int, path->len - 1) != n)
          g_array_append_val (path, n);
      }
      return TRUE;
    }
    if (s->closed_stamp[item.state] == s->search)
      continue;
    s->closed_stamp[item.state] = s->search;
    node = item.state / 4;
    d = item.state % 4;
    g = s->g[item.state];
    i = node % grid->nx;
    j = node / grid->nx;

    if (node == goal)
      relax (s, final, item.state,
             g + (d == arrive ? 0 : d == (arrive ^ 1) ? 3 * BEND_COST : BEND_COST), 0);

    for (int nd = 0; nd < 4; nd++) {
      int ni = i, nj = j, next;
      double c, h;

      if (nd == (d ^ 1))
        continue;
      switch (nd) {
      case 0: c = grid->hcost[node], ni++; break;
      case 1: c = i > 0 ? grid->hcost[node - 1] : INFINITY, ni--; break;
      case 2: c = grid->vcost[node], nj++; break;
      default: c = j > 0 ? grid->vcost[node - grid->nx] : INFINITY, nj--; break;
      }
      if (!isfinite (c))
        continue;
      next = nj * grid->nx + ni;
      h = fabs (grid->xs[ni] - gx) + fabs (grid->ys[nj] - gy);
      relax (s, next * 4 + nd, item.state, g + c + (nd == d ? 0 : BEND_COST), h);
    }
  }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Routes                                                             */

static void
add_point (GArray *points, double x, double y)
{
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  /* Drop repeats and the middle of three points in a line. */
  if (points->len > 0) {
    const graphene_point_t *last = &g_array_index (points, graphene_point_t, points->len - 1);
    if (fabs (last->x - x) < EPS && fabs (last->y - y) < EPS)
      return;
  }
  if (points->len > 1) {
    const graphene_point_t *a = &g_array_index (points, graphene_point_t, points->len - 2);
    const graphene_point_t *b = &g_array_index (points, graphene_point_t, points->len - 1);
    if ((fabs (a->x - b->x) < EPS && fabs (b->x - x) < EPS)
        || (fabs (a->y - b->y) < EPS && fabs (b->y - y) < EPS))
      g_array_set_size (points, points->len - 1);
  }
  g_array_append_val (points, p);
}

static void
route_one (Search *s, const Grid *grid, const End *a, const End *b, GArray *path, Route *route)
{
  double sax = a->x + a->side * MARGIN, sbx = b->x + b->side * MARGIN;
  int si = find_coord (grid->xs, grid->nx, sax), sj = find_coord (grid->ys, grid->ny, a->y);
  int gi = find_coord (grid->xs, grid->nx, sbx), gj = find_coord (grid->ys, grid->ny, b->y);

  g_array_set_size (route->points, 0);
  route->routed = si >= 0 && sj >= 0 && gi >= 0 && gj >= 0
                  && search_path (s, grid, sj * grid->nx + si, a->side > 0 ? 0 : 1,
                                  gj * grid->nx + gi, b->side > 0 ? 1 : 0, path);
  add_point (route->points, a->x, a->y);
  if (route->routed)
    for (guint k = path->len; k > 0; k--) {
      int n = g_array_index (path, int, k - 1);
      add_point (route->points, grid->xs[n % grid->nx], grid->ys[n / grid->nx]);
    }
  add_point (route->points, b->x, b->y);
  if (route->points->len < 2) {   /* both ends on one spot */
    graphene_point_t p = g_array_index (route->points, graphene_point_t, 0);
    g_array_append_val (route->points, p);
  }
}

typedef struct {
  guint   route;
  guint   seg;       /* points seg and seg + 1 */
  gboolean vertical;
  double  c;         /* x of a vertical run, y of a horizontal one */
  double  lo, hi;
} Run;

static int
compare_runs (gconstpointer pa, gconstpointer pb)
{
  const Run *a = pa, *b = pb;

  if (a->vertical != b->vertical)
    return a->vertical - b->vertical;
  if (fabs (a->c - b->c) > EPS)
    return a->c < b->c ? -1 : 1;
  if (a->lo != b->lo)
    return a->lo < b->lo ? -1 : 1;
  return a->route < b->route ? -1 : a->route > b->route;
}

static gboolean
route_enters_cards (const Route *route, const GArray *cards)
{
  for (guint k = 0; k + 1 < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k);
    const graphene_point_t *q = p + 1;
    for (guint c = 0; c < cards->len; c++)
      if (segment_enters (&g_array_index (cards, Card, c).rect, 0.5, p->x, p->y, q->x, q->y))
        return TRUE;
  }
  return FALSE;
}

/* Runs of different wires on the same line and overlapping are moved
 * apart, centred on the line; the ends at the ports stay where they are
 * (the runs leaving the ports are never moved, so each port keeps its
 * row).  A route that would then cut a card keeps its line. */
static void
spread_runs (GArray *routes, const GArray *cards)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) offsets = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint first;

  for (guint r = 0; r < routes->len; r++) {
    const Route *route = &g_array_index (routes, Route, r);
    const GArray *pts = route->points;

    g_ptr_array_add (saved, g_array_copy ((GArray *) pts));
    if (!route->routed)
      continue;
    for (guint k = 1; k + 2 < pts->len; k++) {
      const graphene_point_t *p = &g_array_index (pts, graphene_point_t, k), *q = p + 1;
      Run run = { r, k, fabs (p->x - q->x) < EPS, 0, 0, 0 };
      run.c = run.vertical ? p->x : p->y;
      run.lo = run.vertical ? MIN (p->y, q->y) : MIN (p->x, q->x);
      run.hi = run.vertical ? MAX (p->y, q->y) : MAX (p->x, q->x);
      g_array_append_val (runs, run);
    }
  }
  g_array_sort (runs, compare_runs);
  g_array_set_size (offsets, runs->len);

  /* Groups of runs on one line chained by overlaps. */
  for (first = 0; first < runs->len;) {
    const Run *f = &g_array_index (runs, Run, first);
    double hi = f->hi;
    guint last = first + 1, n;

    while (last < runs->len) {
      const Run *o = &g_array_index (runs, Run, last);
      if (o->vertical != f->vertical || fabs (o->c - f->c) > EPS || o->lo >= hi - 0.5)
        break;
      hi = MAX (hi, o->hi);
      last++;
    }
    n = last - first;
    if (n > 1) {
      double step = MIN (SPREAD, 2 * (MARGIN - 4) / (n - 1));
      /* Wires turning towards lower coordinates at their far end take the
       * lower slots, which saves crossings where they leave the line. */
      g_autofree double *keys = g_new (double, n);
      g_autofree guint *order = g_new (guint, n);

      for (guint k = 0; k < n; k++) {
        const Run *run = &g_array_index (runs, Run, first + k);
        const GArray *pts = g_array_index (routes, Route, run->route).points;
        const graphene_point_t *p = &g_array_index (pts, graphene_point_t, run->seg);
        const graphene_point_t *q = p + 1;
        const graphene_point_t *after = run->seg + 2 < pts->len ? q + 1 : q;
        const graphene_point_t *before = run->seg > 0 ? p - 1 : p;
        /* Where the wire goes on either side, across the line. */
        keys[k] = run->vertical ? (before->x + after->x) / 2 : (before->y + after->y) / 2;
        order[k] = k;
      }
      for (guint a = 1; a < n; a++)   /* insertion sort: stable, n is small */
        for (guint b = a; b > 0 && keys[order[b]] < keys[order[b - 1]]; b--) {
          guint t = order[b];
          order[b] = order[b - 1];
          order[b - 1] = t;
        }
      for (guint k = 0; k < n; k++)
        g_array_index (offsets, double, first + order[k]) = (k - (n - 1) / 2.0) * step;
    }
    first = last;
  }

  for (guint k = 0; k < runs->len; k++) {
    const Run *run = &g_array_index (runs, Run, k);
    double off = g_array_index (offsets, double, k);
    GArray *pts = g_array_index (routes, Route, run->route).points;
    graphene_point_t *p = &g_array_index (pts, graphene_point_t, run->seg);

    if (run->vertical)
      p[0].x += off, p[1].x += off;
    else
      p[0].y += off, p[1].y += off;
  }

  for (guint r = 0; r < routes->len; r++) {
    Route *route = &g_array_index (routes, Route, r);
    if (route->routed && route_enters_cards (route, cards)) {
      g_array_unref (route->points);
      route->points = g_array_ref (g_ptr_array_index (saved, r));
    }
  }
}

static void
add_route (GArray *routes, GArray *ends, RouteKind kind, guint wire, guint part, const End *a,
           const End *b)
{
  Route route = { kind, wire, part, a->card, b->card, FALSE,
                  g_array_new (FALSE, FALSE, sizeof (graphene_point_t)) };

  g_array_append_val (routes, route);
  g_array_append_vals (ends, a, 1);
  g_array_append_vals (ends, b, 1);
}

void
_mdl_canvas_ensure_routes (MdlCanvas *self)
{
  const MdlBoardDoc *doc;
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (End));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (int));
  gint64 t0 = g_get_monotonic_time ();
  Grid grid = { 0 };
  Search s = { 0 };

  _mdl_canvas_ensure_layout (self);
  if (self->routes_valid)
    return;
  self->routes_valid = TRUE;
  g_array_set_size (self->routes, 0);
  if (self->editor == NULL || (doc = mdl_editor_get_doc (self->editor)) == NULL)
    return;

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const Port *pa, *pb;
    End a, b;

    if (!_mdl_canvas_wire_ends (self, doc, w, &pa, &pb))
      continue;
    a = (End) { pa->x, pa->y, pa->side, pa->component };
    b = (End) { pb->x, pb->y, pb->side, pb->component };
    add_route (self->routes, ends, w->kind == MDL_WIRE_MAP ? ROUTE_MAP : ROUTE_IRQ, w->id, 0, &a,
               &b);
  }
  for (guint i = 0; i < self->cards->len; i++) {
    const Card *card = &g_array_index (self->cards, Card, i);
    guint gpio;
    double gx, gy, px, py;
    End a, b;

    if (!_mdl_canvas_pin_link_ends (self, doc, card, &gpio, &gx, &gy, &px, &py))
      continue;
    a = (End) { gx, gy, +1, gpio };
    b = (End) { px, py, -1, card->id };
    add_route (self->routes, ends, ROUTE_PIN_LINK, 0, card->id, &a, &b);
  }
  if (self->routes->len == 0)
    return;

  grid_build (&grid, self->cards, ends);
  s.n_states = grid.nx * grid.ny * 4;
  s.g = g_new (double, s.n_states + 1);
  s.prev = g_new (int, s.n_states + 1);
  s.stamp = g_new0 (guint, s.n_states + 1);
  s.closed_stamp = g_new0 (guint, s.n_states + 1);
  s.heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));

  for (guint r = 0; r < self->routes->len; r++)
    route_one (&s, &grid, &g_array_index (ends, End, 2 * r), &g_array_index (ends, End, 2 * r + 1),
               path, &g_array_index (self->routes, Route, r));
  spread_runs (self->routes, self->cards);

  g_free (s.g);
  g_free (s.prev);
  g_free (s.stamp);
  g_free (s.closed_stamp);
  g_array_unref (s.heap);
  grid_clear (&grid);
  self->route_usec = g_get_monotonic_time () - t0;
}

const Route *
_mdl_canvas_find_route (MdlCanvas *self, guint wire_id)
{
  _mdl_canvas_ensure_routes (self);
  for (guint i = 0; i < self->routes->len; i++) {
    const Route *route = &g_array_index (self->routes, Route, i);
    if (route->kind != ROUTE_PIN_LINK && route->wire == wire_id)
      return route;
  }
  return NULL;
}

void
_mdl_canvas_route_path (cairo_t *cr, const Route *route)
{
  for (guint k = 0; k < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k);
    if (k == 0)
      cairo_move_to (cr, p->x, p->y);
    else
      cairo_line_to (cr, p->x, p->y);
  }
}

static double
point_segment_distance (double px, double py, double ax, double ay, double bx, double by)
{
  double vx = bx - ax, vy = by - ay;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * vx), py - (ay + t * vy));
}

double
_mdl_canvas_route_distance (const Route *route, double x, double y)
{
  double best = G_MAXDOUBLE;

  for (guint k = 0; k + 1 < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k), *q = p + 1;
    best = MIN (best, point_segment_distance (x, y, p->x, p->y, q->x, q->y));
  }
  return best;
}

void
_mdl_canvas_route_point (const Route *route, double t, double *x, double *y)
{
  double total = 0, want;

  for (guint k = 0; k + 1 < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k), *q = p + 1;
    total += hypot (q->x - p->x, q->y - p->y);
  }
  want = CLAMP (t, 0.0, 1.0) * total;
  for (guint k = 0; k + 1 < route->points->len; k++) {
    const graphene_point_t *p = &g_array_index (route->points, graphene_point_t, k), *q = p + 1;
    double len = hypot (q->x - p->x, q->y - p->y);
    if (want <= len || k + 2 == route->points->len) {
      double u = len > 0 ? MIN (want / len, 1.0) : 0;
      *x = p->x + u * (q->x - p->x);
      *y = p->y + u * (q->y - p->y);
      return;
    }
    want -= len;
  }
  *x = g_array_index (route->points, graphene_point_t, 0).x;
  *y = g_array_index (route->points, graphene_point_t, 0).y;
}

/* While a wire is being drawn: out of the port, across at half way, and
 * into the other end, without routing (the pointer moves too often). */
void
_mdl_canvas_elbow_path (cairo_t *cr, double ax, double ay, int aside, double bx, double by,
                        int bside)
{
  double x0 = ax + aside * MARGIN, x1 = bx + bside * MARGIN;
  double mx = (x0 + x1) / 2;

  cairo_move_to (cr, ax, ay);
  cairo_line_to (cr, x0, ay);
  if ((aside > 0) == (x1 > x0) && (bside < 0) == (x1 > x0)) {
    cairo_line_to (cr, mx, ay);
    cairo_line_to (cr, mx, by);
  } else {
    /* Facing away: round the far side at half height. */
    double my = (ay + by) / 2;
    cairo_line_to (cr, x0, my);
    cairo_line_to (cr, x1, my);
    cairo_line_to (cr, x1, by);
  }
  cairo_line_to (cr, x1, by);
  cairo_line_to (cr, bx, by);
}
