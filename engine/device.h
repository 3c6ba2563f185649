/* Device classes and device instances.
 *
 * A device model describes itself with one static const MdlDeviceClass:
 * its device-tree compatible, palette group, typed properties (shared by
 * the board loader and the inspector), how many register windows and
 * interrupt lines it has, and a few hooks.  realize() reads the properties
 * and creates one MMIO/RAM region per register window; the board loader
 * maps region i at the node's i-th `reg` entry and wires interrupt output
 * i to the i-th `interrupts-extended` specifier.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "device-view.h"
#include "prop-info.h"
#include "machine.h"
#include "memory.h"

G_BEGIN_DECLS

typedef struct MdlDeviceClass MdlDeviceClass;

typedef struct {
  uint64_t u64;
  char    *str;              /* owned; NULL for numeric types */
} MdlPropValue;

typedef enum {
  MDL_GROUP_MEMORY,
  MDL_GROUP_SERIAL,
  MDL_GROUP_TIMERS,
  MDL_GROUP_INTERRUPTS,
  MDL_GROUP_MAILBOXES,
  MDL_GROUP_DISPLAY,
  MDL_GROUP_PARTS,   /* workbench parts on GPIO pins: no registers, not run */
  MDL_GROUP_OTHER,
} MdlDeviceGroup;

typedef struct {
  uint64_t base;
  uint64_t size;
} MdlRegEntry;

struct MdlDevice {
  const MdlDeviceClass *cls;
  MdlMachine   *machine;
  char         *name;        /* node name: "uart@10000000" */
  MdlPropValue *props;       /* cls->n_props values */
  MdlRegEntry  *reg;         /* from the node's reg, n_reg entries */
  unsigned      n_reg;
  MdlRegion   **regions;     /* created by realize, cls->n_regions */
  MdlIrqLine  **irq_out;     /* cls->n_irq_out, NULL when unconnected */
  void         *state;       /* cls->state_size bytes, zeroed */
  unsigned      index;       /* position in the machine, board order */
};

struct MdlDeviceClass {
  const char    *name;        /* "ns16550a": palette label */
  const char    *compatible;  /* device-tree compatible */
  const char    *description; /* one line for the palette */
  MdlDeviceGroup group;
  const MdlPropInfo *props;
  unsigned       n_props;
  unsigned       n_regions;   /* register windows realize creates */
  uint64_t       default_size; /* size of window 0 for a new component */
  unsigned       n_irq_out;   /* interrupt outputs (may be 0) */
  unsigned       n_irq_in;    /* interrupt inputs (controllers) */
  size_t         state_size;

  /* Guest device tree (engine/fdt-export.c): how the device appears to
   * firmware that gets one besides its compatible, reg, properties and
   * interrupts.  All optional (zero: nothing more than that). */
  const char *const *fdt_compatible; /* NULL-terminated, most specific
                                        first (the names guests' drivers
                                        match); NULL: { compatible } */
  const char    *fdt_node_name; /* generic node name ("clint"); NULL: one
                                   from the group ("serial", "timer") */
  bool           fdt_memory;    /* RAM: a /memory node (not under /soc),
                                   and where the tree goes by default */
  uint32_t       fdt_poweroff;  /* a syscon: the values whose write at */
  uint32_t       fdt_reboot;    /* offset 0 powers off and reboots (the
                                   tree's /poweroff and /reboot); both 0:
                                   no syscon */

  /* Register blocks of the window, relative to its base, that the guest
   * tree lists as separate `reg` entries (a GIC's distributor and CPU
   * interface share one window); NULL: one entry, the whole window. */
  const MdlRegEntry *fdt_reg;
  unsigned       n_fdt_reg;
  /* Input clocks the guest's driver asks for by name (NULL-terminated:
   * "uartclk", "apb_pclk"): the tree gets one root fixed-clock node per
   * rate, fdt_clock_hz, and the node `clocks` and `clock-names` naming
   * it.  NULL: no clocks. */
  const char *const *fdt_clocks;
  uint64_t       fdt_clock_hz;

  /* Interrupt specifiers of a controller (n_irq_in > 0) longer than one
   * cell, as a GIC's <type number flags>: irq_cells is #interrupt-cells
   * (0: one cell, the input number, and the hooks below are NULL).
   * irq_input says which input @cells (irq_cells of them) mean for an
   * output of @source_hart (the hart of the cpu node a CPU's own output
   * comes from; -1 for a device's), or -1 when they mean none;
   * irq_specifier is the way back, for the .dts writer and the guest's
   * device tree, filling irq_cells values. */
  unsigned       irq_cells;
  int  (*irq_input)     (const MdlDeviceClass *cls, const uint32_t *cells, int source_hart);
  void (*irq_specifier) (const MdlDeviceClass *cls, unsigned input, uint32_t *cells);

  /* Builds the regions from properties and dev->reg; false with @error
   * (naming the device and property) on a bad value. */
  bool (*realize)      (MdlDevice *dev, GError **error);
  void (*reset)        (MdlDevice *dev);
  void (*irq_in)       (MdlDevice *dev, unsigned line, bool level);
  /* Bytes typed into the device's console (UARTs only).  Bytes beyond
   * what serial_can_receive allows are lost as on a real line (overrun). */
  void (*serial_input) (MdlDevice *dev, const uint8_t *bytes, size_t len);
  /* How many bytes serial_input takes right now without loss: hosts hold
   * the rest back, like a terminal honouring flow control. */
  size_t (*serial_can_receive) (MdlDevice *dev);
  /* What views show of the device while it runs (LED levels, a frame's
   * generation): copies at most @max bytes into @buf and returns how many.
   * Called on the engine thread for every snapshot, so it must be cheap;
   * a view kind's layout is in engine/device-view.h. */
  size_t (*snapshot_state) (MdlDevice *dev, uint8_t *buf, size_t max);
  /* Frees what realize allocated besides regions and state. */
  void (*finalize)     (MdlDevice *dev);
  /* Saved states (engine/snapshot.h): everything of the device that the
   * guest can observe or that decides what it does next (registers,
   * FIFOs, counters, embedded events), written into @w and read back
   * onto the same device.  RAM and ROM contents and interrupt line
   * levels are the engine's.  mdl_device_save_plain/_restore_plain
   * serve a state that is one plain struct.  Required for every class:
   * the round-trip test enumerates the registry. */
  void (*save)         (MdlDevice *dev, MdlStateWriter *w);
  bool (*restore)      (MdlDevice *dev, MdlStateReader *r, GError **error);

  /* ---- what the workbench may show and drive (engine/device-view.h) ---- */
  MdlViewKind        view;  /* MDL_VIEW_NONE for most devices */
  const MdlPartInfo *part;  /* a workbench part, or NULL */
  /* MDL_VIEW_PINS: drives input pin @pin to @level (a button on the
   * canvas); false when there is no such pin.  Engine thread. */
  bool (*set_pin)      (MdlDevice *dev, unsigned pin, bool level);
  /* MDL_VIEW_DISPLAY: the current frame as *out_w x *out_h native-endian
   * 0xAARRGGBB words (alpha 0xff), rows packed, scaled to @scale_w x
   * @scale_h (0: the guest's own size).  Returns false, touching nothing,
   * when *generation_inout already is the frame's generation; otherwise
   * sets it and *pixels (g_free).  Engine thread. */
  bool (*render_frame) (MdlDevice *dev, uint64_t *generation_inout,
                        unsigned scale_w, unsigned scale_h,
                        uint32_t **pixels, unsigned *out_w, unsigned *out_h);
};

/* Creates an unrealized device with default property values. */
MdlDevice *mdl_device_new  (MdlMachine *m, const MdlDeviceClass *cls,
                            const char *name);
void       mdl_device_free (MdlDevice *dev);

/* Index of the property called @name, or -1. */
int mdl_device_class_find_prop (const MdlDeviceClass *cls, const char *name);

uint64_t    mdl_device_prop_u64 (const MdlDevice *dev, const char *name);
const char *mdl_device_prop_str (const MdlDevice *dev, const char *name);
void        mdl_device_set_prop_u64 (MdlDevice *dev, const char *name, uint64_t v);
void        mdl_device_set_prop_str (MdlDevice *dev, const char *name, const char *v);

/* Size of reg entry @i, or @fallback when the node gave none. */
uint64_t mdl_device_reg_size (const MdlDevice *dev, unsigned i, uint64_t fallback);

/* Appends a record to the machine's trace (engine/trace.h), with this
 * device as its source: mailbox messages, UART bytes... */
void mdl_device_trace (MdlDevice *dev, unsigned kind, uint32_t aux, uint64_t value);

/* Raises or lowers interrupt output @i (no-op when unconnected). */
void mdl_device_irq_set (MdlDevice *dev, unsigned i, bool level);

/* The CPU whose interrupt input output @output drives, or NULL (it is
 * unconnected or drives a device).  With mdl_machine_current_cpu() this
 * tells a controller with per-CPU registers which CPU is accessing it. */
MdlCpu *mdl_device_irq_out_cpu (MdlDevice *dev, unsigned output);

G_END_DECLS
