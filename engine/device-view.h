/* What the workbench may show and drive of a device.
 *
 * A device class says it with data and hooks (MdlDeviceClass.view, .part,
 * .set_pin, .render_frame in engine/device.h), so that the window never
 * names a device model: a display is any device whose view is
 * MDL_VIEW_DISPLAY, a pin block any with MDL_VIEW_PINS, and a part (an LED
 * on a pin) says how it is wired through MdlPartInfo.  The runner drives
 * them from the window's thread with generic calls (mdl_runner_find_device,
 * mdl_runner_set_device_pin, mdl_runner_render_device), and each view kind
 * publishes the snapshot state defined here (MdlSnapshot.devices[i]).
 */
#pragma once

#include <stdint.h>

typedef enum {
  MDL_VIEW_NONE,
  MDL_VIEW_DISPLAY,  /* a frame source: render_frame; state MdlDisplayState */
  MDL_VIEW_PINS,     /* pins parts are wired to: set_pin; state MdlPinsState */
} MdlViewKind;

typedef enum {
  MDL_PART_KIND_NONE,
  MDL_PART_KIND_LED,           /* lit while its pin is high */
  MDL_PART_KIND_BUTTON,        /* drives its pin high while held down */
  MDL_PART_KIND_SWITCH,        /* holds its pin high or low; a click flips it */
  MDL_PART_KIND_SEVEN_SEGMENT, /* segments a-g, then the point, on 8 pins */
} MdlPartKind;

/* A workbench part: a device with no registers that sits on the pins of
 * a MDL_VIEW_PINS device, shown and driven by the canvas.  The names are
 * of the part's own properties. */
typedef struct {
  MdlPartKind kind;
  const char *link_prop;   /* "gpio": the pin block's component name, empty
                              for the board's first one */
  const char *pin_prop;    /* "pin", "pins": the (first) pin it uses */
  unsigned    n_pins;      /* consecutive pins from there: 1, or 8 */
  const char *color_prop;  /* "color" (a colour name or CSS colour), or NULL */
} MdlPartInfo;

/* The most pins one MDL_VIEW_PINS device has: one bit each in MdlPinsState. */
#define MDL_PINS_MAX 32

/* What a MDL_VIEW_PINS device publishes in every snapshot: an LED on pin
 * p is lit when (levels >> p) & 1. */
typedef struct {
  uint32_t levels;     /* every pin as seen */
  uint32_t dir;        /* 1: an output of the guest */
  uint32_t inputs;     /* what parts drive onto the pins (set_pin) */
  uint32_t irq_en;
} MdlPinsState;

enum {
  MDL_DISPLAY_FORMAT_XRGB8888 = 0,
  MDL_DISPLAY_FORMAT_RGB565 = 1,
  MDL_DISPLAY_FORMAT_PAL8 = 2,
};

/* What a MDL_VIEW_DISPLAY device publishes in every snapshot: a view
 * compares generation with the last frame it rendered and asks for a new
 * one only when they differ. */
typedef struct {
  uint64_t generation;
  uint32_t width, height;   /* 0 x 0 while disabled */
  uint32_t format;          /* MDL_DISPLAY_FORMAT_* */
  uint32_t frame_count;
} MdlDisplayState;
