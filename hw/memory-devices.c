/* RAM and ROM: memory nodes of a board.
 *
 * Both are a single host-backed region the size of the node's first reg
 * entry.  ROM can be pre-filled from a raw binary ("medley,image"); the
 * board loader resolves that path against the board file before realize,
 * so the value seen here is used as is.
 */
#define G_LOG_DOMAIN "medley-hw"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

/* A guard against typos in a board file (a size written in bytes where
 * MiB were meant, a missing #size-cells), not a hardware limit. */
#define MDL_MEMORY_MAX_SIZE (UINT64_C (16) << 30)

static bool
check_size (MdlDevice *dev, uint64_t size, GError **error)
{
  if (size == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: memory size is 0 (give the node a reg with a size)",
                 dev->name);
    return false;
  }
  if (size > MDL_MEMORY_MAX_SIZE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: memory size 0x%" G_GINT64_MODIFIER "x is larger "
                 "than the 16 GiB Medley allows",
                 dev->name, size);
    return false;
  }
  return true;
}

static bool
ram_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, 0);

  if (!check_size (dev, size, error))
    return false;
  dev->regions[0] = mdl_region_new_ram (dev->name, size);
  return true;
}

/* Reads @path into @buf (at most @cap bytes).  Reads through stdio rather
 * than g_file_get_contents so that a huge file given by mistake is refused
 * after one stat instead of being loaded whole. */
static bool
load_image (MdlDevice *dev, const char *path, uint8_t *buf, uint64_t cap,
            GError **error)
{
  struct stat st;
  FILE *f;

  /* A FIFO or a device (/dev/stdin, a tty) named by a board would block
   * the load, before fopen even returns: only regular files are images. */
  if (stat (path, &st) == 0 && !S_ISREG (st.st_mode)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: ROM image %s is not a regular file", dev->name, path);
    return false;
  }
  f = fopen (path, "rb");
  if (f == NULL) {
    int saved = errno;
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s: cannot open ROM image %s: %s",
                 dev->name, path, g_strerror (saved));
    return false;
  }

  bool ok = false;
  if (fseeko (f, 0, SEEK_END) != 0)
    goto io_error;
  off_t len = ftello (f);
  if (len < 0 || fseeko (f, 0, SEEK_SET) != 0)
    goto io_error;
  if ((uint64_t) len > cap) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: ROM image %s is %" G_GINT64_FORMAT " bytes, larger "
                 "than the ROM (0x%" G_GINT64_MODIFIER "x bytes)",
                 dev->name, path, (gint64) len, cap);
    goto out;
  }
  if (len > 0 && fread (buf, 1, (size_t) len, f) != (size_t) len)
    goto io_error;
  ok = true;
  goto out;

io_error:
  g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: cannot read ROM image %s: %s",
               dev->name, path, g_strerror (errno));
out:
  fclose (f);
  return ok;
}

static bool
rom_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, 0);

  if (!check_size (dev, size, error))
    return false;

  g_autoptr (MdlRegion) rom = mdl_region_new_rom (dev->name, size);
  const char *image = mdl_device_prop_str (dev, "medley,image");
  if (image != NULL && image[0] != '\0'
      && !load_image (dev, image, mdl_region_host (rom), size, error))
    return false;

  dev->regions[0] = g_steal_pointer (&rom);
  return true;
}

const MdlDeviceClass mdl_ram_class = {
  .name = "ram",
  .compatible = "medley,ram",
  .description = N_("Read-write memory"),
  .group = MDL_GROUP_MEMORY,
  .n_regions = 1,
  .default_size = 0x1000000,  /* 16 MiB */
  .fdt_memory = true,
  .realize = ram_realize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};

static const MdlPropInfo rom_props[] = {
  { .name = "medley,image", .type = MDL_PROP_FILE,
    .description = N_("Raw binary loaded at the start of the ROM") },
};

const MdlDeviceClass mdl_rom_class = {
  .name = "rom",
  .compatible = "medley,rom",
  .description = N_("Read-only memory, optionally filled from a raw image"),
  .group = MDL_GROUP_MEMORY,
  .props = rom_props,
  .n_props = G_N_ELEMENTS (rom_props),
  .n_regions = 1,
  .default_size = 0x10000,    /* 64 KiB */
  .realize = rom_realize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
