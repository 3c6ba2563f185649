/*
 * gpio.h: the "medley,gpio" block as firmware sees it (register map in
 * hw/gpio.h): 32 pins, one bit each.
 */
#pragma once

#include <stdint.h>

#define GPIO_DATA_IN    0x00u
#define GPIO_DATA_OUT   0x04u
#define GPIO_DIR        0x08u
#define GPIO_IRQ_EN     0x0cu
#define GPIO_IRQ_RISE   0x10u
#define GPIO_IRQ_FALL   0x14u
#define GPIO_IRQ_STATUS 0x18u
#define GPIO_DATA_SET   0x1cu
#define GPIO_DATA_CLEAR 0x20u

static inline volatile uint32_t *
gpio_reg (uintptr_t base, uint32_t reg)
{
  return (volatile uint32_t *) (base + reg);
}
