/* The ELF loader on arbitrary bytes: loaded for the CPU class whose
 * machine it claims (each class once, so mismatches are exercised too)
 * into a small address space of RAM, ROM and a device window, then its
 * symbols looked up. */
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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  for (unsigned i = 0; mdl_target_cpu_classes[i] != NULL; i++) {
    g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("fuzz");
    g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
    g_autoptr(MdlRegion) low = mdl_region_new_ram ("low", 0x10000);
    g_autoptr(MdlRegion) rom = mdl_region_new_rom ("rom", 0x1000);
    g_autoptr(MdlRegion) dev = mdl_region_new_mmio ("dev", 0x1000, &mmio_ops, NULL);
    g_autoptr(MdlElfImage) image = NULL;
    g_autoptr(GError) error = NULL;

    g_assert (mdl_address_space_map (as, 0, low, NULL));
    g_assert (mdl_address_space_map (as, 0x20000000, rom, NULL));
    g_assert (mdl_address_space_map (as, 0x10000000, dev, NULL));
    g_assert (mdl_address_space_map (as, 0x80000000, ram, NULL));
    image = mdl_elf_load_bytes (data, size, "fuzz.elf", as, mdl_target_cpu_classes[i],
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
