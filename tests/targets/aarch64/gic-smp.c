/* The GICv2 with two cores (QEMU -smp 2): banked registers (ITARGETSR of
 * SGIs and PPIs, the CPU interface), an SGI from core 0 to core 1 by
 * target list and one back by "all but self" with its source in IAR, an
 * SPI targeted at core 1 only.  Core 1 is started by PSCI CPU_ON and
 * takes its interrupts in WFI; core 0 alone prints. */
#include "test.h"

#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define R32(a) (*(volatile u32 *) (a))
#define R8(a)  (*(volatile uint8_t *) (a))

static volatile u64 ready1, sgis1, spis1, vbar0;
static volatile u32 iar1, itargets1, spi_iar1;
static u64 stack1[1024] __attribute__ ((aligned (16)));
u64 *const stack1_top = stack1 + 1024;

/* Core 1's interrupts (core 0 polls with IRQs masked). */
static void
on_irq (int kind, Frame *f)
{
  u32 iar;

  (void) f;
  if (kind != 5)
    test_exit (200 + kind);
  iar = R32 (GICC + 0x0c);
  if ((iar & 0x3ff) < 16) {
    iar1 = iar;
    sgis1++;
  } else {
    spi_iar1 = iar;
    spis1++;
  }
  R32 (GICC + 0x10) = iar;
  __asm__ volatile ("dsb sy\n\tsev" ::: "memory");
}

void secondary (void);
void
secondary (void)
{
  SYSREG_WRITE (vbar_el1, vbar0);
  R32 (GICC + 0x04) = 0xf0;
  R32 (GICC + 0x00) = 1;
  R32 (GICD + 0x100) = 0xffff;          /* its own SGI enables */
  itargets1 = R32 (GICD + 0x800);
  __asm__ volatile ("dsb sy" ::: "memory");
  ready1 = 1;
  while (sgis1 == 0 || spis1 == 0)
    /* Masked WFI returns at once when one is pending already: no
     * interrupt is taken between the check and the sleep. */
    __asm__ volatile ("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
  R32 (GICD + 0xf00) = (1u << 24) | 7;  /* SGI 7 to all but self */
  for (;;)
    __asm__ volatile ("wfe");
}

void sec_entry (void);
__asm__ (".text\n"
         ".globl sec_entry\n"
         "sec_entry:\n"
         "  ldr x1, =stack1_top\n"
         "  ldr x1, [x1]\n"
         "  mov sp, x1\n"
         "  bl secondary\n"
         "  b .\n");

int
main (void)
{
  u32 iar;

  on_exception (on_irq);
  vbar0 = SYSREG_READ (vbar_el1);
  P ("gicd typer", R32 (GICD + 0x004));
  P ("itargetsr0 core 0", R32 (GICD + 0x800));
  R32 (GICD + 0x000) = 1;
  R32 (GICC + 0x04) = 0xf0;
  R32 (GICC + 0x00) = 1;
  R32 (GICD + 0x100) = 0xffff;
  P ("cpu_on(1)", psci (0xc4000003, 1, (u64) sec_entry, 0));
  while (!ready1)
    __asm__ volatile ("yield" ::: "memory");
  P ("itargetsr0 core 1", itargets1);

  /* SPI 40 to core 1 only: core 0 sees nothing. */
  R32 (GICD + 0x828) = 0x02;
  P ("itargetsr40", R32 (GICD + 0x828));
  R8 (GICD + 0x400 + 40) = 0x80;
  R32 (GICD + 0x104) = 1u << 8;
  R32 (GICD + 0x204) = 1u << 8;
  while (!spis1)
    __asm__ volatile ("wfe" ::: "memory");
  P ("core 1 spi iar", spi_iar1);
  P ("core 0 iar after spi", R32 (GICC + 0x0c));

  /* SGI 5 to core 1 by target list; it answers with SGI 7. */
  R32 (GICD + 0xf00) = (2u << 16) | 5;
  while (!sgis1)
    __asm__ volatile ("wfe" ::: "memory");
  P ("core 1 sgi iar", iar1);
  while (!(R32 (GICD + 0x200) & (1u << 7)))
    __asm__ volatile ("yield" ::: "memory");
  P ("core 0 spendsgir1", R32 (GICD + 0xf24));
  /* HPPIR's interrupt id only: the specification puts the source CPU in
   * bits 12:10 for an SGI, as IAR does, and Medley does; QEMU leaves it
   * out. */
  P ("core 0 hppir id", R32 (GICC + 0x18) & 0x3ff);
  iar = R32 (GICC + 0x0c);
  P ("core 0 iar", iar);
  R32 (GICC + 0x10) = iar;
  P ("core 0 iar after eoi", R32 (GICC + 0x0c));
  CHECK (1, iar1 == 5 && iar == (7 | (1u << 10)) && (spi_iar1 & 0x3ff) == 40);
  return failed;
}
