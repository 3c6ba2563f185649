/* What the engine asks of CPU classes about guest software: their part of
 * the guest device tree (the RISC-V classes', a class of the test's own,
 * one with no hooks), a boot protocol's information block reaching guest
 * memory and the registers, the refusal of a protocol a class does not
 * know, and the ELF symbol hook. */
#include <libfdt.h>
#include <string.h>

#include "engine/board-doc.h"
#include "engine/error.h"
#include "engine/fdt-export.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/arm/arm.h"
#include "targets/riscv/riscv.h"
#include "targets/targets.h"

/* rv64imac's executor under other names and hooks. */
static MdlCpuClass hooked_class, fd_class;

static void
hooked_fdt_cpu (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w)
{
  mdl_fdt_prop_string (w, "compatible", cls->compatible);
  mdl_fdt_prop_u32 (w, "test,hart", hart);
}

static void
hooked_fdt_cpu_intc (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w)
{
  mdl_fdt_prop_u32 (w, "#interrupt-cells", 1);
  mdl_fdt_prop_empty (w, "interrupt-controller");
  mdl_fdt_prop_string (w, "compatible", "medley,test-intc");
}

/* Puts a marker 64 KiB below the tree and says so. */
static bool
hooked_prepare (const MdlCpuClass *cls, const MdlBootStage *stage, uint64_t *info,
                GError **error)
{
  g_assert_true (cls == &hooked_class);
  g_assert_cmphex (stage->fdt_address, !=, 0);
  g_assert_cmpstr (stage->cluster, ==, "cpu0");
  *info = stage->fdt_address - 0x10000;
  return mdl_address_space_write_bytes (stage->as, *info, "HOOKED", 6, error);
}

static const MdlBootProtocol hooked_protocols[] = {
  /* A name the board document has a property for. */
  { "opensbi-dynamic", "the test's protocol", true, hooked_prepare },
};

static MdlBoardDoc *
load_board (const char *name)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", name, NULL);
  g_autoptr(GError) error = NULL;
  MdlBoardDoc *doc = mdl_board_doc_load (path, &error);

  g_assert_no_error (error);
  return doc;
}

static GBytes *
export_cluster (MdlBoardDoc *doc, const char *cpu_class)
{
  MdlComponent *c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_autoptr(GError) error = NULL;
  GBytes *blob;

  g_assert_nonnull (c);
  if (cpu_class != NULL)
    g_assert_true (mdl_board_doc_set_prop (doc, c->id, "cpu", cpu_class, &error));
  g_assert_no_error (error);
  blob = mdl_fdt_export (doc, c->id, &error);
  g_assert_no_error (error);
  return blob;
}

static const char *
str_at (const void *fdt, const char *path, const char *prop)
{
  int node = fdt_path_offset (fdt, path);

  g_assert_cmpint (node, >=, 0);
  return fdt_getprop (fdt, node, prop, NULL);
}

/* The RISC-V classes' strings, exactly; a class named for more letters
 * says them. */
static void
test_riscv_cpu_node (void)
{
  g_autoptr(MdlBoardDoc) doc32 = load_board ("riscv32-virt.dts");
  g_autoptr(MdlBoardDoc) doc64 = load_board ("riscv64-uboot.dts");
  g_autoptr(GBytes) b32 = export_cluster (doc32, NULL);
  g_autoptr(GBytes) b64 = export_cluster (doc64, NULL);
  g_autoptr(GBytes) bfd = NULL;
  const void *fdt;

  fdt = g_bytes_get_data (b32, NULL);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "compatible"), ==, "riscv");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "riscv,isa"), ==, "rv32imafdc_zicsr_zifencei");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "mmu-type"), ==, "riscv,sv32");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "compatible"), ==,
                   "riscv,cpu-intc");
  fdt = g_bytes_get_data (b64, NULL);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "riscv,isa"), ==, "rv64imac_zicsr_zifencei");
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "mmu-type"), ==, "riscv,sv39");

  bfd = export_cluster (doc64, fd_class.name);
  fdt = g_bytes_get_data (bfd, NULL);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "riscv,isa"), ==, "rv64imafdc_zicsr_zifencei");
}

/* A class's hooks write its part; one without hooks gets the engine's. */
static void
test_hooks_and_defaults (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("riscv64-uboot.dts");
  g_autoptr(MdlBoardDoc) arm = load_board ("cortex-m3.dts");
  g_autoptr(GBytes) hooked = export_cluster (doc, hooked_class.name);
  g_autoptr(GBytes) plain = export_cluster (arm, NULL);
  const fdt32_t *cells;
  const void *fdt;
  int len, intc;

  fdt = g_bytes_get_data (hooked, NULL);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "compatible"), ==, hooked_class.compatible);
  g_assert_null (str_at (fdt, "/cpus/cpu@0", "riscv,isa"));
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "compatible"), ==,
                   "medley,test-intc");
  cells = fdt_getprop (fdt, fdt_path_offset (fdt, "/cpus/cpu@0"), "test,hart", &len);
  g_assert_cmpint (len, ==, 4);
  g_assert_cmpuint (fdt32_to_cpu (cells[0]), ==, 0);
  /* The engine's own: the phandle devices point at. */
  intc = fdt_path_offset (fdt, "/cpus/cpu@0/interrupt-controller");
  g_assert_cmpuint (fdt_get_phandle (fdt, intc), !=, 0);

  fdt = g_bytes_get_data (plain, NULL);
  g_assert_cmpstr (str_at (fdt, "/cpus/cpu@0", "compatible"), ==, "arm,cortex-m3");
  g_assert_null (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "compatible"));
  g_assert_nonnull (str_at (fdt, "/cpus/cpu@0/interrupt-controller", "interrupt-controller"));
}

/* The board's medley,opensbi-dynamic reaches the class's protocol, whose
 * block is in memory and whose address the hart gets (RISC-V: a2). */
static void
test_boot_protocol (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("riscv64-uboot.dts");
  g_autofree char *fw = g_build_filename (MDL_BUILD_ROOT, "boards", "firmware", "hello-rv64.elf",
                                          NULL);
  MdlComponent *c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;
  MdlCluster *cl;
  MdlCpu *cpu;
  char marker[6];

  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "cpu", hooked_class.name, &error));
  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "firmware", fw, &error));
  /* Any next stage will do: the protocol is what is tested. */
  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "payload", fw, &error));
  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "opensbi-dynamic", "true", &error));
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  cl = mdl_board_find_cluster (board, "cpu0");
  g_assert_true (cl->boot_protocol == &hooked_protocols[0]);
  g_assert_cmphex (cl->info_address, ==, cl->fdt_address - 0x10000);
  g_assert_true (mdl_address_space_read_bytes (cl->as, cl->info_address, marker, 6, &error));
  g_assert_cmpmem (marker, 6, "HOOKED", 6);
  cpu = g_ptr_array_index (cl->cpus, 0);
  g_assert_cmphex (cpu->boot_info, ==, cl->info_address);
  g_assert_cmphex (cpu->cls->reg_read (cpu, 12), ==, cl->info_address);   /* a2 */
  g_assert_cmphex (cpu->cls->reg_read (cpu, 11), ==, cl->fdt_address);    /* a1 */
}

/* A protocol the cluster's class does not offer is refused, naming it. */
static void
test_unknown_protocol (void)
{
  g_autoptr(MdlBoardDoc) doc = load_board ("cortex-m3.dts");
  MdlComponent *c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = NULL;

  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "device-tree", "true", &error));
  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "opensbi-dynamic", "true", &error));
  g_assert_no_error (error);
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_null (board);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "opensbi-dynamic"));
  g_assert_nonnull (strstr (error->message, "cortex-m3"));
}

/* Thumb functions' symbols carry bit 0; the code starts below it. */
static void
test_elf_code_address (void)
{
  g_assert_nonnull (mdl_arm_cortex_m3_class.elf_code_address);
  g_assert_cmphex (mdl_arm_cortex_m3_class.elf_code_address (0x1001), ==, 0x1000);
  g_assert_null (mdl_riscv_rv64imac_class.elf_code_address);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) cpus = g_ptr_array_new ();

  g_test_init (&argc, &argv, NULL);
  hooked_class = mdl_riscv_rv64imac_class;
  hooked_class.name = "test-hooked";
  hooked_class.compatible = "medley,test-hooked";
  hooked_class.fdt_cpu = hooked_fdt_cpu;
  hooked_class.fdt_cpu_intc = hooked_fdt_cpu_intc;
  hooked_class.boot_protocols = hooked_protocols;
  hooked_class.n_boot_protocols = G_N_ELEMENTS (hooked_protocols);
  fd_class = mdl_riscv_rv64imac_class;
  fd_class.name = "rv64imafdc";
  fd_class.compatible = "medley,test-rv64imafdc";
  /* Ours first: a real rv64imafdc may be registered too. */
  g_ptr_array_add (cpus, (gpointer) &hooked_class);
  g_ptr_array_add (cpus, (gpointer) &fd_class);
  for (unsigned i = 0; mdl_target_cpu_classes[i] != NULL; i++)
    g_ptr_array_add (cpus, (gpointer) mdl_target_cpu_classes[i]);
  g_ptr_array_add (cpus, NULL);
  mdl_registry_set_cpus ((const MdlCpuClass *const *) cpus->pdata);
  mdl_registry_set_devices (mdl_hw_device_classes);

  g_test_add_func ("/engine/class-hooks/riscv-cpu-node", test_riscv_cpu_node);
  g_test_add_func ("/engine/class-hooks/hooks-and-defaults", test_hooks_and_defaults);
  g_test_add_func ("/engine/class-hooks/boot-protocol", test_boot_protocol);
  g_test_add_func ("/engine/class-hooks/unknown-protocol", test_unknown_protocol);
  g_test_add_func ("/engine/class-hooks/elf-code-address", test_elf_code_address);
  return g_test_run ();
}
