/* The Thumb/Thumb-2 frontend of the translating tier, for the M-profile
 * classes (docs/translator.md, "The Thumb frontend"): its dispatcher.
 * The frontend's parts are listed in arm-jit-private.h.
 *
 * arm_jit_run() is the class's run_translated: arm_run()'s loop with a
 * block of translated code where the loop would dispatch one instruction.
 * Between blocks everything is the interpreter's own code (the check
 * section that counts traps and takes interrupts, IT blocks a block did
 * not start before), so both tiers retire the same instructions, account
 * the same time before every device access and take interrupts at the
 * same instruction.  Not translated at all: a CPU with debugger
 * breakpoints, the FPB enabled or the MPU enabled (the interpreter's loop
 * runs).
 */
#include "arm-jit-private.h"

#include <stdio.h>
#include <stdlib.h>

#define ARM_JIT_MODE_MAX_SHIFT 8
#define ARM_JIT_CODE_BYTES     (8u << 20)
#define ARM_JIT_MAX_BLOCKS     16384

/* ---- counting what goes out ----------------------------------------------
 *
 * With MEDLEY_ARM_JIT_FALLBACKS set (to anything), translated code counts
 * every call of an executor by instruction class: whole instructions
 * ("exec", and "wrapped" when the decoder's pc or sp wrapper is in front)
 * apart from inline fast paths that missed ("slow": a device, an
 * unaligned address, a fault).  The counts of every Arm CPU of the
 * process go to stderr at exit, most frequent first: what to translate
 * inline next, and what it would save (multiply by the cost of a call).
 * A diagnostic: counts from several threads may lose increments.
 */
enum { ARM_FB_EXEC, ARM_FB_WRAPPED, ARM_FB_SLOW, ARM_FB_KINDS };

static uint64_t arm_jit_fallbacks[ARM_OP_COUNT][ARM_FB_KINDS];
static const char *arm_jit_fallback_name[ARM_OP_COUNT];

static void
arm_jit_print_fallbacks (void)
{
  static const char *const kind[ARM_FB_KINDS] = { "exec", "wrapped", "slow" };
  uint64_t total = 0;

  for (;;) {
    unsigned best_op = 0, best_kind = 0;
    uint64_t best = 0;

    for (unsigned op = 0; op < ARM_OP_COUNT; op++)
      for (unsigned k = 0; k < ARM_FB_KINDS; k++)
        if (arm_jit_fallbacks[op][k] > best) {
          best = arm_jit_fallbacks[op][k];
          best_op = op;
          best_kind = k;
        }
    if (best == 0)
      break;
    fprintf (stderr, "arm-jit fallbacks: %12" G_GUINT64_FORMAT "  %s (%s)\n", best,
             arm_jit_fallback_name[best_op] ? arm_jit_fallback_name[best_op] : "undefined",
             kind[best_kind]);
    total += best;
    arm_jit_fallbacks[best_op][best_kind] = 0;
  }
  fprintf (stderr, "arm-jit fallbacks: %12" G_GUINT64_FORMAT "  in all\n", total);
}

static bool
arm_jit_counting (void)
{
  static gsize once;
  static bool on;

  if (g_once_init_enter (&once)) {
    on = g_getenv ("MEDLEY_ARM_JIT_FALLBACKS") != NULL;
    if (on)
      atexit (arm_jit_print_fallbacks);
    g_once_init_leave (&once, 1);
  }
  return on;
}

/* Counts one call of @ins's executor (rcx is free here). */
void
arm_jit_count_fallback (ArmJitCtx *c, const ArmJitInsn *ins)
{
  ArmOp op = ins->dec.op ? ins->dec.op->op : ARM_OP_UNDEF;
  unsigned k = c->slow_path ? ARM_FB_SLOW : ins->e.inner ? ARM_FB_WRAPPED : ARM_FB_EXEC;

  if (!arm_jit_counting ())
    return;
  if (ins->dec.op)
    arm_jit_fallback_name[op] = ins->dec.op->name;
  mdl_x86_mov_ri (c->a, MDL_X86_RCX, (uint64_t) (uintptr_t) &arm_jit_fallbacks[op][k]);
  mdl_x86_alu_mi (c->a, MDL_X86_ADD, true, MDL_X86_RCX, 0, 1);
}

static MdlJit *
arm_jit_get (ArmCpu *s)
{
  if (s->cpu.jit == NULL && !s->jit_unavailable) {
    size_t bytes = mdl_machine_jit_cache_size (s->cpu.machine);
    g_autoptr (GError) error = NULL;

    s->cpu.jit = mdl_jit_new (bytes ? bytes : ARM_JIT_CODE_BYTES,
                              bytes ? (unsigned) (bytes / 256) : ARM_JIT_MAX_BLOCKS, &error);
    if (s->cpu.jit == NULL) {
      g_message ("%s: %s; interpreting", s->cpu.name, error->message);
      s->jit_unavailable = true;
    }
  }
  return s->cpu.jit;
}

uint64_t
arm_jit_run (MdlCpu *cpu, uint64_t budget)
{
  ArmCpu *s = (ArmCpu *) cpu;
  MdlJit *jit = arm_jit_get (s);
  uint32_t pc;
  uint64_t n = 0, limit;

  if (jit == NULL || cpu->breakpoints != NULL)
    return arm_run (cpu, budget);
  mdl_cpu_set_exit_request (cpu, false);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  arm_interp_begin (s);
  pc = arm_check_interrupts (s, s->pc) & ~ARM_CHECK;
  s->trapped = false;
  /* As in arm_run: a lockup while taking it runs nothing. */
  if (cpu->state != MDL_CPU_RUNNING)
    budget = n;
  /* Translated code stops at the core's own event too (SysTick), where
   * the interpreter would. */
  limit = mdl_cpu_run_limit (n, budget, cpu->own_budget);
  mdl_cpu_begin_translated (cpu, limit);

  for (;;) {
    while (G_LIKELY (n < limit)) {
      const MdlJitBlock *b = NULL;

      if (G_UNLIKELY (s->itstate)) {
        mdl_jit_chain (jit, NULL);
        pc = arm_interp_step_it (s, pc, n++);
      } else {
        if (G_LIKELY (!(s->mpu_ctrl & 1) && !s->fpb_enable)) {
          b = mdl_jit_lookup (jit, pc, 0);
          if (b == NULL)
            b = arm_jit_translate (s, jit, pc, 0, ARM_JIT_MAX_INSNS);
          /* Near the end of the budget: a shorter block (as rv_jit_run). */
          bool short_block = false;

          if (b != NULL && limit - n < b->n_insns) {
            unsigned max = 1;
            uint32_t mode;

            while (2 * max <= limit - n)
              max *= 2;
            mode = max << ARM_JIT_MODE_MAX_SHIFT;
            b = mdl_jit_lookup (jit, pc, mode);
            if (b == NULL)
              b = arm_jit_translate (s, jit, pc, mode, max);
            short_block = true;
          }
          /* Chains lead to whole blocks only. */
          mdl_jit_chain (jit, short_block ? NULL : b);
        } else
          mdl_jit_chain (jit, NULL);
        if (b != NULL)
          pc = (uint32_t) mdl_jit_enter (jit, b, s, &n);
        else
          pc = arm_interp_step (s, pc, n++);
      }
      if (G_LIKELY (!(pc & ARM_CHECK))) {
        /* A block left at its budget check after another thread's kick
         * (mdl_cpu_kick): where the interpreter would see it at a taken
         * branch. */
        if (G_UNLIKELY (mdl_cpu_exit_requested (cpu)))
          goto out;
        continue;
      }

      /* As in arm_run. */
      pc &= ~ARM_CHECK;
      arm_count_trap (s);
    look:
      if (arm_loop_look (s, &pc))
        goto out;
    }
    if (n >= budget)
      break;
    /* As in arm_run: the core's own event, then the look. */
    limit = arm_fire_own (s, n, budget);
    mdl_cpu_begin_translated (cpu, limit);
    goto look;
  }

out:
  s->pc = pc;
  arm_sync (s, n);
  return n - s->run_traps;
}
