/* Workbench parts (hw/parts.h): descriptors only.  Nothing here runs:
 * the engine builds an inert device for each part, and the canvas draws
 * and drives them through the pin block they name, from the part
 * descriptions below. */
#include "parts.h"
#include "engine/snapshot.h"

#define GPIO_PROP \
  { "gpio", MDL_PROP_STRING, N_("GPIO block it is wired to (empty: the first one)"), 0, NULL, \
    false }

static const MdlPropInfo led_props[] = {
  GPIO_PROP,
  { "pin", MDL_PROP_U32, N_("GPIO pin that lights it (an output of the guest)"), 0, NULL, true },
  { "color", MDL_PROP_STRING, N_("Colour when lit: red, green, yellow, blue, white…"), 0, "red",
    false },
};

static const MdlPropInfo button_props[] = {
  GPIO_PROP,
  { "pin", MDL_PROP_U32, N_("GPIO pin driven high while it is held down"), 0, NULL, true },
};

static const MdlPropInfo switch_props[] = {
  GPIO_PROP,
  { "pin", MDL_PROP_U32, N_("GPIO pin driven high while it is on"), 0, NULL, true },
};

static const MdlPropInfo seven_segment_props[] = {
  GPIO_PROP,
  { "pins", MDL_PROP_U32, N_("First of 8 GPIO pins: segments a to g, then the point"), 0, NULL,
    true },
  { "color", MDL_PROP_STRING, N_("Colour of lit segments"), 0, "red", false },
};

static const MdlPartInfo led_part = {
  MDL_PART_KIND_LED, "gpio", "pin", 1, "color",
};
static const MdlPartInfo button_part = {
  MDL_PART_KIND_BUTTON, "gpio", "pin", 1, NULL,
};
static const MdlPartInfo switch_part = {
  MDL_PART_KIND_SWITCH, "gpio", "pin", 1, NULL,
};
static const MdlPartInfo seven_segment_part = {
  MDL_PART_KIND_SEVEN_SEGMENT, "gpio", "pins", 8, "color",
};

const MdlDeviceClass mdl_led_class = {
  .name = "LED",
  .compatible = MDL_PART_LED,
  .description = N_("A light on a GPIO pin, lit while the pin is high"),
  .group = MDL_GROUP_PARTS,
  .props = led_props,
  .n_props = G_N_ELEMENTS (led_props),  .part = &led_part,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};

const MdlDeviceClass mdl_button_class = {
  .name = "Push button",
  .compatible = MDL_PART_BUTTON,
  .description = N_("Drives a GPIO pin high while pressed"),
  .group = MDL_GROUP_PARTS,
  .props = button_props,
  .n_props = G_N_ELEMENTS (button_props),  .part = &button_part,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};

const MdlDeviceClass mdl_switch_class = {
  .name = "Toggle switch",
  .compatible = MDL_PART_SWITCH,
  .description = N_("Holds a GPIO pin high or low; a click flips it"),
  .group = MDL_GROUP_PARTS,
  .props = switch_props,
  .n_props = G_N_ELEMENTS (switch_props),  .part = &switch_part,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};

const MdlDeviceClass mdl_seven_segment_class = {
  .name = "7-segment digit",
  .compatible = MDL_PART_SEVEN_SEGMENT,
  .description = N_("A digit of segments a-g and a point on 8 consecutive GPIO pins"),
  .group = MDL_GROUP_PARTS,
  .props = seven_segment_props,
  .n_props = G_N_ELEMENTS (seven_segment_props),  .part = &seven_segment_part,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
