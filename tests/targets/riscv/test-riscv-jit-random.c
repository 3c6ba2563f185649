/* Random programs in both tiers: for fixed seeds, a few hundred random
 * RV32/RV64 integer instructions (ALU, M, loads and stores, branches and
 * jumps anywhere in the program, counters read through CSRs, ecall and
 * faulting loads caught by a handler that skips them, fence.i) run
 * interpreted and translated side by side; every 2 us of virtual time the
 * two harts must agree on every register, the retired count and the time,
 * and at the end on the data memory.  MDL_JIT_RANDOM_SEEDS=N runs seeds
 * 1..N instead of 1..60.
 *
 * The programs never store to their own code (stores go through x31,
 * which always points at the data area, and jalr only through x30, the
 * code's start): RISC-V lets a hart run stale code without fence.i, and
 * the two tiers keep different stale copies.  Random branches make loops
 * of all kinds, including ones that never end, which is fine: the runs
 * are compared for a fixed time.
 */
#include <glib.h>
#include <string.h>

#include "engine/jit-cache.h"
#include "engine/machine.h"
#include "targets/riscv/riscv.h"

#define RAM_BASE   UINT64_C (0x80000000)
#define RAM_SIZE   0x10000
#define CODE_OFF   0x40
#define DATA_OFF   0x8000
#define DATA_SIZE  0x1008
#define N_INSNS    400
#define SLICE_PS   (2 * MDL_PS_PER_US)
#define RUN_PS     (400 * MDL_PS_PER_US)

static uint32_t
r_type (unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t
i_type (int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
  return ((uint32_t) imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t
s_type (int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
  uint32_t u = (uint32_t) imm & 0xfff;

  return (u >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31) << 7 | 0x23;
}

static uint32_t
b_type (int32_t off, unsigned rs2, unsigned rs1, unsigned f3)
{
  uint32_t u = (uint32_t) off;

  return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
         | ((u >> 1) & 0xf) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}

static uint32_t
j_type (int32_t off, unsigned rd)
{
  uint32_t u = (uint32_t) off;

  return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 | ((u >> 11) & 1) << 20
         | ((u >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
}

/* One random instruction at index @i of the program. */
static uint32_t
random_insn (GRand *r, unsigned xlen, unsigned i)
{
  unsigned rd = (unsigned) g_rand_int_range (r, 1, 30);
  unsigned rs1 = (unsigned) g_rand_int_range (r, 0, 32);
  unsigned rs2 = (unsigned) g_rand_int_range (r, 0, 32);
  int32_t here = (int32_t) (4 * i);
  int32_t target = 4 * g_rand_int_range (r, 0, N_INSNS + 1) - here;
  unsigned shmask = xlen - 1;
  static const unsigned alu_f3f7[][2] = {
    { 0, 0 }, { 0, 0x20 }, { 1, 0 }, { 2, 0 }, { 3, 0 }, { 4, 0 }, { 5, 0 }, { 5, 0x20 },
    { 6, 0 }, { 7, 0 },
  };
  static const unsigned br_f3[] = { 0, 1, 4, 5, 6, 7 };
  unsigned k = (unsigned) g_rand_int_range (r, 0, 100);

  if (k < 22) {
    const unsigned *a = alu_f3f7[g_rand_int_range (r, 0, 10)];
    return r_type (a[1], rs2, rs1, a[0], rd, 0x33);
  }
  if (k < 30)
    return r_type (1, rs2, rs1, (unsigned) g_rand_int_range (r, 0, 8), rd, 0x33);
  if (k < 44) {
    static const unsigned f3[] = { 0, 2, 3, 4, 6, 7 };
    unsigned which = (unsigned) g_rand_int_range (r, 0, 9);
    int32_t imm = g_rand_int_range (r, -2048, 2048);

    if (which < 6)
      return i_type (imm, rs1, f3[which], rd, 0x13);
    imm &= (int32_t) shmask;
    return i_type (which == 6 ? imm : which == 7 ? imm : imm | 0x400, rs1,
                   which == 6 ? 1 : 5, rd, 0x13);
  }
  if (k < 52 && xlen == 64) {
    unsigned which = (unsigned) g_rand_int_range (r, 0, 12);
    int32_t sh = g_rand_int_range (r, 0, 32);

    switch (which) {
    case 0: return i_type (g_rand_int_range (r, -2048, 2048), rs1, 0, rd, 0x1b);
    case 1: return i_type (sh, rs1, 1, rd, 0x1b);
    case 2: return i_type (sh, rs1, 5, rd, 0x1b);
    case 3: return i_type (sh | 0x400, rs1, 5, rd, 0x1b);
    case 4: return r_type (0, rs2, rs1, 0, rd, 0x3b);
    case 5: return r_type (0x20, rs2, rs1, 0, rd, 0x3b);
    case 6: return r_type (0, rs2, rs1, 1, rd, 0x3b);
    case 7: return r_type (0, rs2, rs1, 5, rd, 0x3b);
    case 8: return r_type (0x20, rs2, rs1, 5, rd, 0x3b);
    default: return r_type (1, rs2, rs1, which == 9 ? 0 : (unsigned) g_rand_int_range (r, 4, 8),
                            rd, 0x3b);
    }
  }
  if (k < 62) {
    /* Loads through x31 (the data area), lwu and ld only on RV64. */
    static const unsigned f3_32[] = { 0, 1, 2, 4, 5 };
    static const unsigned f3_64[] = { 0, 1, 2, 3, 4, 5, 6 };
    unsigned f3 = xlen == 64 ? f3_64[g_rand_int_range (r, 0, 7)]
                             : f3_32[g_rand_int_range (r, 0, 5)];

    return i_type (g_rand_int_range (r, -2048, 2048), 31, f3, rd, 0x03);
  }
  if (k < 72)
    return s_type (g_rand_int_range (r, -2048, 2048), rs2, 31,
                   (unsigned) g_rand_int_range (r, 0, xlen == 64 ? 4 : 3));
  if (k < 84)
    return b_type (target, rs2, rs1, br_f3[g_rand_int_range (r, 0, 6)]);
  if (k < 87)
    return j_type (target, g_rand_int_range (r, 0, 2) ? rd : 0);
  if (k < 90)
    return i_type (4 * g_rand_int_range (r, 0, N_INSNS), 30, 0, g_rand_int_range (r, 0, 2) ? rd : 0,
                   0x67);
  if (k < 93)
    return ((uint32_t) g_rand_int (r) & 0xfffff000) | rd << 7
           | (g_rand_boolean (r) ? 0x37 : 0x17);
  if (k < 95)
    /* csrrs rd, mcycle / minstret, x0 */
    return i_type (g_rand_boolean (r) ? 0xb00 : 0xb02, 0, 2, rd, 0x73);
  if (k < 96)
    return 0x00000073;                       /* ecall */
  if (k < 98)
    /* A load from near address 0: an access fault */
    return i_type (g_rand_int_range (r, 0, 2048), 0, 2, rd, 0x03);
  if (k < 99)
    return 0x0000100f;                       /* fence.i */
  return 0;                                  /* illegal (and 2 bytes long) */
}

static void
put32 (uint8_t *ram, unsigned off, uint32_t v)
{
  memcpy (ram + off, &v, 4);
}

typedef struct {
  MdlMachine *m;
  MdlCpu     *cpu;
  MdlRegion  *ram;
} Side;

static void
side_build (Side *side, const MdlCpuClass *cls, const uint8_t *image, MdlTier tier,
            const uint64_t *regs)
{
  MdlAddressSpace *as;

  side->m = mdl_machine_new ();
  as = mdl_machine_add_address_space (side->m, "bus");
  side->ram = mdl_region_new_ram ("ram", RAM_SIZE);
  memcpy (mdl_region_host (side->ram), image, RAM_SIZE);
  g_assert_true (mdl_address_space_map (as, RAM_BASE, side->ram, NULL));
  side->cpu = mdl_machine_add_cpu (side->m, cls, "cpu0", as, 0, 100000000, NULL);
  g_assert_nonnull (side->cpu);
  mdl_machine_set_entry (side->m, side->cpu, RAM_BASE);
  mdl_machine_set_tier (side->m, tier);
  mdl_machine_reset (side->m);
  for (unsigned i = 1; i < 30; i++)
    cls->reg_write (side->cpu, i, regs[i]);
}

static void
run_one (const MdlCpuClass *cls, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  g_autofree uint8_t *image = g_malloc0 (RAM_SIZE);
  unsigned xlen = cls->xlen, handler = CODE_OFF + 4 * (N_INSNS + 1);
  uint64_t regs[32];
  Side a, b;
  MdlJitStats stats;

  /* x30 = the code, x31 = the middle of the data area, mtvec = the
   * handler, which skips the trapping instruction. */
  put32 (image, 0x00, 0x00000f17);                                /* auipc x30, 0 */
  put32 (image, 0x04, i_type (CODE_OFF, 30, 0, 30, 0x13));         /* addi x30, x30, CODE */
  put32 (image, 0x08, 0x00008f97);                                /* auipc x31, 8 */
  put32 (image, 0x0c, i_type (0x800 - 0x8, 31, 0, 31, 0x13));      /* addi x31, x31, 0x7f8 */
  put32 (image, 0x10, 0x00000e97);                                /* auipc x29, 0 */
  put32 (image, 0x14, i_type ((int32_t) handler - 0x10, 29, 0, 29, 0x13));
  put32 (image, 0x18, i_type (0x305, 29, 1, 0, 0x73));             /* csrw mtvec, x29 */
  put32 (image, 0x1c, j_type (CODE_OFF - 0x1c, 0));                /* j CODE */
  for (unsigned i = 0; i < N_INSNS; i++)
    put32 (image, CODE_OFF + 4 * i, random_insn (r, xlen, i));
  put32 (image, CODE_OFF + 4 * N_INSNS, j_type (-4 * N_INSNS, 0));  /* back to the start */
  put32 (image, handler + 0, i_type (0x341, 0, 2, 29, 0x73));       /* csrr x29, mepc */
  put32 (image, handler + 4, i_type (4, 29, 0, 29, 0x13));          /* addi x29, x29, 4 */
  put32 (image, handler + 8, i_type (0x341, 29, 1, 0, 0x73));       /* csrw mepc, x29 */
  put32 (image, handler + 12, 0x30200073);                          /* mret */
  for (unsigned i = 0; i < DATA_SIZE; i++)
    image[DATA_OFF + i] = (uint8_t) g_rand_int (r);
  for (unsigned i = 0; i < 32; i++)
    regs[i] = ((uint64_t) g_rand_int (r) << 32 | g_rand_int (r))
              & (xlen == 32 ? UINT32_MAX : UINT64_MAX);

  side_build (&a, cls, image, MDL_TIER_INTERPRET, regs);
  side_build (&b, cls, image, MDL_TIER_TRANSLATE, regs);
  for (uint64_t t = 0; t < RUN_PS; t += SLICE_PS) {
    g_assert_cmpint (mdl_machine_run (a.m, SLICE_PS), ==, mdl_machine_run (b.m, SLICE_PS));
    g_assert_cmpuint (a.cpu->retired, ==, b.cpu->retired);
    g_assert_cmpuint (a.cpu->time_ps, ==, b.cpu->time_ps);
    for (unsigned i = 0; i < cls->n_regs; i++) {
      uint64_t va = cls->reg_read (a.cpu, i), vb = cls->reg_read (b.cpu, i);

      if (va != vb)
        g_error ("seed %u, %s: %s = 0x%" G_GINT64_MODIFIER "x interpreted, 0x%"
                 G_GINT64_MODIFIER "x translated, after %" G_GUINT64_FORMAT " instructions",
                 seed, cls->name, cls->regs[i].name, va, vb, a.cpu->retired);
    }
  }
  g_assert_cmpmem (mdl_region_host (a.ram) + DATA_OFF, DATA_SIZE,
                   mdl_region_host (b.ram) + DATA_OFF, DATA_SIZE);
  g_assert_nonnull (b.cpu->jit);
  mdl_jit_get_stats (b.cpu->jit, &stats);
  g_assert_cmpuint (stats.translations, >, 0);
  g_test_message ("seed %u: %" G_GUINT64_FORMAT " instructions, %" G_GUINT64_FORMAT
                  " blocks translated, %" G_GUINT64_FORMAT " flushes, %" G_GUINT64_FORMAT
                  " chains", seed, b.cpu->retired, stats.translations, stats.flushes,
                  stats.chains);

  mdl_machine_free (a.m);
  mdl_machine_free (b.m);
  mdl_region_unref (a.ram);
  mdl_region_unref (b.ram);
  g_rand_free (r);
}

static void
test_random (gconstpointer data)
{
  const MdlCpuClass *cls = data;
  const char *env = g_getenv ("MDL_JIT_RANDOM_SEEDS");
  guint32 seeds = env ? (guint32) g_ascii_strtoull (env, NULL, 10) : 60;

  if (!mdl_jit_host_supported ()) {
    g_test_skip ("this host has no translating tier");
    return;
  }

  for (guint32 seed = 1; seed <= seeds; seed++)
    run_one (cls, seed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/riscv/jit/random-rv32", &mdl_riscv_rv32imac_class, test_random);
  g_test_add_data_func ("/riscv/jit/random-rv64", &mdl_riscv_rv64imac_class, test_random);
  return g_test_run ();
}
