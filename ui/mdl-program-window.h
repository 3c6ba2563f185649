/* MdlProgramWindow: write, build and run the program of one CPU cluster.
 *
 * A window beside the board's: the program editor (MdlProgramEditor), a
 * list of the compiler's messages, and Build (Ctrl+B) and Run (F5).  "New
 * program" starts from the template of the cluster's instruction set
 * (assembly or C), saved next to the board and named in the cluster's
 * "program" property; building saves the source first, runs the cross
 * compiler in the background (mdl-program-build.h) and makes the ELF the
 * cluster's firmware; Run builds when the source changed, then runs the
 * board in the main window.
 */
#pragma once

#include <adwaita.h>

#include "mdl-program-editor.h"
#include "mdl-window.h"

G_BEGIN_DECLS

#define MDL_TYPE_PROGRAM_WINDOW (mdl_program_window_get_type ())
G_DECLARE_FINAL_TYPE (MdlProgramWindow, mdl_program_window, MDL, PROGRAM_WINDOW, AdwWindow)

/* The program window of cluster @cluster of @window's board, made (and
 * its program loaded) on first use; presented. */
MdlProgramWindow *mdl_program_window_show (MdlWindow *window, guint cluster);
/* The program window of @cluster, or NULL when none is open. */
MdlProgramWindow *mdl_program_window_find (MdlWindow *window, guint cluster);
/* Opens the program window of every cluster whose program is named in
 * the board (after a board is opened). */
void              mdl_program_window_open_all (MdlWindow *window);

/* The debugger's side, called by the board's window: every program
 * window gives its breakpoint marks to the machine just made, and marks
 * the line where its cluster's CPU stands in @snap (none while running or
 * for NULL: no machine). */
void              mdl_program_window_attach_all    (MdlWindow *window);
void              mdl_program_window_show_stop_all (MdlWindow *window, const MdlSnapshot *snap);

/* Closes every program window of @window (each saves its text). */
void              mdl_program_window_close_all (MdlWindow *window);

MdlProgramEditor *mdl_program_window_get_editor (MdlProgramWindow *self);
/* Starts a new program from the template (lang: MDL_PROGRAM_ASM or _C);
 * false with the reason shown when it cannot. */
gboolean          mdl_program_window_new_program (MdlProgramWindow *self, MdlProgramLang lang);
/* Builds (and then runs, when @run); what happened shows in the window. */
void              mdl_program_window_build (MdlProgramWindow *self, gboolean run);
/* Whether a build is under way, and what the last one said. */
gboolean          mdl_program_window_is_building (MdlProgramWindow *self);
guint             mdl_program_window_get_n_builds (MdlProgramWindow *self);
gboolean          mdl_program_window_get_last_ok (MdlProgramWindow *self);
/* The last message shown to the person (an error), or NULL. */
const char       *mdl_program_window_get_message (MdlProgramWindow *self);
/* The rows of the messages list. */
guint             mdl_program_window_get_n_problems (MdlProgramWindow *self);

G_END_DECLS
