/* The test pattern of the framebuffer pattern test, shared by the guest
 * that draws it (fb-patterns.c) and the host that checks the rendering
 * (test-fb-patterns.c).  Every channel varies with x and y, so a swapped
 * channel, a lost row or a wrong stride shows. */
#pragma once

#include <stdint.h>

#define PAT_W 64
#define PAT_H 48
#define PAT_PAL8_STRIDE 80     /* wider than a row: padding between rows */

static inline uint32_t
pat_rgb (unsigned x, unsigned y)
{
  return ((x * 37 + y * 3) & 0xff) << 16 | ((y * 41 + x) & 0xff) << 8 |
         ((x * y * 7 + 13) & 0xff);
}

static inline uint16_t
pat_rgb565 (unsigned x, unsigned y)
{
  uint32_t c = pat_rgb (x, y);

  return (uint16_t) ((c >> 19 & 0x1f) << 11 | (c >> 10 & 0x3f) << 5 | (c >> 3 & 0x1f));
}

static inline uint8_t
pat_index (unsigned x, unsigned y)
{
  return (uint8_t) (x * 5 + y * 17);
}

static inline uint32_t
pat_palette (unsigned i)
{
  return ((i * 7) & 0xff) << 16 | ((255 - i) & 0xff) << 8 | ((i * i) & 0xff);
}
