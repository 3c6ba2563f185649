/* What the timeline's tests reach into; nothing else uses it. */
#pragma once

#include "mdl-timeline-view.h"

G_BEGIN_DECLS

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
