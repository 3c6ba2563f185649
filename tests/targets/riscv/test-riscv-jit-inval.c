/* Writes to translated code from outside the hart: a debugger's or a
 * loader's mdl_address_space_write_bytes, with no flush_code() after it,
 * must reach both tiers at the next instruction fetched (the address
 * space's code listeners, docs/translator.md "Invalidation"), and the two
 * tiers must agree on every register all along.
 *
 * The program loops over "li a1, K; addi a0, a0, STEP; j loop".  After a
 * while the test rewrites K (a debugger's 4-byte write), then the whole
 * code page (a loader's write of 8 KiB, STEP changes too), running both
 * tiers side by side and checking a1 and the registers after each.
 */
#include <glib.h>
#include <string.h>

#include "engine/jit-cache.h"
#include "engine/machine.h"
#include "targets/riscv/riscv.h"

#define RAM_BASE  UINT64_C (0x80000000)
#define RAM_SIZE  0x10000
#define SLICE_PS  (2 * MDL_PS_PER_US)

typedef struct {
  MdlMachine      *m;
  MdlCpu          *cpu;
  MdlRegion       *ram;
  MdlAddressSpace *as;
} Side;

static uint32_t
li_a1 (int32_t imm)
{
  return ((uint32_t) imm & 0xfff) << 20 | 11 << 7 | 0x13;   /* addi a1, zero, imm */
}

static uint32_t
addi_a0 (int32_t imm)
{
  return ((uint32_t) imm & 0xfff) << 20 | 10 << 15 | 10 << 7 | 0x13;
}

/* j -8 (back to the loop's first instruction) */
#define J_BACK_8  UINT32_C (0xff9ff06f)

static void
put_loop (uint8_t *p, int32_t k, int32_t step)
{
  uint32_t w[3] = { li_a1 (k), addi_a0 (step), J_BACK_8 };

  memcpy (p, w, sizeof w);
}

static void
side_build (Side *side, const MdlCpuClass *cls, MdlTier tier)
{
  side->m = mdl_machine_new ();
  side->as = mdl_machine_add_address_space (side->m, "bus");
  side->ram = mdl_region_new_ram ("ram", RAM_SIZE);
  put_loop (mdl_region_host (side->ram), 5, 1);
  g_assert_true (mdl_address_space_map (side->as, RAM_BASE, side->ram, NULL));
  side->cpu = mdl_machine_add_cpu (side->m, cls, "cpu0", side->as, 0, 100000000, NULL);
  g_assert_nonnull (side->cpu);
  mdl_machine_set_entry (side->m, side->cpu, RAM_BASE);
  mdl_machine_set_tier (side->m, tier);
  mdl_machine_reset (side->m);
}

/* Runs both sides for @us microseconds, comparing them every slice. */
static void
run_both (const MdlCpuClass *cls, Side *a, Side *b, unsigned us)
{
  for (uint64_t t = 0; t < us * MDL_PS_PER_US; t += SLICE_PS) {
    g_assert_cmpint (mdl_machine_run (a->m, SLICE_PS), ==, mdl_machine_run (b->m, SLICE_PS));
    g_assert_cmpuint (a->cpu->retired, ==, b->cpu->retired);
    for (unsigned i = 0; i < cls->n_regs; i++) {
      uint64_t va = cls->reg_read (a->cpu, i), vb = cls->reg_read (b->cpu, i);

      if (va != vb)
        g_error ("%s: %s = 0x%" G_GINT64_MODIFIER "x interpreted, 0x%" G_GINT64_MODIFIER
                 "x translated", cls->name, cls->regs[i].name, va, vb);
    }
  }
}

/* Register numbers of the class are the x registers first. */
#define A0 10
#define A1 11

static void
test_outside_writes (gconstpointer data)
{
  const MdlCpuClass *cls = data;
  g_autofree uint8_t *image = g_malloc0 (8192);
  uint32_t insn;
  uint64_t a0_before, invalidated;
  MdlJitStats stats;
  Side a, b;
  Side *sides[2] = { &a, &b };

  if (!mdl_jit_host_supported ()) {
    g_test_skip ("this host has no translating tier");
    return;
  }
  side_build (&a, cls, MDL_TIER_INTERPRET);
  side_build (&b, cls, MDL_TIER_TRANSLATE);
  run_both (cls, &a, &b, 40);
  g_assert_cmpuint (cls->reg_read (b.cpu, A1), ==, 5);
  g_assert_nonnull (b.cpu->jit);
  mdl_jit_get_stats (b.cpu->jit, &stats);
  g_assert_cmpuint (stats.translations, >, 0);

  /* A debugger's write of one instruction, nothing else. */
  insn = li_a1 (77);
  for (unsigned i = 0; i < 2; i++)
    g_assert_true (mdl_address_space_write_bytes (sides[i]->as, RAM_BASE, &insn, 4, NULL));
  run_both (cls, &a, &b, 10);
  g_assert_cmpuint (cls->reg_read (a.cpu, A1), ==, 77);
  g_assert_cmpuint (cls->reg_read (b.cpu, A1), ==, 77);
  /* Only the blocks over the bytes went, not the whole cache. */
  mdl_jit_get_stats (b.cpu->jit, &stats);
  g_assert_cmpuint (stats.flushes, ==, 0);
  g_assert_cmpuint (stats.invalidated, >, 0);
  invalidated = stats.invalidated;

  /* Into the middle of the loop's block, chained to itself by now: the
   * step becomes 2 at once (the registers are compared all along). */
  g_assert_cmpuint (stats.chains, >, 0);
  insn = addi_a0 (2);
  a0_before = cls->reg_read (b.cpu, A0);
  for (unsigned i = 0; i < 2; i++)
    g_assert_true (mdl_address_space_write_bytes (sides[i]->as, RAM_BASE + 4, &insn, 4, NULL));
  run_both (cls, &a, &b, 10);
  g_assert_cmpuint ((cls->reg_read (b.cpu, A0) - a0_before) % 2, ==, 0);
  g_assert_cmpuint (cls->reg_read (b.cpu, A0) - a0_before, >, 2);
  mdl_jit_get_stats (b.cpu->jit, &stats);
  g_assert_cmpuint (stats.flushes, ==, 0);
  g_assert_cmpuint (stats.invalidated, >, invalidated);

  /* A loader's write of the whole area: a new K and a new step. */
  put_loop (image, 300, 3);
  a0_before = cls->reg_read (b.cpu, A0);
  for (unsigned i = 0; i < 2; i++)
    g_assert_true (mdl_address_space_write_bytes (sides[i]->as, RAM_BASE, image, 8192, NULL));
  run_both (cls, &a, &b, 10);
  g_assert_cmpuint (cls->reg_read (b.cpu, A1), ==, 300);
  /* Every addi since the write added 3. */
  g_assert_cmpuint ((cls->reg_read (b.cpu, A0) - a0_before) % 3, ==, 0);
  mdl_jit_get_stats (b.cpu->jit, &stats);
  g_test_message ("%s: %" G_GUINT64_FORMAT " translations, %" G_GUINT64_FORMAT " flushes",
                  cls->name, stats.translations, stats.flushes);

  for (unsigned i = 0; i < 2; i++) {
    mdl_machine_free (sides[i]->m);
    mdl_region_unref (sides[i]->ram);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/riscv/jit/outside-writes-rv32", &mdl_riscv_rv32imac_class,
                        test_outside_writes);
  g_test_add_data_func ("/riscv/jit/outside-writes-rv64", &mdl_riscv_rv64imac_class,
                        test_outside_writes);
  return g_test_run ();
}
