/* Arm CMSDK APB timer ("arm,cmsdk-timer"), as on the MPS2 boards (two of
 * them, at 0x40000000 and 0x40001000, on external IRQs 8 and 9).
 *
 * A 32-bit down-counter clocked by PCLK.  Registers (Arm DDI 0479, "APB
 * timer"), 32-bit words:
 *
 *   0x000 CTRL       bit 0 enable, 1 external input as enable, 2 external
 *                    input as clock, 3 interrupt enable
 *   0x004 VALUE      the counter (writable)
 *   0x008 RELOAD     the value loaded at the tick after zero; writing it
 *                    loads the counter too (as QEMU's model does)
 *   0x00c INTSTATUS  bit 0: the counter reached zero with the interrupt
 *         INTCLEAR   enabled; write 1 to clear
 *   0xfd0-0xffc      ID registers (part 0x822)
 *
 * While enabled the counter goes RELOAD, RELOAD - 1, ..., 0, RELOAD: one
 * interrupt every RELOAD + 1 ticks.  From 0 it reloads at the next tick
 * without an interrupt; with RELOAD = 0 it stays at 0.  The external
 * input is not modelled (nothing drives EXTIN on the MPS2 boards): its
 * two CTRL bits are stored and the counter counts PCLK as QEMU's does.
 *
 * Output 0 is TIMERINT: INTSTATUS, a level until cleared.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "cmsdk-counter.h"
#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define REG_CTRL      0x000
#define REG_VALUE     0x004
#define REG_RELOAD    0x008
#define REG_INTSTATUS 0x00c

#define CTRL_EN    0x1u
#define CTRL_IRQEN 0x8u
#define CTRL_MASK  0xfu

typedef struct {
  MdlDevice *dev;
  CmsdkCounter ctr;
  uint32_t ctrl, reload, intstatus;
} Timer;

static void
timer_update_irq (Timer *t)
{
  mdl_device_irq_set (t->dev, 0, t->intstatus & 1);
}

static void
timer_at_zero (void *opaque, uint64_t when)
{
  Timer *t = opaque;

  if (t->ctrl & CTRL_IRQEN) {
    t->intstatus = 1;
    timer_update_irq (t);
  }
  cmsdk_counter_restart (&t->ctr, when + t->ctr.period_ps, t->reload);
}

/* Enabling at 0: the reload shows one tick later, with no interrupt. */
static void
timer_start_from_zero (Timer *t)
{
  if (t->ctr.running && cmsdk_counter_value (&t->ctr) == 0 && t->reload != 0)
    cmsdk_counter_restart (&t->ctr, mdl_machine_now (t->ctr.m) + t->ctr.period_ps, t->reload);
}

static uint64_t
timer_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Timer *t = dev->state;

  switch (offset) {
  case REG_CTRL: return t->ctrl;
  case REG_VALUE: return cmsdk_counter_value (&t->ctr);
  case REG_RELOAD: return t->reload;
  case REG_INTSTATUS: return t->intstatus;
  default: return cmsdk_id_reg (offset, 0x22);
  }
}

static void
timer_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Timer *t = dev->state;
  uint32_t v = (uint32_t) value;

  switch (offset) {
  case REG_CTRL:
    t->ctrl = v & CTRL_MASK;
    cmsdk_counter_run (&t->ctr, t->ctrl & CTRL_EN);
    timer_start_from_zero (t);
    break;
  case REG_VALUE:
    cmsdk_counter_load (&t->ctr, v);
    timer_start_from_zero (t);
    break;
  case REG_RELOAD:
    t->reload = v;
    cmsdk_counter_load (&t->ctr, v);
    break;
  case REG_INTSTATUS:
    t->intstatus &= ~(v & 1);
    timer_update_irq (t);
    break;
  default: break; /* ID registers */
  }
}

static const MdlMmioOps timer_ops = {
  .read = timer_read,
  .read_effect = mdl_mmio_reads_freely,
  .write = timer_write,
  .min_size = 4,
  .max_size = 4,
};

static void
timer_reset (MdlDevice *dev)
{
  Timer *t = dev->state;

  cmsdk_counter_stop_events (&t->ctr);
  t->ctrl = t->reload = t->intstatus = 0;
  t->ctr.running = false;
  t->ctr.base_val = 0;
  timer_update_irq (t);
}

static bool
timer_realize (MdlDevice *dev, GError **error)
{
  Timer *t = dev->state;
  uint64_t period_ps, size;

  if (!cmsdk_check_realize (dev, "timer", &period_ps, &size, error))
    return false;
  t->dev = dev;
  cmsdk_counter_init (&t->ctr, dev->machine, timer_at_zero, t);
  t->ctr.period_ps = period_ps;
  timer_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &timer_ops, dev);
  return true;
}

static void
timer_finalize (MdlDevice *dev)
{
  Timer *t = dev->state;

  if (t->dev != NULL)
    cmsdk_counter_stop_events (&t->ctr);
}

static const MdlPropInfo timer_props[] = {
  { .name = "clock-frequency",
    .type = MDL_PROP_FREQ,
    .description = N_ ("APB clock (PCLK) the counter counts"),
    .default_u64 = 25000000 },
};

const MdlDeviceClass mdl_cmsdk_timer_class = {
  .name = "cmsdk-timer",
  .compatible = "arm,cmsdk-timer",
  .description = N_ ("Arm CMSDK APB timer (MPS2): 32-bit down-counter with reload"),
  .group = MDL_GROUP_TIMERS,
  .props = timer_props,
  .n_props = G_N_ELEMENTS (timer_props),
  .n_regions = 1,
  .default_size = CMSDK_WINDOW_SIZE,
  .n_irq_out = 1,
  .state_size = sizeof (Timer),
  .realize = timer_realize,
  .reset = timer_reset,
  .finalize = timer_finalize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
