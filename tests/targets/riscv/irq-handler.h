/* Interrupt-aware trap handler shared by interrupts.S and vectored.S.
 *
 * IRQ_HANDLER_BODY records the trap like start.S's handler does (s7
 * mstatus, s8 mcause, s9 mtval, s10 mepc), counts interrupts in s5 and
 * appends the interrupt number to s4 (one hex digit each, so s4 = 0x37
 * means "software, then timer"), silences the source (clears msip, pushes
 * mtimecmp to the far future) and returns to the interrupted instruction.
 * An exception goes to start.S's handler logic: expected if s11 is set.
 * Clobbers t0 and t1: tests keep nothing there across enabled interrupts. */
#ifndef IRQ_HANDLER_H
#define IRQ_HANDLER_H

#define IRQ_HANDLER_BODY                                                \
  csrr s7, mstatus; csrr s8, mcause; csrr s9, mtval; csrr s10, mepc;    \
  bgez s8, 3f;                                                          \
  addi s5, s5, 1;                                                       \
  slli t0, s8, 1; srli t0, t0, 1;                                       \
  slli s4, s4, 4; or s4, s4, t0;                                        \
  li t1, IRQ_M_SOFT; bne t0, t1, 1f;                                    \
  li t1, CLINT_MSIP; sw zero, 0(t1); mret;                              \
1:li t1, IRQ_M_TIMER; bne t0, t1, 2f;                                   \
  li t0, CLINT_MTIMECMP; li t1, -1; sw t1, 4(t0); sw t1, 0(t0); mret;   \
2:j unexpected_trap;                                                    \
3:beqz s11, 2b; csrw mepc, s11; li s11, 0; mret

#endif
