/* The exception storm guard (engine/cpu.h) stops the machine on a fault
 * repeated at one pc only when each repeat comes within
 * MDL_CPU_STORM_GAP (256) instructions of the last.  Here one illegal
 * instruction faults 1,500 times, more than the guard's 1,000 in a row,
 * with some 600 instructions of other work between two faults: no storm,
 * so the program must run to its end, in both tiers.
 *
 * The guard once measured that gap with the engine's count as of the
 * last device access or the end of the last run(): a lone core's run of
 * many quanta then took all its faults for adjacent ones and stopped the
 * machine here, and where the count was brought up to date depended on
 * the tier and on what earlier code had left cached (fuzz-riscv found
 * the two tiers disagreeing on a real storm). */
#include "test-macros.h"

TEST_BEGIN
  li gp, 1
  li s2, 1500
1:
  li t1, 300
2:
  addi t1, t1, -1
  bnez t1, 2b
  la s11, 3f
  .word 0               /* illegal: the all-zero instruction */
3:
  CHECK_EQ(s8, CAUSE_ILLEGAL_INSN)
  addi s2, s2, -1
  bnez s2, 1b
  TEST_PASS
