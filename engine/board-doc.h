/* The board as a document: what the canvas edits and the .dts holds.
 *
 * A document is a list of components (CPU clusters and devices) with
 * typed property values and canvas positions, and a list of wires: a
 * device mapped into a cluster's address space, or an interrupt output
 * wired to a CPU's or a controller's input.  It is read from a .dts (via
 * dtc and libfdt), written back as .dts text, checked for problems
 * (overlaps, missing firmware, dangling wires) and turned into a machine.
 * The same walk builds what the canvas shows and what runs.  The model
 * and its edits are in board-doc.c, reading in board-doc-read.c, writing
 * in board-doc-write.c.
 *
 * Documents are small (tens of components) and cheap to copy: the editor
 * keeps whole copies for undo.  Components and wires are named by ids that
 * stay stable across copies and edits.
 */
#pragma once

#include <glib.h>

#include "board.h"
#include "device.h"

G_BEGIN_DECLS

typedef enum {
  MDL_COMPONENT_CLUSTER,
  MDL_COMPONENT_DEVICE,
} MdlComponentKind;

typedef struct {
  guint             id;
  MdlComponentKind  kind;
  char             *name;      /* unique, a C identifier: "cpu0", "uart0" */
  const MdlCpuClass    *cpu_cls;  /* clusters: follows the "cpu" property */
  const MdlDeviceClass *dev_cls;  /* devices */
  const MdlPropInfo *props;    /* what the inspector shows, in order */
  unsigned          n_props;
  MdlPropValue     *values;    /* n_props values */
  double            x, y;      /* canvas position of the top-left corner */
  char             *source;    /* "board.dts:23" when read from a file:
                                  read it through mdl_board_doc_source() */
  char             *node;      /* its device-tree path, when read from a
                                  .dts and source is not looked up yet */
} MdlComponent;

/* Properties every cluster has: "cpu" (MDL_PROP_CPU; its default is the
 * registry's first CPU class, not a name of its own), "harts",
 * "clock-frequency", "timebase-frequency", "firmware".  Devices with
 * register windows have "reg" (MDL_PROP_ADDR) and "size" (MDL_PROP_SIZE)
 * first, then their class's own properties. */

typedef enum {
  MDL_WIRE_MAP,   /* device `from` is visible to cluster `to` at its "reg" */
  MDL_WIRE_IRQ,   /* output `output` of device `from` drives input `input`
                     of `to` (hart `hart` when `to` is a cluster) */
} MdlWireKind;

typedef struct {
  guint       id;
  MdlWireKind kind;
  guint       from;
  unsigned    output;
  guint       to;
  unsigned    input;
  unsigned    hart;
  bool        has_base;  /* MAP: the cluster sees the device at `base`, */
  uint64_t    base;      /* not at its "reg" (heterogeneous SoCs do that) */
} MdlWire;

typedef struct {
  guint  component;  /* 0 for the board as a whole */
  char  *prop;       /* the property at fault, or NULL */
  char  *message;
} MdlProblem;

typedef struct {
  char      *path;        /* NULL until opened from or saved to a file */
  char      *model;       /* the board's title */
  GPtrArray *components;  /* MdlComponent * */
  GArray    *wires;       /* MdlWire */
  guint      next_id;
  uint64_t   quantum_ps;  /* scheduler quantum; 0 = the engine's default */
  char      *lines_path;  /* the .dts it was read from, for source lines */
  GHashTable *lines;      /* node path -> "file:line", read on demand */
} MdlBoardDoc;

MdlBoardDoc *mdl_board_doc_new  (void);
MdlBoardDoc *mdl_board_doc_copy (const MdlBoardDoc *doc);
void         mdl_board_doc_free (MdlBoardDoc *doc);

/* Reads a .dts through dtc, or a compiled blob (.dtb, told by its magic
 * number) as it is; errors as for mdl_board_load (file, line, node, problem).
 * Components without medley,position are laid out automatically. */
MdlBoardDoc *mdl_board_doc_load (const char *path, GError **error);
/* Where @c is written ("board.dts:23", for messages), or NULL when it was
 * not read from a file.  The lines of a .dts take a second dtc run, done
 * the first time a message asks, so that a good board compiles once. */
const char  *mdl_board_doc_source (const MdlBoardDoc *doc, const MdlComponent *c);
/* Builds a document from a device-tree blob held in memory (@len bytes
 * from anywhere: a file, the network, a fuzzer), checked with
 * fdt_check_full() and against the limits below before it is walked.
 * @name stands for the file in messages. */
MdlBoardDoc *mdl_board_doc_from_blob (const void *blob, size_t len, const char *name,
                                      GError **error);

/* What a board may ask for.  Files beyond them are refused with a message
 * naming the file and node before anything is allocated: they are typos
 * (a size in bytes where MiB were meant) or hostile, never a real board. */
#define MDL_BOARD_MAX_DEPTH  32      /* nesting of device-tree nodes */
#define MDL_BOARD_MAX_NODES  10000   /* device-tree nodes */
#define MDL_BOARD_MAX_CPUS   256     /* CPUs of all clusters together */
#define MDL_BOARD_MAX_MEMORY (UINT64_C (16) << 30)  /* RAM + ROM, default */

/* The RAM + ROM cap: MEDLEY_MAX_MEMORY ("64 GiB", "512M", bytes) when
 * set, MDL_BOARD_MAX_MEMORY otherwise. */
uint64_t mdl_board_memory_limit (void);
/* Checks the CPU count and the memory total of @doc against the limits
 * (loading does; so does building a machine, for edited documents). */
bool     mdl_board_doc_check_limits (const MdlBoardDoc *doc, GError **error);

/* The document as .dts text, with positions in medley,position. */
char        *mdl_board_doc_to_dts (const MdlBoardDoc *doc);
/* Writes atomically (temporary file, then rename) and sets doc->path;
 * keeps the file's mode and owner, writes through symlinks, refuses to
 * write over a device-tree blob. */
bool         mdl_board_doc_save (MdlBoardDoc *doc, const char *path, GError **error);

MdlComponent *mdl_board_doc_find (const MdlBoardDoc *doc, guint id);
MdlComponent *mdl_board_doc_find_by_name (const MdlBoardDoc *doc, const char *name);
int           mdl_component_find_prop (const MdlComponent *c, const char *name);
/* Property @name of @c: its number (0 when @c has no such property) or
 * its string (NULL when absent or unset).  The one accessor everything
 * that reads a document uses. */
uint64_t      mdl_component_u64 (const MdlComponent *c, const char *name);
const char   *mdl_component_str (const MdlComponent *c, const char *name);

/* ---- edits: each returns false with a reason the UI shows as is ---- */

/* Adds a cluster of CPU class @cls (NULL: the default model, the first
 * class of the registry), or a device of class @cls, with a fresh name,
 * default properties and, for devices, a free address; returns its id. */
guint mdl_board_doc_add_cluster (MdlBoardDoc *doc, const MdlCpuClass *cls,
                                 double x, double y);
guint mdl_board_doc_add_device  (MdlBoardDoc *doc, const MdlDeviceClass *cls,
                                 double x, double y);
/* Removes a component and every wire touching it. */
void  mdl_board_doc_remove (MdlBoardDoc *doc, guint id);
void  mdl_board_doc_move   (MdlBoardDoc *doc, guint id, double x, double y);
bool  mdl_board_doc_rename (MdlBoardDoc *doc, guint id, const char *name,
                            GError **error);
/* Parses @text for property @prop as the inspector's entry gives it
 * ("0x10000000", "64 MiB", "100 MHz", "rv32imac", a path...). */
bool  mdl_board_doc_set_prop (MdlBoardDoc *doc, guint id, const char *prop,
                              const char *text, GError **error);
/* Formats a property value the way set_prop parses it back. */
char *mdl_component_format_prop (const MdlComponent *c, unsigned prop);

guint mdl_board_doc_map (MdlBoardDoc *doc, guint device, guint cluster,
                         GError **error);
guint mdl_board_doc_wire_irq (MdlBoardDoc *doc, guint device, unsigned output,
                              guint target, unsigned input, unsigned hart,
                              GError **error);
void  mdl_board_doc_remove_wire (MdlBoardDoc *doc, guint wire_id);
/* Where the cluster of bus wire @wire_id sees its device: @text is an
 * address, or empty for the device's own "reg". */
bool  mdl_board_doc_set_map_base (MdlBoardDoc *doc, guint wire_id, const char *text,
                                  GError **error);
/* The address at which the cluster of map wire @w sees its device. */
uint64_t mdl_board_doc_map_base (const MdlBoardDoc *doc, const MdlWire *w);

/* Everything that stops the board from running, in a stable order.
 * Relative firmware paths are looked up like mdl_board_load does. */
GPtrArray *mdl_board_doc_problems (const MdlBoardDoc *doc,
                                   const char *const *search_dirs);

/* Builds the machine (firmware not loaded: see mdl_board_load_firmware). */
MdlBoard *mdl_board_doc_instantiate (const MdlBoardDoc *doc,
                                     const char *const *search_dirs,
                                     GError **error);

void mdl_problem_free (MdlProblem *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlBoardDoc, mdl_board_doc_free)

G_END_DECLS
