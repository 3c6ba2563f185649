/* What the watchpoints view's tests reach into; nothing else uses it. */
#pragma once

#include "mdl-watchpoints-view.h"

G_BEGIN_DECLS

GtkEditable *_mdl_watchpoints_view_get_entry      (MdlWatchpointsView *self);
GtkWidget   *_mdl_watchpoints_view_get_add_button (MdlWatchpointsView *self);
GtkWidget   *_mdl_watchpoints_view_get_read_toggle  (MdlWatchpointsView *self);
GtkWidget   *_mdl_watchpoints_view_get_write_toggle (MdlWatchpointsView *self);
/* Rows listed (one per watchpoint of the snapshot shown). */
guint        _mdl_watchpoints_view_get_n_rows     (MdlWatchpointsView *self);

G_END_DECLS
