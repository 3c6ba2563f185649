#include "fuzz-sandbox.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/device.h"
#include "hw/devices.h"

#define CPU_HZ UINT64_C (100000000)   /* 10 ns an instruction */

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

/* One machine per CPU class and RAM base, built on first use and reset
 * for every later input: building one (the CPU state with its decode
 * caches, two RAMs, three devices) cost more than running the input. */
typedef struct {
  const MdlCpuClass *cls;
  uint64_t           ram_base;
  unsigned           irq_line;
  int                tier;     /* an MdlTier, or -1: the machine's default */
  MdlMachine        *m;
  MdlCpu            *cpu;
  MdlRegion         *ram, *more;
} Sandbox;

static Sandbox sandboxes[16];

/* The last input, for the fresh-machine check in fuzz_sandbox_run. */
static struct {
  Sandbox *sb;
  uint8_t  image[FUZZ_RAM_SIZE];
  size_t   len;
  uint64_t entry;
  unsigned count;
  unsigned n_writes;       /* register writes after fuzz_sandbox_new */
  struct { unsigned reg; uint64_t value; } writes[16];
} last;

static Sandbox *
sandbox_build (Sandbox *sb, const MdlCpuClass *cls, uint64_t ram_base, unsigned irq_line,
               int tier)
{
  MdlMachine *m = mdl_machine_new ();
  MdlAddressSpace *as = mdl_machine_add_address_space (m, "fuzz bus");
  MdlDevice *uart;

  sb->cls = cls;
  sb->ram_base = ram_base;
  sb->irq_line = irq_line;
  sb->tier = tier;
  sb->m = m;
  if (tier >= 0)
    mdl_machine_set_tier (m, (MdlTier) tier);
  sb->ram = mdl_region_new_ram ("ram", FUZZ_RAM_SIZE);
  sb->more = mdl_region_new_ram ("more", FUZZ_RAM_SIZE);
  g_assert (mdl_address_space_map (as, ram_base, sb->ram, NULL));
  g_assert (mdl_address_space_map (as, ram_base == 0x20000000 ? 0x80000000 : 0x20000000,
                                   sb->more, NULL));
  uart = add_device (m, as, "ns16550a", 0x10000000);
  add_device (m, as, "arm,cmsdk-uart", 0x40004000);
  add_device (m, as, "sifive,test0", 0x100000);
  mdl_machine_set_serial_out (m, discard_serial, NULL);

  sb->cpu = mdl_machine_add_cpu (m, cls, "cpu0", as, 0, CPU_HZ, NULL);
  g_assert (sb->cpu != NULL);
  uart->irq_out[0] = mdl_irq_line_to_cpu (m, sb->cpu, irq_line);
  return sb;
}

static MdlMachine *
sandbox_new (const MdlCpuClass *cls, uint64_t ram_base, const uint8_t *image,
             size_t len, uint64_t entry, unsigned irq_line, int tier, MdlCpu **cpu)
{
  Sandbox *sb = NULL;
  size_t n = MIN (len, (size_t) FUZZ_RAM_SIZE);

  for (unsigned i = 0; i < G_N_ELEMENTS (sandboxes) && sb == NULL; i++)
    if (sandboxes[i].cls == NULL)
      sb = sandbox_build (&sandboxes[i], cls, ram_base, irq_line, tier);
    else if (sandboxes[i].cls == cls && sandboxes[i].ram_base == ram_base &&
             sandboxes[i].irq_line == irq_line && sandboxes[i].tier == tier)
      sb = &sandboxes[i];
  g_assert (sb != NULL);

  /* Everything an input can change is set again: both RAMs, then the
   * machine's reset (events, IRQ levels, devices, the CPU with its decode
   * cache). */
  memcpy (mdl_region_host (sb->ram), image, n);
  memset (mdl_region_host (sb->ram) + n, 0, FUZZ_RAM_SIZE - n);
  memset (mdl_region_host (sb->more), 0, FUZZ_RAM_SIZE);
  mdl_machine_set_entry (sb->m, sb->cpu, entry);
  mdl_machine_reset (sb->m);
  last.sb = sb;
  memcpy (last.image, image, n);
  last.len = n;
  last.entry = entry;
  last.n_writes = 0;
  *cpu = sb->cpu;
  return sb->m;
}

MdlMachine *
fuzz_sandbox_new (const MdlCpuClass *cls, uint64_t ram_base, const uint8_t *image,
                  size_t len, uint64_t entry, unsigned irq_line, MdlCpu **cpu)
{
  return sandbox_new (cls, ram_base, image, len, entry, irq_line, -1, cpu);
}

MdlMachine *
fuzz_sandbox_new_tier (const MdlCpuClass *cls, uint64_t ram_base, const uint8_t *image,
                       size_t len, uint64_t entry, unsigned irq_line, MdlTier tier,
                       MdlCpu **cpu)
{
  return sandbox_new (cls, ram_base, image, len, entry, irq_line, (int) tier, cpu);
}

void
fuzz_sandbox_set_reg (MdlCpu *cpu, unsigned reg, uint64_t value)
{
  g_assert (last.n_writes < G_N_ELEMENTS (last.writes));
  cpu->cls->reg_write (cpu, reg, value);
  last.writes[last.n_writes].reg = reg;
  last.writes[last.n_writes].value = value;
  last.n_writes++;
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

/* abort(), not g_error()'s breakpoint trap: libFuzzer keeps the input of
 * an abort.  The cause is in an earlier input, which left state behind. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
leak_between_inputs (const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  fputs ("reused sandbox: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputs (" (an earlier input left state behind that a reset does not clear)\n", stderr);
  va_end (ap);
  abort ();
}

/* Every 64th input runs again on a machine built for it alone, which must
 * end in the same state: what one input leaves in the reused sandbox must
 * never change what the next one does (or a crash would not reproduce).
 * (It found one: mdl_machine_reset lowered IRQ lines without telling the
 * CPU, so a pending mip.MEIP survived the reset.) */
static void
check_fresh (MdlCpu *cpu, uint64_t insns)
{
  Sandbox fresh = { 0 };
  MdlCpu *other;

  if (++last.count % 64 != 0)
    return;
  sandbox_build (&fresh, last.sb->cls, last.sb->ram_base, last.sb->irq_line, last.sb->tier);
  memcpy (mdl_region_host (fresh.ram), last.image, last.len);
  mdl_machine_set_entry (fresh.m, fresh.cpu, last.entry);
  mdl_machine_reset (fresh.m);
  for (unsigned i = 0; i < last.n_writes; i++)
    fresh.cpu->cls->reg_write (fresh.cpu, last.writes[i].reg, last.writes[i].value);
  run_slices (fresh.m, insns);
  other = fresh.cpu;
  if (other->retired != cpu->retired || other->state != cpu->state)
    leak_between_inputs ("%" G_GUINT64_FORMAT " instructions retired, on a fresh machine %"
                         G_GUINT64_FORMAT, cpu->retired, other->retired);
  for (unsigned r = 0; r < cpu->cls->n_regs; r++)
    if (cpu->cls->reg_read (cpu, r) != other->cls->reg_read (other, r))
      leak_between_inputs ("register %s is 0x%" G_GINT64_MODIFIER "x, on a fresh machine 0x%"
                           G_GINT64_MODIFIER "x", cpu->cls->regs[r].name,
                           cpu->cls->reg_read (cpu, r), other->cls->reg_read (other, r));
  if (memcmp (mdl_region_host (fresh.ram), mdl_region_host (last.sb->ram), FUZZ_RAM_SIZE) != 0 ||
      memcmp (mdl_region_host (fresh.more), mdl_region_host (last.sb->more), FUZZ_RAM_SIZE) != 0)
    leak_between_inputs ("RAM differs from a fresh machine's");
  mdl_machine_free (fresh.m);
  mdl_region_unref (fresh.ram);
  mdl_region_unref (fresh.more);
}

void
fuzz_sandbox_run (MdlMachine *m, MdlCpu *cpu, uint64_t ram_base, uint64_t insns)
{
  g_autoptr(GString) text = g_string_new (NULL);

  run_slices (m, insns);
  for (unsigned r = 0; r < cpu->cls->n_regs; r++)
    cpu->cls->reg_read (cpu, r);
  check_fresh (cpu, insns);

  /* What the disassembly and anatomy views would ask for. */
  for (uint64_t pc = ram_base; pc < ram_base + 64;) {
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

static Sandbox *
sandbox_of (const MdlCpu *cpu)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (sandboxes); i++)
    if (sandboxes[i].cpu == cpu)
      return &sandboxes[i];
  g_error ("no sandbox has this CPU");
}

/* abort() for libFuzzer, as above. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
tiers_differ (const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  fputs ("interpreted and translated runs differ: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  abort ();
}

void
fuzz_sandbox_compare (MdlCpu *a, MdlCpu *b)
{
  Sandbox *sa = sandbox_of (a), *sb = sandbox_of (b);

  if (a->retired != b->retired)
    tiers_differ ("%" G_GUINT64_FORMAT " instructions retired, then %" G_GUINT64_FORMAT,
                  a->retired, b->retired);
  if (a->state != b->state)
    tiers_differ ("run state %d, then %d", (int) a->state, (int) b->state);
  if (a->time_ps != b->time_ps)
    tiers_differ ("local time %" G_GUINT64_FORMAT " ps, then %" G_GUINT64_FORMAT " ps",
                  a->time_ps, b->time_ps);
  for (unsigned r = 0; r < a->cls->n_regs; r++)
    if (a->cls->reg_read (a, r) != b->cls->reg_read (b, r))
      tiers_differ ("register %s is 0x%" G_GINT64_MODIFIER "x, then 0x%" G_GINT64_MODIFIER "x",
                    a->cls->regs[r].name, a->cls->reg_read (a, r), b->cls->reg_read (b, r));
  for (unsigned i = 0; i < FUZZ_RAM_SIZE; i++)
    if (mdl_region_host (sa->ram)[i] != mdl_region_host (sb->ram)[i]
        || mdl_region_host (sa->more)[i] != mdl_region_host (sb->more)[i])
      tiers_differ ("RAM differs at offset 0x%x", i);
}
