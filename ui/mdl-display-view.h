/* MdlDisplayView: what one framebuffer of the running machine shows.
 *
 * A tab next to the serial consoles (a display belongs to the board, not
 * to a CPU).  The guest's pixels are converted and scaled with pixman on
 * the engine thread (mdl_framebuffer_render_in_runner) straight to the
 * size they take on screen, nearest-neighbour and keeping the aspect
 * ratio, and wrapped in a GdkMemoryTexture.  That happens at most once a
 * frame and only when the snapshot's frame generation moved (or the view
 * was resized), so an idle display costs nothing.
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/runner.h"

G_BEGIN_DECLS

#define MDL_TYPE_DISPLAY_VIEW (mdl_display_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlDisplayView, mdl_display_view, MDL, DISPLAY_VIEW, GtkWidget)

/* A view of the @nth framebuffer (board order) of the machines it is given. */
GtkWidget *mdl_display_view_new        (unsigned nth);
unsigned   mdl_display_view_get_nth    (MdlDisplayView *self);
/* The machine to show, or NULL (the last picture stays).  Set it to NULL
 * before freeing the runner. */
void       mdl_display_view_set_runner (MdlDisplayView *self, MdlRunner *runner);
/* A new snapshot is out: the view looks at it on its next frame. */
void       mdl_display_view_queue_update (MdlDisplayView *self);
/* Frames converted so far: for tests that an idle display renders nothing. */
guint      mdl_display_view_get_n_renders (MdlDisplayView *self);

G_END_DECLS
