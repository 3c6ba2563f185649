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

#include "engine/runner.h"

G_BEGIN_DECLS

#define MDL_TYPE_TIMELINE_VIEW (mdl_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlTimelineView, mdl_timeline_view, MDL, TIMELINE_VIEW, GtkWidget)

GtkWidget *mdl_timeline_view_new (void);

/* Shows @runner's trace from its start (what its ring still holds); NULL
 * means no machine: the view empties.  The view does not own @runner but
 * listens to it: set NULL (or destroy the view) before freeing it. */
void mdl_timeline_view_set_runner (MdlTimelineView *self, MdlRunner *runner);

/* Reads what the runner published since the last read, now.  The view
 * also does so on its own: it listens to the runner's publications
 * (mdl_runner_add_listener), coalesced into one read per main-loop
 * turn.  Cheap when nothing changed. */
void mdl_timeline_view_refresh (MdlTimelineView *self);

G_END_DECLS
