/*
 * mandelbrot.h: the picture of the framebuffer demo (mandelbrot.c), in
 * integer arithmetic only, so that the guest and the test suite's host
 * reference (tests/boards/check-mandelbrot.c) compute it bit for bit the
 * same way.  Fixed point with 24 fraction bits in 32-bit integers:
 * |z|^2 stays below 8 before the escape test, far inside its range.
 *
 * Colour indices: 0 for points inside the set (black, never animated),
 * 1..255 for the escape time.  The palette is a colour wheel turned by
 * one step per vertical blank.
 */
#pragma once

#include <stdint.h>

#define MANDEL_W     320
#define MANDEL_H     240
#define MANDEL_ITER  64

#define MANDEL_FRAC  24
#define MANDEL_ONE   (INT32_C (1) << MANDEL_FRAC)
/* The view: re from -2.2, im from -1.2, 0.01 per pixel (3.2 x 2.4). */
#define MANDEL_X0    (-36909875)     /* -2.2 * 2^24 */
#define MANDEL_Y0    (-20132659)     /* -1.2 * 2^24 */
#define MANDEL_STEP  167772          /*  0.01 * 2^24 */

static inline uint8_t
mandel_index (unsigned px, unsigned py)
{
  int32_t cr = MANDEL_X0 + (int32_t) px * MANDEL_STEP;
  int32_t ci = MANDEL_Y0 + (int32_t) py * MANDEL_STEP;
  int32_t zr = 0, zi = 0;
  unsigned n;

  for (n = 0; n < MANDEL_ITER; n++) {
    int32_t zr2 = (int32_t) (((int64_t) zr * zr) >> MANDEL_FRAC);
    int32_t zi2 = (int32_t) (((int64_t) zi * zi) >> MANDEL_FRAC);

    if (zr2 + zi2 > 4 * MANDEL_ONE)
      break;
    zi = (int32_t) (((int64_t) zr * zi) >> (MANDEL_FRAC - 1)) + ci;
    zr = zr2 - zi2 + cr;
  }
  return n == MANDEL_ITER ? 0 : (uint8_t) (1 + (n * 4) % 255);
}

/* A triangle wave 0..255..0 over 256 steps. */
static inline uint32_t
mandel_wave (unsigned t)
{
  t &= 255;
  return t < 128 ? t * 2 : (255 - t) * 2;
}

/* Palette entry @i (0x00RRGGBB) after @phase vertical blanks. */
static inline uint32_t
mandel_colour (unsigned i, unsigned phase)
{
  unsigned t = i + phase;

  if (i == 0)
    return 0;
  return mandel_wave (t) << 16 | mandel_wave (t + 85) << 8 | mandel_wave (t + 170);
}
