/* MdlProgramEditor: the source of one program, in a GtkSourceView.
 *
 * Syntax highlighting (C from GtkSourceView's own languages, assembly from
 * Medley's data/language-specs), line numbers, and three kinds of marks
 * in the gutter that other parts of the workbench set through the small
 * API below:
 *
 * - the current line (where a CPU stopped), highlighted and scrolled to;
 * - breakpoints, which the person toggles by clicking the gutter (the
 *   "breakpoint-toggled" signal says so) and code may set or clear;
 * - the compiler's messages, an icon with the text as a tooltip and the
 *   line's text underlined from the message's column.
 *
 * Lines are counted from 1, as compilers and DWARF line tables count them.
 * Marks follow their line while the text is edited; the current line and
 * the messages go away when they no longer mean anything (the caller sets
 * them again after a build or a stop).
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/program.h"

G_BEGIN_DECLS

#define MDL_TYPE_PROGRAM_EDITOR (mdl_program_editor_get_type ())
G_DECLARE_FINAL_TYPE (MdlProgramEditor, mdl_program_editor, MDL, PROGRAM_EDITOR, GtkWidget)

MdlProgramEditor *mdl_program_editor_new (void);

/* Reads @path into the editor (the undo history starts afresh); on error
 * the text shown stays as it was. */
gboolean    mdl_program_editor_load     (MdlProgramEditor *self, const char *path,
                                         GError **error);
/* Shows @text as a new, unsaved program that will be saved to @path. */
void        mdl_program_editor_set_text (MdlProgramEditor *self, const char *path,
                                         const char *text);
/* Writes the text to its path (atomically); the text stays on error. */
gboolean    mdl_program_editor_save     (MdlProgramEditor *self, GError **error);
const char *mdl_program_editor_get_path (MdlProgramEditor *self);
gboolean    mdl_program_editor_get_modified (MdlProgramEditor *self);
/* The text buffer (a GtkSourceBuffer), for its signals. */
GtkTextBuffer *mdl_program_editor_get_buffer (MdlProgramEditor *self);
/* The whole text (newly allocated). */
char       *mdl_program_editor_get_text (MdlProgramEditor *self);

/* The GtkSourceView language for assembly (a kit's asm_language); C
 * sources get GtkSourceView's "c" whatever this says. */
void        mdl_program_editor_set_asm_language (MdlProgramEditor *self, const char *id);
/* The id of the language shown, or NULL for plain text. */
const char *mdl_program_editor_get_language (MdlProgramEditor *self);

/* The current line: @line (1-based) highlighted and scrolled into view;
 * 0 clears it. */
void        mdl_program_editor_set_current_line (MdlProgramEditor *self, guint line);
guint       mdl_program_editor_get_current_line (MdlProgramEditor *self);

/* Breakpoint marks.  Setting one that is there (or clearing one that is
 * not) does nothing; neither emits "breakpoint-toggled". */
void        mdl_program_editor_set_breakpoint (MdlProgramEditor *self, guint line,
                                               gboolean on);
gboolean    mdl_program_editor_has_breakpoint (MdlProgramEditor *self, guint line);
/* The lines with a breakpoint, ascending (guint). */
GArray     *mdl_program_editor_get_breakpoints (MdlProgramEditor *self);

/* Replaces the compiler's marks with @diagnostics (MdlDiagnostic *; those
 * of other files and with no line are left out); NULL clears them. */
void        mdl_program_editor_set_diagnostics (MdlProgramEditor *self,
                                                GPtrArray *diagnostics);
/* The tooltip text of the message mark on @line, or NULL. */
const char *mdl_program_editor_get_diagnostic (MdlProgramEditor *self, guint line);

/* Moves the cursor to @line, column @column (both 1-based; 0: the
 * line's start) and gives the text the focus. */
void        mdl_program_editor_go_to (MdlProgramEditor *self, guint line, guint column);

G_END_DECLS
