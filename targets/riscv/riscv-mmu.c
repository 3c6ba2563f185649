/* Privilege modes, physical memory protection and virtual memory.
 *
 * Machine mode with no locked PMP entry and MPRV clear uses physical
 * addresses unchecked: the executors' RAM windows cover whole regions and
 * nothing here runs.  Every other access is "checked": it goes through
 * rv_mmu_access, which translates (Sv32 on RV32, Sv39 on RV64, unless
 * satp says Bare or the access is made in M-mode) and applies the PMP.
 * The result is kept in a small direct-mapped TLB per access type, and the
 * executors' windows then cover the one virtual page last found, so that
 * code working within a page still runs at fast-path speed.
 *
 * What is cached depends on the privilege level, mstatus (MPRV, MPP, SUM,
 * MXR), satp and the PMP.  TLB entries are tagged with the privilege and
 * SUM and MXR they were checked for, so that traps and returns keep them;
 * rv_tlb_flush() drops them when satp or the PMP change, as well as on
 * sfence.vma.  The executors' windows go at every change of mode.
 *
 * A and D bits are set by the walk (as QEMU does; the specification also
 * allows raising a page fault instead), with a write back of the PTE that
 * is itself checked against the PMP.
 */
#include "riscv-cpu.h"

#include <string.h>

/* PTE bits. */
enum {
  PTE_V = 1 << 0,
  PTE_R = 1 << 1,
  PTE_W = 1 << 2,
  PTE_X = 1 << 3,
  PTE_U = 1 << 4,
  PTE_G = 1 << 5,
  PTE_A = 1 << 6,
  PTE_D = 1 << 7,
};

/* pmpcfg bits. */
enum {
  PMP_R = 1 << 0,
  PMP_W = 1 << 1,
  PMP_X = 1 << 2,
  PMP_A = 3 << 3,
  PMP_L = 1 << 7,
  PMP_A_OFF = 0 << 3,
  PMP_A_TOR = 1 << 3,
  PMP_A_NA4 = 2 << 3,
  PMP_A_NAPOT = 3 << 3,
};

static inline unsigned
rv_page_fault (RvAccess acc)
{
  return acc == RV_ACC_FETCH ? RV_EXC_INSN_PAGE
         : acc == RV_ACC_LOAD ? RV_EXC_LOAD_PAGE : RV_EXC_STORE_PAGE;
}

static inline unsigned
rv_access_fault (RvAccess acc)
{
  return acc == RV_ACC_FETCH ? RV_EXC_INSN_ACCESS
         : acc == RV_ACC_LOAD ? RV_EXC_LOAD_ACCESS : RV_EXC_STORE_ACCESS;
}

/* ---- PMP ------------------------------------------------------------------ */

void
rv_pmp_update (RvCpu *s)
{
  uint64_t addr_mask = s->xlen == 32 ? UINT64_C (0xffffffff)
                                     : (UINT64_C (1) << 54) - 1;

  s->pmp_active = 0;
  s->pmp_locked = false;
  for (unsigned i = 0; i < RV_PMP_COUNT; i++) {
    uint8_t cfg = s->pmpcfg[i];
    uint64_t addr = s->pmpaddr[i] & addr_mask;
    uint64_t lo = 1, last = 0;   /* empty */

    switch (cfg & PMP_A) {
    case PMP_A_TOR: {
      uint64_t bottom = i ? (s->pmpaddr[i - 1] & addr_mask) << 2 : 0;
      uint64_t top = addr << 2;

      if (bottom < top) {
        lo = bottom;
        last = top - 1;
      }
      break;
    }
    case PMP_A_NA4:
      lo = addr << 2;
      last = lo + 3;
      break;
    case PMP_A_NAPOT: {
      /* The trailing ones say the size: 2^(ones + 3) bytes. */
      uint64_t zeros = ~addr & addr_mask;
      unsigned ones = zeros ? (unsigned) __builtin_ctzll (zeros)
                            : (s->xlen == 32 ? 32 : 54);
      unsigned size_log2 = ones + 3;

      if (size_log2 >= 64) {
        lo = 0;
        last = UINT64_MAX;
      } else {
        uint64_t size = UINT64_C (1) << size_log2;

        lo = (addr << 2) & ~(size - 1);
        last = lo + size - 1;
      }
      break;
    }
    default:
      break;
    }
    s->pmp_lo[i] = lo;
    s->pmp_last[i] = last;
    if ((cfg & PMP_A) != PMP_A_OFF) {
      s->pmp_active = i + 1;
      if (cfg & PMP_L)
        s->pmp_locked = true;
    }
  }
}

/* Whether the PMP lets @priv make an access of type @acc to all of
 * [pa, pa + size).  The lowest-numbered entry that matches any byte
 * decides, and must match every byte. */
static bool
rv_pmp_check (const RvCpu *s, uint64_t pa, uint64_t size, RvAccess acc,
              unsigned priv)
{
  uint64_t last = pa + size - 1;

  for (unsigned i = 0; i < s->pmp_active; i++) {
    uint8_t cfg = s->pmpcfg[i];

    if ((cfg & PMP_A) == PMP_A_OFF || s->pmp_lo[i] > s->pmp_last[i])
      continue;
    if (last < s->pmp_lo[i] || pa > s->pmp_last[i])
      continue;
    if (pa < s->pmp_lo[i] || last > s->pmp_last[i])
      return false;
    if (priv == RV_PRIV_M && !(cfg & PMP_L))
      return true;
    return cfg & (acc == RV_ACC_FETCH ? PMP_X
                  : acc == RV_ACC_LOAD ? PMP_R : PMP_W);
  }
  /* No entry matches: M-mode may, S and U may not (entries exist). */
  return priv == RV_PRIV_M;
}

/* ---- caches of translations ------------------------------------------------ */

void
rv_tlb_flush (RvCpu *s)
{
  for (unsigned a = 0; a < RV_ACC_COUNT; a++)
    for (unsigned i = 0; i < RV_TLB_SIZE; i++)
      s->tlb[a][i].vpage = RV_TAG_EMPTY;
  rv_forget_windows (s);
}

void
rv_tlb_flush_stores (RvCpu *s)
{
  for (unsigned i = 0; i < RV_TLB_SIZE; i++)
    s->tlb[RV_ACC_STORE][i].vpage = RV_TAG_EMPTY;
  rv_forget_windows (s);
}

void
rv_tlb_flush_region (RvCpu *s, uint64_t va)
{
  uint64_t mask = rv_leaf_region_mask (s);

  for (unsigned a = 0; a < RV_ACC_COUNT; a++)
    for (unsigned i = 0; i < RV_TLB_SIZE; i++)
      if (((s->tlb[a][i].vpage ^ va) & mask) == 0)
        s->tlb[a][i].vpage = RV_TAG_EMPTY;
  rv_forget_windows (s);
}

/* Whether satp asks for translation (Sv32 / Sv39). */
static inline bool
rv_paging (const RvCpu *s)
{
  if (s->xlen == 32)
    return s->satp >> 31;
  return (s->satp >> 60) == 8;
}

/* Which decode cache each privilege level uses. */
static const uint8_t rv_icache_of_priv[4] = {
  [RV_PRIV_U] = RV_ICACHE_U,
  [RV_PRIV_S] = RV_ICACHE_S,
  [2] = RV_ICACHE_U,
  [RV_PRIV_M] = RV_ICACHE_M,
};

static inline G_ALWAYS_INLINE void
rv_mode_derive (RvCpu *s)
{
  unsigned priv = s->priv;
  uint64_t ms = s->mstatus;
  unsigned data_priv = priv == RV_PRIV_M && (ms & RV_MSTATUS_MPRV)
                         ? (unsigned) ((ms & RV_MSTATUS_MPP) >> RV_MSTATUS_MPP_SHIFT)
                         : priv;
  bool data_checked = data_priv != RV_PRIV_M || s->pmp_locked;
  bool data_paged = data_priv != RV_PRIV_M && rv_paging (s);
  uint64_t fetch_key = (uint64_t) priv << 1;
  uint64_t data_key = (uint64_t) data_priv << 1 | ((ms & RV_MSTATUS_SUM) ? 1u << 3 : 0)
                      | ((ms & RV_MSTATUS_MXR) ? 1u << 4 : 0);

  /* The TLB's entries are tagged with what they were checked for: they
   * stay.  The windows hold the permissions of the old mode: they go when
   * the mode, its keys or the kind of checking changed.  A trap from M
   * to M keeps them.  The writers of satp and the PMP, and sfence.vma,
   * drop the TLB themselves. */
  bool forget = s->tlb_key[RV_ACC_FETCH] != fetch_key || s->tlb_key[RV_ACC_LOAD] != data_key
                || s->data_checked != data_checked || s->data_paged != data_paged;

  s->data_priv = data_priv;
  s->fetch_checked = priv != RV_PRIV_M || s->pmp_locked;
  s->data_checked = data_checked;
  s->data_paged = data_paged;
  s->icache_cur = s->icache[rv_icache_of_priv[priv & 3]];
  s->tlb_key[RV_ACC_FETCH] = fetch_key;
  s->tlb_key[RV_ACC_LOAD] = s->tlb_key[RV_ACC_STORE] = data_key;
  if (forget)
    rv_forget_windows (s);
}

void
rv_mode_changed (RvCpu *s)
{
  rv_mode_derive (s);
}

uint64_t
rv_mode_changed_ret (RvCpu *s, uint64_t ret)
{
  rv_mode_derive (s);
  return ret;
}

/* ---- translation --------------------------------------------------------- */

/* Whether the leaf @pte lets @priv make an access of type @acc. */
static bool
rv_leaf_allows (const RvCpu *s, uint64_t pte, RvAccess acc, unsigned priv)
{
  if (priv == RV_PRIV_U && !(pte & PTE_U))
    return false;
  /* S reaches U pages only with SUM, and never executes them. */
  if (priv == RV_PRIV_S && (pte & PTE_U)
      && (acc == RV_ACC_FETCH || !(s->mstatus & RV_MSTATUS_SUM)))
    return false;
  switch (acc) {
  case RV_ACC_FETCH:
    return pte & PTE_X;
  case RV_ACC_LOAD:
    return (pte & PTE_R) || ((s->mstatus & RV_MSTATUS_MXR) && (pte & PTE_X));
  default:
    return pte & PTE_W;
  }
}

/* Reads a PTE.  The walk's reads are S-mode accesses as far as the PMP
 * is concerned; a @debug read skips the PMP and never reaches a device. */
static bool
rv_read_pte (RvCpu *s, uint64_t addr, unsigned size, bool debug,
             uint64_t *pte)
{
  if (debug) {
    uint8_t b[8] = { 0 };

    if (!mdl_address_space_read_bytes (s->cpu.as, addr, b, size, NULL))
      return false;
    memcpy (pte, b, 8);
    return true;
  }
  return rv_pmp_check (s, addr, size, RV_ACC_LOAD, RV_PRIV_S)
         && mdl_address_space_read (s->cpu.as, addr, size, pte) == MDL_MEM_OK;
}

/* Walks the page table for @va; returns 0 with @pa, or the cause.  A
 * @debug walk (views, debugger) only looks: no PMP or permission check,
 * no A/D update. */
static unsigned
rv_walk (RvCpu *s, uint64_t va, RvAccess acc, unsigned priv, bool debug,
         uint64_t *pa)
{
  bool sv32 = s->xlen == 32;
  unsigned levels = sv32 ? 2 : 3;
  unsigned vpn_bits = sv32 ? 10 : 9;
  unsigned pte_size = sv32 ? 4 : 8;
  uint64_t ppn_mask = sv32 ? (UINT64_C (1) << 22) - 1
                           : (UINT64_C (1) << 44) - 1;
  uint64_t base = (s->satp & ppn_mask) << 12;

  /* Sv39: bits 63..39 must all equal bit 38. */
  if (!sv32 && (uint64_t) ((int64_t) (va << 25) >> 25) != va)
    return rv_page_fault (acc);

  for (int level = levels - 1; level >= 0; level--) {
    unsigned shift = 12 + level * vpn_bits;
    uint64_t idx = (va >> shift) & ((UINT64_C (1) << vpn_bits) - 1);
    uint64_t pte_addr = base + idx * pte_size;
    uint64_t pte, ppn, want, off_mask;

    if (!rv_read_pte (s, pte_addr, pte_size, debug, &pte))
      return rv_access_fault (acc);

    if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)))
      return rv_page_fault (acc);
    /* Sv39 bits 63..54 are reserved (no Svpbmt, Svnapot): must be 0. */
    if (!sv32 && (pte >> 54))
      return rv_page_fault (acc);
    ppn = (pte >> 10) & ppn_mask;

    if (!(pte & (PTE_R | PTE_X))) {
      base = ppn << 12;           /* a pointer to the next level */
      continue;
    }

    /* A leaf: may this privilege make this access? */
    if (!debug && !rv_leaf_allows (s, pte, acc, priv))
      return rv_page_fault (acc);

    /* A superpage must be aligned to its size. */
    off_mask = (UINT64_C (1) << shift) - 1;
    if ((ppn << 12) & off_mask)
      return rv_page_fault (acc);

    want = PTE_A | (acc == RV_ACC_STORE ? PTE_D : 0);
    if (!debug && (pte & want) != want) {
      pte |= want;
      if (!rv_pmp_check (s, pte_addr, pte_size, RV_ACC_STORE, RV_PRIV_S)
          || mdl_address_space_write (s->cpu.as, pte_addr, pte_size, pte)
             != MDL_MEM_OK)
        return rv_access_fault (acc);
    }

    *pa = ((ppn << 12) & ~off_mask) | (va & off_mask);
    return 0;
  }
  /* A pointer at the last level. */
  return rv_page_fault (acc);
}

unsigned
rv_mmu_access (RvCpu *s, uint64_t va, unsigned size, RvAccess acc,
               uint64_t *pa, uint8_t **page_host)
{
  uint64_t tag = rv_tlb_tag (va, s->tlb_key[acc]);
  RvTlbEntry *e = &s->tlb[acc][(va >> 12) & (RV_TLB_SIZE - 1)];
  unsigned priv = acc == RV_ACC_FETCH ? s->priv : s->data_priv;
  uint64_t ppage;
  MdlRamWindow w;
  uint8_t *host = NULL;

  if (e->vpage == tag) {
    *pa = e->ppage | (va & ~RV_PAGE_MASK);
    *page_host = e->host;
    return 0;
  }

  if (priv == RV_PRIV_M || !rv_paging (s))
    *pa = va;
  else {
    unsigned cause = rv_walk (s, va, acc, priv, false, pa);

    if (cause)
      return cause;
  }
  ppage = *pa & RV_PAGE_MASK;

  /* A page the PMP treats as a whole is cached; otherwise each access is
   * checked on its own and goes the slow way. */
  if (!rv_pmp_check (s, ppage, RV_PAGE_SIZE, acc, priv)) {
    if (!rv_pmp_check (s, *pa, size, acc, priv))
      return rv_access_fault (acc);
    *page_host = NULL;
    return 0;
  }

  if (mdl_address_space_ram_window (s->cpu.as, ppage, &w)
      && (acc != RV_ACC_STORE || w.writable)
      && ppage >= w.base && w.size >= RV_PAGE_SIZE
      && ppage - w.base <= w.size - RV_PAGE_SIZE)
    host = w.host + (ppage - w.base);

  e->vpage = tag;
  e->ppage = ppage;
  e->host = host;
  *page_host = host;
  return 0;
}

bool
rv_mmu_bare_window (RvCpu *s, uint64_t pa, RvAccess acc, uint64_t *base,
                    uint64_t *size, uint8_t **host)
{
  unsigned priv = acc == RV_ACC_FETCH ? s->priv : s->data_priv;
  uint8_t perm = acc == RV_ACC_FETCH ? PMP_X
                 : acc == RV_ACC_LOAD ? PMP_R : PMP_W;
  uint64_t lo, last;
  MdlRamWindow w;
  bool matched = false;

  if ((priv != RV_PRIV_M && rv_paging (s))
      || !mdl_address_space_ram_window (s->cpu.as, pa, &w)
      || (acc == RV_ACC_STORE && !w.writable) || w.size < 8)
    return false;
  lo = w.base;
  last = w.base + (w.size - 1);

  /* The first entry that holds @pa decides for the whole window; the
   * entries before it must stay outside the window. */
  for (unsigned i = 0; i < s->pmp_active && !matched; i++) {
    uint8_t cfg = s->pmpcfg[i];

    if ((cfg & PMP_A) == PMP_A_OFF || s->pmp_lo[i] > s->pmp_last[i])
      continue;
    if (pa >= s->pmp_lo[i] && pa <= s->pmp_last[i]) {
      if (!(priv == RV_PRIV_M && !(cfg & PMP_L)) && !(cfg & perm))
        return false;
      lo = MAX (lo, s->pmp_lo[i]);
      last = MIN (last, s->pmp_last[i]);
      matched = true;
    } else if (s->pmp_last[i] < pa)
      lo = MAX (lo, s->pmp_last[i] + 1);
    else
      last = MIN (last, s->pmp_lo[i] - 1);
  }
  if ((!matched && priv != RV_PRIV_M) || last - lo < 7)
    return false;

  *base = lo;
  *size = last - lo + 1;
  *host = w.host + (lo - w.base);
  return true;
}

bool
rv_mmu_debug_read16 (RvCpu *s, uint64_t va, uint8_t bytes[2])
{
  uint64_t pa = va;

  if (s->priv != RV_PRIV_M && rv_paging (s)
      && rv_walk (s, va, RV_ACC_FETCH, s->priv, true, &pa))
    return false;
  return mdl_address_space_read_bytes (s->cpu.as, pa, bytes, 2, NULL);
}

/* ---- reset ---------------------------------------------------------------- */

void
rv_priv_reset (RvCpu *s)
{
  s->priv = RV_PRIV_M;
  s->mstatus = 0;               /* MPP = U, MPRV = 0, every enable off */
  s->medeleg = s->mideleg = 0;
  s->mip_sw = 0;
  s->mcounteren = s->scounteren = 0;
  s->stvec = s->sepc = s->scause = s->stval = s->sscratch = 0;
  s->satp = 0;
  memset (s->pmpcfg, 0, sizeof s->pmpcfg);
  memset (s->pmpaddr, 0, sizeof s->pmpaddr);
  rv_pmp_update (s);
  rv_trigger_reset (s);
  rv_tlb_flush (s);
  rv_mode_changed (s);
}
