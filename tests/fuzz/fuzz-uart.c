/* The UARTs' receive path (and the registers around it) driven by an
 * operation stream, as a guest and a typing or pasting user would
 * interleave them: register reads and writes, bytes arriving, time
 * passing.  One property is checked besides memory safety: what
 * serial_can_receive() promises is taken without an overrun, since hosts
 * rely on it to never lose pasted input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/device.h"
#include "engine/machine.h"
#include "hw/devices.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define NS_BASE    UINT64_C (0x10000000)
#define CMSDK_BASE UINT64_C (0x40004000)
#define NS_LSR     5
#define NS_LSR_OE  0x02
#define CMSDK_STATE     0x04
#define CMSDK_INTCLEAR  0x0c
#define CMSDK_RX_OVERRUN 0x08   /* in STATE; cleared through INTCLEAR */

static MdlDevice *
add_uart (MdlMachine *m, MdlAddressSpace *as, const char *compatible, uint64_t base,
          unsigned shift)
{
  const MdlDeviceClass *cls = NULL;
  MdlDevice *dev;

  for (unsigned i = 0; mdl_hw_device_classes[i] != NULL; i++)
    if (strcmp (mdl_hw_device_classes[i]->compatible, compatible) == 0)
      cls = mdl_hw_device_classes[i];
  g_assert (cls != NULL);
  dev = mdl_device_new (m, cls, compatible);
  if (shift)
    mdl_device_set_prop_u64 (dev, "reg-shift", shift);
  dev->reg = g_new0 (MdlRegEntry, 1);
  dev->reg[0].base = base;
  dev->reg[0].size = cls->default_size;
  dev->n_reg = 1;
  g_assert (cls->realize (dev, NULL));
  mdl_machine_add_device (m, dev);
  g_assert (mdl_address_space_map (as, base, dev->regions[0], NULL));
  return dev;
}

static void
discard_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
}

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *uarts[2];
} Bench;

static void
bench_build (Bench *b, unsigned shift)
{
  b->m = mdl_machine_new ();
  b->as = mdl_machine_add_address_space (b->m, "bus");
  b->uarts[0] = add_uart (b->m, b->as, "ns16550a", NS_BASE, shift);
  b->uarts[1] = add_uart (b->m, b->as, "arm,cmsdk-uart", CMSDK_BASE, 0);
  mdl_machine_set_serial_out (b->m, discard_serial, NULL);
  mdl_machine_reset (b->m);
}

/* Folds what the guest and the host see (register reads, what the UARTs
 * say they can take) into one value, so that two runs can be compared. */
static uint64_t
mix (uint64_t h, uint64_t v)
{
  return (h ^ v) * UINT64_C (0x100000001b3);
}

static uint64_t
run_ops (Bench *bench, const uint8_t *data, size_t size, unsigned shift)
{
  MdlMachine *m = bench->m;
  MdlAddressSpace *as = bench->as;
  MdlDevice **uarts = bench->uarts;
  uint64_t h = UINT64_C (0xcbf29ce484222325);
  size_t i = 1;

  while (i + 3 <= size) {
    uint8_t op = data[i], a = data[i + 1], b = data[i + 2];
    bool cmsdk = op & 0x80;
    MdlDevice *uart = uarts[cmsdk];
    uint64_t reg = cmsdk ? CMSDK_BASE + (a % 6) * 4 : NS_BASE + ((uint64_t) (a & 7) << shift);
    unsigned width = cmsdk ? 4 : 1;
    uint64_t v;

    i += 3;
    switch (op % 5) {
    case 0:
      mdl_address_space_write (as, reg, width, b);
      break;
    case 1:
      v = 0;
      mdl_address_space_read (as, reg, width, &v);
      h = mix (h, v);
      break;
    case 2: {   /* up to b % 40 bytes arrive, whatever the UART can take */
      size_t n = MIN ((size_t) (b % 40), size - i);
      uart->cls->serial_input (uart, data + i, n);
      i += n;
      break;
    }
    case 3:
      mdl_machine_run (m, (uint64_t) (a + 1) * 10 * MDL_PS_PER_US);
      break;
    case 4: {   /* a host honouring flow control never causes an overrun */
      size_t n = uart->cls->serial_can_receive (uart);
      uint8_t bytes[64] = { 0 };

      h = mix (h, n);
      g_assert (n <= sizeof bytes);
      /* Clear the overrun flag first: reading LSR does on the 16550,
       * INTCLEAR does on the CMSDK UART. */
      if (cmsdk) {
        mdl_address_space_write (as, CMSDK_BASE + CMSDK_INTCLEAR, 4, CMSDK_RX_OVERRUN);
      } else {
        mdl_address_space_read (as, NS_BASE + ((uint64_t) NS_LSR << shift), 1, &v);
      }
      uart->cls->serial_input (uart, bytes, n);
      if (cmsdk) {
        mdl_address_space_read (as, CMSDK_BASE + CMSDK_STATE, 4, &v);
        g_assert (!(v & CMSDK_RX_OVERRUN));
      } else {
        mdl_address_space_read (as, NS_BASE + ((uint64_t) NS_LSR << shift), 1, &v);
        g_assert (!(v & NS_LSR_OE));
      }
      break;
    }
    }
  }
  return h;
}

/* One machine per reg-shift, reset for every input: building one per
 * input was most of the time.  Every 64th input runs again on a machine
 * built for it alone and must read the same values, so that nothing an
 * input leaves behind (a reset that misses some state) changes the next. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static Bench benches[4];
  static unsigned count;
  unsigned shift = size > 0 ? data[0] & 3 : 0;
  Bench *bench = &benches[shift];
  uint64_t h;

  if (bench->m == NULL)
    bench_build (bench, shift);
  else
    mdl_machine_reset (bench->m);
  h = run_ops (bench, data, size, shift);
  if (++count % 64 == 0) {
    Bench fresh;

    bench_build (&fresh, shift);
    if (run_ops (&fresh, data, size, shift) != h) {
      /* abort(), which libFuzzer reports with the input (g_error traps). */
      fputs ("reused machine: the UARTs read differently on a fresh one (an earlier "
             "input left state behind that a reset does not clear)\n", stderr);
      abort ();
    }
    mdl_machine_free (fresh.m);
  }
  return 0;
}
