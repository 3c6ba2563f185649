/* Helpers shared by the device tests: build one device the way the board
 * loader would (reg, realize, map, wire its outputs), then drive it through
 * an address space exactly as a CPU would. */
#pragma once

#include "engine/device.h"
#include "engine/error.h"
#include "engine/machine.h"
#include "engine/memory.h"

/* The class with this compatible in hw/devices.c's table (asserted). */
const MdlDeviceClass *hw_test_class (const char *compatible);

/* An unrealized device with one reg entry [base, base + size), not yet
 * added to @m; set properties on it, then call hw_test_realize. */
MdlDevice *hw_test_device_new (MdlMachine *m, const char *compatible,
                               const char *name, uint64_t base, uint64_t size);

/* Realizes @dev; on success adds it to its machine, maps its first region
 * at its reg base in @as (when @as is not NULL) and wires every interrupt
 * output to the machine's probe (see hw_test_irq_*).  On failure frees
 * @dev and returns false with @error set. */
bool hw_test_realize (MdlDevice *dev, MdlAddressSpace *as, GError **error);

/* Output @i of @dev: its current level, and how many rising edges it has
 * seen since it was wired. */
bool     hw_test_irq_level (MdlDevice *dev, unsigned i);
unsigned hw_test_irq_rises (MdlDevice *dev, unsigned i);

/* Slow-path accesses that must succeed. */
uint64_t hw_test_read  (MdlAddressSpace *as, uint64_t addr, unsigned size);
void     hw_test_write (MdlAddressSpace *as, uint64_t addr, unsigned size,
                        uint64_t value);
