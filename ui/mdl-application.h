/* MdlApplication: Medley's GTK application.
 *
 * One instance per session (D-Bus id io.github.medley.Medley): a second
 * `medley board.dts` hands its files to the running instance, which opens
 * each in a window.  Activation with no files opens the default board.  The
 * application knows where boards live (for Examples and firmware) because
 * app/ tells it; ui/ never reaches up into app/.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MDL_TYPE_APPLICATION (mdl_application_get_type ())
G_DECLARE_FINAL_TYPE (MdlApplication, mdl_application, MDL, APPLICATION, AdwApplication)

/* @default_board is opened on activation; @board_dirs (NULL-terminated,
 * copied) are listed in Examples.  @flags are added to HANDLES_OPEN, e.g.
 * G_APPLICATION_NON_UNIQUE for tests that run without a session bus. */
MdlApplication *mdl_application_new (const char        *default_board,
                                     const char *const *board_dirs,
                                     GApplicationFlags  flags);

const char         *mdl_application_get_default_board (MdlApplication *self);
const char *const  *mdl_application_get_board_dirs    (MdlApplication *self);
/* Shipped boards, sorted by file name: absolute paths (transfer none). */
const char *const  *mdl_application_get_examples      (MdlApplication *self);

G_END_DECLS
