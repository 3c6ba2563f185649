/* MdlTimelineView: the GObject, the session it reads the trace from, and
 * the view (the time at the left edge of the lanes and the picoseconds
 * per pixel, with the follow and fit rules).  The other files of the
 * timeline are listed in mdl-timeline-view-private.h. */
#define G_LOG_DOMAIN "medley-timeline"

#include <glib/gi18n.h>
#include <math.h>

#include <adwaita.h>

#include "mdl-timeline-view-private.h"

/* While the machine runs, the view reads and redraws at most this often:
 * a timeline needs no more to look live, and every frame of a window on
 * a busy machine is time the guest does not get. */
#define LIVE_INTERVAL_MS 125

G_DEFINE_FINAL_TYPE (MdlTimelineView, mdl_timeline_view, GTK_TYPE_WIDGET)

/* ---- geometry and the view ---- */

double
_mdl_timeline_view_lanes_width (MdlTimelineView *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - LABEL_W - RIGHT_PAD);
}

double
_mdl_timeline_view_lane_height (const Lane *lane)
{
  return lane->kind == LANE_CPU ? CPU_LANE_H : DEV_LANE_H;
}

static double
max_scale (MdlTimelineView *self)
{
  return MAX (MIN_SCALE * 100, 2.0 * (double) self->end_ps / _mdl_timeline_view_lanes_width (self));
}

/* Keeps the view on the recorded time, and the follow and fit rules. */
void
_mdl_timeline_view_update_view (MdlTimelineView *self)
{
  double span;

  if (self->fit) {
    self->scale
      = MAX (MIN_SCALE, (double) self->end_ps * 1.02 / _mdl_timeline_view_lanes_width (self));
    self->t0 = 0;
    self->follow = TRUE;
  }
  self->scale = CLAMP (self->scale, MIN_SCALE, max_scale (self));
  span = _mdl_timeline_view_lanes_width (self) * self->scale;
  if (self->follow && !self->fit)
    self->t0 = (double) self->end_ps - span * 0.97;
  self->t0 = CLAMP (self->t0, 0.0, MAX (0.0, (double) self->end_ps - span * 0.1));
  if (self->live_button != NULL)
    gtk_widget_set_visible (self->live_button, self->runner != NULL && !self->follow);
}

/* After the person moved the view: following resumes when the live end
 * is in sight again. */
void
_mdl_timeline_view_view_moved (MdlTimelineView *self)
{
  double span;

  self->fit = FALSE;
  self->scale = CLAMP (self->scale, MIN_SCALE, max_scale (self));
  span = _mdl_timeline_view_lanes_width (self) * self->scale;
  self->t0 = CLAMP (self->t0, 0.0, MAX (0.0, (double) self->end_ps - span * 0.1));
  self->follow = self->t0 + span >= (double) self->end_ps;
  _mdl_timeline_view_update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_mdl_timeline_view_zoom (MdlTimelineView *self, double x, double factor)
{
  double t = _mdl_timeline_view_x_to_time (self, x);

  self->fit = FALSE;
  self->scale = CLAMP (self->scale * factor, MIN_SCALE, max_scale (self));
  self->t0 = t - (x - LABEL_W) * self->scale;
  _mdl_timeline_view_view_moved (self);
}

/* The zoom buttons: around the live end while following, so that it stays
 * in view, else around the middle. */
static void
zoom_by (MdlTimelineView *self, double factor)
{
  double x = self->follow ? _mdl_timeline_view_time_to_x (self, (double) self->end_ps)
                          : LABEL_W + _mdl_timeline_view_lanes_width (self) / 2;
  gboolean follow = self->follow;

  _mdl_timeline_view_zoom (self, x, factor);
  if (follow) {
    self->follow = TRUE;
    _mdl_timeline_view_update_view (self);
  }
}

static void
on_zoom_in (MdlTimelineView *self)
{
  zoom_by (self, 1 / 1.5);
}

static void
on_zoom_out (MdlTimelineView *self)
{
  zoom_by (self, 1.5);
}

static void
on_fit (MdlTimelineView *self)
{
  self->fit = TRUE;
  _mdl_timeline_view_update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_live (MdlTimelineView *self)
{
  self->follow = TRUE;
  _mdl_timeline_view_update_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
    _mdl_timeline_view_clear_history (self);
  fresh = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  next = mdl_runner_read_trace (self->runner, self->next_seq, fresh);
  if (next < self->next_seq ||
      (fresh->len > 0 && g_array_index (fresh, MdlTraceRecord, 0).seq < self->next_seq)) {
    _mdl_timeline_view_clear_history (self);
    g_array_set_size (fresh, 0);
    next = mdl_runner_read_trace (self->runner, 0, fresh);
  }
  self->next_seq = next;
  for (guint i = 0; i < fresh->len; i++)
    _mdl_timeline_view_add_record (self, &g_array_index (fresh, MdlTraceRecord, i));
  _mdl_timeline_view_trim_history (self);

  self->vt = snap->virtual_time_ps;
  self->end_ps = self->vt;
  for (guint i = 0; i < MIN (snap->n_cpus, self->n_cpus); i++) {
    self->cpu_time[i] = snap->cpus[i].time_ps;
    self->cpu_state[i] = snap->cpus[i].state;
    self->end_ps = MAX (self->end_ps, snap->cpus[i].time_ps);
  }
  for (guint i = 0; i < self->lanes->len; i++)
    self->end_ps = MAX (self->end_ps, ((Lane *) g_ptr_array_index (self->lanes, i))->tmax);

  _mdl_timeline_view_update_view (self);
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
  g_clear_pointer (&self->device_names, g_ptr_array_unref);
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
  _mdl_timeline_view_clear_history (self);
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
      Lane *lane = _mdl_timeline_view_find_lane (self, LANE_CPU, i);

      g_free (lane->name);
      lane->name = g_strdup (snap->cpus[i].name);
      lane->subtitle = g_strdup (snap->cpus[i].cls != NULL ? snap->cpus[i].cls->name : "");
    }
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
    read_latest (self);
  }
  gtk_widget_set_sensitive (self->controls, runner != NULL);
  _mdl_timeline_view_update_view (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
      h += _mdl_timeline_view_lane_height (g_ptr_array_index (self->lanes, i));
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
  self->controls_w = w;
  gtk_widget_size_allocate (self->controls,
                            &(GtkAllocation) { width - w - 8,
                                               height - (int) FOOTER_H + ((int) FOOTER_H - h) / 2,
                                               w, h }, -1);
  /* The view keeps its rules when its size changes (fit stays fit). */
  _mdl_timeline_view_update_view (self);
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
  g_clear_pointer (&self->legend2, gsk_render_node_unref);
  g_clear_pointer (&MDL_TIMELINE_VIEW (object)->device_names, g_ptr_array_unref);
  G_OBJECT_CLASS (mdl_timeline_view_parent_class)->finalize (object);
}

static void
mdl_timeline_view_class_init (MdlTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_timeline_view_dispose;
  object_class->finalize = mdl_timeline_view_finalize;
  widget_class->snapshot = _mdl_timeline_view_snapshot;
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
  GtkWidget *content;

  self->history = g_array_new (FALSE, FALSE, sizeof (MdlTraceRecord));
  self->lanes = g_ptr_array_new_with_free_func (_mdl_timeline_view_lane_free);
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

  _mdl_timeline_view_init_input (self);
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
  return _mdl_timeline_view_lane_title (self, g_ptr_array_index (self->lanes, lane));
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

gboolean
_mdl_timeline_view_get_following (MdlTimelineView *self)
{
  return self->follow;
}
