/* The system control space of one core (0xe000e000-0xe000efff): the
 * NVIC, SysTick and the system control block.
 *
 * These registers belong to the core, not to the bus: each Cortex-M of a
 * machine has its own at the same address, so the target answers accesses
 * to this range itself before the address space sees them.  The MPU's
 * registers are here too (arm-mpu.c; ARMv7-M only).  The rest of the
 * private peripheral bus (ITM, DWT, FPB) is not modelled: addresses there
 * fault like any unmapped address.
 *
 * SysTick counts in virtual time: the counter value is computed from the
 * time it was loaded, and an event is scheduled at the moment it reaches
 * zero, so a core sleeping in WFI is woken exactly then.  Its clock is
 * the CPU's (CSR.CLKSOURCE = 1) or, when the cluster gives a
 * timebase-frequency, the reference clock of that rate (CLKSOURCE = 0,
 * the reset value): the MPS2 boards feed it 1 MHz, as QEMU does, and
 * CALIB then says 10 ms is TENMS + 1 ticks of it.  Without a reference
 * clock CLKSOURCE reads as 1 and CALIB says NOREF.
 *
 * The ID registers at 0xfd0-0xffc read as on QEMU's M-profile cores.
 *
 * AIRCR.SYSRESETREQ cannot reset the whole machine from inside a run: it
 * stops the machine (as a guest exit with status 0 and the message "guest
 * requested a system reset"); the runner or the user may then reset it.
 */
#include "arm-cpu.h"

#include <string.h>

enum {
  SCS_ICTR = 0x004,
  SCS_ACTLR = 0x008,
  SYST_CSR = 0x010,
  SYST_RVR = 0x014,
  SYST_CVR = 0x018,
  SYST_CALIB = 0x01c,
  NVIC_ISER = 0x100,
  NVIC_ICER = 0x180,
  NVIC_ISPR = 0x200,
  NVIC_ICPR = 0x280,
  NVIC_IABR = 0x300,
  NVIC_IPR = 0x400,
  NVIC_IPR_END = 0x5f0,
  SCB_CPUID = 0xd00,
  SCB_ICSR = 0xd04,
  SCB_VTOR = 0xd08,
  SCB_AIRCR = 0xd0c,
  SCB_SCR = 0xd10,
  SCB_CCR = 0xd14,
  SCB_SHPR1 = 0xd18,
  SCB_SHPR3 = 0xd20,
  SCB_SHCSR = 0xd24,
  SCB_CFSR = 0xd28,
  SCB_HFSR = 0xd2c,
  SCB_DFSR = 0xd30,
  SCB_MMFAR = 0xd34,
  SCB_BFAR = 0xd38,
  SCB_AFSR = 0xd3c,
  SCB_CPACR = 0xd88,
  MPU_TYPE = 0xd90,
  MPU_RASR_A3 = 0xdb8,
  MPU_END = 0xdf0,
  SCB_DEMCR = 0xdfc,
  FP_FPCCR = 0xf34,
  FP_MVFR1 = 0xf44,
  NVIC_STIR = 0xf00,
  SCS_PID4 = 0xfd0,
  SCS_CID3 = 0xffc,
};

enum {
  SYST_ENABLE = 1u << 0,
  SYST_TICKINT = 1u << 1,
  SYST_CLKSOURCE = 1u << 2,
  SYST_COUNTFLAG = 1u << 16,
};

static inline bool
is_v7 (const ArmCpu *s)
{
  return s->profile == ARM_V7M;
}

/* The priority bits the core implements (the top prio_bits). */
static inline int
prio_mask (const ArmCpu *s, uint32_t v)
{
  return (int) (v & (0xffu << (8 - s->prio_bits)) & 0xff);
}

/* ---- SysTick ----------------------------------------------------------------- */

/* The period of the clock SysTick counts, as CLKSOURCE selects. */
static inline uint64_t
systick_period (const ArmCpu *s)
{
  if (!(s->syst_csr & SYST_CLKSOURCE) && s->cpu.timebase_hz != 0)
    return MAX (UINT64_C (1000000000000) / s->cpu.timebase_hz, 1);
  return s->cpu.period_ps;
}

static uint64_t
now_ps (ArmCpu *s)
{
  return mdl_machine_now (s->cpu.machine);
}

static uint32_t
systick_value (ArmCpu *s)
{
  uint64_t elapsed;

  if (!(s->syst_csr & SYST_ENABLE))
    return s->syst_base_val;
  if (now_ps (s) < s->syst_base_ps)
    return s->syst_base_val;
  elapsed = (now_ps (s) - s->syst_base_ps) / systick_period (s);
  if (elapsed <= s->syst_base_val)
    return s->syst_base_val - (uint32_t) elapsed;
  /* Past zero without the event having rebased the counter yet. */
  if (s->syst_rvr == 0)
    return 0;
  elapsed -= s->syst_base_val + 1;
  return s->syst_rvr - (uint32_t) (elapsed % (s->syst_rvr + 1));
}

/* Arms the event for the next time the counter reaches zero, @period
 * what systick_period says. */
static inline void
systick_schedule_with (ArmCpu *s, uint64_t period)
{
  if (!(s->syst_csr & SYST_ENABLE) || s->syst_base_val == 0) {
    mdl_event_cancel (s->cpu.machine, &s->syst_event);
    return;
  }
  mdl_event_schedule (s->cpu.machine, &s->syst_event,
                      s->syst_base_ps + (uint64_t) s->syst_base_val * period);
}

static void
systick_schedule (ArmCpu *s)
{
  systick_schedule_with (s, systick_period (s));
}

/* Loads the counter with @value at the current time; 0 means it reloads
 * from RVR at the next cycle. */
static void
systick_load (ArmCpu *s, uint32_t value)
{
  s->syst_base_ps = now_ps (s);
  s->syst_base_val = value;
  if (value == 0 && (s->syst_csr & SYST_ENABLE)) {
    s->syst_base_ps += systick_period (s);
    s->syst_base_val = s->syst_rvr;
  }
  systick_schedule (s);
}

static void
systick_fire (void *opaque, uint64_t when)
{
  ArmCpu *s = opaque;
  uint64_t period = systick_period (s);

  s->syst_csr |= SYST_COUNTFLAG;
  if (s->syst_csr & SYST_TICKINT)
    arm_set_pending (s, ARM_EXC_SYSTICK);
  /* The cycle after zero the counter holds RVR again. */
  s->syst_base_ps = when + period;
  s->syst_base_val = s->syst_rvr;
  systick_schedule_with (s, period);
}

void
arm_systick_init (ArmCpu *s)
{
  /* It changes nothing but this core's state: the core fires it itself
   * in its run (an interrupt storm of SysTick no longer ends run() at
   * every tick). */
  mdl_event_init_own (&s->syst_event, systick_fire, s, &s->cpu);
}

static void
systick_write_csr (ArmCpu *s, uint32_t v)
{
  bool was = s->syst_csr & SYST_ENABLE;
  uint32_t value = systick_value (s);

  uint32_t clk = s->cpu.timebase_hz != 0 ? v & SYST_CLKSOURCE : SYST_CLKSOURCE;
  bool clk_changed = clk != (s->syst_csr & SYST_CLKSOURCE);

  s->syst_csr = (s->syst_csr & SYST_COUNTFLAG) | (v & (SYST_ENABLE | SYST_TICKINT)) | clk;
  if (was && (v & SYST_ENABLE) && clk_changed) {
    /* Counting on from here at the other rate. */
    s->syst_base_val = value;
    s->syst_base_ps = now_ps (s);
    systick_schedule (s);
  } else if (was != (bool) (v & SYST_ENABLE)) {
    if (v & SYST_ENABLE)
      systick_load (s, value);
    else {
      s->syst_base_val = value;
      mdl_event_cancel (s->cpu.machine, &s->syst_event);
    }
  }
}

/* NOREF without a reference clock; else TENMS, and SKEW when 10 ms is
 * not a whole number of its ticks. */
static uint32_t
systick_calib (const ArmCpu *s)
{
  uint64_t hz = s->cpu.timebase_hz, ticks = hz / 100;

  if (hz == 0)
    return 1u << 31;
  return (hz % 100 ? 1u << 30 : 0) | (uint32_t) ((ticks - (ticks > 0)) & 0xffffff);
}

/* ---- the registers ----------------------------------------------------------- */

/* Where a register shows an exception's active or pending state. */
typedef struct {
  unsigned exc, bit;
} ExcBit;

/* The bits of @map whose exceptions are set in @set (exc_active or
 * exc_pending). */
static uint32_t
exc_bits (const uint32_t *set, const ExcBit *map, size_t n)
{
  uint32_t v = 0;

  for (size_t i = 0; i < n; i++)
    if (arm_bit_get (set, map[i].exc))
      v |= 1u << map[i].bit;
  return v;
}

static uint32_t
icsr_read (ArmCpu *s)
{
  static const ExcBit pend[] = {
    { ARM_EXC_SYSTICK, 26 }, /* PENDSTSET */
    { ARM_EXC_PENDSV, 28 },  /* PENDSVSET */
    { ARM_EXC_NMI, 31 },     /* NMIPENDSET */
  };
  uint32_t v = s->ipsr;
  unsigned n = ARM_EXC_IRQ0 + s->n_irq, active = 0, pending = 0;

  for (unsigned exc = 1; exc < n; exc++)
    active += arm_bit_get (s->exc_active, exc);
  for (unsigned exc = 2; exc < n && !pending; exc++)
    if (arm_bit_get (s->exc_pending, exc)
        && (exc < ARM_EXC_IRQ0 || s->irq_enabled[exc - ARM_EXC_IRQ0]))
      pending = exc;
  if (is_v7 (s) && active <= 1)
    v |= 1u << 11;    /* RETTOBASE */
  v |= pending << 12; /* VECTPENDING */
  for (unsigned i = 0; i < s->n_irq; i++)
    if (arm_bit_get (s->exc_pending, ARM_EXC_IRQ0 + i))
      v |= 1u << 22; /* ISRPENDING */
  return v | exc_bits (s->exc_pending, pend, G_N_ELEMENTS (pend));
}

static void
icsr_write (ArmCpu *s, uint32_t v)
{
  if (v & (1u << 31))
    arm_set_pending (s, ARM_EXC_NMI);
  if (v & (1u << 28))
    arm_set_pending (s, ARM_EXC_PENDSV);
  else if (v & (1u << 27))
    arm_bit_put (s->exc_pending, ARM_EXC_PENDSV, false);
  if (v & (1u << 26))
    arm_set_pending (s, ARM_EXC_SYSTICK);
  else if (v & (1u << 25))
    arm_bit_put (s->exc_pending, ARM_EXC_SYSTICK, false);
}

static uint32_t
shcsr_read (ArmCpu *s)
{
  static const ExcBit act[] = {
    { ARM_EXC_MEMMANAGE, 0 }, { ARM_EXC_BUSFAULT, 1 }, { ARM_EXC_USAGEFAULT, 3 },
    { ARM_EXC_SVCALL, 7 },    { ARM_EXC_DEBUGMON, 8 }, { ARM_EXC_PENDSV, 10 },
    { ARM_EXC_SYSTICK, 11 },
  };
  static const ExcBit pend[] = {
    { ARM_EXC_USAGEFAULT, 12 },
    { ARM_EXC_MEMMANAGE, 13 },
    { ARM_EXC_BUSFAULT, 14 },
    { ARM_EXC_SVCALL, 15 },
  };

  return s->shcsr_ena | exc_bits (s->exc_active, act, G_N_ELEMENTS (act))
         | exc_bits (s->exc_pending, pend, G_N_ELEMENTS (pend));
}

static void
aircr_write (ArmCpu *s, uint32_t v)
{
  if ((v >> 16) != 0x05fa)
    return;
  if (is_v7 (s))
    s->prigroup = (v >> 8) & 7;
  if (v & (1u << 2) || (is_v7 (s) && (v & 1)))
    mdl_machine_stop (s->cpu.machine, MDL_STOP_GUEST_EXIT, 0,
                      "guest requested a system reset (AIRCR.SYSRESETREQ) "
                      "on CPU %s",
                      s->cpu.name);
}

static void
ccr_write (ArmCpu *s, uint32_t v)
{
  if (!is_v7 (s))
    return;
  s->ccr = v
           & (ARM_CCR_NONBASETHRDENA | ARM_CCR_USERSETMPEND | ARM_CCR_UNALIGN_TRP
              | ARM_CCR_DIV_0_TRP | ARM_CCR_BFHFNMIGN | ARM_CCR_STKALIGN);
  s->align_mask = (s->ccr & ARM_CCR_UNALIGN_TRP) ? ~0u : 0;
}

static bool
has_vtor (const ArmCpu *s)
{
  /* ARMv7-M always; of the ARMv6-M cores, the M0+ (part 0xc60). */
  return is_v7 (s) || ((s->cpuid >> 4) & 0xfff) == 0xc60;
}

/* A 32-bit register read at offset @off (word aligned). */
static uint32_t
scs_read_word (ArmCpu *s, uint32_t off)
{
  unsigned nwords = (s->n_irq + 31) / 32;

  if (off >= NVIC_IPR && off < NVIC_IPR_END) {
    uint32_t v = 0;

    for (unsigned i = 0; i < 4; i++) {
      unsigned irq = (off - NVIC_IPR) + i;

      if (irq < s->n_irq)
        v |= (uint32_t) s->exc_prio[ARM_EXC_IRQ0 + irq] << (8 * i);
    }
    return v;
  }
  if (off >= NVIC_ISER && off < NVIC_IABR + 0x40) {
    unsigned bank = (off & 0x7f) / 4, group = (off - NVIC_ISER) / 0x80;
    uint32_t v = 0;

    if (bank >= nwords || (group == 4 && !is_v7 (s)))
      return 0;
    for (unsigned i = 0; i < 32; i++) {
      unsigned irq = bank * 32 + i;
      bool bit;

      if (irq >= s->n_irq)
        break;
      switch (group) {
      case 0:
      case 1: bit = s->irq_enabled[irq]; break;
      case 2:
      case 3: bit = arm_bit_get (s->exc_pending, ARM_EXC_IRQ0 + irq); break;
      default: bit = arm_bit_get (s->exc_active, ARM_EXC_IRQ0 + irq); break;
      }
      v |= (uint32_t) bit << i;
    }
    return v;
  }
  if (off >= SCB_SHPR1 && off <= SCB_SHPR3) {
    unsigned first = 4 + 4 * ((off - SCB_SHPR1) / 4);
    uint32_t v = 0;

    if (off == SCB_SHPR1 && !is_v7 (s))
      return 0;
    for (unsigned i = 0; i < 4; i++)
      v |= (uint32_t) (s->exc_prio[first + i] & 0xff) << (8 * i);
    return v;
  }

  if (off >= SCS_PID4 && off <= SCS_CID3) {
    /* PID4-7, PID0-3, CID0-3, as QEMU has them (PID4 reads as 0). */
    static const uint8_t id[12] = { 0, 0, 0, 0, 0x00, 0xb0, 0x1b, 0x00, 0x0d, 0xe0, 0x05, 0xb1 };

    return id[(off - SCS_PID4) / 4];
  }

  if (off >= MPU_TYPE && off <= MPU_RASR_A3)
    return is_v7 (s) ? arm_mpu_read (s, off) : 0;
  if (off == SCB_CPACR || (off >= FP_FPCCR && off <= FP_MVFR1))
    return s->has_fpu ? arm_fpu_sysreg_read (s, off) : 0;

  switch (off) {
  case SCS_ICTR: return is_v7 (s) ? nwords - 1 : 0;
  case SCS_ACTLR: return 0;
  case SYST_CSR: {
    uint32_t v = s->syst_csr;

    s->syst_csr &= ~SYST_COUNTFLAG;
    return v;
  }
  case SYST_RVR: return s->syst_rvr;
  case SYST_CVR: return systick_value (s);
  case SYST_CALIB: return systick_calib (s);
  case SCB_CPUID: return s->cpuid;
  case SCB_ICSR: return icsr_read (s);
  case SCB_VTOR: return has_vtor (s) ? s->vtor : 0;
  case SCB_AIRCR: return 0xfa050000u | (is_v7 (s) ? s->prigroup << 8 : 0);
  case SCB_SCR: return s->scr;
  case SCB_CCR: return s->ccr;
  case SCB_SHCSR: return is_v7 (s) ? shcsr_read (s) : 0;
  case SCB_CFSR: return is_v7 (s) ? s->cfsr : 0;
  case SCB_HFSR: return is_v7 (s) ? s->hfsr : 0;
  case SCB_MMFAR: return is_v7 (s) ? s->mmfar : 0;
  case SCB_BFAR: return is_v7 (s) ? s->bfar : 0;
  case SCB_DEMCR: return is_v7 (s) ? s->demcr : 0;
  default: return 0;
  }
}

static void
set_irq_enable (ArmCpu *s, unsigned irq, bool on)
{
  s->irq_enabled[irq] = on;
  if (on && arm_bit_get (s->exc_pending, ARM_EXC_IRQ0 + irq))
    mdl_cpu_wake (&s->cpu);
}

static void
scs_write_word (ArmCpu *s, uint32_t off, uint32_t v)
{
  unsigned nwords = (s->n_irq + 31) / 32;

  if (off >= NVIC_ISER && off < NVIC_IABR) {
    unsigned bank = (off & 0x7f) / 4, group = (off - NVIC_ISER) / 0x80;

    if (bank >= nwords)
      return;
    for (unsigned i = 0; i < 32; i++) {
      unsigned irq = bank * 32 + i, exc = ARM_EXC_IRQ0 + irq;

      if (irq >= s->n_irq)
        break;
      if (!(v >> i & 1))
        continue;
      switch (group) {
      case 0: set_irq_enable (s, irq, true); break;
      case 1: set_irq_enable (s, irq, false); break;
      case 2: arm_set_pending (s, exc); break;
      default:
        /* A line still asserted keeps its interrupt pending. */
        arm_bit_put (s->exc_pending, exc, s->irq_level[irq] && !arm_bit_get (s->exc_active, exc));
        break;
      }
    }
    return;
  }

  if (off >= MPU_TYPE && off <= MPU_RASR_A3) {
    if (is_v7 (s))
      arm_mpu_write (s, off, v);
    return;
  }
  if (off == SCB_CPACR || (off >= FP_FPCCR && off <= FP_MVFR1)) {
    if (s->has_fpu)
      arm_fpu_sysreg_write (s, off, v);
    return;
  }

  switch (off) {
  case SYST_CSR: systick_write_csr (s, v); break;
  case SYST_RVR: s->syst_rvr = v & 0xffffff; break;
  case SYST_CVR:
    s->syst_csr &= ~SYST_COUNTFLAG;
    if (s->syst_csr & SYST_ENABLE)
      systick_load (s, 0);
    else
      s->syst_base_val = 0;
    break;
  case SCB_ICSR: icsr_write (s, v); break;
  case SCB_VTOR:
    if (has_vtor (s))
      s->vtor = v & 0xffffff80u;
    break;
  case SCB_AIRCR: aircr_write (s, v); break;
  case SCB_SCR: s->scr = v & 0x16; break;
  case SCB_CCR: ccr_write (s, v); break;
  case SCB_SHCSR:
    if (is_v7 (s)) {
      s->shcsr_ena = v & (7u << 16);
      arm_bit_put (s->exc_pending, ARM_EXC_SVCALL, (v >> 15) & 1);
    }
    break;
  case SCB_CFSR: s->cfsr &= ~v; break;
  case SCB_HFSR: s->hfsr &= ~v; break;
  case SCB_MMFAR: s->mmfar = v; break;
  case SCB_BFAR: s->bfar = v; break;
  case SCB_DEMCR:
    if (is_v7 (s))
      arm_dwt_set_demcr (s, v);
    break;
  case NVIC_STIR:
    if (is_v7 (s) && (v & 0x1ff) < s->n_irq)
      arm_set_pending (s, ARM_EXC_IRQ0 + (v & 0x1ff));
    break;
  default: break;
  }
}

/* Byte-addressable priority registers: one byte, one exception. */
static bool
scs_write_prio_byte (ArmCpu *s, uint32_t off, uint8_t v)
{
  if (off >= NVIC_IPR && off < NVIC_IPR_END) {
    unsigned irq = off - NVIC_IPR;

    if (irq < s->n_irq)
      s->exc_prio[ARM_EXC_IRQ0 + irq] = prio_mask (s, v);
    return true;
  }
  if (off >= SCB_SHPR1 && off < SCB_SHPR3 + 4) {
    unsigned exc = 4 + (off - SCB_SHPR1);

    /* Only SVCall, DebugMonitor, PendSV and SysTick exist on ARMv6-M
       * (and DebugMonitor not at all here); faults 4-6 on ARMv7-M. */
    if ((exc >= 4 && exc <= 6 && is_v7 (s)) || exc == ARM_EXC_SVCALL || exc == ARM_EXC_PENDSV
        || exc == ARM_EXC_SYSTICK || (exc == ARM_EXC_DEBUGMON && is_v7 (s)))
      s->exc_prio[exc] = prio_mask (s, v);
    return true;
  }
  return false;
}

/* The unprivileged may touch STIR only (and then when CCR.USERSETMPEND
 * allows); anything else faults. */
static bool
scs_allowed (ArmCpu *s, uint32_t off)
{
  return arm_privileged (s) || (off == NVIC_STIR && (s->ccr & ARM_CCR_USERSETMPEND));
}

static bool
scs_known (ArmCpu *s, uint32_t off)
{
  return off < 0x020 || (off >= NVIC_ISER && off < NVIC_IPR_END)
         || (off >= SCB_CPUID && off < MPU_END) || off == SCB_DEMCR || off == NVIC_STIR
         || (off >= FP_FPCCR && off <= FP_MVFR1 + 3 && s->has_fpu)
         || (off >= SCS_PID4 && off <= SCS_CID3 + 3);
}

bool
arm_scs_read (ArmCpu *s, uint32_t addr, unsigned size, uint32_t *value)
{
  uint32_t off = addr - ARM_SCS_BASE, word;

  if (!scs_allowed (s, off) || !scs_known (s, off) || (addr & (size - 1)))
    return false;
  word = scs_read_word (s, off & ~3u);
  *value = size == 4 ? word : (word >> (8 * (off & 3))) & ((1u << (8 * size)) - 1);
  return true;
}

bool
arm_scs_write (ArmCpu *s, uint32_t addr, unsigned size, uint32_t value)
{
  uint32_t off = addr - ARM_SCS_BASE;

  if (!scs_allowed (s, off) || !scs_known (s, off) || (addr & (size - 1)))
    return false;
  if (scs_write_prio_byte (s, off, (uint8_t) value)) {
    for (unsigned i = 1; i < size; i++)
      scs_write_prio_byte (s, off + i, (uint8_t) (value >> (8 * i)));
  } else {
    /* Narrow writes to word registers land in their byte lanes. */
    scs_write_word (s, off & ~3u, value << (8 * (off & 3)));
  }
  /* The write may have unmasked or pended an interrupt. */
  mdl_cpu_kick (&s->cpu);
  return true;
}

void
arm_scs_reset (ArmCpu *s)
{
  s->vtor = 0;
  s->prigroup = 0;
  s->scr = 0;
  s->ccr = is_v7 (s) ? ARM_CCR_STKALIGN : ARM_CCR_STKALIGN | ARM_CCR_UNALIGN_TRP;
  s->align_mask = is_v7 (s) ? 0 : ~0u;
  s->shcsr_ena = 0;
  s->cfsr = s->hfsr = s->mmfar = s->bfar = 0;
  s->syst_csr = s->cpu.timebase_hz != 0 ? 0 : SYST_CLKSOURCE;
  s->syst_rvr = 0;
  s->syst_base_val = 0;
  s->syst_base_ps = 0;
  mdl_event_cancel (s->cpu.machine, &s->syst_event);
  arm_mpu_reset (s);
  arm_dwt_reset (s);
  arm_fpb_reset (s);
  arm_fpu_reset (s);
  memset (s->irq_level, 0, sizeof s->irq_level);
  s->nmi_level = false;
}

bool
arm_debug_read (MdlCpu *cpu, uint64_t addr, unsigned size, uint64_t *value, const char **why)
{
  ArmCpu *s = (ArmCpu *) cpu;
  uint32_t off, word;

  if (s->profile == ARM_V7M && addr - ARM_DWT_BASE < 0x2000u) {
    uint32_t v, reg = (uint32_t) addr & 0xfff;
    bool dwt = addr < ARM_FPB_BASE;

    if ((addr & 3) || size != 4 || !(dwt ? arm_dwt_read (s, reg, &v) : arm_fpb_read (s, reg, &v)))
      *why = dwt ? "no DWT register there" : "no FPB register there";
    else
      *value = v;
    return true;
  }
  if (addr < ARM_SCS_BASE || addr >= ARM_SCS_END)
    return false;
  off = (uint32_t) addr - ARM_SCS_BASE;
  if (!scs_known (s, off) || (addr & (size - 1))) {
    *why = "no system control register there";
    return true;
  }
  /* The only read in the space that changes anything. */
  if ((off & ~3u) == SYST_CSR) {
    *why = "reading SYST_CSR clears its COUNTFLAG";
    return true;
  }
  /* A debugger reads as the privileged core would. */
  word = scs_read_word (s, off & ~3u);
  *value = size == 4 ? word : (word >> (8 * (off & 3))) & ((1u << (8 * size)) - 1);
  return true;
}
