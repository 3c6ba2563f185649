/* Guest side of the framebuffer pattern test (tests/boards/fb-patterns.dts):
 * draws the pattern of fb-pattern.h into three framebuffers, one per pixel
 * format, with ordinary CPU stores, then ends the run. */
#include <stdint.h>

#include "fb-pattern.h"
#include "framebuffer.h"

static uint32_t xrgb[PAT_H][PAT_W];
static uint16_t rgb565[PAT_H][PAT_W];
static uint8_t pal8[PAT_H][PAT_PAL8_STRIDE];

static void
setup (uintptr_t fb, uint32_t format, uint32_t stride, const void *pixels)
{
  *fb_reg (fb, FB_WIDTH) = PAT_W;
  *fb_reg (fb, FB_HEIGHT) = PAT_H;
  *fb_reg (fb, FB_STRIDE) = stride;
  *fb_reg (fb, FB_FORMAT) = format;
  *fb_reg (fb, FB_BASE_LO) = (uint32_t) (uintptr_t) pixels;
  *fb_reg (fb, FB_BASE_HI) = 0;
  *fb_reg (fb, FB_ENABLE) = 1;
}

int
main (void)
{
  /* Enabled first, so that the stores below are the ones seen. */
  setup (0x10020000u, FB_FORMAT_XRGB8888, 0, xrgb);
  setup (0x10021000u, FB_FORMAT_RGB565, 0, rgb565);
  setup (0x10022000u, FB_FORMAT_PAL8, PAT_PAL8_STRIDE, pal8);
  *fb_reg (0x10022000u, FB_PAL_INDEX) = 0;
  for (unsigned i = 0; i < 256; i++)
    *fb_reg (0x10022000u, FB_PAL_DATA) = pat_palette (i);

  for (unsigned y = 0; y < PAT_H; y++)
    for (unsigned x = 0; x < PAT_W; x++) {
      xrgb[y][x] = 0xa5000000u | pat_rgb (x, y);   /* X bits must not show */
      rgb565[y][x] = pat_rgb565 (x, y);
      pal8[y][x] = pat_index (x, y);
    }
  return 0;
}
