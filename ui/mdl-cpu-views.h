/* MdlCpuViews: the panel docked beside the canvas that shows one CPU of
 * the running machine: its registers, memory, disassembly and the anatomy
 * of the instruction at its pc (and the machine's timeline).
 *
 * The panel shows the first CPU of the cluster selected on the canvas,
 * with a chooser when that cluster has several harts.  It talks to the
 * machine only through its session: views ask the runner for memory and
 * disassembly windows while they are shown and give them back when
 * hidden, and the pages shown follow the session's "updated" signal, at
 * most once a frame however often the engine publishes.
 */
#pragma once

#include <adwaita.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_CPU_VIEWS (mdl_cpu_views_get_type ())
G_DECLARE_FINAL_TYPE (MdlCpuViews, mdl_cpu_views, MDL, CPU_VIEWS, GtkBox)

GtkWidget *mdl_cpu_views_new (void);

/* The machine to show, or NULL for the "run the board" placeholder.  The
 * panel and its pages hold references on @session until given another
 * or NULL; the pages refresh on its "updated" signal. */
void     mdl_cpu_views_set_session (MdlCpuViews *self, MdlSession *session);
/* Shows the CPUs of the cluster called @name ("app" covers "app" and
 * "app.1"); NULL keeps the current one. */
void     mdl_cpu_views_set_cluster (MdlCpuViews *self, const char *name);
/* Index (in the machine) of the CPU shown. */
guint    mdl_cpu_views_get_cpu     (MdlCpuViews *self);
void     mdl_cpu_views_set_cpu     (MdlCpuViews *self, guint cpu);
/* The address of the disassembly's cursor line (for Run to Cursor). */
gboolean mdl_cpu_views_get_cursor  (MdlCpuViews *self, guint64 *addr);

/* The page named "registers", "memory", "disassembly", "anatomy", "cache" (or
 * "timeline"), and switching to one: for the window and tests. */
GtkWidget *mdl_cpu_views_get_page  (MdlCpuViews *self, const char *name);
void       mdl_cpu_views_show_page (MdlCpuViews *self, const char *name);

G_END_DECLS
