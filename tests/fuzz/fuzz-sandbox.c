#include "fuzz-sandbox.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/device.h"
#include "engine/jit-cache.h"
#include "hw/devices.h"

#define CPU_HZ UINT64_C (100000000)   /* 10 ns an instruction */
/* A fault repeated at one pc is a loop that only the budget ends: ended
 * after a few rounds instead of the default thousand. */
#define FUZZ_STORM 16
/* Translated code memory: an input translates a few tens of KiB, so some
 * fill it and run through a flush; the default (MiBs) cost a 512 KiB
 * clearing of its block table at every reset. */
#define FUZZ_JIT_BYTES (64u << 10)

static const MdlDeviceClass *
class_of (const char *compatible)
{
  for (unsigned i = 0; mdl_hw_device_classes[i] != NULL; i++)
    if (strcmp (mdl_hw_device_classes[i]->compatible, compatible) == 0)
      return mdl_hw_device_classes[i];
  g_error ("no device %s", compatible);
}

static MdlDevice *
add_device (MdlMachine *m, MdlAddressSpace *as, const char *compatible, uint64_t base)
{
  const MdlDeviceClass *cls = class_of (compatible);
  MdlDevice *dev = mdl_device_new (m, cls, compatible);
  g_autoptr(GError) error = NULL;

  dev->reg = g_new0 (MdlRegEntry, 1);
  dev->reg[0].base = base;
  dev->reg[0].size = cls->default_size;
  dev->n_reg = 1;
  if (!cls->realize (dev, &error))
    g_error ("%s: %s", compatible, error->message);
  mdl_machine_add_device (m, dev);
  g_assert (mdl_address_space_map (as, base, dev->regions[0], NULL));
  return dev;
}

static void
discard_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
}

/* One machine per CPU class, RAM base, tier and coherence, built on first
 * use and reset for every later input. */
typedef struct {
  const MdlCpuClass *cls;
  uint64_t           ram_base;
  unsigned           irq_line;
  MdlTier            tier;
  bool               coherent;  /* every store to RAM flushes decoded code */
  MdlMachine        *m;
  MdlCpu            *cpu;
  MdlRegion         *ram, *more;
  unsigned           runs;
} Sandbox;

static Sandbox sandboxes[32];

static uint64_t
more_base (uint64_t ram_base)
{
  return ram_base == 0x20000000 ? 0x80000000 : 0x20000000;
}

/* While stores_to_code steps an input: per RAM, the bytes of every
 * instruction executed (4 from its pc, the longest instruction of the
 * three ISAs) and the bytes stored to. */
static struct {
  bool     on, hit;   /* hit: a byte is in both */
  uint64_t base[2];
  uint8_t  fetched[2][FUZZ_RAM_SIZE], stored[2][FUZZ_RAM_SIZE];
} smc;

static void
smc_note (uint64_t addr, unsigned size, bool store)
{
  for (uint64_t a = addr; a - addr < size; a++)
    for (int k = 0; k < 2; k++)
      if (a - smc.base[k] < FUZZ_RAM_SIZE) {
        (store ? smc.stored : smc.fetched)[k][a - smc.base[k]] = 1;
        smc.hit |= smc.stored[k][a - smc.base[k]] && smc.fetched[k][a - smc.base[k]];
      }
}

static void
flush_on_store (void *data, uint64_t addr, unsigned size, bool is_write)
{
  MdlCpu *cpu = data;

  cpu->cls->flush_code (cpu);
  if (smc.on)
    smc_note (addr, size, true);
}

static void
sandbox_build (Sandbox *sb, const FuzzInput *in, MdlTier tier, bool coherent)
{
  MdlMachine *m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "fuzz bus");
  MdlDevice *uart;

  sb->cls = in->cls;
  sb->ram_base = in->ram_base;
  sb->irq_line = in->irq_line;
  sb->tier = tier;
  sb->coherent = coherent;
  sb->m = m;
  sb->runs = 0;
  mdl_machine_set_tier (m, tier);
  mdl_machine_set_jit_cache_size (m, FUZZ_JIT_BYTES);
  sb->ram = mdl_region_new_ram ("ram", FUZZ_RAM_SIZE);
  sb->more = mdl_region_new_ram ("more", FUZZ_RAM_SIZE);
  g_assert (mdl_address_space_map (as, in->ram_base, sb->ram, NULL));
  g_assert (mdl_address_space_map (as, more_base (in->ram_base), sb->more, NULL));
  uart = add_device (m, as, "ns16550a", 0x10000000);
  add_device (m, as, "arm,cmsdk-uart", 0x40004000);
  add_device (m, as, "sifive,test0", 0x100000);
  mdl_machine_set_serial_out (m, discard_serial, NULL);
  mdl_machine_set_exception_storm (m, FUZZ_STORM);

  sb->cpu = mdl_machine_add_cpu (m, in->cls, "cpu0", as, 0, CPU_HZ, NULL);
  g_assert (sb->cpu != NULL);
  uart->irq_out[0] = mdl_irq_line_to_cpu (m, sb->cpu, in->irq_line);
  /* Marked as code rather than tracked for writes: a tracked byte has no
   * RAM window at all, and a Cortex-M fetches only through windows (a
   * watchpoint on code makes it fault, the bug report of this harness). */
  if (coherent) {
    mdl_address_space_mark_code (as, in->ram_base, FUZZ_RAM_SIZE);
    mdl_address_space_mark_code (as, more_base (in->ram_base), FUZZ_RAM_SIZE);
    mdl_address_space_add_code_listener (as, flush_on_store, sb->cpu);
  }
}

static void
sandbox_free (Sandbox *sb)
{
  mdl_machine_free (sb->m);
  mdl_region_unref (sb->ram);
  mdl_region_unref (sb->more);
}

/* Everything an input can change is set again: both RAMs, then the
 * machine's reset (events, IRQ levels, devices, the CPU with its decode
 * and translation caches), then the input's registers. */
static void
sandbox_load (Sandbox *sb, const FuzzInput *in)
{
  size_t n = MIN (in->len, (size_t) FUZZ_RAM_SIZE);

  memcpy (mdl_region_host (sb->ram), in->image, n);
  memset (mdl_region_host (sb->ram) + n, in->fill, FUZZ_RAM_SIZE - n);
  memset (mdl_region_host (sb->more), 0, FUZZ_RAM_SIZE);
  mdl_machine_set_entry (sb->m, sb->cpu, in->entry);
  mdl_machine_reset (sb->m);
  for (unsigned i = 0; i < in->n_regs; i++)
    sb->cpu->cls->reg_write (sb->cpu, in->regs[i].reg, in->regs[i].value);
}

/* In four slices, typing into the UART between them as a user would. */
static void
run_slices (MdlMachine *m, uint64_t insns)
{
  MdlDevice *uart = mdl_machine_device (m, 0);
  uint64_t slice = insns / 4 * (MDL_PS_PER_S / CPU_HZ);

  for (int i = 0; i < 4; i++) {
    static const uint8_t typed[] = "hi\r";
    if (mdl_machine_run (m, slice) != MDL_STOP_NONE)
      break;
    uart->cls->serial_input (uart, typed, MIN (sizeof typed - 1,
                                               uart->cls->serial_can_receive (uart)));
  }
}

/* The first difference between the ends of two runs of one input, or
 * NULL. */
static char *
difference (Sandbox *a, Sandbox *b)
{
  MdlCpu *ca = a->cpu, *cb = b->cpu;
  const uint8_t *pa, *pb;

  if (ca->retired != cb->retired)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " instructions retired, then %"
                            G_GUINT64_FORMAT, ca->retired, cb->retired);
  if (ca->state != cb->state)
    return g_strdup_printf ("run state %d, then %d", (int) ca->state, (int) cb->state);
  if (mdl_machine_stop_reason (a->m) != mdl_machine_stop_reason (b->m))
    return g_strdup_printf ("stop %s, then %s",
                            mdl_stop_reason_name (mdl_machine_stop_reason (a->m)),
                            mdl_stop_reason_name (mdl_machine_stop_reason (b->m)));
  if (ca->time_ps != cb->time_ps)
    return g_strdup_printf ("local time %" G_GUINT64_FORMAT " ps, then %" G_GUINT64_FORMAT
                            " ps", ca->time_ps, cb->time_ps);
  for (unsigned r = 0; r < ca->cls->n_regs; r++)
    if (ca->cls->reg_read (ca, r) != cb->cls->reg_read (cb, r))
      return g_strdup_printf ("register %s is 0x%" G_GINT64_MODIFIER "x, then 0x%"
                              G_GINT64_MODIFIER "x", ca->cls->regs[r].name,
                              ca->cls->reg_read (ca, r), cb->cls->reg_read (cb, r));
  /* memcmp first: a byte loop (instrumented for coverage like all of the
   * harness) took half of fuzz-riscv's time. */
  for (int k = 0; k < 2; k++) {
    uint64_t base = k == 0 ? a->ram_base : more_base (a->ram_base);

    pa = mdl_region_host (k == 0 ? a->ram : a->more);
    pb = mdl_region_host (k == 0 ? b->ram : b->more);
    if (memcmp (pa, pb, FUZZ_RAM_SIZE) == 0)
      continue;
    for (unsigned i = 0; i < FUZZ_RAM_SIZE; i++)
      if (pa[i] != pb[i])
        return g_strdup_printf ("RAM at 0x%" G_GINT64_MODIFIER "x holds 0x%02x, then 0x%02x",
                                base + i, pa[i], pb[i]);
  }
  return NULL;
}

/* The input being run, for the find notes. */
static const FuzzInput *current;

/* The inputs run before the current one, oldest first from
 * history_next, kept so that a find that needs them (state an earlier
 * input left behind) can be run again: fail() writes them out. */
#define FUZZ_HISTORY 8192
static struct {
  uint8_t *data;
  size_t   size;
} history[FUZZ_HISTORY];
static unsigned history_next;

static void
history_add (const FuzzInput *in)
{
  unsigned i = history_next++ % FUZZ_HISTORY;

  history[i].data = g_realloc (history[i].data, MAX (in->size, 1));
  memcpy (history[i].data, in->data, in->size);
  history[i].size = in->size;
}

/* NOTES_DIR/history-SHA1/00000..NNNNN, the current input last: running
 * them in name order (fuzz-TARGET -runs=1 with every file of DIR, and
 * MEDLEY_FUZZ_FRESH_EVERY=1) repeats what the sandboxes went through. */
static void
history_write (const char *notes, const char *sha1)
{
  g_autofree char *base = g_path_get_dirname (notes);
  g_autofree char *name = g_strdup_printf ("history-%s", sha1);
  g_autofree char *dir = g_build_filename (base, name, NULL);
  unsigned n = MIN (history_next, FUZZ_HISTORY);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return;
  for (unsigned k = 0; k < n; k++) {
    unsigned i = (history_next - n + k) % FUZZ_HISTORY;
    g_autofree char *file = g_strdup_printf ("%s/%05u", dir, k);

    g_file_set_contents (file, (const char *) history[i].data, (gssize) history[i].size, NULL);
  }
}

/* abort(), not g_error()'s breakpoint trap: libFuzzer keeps the input of
 * an abort. */
static void G_GNUC_NORETURN
fail (const char *what, const char *why, const char *hint)
{
  const char *notes = getenv ("MEDLEY_FUZZ_NOTES");
  FILE *f;

  fprintf (stderr, "%s: %s%s\n", what, why, hint);
  if (notes != NULL && current != NULL && (f = fopen (notes, "a")) != NULL) {
    g_autofree char *sha1 = g_compute_checksum_for_data (G_CHECKSUM_SHA1, current->data,
                                                         current->size);
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *when = g_date_time_format (now, "%H:%M:%S");

    fprintf (f, "%s %s %s: %s%s (%u inputs before it in history-%s)\n", when, sha1, what, why,
             hint, MIN (history_next, FUZZ_HISTORY) - 1, sha1);
    fclose (f);
    history_write (notes, sha1);
  }
  abort ();
}

/* How often a sandbox's input also runs on a fresh machine: every 64th,
 * or every MEDLEY_FUZZ_FRESH_EVERY-th (1 when running a history again). */
static unsigned
fresh_every (void)
{
  static unsigned every;

  if (every == 0) {
    const char *env = getenv ("MEDLEY_FUZZ_FRESH_EVERY");

    every = env != NULL && atoi (env) > 0 ? (unsigned) atoi (env) : 64;
  }
  return every;
}

/* How a run of an input ended: which tier stopped where, and why (for
 * reading a find; with MEDLEY_FUZZ_SHOW=1 printed after every run). */
static char *
describe_end (const Sandbox *sb)
{
  MdlCpu *cpu = sb->cpu;

  return g_strdup_printf ("%s%s: %" G_GUINT64_FORMAT " retired, pc 0x%" G_GINT64_MODIFIER
                          "x, run state %d, stop %s, %" G_GUINT64_FORMAT " ps, last fault %u at"
                          " 0x%" G_GINT64_MODIFIER "x", sb->tier == MDL_TIER_INTERPRET
                          ? "interpreted" : "translated", sb->coherent ? " (stores flush code)"
                          : "", cpu->retired, mdl_cpu_pc (cpu), (int) cpu->state,
                          mdl_stop_reason_name (mdl_machine_stop_reason (sb->m)), cpu->time_ps,
                          cpu->exc_cause, cpu->exc_pc);
}

/* difference() with how each run ended. */
static char *
difference_told (Sandbox *a, Sandbox *b)
{
  g_autofree char *why = difference (a, b);
  g_autofree char *end_a = NULL, *end_b = NULL;

  if (why == NULL)
    return NULL;
  end_a = describe_end (a);
  end_b = describe_end (b);
  return g_strdup_printf ("%s [%s; then %s]", why, end_a, end_b);
}

static void
show_end (const Sandbox *sb)
{
  static int show = -1;
  g_autofree char *end = NULL;

  if (show < 0)
    show = getenv ("MEDLEY_FUZZ_SHOW") != NULL;
  if (show) {
    end = describe_end (sb);
    fprintf (stderr, "fuzz-sandbox: %s\n", end);
  }
}

/* Every 64th input of a sandbox (fresh_every) runs again on a machine
 * built for it alone.  (It found one: mdl_machine_reset lowered IRQ lines without
 * telling the CPU, so a pending mip.MEIP survived the reset.) */
static void
check_fresh (Sandbox *sb, const FuzzInput *in)
{
  Sandbox fresh = { 0 };
  g_autofree char *why = NULL;

  if (++sb->runs % fresh_every () != 0)
    return;
  sandbox_build (&fresh, in, sb->tier, sb->coherent);
  sandbox_load (&fresh, in);
  run_slices (fresh.m, in->insns);
  why = difference_told (sb, &fresh);
  if (why != NULL)
    fail ("reused sandbox", why, " on the reused machine, then on a fresh one (an earlier input"
          " left state behind that a reset does not clear)");
  sandbox_free (&fresh);
}

static Sandbox *
run_tier (const FuzzInput *in, MdlTier tier, bool coherent)
{
  Sandbox *sb = NULL;

  for (unsigned i = 0; i < G_N_ELEMENTS (sandboxes) && sb == NULL; i++)
    if (sandboxes[i].cls == NULL)
      sandbox_build (sb = &sandboxes[i], in, tier, coherent);
    else if (sandboxes[i].cls == in->cls && sandboxes[i].ram_base == in->ram_base
             && sandboxes[i].irq_line == in->irq_line && sandboxes[i].tier == tier
             && sandboxes[i].coherent == coherent)
      sb = &sandboxes[i];
  g_assert (sb != NULL);
  sandbox_load (sb, in);
  run_slices (sb->m, in->insns);
  show_end (sb);
  for (unsigned r = 0; r < sb->cpu->cls->n_regs; r++)
    sb->cpu->cls->reg_read (sb->cpu, r);
  check_fresh (sb, in);
  return sb;
}

/* Whether @in stores into an instruction it executes (before or after
 * the store: a translated block holds the instructions after the store
 * too, a decode cache those before).  Stepped, instruction by
 * instruction, on the interpreted sandbox whose stores flush decoded
 * code, typing into the UART at the slices' ends as run_slices does (a
 * step may take an interrupt an instruction or two before a run would,
 * so this is a close look, not the same run); ends at the first such
 * store. */
static bool
stores_to_code (const FuzzInput *in)
{
  Sandbox *sb = NULL;
  uint64_t slice = in->insns / 4 * (MDL_PS_PER_S / CPU_HZ);
  MdlDevice *uart;

  for (unsigned i = 0; i < G_N_ELEMENTS (sandboxes) && sb == NULL; i++)
    if (sandboxes[i].cls == in->cls && sandboxes[i].ram_base == in->ram_base
        && sandboxes[i].irq_line == in->irq_line && sandboxes[i].tier == MDL_TIER_INTERPRET
        && sandboxes[i].coherent)
      sb = &sandboxes[i];
  g_assert (sb != NULL);
  sandbox_load (sb, in);
  uart = mdl_machine_device (sb->m, 0);
  memset (smc.fetched, 0, sizeof smc.fetched);
  memset (smc.stored, 0, sizeof smc.stored);
  smc.base[0] = in->ram_base;
  smc.base[1] = more_base (in->ram_base);
  smc.hit = false;
  smc.on = true;
  for (int i = 0; i < 4 && !smc.hit; i++) {
    static const uint8_t typed[] = "hi\r";
    bool stopped = false;

    for (uint64_t n = 0; sb->cpu->time_ps < (i + 1) * slice && n < 4 * in->insns && !smc.hit;
         n++) {
      smc_note (mdl_cpu_pc (sb->cpu), 4, false);
      if ((stopped = mdl_machine_step (sb->m, sb->cpu) != MDL_STOP_NONE))
        break;
    }
    if (stopped)
      break;
    uart->cls->serial_input (uart, typed, MIN (sizeof typed - 1,
                                               uart->cls->serial_can_receive (uart)));
  }
  smc.on = false;
  return smc.hit;
}

/* What the disassembly and anatomy views would ask for (once an input:
 * the code is the same in both tiers). */
static void
views (MdlCpu *cpu, uint64_t base)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (uint64_t pc = base; pc < base + 64;) {
    MdlInsnInfo info;
    unsigned len;

    g_string_truncate (text, 0);
    len = cpu->cls->disas (cpu, pc, text);
    g_assert (len > 0);
    if (cpu->cls->insn_info != NULL)
      cpu->cls->insn_info (cpu, pc, &info);
    pc += len;
  }
  g_string_truncate (text, 0);
  cpu->cls->disas (cpu, mdl_cpu_pc (cpu), text);
}

static unsigned stale_inputs;

static void
report_stale (void)
{
  fprintf (stderr, "fuzz-sandbox: %u inputs differed only on stale code\n", stale_inputs);
}

void
fuzz_sandbox_run (const FuzzInput *in)
{
  Sandbox *a, *b;
  g_autofree char *why = NULL;

  current = in;
  history_add (in);
  a = run_tier (in, MDL_TIER_INTERPRET, false);
  views (a->cpu, in->entry);
  if (!mdl_jit_host_supported ())
    return;
  b = run_tier (in, MDL_TIER_TRANSLATE, false);
  why = difference_told (a, b);
  if (why == NULL)
    return;
  if (in->stale_code) {
    g_autofree char *coherent = NULL;

    a = run_tier (in, MDL_TIER_INTERPRET, true);
    b = run_tier (in, MDL_TIER_TRANSLATE, true);
    coherent = difference_told (a, b);
    if (coherent != NULL)
      fail ("interpreted and translated runs differ", coherent,
            " (also when every store to RAM flushes decoded code)");
    if (stores_to_code (in)) {
      if (stale_inputs++ == 0) {
        atexit (report_stale);
        fprintf (stderr, "fuzz-sandbox: the tiers differ on stale code (%s), and are alike when"
                 " stores flush it; such inputs are counted, not reported\n", why);
      }
      return;
    }
    fail ("interpreted and translated runs differ", why,
          " (alike when every store to RAM flushes decoded code, but no store hit an"
          " instruction executed before: not stale code)");
  }
  fail ("interpreted and translated runs differ", why, "");
}

/* libFuzzer's entropic schedule walks its rare features for every feature
 * an input covers, and an input of these targets covers thousands (a
 * decoder, an executor, a translator): with it, libFuzzer took more time
 * than the inputs, half the executions a second.  The older schedule is
 * the default here; an -entropic=1 on the command line, after this one,
 * still wins. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  static char **args;   /* libFuzzer's argv from now on */

  args = g_new0 (char *, *argc + 2);
  args[0] = (*argv)[0];
  args[1] = (char *) "-entropic=0";
  memcpy (args + 2, *argv + 1, (*argc - 1) * sizeof *args);
  *argc += 1;
  *argv = args;
  return 0;
}
