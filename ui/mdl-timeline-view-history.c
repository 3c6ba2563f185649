/* MdlTimelineView: the records kept and the lanes they sort into.
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
 */
#define G_LOG_DOMAIN "medley-timeline"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-timeline-view-private.h"

#include "engine/device.h"
#include "engine/machine.h"

/* ---- lanes and history ---- */

void
_mdl_timeline_view_lane_free (gpointer data)
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

Lane *
_mdl_timeline_view_find_lane (MdlTimelineView *self, LaneKind kind, guint index)
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

void
_mdl_timeline_view_add_record (MdlTimelineView *self, const MdlTraceRecord *r)
{
  guint64 pos = self->hist_base + self->history->len;
  guint source = r->source;
  Lane *lane;

  g_array_append_val (self->history, *r);
  switch (r->kind) {
  case MDL_TRACE_CPU_STATE:
    lane = _mdl_timeline_view_find_lane (self, LANE_CPU, source);
    item_add (lane->states, &lane->tmax, &lane->slack, pos, r->time_ps);
    break;
  case MDL_TRACE_IRQ:
    if (source & MDL_TRACE_DEVICE)
      lane = _mdl_timeline_view_find_lane (self, LANE_DEVICE, source & ~MDL_TRACE_DEVICE);
    else
      lane = _mdl_timeline_view_find_lane (self, LANE_CPU, source);
    lane->has_irq = TRUE;
    item_add (lane->marks, &lane->tmax, &lane->slack, pos, r->time_ps);
    break;
  case MDL_TRACE_SERIAL:
  case MDL_TRACE_MAILBOX:
    lane = _mdl_timeline_view_find_lane (
      self, LANE_DEVICE, source == MDL_TRACE_NONE ? MDL_TRACE_NONE : source & ~MDL_TRACE_DEVICE);
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
      const MdlTraceRecord *r
        = _mdl_timeline_view_record_at (self, g_array_index (items, Item, n).pos);

      cpu_lane->state0 = (guint) r->value;
      cpu_lane->state0_time = r->time_ps;
    }
    n++;
  }
  if (n > 0)
    g_array_remove_range (items, 0, n);
}

void
_mdl_timeline_view_trim_history (MdlTimelineView *self)
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

void
_mdl_timeline_view_clear_history (MdlTimelineView *self)
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
guint
_mdl_timeline_view_items_lower_bound (GArray *items, double t)
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
guint
_mdl_timeline_view_items_find_pos (GArray *items, guint64 pos)
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

/* Where the CPU's bar ends: its own time, or the machine's while it
 * sleeps or has halted (its clock then stands still while others run). */
guint64
_mdl_timeline_view_cpu_end (MdlTimelineView *self, const Lane *lane)
{
  guint64 end = lane->index < self->n_cpus ? self->cpu_time[lane->index] : self->vt;

  if (lane->index < self->n_cpus && self->cpu_state[lane->index] != MDL_CPU_RUNNING)
    end = MAX (end, self->vt);
  return MAX (end, lane->tmax);
}

/* The state stretch of @lane containing time @t; FALSE before the first. */
gboolean
_mdl_timeline_view_state_at (MdlTimelineView *self, const Lane *lane, double t, guint *state,
                             guint64 *from, guint64 *to)
{
  guint64 end = _mdl_timeline_view_cpu_end (self, lane);
  guint k = _mdl_timeline_view_items_lower_bound (lane->states, t);

  if (t < (double) lane->state0_time || t > (double) end)
    return FALSE;
  /* items_lower_bound gives the first item that may be at or after t:
   * step over those that are still before it. */
  while (k < lane->states->len
         && (double) _mdl_timeline_view_record_at (self, g_array_index (lane->states, Item, k).pos)
                ->time_ps
              <= t)
    k++;
  if (k == 0) {
    *state = lane->state0;
    *from = lane->state0_time;
  } else {
    const MdlTraceRecord *r
      = _mdl_timeline_view_record_at (self, g_array_index (lane->states, Item, k - 1).pos);

    *state = (guint) r->value;
    *from = r->time_ps;
  }
  *to = k < lane->states->len
          ? _mdl_timeline_view_record_at (self, g_array_index (lane->states, Item, k).pos)->time_ps
          : end;
  return TRUE;
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

static void
collect_device_names (MdlRunner *runner, MdlMachine *machine, void *data)
{
  GPtrArray *names = data;

  for (unsigned i = 0; i < mdl_machine_n_devices (machine); i++)
    g_ptr_array_add (names, g_strdup (mdl_machine_device (machine, i)->name));
}

/* A device lane's name.  The runner names its UARTs (in board order, as
 * the device indices are); when every UART has printed, the printing
 * devices in index order are the UARTs in order.  Other devices have no
 * name the view could know until the runner gives device names. */
char *
_mdl_timeline_view_lane_title (MdlTimelineView *self, const Lane *lane)
{
  guint n_uarts = n_device_uarts (self);
  guint rank = 0, printing = 0;

  if (lane->kind == LANE_CPU)
    return g_strdup (lane->name);
  if (lane->index == MDL_TRACE_NONE)
    return g_strdup (_("machine"));
  /* The devices' names, asked of the engine thread once per machine. */
  if (self->device_names == NULL && self->runner != NULL) {
    self->device_names = g_ptr_array_new_with_free_func (g_free);
    mdl_runner_call (self->runner, collect_device_names, self->device_names);
  }
  if (self->device_names != NULL && lane->index < self->device_names->len
      && g_ptr_array_index (self->device_names, lane->index) != NULL)
    return g_strdup (g_ptr_array_index (self->device_names, lane->index));
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

const char *
_mdl_timeline_view_lane_subtitle (const Lane *lane)
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

const char *
_mdl_timeline_view_state_name (guint state)
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
char *
_mdl_timeline_view_format_time_exact (guint64 t)
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
char *
_mdl_timeline_view_format_tick (double t, double step)
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
void
_mdl_timeline_view_append_byte (GString *s, guint8 c, gboolean multiline)
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
