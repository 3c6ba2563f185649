/* What the files of MdlTimelineView share, and what the timeline's tests
 * reach into; nothing else uses it.
 *
 *   mdl-timeline-view.c          the GObject, the session it reads, the view
 *                                (time at the left edge and scale)
 *   mdl-timeline-view-history.c  the records kept and the lanes they sort into
 *   mdl-timeline-view-draw.c     lanes, state bars, marks, axis and legend
 *   mdl-timeline-view-input.c    clicks and the details popover, scrolling,
 *                                dragging and keys
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-timeline-view.h"

G_BEGIN_DECLS

#define HISTORY_MAX   200000   /* records kept */
#define HISTORY_CHUNK 20000    /* dropped at once, so trimming is rare */

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
  GPtrArray   *device_names; /* char *, by device number; NULL: none asked yet */
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
  GskRenderNode *legend2;    /* the same in two rows, for a narrow view */
  int          controls_w;   /* the footer's buttons, right of the legend */
  GdkRGBA      legend_fg, legend_accent;
  guint8      *columns;      /* per pixel column: state bin */
  guint        n_columns;

  GtkWidget   *controls;
  GtkWidget   *live_button;
  GtkWidget   *zoom_in_button, *zoom_out_button, *fit_button;
  GtkWidget   *popover;
  char        *detail_text;  /* what the open popover says, for tests */
};

/* Small enough, and called per record when drawing, to be inlined. */

static inline double
_mdl_timeline_view_time_to_x (MdlTimelineView *self, double t)
{
  return LABEL_W + (t - self->t0) / self->scale;
}

static inline double
_mdl_timeline_view_x_to_time (MdlTimelineView *self, double x)
{
  return self->t0 + (x - LABEL_W) * self->scale;
}

/* The record at history position @pos, or NULL when it was dropped. */
static inline const MdlTraceRecord *
_mdl_timeline_view_record_at (MdlTimelineView *self, guint64 pos)
{
  if (pos < self->hist_base || pos - self->hist_base >= self->history->len)
    return NULL;
  return &g_array_index (self->history, MdlTraceRecord, (guint) (pos - self->hist_base));
}

/* What group a record's mark joins; N_GROUPS: none (CPU states). */
static inline GroupKind
_mdl_timeline_view_group_kind (const MdlTraceRecord *r)
{
  switch (r->kind) {
  case MDL_TRACE_SERIAL:  return GROUP_SERIAL;
  case MDL_TRACE_IRQ:     return GROUP_IRQ;
  case MDL_TRACE_MAILBOX: return GROUP_MAILBOX;
  case MDL_TRACE_STOP:    return GROUP_STOP;
  default:                return N_GROUPS;
  }
}

/* mdl-timeline-view.c: geometry and the view */
double   _mdl_timeline_view_lanes_width (MdlTimelineView *self);
double   _mdl_timeline_view_lane_height (const Lane *lane);
/* Keeps the view on the recorded time, and the follow and fit rules. */
void     _mdl_timeline_view_update_view (MdlTimelineView *self);
/* After the person moved the view: following resumes when the live end
 * is in sight again. */
void     _mdl_timeline_view_view_moved  (MdlTimelineView *self);

/* mdl-timeline-view-history.c */
void                  _mdl_timeline_view_lane_free       (gpointer data);
Lane                 *_mdl_timeline_view_find_lane       (MdlTimelineView *self, LaneKind kind,
                                                          guint index);
void                  _mdl_timeline_view_add_record      (MdlTimelineView *self,
                                                          const MdlTraceRecord *r);
void                  _mdl_timeline_view_trim_history    (MdlTimelineView *self);
void                  _mdl_timeline_view_clear_history   (MdlTimelineView *self);
guint                 _mdl_timeline_view_items_lower_bound (GArray *items, double t);
guint                 _mdl_timeline_view_items_find_pos  (GArray *items, guint64 pos);
guint64               _mdl_timeline_view_cpu_end         (MdlTimelineView *self, const Lane *lane);
gboolean              _mdl_timeline_view_state_at        (MdlTimelineView *self, const Lane *lane,
                                                          double t, guint *state, guint64 *from,
                                                          guint64 *to);
char                 *_mdl_timeline_view_lane_title      (MdlTimelineView *self, const Lane *lane);
const char           *_mdl_timeline_view_lane_subtitle   (const Lane *lane);
const char           *_mdl_timeline_view_state_name      (guint state);
char                 *_mdl_timeline_view_format_time_exact (guint64 t);
char                 *_mdl_timeline_view_format_tick     (double t, double step);
void                  _mdl_timeline_view_append_byte     (GString *s, guint8 c, gboolean multiline);

/* mdl-timeline-view-draw.c */
void _mdl_timeline_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot);

/* mdl-timeline-view-input.c */
void _mdl_timeline_view_init_input (MdlTimelineView *self);

/* For the tests */

guint       _mdl_timeline_view_get_n_lanes    (MdlTimelineView *self);
char       *_mdl_timeline_view_get_lane_title (MdlTimelineView *self, guint lane);
/* Records of @kind in the view's history. */
guint       _mdl_timeline_view_count_records  (MdlTimelineView *self, MdlTraceKind kind);
/* The centre of the first mark of @kind drawn in the last frame. */
gboolean    _mdl_timeline_view_find_mark      (MdlTimelineView *self, MdlTraceKind kind,
                                               double *x, double *y);
/* What the open details popover says ("Title\nKey: value\n…"), or NULL. */
const char *_mdl_timeline_view_get_detail     (MdlTimelineView *self);
/* As a click at (x, y) without a pointer. */
void        _mdl_timeline_view_click          (MdlTimelineView *self, double x, double y);
/* As Ctrl+scroll at @x: @factor < 1 zooms in. */
void        _mdl_timeline_view_zoom           (MdlTimelineView *self, double x, double factor);
gboolean    _mdl_timeline_view_get_following  (MdlTimelineView *self);

G_END_DECLS
