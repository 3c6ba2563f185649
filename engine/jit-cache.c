/* Code memory, the translation cache and the entry trampoline of the
 * translating tier (see jit-cache.h).
 *
 * Layout of the code memory: the trampoline and its exit stub first,
 * written once, then blocks one after the other, 16-byte aligned.  A
 * flush resets the allocation to just after the stubs (at the next
 * mdl_jit_begin), so there is no fragmentation: when the memory or the
 * block table is full, the whole cache goes, which also unlinks every
 * chain at once.  A store onto translated bytes forgets only the blocks
 * over it (mdl_jit_invalidate): they leave the lookup table, and every
 * exit slot and inline cache recorded as leading to them (an edge, kept
 * per target block) is put back as it was before chaining.  Their code
 * and entries stay allocated until the next whole flush.
 */
#define _GNU_SOURCE
#include "jit-cache.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu.h"
#include "error.h"

typedef uint64_t (*MdlJitEnterFn) (void *state, const void *code, uint64_t *count,
                                   uint8_t **slot);

#define MDL_JIT_PAGE_BITS  1024
#define MDL_JIT_PAGE_SHIFT 10   /* 1 KiB: code and data often share 4 KiB pages */

static inline unsigned
page_bit (uint64_t addr)
{
  uint64_t p = addr >> MDL_JIT_PAGE_SHIFT;

  return (unsigned) (p ^ (p >> 10) ^ (p >> 20)) & (MDL_JIT_PAGE_BITS - 1);
}

/* An indirect exit's inline cache, in the data memory: the exit stub
 * reports it as it reports a slot, and mdl_jit_chain tells the two apart
 * by where they are. */
typedef struct MdlJitSite IndirectSite;
struct MdlJitSite {
  uint64_t      pc;       /* odd (never a guest address) while empty */
  const void   *code;
  /* The cache's: the block it leads to, in that block's list of sites
   * (a site changes targets often, so it is linked, not recorded). */
  MdlJitBlock  *target;
  IndirectSite *next, **pprev;
};

/* An exit slot (in the code memory) that mdl_jit_chain pointed at a
 * block. */
typedef struct {
  uint8_t *at;
  uint32_t next;   /* index + 1 of the target's next edge, 0 at the end */
} MdlJitEdge;

struct MdlJit {
  uint8_t *rx, *rw;        /* the same bytes: executable, writable views */
  size_t   size;
  bool     dual;           /* two mappings; else rx == rw, mprotect'ed */
  size_t   stubs_end, used;
  MdlJitEnterFn enter;
  const uint8_t *exit_stub;

  MdlJitBlock  *blocks;
  unsigned      max_blocks, n_blocks;
  MdlJitBlock **table;
  unsigned      table_mask;
  uint8_t      *data;
  size_t        data_size, data_used;
  MdlJitBlock **phys_table;   /* blocks by the page their phys starts in */
  uint64_t      max_span;     /* longest block (guest bytes) since the last reuse */
  MdlJitEdge   *edges;
  unsigned      max_edges, n_edges;

  /* Guest pages (hashed) that some block since the last reuse came from:
   * most stores that mdl_jit_invalidate hears of hit data sharing a page
   * with code elsewhere, and leave after one test. */
  uint64_t page_bits[MDL_JIT_PAGE_BITS / 64];
  uint8_t  stale;          /* read by translated code after helper calls */
  bool     reuse_pending;  /* flushed: reset the memory at the next begin */
  uint64_t generation;     /* bumped when the memory is reused */
  uint8_t *last_slot;      /* the exit slot the last enter left by */
  uint64_t last_exit_pc;   /* and the guest pc it left for */
  uint64_t enter_generation;
  MdlJitStats stats;
};

/* MDL_JIT_HOST comes from engine/meson.build: 1 when the build's host
 * is one the emitter writes code for (x86-64 with the System V ABI). */
bool
mdl_jit_host_supported (void)
{
  return MDL_JIT_HOST != 0;
}

static void
make_writable (MdlJit *jit, bool writable)
{
  if (jit->dual)
    return;
  /* One mapping: W^X by switching.  Failing here would leave the code
   * unusable; mprotect on our own mapping does not fail short of a
   * kernel out of memory, which g_error reports. */
  if (mprotect (jit->rx, jit->size, writable ? PROT_READ | PROT_WRITE
                                             : PROT_READ | PROT_EXEC) != 0)
    g_error ("translated code: mprotect failed: %s", g_strerror (errno));
}

static bool
map_code (MdlJit *jit, GError **error)
{
#if defined(__linux__)
  /* MEDLEY_JIT_SINGLE_MAP: one mapping, for instrumenting hosts such as
   * valgrind, which do not see code written through the other mapping
   * (run it with --smc-check=all): chains and reused memory would stay
   * invisible to them. */
  int fd = g_getenv ("MEDLEY_JIT_SINGLE_MAP") != NULL
             ? -1
             : memfd_create ("medley-translated-code", MFD_CLOEXEC);

  if (fd >= 0) {
    if (ftruncate (fd, (off_t) jit->size) == 0) {
      void *rw = mmap (NULL, jit->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
      void *rx = mmap (NULL, jit->size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);

      if (rw != MAP_FAILED && rx != MAP_FAILED) {
        close (fd);
        jit->rw = rw;
        jit->rx = rx;
        jit->dual = true;
        return true;
      }
      if (rw != MAP_FAILED)
        munmap (rw, jit->size);
      if (rx != MAP_FAILED)
        munmap (rx, jit->size);
    }
    close (fd);
  }
#endif
  {
    void *p = mmap (NULL, jit->size, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                    -1, 0);

    if (p == MAP_FAILED) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "no executable memory for translated code (%zu bytes): %s", jit->size,
                   g_strerror (errno));
      return false;
    }
    jit->rw = jit->rx = p;
    jit->dual = false;
    return true;
  }
}

/* The trampoline: saves the callee-saved registers the convention of
 * jit-x86.h uses (five pushes keep the stack 16-byte aligned), loads
 * them and jumps to the block; the exit stub stores the count and the
 * slot (rcx) and returns rax. */
static void
write_stubs (MdlJit *jit)
{
  MdlJitAsm a = { .rw = jit->rw, .rx = jit->rx, .pos = 0, .cap = jit->size };

  make_writable (jit, true);
  jit->enter = (MdlJitEnterFn) (void *) mdl_x86_here (&a);
  mdl_x86_push (&a, MDL_X86_RBX);
  mdl_x86_push (&a, MDL_X86_R12);
  mdl_x86_push (&a, MDL_X86_R13);
  mdl_x86_push (&a, MDL_X86_R14);
  mdl_x86_push (&a, MDL_X86_R15);
  mdl_x86_mov_rr (&a, true, MDL_X86_STATE, MDL_X86_RDI);
  mdl_x86_mov_rr (&a, true, MDL_X86_R14, MDL_X86_RDX);
  mdl_x86_load (&a, 8, false, MDL_X86_COUNT, MDL_X86_RDX, 0);
  mdl_x86_mov_rr (&a, true, MDL_X86_R15, MDL_X86_RCX);
  mdl_x86_jmp_r (&a, MDL_X86_RSI);

  a.pos = (a.pos + 15) & ~(size_t) 15;
  jit->exit_stub = mdl_x86_here (&a);
  mdl_x86_store (&a, 8, MDL_X86_COUNT, MDL_X86_R14, 0);
  mdl_x86_store (&a, 8, MDL_X86_RCX, MDL_X86_R15, 0);
  mdl_x86_pop (&a, MDL_X86_R15);
  mdl_x86_pop (&a, MDL_X86_R14);
  mdl_x86_pop (&a, MDL_X86_R13);
  mdl_x86_pop (&a, MDL_X86_R12);
  mdl_x86_pop (&a, MDL_X86_RBX);
  mdl_x86_ret (&a);
  jit->stubs_end = jit->used = (a.pos + 15) & ~(size_t) 15;
  make_writable (jit, false);
}

MdlJit *
mdl_jit_new (size_t code_bytes, unsigned max_blocks, GError **error)
{
  MdlJit *jit;
  unsigned table_size = 16;

  if (!mdl_jit_host_supported ()) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "this host cannot run translated code");
    return NULL;
  }
  jit = g_new0 (MdlJit, 1);
  jit->size = MAX (code_bytes, (size_t) 16384);
  jit->size = (jit->size + 4095) & ~(size_t) 4095;
  if (!map_code (jit, error)) {
    g_free (jit);
    return NULL;
  }
  jit->max_blocks = MAX (max_blocks, 4u);
  jit->blocks = g_new0 (MdlJitBlock, jit->max_blocks);
  while (table_size < 2 * jit->max_blocks)
    table_size *= 2;
  jit->table = g_new0 (MdlJitBlock *, table_size);
  jit->table_mask = table_size - 1;
  jit->phys_table = g_new0 (MdlJitBlock *, table_size);
  jit->max_edges = 4 * jit->max_blocks;
  jit->edges = g_new (MdlJitEdge, jit->max_edges);
  jit->data_size = jit->size / 2;
  jit->data = g_malloc (jit->data_size);
  write_stubs (jit);
  return jit;
}

void
mdl_jit_free (MdlJit *jit)
{
  if (jit == NULL)
    return;
  munmap (jit->rx, jit->size);
  if (jit->dual)
    munmap (jit->rw, jit->size);
  g_free (jit->blocks);
  g_free (jit->table);
  g_free (jit->phys_table);
  g_free (jit->edges);
  g_free (jit->data);
  g_free (jit);
}

static inline unsigned
hash_key (const MdlJit *jit, uint64_t pc, uint32_t mode)
{
  uint64_t h = (pc >> 1) ^ ((uint64_t) mode * UINT64_C (0x9e3779b97f4a7c15));

  return (unsigned) (h ^ (h >> 17)) & jit->table_mask;
}

static inline unsigned
phys_hash (const MdlJit *jit, uint64_t page)
{
  return (unsigned) ((page * UINT64_C (0x9e3779b97f4a7c15)) >> 32) & jit->table_mask;
}

MdlJitBlock *
mdl_jit_lookup (MdlJit *jit, uint64_t pc, uint32_t mode)
{
  for (MdlJitBlock *b = jit->table[hash_key (jit, pc, mode)]; b != NULL; b = b->next)
    if (b->pc == pc && b->mode == mode)
      return b;
  return NULL;
}

void
mdl_jit_flush (MdlJit *jit)
{
  if (jit->n_blocks == 0 || jit->reuse_pending)
    return;
  /* Only the buckets blocks are in: a frontend that flushes often (A64
   * at every TTBR0 switch) has far fewer blocks than buckets. */
  for (unsigned i = 0; i < jit->n_blocks; i++) {
    const MdlJitBlock *b = &jit->blocks[i];

    jit->table[hash_key (jit, b->pc, b->mode)] = NULL;
    jit->phys_table[phys_hash (jit, b->phys >> MDL_JIT_PAGE_SHIFT)] = NULL;
  }
  jit->stale = 1;
  jit->reuse_pending = true;
  jit->last_slot = NULL;
  jit->stats.flushes++;
}

static void
site_unlink (IndirectSite *site)
{
  if (site->target == NULL)
    return;
  *site->pprev = site->next;
  if (site->next != NULL)
    site->next->pprev = site->pprev;
  site->target = NULL;
}

/* Puts back every exit slot and inline cache that leads to @b; the
 * code memory is made writable once (*@open). */
static void
unlink_edges (MdlJit *jit, MdlJitBlock *b, bool *open)
{
  for (uint32_t e = b->in_edges; e != 0; e = jit->edges[e - 1].next) {
    uint8_t *at = jit->edges[e - 1].at;
    int32_t rel;

    /* Still the jump to @b (a slot is chained once per block it ever
     * led to): back to the jump to the next instruction, the exit. */
    memcpy (&rel, at + 1, 4);
    if ((uintptr_t) at + 5 + (intptr_t) rel == (uintptr_t) b->code) {
      if (!*open)
        make_writable (jit, true);
      *open = true;
      rel = 0;
      memcpy (jit->rw + (at - jit->rx) + 1, &rel, 4);
    }
  }
  b->in_edges = 0;
  while (b->in_sites != NULL) {
    IndirectSite *site = b->in_sites;

    site_unlink (site);
    site->pc = 1;
    site->code = NULL;
  }
}

/* Forgets @b: out of the lookup table (it is in its phys chain's
 * @link, which the caller walks), nothing jumps to it any more. */
static void
forget_block (MdlJit *jit, MdlJitBlock *b, MdlJitBlock **link, bool *open)
{
  MdlJitBlock **t = &jit->table[hash_key (jit, b->pc, b->mode)];

  *link = b->phys_next;
  while (*t != NULL && *t != b)
    t = &(*t)->next;
  if (*t == b)
    *t = b->next;
  unlink_edges (jit, b, open);
  b->code = NULL;
  b->next = b->phys_next = NULL;
  jit->stats.invalidated++;
}

/* Visits the live blocks whose phys range overlaps [addr, last]; with
 * @forget, forgets each (returning whether any was), else stops at the
 * first (returning whether there is one). */
static bool
overlapping_blocks (MdlJit *jit, uint64_t addr, uint64_t last, bool forget)
{
  uint64_t first_page, last_page;
  bool any = false, open = false;

  if ((last - addr) >> MDL_JIT_PAGE_SHIFT < 4) {
    for (uint64_t p = addr >> MDL_JIT_PAGE_SHIFT;; p++) {
      unsigned bit = page_bit (p << MDL_JIT_PAGE_SHIFT);

      any |= (jit->page_bits[bit / 64] >> (bit % 64)) & 1;
      if (p == last >> MDL_JIT_PAGE_SHIFT)
        break;
    }
    if (!any)
      return false;
    any = false;
  }
  /* A block over @addr starts at most max_span - 1 bytes before it. */
  first_page = (addr > jit->max_span ? addr - (jit->max_span - 1) : 0) >> MDL_JIT_PAGE_SHIFT;
  last_page = last >> MDL_JIT_PAGE_SHIFT;
  if (last_page - first_page <= jit->table_mask) {
    for (uint64_t p = first_page;; p++) {
      MdlJitBlock **link = &jit->phys_table[phys_hash (jit, p)];

      while (*link != NULL) {
        MdlJitBlock *b = *link;

        if (b->phys >> MDL_JIT_PAGE_SHIFT == p && b->phys <= last
            && addr < b->phys + (b->end - b->pc)) {
          if (!forget)
            return true;
          forget_block (jit, b, link, &open);
          any = true;
        } else {
          link = &b->phys_next;
        }
      }
      if (p == last_page)
        break;
    }
  } else {
    /* A loader's image: every block is looked at once. */
    for (unsigned i = 0; i < jit->n_blocks; i++) {
      MdlJitBlock *b = &jit->blocks[i];

      if (b->code != NULL && b->phys <= last && addr < b->phys + (b->end - b->pc)) {
        MdlJitBlock **link = &jit->phys_table[phys_hash (jit, b->phys >> MDL_JIT_PAGE_SHIFT)];

        if (!forget)
          return true;
        while (*link != b)
          link = &(*link)->phys_next;
        forget_block (jit, b, link, &open);
        any = true;
      }
    }
  }
  if (open)
    make_writable (jit, false);
  return any;
}

void
mdl_jit_invalidate (MdlJit *jit, uint64_t addr, uint64_t len)
{
  uint64_t last;

  if (jit->reuse_pending || jit->n_blocks == 0 || len == 0)
    return;
  last = addr + (len - 1);
  /* A range past the top of the address space (a listener's "the
   * instruction that may start 2 bytes before" at address 0) is the two
   * ranges it covers; walking it page by page would never end. */
  if (last < addr) {
    mdl_jit_invalidate (jit, 0, last + 1);
    mdl_jit_invalidate (jit, addr, -addr);
    return;
  }
  if (overlapping_blocks (jit, addr, last, true)) {
    /* The running block may be one of them: it leaves after the helper
     * that stored.  No slot taken before this is chained afterwards. */
    jit->stale = 1;
    jit->last_slot = NULL;
  }
}

bool
mdl_jit_holds (MdlJit *jit, uint64_t addr, uint64_t len)
{
  uint64_t last;

  if (jit->reuse_pending || jit->n_blocks == 0 || len == 0)
    return false;
  last = addr + (len - 1);
  if (last < addr)
    return mdl_jit_holds (jit, 0, last + 1) || mdl_jit_holds (jit, addr, -addr);
  return overlapping_blocks (jit, addr, last, false);
}

const uint8_t *
mdl_jit_stale_flag (MdlJit *jit)
{
  return &jit->stale;
}

static void
reuse (MdlJit *jit)
{
  jit->used = jit->stubs_end;
  jit->n_blocks = 0;
  jit->data_used = 0;
  jit->n_edges = 0;
  jit->max_span = 0;
  memset (jit->page_bits, 0, sizeof jit->page_bits);
  jit->stale = 0;
  jit->reuse_pending = false;
  jit->last_slot = NULL;
  jit->generation++;
}

void
mdl_jit_begin (MdlJit *jit, MdlJitAsm *a)
{
  /* A block of guest code rarely needs more than a few KiB of host code;
   * with less left (or no block entry left), start over. */
  if (!jit->reuse_pending
      && (jit->size - jit->used < 8192 || jit->n_blocks == jit->max_blocks))
    mdl_jit_flush (jit);
  if (jit->reuse_pending)
    reuse (jit);
  make_writable (jit, true);
  a->rw = jit->rw + jit->used;
  a->rx = jit->rx + jit->used;
  a->pos = 0;
  a->cap = jit->size - jit->used;
  a->overflow = false;
}

MdlJitBlock *
mdl_jit_commit (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint64_t end, uint32_t mode,
                uint32_t n_insns)
{
  return mdl_jit_commit_phys (jit, a, pc, end, pc, mode, n_insns);
}

MdlJitBlock *
mdl_jit_commit_phys (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint64_t end, uint64_t phys,
                     uint32_t mode, uint32_t n_insns)
{
  MdlJitBlock *b;
  uint64_t pend = phys + (end - pc);
  unsigned h;

  make_writable (jit, false);
  if (a->overflow || jit->n_blocks == jit->max_blocks)
    return NULL;
  b = &jit->blocks[jit->n_blocks++];
  b->pc = pc;
  b->end = end;
  b->phys = phys;
  b->mode = mode;
  b->n_insns = n_insns;
  b->data = NULL;
  b->code = a->rx;
  b->in_edges = 0;
  b->in_sites = NULL;
  jit->max_span = MAX (jit->max_span, MAX (end - pc, 1));
  h = phys_hash (jit, phys >> MDL_JIT_PAGE_SHIFT);
  b->phys_next = jit->phys_table[h];
  jit->phys_table[h] = b;
  if (pend > phys && ((pend - 1 - phys) >> MDL_JIT_PAGE_SHIFT) < 64) {
    for (uint64_t p = phys >> MDL_JIT_PAGE_SHIFT; p <= (pend - 1) >> MDL_JIT_PAGE_SHIFT; p++) {
      unsigned bit = page_bit (p << MDL_JIT_PAGE_SHIFT);
      jit->page_bits[bit / 64] |= UINT64_C (1) << (bit % 64);
    }
  } else {
    memset (jit->page_bits, 0xff, sizeof jit->page_bits);
  }
  h = hash_key (jit, pc, mode);
  b->next = jit->table[h];
  jit->table[h] = b;
  jit->used += (a->pos + 15) & ~(size_t) 15;
  jit->stats.translations++;
  return b;
}

void *
mdl_jit_alloc_data (MdlJit *jit, size_t size)
{
  void *p;

  size = (size + 15) & ~(size_t) 15;
  if (jit->data_size - jit->data_used < size)
    return NULL;
  p = jit->data + jit->data_used;
  jit->data_used += size;
  return p;
}

void
mdl_jit_emit_budget_check (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint32_t n_insns)
{
  size_t ok;

  /* count + n_insns <= budget (no wrap: both are instruction counts),
   * the budget in memory, where a kick from another thread sets it to
   * 0: so taken branches need not look at exit_request. */
  mdl_x86_lea (a, MDL_X86_RAX, MDL_X86_COUNT, (int32_t) n_insns);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_STATE,
                  (int32_t) offsetof (MdlCpu, jit_budget));
  ok = mdl_x86_jcc_fwd (a, MDL_X86_CC_BE);
  mdl_x86_mov_ri (a, MDL_X86_RAX, pc);
  mdl_jit_emit_exit (jit, a);
  mdl_x86_bind (a, ok);
}

void
mdl_jit_emit_exit (MdlJit *jit, MdlJitAsm *a)
{
  mdl_x86_alu_rr (a, MDL_X86_XOR, false, MDL_X86_RCX, MDL_X86_RCX);
  mdl_x86_jmp_to (a, jit->exit_stub);
}

void
mdl_jit_emit_block_end (MdlJit *jit, MdlJitAsm *a, unsigned n, uint64_t target)
{
  mdl_x86_lea (a, MDL_X86_COUNT, MDL_X86_COUNT, (int32_t) n);
  mdl_jit_emit_exit_slot (jit, a, target);
}

void
mdl_jit_emit_exit_slot (MdlJit *jit, MdlJitAsm *a, uint64_t pc)
{
  const uint8_t *slot = mdl_x86_here (a);

  /* A jump to the next instruction until mdl_jit_chain points it at the
   * next block. */
  mdl_x86_jmp_fwd (a);
  mdl_x86_mov_ri (a, MDL_X86_RAX, pc);
  mdl_x86_lea_rip (a, MDL_X86_RCX, slot);
  mdl_x86_jmp_to (a, jit->exit_stub);
}

bool
mdl_jit_emit_exit_indirect (MdlJit *jit, MdlJitAsm *a)
{
  IndirectSite *site = mdl_jit_alloc_data (jit, sizeof *site);
  size_t miss;

  if (site == NULL)
    return false;
  site->pc = 1;
  site->code = NULL;
  site->target = NULL;
  mdl_x86_mov_ri (a, MDL_X86_RCX, (uint64_t) (uintptr_t) site);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, MDL_X86_RAX, MDL_X86_RCX, 0);
  miss = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_jmp_m (a, MDL_X86_RCX, 8);
  mdl_x86_bind (a, miss);
  mdl_x86_jmp_to (a, jit->exit_stub);
  return true;
}

uint64_t
mdl_jit_enter (MdlJit *jit, const MdlJitBlock *block, void *state, uint64_t *count)
{
  jit->enter_generation = jit->generation;
  if (!jit->reuse_pending)
    jit->stale = 0;   /* what an invalidation set concerned the code that ran then */
  jit->last_exit_pc = jit->enter (state, block->code, count, &jit->last_slot);
  return jit->last_exit_pc;
}

void
mdl_jit_chain (MdlJit *jit, const MdlJitBlock *to)
{
  uint8_t *slot = jit->last_slot;
  int32_t rel;

  jit->last_slot = NULL;
  /* The block run next is not always the slot's target: between the exit
   * and this call the dispatcher may have taken an interrupt, ended its
   * run and started the next one elsewhere.  Only the slot's own pc may be
   * chained (a slot patched towards another block would send every later
   * pass there). */
  if (slot == NULL || to == NULL || jit->stale || jit->enter_generation != jit->generation
      || to->pc != jit->last_exit_pc)
    return;
  if (slot < jit->rx || slot >= jit->rx + jit->size) {
    IndirectSite *site = (IndirectSite *) (void *) slot;
    MdlJitBlock *target = (MdlJitBlock *) to;

    site_unlink (site);
    site->pc = to->pc;
    site->code = to->code;
    site->target = target;
    site->next = target->in_sites;
    site->pprev = &target->in_sites;
    if (site->next != NULL)
      site->next->pprev = &site->next;
    target->in_sites = site;
    return;
  }
  if (jit->n_edges == jit->max_edges)
    return;
  /* Recorded on the target, so that invalidating it unlinks the slot. */
  jit->edges[jit->n_edges].at = slot;
  jit->edges[jit->n_edges].next = to->in_edges;
  ((MdlJitBlock *) to)->in_edges = ++jit->n_edges;
  rel = (int32_t) ((const uint8_t *) to->code - (slot + 5));
  make_writable (jit, true);
  memcpy (jit->rw + (slot - jit->rx) + 1, &rel, 4);
  make_writable (jit, false);
  jit->stats.chains++;
}

void
mdl_jit_get_stats (MdlJit *jit, MdlJitStats *stats)
{
  *stats = jit->stats;
  stats->code_used = jit->used;
}
