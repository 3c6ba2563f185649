#define G_LOG_DOMAIN "mdl-snapshot"

/* Saved states, save points and the history of a machine.
 *
 * A state is one blob (the engine's part and every class's part, each
 * framed with its class name and length) plus RAM in pages.  A page
 * equal to the one the previous state kept is shared with it (a GBytes
 * reference), an all-zero page is one static buffer, so a history of
 * states every few milliseconds costs what the guest wrote in between.
 *
 * The history is a list of checkpoints, each a state and the segments
 * that ran from it: one per mdl_machine_run or mdl_machine_step call,
 * with each CPU's retired count before and after.  Since the same
 * machine state and the same calls give the same execution, any instant
 * inside a segment is reached again by restoring its checkpoint and
 * running the segments before it, then the segment itself with a
 * position stop: the CPU in question runs up to a count and stops when
 * it is about to go beyond it, as late as a breakpoint there would have
 * stopped it (engine/machine.c, run_cpu_once).  Stop and resume are
 * invisible to the scheduler (the lone-run grid and the quanta go on
 * where they were), which the determinism tests check.
 *
 * A segment that ended with a stop the replay cannot reproduce (a pause
 * from another thread lands anywhere) is always the last of its
 * checkpoint: the next segment starts a new checkpoint.  So are changes
 * from outside (mdl_machine_history_mark).
 *
 * Going back leaves the machine "in the past": the history after that
 * instant stays until the machine runs forward again, so that reverse
 * steps can be repeated; running forward cuts it there (the same
 * future would come again, unless the user changes something).
 */

#include "snapshot.h"

#include <string.h>

#include "cache-model.h"
#include "dirty-pages.h"
#include "error.h"
#include "jit-cache.h"
#include "machine-private.h"

#define STATE_MAGIC   UINT32_C (0x534c444d) /* "MDLS" */
#define STATE_VERSION 2   /* 2: the cache models in the CPUs' parts */
#define PAGE_SIZE     4096u

/* ---- byte streams ---------------------------------------------------------- */

struct MdlStateWriter {
  GByteArray *buf;
};

struct MdlStateReader {
  const uint8_t *data;
  size_t         len, pos;
  bool           ok;
};

void
mdl_state_put (MdlStateWriter *w, const void *data, size_t len)
{
  g_byte_array_append (w->buf, data, (guint) len);
}

void
mdl_state_put_u32 (MdlStateWriter *w, uint32_t v)
{
  mdl_state_put (w, &v, sizeof v);
}

void
mdl_state_put_u64 (MdlStateWriter *w, uint64_t v)
{
  mdl_state_put (w, &v, sizeof v);
}

bool
mdl_state_get (MdlStateReader *r, void *data, size_t len)
{
  if (!r->ok || len > r->len - r->pos) {
    r->ok = false;
    memset (data, 0, len);
    return false;
  }
  memcpy (data, r->data + r->pos, len);
  r->pos += len;
  return true;
}

uint32_t
mdl_state_get_u32 (MdlStateReader *r)
{
  uint32_t v;

  mdl_state_get (r, &v, sizeof v);
  return v;
}

uint64_t
mdl_state_get_u64 (MdlStateReader *r)
{
  uint64_t v;

  mdl_state_get (r, &v, sizeof v);
  return v;
}

bool
mdl_state_reader_ok (const MdlStateReader *r)
{
  return r->ok;
}

void
mdl_device_save_plain (MdlDevice *dev, MdlStateWriter *w)
{
  mdl_state_put (w, dev->state, dev->cls->state_size);
}

bool
mdl_device_restore_plain (MdlDevice *dev, MdlStateReader *r, GError **error)
{
  size_t left = r->len - r->pos;

  if (left != dev->cls->state_size) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: saved state has %zu bytes, the device %zu", dev->name, left,
                 dev->cls->state_size);
    return false;
  }
  return mdl_state_get (r, dev->state, dev->cls->state_size);
}

/* A part: the class's name, then the length of what its hook wrote. */
static size_t
part_begin (MdlStateWriter *w, const char *name)
{
  size_t at;

  mdl_state_put_u32 (w, (uint32_t) strlen (name));
  mdl_state_put (w, name, strlen (name));
  at = w->buf->len;
  mdl_state_put_u64 (w, 0);
  return at;
}

static void
part_end (MdlStateWriter *w, size_t at)
{
  uint64_t len = w->buf->len - at - sizeof (uint64_t);

  memcpy (w->buf->data + at, &len, sizeof len);
}

/* Reads a part's frame and gives a reader bounded to its contents. */
static bool
part_open (MdlStateReader *r, const char *name, MdlStateReader *sub, GError **error)
{
  uint32_t n = mdl_state_get_u32 (r);
  uint64_t len;
  char saved[64] = "";

  if (!r->ok || n >= sizeof saved || !mdl_state_get (r, saved, n)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "%s: saved state is damaged", name);
    return false;
  }
  if (strcmp (saved, name) != 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: saved state belongs to a %s", name, saved);
    return false;
  }
  len = mdl_state_get_u64 (r);
  if (!r->ok || len > r->len - r->pos) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "%s: saved state is truncated", name);
    return false;
  }
  *sub = (MdlStateReader) { r->data + r->pos, (size_t) len, 0, true };
  r->pos += len;
  return true;
}

/* ---- whole-machine states ------------------------------------------------- */

/* RAM is kept in pages, grouped in chunks: a chunk whose pages are all
 * the previous state's is that state's chunk, so a state of a large,
 * mostly idle RAM costs a pointer per chunk, not per page. */
#define CHUNK_PAGES 256u
#define CHUNK_BYTES ((uint64_t) CHUNK_PAGES * PAGE_SIZE)

typedef struct {
  gatomicrefcount ref;
  unsigned        n_pages;
  GBytes         *pages[];
} RamChunk;

typedef struct {
  MdlRegion *region;   /* a reference */
  uint64_t   size;
  uint64_t   n_chunks;
  RamChunk **chunks;
} RamImage;

struct MdlMachineState {
  MdlMachine *machine;
  uint64_t    serial;  /* unique in the process: which state a tracker's
                          clean pages are equal to */
  GBytes     *blob;
  unsigned    n_cpus, n_devices;
  unsigned    n_ram;
  RamImage   *ram;
  size_t      own_bytes;
  uint64_t    time_ps;
};

/* A history's write tracking of one RAM region (engine/dirty-pages.h):
 * the pages not written since the tracker was last cleared hold what the
 * base chunks, those of the state @base_serial of the history, hold. */
typedef struct {
  MdlRegion     *region;   /* a reference */
  MdlDirtyPages *written;
  uint64_t       n_chunks;
  RamChunk     **base;     /* references, or NULL */
} Tracked;

static const uint8_t zero_page[PAGE_SIZE];

static GBytes *
zero_page_bytes (void)
{
  static GBytes *zero;

  if (g_once_init_enter (&zero)) {
    GBytes *b = g_bytes_new_static (zero_page, PAGE_SIZE);
    g_once_init_leave (&zero, b);
  }
  return g_bytes_ref (zero);
}

static RamChunk *
chunk_new (unsigned n_pages)
{
  RamChunk *c = g_malloc0 (sizeof (RamChunk) + n_pages * sizeof (GBytes *));

  g_atomic_ref_count_init (&c->ref);
  c->n_pages = n_pages;
  return c;
}

static RamChunk *
chunk_ref (RamChunk *c)
{
  g_atomic_ref_count_inc (&c->ref);
  return c;
}

static void
chunk_unref (RamChunk *c)
{
  if (c == NULL || !g_atomic_ref_count_dec (&c->ref))
    return;
  for (unsigned i = 0; i < c->n_pages; i++)
    g_clear_pointer (&c->pages[i], g_bytes_unref);
  g_free (c);
}

static uint64_t
n_chunks_of (uint64_t size)
{
  return (size + CHUNK_BYTES - 1) / CHUNK_BYTES;
}

/* Every RAM and ROM region of the machine: they all belong to devices. */
static GPtrArray *
ram_regions (MdlMachine *m)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < m->devices->len; i++) {
    MdlDevice *dev = g_ptr_array_index (m->devices, i);

    for (unsigned r = 0; dev->regions != NULL && r < dev->cls->n_regions; r++) {
      MdlRegion *reg = dev->regions[r];
      MdlRegionKind kind = reg != NULL ? mdl_region_kind (reg) : MDL_REGION_MMIO;

      if ((kind == MDL_REGION_RAM || kind == MDL_REGION_ROM) &&
          !g_ptr_array_find (out, reg, NULL))
        g_ptr_array_add (out, reg);
    }
  }
  return out;
}

static Tracked *
tracked_of (struct MdlHistory *h, MdlRegion *region);
static uint64_t history_base_serial (struct MdlHistory *h);
static void history_rebase (struct MdlHistory *h, const MdlMachineState *st);

/* The image of one region.  Without a tracker every page is compared with
 * the previous state's (or with zeros); with one whose clean pages are
 * @prev's, only the pages written since are read. */
static void
save_image (MdlMachineState *st, RamImage *img, const RamImage *old, Tracked *t)
{
  const uint8_t *host = mdl_region_host (img->region);
  uint64_t n_pages = (img->size + PAGE_SIZE - 1) / PAGE_SIZE;

  img->n_chunks = n_chunks_of (img->size);
  img->chunks = g_new0 (RamChunk *, img->n_chunks);
  for (uint64_t c = 0; c < img->n_chunks; c++) {
    uint64_t first = c * CHUNK_PAGES;
    unsigned np = (unsigned) MIN ((uint64_t) CHUNK_PAGES, n_pages - first);
    const RamChunk *oc = old != NULL ? old->chunks[c] : NULL;
    RamChunk *nc;
    bool same = oc != NULL;

    if (oc != NULL && t != NULL
        && !mdl_dirty_pages_test (t->written, c * CHUNK_BYTES,
                                  (size_t) MIN (CHUNK_BYTES, img->size - c * CHUNK_BYTES))) {
      img->chunks[c] = chunk_ref ((RamChunk *) oc);
      continue;
    }
    nc = chunk_new (np);
    for (unsigned j = 0; j < np; j++) {
      uint64_t at = (first + j) * PAGE_SIZE;
      size_t len = (size_t) MIN ((uint64_t) PAGE_SIZE, img->size - at);
      const uint8_t *src = host + at;
      GBytes *op = oc != NULL ? oc->pages[j] : NULL;

      if (op != NULL
          && ((t != NULL && !mdl_dirty_pages_test (t->written, at, len))
              || memcmp (g_bytes_get_data (op, NULL), src, len) == 0)) {
        nc->pages[j] = g_bytes_ref (op);
      } else if (len == PAGE_SIZE && memcmp (src, zero_page, PAGE_SIZE) == 0) {
        nc->pages[j] = zero_page_bytes ();
      } else {
        nc->pages[j] = g_bytes_new (src, len);
        st->own_bytes += len;
      }
      same = same && nc->pages[j] == op;
    }
    if (same) {
      chunk_unref (nc);
      img->chunks[c] = chunk_ref ((RamChunk *) oc);
    } else {
      img->chunks[c] = nc;
      st->own_bytes += sizeof (RamChunk) + np * sizeof (GBytes *);
    }
  }
}

static void
save_ram (MdlMachineState *st, MdlMachine *m, const MdlMachineState *prev,
          struct MdlHistory *h)
{
  g_autoptr (GPtrArray) regions = ram_regions (m);
  /* The tracker's clean pages are @prev's only when it was cleared at
   * @prev (saved or restored); otherwise everything is compared. */
  bool from_base = h != NULL && prev != NULL && prev->serial == history_base_serial (h);

  st->n_ram = regions->len;
  st->ram = g_new0 (RamImage, st->n_ram);
  for (unsigned i = 0; i < st->n_ram; i++) {
    RamImage *img = &st->ram[i];
    const RamImage *old = NULL;
    Tracked *t;

    img->region = mdl_region_ref (regions->pdata[i]);
    img->size = mdl_region_size (img->region);
    for (unsigned j = 0; prev != NULL && j < prev->n_ram; j++)
      if (prev->ram[j].region == img->region && prev->ram[j].size == img->size)
        old = &prev->ram[j];
    t = h != NULL ? tracked_of (h, img->region) : NULL;
    save_image (st, img, old, from_base ? t : NULL);
  }
  if (h != NULL)
    history_rebase (h, st);
}

static uint64_t
next_serial (void)
{
  static uint64_t serial;
  static GMutex lock;
  uint64_t s;

  g_mutex_lock (&lock);
  s = ++serial;
  g_mutex_unlock (&lock);
  return s;
}

static MdlMachineState *save_with (MdlMachine *m, const MdlMachineState *previous,
                                   struct MdlHistory *h);

MdlMachineState *
mdl_machine_save (MdlMachine *m, const MdlMachineState *previous)
{
  return save_with (m, previous, NULL);
}

/* A state; with @h, the history's write tracking tells which pages of RAM
 * may differ from @previous, and is cleared at the new state. */
static MdlMachineState *
save_with (MdlMachine *m, const MdlMachineState *previous, struct MdlHistory *h)
{
  MdlMachineState *st = g_new0 (MdlMachineState, 1);
  MdlStateWriter w = { g_byte_array_new () };

  st->machine = m;
  st->serial = next_serial ();
  st->time_ps = m->now_ps;
  st->n_cpus = m->cpus->len;
  st->n_devices = m->devices->len;

  mdl_state_put_u32 (&w, STATE_MAGIC);
  mdl_state_put_u32 (&w, STATE_VERSION);
  mdl_state_put_u64 (&w, m->now_ps);
  mdl_state_put_u64 (&w, m->event_seq);

  mdl_state_put_u32 (&w, m->cpus->len);
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    size_t at = part_begin (&w, cpu->cls->name);

    mdl_state_put_u64 (&w, cpu->time_ps);
    mdl_state_put_u64 (&w, cpu->retired);
    mdl_state_put_u32 (&w, cpu->state);
    if (cpu->cls->save != NULL)
      cpu->cls->save (cpu, &w);
    if (cpu->cache != NULL)
      mdl_cache_model_save (cpu->cache, &w);
    part_end (&w, at);
  }

  mdl_state_put_u32 (&w, m->devices->len);
  for (guint i = 0; i < m->devices->len; i++) {
    MdlDevice *dev = g_ptr_array_index (m->devices, i);
    size_t at = part_begin (&w, dev->cls->name);

    if (dev->cls->save != NULL)
      dev->cls->save (dev, &w);
    part_end (&w, at);
  }

  mdl_state_put_u32 (&w, m->irq_lines->len);
  for (guint i = 0; i < m->irq_lines->len; i++) {
    MdlIrqLine *line = g_ptr_array_index (m->irq_lines, i);
    uint8_t level = line->level;

    mdl_state_put (&w, &level, 1);
  }

  /* The queue as its array is: restoring it so gives the same heap, so
   * equal times fire in the same order. */
  mdl_state_put_u32 (&w, m->n_events);
  for (guint i = 0; i < m->n_events; i++) {
    MdlEvent *e = m->events[i];

    mdl_state_put_u64 (&w, (uint64_t) (uintptr_t) e);
    mdl_state_put_u64 (&w, e->when_ps);
    mdl_state_put_u64 (&w, e->seq);
  }

  st->own_bytes = w.buf->len;
  st->blob = g_byte_array_free_to_bytes (w.buf);
  save_ram (st, m, previous, h);
  return st;
}

void
mdl_machine_state_free (MdlMachineState *st)
{
  if (st == NULL)
    return;
  for (unsigned i = 0; i < st->n_ram; i++) {
    for (uint64_t c = 0; c < st->ram[i].n_chunks; c++)
      chunk_unref (st->ram[i].chunks[c]);
    g_free (st->ram[i].chunks);
    mdl_region_unref (st->ram[i].region);
  }
  g_free (st->ram);
  g_bytes_unref (st->blob);
  g_free (st);
}

size_t
mdl_machine_state_bytes (const MdlMachineState *st)
{
  size_t chunks = 0;

  for (unsigned i = 0; i < st->n_ram; i++)
    chunks += st->ram[i].n_chunks * sizeof (RamChunk *);
  return st->own_bytes + chunks + sizeof *st;
}

bool
mdl_machine_state_equal (const MdlMachineState *a, const MdlMachineState *b)
{
  if (a->machine != b->machine || !g_bytes_equal (a->blob, b->blob) || a->n_ram != b->n_ram)
    return false;
  for (unsigned i = 0; i < a->n_ram; i++) {
    if (a->ram[i].region != b->ram[i].region || a->ram[i].size != b->ram[i].size)
      return false;
    for (uint64_t c = 0; c < a->ram[i].n_chunks; c++) {
      const RamChunk *ca = a->ram[i].chunks[c], *cb = b->ram[i].chunks[c];

      for (unsigned j = 0; ca != cb && j < ca->n_pages; j++)
        if (ca->pages[j] != cb->pages[j] && !g_bytes_equal (ca->pages[j], cb->pages[j]))
          return false;
    }
  }
  return true;
}

static bool
check_consumed (MdlStateReader *sub, const char *what, GError **error)
{
  if (!sub->ok || sub->pos != sub->len) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: saved state does not match the model (%zu of %zu bytes read)", what,
                 sub->pos, sub->len);
    return false;
  }
  return true;
}

bool
mdl_machine_restore (MdlMachine *m, const MdlMachineState *st, GError **error)
{
  size_t len;
  const uint8_t *data = g_bytes_get_data (st->blob, &len);
  MdlStateReader r = { data, len, 0, true };
  uint32_t n;

  g_return_val_if_fail (m->current == NULL && !m->firing, false);
  if (st->machine != m || st->n_cpus != m->cpus->len || st->n_devices != m->devices->len) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "the saved state belongs to another machine");
    return false;
  }
  if (mdl_state_get_u32 (&r) != STATE_MAGIC || mdl_state_get_u32 (&r) != STATE_VERSION) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "the saved state is damaged");
    return false;
  }

  /* Out of the queue first: the classes' parts carry their events as
   * they were, and the queue below puts back those that were pending. */
  for (guint i = 0; i < m->n_events; i++)
    m->events[i]->heap_index = -1;
  m->n_events = 0;

  m->now_ps = mdl_state_get_u64 (&r);
  m->event_seq = mdl_state_get_u64 (&r);

  n = mdl_state_get_u32 (&r);
  for (guint i = 0; i < n && i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);
    MdlStateReader sub;

    if (!part_open (&r, cpu->cls->name, &sub, error))
      return false;
    cpu->time_ps = mdl_state_get_u64 (&sub);
    cpu->retired = mdl_state_get_u64 (&sub);
    cpu->state = (MdlCpuRunState) mdl_state_get_u32 (&sub);
    cpu->bp_pass = false;
    mdl_cpu_set_exit_request (cpu, false);
    if (cpu->cls->restore != NULL && !cpu->cls->restore (cpu, &sub, error))
      return false;
    if (cpu->cache != NULL && !mdl_cache_model_restore (cpu->cache, &sub)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "the saved state of %s's cache model is truncated", cpu->name);
      return false;
    }
    if (!check_consumed (&sub, cpu->name, error))
      return false;
  }

  n = mdl_state_get_u32 (&r);
  for (guint i = 0; i < n && i < m->devices->len; i++) {
    MdlDevice *dev = g_ptr_array_index (m->devices, i);
    MdlStateReader sub;

    if (!part_open (&r, dev->cls->name, &sub, error))
      return false;
    if (dev->cls->restore != NULL && !dev->cls->restore (dev, &sub, error))
      return false;
    if (!check_consumed (&sub, dev->name, error))
      return false;
  }

  n = mdl_state_get_u32 (&r);
  for (guint i = 0; i < n && i < m->irq_lines->len; i++) {
    uint8_t level = 0;

    mdl_state_get (&r, &level, 1);
    /* Set as it was, not driven: the receivers' state is restored. */
    ((MdlIrqLine *) g_ptr_array_index (m->irq_lines, i))->level = level != 0;
  }

  n = mdl_state_get_u32 (&r);
  if (!r.ok) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "the saved state is truncated");
    return false;
  }
  _mdl_events_reserve (m, n);
  m->n_events = n;
  for (guint i = 0; i < n; i++) {
    MdlEvent *e = (MdlEvent *) (uintptr_t) mdl_state_get_u64 (&r);

    e->when_ps = mdl_state_get_u64 (&r);
    e->seq = mdl_state_get_u64 (&r);
    e->heap_index = (int) i;
    m->events[i] = e;
  }

  for (unsigned i = 0; i < st->n_ram; i++) {
    const RamImage *img = &st->ram[i];
    uint8_t *host = mdl_region_host (img->region);
    Tracked *t = m->history != NULL ? tracked_of (m->history, img->region) : NULL;

    if (t != NULL && (t->base == NULL || t->n_chunks != img->n_chunks))
      t = NULL;
    for (uint64_t c = 0; c < img->n_chunks; c++) {
      const RamChunk *chunk = img->chunks[c];
      uint64_t at = c * CHUNK_BYTES;

      /* Pages not written since the tracker's base, where the state has
       * the base's pages, are as they should be already. */
      if (t != NULL && t->base[c] == chunk
          && !mdl_dirty_pages_test (t->written, at, (size_t) MIN (CHUNK_BYTES, img->size - at)))
        continue;
      for (unsigned j = 0; j < chunk->n_pages; j++, at += PAGE_SIZE) {
        size_t plen;
        const void *page = g_bytes_get_data (chunk->pages[j], &plen);

        if (t != NULL && t->base[c]->pages[j] == chunk->pages[j]
            && !mdl_dirty_pages_test (t->written, at, plen))
          continue;
        /* Reading first: most pages have not changed, and a page left
         * alone stays clean in the host's caches (and unwritten for the
         * tracker). */
        if (memcmp (host + at, page, plen) != 0)
          memcpy (host + at, page, plen);
      }
    }
  }
  if (m->history != NULL)
    history_rebase (m->history, st);

  /* RAM changed behind the code listeners: every CPU forgets its code. */
  for (guint i = 0; i < m->cpus->len; i++) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, i);

    if (cpu->cls->flush_code != NULL)
      cpu->cls->flush_code (cpu);
    if (cpu->jit != NULL)
      mdl_jit_flush (cpu->jit);
  }
  m->current = NULL;
  m->cpu_deadline = MDL_TIME_NEVER;
  return true;
}

/* ---- save points ------------------------------------------------------------ */

static void history_free (struct MdlHistory *h);
static void truncate_to_past (MdlMachine *m, struct MdlHistory *h);

void
_mdl_snapshot_free_all (MdlMachine *m)
{
  g_clear_pointer (&m->points, g_hash_table_unref);
  g_clear_pointer (&m->history, history_free);
}

void
mdl_machine_save_point (MdlMachine *m, const char *name)
{
  if (m->points == NULL)
    m->points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) mdl_machine_state_free);
  g_hash_table_replace (m->points, g_strdup (name), mdl_machine_save (m, NULL));
}

static void history_restart (MdlMachine *m);

bool
mdl_machine_restore_point (MdlMachine *m, const char *name, GError **error)
{
  MdlMachineState *st = m->points != NULL ? g_hash_table_lookup (m->points, name) : NULL;

  if (st == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "no save point named \"%s\"", name);
    return false;
  }
  if (!mdl_machine_restore (m, st, error))
    return false;
  if (m->history != NULL)
    history_restart (m);
  return true;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

char **
mdl_machine_list_points (MdlMachine *m)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;

  if (m->points != NULL) {
    g_hash_table_iter_init (&it, m->points);
    while (g_hash_table_iter_next (&it, &key, NULL))
      g_ptr_array_add (names, g_strdup (key));
  }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

bool
mdl_machine_delete_point (MdlMachine *m, const char *name)
{
  return m->points != NULL && g_hash_table_remove (m->points, name);
}

/* ---- history ------------------------------------------------------------------ */

typedef enum { SEG_RUN, SEG_STEP } SegKind;

typedef struct {
  SegKind   kind;
  unsigned  cpu;           /* SEG_STEP */
  uint64_t  duration_ps;   /* SEG_RUN */
  bool      stopped;       /* ended with a stop request */
  bool      has_pos;       /* cut short (the machine went forward from a
                              position inside it): stops there */
  unsigned  pos_cpu;
  uint64_t  pos_retired;
  uint64_t *start, *end;   /* retired per CPU */
} Seg;

typedef struct {
  MdlMachineState *state;
  GArray          *segs;   /* Seg */
  uint64_t        *start;  /* retired per CPU */
} Checkpoint;

/* An instant of the history: after @j segments of checkpoint @k, and
 * with @has, inside segment j where CPU @cpu is about to go beyond @n. */
typedef struct {
  unsigned k, j;
  bool     has;
  unsigned cpu;
  uint64_t n;
} Pos;

typedef struct MdlHistory {
  GPtrArray *cps;          /* Checkpoint * */
  uint64_t   interval_ps;
  size_t     max_bytes, bytes;
  bool       dirty;
  uint64_t   n_segs;
  bool       recording;
  Seg        cur;
  bool       past;         /* the machine is at @at, before the end */
  Pos        at;
  GArray    *tracked;      /* Tracked: RAM regions whose writes are noted */
  uint64_t   base_serial;  /* the state the trackers were cleared at, or 0 */
} MdlHistory;

static Tracked *
tracked_of (MdlHistory *h, MdlRegion *region)
{
  for (guint i = 0; h->tracked != NULL && i < h->tracked->len; i++) {
    Tracked *t = &g_array_index (h->tracked, Tracked, i);

    if (t->region == region)
      return t;
  }
  return NULL;
}

static uint64_t
history_base_serial (MdlHistory *h)
{
  return h->base_serial;
}

static void
tracked_drop_base (Tracked *t)
{
  for (uint64_t c = 0; t->base != NULL && c < t->n_chunks; c++)
    chunk_unref (t->base[c]);
  g_clear_pointer (&t->base, g_free);
  t->n_chunks = 0;
}

/* RAM is what @st holds (just saved or restored): the trackers start
 * again from it. */
static void
history_rebase (MdlHistory *h, const MdlMachineState *st)
{
  for (guint i = 0; h->tracked != NULL && i < h->tracked->len; i++) {
    Tracked *t = &g_array_index (h->tracked, Tracked, i);

    tracked_drop_base (t);
    for (unsigned r = 0; r < st->n_ram; r++) {
      if (st->ram[r].region != t->region)
        continue;
      t->n_chunks = st->ram[r].n_chunks;
      t->base = g_new (RamChunk *, t->n_chunks);
      for (uint64_t c = 0; c < t->n_chunks; c++)
        t->base[c] = chunk_ref (st->ram[r].chunks[c]);
    }
    mdl_dirty_pages_clear (t->written);
  }
  h->base_serial = st->serial;
}

static void
tracked_clear (gpointer data)
{
  Tracked *t = data;

  mdl_dirty_pages_free (t->written);
  tracked_drop_base (t);
  mdl_region_unref (t->region);
}

/* Write tracking of every RAM region (ROM is written by loaders only,
 * and compared), unless MEDLEY_DIRTY_PAGES=0 asks for the comparison of
 * every page (what the snapshot-cost benchmark measures it against). */
static void
history_track (MdlHistory *h, MdlMachine *m)
{
  g_autoptr (GPtrArray) regions = ram_regions (m);

  h->tracked = g_array_new (FALSE, TRUE, sizeof (Tracked));
  g_array_set_clear_func (h->tracked, tracked_clear);
  if (g_strcmp0 (g_getenv ("MEDLEY_DIRTY_PAGES"), "0") == 0)
    return;
  for (guint i = 0; i < regions->len; i++) {
    MdlRegion *region = regions->pdata[i];
    Tracked t = { 0 };

    if (mdl_region_kind (region) != MDL_REGION_RAM)
      continue;
    t.written = mdl_dirty_pages_new (mdl_region_host (region), mdl_region_size (region));
    if (t.written == NULL)
      continue;
    t.region = mdl_region_ref (region);
    g_array_append_val (h->tracked, t);
  }
}

static void
seg_clear (Seg *s)
{
  g_free (s->start);
  g_free (s->end);
}

static void
checkpoint_free (Checkpoint *cp)
{
  for (guint i = 0; i < cp->segs->len; i++)
    seg_clear (&g_array_index (cp->segs, Seg, i));
  g_array_unref (cp->segs);
  mdl_machine_state_free (cp->state);
  g_free (cp->start);
  g_free (cp);
}

static void
history_free (MdlHistory *h)
{
  if (h->recording)
    seg_clear (&h->cur);
  g_ptr_array_unref (h->cps);
  if (h->tracked != NULL)
    g_array_unref (h->tracked);
  g_free (h);
}

static uint64_t *
retired_vector (MdlMachine *m)
{
  uint64_t *v = g_new (uint64_t, MAX (m->cpus->len, 1));

  for (guint i = 0; i < m->cpus->len; i++)
    v[i] = ((MdlCpu *) g_ptr_array_index (m->cpus, i))->retired;
  return v;
}

static Checkpoint *
cp_at (MdlHistory *h, unsigned k)
{
  return g_ptr_array_index (h->cps, k);
}

static void
history_recount (MdlHistory *h)
{
  h->bytes = 0;
  for (guint k = 0; k < h->cps->len; k++)
    h->bytes += mdl_machine_state_bytes (cp_at (h, k)->state);
}

static void
take_checkpoint (MdlMachine *m, MdlHistory *h)
{
  Checkpoint *cp = g_new0 (Checkpoint, 1);
  Checkpoint *last = h->cps->len > 0 ? cp_at (h, h->cps->len - 1) : NULL;

  cp->state = save_with (m, last != NULL ? last->state : NULL, h);
  cp->segs = g_array_new (FALSE, TRUE, sizeof (Seg));
  cp->start = retired_vector (m);
  g_ptr_array_add (h->cps, cp);
  h->bytes += mdl_machine_state_bytes (cp->state);
  h->dirty = false;
  /* The oldest go first; the newest always stays. */
  while (h->bytes > h->max_bytes && h->cps->len > 1) {
    g_ptr_array_remove_index (h->cps, 0);
    history_recount (h);
  }
}

void
mdl_machine_enable_history (MdlMachine *m, uint64_t interval_ps, size_t max_bytes)
{
  MdlHistory *h;

  g_clear_pointer (&m->history, history_free);
  h = g_new0 (MdlHistory, 1);
  h->cps = g_ptr_array_new_with_free_func ((GDestroyNotify) checkpoint_free);
  h->interval_ps = interval_ps != 0 ? interval_ps : 10 * MDL_PS_PER_MS;
  h->max_bytes = max_bytes != 0 ? max_bytes : (size_t) 256 << 20;
  h->dirty = true;
  history_track (h, m);
  m->history = h;
}

void
mdl_machine_disable_history (MdlMachine *m)
{
  g_clear_pointer (&m->history, history_free);
}

bool
mdl_machine_history_enabled (const MdlMachine *m)
{
  return m->history != NULL;
}

void
mdl_machine_history_mark (MdlMachine *m)
{
  if (m->history == NULL || m->replaying)
    return;
  /* A change in the past is a new future: cut the history here first. */
  if (m->history->past)
    truncate_to_past (m, m->history);
  m->history->dirty = true;
}

/* After a save point is restored, the machine's past is not the
 * history's: it starts again. */
static void
history_restart (MdlMachine *m)
{
  MdlHistory *h = m->history;

  g_ptr_array_set_size (h->cps, 0);
  h->bytes = 0;
  h->past = false;
  h->dirty = true;
}

void
mdl_machine_history_stats (const MdlMachine *m, MdlHistoryStats *stats)
{
  MdlHistory *h = m->history;

  memset (stats, 0, sizeof *stats);
  if (h == NULL)
    return;
  stats->states = h->cps->len;
  stats->bytes = h->bytes;
  stats->segments = h->n_segs;
  stats->oldest_ps = h->cps->len > 0 ? cp_at (h, 0)->state->time_ps : 0;
}

static inline bool
machine_stopping (MdlMachine *m)
{
  return g_atomic_int_get (&m->stop_requested) != 0;
}

/* Cuts what came after the instant the machine went back to. */
static void
truncate_to_past (MdlMachine *m, MdlHistory *h)
{
  Checkpoint *cp = cp_at (h, h->at.k);

  g_ptr_array_set_size (h->cps, h->at.k + 1);
  if (h->at.has) {
    Seg *s = &g_array_index (cp->segs, Seg, h->at.j);

    s->has_pos = true;
    s->pos_cpu = h->at.cpu;
    s->pos_retired = h->at.n;
    s->stopped = false;
    g_free (s->end);
    s->end = retired_vector (m);
    for (guint j = h->at.j + 1; j < cp->segs->len; j++)
      seg_clear (&g_array_index (cp->segs, Seg, j));
    g_array_set_size (cp->segs, h->at.j + 1);
  } else {
    for (guint j = h->at.j; j < cp->segs->len; j++)
      seg_clear (&g_array_index (cp->segs, Seg, j));
    g_array_set_size (cp->segs, h->at.j);
  }
  h->past = false;
  history_recount (h);
}

void
_mdl_history_begin (MdlMachine *m, MdlCpu *step_cpu, uint64_t duration_ps)
{
  MdlHistory *h = m->history;
  Checkpoint *last;

  h->recording = false;
  if (h->past)
    truncate_to_past (m, h);
  if (machine_stopping (m)) {
    /* A call that cannot run (a stop not cleared) changes next to
     * nothing the replay could do again: start afresh after it. */
    h->dirty = true;
    return;
  }
  last = h->cps->len > 0 ? cp_at (h, h->cps->len - 1) : NULL;
  if (last == NULL || h->dirty ||
      (last->segs->len > 0 && g_array_index (last->segs, Seg, last->segs->len - 1).stopped) ||
      m->now_ps - last->state->time_ps >= h->interval_ps)
    take_checkpoint (m, h);
  h->cur = (Seg) { 0 };
  h->cur.kind = step_cpu != NULL ? SEG_STEP : SEG_RUN;
  h->cur.cpu = step_cpu != NULL ? step_cpu->index : 0;
  h->cur.duration_ps = duration_ps;
  h->cur.start = retired_vector (m);
  h->recording = true;
}

void
_mdl_history_end (MdlMachine *m)
{
  MdlHistory *h = m->history;
  Checkpoint *last;

  if (!h->recording)
    return;
  h->recording = false;
  h->cur.end = retired_vector (m);
  h->cur.stopped = machine_stopping (m);
  last = cp_at (h, h->cps->len - 1);
  g_array_append_val (last->segs, h->cur);
  h->n_segs++;
}

/* ---- re-execution ---- */

static void
quiet_clear_stop (MdlMachine *m)
{
  m->stop_cpu = NULL;
  m->stop_addr = 0;
  g_atomic_int_set (&m->stop_requested, 0);
  m->stop_reason = MDL_STOP_NONE;
  m->exit_code = 0;
  g_clear_pointer (&m->stop_message, g_free);
}

/* What a scan sees: a breakpoint or watchpoint hit, or (per_insn) each
 * instant the CPU asked for is about to go beyond a count. */
typedef struct {
  unsigned      k, j;
  bool          at_start;   /* the instant is the segment's start */
  MdlStopReason reason;     /* hits */
  unsigned      cpu;
  uint64_t      n;
  uint64_t      addr;
  uint64_t     *vector;
} Hit;

typedef struct {
  GArray *hits;            /* Hit */
  MdlCpu *per_insn;        /* position stops on every count of this CPU */
  MdlReversePredicate pred;
  void   *pred_data;
  uint64_t below;          /* per_insn: counts below this only */
} Scan;

static void
record_hit (MdlMachine *m, Scan *scan, unsigned k, unsigned j, bool at_start,
            MdlStopReason reason, MdlCpu *cpu, uint64_t addr)
{
  Hit hit = { k, j, at_start, reason, cpu->index, cpu->retired, addr, retired_vector (m) };

  g_array_append_val (scan->hits, hit);
}

/* Runs segment @s again.  With @scan, breakpoints and watchpoints stop
 * and are noted (then passed), or each instant of scan->per_insn is
 * offered to its predicate; else the caller's position stop (if any)
 * ends it.  Returns true when a position stop ended it. */
static bool
replay_seg (MdlMachine *m, const Seg *s, Scan *scan, unsigned k, unsigned j)
{
  MdlStopReason r;

  quiet_clear_stop (m);
  if (s->has_pos && m->pos_cpu == NULL) {
    m->pos_cpu = g_ptr_array_index (m->cpus, s->pos_cpu);
    m->pos_retired = s->pos_retired;
  }
  if (s->kind == SEG_STEP) {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, s->cpu);

    if (scan != NULL && scan->per_insn == cpu && cpu->retired < scan->below &&
        cpu->state == MDL_CPU_RUNNING && scan->pred (m, cpu, scan->pred_data))
      record_hit (m, scan, k, j, true, MDL_STOP_POSITION, cpu, 0);
    r = mdl_machine_step (m, cpu);
    if (scan != NULL && (r == MDL_STOP_WATCHPOINT || r == MDL_STOP_BREAKPOINT))
      record_hit (m, scan, k, j + 1, true, r, m->stop_cpu, m->stop_addr);
    quiet_clear_stop (m);
    return false;
  }

  uint64_t end = m->now_ps + MIN (s->duration_ps, MDL_TIME_NEVER - m->now_ps);
  bool own_pos = scan != NULL && scan->per_insn != NULL;

  if (own_pos) {
    m->pos_cpu = scan->per_insn;
    m->pos_retired = scan->per_insn->retired;
  }
  for (;;) {
    r = mdl_machine_run (m, end - m->now_ps);
    if (r == MDL_STOP_NONE)
      break;
    if (r == MDL_STOP_POSITION && own_pos) {
      MdlCpu *cpu = scan->per_insn;

      if (cpu->retired >= scan->below)
        break;
      if (scan->pred (m, cpu, scan->pred_data))
        record_hit (m, scan, k, j, false, MDL_STOP_POSITION, cpu, 0);
      m->pos_retired = cpu->retired + 1;
      quiet_clear_stop (m);
      continue;
    }
    if (r == MDL_STOP_POSITION) {
      m->pos_cpu = NULL;
      return true;
    }
    if (scan != NULL && (r == MDL_STOP_BREAKPOINT || r == MDL_STOP_WATCHPOINT)) {
      record_hit (m, scan, k, j, false, r, m->stop_cpu, m->stop_addr);
      mdl_machine_clear_stop (m);  /* passes the breakpoint, as a resume does */
      continue;
    }
    break;  /* the stop the segment ended with */
  }
  if (own_pos || s->has_pos)
    m->pos_cpu = NULL;
  return false;
}

/* Restores checkpoint @k and runs it again up to @to (within it), or to
 * its end with @to NULL. */
static bool
replay_from (MdlMachine *m, unsigned k, const Pos *to, Scan *scan, GError **error)
{
  MdlHistory *h = m->history;
  Checkpoint *cp = cp_at (h, k);
  unsigned n = to != NULL ? to->j : cp->segs->len;

  if (!mdl_machine_restore (m, cp->state, error))
    return false;
  m->replaying = true;
  m->debug_quiet = scan == NULL || scan->per_insn != NULL;
  for (unsigned j = 0; j < n; j++)
    replay_seg (m, &g_array_index (cp->segs, Seg, j), scan, k, j);
  if (to != NULL && to->has) {
    m->pos_cpu = g_ptr_array_index (m->cpus, to->cpu);
    m->pos_retired = to->n;
    replay_seg (m, &g_array_index (cp->segs, Seg, to->j), scan, k, to->j);
    m->pos_cpu = NULL;
  }
  m->replaying = false;
  m->debug_quiet = false;
  m->pos_cpu = NULL;
  quiet_clear_stop (m);
  return true;
}

/* Where the machine is now, as an instant of the history. */
static Pos
head_pos (MdlHistory *h)
{
  Checkpoint *last;

  if (h->past)
    return h->at;
  last = cp_at (h, h->cps->len - 1);
  return (Pos) { h->cps->len - 1, last->segs->len, false, 0, 0 };
}

static bool
goto_pos (MdlMachine *m, Pos to, GError **error)
{
  MdlHistory *h = m->history;
  Checkpoint *cp = cp_at (h, to.k);

  /* The end of a checkpoint is the start of the next (its last segment
   * may have ended with a stop no replay reproduces). */
  if (!to.has && to.j == cp->segs->len && to.k + 1 < h->cps->len)
    to = (Pos) { to.k + 1, 0, false, 0, 0 };
  if (!replay_from (m, to.k, &to, NULL, error))
    return false;
  cp = cp_at (h, to.k);
  h->past = to.has || to.k + 1 < h->cps->len || to.j < cp->segs->len;
  h->at = to;
  return true;
}

static bool
history_usable (MdlMachine *m, GError **error)
{
  if (m->history == NULL || m->history->cps->len == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "no execution history is kept (nothing has run since it was turned on)");
    return false;
  }
  return true;
}

bool
mdl_machine_reverse_to (MdlMachine *m, MdlCpu *cpu, uint64_t n, GError **error)
{
  MdlHistory *h = m->history;
  unsigned c = cpu->index;
  Pos head;

  if (!history_usable (m, error))
    return false;
  head = head_pos (h);
  if (n >= cpu->retired) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "CPU %s has retired only %" G_GUINT64_FORMAT " instructions", cpu->name,
                 cpu->retired);
    return false;
  }
  /* The segment in which the CPU went from n to beyond it. */
  for (int k = (int) head.k; k >= 0; k--) {
    Checkpoint *cp = cp_at (h, (unsigned) k);
    int j = (unsigned) k == head.k ? (int) head.j - (head.has ? 0 : 1) : (int) cp->segs->len - 1;

    for (; j >= 0; j--) {
      Seg *s = &g_array_index (cp->segs, Seg, j);
      uint64_t end = ((unsigned) k == head.k && (unsigned) j == head.j) ? cpu->retired
                                                                         : s->end[c];

      if (s->start[c] <= n && end > n) {
        Pos to = { (unsigned) k, (unsigned) j, true, c, n };

        if (s->kind == SEG_STEP)
          to.has = false;   /* a step of that CPU: its start */
        return goto_pos (m, to, error);
      }
    }
  }
  g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
               "the history of CPU %s does not reach back to instruction %" G_GUINT64_FORMAT,
               cpu->name, n);
  return false;
}

bool
mdl_machine_reverse_step (MdlMachine *m, MdlCpu *cpu, GError **error)
{
  if (cpu->retired == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "CPU %s has not executed anything yet", cpu->name);
    return false;
  }
  return mdl_machine_reverse_to (m, cpu, cpu->retired - 1, error);
}

/* Whether a hit at @v is before the instant @head (at most as far in
 * every CPU, and not the same instant) and not after @bound. */
static bool
hit_before (MdlMachine *m, const uint64_t *v, const uint64_t *head, const uint64_t *bound)
{
  bool same = true;

  for (guint i = 0; i < m->cpus->len; i++) {
    if (v[i] > head[i] || (bound != NULL && v[i] > bound[i]))
      return false;
    if (v[i] != head[i])
      same = false;
  }
  return !same;
}

/* Scans the checkpoints from the newest for hits before now; the last
 * one found wins.  Leaves the machine anywhere: the caller goes on. */
static bool
scan_back (MdlMachine *m, Scan *scan, Hit *found, GError **error)
{
  MdlHistory *h = m->history;
  Pos head = head_pos (h);
  g_autofree uint64_t *head_v = retired_vector (m);
  bool any = false;

  for (int k = (int) head.k; k >= 0 && !any; k--) {
    Checkpoint *cp = cp_at (h, (unsigned) k);
    const uint64_t *bound = NULL;

    if ((unsigned) k < head.k && cp->segs->len > 0)
      bound = g_array_index (cp->segs, Seg, cp->segs->len - 1).end;
    g_array_set_size (scan->hits, 0);
    if (!replay_from (m, (unsigned) k, (unsigned) k == head.k ? &head : NULL, scan, error))
      return false;   /* (restore refused before any hit was noted) */
    for (int i = (int) scan->hits->len - 1; i >= 0; i--) {
      Hit *hit = &g_array_index (scan->hits, Hit, i);

      if (!any && hit_before (m, hit->vector, head_v, bound)) {
        *found = *hit;
        found->vector = NULL;
        any = true;
      }
    }
    for (guint i = 0; i < scan->hits->len; i++)
      g_free (g_array_index (scan->hits, Hit, i).vector);
  }
  return any;
}

static Pos
hit_pos (const Hit *hit)
{
  if (hit->at_start)
    return (Pos) { hit->k, hit->j, false, 0, 0 };
  return (Pos) { hit->k, hit->j, true, hit->cpu, hit->n };
}

MdlStopReason
mdl_machine_reverse_continue (MdlMachine *m, GError **error)
{
  MdlHistory *h = m->history;
  Scan scan = { g_array_new (FALSE, TRUE, sizeof (Hit)), NULL, NULL, NULL, 0 };
  Pos back;
  Hit hit;
  bool found;
  g_autoptr (GError) local = NULL;

  if (!history_usable (m, error)) {
    g_array_unref (scan.hits);
    return MDL_STOP_FATAL;
  }
  back = head_pos (h);
  found = scan_back (m, &scan, &hit, &local);
  g_array_unref (scan.hits);
  if (local != NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return MDL_STOP_FATAL;
  }
  if (!goto_pos (m, found ? hit_pos (&hit) : (Pos) { 0, 0, false, 0, 0 }, error)) {
    goto_pos (m, back, NULL);
    return MDL_STOP_FATAL;
  }
  if (!found)
    return MDL_STOP_NONE;
  {
    MdlCpu *cpu = g_ptr_array_index (m->cpus, hit.cpu);

    if (hit.reason == MDL_STOP_BREAKPOINT)
      mdl_machine_stop (m, hit.reason, 0, "CPU %s reached a breakpoint at 0x%" G_GINT64_MODIFIER
                        "x (going back)", cpu->name, hit.addr);
    else
      mdl_machine_stop (m, hit.reason, 0, "CPU %s accessed 0x%" G_GINT64_MODIFIER
                        "x (watched, going back)", cpu->name, hit.addr);
    m->stop_cpu = cpu;
    m->stop_addr = hit.addr;
  }
  return hit.reason;
}

bool
mdl_machine_reverse_step_until (MdlMachine *m, MdlCpu *cpu, MdlReversePredicate pred, void *data,
                                GError **error)
{
  Scan scan = { g_array_new (FALSE, TRUE, sizeof (Hit)), cpu, pred, data, cpu->retired };
  Hit hit;
  bool found;
  Pos back;
  g_autoptr (GError) local = NULL;

  if (!history_usable (m, error) || !mdl_machine_reverse_step (m, cpu, error)) {
    g_array_unref (scan.hits);
    return false;
  }
  /* One step back is the least; does it stop there? */
  if (pred (m, cpu, data)) {
    g_array_unref (scan.hits);
    return true;
  }
  back = head_pos (m->history);
  scan.below = cpu->retired;
  found = scan_back (m, &scan, &hit, &local);
  g_array_unref (scan.hits);
  if (local != NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return false;
  }
  if (!found) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "no earlier instant of CPU %s in the history is where to stop", cpu->name);
    goto_pos (m, back, NULL);
    return false;
  }
  return goto_pos (m, hit_pos (&hit), error);
}
