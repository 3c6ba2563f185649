/*
 * The GPIO demo (boards/gpio-demo.dts): a Cortex-M3 counts 0 to 9 on a
 * 7-segment digit, one step every half second of virtual time (SysTick),
 * and a push button reverses the direction.  An LED says which way it
 * counts (lit: down).
 *
 * Pins of the GPIO block at 0x40010000:
 *   0-6  segments a-g of the digit (outputs, 1 = lit)
 *   7    the digit's decimal point, lit while the button is held
 *   8    the push button (input, 1 = pressed), interrupt on both edges
 *   9    the direction LED (output)
 *
 * Everything happens in the two interrupt handlers; main() sleeps.
 */
#include <stdint.h>
#include <stdio.h>

#include "gpio.h"
#include "mps2.h"

#define GPIO        0x40010000u
#define GPIO_IRQ    6u                      /* external interrupt line */
#define PIN_DP      7u
#define PIN_BUTTON  8u
#define PIN_LED     9u
#define SEGMENTS    0x7fu

#define NVIC_ISER0  ((volatile uint32_t *) 0xe000e100u)
#define SYST_CSR    ((volatile uint32_t *) 0xe000e010u)
#define SYST_RVR    ((volatile uint32_t *) 0xe000e014u)
#define SYST_CVR    ((volatile uint32_t *) 0xe000e018u)

/* Segments a (bit 0) to g (bit 6) for each digit. */
static const uint8_t digits[10] = {
  0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f,
};

static volatile unsigned count;
static volatile int step = 1;
static volatile unsigned ticks;

static void
show (unsigned n)
{
  /* Clear then set: a segment that stays lit never blinks off. */
  *gpio_reg (GPIO, GPIO_DATA_CLEAR) = SEGMENTS & ~digits[n];
  *gpio_reg (GPIO, GPIO_DATA_SET) = digits[n];
}

/* SysTick: 4 per second; the digit moves on every second one. */
void
SysTick_Handler (void)
{
  if (++ticks % 2 != 0)
    return;
  count = (count + 10 + step) % 10;
  show (count);
  printf ("digit: %u\n", count);
}

/* The button: reverse on a press, show the point while it is held. */
void
IRQ6_Handler (void)
{
  uint32_t pressed = *gpio_reg (GPIO, GPIO_DATA_IN) & (1u << PIN_BUTTON);

  *gpio_reg (GPIO, GPIO_IRQ_STATUS) = 1u << PIN_BUTTON;
  if (pressed) {
    step = -step;
    *gpio_reg (GPIO, step < 0 ? GPIO_DATA_SET : GPIO_DATA_CLEAR) = 1u << PIN_LED;
    *gpio_reg (GPIO, GPIO_DATA_SET) = 1u << PIN_DP;
    printf ("button: counting %s\n", step < 0 ? "down" : "up");
  } else {
    *gpio_reg (GPIO, GPIO_DATA_CLEAR) = 1u << PIN_DP;
  }
}

int
main (void)
{
  printf ("counter: 7-segment digit on GPIO pins 0-7, button on pin 8, LED on pin 9\n");
  *gpio_reg (GPIO, GPIO_DATA_OUT) = 0;
  *gpio_reg (GPIO, GPIO_DIR) = SEGMENTS | 1u << PIN_DP | 1u << PIN_LED;
  show (count);

  *gpio_reg (GPIO, GPIO_IRQ_RISE) = 1u << PIN_BUTTON;
  *gpio_reg (GPIO, GPIO_IRQ_FALL) = 1u << PIN_BUTTON;
  *gpio_reg (GPIO, GPIO_IRQ_STATUS) = 1u << PIN_BUTTON;
  *gpio_reg (GPIO, GPIO_IRQ_EN) = 1u << PIN_BUTTON;
  *NVIC_ISER0 = 1u << GPIO_IRQ;

  /* A quarter of a second of the 25 MHz core clock (fits SysTick's 24 bits). */
  *SYST_RVR = MPS2_SYSCLK_HZ / 4 - 1;
  *SYST_CVR = 0;
  *SYST_CSR = 7;   /* enable, interrupt, core clock */

  for (;;)
    __asm__ volatile ("wfi");
}
