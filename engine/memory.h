/* Regions and address spaces: what a CPU cluster sees.
 *
 * A region is a contiguous piece of guest-visible memory: RAM or ROM (a
 * host buffer, reached through a fast path), MMIO (a device's ops table)
 * or an alias (a window onto another region, possibly at another address
 * in another cluster).  An address space maps regions at base addresses
 * and refuses overlaps.  CPUs ask for a RAM window first (a host pointer
 * plus bounds, cached by the CPU and revalidated with the address space's
 * generation) and fall back to mdl_address_space_read/write, whose result
 * the CPU turns into its own architecture's fault.  The host is never
 * touched outside a region's buffer, whatever the guest asks for.
 *
 * Guests and host are little-endian; multi-byte values in RAM are stored
 * little-endian and MMIO ops receive host integers.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct MdlRegion MdlRegion;
typedef struct MdlAddressSpace MdlAddressSpace;

typedef enum {
  MDL_REGION_RAM,
  MDL_REGION_ROM,
  MDL_REGION_MMIO,
  MDL_REGION_ALIAS,
} MdlRegionKind;

/* Outcome of a slow-path access; the CPU maps each to its own fault. */
typedef enum {
  MDL_MEM_OK,
  MDL_MEM_UNMAPPED,      /* nothing mapped there (or the access crosses out of a region) */
  MDL_MEM_MISALIGNED,    /* the device does not accept this alignment */
  MDL_MEM_BAD_SIZE,      /* the device does not accept this access size */
  MDL_MEM_READ_ONLY,     /* a write to ROM */
} MdlMemResult;

typedef struct {
  /* offset is relative to the region start; size is 1, 2, 4 or 8. */
  uint64_t (*read)  (void *opaque, uint64_t offset, unsigned size);
  void     (*write) (void *opaque, uint64_t offset, unsigned size, uint64_t value);
  unsigned min_size;     /* smallest accepted access, in bytes (0 = 1) */
  unsigned max_size;     /* largest accepted access, in bytes (0 = 8) */
  bool     unaligned_ok; /* accept offsets that are not a multiple of size */
  /* Whether a debugger may read: NULL when reading @offset changes
   * nothing (a debugger then calls read), else why not, a short phrase
   * naming the register ("reading DATA takes the received byte").
   * Without this hook the device has not said, and debuggers are
   * refused. */
  const char *(*read_effect) (void *opaque, uint64_t offset, unsigned size);
} MdlMmioOps;

/* A RAM window: guest [base, base + size) is host [host, host + size). */
typedef struct {
  uint64_t base;
  uint64_t size;
  uint8_t *host;
  bool     writable;
} MdlRamWindow;

/* Regions are reference counted: mapping one takes a reference. */
MdlRegion *mdl_region_new_ram   (const char *name, uint64_t size);
MdlRegion *mdl_region_new_rom   (const char *name, uint64_t size);
MdlRegion *mdl_region_new_mmio  (const char *name, uint64_t size,
                                 const MdlMmioOps *ops, void *opaque);
/* A window of @size bytes onto @target starting at @offset into it. */
MdlRegion *mdl_region_new_alias (const char *name, MdlRegion *target,
                                 uint64_t offset, uint64_t size);
MdlRegion *mdl_region_ref       (MdlRegion *region);
void       mdl_region_unref     (MdlRegion *region);

const char   *mdl_region_name (const MdlRegion *region);
MdlRegionKind mdl_region_kind (const MdlRegion *region);
uint64_t      mdl_region_size (const MdlRegion *region);
/* The host buffer of a RAM or ROM region (NULL for MMIO and aliases). */
uint8_t      *mdl_region_host (MdlRegion *region);

MdlAddressSpace *mdl_address_space_new  (const char *name);
void             mdl_address_space_free (MdlAddressSpace *as);
const char      *mdl_address_space_name (const MdlAddressSpace *as);

/* Maps @region at @base.  Fails with MDL_ERROR_OVERLAP, naming both
 * regions and their ranges, when any byte is already mapped, and with
 * MDL_ERROR_INVALID when the range wraps around the 64-bit space. */
bool mdl_address_space_map (MdlAddressSpace *as, uint64_t base,
                            MdlRegion *region, GError **error);

/* Bumped whenever the map changes: CPUs drop cached windows when it moves. */
uint64_t mdl_address_space_generation (const MdlAddressSpace *as);

/* The region mapped at @addr (aliases not resolved), its base in *base. */
MdlRegion *mdl_address_space_lookup (MdlAddressSpace *as, uint64_t addr,
                                     uint64_t *base);

/* Whether nothing at all is mapped at @addr; then the unmapped range
 * around it is [*base, *base + *size) (one byte short when it reaches the
 * top of the address space), for a CPU to remember that accesses there
 * fault until the generation moves. */
bool mdl_address_space_hole (MdlAddressSpace *as, uint64_t addr,
                             uint64_t *base, uint64_t *size);

/* The fast path: fills @window with the RAM (or ROM) run containing @addr,
 * aliases resolved.  Returns false for MMIO and unmapped addresses. */
bool mdl_address_space_ram_window (MdlAddressSpace *as, uint64_t addr,
                                   MdlRamWindow *window);
/* The same for loads only: marked code does not cut the window (loads
 * need not be heard), so that a CPU's load window is not split into
 * the gaps between code pages; it is never writable. */
bool mdl_address_space_ram_window_load (MdlAddressSpace *as, uint64_t addr,
                                        MdlRamWindow *window);

/* The slow path, for any region kind.  An access that starts in one region
 * and ends outside it is refused with MDL_MEM_UNMAPPED, never split. */
MdlMemResult mdl_address_space_read  (MdlAddressSpace *as, uint64_t addr,
                                      unsigned size, uint64_t *value);
MdlMemResult mdl_address_space_write (MdlAddressSpace *as, uint64_t addr,
                                      unsigned size, uint64_t value);

/* The read_effect of a device whose every register reads without effect. */
const char *mdl_mmio_reads_freely (void *opaque, uint64_t offset, unsigned size);

/* A debugger's read of @size (1, 2, 4 or 8) bytes at @addr: RAM and ROM
 * as they are, MMIO only where its device says the read changes nothing
 * (MdlMmioOps.read_effect).  Never watched.  On refusal returns the
 * reason (static or owned by the device, valid until the next call) and
 * leaves @value alone; NULL on success. */
const char *mdl_address_space_peek (MdlAddressSpace *as, uint64_t addr, unsigned size,
                                    uint64_t *value);

/* Bulk copies for loaders, debuggers and views.  Writes reach ROM too (a
 * loader fills ROM); MMIO is skipped by read_bytes (filled with 0) and
 * refused by write_bytes.  False, with the first failing address in
 * @error, when any byte is not RAM/ROM. */
bool mdl_address_space_write_bytes (MdlAddressSpace *as, uint64_t addr,
                                    const void *data, size_t len,
                                    GError **error);
bool mdl_address_space_read_bytes  (MdlAddressSpace *as, uint64_t addr,
                                    void *data, size_t len, GError **error);
/* Reads RAM or ROM only, watched or not and without watching: false when
 * any byte is device registers or unmapped.  For a CPU's fetch of bytes
 * that have no RAM window (a watchpoint over code). */
bool mdl_address_space_read_memory (MdlAddressSpace *as, uint64_t addr,
                                    void *data, size_t len);

/* Watchpoints: accesses by CPUs through mdl_address_space_read/write that
 * touch a watched range call @hit after they complete.  RAM windows never
 * cover a watched byte, so CPUs take the slow path there and nowhere else.
 * Loaders and debuggers (read_bytes/write_bytes) are not watched. */
typedef void (*MdlWatchFunc) (void *data, uint64_t addr, unsigned size, bool is_write);
void mdl_address_space_set_watch_handler (MdlAddressSpace *as, MdlWatchFunc hit, void *data);
void mdl_address_space_add_watch    (MdlAddressSpace *as, uint64_t addr, uint64_t size,
                                     bool on_read, bool on_write);
void mdl_address_space_remove_watch (MdlAddressSpace *as, uint64_t addr, uint64_t size);

/* Write trackers: watches that only take notes.  A CPU store through
 * mdl_address_space_write, or a write_bytes (a loader, a debugger), that
 * touches [addr, addr + size) calls @fn (never the watch handler, never
 * stopping anything), after the bytes are written.  RAM windows are cut
 * around the range as for watchpoints, so only stores there pay the slow
 * path: how a display device learns that its pixels changed.  @fn must
 * not add or remove watches or trackers.  Returns an id (> 0). */
guint mdl_address_space_add_write_tracker    (MdlAddressSpace *as, uint64_t addr,
                                              uint64_t size, MdlWatchFunc fn,
                                              void *data);
void  mdl_address_space_remove_write_tracker (MdlAddressSpace *as, guint id);

/* Code tracking: a CPU that caches decoded or translated instructions
 * marks the RAM they came from (in granules of MDL_CODE_GRANULE bytes,
 * small so that data next to code, .bss right after .text in small
 * firmware, rarely shares one); from then on RAM windows there only
 * read, so every store there (a CPU's slow path, another CPU, a loader's
 * or debugger's write_bytes) calls each code listener after the bytes
 * are written, and the listeners forget what they cached of the bytes
 * written.  RAM mapped at more than one address (a mirror: an alias of
 * it elsewhere) is marked at each, and a store through any of them is
 * told to the listeners at every address the bytes are mapped at, so
 * that code cached by the address it was fetched from hears a store
 * through its mirror.  mark_code returns true when a granule was new: the map's
 * generation moved and the caller must drop its own cached windows
 * before its next store.  Listeners are kept once per (@fn, @data); they
 * must not add or remove watches or marks.  Removing with @fn NULL
 * removes every listener of @data.
 *
 * Marks go when nobody needs them: a listener added with @holds says
 * whether it still caches anything from [addr, addr + len).  After a
 * store of a few bytes to marked code has been heard, each granule it
 * touched that no listener holds is no longer marked, so code the guest
 * freed and reuses as data takes fast stores again, once the CPUs fetch
 * their windows there again (the generation does not move: the windows
 * they have are cautious, not wrong).  While any listener has no @holds,
 * marks stay for good.  Adding a listener again sets its @holds anew. */
#define MDL_CODE_GRANULE 64
typedef bool (*MdlCodeHoldsFunc) (void *data, uint64_t addr, uint64_t len);
bool mdl_address_space_mark_code (MdlAddressSpace *as, uint64_t addr, uint64_t len);
void mdl_address_space_add_code_listener    (MdlAddressSpace *as, MdlWatchFunc fn,
                                             void *data);
void mdl_address_space_add_code_listener_full (MdlAddressSpace *as, MdlWatchFunc fn,
                                               MdlCodeHoldsFunc holds, void *data);
void mdl_address_space_remove_code_listener (MdlAddressSpace *as, MdlWatchFunc fn,
                                             void *data);
/* Whether any byte of [addr, addr + len) is marked (for tests and views). */
bool mdl_address_space_is_code (MdlAddressSpace *as, uint64_t addr, uint64_t len);

/* Calls @fn for every mapping, in address order. */
typedef void (*MdlMappingFunc) (uint64_t base, MdlRegion *region, void *data);
void mdl_address_space_foreach (MdlAddressSpace *as, MdlMappingFunc fn,
                                void *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlRegion, mdl_region_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlAddressSpace, mdl_address_space_free)

G_END_DECLS
