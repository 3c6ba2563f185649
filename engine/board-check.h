/* Design checks: what is wrong with a board before it runs, each problem
 * with how bad it is, what it is, which component it is about and how to
 * fix it, for the workbench's problems list.
 *
 * Besides what mdl_board_doc_problems refuses (missing or mismatched
 * firmware, overlapping regions, no CPU), it builds the board and loads
 * its firmware to find what only the ELF tells: segments that do not fit
 * the memory a cluster sees, an initial stack (the _estack, __stack,
 * __stack_top or _sp symbol) outside RAM.  It warns of devices nothing can
 * reach: a UART no cluster maps, an interrupt output wired nowhere.  And
 * it warns of a device away from where its board family (board-family.h)
 * puts it, naming both addresses.
 */
#pragma once

#include <glib.h>

#include "board-doc.h"
#include "board-family.h"

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
  bool             can_move;   /* the fix is moving the component's */
  uint64_t         move_to;    /* window here, and it is safe: it is free */
} MdlCheck;

/* Every problem of @doc, errors first, in a stable order (MdlCheck *).
 * Relative firmware paths are looked up like mdl_board_load does. */
GPtrArray *mdl_board_check (const MdlBoardDoc *doc, const char *const *search_dirs);
void       mdl_check_free  (MdlCheck *check);

/* The family every cluster of @doc agrees on, or NULL (no cluster, a
 * class without a family, or clusters of different families). */
const MdlBoardFamily *mdl_board_doc_family (const MdlBoardDoc *doc);

/* The family @device is judged by: that of the clusters whose bus it is
 * on, when they are all of one family (the board's when it is on none);
 * NULL when they disagree or have none.  *@addr is where those clusters
 * see it. */
const MdlBoardFamily *mdl_board_doc_device_family (const MdlBoardDoc *doc,
                                                   const MdlComponent *device, uint64_t *addr);

/* The slot of @family for a device of class @compatible that starts at
 * @addr; else the first slot where @size bytes overlap no component of
 * @doc but @except; else NULL.  *@at_home: whether the slot is at @addr. */
const MdlFamilySlot *mdl_board_family_slot (const MdlBoardFamily *family,
                                            const MdlBoardDoc *doc, guint except,
                                            const char *compatible, uint64_t addr,
                                            uint64_t size, bool *at_home);

/* Puts device @id, just added, where the board's family puts its class:
 * the first free slot, with the slot's size when it gives one.  False
 * (nothing changed) when the board has no family, the family no slot for
 * the class, or every slot is taken. */
bool mdl_board_doc_place_in_family (MdlBoardDoc *doc, guint id);

G_END_DECLS
