/* Building a cluster's program: the cross compiler run asynchronously.
 *
 * The class's kit (engine/program-kit.h) names the compiler; the board's
 * memory map gives the linker script (engine/program.h); the compiler
 * runs as a GSubprocess and its messages come back parsed.  A missing
 * compiler or C library is one clear error naming the Debian package to
 * install.  Nothing here touches the board: the caller makes the ELF the
 * cluster's firmware.
 */
#pragma once

#include <gio/gio.h>

#include "engine/board-doc.h"
#include "engine/program.h"

G_BEGIN_DECLS

#define MDL_PROGRAM_BUILD_ERROR (mdl_program_build_error_quark ())
GQuark mdl_program_build_error_quark (void);

typedef enum {
  MDL_PROGRAM_BUILD_ERROR_NO_TOOL,     /* compiler or C library not installed */
  MDL_PROGRAM_BUILD_ERROR_UNSUPPORTED, /* no kit for the class, or not a source */
  MDL_PROGRAM_BUILD_ERROR_BOARD,       /* no memory for the program */
} MdlProgramBuildError;

/* Where Medley's data folder is (the one holding programs/ and
 * language-specs/): $MEDLEY_DATA_DIR, the source tree's data/ when
 * running from the build folder, else the installed one; NULL if none. */
const char *mdl_program_data_dir (void);

/* The template for a new program of @kit in @lang (its text, newly
 * allocated), or NULL with @error. */
char *mdl_program_template (const MdlProgramKit *kit, MdlProgramLang lang, GError **error);

typedef struct {
  gboolean   ok;           /* the compiler succeeded: elf is there */
  char      *elf;
  char      *output;       /* everything the compiler said */
  GPtrArray *diagnostics;  /* MdlDiagnostic * */
} MdlProgramBuildResult;

void mdl_program_build_result_free (MdlProgramBuildResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlProgramBuildResult, mdl_program_build_result_free)

/* Builds @source (saved) for cluster @cluster of @doc into @elf.  The
 * board is read now; the compiler runs in the background.  A compiler
 * that fails is a result with ok FALSE and its messages; an error is
 * what kept it from running. */
void mdl_program_build_async (const MdlBoardDoc *doc, guint cluster,
                              const char *const *search_dirs, const char *source,
                              const char *elf, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
MdlProgramBuildResult *mdl_program_build_finish (GAsyncResult *result, GError **error);

G_END_DECLS
