/* Synchronous exceptions and their syndromes: svc, brk, undefined
 * instructions and registers, alignment faults; a round trip to EL0 and
 * back through svc; PSCI through hvc (QEMU's conduit for -M virt), and
 * the end of the run through PSCI SYSTEM_OFF. */
#include "test.h"

static volatile u64 last_kind, last_esr, last_elr, last_far, last_spsr;
static volatile int el0_done;
static u64 el0_stack[64] __attribute__ ((aligned (16)));
extern char back_in_el1[], illegal_target[];

static void
record (int kind, Frame *f)
{
  u64 esr = SYSREG_READ (esr_el1);
  (void) f;
  last_kind = (u64) kind;
  last_esr = esr;
  last_elr = SYSREG_READ (elr_el1);
  last_far = SYSREG_READ (far_el1);
  last_spsr = SYSREG_READ (spsr_el1);
  if (kind == 8 && (esr >> 26) != 0x15) { /* from EL0: shown as they come */
    puts_ ("el0 trap:\n");
    P ("  esr", esr);
  }
  if ((esr >> 26) == 0x15) {
    if ((esr & 0xffff) == 7) { /* from EL0: back to EL1 code */
      SYSREG_WRITE (elr_el1, (u64) back_in_el1);
      SYSREG_WRITE (spsr_el1, 0x3c5);
    }
    return; /* elr is already past the svc */
  }
  if ((esr >> 26) == 0x0e) /* PSTATE.IL would take it again */
    SYSREG_WRITE (spsr_el1, last_spsr & ~(1ull << 20));
  SYSREG_WRITE (elr_el1, last_elr + 4);
}

static void
show (const char *what)
{
  puts_ (what);
  puts_ (":\n");
  P ("  kind", last_kind);
  P ("  esr", last_esr);
  P ("  spsr", last_spsr);
}

void el0_code (void);
__asm__ (".text\n"
         "el0_code:\n"
         "  mrs x0, sctlr_el1\n"   /* undefined at EL0 */
         "  mrs x0, tpidr_el0\n"   /* fine */
         "  mrs x0, ctr_el0\n"     /* SCTLR_EL1.UCT = 0: trapped */
         "  mrs x1, daif\n"        /* UMA = 0: trapped */
         "  mov x1, sp\n"
         "  dc zva, x1\n"          /* DZE = 0: trapped */
         "  dc civac, x1\n"        /* UCI = 0: trapped */
         "  mrs x0, cntvct_el0\n"  /* CNTKCTL_EL1 = 0: trapped */
         "  svc #7\n"
         "  b .\n");

static u64
hvc (u64 fn, u64 a1)
{
  register u64 x0 __asm__ ("x0") = fn;
  register u64 x1 __asm__ ("x1") = a1;
  __asm__ volatile ("hvc #0" : "+r"(x0), "+r"(x1)::"x2", "x3", "memory");
  return x0;
}

static unsigned char buf[32] __attribute__ ((aligned (16)));

int
main (void)
{
  on_exception (record);

  u64 after;
  __asm__ volatile ("svc #0x42\n\tadr %0, ." : "=r"(after));
  show ("svc");
  CHECK (1, last_esr == 0x56000042 && last_elr == after && last_kind == 4);

  __asm__ volatile ("brk #0x3");
  show ("brk");
  CHECK (2, last_esr == 0xf2000003);

  __asm__ volatile (".inst 0x00000000");
  show ("udf");
  CHECK (3, last_esr == 0x02000000);

  __asm__ volatile ("mrs x0, hcr_el2" ::: "x0");
  show ("el2 register at el1");

  __asm__ volatile ("mov x0, #0\n\thvc #0x1" ::: "x0", "memory");
  show ("hvc #1 (no el2)");

  u64 v;
  __asm__ volatile ("ldxr %0, [%1]" : "=r"(v) : "r"((u64) buf + 1) : "memory");
  show ("ldxr misaligned");
  P ("  far - buf", last_far - (u64) buf);
  CHECK (4, last_esr == 0x96000021 && last_far == (u64) buf + 1);
  __asm__ volatile ("stlr %w0, [%1]" ::"r"(0), "r"((u64) buf + 2) : "memory");
  show ("stlr misaligned");

  /* MMU off: beyond the 40-bit physical range, an address size fault */
  __asm__ volatile ("ldr %0, [%1]" : "=r"(v) : "r"(0x10000000000ull) : "memory");
  show ("beyond the physical address range");
  P ("  far", last_far);

  /* SCTLR_EL1.A: every misaligned access faults */
  u64 sctlr = SYSREG_READ (sctlr_el1);
  SYSREG_WRITE (sctlr_el1, sctlr | 2);
  __asm__ volatile ("ldr %w0, [%1]" : "=r"(v) : "r"((u64) buf + 2) : "memory");
  show ("sctlr.a ldr");
  SYSREG_WRITE (sctlr_el1, sctlr);
  __asm__ volatile ("ldrh %w0, [%1]" : "=r"(v) : "r"((u64) buf + 1) : "memory");
  P ("unaligned ok", 1);

  /* to EL0 and back */
  SYSREG_WRITE (sp_el0, (u64) (el0_stack + 64));
  SYSREG_WRITE (elr_el1, (u64) el0_code);
  SYSREG_WRITE (spsr_el1, 0);
  __asm__ volatile ("eret\n"
                    ".globl back_in_el1\n"
                    "back_in_el1:" ::: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
                    "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
                    "x30", "memory");
  show ("svc from el0");
  P ("currentel", SYSREG_READ (currentel));
  CHECK (5, last_esr == 0x56000007 && last_kind == 8);

  /* an illegal exception return (to EL2, which does not exist) */
  SYSREG_WRITE (elr_el1, (u64) illegal_target);
  SYSREG_WRITE (spsr_el1, 0x3c9);
  __asm__ volatile ("eret\n"
                    ".globl illegal_target\n"
                    "illegal_target:\n\tnop" ::: "memory");
  show ("illegal return");
  P ("  elr - target", last_elr - (u64) illegal_target);

  /* PSCI */
  P ("psci version", hvc (0x84000000, 0));
  P ("psci features(cpu_on)", hvc (0x8400000a, 0xc4000003));
  P ("psci features(bogus)", hvc (0x8400000a, 0x8400001f));
  P ("psci migrate_info_type", hvc (0x84000006, 0));
  P ("psci affinity_info(0)", hvc (0xc4000004, 0));
  P ("psci cpu_on(self)", hvc (0xc4000003, 0));
  P ("psci cpu_on(bad)", hvc (0xc4000003, 0x55));
  P ("psci bogus", hvc (0x8400001e, 0));

  if (failed)
    return failed;
  puts_ ("system off\n");
  hvc (0x84000008, 0);
  return 99; /* not reached */
}
