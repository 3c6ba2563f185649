#define G_LOG_DOMAIN "mdl-cache"

/* The cache model (cache-model.h): sets of ways, three replacement
 * policies, two write policies, and the per-CPU hooks the targets call. */

#include "engine/cache-model.h"

#include <string.h>

#include "engine/error.h"
#include "engine/memory.h"
#include "engine/snapshot.h"

/* ---- one cache ------------------------------------------------------------ */

bool
mdl_cache_config_check (const MdlCacheConfig *cfg, const char *what, GError **error)
{
  if (cfg->size == 0)
    return true;
  if (cfg->line < MDL_CACHE_MIN_LINE || cfg->line > MDL_CACHE_MAX_LINE
      || (cfg->line & (cfg->line - 1))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: a line of %u bytes; lines are a power of two from %u to %u bytes", what,
                 cfg->line, MDL_CACHE_MIN_LINE, MDL_CACHE_MAX_LINE);
    return false;
  }
  if (cfg->ways < 1 || cfg->ways > MDL_CACHE_MAX_WAYS) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "%s: %u ways; 1 to %u ways are modelled",
                 what, cfg->ways, MDL_CACHE_MAX_WAYS);
    return false;
  }
  if (cfg->size > MDL_CACHE_MAX_SIZE || cfg->size % (cfg->ways * cfg->line) != 0
      || ((cfg->size / (cfg->ways * cfg->line)) & (cfg->size / (cfg->ways * cfg->line) - 1))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: %u bytes is not ways x line size (%u x %u) times a power of two "
                 "number of sets, at most %u bytes",
                 what, cfg->size, cfg->ways, cfg->line, MDL_CACHE_MAX_SIZE);
    return false;
  }
  return true;
}

MdlCache *
mdl_cache_new (const MdlCacheConfig *cfg, uint64_t seed)
{
  MdlCache *c = g_new0 (MdlCache, 1);

  g_assert (cfg->size > 0 && mdl_cache_config_check (cfg, "cache", NULL));
  c->cfg = *cfg;
  c->sets = cfg->size / (cfg->ways * cfg->line);
  c->line_shift = (unsigned) g_bit_nth_lsf (cfg->line, -1);
  c->lines = g_new0 (MdlCacheLine, (size_t) c->sets * cfg->ways);
  c->seed = seed;
  mdl_cache_reset (c);
  return c;
}

void
mdl_cache_free (MdlCache *c)
{
  if (c == NULL)
    return;
  g_free (c->lines);
  g_free (c);
}

void
mdl_cache_reset (MdlCache *c)
{
  memset (c->lines, 0, sizeof (MdlCacheLine) * c->sets * c->cfg.ways);
  memset (&c->counts, 0, sizeof c->counts);
  c->clock = 0;
  /* xorshift must not start at 0. */
  c->rng = c->seed ? c->seed : UINT64_C (0x9e3779b97f4a7c15);
  c->last_set = c->last_way = -1;
  c->last_hit = false;
}

/* xorshift64* (Marsaglia, Vigna): the same sequence on every host; the
 * high half of the product, as the low bits of plain xorshift repeat. */
static uint32_t
next_random (MdlCache *c)
{
  uint64_t x = c->rng;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  c->rng = x;
  return (uint32_t) ((x * UINT64_C (0x2545f4914f6cdd1d)) >> 32);
}

/* The way of set @lines that a fill takes: an invalid one (the lowest)
 * first, else the policy's choice. */
static unsigned
victim (MdlCache *c, const MdlCacheLine *lines)
{
  unsigned ways = c->cfg.ways, best = 0;

  for (unsigned w = 0; w < ways; w++)
    if (!lines[w].valid)
      return w;
  if (c->cfg.replacement == MDL_CACHE_RANDOM)
    return (unsigned) (next_random (c) % ways);
  /* LRU and FIFO differ in when the stamp is set, not here. */
  for (unsigned w = 1; w < ways; w++)
    if (lines[w].stamp < lines[best].stamp)
      best = w;
  return best;
}

bool
mdl_cache_access (MdlCache *c, uint64_t addr, bool write)
{
  uint64_t tag = addr >> c->line_shift;
  unsigned set = (unsigned) (tag & (c->sets - 1)), ways = c->cfg.ways, w;
  MdlCacheLine *lines = &c->lines[(size_t) set * ways];
  bool through = c->cfg.write == MDL_CACHE_WRITE_THROUGH;

  c->clock++;
  c->last_set = (int) set;
  for (w = 0; w < ways; w++)
    if (lines[w].valid && lines[w].tag == tag)
      break;

  if (w < ways) {
    if (write)
      c->counts.write_hits++;
    else
      c->counts.read_hits++;
    if (c->cfg.replacement == MDL_CACHE_LRU)
      lines[w].stamp = c->clock;
    if (write && !through)
      lines[w].dirty = true;
    c->last_way = (int) w;
    c->last_hit = true;
    return true;
  }

  c->last_hit = false;
  if (write)
    c->counts.write_misses++;
  else
    c->counts.read_misses++;
  /* No write-allocate: the write goes to memory, the set stays. */
  if (write && through) {
    c->last_way = -1;
    return false;
  }
  w = victim (c, lines);
  if (lines[w].valid && lines[w].dirty)
    c->counts.writebacks++;
  lines[w].valid = true;
  lines[w].tag = tag;
  lines[w].stamp = c->clock;
  lines[w].dirty = write && !through;
  c->last_way = (int) w;
  return false;
}

bool
mdl_cache_probe (const MdlCache *c, uint64_t addr, unsigned *set, unsigned *way)
{
  uint64_t tag = addr >> c->line_shift;
  unsigned s = (unsigned) (tag & (c->sets - 1));

  for (unsigned w = 0; w < c->cfg.ways; w++) {
    const MdlCacheLine *l = &c->lines[(size_t) s * c->cfg.ways + w];
    if (l->valid && l->tag == tag) {
      *set = s;
      *way = w;
      return true;
    }
  }
  return false;
}

/* ---- a CPU's model -------------------------------------------------------- */

struct MdlCacheModel {
  MdlCpu   *cpu;
  MdlCache *side[2];        /* instructions, data */
  uint32_t  miss_penalty;
  bool      last_data;
  /* The region last classified: [lo, hi] is memory or not, until the
   * address space's map changes. */
  uint64_t  gen, lo, hi;
  bool      known, memory;
};

bool
mdl_cache_model_config_enabled (const MdlCacheModelConfig *cfg)
{
  return cfg->icache.size > 0 || cfg->dcache.size > 0;
}

MdlCacheModel *
mdl_cache_model_new (MdlCpu *cpu, const MdlCacheModelConfig *cfg)
{
  MdlCacheModel *m = g_new0 (MdlCacheModel, 1);
  /* Harts of one cluster draw different victims from one board seed. */
  uint64_t seed = cfg->seed * UINT64_C (0x9e3779b97f4a7c15) + cpu->index + 1;

  m->cpu = cpu;
  m->miss_penalty = cfg->miss_penalty;
  if (cfg->icache.size)
    m->side[0] = mdl_cache_new (&cfg->icache, seed);
  if (cfg->dcache.size)
    m->side[1] = mdl_cache_new (&cfg->dcache, seed ^ UINT64_C (0x5bd1e995));
  return m;
}

void
mdl_cache_model_free (MdlCacheModel *m)
{
  if (m == NULL)
    return;
  mdl_cache_free (m->side[0]);
  mdl_cache_free (m->side[1]);
  g_free (m);
}

void
mdl_cache_model_reset (MdlCacheModel *m)
{
  for (unsigned i = 0; i < 2; i++)
    if (m->side[i])
      mdl_cache_reset (m->side[i]);
  m->last_data = false;
  m->known = false;
}

MdlCache *
mdl_cache_model_icache (MdlCacheModel *m)
{
  return m->side[0];
}

MdlCache *
mdl_cache_model_dcache (MdlCacheModel *m)
{
  return m->side[1];
}

/* Whether @addr is memory (cached) rather than a device's registers. */
static bool
is_memory (MdlCacheModel *m, uint64_t addr)
{
  MdlAddressSpace *as = m->cpu->as;
  uint64_t gen = mdl_address_space_generation (as), base;
  MdlRegion *r;

  if (m->known && m->gen == gen && addr >= m->lo && addr <= m->hi)
    return m->memory;
  r = mdl_address_space_lookup (as, addr, &base);
  m->gen = gen;
  m->known = r != NULL;
  if (r == NULL)
    return false;
  m->lo = base;
  m->hi = base + (mdl_region_size (r) - 1);
  m->memory = mdl_region_kind (r) != MDL_REGION_MMIO;
  return m->memory;
}

static void
access_lines (MdlCacheModel *m, MdlCache *c, uint64_t addr, unsigned size, bool write)
{
  uint64_t first = addr >> c->line_shift, last = (addr + (size ? size - 1 : 0)) >> c->line_shift;

  if (!is_memory (m, addr)) {
    c->counts.uncached++;
    return;
  }
  for (uint64_t l = first; l <= last; l++)
    if (!mdl_cache_access (c, l << c->line_shift, write) && m->miss_penalty)
      m->cpu->time_ps += (uint64_t) m->miss_penalty * m->cpu->period_ps;
}

void
mdl_cache_model_fetch (MdlCpu *cpu, uint64_t addr, unsigned size)
{
  MdlCacheModel *m = cpu->cache;

  if (m->side[0] == NULL)
    return;
  m->last_data = false;
  access_lines (m, m->side[0], addr, size, false);
}

void
mdl_cache_model_data (MdlCpu *cpu, uint64_t addr, unsigned size, bool write)
{
  MdlCacheModel *m = cpu->cache;

  if (m->side[1] == NULL)
    return;
  m->last_data = true;
  access_lines (m, m->side[1], addr, size, write);
}

/* ---- snapshots ------------------------------------------------------------ */

MdlCacheSnapshot *
mdl_cache_model_snapshot (MdlCacheModel *m)
{
  MdlCacheSnapshot *s = g_new0 (MdlCacheSnapshot, 1);

  for (unsigned i = 0; i < 2; i++) {
    const MdlCache *c = m->side[i];
    MdlCacheSideSnapshot *d = &s->side[i];

    d->last_set = d->last_way = -1;
    if (c == NULL)
      continue;
    d->cfg = c->cfg;
    d->sets = c->sets;
    d->lines = g_memdup2 (c->lines, sizeof (MdlCacheLine) * c->sets * c->cfg.ways);
    d->counts = c->counts;
    d->last_set = c->last_set;
    d->last_way = c->last_way;
    d->last_hit = c->last_hit;
  }
  s->miss_penalty = m->miss_penalty;
  s->last_data = m->last_data;
  return s;
}

void
mdl_cache_snapshot_free (MdlCacheSnapshot *s)
{
  if (s == NULL)
    return;
  g_free (s->side[0].lines);
  g_free (s->side[1].lines);
  g_free (s);
}

/* ---- names ---------------------------------------------------------------- */

static const char *const replacement_names[] = { "lru", "fifo", "random" };
static const char *const write_names[] = { "write-back", "write-through" };

const char *
mdl_cache_replacement_name (MdlCacheReplacement r)
{
  return r < G_N_ELEMENTS (replacement_names) ? replacement_names[r] : "lru";
}

bool
mdl_cache_replacement_parse (const char *text, MdlCacheReplacement *r)
{
  for (unsigned i = 0; text != NULL && i < G_N_ELEMENTS (replacement_names); i++)
    if (g_ascii_strcasecmp (text, replacement_names[i]) == 0) {
      *r = (MdlCacheReplacement) i;
      return true;
    }
  return false;
}

const char *
mdl_cache_write_policy_name (MdlCacheWritePolicy w)
{
  return w < G_N_ELEMENTS (write_names) ? write_names[w] : "write-back";
}

bool
mdl_cache_write_policy_parse (const char *text, MdlCacheWritePolicy *w)
{
  for (unsigned i = 0; text != NULL && i < G_N_ELEMENTS (write_names); i++)
    if (g_ascii_strcasecmp (text, write_names[i]) == 0) {
      *w = (MdlCacheWritePolicy) i;
      return true;
    }
  return false;
}

/* Field by field, so that no padding byte makes two equal states differ. */
void
mdl_cache_model_save (MdlCacheModel *m, MdlStateWriter *w)
{
  for (unsigned s = 0; s < 2; s++) {
    const MdlCache *c = m->side[s];
    const MdlCacheCounts *k;

    if (c == NULL)
      continue;
    for (uint64_t i = 0; i < (uint64_t) c->sets * c->cfg.ways; i++) {
      const MdlCacheLine *l = &c->lines[i];

      mdl_state_put_u64 (w, l->tag);
      mdl_state_put_u64 (w, l->stamp);
      mdl_state_put_u32 (w, (l->valid ? 1u : 0u) | (l->dirty ? 2u : 0u));
    }
    k = &c->counts;
    mdl_state_put_u64 (w, c->clock);
    mdl_state_put_u64 (w, c->rng);
    mdl_state_put_u64 (w, k->read_hits);
    mdl_state_put_u64 (w, k->read_misses);
    mdl_state_put_u64 (w, k->write_hits);
    mdl_state_put_u64 (w, k->write_misses);
    mdl_state_put_u64 (w, k->writebacks);
    mdl_state_put_u64 (w, k->uncached);
    mdl_state_put_u32 (w, (uint32_t) c->last_set);
    mdl_state_put_u32 (w, (uint32_t) c->last_way);
    mdl_state_put_u32 (w, c->last_hit);
  }
  mdl_state_put_u32 (w, m->last_data);
}

bool
mdl_cache_model_restore (MdlCacheModel *m, MdlStateReader *r)
{
  for (unsigned s = 0; s < 2; s++) {
    MdlCache *c = m->side[s];
    MdlCacheCounts *k;

    if (c == NULL)
      continue;
    for (uint64_t i = 0; i < (uint64_t) c->sets * c->cfg.ways; i++) {
      MdlCacheLine *l = &c->lines[i];
      uint32_t bits;

      l->tag = mdl_state_get_u64 (r);
      l->stamp = mdl_state_get_u64 (r);
      bits = mdl_state_get_u32 (r);
      l->valid = bits & 1;
      l->dirty = (bits & 2) != 0;
    }
    k = &c->counts;
    c->clock = mdl_state_get_u64 (r);
    c->rng = mdl_state_get_u64 (r);
    k->read_hits = mdl_state_get_u64 (r);
    k->read_misses = mdl_state_get_u64 (r);
    k->write_hits = mdl_state_get_u64 (r);
    k->write_misses = mdl_state_get_u64 (r);
    k->writebacks = mdl_state_get_u64 (r);
    k->uncached = mdl_state_get_u64 (r);
    c->last_set = (int) mdl_state_get_u32 (r);
    c->last_way = (int) mdl_state_get_u32 (r);
    c->last_hit = mdl_state_get_u32 (r) != 0;
  }
  m->last_data = mdl_state_get_u32 (r) != 0;
  return mdl_state_reader_ok (r);
}
