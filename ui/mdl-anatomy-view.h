/* MdlAnatomyView: the encoding of the instruction at one CPU's pc, for
 * teaching.  Its bits (16 or 32) are drawn as boxes grouped by field
 * (opcode, registers, immediate…), each field in its own colour and named
 * below, and a table lists each field's bits, value and meaning.  The
 * data is the snapshot's MdlInsnInfo for that CPU, which the target
 * derives from the same decode table as its decoder.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_ANATOMY_VIEW (mdl_anatomy_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlAnatomyView, mdl_anatomy_view, MDL, ANATOMY_VIEW, GtkWidget)

GtkWidget *mdl_anatomy_view_new (void);

/* The machine and CPU to show, or NULL.  The view holds a reference on
 * @session and, while shown, follows its "updated" signal; the CPU views
 * panel brings it up to date when it comes into view. */
void mdl_anatomy_view_set_session (MdlAnatomyView *self, MdlSession *session, guint cpu);
void mdl_anatomy_view_update     (MdlAnatomyView *self, const MdlSnapshot *snap);

/* For tests: the mnemonic and number of fields shown (0 without info). */
const char *mdl_anatomy_view_get_mnemonic (MdlAnatomyView *self);
guint       mdl_anatomy_view_get_n_fields (MdlAnatomyView *self);
/* For tests: the address and format of the instruction shown; FALSE
 * without one. */
gboolean    mdl_anatomy_view_get_insn (MdlAnatomyView *self, guint64 *pc,
                                       const char **format);
/* For tests: what hovering the mnemonic shows (NULL without info). */
const char *mdl_anatomy_view_get_mnemonic_tooltip (MdlAnatomyView *self);

G_END_DECLS
