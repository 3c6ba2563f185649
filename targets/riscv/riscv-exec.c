/* The RISC-V run loop and what the executors share: the decode cache,
 * memory access; with the executors of loads and stores, the fences, A,
 * F and D, and those compiled per XLEN.  Exceptions, traps and
 * interrupts, and the instructions that trap or return, are
 * riscv-trap.c's; the CSR instructions are riscv-exec-csr.c's (the three
 * share riscv-exec-private.h).
 *
 * The loop looks the pc up in a direct-mapped decode cache; on a miss it
 * fetches and decodes through the table of riscv-decode.c and stores the
 * fields with the executor of the hart's XLEN.  It then calls that
 * executor, which returns the next pc.  Executors return the next pc with
 * bit 0 set (RV_CHECK) when the loop has to look at the hart: after a
 * trap, after a write that may enable an interrupt or stop the hart, or
 * when the engine asked run() to return.  Straight-line code therefore
 * costs one cache probe and one indirect call per instruction.
 *
 * Counting: the loop counts every instruction it dispatches; one that
 * traps is counted in run_traps and not retired (it advances neither
 * minstret nor time), as the specification says of minstret.  What is
 * retired is handed to mdl_cpu_account() (rv_sync) before every
 * slow-path access, CSR access, and when run() returns.
 *
 * Self-modifying code: a store to code this hart decoded from RAM makes
 * the entries over it stale (rv_code_written), fetched through a check
 * or not; the class's flush_code() and any change of the address map
 * make all of them stale, and so does fence.i where the map has aliases.
 * Emptied entries are only marked stale: one whose bits are still in
 * memory when it runs again is taken back without decoding (rv_fill), and
 * decodes that are needed come from a table of decodes by instruction
 * bits (RvCpu.memo) before the decode table's search.
 *
 * Privilege: there is one decode cache per mode, keyed by the (virtual)
 * pc; those of S and U are emptied when translations may change (satp,
 * sfence.vma, PMP).  Machine mode with unchecked physical addresses (see
 * riscv-mmu.c) is the fast path; a checked hart runs the same executors,
 * whose RAM windows then cover one virtual page.
 */
#include "riscv-exec-private.h"

#include <stddef.h>
#include <string.h>

#include "engine/cache-model.h"
#include "engine/jit-cache.h"
#include "engine/machine.h"
#include "engine/softfloat.h"

/* ---- decode cache and RAM windows ---------------------------------------- */

/* Empties decode cache @m: only the entries filled since the last time
 * when rv_fill could log them all.  An emptied entry keeps its fields
 * and only gains RV_TAG_STALE in its tag: rv_fill takes it back without
 * decoding when the same bits are still at its pc. */
static void
rv_flush_one_icache (RvCpu *s, unsigned m)
{
  RvInsn *cache = s->icache[m];

  if (s->fill_tracked[m] && s->fill_n[m] <= RV_FILL_LOG) {
    for (unsigned i = 0; i < s->fill_n[m]; i++)
      cache[s->fill_log[m][i]].pc |= RV_TAG_STALE;
  } else {
    for (unsigned i = 0; i < RV_ICACHE_SIZE; i++)
      cache[i].pc |= RV_TAG_STALE;
    s->fill_tracked[m] = true;
  }
  s->fill_n[m] = 0;
}

static void
rv_flush_decoded (RvCpu *s)
{
  for (unsigned m = 0; m < RV_ICACHE_COUNT; m++)
    if (s->fill_n[m] || !s->fill_tracked[m])
      rv_flush_one_icache (s, m);
}

static void
rv_flush_icache (RvCpu *s)
{
  rv_flush_decoded (s);
  /* The translating tier (riscv-jit.c) forgets its blocks alike. */
  if (s->cpu.jit != NULL)
    mdl_jit_flush (s->cpu.jit);
}

/* Decoded code of S and U was fetched through translations that may be
 * gone now.  (Entries keep their fields: an executor may still read its
 * own @d after this.) */
void
rv_flush_icache_lower (RvCpu *s)
{
  rv_flush_one_icache (s, RV_ICACHE_U);
  rv_flush_one_icache (s, RV_ICACHE_S);
  rv_jit_forget_lower (s);   /* translating tier hook */
}

/* Drops the decoded code of S and U fetched from the leaf region of @va
 * (see rv_tlb_flush_region): the logged entries there, the log keeping
 * the others.  When too many were filled to log, all of them: marked
 * stale, the entries outside the region come back for a compare, which
 * is cheaper than looking at all 8192 on every sfence.vma (Linux sends
 * thousands a second) and puts the log back in use. */
static void
rv_flush_icache_lower_region (RvCpu *s, uint64_t va)
{
  static const unsigned lower[] = { RV_ICACHE_U, RV_ICACHE_S };
  uint64_t mask = rv_leaf_region_mask (s);

  for (unsigned k = 0; k < G_N_ELEMENTS (lower); k++) {
    unsigned m = lower[k];
    RvInsn *cache = s->icache[m];
    uint16_t *log = s->fill_log[m];
    unsigned kept = 0;

    if (!s->fill_tracked[m] || s->fill_n[m] > RV_FILL_LOG) {
      rv_flush_one_icache (s, m);
      continue;
    }
    for (unsigned i = 0; i < s->fill_n[m]; i++) {
      RvInsn *e = &cache[log[i]];

      if (((e->pc ^ va) & mask) == 0)
        e->pc |= RV_TAG_STALE;
      else if (!(e->pc & RV_TAG_STALE))
        log[kept++] = log[i];
    }
    s->fill_n[m] = kept;
  }
  rv_jit_forget_region (s, va);   /* translating tier hook */
}

void
rv_forget_windows (RvCpu *s)
{
  s->ld_base = s->st_base = 0;
  s->ld_limit = s->st_limit = 0;   /* no address hits */
  s->ld_host = s->st_host = NULL;
  s->fetch_win_valid = false;
}

/* The PMP changed: every decoded instruction is compared again, and the
 * blocks of checked code go (those of unchecked machine mode, which the
 * PMP does not constrain, stay: OpenSBI rewrites the PMP around some of
 * its calls). */
void
rv_flush_checked_code (RvCpu *s)
{
  rv_flush_decoded (s);
  if (s->cpu.jit != NULL && s->pmp_locked)
    mdl_jit_flush (s->cpu.jit);
  else
    rv_jit_forget_lower (s);
}

/* fence.i: nothing to do, since every decoded or translated instruction
 * marked its bytes (rv_fill_slow) and a store there makes the entries
 * over it stale (rv_code_written) and forgets the translated blocks
 * there, fence.i or not.  When the map changed within this run (a device
 * remapped memory), or has aliases through which a store reaches code
 * under another address, every cache goes stale and the translated
 * blocks go, as before. */
static void
rv_fence_i_flush (RvCpu *s)
{
  if (s->code_aliased || mdl_address_space_generation (s->cpu.as) != s->as_gen)
    rv_flush_icache (s);
}

void
rv_flush_code (MdlCpu *cpu)
{
  rv_flush_icache ((RvCpu *) cpu);
}

/* A store touched [addr, addr + size) where this hart took code from
 * (mdl_address_space_mark_code): the decoded instructions that overlap it
 * are marked stale (rv_fill compares their bits when they run again) and
 * the translated blocks over it are forgotten, so both tiers run the new
 * bytes from the next instruction on, fence.i or not. */
static void
rv_code_written (void *data, uint64_t addr, unsigned size, bool is_write)
{
  RvCpu *s = data;

  if (size > RV_ICACHE_SIZE) {
    for (unsigned m = 0; m < RV_ICACHE_COUNT; m++)
      for (unsigned i = 0; i < RV_ICACHE_SIZE; i++)
        s->icache[m][i].pc |= RV_TAG_STALE;
  } else {
    /* A 4-byte instruction may start 2 bytes before the store. */
    for (uint64_t pc = (addr & ~UINT64_C (1)) - 2; pc != addr + size; pc++) {
      if (pc & 1)
        continue;
      for (unsigned m = 0; m < RV_ICACHE_COUNT; m++) {
        RvInsn *e = &s->icache[m][(pc >> 1) & (RV_ICACHE_SIZE - 1)];
        if (e->pc == pc)
          e->pc |= RV_TAG_STALE;
      }
    }
  }
  /* Paged code marks its physical pages too (rv_note_code_page): the
   * decoded entries of S and U, keyed by virtual pcs, are compared again,
   * as the blocks over the bytes are translated again. */
  rv_flush_one_icache (s, RV_ICACHE_U);
  rv_flush_one_icache (s, RV_ICACHE_S);
  if (s->cpu.jit != NULL)
    mdl_jit_invalidate (s->cpu.jit, addr - 2, (uint64_t) size + 2);
}

/* Whether this hart still needs [addr, addr + len) marked: a decoded
 * entry (stale ones too: rv_fill takes them back without marking) of an
 * instruction overlapping it, or a translated block in its 4 KiB page
 * (blocks of paged code mark their whole page, riscv-jit.c: the data
 * there keeps its marks while code shares the page, or every store to
 * it would drop them and the next translation take them again).  When
 * no listener needs them, the address space drops the marks. */
static bool
rv_code_held (void *data, uint64_t addr, uint64_t len)
{
  RvCpu *s = data;
  uint64_t pc = (addr & ~UINT64_C (1)) - 2;
  uint64_t page = addr & RV_PAGE_MASK;
  uint64_t end_page = (addr + len - 1) & RV_PAGE_MASK;

  /* Pages of paged code (rv_note_code_page) keep their marks: their
   * decoded entries are keyed by virtual pcs, which the search below
   * cannot find by this physical address, and taken back stale without
   * marking again. */
  if (s->code_pages[(page >> 12) & (RV_CODE_PAGES - 1)] == page + 1
      || s->code_pages[(end_page >> 12) & (RV_CODE_PAGES - 1)] == end_page + 1)
    return true;
  if (s->cpu.jit != NULL
      && mdl_jit_holds (s->cpu.jit, page, ((addr + len - 1) & RV_PAGE_MASK) + RV_PAGE_SIZE - page))
    return true;
  for (uint64_t i = 0; i < (len + (addr & 1) + 3) / 2 && i <= RV_ICACHE_SIZE; i++, pc += 2)
    for (unsigned m = 0; m < RV_ICACHE_COUNT; m++)
      if ((s->icache[m][(pc >> 1) & (RV_ICACHE_SIZE - 1)].pc & ~RV_TAG_STALE) == pc)
        return true;
  return false;
}

void
rv_note_code (RvCpu *s, uint64_t pc, uint64_t len)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  /* Listening first: code another hart marked already must reach this
   * hart's copies too, and be held for it. */
  mdl_address_space_add_code_listener_full (s->cpu.as, rv_code_written, rv_code_held, s);
  if (!mdl_address_space_mark_code (s->cpu.as, pc, len))
    return;
  /* The store windows may cover the code: dropped now, not at the next
   * run(), so that the very next store there is heard.  Nothing else
   * changed in the map, unless something already had. */
  rv_tlb_flush_stores (s);
  if (s->as_gen == gen)
    s->as_gen = mdl_address_space_generation (s->cpu.as);
}

/* Marks the physical page of @pa, where paged code came from.  A page at
 * a time: physical pages of code lie scattered, and every marked range
 * costs each window's lookup (mdl_address_space_ram_window) a test.
 * Marks are never removed, so a page seen marked needs no second look
 * through the address space's list. */
void
rv_note_code_page (RvCpu *s, uint64_t pa)
{
  uint64_t *seen = &s->code_pages[(pa >> 12) & (RV_CODE_PAGES - 1)];

  if (*seen != (pa & RV_PAGE_MASK) + 1) {
    rv_note_code (s, pa & RV_PAGE_MASK, RV_PAGE_SIZE);
    *seen = (pa & RV_PAGE_MASK) + 1;
  }
}

static void
rv_note_alias (uint64_t base, MdlRegion *region, void *data)
{
  if (mdl_region_kind (region) == MDL_REGION_ALIAS)
    *(bool *) data = true;
}

/* Drops everything derived from the address map when the map changed
 * (a device may remap memory during a slow-path access). */
static void
rv_revalidate (RvCpu *s)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  if (gen != s->as_gen) {
    s->as_gen = gen;
    rv_tlb_flush (s);
    rv_flush_icache (s);
    s->hole_size = 0;
    s->code_aliased = false;
    mdl_address_space_foreach (s->cpu.as, rv_note_alias, &s->code_aliased);
  }
}

/* Whether @addr is in the unmapped range an unchecked access last met. */
static inline bool
rv_in_hole (RvCpu *s, uint64_t addr)
{
  return addr - s->hole_base < s->hole_size;
}

/* An unchecked access found nothing at @addr: the range around it is
 * remembered, while the map is the one of as_gen. */
static void
rv_note_hole (RvCpu *s, uint64_t addr)
{
  if (mdl_address_space_generation (s->cpu.as) == s->as_gen
      && !mdl_address_space_hole (s->cpu.as, addr, &s->hole_base, &s->hole_size))
    s->hole_size = 0;
}

/* Finds the RAM (or, for loads, ROM) window around @addr and caches it for
 * the fast path.  Returns the host pointer for @size bytes at @addr, or
 * NULL when they are not all inside one window. */
static uint8_t *
rv_ram_lookup (RvCpu *s, uint64_t addr, unsigned size, bool store)
{
  MdlRamWindow w;
  uint64_t off, limit;

  if (!mdl_address_space_ram_window (s->cpu.as, addr, &w))
    return NULL;
  if (store && !w.writable)
    return NULL;
  off = addr - w.base;
  if (off >= w.size || w.size - off < size)
    return NULL;
  if (G_UNLIKELY (s->trig_data || s->cpu.cache))
    return w.host + off; /* no window: every access is checked */

  limit = w.size >= 8 ? w.size - 7 : 0;
  if (store) {
    s->st_base = w.base;
    s->st_limit = limit;
    s->st_host = w.host;
  } else {
    s->ld_base = w.base;
    s->ld_limit = limit;
    s->ld_host = w.host;
  }
  return w.host + off;
}

/* A checked access (riscv-mmu.c) of @size bytes at virtual address @va:
 * a read into @value, or with @write a write of it.  @acc is LOAD or STORE
 * (an AMO reads as a store).  Returns 0 or the exception cause. */
static G_GNUC_NO_INLINE unsigned
rv_mem_checked (RvCpu *s, uint64_t done, uint64_t va, unsigned size,
                RvAccess acc, uint64_t *value, bool write)
{
  uint64_t pa[2];
  uint8_t *host[2];
  unsigned first = size, cause;
  MdlMemResult r = MDL_MEM_OK;

  /* Across a page boundary: translate both pages before touching
   * memory, so that a fault on the second leaves the first unchanged,
   * then go byte by byte. */
  if ((va & ~RV_PAGE_MASK) + size > RV_PAGE_SIZE)
    first = RV_PAGE_SIZE - (va & ~RV_PAGE_MASK);
  if ((cause = rv_mmu_access (s, va, first, acc, &pa[0], &host[0])))
    return cause;
  if (first < size) {
    uint64_t va2 = (va + first) & rv_xmask (s);
    uint8_t bytes[8];

    if ((cause = rv_mmu_access (s, va2, size - first, acc, &pa[1], &host[1])))
      return cause;
    if (G_UNLIKELY (s->cpu.cache)) {
      mdl_cache_model_data (&s->cpu, pa[0], first, write);
      mdl_cache_model_data (&s->cpu, pa[1], size - first, write);
    }
    memcpy (bytes, value, 8);
    rv_sync (s, done);
    for (unsigned i = 0; i < size && r == MDL_MEM_OK; i++) {
      unsigned k = i < first ? 0 : 1;
      uint64_t p = k ? pa[1] + (i - first) : pa[0] + i;
      uint64_t b = bytes[i];

      if (host[k] && write)
        host[k][p & ~RV_PAGE_MASK] = bytes[i];
      else if (host[k])
        bytes[i] = host[k][p & ~RV_PAGE_MASK];
      else if (write)
        r = mdl_address_space_write (s->cpu.as, p, 1, b);
      else {
        r = mdl_address_space_read (s->cpu.as, p, 1, &b);
        bytes[i] = (uint8_t) b;
      }
    }
    rv_revalidate (s);
    if (r != MDL_MEM_OK)
      return acc == RV_ACC_LOAD ? RV_EXC_LOAD_ACCESS : RV_EXC_STORE_ACCESS;
    if (!write) {
      *value = 0;
      memcpy (value, bytes, size);
    }
    return 0;
  }

  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, pa[0], size, write);
  if (host[0]) {
    uint8_t *p = host[0] + (va & ~RV_PAGE_MASK);

    if (write)
      memcpy (p, value, size);
    else {
      *value = 0;
      memcpy (value, p, size);
    }
    /* The executors' windows now cover this page, with the permission
     * just checked, or untranslated all the memory the PMP treats as it
     * treats this address. */
    if ((acc == RV_ACC_LOAD || write) && !s->trig_data && !s->cpu.cache) {
      uint64_t wbase = va & RV_PAGE_MASK, wsize = RV_PAGE_SIZE;
      uint8_t *whost = host[0];

      if (!s->data_paged)
        rv_mmu_bare_window (s, pa[0], acc, &wbase, &wsize, &whost);
      if (acc == RV_ACC_LOAD) {
        s->ld_base = wbase;
        s->ld_limit = wsize - 7;
        s->ld_host = whost;
      } else {
        s->st_base = wbase;
        s->st_limit = wsize - 7;
        s->st_host = whost;
      }
    }
    return 0;
  }

  rv_sync (s, done);
  if (write)
    r = mdl_address_space_write (s->cpu.as, pa[0], size, *value);
  else
    r = mdl_address_space_read (s->cpu.as, pa[0], size, value);
  rv_revalidate (s);
  if (r != MDL_MEM_OK)
    return acc == RV_ACC_LOAD ? RV_EXC_LOAD_ACCESS : RV_EXC_STORE_ACCESS;
  return 0;
}

/* Reads @size bytes at @addr (little-endian, zero-extended) from RAM, ROM
 * or a device, as an access of type @acc.  A device access is preceded by
 * rv_sync and followed by a map check.  Returns 0 or the exception
 * cause. */
static unsigned
rv_mem_read (RvCpu *s, uint64_t done, uint64_t addr, unsigned size,
             RvAccess acc, uint64_t *value)
{
  uint8_t *host;
  MdlMemResult r;

  /* Sdtrig: every load and store of an executor comes here while a
   * trigger watches them (the windows stay empty); an AMO reads as a
   * store and is both. */
  if (G_UNLIKELY (s->trig_data)
      && (rv_trigger_data (s, addr, false)
          | (acc == RV_ACC_STORE && rv_trigger_data (s, addr, true))))
    return RV_EXC_BREAKPOINT;
  if (s->data_checked)
    return rv_mem_checked (s, done, addr, size, acc, value, false);
  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, addr, size, false);

  if (addr - s->ld_base < s->ld_limit)
    host = s->ld_host + (addr - s->ld_base);
  else if (rv_in_hole (s, addr))
    host = NULL;   /* what the map would say, without searching it */
  else
    host = rv_ram_lookup (s, addr, size, false);

  if (host) {
    *value = 0;
    memcpy (value, host, size);
    return 0;
  }

  rv_sync (s, done);
  if (rv_in_hole (s, addr))
    r = MDL_MEM_UNMAPPED;
  else {
    r = mdl_address_space_read (s->cpu.as, addr, size, value);
    rv_revalidate (s);
    if (r == MDL_MEM_UNMAPPED)
      rv_note_hole (s, addr);
  }
  if (r == MDL_MEM_OK)
    return 0;
  return acc == RV_ACC_LOAD ? RV_EXC_LOAD_ACCESS : RV_EXC_STORE_ACCESS;
}

static unsigned
rv_mem_write (RvCpu *s, uint64_t done, uint64_t addr, unsigned size,
              uint64_t value)
{
  uint8_t *host;
  MdlMemResult r;

  if (G_UNLIKELY (s->trig_data) && rv_trigger_data (s, addr, true))
    return RV_EXC_BREAKPOINT;
  if (s->data_checked)
    return rv_mem_checked (s, done, addr, size, RV_ACC_STORE, &value, true);
  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, addr, size, true);

  if (addr - s->st_base < s->st_limit)
    host = s->st_host + (addr - s->st_base);
  else if (rv_in_hole (s, addr))
    host = NULL;
  else
    host = rv_ram_lookup (s, addr, size, true);

  if (host) {
    memcpy (host, &value, size);
    return 0;
  }

  rv_sync (s, done);
  if (rv_in_hole (s, addr))
    return RV_EXC_STORE_ACCESS;
  r = mdl_address_space_write (s->cpu.as, addr, size, value);
  rv_revalidate (s);
  if (r == MDL_MEM_UNMAPPED)
    rv_note_hole (s, addr);
  return r == MDL_MEM_OK ? 0 : RV_EXC_STORE_ACCESS;
}

/* Sign-extends the low @size bytes of @v. */
static inline uint64_t
rv_sext (uint64_t v, unsigned size)
{
  unsigned shift = 64 - 8 * size;

  return (uint64_t) ((int64_t) (v << shift) >> shift);
}

/* ---- executors shared by both widths ------------------------------------
 *
 * The rare, slow instructions do not gain from a per-XLEN copy; they look
 * at s->xlen at run time.  Register values are kept masked to XLEN, so
 * s->x[] can be used as an address directly.  (The rare ones that trap
 * or return are riscv-trap.c's, the CSR instructions riscv-exec-csr.c's.)
 */

static uint64_t
rv_exec_illegal (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
}

static uint64_t
rv_exec_fetch_fault (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, done, pc, s->fetch_fault_cause, s->fetch_fault_addr);
}

/* Reads / writes @size (1, 2, 4 or 8) bytes at @p: a fixed-size copy
 * each, which the compiler turns into one move instead of a call. */
static inline uint64_t
rv_host_read (const uint8_t *p, unsigned size)
{
  uint8_t b;
  uint16_t h;
  uint32_t w;
  uint64_t q;

  switch (size) {
  case 1: memcpy (&b, p, 1); return b;
  case 2: memcpy (&h, p, 2); return h;
  case 4: memcpy (&w, p, 4); return w;
  default: memcpy (&q, p, 8); return q;
  }
}

static inline void
rv_host_write (uint8_t *p, unsigned size, uint64_t value)
{
  uint8_t b = (uint8_t) value;
  uint16_t h = (uint16_t) value;
  uint32_t w = (uint32_t) value;

  switch (size) {
  case 1: memcpy (p, &b, 1); break;
  case 2: memcpy (p, &h, 2); break;
  case 4: memcpy (p, &w, 4); break;
  default: memcpy (p, &value, 8); break;
  }
}

/* The load of an executor whose address is outside the cached window,
 * not in a page the TLB holds for it: RAM elsewhere, ROM, a device, a
 * fault. */
static G_GNUC_NO_INLINE uint64_t
rv_load_mem (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
             uint64_t addr, unsigned size, bool sign)
{
  uint64_t value;
  unsigned cause;

  cause = rv_mem_read (s, done, addr, size, RV_ACC_LOAD, &value);
  if (cause)
    return rv_exception (s, done, pc, cause, addr);
  if (sign)
    value = rv_sext (value, size);
  s->x[d->rd] = value & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

/* The slow halves of the load and store executors of the template
 * (rv_load_slow, rv_store_slow): the address is outside the cached
 * window.  Paged, another page the TLB knows becomes the window at once
 * (kernel code goes from page to page all the time): that part makes no
 * call, so that it costs no more than a few moves; the rest is
 * rv_load_mem's and rv_store_mem's. */
static G_GNUC_NO_INLINE uint64_t
rv_load_paged (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
               uint64_t addr, unsigned size, bool sign)
{
  if (s->data_paged && !s->trig_data && !s->cpu.cache) {
    const RvTlbEntry *e = &s->tlb[RV_ACC_LOAD][(addr >> 12)
                                               & (RV_TLB_SIZE - 1)];

    if (e->vpage == rv_tlb_tag (addr, s->tlb_key[RV_ACC_LOAD]) && e->host
        && (addr & ~RV_PAGE_MASK) <= RV_PAGE_SIZE - size) {
      uint64_t value = rv_host_read (e->host + (addr & ~RV_PAGE_MASK), size);

      s->ld_base = addr & RV_PAGE_MASK;
      s->ld_limit = RV_PAGE_SIZE - 7;
      s->ld_host = e->host;
      if (sign)
        value = rv_sext (value, size);
      s->x[d->rd] = value & rv_xmask (s);
      return rv_next_checked (s, d, pc);
    }
  }
  return rv_load_mem (s, d, pc, done, addr, size, sign);
}

static G_GNUC_NO_INLINE uint64_t
rv_load_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
              uint64_t addr, unsigned size, bool sign)
{
  /* Nothing there, as the map said last time: what rv_mem_read does,
   * without its calls (a handler that probes for memory, a nested
   * fault), and with nothing saved for the rest (rv_load_paged). */
  if (!s->data_checked && !s->trig_data && rv_in_hole (s, addr))
    return rv_exception (s, done, pc, RV_EXC_LOAD_ACCESS, addr);
  return rv_load_paged (s, d, pc, done, addr, size, sign);
}

static G_GNUC_NO_INLINE uint64_t
rv_store_mem (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
              uint64_t addr, unsigned size, uint64_t value)
{
  unsigned cause = rv_mem_write (s, done, addr, size, value);

  if (cause)
    return rv_exception (s, done, pc, cause, addr);
  return rv_next_checked (s, d, pc);
}

static G_GNUC_NO_INLINE uint64_t
rv_store_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
               uint64_t addr, unsigned size, uint64_t value)
{
  if (s->data_paged && !s->trig_data && !s->cpu.cache) {
    const RvTlbEntry *e = &s->tlb[RV_ACC_STORE][(addr >> 12)
                                                & (RV_TLB_SIZE - 1)];

    if (e->vpage == rv_tlb_tag (addr, s->tlb_key[RV_ACC_STORE]) && e->host
        && (addr & ~RV_PAGE_MASK) <= RV_PAGE_SIZE - size) {
      rv_host_write (e->host + (addr & ~RV_PAGE_MASK), size, value);
      s->st_base = addr & RV_PAGE_MASK;
      s->st_limit = RV_PAGE_SIZE - 7;
      s->st_host = e->host;
      return rv_next_checked (s, d, pc);
    }
  }
  return rv_store_mem (s, d, pc, done, addr, size, value);
}

static uint64_t
rv_exec_fence (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* One hart runs at a time and memory is never reordered: nothing to do. */
  return rv_next (s, d, pc);
}

static uint64_t
rv_exec_fence_i (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* Decoded instructions no store told this hart about may be stale now:
   * they are marked so, and each is checked against memory when it runs
   * again (rv_fill).  @d keeps its fields.  Translated blocks heard every
   * store to their bytes already (rv_code_written): they stay. */
  rv_fence_i_flush (s);
  return rv_next (s, d, pc);
}

static uint64_t
rv_exec_sfence_vma (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  if (s->priv == RV_PRIV_U
      || (s->priv == RV_PRIV_S && (s->mstatus & RV_MSTATUS_TVM)))
    return rv_exception (s, done, pc, RV_EXC_ILLEGAL, d->raw);
  /* With an address, what was translated through any leaf that may map
   * it (the largest superpage around it): Linux names an address on most
   * of its thousands of sfence.vma a second, and its kernel code lies
   * elsewhere.  Without, everything.  Every ASID is the same here. */
  if (d->rs1 != 0) {
    uint64_t va = s->x[d->rs1];

    rv_tlb_flush_region (s, va);
    rv_flush_icache_lower_region (s, va);
  } else {
    rv_tlb_flush (s);
    rv_flush_icache_lower (s);
  }
  return rv_next (s, d, pc) | RV_CHECK;
}

/* ---- A ----
 *
 * Harts of one machine run in turn on one host thread, so a read-modify-
 * write done here is atomic.  LR/SC and AMOs must be naturally aligned;
 * ordinary loads and stores need not be.
 */

typedef enum {
  RV_AMO_SWAP, RV_AMO_ADD, RV_AMO_XOR, RV_AMO_AND, RV_AMO_OR,
  RV_AMO_MIN, RV_AMO_MAX, RV_AMO_MINU, RV_AMO_MAXU,
} RvAmoKind;

static uint64_t
rv_amo (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
        unsigned size, RvAmoKind kind)
{
  uint64_t addr = s->x[d->rs1];
  uint64_t old, src, res;
  unsigned cause;

  if (G_UNLIKELY (s->trig_data)
      && (rv_trigger_data (s, addr, false) | rv_trigger_data (s, addr, true)))
    return rv_exception (s, done, pc, RV_EXC_BREAKPOINT, addr);
  if (addr & (size - 1))
    return rv_exception (s, done, pc, RV_EXC_STORE_MISALIGNED, addr);
  /* An AMO reads as a store: it needs write permission and faults as
   * one. */
  if ((cause = rv_mem_read (s, done, addr, size, RV_ACC_STORE, &old)))
    return rv_exception (s, done, pc, cause, addr);

  /* Compare and compute on values sign-extended from the access size;
   * only the low @size bytes are stored. */
  old = rv_sext (old, size);
  src = rv_sext (s->x[d->rs2], size);
  switch (kind) {
  case RV_AMO_SWAP: res = src; break;
  case RV_AMO_ADD:  res = old + src; break;
  case RV_AMO_XOR:  res = old ^ src; break;
  case RV_AMO_AND:  res = old & src; break;
  case RV_AMO_OR:   res = old | src; break;
  case RV_AMO_MIN:  res = (int64_t) old < (int64_t) src ? old : src; break;
  case RV_AMO_MAX:  res = (int64_t) old > (int64_t) src ? old : src; break;
  /* Sign-extended alike, unsigned order is kept for either size. */
  case RV_AMO_MINU: res = old < src ? old : src; break;
  case RV_AMO_MAXU: res = old > src ? old : src; break;
  default: g_assert_not_reached ();
  }

  if ((cause = rv_mem_write (s, done, addr, size, res)))
    return rv_exception (s, done, pc, cause, addr);
  s->x[d->rd] = old & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

static uint64_t
rv_lr (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, unsigned size)
{
  uint64_t addr = s->x[d->rs1];
  uint64_t value;
  unsigned cause;

  if (G_UNLIKELY (s->trig_data) && rv_trigger_data (s, addr, false))
    return rv_exception (s, done, pc, RV_EXC_BREAKPOINT, addr);
  if (addr & (size - 1))
    return rv_exception (s, done, pc, RV_EXC_LOAD_MISALIGNED, addr);
  if ((cause = rv_mem_read (s, done, addr, size, RV_ACC_LOAD, &value)))
    return rv_exception (s, done, pc, cause, addr);
  value = rv_sext (value, size);
  s->resv_valid = true;
  s->resv_size = size;
  s->resv_addr = addr;
  s->resv_value = value;
  s->x[d->rd] = value & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

static uint64_t
rv_sc (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, unsigned size)
{
  uint64_t addr = s->x[d->rs1];
  unsigned cause = 0;
  bool ok;

  if (G_UNLIKELY (s->trig_data) && rv_trigger_data (s, addr, true))
    return rv_exception (s, done, pc, RV_EXC_BREAKPOINT, addr);
  if (addr & (size - 1))
    return rv_exception (s, done, pc, RV_EXC_STORE_MISALIGNED, addr);

  ok = s->resv_valid && s->resv_addr == addr && s->resv_size == size;
  s->resv_valid = false;
  if (ok) {
    /* Another hart may have stored there since LR: fail if the value
     * changed (an ABA change goes unnoticed, as in QEMU). */
    uint64_t cur;

    if ((cause = rv_mem_read (s, done, addr, size, RV_ACC_STORE, &cur)))
      return rv_exception (s, done, pc, cause, addr);
    ok = rv_sext (cur, size) == s->resv_value;
  }
  if (ok && (cause = rv_mem_write (s, done, addr, size, s->x[d->rs2])))
    return rv_exception (s, done, pc, cause, addr);
  s->x[d->rd] = ok ? 0 : 1;
  return rv_next_checked (s, d, pc);
}

static uint64_t rv_exec_lr_w (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_lr (s, d, pc, done, 4); }
static uint64_t rv_exec_lr_d (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_lr (s, d, pc, done, 8); }
static uint64_t rv_exec_sc_w (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_sc (s, d, pc, done, 4); }
static uint64_t rv_exec_sc_d (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_sc (s, d, pc, done, 8); }

/* One executor per AMO and size, all through rv_amo. */
#define RV_AMO_EXEC(name, size, kind)                                        \
  static uint64_t                                                            \
  rv_exec_##name (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)     \
  {                                                                          \
    return rv_amo (s, d, pc, done, size, kind);                              \
  }
RV_AMO_EXEC (amoswap_w, 4, RV_AMO_SWAP)
RV_AMO_EXEC (amoadd_w,  4, RV_AMO_ADD)
RV_AMO_EXEC (amoxor_w,  4, RV_AMO_XOR)
RV_AMO_EXEC (amoand_w,  4, RV_AMO_AND)
RV_AMO_EXEC (amoor_w,   4, RV_AMO_OR)
RV_AMO_EXEC (amomin_w,  4, RV_AMO_MIN)
RV_AMO_EXEC (amomax_w,  4, RV_AMO_MAX)
RV_AMO_EXEC (amominu_w, 4, RV_AMO_MINU)
RV_AMO_EXEC (amomaxu_w, 4, RV_AMO_MAXU)
RV_AMO_EXEC (amoswap_d, 8, RV_AMO_SWAP)
RV_AMO_EXEC (amoadd_d,  8, RV_AMO_ADD)
RV_AMO_EXEC (amoxor_d,  8, RV_AMO_XOR)
RV_AMO_EXEC (amoand_d,  8, RV_AMO_AND)
RV_AMO_EXEC (amoor_d,   8, RV_AMO_OR)
RV_AMO_EXEC (amomin_d,  8, RV_AMO_MIN)
RV_AMO_EXEC (amomax_d,  8, RV_AMO_MAX)
RV_AMO_EXEC (amominu_d, 8, RV_AMO_MINU)
RV_AMO_EXEC (amomaxu_d, 8, RV_AMO_MAXU)
#undef RV_AMO_EXEC

/* ---- F and D ------------------------------------------------------------- */

#include "riscv-exec-fp.h"

/* ---- the per-XLEN executors ---------------------------------------------
 *
 * The arithmetic, branches, loads and stores are compiled from one
 * template with the register width and the instruction length fixed at
 * compile time: RV32 then wraps at 32 bits for free, RV64 needs no width
 * tests, and the next pc is pc + a constant.  That last point matters for
 * speed: were the length loaded from the decode cache entry, every
 * instruction would wait for a load that depends on the previous pc.
 * Each copy ends with its executor table, indexed by RvOp: rv32_ and
 * rv64_ for 4-byte instructions, rv32c_ and rv64c_ for compressed ones.
 */

#define XLEN          32
#define UXLEN         uint32_t
#define SXLEN         int32_t
#define UDXLEN        uint64_t
#define SDXLEN        int64_t
#define ILEN          4
#define RV_FN(name)   rv32_exec_##name
#define RV_EXEC_TABLE rv32_exec_table
#include "riscv-exec-template.h"

#define XLEN          32
#define UXLEN         uint32_t
#define SXLEN         int32_t
#define UDXLEN        uint64_t
#define SDXLEN        int64_t
#define ILEN          2
#define RV_FN(name)   rv32c_exec_##name
#define RV_EXEC_TABLE rv32c_exec_table
#include "riscv-exec-template.h"

#define XLEN          64
#define UXLEN         uint64_t
#define SXLEN         int64_t
#define UDXLEN        unsigned __int128
#define SDXLEN        __int128
#define ILEN          4
#define RV_FN(name)   rv64_exec_##name
#define RV_EXEC_TABLE rv64_exec_table
#include "riscv-exec-template.h"

#define XLEN          64
#define UXLEN         uint64_t
#define SXLEN         int64_t
#define UDXLEN        unsigned __int128
#define SDXLEN        __int128
#define ILEN          2
#define RV_FN(name)   rv64c_exec_##name
#define RV_EXEC_TABLE rv64c_exec_table
#include "riscv-exec-template.h"

/* ---- fetch, decode, run ---------------------------------------------------- */

/* Fetches 16 bits of instruction at @addr from RAM or ROM, from physical
 * address @pa; returns 0 or the exception cause.  Instructions are not
 * fetched from devices: that is an instruction access fault. */
static unsigned
rv_fetch16 (RvCpu *s, uint64_t addr, uint16_t *value, uint64_t *pa)
{
  MdlRamWindow *w = &s->fetch_win;

  *pa = addr;
  if (s->fetch_checked) {
    uint8_t *host;
    unsigned cause = rv_mmu_access (s, addr, 2, RV_ACC_FETCH, pa, &host);

    if (cause)
      return cause;
    if (host) {
      memcpy (value, host + (addr & ~RV_PAGE_MASK), 2);
      return 0;
    }
    /* A page the PMP only partly allows: fetch through the map. */
    if (!mdl_address_space_ram_window (s->cpu.as, *pa, w)
        || w->size - (*pa - w->base) < 2)
      return RV_EXC_INSN_ACCESS;
    memcpy (value, w->host + (*pa - w->base), 2);
    s->fetch_win_valid = false;
    return 0;
  }

  if (!s->fetch_win_valid || addr - w->base >= w->size
      || w->size - (addr - w->base) < 2) {
    s->fetch_win_valid = mdl_address_space_ram_window (s->cpu.as, addr, w);
    if (!s->fetch_win_valid || w->size - (addr - w->base) < 2) {
      /* A watched byte has no window (its loads and stores must take
       * the slow path) but is still memory: a watchpoint over code must
       * not make it unfetchable.  Read without watching, as a fetch is
       * no data access; anything but RAM or ROM still faults. */
      return mdl_address_space_read_memory (s->cpu.as, addr, value, 2)
             ? 0 : RV_EXC_INSN_ACCESS;
    }
  }
  memcpy (value, w->host + (addr - w->base), 2);
  return 0;
}

/* The executor for an instruction of operation @op (rs1 field @rs1,
 * immediate @imm, length @len): that of the table, or one made for a
 * common case of it. */
static inline RvExecFn
rv_exec_of (const RvCpu *s, unsigned op, unsigned rs1, int32_t imm,
            unsigned len)
{
  if (len == 2)
    return s->exec_table_c[op];
  if (G_UNLIKELY (op >= RV_OP_CSRRW && op <= RV_OP_CSRRCI)) {
    unsigned csr = (unsigned) imm & 0xfff;
    /* csrrw and csrrwi always write, the others unless rs1 (or the
     * immediate) is 0. */
    bool writes = op == RV_OP_CSRRW || op == RV_OP_CSRRWI || rs1 != 0;

    if (writes && (csr >> 10) == 3)
      return rv_exec_csr_ro_write;
    if (rv_csr_is_plain (csr)) {
      if (op == RV_OP_CSRRW)
        return rv_csrw_plain_execs[rv_csr_plain_index (csr)];
      if (!writes)
        return rv_csrr_plain_execs[rv_csr_plain_index (csr)];
    }
    if (csr == 0x300) {
      if (op == RV_OP_CSRRW)
        return rv_exec_csrw_mstatus;
      if (!writes)
        return rv_exec_csrr_mstatus;
    }
  }
  return s->exec_table[op];
}

static RvExecFn
rv_exec_for (RvCpu *s, const RvDecoded *dec)
{
  if (!dec->op)
    return rv_exec_illegal;
  return rv_exec_of (s, dec->op->op, dec->rs1, dec->imm, dec->len);
}

/* The executor of an instruction that has a breakpoint: stops before it
 * (it does not retire, like a trap), or runs it when resuming from it. */
static uint64_t
rv_exec_breakpoint (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  RvDecoded dec;

  if (mdl_cpu_breakpoint_hit (&s->cpu, pc)) {
    s->trapped = true;
    return pc | RV_CHECK;
  }
  rv_decode (s->xlen, s->ext, d->raw, &dec);
  return rv_exec_for (s, &dec) (s, d, pc, done);
}

/* The executor of an instruction an execute trigger (Sdtrig) watches:
 * a breakpoint exception before it when the trigger fires in this mode,
 * else the instruction.  (A debugger's breakpoint on the same
 * instruction takes its place: rv_fill gives that one the entry.) */
static uint64_t
rv_exec_trigger (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  if (rv_trigger_exec (s, pc))
    return rv_exception (s, done, pc, RV_EXC_BREAKPOINT, pc);
  return rv_exec_of (s, d->op, d->rs1, d->imm, d->len) (s, d, pc, done);
}

/* Fetches the instruction at @pc: its bits (16 or 32 of them) in @raw,
 * its length, and the physical addresses of its halves in @pa.  Returns 0
 * or the exception cause, with the address that faulted in
 * s->fetch_fault_addr. */
static inline unsigned
rv_fetch_insn (RvCpu *s, uint64_t pc, uint32_t *raw, unsigned *len, uint64_t pa[2])
{
  const MdlRamWindow *w = &s->fetch_win;
  uint16_t lo, hi;
  unsigned cause;

  /* Unchecked, inside the window that served the last fetch: both
   * halves at once (the common case of a refill). */
  if (!s->fetch_checked && s->fetch_win_valid && pc - w->base < w->size
      && w->size - (pc - w->base) >= 4) {
    memcpy (&lo, w->host + (pc - w->base), 2);
    memcpy (&hi, w->host + (pc - w->base) + 2, 2);
    *len = rv_insn_length (lo);
    *raw = *len == 4 ? (uint32_t) hi << 16 | lo : lo;
    pa[0] = pc;
    pa[1] = pc + 2;
    return 0;
  }

  /* Checked: one translation for both halves when they share a page of
   * RAM (a fault is the first half's, as rv_fetch16 would find it). */
  if (s->fetch_checked && (pc & ~RV_PAGE_MASK) <= RV_PAGE_SIZE - 4) {
    uint8_t *host;

    if ((cause = rv_mmu_access (s, pc, 2, RV_ACC_FETCH, &pa[0], &host))) {
      s->fetch_fault_addr = pc;
      return cause;
    }
    if (host) {
      memcpy (&lo, host + (pc & ~RV_PAGE_MASK), 2);
      memcpy (&hi, host + (pc & ~RV_PAGE_MASK) + 2, 2);
      *len = rv_insn_length (lo);
      *raw = *len == 4 ? (uint32_t) hi << 16 | lo : lo;
      pa[1] = pa[0] + 2;
      return 0;
    }
  }

  if ((cause = rv_fetch16 (s, pc, &lo, &pa[0]))) {
    s->fetch_fault_addr = pc;
    return cause;
  }
  *len = rv_insn_length (lo);
  *raw = lo;
  pa[1] = pa[0] + 2;
  if (*len == 4) {
    if ((cause = rv_fetch16 (s, (pc + 2) & rv_xmask (s), &hi, &pa[1]))) {
      s->fetch_fault_addr = (pc + 2) & rv_xmask (s);
      return cause;
    }
    *raw |= (uint32_t) hi << 16;
  }
  return 0;
}

/* The fields of entry @e for the instruction bits @raw (all but the tag
 * and the executor).  Apart, so that taking back a stale entry does not
 * pay for the decoder's stack frame. */
static G_GNUC_NO_INLINE void
rv_decode_into (RvCpu *s, RvInsn *e, uint32_t raw)
{
  RvDecodeMemo *m = &s->memo[(raw * UINT32_C (0x9e3779b1)) >> (32 - RV_MEMO_BITS)];
  RvDecoded dec;

  if (m->raw != raw || !m->len) {
    rv_decode (s->xlen, s->ext, raw, &dec);
    m->raw = raw;
    m->imm = dec.imm;
    m->rd = dec.rd ? dec.rd : RV_REG_SINK;
    m->rs1 = dec.rs1;
    m->rs2 = dec.rs2;
    m->len = dec.len;
    m->op = dec.op ? dec.op->op : RV_OP_ILLEGAL;
  }
  e->raw = m->raw;
  e->imm = m->imm;
  e->rd = m->rd;
  e->rs1 = m->rs1;
  e->rs2 = m->rs2;
  e->len = m->len;
  e->op = m->op;
}

/* Appends entry @e to the fill log of its cache (rv_flush_one_icache). */
static inline void
rv_log_fill (RvCpu *s, const RvInsn *e)
{
  size_t i = (size_t) (e - &s->icache[0][0]);
  unsigned m = (unsigned) (i >> RV_ICACHE_BITS);

  if (s->fill_n[m] < RV_FILL_LOG)
    s->fill_log[m][s->fill_n[m]] = (uint16_t) (i & (RV_ICACHE_SIZE - 1));
  if (s->fill_n[m] <= RV_FILL_LOG)
    s->fill_n[m]++;
}

/* Decodes the instruction at @pc into cache entry @e.  When it cannot be
 * fetched, returns an uncached entry that raises the access fault.
 *
 * An entry a flush marked stale (RV_TAG_STALE) for this same pc, whose
 * bits are still those in memory, is taken back as it is: the decode
 * depends on nothing but the bits (the hart's XLEN and extensions are
 * fixed), and what depends on the pc (a breakpoint, a trigger) is looked
 * at again below.  This is what keeps fence.i cheap while staying exact:
 * code that was stored to since is decoded anew, whoever stored to it (a
 * device, another hart), and the rest costs a fetch and a compare. */
static G_GNUC_NO_INLINE const RvInsn *
rv_fill_slow (RvCpu *s, RvInsn *e, uint64_t pc)
{
  uint64_t pa[2];
  uint32_t raw;
  unsigned len, cause;

  if ((cause = rv_fetch_insn (s, pc, &raw, &len, pa)))
    goto fault;
  /* Marked before it runs, checked or not, as the translating tier marks
   * what it translates, so that both tiers see a store to it at the next
   * fetch (rv_code_written finds the entries by pc, or empties those of
   * S and U where the pc is virtual).  Checked code marked only when
   * translated made that depend on the tier and on what earlier code had
   * marked (fuzz-riscv: tests/fuzz/riscv/regressions/locked-pmp-*). */
  if (pa[0] == pc && pa[1] == pc + 2)
    rv_note_code (s, pc, len);
  else {
    rv_note_code_page (s, pa[0]);
    if (len == 4)
      rv_note_code_page (s, pa[1]);
  }

  if (e->pc != (pc | RV_TAG_STALE) || e->raw != raw || e->len != len)
    rv_decode_into (s, e, raw);
  e->pc = pc;
  /* exec_table[RV_OP_ILLEGAL] is rv_exec_illegal. */
  e->exec = rv_exec_of (s, e->op, e->rs1, e->imm, e->len);
  /* A breakpoint costs nothing until its instruction is decoded: the
   * entry runs the breakpoint hook instead, which re-decodes on resume. */
  if (G_UNLIKELY (s->trig_exec) && rv_trigger_exec_watched (s, pc))
    e->exec = rv_exec_trigger;
  if (G_UNLIKELY (mdl_cpu_breakpoint_at (&s->cpu, pc)))
    e->exec = rv_exec_breakpoint;
  rv_log_fill (s, e);
  /* The cache model sees every fetch: the entry runs once and is
   * filled again next time. */
  if (G_UNLIKELY (s->cpu.cache)) {
    mdl_cache_model_fetch (&s->cpu, pc, len);
    e->pc = RV_TAG_EMPTY;
  }
  return e;

fault:
  /* An instruction address breakpoint comes before the fetch's fault. */
  if (G_UNLIKELY (s->trig_exec) && rv_trigger_exec (s, pc)) {
    cause = RV_EXC_BREAKPOINT;
    s->fetch_fault_addr = pc;
  }
  s->fetch_fault_cause = cause;
  s->fault_entry.pc = RV_TAG_EMPTY;
  s->fault_entry.exec = rv_exec_fetch_fault;
  s->fault_entry.len = 2;
  return &s->fault_entry;
}

/* What rv_fill_slow does, for the common case after a fence.i: a stale
 * entry of unchecked code inside the fetch window, with no trigger or
 * breakpoint about, whose bits did not change. */
static G_GNUC_NO_INLINE const RvInsn *
rv_fill (RvCpu *s, RvInsn *e, uint64_t pc)
{
  const MdlRamWindow *w = &s->fetch_win;
  uint64_t off = pc - w->base;

  if (e->pc == (pc | RV_TAG_STALE) && !s->fetch_checked && s->fetch_win_valid
      && off < w->size && w->size - off >= 4 && !s->trig_exec
      && !s->cpu.breakpoints && !s->cpu.cache) {
    uint16_t lo, hi;
    uint32_t raw;

    memcpy (&lo, w->host + off, 2);
    memcpy (&hi, w->host + off + 2, 2);
    raw = rv_insn_length (lo) == 4 ? (uint32_t) hi << 16 | lo : lo;
    if (raw == e->raw && e->len == rv_insn_length (lo)) {
      e->pc = pc;
      e->exec = rv_exec_of (s, e->op, e->rs1, e->imm, e->len);
      rv_log_fill (s, e);
      return e;
    }
  }
  return rv_fill_slow (s, e, pc);
}

/* The loop's look after every RV_CHECK: mostly nothing is pending. */
static inline uint64_t
rv_check_interrupts (RvCpu *s, uint64_t pc)
{
  uint64_t pending = s->mie & (s->mip | s->mip_sw);

  return G_LIKELY (!pending) ? pc : rv_take_interrupt (s, pc, pending);
}

/* Runs the instruction at @pc, decoding it first when the cache does not
 * hold it; returns what its executor returns. */
static inline uint64_t
rv_step (RvCpu *s, RvInsn *cache, uint64_t pc, uint64_t done)
{
  RvInsn *e = &cache[(pc >> 1) & (RV_ICACHE_SIZE - 1)];
  const RvInsn *d = e;

  if (G_UNLIKELY (e->pc != pc))
    d = rv_fill (s, e, pc);
  return d->exec (s, d, pc, done);
}

uint64_t
rv_run (MdlCpu *cpu, uint64_t budget)
{
  RvCpu *s = (RvCpu *) cpu;
  RvInsn *cache;
  uint64_t pc, n = 0;

  mdl_cpu_set_exit_request (cpu, false);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  rv_revalidate (s);
  s->run_traps = 0;
  s->run_accounted = 0;
  s->trapped = false;
  pc = rv_check_interrupts (s, s->pc);
  cache = s->icache_cur;

  while (G_LIKELY (n < budget)) {
    /* Eight dispatches in a row when the budget allows: each has its own
     * indirect call, which the host predicts better than one shared. */
    if (G_LIKELY (budget - n >= 8)) {
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
    } else
      pc = rv_step (s, cache, pc, n++);
    if (G_LIKELY (!(pc & RV_CHECK)))
      continue;

  check:
    pc &= ~RV_CHECK;
    if (s->trapped) {
      s->trapped = false;
      s->run_traps++;
    }
    if (mdl_cpu_exit_requested (cpu) || cpu->state != MDL_CPU_RUNNING)
      break;
    pc = rv_check_interrupts (s, pc);
    /* A trap, an interrupt, mret or sret may have changed the mode. */
    cache = s->icache_cur;
  }

  s->pc = pc;
  rv_sync (s, n);
  return n - s->run_traps;
}

/* ---- for the translating tier (riscv-jit.c) --------------------------------
 * The run loop's own steps, so that the translating tier's dispatcher does
 * exactly what rv_run does between its blocks. */

void
rv_interp_begin (RvCpu *s)
{
  rv_revalidate (s);
  s->run_traps = 0;
  s->run_accounted = 0;
  s->trapped = false;
}

uint64_t
rv_interp_step (RvCpu *s, uint64_t pc, uint64_t done)
{
  return rv_step (s, s->icache_cur, pc, done);
}

uint64_t
rv_interp_check_interrupts (RvCpu *s, uint64_t pc)
{
  return rv_check_interrupts (s, pc);
}

void
rv_interp_sync (RvCpu *s, uint64_t done)
{
  rv_sync (s, done);
}

RvExecFn
rv_interp_exec_for (RvCpu *s, const RvDecoded *dec)
{
  return rv_exec_for (s, dec);
}
