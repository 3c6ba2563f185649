/* Medley's GError domain.
 *
 * Everything that can fail on user input (board files, ELF files, the
 * command line) reports through this domain; the message always names the
 * file, node, address or CPU concerned so that one line on stderr or one
 * label in the inspector is enough for the user to act on it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDL_ERROR (mdl_error_quark ())

typedef enum {
  MDL_ERROR_FAILED,       /* anything not covered below */
  MDL_ERROR_IO,           /* a file could not be read or written */
  MDL_ERROR_PARSE,        /* dtc rejected the board source */
  MDL_ERROR_BOARD,        /* the board is well formed but makes no sense */
  MDL_ERROR_UNKNOWN,      /* unknown compatible, CPU name, property */
  MDL_ERROR_OVERLAP,      /* two regions claim the same addresses */
  MDL_ERROR_ELF,          /* broken or unloadable ELF file */
  MDL_ERROR_ARCH,         /* ELF built for another architecture */
  MDL_ERROR_INVALID,      /* a value out of range */
} MdlErrorCode;

GQuark mdl_error_quark (void);

G_END_DECLS
