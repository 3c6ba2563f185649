/* Writing a guest device tree, for the engine and the classes alike.
 *
 * engine/fdt-export.c assembles the tree a CPU cluster's firmware gets;
 * the CPU classes write their own part of it (the cpu node's compatible
 * and ISA, the per-hart interrupt controller: MdlCpuClass.fdt_cpu and
 * fdt_cpu_intc) through this small API, so that targets/ and hw/ never
 * call libfdt.  Nodes and properties are appended in call order (libfdt's
 * sequential-write form); the buffer grows by itself.  The first failure
 * is latched: later calls do nothing, and mdl_fdt_writer_finish() reports
 * it, so that writing code reads as the tree it writes.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct MdlFdtWriter MdlFdtWriter;

/* An empty tree (no memory reservations) in a buffer of @size_hint bytes
 * to begin with; 0 picks a size that holds a board's tree. */
MdlFdtWriter *mdl_fdt_writer_new (size_t size_hint);
void          mdl_fdt_writer_free (MdlFdtWriter *w);

/* The finished blob, with @slack free bytes at its end for firmware that
 * adds nodes in place; NULL with @error (libfdt's reason) when any call
 * failed (a node left open, one closed too many, a bad name). */
GBytes *mdl_fdt_writer_finish (MdlFdtWriter *w, size_t slack, GError **error);

/* libfdt's message for the first failure, or NULL while all went well. */
const char *mdl_fdt_writer_error (const MdlFdtWriter *w);

void mdl_fdt_begin_node (MdlFdtWriter *w, const char *name);
void mdl_fdt_end_node   (MdlFdtWriter *w);

/* A property with no value (`interrupt-controller;`). */
void mdl_fdt_prop_empty   (MdlFdtWriter *w, const char *name);
void mdl_fdt_prop_u32     (MdlFdtWriter *w, const char *name, uint32_t value);
void mdl_fdt_prop_u64     (MdlFdtWriter *w, const char *name, uint64_t value);
/* One cell when @value fits in 32 bits, else two (as guests read
 * clock-frequency). */
void mdl_fdt_prop_number  (MdlFdtWriter *w, const char *name, uint64_t value);
void mdl_fdt_prop_string  (MdlFdtWriter *w, const char *name, const char *value);
/* A string list (`compatible = "a", "b"`) from a NULL-terminated array. */
void mdl_fdt_prop_strings (MdlFdtWriter *w, const char *name, const char *const *list);
/* @n 32-bit cells, given in host order. */
void mdl_fdt_prop_cells   (MdlFdtWriter *w, const char *name, const uint32_t *cells, size_t n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlFdtWriter, mdl_fdt_writer_free)

G_END_DECLS
