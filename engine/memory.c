#define G_LOG_DOMAIN "mdl-memory"

#include "memory.h"

#include <string.h>

#include "error.h"

struct MdlRegion {
  gatomicrefcount   ref;
  MdlRegionKind     kind;
  char             *name;
  uint64_t          size;
  uint8_t          *host;      /* RAM/ROM */
  const MdlMmioOps *ops;       /* MMIO */
  void             *opaque;
  MdlRegion        *target;    /* alias */
  uint64_t          offset;
};

typedef struct {
  uint64_t   base;
  uint64_t   last;    /* inclusive, so a region may end at 2^64 - 1 */
  MdlRegion *region;
} MdlMapping;

typedef struct {
  uint64_t base, last;   /* inclusive */
  bool     on_read, on_write;
  /* A write tracker (id > 0) calls notify instead of the watch handler. */
  guint        id;
  MdlWatchFunc notify;
  void        *notify_data;
} MdlWatch;

/* A run of RAM holding decoded or translated code
 * (mdl_address_space_mark_code), whole granules, inclusive. */
typedef struct {
  uint64_t base, last;
} MdlCodeSpan;

typedef struct {
  MdlWatchFunc     fn;
  MdlCodeHoldsFunc holds;   /* NULL: holds every mark forever */
  void            *data;
} MdlCodeListener;

struct MdlAddressSpace {
  char        *name;
  GArray      *maps;     /* MdlMapping, sorted by base, never overlapping */
  uint64_t     generation;
  guint        hint;     /* index of the last mapping found */
  GArray      *watches;  /* MdlWatch: watchpoints and trackers; empty almost always */
  /* MdlCodeSpan, sorted by base, disjoint and never adjacent (neighbours
   * merge): a paged guest's code is hundreds of spans, looked up at
   * every window fill and slow-path store, so by binary search. */
  GArray      *code;
  MdlWatchFunc watch_hit;
  void        *watch_data;
  guint        last_tracker_id;
  GArray      *code_listeners;  /* MdlCodeListener */
};

static MdlRegion *
region_new (MdlRegionKind kind, const char *name, uint64_t size)
{
  MdlRegion *r = g_new0 (MdlRegion, 1);

  g_atomic_ref_count_init (&r->ref);
  r->kind = kind;
  r->name = g_strdup (name);
  r->size = size;
  return r;
}

MdlRegion *
mdl_region_new_ram (const char *name, uint64_t size)
{
  MdlRegion *r = region_new (MDL_REGION_RAM, name, size);

  /* Zeroed pages are only committed by the host when touched, so a large
   * guest RAM costs nothing until the guest uses it. */
  r->host = g_malloc0 (size);
  return r;
}

MdlRegion *
mdl_region_new_rom (const char *name, uint64_t size)
{
  MdlRegion *r = region_new (MDL_REGION_ROM, name, size);

  r->host = g_malloc0 (size);
  return r;
}

MdlRegion *
mdl_region_new_mmio (const char *name, uint64_t size, const MdlMmioOps *ops,
                     void *opaque)
{
  MdlRegion *r = region_new (MDL_REGION_MMIO, name, size);

  g_assert (ops != NULL);
  r->ops = ops;
  r->opaque = opaque;
  return r;
}

MdlRegion *
mdl_region_new_alias (const char *name, MdlRegion *target, uint64_t offset,
                      uint64_t size)
{
  MdlRegion *r;

  g_assert (target != NULL);
  g_assert (offset <= target->size && size <= target->size - offset);
  r = region_new (MDL_REGION_ALIAS, name, size);
  r->target = mdl_region_ref (target);
  r->offset = offset;
  return r;
}

MdlRegion *
mdl_region_ref (MdlRegion *region)
{
  g_atomic_ref_count_inc (&region->ref);
  return region;
}

void
mdl_region_unref (MdlRegion *region)
{
  if (region == NULL || !g_atomic_ref_count_dec (&region->ref))
    return;
  g_free (region->host);
  if (region->target != NULL)
    mdl_region_unref (region->target);
  g_free (region->name);
  g_free (region);
}

const char *
mdl_region_name (const MdlRegion *region)
{
  return region->name;
}

MdlRegionKind
mdl_region_kind (const MdlRegion *region)
{
  return region->kind;
}

uint64_t
mdl_region_size (const MdlRegion *region)
{
  return region->size;
}

uint8_t *
mdl_region_host (MdlRegion *region)
{
  return region->host;
}

/* Follows aliases down to a concrete region; *offset is translated. */
static MdlRegion *
region_resolve (MdlRegion *r, uint64_t *offset)
{
  while (r->kind == MDL_REGION_ALIAS) {
    *offset += r->offset;
    r = r->target;
  }
  return r;
}

MdlAddressSpace *
mdl_address_space_new (const char *name)
{
  MdlAddressSpace *as = g_new0 (MdlAddressSpace, 1);

  as->name = g_strdup (name);
  as->maps = g_array_new (FALSE, FALSE, sizeof (MdlMapping));
  as->watches = g_array_new (FALSE, FALSE, sizeof (MdlWatch));
  as->code = g_array_new (FALSE, FALSE, sizeof (MdlCodeSpan));
  as->code_listeners = g_array_new (FALSE, FALSE, sizeof (MdlCodeListener));
  return as;
}

void
mdl_address_space_free (MdlAddressSpace *as)
{
  if (as == NULL)
    return;
  for (guint i = 0; i < as->maps->len; i++)
    mdl_region_unref (g_array_index (as->maps, MdlMapping, i).region);
  g_array_unref (as->maps);
  g_array_unref (as->watches);
  g_array_unref (as->code);
  g_array_unref (as->code_listeners);
  g_free (as->name);
  g_free (as);
}

const char *
mdl_address_space_name (const MdlAddressSpace *as)
{
  return as->name;
}

uint64_t
mdl_address_space_generation (const MdlAddressSpace *as)
{
  return as->generation;
}

bool
mdl_address_space_map (MdlAddressSpace *as, uint64_t base, MdlRegion *region,
                       GError **error)
{
  MdlMapping m = { base, base + region->size - 1, region };
  guint pos;

  if (region->size == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: region '%s' at 0x%" G_GINT64_MODIFIER "x has size 0",
                 as->name, region->name, base);
    return false;
  }
  if (m.last < base) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: region '%s' at 0x%" G_GINT64_MODIFIER "x (size 0x%"
                 G_GINT64_MODIFIER "x) runs past the end of the address space",
                 as->name, region->name, base, region->size);
    return false;
  }

  for (pos = 0; pos < as->maps->len; pos++) {
    MdlMapping *o = &g_array_index (as->maps, MdlMapping, pos);

    if (o->last >= m.base && o->base <= m.last) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_OVERLAP,
                   "%s: '%s' at 0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER
                   "x overlaps '%s' at 0x%" G_GINT64_MODIFIER "x-0x%"
                   G_GINT64_MODIFIER "x",
                   as->name, region->name, m.base, m.last,
                   o->region->name, o->base, o->last);
      return false;
    }
    if (o->base > m.base)
      break;
  }

  mdl_region_ref (region);
  g_array_insert_val (as->maps, pos, m);
  as->generation++;
  as->hint = 0;
  return true;
}

static MdlMapping *
find_mapping (MdlAddressSpace *as, uint64_t addr)
{
  MdlMapping *maps = (MdlMapping *) (void *) as->maps->data;
  guint lo = 0, hi = as->maps->len;

  if (as->hint < as->maps->len) {
    MdlMapping *h = &maps[as->hint];
    if (addr >= h->base && addr <= h->last)
      return h;
  }
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (addr < maps[mid].base)
      hi = mid;
    else if (addr > maps[mid].last)
      lo = mid + 1;
    else {
      as->hint = mid;
      return &maps[mid];
    }
  }
  return NULL;
}

MdlRegion *
mdl_address_space_lookup (MdlAddressSpace *as, uint64_t addr, uint64_t *base)
{
  MdlMapping *m = find_mapping (as, addr);

  if (m == NULL)
    return NULL;
  if (base != NULL)
    *base = m->base;
  return m->region;
}

bool
mdl_address_space_hole (MdlAddressSpace *as, uint64_t addr, uint64_t *base,
                        uint64_t *size)
{
  MdlMapping *maps = (MdlMapping *) (void *) as->maps->data;
  guint lo = 0, hi = as->maps->len;
  uint64_t first, last;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (addr < maps[mid].base)
      hi = mid;
    else if (addr > maps[mid].last)
      lo = mid + 1;
    else
      return false;
  }
  /* maps[lo] is the first mapping above @addr. */
  first = lo > 0 ? maps[lo - 1].last + 1 : 0;
  last = lo < as->maps->len ? maps[lo].base - 1 : UINT64_MAX;
  *base = first;
  *size = last - first + (last != UINT64_MAX);
  return true;
}

/* The first code span that ends at or after @addr (len when none). */
static guint
code_index (const MdlAddressSpace *as, uint64_t addr)
{
  const MdlCodeSpan *c = (const MdlCodeSpan *) (void *) as->code->data;
  guint lo = 0, hi = as->code->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (c[mid].last < addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Whether any marked byte lies in [addr, last]. */
static inline bool
code_overlaps (const MdlAddressSpace *as, uint64_t addr, uint64_t last)
{
  guint i;

  if (as->code->len == 0)
    return false;
  i = code_index (as, addr);
  return i < as->code->len
         && g_array_index (as->code, MdlCodeSpan, i).base <= last;
}

static bool
ram_window (MdlAddressSpace *as, uint64_t addr, MdlRamWindow *window, bool load)
{
  MdlMapping *m = find_mapping (as, addr);
  uint64_t offset = 0;
  MdlRegion *r;

  if (m == NULL)
    return false;
  r = region_resolve (m->region, &offset);
  if (r->host == NULL)
    return false;
  window->base = m->base;
  window->size = m->region->size;
  window->host = r->host + offset;
  window->writable = r->kind == MDL_REGION_RAM;

  /* @addr in marked code: a window that only reads (fetches and loads
   * stay fast, stores take the slow path, where the code's owners hear of
   * them), so code need not be cut out of it.  Elsewhere the window stops
   * short of the code on either side. */
  if (load) {
    window->writable = false;
  } else if (as->code->len > 0) {
    const MdlCodeSpan *c = (const MdlCodeSpan *) (void *) as->code->data;
    guint i = code_index (as, addr);

    if (i < as->code->len && c[i].base <= addr) {
      window->writable = false;
    } else {
      if (i < as->code->len && c[i].base - window->base < window->size)
        window->size = c[i].base - window->base;
      if (i > 0 && c[i - 1].last >= window->base) {
        uint64_t cut = c[i - 1].last + 1 - window->base;
        window->base += cut;
        window->host += cut;
        window->size -= cut;
      }
    }
  }

  /* Cut watched ranges out, keeping the part around @addr. */
  for (guint i = 0; i < as->watches->len; i++) {
    const MdlWatch *w = &g_array_index (as->watches, MdlWatch, i);
    uint64_t wlast = window->base + (window->size - 1);

    if (w->last < window->base || w->base > wlast)
      continue;
    if (addr >= w->base && addr <= w->last)
      return false;
    if (w->last < addr) {
      uint64_t cut = w->last + 1 - window->base;
      window->base += cut;
      window->host += cut;
      window->size -= cut;
    } else {
      window->size = w->base - window->base;
    }
  }
  return true;
}

bool
mdl_address_space_ram_window (MdlAddressSpace *as, uint64_t addr,
                              MdlRamWindow *window)
{
  return ram_window (as, addr, window, false);
}

bool
mdl_address_space_ram_window_load (MdlAddressSpace *as, uint64_t addr,
                                   MdlRamWindow *window)
{
  return ram_window (as, addr, window, true);
}

static void
check_watches (MdlAddressSpace *as, uint64_t addr, unsigned size, bool is_write)
{
  bool reported = false;

  /* Every tracker hears of the write; the handler hears of it once.
   * Marked code is not in this list (see the write path). */
  for (guint i = 0; i < as->watches->len; i++) {
    const MdlWatch *w = &g_array_index (as->watches, MdlWatch, i);

    if (addr > w->last || addr + (size - 1) < w->base)
      continue;
    if (w->notify != NULL) {
      if (is_write)
        w->notify (w->notify_data, addr, size, true);
    } else if (!reported && (is_write ? w->on_write : w->on_read) && as->watch_hit != NULL) {
      as->watch_hit (as->watch_data, addr, size, is_write);
      reported = true;
    }
  }
}

void
mdl_address_space_set_watch_handler (MdlAddressSpace *as, MdlWatchFunc hit, void *data)
{
  as->watch_hit = hit;
  as->watch_data = data;
}

void
mdl_address_space_add_watch (MdlAddressSpace *as, uint64_t addr, uint64_t size,
                             bool on_read, bool on_write)
{
  MdlWatch w = { addr, addr + (MAX (size, 1) - 1), on_read, on_write };

  g_array_append_val (as->watches, w);
  as->generation++;   /* CPUs must drop windows that cover it */
}

void
mdl_address_space_remove_watch (MdlAddressSpace *as, uint64_t addr, uint64_t size)
{
  uint64_t last = addr + (MAX (size, 1) - 1);

  for (guint i = as->watches->len; i > 0; i--) {
    const MdlWatch *w = &g_array_index (as->watches, MdlWatch, i - 1);
    if (w->base == addr && w->last == last && w->notify == NULL)
      g_array_remove_index (as->watches, i - 1);
  }
  as->generation++;
}

guint
mdl_address_space_add_write_tracker (MdlAddressSpace *as, uint64_t addr, uint64_t size,
                                     MdlWatchFunc fn, void *data)
{
  MdlWatch w = { addr, addr + (MAX (size, 1) - 1), false, true,
                 ++as->last_tracker_id, fn, data };

  g_assert (fn != NULL);
  g_array_append_val (as->watches, w);
  as->generation++;   /* CPUs must drop windows that cover it */
  return w.id;
}

void
mdl_address_space_remove_write_tracker (MdlAddressSpace *as, guint id)
{
  for (guint i = as->watches->len; i > 0; i--) {
    if (g_array_index (as->watches, MdlWatch, i - 1).id == id) {
      g_array_remove_index (as->watches, i - 1);
      as->generation++;
      return;
    }
  }
}

/* The other addresses at which the byte at @addr is mapped too (a
 * mirror: an alias of the same RAM elsewhere, or the RAM itself seen from
 * its alias), up to @max of them into @twins; returns how many. */
static unsigned
find_twins (MdlAddressSpace *as, uint64_t addr, uint64_t *twins, unsigned max)
{
  MdlMapping *m = find_mapping (as, addr);
  uint64_t off;
  MdlRegion *r;
  unsigned n = 0;

  if (m == NULL)
    return 0;
  off = addr - m->base;
  r = region_resolve (m->region, &off);
  for (guint i = 0; i < as->maps->len && n < max; i++) {
    const MdlMapping *o = &g_array_index (as->maps, MdlMapping, i);
    uint64_t ooff = 0;

    if (o == m || region_resolve (o->region, &ooff) != r || off < ooff
        || off - ooff > o->last - o->base)
      continue;
    twins[n++] = o->base + (off - ooff);
  }
  return n;
}

#define MAX_TWINS 8

/* Takes the granule [base, base + MDL_CODE_GRANULE) out of the span
 * that holds it. */
static void
code_remove (MdlAddressSpace *as, uint64_t base)
{
  uint64_t last = base + (MDL_CODE_GRANULE - 1);
  guint i = code_index (as, base);
  MdlCodeSpan *c = &g_array_index (as->code, MdlCodeSpan, i);

  if (c->base == base && c->last == last) {
    g_array_remove_index (as->code, i);
  } else if (c->base == base) {
    c->base = last + 1;
  } else if (c->last == last) {
    c->last = base - 1;
  } else {
    MdlCodeSpan after = { last + 1, c->last };

    c->last = base - 1;
    g_array_insert_val (as->code, i + 1, after);
  }
}

/* After a store to marked code was heard: the granules it touched that
 * no listener holds code from any more are marked no longer, so stores
 * there are fast again (code the guest freed and uses as data now).
 * Only when every listener can say (holds), and for stores of a few
 * granules (a loader's image keeps its marks). */
static void
code_release (MdlAddressSpace *as, uint64_t addr, uint64_t last)
{
  const uint64_t gmask = MDL_CODE_GRANULE - 1;

  if (as->code_listeners->len == 0 || (last & ~gmask) - (addr & ~gmask) > 4 * MDL_CODE_GRANULE)
    return;
  for (guint i = 0; i < as->code_listeners->len; i++)
    if (g_array_index (as->code_listeners, MdlCodeListener, i).holds == NULL)
      return;
  for (uint64_t g = addr & ~gmask;; g += MDL_CODE_GRANULE) {
    bool keep = !code_overlaps (as, g, g + gmask);   /* not marked: nothing to do */

    for (guint i = 0; i < as->code_listeners->len && !keep; i++) {
      const MdlCodeListener *l = &g_array_index (as->code_listeners, MdlCodeListener, i);
      keep = l->holds (l->data, g, MDL_CODE_GRANULE);
    }
    if (!keep)
      code_remove (as, g);
    if (g == (last & ~gmask))
      break;
  }
  /* The generation stays: windows cut around the granules (or read-only
   * over them) are only cautious now, and CPUs drop everything derived
   * from the map when it moves.  Fetched again, they let stores through. */
}

/* Tells every listener of a store that touched marked code (after the
 * bytes are written), at every address the bytes are mapped at: code is
 * cached by the address it was fetched from, which a store through a
 * mirror does not name. */
static void
code_written (MdlAddressSpace *as, uint64_t addr, unsigned size)
{
  uint64_t at[1 + MAX_TWINS];
  unsigned n = 1 + find_twins (as, addr, at + 1, MAX_TWINS);

  at[0] = addr;
  for (unsigned k = 0; k < n; k++) {
    for (guint i = 0; i < as->code_listeners->len; i++) {
      const MdlCodeListener *l = &g_array_index (as->code_listeners, MdlCodeListener, i);
      l->fn (l->data, at[k], size, true);
    }
    code_release (as, at[k], at[k] + (MAX (size, 1) - 1));
  }
}

/* Adds [base, last] (whole granules) to the code spans, merging with
 * the spans it overlaps or touches.  False when it was all marked. */
static bool
code_insert (MdlAddressSpace *as, uint64_t base, uint64_t last)
{
  MdlCodeSpan *c = (MdlCodeSpan *) (void *) as->code->data;
  guint i = code_index (as, base == 0 ? 0 : base - 1), j = i;
  MdlCodeSpan n = { base, last };

  if (i < as->code->len && c[i].base <= base && c[i].last >= last)
    return false;
  while (j < as->code->len && (c[j].base <= last || (last != UINT64_MAX && c[j].base == last + 1))) {
    n.base = MIN (n.base, c[j].base);
    n.last = MAX (n.last, c[j].last);
    j++;
  }
  if (j == i) {
    g_array_insert_val (as->code, i, n);
  } else {
    c[i] = n;
    if (j > i + 1)
      g_array_remove_range (as->code, i + 1, j - (i + 1));
  }
  return true;
}

bool
mdl_address_space_mark_code (MdlAddressSpace *as, uint64_t addr, uint64_t len)
{
  const uint64_t gmask = MDL_CODE_GRANULE - 1;
  uint64_t first = addr & ~gmask;
  uint64_t last = (addr + (MAX (len, 1) - 1)) & ~gmask;
  bool added = false;

  /* Already known, the common case: one span holds it all. */
  if (as->code->len > 0) {
    guint i = code_index (as, first);

    if (i < as->code->len && g_array_index (as->code, MdlCodeSpan, i).base <= first
        && g_array_index (as->code, MdlCodeSpan, i).last >= last + gmask)
      return false;
  }
  for (uint64_t g = first;;) {
    MdlMapping *m = find_mapping (as, g);
    uint64_t offset = 0, run_last = g;

    /* Only RAM: nothing but loaders (which flush code themselves) writes
     * ROM, and devices have no bytes to cache.  The granules that start
     * in one mapping go in at once. */
    if (m != NULL) {
      run_last = MIN (last, m->last & ~gmask);
      if (region_resolve (m->region, &offset)->kind == MDL_REGION_RAM) {
        added |= code_insert (as, g, run_last + gmask);
        /* The same bytes seen through a mirror: stores there must be
         * heard too (code_written names every address of the bytes). */
        for (uint64_t t = g;; t += MDL_CODE_GRANULE) {
          uint64_t twins[MAX_TWINS];
          unsigned n = find_twins (as, t, twins, MAX_TWINS);

          for (unsigned k = 0; k < n; k++) {
            uint64_t tg = twins[k] & ~gmask;

            added |= code_insert (as, tg, tg + gmask);
            if (twins[k] != tg && tg + MDL_CODE_GRANULE != 0)
              added |= code_insert (as, tg + MDL_CODE_GRANULE, tg + MDL_CODE_GRANULE + gmask);
          }
          if (t == run_last)
            break;
        }
      }
    }
    if (run_last == last)
      break;
    g = run_last + MDL_CODE_GRANULE;
  }
  if (added)
    as->generation++;   /* CPUs must drop store windows that cover it */
  return added;
}

void
mdl_address_space_add_code_listener_full (MdlAddressSpace *as, MdlWatchFunc fn,
                                          MdlCodeHoldsFunc holds, void *data)
{
  MdlCodeListener l = { fn, holds, data };

  for (guint i = 0; i < as->code_listeners->len; i++) {
    MdlCodeListener *o = &g_array_index (as->code_listeners, MdlCodeListener, i);
    if (o->fn == fn && o->data == data) {
      o->holds = holds;
      return;
    }
  }
  g_array_append_val (as->code_listeners, l);
}

void
mdl_address_space_add_code_listener (MdlAddressSpace *as, MdlWatchFunc fn, void *data)
{
  mdl_address_space_add_code_listener_full (as, fn, NULL, data);
}

void
mdl_address_space_remove_code_listener (MdlAddressSpace *as, MdlWatchFunc fn, void *data)
{
  for (guint i = as->code_listeners->len; i > 0; i--) {
    const MdlCodeListener *o = &g_array_index (as->code_listeners, MdlCodeListener, i - 1);
    if ((fn == NULL || o->fn == fn) && o->data == data)
      g_array_remove_index (as->code_listeners, i - 1);
  }
}

/* Bulk writes are not watched, but trackers and code listeners hear of
 * them: a frame loaded by a debugger or a loader must show as well, and
 * code it overwrote must be forgotten. */
static void
notify_trackers (MdlAddressSpace *as, uint64_t addr, size_t len)
{
  uint64_t last = addr + (len - 1);

  if (len == 0)
    return;
  if (last < addr)
    last = UINT64_MAX;
  if (code_overlaps (as, addr, last))
    code_written (as, addr, (unsigned) MIN (len, G_MAXUINT));
  for (guint i = 0; i < as->watches->len; i++) {
    const MdlWatch *w = &g_array_index (as->watches, MdlWatch, i);

    if (w->notify != NULL && addr <= w->last && last >= w->base)
      w->notify (w->notify_data, addr, (unsigned) MIN (len, G_MAXUINT), true);
  }
}

/* Finds the concrete region under [addr, addr + size) and the offset into
 * it; refuses accesses that leave the mapping they start in. */
static MdlRegion *
access_target (MdlAddressSpace *as, uint64_t addr, unsigned size,
               uint64_t *offset)
{
  MdlMapping *m = find_mapping (as, addr);

  if (m == NULL || size - 1 > m->last - addr)
    return NULL;
  *offset = addr - m->base;
  return region_resolve (m->region, offset);
}

static MdlMemResult
mmio_check (const MdlRegion *r, uint64_t offset, unsigned size)
{
  unsigned min = r->ops->min_size ? r->ops->min_size : 1;
  unsigned max = r->ops->max_size ? r->ops->max_size : 8;

  if (size < min || size > max)
    return MDL_MEM_BAD_SIZE;
  if (!r->ops->unaligned_ok && (offset & (size - 1)) != 0)
    return MDL_MEM_MISALIGNED;
  return MDL_MEM_OK;
}

MdlMemResult
mdl_address_space_read (MdlAddressSpace *as, uint64_t addr, unsigned size,
                        uint64_t *value)
{
  uint64_t offset, v = 0;
  MdlRegion *r;
  MdlMemResult res;

  g_assert (size == 1 || size == 2 || size == 4 || size == 8);
  r = access_target (as, addr, size, &offset);
  if (r == NULL)
    return MDL_MEM_UNMAPPED;
  if (r->host != NULL) {
    memcpy (&v, r->host + offset, size);  /* little-endian host and guest */
  } else {
    if ((res = mmio_check (r, offset, size)) != MDL_MEM_OK)
      return res;
    v = r->ops->read ? r->ops->read (r->opaque, offset, size) : 0;
    if (size < 8)
      v &= (UINT64_C (1) << (size * 8)) - 1;
  }
  *value = v;
  if (G_UNLIKELY (as->watches->len > 0))
    check_watches (as, addr, size, false);
  return MDL_MEM_OK;
}

const char *
mdl_mmio_reads_freely (void *opaque, uint64_t offset, unsigned size)
{
  return NULL;
}

const char *
mdl_address_space_peek (MdlAddressSpace *as, uint64_t addr, unsigned size, uint64_t *value)
{
  uint64_t offset, v = 0;
  MdlRegion *r;
  const char *why;

  g_assert (size == 1 || size == 2 || size == 4 || size == 8);
  r = access_target (as, addr, size, &offset);
  if (r == NULL)
    return "nothing is mapped there";
  if (r->host != NULL) {
    memcpy (&v, r->host + offset, size);
  } else {
    if (mmio_check (r, offset, size) != MDL_MEM_OK)
      return "the device does not take reads of this size or alignment";
    if (r->ops->read_effect == NULL)
      return "the device does not say which of its registers may be read without effect";
    if ((why = r->ops->read_effect (r->opaque, offset, size)) != NULL)
      return why;
    v = r->ops->read ? r->ops->read (r->opaque, offset, size) : 0;
    if (size < 8)
      v &= (UINT64_C (1) << (size * 8)) - 1;
  }
  *value = v;
  return NULL;
}

MdlMemResult
mdl_address_space_write (MdlAddressSpace *as, uint64_t addr, unsigned size,
                         uint64_t value)
{
  uint64_t offset;
  MdlRegion *r;
  MdlMemResult res;

  g_assert (size == 1 || size == 2 || size == 4 || size == 8);
  r = access_target (as, addr, size, &offset);
  if (r == NULL)
    return MDL_MEM_UNMAPPED;
  if (r->kind == MDL_REGION_ROM)
    return MDL_MEM_READ_ONLY;
  if (r->host != NULL) {
    memcpy (r->host + offset, &value, size);
  } else {
    if ((res = mmio_check (r, offset, size)) != MDL_MEM_OK)
      return res;
    if (size < 8)
      value &= (UINT64_C (1) << (size * 8)) - 1;
    if (r->ops->write)
      r->ops->write (r->opaque, offset, size, value);
  }
  if (G_UNLIKELY (as->code->len > 0) && code_overlaps (as, addr, addr + (size - 1)))
    code_written (as, addr, size);
  if (G_UNLIKELY (as->watches->len > 0))
    check_watches (as, addr, size, true);
  return MDL_MEM_OK;
}

/* Walks [addr, addr + len) mapping by mapping, calling @fn on each host
 * run.  Stops at the first byte that is not RAM/ROM. */
static bool
bulk_walk (MdlAddressSpace *as, uint64_t addr, size_t len, bool writing,
           bool memory_only, void *buf, GError **error)
{
  uint8_t *p = buf;

  while (len > 0) {
    MdlMapping *m = find_mapping (as, addr);
    uint64_t offset = 0, chunk;
    MdlRegion *r;

    if (m == NULL) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "%s: nothing is mapped at 0x%" G_GINT64_MODIFIER "x",
                   as->name, addr);
      return false;
    }
    offset = addr - m->base;
    chunk = m->last - addr;
    chunk = chunk >= len - 1 ? len : chunk + 1;
    r = region_resolve (m->region, &offset);
    if (r->host == NULL) {
      if (writing || memory_only) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                     "%s: 0x%" G_GINT64_MODIFIER "x is in device registers "
                     "('%s'), not memory", as->name, addr, r->name);
        return false;
      }
      memset (p, 0, chunk);
    } else if (writing) {
      memcpy (r->host + offset, p, chunk);
    } else {
      memcpy (p, r->host + offset, chunk);
    }
    p += chunk;
    len -= chunk;
    addr += chunk;
  }
  return true;
}

bool
mdl_address_space_write_bytes (MdlAddressSpace *as, uint64_t addr,
                               const void *data, size_t len, GError **error)
{
  bool ok = bulk_walk (as, addr, len, true, false, (void *) data, error);

  if (G_UNLIKELY (as->watches->len > 0 || as->code->len > 0))
    notify_trackers (as, addr, len);
  return ok;
}

bool
mdl_address_space_read_bytes (MdlAddressSpace *as, uint64_t addr, void *data,
                              size_t len, GError **error)
{
  return bulk_walk (as, addr, len, false, false, data, error);
}

bool
mdl_address_space_read_memory (MdlAddressSpace *as, uint64_t addr, void *data,
                               size_t len)
{
  return bulk_walk (as, addr, len, false, true, data, NULL);
}

void
mdl_address_space_foreach (MdlAddressSpace *as, MdlMappingFunc fn, void *data)
{
  for (guint i = 0; i < as->maps->len; i++) {
    MdlMapping *m = &g_array_index (as->maps, MdlMapping, i);
    fn (m->base, m->region, data);
  }
}

bool
mdl_address_space_is_code (MdlAddressSpace *as, uint64_t addr, uint64_t len)
{
  uint64_t last = addr + (MAX (len, 1) - 1);

  return code_overlaps (as, addr, last < addr ? UINT64_MAX : last);
}
