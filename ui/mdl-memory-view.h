/* MdlMemoryView: a hex and ASCII view of one CPU's address space.
 *
 * The address field takes numbers, symbols and registers (and sums of
 * them: "sp+16"); with Follow on it is evaluated again at every snapshot,
 * so the view tracks the stack pointer.  The bytes come from a memory
 * window the view asks the runner for while it is shown, so they update
 * live while the guest runs.  Unmapped bytes and device registers (which
 * a view must not read: reading has side effects) show as "--".  While
 * paused, clicking a byte and typing hex digits writes guest memory.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_MEMORY_VIEW (mdl_memory_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlMemoryView, mdl_memory_view, MDL, MEMORY_VIEW, GtkWidget)

GtkWidget *mdl_memory_view_new (void);

/* The machine and CPU to show, or NULL.  The view holds a reference on
 * @session and, while shown, follows its "updated" signal; the CPU views
 * panel brings it up to date when it comes into view. */
void mdl_memory_view_set_session (MdlMemoryView *self, MdlSession *session, guint cpu);
void mdl_memory_view_update     (MdlMemoryView *self, const MdlSnapshot *snap);

/* What the address field does on Enter; false (and the field marked as an
 * error) when @text is not understood. */
gboolean mdl_memory_view_go_to      (MdlMemoryView *self, const char *text);
void     mdl_memory_view_set_follow (MdlMemoryView *self, gboolean follow);
guint64  mdl_memory_view_get_address (MdlMemoryView *self);
/* The byte at @addr as shown ("3f", or "--" unmapped; NULL when not in
 * the window yet). */
char    *mdl_memory_view_get_byte_text (MdlMemoryView *self, guint64 addr);
/* Where the hex digits of the byte at @addr are drawn, in the view's
 * coordinates (false when not on screen): for pointer tests. */
gboolean mdl_memory_view_byte_point (MdlMemoryView *self, guint64 addr, double *x, double *y);
/* What typing two hex digits on a selected byte does: writes it, only
 * while paused; false otherwise. */
gboolean mdl_memory_view_write_byte (MdlMemoryView *self, guint64 addr, guint8 value);

G_END_DECLS
