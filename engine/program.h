/* Building a program for one CPU cluster of a board: what the workbench's
 * program editor needs that has nothing to do with GTK.
 *
 * - mdl_program_linker_script: a GNU ld script made from the memory the
 *   cluster sees (its RAM and ROM, as the board maps them), so a program
 *   runs where the board has memory without a hand-written script;
 * - mdl_program_compile_argv: the cross compiler's command line for one
 *   source file, from the cluster class's kit (engine/program-kit.h);
 * - mdl_program_parse_diagnostics: gcc's and the assembler's
 *   "file:line:col: error: text" lines, for marks on the source lines.
 *
 * Running the compiler is the caller's (ui/mdl-program-build.c does it
 * asynchronously); nothing here starts a process.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "board-doc.h"
#include "program-kit.h"

G_BEGIN_DECLS

typedef enum {
  MDL_PROGRAM_ASM,  /* assembly through the C preprocessor (.S, .s) */
  MDL_PROGRAM_C,    /* .c */
} MdlProgramLang;

/* The language of @path by its extension; false for one we cannot build. */
bool mdl_program_lang_for_path (const char *path, MdlProgramLang *lang);

/* A memory the cluster sees: [base, base + size), writable or not. */
typedef struct {
  uint64_t base;
  uint64_t size;
  bool     writable;
} MdlProgramMemory;

/* The RAM and ROM that cluster @cluster of @doc sees, in address order
 * (MdlProgramMemory), built from the board as it would run (firmware not
 * needed).  NULL with @error naming the cluster when the board cannot be
 * built. */
GArray *mdl_program_cluster_memory (const MdlBoardDoc *doc, guint cluster,
                                    const char *const *search_dirs, GError **error);

/* A linker script placing code, data, heap and stack in @mems (code in
 * the memory holding the kit's vector table when it has one, else with
 * the data; data, bss and the stack in the largest writable memory, the
 * stack at its top), with the kit's ld_extra.  @what names the cluster for the script's comment
 * and errors.  NULL with @error when there is no writable memory or no
 * memory at the vector table. */
char *mdl_program_linker_script (const MdlProgramKit *kit, const MdlProgramMemory *mems,
                                 guint n_mems, const char *what, GError **error);

/* The compiler's argv (compiler first) to build @source into @output with
 * the linker script @script; C programs get the kit's run-time from
 * @runtime_dir (<datadir>/programs) and its C library. */
GStrv mdl_program_compile_argv (const MdlProgramKit *kit, MdlProgramLang lang,
                                const char *runtime_dir, const char *script,
                                const char *source, const char *output);

typedef enum {
  MDL_DIAG_ERROR,
  MDL_DIAG_WARNING,
  MDL_DIAG_NOTE,
} MdlDiagSeverity;

/* One message of the compiler; line 0 when it names no line (the linker's
 * "undefined reference"), column 0 when it names no column. */
typedef struct {
  char           *file;      /* as the compiler wrote it, or NULL */
  unsigned        line;
  unsigned        column;
  MdlDiagSeverity severity;
  char           *message;
} MdlDiagnostic;

void mdl_diagnostic_free (MdlDiagnostic *diag);

/* The messages in @output (gcc's, the assembler's and the linker's
 * stderr), in order (MdlDiagnostic *; the array frees them).  Context
 * lines ("In function", source excerpts, carets) are left out. */
GPtrArray *mdl_program_parse_diagnostics (const char *output);

G_END_DECLS
