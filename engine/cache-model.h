/* A cache model for one CPU: what its accesses would do to an instruction
 * and a data cache, for teaching and for sizing, not for speed.
 *
 * A board gives a cluster an instruction cache, a data cache or both
 * (size, ways, line size, replacement, and for data the write policy:
 * board-doc.c's cache properties).  While a CPU has a model (MdlCpu.cache
 * is not NULL) its class reports every instruction fetch and every data
 * access to it (mdl_cache_model_fetch, mdl_cache_model_data) and keeps no
 * RAM windows of its own, so that none is missed; the machine runs such a
 * CPU in the interpreter whatever the tier.  Without a model the targets
 * never get here: the hooks sit where their fast paths already miss.
 *
 * Only memory (RAM, ROM and aliases) is cached; a device's registers are
 * counted apart as uncached accesses.  Replacement is least recently
 * used, first in first out, or pseudo-random from a seed of the board, so
 * that the same board and firmware give the same counts on every run.
 * The model changes the guest's timing only when the board gives a miss
 * penalty: each miss then costs that many cycles of the CPU's clock.
 *
 * The model lives on the engine thread; views see copies in the runner's
 * snapshots (MdlCacheSnapshot).
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "engine/cpu.h"

G_BEGIN_DECLS

typedef enum {
  MDL_CACHE_LRU,          /* the way used longest ago goes */
  MDL_CACHE_FIFO,         /* the way filled longest ago goes */
  MDL_CACHE_RANDOM,       /* a way drawn from a generator seeded by the board */
} MdlCacheReplacement;

typedef enum {
  MDL_CACHE_WRITE_BACK,    /* write-back, write-allocate: dirty lines are
                              written back when they leave */
  MDL_CACHE_WRITE_THROUGH, /* write-through, no write-allocate: a write
                              miss leaves the cache as it was */
} MdlCacheWritePolicy;

/* Limits of a configuration (bigger ones are refused, naming them). */
#define MDL_CACHE_MAX_SIZE  (UINT32_C (1) << 20)  /* 1 MiB per side */
#define MDL_CACHE_MAX_WAYS  16
#define MDL_CACHE_MIN_LINE  4
#define MDL_CACHE_MAX_LINE  256

typedef struct {
  uint32_t            size;     /* bytes; 0: no cache on this side */
  uint32_t            ways;     /* lines per set */
  uint32_t            line;     /* bytes per line */
  MdlCacheReplacement replacement;
  MdlCacheWritePolicy write;    /* what writes do (the data side's) */
} MdlCacheConfig;

/* One line of a set. */
typedef struct {
  uint64_t tag;           /* the line's address divided by the line size */
  uint64_t stamp;         /* LRU: the access that last used it; FIFO: the
                             one that filled it */
  bool     valid, dirty;
} MdlCacheLine;

typedef struct {
  uint64_t read_hits, read_misses;
  uint64_t write_hits, write_misses;
  uint64_t writebacks;    /* dirty lines written back on eviction */
  uint64_t uncached;      /* accesses to device registers */
} MdlCacheCounts;

/* One cache: a configuration and its sets, way by way in each set. */
typedef struct {
  MdlCacheConfig cfg;
  uint32_t       sets;
  unsigned       line_shift;
  MdlCacheLine  *lines;     /* sets * ways, set-major */
  uint64_t       clock;     /* accesses so far: the stamps' clock */
  uint64_t       rng;       /* the random replacement's state */
  uint64_t       seed;
  MdlCacheCounts counts;
  int            last_set;  /* the line the last access touched, or -1 */
  int            last_way;
  bool           last_hit;
} MdlCache;

/* Whether @cfg can be built; else false with @error naming what is wrong
 * and the values allowed.  @what is "instruction cache" or "data cache"
 * for the message.  A size of 0 (no cache) is always fine. */
bool      mdl_cache_config_check (const MdlCacheConfig *cfg, const char *what, GError **error);

/* A cache of configuration @cfg (checked), empty, replacement drawn from
 * @seed when random. */
MdlCache *mdl_cache_new    (const MdlCacheConfig *cfg, uint64_t seed);
void      mdl_cache_free   (MdlCache *c);
/* Empties the cache and zeroes its counts, as at power-on. */
void      mdl_cache_reset  (MdlCache *c);
/* One access to the line holding @addr: true on a hit.  Counts it, and
 * fills, evicts and marks lines as the policies say. */
bool      mdl_cache_access (MdlCache *c, uint64_t addr, bool write);
/* Set and way of the line holding @addr, or false when it is not held. */
bool      mdl_cache_probe  (const MdlCache *c, uint64_t addr, unsigned *set, unsigned *way);

/* ---- a CPU's model ---- */

typedef struct MdlCacheModel MdlCacheModel;

/* The board's settings for one cluster's CPUs. */
typedef struct {
  MdlCacheConfig icache, dcache;
  uint64_t       seed;          /* random replacement's seed */
  uint32_t       miss_penalty;  /* cycles per miss; 0: timing unchanged */
} MdlCacheModelConfig;

/* Whether @cfg has a cache on either side. */
bool mdl_cache_model_config_enabled (const MdlCacheModelConfig *cfg);

/* A model for @cpu (its address space says what is memory); the CPU
 * index goes into the random seed so that harts differ. */
MdlCacheModel *mdl_cache_model_new   (MdlCpu *cpu, const MdlCacheModelConfig *cfg);
void           mdl_cache_model_free  (MdlCacheModel *m);
void           mdl_cache_model_reset (MdlCacheModel *m);
/* The caches, NULL for a side without one. */
MdlCache      *mdl_cache_model_icache (MdlCacheModel *m);
MdlCache      *mdl_cache_model_dcache (MdlCacheModel *m);

/* The hooks targets call while cpu->cache is set: an instruction fetch of
 * @size bytes at @addr, and a data read or write.  An access that spans
 * lines touches each of them. */
void mdl_cache_model_fetch (MdlCpu *cpu, uint64_t addr, unsigned size);
void mdl_cache_model_data  (MdlCpu *cpu, uint64_t addr, unsigned size, bool write);

/* ---- saved states (engine/snapshot.h) ----
 * The caches' lines, clocks, generators and counts go into the CPU's part
 * of a saved state: with a miss penalty they decide the guest's timing,
 * and a step back must show the counts of the moment it lands on. */
void mdl_cache_model_save    (MdlCacheModel *m, MdlStateWriter *w);
bool mdl_cache_model_restore (MdlCacheModel *m, MdlStateReader *r);

/* ---- what a snapshot holds ---- */

typedef struct {
  MdlCacheConfig cfg;        /* size 0: no cache on this side */
  uint32_t       sets;
  MdlCacheLine  *lines;      /* sets * ways copies */
  MdlCacheCounts counts;
  int            last_set, last_way;
  bool           last_hit;
} MdlCacheSideSnapshot;

typedef struct {
  MdlCacheSideSnapshot side[2];   /* 0: instructions, 1: data */
  uint32_t             miss_penalty;
  bool                 last_data; /* the last access was a data access */
} MdlCacheSnapshot;

/* A copy of @m's state, for a snapshot (engine thread). */
MdlCacheSnapshot *mdl_cache_model_snapshot (MdlCacheModel *m);
void              mdl_cache_snapshot_free  (MdlCacheSnapshot *s);

/* "lru", "fifo", "random" and "write-back", "write-through": the words a
 * board file uses.  Parsing returns false for anything else. */
const char *mdl_cache_replacement_name  (MdlCacheReplacement r);
bool        mdl_cache_replacement_parse (const char *text, MdlCacheReplacement *r);
const char *mdl_cache_write_policy_name  (MdlCacheWritePolicy w);
bool        mdl_cache_write_policy_parse (const char *text, MdlCacheWritePolicy *w);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlCache, mdl_cache_free)

G_END_DECLS
