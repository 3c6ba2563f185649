#define G_LOG_DOMAIN "medley-timeline"

/* The timeline is drawn by hand with GtkSnapshot: a few lanes, a time
 * axis and possibly hundreds of thousands of records would make a widget
 * per mark far too heavy.
 *
 * History.  Records are kept in arrival order in one array (bounded: the
 * oldest are dropped in chunks), and every lane keeps the positions of its
 * own records.  A position counts records since the history started, so
 * dropping the oldest never renumbers what lanes point at.  Within a lane,
 * times almost always grow, but not quite: CPUs run in quanta and a device
 * stamps a record with the time of whichever CPU touched it, so a record
 * may be up to a quantum older than the one before.  Each lane item
 * therefore also stores the running maximum of the times so far, which
 * does grow, and is what binary searches use.
 *
 * Drawing.  State bars are binned per pixel column (a column where the CPU
 * both ran and waited shows it ran: activity wins) so a million short
 * waits cost one rectangle per column at most.  Marks closer than a few
 * pixels merge into one group; a group of UART bytes becomes a pill that
 * shows the text when it is wide enough.  What was drawn is remembered as
 * hit rectangles, so a click finds exactly the mark the person saw. */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "mdl-timeline-view.h"
#include "mdl-timeline-view-private.h"

#define HISTORY_MAX   200000   /* records kept */
#define HISTORY_CHUNK 20000    /* dropped at once, so trimming is rare */
/* While the machine runs, the view reads and redraws at most this often:
 * a timeline needs no more to look live, and every frame of a window on
 * a busy machine is time the guest does not get. */
#define LIVE_INTERVAL_MS 125

#define LABEL_W    128.0
#define RIGHT_PAD  16.0
#define AXIS_H     30.0
#define FOOTER_H   44.0
#define CPU_LANE_H 46.0
#define DEV_LANE_H 36.0
#define TICK_SPACING 120.0     /* pixels between time labels, about */

#define MIN_SCALE  10.0        /* ps per pixel: 100 px per 1 GHz cycle */

/* Marks of one kind closer than this many pixels are one group. */
#define MERGE_PX        4.0
#define SERIAL_MERGE_PX 16.0

typedef enum {
  LANE_CPU,
  LANE_DEVICE,
} LaneKind;

/* What a group of marks is, for merging, drawing and the popover. */
typedef enum {
  GROUP_SERIAL,
  GROUP_IRQ,       /* raised and lowered edges together: a pulse is one mark */
  GROUP_MAILBOX,
  GROUP_STOP,
  GROUP_STATE,     /* a stretch of a state bar (hit-testing only) */
  N_GROUPS
} GroupKind;

typedef struct {
  guint64  pos;    /* history position */
  guint64  tmax;   /* running maximum of the lane's times up to here */
} Item;

typedef struct {
  LaneKind kind;
  guint    index;        /* CPU index, or device index (MDL_TRACE_NONE: none) */
  char    *name;         /* CPU lanes: from the snapshot */
  char    *subtitle;
  GArray  *states;       /* Item: MDL_TRACE_CPU_STATE records */
  GArray  *marks;        /* Item: everything else on this lane */
  guint64  tmax;
  guint64  slack;        /* how far a record lagged the running maximum, at most */
  gboolean has_serial, has_mailbox, has_irq;
  /* CPU lanes: the state before the first kept state record. */
  guint    state0;
  guint64  state0_time;
  /* Layout of the last frame */
  double   y, h;
} Lane;

typedef struct {
  graphene_rect_t rect;
  GroupKind kind;
  guint     lane;        /* G_MAXUINT: the time axis (stops of no CPU) */
  guint64   first_pos, last_pos;
  guint     count;
  /* GROUP_STATE: the stretch */
  guint     state;
  guint64   t_from, t_to;
} Hit;

struct _MdlTimelineView {
  GtkWidget    parent_instance;

  MdlSession  *session;
  MdlRunner   *runner;       /* the session's */
  guint        throttle_id;  /* a read waits for the live interval */
  gint64       last_read;    /* monotonic µs */
  guint64      snap_seq;
  gboolean     have_snap;
  guint64      next_seq;     /* trace seq to ask for next */
  MdlRunnerState state;

  GArray      *history;      /* MdlTraceRecord */
  guint64      hist_base;    /* position of history[0] */
  GPtrArray   *lanes;        /* Lane, CPUs first, then devices by index */
  GArray      *stops;        /* Item */
  guint64      stops_tmax, stops_slack;
  guint        n_cpus;
  guint64     *cpu_time;     /* per CPU, from the latest snapshot */
  guint       *cpu_state;
  guint64      vt;           /* the machine's virtual time */
  guint64      end_ps;       /* the live end */

  /* View: time at the left edge of the lanes and picoseconds per pixel */
  double       t0, scale;
  gboolean     follow;       /* keep the live end in view */
  gboolean     fit;          /* show everything (until the person zooms) */

  /* Input */
  double       pointer_x, pointer_y;
  double       drag_t0;
  gboolean     dragging;

  GArray      *hits;         /* Hit, from the last frame */
  GskRenderNode *legend;     /* drawn once per style: text is not cheap */
  GdkRGBA      legend_fg, legend_accent;
  guint8      *columns;      /* per pixel column: state bin */
  guint        n_columns;

  GtkWidget   *controls;
  GtkWidget   *live_button;
  GtkWidget   *zoom_in_button, *zoom_out_button, *fit_button;
  GtkWidget   *popover;
  char        *detail_text;  /* what the open popover says, for tests */
};

G_DEFINE_FINAL_TYPE (MdlTimelineView, mdl_timeline_view, GTK_TYPE_WIDGET)

/* GNOME palette colours for marks: recognisable in light and dark. */
static const GdkRGBA serial_color  = { 0.149, 0.635, 0.412, 1.0 };  /* green 5 */
static const GdkRGBA irq_color     = { 0.902, 0.380, 0.000, 1.0 };  /* orange 5 */
static const GdkRGBA mailbox_color = { 0.569, 0.255, 0.675, 1.0 };  /* purple 3 */
static const GdkRGBA stop_color    = { 0.878, 0.106, 0.141, 1.0 };  /* red 3 */

/* ---- lanes and history ---- */

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->name);
  g_free (lane->subtitle);
  g_array_unref (lane->states);
  g_array_unref (lane->marks);
  g_free (lane);
}

static Lane *
lane_new (LaneKind kind, guint index)
{
  Lane *lane = g_new0 (Lane, 1);

  lane->kind = kind;
  lane->index = index;
  lane->states = g_array_new (FALSE, FALSE, sizeof (Item));
  lane->marks = g_array_new (FALSE, FALSE, sizeof (Item));
  /* Reset starts every CPU running at time 0. */
  lane->state0 = MDL_CPU_RUNNING;
  return lane;
}

static Lane *
find_lane (MdlTimelineView *self, LaneKind kind, guint index)
{
  guint at = self->lanes->len;

  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    if (lane->kind == kind && lane->index == index)
      return lane;
    /* CPUs before devices, each by index: where a new lane goes. */
    if (at == self->lanes->len &&
        (lane->kind > kind || (lane->kind == kind && lane->index > index)))
      at = i;
  }
  {
    Lane *lane = lane_new (kind, index);

    if (kind == LANE_CPU)
      lane->name = g_strdup_printf (_("cpu %u"), index);
    g_ptr_array_insert (self->lanes, (gint) at, lane);
    return lane;
  }
}

static void
item_add (GArray *items, guint64 *tmax, guint64 *slack, guint64 pos, guint64 time)
{
  Item item;

  *tmax = MAX (*tmax, time);
  *slack = MAX (*slack, *tmax - time);
  item.pos = pos;
  item.tmax = *tmax;
  g_array_append_val (items, item);
}

static const MdlTraceRecord *
record_at (MdlTimelineView *self, guint64 pos)
{
  if (pos < self->hist_base || pos - self->hist_base >= self->history->len)
    return NULL;
  return &g_array_index (self->history, MdlTraceRecord, (guint) (pos - self->hist_base));
}

static void
add_record (MdlTimelineView *self, const MdlTraceRecord *r)
{
  guint64 pos = self->hist_base + self->history->len;
  guint source = r->source;
  Lane *lane;

  g_array_append_val (self->history, *r);
  switch (r->kind) {
  case MDL_TRACE_CPU_STATE:
    lane = find_lane (self, LANE_CPU, source);
    item_add (lane->states, &lane->tmax, &lane->slack, pos, r->time_ps);
    break;
  case MDL_TRACE_IRQ:
    if (source & MDL_TRACE_DEVICE)
      lane = find_lane (self, LANE_DEVICE, source & ~MDL_TRACE_DEVICE);
    else
      lane = find_lane (self, LANE_CPU, source);
    lane->has_irq = TRUE;
    item_add (lane->marks, &lane->tmax, &lane->slack, pos, r->time_ps);
    break;
  case MDL_TRACE_SERIAL:
  case MDL_TRACE_MAILBOX:
    lane = find_lane (self, LANE_DEVICE, source == MDL_TRACE_NONE ? MDL_TRACE_NONE
                                                                   : source & ~MDL_TRACE_DEVICE);
    if (r->kind == MDL_TRACE_SERIAL)
      lane->has_serial = TRUE;
    else
      lane->has_mailbox = TRUE;
    item_add (lane->marks, &lane->tmax, &lane->slack, pos, r->time_ps);
    break;
  case MDL_TRACE_STOP:
    item_add (self->stops, &self->stops_tmax, &self->stops_slack, pos, r->time_ps);
    break;
  default:
    break;
  }
}

/* Drops the items of @items that point before @base; CPU state records
 * dropped become the lane's starting state. */
static void
trim_items (MdlTimelineView *self, GArray *items, guint64 base, Lane *cpu_lane)
{
  guint n = 0;

  while (n < items->len && g_array_index (items, Item, n).pos < base) {
    if (cpu_lane != NULL) {
      const MdlTraceRecord *r = record_at (self, g_array_index (items, Item, n).pos);

      cpu_lane->state0 = (guint) r->value;
      cpu_lane->state0_time = r->time_ps;
    }
    n++;
  }
  if (n > 0)
    g_array_remove_range (items, 0, n);
}

static void
trim_history (MdlTimelineView *self)
{
  guint n;
  guint64 base;

  if (self->history->len <= HISTORY_MAX + HISTORY_CHUNK)
    return;
  n = self->history->len - HISTORY_MAX;
  base = self->hist_base + n;
  for (guint i = 0; i < self->lanes->len; i++) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    trim_items (self, lane->states, base, lane);
    trim_items (self, lane->marks, base, NULL);
  }
  trim_items (self, self->stops, base, NULL);
  g_array_remove_range (self->history, 0, n);
  self->hist_base = base;
}

static void
clear_history (MdlTimelineView *self)
{
  g_array_set_size (self->history, 0);
  self->hist_base = 0;
  g_array_set_size (self->stops, 0);
  self->stops_tmax = self->stops_slack = 0;
  self->next_seq = 0;
  self->vt = 0;
  self->end_ps = 0;
  /* CPU lanes stay (their names come from the runner), device lanes come
   * back with their first record. */
  for (guint i = self->lanes->len; i-- > 0;) {
    Lane *lane = g_ptr_array_index (self->lanes, i);

    if (lane->kind == LANE_DEVICE) {
      g_ptr_array_remove_index (self->lanes, i);
      continue;
    }
    g_array_set_size (lane->states, 0);
    g_array_set_size (lane->marks, 0);
    lane->tmax = lane->slack = 0;
    lane->state0 = MDL_CPU_RUNNING;
    lane->state0_time = 0;
    lane->has_irq = lane->has_serial = lane->has_mailbox = FALSE;
  }
  g_array_set_size (self->hits, 0);
}

/* The first item whose running maximum reaches @t: nothing before it is
 * at or after @t. */
static guint
items_lower_bound (GArray *items, double t)
{
  guint lo = 0, hi = items->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if ((double) g_array_index (items, Item, mid).tmax < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The index of the item at history position @pos, or G_MAXUINT. */
static guint
items_find_pos (GArray *items, guint64 pos)
{
  guint lo = 0, hi = items->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (g_array_index (items, Item, mid).pos < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < items->len && g_array_index (items, Item, lo).pos == pos ? lo : G_MAXUINT;
}

/* ---- names and text ---- */

/* The runner's consoles that are UART devices: they come first, in board
 * order; the CPUs' semihosting consoles ("app semihosting") follow. */
static guint
n_device_uarts (MdlTimelineView *self)
{
  guint n = self->runner != NULL ? mdl_runner_n_uarts (self->runner) : 0;

  while (n > 0) {
    const char *name = mdl_runner_uart_name (self->runner, n - 1);
    gboolean semihosting = FALSE;

    for (guint i = 0; i < self->lanes->len && !semihosting; i++) {
      const Lane *lane = g_ptr_array_index (self->lanes, i);
      g_autofree char *console = lane->kind == LANE_CPU
                                   ? g_strdup_printf ("%s semihosting", lane->name) : NULL;

      semihosting = console != NULL && g_strcmp0 (name, console) == 0;
    }
    if (!semihosting)
      break;
    n--;
  }
  return n;
}

/* A device lane's name.  The runner names its UARTs (in board order, as
 * the device indices are); when every UART has printed, the printing
 * devices in index order are the UARTs in order.  Other devices have no
 * name the view could know until the runner gives device names. */
static char *
lane_title (MdlTimelineView *self, const Lane *lane)
{
  guint n_uarts = n_device_uarts (self);
  guint rank = 0, printing = 0;

  if (lane->kind == LANE_CPU)
    return g_strdup (lane->name);
  if (lane->index == MDL_TRACE_NONE)
    return g_strdup (_("machine"));
  if (lane->has_serial && n_uarts > 0) {
    for (guint i = 0; i < self->lanes->len; i++) {
      const Lane *other = g_ptr_array_index (self->lanes, i);

      if (other->kind == LANE_DEVICE && other->index != MDL_TRACE_NONE && other->has_serial) {
        if (other->index < lane->index)
          rank++;
        printing++;
      }
    }
    if (printing == n_uarts)
      return g_strdup (mdl_runner_uart_name (self->runner, rank));
  }
  return g_strdup_printf (_("device %u"), lane->index);
}

static const char *
lane_subtitle (const Lane *lane)
{
  if (lane->kind == LANE_CPU)
    return lane->subtitle != NULL ? lane->subtitle : "";
  if (lane->has_serial)
    return _("UART");
  if (lane->has_mailbox)
    return _("Mailbox");
  if (lane->has_irq)
    return _("Interrupt inputs");
  return "";
}

static const char *
state_name (guint state)
{
  switch (state) {
  case MDL_CPU_RUNNING: return _("Running");
  case MDL_CPU_WAITING: return _("Waiting for interrupt");
  case MDL_CPU_HALTED:  return _("Halted");
  default:              return _("Unknown");
  }
}

/* @t in the largest unit that keeps it at 1 or more, exactly (trailing
 * zeros dropped): "1.234567 ms". */
static char *
format_time_exact (guint64 t)
{
  static const struct { guint64 per; const char *unit; int digits; } units[] = {
    { MDL_PS_PER_S, "s", 12 }, { MDL_PS_PER_MS, "ms", 9 },
    { MDL_PS_PER_US, "µs", 6 }, { MDL_PS_PER_NS, "ns", 3 }, { 1, "ps", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++) {
    if (t >= units[i].per || units[i].per == 1) {
      guint64 whole = t / units[i].per, frac = t % units[i].per;
      int digits = units[i].digits;

      if (frac == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", whole, units[i].unit);
      while (frac % 10 == 0) {
        frac /= 10;
        digits--;
      }
      return g_strdup_printf ("%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT " %s",
                              whole, digits, frac, units[i].unit);
    }
  }
  g_assert_not_reached ();
}

/* An axis label: the unit follows the tick step, so labels stay short and
 * neighbours differ in their last digits. */
static char *
format_tick (double t, double step)
{
  static const struct { double per; const char *unit; } units[] = {
    { 1e12, "s" }, { 1e9, "ms" }, { 1e6, "µs" }, { 1e3, "ns" }, { 1, "ps" },
  };
  guint u = G_N_ELEMENTS (units) - 1;
  int decimals;

  if (fabs (t) < step / 2)
    return g_strdup ("0");
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (step * 10 >= units[i].per) {
      u = i;
      break;
    }
  decimals = (int) MAX (0.0, ceil (-log10 (step / units[u].per) - 1e-9));
  return g_strdup_printf ("%.*f %s", decimals, t / units[u].per, units[u].unit);
}

/* A byte as the console would show it, for pills and the popover. */
static void
append_byte (GString *s, guint8 c, gboolean multiline)
{
  if (c == '\n')
    g_string_append (s, multiline ? "\n" : "⏎");
  else if (c == '\r')
    return;
  else if (c == '\t')
    g_string_append (s, multiline ? "\t" : "→");
  else if (c >= 0x20 && c < 0x7f)
    g_string_append_c (s, (char) c);
  else
    g_string_append_printf (s, "\\x%02x", c);
}

/* ---- geometry ---- */

static double
lanes_width (MdlTimelineView *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - LABEL_W - RIGHT_PAD);
}

static double
time_to_x (MdlTimelineView *self, double t)
{
  return LABEL_W + (t - self->t0) / self->scale;
}

static double
x_to_time (MdlTimelineView *self, double x)
{
  return self->t0 + (x - LABEL_W) * self->scale;
}

static double
lane_height (const Lane *lane)
{
  return lane->kind == LANE_CPU ? CPU_LANE_H : DEV_LANE_H;
}

static double
max_scale (MdlTimelineView *self)
{
  return MAX (MIN_SCALE * 100, 2.0 * (double) self->end_ps / lanes_width (self));
}

/* Keeps the view on the recorded time, and the follow and fit rules. */
static void
update_view (MdlTimelineView *self)
{
  double span;

  if (self->fit) {
    self->scale = MAX (MIN_SCALE, (double) self->end_ps * 1.02 / lanes_width (self));
    self->t0 = 0;
    self->follow = TRUE;
  }
  self->scale = CLAMP (self->scale, MIN_SCALE, max_scale (self));
  span = lanes_width (self) * self->scale;
  if (self->follow && !self->fit)
    self->t0 = (double) self->end_ps - span * 0.97;
  self->t0 = CLAMP (self->t0, 0.0, MAX (0.0, (double) self->end_ps - span * 0.1));
  if (self->live_button != NULL)
    gtk_widget_set_visible (self->live_button, self->runner != NULL && !self->follow);
}

/* After the person moved the view: following resumes when the live end
 * is in sight again. */
static void
view_moved (MdlTimelineView *self)
{
  double span;

  self->fit = FALSE;
  self->scale = CLAMP (self->scale, MIN_SCALE, max_scale (self));
  span = lanes_width (self) * self->scale;
  self->t0 = CLAMP (self->t0, 0.0, MAX (0.0, (double) self->end_ps - span * 0.1));
  self->follow = self->t0 + span >= (double) self->end_ps;
  update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (MdlTimelineView *self, double x, double factor)
{
  double t = x_to_time (self, x);

  self->fit = FALSE;
  self->scale = CLAMP (self->scale * factor, MIN_SCALE, max_scale (self));
  self->t0 = t - (x - LABEL_W) * self->scale;
  view_moved (self);
}

/* ---- reading the runner ---- */

/* Reads the session's latest snapshot and the trace records since the
 * last read. */
static void
read_latest (MdlTimelineView *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GArray) fresh = NULL;
  guint64 next;
  guint n_lanes;

  if (self->session == NULL)
    return;
  n_lanes = self->lanes->len;
  snap = mdl_session_ref_snapshot (self->session);
  self->last_read = g_get_monotonic_time ();
  if (self->have_snap && snap->seq == self->snap_seq)
    return;
  self->have_snap = TRUE;
  self->snap_seq = snap->seq;
  self->state = snap->state;

  /* Reset restarts virtual time and the trace's numbering: the old run's
   * history would only mislead. */
  if (snap->virtual_time_ps < self->vt)
    clear_history (self);
  fresh = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  next = mdl_runner_read_trace (self->runner, self->next_seq, fresh);
  if (next < self->next_seq ||
      (fresh->len > 0 && g_array_index (fresh, MdlTraceRecord, 0).seq < self->next_seq)) {
    clear_history (self);
    g_array_set_size (fresh, 0);
    next = mdl_runner_read_trace (self->runner, 0, fresh);
  }
  self->next_seq = next;
  for (guint i = 0; i < fresh->len; i++)
    add_record (self, &g_array_index (fresh, MdlTraceRecord, i));
  trim_history (self);

  self->vt = snap->virtual_time_ps;
  self->end_ps = self->vt;
  for (guint i = 0; i < MIN (snap->n_cpus, self->n_cpus); i++) {
    self->cpu_time[i] = snap->cpus[i].time_ps;
    self->cpu_state[i] = snap->cpus[i].state;
    self->end_ps = MAX (self->end_ps, snap->cpus[i].time_ps);
  }
  for (guint i = 0; i < self->lanes->len; i++)
    self->end_ps = MAX (self->end_ps, ((Lane *) g_ptr_array_index (self->lanes, i))->tmax);

  update_view (self);
  /* The height follows the lanes; a new frame is all the rest needs. */
  if (self->lanes->len != n_lanes)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mdl_timeline_view_refresh (MdlTimelineView *self)
{
  g_return_if_fail (MDL_IS_TIMELINE_VIEW (self));

  /* Everyone gets the newest snapshot, this view at once. */
  if (self->session != NULL)
    mdl_session_update_now (self->session);
  read_latest (self);
}

static gboolean
throttle_cb (gpointer data)
{
  MdlTimelineView *self = data;

  self->throttle_id = 0;
  read_latest (self);
  return G_SOURCE_REMOVE;
}

/* News from the session: read now, or at the end of the live interval. */
static void
schedule_refresh (MdlTimelineView *self)
{
  gint64 since = (g_get_monotonic_time () - self->last_read) / 1000;
  /* Hidden (another tab is in front), it only needs to keep up with the
   * runner's own history, not with the screen: read once a second. */
  gint64 interval = gtk_widget_get_mapped (GTK_WIDGET (self)) ? LIVE_INTERVAL_MS : 1000;

  if (self->throttle_id != 0)
    return;
  if (self->state == MDL_RUNNER_RUNNING && since < interval)
    self->throttle_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE,
                                            (guint) (interval - since),
                                            throttle_cb, self, NULL);
  else
    read_latest (self);
}

static void
on_updated (MdlTimelineView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_TIMELINE_VIEW (self));

  schedule_refresh (self);
}

static void
detach (MdlTimelineView *self)
{
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
}

void
mdl_timeline_view_set_session (MdlTimelineView *self, MdlSession *session)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_TIMELINE_VIEW (self));
  g_return_if_fail (session == NULL || MDL_IS_SESSION (session));

  if (self->session == session)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  detach (self);
  if (session != NULL)
    self->session = g_object_ref (session);
  self->runner = runner;
  g_ptr_array_set_size (self->lanes, 0);
  clear_history (self);
  g_clear_pointer (&self->cpu_time, g_free);
  g_clear_pointer (&self->cpu_state, g_free);
  self->n_cpus = 0;
  self->have_snap = FALSE;
  self->fit = TRUE;
  self->follow = TRUE;
  self->state = MDL_RUNNER_PAUSED;

  if (session != NULL) {
    g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (session);

    self->n_cpus = snap->n_cpus;
    self->cpu_time = g_new0 (guint64, MAX (1, snap->n_cpus));
    self->cpu_state = g_new0 (guint, MAX (1, snap->n_cpus));
    for (guint i = 0; i < snap->n_cpus; i++) {
      Lane *lane = find_lane (self, LANE_CPU, i);

      g_free (lane->name);
      lane->name = g_strdup (snap->cpus[i].name);
      lane->subtitle = g_strdup (snap->cpus[i].cls != NULL ? snap->cpus[i].cls->name : "");
    }
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
    read_latest (self);
  }
  gtk_widget_set_sensitive (self->controls, runner != NULL);
  update_view (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing ---- */

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
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT ((float) (x - r - 1), (float) (y - r - 1),
                                                                (float) (2 * r + 2), (float) (2 * r + 2)));

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
    const MdlTraceRecord *r = record_at (self, item->pos);

    if (item->pos > last_pos)
      break;
    if (r != NULL && r->kind == MDL_TRACE_SERIAL)
      append_byte (s, (guint8) r->value, FALSE);
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
    const MdlTraceRecord *r = record_at (self, g->first_pos);
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

static GroupKind
group_kind (const MdlTraceRecord *r)
{
  switch (r->kind) {
  case MDL_TRACE_SERIAL:  return GROUP_SERIAL;
  case MDL_TRACE_IRQ:     return GROUP_IRQ;
  case MDL_TRACE_MAILBOX: return GROUP_MAILBOX;
  case MDL_TRACE_STOP:    return GROUP_STOP;
  default:                return N_GROUPS;
  }
}

/* Groups and draws the items of @items inside the view. */
static void
draw_marks (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, GArray *items,
            guint64 lane_slack, const Lane *lane, guint lane_index, double x_right)
{
  Group groups[N_GROUPS] = { { 0 } };
  double margin = SERIAL_MERGE_PX * self->scale;
  double t1 = x_to_time (self, x_right) + margin;
  guint i0 = items_lower_bound (items, self->t0 - margin);

  for (guint i = i0; i < items->len; i++) {
    const Item *item = &g_array_index (items, Item, i);
    const MdlTraceRecord *r = record_at (self, item->pos);
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
    kind = group_kind (r);
    if (kind == N_GROUPS)
      continue;
    x = time_to_x (self, (double) r->time_ps);
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

/* Where the CPU's bar ends: its own time, or the machine's while it
 * sleeps or has halted (its clock then stands still while others run). */
static guint64
cpu_end (MdlTimelineView *self, const Lane *lane)
{
  guint64 end = lane->index < self->n_cpus ? self->cpu_time[lane->index] : self->vt;

  if (lane->index < self->n_cpus && self->cpu_state[lane->index] != MDL_CPU_RUNNING)
    end = MAX (end, self->vt);
  return MAX (end, lane->tmax);
}

/* The state stretch of @lane containing time @t; FALSE before the first. */
static gboolean
state_at (MdlTimelineView *self, const Lane *lane, double t, guint *state, guint64 *from,
          guint64 *to)
{
  guint64 end = cpu_end (self, lane);
  guint k = items_lower_bound (lane->states, t);

  if (t < (double) lane->state0_time || t > (double) end)
    return FALSE;
  /* items_lower_bound gives the first item that may be at or after t:
   * step over those that are still before it. */
  while (k < lane->states->len &&
         (double) record_at (self, g_array_index (lane->states, Item, k).pos)->time_ps <= t)
    k++;
  if (k == 0) {
    *state = lane->state0;
    *from = lane->state0_time;
  } else {
    const MdlTraceRecord *r = record_at (self, g_array_index (lane->states, Item, k - 1).pos);

    *state = (guint) r->value;
    *from = r->time_ps;
  }
  *to = k < lane->states->len ? record_at (self, g_array_index (lane->states, Item, k).pos)->time_ps
                              : end;
  return TRUE;
}

static void
draw_state_bar (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, const Lane *lane,
                double lanes_w)
{
  guint ncol = (guint) ceil (lanes_w);
  guint64 end = cpu_end (self, lane);
  double t1 = x_to_time (self, LABEL_W + lanes_w);
  double y = lane->y + 8, h = 18;
  guint k0 = items_lower_bound (lane->states, self->t0);
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
      const MdlTraceRecord *r = record_at (self, g_array_index (states, Item, k).pos);
      ta = r->time_ps;
      s = (guint) r->value;
    }
    tb = k + 1 < (gint64) states->len
           ? record_at (self, g_array_index (states, Item, k + 1).pos)->time_ps : end;
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
draw_legend (MdlTimelineView *self, GtkSnapshot *snapshot, const Palette *p, double y)
{
  const char *labels[] = { _("Running"), _("Waiting"), _("Halted"), _("Interrupt"),
                           _("Serial"), _("Mailbox"), _("Stop") };
  double x = 16;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++) {
    int w;

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
  double t1 = x_to_time (self, LABEL_W + lanes_w);

  /* Steps of 1, 2 or 5 times a power of ten picoseconds. */
  mag = pow (10, floor (log10 (raw)));
  step = raw / mag <= 1.5 ? mag : raw / mag <= 3.5 ? 2 * mag : raw / mag <= 7.5 ? 5 * mag : 10 * mag;
  step = MAX (step, 1.0);
  for (double t = ceil (self->t0 / step) * step; t <= t1; t += step) {
    double x = round (time_to_x (self, t));
    g_autofree char *label = format_tick (t, step);

    append_rect (snapshot, &p->grid, x, AXIS_H, 1, bottom - AXIS_H);
    append_rect (snapshot, &p->faint, x, AXIS_H - 5, 1, 5);
    append_text (self, snapshot, label, x + 4, AXIS_H / 2 - 1, &p->dim,
                 "size=\"small\" font_features=\"tnum\"", -1, NULL);
  }
}

static void
mdl_timeline_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double lanes_w = lanes_width (self), y, bottom;
  Palette p;

  get_palette (self, &p);
  g_array_set_size (self->hits, 0);

  if (self->runner == NULL || self->lanes->len == 0) {
    const char *title = _("No Machine Running");
    const char *hint = _("Run the board to see what each CPU does over time");
    double cy = (height - FOOTER_H) / 2;
    const char *big = "weight=\"bold\" size=\"large\"";

    append_text (self, snapshot, title, (width - text_width (self, title, big)) / 2, cy - 12,
                 &p.fg, big, -1, NULL);
    append_text (self, snapshot, hint, (width - text_width (self, hint, NULL)) / 2, cy + 14,
                 &p.dim, NULL, -1, NULL);
  } else {
    /* Lane layout */
    y = AXIS_H;
    for (guint i = 0; i < self->lanes->len; i++) {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      lane->y = y;
      lane->h = lane_height (lane);
      y += lane->h;
    }
    bottom = y;

    /* Lane backgrounds and separators */
    for (guint i = 0; i < self->lanes->len; i++) {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      if (i % 2 == 1)
        append_rect (snapshot, &p.grid, 0, lane->y, width, lane->h);
      append_rect (snapshot, &p.faint, 0, lane->y, width, 1);
    }
    append_rect (snapshot, &p.faint, 0, bottom, width, 1);
    append_rect (snapshot, &p.faint, LABEL_W - 1, AXIS_H, 1, bottom - AXIS_H);

    /* Lane labels */
    for (guint i = 0; i < self->lanes->len; i++) {
      Lane *lane = g_ptr_array_index (self->lanes, i);
      g_autofree char *title = lane_title (self, lane);
      const char *sub = lane_subtitle (lane);
      double cy = lane->kind == LANE_CPU ? lane->y + 17 : lane->y + lane->h / 2;

      if (*sub && lane->kind == LANE_CPU) {
        append_text (self, snapshot, title, 14, cy - 1, &p.fg, "weight=\"bold\"", LABEL_W - 24, NULL);
        append_text (self, snapshot, sub, 14, cy + 16, &p.dim, "size=\"small\"", LABEL_W - 24, NULL);
      } else if (*sub) {
        append_text (self, snapshot, title, 14, cy - 7, &p.fg, "weight=\"bold\"", LABEL_W - 24, NULL);
        append_text (self, snapshot, sub, 14, cy + 8, &p.dim, "size=\"small\"", LABEL_W - 24, NULL);
      } else {
        append_text (self, snapshot, title, 14, cy, &p.fg, "weight=\"bold\"", LABEL_W - 24, NULL);
      }
    }

    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) LABEL_W, 0,
                                                           (float) (width - LABEL_W),
                                                           (float) bottom + 1));
    draw_axis (self, snapshot, &p, lanes_w, bottom);
    for (guint i = 0; i < self->lanes->len; i++) {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      if (lane->kind == LANE_CPU)
        draw_state_bar (self, snapshot, &p, lane, lanes_w);
    }

    /* Stops: a line through every lane (the whole machine stopped), the
     * mark on the CPU that caused it, or on the axis. */
    {
      guint i0 = items_lower_bound (self->stops, self->t0);
      double t1 = x_to_time (self, width);

      for (guint i = i0; i < self->stops->len; i++) {
        const MdlTraceRecord *r = record_at (self, g_array_index (self->stops, Item, i).pos);
        GdkRGBA c = stop_color;

        if (r == NULL || (double) r->time_ps > t1)
          continue;
        c.alpha = 0.45f;
        append_rect (snapshot, &c, round (time_to_x (self, (double) r->time_ps)), AXIS_H, 1,
                     bottom - AXIS_H);
      }
    }

    for (guint i = 0; i < self->lanes->len; i++) {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      draw_marks (self, snapshot, &p, lane->marks, lane->slack, lane, i, width);
    }
    /* Stops, grouped per lane by filtering: few enough to walk. */
    for (guint i = items_lower_bound (self->stops, self->t0); i < self->stops->len; i++) {
      const Item *item = &g_array_index (self->stops, Item, i);
      const MdlTraceRecord *r = record_at (self, item->pos);
      const Lane *lane = NULL;
      guint lane_index = G_MAXUINT;
      Group g = { TRUE, 0, 0, i, item->pos, item->pos, 1 };
      double x;

      if (r == NULL)
        continue;
      x = time_to_x (self, (double) r->time_ps);
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
      flush_group (self, snapshot, &p, lane, lane_index, GROUP_STOP, &g);
    }

    /* Before the oldest record kept, marks are missing, not absent: say
     * so rather than show a quiet board. */
    if (self->hist_base > 0 && self->history->len > 0) {
      double x = time_to_x (self, (double) g_array_index (self->history, MdlTraceRecord, 0).time_ps);

      if (x > LABEL_W) {
        GdkRGBA veil = p.bg;
        const char *note = _("Older events not kept");

        double note_y = -1;

        /* CPU bars stay: their state before the cut is known (state0).
         * Marks are what went: veil the rows that hold them. */
        veil.alpha = 0.75f;
        for (guint i = 0; i < self->lanes->len; i++) {
          const Lane *lane = g_ptr_array_index (self->lanes, i);
          double top = lane->kind == LANE_CPU ? lane->y + 28 : lane->y + 1;

          append_rect (snapshot, &veil, LABEL_W, top, x - LABEL_W, lane->y + lane->h - top);
          if (note_y < 0 && lane->kind == LANE_DEVICE)
            note_y = lane->y + lane->h / 2;
        }
        append_rect (snapshot, &p.faint, round (x), AXIS_H, 1, bottom - AXIS_H);
        if (note_y > 0 && x - LABEL_W > text_width (self, note, "size=\"small\"") + 24)
          append_text (self, snapshot, note, LABEL_W + 12, note_y, &p.dim,
                       "size=\"small\" style=\"italic\"", -1, NULL);
      }
    }

    /* The live end */
    if (self->state == MDL_RUNNER_RUNNING) {
      GdkRGBA c = p.accent;

      c.alpha = 0.7f;
      append_rect (snapshot, &c, round (time_to_x (self, (double) self->end_ps)), AXIS_H - 6, 2,
                   bottom - AXIS_H + 6);
    }
    gtk_snapshot_pop (snapshot);
  }

  /* Footer: legend left, controls right */
  append_rect (snapshot, &p.faint, 0, height - FOOTER_H, width, 1);
  if (self->legend == NULL || !gdk_rgba_equal (&self->legend_fg, &p.fg) ||
      !gdk_rgba_equal (&self->legend_accent, &p.accent)) {
    GtkSnapshot *legend = gtk_snapshot_new ();

    draw_legend (self, legend, &p, 0);
    g_clear_pointer (&self->legend, gsk_render_node_unref);
    self->legend = gtk_snapshot_free_to_node (legend);
    self->legend_fg = p.fg;
    self->legend_accent = p.accent;
  }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (float) (height - FOOTER_H / 2)));
  gtk_snapshot_append_node (snapshot, self->legend);
  gtk_snapshot_restore (snapshot);

  gtk_widget_snapshot_child (widget, self->controls, snapshot);
}

/* ---- details ---- */

static GtkWidget *
detail_row (GtkGrid *grid, int row, const char *key, const char *value, GString *text)
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
  gtk_grid_attach (grid, k, 0, row, 1, 1);
  gtk_grid_attach (grid, v, 1, row, 1, 1);
  g_string_append_printf (text, "%s: %s\n", key, value);
  return v;
}

static char *
time_range (guint64 a, guint64 b)
{
  g_autofree char *ta = format_time_exact (a);
  g_autofree char *tb = format_time_exact (b);

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
  i = items_find_pos (items, hit->first_pos);
  for (; i < items->len; i++) {
    const Item *item = &g_array_index (items, Item, i);
    const MdlTraceRecord *r = record_at (self, item->pos);

    if (item->pos > hit->last_pos)
      break;
    if (r != NULL && group_kind (r) == hit->kind)
      g_ptr_array_add (records, (gpointer) r);
  }
  return records;
}

static void
show_details (MdlTimelineView *self, const Hit *hit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;
  GtkWidget *box, *heading, *grid, *block = NULL;
  const MdlTraceRecord *first = NULL, *last = NULL;
  int row = 0;

  if (hit->kind == GROUP_STATE) {
    records = g_ptr_array_new ();
  } else {
    records = hit_records (self, hit);
    if (records->len == 0)
      return;
    first = records->pdata[0];
    last = records->pdata[records->len - 1];
  }
  if (hit->lane != G_MAXUINT)
    where = lane_title (self, g_ptr_array_index (self->lanes, hit->lane));

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

  switch (hit->kind) {
  case GROUP_SERIAL: {
    g_autofree char *t = time_range (first->time_ps, last->time_ps);

    title = g_strdup (_("Serial Output"));
    detail_row (GTK_GRID (grid), row++, _("Time"), t, text);
    detail_row (GTK_GRID (grid), row++, _("UART"), where, text);
    if (records->len == 1) {
      g_autoptr(GString) ch = g_string_new (NULL);
      g_autofree char *value = NULL;

      append_byte (ch, (guint8) first->value, FALSE);
      value = g_strdup_printf ("0x%02x  ‘%s’", (guint) first->value, ch->str);
      detail_row (GTK_GRID (grid), row++, _("Byte"), value, text);
    } else {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autofree char *n = g_strdup_printf ("%u", records->len);
      GtkWidget *label;

      detail_row (GTK_GRID (grid), row++, _("Bytes"), n, text);
      for (guint i = 0; i < records->len && s->len < 4096; i++)
        append_byte (s, (guint8) ((const MdlTraceRecord *) records->pdata[i])->value, TRUE);
      if (s->len >= 4096)
        g_string_append (s, "…");
      /* A read-only text view rather than a selectable label: copyable
       * without everything being selected when the popover opens. */
      label = gtk_text_view_new ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (label)), s->str, -1);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (label), FALSE);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (label), FALSE);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (label), TRUE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (label), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (label), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (label), 10);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (label), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (label), 8);
      gtk_widget_add_css_class (label, "inline");
      block = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (block), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      /* min-content-width is ignored without a horizontal scrollbar. */
      gtk_widget_set_size_request (block, 420, -1);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (block), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (block), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (block), label);
      gtk_widget_add_css_class (block, "card");
      gtk_widget_set_overflow (block, GTK_OVERFLOW_HIDDEN);
      g_string_append_printf (text, "%s: %s\n", _("Text"), s->str);
    }
    break;
  }
  case GROUP_IRQ: {
    g_autofree char *t = time_range (first->time_ps, last->time_ps);
    g_autoptr(GString) lines = g_string_new (NULL);
    g_autoptr(GString) edges = g_string_new (NULL);
    gboolean to_cpu = ((Lane *) g_ptr_array_index (self->lanes, hit->lane))->kind == LANE_CPU;
    guint n_lines = 0;

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
    detail_row (GTK_GRID (grid), row++, _("Time"), t, text);
    detail_row (GTK_GRID (grid), row++, to_cpu ? _("CPU") : _("Device"), where, text);
    detail_row (GTK_GRID (grid), row++, n_lines == 1 ? _("Line") : _("Lines"), lines->str, text);
    if (records->len == 1) {
      detail_row (GTK_GRID (grid), row++, _("Level"),
                  first->value ? _("High (asserted)") : _("Low (released)"), text);
    } else {
      /* Each edge, for a pulse or a few: when, and which way. */
      for (guint i = 0; i < MIN (records->len, 8u); i++) {
        const MdlTraceRecord *r = records->pdata[i];
        g_autofree char *when = format_time_exact (r->time_ps);

        g_string_append_printf (edges, "%s%s %u  %s", i ? "\n" : "", r->value ? "↑" : "↓",
                                r->aux, when);
      }
      if (records->len > 8)
        g_string_append (edges, "\n…");
      detail_row (GTK_GRID (grid), row++, _("Edges"), edges->str, text);
    }
    break;
  }
  case GROUP_MAILBOX: {
    g_autofree char *t = time_range (first->time_ps, last->time_ps);
    g_autoptr(GString) values = g_string_new (NULL);

    title = records->len == 1 ? g_strdup (_("Mailbox Message"))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Mailbox Message",
                                                              "%u Mailbox Messages", records->len),
                                                 records->len);
    detail_row (GTK_GRID (grid), row++, _("Time"), t, text);
    detail_row (GTK_GRID (grid), row++, _("Mailbox"), where, text);
    for (guint i = 0; i < MIN (records->len, 8u); i++) {
      const MdlTraceRecord *r = records->pdata[i];
      /* aux is the direction: 0 from side A to side B. */
      g_string_append_printf (values, "%s0x%08" G_GINT64_MODIFIER "x  %s", i ? "\n" : "",
                              r->value, r->aux == 0 ? _("A → B") : _("B → A"));
    }
    if (records->len > 8)
      g_string_append (values, "\n…");
    detail_row (GTK_GRID (grid), row++, records->len == 1 ? _("Value") : _("Values"),
                values->str, text);
    break;
  }
  case GROUP_STOP: {
    g_autofree char *t = time_range (first->time_ps, last->time_ps);
    const char *cpu = first->source != MDL_TRACE_NONE ? cpu_name (self, first->source) : NULL;

    title = g_strdup (_("Machine Stopped"));
    detail_row (GTK_GRID (grid), row++, _("Time"), t, text);
    detail_row (GTK_GRID (grid), row++, _("CPU"), cpu != NULL ? cpu : "—", text);
    detail_row (GTK_GRID (grid), row++, _("Reason"),
                mdl_stop_reason_name ((MdlStopReason) first->value), text);
    break;
  }
  case GROUP_STATE: {
    g_autofree char *t = time_range (hit->t_from, hit->t_to);
    g_autofree char *d = format_time_exact (hit->t_to - hit->t_from);

    title = g_strdup (state_name (hit->state));
    detail_row (GTK_GRID (grid), row++, _("CPU"), where, text);
    detail_row (GTK_GRID (grid), row++, _("Time"), t, text);
    detail_row (GTK_GRID (grid), row++, _("Duration"), d, text);
    break;
  }
  default:
    g_assert_not_reached ();
  }
  gtk_label_set_label (GTK_LABEL (heading), title);
  if (block != NULL)
    gtk_box_append (GTK_BOX (box), block);

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

      if (!state_at (self, lane, x_to_time (self, x), &hit->state, &hit->t_from, &hit->t_to))
        return FALSE;
      hit->kind = GROUP_STATE;
      hit->lane = i;
      xa = MAX (LABEL_W, time_to_x (self, (double) hit->t_from));
      xb = MIN (gtk_widget_get_width (GTK_WIDGET (self)) - RIGHT_PAD,
                time_to_x (self, (double) hit->t_to));
      hit->rect = GRAPHENE_RECT_INIT ((float) xa, (float) (lane->y + 8),
                                      (float) MAX (1.0, xb - xa), 18);
      return TRUE;
    }
  }
  return FALSE;
}

static void
click_at (MdlTimelineView *self, double x, double y)
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
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean wheel = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;

  if (self->runner == NULL)
    return FALSE;
  if (mods & GDK_CONTROL_MASK) {
    zoom_at (self, MAX (self->pointer_x, LABEL_W), pow (wheel ? 1.25 : 1.01, dy));
    return TRUE;
  }
  /* Vertical wheels pan too: a timeline has little to scroll up and
   * down, and most mice have no horizontal wheel. */
  self->t0 += (dx != 0 ? dx : dy) * (wheel ? 60.0 : 1.0) * self->scale;
  view_moved (self);
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
  view_moved (self);
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
  click_at (self, x + dx, y + dy);
}

static gboolean
on_key (MdlTimelineView *self, guint keyval, guint keycode, GdkModifierType state,
        GtkEventControllerKey *key)
{
  double center = LABEL_W + lanes_width (self) / 2;

  if (self->runner == NULL)
    return FALSE;
  switch (keyval) {
  case GDK_KEY_plus:
  case GDK_KEY_equal:
  case GDK_KEY_KP_Add:
    zoom_at (self, center, 1 / 1.5);
    return TRUE;
  case GDK_KEY_minus:
  case GDK_KEY_KP_Subtract:
    zoom_at (self, center, 1.5);
    return TRUE;
  case GDK_KEY_Left:
  case GDK_KEY_Right:
    self->t0 += (keyval == GDK_KEY_Left ? -1 : 1) * lanes_width (self) / 8 * self->scale;
    view_moved (self);
    return TRUE;
  case GDK_KEY_End:
    self->follow = TRUE;
    update_view (self);
    gtk_widget_queue_draw (GTK_WIDGET (self));
    return TRUE;
  default:
    return FALSE;
  }
}

static void
on_zoom_in (MdlTimelineView *self)
{
  /* Around the live end while following, so it stays in view. */
  double x = self->follow ? time_to_x (self, (double) self->end_ps)
                          : LABEL_W + lanes_width (self) / 2;
  gboolean follow = self->follow;

  zoom_at (self, x, 1 / 1.5);
  if (follow) {
    self->follow = TRUE;
    update_view (self);
  }
}

static void
on_zoom_out (MdlTimelineView *self)
{
  double x = self->follow ? time_to_x (self, (double) self->end_ps)
                          : LABEL_W + lanes_width (self) / 2;
  gboolean follow = self->follow;

  zoom_at (self, x, 1.5);
  if (follow) {
    self->follow = TRUE;
    update_view (self);
  }
}

static void
on_fit (MdlTimelineView *self)
{
  self->fit = TRUE;
  update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_live (MdlTimelineView *self)
{
  self->follow = TRUE;
  update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GtkWidget ---- */

static void
mdl_timeline_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                           int *minimum, int *natural, int *minimum_baseline,
                           int *natural_baseline)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (widget);
  int cmin, cnat;

  gtk_widget_measure (self->controls, orientation, -1, &cmin, &cnat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL) {
    *minimum = (int) LABEL_W + 200;
    *natural = (int) LABEL_W + 640;
  } else {
    double h = AXIS_H + FOOTER_H;

    for (guint i = 0; i < self->lanes->len; i++)
      h += lane_height (g_ptr_array_index (self->lanes, i));
    if (self->lanes->len == 0)
      h += 2 * CPU_LANE_H;
    *minimum = *natural = MAX ((int) ceil (h) + 8, cmin);
  }
}

static void
mdl_timeline_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (widget);
  int w, h;

  gtk_widget_measure (self->controls, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
  gtk_widget_measure (self->controls, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
  gtk_widget_size_allocate (self->controls,
                            &(GtkAllocation) { width - w - 8,
                                               height - (int) FOOTER_H + ((int) FOOTER_H - h) / 2,
                                               w, h }, -1);
  /* The view keeps its rules when its size changes (fit stays fit). */
  update_view (self);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static GtkWidget *
flat_button (MdlTimelineView *self, const char *icon, const char *tooltip, GCallback cb)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", cb, self);
  return button;
}

static void
mdl_timeline_view_dispose (GObject *object)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (object);

  detach (self);
  g_clear_pointer (&self->controls, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_timeline_view_parent_class)->dispose (object);
}

static void
mdl_timeline_view_finalize (GObject *object)
{
  MdlTimelineView *self = MDL_TIMELINE_VIEW (object);

  g_array_unref (self->history);
  g_ptr_array_unref (self->lanes);
  g_array_unref (self->stops);
  g_array_unref (self->hits);
  g_free (self->cpu_time);
  g_free (self->cpu_state);
  g_free (self->columns);
  g_free (self->detail_text);
  g_clear_pointer (&self->legend, gsk_render_node_unref);
  G_OBJECT_CLASS (mdl_timeline_view_parent_class)->finalize (object);
}

static void
mdl_timeline_view_class_init (MdlTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_timeline_view_dispose;
  object_class->finalize = mdl_timeline_view_finalize;
  widget_class->snapshot = mdl_timeline_view_snapshot;
  widget_class->measure = mdl_timeline_view_measure;
  widget_class->size_allocate = mdl_timeline_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "mdltimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
on_popover_closed (MdlTimelineView *self)
{
  g_clear_pointer (&self->detail_text, g_free);
}

static void
mdl_timeline_view_init (MdlTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *drag;
  GtkWidget *content;

  self->history = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->stops = g_array_new (FALSE, FALSE, sizeof (Item));
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->scale = 1000;
  self->fit = TRUE;
  self->follow = TRUE;

  gtk_widget_add_css_class (widget, "view");
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline"), -1);

  self->controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "go-last-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Follow"));
  self->live_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->live_button), content);
  gtk_widget_add_css_class (self->live_button, "pill");
  gtk_widget_add_css_class (self->live_button, "suggested-action");
  gtk_widget_add_css_class (self->live_button, "timeline-follow");
  gtk_widget_set_valign (self->live_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->live_button, _("Follow the Running Machine (End)"));
  gtk_widget_set_visible (self->live_button, FALSE);
  g_signal_connect_swapped (self->live_button, "clicked", G_CALLBACK (on_live), self);
  gtk_box_append (GTK_BOX (self->controls), self->live_button);
  self->zoom_out_button = flat_button (self, "zoom-out-symbolic", _("Zoom Out (Ctrl+Scroll)"),
                                       G_CALLBACK (on_zoom_out));
  self->zoom_in_button = flat_button (self, "zoom-in-symbolic", _("Zoom In (Ctrl+Scroll)"),
                                      G_CALLBACK (on_zoom_in));
  self->fit_button = flat_button (self, "zoom-fit-best-symbolic", _("Show the Whole Run"),
                                  G_CALLBACK (on_fit));
  gtk_box_append (GTK_BOX (self->controls), self->zoom_out_button);
  gtk_box_append (GTK_BOX (self->controls), self->zoom_in_button);
  gtk_box_append (GTK_BOX (self->controls), self->fit_button);
  gtk_widget_set_parent (self->controls, widget);
  gtk_widget_set_sensitive (self->controls, FALSE);

  self->popover = gtk_popover_new ();
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_parent (self->popover, widget);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed), self);

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

GtkWidget *
mdl_timeline_view_new (void)
{
  return g_object_new (MDL_TYPE_TIMELINE_VIEW, NULL);
}

/* ---- for tests (mdl-timeline-view-private.h) ---- */

guint
_mdl_timeline_view_get_n_lanes (MdlTimelineView *self)
{
  return self->lanes->len;
}

char *
_mdl_timeline_view_get_lane_title (MdlTimelineView *self, guint lane)
{
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  return lane_title (self, g_ptr_array_index (self->lanes, lane));
}

guint
_mdl_timeline_view_count_records (MdlTimelineView *self, MdlTraceKind kind)
{
  guint n = 0;

  for (guint i = 0; i < self->history->len; i++)
    if (g_array_index (self->history, MdlTraceRecord, i).kind == kind)
      n++;
  return n;
}

gboolean
_mdl_timeline_view_find_mark (MdlTimelineView *self, MdlTraceKind kind, double *x, double *y)
{
  for (guint i = 0; i < self->hits->len; i++) {
    const Hit *hit = &g_array_index (self->hits, Hit, i);
    gboolean match = (kind == MDL_TRACE_SERIAL && hit->kind == GROUP_SERIAL) ||
                     (kind == MDL_TRACE_IRQ && hit->kind == GROUP_IRQ) ||
                     (kind == MDL_TRACE_MAILBOX && hit->kind == GROUP_MAILBOX) ||
                     (kind == MDL_TRACE_STOP && hit->kind == GROUP_STOP);

    if (match) {
      *x = hit->rect.origin.x + hit->rect.size.width / 2;
      *y = hit->rect.origin.y + hit->rect.size.height / 2;
      return TRUE;
    }
  }
  return FALSE;
}

const char *
_mdl_timeline_view_get_detail (MdlTimelineView *self)
{
  return gtk_widget_get_visible (self->popover) ? self->detail_text : NULL;
}

void
_mdl_timeline_view_click (MdlTimelineView *self, double x, double y)
{
  click_at (self, x, y);
}

void
_mdl_timeline_view_zoom (MdlTimelineView *self, double x, double factor)
{
  zoom_at (self, x, factor);
}

gboolean
_mdl_timeline_view_get_following (MdlTimelineView *self)
{
  return self->follow;
}
