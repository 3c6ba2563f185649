#define G_LOG_DOMAIN "mdl-irq"

#include "machine-private.h"

static MdlIrqLine *
line_new (MdlMachine *m)
{
  MdlIrqLine *l = g_new0 (MdlIrqLine, 1);

  l->machine = m;
  g_ptr_array_add (m->irq_lines, l);
  return l;
}

MdlIrqLine *
mdl_irq_line_to_cpu (MdlMachine *m, MdlCpu *cpu, unsigned line)
{
  MdlIrqLine *l = line_new (m);

  g_assert (line < cpu->cls->n_irq_in);
  l->cpu = cpu;
  l->line = line;
  return l;
}

MdlIrqLine *
mdl_irq_line_to_device (MdlMachine *m, MdlDevice *dev, unsigned line)
{
  MdlIrqLine *l = line_new (m);

  g_assert (line < dev->cls->n_irq_in);
  l->device = dev;
  l->line = line;
  return l;
}

void
mdl_irq_set (MdlIrqLine *line, bool level)
{
  if (line == NULL || line->level == level)
    return;
  line->level = level;
  mdl_trace_add (line->machine, MDL_TRACE_IRQ,
                 line->cpu ? (uint16_t) line->cpu->index
                           : (uint16_t) (_mdl_device_index (line->machine, line->device)
                                         | MDL_TRACE_DEVICE),
                 line->line, level);
  if (line->cpu != NULL)
    line->cpu->cls->set_irq (line->cpu, line->line, level);
  else if (line->device->cls->irq_in != NULL)
    line->device->cls->irq_in (line->device, line->line, level);
}

bool
mdl_irq_level (const MdlIrqLine *line)
{
  return line != NULL && line->level;
}

void
mdl_cpu_irq_out_set (MdlCpu *cpu, unsigned i, bool level)
{
  g_return_if_fail (i < cpu->cls->n_irq_out);
  mdl_irq_set (cpu->irq_out[i], level);
}

MdlCpu *
mdl_device_irq_out_cpu (MdlDevice *dev, unsigned output)
{
  g_return_val_if_fail (output < dev->cls->n_irq_out, NULL);
  return dev->irq_out[output] != NULL ? dev->irq_out[output]->cpu : NULL;
}
