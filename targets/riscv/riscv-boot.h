/* The RISC-V side of booting a guest (riscv-boot.c): the hooks the class
 * tables point at for the guest device tree and OpenSBI's fw_dynamic, and
 * the register hand-off reset does. */
#pragma once

#include "engine/cpu.h"
#include "engine/fdt-writer.h"

#include "riscv-cpu.h"

G_BEGIN_DECLS

/* MdlCpuClass.fdt_cpu: compatible "riscv", riscv,isa from the class and
 * the same as riscv,isa-base and riscv,isa-extensions,
 * mmu-type when the harts translate. */
void rv_fdt_cpu      (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w);
/* MdlCpuClass.fdt_cpu_intc: a riscv,cpu-intc with one cell. */
void rv_fdt_cpu_intc (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w);

/* MdlCpuClass.kernel_image: a Linux Image (magic "RSC\x05" at 0x38),
 * loaded at its text_offset from the start of RAM. */
bool rv_kernel_image (const MdlCpuClass *cls, const void *data, size_t len,
                      uint64_t *load_offset, GError **error);

/* At reset: a0 = hart id, a1 = the device tree, a2 = the firmware
 * information block (boot_info), as OpenSBI and Linux expect. */
void rv_boot_handoff (RvCpu *s);

/* MdlCpuClass.boot_protocols: OpenSBI's fw_dynamic ("opensbi-dynamic"). */
#define RV_N_BOOT_PROTOCOLS 1
extern const MdlBootProtocol rv_boot_protocols[RV_N_BOOT_PROTOCOLS];

G_END_DECLS
