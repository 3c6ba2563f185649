/* The ELF loader on arbitrary bytes: loaded for the CPU class whose
 * machine it claims (each kind of class once, so mismatches are
 * exercised too) into a small address space of RAM, ROM and a device
 * window, then its symbols looked up. */
#include <stdint.h>

#include "engine/elf-loader.h"
#include "engine/memory.h"
#include "targets/targets.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static uint64_t
mmio_read (void *opaque, uint64_t offset, unsigned size)
{
  return 0;
}

static void
mmio_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
}

static const MdlMmioOps mmio_ops = { mmio_read, mmio_write, 1, 8, true };

/* One address space for every input and class: the loader only writes
 * guest memory, never reads it, so what an earlier input left there
 * changes nothing.  Building it per class and input (three zeroed RAMs,
 * ten classes) was nine tenths of the time. */
static MdlAddressSpace *
sandbox (void)
{
  static MdlAddressSpace *as;

  if (as == NULL) {
    as = mdl_address_space_new ("fuzz");
    g_assert (mdl_address_space_map (as, 0, mdl_region_new_ram ("low", 0x10000), NULL));
    g_assert (mdl_address_space_map (as, 0x20000000, mdl_region_new_rom ("rom", 0x1000), NULL));
    g_assert (mdl_address_space_map (as, 0x10000000,
                                     mdl_region_new_mmio ("dev", 0x1000, &mmio_ops, NULL), NULL));
    g_assert (mdl_address_space_map (as, 0x80000000, mdl_region_new_ram ("ram", 0x10000), NULL));
  }
  return as;
}

/* The loader knows a class only by its ELF machine, ELF class and code
 * address function: classes alike in those (the five Cortex-M, RV32 with
 * and without FD, ...) load alike, so one of each kind is enough.  All
 * ten cost two and a half times as much. */
static const MdlCpuClass *kinds[32];

static void
find_kinds (void)
{
  unsigned n = 0;

  for (unsigned i = 0; mdl_target_cpu_classes[i] != NULL; i++) {
    const MdlCpuClass *c = mdl_target_cpu_classes[i];
    bool seen = false;

    for (unsigned k = 0; k < n && !seen; k++)
      seen = kinds[k]->elf_machine == c->elf_machine && kinds[k]->elf_class == c->elf_class
             && kinds[k]->elf_code_address == c->elf_code_address;
    if (!seen) {
      g_assert (n < G_N_ELEMENTS (kinds) - 1);
      kinds[n++] = c;
    }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  MdlAddressSpace *as = sandbox ();

  if (kinds[0] == NULL)
    find_kinds ();
  for (unsigned i = 0; kinds[i] != NULL; i++) {
    g_autoptr(MdlElfImage) image = NULL;
    g_autoptr(GError) error = NULL;

    image = mdl_elf_load_bytes (data, size, "fuzz.elf", as, kinds[i],
                                "cpu0", &error);
    if (image == NULL) {
      g_assert (error != NULL);
      continue;
    }
    mdl_elf_image_symbol_at (image, image->entry);
    mdl_elf_image_symbol_at (image, 0x80000000);
    mdl_elf_image_find_symbol (image, "main");
    mdl_elf_image_free (mdl_elf_image_copy (image));
  }
  return 0;
}
