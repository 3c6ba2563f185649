#define G_LOG_DOMAIN "mdl-device"

#include "device.h"

#include "machine-private.h"
#include "trace.h"

MdlDevice *
mdl_device_new (MdlMachine *m, const MdlDeviceClass *cls, const char *name)
{
  MdlDevice *dev = g_new0 (MdlDevice, 1);

  dev->cls = cls;
  dev->machine = m;
  dev->name = g_strdup (name);
  dev->props = g_new0 (MdlPropValue, MAX (cls->n_props, 1));
  for (unsigned i = 0; i < cls->n_props; i++) {
    dev->props[i].u64 = cls->props[i].default_u64;
    dev->props[i].str = g_strdup (cls->props[i].default_str);
  }
  dev->regions = g_new0 (MdlRegion *, MAX (cls->n_regions, 1));
  dev->irq_out = g_new0 (MdlIrqLine *, MAX (cls->n_irq_out, 1));
  dev->state = g_malloc0 (MAX (cls->state_size, 1));
  return dev;
}

void
mdl_device_free (MdlDevice *dev)
{
  if (dev == NULL)
    return;
  if (dev->cls->finalize != NULL)
    dev->cls->finalize (dev);
  for (unsigned i = 0; i < dev->cls->n_regions; i++)
    g_clear_pointer (&dev->regions[i], mdl_region_unref);
  for (unsigned i = 0; i < dev->cls->n_props; i++)
    g_free (dev->props[i].str);
  g_free (dev->props);
  g_free (dev->regions);
  g_free (dev->irq_out);   /* the lines belong to the machine */
  g_free (dev->reg);
  g_free (dev->state);
  g_free (dev->name);
  g_free (dev);
}

int
mdl_device_class_find_prop (const MdlDeviceClass *cls, const char *name)
{
  for (unsigned i = 0; i < cls->n_props; i++)
    if (g_strcmp0 (cls->props[i].name, name) == 0)
      return (int) i;
  return -1;
}

static MdlPropValue *
prop (const MdlDevice *dev, const char *name)
{
  int i = mdl_device_class_find_prop (dev->cls, name);

  /* Asking for a property the class does not declare is a programming
   * error in the device model, not bad user input. */
  g_assert (i >= 0);
  return &dev->props[i];
}

uint64_t
mdl_device_prop_u64 (const MdlDevice *dev, const char *name)
{
  return prop (dev, name)->u64;
}

const char *
mdl_device_prop_str (const MdlDevice *dev, const char *name)
{
  return prop (dev, name)->str;
}

void
mdl_device_set_prop_u64 (MdlDevice *dev, const char *name, uint64_t v)
{
  prop (dev, name)->u64 = v;
}

void
mdl_device_set_prop_str (MdlDevice *dev, const char *name, const char *v)
{
  MdlPropValue *p = prop (dev, name);

  g_free (p->str);
  p->str = g_strdup (v);
}

uint64_t
mdl_device_reg_size (const MdlDevice *dev, unsigned i, uint64_t fallback)
{
  return i < dev->n_reg ? dev->reg[i].size : fallback;
}

void
mdl_device_trace (MdlDevice *dev, unsigned kind, uint32_t aux, uint64_t value)
{
  mdl_trace_add (dev->machine, (MdlTraceKind) kind, (uint16_t) (dev->index | MDL_TRACE_DEVICE),
                 aux, value);
}

void
mdl_device_irq_set (MdlDevice *dev, unsigned i, bool level)
{
  g_assert (i < dev->cls->n_irq_out);
  mdl_irq_set (dev->irq_out[i], level);
}
