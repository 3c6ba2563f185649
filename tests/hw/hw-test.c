#include "hw-test.h"

#include "hw/devices.h"

/* The probe: a device with many interrupt inputs that counts rising
 * edges.  One per machine, found by name among its devices. */
#define PROBE_INPUTS 64

typedef struct {
  unsigned   next_input;
  unsigned   rises[PROBE_INPUTS];
  MdlDevice *owner[PROBE_INPUTS];   /* which output feeds each input */
  unsigned   output[PROBE_INPUTS];
} Probe;

static void
probe_irq_in (MdlDevice *dev, unsigned line, bool level)
{
  Probe *p = dev->state;

  if (level)
    p->rises[line]++;
}

static const MdlDeviceClass probe_class = {
  .name = "probe",
  .compatible = "medley,test-probe",
  .n_irq_in = PROBE_INPUTS,
  .state_size = sizeof (Probe),
  .irq_in = probe_irq_in,
};

static MdlDevice *
probe_get (MdlMachine *m)
{
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++) {
    MdlDevice *dev = mdl_machine_device (m, i);
    if (dev->cls == &probe_class)
      return dev;
  }
  MdlDevice *probe = mdl_device_new (m, &probe_class, "probe");
  mdl_machine_add_device (m, probe);
  return probe;
}

const MdlDeviceClass *
hw_test_class (const char *compatible)
{
  for (unsigned i = 0; mdl_hw_device_classes[i] != NULL; i++)
    if (g_strcmp0 (mdl_hw_device_classes[i]->compatible, compatible) == 0)
      return mdl_hw_device_classes[i];
  g_error ("no device class with compatible %s", compatible);
}

MdlDevice *
hw_test_device_new (MdlMachine *m, const char *compatible, const char *name,
                    uint64_t base, uint64_t size)
{
  MdlDevice *dev = mdl_device_new (m, hw_test_class (compatible), name);

  dev->reg = g_new0 (MdlRegEntry, 1);
  dev->reg[0].base = base;
  dev->reg[0].size = size;
  dev->n_reg = 1;
  return dev;
}

bool
hw_test_realize (MdlDevice *dev, MdlAddressSpace *as, GError **error)
{
  MdlMachine *m = dev->machine;

  if (!dev->cls->realize (dev, error)) {
    mdl_device_free (dev);
    return false;
  }
  mdl_machine_add_device (m, dev);
  if (as != NULL && dev->cls->n_regions > 0)
    g_assert_true (mdl_address_space_map (as, dev->reg[0].base,
                                          dev->regions[0], error));

  MdlDevice *probe = probe_get (m);
  Probe *p = probe->state;
  for (unsigned i = 0; i < dev->cls->n_irq_out; i++) {
    g_assert_cmpuint (p->next_input, <, PROBE_INPUTS);
    p->owner[p->next_input] = dev;
    p->output[p->next_input] = i;
    dev->irq_out[i] = mdl_irq_line_to_device (m, probe, p->next_input++);
  }
  return true;
}

bool
hw_test_irq_level (MdlDevice *dev, unsigned i)
{
  g_assert_cmpuint (i, <, dev->cls->n_irq_out);
  return mdl_irq_level (dev->irq_out[i]);
}

unsigned
hw_test_irq_rises (MdlDevice *dev, unsigned i)
{
  Probe *p = probe_get (dev->machine)->state;

  for (unsigned in = 0; in < p->next_input; in++)
    if (p->owner[in] == dev && p->output[in] == i)
      return p->rises[in];
  g_error ("%s output %u is not wired", dev->name, i);
}

uint64_t
hw_test_read (MdlAddressSpace *as, uint64_t addr, unsigned size)
{
  uint64_t value = 0xdeadbeef;

  g_assert_cmpint (mdl_address_space_read (as, addr, size, &value), ==, MDL_MEM_OK);
  return value;
}

void
hw_test_write (MdlAddressSpace *as, uint64_t addr, unsigned size, uint64_t value)
{
  g_assert_cmpint (mdl_address_space_write (as, addr, size, value), ==, MDL_MEM_OK);
}
