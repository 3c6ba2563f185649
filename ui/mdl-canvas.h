/* MdlCanvas: the board drawn as cards and wires, and edited by hand.
 *
 * Each component of the editor's document is a card (clusters tinted,
 * devices plain) with its ports on the edge facing the other side of a
 * typical board: a cluster's bus and interrupt inputs on its right, a
 * device's bus and interrupt outputs on its left (an interrupt
 * controller's inputs on its right).  Map wires are drawn solid, IRQ wires
 * dashed.  The canvas selects (click, Shift/Ctrl-click, rubber band),
 * moves the selection, connects ports, accepts "cpu:<class>" and
 * "device:<compatible>" strings dropped from the palette, zooms (Ctrl +
 * scroll, pinch) and pans (scroll, middle drag, Space + drag).
 *
 * Refused edits are reported through "show-message": a handler that
 * returns TRUE has shown the text (the window turns it into an AdwToast);
 * when none does, the canvas shows it itself as a toast-like label at its
 * bottom for a few seconds, so that the canvas is usable on its own.
 *
 * Deleting is the window's business (its action calls
 * mdl_editor_delete_selection); the canvas only makes wires selectable.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-editor.h"
#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_CANVAS (mdl_canvas_get_type ())
G_DECLARE_FINAL_TYPE (MdlCanvas, mdl_canvas, MDL, CANVAS, GtkWidget)

GtkWidget *mdl_canvas_new        (MdlEditor *editor);
MdlEditor *mdl_canvas_get_editor (MdlCanvas *self);
void       mdl_canvas_set_editor (MdlCanvas *self, MdlEditor *editor);

/* Zoom in steps around the centre of the view; reset shows 1:1. */
void   mdl_canvas_zoom_in    (MdlCanvas *self);
void   mdl_canvas_zoom_out   (MdlCanvas *self);
void   mdl_canvas_zoom_reset (MdlCanvas *self);
/* Frames the whole board (never above 1:1); done by itself when a board
 * is loaded or the editor set. */
void   mdl_canvas_zoom_fit   (MdlCanvas *self);
double mdl_canvas_get_zoom   (MdlCanvas *self);

/* The running machine, or NULL: parts wired to pins show its pins (they
 * redraw on the session's "updated" signal when those changed), buttons
 * and switches drive them.  The canvas holds a reference on @session
 * until it is given another or NULL. */
void mdl_canvas_set_session (MdlCanvas *self, MdlSession *session);

/* A grid-aligned top-left corner, in canvas coordinates, where a new
 * component fits without covering another, as close as possible to the
 * centre of what is visible. */
void mdl_canvas_free_position (MdlCanvas *self, double *x, double *y);

/* Lays the board out in columns (CPU clusters, memories, other devices,
 * parts on pins), as tall as suits the canvas's shape; one undo step. */
void mdl_canvas_arrange (MdlCanvas *self);

G_END_DECLS
