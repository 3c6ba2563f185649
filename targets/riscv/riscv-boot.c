/* How a RISC-V hart meets the software that boots on it: its nodes in the
 * guest device tree, the registers reset hands over, and OpenSBI's
 * fw_dynamic information block.
 *
 * The conventions are those of the RISC-V device-tree bindings
 * (Documentation/devicetree/bindings/riscv/cpus.yaml in Linux) and of
 * OpenSBI's firmware (docs/firmware/fw_dynamic.md): what QEMU's virt
 * board gives the same firmware.
 */
#include "riscv-boot.h"

#include <string.h>

#include "engine/error.h"

/* "rv64imac" -> "rv64imac_zicsr_zifencei": the single-letter extensions
 * the class name lists (so a class called rv64imafdc says f and d), less
 * S and U, which are privilege modes and no ISA letters in a riscv,isa
 * string, then the two extensions every hart here has. */
static char *
rv_isa_string (const MdlCpuClass *cls)
{
  GString *s = g_string_new (NULL);
  const char *name = cls->name;

  if (g_str_has_prefix (name, "rv32") || g_str_has_prefix (name, "rv64")) {
    g_string_append_len (s, name, 4);
    for (const char *p = name + 4; *p && *p != '_'; p++)
      if (*p != 's' && *p != 'u')
        g_string_append_c (s, *p);
  } else {
    g_string_append_printf (s, "rv%u", cls->xlen);
  }
  g_string_append (s, "_zicsr_zifencei");
  return g_string_free (s, FALSE);
}

/* Whether the harts translate addresses: their register table has satp,
 * or their description names the paging mode.  Supervisor-mode guests
 * need to know (U-Boot's CPU driver refuses a hart without mmu-type);
 * machine-mode-only cores must not claim it. */
static bool
rv_has_mmu (const MdlCpuClass *cls)
{
  for (unsigned i = 0; i < cls->n_regs; i++)
    if (strcmp (cls->regs[i].name, "satp") == 0)
      return true;
  return cls->description != NULL &&
         (strstr (cls->description, "Sv39") != NULL || strstr (cls->description, "Sv32") != NULL);
}

/* The same as the current binding's pair: riscv,isa-base ("rv64i") and
 * riscv,isa-extensions, a string list of lower-case names, the letters
 * first.  Zicntr is said too: every hart here has the counters, and
 * Linux only assumes them when it reads the deprecated riscv,isa. */
static void
rv_isa_extensions (const MdlCpuClass *cls, MdlFdtWriter *w)
{
  g_autofree char *isa = rv_isa_string (cls);
  g_autofree char *base = g_strdup_printf ("rv%ui", cls->xlen);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (isa, "_", -1);

  for (const char *p = parts[0] + 4; *p; p++)
    g_ptr_array_add (names, g_strndup (p, 1));
  for (unsigned i = 1; parts[i]; i++)
    g_ptr_array_add (names, g_strdup (parts[i]));
  g_ptr_array_add (names, g_strdup ("zicntr"));
  g_ptr_array_add (names, NULL);
  mdl_fdt_prop_string (w, "riscv,isa-base", base);
  mdl_fdt_prop_strings (w, "riscv,isa-extensions", (const char *const *) names->pdata);
}

void
rv_fdt_cpu (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w)
{
  g_autofree char *isa = rv_isa_string (cls);

  mdl_fdt_prop_string (w, "compatible", "riscv");
  mdl_fdt_prop_string (w, "riscv,isa", isa);
  rv_isa_extensions (cls, w);
  if (rv_has_mmu (cls))
    mdl_fdt_prop_string (w, "mmu-type", cls->xlen == 32 ? "riscv,sv32" : "riscv,sv39");
}

/* The hart-local interrupt controller: one cell, the mip bit number
 * (riscv.h's interrupt inputs), which is what devices' specifiers say. */
void
rv_fdt_cpu_intc (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w)
{
  mdl_fdt_prop_u32 (w, "#interrupt-cells", 1);
  mdl_fdt_prop_empty (w, "interrupt-controller");
  mdl_fdt_prop_string (w, "compatible", "riscv,cpu-intc");
}

/* The RISC-V Linux Image header (Documentation/arch/riscv/boot-image-
 * header.rst): code0, code1, text_offset at 8 (little-endian 64-bit),
 * image_size at 16, ..., magic2 "RSC\x05" at 0x38. */
bool
rv_kernel_image (const MdlCpuClass *cls, const void *data, size_t len, uint64_t *load_offset,
                 GError **error)
{
  const uint8_t *b = data;
  uint64_t offset = 0;

  if (len < 0x40 || memcmp (b + 0x38, "RSC\x05", 4) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "not a RISC-V Linux Image (no \"RSC\\x05\" "
                 "at offset 0x38)%s", len >= 4 && memcmp (b, "\177ELF", 4) == 0
                 ? ": an ELF file (vmlinux?); give the Image (arch/riscv/boot/Image)" : "");
    return false;
  }
  for (unsigned i = 0; i < 8; i++)
    offset |= (uint64_t) b[8 + i] << (8 * i);
  /* Images before the field was used said 0: the binding's 2 MiB on
   * RV64, 4 MiB on RV32. */
  if (offset == 0)
    offset = cls->xlen == 32 ? 0x400000 : 0x200000;
  *load_offset = offset;
  return true;
}

void
rv_boot_handoff (RvCpu *s)
{
  const MdlCpu *cpu = &s->cpu;

  s->x[10] = cpu->hartid & rv_xmask (s);    /* a0: hart id */
  s->x[11] = cpu->boot_arg & rv_xmask (s);  /* a1: the device tree, or 0 */
  s->x[12] = cpu->boot_info & rv_xmask (s); /* a2: fw_dynamic's info, or 0 */
}

/* OpenSBI's struct fw_dynamic_info (include/sbi/fw_dynamic.h), in words
 * of the hart's XLEN: magic "OSBI", version 2, the next stage's address
 * and mode (1: supervisor), options, boot hart (-1: the first to arrive).
 * It goes 4 KiB below the device tree, out of the way of both. */
static bool
rv_fw_dynamic_prepare (const MdlCpuClass *cls, const MdlBootStage *stage, uint64_t *info,
                       GError **error)
{
  uint64_t words[6] = { 0x4942534f, 2, stage->next_entry, 1, 0, UINT64_MAX };
  uint8_t block[48];
  unsigned w = cls->xlen / 8;

  for (unsigned i = 0; i < 6; i++)
    for (unsigned b = 0; b < w; b++)
      block[i * w + b] = (uint8_t) (words[i] >> (8 * b));
  *info = stage->fdt_address - 0x1000;
  if (stage->fdt_address < 0x1000 ||
      !mdl_address_space_write_bytes (stage->as, *info, block, 6 * w, NULL)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "no RAM for OpenSBI's information block "
                 "4 KiB below the device tree of CPU '%s'", stage->cluster);
    return false;
  }
  return true;
}

const MdlBootProtocol rv_boot_protocols[RV_N_BOOT_PROTOCOLS] = {
  { "opensbi-dynamic", "OpenSBI's fw_dynamic", true, rv_fw_dynamic_prepare,
    N_("The firmware is OpenSBI's fw_dynamic: tell it the payload is next (in a2)") },
};
