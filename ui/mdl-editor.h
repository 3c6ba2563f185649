/* MdlEditor: the board being edited, its undo history and the selection.
 *
 * Every edit the canvas, palette and inspector make goes through here, so
 * that each one is a single undo step (a whole copy of the small
 * MdlBoardDoc is kept per step) and every view hears "changed" after it.
 * Refused edits leave the document untouched and return the reason.
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/board-doc.h"

G_BEGIN_DECLS

#define MDL_TYPE_EDITOR (mdl_editor_get_type ())
G_DECLARE_FINAL_TYPE (MdlEditor, mdl_editor, MDL, EDITOR, GObject)

MdlEditor *mdl_editor_new (void);

/* The current document; valid until the next edit, undo or load. */
const MdlBoardDoc *mdl_editor_get_doc (MdlEditor *self);
const char *mdl_editor_get_path     (MdlEditor *self);  /* NULL when never saved */
gboolean    mdl_editor_get_modified (MdlEditor *self);
/* Names the document as it is now: another number after any edit, undo or
 * load (numbers are never reused), the same after a save. */
guint       mdl_editor_get_revision (MdlEditor *self);
gboolean    mdl_editor_can_undo     (MdlEditor *self);
gboolean    mdl_editor_can_redo     (MdlEditor *self);

/* Replaces the document (history cleared); on error nothing changes. */
gboolean mdl_editor_load     (MdlEditor *self, const char *path, GError **error);
void     mdl_editor_new_board (MdlEditor *self);
gboolean mdl_editor_save     (MdlEditor *self, const char *path, GError **error);

void mdl_editor_undo (MdlEditor *self);
void mdl_editor_redo (MdlEditor *self);

guint    mdl_editor_add_cluster (MdlEditor *self, const MdlCpuClass *cls, double x, double y);
guint    mdl_editor_add_device  (MdlEditor *self, const MdlDeviceClass *cls, double x, double y);
void     mdl_editor_remove      (MdlEditor *self, const guint *ids, guint n_ids);
/* Moves during a drag coalesce into one undo step per drag. */
void     mdl_editor_begin_move  (MdlEditor *self);
void     mdl_editor_move        (MdlEditor *self, guint id, double x, double y);
void     mdl_editor_end_move    (MdlEditor *self);
gboolean mdl_editor_rename      (MdlEditor *self, guint id, const char *name, GError **error);
gboolean mdl_editor_set_prop    (MdlEditor *self, guint id, const char *prop,
                                 const char *text, GError **error);
guint    mdl_editor_map         (MdlEditor *self, guint device, guint cluster, GError **error);
guint    mdl_editor_wire_irq    (MdlEditor *self, guint device, unsigned output,
                                 guint target, unsigned input, unsigned hart,
                                 GError **error);
void     mdl_editor_remove_wire (MdlEditor *self, guint wire_id);

/* Problems that keep the board from running (MdlProblem *), recomputed
 * after each change; NULL-safe to keep until the next "changed". */
GPtrArray *mdl_editor_get_problems (MdlEditor *self);

/* Selection: component ids (wires are selected by id with the high bit set,
 * see MDL_EDITOR_WIRE_SELECTION). */
#define MDL_EDITOR_WIRE_SELECTION 0x80000000u
void         mdl_editor_set_selection (MdlEditor *self, const guint *ids, guint n_ids);
const GArray *mdl_editor_get_selection (MdlEditor *self);   /* guint */
/* Removes the selected components and wires as one undo step. */
void         mdl_editor_delete_selection (MdlEditor *self);

/* Where relative firmware paths are looked up (NULL-terminated, kept):
 * the application passes its board folders once at start-up. */
void mdl_editor_set_search_dirs (const char *const *dirs);
const char *const *mdl_editor_get_search_dirs (void);

/* Builds a runnable board from the document, firmware loaded. */
MdlBoard *mdl_editor_instantiate (MdlEditor *self, GError **error);

G_END_DECLS
