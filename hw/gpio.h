/* The GPIO block ("medley,gpio"), the pins that canvas parts (LEDs,
 * buttons, switches, 7-segment digits) are wired to.
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

G_BEGIN_DECLS

/* A pin block (MDL_VIEW_PINS) to the workbench: its snapshot state is an
 * MdlPinsState, and its set_pin hook is mdl_gpio_set_input. */
extern const MdlDeviceClass mdl_gpio_class;

#define MDL_GPIO_PINS MDL_PINS_MAX
typedef MdlPinsState MdlGpioState;

/* Drives input pin @pin (a button or switch on the canvas) to @level; an
 * edge on it raises the interrupt when enabled.  Remembered while the pin
 * is an output, and seen when it becomes an input.  Engine thread only:
 * other threads go through mdl_runner_set_device_pin. */
void mdl_gpio_set_input (MdlDevice *gpio, unsigned pin, bool level);

/* The pins as seen right now (engine thread). */
uint32_t mdl_gpio_levels (MdlDevice *gpio);

G_END_DECLS
