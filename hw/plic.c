/* RISC-V PLIC ("sifive,plic-1.0.0", also known as "riscv,plic0"), laid
 * out as on QEMU's virt machine and SiFive's parts:
 *
 *   0x000000 + 4 * id                 priority of source id (1..ndev)
 *   0x001000 + 4 * word               pending bits, 32 sources a word
 *   0x002000 + 0x80 * ctx + 4 * word  enable bits of context ctx
 *   0x200000 + 0x1000 * ctx           priority threshold of ctx
 *   0x200004 + 0x1000 * ctx           claim (read) / complete (write)
 *
 * Sources are the interrupt inputs: input i is source i, 0 means "none"
 * and is never pending.  Contexts are the outputs, in the order of the
 * virt device tree's interrupts-extended (<&intc 11 &intc 9> per hart):
 * output 2h is hart h's machine-mode context, 2h + 1 its supervisor one.
 * Up to 8 harts (16 contexts).  Priorities have 3 bits (0 = never), as on
 * virt.
 *
 * The gateways are level-triggered, as QEMU models them: a source is
 * pending while its line is high and it is not being served; a claim
 * returns the highest-priority pending enabled source above the threshold
 * (lowest id on ties), clears its pending bit and marks it in service;
 * the matching complete ends the service, and a line still high pends
 * again.  A line that falls before its claim withdraws the request (QEMU
 * does the same), so a guest never claims a source that has gone quiet.
 *
 * Registers are 32 bits; 8-byte accesses are split into two words, which
 * some 64-bit drivers rely on when they clear enables.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define PLIC_SOURCES     96          /* inputs, source 0 included */
#define PLIC_WORDS       (PLIC_SOURCES / 32)
#define PLIC_CONTEXTS    16          /* 8 harts x (M, S) */
#define PLIC_PRIO_MASK   7u

#define PLIC_PRIORITY    0x000000
#define PLIC_PENDING     0x001000
#define PLIC_ENABLE      0x002000
#define PLIC_ENABLE_STRIDE 0x80
#define PLIC_CONTEXT     0x200000
#define PLIC_CONTEXT_STRIDE 0x1000
#define PLIC_MIN_SIZE    (PLIC_CONTEXT + PLIC_CONTEXT_STRIDE * PLIC_CONTEXTS)

typedef struct {
  MdlDevice *dev;
  unsigned   ndev;                      /* highest source id in use */
  uint32_t   priority[PLIC_SOURCES];
  uint32_t   level[PLIC_WORDS];         /* the input lines as they are */
  uint32_t   pending[PLIC_WORDS];
  uint32_t   claimed[PLIC_WORDS];       /* in service: claimed, not completed */
  uint32_t   enable[PLIC_CONTEXTS][PLIC_WORDS];
  uint32_t   threshold[PLIC_CONTEXTS];
} Plic;

static bool
bit_get (const uint32_t *words, unsigned id)
{
  return (words[id / 32] >> (id % 32)) & 1;
}

static void
bit_set (uint32_t *words, unsigned id, bool value)
{
  if (value)
    words[id / 32] |= UINT32_C (1) << (id % 32);
  else
    words[id / 32] &= ~(UINT32_C (1) << (id % 32));
}

/* The source context @ctx would get from a claim now, or 0. */
static unsigned
plic_best (const Plic *p, unsigned ctx)
{
  unsigned best = 0;
  uint32_t best_prio = p->threshold[ctx];

  for (unsigned w = 0; w < PLIC_WORDS; w++) {
    uint32_t candidates = p->pending[w] & p->enable[ctx][w] & ~p->claimed[w];
    while (candidates != 0) {
      unsigned id = w * 32 + (unsigned) __builtin_ctz (candidates);
      candidates &= candidates - 1;
      /* Strictly greater: the threshold masks its own level, and the
       * lowest id wins a tie because ids are visited in order. */
      if (p->priority[id] > best_prio) {
        best = id;
        best_prio = p->priority[id];
      }
    }
  }
  return best;
}

/* Recomputes every context's output (its hart's MEIP or SEIP line). */
static void
plic_update (Plic *p)
{
  for (unsigned ctx = 0; ctx < PLIC_CONTEXTS; ctx++)
    mdl_device_irq_set (p->dev, ctx, plic_best (p, ctx) != 0);
}

static void
plic_irq_in (MdlDevice *dev, unsigned line, bool level)
{
  Plic *p = dev->state;

  if (line == 0 || line > p->ndev)
    return;
  bit_set (p->level, line, level);
  if (!bit_get (p->claimed, line))
    bit_set (p->pending, line, level);
  plic_update (p);
}

static uint32_t
plic_claim (Plic *p, unsigned ctx)
{
  unsigned id = plic_best (p, ctx);

  if (id != 0) {
    bit_set (p->pending, id, false);
    bit_set (p->claimed, id, true);
    plic_update (p);
  }
  return id;
}

static void
plic_complete (Plic *p, unsigned ctx, uint32_t id)
{
  /* The spec ignores a completion for a source the context does not have
   * enabled; one for a source not in service changes nothing either. */
  if (id == 0 || id > p->ndev || !bit_get (p->enable[ctx], id) || !bit_get (p->claimed, id))
    return;
  bit_set (p->claimed, id, false);
  if (bit_get (p->level, id))
    bit_set (p->pending, id, true);
  plic_update (p);
}

/* Source ids the PLIC implements, as a mask for word @w. */
static uint32_t
plic_word_mask (const Plic *p, unsigned w)
{
  uint32_t mask = 0;

  for (unsigned b = 0; b < 32; b++) {
    unsigned id = w * 32 + b;
    if (id != 0 && id <= p->ndev)
      mask |= UINT32_C (1) << b;
  }
  return mask;
}

static uint32_t
plic_read32 (Plic *p, uint64_t offset)
{
  if (offset < PLIC_PENDING) {
    unsigned id = (unsigned) (offset / 4);
    return id < PLIC_SOURCES ? p->priority[id] : 0;
  }
  if (offset < PLIC_ENABLE) {
    unsigned w = (unsigned) ((offset - PLIC_PENDING) / 4);
    return w < PLIC_WORDS ? p->pending[w] : 0;
  }
  if (offset < PLIC_CONTEXT) {
    uint64_t rel = offset - PLIC_ENABLE;
    unsigned ctx = (unsigned) (rel / PLIC_ENABLE_STRIDE);
    unsigned w = (unsigned) ((rel % PLIC_ENABLE_STRIDE) / 4);
    return ctx < PLIC_CONTEXTS && w < PLIC_WORDS ? p->enable[ctx][w] : 0;
  }
  uint64_t rel = offset - PLIC_CONTEXT;
  unsigned ctx = (unsigned) (rel / PLIC_CONTEXT_STRIDE);
  if (ctx >= PLIC_CONTEXTS)
    return 0;
  switch (rel % PLIC_CONTEXT_STRIDE) {
  case 0:
    return p->threshold[ctx];
  case 4:
    return plic_claim (p, ctx);
  default:
    return 0;
  }
}

static void
plic_write32 (Plic *p, uint64_t offset, uint32_t value)
{
  if (offset < PLIC_PENDING) {
    unsigned id = (unsigned) (offset / 4);
    if (id != 0 && id <= p->ndev) {
      p->priority[id] = value & PLIC_PRIO_MASK;
      plic_update (p);
    }
    return;
  }
  if (offset < PLIC_ENABLE)
    return;   /* pending bits are read-only: only the lines set them */
  if (offset < PLIC_CONTEXT) {
    uint64_t rel = offset - PLIC_ENABLE;
    unsigned ctx = (unsigned) (rel / PLIC_ENABLE_STRIDE);
    unsigned w = (unsigned) ((rel % PLIC_ENABLE_STRIDE) / 4);
    if (ctx < PLIC_CONTEXTS && w < PLIC_WORDS) {
      p->enable[ctx][w] = value & plic_word_mask (p, w);
      plic_update (p);
    }
    return;
  }
  uint64_t rel = offset - PLIC_CONTEXT;
  unsigned ctx = (unsigned) (rel / PLIC_CONTEXT_STRIDE);
  if (ctx >= PLIC_CONTEXTS)
    return;
  switch (rel % PLIC_CONTEXT_STRIDE) {
  case 0:
    p->threshold[ctx] = value & PLIC_PRIO_MASK;
    plic_update (p);
    break;
  case 4:
    plic_complete (p, ctx, value);
    break;
  default:
    break;
  }
}

static uint64_t
plic_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Plic *p = dev->state;

  if (size == 8)
    return plic_read32 (p, offset) | ((uint64_t) plic_read32 (p, offset + 4) << 32);
  return plic_read32 (p, offset);
}

static void
plic_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Plic *p = dev->state;

  plic_write32 (p, offset, (uint32_t) value);
  if (size == 8)
    plic_write32 (p, offset + 4, (uint32_t) (value >> 32));
}

static const MdlMmioOps plic_ops = {
  .read = plic_read,
  .write = plic_write,
  .min_size = 4,
  .max_size = 8,
};

static void
plic_reset (MdlDevice *dev)
{
  Plic *p = dev->state;

  /* The machine lowers every line at reset without telling the
   * receivers, so the inputs start low too. */
  memset (p->level, 0, sizeof p->level);
  memset (p->priority, 0, sizeof p->priority);
  memset (p->pending, 0, sizeof p->pending);
  memset (p->claimed, 0, sizeof p->claimed);
  memset (p->enable, 0, sizeof p->enable);
  memset (p->threshold, 0, sizeof p->threshold);
  plic_update (p);
}

static bool
plic_realize (MdlDevice *dev, GError **error)
{
  Plic *p = dev->state;
  uint64_t ndev = mdl_device_prop_u64 (dev, "riscv,ndev");
  uint64_t size = mdl_device_reg_size (dev, 0, 0x600000);

  if (ndev == 0 || ndev >= PLIC_SOURCES) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: riscv,ndev %" G_GUINT64_FORMAT " is out of range (1 to %u)",
                 dev->name, ndev, PLIC_SOURCES - 1);
    return false;
  }
  if (size < PLIC_MIN_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "does not reach the last context (needs 0x%x)",
                 dev->name, size, PLIC_MIN_SIZE);
    return false;
  }
  p->dev = dev;
  p->ndev = (unsigned) ndev;
  plic_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &plic_ops, dev);
  return true;
}

static const MdlPropInfo plic_props[] = {
  { .name = "riscv,ndev", .type = MDL_PROP_U32,
    .description = N_("Interrupt sources (numbered 1 to ndev)"),
    .default_u64 = PLIC_SOURCES - 1 },
};

const MdlDeviceClass mdl_plic_class = {
  .name = "plic",
  .compatible = "sifive,plic-1.0.0",
  .description = N_("Platform-level interrupt controller: sources to M- and S-mode contexts"),
  .group = MDL_GROUP_INTERRUPTS,
  .props = plic_props,
  .n_props = G_N_ELEMENTS (plic_props),
  .n_regions = 1,
  .default_size = 0x600000,
  .n_irq_out = PLIC_CONTEXTS,
  .n_irq_in = PLIC_SOURCES,
  .state_size = sizeof (Plic),
  .fdt_compatible = (const char *const[]) { "sifive,plic-1.0.0", "riscv,plic0", NULL },
  .fdt_node_name = "plic",
  .realize = plic_realize,
  .reset = plic_reset,
  .irq_in = plic_irq_in,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
