/* Loads and stores in translated A64 code (the parts:
 * aarch64-jit-private.h): the integer loads and stores, ldar/stlr and
 * the exclusives, with the MMU on the TLB checked inline, then the RAM
 * window for all the bytes of the access and the exclusive monitor for
 * stores; anything else is the executor's, on a slow path out of line
 * (a64_jit_defer_slow).  Also dc zva (one check for its 64 bytes) and
 * mrs of the registers that are plain fields of the state.  Apart from
 * the block's translation, which only picks the emitter (emit_insn), as
 * the Thumb frontend keeps arm-jit-ldst.c: one file per family of inline
 * instructions.
 */
#include "aarch64-jit-private.h"

#define TOFF(f) ((int32_t) (offsetof (A64Cpu, tlb) + offsetof (A64TlbEntry, f)))

/* With the MMU on: rcx from the virtual to the physical address through
 * the TLB as translate() finds it (TBI, the entry at (va >> 12) % size,
 * its ASID unless global, the permission at this EL), for an access of
 * @total bytes within one page; any other case jumps to a slow fixup
 * (the executor walks, fills and faults).  For a @store, rdx + rcx is
 * where the bytes are instead: the entry's st_host (set by the
 * executors' stores when a store window covered the page; else the
 * slow path) and the offset in the page.  The current ASID is read
 * from the TTBR that holds it (the block is not made for one ASID: the
 * kernel's blocks serve every process); which TTBR, the ASID's width and
 * the TBI bits are constants, in the block's cell (a64_jit_valid).
 * Clobbers rax and rdx (the guest registers' pool is untouched). */
static unsigned
emit_tlb (A64JitCtx *c, bool store, unsigned total, size_t *slow)
{
  MdlJitAsm *a = c->a;
  const A64Cpu *s = c->s;
  uint64_t tcr = s->tcr_el1;
  bool tbi0 = (tcr >> 37) & 1, tbi1 = (tcr >> 38) & 1;
  int32_t asid_off = ((tcr >> 22) & 1 ? SOFF (ttbr1_el1) : SOFF (ttbr0_el1)) + 6;
  unsigned need = store ? A64_P_W1 : A64_P_R1, n = 0;
  size_t global;

  if (s->el == 0)
    need <<= 3;
  if (tbi0 && tbi1) {
    mdl_x86_shift_ri (a, MDL_X86_SHL, true, RCX, 8);
    mdl_x86_shift_ri (a, MDL_X86_SAR, true, RCX, 8);
  } else if (tbi0 || tbi1) {
    /* only the half bit 55 picks ignores the top byte */
    mdl_x86_mov_rr (a, true, RAX, RCX);
    mdl_x86_shift_ri (a, MDL_X86_SHL, true, RAX, 8);
    mdl_x86_shift_ri (a, MDL_X86_SAR, true, RAX, 8);
    mdl_x86_bt_ri (a, true, RCX, 55);
    mdl_x86_cmov (a, tbi0 ? MDL_X86_CC_AE : MDL_X86_CC_B, true, RCX, RAX);
  }
  /* within one page: access() splits the others */
  mdl_x86_mov_rr (a, false, RAX, RCX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, 0xfff);
  mdl_x86_alu_ri (a, MDL_X86_CMP, false, RAX, (int32_t) (0x1000 - total));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
  /* rax = the entry, rdx = the page */
  mdl_x86_mov_rr (a, true, RDX, RCX);
  mdl_x86_shift_ri (a, MDL_X86_SHR, true, RDX, 12);
  mdl_x86_mov_rr (a, false, RAX, RDX);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RAX, A64_TLB_SIZE - 1);
  mdl_x86_imul_rri (a, false, RAX, RAX, (int32_t) sizeof (A64TlbEntry));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RAX, ST);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, RAX, TOFF (vpage));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (a, RAX, TOFF (global), 0);
  global = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_load (a, (tcr >> 36) & 1 ? 2 : 1, false, RDX, ST, asid_off);
  mdl_x86_cmp16_rm (a, RDX, RAX, TOFF (asid));
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_bind (a, global);
  mdl_x86_test_m8_i (a, RAX, TOFF (perm), (uint8_t) need);
  slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  if (store) {
    /* rdx = where the page is for stores, rcx = the offset */
    mdl_x86_load (a, 8, false, RDX, RAX, TOFF (st_host));
    mdl_x86_test_rr (a, true, RDX, RDX);
    slow[n++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
    mdl_x86_alu_ri (a, MDL_X86_AND, false, RCX, 0xfff);
    return n;
  }
  /* rcx = ppage << 12 | the offset */
  mdl_x86_load (a, 8, false, RAX, RAX, TOFF (ppage));
  mdl_x86_shift_ri (a, MDL_X86_SHL, true, RAX, 12);
  mdl_x86_alu_ri (a, MDL_X86_AND, false, RCX, 0xfff);
  mdl_x86_alu_rr (a, MDL_X86_OR, true, RCX, RAX);
  return n;
}

/* With the MMU off: the store window checked for @total bytes at the
 * address in rcx; rdx + rcx is where they are.  Returns the number of
 * jumps to the slow path put in @slow. */
static unsigned
emit_st_window (A64JitCtx *c, unsigned total, size_t *slow)
{
  MdlJitAsm *a = c->a;

  mdl_x86_alu_rm (a, MDL_X86_SUB, true, RCX, ST, SOFF (st_base));
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, SOFF (st_size));
  slow[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_lea (a, RDX, RCX, (int32_t) total);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, ST, SOFF (st_size));
  slow[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
  mdl_x86_load (a, 8, false, RDX, ST, SOFF (st_host));
  return 2;
}

/* A store of @total bytes at the virtual address in @addr (kept) while
 * the exclusive monitor is armed: a64_store clears it when the bytes
 * overlap what it holds, which is the executor's; other stores go on
 * inline (a cmpxchg that failed leaves the monitor armed until the next
 * exception or clrex, and every store took the executor meanwhile).
 * Returns the jump to the slow path.  Clobbers rax and rdx. */
static size_t
emit_monitor_check (A64JitCtx *c, unsigned total, MdlX86Reg addr)
{
  MdlJitAsm *a = c->a;
  size_t idle, after, overlap;

  mdl_x86_cmp_m8_i (a, ST, SOFF (excl_valid), 0);
  idle = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  /* va < excl_addr + excl_size && excl_addr < va + total */
  mdl_x86_load (a, 8, false, RAX, ST, SOFF (excl_addr));
  mdl_x86_load (a, 4, false, RDX, ST, SOFF (excl_size));
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RAX);
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, addr, RDX);
  after = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
  mdl_x86_lea (a, RDX, addr, (int32_t) total);
  mdl_x86_alu_rr (a, MDL_X86_CMP, true, RAX, RDX);
  overlap = mdl_x86_jcc_fwd (a, MDL_X86_CC_B);
  mdl_x86_bind (a, idle);
  mdl_x86_bind (a, after);
  return overlap;
}

/* dc zva at EL1: the 64 bytes of the block around X[rt] zeroed, as
 * dc_zva's eight stores do when none faults: one TLB check and one
 * window check for all (the block is in one page), else the executor
 * from scratch (nothing was stored yet).  memset and clear_page. */
void
a64_jit_emit_dc_zva (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  MdlJitAsm *a = c->a;
  size_t slow[8];
  unsigned n = 0;

  ld_reg (c, RCX, ins->raw & 31, false);
  mdl_x86_alu_ri (a, MDL_X86_AND, true, RCX, -64);
  slow[n++] = emit_monitor_check (c, 64, RCX);
  if (c->mmu)
    n += emit_tlb (c, true, 64, slow + n);
  else
    n += emit_st_window (c, 64, slow + n);
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RCX);
  mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
  for (int32_t k = 0; k < 64; k += 8)
    mdl_x86_store (a, 8, RAX, RDX, k);
  a64_jit_defer_slow (c, slow, n, ins, i);
}

/* mrs of a register that is a plain field here, where reading it has no
 * condition but the EL (known) or, for SP_EL0, SPSel (checked: else the
 * executor's UNDEFINED): SP_EL0 (Linux's `current`), the thread ID
 * registers. */
bool
a64_jit_emit_mrs (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  MdlJitAsm *a = c->a;
  uint32_t key = (ins->raw >> 5) & 0xffff;
  unsigned rt = ins->raw & 31;
  int32_t off;
  size_t slow;
  bool check_spsel = false;
  MdlX86Reg dst = RAX;

  if (key == A64_SYSREG_KEY (3, 3, 13, 0, 2))
    off = SOFF (tpidr_el0);
  else if (key == A64_SYSREG_KEY (3, 3, 13, 0, 3))
    off = SOFF (tpidrro_el0);
  else if (c->s->el == 1 && key == A64_SYSREG_KEY (3, 0, 13, 0, 4))
    off = SOFF (tpidr_el1);
  else if (c->s->el == 1 && key == A64_SYSREG_KEY (3, 0, 4, 1, 0)) {
    off = SOFF (sp_el);
    check_spsel = true;
  } else
    return false;
  if (!check_spsel) {
    mdl_x86_load (a, 8, false, RAX, ST, off);
    st_reg (c, RAX, rt, false);
    return true;
  }
  if (rt != 31)
    dst = dst_reg (c, rt);
  mdl_x86_cmp_m8_i (a, ST, SOFF (spsel), 0);
  slow = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  if (rt != 31)
    mdl_x86_load (a, 8, false, dst, ST, off);
  a64_jit_defer_slow (c, &slow, 1, ins, i);
  mark_dirty (c, rt, false);
  return true;
}

/* One or two registers of @size bytes at the address in rcx, then
 * (@wb) the base register @rn (host register @base, its old value)
 * advanced by @off, then the loaded registers: a64_x_ldst_* do it in
 * this order.  @opc: 0 store, 1 load zero-extended, 2 load sign-extended
 * to 64 bits, 3 to 32.  The RAM window is checked for all the bytes at
 * once; anything else (another region, a device, the exclusive monitor
 * armed, alignment checking) is the executor's. */
/* ldar/stlr/ldxr/ldxp (@excl): the address must be aligned
 * (a64_check_align's fault is the executor's); ldxr and ldxp arm the
 * monitor as a64_x_ldst_excl does, with the virtual address (X[rn]: no
 * offset, no write-back) and the value (or both) read. */
typedef enum { LDST_PLAIN, LDST_ALIGNED, LDST_EXCL } LdstKind;

/* The register a store takes X[r] from: its cached host register, or
 * for XZR @zero (cleared where the value is needed: emit_value). */
static MdlX86Reg
value_reg (A64JitCtx *c, unsigned r, MdlX86Reg zero)
{
  return r == 31 ? zero : src_reg (c, r);
}

static void
emit_value (A64JitCtx *c, unsigned r, MdlX86Reg zero)
{
  if (r == 31)
    mdl_x86_mov_ri (c->a, zero, 0);
}

static void
emit_ldst_kind (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned opc,
                unsigned rt, int rt2, bool wb, unsigned rn, MdlX86Reg base, int32_t off,
                LdstKind kind)
{
  MdlJitAsm *a = c->a;
  bool store = opc == 0, direct;
  unsigned total = rt2 >= 0 ? 2 * size : size;
  size_t slow1 = 0, slow2 = 0, slow3 = 0, slow4 = 0, tlb_slow[9];
  unsigned n_tlb = 0;
  MdlX86Reg v1 = RAX, v2 = RAX, d1 = RAX, d2 = RDX;

  /* every register allocated before the first branch to the slow path */
  if (store) {
    v1 = value_reg (c, rt, RAX);
    if (rt2 >= 0)
      v2 = value_reg (c, (unsigned) rt2, RAX);
  } else {
    if (rt != 31)
      d1 = dst_reg (c, rt);
    if (rt2 >= 0 && rt2 != 31)
      d2 = dst_reg (c, (unsigned) rt2);
  }
  /* Loaded straight into the destinations, unless the base is one of
   * them and is still needed after the load: written back (a64_x_ldst_*
   * write the base first, so the loaded value wins) or the monitor's
   * address; then into rax and rdx, moved last. */
  direct = !store && !((wb || kind == LDST_EXCL) && (d1 == base || d2 == base));
  if (!direct) {
    d1 = RAX;
    d2 = RDX;
  }
  if (kind != LDST_PLAIN && total > 1) {
    mdl_x86_test_ri (a, false, RCX, (int32_t) total - 1);
    slow4 = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  if (store)
    slow3 = emit_monitor_check (c, total, RCX);
  if (c->mmu)
    n_tlb = emit_tlb (c, store, total, tlb_slow);
  if (!(c->mmu && store)) {
    mdl_x86_alu_rm (a, MDL_X86_SUB, true, RCX, ST, store ? SOFF (st_base) : SOFF (ld_base));
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, store ? SOFF (st_size) : SOFF (ld_size));
    slow1 = mdl_x86_jcc_fwd (a, MDL_X86_CC_AE);
    mdl_x86_lea (a, RDX, RCX, (int32_t) total);
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RDX, ST, store ? SOFF (st_size) : SOFF (ld_size));
    slow2 = mdl_x86_jcc_fwd (a, MDL_X86_CC_A);
    mdl_x86_load (a, 8, false, RDX, ST, store ? SOFF (st_host) : SOFF (ld_host));
  }
  if (store) {
    emit_value (c, rt, RAX);
    mdl_x86_store_idx (a, size, v1, RDX, RCX);
    if (rt2 >= 0) {
      emit_value (c, (unsigned) rt2, RAX);
      mdl_x86_store_idx_disp (a, size, v2, RDX, RCX, (int32_t) size);
    }
  } else {
    bool sign = opc >= 2 && size < 8;

    mdl_x86_load_idx (a, size, sign, d1, RDX, RCX);
    if (opc == 3)
      mdl_x86_mov_rr (a, false, d1, d1);
    if (rt2 >= 0) /* (d2 may be rdx, the host base: loaded last) */
      mdl_x86_load_idx_disp (a, size, sign, d2, RDX, RCX, (int32_t) size);
  }
  if (wb)
    mdl_x86_lea (a, base, base, off);
  if (kind == LDST_EXCL) {
    mdl_x86_mov_ri (a, RCX, 1);
    mdl_x86_store (a, 1, RCX, ST, SOFF (excl_valid));
    mdl_x86_store (a, 8, base, ST, SOFF (excl_addr));
    mdl_x86_mov_ri (a, RCX, total);
    mdl_x86_store (a, 4, RCX, ST, SOFF (excl_size));
    mdl_x86_store (a, 8, d1, ST, SOFF (excl_val));
    if (rt2 >= 0)
      mdl_x86_store (a, 8, d2, ST, SOFF (excl_val) + 8);
    else {
      mdl_x86_alu_rr (a, MDL_X86_XOR, false, RCX, RCX);
      mdl_x86_store (a, 8, RCX, ST, SOFF (excl_val) + 8);
    }
  }
  if (!store && !direct) {
    if (rt != 31)
      mdl_x86_mov_rr (a, true, dst_reg (c, rt), RAX);
    if (rt2 >= 0 && rt2 != 31)
      mdl_x86_mov_rr (a, true, dst_reg (c, (unsigned) rt2), RDX);
  }
  if (!(c->mmu && store)) {
    tlb_slow[n_tlb++] = slow1;
    tlb_slow[n_tlb++] = slow2;
  }
  if (store)
    tlb_slow[n_tlb++] = slow3;
  if (kind != LDST_PLAIN && total > 1)
    tlb_slow[n_tlb++] = slow4;
  a64_jit_defer_slow (c, tlb_slow, n_tlb, ins, i);
  if (wb)
    mark_dirty (c, rn, true);
  if (!store) {
    mark_dirty (c, rt, false);
    if (rt2 >= 0)
      mark_dirty (c, (unsigned) rt2, false);
  }
}

/* stxr/stlxr/stxp/stlxp of one or two registers of @size bytes at the
 * address in rcx (X[rn]), as a64_x_ldst_excl does it: the alignment
 * check first (its fault is the executor's); a monitor that does not hold
 * this address and size fails without touching memory; else memory must
 * still hold what the exclusive load read (another core's store in
 * between changed it), through the TLB and the store window for all the
 * bytes (anything else is the executor's, from scratch: nothing was
 * changed yet), and the registers are stored.  Either way the monitor
 * is cleared and Ws gets 0 (stored) or 1. */
static void
emit_stxr (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned rt, int rt2,
           unsigned rs)
{
  MdlJitAsm *a = c->a;
  unsigned total = rt2 >= 0 ? 2 * size : size;
  size_t slow[8], fail[3], fail_mem[2], status;
  unsigned n_slow = 0;
  MdlX86Reg v1, v2 = RAX, ds = RAX;

  /* every register allocated before the first branch to the slow path */
  v1 = value_reg (c, rt, RAX);
  if (rt2 >= 0)
    v2 = value_reg (c, (unsigned) rt2, RAX);
  if (rs != 31)
    ds = dst_reg (c, rs);
  mdl_x86_test_ri (a, false, RCX, (int32_t) total - 1);
  slow[n_slow++] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_cmp_m8_i (a, ST, SOFF (excl_valid), 0);
  fail[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_E);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RCX, ST, SOFF (excl_addr));
  fail[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  mdl_x86_alu_mi (a, MDL_X86_CMP, false, ST, SOFF (excl_size), (int32_t) total);
  fail[2] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (c->mmu)
    n_slow += emit_tlb (c, true, total, slow + n_slow);
  else
    n_slow += emit_st_window (c, total, slow + n_slow);
  mdl_x86_alu_rr (a, MDL_X86_ADD, true, RDX, RCX);
  /* rdx: the host address */
  mdl_x86_load (a, size, false, RAX, RDX, 0);
  mdl_x86_alu_rm (a, MDL_X86_CMP, true, RAX, ST, SOFF (excl_val));
  fail_mem[0] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  if (rt2 >= 0) {
    mdl_x86_load (a, size, false, RAX, RDX, (int32_t) size);
    mdl_x86_alu_rm (a, MDL_X86_CMP, true, RAX, ST, SOFF (excl_val) + 8);
    fail_mem[1] = mdl_x86_jcc_fwd (a, MDL_X86_CC_NE);
  }
  emit_value (c, rt, RAX);
  mdl_x86_store (a, size, v1, RDX, 0);
  if (rt2 >= 0) {
    emit_value (c, (unsigned) rt2, RAX);
    mdl_x86_store (a, size, v2, RDX, (int32_t) size);
  }
  mdl_x86_alu_rr (a, MDL_X86_XOR, false, RAX, RAX);
  status = mdl_x86_jmp_fwd (a);
  for (unsigned k = 0; k < 3; k++)
    mdl_x86_bind (a, fail[k]);
  mdl_x86_bind (a, fail_mem[0]);
  if (rt2 >= 0)
    mdl_x86_bind (a, fail_mem[1]);
  mdl_x86_mov_ri (a, RAX, 1);
  mdl_x86_bind (a, status);
  mdl_x86_store_i8 (a, ST, SOFF (excl_valid), 0);
  if (rs != 31)
    mdl_x86_mov_rr (a, true, ds, RAX);
  a64_jit_defer_slow (c, slow, n_slow, ins, i);
  mark_dirty (c, rs, false);
}

static void
emit_ldst (A64JitCtx *c, const A64JitInsn *ins, unsigned i, unsigned size, unsigned opc,
           unsigned rt, int rt2, bool wb, unsigned rn, MdlX86Reg base, int32_t off)
{
  emit_ldst_kind (c, ins, i, size, opc, rt, rt2, wb, rn, base, off, LDST_PLAIN);
}

static bool
ldst_valid (unsigned size, unsigned opc)
{
  return !(opc == 3 && size >= 2) && !(opc == 2 && size == 3);
}

/* @addr = X[rn|SP] + @off (or, @post, X[rn|SP] alone); returns the host
 * register that holds X[rn|SP]. */
static MdlX86Reg
emit_addr (A64JitCtx *c, unsigned rn, int32_t off, bool post, MdlX86Reg addr)
{
  MdlX86Reg base = src_reg (c, rn);

  if (post || off == 0)
    mdl_x86_mov_rr (c->a, true, addr, base);
  else
    mdl_x86_lea (c->a, addr, base, off);
  return base;
}

bool
a64_jit_emit_mem (A64JitCtx *c, const A64JitInsn *ins, unsigned i)
{
  uint32_t insn = ins->raw;
  A64ExecFn fn = exec_of (ins->op);
  unsigned size = insn >> 30, opc = (insn >> 22) & 3, rt = insn & 31, rn = (insn >> 5) & 31;
  MdlX86Reg base;

  if (c->align)
    return false;
  if (fn == a64_x_ldst_excl) {
    bool o2 = (insn >> 23) & 1, load = (insn >> 22) & 1, pair = (insn >> 21) & 1;

    /* ldar, stlr (ordinary accesses, aligned), the exclusive loads and
     * stores and their pairs; the pairs of bytes and halfwords are
     * UNDEFINED (the executor's), as are pairs with o2 */
    if (pair && (o2 || size < 2))
      return false;
    base = emit_addr (c, rn, 0, false, RCX);
    if (!o2 && !load)
      emit_stxr (c, ins, i, 1u << size, rt, pair ? (int) ((insn >> 10) & 31) : -1,
                 (insn >> 16) & 31);
    else
      emit_ldst_kind (c, ins, i, 1u << size, load ? 1 : 0, rt,
                      pair ? (int) ((insn >> 10) & 31) : -1, false, rn, base, 0,
                      o2 ? LDST_ALIGNED : LDST_EXCL);
    return true;
  }
  if (fn == a64_x_ldst_uimm) {
    if (!ldst_valid (size, opc))
      return false;
    base = emit_addr (c, rn, (int32_t) (((insn >> 10) & 0xfff) << size), false, RCX);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, false, rn, base, 0);
    return true;
  }
  if (fn == a64_x_ldst_imm9) {
    unsigned form = (insn >> 10) & 3;
    int32_t off = (int32_t) sext ((insn >> 12) & 0x1ff, 9);

    if (!ldst_valid (size, opc) || form == 2)
      return false;
    base = emit_addr (c, rn, off, form == 1, RCX);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, form != 0, rn, base, off);
    return true;
  }
  if (fn == a64_x_ldst_reg) {
    unsigned option = (insn >> 13) & 7, shift = (insn >> 12) & 1 ? size : 0;
    MdlX86Reg n, m;

    if (!(option & 2) || !ldst_valid (size, opc))
      return false;
    /* one lea, the index extended in rcx first unless it is X[rm] */
    n = rsrc (c, rn, true, RAX);
    m = rsrc (c, (insn >> 16) & 31, false, RCX);
    if ((option & 3) != 3) {
      a64_jit_emit_ext_to (c, option, 0, RCX, m);
      m = RCX;
    }
    mdl_x86_lea_idx (c->a, true, RCX, n, m, shift, 0);
    emit_ldst (c, ins, i, 1u << size, opc, rt, -1, false, rn, RAX, 0);
    return true;
  }
  if (fn == a64_x_ldst_pair) {
    unsigned popc = insn >> 30, index = (insn >> 23) & 3, psize = popc == 2 ? 8 : 4;
    bool load = (insn >> 22) & 1;
    int32_t off = (int32_t) sext ((insn >> 15) & 0x7f, 7) * (int32_t) psize;

    if (popc == 3 || (popc == 1 && (!load || index == 0)))
      return false;
    base = emit_addr (c, rn, off, index == 1, RCX);
    emit_ldst (c, ins, i, psize, !load ? 0 : popc == 1 ? 2 : 1, rt, (int) ((insn >> 10) & 31),
               index == 1 || index == 3, rn, base, off);
    return true;
  }
  return false;
}
