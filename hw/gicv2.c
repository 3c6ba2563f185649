/* Arm Generic Interrupt Controller, architecture version 2 ("arm,cortex-a15-gic",
 * also "arm,gic-400"), without the Security Extensions, as QEMU's virt
 * machine has it for a Cortex-A53 cluster.
 *
 * One register window of 0x20000 bytes holds both blocks: the
 * distributor (GICD_*) at offset 0 and the CPU interface (GICC_*) at
 * 0x10000, where virt puts them (0x08000000 and 0x08010000).
 *
 * Distributor (32-bit registers; IPRIORITYR, ITARGETSR, CPENDSGIR and
 * SPENDSGIR take byte accesses too):
 *   0x000 CTLR        bit 0 enables group 0, bit 1 group 1
 *   0x004 TYPER       ITLinesNumber, CPUNumber (no security extensions)
 *   0x008 IIDR        GIC-400
 *   0x080 IGROUPR     group of each interrupt (0 at reset)
 *   0x100/0x180       ISENABLER / ICENABLER
 *   0x200/0x280       ISPENDR / ICPENDR (SGI bits read-only)
 *   0x300/0x380       ISACTIVER / ICACTIVER
 *   0x400 IPRIORITYR  8 bits per interrupt, all implemented
 *   0x800 ITARGETSR   CPU mask per SPI; for SGIs and PPIs read-only, the
 *                     accessing CPU's own bit; with one CPU interface all
 *                     RAZ/WI, every SPI going to it (the uniprocessor case
 *                     of the specification, and QEMU's virt with one core)
 *   0xc00 ICFGR       2 bits per interrupt, bit 1 = edge; SGIs always edge
 *   0xf00 SGIR        write-only: SGI id [3:0], target list [23:16],
 *                     filter [25:24] (list, all but self, self)
 *   0xf10 CPENDSGIR, 0xf20 SPENDSGIR: a byte per SGI of the accessing
 *                     CPU, one bit per source CPU
 *   0xfd0..0xffc      peripheral and component ID registers
 *
 * CPU interface (banked: each CPU sees its own):
 *   0x00 CTLR   EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR, EOImodeS (9),
 *               EOImodeNS (10)
 *   0x04 PMR    priority mask      0x08 BPR   binary point (group 0)
 *   0x0c IAR    acknowledge        0x10 EOIR  end of interrupt
 *   0x14 RPR    running priority   0x18 HPPIR highest pending
 *   0x1c ABPR, 0x20 AIAR, 0x24 AEOIR, 0x28 AHPPIR: the group 1 aliases
 *   0xd0..0xdc  APR (read as zero)  0xfc IIDR
 *   0x1000 DIR  deactivate, when CTLR's EOImode bit of the group is set
 *
 * Interrupt inputs: input n < 256 is SPI n (INTID 32 + n, device-tree
 * specifier <0 n flags>); input 256 + 16 * i + p is PPI p (INTID 16 + p,
 * specifier <1 p flags>) of CPU interface i, for up to 8 interfaces.
 * Interrupt outputs: 2 * i is CPU interface i's IRQ, 2 * i + 1 its FIQ
 * (docs/aarch64-seams.md).  The CPU interface a register access belongs
 * to is the one whose IRQ output drives mdl_machine_current_cpu(); an
 * access with no current CPU (a debugger, a device test) is CPU
 * interface 0's.
 *
 * Level-sensitive interrupts are pending while their line is high or a
 * write to ISPENDR latched them; edge-triggered ones latch on a rising
 * edge.  Acknowledging clears the latch and makes the interrupt active;
 * priority drop and deactivation happen at EOIR (or EOIR then DIR with
 * EOImode).  A group 0 interrupt is signalled on FIQ when FIQEn is set,
 * everything else on IRQ.  All 8 priority bits are implemented; group
 * priority follows BPR (group 0) and ABPR (group 1, or BPR with CBPR).
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define GIC_CPUS       8
#define GIC_SPIS       256
#define GIC_IRQS       (32 + GIC_SPIS)    /* INTIDs 0 .. 287 */
#define GIC_INPUTS     (GIC_SPIS + 16 * GIC_CPUS)
#define GIC_SPURIOUS   1023
#define GIC_STACK      64                 /* active interrupts per CPU */

#define GICC_BASE      0x10000
#define GIC_SIZE       0x20000

#define CTLR_GRP0      0x001
#define CTLR_GRP1      0x002
#define CTLR_ACKCTL    0x004
#define CTLR_FIQEN     0x008
#define CTLR_CBPR      0x010
#define CTLR_EOIMODE0  0x200
#define CTLR_EOIMODE1  0x400
#define GICC_CTLR_MASK 0x61f

/* The state of one interrupt, as one CPU sees it: SGIs and PPIs have a
 * copy per CPU interface, SPIs one shared copy. */
typedef struct {
  bool    enabled;
  bool    latched;   /* pending from an edge or ISPENDR */
  bool    active;
  bool    level;     /* the input line */
  bool    edge;      /* ICFGR: edge-triggered */
  bool    group1;
  uint8_t priority;
  uint8_t targets;   /* SPIs only */
} Irq;

typedef struct {
  uint16_t id;
  uint8_t  source;   /* SGIs: the sending CPU */
  uint16_t prio;     /* group priority */
} Active;

typedef struct {
  MdlDevice *dev;
  uint32_t   ctlr;
  Irq        banked[GIC_CPUS][32];
  Irq        spi[GIC_SPIS];
  uint8_t    sgi_sources[GIC_CPUS][16];   /* pending SGI id from CPUs */
  struct {
    uint32_t ctlr, pmr, bpr, abpr;
    Active   stack[GIC_STACK];
    unsigned depth;
  } cpu[GIC_CPUS];
} Gic;

/* Peripheral ID 4..7, 0..3 and component ID 0..3 (0xfd0..0xffc). */
static const uint8_t gic_id_regs[12] = {
  0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static Irq *
gic_irq (Gic *g, unsigned cpu, unsigned id)
{
  return id < 32 ? &g->banked[cpu][id] : &g->spi[id - 32];
}

/* How many CPU interfaces the board wired: one past the last wired IRQ
 * output, at least one. */
static unsigned
gic_n_cpus (Gic *g)
{
  unsigned n = 1;

  for (unsigned i = 0; i < GIC_CPUS; i++)
    if (g->dev->irq_out[2 * i] != NULL)
      n = i + 1;
  return n;
}

/* The CPU interface of the accessing CPU; -1 for a CPU the GIC does not
 * serve. */
static int
gic_current (Gic *g)
{
  MdlCpu *cpu = mdl_machine_current_cpu (g->dev->machine);

  if (cpu == NULL)
    return 0;
  for (unsigned i = 0; i < GIC_CPUS; i++)
    if (mdl_device_irq_out_cpu (g->dev, 2 * i) == cpu)
      return (int) i;
  return -1;
}

static bool
gic_pending (Gic *g, unsigned cpu, unsigned id)
{
  const Irq *q = gic_irq (g, cpu, id);

  if (id < 16)
    return g->sgi_sources[cpu][id] != 0;
  return q->latched || (!q->edge && q->level);
}

static unsigned
gic_group_prio (Gic *g, unsigned cpu, const Irq *q)
{
  unsigned bpr = g->cpu[cpu].bpr;

  /* Group 1 splits at ABPR (one bit further left), unless CBPR makes
   * BPR govern both groups. */
  if (q->group1 && !(g->cpu[cpu].ctlr & CTLR_CBPR))
    bpr = g->cpu[cpu].abpr > 0 ? g->cpu[cpu].abpr - 1 : 0;
  return q->priority & (0xffu << (bpr + 1)) & 0xff;
}

static unsigned
gic_running (Gic *g, unsigned cpu)
{
  unsigned rp = 0x100;

  for (unsigned i = 0; i < g->cpu[cpu].depth; i++)
    rp = MIN (rp, g->cpu[cpu].stack[i].prio);
  return rp;
}

/* The highest-priority interrupt pending for @cpu, enabled and not
 * active, of a group enabled in the distributor and the CPU interface
 * (lowest INTID on ties); GIC_SPURIOUS when none. */
static unsigned
gic_best (Gic *g, unsigned cpu)
{
  unsigned best = GIC_SPURIOUS, best_prio = 0x100;
  uint32_t cctlr = g->cpu[cpu].ctlr;
  bool uni = gic_n_cpus (g) == 1;

  for (unsigned id = 0; id < GIC_IRQS; id++) {
    const Irq *q = gic_irq (g, cpu, id);
    uint32_t grp = q->group1 ? CTLR_GRP1 : CTLR_GRP0;

    if (!q->enabled || q->active || !gic_pending (g, cpu, id))
      continue;
    if (id >= 32 && !uni && !(q->targets & (1u << cpu)))
      continue;
    if (!(g->ctlr & grp) || !(cctlr & grp))
      continue;
    if (q->priority < best_prio) {
      best = id;
      best_prio = q->priority;
    }
  }
  return best;
}

/* @id (from gic_best) may be signalled now: above the mask and above
 * the running priority. */
static bool
gic_may_signal (Gic *g, unsigned cpu, unsigned id)
{
  const Irq *q;

  if (id == GIC_SPURIOUS)
    return false;
  q = gic_irq (g, cpu, id);
  return q->priority < g->cpu[cpu].pmr && gic_group_prio (g, cpu, q) < gic_running (g, cpu);
}

static void
gic_update (Gic *g)
{
  unsigned n = gic_n_cpus (g);

  for (unsigned c = 0; c < n; c++) {
    unsigned id = gic_best (g, c);
    bool irq = false, fiq = false;

    if (gic_may_signal (g, c, id)) {
      if (!gic_irq (g, c, id)->group1 && (g->cpu[c].ctlr & CTLR_FIQEN))
        fiq = true;
      else
        irq = true;
    }
    mdl_device_irq_set (g->dev, 2 * c, irq);
    mdl_device_irq_set (g->dev, 2 * c + 1, fiq);
  }
}

static void
gic_set_level (Gic *g, Irq *q, bool level)
{
  if (level && !q->level && q->edge)
    q->latched = true;
  q->level = level;
}

static void
gic_irq_in (MdlDevice *dev, unsigned line, bool level)
{
  Gic *g = dev->state;

  if (line < GIC_SPIS)
    gic_set_level (g, &g->spi[line], level);
  else if (line < GIC_INPUTS) {
    unsigned rel = line - GIC_SPIS;
    gic_set_level (g, &g->banked[rel / 16][16 + rel % 16], level);
  } else
    return;
  gic_update (g);
}

/* ---- CPU interface -------------------------------------------------------- */

/* IAR (@group1 false) or AIAR (true). */
static uint32_t
gic_acknowledge (Gic *g, unsigned cpu, bool group1)
{
  unsigned id = gic_best (g, cpu);
  unsigned source = 0;
  Irq *q;

  if (!gic_may_signal (g, cpu, id))
    return GIC_SPURIOUS;
  q = gic_irq (g, cpu, id);
  if (q->group1 != group1) {
    /* IAR meets a group 1 interrupt: 1022 unless AckCtl lets it take it;
     * AIAR never takes group 0. */
    if (group1 || !(g->cpu[cpu].ctlr & CTLR_ACKCTL))
      return group1 ? GIC_SPURIOUS : 1022;
  }
  if (id < 16) {
    source = (unsigned) __builtin_ctz (g->sgi_sources[cpu][id]);
    g->sgi_sources[cpu][id] &= (uint8_t) ~(1u << source);
  }
  q->latched = false;
  q->active = true;
  if (g->cpu[cpu].depth < GIC_STACK) {
    Active *a = &g->cpu[cpu].stack[g->cpu[cpu].depth++];
    a->id = (uint16_t) id;
    a->source = (uint8_t) source;
    a->prio = (uint16_t) gic_group_prio (g, cpu, q);
  }
  gic_update (g);
  return id | (source << 10);
}

static void
gic_deactivate (Gic *g, unsigned cpu, unsigned id)
{
  if (id < GIC_IRQS)
    gic_irq (g, cpu, id)->active = false;
}

static void
gic_end_of_interrupt (Gic *g, unsigned cpu, uint32_t value)
{
  unsigned id = value & 0x3ff, source = (value >> 10) & 7;
  bool found = false;

  if (id >= GIC_IRQS)
    return;
  /* Priority drop: the entry of this interrupt leaves the stack. */
  for (unsigned i = g->cpu[cpu].depth; i-- > 0;) {
    Active *a = &g->cpu[cpu].stack[i];
    if (a->id == id && (id >= 16 || a->source == source)) {
      memmove (a, a + 1, (g->cpu[cpu].depth - i - 1) * sizeof *a);
      g->cpu[cpu].depth--;
      found = true;
      break;
    }
  }
  if (found) {
    uint32_t mode = gic_irq (g, cpu, id)->group1 ? CTLR_EOIMODE1 : CTLR_EOIMODE0;
    if (!(g->cpu[cpu].ctlr & mode))
      gic_deactivate (g, cpu, id);
  }
  gic_update (g);
}

static uint32_t
gic_cpu_read (Gic *g, unsigned cpu, uint64_t offset)
{
  unsigned id;

  switch (offset) {
  case 0x00: return g->cpu[cpu].ctlr;
  case 0x04: return g->cpu[cpu].pmr;
  case 0x08: return g->cpu[cpu].bpr;
  case 0x0c: return gic_acknowledge (g, cpu, false);
  case 0x14: {
    unsigned rp = gic_running (g, cpu);
    return rp > 0xff ? 0xff : rp;
  }
  case 0x18:
  case 0x28:
    id = gic_best (g, cpu);
    if (id == GIC_SPURIOUS)
      return GIC_SPURIOUS;
    if (gic_irq (g, cpu, id)->group1 != (offset == 0x28))
      return offset == 0x28 ? GIC_SPURIOUS : 1022;
    if (id < 16)
      id |= (unsigned) __builtin_ctz (g->sgi_sources[cpu][id]) << 10;
    return id;
  case 0x1c: return g->cpu[cpu].abpr;
  case 0x20: return gic_acknowledge (g, cpu, true);
  case 0xfc: return 0x0202143b;   /* GIC-400, architecture v2 */
  default:   return 0;
  }
}

static void
gic_cpu_write (Gic *g, unsigned cpu, uint64_t offset, uint32_t value)
{
  switch (offset) {
  case 0x00: g->cpu[cpu].ctlr = value & GICC_CTLR_MASK; break;
  case 0x04: g->cpu[cpu].pmr = value & 0xff; break;
  case 0x08: g->cpu[cpu].bpr = value & 7; break;
  case 0x10:
  case 0x24: gic_end_of_interrupt (g, cpu, value); return;
  case 0x1c: g->cpu[cpu].abpr = MAX (value & 7, 1u); break;
  case 0x1000: gic_deactivate (g, cpu, value & 0x3ff); break;
  default: return;
  }
  gic_update (g);
}

/* ---- distributor ---------------------------------------------------------- */

/* A bit-per-interrupt register: the field of each interrupt, read. */
typedef bool (*BitGet) (Gic *g, unsigned cpu, unsigned id);

static bool get_group (Gic *g, unsigned c, unsigned id) { return gic_irq (g, c, id)->group1; }
static bool get_enabled (Gic *g, unsigned c, unsigned id) { return gic_irq (g, c, id)->enabled; }
static bool get_active (Gic *g, unsigned c, unsigned id) { return gic_irq (g, c, id)->active; }

static uint32_t
gic_bits_read (Gic *g, unsigned cpu, unsigned first, BitGet get)
{
  uint32_t v = 0;

  for (unsigned b = 0; b < 32 && first + b < GIC_IRQS; b++)
    if (get (g, cpu, first + b))
      v |= UINT32_C (1) << b;
  return v;
}

static uint32_t
gic_dist_read (Gic *g, unsigned cpu, uint64_t offset)
{
  unsigned n = (unsigned) ((offset & 0x7f) / 4);
  uint32_t v = 0;

  if (offset == 0x000)
    return g->ctlr;
  if (offset == 0x004)
    return (GIC_IRQS / 32 - 1) | ((gic_n_cpus (g) - 1) << 5);
  if (offset == 0x008)
    return 0x0200143b;
  if (offset >= 0x080 && offset < 0x400 && n * 32 >= GIC_IRQS)
    return 0;
  if (offset >= 0x080 && offset < 0x100)
    return gic_bits_read (g, cpu, n * 32, get_group);
  if (offset >= 0x100 && offset < 0x200)
    return gic_bits_read (g, cpu, n * 32, get_enabled);
  if (offset >= 0x200 && offset < 0x300)
    return gic_bits_read (g, cpu, n * 32, gic_pending);
  if (offset >= 0x300 && offset < 0x400)
    return gic_bits_read (g, cpu, n * 32, get_active);
  if (offset >= 0x400 && offset < 0x400 + GIC_IRQS) {
    for (unsigned b = 0; b < 4; b++)
      v |= (uint32_t) gic_irq (g, cpu, (unsigned) (offset - 0x400) + b)->priority << (8 * b);
    return v;
  }
  if (offset >= 0x800 && offset < 0x800 + GIC_IRQS) {
    if (gic_n_cpus (g) == 1)
      return 0;
    for (unsigned b = 0; b < 4; b++) {
      unsigned id = (unsigned) (offset - 0x800) + b;
      uint32_t t = id < 32 ? 1u << cpu : g->spi[id - 32].targets;
      v |= t << (8 * b);
    }
    return v;
  }
  if (offset >= 0xc00 && offset < 0xc00 + GIC_IRQS / 4) {
    unsigned first = (unsigned) (offset - 0xc00) * 4;
    for (unsigned b = 0; b < 16; b++)
      if (gic_irq (g, cpu, first + b)->edge)
        v |= UINT32_C (2) << (2 * b);
    return v;
  }
  if (offset >= 0xf10 && offset < 0xf30) {
    unsigned first = (unsigned) (offset & 0xf);
    for (unsigned b = 0; b < 4; b++)
      v |= (uint32_t) g->sgi_sources[cpu][first + b] << (8 * b);
    return v;
  }
  if (offset >= 0xfd0)
    return gic_id_regs[(offset - 0xfd0) / 4];
  return 0;
}

static void
gic_send_sgi (Gic *g, unsigned cpu, uint32_t value)
{
  unsigned id = value & 0xf, n = gic_n_cpus (g);
  unsigned targets;

  switch ((value >> 24) & 3) {
  case 0:  targets = (value >> 16) & 0xff; break;
  case 1:  targets = ((1u << n) - 1) & ~(1u << cpu); break;
  case 2:  targets = 1u << cpu; break;
  default: return;
  }
  for (unsigned t = 0; t < n; t++)
    if (targets & (1u << t))
      g->sgi_sources[t][id] |= (uint8_t) (1u << cpu);
}

/* A write of @value to the bytes of @mask (a whole word or one byte). */
static void
gic_dist_write (Gic *g, unsigned cpu, uint64_t offset, uint32_t value, uint32_t mask)
{
  unsigned n = (unsigned) ((offset & 0x7f) / 4);
  uint32_t set = value & mask;

  if (offset == 0x000) {
    g->ctlr = set & 3;
  } else if (offset >= 0x080 && offset < 0x400) {
    if (n * 32 >= GIC_IRQS)
      return;
    for (unsigned b = 0; b < 32; b++) {
      unsigned id = n * 32 + b;
      Irq *q = gic_irq (g, cpu, id);
      bool bit = (set >> b) & 1;

      if (offset < 0x100) {
        if (mask & (UINT32_C (1) << b))
          q->group1 = bit;
        continue;
      }
      if (!bit)
        continue;
      switch ((offset - 0x100) / 0x80) {
      case 0: q->enabled = true; break;
      case 1: q->enabled = false; break;
      /* SGIs are set pending and cleared through SPENDSGIR/CPENDSGIR. */
      case 2: if (id >= 16) q->latched = true; break;
      case 3: if (id >= 16) q->latched = false; break;
      case 4: q->active = true; break;
      case 5: q->active = false; break;
      }
    }
  } else if (offset >= 0x400 && offset < 0x400 + GIC_IRQS) {
    for (unsigned b = 0; b < 4; b++)
      if ((mask >> (8 * b)) & 0xff)
        gic_irq (g, cpu, (unsigned) (offset - 0x400) + b)->priority = (uint8_t) (value >> (8 * b));
  } else if (offset >= 0x820 && offset < 0x800 + GIC_IRQS) {
    uint8_t cpus = (uint8_t) ((1u << gic_n_cpus (g)) - 1);
    for (unsigned b = 0; b < 4; b++)
      if ((mask >> (8 * b)) & 0xff)
        g->spi[offset - 0x820 + b].targets = (uint8_t) (value >> (8 * b)) & cpus;
  } else if (offset >= 0xc04 && offset < 0xc00 + GIC_IRQS / 4) {
    /* ICFGR0 (SGIs) is read-only: always edge. */
    unsigned first = (unsigned) (offset - 0xc00) * 4;
    for (unsigned b = 0; b < 16; b++)
      if ((mask >> (2 * b)) & 3)
        gic_irq (g, cpu, first + b)->edge = (value >> (2 * b + 1)) & 1;
  } else if (offset == 0xf00) {
    gic_send_sgi (g, cpu, value);
  } else if (offset >= 0xf10 && offset < 0xf30) {
    unsigned first = (unsigned) (offset & 0xf);
    for (unsigned b = 0; b < 4; b++) {
      uint8_t bits = (uint8_t) (set >> (8 * b));
      if (offset < 0xf20)
        g->sgi_sources[cpu][first + b] &= (uint8_t) ~bits;
      else
        g->sgi_sources[cpu][first + b] |= bits;
    }
  } else {
    return;
  }
  gic_update (g);
}

/* ---- the window ----------------------------------------------------------- */

static uint64_t
gic_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Gic *g = dev->state;
  int cpu = gic_current (g);
  uint64_t word = offset & ~UINT64_C (3);
  unsigned shift = (unsigned) (offset & 3) * 8;
  uint32_t v;

  if (cpu < 0)
    return 0;
  if (offset >= GICC_BASE) {
    if (size != 4 || (offset & 3))
      return 0;
    return gic_cpu_read (g, (unsigned) cpu, offset - GICC_BASE);
  }
  v = gic_dist_read (g, (unsigned) cpu, word);
  return size == 4 ? v : (v >> shift) & ((UINT32_C (1) << (8 * size)) - 1);
}

static void
gic_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Gic *g = dev->state;
  int cpu = gic_current (g);
  unsigned shift = (unsigned) (offset & 3) * 8;

  if (cpu < 0)
    return;
  if (offset >= GICC_BASE) {
    if (size == 4 && !(offset & 3))
      gic_cpu_write (g, (unsigned) cpu, offset - GICC_BASE, (uint32_t) value);
    return;
  }
  if (size == 1) {
    /* Byte accesses are for the byte-per-interrupt registers. */
    if (!((offset >= 0x400 && offset < 0xc00) || (offset >= 0xf10 && offset < 0xf30)))
      return;
    gic_dist_write (g, (unsigned) cpu, offset & ~UINT64_C (3),
                    (uint32_t) (value & 0xff) << shift, UINT32_C (0xff) << shift);
    return;
  }
  if (size == 4 && !(offset & 3))
    gic_dist_write (g, (unsigned) cpu, offset, (uint32_t) value, UINT32_MAX);
}

static const MdlMmioOps gic_ops = {
  .read = gic_read,
  .write = gic_write,
  .min_size = 1,
  .max_size = 4,
};

static void
gic_reset (MdlDevice *dev)
{
  Gic *g = dev->state;

  g->ctlr = 0;
  memset (g->banked, 0, sizeof g->banked);
  memset (g->spi, 0, sizeof g->spi);
  memset (g->sgi_sources, 0, sizeof g->sgi_sources);
  memset (g->cpu, 0, sizeof g->cpu);
  for (unsigned c = 0; c < GIC_CPUS; c++) {
    for (unsigned id = 0; id < 16; id++)
      g->banked[c][id].edge = true;
    g->cpu[c].abpr = 1;
  }
  gic_update (g);
}

static bool
gic_realize (MdlDevice *dev, GError **error)
{
  Gic *g = dev->state;
  uint64_t size = mdl_device_reg_size (dev, 0, GIC_SIZE);

  if (size < GIC_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes cannot "
                 "hold the distributor and the CPU interface (needs 0x%x)",
                 dev->name, size, GIC_SIZE);
    return false;
  }
  g->dev = dev;
  gic_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &gic_ops, dev);
  return true;
}

/* <type number flags> (the arm,gic binding): type 0 is an SPI, type 1 a
 * PPI of the CPU interface of the cpu node the output comes from (CPU
 * interface 0's for a device's output). */
static int
gic_irq_input (const MdlDeviceClass *cls, const uint32_t *cells, int source_hart)
{
  if (cells[0] == 0 && cells[1] < GIC_SPIS)
    return (int) cells[1];
  if (cells[0] == 1 && cells[1] < 16 && source_hart < GIC_CPUS)
    return GIC_SPIS + 16 * MAX (source_hart, 0) + (int) cells[1];
  return -1;
}

static void
gic_irq_specifier (const MdlDeviceClass *cls, unsigned input, uint32_t *cells)
{
  if (input < GIC_SPIS) {
    cells[0] = 0;
    cells[1] = input;
  } else {
    cells[0] = 1;
    cells[1] = (input - GIC_SPIS) % 16;
  }
  cells[2] = 4;   /* level-sensitive, active high */
}

static const MdlRegEntry gic_fdt_reg[] = {
  { 0, GICC_BASE },          /* distributor */
  { GICC_BASE, GICC_BASE },  /* CPU interface */
};

const MdlDeviceClass mdl_gicv2_class = {
  .name = "gicv2",
  .compatible = "arm,cortex-a15-gic",
  .description = N_("Arm GICv2 interrupt controller: distributor and CPU interfaces for up to 8 cores"),
  .group = MDL_GROUP_INTERRUPTS,
  .n_regions = 1,
  .default_size = GIC_SIZE,
  .n_irq_out = 2 * GIC_CPUS,
  .n_irq_in = GIC_INPUTS,
  .state_size = sizeof (Gic),
  .fdt_node_name = "intc",
  .fdt_reg = gic_fdt_reg,
  .n_fdt_reg = G_N_ELEMENTS (gic_fdt_reg),
  .irq_cells = 3,
  .irq_input = gic_irq_input,
  .irq_specifier = gic_irq_specifier,
  .realize = gic_realize,
  .reset = gic_reset,
  .irq_in = gic_irq_in,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
