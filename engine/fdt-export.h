/* The device tree a guest receives: one CPU cluster's view of the board.
 *
 * Firmware that expects a device tree (OpenSBI, U-Boot, Linux) gets a
 * blob derived from the board document, holding only what that cluster
 * sees, at the addresses it sees it.  The exporter only assembles; what
 * is specific to an ISA or a device comes from its class, written through
 * engine/fdt-writer.h:
 * - /cpus with a node per hart: device_type, reg, status, then what the
 *   CPU class's fdt_cpu hook writes (RISC-V: compatible "riscv",
 *   riscv,isa, riscv,isa-base and -extensions, mmu-type),
 *   clock-frequency, and an interrupt-controller node whose contents
 *   come from fdt_cpu_intc (RISC-V: riscv,cpu-intc);
 *   a class without hooks gets its compatible and a one-cell controller;
 * - a /memory node per device whose class sets fdt_memory, unless another
 *   cluster sees it too (shared RAM is a channel, not the OS's memory);
 * - /soc with the other devices: the class's fdt_compatible list (else
 *   its compatible), its fdt_node_name (else one from its group), reg,
 *   the class's properties, interrupts-extended through phandles, and
 *   interrupt-controller cells for controllers;
 * - /poweroff and /reboot (syscon-poweroff, syscon-reboot) at the first
 *   device whose class gives fdt_poweroff / fdt_reboot values;
 * - /chosen with stdout-path at the first UART, the cluster's bootargs and
 *   the initial RAM disk's linux,initrd-start/-end when the loader has one.
 *
 * The board loader writes the blob at the cluster's fdt-address (by
 * default 2 MiB below the top of its first RAM, aligned down to 2 MiB, as
 * QEMU's virt does) and hands that address to each CPU as boot_arg, which
 * the class's reset puts where its firmware looks (engine/cpu.h).
 */
#pragma once

#include <glib.h>

#include "board-doc.h"

G_BEGIN_DECLS

/* Room left free at the end of the blob, for firmware that adds nodes in
 * place (OpenSBI adds /reserved-memory and fixes up the harts). */
#define MDL_FDT_EXPORT_SLACK 0x4000

/* What the loader decides for /chosen at load time: a command line that
 * replaces the cluster's bootargs (NULL: the board's), and the initial
 * RAM disk in RAM (linux,initrd-start/-end; end == start: none). */
typedef struct {
  const char *bootargs;
  uint64_t    initrd_start, initrd_end;
} MdlFdtChosen;

/* The longest command line written into /chosen, with its NUL (the
 * size RISC-V Linux reads; longer ones are cut off silently there). */
#define MDL_FDT_BOOTARGS_MAX 1024

/* The blob for cluster component @cluster of @doc; NULL with @error when
 * the component is not a cluster. */
GBytes *mdl_fdt_export (const MdlBoardDoc *doc, guint cluster, GError **error);
/* The same with @chosen (may be NULL) applied. */
GBytes *mdl_fdt_export_chosen (const MdlBoardDoc *doc, guint cluster,
                               const MdlFdtChosen *chosen, GError **error);

/* The first RAM cluster @cluster sees: false when it sees none. */
bool mdl_fdt_export_ram (const MdlBoardDoc *doc, guint cluster, uint64_t *base,
                         uint64_t *size);

/* Where the blob goes: the cluster's fdt-address when set, else 2 MiB
 * below the end of the first RAM it sees, aligned down to 2 MiB; 0 when
 * the cluster sees no RAM large enough. */
uint64_t mdl_fdt_export_address (const MdlBoardDoc *doc, guint cluster, uint64_t blob_size);

G_END_DECLS
