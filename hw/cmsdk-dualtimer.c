/* Arm CMSDK APB dual timer ("arm,cmsdk-dualtimer"), as on the MPS2
 * boards (0x40002000, external IRQ 10).
 *
 * Two SP804-style down-counters in one window, each with its own
 * registers at 0x00 (timer 1) and 0x20 (timer 2), 32-bit words (Arm DDI
 * 0479, "Dual-input timers"):
 *
 *   +0x00 LOAD     writing it loads the counter at once
 *   +0x04 VALUE    the counter (read-only)
 *   +0x08 CONTROL  bit 0 one-shot, 1 32-bit counter (else 16-bit),
 *                  3:2 prescale (0: PCLK, 1: PCLK / 16, 2 and 3:
 *                  PCLK / 256), 5 interrupt enable (set at reset),
 *                  6 periodic (else free-running), 7 enable
 *   +0x0c INTCLR   write: clears the interrupt
 *   +0x10 RIS      bit 0: the counter reached zero
 *   +0x14 MIS      RIS AND the interrupt enable
 *   +0x18 BGLOAD   the reload value, without touching the counter
 *   0xf00 ITCR, 0xf04 ITOP   integration test: read as 0, ignored
 *   0xfd0-0xffc    ID registers (part 0x823)
 *
 * Counting: from zero a free-running counter wraps to its maximum
 * (0xffffffff, or 0xffff in 16-bit mode), a periodic one reloads LOAD,
 * a one-shot one stays at zero; each reaching of zero sets RIS.  So a
 * periodic timer interrupts every LOAD + 1 prescaled ticks.  At reset
 * each counter holds 0xffffffff, LOAD is 0 and CONTROL 0x20.
 *
 * Outputs, in QEMU's order: 0 TIMINTC (either timer's MIS, what the
 * MPS2 wires to IRQ 10), 1 TIMINT1, 2 TIMINT2.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "cmsdk-counter.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define REG_LOAD    0x00
#define REG_VALUE   0x04
#define REG_CONTROL 0x08
#define REG_INTCLR  0x0c
#define REG_RIS     0x10
#define REG_MIS     0x14
#define REG_BGLOAD  0x18

#define CTL_ONESHOT  0x01u
#define CTL_SIZE32   0x02u
#define CTL_PRESCALE 0x0cu
#define CTL_INTEN    0x20u
#define CTL_PERIODIC 0x40u
#define CTL_ENABLE   0x80u
#define CTL_MASK     0xefu

enum { OUT_COMBINED, OUT_TIMER1, OUT_TIMER2, N_OUT };

typedef struct Dual Dual;

typedef struct {
  Dual *owner;
  CmsdkCounter ctr;
  uint32_t load, control, ris;
} Half;

struct Dual {
  MdlDevice *dev;
  uint64_t pclk_ps;
  Half t[2];
};

static uint32_t
half_max (const Half *h)
{
  return h->control & CTL_SIZE32 ? 0xffffffffu : 0xffffu;
}

static uint64_t
half_period (const Half *h)
{
  static const unsigned shift[4] = { 0, 4, 8, 8 };

  return h->owner->pclk_ps << shift[(h->control & CTL_PRESCALE) >> 2];
}

static bool
half_mis (const Half *h)
{
  return h->ris && (h->control & CTL_INTEN);
}

static void
dual_update_irq (Dual *d)
{
  mdl_device_irq_set (d->dev, OUT_TIMER1, half_mis (&d->t[0]));
  mdl_device_irq_set (d->dev, OUT_TIMER2, half_mis (&d->t[1]));
  mdl_device_irq_set (d->dev, OUT_COMBINED, half_mis (&d->t[0]) || half_mis (&d->t[1]));
}

static void
half_at_zero (void *opaque, uint64_t when)
{
  Half *h = opaque;
  uint32_t next;

  h->ris = 1;
  dual_update_irq (h->owner);
  if (h->control & CTL_ONESHOT) {
    h->ctr.running = false; /* holds 0; the enable bit stays set */
    h->ctr.base_val = 0;
    return;
  }
  next = h->control & CTL_PERIODIC ? h->load & half_max (h) : half_max (h);
  cmsdk_counter_restart (&h->ctr, when + h->ctr.period_ps, next);
}

static uint32_t
half_read (Half *h, uint64_t reg)
{
  switch (reg) {
  case REG_LOAD:
  case REG_BGLOAD: return h->load;
  case REG_VALUE: return cmsdk_counter_value (&h->ctr);
  case REG_CONTROL: return h->control;
  case REG_RIS: return h->ris;
  case REG_MIS: return half_mis (h);
  default: return 0;
  }
}

static void
half_write (Half *h, uint64_t reg, uint32_t v)
{
  switch (reg) {
  case REG_LOAD:
    /* Also what restarts a one-shot counter that has run out. */
    h->load = v;
    h->ctr.running = h->control & CTL_ENABLE;
    cmsdk_counter_load (&h->ctr, v & half_max (h));
    break;
  case REG_BGLOAD: h->load = v; break;
  case REG_CONTROL:
    h->control = v & CTL_MASK;
    cmsdk_counter_set_period (&h->ctr, half_period (h));
    cmsdk_counter_run (&h->ctr, h->control & CTL_ENABLE);
    break;
  case REG_INTCLR: h->ris = 0; break;
  default: break;
  }
  dual_update_irq (h->owner);
}

static uint64_t
dual_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Dual *d = dev->state;

  if (offset < 0x40)
    return half_read (&d->t[offset / 0x20], offset % 0x20);
  return cmsdk_id_reg (offset, 0x23);
}

static void
dual_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Dual *d = dev->state;

  if (offset < 0x40)
    half_write (&d->t[offset / 0x20], offset % 0x20, (uint32_t) value);
}

static const MdlMmioOps dual_ops = {
  .read = dual_read,
  .read_effect = mdl_mmio_reads_freely,
  .write = dual_write,
  .min_size = 4,
  .max_size = 4,
};

static void
dual_reset (MdlDevice *dev)
{
  Dual *d = dev->state;

  for (unsigned i = 0; i < 2; i++) {
    Half *h = &d->t[i];

    cmsdk_counter_stop_events (&h->ctr);
    h->load = 0;
    h->control = CTL_INTEN;
    h->ris = 0;
    h->ctr.running = false;
    h->ctr.base_val = 0xffffffffu;
    h->ctr.period_ps = half_period (h);
  }
  dual_update_irq (d);
}

static bool
dual_realize (MdlDevice *dev, GError **error)
{
  Dual *d = dev->state;
  uint64_t period_ps, size;

  if (!cmsdk_check_realize (dev, "dual timer", &period_ps, &size, error))
    return false;
  d->dev = dev;
  d->pclk_ps = period_ps;
  for (unsigned i = 0; i < 2; i++) {
    d->t[i].owner = d;
    cmsdk_counter_init (&d->t[i].ctr, dev->machine, half_at_zero, &d->t[i]);
  }
  dual_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &dual_ops, dev);
  return true;
}

static void
dual_finalize (MdlDevice *dev)
{
  Dual *d = dev->state;

  if (d->dev != NULL)
    for (unsigned i = 0; i < 2; i++)
      cmsdk_counter_stop_events (&d->t[i].ctr);
}

static const MdlPropInfo dual_props[] = {
  { .name = "clock-frequency",
    .type = MDL_PROP_FREQ,
    .description = N_ ("APB clock (PCLK) before the prescalers"),
    .default_u64 = 25000000 },
};

const MdlDeviceClass mdl_cmsdk_dualtimer_class = {
  .name = "cmsdk-dualtimer",
  .compatible = "arm,cmsdk-dualtimer",
  .description = N_ ("Arm CMSDK APB dual timer (MPS2): two SP804-style down-counters"),
  .group = MDL_GROUP_TIMERS,
  .props = dual_props,
  .n_props = G_N_ELEMENTS (dual_props),
  .n_regions = 1,
  .default_size = CMSDK_WINDOW_SIZE,
  .n_irq_out = N_OUT,
  .state_size = sizeof (Dual),
  .realize = dual_realize,
  .reset = dual_reset,
  .finalize = dual_finalize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
