/* Unit tests of what the views see of the F and D extensions: the
 * anatomy of FP instructions (insn_info: formats, FP register names,
 * rounding-mode fields), the register table's f0..f31, fflags, frm and
 * fcsr as the debugger reads and writes them, and the IMAC classes, which
 * do not know any of it.
 */
#include <glib.h>
#include <string.h>

#include "engine/machine.h"
#include "targets/riscv/riscv.h"

#define RAM_BASE UINT64_C (0x80000000)

static const uint32_t program[] = {
  0x1a20f043, /* fmadd.d ft0, ft1, ft2, ft3 */
  0x00c12787, /* flw     fa5, 12(sp) */
  0xc0051553, /* fcvt.w.s a0, fa0, rtz */
  0x00c5f553, /* fadd.s  fa0, fa1, fa2 */
  0x20022588, /* c.fld fa0, 8(a1), then c.fldsp ft0, 0(sp) */
};

typedef struct {
  MdlMachine *m;
  MdlCpu *cpu;
} Fixture;

static void
setup (Fixture *fx, const MdlCpuClass *cls)
{
  MdlAddressSpace *as;
  g_autoptr (MdlRegion) ram = mdl_region_new_ram ("ram", 0x1000);

  fx->m = mdl_machine_new ();
  as = mdl_machine_add_address_space (fx->m, "bus");
  memcpy (mdl_region_host (ram), program, sizeof program);
  g_assert_true (mdl_address_space_map (as, RAM_BASE, ram, NULL));
  fx->cpu = mdl_machine_add_cpu (fx->m, cls, "cpu0", as, 0, 100000000, NULL);
  g_assert_nonnull (fx->cpu);
  mdl_machine_set_entry (fx->m, fx->cpu, RAM_BASE);
  mdl_machine_reset (fx->m);
}

static const MdlInsnField *
field (const MdlInsnInfo *info, const char *name)
{
  for (unsigned i = 0; i < info->n_fields; i++)
    if (strcmp (info->fields[i].name, name) == 0)
      return &info->fields[i];
  g_error ("no field %s in %s", name, info->mnemonic);
  return NULL;
}

static unsigned
reg_index (const MdlCpuClass *cls, const char *name)
{
  for (unsigned i = 0; i < cls->n_regs; i++)
    if (strcmp (cls->regs[i].name, name) == 0)
      return i;
  g_error ("no register %s", name);
  return 0;
}

static void
test_anatomy (void)
{
  Fixture fx;
  const MdlCpuClass *cls = &mdl_riscv_rv64imafdc_class;
  MdlInsnInfo info;

  setup (&fx, cls);
  g_assert_true (cls->insn_info (fx.cpu, RAM_BASE, &info));
  g_assert_cmpstr (info.mnemonic, ==, "fmadd.d");
  g_assert_cmpstr (info.format, ==, "R4-type");
  g_assert_cmpstr (field (&info, "rd")->meaning, ==, "ft0");
  g_assert_cmpstr (field (&info, "rs1")->meaning, ==, "ft1");
  g_assert_cmpstr (field (&info, "rs3")->meaning, ==, "ft3");
  g_assert_cmpuint (field (&info, "rs3")->lo, ==, 27);
  g_assert_cmpstr (field (&info, "rm")->meaning, ==, "dyn");
  g_assert_cmpstr (field (&info, "fmt")->meaning, ==, "double");

  g_assert_true (cls->insn_info (fx.cpu, RAM_BASE + 4, &info));
  g_assert_cmpstr (info.mnemonic, ==, "flw");
  g_assert_cmpstr (info.format, ==, "I-type");
  g_assert_cmpstr (field (&info, "rd")->meaning, ==, "fa5");
  g_assert_cmpstr (field (&info, "rs1")->meaning, ==, "sp");
  g_assert_cmpstr (field (&info, "imm[11:0]")->meaning, ==, "12");

  g_assert_true (cls->insn_info (fx.cpu, RAM_BASE + 8, &info));
  g_assert_cmpstr (info.mnemonic, ==, "fcvt.w.s");
  g_assert_cmpstr (field (&info, "rd")->meaning, ==, "a0");
  g_assert_cmpstr (field (&info, "rs1")->meaning, ==, "fa0");
  g_assert_cmpstr (field (&info, "rm")->meaning, ==, "rtz");

  g_assert_true (cls->insn_info (fx.cpu, RAM_BASE + 16, &info));
  g_assert_cmpstr (info.mnemonic, ==, "c.fld");
  g_assert_cmpstr (info.format, ==, "CL");
  g_assert_cmpstr (field (&info, "rd'")->meaning, ==, "fa0");
  g_assert_nonnull (strstr (info.summary, "stands for fld fa0, 8(a1)"));
  mdl_machine_free (fx.m);

  /* Without F and D the same bits are illegal. */
  setup (&fx, &mdl_riscv_rv64imac_class);
  g_assert_true (mdl_riscv_rv64imac_class.insn_info (fx.cpu, RAM_BASE + 12, &info));
  g_assert_cmpstr (info.format, ==, "illegal");
  mdl_machine_free (fx.m);
}

static void
test_registers (void)
{
  Fixture fx;
  const MdlCpuClass *cls = &mdl_riscv_rv32imafdc_class;
  unsigned f10 = reg_index (cls, "f10"), fcsr = reg_index (cls, "fcsr");

  setup (&fx, cls);
  g_assert_cmpstr (cls->regs[f10].alias, ==, "fa0");
  g_assert_cmpuint (cls->regs[f10].bits, ==, 64); /* FLEN, not XLEN */
  g_assert_cmpuint (cls->regs[fcsr].bits, ==, 32);
  g_assert_cmpuint (fcsr, ==, cls->n_regs - 1);

  cls->reg_write (fx.cpu, f10, UINT64_C (0xffffffff3fc00000));
  g_assert_cmphex (cls->reg_read (fx.cpu, f10), ==, UINT64_C (0xffffffff3fc00000));
  cls->reg_write (fx.cpu, fcsr, 0x7e5); /* only 8 bits exist */
  g_assert_cmphex (cls->reg_read (fx.cpu, fcsr), ==, 0xe5);
  g_assert_cmphex (cls->reg_read (fx.cpu, reg_index (cls, "frm")), ==, 7);
  g_assert_cmphex (cls->reg_read (fx.cpu, reg_index (cls, "fflags")), ==, 5);
  cls->reg_write (fx.cpu, reg_index (cls, "frm"), 1);
  g_assert_cmphex (cls->reg_read (fx.cpu, fcsr), ==, 0x25);
  /* misa: RV32 with A C D F I M S U. */
  g_assert_cmphex (cls->reg_read (fx.cpu, reg_index (cls, "misa")), ==, 0x4014112d);

  /* A reset clears them. */
  mdl_machine_reset (fx.m);
  g_assert_cmphex (cls->reg_read (fx.cpu, f10), ==, 0);
  g_assert_cmphex (cls->reg_read (fx.cpu, fcsr), ==, 0);
  mdl_machine_free (fx.m);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/targets/riscv/fpu/anatomy", test_anatomy);
  g_test_add_func ("/targets/riscv/fpu/registers", test_registers);
  return g_test_run ();
}
