/* Board families: the memory map that boards of one kind share (QEMU's
 * `virt` machine for one architecture, Arm's MPS2 for another), as data
 * that a CPU class points to (MdlCpuClass.family).  Firmware written for a
 * family finds its devices at these addresses, so the design checks warn
 * of a device somewhere else (mdl_board_check), and a part added from the
 * palette to a board of the family lands at the family's address with the
 * family's size (a RAM big enough for the family's firmware).  What uses
 * a family on a board is in board-check.h.
 *
 * The engine never names a family or a device: a slot pairs a device
 * class's compatible with an address, and the family is whatever the
 * board's CPU classes say.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Where a family puts one device of a class; a class may have several
 * slots (two timers, RAM in two places), the first is where a new one
 * goes first. */
typedef struct {
  const char *compatible;  /* the device class's compatible */
  uint64_t    base;
  uint64_t    size;        /* for a new one: 0 keeps the class's default */
} MdlFamilySlot;

typedef struct MdlBoardFamily {
  const char          *name;   /* "virt": shown in messages */
  const MdlFamilySlot *slots;
  unsigned             n_slots;
} MdlBoardFamily;

G_END_DECLS
