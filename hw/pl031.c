/* Arm PrimeCell real-time clock PL031 ("arm,pl031", also
 * "arm,primecell"), as on QEMU's virt machine at 0x09010000.
 *
 *   0x000 DR    the count of seconds (read-only)
 *   0x004 MR    match: the interrupt is raised when the count reaches it
 *   0x008 LR    load: sets the count
 *   0x00c CR    bit 0, start: set at reset here (the clock is running
 *               when firmware looks), and once set it stays set
 *   0x010 IMSC  bit 0 enables the match interrupt
 *   0x014 RIS   bit 0, the match happened
 *   0x018 MIS   RIS & IMSC
 *   0x01c ICR   write 1 to clear RIS
 *   0xfe0..0xffc peripheral and PrimeCell IDs
 *
 * The count is not the host's clock, so that runs stay deterministic: it
 * starts at the board's epoch (medley,epoch, seconds since 1970) at
 * reset and advances with virtual time, one per virtual second.  The
 * match is an event at the virtual time the count reaches MR (the count
 * wraps at 32 bits, as the register does).
 *
 * One interrupt output: RTCINTR, RIS & IMSC.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

typedef struct {
  MdlDevice *dev;
  MdlEvent   match;
  uint32_t   load;        /* the count at load_ps */
  uint64_t   load_ps;
  uint32_t   mr, cr, imsc, ris;
} Pl031;

static const uint8_t pl031_ids[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t
pl031_count (const Pl031 *r)
{
  uint64_t now = mdl_machine_now (r->dev->machine);

  return r->load + (uint32_t) ((now - r->load_ps) / MDL_PS_PER_S);
}

static void
pl031_update (Pl031 *r)
{
  mdl_device_irq_set (r->dev, 0, (r->ris & r->imsc & 1) != 0);
}

/* The match event goes at the first whole second when the count is MR. */
static void
pl031_schedule (Pl031 *r)
{
  uint64_t now = mdl_machine_now (r->dev->machine);
  uint32_t ahead = r->mr - pl031_count (r);
  uint64_t elapsed = (now - r->load_ps) / MDL_PS_PER_S;

  mdl_event_cancel (r->dev->machine, &r->match);
  if (ahead == 0)
    return;   /* already there: the match happened or happens in 2^32 s */
  mdl_event_schedule (r->dev->machine, &r->match,
                      r->load_ps + (elapsed + ahead) * MDL_PS_PER_S);
}

static void
pl031_match (void *opaque, uint64_t now_ps)
{
  Pl031 *r = opaque;

  r->ris = 1;
  pl031_update (r);
}

static uint64_t
pl031_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Pl031 *r = dev->state;

  switch (offset) {
  case 0x000: return pl031_count (r);
  case 0x004: return r->mr;
  case 0x008: return pl031_count (r);
  case 0x00c: return r->cr;
  case 0x010: return r->imsc;
  case 0x014: return r->ris;
  case 0x018: return r->ris & r->imsc;
  default:
    if (offset >= 0xfe0 && offset < 0x1000)
      return pl031_ids[(offset - 0xfe0) / 4];
    return 0;
  }
}

static void
pl031_write (void *opaque, uint64_t offset, unsigned size, uint64_t value64)
{
  MdlDevice *dev = opaque;
  Pl031 *r = dev->state;
  uint32_t value = (uint32_t) value64;

  switch (offset) {
  case 0x004:
    r->mr = value;
    pl031_schedule (r);
    break;
  case 0x008:
    r->load = value;
    r->load_ps = mdl_machine_now (dev->machine);
    pl031_schedule (r);
    break;
  case 0x00c: r->cr |= value & 1; break;
  case 0x010: r->imsc = value & 1; break;
  case 0x01c: r->ris &= ~value & 1; break;
  default: return;
  }
  pl031_update (r);
}

static const MdlMmioOps pl031_ops = {
  .read = pl031_read,
  .write = pl031_write,
  .min_size = 4,
  .max_size = 4,
};

static void
pl031_reset (MdlDevice *dev)
{
  Pl031 *r = dev->state;

  mdl_event_cancel (dev->machine, &r->match);
  r->load = (uint32_t) mdl_device_prop_u64 (dev, "medley,epoch");
  r->load_ps = mdl_machine_now (dev->machine);
  r->mr = 0;
  r->cr = 1;
  r->imsc = 0;
  r->ris = 0;
  pl031_schedule (r);
  pl031_update (r);
}

static bool
pl031_realize (MdlDevice *dev, GError **error)
{
  Pl031 *r = dev->state;
  uint64_t epoch = mdl_device_prop_u64 (dev, "medley,epoch");
  uint64_t size = mdl_device_reg_size (dev, 0, 0x1000);

  if (epoch > UINT32_MAX) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: medley,epoch %" G_GUINT64_FORMAT " does not fit the "
                 "RTC's 32-bit count", dev->name, epoch);
    return false;
  }
  if (size < 0x1000) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "cannot hold the PL031's 4 KiB of registers", dev->name, size);
    return false;
  }
  r->dev = dev;
  mdl_event_init (&r->match, pl031_match, r);
  pl031_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &pl031_ops, dev);
  return true;
}

static const MdlPropInfo pl031_props[] = {
  /* 2026-01-01 00:00:00 UTC. */
  { .name = "medley,epoch", .type = MDL_PROP_U64,
    .description = N_("Count at reset, in seconds since 1970 (the clock then follows virtual time)"),
    .default_u64 = 1767225600 },
};

const MdlDeviceClass mdl_pl031_class = {
  .name = "pl031",
  .compatible = "arm,pl031",
  .description = N_("Arm PL031 real-time clock counting virtual seconds"),
  .group = MDL_GROUP_TIMERS,
  .props = pl031_props,
  .n_props = G_N_ELEMENTS (pl031_props),
  .n_regions = 1,
  .default_size = 0x1000,
  .n_irq_out = 1,
  .state_size = sizeof (Pl031),
  .fdt_compatible = (const char *const[]) { "arm,pl031", "arm,primecell", NULL },
  .fdt_node_name = "pl031",
  /* The AMBA bus driver enables apb_pclk before probing; QEMU's virt
   * runs it at 24 MHz. */
  .fdt_clocks = (const char *const[]) { "apb_pclk", NULL },
  .fdt_clock_hz = 24000000,
  .realize = pl031_realize,
  .reset = pl031_reset,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
