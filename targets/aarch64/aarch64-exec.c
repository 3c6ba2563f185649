/* The AArch64 run loop, memory access and the VMSAv8-64 translation.
 *
 * The loop looks the pc up in a direct-mapped decode cache holding the
 * raw bits and the executor of the table row; on a miss it translates
 * and fetches through a64_fill.  Executors set s->npc (pc + 4 unless they
 * branch) and s->check when the loop must look at the core: an exception
 * was taken, PSTATE's masks or the run state changed, or the engine asked
 * run() to return.
 *
 * Memory: a virtual address is translated (the TLB caches 4 KiB pages
 * of the EL1&0 regime, tagged with the ASID unless global), then the
 * physical address is looked up in the cached RAM windows; anything
 * else goes through the address space, after the retired instructions
 * are accounted, and its failure becomes a synchronous external abort.
 *
 * The decode cache is keyed by virtual pc (and the EL that checked the
 * fetch) and emptied on what may change what a pc means: TLB maintenance, writes of the translation registers,
 * IC maintenance and any change of the address map.  Translated blocks
 * are forgotten only by the last (and by loaders and the debugger,
 * flush_code); TLB maintenance and translation-register writes have them
 * checked again (a64_forget_translations), and stores reach them by
 * their physical bytes (a64_code_written), so IC maintenance leaves them.
 * Stores reach the decode cache too, from any core: both tiers see a
 * store to code at the next fetch.
 */
#include "aarch64-cpu.h"

#include <string.h>

#include "engine/cache-model.h"
#include "engine/jit-cache.h"

void
a64_sync (A64Cpu *s)
{
  mdl_cpu_account (&s->cpu, s->done - s->accounted);
  s->accounted = s->done;
}

void
a64_forget_windows (A64Cpu *s)
{
  s->ld_size = s->st_size = s->fetch_size = 0;
  s->ld_host = s->st_host = s->fetch_host = NULL;
  for (unsigned i = 0; i < A64_TLB_SIZE; i++)
    s->tlb[i].st_host = NULL;
}

void
a64_forget_decoded (A64Cpu *s)
{
  /* TLB maintenance is frequent (a kernel does it on every context
   * switch): a new generation forgets everything in O(1); the entries
   * are cleared for real only when the counter wraps. */
  memset (s->code_filter, 0, sizeof s->code_filter);
  if (++s->code_gen == UINT32_C (1) << 31) { /* bit 31 is the EL's */
    for (unsigned i = 0; i < A64_ICACHE_SIZE; i++)
      s->icache[i].tag = A64_TAG_EMPTY;
    s->code_gen = 1;
  }
}

void
a64_flush_code (MdlCpu *cpu)
{
  A64Cpu *s = (A64Cpu *) cpu;

  if (s->cpu.jit != NULL) /* [jit hook] translated blocks forget with the decode cache */
    mdl_jit_flush (s->cpu.jit);
  a64_forget_decoded (s);
}

/* [jit hook] A fresh generation value; a wrapped counter could take a
 * stale check for a fresh one: every block goes then. */
static uint32_t
next_jit_gen (A64Cpu *s)
{
  if (++s->jit_gen_next == 0) {
    if (s->cpu.jit != NULL)
      mdl_jit_flush (s->cpu.jit);
    memset (s->jit_gen, 0, sizeof s->jit_gen);
    s->jit_gen_next = 1;
  }
  return s->jit_gen_next;
}

/* Every block of kind @k checked again before it next runs. */
static void
bump_jit_kind (A64Cpu *s, unsigned k)
{
  uint32_t g = next_jit_gen (s);

  for (unsigned l = 0; l < 3; l++)
    for (unsigned i = 0; i < A64_JIT_GEN_BUCKETS; i++)
      s->jit_gen[k][l][i] = g;
}

void
a64_forget_translations (A64Cpu *s)
{
  a64_forget_decoded (s);
  /* [jit hook] Blocks made with the MMU on are checked again before they
   * next run (a64_jit_valid): kept when their pc still translates to the
   * bytes they were made from. */
  for (unsigned k = 0; k < A64_JIT_GEN_KINDS; k++)
    bump_jit_kind (s, k);
}

void
a64_forget_ttbr (A64Cpu *s, bool ttbr1, uint64_t old)
{
  a64_forget_decoded (s);
  /* [jit hook] Either register may hold the ASID (TCR_EL1.A1), which
   * non-global pages of both ranges depend on; a global page of the
   * upper range depends only on TTBR1's table address. */
  bump_jit_kind (s, A64_JIT_GEN_LOWER);
  bump_jit_kind (s, A64_JIT_GEN_UPPER);
  if (ttbr1 && ((old ^ s->ttbr1_el1) & UINT64_C (0x0000ffffffffffff)))
    bump_jit_kind (s, A64_JIT_GEN_GLOBAL);
}

void
a64_tlb_flush (A64Cpu *s)
{
  for (unsigned i = 0; i < A64_TLB_SIZE; i++)
    s->tlb[i].vpage = UINT64_MAX;
  a64_flush_code (&s->cpu);
}

void
a64_tlb_invalidate (A64Cpu *s)
{
  for (unsigned i = 0; i < A64_TLB_SIZE; i++)
    s->tlb[i].vpage = UINT64_MAX;
  a64_forget_translations (s);
}

void
a64_tlb_invalidate_va (A64Cpu *s, uint64_t va)
{
  uint32_t g;

  /* The entries over @va's bits 55:12, of any ASID (invalidating more
   * than asked is allowed): a page's, or every page of the block mapping
   * an entry came from, as a TLB of block entries would drop them.  Only
   * they: Linux's kernel issues tens of thousands of these, and emptying
   * the whole TLB each time made a page walk of most later accesses. */
  for (unsigned i = 0; i < A64_TLB_SIZE; i++) {
    A64TlbEntry *e = &s->tlb[i];
    unsigned bits = e->level >= 3 ? 0 : 9 * (3 - e->level);
    uint64_t mask = (UINT64_C (1) << 44) - (UINT64_C (1) << bits);

    if (e->vpage != UINT64_MAX && !((e->vpage ^ (va >> 12)) & mask))
      e->vpage = UINT64_MAX;
  }
  a64_forget_decoded (s);
  /* [jit hook] Only the blocks whose fetch an entry translating @va
   * could have served (an entry of any size over it, any ASID): Linux
   * invalidates kernel pages one at a time (the fixmap of its text
   * patching, vmalloc), tens of thousands of times on the way to a
   * shell, and its own code stays valid across them. */
  g = next_jit_gen (s);
  for (unsigned l = 0; l < 3; l++) {
    unsigned i = a64_jit_gen_bucket (va, l);

    if ((va >> 55) & 1) {
      s->jit_gen[A64_JIT_GEN_UPPER][l][i] = g;
      s->jit_gen[A64_JIT_GEN_GLOBAL][l][i] = g;
    } else
      s->jit_gen[A64_JIT_GEN_LOWER][l][i] = g;
  }
}

void
a64_tlb_invalidate_asid (A64Cpu *s)
{
  /* Global entries stay (those of every ASID go, which is allowed). */
  for (unsigned i = 0; i < A64_TLB_SIZE; i++)
    if (!s->tlb[i].global)
      s->tlb[i].vpage = UINT64_MAX;
  a64_forget_decoded (s);
  /* [jit hook] Blocks of global pages too. */
  bump_jit_kind (s, A64_JIT_GEN_LOWER);
  bump_jit_kind (s, A64_JIT_GEN_UPPER);
}

/* A store, by any core or loader, touched [addr, addr + size) of marked
 * code (mdl_address_space_mark_code): the decoded instructions over it
 * are forgotten (with the MMU on, whose entries the physical address
 * cannot find, the whole decode cache when it took code from the page)
 * and so are the translated blocks ([jit hook]), so both tiers run the
 * new bytes from the next instruction fetched on, without the cache
 * maintenance the architecture asks for. */
static void
a64_code_written (void *data, uint64_t addr, unsigned size, bool is_write)
{
  A64Cpu *s = data;

  (void) is_write;
  if (size > 4 * A64_ICACHE_SIZE) {
    a64_flush_code (&s->cpu);
    return;
  }
  for (uint64_t i = 0, n = ((addr & 3) + size + 3) / 4; i < n; i++) {
    uint64_t pc = (addr & ~UINT64_C (3)) + 4 * i;
    A64Insn *e = &s->icache[(pc >> 2) & (A64_ICACHE_SIZE - 1)];

    if (e->tag == pc)
      e->tag = A64_TAG_EMPTY;
  }
  for (uint64_t p = addr >> 12; p <= (addr + MAX (size, 1) - 1) >> 12; p++)
    if (s->code_filter[(p >> 6) % A64_CODE_FILTER_WORDS] & (UINT64_C (1) << (p & 63))) {
      a64_forget_decoded (s);
      break;
    }
  if (s->cpu.jit != NULL)
    mdl_jit_invalidate (s->cpu.jit, addr, size);
}

void
a64_note_code (A64Cpu *s, uint64_t pc, uint64_t len)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  /* Listening first: bytes another core marked already must reach this
   * core's copies too (a second core running the kernel's text would
   * otherwise never hear it patched). */
  mdl_address_space_add_code_listener (s->cpu.as, a64_code_written, s);
  if (!mdl_address_space_mark_code (s->cpu.as, pc, len))
    return;
  /* The store windows may cover the code: dropped now, so that the very
   * next store there is heard.  Nothing else changed in the map, unless
   * something already had. */
  a64_forget_windows (s);
  if (s->as_gen == gen)
    s->as_gen = mdl_address_space_generation (s->cpu.as);
}

/* The decode cache took code from physical address @pa with the MMU on:
 * its page is marked (once), so that a store there through any mapping,
 * by any core, empties the cache before the next fetch, as it forgets the
 * translated blocks over the bytes: both tiers run the new bytes from the
 * same instruction on. */
static void
a64_note_code_page (A64Cpu *s, uint64_t pa)
{
  uint64_t page = pa >> 12, *seen = &s->code_pages[page % A64_CODE_PAGES];

  s->code_filter[(page >> 6) % A64_CODE_FILTER_WORDS] |= UINT64_C (1) << (page & 63);
  if (*seen != (page << 12) + 1) {
    a64_note_code (s, page << 12, UINT64_C (1) << 12);
    *seen = (page << 12) + 1;
  }
}

static void
a64_revalidate (A64Cpu *s)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  if (gen != s->as_gen) {
    s->as_gen = gen;
    a64_forget_windows (s);
    a64_flush_code (&s->cpu);
  }
}

/* ---- translation ---- */

static bool
mmu_on (const A64Cpu *s)
{
  return s->sctlr_el1 & 1;
}

/* Reads a descriptor; false on an external abort during the walk. */
static bool
read_desc (A64Cpu *s, uint64_t pa, uint64_t *desc)
{
  MdlRamWindow w;

  if (mdl_address_space_ram_window (s->cpu.as, pa, &w) && pa - w.base + 8 <= w.size) {
    memcpy (desc, w.host + (pa - w.base), 8);
    return true;
  }
  if (s->peeking) /* a view's look must not touch a device */
    return false;
  a64_sync (s);
  return mdl_address_space_read (s->cpu.as, pa, 8, desc) == MDL_MEM_OK;
}

/* Walks the tables for @va; fills @e or returns a fault status code. */
static unsigned
walk (A64Cpu *s, uint64_t va, A64TlbEntry *e)
{
  bool upper = (va >> 55) & 1;
  uint64_t tcr = s->tcr_el1;
  unsigned tsz = upper ? (tcr >> 16) & 0x3f : tcr & 0x3f;
  bool epd = upper ? (tcr >> 23) & 1 : (tcr >> 7) & 1;
  uint64_t ttbr = upper ? s->ttbr1_el1 : s->ttbr0_el1, table, desc = 0;
  unsigned inbits, level, asid_sel = (tcr >> 22) & 1;
  bool ap_table_ro = false, ap_table_nouser = false, xn_table = false, pxn_table = false;

  /* Only the 4 KiB granule is implemented (ID_AA64MMFR0_EL1 says so):
   * TG0/TG1 are read as 4 KiB whatever they hold. */
  if (tsz < 16)
    tsz = 16;
  if (tsz > 39)
    tsz = 39;
  inbits = 64 - tsz;
  /* The bits above the input range must all equal bit 55's choice. */
  if (upper ? (va >> inbits) != (UINT64_MAX >> inbits) : (va >> inbits) != 0)
    return A64_FSC_TRANSLATION + 0;
  if (epd)
    return A64_FSC_TRANSLATION + 0;
  /* 4 KiB granule: 9 bits per level, 12 of page offset. */
  level = 4 - (inbits - 12 + 8) / 9;
  table = ttbr & UINT64_C (0x0000fffffffffffe);
  for (;; level++) {
    unsigned shift = 12 + 9 * (3 - level);
    unsigned idx_bits = level == 4 - (inbits - 12 + 8) / 9 ? inbits - shift : 9;
    uint64_t idx = (va >> shift) & ((UINT64_C (1) << idx_bits) - 1);

    if (!read_desc (s, table + idx * 8, &desc))
      return A64_FSC_EXTERNAL + 0x4 + level; /* on walk: 0x14 + level */
    if (!(desc & 1))
      return A64_FSC_TRANSLATION + level;
    if (level < 3 && (desc & 2)) { /* table */
      ap_table_ro |= (desc >> 62) & 1;
      ap_table_nouser |= (desc >> 61) & 1;
      xn_table |= (desc >> 60) & 1;
      pxn_table |= (desc >> 59) & 1;
      table = desc & UINT64_C (0x0000fffffffff000);
      continue;
    }
    if (level == 3 && !(desc & 2))
      return A64_FSC_TRANSLATION + level;
    if (level == 0) /* no level-0 blocks with 4 KiB pages */
      return A64_FSC_TRANSLATION + level;
    {
      uint64_t oa_mask = (UINT64_C (1) << shift) - 1;
      uint64_t oa = (desc & UINT64_C (0x0000fffffffff000) & ~oa_mask) | (va & oa_mask);
      unsigned ap = (desc >> 6) & 3;
      bool uxn = (desc >> 54) & 1, pxn = (desc >> 53) & 1;
      uint8_t perm = 0;

      if (!(desc & (1u << 10)))
        return A64_FSC_ACCESS + level;
      if (ap_table_ro)
        ap |= 2;
      if (ap_table_nouser)
        ap &= 2;
      perm |= A64_P_R1 | ((ap & 2) ? 0 : A64_P_W1);
      if (ap & 1)
        perm |= A64_P_R0 | ((ap & 2) ? 0 : A64_P_W0);
      if (!uxn && !xn_table)
        perm |= A64_P_X0;
      /* Privileged execute-never: PXN, or memory EL0 may write (WXN-like
       * rule of the architecture for EL1 on EL0-writable pages). */
      if (!pxn && !pxn_table && !(perm & A64_P_W0))
        perm |= A64_P_X1;
      if ((s->sctlr_el1 >> 19) & 1) { /* WXN */
        if (perm & A64_P_W1)
          perm &= ~A64_P_X1;
        if (perm & A64_P_W0)
          perm &= ~A64_P_X0;
      }
      e->vpage = va >> 12;
      e->ppage = oa >> 12;
      e->global = !((desc >> 11) & 1);
      e->asid = (uint16_t) ((asid_sel ? s->ttbr1_el1 : s->ttbr0_el1) >> 48);
      e->perm = perm;
      e->level = (uint8_t) level;
      e->attr = (uint8_t) (((desc >> 2) & 7) | (((desc >> 8) & 3) << 3));
      e->st_host = NULL;
      return 0;
    }
  }
}

/* Translates @va; with @fill, a miss is cached in the TLB (the views'
 * peeks must not fill it: what a guest sees after changing a table
 * without TLBI would depend on what the views looked at). */
static unsigned
translate (A64Cpu *s, uint64_t va, A64Access acc, unsigned el, uint64_t *pa, bool fill)
{
  uint16_t asid = (uint16_t) ((((s->tcr_el1 >> 22) & 1) ? s->ttbr1_el1 : s->ttbr0_el1) >> 48);
  A64TlbEntry *e, tmp;
  uint8_t need;

  if (!mmu_on (s)) {
    if (va >> 40) /* beyond the 40-bit physical address range */
      return A64_FSC_ADDR_SIZE + 0;
    *pa = va;
    return 0;
  }
  /* TCR_EL1.TBI0/TBI1: the top byte is ignored (a tag), bit 55 decides */
  if ((s->tcr_el1 >> ((va >> 55) & 1 ? 38 : 37)) & 1)
    va = (uint64_t) ((int64_t) (va << 8) >> 8);
  if (!((s->tcr_el1 >> 36) & 1)) /* 8-bit ASIDs */
    asid &= 0xff;
  e = &s->tlb[(va >> 12) % A64_TLB_SIZE];
  if (!(e->vpage == va >> 12 && (e->global || e->asid == asid))) {
    unsigned fsc = walk (s, va, &tmp);
    if (fsc)
      return fsc;
    if (!((s->tcr_el1 >> 36) & 1))
      tmp.asid &= 0xff;
    if (fill)
      *e = tmp;
    else
      e = &tmp;
  }
  need = acc == A64_ACC_READ ? A64_P_R1 : acc == A64_ACC_WRITE ? A64_P_W1 : A64_P_X1;
  if (el == 0)
    need <<= 3;
  if (!(e->perm & need))
    return A64_FSC_PERMISSION + e->level;
  *pa = (e->ppage << 12) | (va & 0xfff);
  return 0;
}

unsigned
a64_translate (A64Cpu *s, uint64_t va, A64Access acc, unsigned el, uint64_t *pa)
{
  return translate (s, va, acc, el, pa, true);
}

uint64_t
a64_par_ok (A64Cpu *s, uint64_t va, uint64_t pa)
{
  unsigned attr = 0, sh = 0; /* MMU off: Device-nGnRnE (SH as QEMU reports it) */

  if (mmu_on (s)) {
    const A64TlbEntry *e;

    if ((s->tcr_el1 >> ((va >> 55) & 1 ? 38 : 37)) & 1)
      va = (uint64_t) ((int64_t) (va << 8) >> 8);
    e = &s->tlb[(va >> 12) % A64_TLB_SIZE];
    attr = (unsigned) (s->mair_el1 >> (8 * (e->attr & 7))) & 0xff;
    sh = (e->attr >> 3) & 3; /* the descriptor's, as QEMU reports it */
  }
  /* bit 11 is RES1 and NS (bit 9) is set: there is no Secure state here */
  return ((uint64_t) attr << 56) | (pa & UINT64_C (0x0000fffffffff000)) | (1u << 11) | (1u << 9)
         | (sh << 7);
}

/* ---- data access ---- */

void
a64_data_abort (A64Cpu *s, uint64_t va, unsigned fsc, bool write)
{
  unsigned ec = s->el == 0 ? A64_EC_DABT_LOWER : A64_EC_DABT_SAME;

  a64_sync_exception (s, ec, (fsc & 0x3f) | (write ? 1u << 6 : 0), va, true);
}

bool
a64_check_align (A64Cpu *s, uint64_t va, unsigned size, bool write)
{
  if (va & (size - 1)) {
    a64_data_abort (s, va, A64_FSC_ALIGNMENT, write);
    return false;
  }
  return true;
}

static bool
win_lookup (A64Cpu *s, uint64_t pa, unsigned size, bool store, uint8_t **p)
{
  MdlRamWindow w;

  /* With a cache model, every access comes here: no window is kept. */
  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, pa, size, store);
  /* Loads take the window that marked code does not cut: Linux's code
   * pages lie all over RAM, and the load window would else be the gap
   * between two of them, looked up again at every other load. */
  if (!(store ? mdl_address_space_ram_window (s->cpu.as, pa, &w)
              : mdl_address_space_ram_window_load (s->cpu.as, pa, &w)))
    return false;
  if (store && !w.writable)
    return false;
  if (pa - w.base + size > w.size)
    return false;
  if (G_UNLIKELY (s->cpu.cache)) {
    *p = w.host + (pa - w.base);
    return true;
  }
  if (store) {
    s->st_base = w.base, s->st_size = w.size, s->st_host = w.host;
  } else {
    s->ld_base = w.base, s->ld_size = w.size, s->ld_host = w.host;
  }
  *p = w.host + (pa - w.base);
  return true;
}

static bool
access_phys (A64Cpu *s, uint64_t va, uint64_t pa, unsigned size, uint64_t *val, bool write)
{
  uint8_t *p = NULL;
  MdlMemResult r;

  if (write) {
    if (pa - s->st_base < s->st_size && pa - s->st_base + size <= s->st_size)
      p = s->st_host + (pa - s->st_base);
    else
      win_lookup (s, pa, size, true, &p);
    if (p) {
      memcpy (p, val, size);
      return true;
    }
    a64_sync (s);
    r = mdl_address_space_write (s->cpu.as, pa, size, *val);
  } else {
    if (pa - s->ld_base < s->ld_size && pa - s->ld_base + size <= s->ld_size)
      p = s->ld_host + (pa - s->ld_base);
    else
      win_lookup (s, pa, size, false, &p);
    if (p) {
      *val = 0;
      memcpy (val, p, size);
      return true;
    }
    a64_sync (s);
    r = mdl_address_space_read (s->cpu.as, pa, size, val);
  }
  a64_revalidate (s);
  if (mdl_cpu_exit_requested (&s->cpu) || s->cpu.state != MDL_CPU_RUNNING)
    s->check = true;
  if (r != MDL_MEM_OK) {
    a64_data_abort (s, va, A64_FSC_EXTERNAL, write);
    return false;
  }
  return true;
}

/* [jit hook] A store to @va (at @pa) went well: when the store window now
 * covers its whole page, the TLB entry that translated it remembers
 * where the page is, for translated stores to use without the window
 * (marked code cuts the window into the gaps between code pages, which
 * stores all over the kernel's data kept looking up again). */
static void
note_store_page (A64Cpu *s, uint64_t va, uint64_t pa)
{
  uint64_t page = pa & ~UINT64_C (0xfff);
  A64TlbEntry *e;

  if (s->cpu.cache != NULL || page - s->st_base >= s->st_size
      || page - s->st_base + 0x1000 > s->st_size)
    return;
  if ((s->tcr_el1 >> ((va >> 55) & 1 ? 38 : 37)) & 1)
    va = (uint64_t) ((int64_t) (va << 8) >> 8);
  e = &s->tlb[(va >> 12) % A64_TLB_SIZE];
  if (e->vpage == va >> 12 && e->ppage == pa >> 12)
    e->st_host = s->st_host + (page - s->st_base);
}

static bool
access (A64Cpu *s, uint64_t va, unsigned size, uint64_t *val, bool write, bool unpriv)
{
  unsigned el = unpriv ? 0 : s->el, fsc;
  uint64_t pa;

  /* SCTLR_EL1.A: alignment checking of every data access. */
  if (((s->sctlr_el1 >> 1) & 1) && (va & (size - 1))) {
    a64_data_abort (s, va, A64_FSC_ALIGNMENT, write);
    return false;
  }
  if (G_UNLIKELY (((va & 0xfff) + size > 0x1000) && mmu_on (s))) {
    /* Across a page: both translations first, then byte by byte. */
    unsigned first = 0x1000 - (va & 0xfff);
    uint64_t pa2;
    uint8_t bytes[8];

    if ((fsc = a64_translate (s, va, write ? A64_ACC_WRITE : A64_ACC_READ, el, &pa))) {
      a64_data_abort (s, va, fsc, write);
      return false;
    }
    if ((fsc = a64_translate (s, va + first, write ? A64_ACC_WRITE : A64_ACC_READ, el, &pa2))) {
      a64_data_abort (s, va + first, fsc, write);
      return false;
    }
    memcpy (bytes, val, 8);
    for (unsigned i = 0; i < size; i++) {
      uint64_t b = bytes[i];
      uint64_t p = i < first ? pa + i : pa2 + (i - first);
      if (!access_phys (s, va + i, p, 1, &b, write))
        return false;
      bytes[i] = (uint8_t) b;
    }
    if (!write) {
      *val = 0;
      memcpy (val, bytes, size);
    }
    return true;
  }
  if ((fsc = a64_translate (s, va, write ? A64_ACC_WRITE : A64_ACC_READ, el, &pa))) {
    a64_data_abort (s, va, fsc, write);
    return false;
  }
  if (!access_phys (s, va, pa, size, val, write))
    return false;
  if (write && mmu_on (s))
    note_store_page (s, va, pa);
  return true;
}

bool
a64_load (A64Cpu *s, uint64_t va, unsigned size, uint64_t *val, bool unpriv)
{
  return access (s, va, size, val, false, unpriv);
}

bool
a64_store (A64Cpu *s, uint64_t va, unsigned size, uint64_t val, bool unpriv)
{
  /* A store to the address another core's monitor holds makes its
   * store-exclusive fail through the value comparison; our own monitor
   * is cleared by our own ordinary store to it. */
  if (s->excl_valid && va < s->excl_addr + s->excl_size && s->excl_addr < va + size)
    s->excl_valid = false;
  return access (s, va, size, &val, true, unpriv);
}

/* ---- fetch and the loop ---- */

bool
a64_peek_insn (A64Cpu *s, uint64_t pc, uint32_t *insn)
{
  uint64_t pa;
  uint8_t b[4];
  unsigned fsc;

  if (pc & 3)
    return false;
  s->peeking = true;
  fsc = translate (s, pc, A64_ACC_EXEC, s->el, &pa, false);
  s->peeking = false;
  if (fsc)
    return false;
  if (!mdl_address_space_read_bytes (s->cpu.as, pa, b, 4, NULL))
    return false;
  memcpy (insn, b, 4);
  return true;
}

/* The executor of @insn, through the memo of recent decodes. */
static A64ExecFn
a64_exec_of (A64Cpu *s, uint32_t insn)
{
  unsigned h = (insn ^ (insn >> 12) ^ (insn >> 21)) & (A64_DECODE_MEMO_SIZE - 1);
  const A64Opcode *op;

  if (s->decoded[h].exec != NULL && s->decoded[h].raw == insn)
    return s->decoded[h].exec;
  op = a64_decode (insn);
  s->decoded[h].raw = insn;
  s->decoded[h].exec = op ? op->exec : a64_x_undef;
  return s->decoded[h].exec;
}

static G_GNUC_NO_INLINE A64Insn *
a64_fill (A64Cpu *s, uint64_t pc, A64Insn *e)
{
  uint64_t pa, v = 0;
  unsigned fsc;

  a64_revalidate (s);
  if (pc & 3) {
    a64_sync_exception (s, A64_EC_PC_ALIGN, 0, pc, true);
    return NULL;
  }
  if ((fsc = a64_translate (s, pc, A64_ACC_EXEC, s->el, &pa))) {
    a64_sync_exception (s, s->el == 0 ? A64_EC_IABT_LOWER : A64_EC_IABT_SAME, fsc & 0x3f, pc, true);
    return NULL;
  }
  if (pa - s->fetch_base < s->fetch_size && pa - s->fetch_base + 4 <= s->fetch_size) {
    memcpy (&v, s->fetch_host + (pa - s->fetch_base), 4);
  } else {
    MdlRamWindow w;
    if (mdl_address_space_ram_window (s->cpu.as, pa, &w) && pa - w.base + 4 <= w.size) {
      s->fetch_base = w.base, s->fetch_size = w.size, s->fetch_host = w.host;
      memcpy (&v, w.host + (pa - w.base), 4);
    } else {
      a64_sync (s);
      if (mdl_address_space_read (s->cpu.as, pa, 4, &v) != MDL_MEM_OK) {
        a64_sync_exception (s, s->el == 0 ? A64_EC_IABT_LOWER : A64_EC_IABT_SAME, A64_FSC_EXTERNAL,
                            pc, true);
        return NULL;
      }
      if (G_UNLIKELY (s->cpu.cache))
        mdl_cache_model_fetch (&s->cpu, pa, 4);
      /* Code outside RAM (a device's window) is not cached. */
      e = &s->uncached;
      e->tag = A64_TAG_EMPTY;
      e->raw = (uint32_t) v;
      e->exec = a64_exec_of (s, (uint32_t) v);
      return e;
    }
  }
  /* Stores to these bytes must reach the entry (a64_code_written). */
  if (!mmu_on (s))
    a64_note_code (s, pa, 4);
  else
    a64_note_code_page (s, pa);
  e->tag = pc;
  e->gen = s->code_gen | (s->el << 31);
  e->raw = (uint32_t) v;
  e->exec = a64_exec_of (s, (uint32_t) v);
  /* The cache model sees every fetch: the entry runs once and is
   * filled again next time. */
  if (G_UNLIKELY (s->cpu.cache)) {
    mdl_cache_model_fetch (&s->cpu, pa, 4);
    e->tag = A64_TAG_EMPTY;
  }
  return e;
}

uint64_t
a64_run (MdlCpu *cpu, uint64_t budget)
{
  A64Cpu *s = (A64Cpu *) cpu;

  s->done = s->accounted = 0;
  s->check = true;
  while (s->done < budget) {
    uint64_t pc;
    A64Insn *e;

    if (G_UNLIKELY (s->check)) {
      s->check = false;
      if (cpu->state == MDL_CPU_WAITING && !s->psci_off && (s->irq_in || s->fiq_in))
        cpu->state = MDL_CPU_RUNNING;
      if (cpu->state != MDL_CPU_RUNNING || s->stop_run || mdl_cpu_exit_requested (cpu))
        break;
      if (a64_check_irq (s))
        s->pc = s->npc;
      if (G_UNLIKELY (s->il)) { /* after an illegal return (or one with SPSR.IL) */
        a64_sync_exception (s, A64_EC_ILLEGAL, 0, 0, false);
        s->pc = s->npc;
        s->done++;
        continue;
      }
    }
    pc = s->pc;
    e = &s->icache[(pc >> 2) & (A64_ICACHE_SIZE - 1)];
    /* The generation carries the EL: a fetch's permission was checked at
     * the EL that decoded it. */
    if (G_UNLIKELY (e->tag != pc || e->gen != (s->code_gen | (s->el << 31)))) {
      e = a64_fill (s, pc, e);
      if (e == NULL) { /* the fetch faulted: the exception is taken */
        s->pc = s->npc;
        s->done++; /* counts, or a vector that faults would spin forever */
        continue;
      }
    }
    if (G_UNLIKELY (cpu->breakpoints != NULL) && mdl_cpu_breakpoint_at (cpu, pc)
        && mdl_cpu_breakpoint_hit (cpu, pc))
      break;
    s->npc = pc + 4;
    e->exec (s, e->raw);
    s->pc = s->npc;
    s->done++;
  }
  s->stop_run = false;
  a64_sync (s);
  return s->done;
}

/* ---- [jit hook] a64_run's loop, piece by piece, for aarch64-jit.c ----
 *
 * The translating tier's dispatcher (a64_jit_run) runs these between
 * blocks; they are a64_run's check section and one iteration of its body
 * (without the breakpoint test: with breakpoints the tier runs a64_run
 * itself).  Keep them in step with a64_run. */

int
a64_interp_check (A64Cpu *s)
{
  MdlCpu *cpu = &s->cpu;

  s->check = false;
  if (cpu->state == MDL_CPU_WAITING && !s->psci_off && (s->irq_in || s->fiq_in))
    cpu->state = MDL_CPU_RUNNING;
  if (cpu->state != MDL_CPU_RUNNING || s->stop_run || mdl_cpu_exit_requested (cpu))
    return 0;
  if (a64_check_irq (s))
    s->pc = s->npc;
  if (G_UNLIKELY (s->il)) {
    a64_sync_exception (s, A64_EC_ILLEGAL, 0, 0, false);
    s->pc = s->npc;
    s->done++;
    return 1;
  }
  return 2;
}

void
a64_interp_step (A64Cpu *s)
{
  uint64_t pc = s->pc;
  A64Insn *e = &s->icache[(pc >> 2) & (A64_ICACHE_SIZE - 1)];

  if (G_UNLIKELY (e->tag != pc || e->gen != (s->code_gen | (s->el << 31)))) {
    e = a64_fill (s, pc, e);
    if (e == NULL) {
      s->pc = s->npc;
      s->done++;
      return;
    }
  }
  s->npc = pc + 4;
  e->exec (s, e->raw);
  s->pc = s->npc;
  s->done++;
}
