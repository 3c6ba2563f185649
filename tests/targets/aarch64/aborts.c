/* External aborts and PC alignment with the MMU off: a load and a store
 * where nothing is mapped, a branch there (instruction abort: ELR and FAR
 * the target) and to a misaligned address (PC alignment fault). */
#include "test.h"
static volatile u64 esr, far, elr, n;
static volatile u64 ret_to;
static void h (int k, Frame *f) { (void) k; (void) f; esr = SYSREG_READ (esr_el1); far = SYSREG_READ (far_el1); elr = SYSREG_READ (elr_el1); n++;
  if (ret_to) { SYSREG_WRITE (elr_el1, ret_to); ret_to = 0; } else SYSREG_WRITE (elr_el1, elr + 4); }
extern char back1[], back2[];
int main (void) {
  on_exception (h);
  u64 v;
  __asm__ volatile ("ldr %0, [%1]" : "=r"(v) : "r"(0x50000000ull) : "memory");
  P ("unmapped load esr", esr); P ("far", far);
  __asm__ volatile ("str %0, [%1]" :: "r"(v), "r"(0x50000008ull) : "memory");
  P ("unmapped store esr", esr); P ("far", far);
  ret_to = (u64) back1;
  __asm__ volatile ("mov x9, #0x50000000\n\tbr x9\n.globl back1\nback1:" ::: "x9", "memory");
  P ("fetch esr", esr); P ("far", far); P ("elr", elr);
  ret_to = (u64) back2;
  __asm__ volatile ("adr x9, back2\n\tadd x9, x9, #2\n\tbr x9\n.globl back2\nback2:" ::: "x9", "memory");
  P ("pc align esr", esr); P ("far - back2", far - (u64) back2); P ("elr - back2", elr - (u64) back2);
  return 0;
}
