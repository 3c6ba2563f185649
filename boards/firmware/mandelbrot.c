/*
 * The framebuffer demo (boards/framebuffer-demo.dts): a Mandelbrot set in
 * 8-bit palette mode, drawn row by row (watch it appear), then animated by
 * turning the palette one step per vertical blank, which costs the guest
 * 256 register writes a frame and never touches a pixel again.
 *
 * Built twice from this source: mandelbrot.elf animates for ever;
 * mandelbrot-frames.elf (MANDEL_FRAMES defined) ends the run after that
 * many blanks, so that the test suite knows exactly which frame the
 * headless screenshot shows.
 */
#include <stdint.h>
#include <stdio.h>

#include "framebuffer.h"
#include "mandelbrot.h"

#define FB       0x10020000u
#define MIE_MEIE (1u << 11)

#ifndef MANDEL_FRAMES
#define MANDEL_FRAMES 0          /* 0: for ever */
#endif

static uint8_t frame[MANDEL_H][MANDEL_W] __attribute__ ((aligned (64)));

/* Whether to wait for another blank after @shown of them. */
static int
more_frames (unsigned shown)
{
#if MANDEL_FRAMES > 0
  return shown < MANDEL_FRAMES;
#else
  (void) shown;
  return 1;
#endif
}

static void
set_palette (unsigned phase)
{
  *fb_reg (FB, FB_PAL_INDEX) = 0;
  for (unsigned i = 0; i < 256; i++)
    *fb_reg (FB, FB_PAL_DATA) = mandel_colour (i, phase);
}

int
main (void)
{
  unsigned phase = 0;

  set_palette (phase);
  *fb_reg (FB, FB_WIDTH) = MANDEL_W;
  *fb_reg (FB, FB_HEIGHT) = MANDEL_H;
  *fb_reg (FB, FB_STRIDE) = MANDEL_W;
  *fb_reg (FB, FB_FORMAT) = FB_FORMAT_PAL8;
  *fb_reg (FB, FB_BASE_LO) = (uint32_t) (uintptr_t) frame;
  *fb_reg (FB, FB_BASE_HI) = 0;
  *fb_reg (FB, FB_ENABLE) = 1;
  printf ("mandelbrot: %ux%u, 8-bit palette, drawing\n", MANDEL_W, MANDEL_H);

  for (unsigned y = 0; y < MANDEL_H; y++)
    for (unsigned x = 0; x < MANDEL_W; x++)
      frame[y][x] = mandel_index (x, y);
  printf ("mandelbrot: drawn, turning the palette on every vertical blank\n");

  /* Wake on the blank (external interrupt, mie.MEIE) without taking a
   * trap: wfi returns whenever an enabled interrupt is pending. */
  *fb_reg (FB, FB_IRQ_STATUS) = FB_IRQ_VBLANK;
  *fb_reg (FB, FB_IRQ_EN) = FB_IRQ_VBLANK;
  __asm__ volatile ("csrs mie, %0" :: "r" (MIE_MEIE));
  while (more_frames (phase)) {
    while (!(*fb_reg (FB, FB_IRQ_STATUS) & FB_IRQ_VBLANK))
      __asm__ volatile ("wfi");
    *fb_reg (FB, FB_IRQ_STATUS) = FB_IRQ_VBLANK;
    set_palette (++phase);
  }
  printf ("mandelbrot: %u frames shown\n", phase);
  return 0;
}
