/* The device tree a guest receives: one CPU cluster's view of the board.
 *
 * Firmware that expects a device tree (OpenSBI, U-Boot, Linux) gets a
 * blob derived from the board document with libfdt's sequential-write
 * API, holding only what that cluster sees, at the addresses it sees it:
 * /cpus with the cluster's harts (for RISC-V: riscv,isa, mmu-type, and an
 * interrupt-controller node per hart), a /memory node per RAM, /soc with
 * the devices (compatible, reg, the class's properties, interrupts-
 * extended through phandles, interrupt-controller cells for controllers),
 * /chosen with stdout-path at the first UART and the cluster's bootargs,
 * and syscon-poweroff / syscon-reboot nodes for a SiFive test device.
 *
 * The board loader writes the blob at the cluster's fdt-address (by
 * default 2 MiB below the top of its first RAM, aligned down to 2 MiB, as
 * QEMU's virt does) and hands that address to the CPUs at reset (RISC-V:
 * a1, with the hart id in a0).
 */
#pragma once

#include <glib.h>

#include "board-doc.h"

G_BEGIN_DECLS

/* Room left free at the end of the blob, for firmware that adds nodes in
 * place (OpenSBI adds /reserved-memory and fixes up the harts). */
#define MDL_FDT_EXPORT_SLACK 0x4000

/* The blob for cluster component @cluster of @doc; NULL with @error when
 * the component is not a cluster. */
GBytes *mdl_fdt_export (const MdlBoardDoc *doc, guint cluster, GError **error);

/* Where the blob goes: the cluster's fdt-address when set, else 2 MiB
 * below the end of the first RAM it sees, aligned down to 2 MiB; 0 when
 * the cluster sees no RAM large enough. */
uint64_t mdl_fdt_export_address (const MdlBoardDoc *doc, guint cluster, uint64_t blob_size);

G_END_DECLS
