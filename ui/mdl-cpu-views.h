/* MdlCpuViews: the panel docked beside the canvas that shows one CPU of
 * the running machine: its registers, memory, disassembly and the anatomy
 * of the instruction at its pc (and the machine's timeline).
 *
 * The panel shows the first CPU of the cluster selected on the canvas,
 * with a chooser when that cluster has several harts.  It talks to the
 * machine only through the runner: views ask for memory and disassembly
 * windows while they are shown and give them back when hidden, and the
 * panel refreshes them from the latest snapshot at most at screen rate,
 * however often the engine publishes.
 */
#pragma once

#include <adwaita.h>

#include "engine/runner.h"

G_BEGIN_DECLS

#define MDL_TYPE_CPU_VIEWS (mdl_cpu_views_get_type ())
G_DECLARE_FINAL_TYPE (MdlCpuViews, mdl_cpu_views, MDL, CPU_VIEWS, GtkBox)

GtkWidget *mdl_cpu_views_new (void);

/* The machine to show, or NULL for the "run the board" placeholder.  Set
 * it to NULL before freeing the runner. */
void     mdl_cpu_views_set_runner  (MdlCpuViews *self, MdlRunner *runner);
/* Shows the CPUs of the cluster called @name ("app" covers "app" and
 * "app.1"); NULL keeps the current one. */
void     mdl_cpu_views_set_cluster (MdlCpuViews *self, const char *name);
/* Index (in the machine) of the CPU shown. */
guint    mdl_cpu_views_get_cpu     (MdlCpuViews *self);
void     mdl_cpu_views_set_cpu     (MdlCpuViews *self, guint cpu);
/* A new snapshot is ready: the views refresh within a frame. */
void     mdl_cpu_views_queue_update (MdlCpuViews *self);
/* The address of the disassembly's cursor line (for Run to Cursor). */
gboolean mdl_cpu_views_get_cursor  (MdlCpuViews *self, guint64 *addr);

/* The page named "registers", "memory", "disassembly", "anatomy" (or
 * "timeline"), and switching to one: for the window and tests. */
GtkWidget *mdl_cpu_views_get_page  (MdlCpuViews *self, const char *name);
void       mdl_cpu_views_show_page (MdlCpuViews *self, const char *name);

G_END_DECLS
