/* The problems list: a header-bar button that counts what is wrong with
 * the board being designed (engine/board-check.h: errors and warnings,
 * each with what, which component and a fix) and opens the list, live as
 * the board is edited.  Each row's "Go To" selects its component on the
 * canvas; a row whose fix is safe to make (moving a device to where its
 * board family puts it) has a button that makes it. */
#pragma once

#include <gtk/gtk.h>

#include "mdl-editor.h"

G_BEGIN_DECLS

#define MDL_TYPE_PROBLEMS_VIEW (mdl_problems_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlProblemsView, mdl_problems_view, MDL, PROBLEMS_VIEW, GtkWidget)

GtkWidget *mdl_problems_view_new (void);
/* The editor whose board is checked after every change (a reference). */
void       mdl_problems_view_set_editor (MdlProblemsView *self, MdlEditor *editor);
/* Checks now rather than when the main loop is next idle. */
void       mdl_problems_view_refresh    (MdlProblemsView *self);
/* The problems as listed: "what" texts, and the component of each. */
guint       mdl_problems_view_get_n_problems (MdlProblemsView *self);
const char *mdl_problems_view_get_problem    (MdlProblemsView *self, guint index);
guint       mdl_problems_view_get_component  (MdlProblemsView *self, guint index);
/* What a row's "Go To" does: selects the component of problem @index. */
void        mdl_problems_view_go_to          (MdlProblemsView *self, guint index);
/* Whether problem @index has a fix the list can make, and making it (one
 * undoable edit; the list is checked again when the main loop is idle). */
gboolean    mdl_problems_view_can_fix        (MdlProblemsView *self, guint index);
gboolean    mdl_problems_view_apply_fix      (MdlProblemsView *self, guint index);

G_END_DECLS
