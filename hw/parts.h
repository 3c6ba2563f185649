/* Workbench parts: LEDs, push buttons, toggle switches and 7-segment
 * digits that sit on the canvas wired to the pins of a GPIO block
 * (hw/gpio.h).
 *
 * They are device classes so that the board document keeps them like
 * any other component (saved in the .dts, undoable, edited in the
 * inspector), but they have no registers, no interrupts and no behaviour
 * of their own: the machine carries them as inert devices.  Each class
 * describes itself as a part (MdlPartInfo, engine/device-view.h); what
 * they show and drive is the canvas's business, through the pin block's
 * snapshot state and mdl_runner_set_device_pin.
 *
 * Properties:
 *   gpio    the GPIO block's component name; empty for the board's first
 *   pin     LED, button, switch: the pin
 *   pins    7-segment digit: the first of 8 pins, segments a-g then the
 *           decimal point
 *   color   LED and digit: "red", "green", "yellow", "blue", "white" or
 *           any CSS colour
 */
#pragma once

#include "engine/device.h"

G_BEGIN_DECLS

#define MDL_PART_LED           "medley,led"
#define MDL_PART_BUTTON        "medley,button"
#define MDL_PART_SWITCH        "medley,switch"
#define MDL_PART_SEVEN_SEGMENT "medley,seven-segment"

extern const MdlDeviceClass mdl_led_class;
extern const MdlDeviceClass mdl_button_class;
extern const MdlDeviceClass mdl_switch_class;
extern const MdlDeviceClass mdl_seven_segment_class;

G_END_DECLS
