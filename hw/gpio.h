/* The GPIO block ("medley,gpio"): what canvas parts (LEDs, buttons,
 * switches, 7-segment digits) use of it.
 *
 * 32 pins, each an input or an output.  Registers, all 32-bit, one bit
 * per pin:
 *
 *   0x00 DATA_IN     read: the pins as seen (an output shows what it
 *                    drives, an input what is driven onto it)
 *   0x04 DATA_OUT    levels the outputs drive
 *   0x08 DIR         1: output, 0: input (reset: all inputs)
 *   0x0c IRQ_EN      interrupt on an edge of this pin
 *   0x10 IRQ_RISE    take rising edges        (both bits: both edges)
 *   0x14 IRQ_FALL    take falling edges
 *   0x18 IRQ_STATUS  an enabled edge happened (write 1 to clear); the
 *                    interrupt output is the OR of IRQ_STATUS & IRQ_EN
 *   0x1c DATA_SET    write: DATA_OUT |= value (no read-modify-write race
 *   0x20 DATA_CLEAR  write: DATA_OUT &= ~value  with an interrupt handler)
 *
 * Edges are seen on DATA_IN, so an output pin that toggles raises its
 * interrupt too when enabled (software-triggered interrupts).  Undriven
 * inputs read 0 (the pins are pulled down).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/device.h"
#include "engine/runner.h"

G_BEGIN_DECLS

extern const MdlDeviceClass mdl_gpio_class;

#define MDL_GPIO_PINS 32

/* What the device's snapshot_state hook publishes in every runner
 * snapshot (MdlSnapshot.devices[i].state, i = the device's index): an LED
 * on pin p is lit when (levels >> p) & 1. */
typedef struct {
  uint32_t levels;     /* DATA_IN: every pin as seen */
  uint32_t dir;        /* 1: output */
  uint32_t inputs;     /* what canvas parts drive onto the pins */
  uint32_t irq_en;
} MdlGpioState;

/* Drives input pin @pin (a button or switch on the canvas) to @level; an
 * edge on it raises the interrupt when enabled.  Remembered while the pin
 * is an output, and seen when it becomes an input.  Engine thread only:
 * see mdl_gpio_set_input_in_runner. */
void mdl_gpio_set_input (MdlDevice *gpio, unsigned pin, bool level);

/* The pins as seen right now (engine thread). */
uint32_t mdl_gpio_levels (MdlDevice *gpio);

/* mdl_gpio_set_input for another thread: applied on the engine thread,
 * between slices, on the machine's device number @device_index (its
 * index in the snapshot's devices).  False when that is no GPIO block. */
bool mdl_gpio_set_input_in_runner (MdlRunner *runner, unsigned device_index,
                                   unsigned pin, bool level);

/* The machine's device number of the GPIO block called @name (its
 * component name, as on the canvas; NULL for the first GPIO block), or
 * -1: where its
 * MdlGpioState is in snapshots.  Asks the engine thread (mdl_runner_call),
 * so look it up once per runner, not per frame. */
int mdl_gpio_index_in_runner (MdlRunner *runner, const char *name);

G_END_DECLS
