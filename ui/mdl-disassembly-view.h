/* MdlDisassemblyView: the instructions around one CPU's pc, with the
 * firmware's symbols as labels and the current instruction marked.  A
 * click in the gutter toggles a breakpoint (shown as a red dot from the
 * snapshot's breakpoint list); a click on a line puts the cursor there for
 * Run to Cursor.  Its toolbar holds Step, Step Over, Step Out and Run to
 * Cursor (the window's actions), and, for firmware with debug information,
 * Step Line and Step Into, and a field to look at another address or
 * symbol; stepping or a stop returns to the pc.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_DISASSEMBLY_VIEW (mdl_disassembly_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlDisassemblyView, mdl_disassembly_view, MDL, DISASSEMBLY_VIEW, GtkWidget)

GtkWidget *mdl_disassembly_view_new (void);

/* The machine and CPU to show, or NULL.  The view holds a reference on
 * @session and, while shown, follows its "updated" signal; the CPU views
 * panel brings it up to date when it comes into view. */
void mdl_disassembly_view_set_session (MdlDisassemblyView *self, MdlSession *session, guint cpu);
void mdl_disassembly_view_update     (MdlDisassemblyView *self, const MdlSnapshot *snap);

/* Shows the code at an address, symbol or register expression (and puts
 * the cursor there); false when @text is not understood. */
gboolean mdl_disassembly_view_go_to      (MdlDisassemblyView *self, const char *text);
/* Back to following the pc. */
void     mdl_disassembly_view_follow_pc  (MdlDisassemblyView *self);
gboolean mdl_disassembly_view_get_cursor (MdlDisassemblyView *self, guint64 *addr);
/* What a click in the gutter of the line at @addr does. */
void     mdl_disassembly_view_toggle_breakpoint (MdlDisassemblyView *self, guint64 addr);

/* For tests: the lines shown (label lines included), whether the view
 * shows a breakpoint at @addr, and where a click in the gutter of the
 * instruction line at @addr goes (in the view's coordinates; false when
 * that line is not on screen). */
guint    mdl_disassembly_view_get_n_lines (MdlDisassemblyView *self);
gboolean mdl_disassembly_view_has_breakpoint (MdlDisassemblyView *self, guint64 addr);
gboolean mdl_disassembly_view_gutter_point (MdlDisassemblyView *self, guint64 addr,
                                            double *x, double *y);

/* With the firmware's debug information the view shows each source line
 * above its instructions; a click beside one sets a breakpoint on every
 * address where it begins.  For tests: that click for source line @line
 * (of the lines shown), whether the view shows a breakpoint on it, where
 * to click for it (false when it is not on screen), and how many source
 * lines are shown. */
void     mdl_disassembly_view_toggle_source_breakpoint (MdlDisassemblyView *self, guint line);
gboolean mdl_disassembly_view_source_has_breakpoint (MdlDisassemblyView *self, guint line);
gboolean mdl_disassembly_view_source_gutter_point (MdlDisassemblyView *self, guint line,
                                                   double *x, double *y);
guint    mdl_disassembly_view_get_n_source_lines (MdlDisassemblyView *self);

/* For tests: the instruction line at @addr as drawn (address, encoding,
 * instruction; the address as wide as the lines on screen need) and where
 * its text ends, in the drawing area's pixels; NULL when not on screen. */
char    *mdl_disassembly_view_get_line_text (MdlDisassemblyView *self, guint64 addr,
                                             int *right);

/* Hovering an instruction's mnemonic shows one line on what it does (the
 * CPU class's description, as the anatomy view's).  For tests: where the
 * mnemonic of the line at @addr is drawn (its middle, in the view's
 * coordinates; false when not on screen or the class has no description),
 * and the tooltip a pointer at (@x, @y) in the view gets, or NULL. */
gboolean mdl_disassembly_view_mnemonic_point (MdlDisassemblyView *self, guint64 addr,
                                              double *x, double *y);
const char *mdl_disassembly_view_tooltip_at (MdlDisassemblyView *self, double x, double y);

G_END_DECLS
