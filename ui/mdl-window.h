/* MdlWindow: one board being edited and, when it runs, its machine.
 *
 * The window owns an MdlEditor (the document, undo, selection) shown by the
 * palette, canvas and inspector, and at most one MdlRunner built from that
 * document.  Everything the header bar and shortcuts do is a "win." action
 * (see mdl-window-actions.c), so tests drive the window the way people do.
 */
#pragma once

#include <adwaita.h>

#include "mdl-application.h"
#include "mdl-console.h"
#include "mdl-cpu-views.h"
#include "mdl-display-view.h"
#include "mdl-editor.h"

#include "engine/runner.h"

G_BEGIN_DECLS

#define MDL_TYPE_WINDOW (mdl_window_get_type ())
G_DECLARE_FINAL_TYPE (MdlWindow, mdl_window, MDL, WINDOW, AdwApplicationWindow)

MdlWindow *mdl_window_new (MdlApplication *app);

MdlEditor *mdl_window_get_editor (MdlWindow *self);

/* Loads @file, replacing the board without asking (callers ask about
 * unsaved changes first).  On error the board stays as it was and the
 * error is shown in a dialog as well as returned. */
gboolean mdl_window_load (MdlWindow *self, GFile *file, GError **error);

/* The machine's state as the status pill shows it; no runner → FALSE. */
gboolean mdl_window_get_runner_state (MdlWindow *self, MdlRunnerState *state);
/* What the status pill says ("Running", "Halted, exit code 0", …). */
const char *mdl_window_get_status_text (MdlWindow *self);
/* The console tabs, in UART order (tabs the person closed are gone). */
guint       mdl_window_get_n_consoles (MdlWindow *self);
MdlConsole *mdl_window_get_console    (MdlWindow *self, guint index);
/* The docked panel of CPU views (registers, memory, disassembly…). */
/* The display tabs (one per display of the running board). */
guint        mdl_window_get_n_displays (MdlWindow *self);
MdlDisplayView *mdl_window_get_display (MdlWindow *self, guint index);
MdlCpuViews *mdl_window_get_cpu_views (MdlWindow *self);
/* The message of the last error dialog, or NULL (tests check it). */
const char *mdl_window_get_last_error (MdlWindow *self);

/* Sets one of `medley run`'s boot options on the board's cluster, where
 * the inspector shows it: @option "kernel" (the payload), "initrd" or
 * "append" (the bootargs), @spec "[NAME=]VALUE" as on the command line
 * (file paths relative to the current folder).  Without NAME=, the only
 * cluster, or the only one that hands its payload a device tree.  One
 * undoable edit; FALSE with @error naming the clusters when it cannot
 * tell which one, or with the editor's reason. */
gboolean mdl_window_set_boot_option (MdlWindow *self, const char *option, const char *spec,
                                     GError **error);

G_END_DECLS
