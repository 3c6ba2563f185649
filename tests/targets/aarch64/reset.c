/* PSCI SYSTEM_RESET: the machine resets and the program starts again,
 * finding the marker it left in RAM that no image covers (a reset reloads
 * the ELF, not the rest of RAM). */
#include "test.h"

#define MARKER ((volatile u64 *) 0x40700000)

int
main (void)
{
  if (*MARKER == 0x5e5e7) {
    puts_ ("second boot\n");
    *MARKER = 0;
    return 0;
  }
  puts_ ("first boot\n");
  *MARKER = 0x5e5e7;
  {
    register u64 x0 __asm__ ("x0") = 0x84000009;
    __asm__ volatile ("hvc #0" : "+r"(x0)::"memory");
  }
  puts_ ("SYSTEM_RESET returned\n");
  return 1;
}
