/* The GICv2: distributor registers, acknowledge and end of interrupt for
 * SPIs, PPIs and SGIs, priorities, masks and preemption, groups and FIQ,
 * EOImode with DIR.  Accesses come from no CPU, so they are CPU
 * interface 0's; every output is wired (eight CPU interfaces). */
#include "hw-test.h"

#define BASE        UINT64_C (0x8000000)
#define D(off)      (BASE + (off))
#define C(off)      (BASE + 0x10000 + (off))

#define GICD_CTLR       D (0x000)
#define GICD_TYPER      D (0x004)
#define GICD_IIDR       D (0x008)
#define GICD_IGROUPR(n) D (0x080 + 4 * (n))
#define GICD_ISENABLER(n) D (0x100 + 4 * (n))
#define GICD_ICENABLER(n) D (0x180 + 4 * (n))
#define GICD_ISPENDR(n) D (0x200 + 4 * (n))
#define GICD_ICPENDR(n) D (0x280 + 4 * (n))
#define GICD_ISACTIVER(n) D (0x300 + 4 * (n))
#define GICD_ICACTIVER(n) D (0x380 + 4 * (n))
#define GICD_IPRIORITYR(id) D (0x400 + (id))
#define GICD_ITARGETSR(id) D (0x800 + (id))
#define GICD_ICFGR(n)   D (0xc00 + 4 * (n))
#define GICD_SGIR       D (0xf00)
#define GICD_CPENDSGIR(n) D (0xf10 + 4 * (n))
#define GICD_SPENDSGIR(n) D (0xf20 + 4 * (n))

#define GICC_CTLR   C (0x00)
#define GICC_PMR    C (0x04)
#define GICC_BPR    C (0x08)
#define GICC_IAR    C (0x0c)
#define GICC_EOIR   C (0x10)
#define GICC_RPR    C (0x14)
#define GICC_HPPIR  C (0x18)
#define GICC_ABPR   C (0x1c)
#define GICC_AIAR   C (0x20)
#define GICC_AEOIR  C (0x24)
#define GICC_AHPPIR C (0x28)
#define GICC_IIDR   C (0xfc)
#define GICC_DIR    C (0x1000)

#define SPURIOUS 1023

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *gic;
  MdlIrqLine      *in[256 + 128];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  f->gic = hw_test_device_new (f->m, "arm,cortex-a15-gic", "intc@8000000", BASE, 0x20000);
  g_assert_true (hw_test_realize (f->gic, f->as, &error));
  g_assert_no_error (error);
  for (unsigned i = 0; i < G_N_ELEMENTS (f->in); i++)
    f->in[i] = mdl_irq_line_to_device (f->m, f->gic, i);
  mdl_machine_reset (f->m);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static void
wr (Fixture *f, uint64_t addr, uint32_t value)
{
  hw_test_write (f->as, addr, 4, value);
}

static uint32_t
rd (Fixture *f, uint64_t addr)
{
  return (uint32_t) hw_test_read (f->as, addr, 4);
}

static bool
irq (Fixture *f, unsigned cpu)
{
  return hw_test_irq_level (f->gic, 2 * cpu);
}

static bool
fiq (Fixture *f, unsigned cpu)
{
  return hw_test_irq_level (f->gic, 2 * cpu + 1);
}

/* What Linux's gic_dist_init and gic_cpu_init leave for CPU 0. */
static void
enable_all (Fixture *f)
{
  wr (f, GICD_CTLR, 1);
  wr (f, GICC_PMR, 0xf0);
  wr (f, GICC_CTLR, 1);
}

static void
test_reset_values (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (f->gic->cls->n_irq_in, ==, 256 + 128);
  g_assert_cmpuint (f->gic->cls->n_irq_out, ==, 16);
  g_assert_cmphex (rd (f, GICD_CTLR), ==, 0);
  /* 288 interrupts (ITLinesNumber 8), eight CPU interfaces wired. */
  g_assert_cmphex (rd (f, GICD_TYPER), ==, 8 | (7 << 5));
  g_assert_cmphex (rd (f, GICD_IIDR), ==, 0x0200143b);
  g_assert_cmphex (rd (f, D (0xfe8)), ==, 0x2b);   /* PIDR2: GICv2 */
  g_assert_cmphex (rd (f, D (0xff0)), ==, 0x0d);
  g_assert_cmphex (rd (f, GICC_IIDR), ==, 0x0202143b);
  g_assert_cmphex (rd (f, GICD_ICFGR (0)), ==, 0xaaaaaaaa);   /* SGIs: edge */
  g_assert_cmphex (rd (f, GICD_ICFGR (1)), ==, 0);
  g_assert_cmphex (rd (f, GICC_ABPR), ==, 1);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0xff);
  g_assert_cmphex (rd (f, GICC_IAR), ==, SPURIOUS);
  g_assert_cmphex (rd (f, GICC_HPPIR), ==, SPURIOUS);
  /* Past the last interrupt: RAZ/WI. */
  g_assert_cmphex (rd (f, GICD_ISENABLER (9)), ==, 0);
  wr (f, GICD_ISENABLER (9), 0xffffffff);
  g_assert_cmphex (rd (f, GICD_ISENABLER (9)), ==, 0);
  for (unsigned c = 0; c < 8; c++)
    g_assert_false (irq (f, c) || fiq (f, c));
}

static void
test_distributor_registers (Fixture *f, gconstpointer data)
{
  /* Set and clear enables. */
  wr (f, GICD_ISENABLER (1), 0x00000101);
  wr (f, GICD_ISENABLER (1), 0x00000010);
  g_assert_cmphex (rd (f, GICD_ISENABLER (1)), ==, 0x111);
  g_assert_cmphex (rd (f, GICD_ICENABLER (1)), ==, 0x111);
  wr (f, GICD_ICENABLER (1), 0x100);
  g_assert_cmphex (rd (f, GICD_ISENABLER (1)), ==, 0x11);

  /* Priorities: bytes and words, all eight bits. */
  wr (f, GICD_IPRIORITYR (32), 0x44332211);
  hw_test_write (f->as, GICD_IPRIORITYR (33), 1, 0xa0);
  g_assert_cmphex (rd (f, GICD_IPRIORITYR (32)), ==, 0x4433a011);
  g_assert_cmphex (hw_test_read (f->as, GICD_IPRIORITYR (35), 1), ==, 0x44);

  /* Targets: SGIs and PPIs read the accessing CPU's bit, read-only. */
  g_assert_cmphex (rd (f, GICD_ITARGETSR (0)), ==, 0x01010101);
  g_assert_cmphex (rd (f, GICD_ITARGETSR (28)), ==, 0x01010101);
  wr (f, GICD_ITARGETSR (28), 0x02020202);
  g_assert_cmphex (rd (f, GICD_ITARGETSR (28)), ==, 0x01010101);
  wr (f, GICD_ITARGETSR (32), 0x80400201);
  hw_test_write (f->as, GICD_ITARGETSR (33), 1, 0x03);
  g_assert_cmphex (rd (f, GICD_ITARGETSR (32)), ==, 0x80400301);

  /* Configuration: SGIs stay edge; the others take bit 1. */
  wr (f, GICD_ICFGR (0), 0);
  g_assert_cmphex (rd (f, GICD_ICFGR (0)), ==, 0xaaaaaaaa);
  wr (f, GICD_ICFGR (2), 0xffffffff);
  g_assert_cmphex (rd (f, GICD_ICFGR (2)), ==, 0xaaaaaaaa);

  /* Groups, active, pending set and clear. */
  wr (f, GICD_IGROUPR (1), 0xf0);
  g_assert_cmphex (rd (f, GICD_IGROUPR (1)), ==, 0xf0);
  wr (f, GICD_ISACTIVER (1), 0x3);
  wr (f, GICD_ICACTIVER (1), 0x1);
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0x2);
  wr (f, GICD_ISPENDR (1), 0x5);
  wr (f, GICD_ICPENDR (1), 0x1);
  g_assert_cmphex (rd (f, GICD_ISPENDR (1)), ==, 0x4);
  g_assert_cmphex (rd (f, GICD_ICPENDR (1)), ==, 0x4);
  /* SGI pending bits move only through SGIR and S/CPENDSGIR. */
  wr (f, GICD_ISPENDR (0), 0x1);
  g_assert_cmphex (rd (f, GICD_ISPENDR (0)), ==, 0);
}

static void
test_level_spi (Fixture *f, gconstpointer data)
{
  enable_all (f);
  hw_test_write (f->as, GICD_IPRIORITYR (33), 1, 0xa0);
  wr (f, GICD_ITARGETSR (32), 0x0100);
  mdl_irq_set (f->in[1], true);                /* SPI 1 = INTID 33 */
  g_assert_false (irq (f, 0));                 /* not enabled yet */
  g_assert_cmphex (rd (f, GICD_ISPENDR (1)), ==, 0x2);
  wr (f, GICD_ISENABLER (1), 0x2);
  g_assert_true (irq (f, 0));
  g_assert_false (fiq (f, 0));
  g_assert_false (irq (f, 1));                 /* not a target */
  g_assert_cmphex (rd (f, GICC_HPPIR), ==, 33);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0xa0);
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0x2);
  /* Still high: active and pending, and pends again after EOI. */
  g_assert_cmphex (rd (f, GICD_ISPENDR (1)), ==, 0x2);
  wr (f, GICC_EOIR, 33);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0xff);
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  mdl_irq_set (f->in[1], false);
  wr (f, GICC_EOIR, 33);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, SPURIOUS);

  /* Targets decide which CPU interface's IRQ goes up. */
  wr (f, GICD_ITARGETSR (32), 0x0400);
  mdl_irq_set (f->in[1], true);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICD_ISPENDR (1)), ==, 0x2);

  /* The distributor's enable gates everything. */
  wr (f, GICD_ITARGETSR (32), 0x0100);
  g_assert_true (irq (f, 0));
  wr (f, GICD_CTLR, 0);
  g_assert_false (irq (f, 0));
}

static void
test_edge_spi (Fixture *f, gconstpointer data)
{
  enable_all (f);
  wr (f, GICD_ICFGR (2), 0x2);                 /* INTID 32: edge */
  wr (f, GICD_ITARGETSR (32), 0x01);
  wr (f, GICD_ISENABLER (1), 0x1);
  mdl_irq_set (f->in[0], true);
  mdl_irq_set (f->in[0], false);
  g_assert_true (irq (f, 0));                  /* latched */
  g_assert_cmphex (rd (f, GICC_IAR), ==, 32);
  g_assert_false (irq (f, 0));
  /* An edge while active pends again: active and pending. */
  mdl_irq_set (f->in[0], true);
  g_assert_cmphex (rd (f, GICD_ISPENDR (1)), ==, 0x1);
  g_assert_false (irq (f, 0));
  wr (f, GICC_EOIR, 32);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 32);
  wr (f, GICC_EOIR, 32);
  g_assert_false (irq (f, 0));

  /* Software pends and clears. */
  wr (f, GICD_ISPENDR (1), 0x1);
  g_assert_true (irq (f, 0));
  wr (f, GICD_ICPENDR (1), 0x1);
  g_assert_false (irq (f, 0));
}

static void
test_priorities (Fixture *f, gconstpointer data)
{
  enable_all (f);
  wr (f, GICD_ITARGETSR (32), 0x01010101);
  wr (f, GICD_IPRIORITYR (32), 0x208060a0);    /* 32: a0, 33: 60, 34: 80, 35: 20 */
  wr (f, GICD_ISENABLER (1), 0xf);
  mdl_irq_set (f->in[0], true);
  mdl_irq_set (f->in[2], true);
  g_assert_cmphex (rd (f, GICC_HPPIR), ==, 34);
  /* The mask: only priorities strictly above it are signalled. */
  wr (f, GICC_PMR, 0x80);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, SPURIOUS);
  wr (f, GICC_PMR, 0xf0);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 34);
  /* 32 (a0) does not preempt 34 (80); 33 (60) does. */
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, SPURIOUS);
  mdl_irq_set (f->in[1], true);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0x60);
  mdl_irq_set (f->in[1], false);
  wr (f, GICC_EOIR, 33);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0x80);
  mdl_irq_set (f->in[2], false);
  wr (f, GICC_EOIR, 34);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 32);

  mdl_irq_set (f->in[0], false);
  wr (f, GICC_EOIR, 32);

  /* Binary point: with BPR 7 there are no group priority bits, so 35
   * (20) does not preempt 33 (60); with BPR 4 it does. */
  wr (f, GICC_BPR, 7);
  mdl_irq_set (f->in[1], true);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0);
  mdl_irq_set (f->in[3], true);
  g_assert_false (irq (f, 0));
  mdl_irq_set (f->in[1], false);
  wr (f, GICC_EOIR, 33);
  mdl_irq_set (f->in[3], false);
  wr (f, GICC_BPR, 4);
  mdl_irq_set (f->in[1], true);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0x60);
  mdl_irq_set (f->in[3], true);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 35);
  wr (f, GICC_BPR, 0);
  g_assert_cmphex (rd (f, GICC_BPR), ==, 0);
}

static void
test_ppi (Fixture *f, gconstpointer data)
{
  enable_all (f);
  /* Input 256 + 16 * cpu + p is PPI p of that CPU: CPU 0's PPI 14
   * (INTID 30, the physical timer). */
  wr (f, GICD_ISENABLER (0), 1u << 30);
  g_assert_cmphex (rd (f, GICD_ISENABLER (0)), ==, 1u << 30);
  mdl_irq_set (f->in[256 + 14], true);
  g_assert_true (irq (f, 0));
  /* CPU 1's copy of the same PPI is another interrupt. */
  mdl_irq_set (f->in[256 + 16 + 11], true);
  g_assert_cmphex (rd (f, GICD_ISPENDR (0)), ==, 1u << 30);
  g_assert_false (irq (f, 1));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 30);
  mdl_irq_set (f->in[256 + 14], false);
  wr (f, GICC_EOIR, 30);
  g_assert_false (irq (f, 0));
}

static void
test_sgi (Fixture *f, gconstpointer data)
{
  enable_all (f);
  wr (f, GICD_ISENABLER (0), 0xffff);
  /* To itself (filter 2): source CPU 0 in IAR bits 12:10. */
  wr (f, GICD_SGIR, (2u << 24) | 5);
  g_assert_true (irq (f, 0));
  g_assert_cmphex (rd (f, GICD_ISPENDR (0)), ==, 1u << 5);
  g_assert_cmphex (rd (f, GICD_SPENDSGIR (1)), ==, 0x0100);   /* SGI 5 from CPU 0 */
  g_assert_cmphex (rd (f, GICC_IAR), ==, 5);
  g_assert_false (irq (f, 0));
  wr (f, GICC_EOIR, 5);
  /* To everybody else (filter 1): CPU 0 gets nothing. */
  wr (f, GICD_SGIR, (1u << 24) | 3);
  g_assert_false (irq (f, 0));
  /* A target list naming CPU 0 and 1. */
  wr (f, GICD_SGIR, (0x3u << 16) | 7);
  g_assert_true (irq (f, 0));
  /* Pending from several sources: SPENDSGIR sets sources by hand. */
  hw_test_write (f->as, GICD_SPENDSGIR (1) + 3, 1, 0x04);   /* SGI 7 from CPU 2 */
  g_assert_cmphex (rd (f, GICD_SPENDSGIR (1)), ==, 0x05000000);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 7);
  wr (f, GICC_EOIR, 7);
  g_assert_cmphex (rd (f, GICC_HPPIR), ==, 7 | (2 << 10));
  g_assert_cmphex (rd (f, GICC_IAR), ==, 7 | (2 << 10));
  wr (f, GICC_EOIR, 7 | (2 << 10));
  g_assert_false (irq (f, 0));
  /* CPENDSGIR clears. */
  wr (f, GICD_SGIR, (2u << 24) | 9);
  g_assert_true (irq (f, 0));
  wr (f, GICD_CPENDSGIR (2), 0x0100);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_IAR), ==, SPURIOUS);
}

static void
test_groups_and_fiq (Fixture *f, gconstpointer data)
{
  wr (f, GICD_CTLR, 3);
  wr (f, GICC_PMR, 0xff);
  wr (f, GICC_CTLR, 0x1 | 0x2 | 0x8);          /* both groups, FIQEn */
  wr (f, GICD_ITARGETSR (32), 0x0101);
  wr (f, GICD_IGROUPR (1), 0x2);               /* 33 in group 1 */
  wr (f, GICD_ISENABLER (1), 0x3);
  wr (f, GICD_IPRIORITYR (32), 0x8040);        /* 32: 40, 33: 80 */
  mdl_irq_set (f->in[0], true);
  g_assert_true (fiq (f, 0));                  /* group 0 with FIQEn */
  g_assert_false (irq (f, 0));
  mdl_irq_set (f->in[0], false);
  mdl_irq_set (f->in[1], true);
  g_assert_true (irq (f, 0));
  g_assert_false (fiq (f, 0));
  /* Group 1 through IAR without AckCtl: 1022; AIAR takes it. */
  g_assert_cmphex (rd (f, GICC_HPPIR), ==, 1022);
  g_assert_cmphex (rd (f, GICC_AHPPIR), ==, 33);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 1022);
  g_assert_cmphex (rd (f, GICC_AIAR), ==, 33);
  mdl_irq_set (f->in[1], false);
  wr (f, GICC_AEOIR, 33);
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0);
  /* Disabling group 1 in the CPU interface hides it. */
  wr (f, GICD_ISPENDR (1), 0x2);
  g_assert_true (irq (f, 0));
  wr (f, GICC_CTLR, 0x1 | 0x8);
  g_assert_false (irq (f, 0));
  g_assert_cmphex (rd (f, GICC_AIAR), ==, SPURIOUS);
  /* AckCtl lets IAR take group 1. */
  wr (f, GICC_CTLR, 0x1 | 0x2 | 0x4);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 33);
  g_assert_cmphex (rd (f, GICC_ABPR), ==, 1);
  wr (f, GICC_ABPR, 0);
  g_assert_cmphex (rd (f, GICC_ABPR), ==, 1);  /* its minimum */
}

static void
test_eoimode (Fixture *f, gconstpointer data)
{
  enable_all (f);
  wr (f, GICC_CTLR, 1 | 0x200);                /* EOImodeS: EOIR drops only */
  wr (f, GICD_ITARGETSR (32), 0x01);
  wr (f, GICD_IPRIORITYR (32), 0x50);
  wr (f, GICD_ISENABLER (1), 0x1);
  mdl_irq_set (f->in[0], true);
  g_assert_cmphex (rd (f, GICC_IAR), ==, 32);
  mdl_irq_set (f->in[0], false);
  wr (f, GICC_EOIR, 32);
  g_assert_cmphex (rd (f, GICC_RPR), ==, 0xff);          /* priority dropped */
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0x1); /* still active */
  mdl_irq_set (f->in[0], true);
  g_assert_false (irq (f, 0));
  wr (f, GICC_DIR, 32);
  g_assert_cmphex (rd (f, GICD_ISACTIVER (1)), ==, 0);
  g_assert_true (irq (f, 0));
}

static void
test_bad_window (void)
{
  g_autoptr (MdlMachine) m = mdl_machine_new ();
  g_autoptr (GError) error = NULL;
  MdlDevice *gic = hw_test_device_new (m, "arm,cortex-a15-gic", "intc@0", 0, 0x10000);

  g_assert_false (hw_test_realize (gic, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "intc@0"));
}

/* The class's specifiers: <0 n flags> is SPI n, <1 p flags> PPI p of the
 * CPU interface of the cpu node the output comes from; and back. */
static void
test_specifiers (void)
{
  const MdlDeviceClass *cls = hw_test_class ("arm,cortex-a15-gic");
  const uint32_t spi[3] = { 0, 1, 4 }, ppi[3] = { 1, 14, 4 }, bad[3] = { 2, 0, 4 },
                 big[3] = { 0, 256, 4 };
  uint32_t cells[4];

  g_assert_cmpuint (cls->irq_cells, ==, 3);
  g_assert_cmpint (cls->irq_input (cls, spi, -1), ==, 1);
  g_assert_cmpint (cls->irq_input (cls, ppi, 0), ==, 256 + 14);
  g_assert_cmpint (cls->irq_input (cls, ppi, 3), ==, 256 + 48 + 14);
  g_assert_cmpint (cls->irq_input (cls, ppi, -1), ==, 256 + 14);
  g_assert_cmpint (cls->irq_input (cls, bad, -1), ==, -1);
  g_assert_cmpint (cls->irq_input (cls, big, -1), ==, -1);
  cls->irq_specifier (cls, 1, cells);
  g_assert_cmpmem (cells, 12, spi, 12);
  cls->irq_specifier (cls, 256 + 48 + 14, cells);
  g_assert_cmpmem (cells, 12, ppi, 12);
  g_assert_cmpuint (cls->n_fdt_reg, ==, 2);
}

#define ADD(name, fn) \
  g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/gicv2/reset-values", test_reset_values);
  ADD ("/gicv2/distributor-registers", test_distributor_registers);
  ADD ("/gicv2/level-spi", test_level_spi);
  ADD ("/gicv2/edge-spi", test_edge_spi);
  ADD ("/gicv2/priorities", test_priorities);
  ADD ("/gicv2/ppi", test_ppi);
  ADD ("/gicv2/sgi", test_sgi);
  ADD ("/gicv2/groups-and-fiq", test_groups_and_fiq);
  ADD ("/gicv2/eoimode", test_eoimode);
  g_test_add_func ("/gicv2/bad-window", test_bad_window);
  g_test_add_func ("/gicv2/specifiers", test_specifiers);
  return g_test_run ();
}
