/* MdlSession: the window's one bridge to a running machine.
 *
 * A session owns the MdlRunner built from a board and turns the runner's
 * notifications (which come on the engine thread, as often as the engine
 * publishes) into at most one "updated" signal per frame on the main
 * loop, carrying the latest snapshot.  Every view of the machine listens
 * to that one signal and shows the snapshot it is handed, so all views
 * agree and none asks the engine on its own; between signals
 * mdl_session_ref_snapshot gives the same snapshot again.  Commands (run,
 * step, write a register, watch memory) still go straight to the runner.
 *
 * Views take a reference on the session; the runner (and its engine
 * thread) goes when the last reference is dropped, so whoever discards a
 * machine first tells its views to drop theirs.
 */
#pragma once

#include <glib-object.h>

#include "engine/runner.h"

G_BEGIN_DECLS

#define MDL_TYPE_SESSION (mdl_session_get_type ())
G_DECLARE_FINAL_TYPE (MdlSession, mdl_session, MDL, SESSION, GObject)

/* Takes ownership of @board (firmware loaded) and starts its runner,
 * paused. */
MdlSession  *mdl_session_new          (MdlBoard *board);
/* The runner, for commands; valid for the session's life. */
MdlRunner   *mdl_session_get_runner   (MdlSession *self);
/* The snapshot the last "updated" signal handed out (or the first one,
 * before any): a new reference. */
MdlSnapshot *mdl_session_ref_snapshot (MdlSession *self);
/* Takes the runner's latest snapshot and emits "updated" now, without
 * waiting for the next frame: after a command, so the views show its
 * effect at once. */
void         mdl_session_update_now   (MdlSession *self);

/* Signal "updated" (MdlSession *, const MdlSnapshot *snapshot): the engine
 * published something (a new snapshot, serial output); at most once a
 * frame, on the main loop.  The snapshot is borrowed for the handler's
 * duration. */

G_END_DECLS
