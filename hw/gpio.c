/* A 32-pin GPIO block ("medley,gpio") with edge interrupts.  The register
 * map and what canvas parts use are in hw/gpio.h.
 *
 * The pins' levels are recomputed after every change (a register write or
 * an input driven from outside), and edges are found by comparing the old
 * and new levels, so an edge is never counted twice and a level that does
 * not move raises nothing.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "gpio.h"

#include <string.h>

#include "engine/error.h"
#include "engine/snapshot.h"

enum {
  REG_DATA_IN = 0x00, REG_DATA_OUT = 0x04, REG_DIR = 0x08, REG_IRQ_EN = 0x0c,
  REG_IRQ_RISE = 0x10, REG_IRQ_FALL = 0x14, REG_IRQ_STATUS = 0x18,
  REG_DATA_SET = 0x1c, REG_DATA_CLEAR = 0x20,
};

#define GPIO_WINDOW 0x100

typedef struct {
  MdlDevice *dev;
  uint32_t   out, dir, inputs;
  uint32_t   levels;             /* as last computed */
  uint32_t   irq_en, irq_rise, irq_fall, irq_status;
} Gpio;

static uint32_t
gpio_compute (const Gpio *g)
{
  return (g->out & g->dir) | (g->inputs & ~g->dir);
}

/* Recomputes the pins, latches enabled edges and sets the output. */
static void
gpio_update (Gpio *g)
{
  uint32_t now = gpio_compute (g);
  uint32_t rose = now & ~g->levels, fell = g->levels & ~now;

  g->irq_status |= g->irq_en & ((rose & g->irq_rise) | (fell & g->irq_fall));
  g->levels = now;
  mdl_device_irq_set (g->dev, 0, (g->irq_status & g->irq_en) != 0);
}

static uint64_t
gpio_read (void *opaque, uint64_t offset, unsigned size)
{
  Gpio *g = opaque;

  switch (offset) {
  case REG_DATA_IN:    return g->levels;
  case REG_DATA_OUT:   return g->out;
  case REG_DIR:        return g->dir;
  case REG_IRQ_EN:     return g->irq_en;
  case REG_IRQ_RISE:   return g->irq_rise;
  case REG_IRQ_FALL:   return g->irq_fall;
  case REG_IRQ_STATUS: return g->irq_status;
  default:             return 0;
  }
}

static void
gpio_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  Gpio *g = opaque;
  uint32_t v = (uint32_t) value;

  switch (offset) {
  case REG_DATA_OUT:   g->out = v; break;
  case REG_DIR:        g->dir = v; break;
  case REG_IRQ_EN:     g->irq_en = v; break;
  case REG_IRQ_RISE:   g->irq_rise = v; break;
  case REG_IRQ_FALL:   g->irq_fall = v; break;
  case REG_IRQ_STATUS: g->irq_status &= ~v; break;
  case REG_DATA_SET:   g->out |= v; break;
  case REG_DATA_CLEAR: g->out &= ~v; break;
  default:             return;
  }
  gpio_update (g);
}

static const MdlMmioOps gpio_ops = {
  .read = gpio_read,
  .write = gpio_write,
  .min_size = 4,
  .max_size = 4,
};

static bool
gpio_realize (MdlDevice *dev, GError **error)
{
  Gpio *g = dev->state;
  uint64_t size = mdl_device_reg_size (dev, 0, GPIO_WINDOW);

  if (size < REG_DATA_CLEAR + 4) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: the register window needs 0x%x bytes, not 0x%" G_GINT64_MODIFIER "x",
                 dev->name, REG_DATA_CLEAR + 4, size);
    return false;
  }
  g->dev = dev;
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &gpio_ops, g);
  return true;
}

static void
gpio_reset (MdlDevice *dev)
{
  Gpio *g = dev->state;

  /* What the canvas drives stays: a switch keeps its position. */
  g->out = g->dir = 0;
  g->irq_en = g->irq_rise = g->irq_fall = g->irq_status = 0;
  g->levels = gpio_compute (g);
  mdl_device_irq_set (dev, 0, false);
}

static size_t
gpio_snapshot_state (MdlDevice *dev, uint8_t *buf, size_t max)
{
  Gpio *g = dev->state;
  MdlPinsState st = { g->levels, g->dir, g->inputs, g->irq_en };
  size_t n = MIN (max, sizeof st);

  memcpy (buf, &st, n);
  return n;
}

static bool
gpio_set_pin (MdlDevice *dev, unsigned pin, bool level)
{
  if (pin >= MDL_GPIO_PINS)
    return false;
  mdl_gpio_set_input (dev, pin, level);
  return true;
}

const MdlDeviceClass mdl_gpio_class = {
  .name = "gpio",
  .compatible = "medley,gpio",
  .description = N_("32 general-purpose pins with edge interrupts, for LEDs, buttons and "
                    "displays"),
  .group = MDL_GROUP_OTHER,
  .n_regions = 1,
  .default_size = GPIO_WINDOW,
  .n_irq_out = 1,
  .state_size = sizeof (Gpio),
  .realize = gpio_realize,
  .reset = gpio_reset,
  .snapshot_state = gpio_snapshot_state,
  .view = MDL_VIEW_PINS,
  .set_pin = gpio_set_pin,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};

void
mdl_gpio_set_input (MdlDevice *dev, unsigned pin, bool level)
{
  Gpio *g = dev->state;

  g_assert (dev->cls == &mdl_gpio_class);
  g_return_if_fail (pin < MDL_GPIO_PINS);
  if (level)
    g->inputs |= 1u << pin;
  else
    g->inputs &= ~(1u << pin);
  gpio_update (g);
}

uint32_t
mdl_gpio_levels (MdlDevice *dev)
{
  g_assert (dev->cls == &mdl_gpio_class);
  return ((Gpio *) dev->state)->levels;
}
