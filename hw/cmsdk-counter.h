/* A down-counter in virtual time, shared by the CMSDK timer models
 * (cmsdk-timer.c, cmsdk-dualtimer.c, cmsdk-watchdog.c).
 *
 * The counter is never ticked: it remembers the value it held at one
 * moment and derives the current value from the time since, and it keeps
 * one event scheduled at the moment it reaches zero.  What happens at
 * zero (an interrupt, a reload, a wrap, a stop) is the device's business:
 * its event handler calls cmsdk_counter_restart with the value the
 * counter shows from the next tick on.  Between reaching zero and that
 * next tick the counter reads 0.
 */
#pragma once

#include "engine/device.h"
#include "engine/error.h"
#include "engine/machine.h"

/* The CMSDK blocks' 4 KiB register window (ID registers end at 0xfff). */
#define CMSDK_WINDOW_SIZE 0x1000

typedef struct {
  MdlMachine *m;
  MdlEvent zero;      /* fires when the value reaches 0 */
  uint64_t period_ps; /* one tick */
  bool running;
  uint32_t base_val; /* the value at base_ps ... */
  uint64_t base_ps;  /* ... a moment that may lie one tick ahead */
} CmsdkCounter;

/* What every CMSDK timer model checks before it builds anything: a
 * clock-frequency between 1 Hz and 1 THz, and a window that holds its
 * registers.  Gives the tick in *@period_ps and the window's size, or
 * false with @error naming the device and the block (@what). */
static inline bool
cmsdk_check_realize (MdlDevice *dev, const char *what, uint64_t *period_ps, uint64_t *size,
                     GError **error)
{
  uint64_t hz = mdl_device_prop_u64 (dev, "clock-frequency");

  *size = mdl_device_reg_size (dev, 0, CMSDK_WINDOW_SIZE);
  if (hz == 0 || hz > UINT64_C (1000000000000)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: clock-frequency must be between 1 Hz and 1 THz", dev->name);
    return false;
  }
  if (*size < CMSDK_WINDOW_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes is smaller than "
                 "the %s's 0x%x (its ID registers end at 0xfff)",
                 dev->name, *size, what, CMSDK_WINDOW_SIZE);
    return false;
  }
  *period_ps = UINT64_C (1000000000000) / hz;
  return true;
}

static inline void
cmsdk_counter_init (CmsdkCounter *c, MdlMachine *m, MdlEventFunc at_zero, void *opaque)
{
  c->m = m;
  mdl_event_init (&c->zero, at_zero, opaque);
}

static inline uint32_t
cmsdk_counter_value (const CmsdkCounter *c)
{
  uint64_t now = mdl_machine_now (c->m), ticks;

  if (!c->running)
    return c->base_val;
  if (now < c->base_ps)
    return 0; /* the tick after zero, before the reload shows */
  ticks = (now - c->base_ps) / c->period_ps;
  return ticks >= c->base_val ? 0 : c->base_val - (uint32_t) ticks;
}

static inline void
cmsdk_counter_schedule (CmsdkCounter *c)
{
  if (!c->running || c->base_val == 0) {
    mdl_event_cancel (c->m, &c->zero);
    return;
  }
  mdl_event_schedule (c->m, &c->zero, c->base_ps + (uint64_t) c->base_val * c->period_ps);
}

/* Shows @value from @when on (a zero handler passes its time plus one
 * tick); a value of 0 is held without another event. */
static inline void
cmsdk_counter_restart (CmsdkCounter *c, uint64_t when, uint32_t value)
{
  c->base_ps = when;
  c->base_val = value;
  cmsdk_counter_schedule (c);
}

/* Loads @value now (a register write). */
static inline void
cmsdk_counter_load (CmsdkCounter *c, uint32_t value)
{
  cmsdk_counter_restart (c, mdl_machine_now (c->m), value);
}

/* Starts or stops counting, keeping the value. */
static inline void
cmsdk_counter_run (CmsdkCounter *c, bool on)
{
  uint32_t v = cmsdk_counter_value (c);

  if (on == c->running)
    return;
  c->running = on;
  cmsdk_counter_load (c, v);
}

/* Changes the tick (a prescaler), keeping the value. */
static inline void
cmsdk_counter_set_period (CmsdkCounter *c, uint64_t period_ps)
{
  uint32_t v = cmsdk_counter_value (c);

  if (period_ps == c->period_ps)
    return;
  c->period_ps = period_ps;
  cmsdk_counter_load (c, v);
}

static inline void
cmsdk_counter_stop_events (CmsdkCounter *c)
{
  mdl_event_cancel (c->m, &c->zero);
}

/* The twelve ID registers at 0xfd0-0xffc of every CMSDK APB peripheral:
 * PID4 = 0x04, PID0 = the part number's low byte, PID1-3 as given by
 * the kit (designer Arm, revision 0), CID0-3 = 0d f0 05 b1.  @off is the
 * word-aligned offset; 0 outside the range. */
static inline uint32_t
cmsdk_id_reg (uint64_t off, uint8_t part)
{
  const uint8_t id[12] = { 0x04, 0, 0, 0, part, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

  return off >= 0xfd0 && off <= 0xffc ? id[(off - 0xfd0) / 4] : 0;
}
