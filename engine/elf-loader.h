/* Loading firmware from ELF files.
 *
 * Copies every PT_LOAD segment (at its physical address) into the address
 * space of the CPU cluster that owns the firmware, zero-filling .bss, and
 * keeps the entry point and the symbol table for the views (disassembly
 * labels, "pc in function").  The file must be built for the CPU class's
 * architecture and width; a mismatch is refused with both named.
 */
#pragma once

#include <glib.h>

#include "cpu.h"
#include "memory.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;
  uint64_t value;
  uint64_t size;
  bool     is_function;
} MdlSymbol;

typedef struct {
  char    *path;
  uint64_t entry;
  GArray  *symbols;     /* MdlSymbol, sorted by value */
} MdlElfImage;

MdlElfImage *mdl_elf_load (const char *path, MdlAddressSpace *as,
                           const MdlCpuClass *cls, const char *cpu_name,
                           GError **error);
/* The same from an ELF image held in memory; @name stands for the file
 * in messages.  Any bytes are safe: what is no valid ELF is refused. */
MdlElfImage *mdl_elf_load_bytes (const void *data, size_t len, const char *name,
                                 MdlAddressSpace *as, const MdlCpuClass *cls,
                                 const char *cpu_name, GError **error);
void         mdl_elf_image_free (MdlElfImage *image);
MdlElfImage *mdl_elf_image_copy (const MdlElfImage *image);

/* The symbol containing @addr (or the closest function/object below it
 * when sizes are unknown), or NULL. */
const MdlSymbol *mdl_elf_image_symbol_at (const MdlElfImage *image, uint64_t addr);
const MdlSymbol *mdl_elf_image_find_symbol (const MdlElfImage *image, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlElfImage, mdl_elf_image_free)

G_END_DECLS
