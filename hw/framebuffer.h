/* The linear framebuffer ("medley,framebuffer"): what views and the
 * headless runner use of it.
 *
 * The guest keeps its pixels in RAM and tells the device where they are;
 * the device only reads them (through the system bus, never through a
 * host pointer of its own) when someone asks for a picture.  It counts a
 * generation that moves whenever a CPU stores into the pixels (a write
 * tracker on the system bus, engine/memory.h) or the guest changes a
 * register or a palette entry, so that a view converts a frame only when
 * there is something new, and an idle display costs nothing.
 *
 * Registers, all 32-bit:
 *
 *   0x00 WIDTH        pixels per row (1..4096)
 *   0x04 HEIGHT       rows (1..4096)
 *   0x08 STRIDE       bytes from one row to the next; 0 means packed
 *                     (WIDTH times the pixel size)
 *   0x0c FORMAT       0 XRGB8888 (32-bit, 0x00RRGGBB), 1 RGB565 (16-bit),
 *                     2 PAL8 (one byte per pixel, an index into the palette)
 *   0x10 BASE_LO      guest address of the first pixel, on the system bus
 *   0x14 BASE_HI      (the bus the board's devices sit on)
 *   0x18 ENABLE       bit 0: scan out; a disabled display shows black
 *   0x1c VBLANK_HZ    vertical blanks per second of virtual time (0: none);
 *                     reset value from the `vblank-rate` property
 *   0x20 IRQ_EN       bit 0: interrupt on vertical blank
 *   0x24 IRQ_STATUS   bit 0: a vertical blank happened (write 1 to clear);
 *                     the interrupt output is IRQ_EN & IRQ_STATUS
 *   0x28 FRAME_COUNT  vertical blanks since reset (read only)
 *   0x2c PAL_INDEX    palette entry the next PAL_DATA access uses
 *   0x30 PAL_DATA     entry PAL_INDEX as 0x00RRGGBB; each access (read or
 *                     write) moves PAL_INDEX on by one, wrapping at 256
 *
 * Vertical blanks come at multiples of 1 s / VBLANK_HZ of virtual time
 * counted from the moment the rate was set (reset or a VBLANK_HZ write),
 * so a program that waits for N of them always sees the same frame.
 *
 * Only stores through the system bus are noticed: a cluster with an
 * address map of its own that writes the pixels through its own view
 * should ring a register (e.g. rewrite ENABLE) when a frame is done.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/device.h"

G_BEGIN_DECLS

/* A display (MDL_VIEW_DISPLAY) to the workbench: its snapshot state is an
 * MdlDisplayState, and its render_frame hook is mdl_framebuffer_render. */
extern const MdlDeviceClass mdl_framebuffer_class;

enum {
  MDL_FB_FORMAT_XRGB8888 = MDL_DISPLAY_FORMAT_XRGB8888,
  MDL_FB_FORMAT_RGB565 = MDL_DISPLAY_FORMAT_RGB565,
  MDL_FB_FORMAT_PAL8 = MDL_DISPLAY_FORMAT_PAL8,
};

#define MDL_FB_MAX_SIZE 4096

typedef MdlDisplayState MdlFramebufferState;

/* The @nth framebuffer of @m in board order, or NULL. */
MdlDevice *mdl_framebuffer_find (MdlMachine *m, unsigned nth);

/* The frame's current generation (engine thread). */
uint64_t mdl_framebuffer_generation (MdlDevice *fb);

/* Converts the current frame with pixman into a new buffer of
 * *out_w x *out_h pixels, a8r8g8b8 (native-endian 0xAARRGGBB words, alpha
 * always 0xff: bytes B, G, R, A in memory, GDK_MEMORY_B8G8R8A8), rows
 * packed.  @scale_w/@scale_h give the size wanted (nearest-neighbour
 * scaling, as pixels should look on a workbench), 0 for the guest's own.
 * Returns false, touching nothing, when *generation_inout already is the
 * frame's generation; otherwise sets it, and *pixels (free with g_free).
 * A disabled or unconfigured display gives a 1 x 1 black frame.  Engine
 * thread only: other threads go through mdl_runner_render_device. */
bool mdl_framebuffer_render (MdlDevice *fb, uint64_t *generation_inout,
                             unsigned scale_w, unsigned scale_h,
                             uint32_t **pixels, unsigned *out_w, unsigned *out_h);

G_END_DECLS
