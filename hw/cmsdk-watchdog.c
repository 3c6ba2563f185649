/* Arm CMSDK APB watchdog ("arm,cmsdk-watchdog"), as on the MPS2 boards
 * (0x40008000, its interrupt on the NMI).
 *
 * An SP805-style 32-bit down-counter clocked by WDOGCLK.  Registers (Arm
 * DDI 0479, "APB watchdog"), 32-bit words:
 *
 *   0x000 LOAD     writing it reloads the counter
 *   0x004 VALUE    the counter (read-only)
 *   0x008 CONTROL  bit 0 INTEN (counting and the interrupt; turning it
 *                  on reloads the counter), bit 1 RESEN
 *   0x00c INTCLR   write: clears the interrupt and reloads the counter
 *   0x010 RIS      bit 0: the counter reached zero
 *   0x014 MIS      RIS AND INTEN
 *   0xc00 LOCK     write 0x1acce551 to unlock, anything else to lock;
 *                  reads 1 while locked, when writes to the other
 *                  registers are ignored
 *   0xf00 ITCR, 0xf04 ITOP   integration test: read as 0, ignored
 *   0xfd0-0xffc    ID registers (part 0x824)
 *
 * The counter runs while INTEN is set.  Reaching zero the first time
 * raises the interrupt and reloads; reaching it again with the interrupt
 * still unacknowledged asserts the reset output when RESEN is set: the
 * machine stops as a guest reset request (MDL_STOP_RESET, which a board's
 * reset handler turns into a reset), saying the watchdog did it.
 *
 * Output 0 is WDOGINT (the MPS2 wires it to the NMI, the line after the
 * CPU's external interrupts).  At reset LOAD and VALUE are 0xffffffff.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "cmsdk-counter.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define REG_LOAD    0x000
#define REG_VALUE   0x004
#define REG_CONTROL 0x008
#define REG_INTCLR  0x00c
#define REG_RIS     0x010
#define REG_MIS     0x014
#define REG_LOCK    0xc00

#define CTL_INTEN 0x1u
#define CTL_RESEN 0x2u

#define UNLOCK_KEY 0x1acce551u

typedef struct {
  MdlDevice *dev;
  CmsdkCounter ctr;
  uint32_t load, control, ris;
  bool locked;
} Wdog;

static void
wdog_update_irq (Wdog *w)
{
  mdl_device_irq_set (w->dev, 0, w->ris && (w->control & CTL_INTEN));
}

static void
wdog_at_zero (void *opaque, uint64_t when)
{
  Wdog *w = opaque;

  if (w->ris && (w->control & CTL_RESEN)) {
    mdl_machine_stop (w->dev->machine, MDL_STOP_RESET, 0,
                      "watchdog %s reset the machine (its interrupt was not cleared in time)",
                      w->dev->name);
    cmsdk_counter_stop_events (&w->ctr);
    return;
  }
  w->ris = 1;
  wdog_update_irq (w);
  cmsdk_counter_restart (&w->ctr, when, w->load);
}

static uint64_t
wdog_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Wdog *w = dev->state;

  switch (offset) {
  case REG_LOAD: return w->load;
  case REG_VALUE: return cmsdk_counter_value (&w->ctr);
  case REG_CONTROL: return w->control;
  case REG_RIS: return w->ris;
  case REG_MIS: return w->ris && (w->control & CTL_INTEN);
  case REG_LOCK: return w->locked;
  default: return cmsdk_id_reg (offset, 0x24);
  }
}

static void
wdog_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Wdog *w = dev->state;
  uint32_t v = (uint32_t) value;

  if (offset == REG_LOCK) {
    w->locked = v != UNLOCK_KEY;
    return;
  }
  if (w->locked)
    return;
  switch (offset) {
  case REG_LOAD:
    w->load = v;
    cmsdk_counter_load (&w->ctr, v);
    break;
  case REG_CONTROL: {
    bool was = w->control & CTL_INTEN;

    w->control = v & (CTL_INTEN | CTL_RESEN);
    cmsdk_counter_run (&w->ctr, w->control & CTL_INTEN);
    if (!was && (w->control & CTL_INTEN))
      cmsdk_counter_load (&w->ctr, w->load);
    break;
  }
  case REG_INTCLR:
    w->ris = 0;
    cmsdk_counter_load (&w->ctr, w->load);
    break;
  default: break;
  }
  wdog_update_irq (w);
}

static const MdlMmioOps wdog_ops = {
  .read = wdog_read,
  .read_effect = mdl_mmio_reads_freely,
  .write = wdog_write,
  .min_size = 4,
  .max_size = 4,
};

static void
wdog_reset (MdlDevice *dev)
{
  Wdog *w = dev->state;

  cmsdk_counter_stop_events (&w->ctr);
  w->load = 0xffffffffu;
  w->control = w->ris = 0;
  w->locked = false;
  w->ctr.running = false;
  w->ctr.base_val = 0xffffffffu;
  wdog_update_irq (w);
}

static bool
wdog_realize (MdlDevice *dev, GError **error)
{
  Wdog *w = dev->state;
  uint64_t period_ps, size;

  if (!cmsdk_check_realize (dev, "watchdog", &period_ps, &size, error))
    return false;
  w->dev = dev;
  cmsdk_counter_init (&w->ctr, dev->machine, wdog_at_zero, w);
  w->ctr.period_ps = period_ps;
  wdog_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &wdog_ops, dev);
  return true;
}

static void
wdog_finalize (MdlDevice *dev)
{
  Wdog *w = dev->state;

  if (w->dev != NULL)
    cmsdk_counter_stop_events (&w->ctr);
}

static const MdlPropInfo wdog_props[] = {
  { .name = "clock-frequency",
    .type = MDL_PROP_FREQ,
    .description = N_ ("WDOGCLK, the rate the counter counts at"),
    .default_u64 = 25000000 },
};

const MdlDeviceClass mdl_cmsdk_watchdog_class = {
  .name = "cmsdk-watchdog",
  .compatible = "arm,cmsdk-watchdog",
  .description = N_ ("Arm CMSDK APB watchdog (MPS2): interrupt, then reset"),
  .group = MDL_GROUP_TIMERS,
  .props = wdog_props,
  .n_props = G_N_ELEMENTS (wdog_props),
  .n_regions = 1,
  .default_size = CMSDK_WINDOW_SIZE,
  .n_irq_out = 1,
  .state_size = sizeof (Wdog),
  .realize = wdog_realize,
  .reset = wdog_reset,
  .finalize = wdog_finalize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
