/* A mirror ("medley,mirror"): a second address for memory that another
 * node of the board already maps, as the MPS2 boards repeat their RAMs
 * (QEMU's mps2-an385 maps SSRAM1 again at 0x00400000, SSRAM2/3 at
 * 0x20400000 and the 16 KiB block RAM three more times from 0x01004000).
 *
 * The node's reg is where the mirror appears and how much of the memory
 * it shows; medley,mirror-of is the system-bus address the mirrored bytes
 * have in their own node (usually that node's base).  Both addresses
 * reach the same bytes: a store through one is seen through the other,
 * and CPUs take the RAM fast path through either.  The mirrored node
 * comes earlier in the board file (nodes are built in file order), and
 * must be RAM or ROM.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "engine/device.h"
#include "engine/error.h"
#include "engine/snapshot.h"

static bool
mirror_realize (MdlDevice *dev, GError **error)
{
  uint64_t size = mdl_device_reg_size (dev, 0, 0);
  uint64_t of = mdl_device_prop_u64 (dev, "medley,mirror-of"), base = 0;
  MdlAddressSpace *bus = mdl_machine_n_address_spaces (dev->machine) > 0
                           ? mdl_machine_address_space (dev->machine, 0)
                           : NULL;
  MdlRegion *target = bus ? mdl_address_space_lookup (bus, of, &base) : NULL;
  MdlRegionKind kind;

  if (size == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: the mirror's size is 0 (give the node a reg with a size)", dev->name);
    return false;
  }
  if (target == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: nothing is mapped at medley,mirror-of = 0x%" G_GINT64_MODIFIER "x "
                 "(the mirrored memory's node must come before the mirror)",
                 dev->name, of);
    return false;
  }
  kind = mdl_region_kind (target);
  if (kind != MDL_REGION_RAM && kind != MDL_REGION_ROM) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: medley,mirror-of = 0x%" G_GINT64_MODIFIER "x is in %s, which is not "
                 "RAM or ROM",
                 dev->name, of, mdl_region_name (target));
    return false;
  }
  if (of - base > mdl_region_size (target) || size > mdl_region_size (target) - (of - base)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: a mirror of 0x%" G_GINT64_MODIFIER "x bytes from 0x%" G_GINT64_MODIFIER
                 "x runs past the end of %s (0x%" G_GINT64_MODIFIER
                 "x bytes from 0x%" G_GINT64_MODIFIER "x)",
                 dev->name, size, of, mdl_region_name (target), mdl_region_size (target), base);
    return false;
  }
  dev->regions[0] = mdl_region_new_alias (dev->name, target, of - base, size);
  return true;
}

static const MdlPropInfo mirror_props[] = {
  { .name = "medley,mirror-of",
    .type = MDL_PROP_ADDR,
    .description = N_ ("System-bus address of the memory shown here again"),
    .required = true },
};

const MdlDeviceClass mdl_memory_mirror_class = {
  .name = "mirror",
  .compatible = "medley,mirror",
  .description = N_ ("A second address for RAM or ROM mapped elsewhere on the board"),
  .group = MDL_GROUP_MEMORY,
  .props = mirror_props,
  .n_props = G_N_ELEMENTS (mirror_props),
  .n_regions = 1,
  .default_size = 0x400000,
  .realize = mirror_realize,
  .save = mdl_device_save_plain,
  .restore = mdl_device_restore_plain,
};
