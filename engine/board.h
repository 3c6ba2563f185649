/* Boards: a device-tree source turned into a machine.
 *
 * The .dts goes through the reference compiler `dtc` into a blob, which is
 * walked with libfdt.  CPU clusters (`compatible = "cpus,cluster"`, or the
 * classic /cpus node) hold `device_type = "cpu"` nodes whose compatible
 * names a CPU class; every other node with a compatible is a device found
 * through the registry (`device_type = "memory"` nodes are RAM).  `reg` is
 * translated through the parents' `ranges`; `interrupts-extended` (or
 * `interrupts` + `interrupt-parent`) wires a device's outputs to a CPU's
 * interrupt inputs (a node inside a cpu node) or to a device's inputs.
 * Workbench data lives in `medley,` properties: `medley,name` (the
 * cluster's name, default its node name) and `medley,firmware` (an ELF
 * path, relative to the board file or to a firmware search directory).
 * A cluster without firmware starts at its payload (a kernel booted
 * directly) or, with neither, at its CPU class's reset vector
 * (`has_reset_address`: a raw image in a ROM of the board).
 * Firmware that boots a next stage gets it from `medley,payload` (an ELF,
 * or a raw binary at `medley,payload-address`), and with
 * `medley,device-tree` the cluster's own device tree (engine/fdt-export.h)
 * at `medley,fdt-address`, its address in each CPU's boot_arg.  A boolean
 * cluster property named after a boot protocol of a CPU class
 * (`medley,opensbi-dynamic`: OpenSBI's fw_dynamic, targets/riscv) asks
 * for that protocol: the cluster's class must offer it, and its prepare
 * hook writes a firmware information block (naming the payload as the
 * next stage) after every load, its address in each CPU's boot_info.
 * `medley,initrd` (a file, relative like firmware) is an initial RAM disk
 * copied at every reset to `medley,initrd-address`, or when that is 0
 * after the payload (as QEMU places it: 128 MiB on, or half the RAM
 * when smaller) below the device tree, whose /chosen names it.
 *
 * Errors name the board file, the line of the node (from dtc's
 * annotations), the node path and the problem.
 */
#pragma once

#include <glib.h>

#include "elf-loader.h"
#include "machine.h"

G_BEGIN_DECLS

typedef struct {
  char            *name;      /* "cpu0", "app": --firmware NAME=FILE */
  char            *node;      /* where the cluster is written ("board.dts:23"),
                                 filled when a message needs it */
  char            *firmware;  /* as given (board or command line), or NULL */
  MdlAddressSpace *as;
  GPtrArray       *cpus;      /* MdlCpu *, not owned */
  MdlElfImage     *image;     /* after mdl_board_load_firmware() */
  char            *payload;   /* next stage as given, or NULL */
  uint64_t         payload_address; /* where a raw payload goes */
  GBytes          *fdt;       /* the cluster's device tree, or NULL */
  uint64_t         fdt_address;
  const MdlBootProtocol *boot_protocol; /* the class's, as the board asks;
                                           NULL: the plain hand-off */
  uint64_t         info_address; /* where boot_protocol put its block */
  bool             payload_is_kernel; /* given with --kernel: the class's
                                         kernel_image hook checks it */
  char            *initrd;    /* initial RAM disk as given, or NULL */
  uint64_t         initrd_address; /* as given; 0: the loader chooses */
  char            *bootargs;  /* replaces the board's, or NULL */
  GBytes          *initrd_data;   /* after mdl_board_load_firmware() */
  uint64_t         initrd_at;     /* where it was put */
  guint            doc_id;    /* the cluster's component in doc */
} MdlCluster;

typedef struct {
  char       *path;
  char       *dir;            /* folder of the board file */
  char       *model;
  char      **search_dirs;    /* where relative firmware paths are looked up */
  MdlMachine *machine;
  GPtrArray  *clusters;       /* MdlCluster * */
  void       *doc;            /* MdlBoardDoc *, a copy: the device trees are
                                 built when the images are loaded */
} MdlBoard;

/* Builds the machine described by @path.  @search_dirs (may be NULL) are
 * tried, after the board's own folder, for relative firmware paths. */
MdlBoard *mdl_board_load (const char *path, const char *const *search_dirs,
                          GError **error);
void      mdl_board_free (MdlBoard *board);

/* The cluster called @name, or the only cluster when @name is NULL. */
MdlCluster *mdl_board_find_cluster (MdlBoard *board, const char *name);

/* Overrides a cluster's firmware (a path relative to the working folder). */
bool mdl_board_set_firmware (MdlBoard *board, const char *cluster_name,
                             const char *path, GError **error);

/* Override a cluster's payload (as a kernel its class checks), initial
 * RAM disk and command line, as QEMU's -kernel, -initrd and -append do;
 * paths are relative to the working folder.  @cluster_name as for
 * mdl_board_set_firmware(). */
bool mdl_board_set_kernel (MdlBoard *board, const char *cluster_name,
                           const char *path, GError **error);
bool mdl_board_set_initrd (MdlBoard *board, const char *cluster_name,
                           const char *path, GError **error);
bool mdl_board_set_bootargs (MdlBoard *board, const char *cluster_name,
                             const char *args, GError **error);

/* Loads every cluster's firmware (and payload and device tree) and resets
 * the machine so that each CPU starts at its firmware's entry point. */
bool mdl_board_load_firmware (MdlBoard *board, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlBoard, mdl_board_free)

G_END_DECLS
