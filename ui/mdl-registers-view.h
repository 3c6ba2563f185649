/* MdlRegistersView: every register of one CPU, from its class's register
 * table, grouped (general, program counter and status, control and
 * system), in hex with decimal and signed values in the tooltip and ABI
 * names beside the architectural ones.  Values that changed since the
 * previous stop are highlighted; while the machine is paused a value can
 * be edited (Enter writes it through the runner).
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_REGISTERS_VIEW (mdl_registers_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlRegistersView, mdl_registers_view, MDL, REGISTERS_VIEW, GtkWidget)

GtkWidget *mdl_registers_view_new (void);

/* The machine and CPU to show, or NULL.  The view holds a reference on
 * @session and, while shown, follows its "updated" signal; the CPU views
 * panel brings it up to date when it comes into view. */
void mdl_registers_view_set_session (MdlRegistersView *self, MdlSession *session, guint cpu);
void mdl_registers_view_update     (MdlRegistersView *self, const MdlSnapshot *snap);

/* For tests: the value text of register @name (or alias), whether it is
 * highlighted as changed, and its entry. */
const char *mdl_registers_view_get_text    (MdlRegistersView *self, const char *name);
gboolean    mdl_registers_view_get_changed (MdlRegistersView *self, const char *name);
GtkWidget  *mdl_registers_view_get_entry   (MdlRegistersView *self, const char *name);

G_END_DECLS
