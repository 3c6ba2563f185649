/* MdlTimelineView: what every CPU of the board did along virtual time.
 *
 * One lane per CPU shows when it ran, waited for an interrupt or halted;
 * interrupt edges and stops are marks on the lane of the CPU they reach.
 * Devices that print, pass mailbox messages or take interrupt inputs get
 * lanes of their own, with a mark per UART byte (batched into runs that
 * show their text when they are dense) and per message.  This is where a
 * person sees the timing of a heterogeneous board.
 *
 * The view reads the runner's trace records (engine/trace.h) on the main
 * loop and keeps its own bounded history, so it never touches the machine.
 * It follows the live end while the board runs unless the person scrolled
 * back; Ctrl+scroll zooms around the pointer, scroll or drag pans, and a
 * click on a mark opens a popover with its details.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_TIMELINE_VIEW (mdl_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlTimelineView, mdl_timeline_view, MDL, TIMELINE_VIEW, GtkWidget)

GtkWidget *mdl_timeline_view_new (void);

/* Shows the trace of @session's machine from its start (what its ring
 * still holds); NULL means no machine: the view empties.  The view holds
 * a reference on @session until given another or NULL, and reads on its
 * "updated" signal: at once, or while the board runs at most every
 * 125 ms (once a second while the view is hidden). */
void mdl_timeline_view_set_session (MdlTimelineView *self, MdlSession *session);

/* Reads what the runner published since the last read, now (the session
 * hands every view its newest snapshot first).  Cheap when nothing
 * changed. */
void mdl_timeline_view_refresh (MdlTimelineView *self);

G_END_DECLS
