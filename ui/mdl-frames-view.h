/* MdlFramesView: one CPU's call stack and variables, by source.
 *
 * While the machine is paused it shows, from the CPU's firmware debug
 * information (engine/debuginfo.h), the call stack unwound with the CFI
 * (function, file and line of each frame) and the variables of the frame
 * chosen in it: arguments, locals and the globals of its compilation
 * unit, with their types and values.  They are read on the engine thread
 * once per paused snapshot; while the machine runs the view says so.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_FRAMES_VIEW (mdl_frames_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlFramesView, mdl_frames_view, MDL, FRAMES_VIEW, GtkWidget)

GtkWidget *mdl_frames_view_new (void);

/* The machine and CPU to show, or NULL (as the other CPU views). */
void mdl_frames_view_set_session (MdlFramesView *self, MdlSession *session, guint cpu);
void mdl_frames_view_update      (MdlFramesView *self, const MdlSnapshot *snap);

/* For tests: the frames shown, the function of frame @i, and the value
 * shown for variable @name (NULL when none is shown). */
guint       mdl_frames_view_get_n_frames (MdlFramesView *self);
/* What choosing frame @i in the call stack does. */
void        mdl_frames_view_select_frame (MdlFramesView *self, guint i);
const char *mdl_frames_view_get_function (MdlFramesView *self, guint i);
const char *mdl_frames_view_get_value    (MdlFramesView *self, const char *name);

G_END_DECLS
