/*
 * framebuffer.h: the "medley,framebuffer" device as firmware sees it
 * (register map in hw/framebuffer.h).
 */
#pragma once

#include <stdint.h>

#define FB_WIDTH        0x00u
#define FB_HEIGHT       0x04u
#define FB_STRIDE       0x08u
#define FB_FORMAT       0x0cu
#define FB_BASE_LO      0x10u
#define FB_BASE_HI      0x14u
#define FB_ENABLE       0x18u
#define FB_VBLANK_HZ    0x1cu
#define FB_IRQ_EN       0x20u
#define FB_IRQ_STATUS   0x24u
#define FB_FRAME_COUNT  0x28u
#define FB_PAL_INDEX    0x2cu
#define FB_PAL_DATA     0x30u

#define FB_FORMAT_XRGB8888 0u
#define FB_FORMAT_RGB565   1u
#define FB_FORMAT_PAL8     2u

#define FB_IRQ_VBLANK   1u

static inline volatile uint32_t *
fb_reg (uintptr_t base, uint32_t reg)
{
  return (volatile uint32_t *) (base + reg);
}
