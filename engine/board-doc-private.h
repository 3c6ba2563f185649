/* What the three parts of the board document share, and nothing else uses.
 *
 * The model and its edits live in board-doc.c, reading a .dts or a blob
 * in board-doc-read.c, writing .dts text in board-doc-write.c.  The reader
 * builds components through the same constructors as the edits, so that a
 * cluster read from a file and one dragged from the palette start alike.
 */
#pragma once

#include "board-doc.h"
#include "cache-model.h"

G_BEGIN_DECLS

#define MDL_DOC_DEFAULT_CPU_HZ      UINT64_C (1000000000)
#define MDL_DOC_DEFAULT_TIMEBASE_HZ UINT64_C (10000000)
#define MDL_DOC_MAX_HARTS           64

/* A cluster's fixed properties, by index into its values; the boot
 * protocols' booleans follow from MDL_CP_COUNT on. */
enum {
  MDL_CP_CPU,
  MDL_CP_HARTS,
  MDL_CP_CLOCK,
  MDL_CP_TIMEBASE,
  MDL_CP_FIRMWARE,
  MDL_CP_PROGRAM,
  MDL_CP_PAYLOAD,
  MDL_CP_PAYLOAD_ADDR,
  MDL_CP_DEVICE_TREE,
  MDL_CP_FDT_ADDR,
  MDL_CP_BOOTARGS,
  MDL_CP_INITRD,
  MDL_CP_INITRD_ADDR,
  /* The cache model's (engine/cache-model.h), MDL_CP_CACHE_FIRST on: all
   * "medley,NAME" in a board file, written when not at their default. */
  MDL_CP_ICACHE_SIZE,
  MDL_CP_ICACHE_WAYS,
  MDL_CP_ICACHE_LINE,
  MDL_CP_ICACHE_REPLACEMENT,
  MDL_CP_DCACHE_SIZE,
  MDL_CP_DCACHE_WAYS,
  MDL_CP_DCACHE_LINE,
  MDL_CP_DCACHE_REPLACEMENT,
  MDL_CP_DCACHE_WRITE,
  MDL_CP_CACHE_SEED,
  MDL_CP_CACHE_MISS_PENALTY,
  MDL_CP_COUNT
};
#define MDL_CP_CACHE_FIRST MDL_CP_ICACHE_SIZE

/* The cache model's settings of cluster @c; false with @error (naming
 * the side and the values allowed) when they do not make a cache, and
 * *@bad the index of the property to blame. */
bool _mdl_cluster_cache_config (const MdlComponent *c, MdlCacheModelConfig *cfg, unsigned *bad,
                                GError **error);

/* The CPU class a cluster has when nothing names one: the first class of
 * the registry (targets/targets.c puts the intended default first), or
 * NULL when no class is registered. */
const MdlCpuClass *_mdl_board_doc_default_cpu (void);

/* Appends a component with default property values and a fresh id; no
 * position, no source.  @cls NULL for a cluster means the default CPU. */
MdlComponent *_mdl_board_doc_new_cluster (MdlBoardDoc *doc, const char *name,
                                          const MdlCpuClass *cls);
MdlComponent *_mdl_board_doc_new_device (MdlBoardDoc *doc, const char *name,
                                         const MdlDeviceClass *cls);

/* Whether cluster property @i is a setting of its CPU class
 * (MdlCpuClass.props: numeric, "medley,NAME" in a board), not a common
 * property or a boot protocol's boolean. */
bool _mdl_cluster_prop_is_class_setting (const MdlComponent *c, unsigned i);

/* A device with a register or memory window ("reg" and "size"). */
bool _mdl_component_has_window (const MdlComponent *c);
/* A C identifier of at most 31 characters. */
bool _mdl_board_doc_valid_name (const char *name);
/* "uart" -> "uart0", "uart1", ...: the first name no component has. */
char *_mdl_board_doc_fresh_name (const MdlBoardDoc *doc, const char *base);
/* The bus wire through which @cluster sees @device, or NULL. */
const MdlWire *_mdl_board_doc_find_map (const MdlBoardDoc *doc, guint device, guint cluster);
/* The folder relative paths of @doc are relative to. */
char *_mdl_board_doc_dir (const MdlBoardDoc *doc);
/* Node path -> "FILE:LINE" for the .dts @path, from dtc's annotations
 * (a dtc run; empty when it fails). */
GHashTable *_mdl_board_doc_node_lines (const char *path);

G_END_DECLS
