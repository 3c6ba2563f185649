/* MdlWatchpointsView: the memory ranges a running board is watched on.
 *
 * A row to add a watchpoint (an address or a symbol of the CPU's
 * firmware, a size, read and/or write) and the list of the watchpoints
 * the runner has, each removable.  The machine stops after a watched
 * access (MDL_STOP_WATCHPOINT); the row that caused the stop says so.
 * Everything goes through MdlRunner commands and the session's snapshots.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_WATCHPOINTS_VIEW (mdl_watchpoints_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlWatchpointsView, mdl_watchpoints_view, MDL, WATCHPOINTS_VIEW, GtkWidget)

GtkWidget *mdl_watchpoints_view_new (void);

/* The machine whose watchpoints are shown; NULL: none (the view is
 * insensitive).  The view holds a reference on @session until given
 * another or NULL, and follows its "updated" signal. */
void mdl_watchpoints_view_set_session (MdlWatchpointsView *self, MdlSession *session);
/* The CPU whose address space and symbols new watchpoints use. */
void mdl_watchpoints_view_set_cpu    (MdlWatchpointsView *self, unsigned cpu);

/* Adds a watchpoint on @size bytes at @expr ("0x80001000", "1024",
 * "counter", "buffer+8") for the current CPU, as the add row does;
 * @size 0 takes the symbol's size (4 when it has none).  FALSE with
 * @error when @expr names nothing. */
gboolean mdl_watchpoints_view_add (MdlWatchpointsView *self, const char *expr, guint64 size,
                                   gboolean on_read, gboolean on_write, GError **error);

/* Shows the session's latest snapshot now (the view also follows its
 * "updated" signal). */
void mdl_watchpoints_view_refresh (MdlWatchpointsView *self);

G_END_DECLS
