/* MdlDisplayView: what one display (a device of view kind
 * MDL_VIEW_DISPLAY, such as a framebuffer) of the running machine shows.
 *
 * A tab next to the serial consoles (a display belongs to the board, not
 * to a CPU).  The guest's pixels are converted and scaled with pixman on
 * the engine thread (mdl_runner_render_device) straight to the
 * size they take on screen, nearest-neighbour and keeping the aspect
 * ratio, and wrapped in a GdkMemoryTexture.  That happens at most once a
 * frame and only when the snapshot's frame generation moved (or the view
 * was resized), so an idle display costs nothing.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_DISPLAY_VIEW (mdl_display_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlDisplayView, mdl_display_view, MDL, DISPLAY_VIEW, GtkWidget)

/* A view of the @nth display (board order) of the machines it is given. */
GtkWidget *mdl_display_view_new        (unsigned nth);
unsigned   mdl_display_view_get_nth    (MdlDisplayView *self);
/* The machine to show, or NULL (the last picture stays): the view
 * follows the session's "updated" signal and holds a reference on it
 * until it is given another or NULL. */
void       mdl_display_view_set_session (MdlDisplayView *self, MdlSession *session);
/* Frames converted so far: for tests that an idle display renders nothing. */
guint      mdl_display_view_get_n_renders (MdlDisplayView *self);

G_END_DECLS
