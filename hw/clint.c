/* SiFive CLINT ("riscv,clint0"): machine software and timer interrupts.
 *
 * Layout (SiFive/QEMU):
 *   0x0000 + 4 * hart   msip      bit 0 drives the hart's MSIP
 *   0x4000 + 8 * hart   mtimecmp  64 bits
 *   0xbff8              mtime     64 bits, shared
 * 64-bit registers take 8-byte accesses or 4-byte accesses to either
 * half; everything else takes 4-byte accesses (8-byte accesses elsewhere
 * are split into two words).
 *
 * mtime is derived from virtual time, never stored: ticks = now_ps *
 * timebase / 10^12, plus an offset that a guest write to mtime sets.  A
 * hart's MTIP is the level mtime >= mtimecmp; when that lies in the future
 * an event is scheduled at the first picosecond where it becomes true.
 * The CPU's own `time` CSR is computed by the target from virtual time and
 * the same timebase, so it agrees with mtime as long as the guest never
 * writes mtime (which M-mode firmware on virt does not).
 *
 * Interrupt outputs come in pairs per hart, in the order of the virt
 * device tree's interrupts-extended: output 2h is hart h's MSIP, 2h + 1
 * its MTIP.  Up to 8 harts; registers of harts beyond that read as 0.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define CLINT_MAX_HARTS  8
#define CLINT_MSIP       0x0000
#define CLINT_MTIMECMP   0x4000
#define CLINT_MTIME      0xbff8
#define CLINT_MIN_SIZE   0xc000   /* up to and including mtime */

typedef struct Clint Clint;

typedef struct {
  Clint      *clint;
  unsigned    index;
  uint64_t    mtimecmp;
  bool        msip;
  MdlEvent    timer;        /* fires when mtime reaches mtimecmp */
} ClintHart;

struct Clint {
  MdlDevice  *dev;
  uint64_t    timebase_hz;
  uint64_t    mtime_offset; /* mtime - ticks since time 0, modulo 2^64 */
  ClintHart   harts[CLINT_MAX_HARTS];
};

static uint64_t
clint_ticks_at (const Clint *c, uint64_t now_ps)
{
  return (uint64_t) ((unsigned __int128) now_ps * c->timebase_hz
                     / MDL_PS_PER_S);
}

static uint64_t
clint_mtime (const Clint *c)
{
  return clint_ticks_at (c, mdl_machine_now (c->dev->machine))
         + c->mtime_offset;
}

/* The first picosecond at which the tick count reaches @ticks, i.e. the
 * smallest t with floor (t * timebase / 10^12) >= ticks, or
 * MDL_TIME_NEVER when that is beyond the 64-bit clock. */
static uint64_t
clint_time_of_tick (const Clint *c, uint64_t ticks)
{
  unsigned __int128 ps = ((unsigned __int128) ticks * MDL_PS_PER_S
                          + c->timebase_hz - 1) / c->timebase_hz;
  return ps >= MDL_TIME_NEVER ? MDL_TIME_NEVER : (uint64_t) ps;
}

static void
clint_cancel_timer (MdlMachine *m, ClintHart *h)
{
  if (mdl_event_pending (&h->timer))
    mdl_event_cancel (m, &h->timer);
}

/* Recomputes hart @h's MTIP from mtime and mtimecmp, and (re)arms its
 * event for the moment it would become true. */
static void
clint_update_timer (ClintHart *h)
{
  Clint *c = h->clint;
  MdlMachine *m = c->dev->machine;
  uint64_t now = mdl_machine_now (m);
  uint64_t ticks = clint_ticks_at (c, now);
  uint64_t mtime = ticks + c->mtime_offset;
  bool level = mtime >= h->mtimecmp;

  mdl_device_irq_set (c->dev, 2 * h->index + 1, level);
  if (level) {
    clint_cancel_timer (m, h);
    return;
  }
  /* mtime reaches mtimecmp after (mtimecmp - mtime) more ticks; past the
   * end of the 64-bit tick count it never does. */
  uint64_t distance = h->mtimecmp - mtime;
  uint64_t when = ticks > UINT64_MAX - distance
                  ? MDL_TIME_NEVER
                  : clint_time_of_tick (c, ticks + distance);
  /* when > now by construction; the MAX only guards against an event
   * that would re-arm itself at the same instant forever. */
  if (when == MDL_TIME_NEVER)
    clint_cancel_timer (m, h);
  else
    mdl_event_schedule (m, &h->timer, MAX (when, now + 1));
}

static void
clint_timer_fired (void *opaque, uint64_t now_ps)
{
  /* Re-evaluating (rather than raising blindly) keeps MTIP right even
   * if the event fires a little late or the schedule was superseded. */
  clint_update_timer (opaque);
}

static void
clint_update_all_timers (Clint *c)
{
  for (unsigned i = 0; i < CLINT_MAX_HARTS; i++)
    clint_update_timer (&c->harts[i]);
}

static void
clint_set_msip (ClintHart *h, bool level)
{
  h->msip = level;
  mdl_device_irq_set (h->clint->dev, 2 * h->index, level);
}

/* Replaces the bytes selected by @mask in @old with those of @value. */
static uint64_t
merge (uint64_t old, uint64_t value, uint64_t mask)
{
  return (old & ~mask) | (value & mask);
}

/* A 4- or 8-byte access to a 64-bit register: @shift is 0 or 32 for the
 * half a 4-byte access addresses. */
static void
reg64_split (uint64_t offset, uint64_t reg, unsigned size,
             unsigned *shift, uint64_t *mask)
{
  *shift = size == 8 ? 0 : (unsigned) (offset - reg) * 8;
  *mask = (size == 8 ? UINT64_MAX : UINT64_C (0xffffffff)) << *shift;
}

/* The hart whose mtimecmp @offset falls in, with the part of it a @size
 * access there covers; NULL outside the mtimecmp array. */
static ClintHart *
clint_mtimecmp_at (Clint *c, uint64_t offset, unsigned size, unsigned *shift, uint64_t *mask)
{
  uint64_t reg = offset & ~UINT64_C (7);

  if (offset < CLINT_MTIMECMP || offset >= CLINT_MTIMECMP + 8 * CLINT_MAX_HARTS)
    return NULL;
  reg64_split (offset, reg, size, shift, mask);
  return &c->harts[(reg - CLINT_MTIMECMP) / 8];
}

static uint64_t
clint_read32 (Clint *c, uint64_t offset)
{
  if (offset < CLINT_MSIP + 4 * CLINT_MAX_HARTS)
    return c->harts[offset / 4].msip;
  return 0;
}

static void
clint_write32 (Clint *c, uint64_t offset, uint32_t value)
{
  if (offset < CLINT_MSIP + 4 * CLINT_MAX_HARTS)
    clint_set_msip (&c->harts[offset / 4], value & 1);
}

static uint64_t
clint_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Clint *c = dev->state;
  unsigned shift;
  uint64_t mask;
  ClintHart *h = clint_mtimecmp_at (c, offset, size, &shift, &mask);

  if (h != NULL)
    return (h->mtimecmp & mask) >> shift;
  if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
    reg64_split (offset, CLINT_MTIME, size, &shift, &mask);
    return (clint_mtime (c) & mask) >> shift;
  }
  if (size == 8)
    return clint_read32 (c, offset) | (clint_read32 (c, offset + 4) << 32);
  return clint_read32 (c, offset);
}

static void
clint_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Clint *c = dev->state;
  unsigned shift;
  uint64_t mask;
  ClintHart *h = clint_mtimecmp_at (c, offset, size, &shift, &mask);

  if (h != NULL) {
    h->mtimecmp = merge (h->mtimecmp, value << shift, mask);
    clint_update_timer (h);
    return;
  }
  if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
    reg64_split (offset, CLINT_MTIME, size, &shift, &mask);
    uint64_t ticks = clint_ticks_at (c, mdl_machine_now (dev->machine));
    uint64_t mtime = merge (ticks + c->mtime_offset, value << shift, mask);
    c->mtime_offset = mtime - ticks;
    clint_update_all_timers (c);
    return;
  }
  clint_write32 (c, offset, (uint32_t) value);
  if (size == 8)
    clint_write32 (c, offset + 4, (uint32_t) (value >> 32));
}

static const MdlMmioOps clint_ops = {
  .read = clint_read,
  .write = clint_write,
  .min_size = 4,
  .max_size = 8,
};

static void
clint_reset (MdlDevice *dev)
{
  Clint *c = dev->state;

  /* mtime restarts from the virtual clock (offset 0) so that it keeps
   * agreeing with the harts' `time` CSR; mtimecmp resets to all ones, as
   * on SiFive parts, so no timer interrupt is pending after reset. */
  c->mtime_offset = 0;
  for (unsigned i = 0; i < CLINT_MAX_HARTS; i++) {
    ClintHart *h = &c->harts[i];
    h->mtimecmp = UINT64_MAX;
    clint_set_msip (h, false);
    clint_update_timer (h);
  }
}

static bool
clint_realize (MdlDevice *dev, GError **error)
{
  Clint *c = dev->state;
  uint64_t timebase = mdl_device_prop_u64 (dev, "timebase-frequency");
  uint64_t size = mdl_device_reg_size (dev, 0, 0x10000);

  if (timebase == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: timebase-frequency must not be 0", dev->name);
    return false;
  }
  if (timebase > MDL_PS_PER_S) {
    /* A tick shorter than the clock's picosecond could not be timed. */
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: timebase-frequency %" G_GUINT64_FORMAT " Hz is above "
                 "the 1 THz virtual time can resolve", dev->name, timebase);
    return false;
  }
  if (size < CLINT_MIN_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "does not reach mtime at 0x%x (needs 0x%x)",
                 dev->name, size, CLINT_MTIME, CLINT_MIN_SIZE);
    return false;
  }

  c->dev = dev;
  c->timebase_hz = timebase;
  for (unsigned i = 0; i < CLINT_MAX_HARTS; i++) {
    c->harts[i].clint = c;
    c->harts[i].index = i;
    mdl_event_init (&c->harts[i].timer, clint_timer_fired, &c->harts[i]);
  }
  /* A usable state even if the machine is never reset (tests, the
   * inspector): outputs are not wired yet, so this raises nothing. */
  clint_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &clint_ops, dev);
  return true;
}

static void
clint_finalize (MdlDevice *dev)
{
  Clint *c = dev->state;

  /* The queue must not keep pointers into freed state. */
  if (c->dev == NULL)
    return;   /* realize failed before the events existed */
  for (unsigned i = 0; i < CLINT_MAX_HARTS; i++)
    clint_cancel_timer (dev->machine, &c->harts[i]);
}

static const MdlPropInfo clint_props[] = {
  { .name = "timebase-frequency", .type = MDL_PROP_FREQ,
    .description = N_("Rate at which mtime counts"),
    .default_u64 = 10000000 },
};

const MdlDeviceClass mdl_clint_class = {
  .name = "clint",
  .compatible = "riscv,clint0",
  .description = N_("Core-local interruptor: mtime, mtimecmp and software interrupts"),
  .group = MDL_GROUP_TIMERS,
  .props = clint_props,
  .n_props = G_N_ELEMENTS (clint_props),
  .n_regions = 1,
  .default_size = 0x10000,
  .n_irq_out = 2 * CLINT_MAX_HARTS,
  .state_size = sizeof (Clint),
  .fdt_compatible = (const char *const[]) { "sifive,clint0", "riscv,clint0", NULL },
  .fdt_node_name = "clint",
  .realize = clint_realize,
  .reset = clint_reset,
  .finalize = clint_finalize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
