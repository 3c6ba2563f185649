/* The serial communication controller of the MPS2 FPGA images
 * ("arm,mps2-scc", 0x4002f000): the registers through which firmware
 * identifies the board and talks to its motherboard configuration
 * controller.  QEMU's mps2 machines have it; firmware reads its ID to
 * tell an AN385 (0x41043850) from an AN386 (0x41043860).
 *
 *   0x000-0x00c CFG0-CFG3   stored (remap, LEDs, switches: no board
 *                           parts behind them here)
 *   0x010 CFG4              board revision (read-only, property)
 *   0x0a0 CFGDATA_RTN, 0x0a4 CFGDATA_OUT   stored
 *   0x0a8 CFGCTRL           stored; a write with START (bit 31) is a
 *                           configuration transfer that completes at
 *                           once (there is no motherboard to talk to):
 *                           CFGSTAT reads 1 (complete) after it
 *   0x0ac CFGSTAT
 *   0x100 DLL               0xffff0001: the clocks are locked
 *   0xff8 AID, 0xffc ID     the FPGA image (properties)
 *
 * Reset values are QEMU's.  Every register reads without effect.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <string.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define WINDOW_SIZE 0x1000

typedef struct {
  uint32_t cfg[4];
  uint32_t data_rtn, data_out, ctrl, stat;
} Scc;

static uint64_t
scc_read (void *opaque, uint64_t offset, unsigned size)
{
  MdlDevice *dev = opaque;
  Scc *c = dev->state;

  switch (offset) {
  case 0x000:
  case 0x004:
  case 0x008:
  case 0x00c: return c->cfg[offset / 4];
  case 0x010: return (uint32_t) mdl_device_prop_u64 (dev, "arm,scc-cfg4");
  case 0x0a0: return c->data_rtn;
  case 0x0a4: return c->data_out;
  case 0x0a8: return c->ctrl;
  case 0x0ac: return c->stat;
  case 0x100: return 0xffff0001u;
  case 0xff8: return (uint32_t) mdl_device_prop_u64 (dev, "arm,scc-aid");
  case 0xffc: return (uint32_t) mdl_device_prop_u64 (dev, "arm,scc-id");
  default: return 0;
  }
}

static void
scc_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  Scc *c = dev->state;
  uint32_t v = (uint32_t) value;

  switch (offset) {
  case 0x000:
  case 0x004:
  case 0x008:
  case 0x00c: c->cfg[offset / 4] = v; break;
  case 0x0a0: c->data_rtn = v; break;
  case 0x0a4: c->data_out = v; break;
  case 0x0a8:
    c->ctrl = v & ~(1u << 31);
    if (v & (1u << 31))
      c->stat = 1;
    break;
  case 0x0ac: c->stat = v & 3; break;
  default: break;
  }
}

static const MdlMmioOps scc_ops = {
  .read = scc_read,
  .write = scc_write,
  .read_effect = mdl_mmio_reads_freely,
  .min_size = 4,
  .max_size = 4,
};

static void
scc_reset (MdlDevice *dev)
{
  Scc *c = dev->state;

  memset (c, 0, sizeof *c);
  c->ctrl = 0x00100000u;
}

static bool
scc_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, WINDOW_SIZE);

  if (size < WINDOW_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes is smaller than "
                 "the SCC's 0x%x (its ID register is at 0xffc)",
                 dev->name, size, WINDOW_SIZE);
    return false;
  }
  scc_reset (dev);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &scc_ops, dev);
  return true;
}

static const MdlPropInfo scc_props[] = {
  { .name = "arm,scc-id",
    .type = MDL_PROP_U32,
    .description = N_ ("SCC ID: the FPGA image (0x41043850 AN385, 0x41043860 AN386)"),
    .default_u64 = 0x41043850u },
  { .name = "arm,scc-aid",
    .type = MDL_PROP_U32,
    .description = N_ ("SCC AID: the image's revision and configuration"),
    .default_u64 = 0x00200008u },
  { .name = "arm,scc-cfg4",
    .type = MDL_PROP_U32,
    .description = N_ ("CFG4: the board revision"),
    .default_u64 = 2 },
};

const MdlDeviceClass mdl_mps2_scc_class = {
  .name = "mps2-scc",
  .compatible = "arm,mps2-scc",
  .description = N_ ("Arm MPS2 serial communication controller: board ID and configuration"),
  .group = MDL_GROUP_OTHER,
  .props = scc_props,
  .n_props = G_N_ELEMENTS (scc_props),
  .n_regions = 1,
  .default_size = WINDOW_SIZE,
  .state_size = sizeof (Scc),
  .realize = scc_realize,
  .reset = scc_reset,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
