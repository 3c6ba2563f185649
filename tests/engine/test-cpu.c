#include "test-cpu.h"

static void
test_cpu_reset (MdlCpu *cpu, uint64_t entry)
{
  TestCpu *t = (TestCpu *) cpu;

  t->irq = false;
}

static uint64_t
test_cpu_run (MdlCpu *cpu, uint64_t budget)
{
  TestCpu *t = (TestCpu *) cpu;
  uint64_t n = budget, start = cpu->time_ps;

  mdl_cpu_set_exit_request (cpu, false);
  if (t->wait_at > cpu->retired && t->wait_at - cpu->retired <= budget)
    n = t->wait_at - cpu->retired;
  if (t->poke != NULL && t->poke_at > cpu->retired && t->poke_at - cpu->retired <= n) {
    n = t->poke_at - cpu->retired;
    mdl_cpu_account (cpu, n - 1);
    t->poke (cpu, t->poke_data);
    mdl_cpu_account (cpu, 1);
  } else
    mdl_cpu_account (cpu, n);
  if (cpu->retired == t->wait_at && !t->irq)
    cpu->state = MDL_CPU_WAITING;
  if (t->trace != NULL)
    g_string_append_printf (t->trace, "%s:%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " ",
                            cpu->name, start, cpu->time_ps);
  return n;
}

static void
test_cpu_set_irq (MdlCpu *cpu, unsigned line, bool level)
{
  TestCpu *t = (TestCpu *) cpu;

  t->irq = level;
  if (level)
    mdl_cpu_wake (cpu);
}

static uint64_t
test_cpu_reg_read (MdlCpu *cpu, unsigned reg)
{
  return cpu->retired;
}

static void
test_cpu_reg_write (MdlCpu *cpu, unsigned reg, uint64_t value)
{
}

static const MdlRegInfo test_cpu_regs[] = {
  { "count", NULL, 64, "general", true },
};

const MdlCpuClass test_cpu_class = {
  .name = "test-counter",
  .compatible = "medley,test-counter",
  .arch = "test",
  .xlen = 64,
  .regs = test_cpu_regs,
  .n_regs = 1,
  .n_irq_in = 1,
  .state_size = sizeof (TestCpu),
  .reset = test_cpu_reset,
  .run = test_cpu_run,
  .set_irq = test_cpu_set_irq,
  .reg_read = test_cpu_reg_read,
  .reg_write = test_cpu_reg_write,
};
