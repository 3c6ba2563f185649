/* Design checks: what is wrong with a board before it runs, each problem
 * with how bad it is, what it is, which component it is about and how to
 * fix it, for the workbench's problems list.
 *
 * Besides what mdl_board_doc_problems refuses (missing or mismatched
 * firmware, overlapping regions, no CPU), it builds the board and loads
 * its firmware to find what only the ELF tells: segments that do not fit
 * the memory a cluster sees, an initial stack (the _estack, __stack,
 * __stack_top or _sp symbol) outside RAM.  It warns of devices nothing can
 * reach: a UART no cluster maps, an interrupt output wired nowhere.
 */
#pragma once

#include <glib.h>

#include "board-doc.h"

G_BEGIN_DECLS

typedef enum {
  MDL_CHECK_ERROR,     /* the board will not run, or not as meant */
  MDL_CHECK_WARNING,   /* it runs, but something is likely missing */
} MdlCheckSeverity;

typedef struct {
  MdlCheckSeverity severity;
  guint            component;  /* the component at fault, 0 for the board */
  char            *what;       /* one sentence naming names and addresses */
  char            *fix;        /* a suggestion, or NULL */
} MdlCheck;

/* Every problem of @doc, errors first, in a stable order (MdlCheck *).
 * Relative firmware paths are looked up like mdl_board_load does. */
GPtrArray *mdl_board_check (const MdlBoardDoc *doc, const char *const *search_dirs);
void       mdl_check_free  (MdlCheck *check);

G_END_DECLS
