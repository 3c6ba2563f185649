/* The SiFive test finisher ("sifive,test0"), as on QEMU's virt machine.
 *
 * A guest ends the run by writing one word at offset 0: the low 16 bits
 * say what happened, the high 16 bits carry an exit code for a failure.
 *
 *   0x5555               pass: the machine stops with exit code 0
 *   (code << 16)|0x3333  fail: stops with exit code @code, and with 1 when
 *                        @code is 0.  QEMU passes 0 through (a failure
 *                        then exits 0); Medley refuses to let a reported
 *                        failure look like a success to a script.
 *   0x7777               reset request: the machine resets (stop reason
 *                        MDL_STOP_RESET, which a board's machine handles
 *                        by reloading its images and going on; a machine
 *                        without a reset handler just stops).
 *
 * Other values and offsets are ignored; reads return 0.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

#define FINISHER_FAIL  0x3333
#define FINISHER_PASS  0x5555
#define FINISHER_RESET 0x7777

static uint64_t
test_read (void *opaque, uint64_t offset, unsigned size)
{
  return 0;
}

static void
test_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MdlDevice *dev = opaque;
  unsigned status = value & 0xffff;
  unsigned code = (value >> 16) & 0xffff;

  if (offset != 0)
    return;

  switch (status) {
  case FINISHER_PASS:
    mdl_machine_stop (dev->machine, MDL_STOP_GUEST_EXIT, 0,
                      "guest reported success");
    break;
  case FINISHER_FAIL:
    mdl_machine_stop (dev->machine, MDL_STOP_GUEST_EXIT,
                      code != 0 ? (int) code : 1,
                      "guest reported failure %u", code);
    break;
  case FINISHER_RESET:
    mdl_machine_stop (dev->machine, MDL_STOP_RESET, 0, "guest requested a reset");
    break;
  default:
    /* QEMU only logs these; a guest probing the device must not stop. */
    g_debug ("%s: ignored write 0x%" G_GINT64_MODIFIER "x", dev->name, value);
    break;
  }
}

/* 16-bit writes are accepted too, so a guest that stores only the status
 * halfword (a pass, or a failure without code) is understood. */
static const MdlMmioOps test_ops = {
  .read = test_read,
  .write = test_write,
  .min_size = 2,
  .max_size = 4,
};

static bool
test_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, 0x1000);

  if (size < 4) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: register window of 0x%" G_GINT64_MODIFIER "x bytes "
                 "is too small (needs at least 4)", dev->name, size);
    return false;
  }
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &test_ops, dev);
  return true;
}

const MdlDeviceClass mdl_test_device_class = {
  .name = "sifive-test",
  .compatible = "sifive,test0",
  .description = N_("Test finisher: the guest writes pass/fail to end the run"),
  .group = MDL_GROUP_OTHER,
  .n_regions = 1,
  .default_size = 0x1000,
  /* A syscon to guests, as QEMU's virt shows it: Linux and U-Boot power
   * off (pass) and reboot through it. */
  .fdt_compatible = (const char *const[]) { "sifive,test1", "sifive,test0", "syscon", NULL },
  .fdt_node_name = "test",
  .fdt_poweroff = FINISHER_PASS,
  .fdt_reboot = FINISHER_RESET,
  .realize = test_realize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
