/* Executors of the A64 integer instructions.
 *
 * Each takes its fields from the raw bits (the decode cache keeps only
 * the bits and the executor), computes in 64 bits and truncates for the
 * 32-bit forms (sf = 0), whose results are zero-extended into X[d] as
 * the architecture says.  Register 31 is XZR or SP depending on the
 * operand: a64_rx/a64_wx for XZR, s->x[31] for SP.  Memory goes through
 * a64_load/a64_store, which take the exception themselves and return
 * false: the executor then returns with nothing written.
 */
#include "aarch64-cpu.h"

#define SF(i)  (((i) >> 31) & 1)
#define RD(i)  ((i) & 31)
#define RN(i)  (((i) >> 5) & 31)
#define RM(i)  (((i) >> 16) & 31)
#define RA(i)  (((i) >> 10) & 31)

static inline uint64_t
sext (uint64_t v, unsigned bits)
{
  return (uint64_t) ((int64_t) (v << (64 - bits)) >> (64 - bits));
}

static inline uint64_t
width (bool sf, uint64_t v)
{
  return sf ? v : (uint32_t) v;
}

static inline uint64_t
rsp (A64Cpu *s, unsigned r) /* register 31 is SP */
{
  return s->x[r];
}

static inline void
wsp (A64Cpu *s, unsigned r, uint64_t v)
{
  s->x[r] = v;
}

static void
set_nz (A64Cpu *s, bool sf, uint64_t r)
{
  uint64_t top = sf ? r >> 63 : (r >> 31) & 1;

  s->nzcv = (uint32_t) (top << 31) | ((width (sf, r) == 0) << 30);
}

/* AddWithCarry, setting NZCV when @flags. */
static uint64_t
add_carry (A64Cpu *s, bool sf, uint64_t a, uint64_t b, unsigned c, bool flags)
{
  uint64_t r;

  if (sf) {
    unsigned __int128 u = (unsigned __int128) a + b + c;
    r = (uint64_t) u;
    if (flags) {
      set_nz (s, true, r);
      s->nzcv |= (uint32_t) (u >> 64) << 29;
      s->nzcv |= (uint32_t) ((((a ^ r) & (b ^ r)) >> 63) & 1) << 28;
    }
    return r;
  }
  a = (uint32_t) a, b = (uint32_t) b;
  uint64_t u = a + b + c;
  r = (uint32_t) u;
  if (flags) {
    set_nz (s, false, r);
    s->nzcv |= (uint32_t) ((u >> 32) & 1) << 29;
    s->nzcv |= (uint32_t) ((((a ^ r) & (b ^ r)) >> 31) & 1) << 28;
  }
  return r;
}

bool
a64_cond_holds (uint32_t nzcv, unsigned cond)
{
  bool n = nzcv >> 31, z = (nzcv >> 30) & 1, c = (nzcv >> 29) & 1, v = (nzcv >> 28) & 1;
  bool r;

  switch (cond >> 1) {
  case 0: r = z; break;
  case 1: r = c; break;
  case 2: r = n; break;
  case 3: r = v; break;
  case 4: r = c && !z; break;
  case 5: r = n == v; break;
  case 6: r = n == v && !z; break;
  default: r = true; break;
  }
  if ((cond & 1) && cond != 15)
    r = !r;
  return r;
}

static uint64_t
shift_reg (uint64_t v, unsigned type, unsigned amount, bool sf)
{
  unsigned w = sf ? 64 : 32;

  v = width (sf, v);
  if (amount == 0)
    return v;
  switch (type) {
  case 0: return width (sf, v << amount);
  case 1: return v >> amount;
  case 2: return width (sf, sf ? (uint64_t) ((int64_t) v >> amount)
                               : (uint64_t) (uint32_t) ((int32_t) v >> amount));
  default: return width (sf, (v >> amount) | (v << (w - amount)));
  }
}

static uint64_t
extend_reg (uint64_t v, unsigned option, unsigned shift)
{
  switch (option) {
  case 0: v = (uint8_t) v; break;
  case 1: v = (uint16_t) v; break;
  case 2: v = (uint32_t) v; break;
  case 4: v = sext (v, 8); break;
  case 5: v = sext (v, 16); break;
  case 6: v = sext (v, 32); break;
  default: break;
  }
  return v << shift;
}

/* DecodeBitMasks: false for a reserved encoding. */
bool a64_bit_masks (bool n, unsigned imms, unsigned immr, bool logical, uint64_t *wmask,
                    uint64_t *tmask);
bool
a64_bit_masks (bool n, unsigned imms, unsigned immr, bool logical, uint64_t *wmask,
               uint64_t *tmask)
{
  unsigned combined = (n << 6) | (~imms & 0x3f), len = 0, esize, levels, s, r, d;
  uint64_t welem, telem, emask;

  for (int i = 6; i >= 0; i--)
    if (combined & (1u << i)) {
      len = (unsigned) i;
      break;
    }
  if (combined == 0 || len < 1)
    return false;
  esize = 1u << len;
  levels = esize - 1;
  if (logical && (imms & levels) == levels)
    return false;
  s = imms & levels;
  r = immr & levels;
  d = (s - r) & levels;
  emask = esize == 64 ? ~UINT64_C (0) : (UINT64_C (1) << esize) - 1;
  welem = s + 1 == 64 ? ~UINT64_C (0) : (UINT64_C (1) << (s + 1)) - 1;
  telem = d + 1 == 64 ? ~UINT64_C (0) : (UINT64_C (1) << (d + 1)) - 1;
  /* ROR (welem, r) within esize bits */
  if (r)
    welem = ((welem >> r) | (welem << (esize - r))) & emask;
  for (unsigned e = esize; e < 64; e *= 2) {
    welem |= welem << e;
    telem |= telem << e;
  }
  *wmask = welem;
  *tmask = telem;
  return true;
}

/* ---- data processing, immediate ---- */

void
a64_x_adr (A64Cpu *s, uint32_t insn)
{
  uint64_t imm = sext ((((insn >> 5) & 0x7ffff) << 2) | ((insn >> 29) & 3), 21);

  if (insn >> 31)
    a64_wx (s, RD (insn), (s->pc & ~UINT64_C (0xfff)) + (imm << 12));
  else
    a64_wx (s, RD (insn), s->pc + imm);
}

void
a64_x_addsub_imm (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  uint64_t imm = (insn >> 10) & 0xfff, a = rsp (s, RN (insn)), r;

  if ((insn >> 22) & 1)
    imm <<= 12;
  r = sub ? add_carry (s, sf, a, width (sf, ~imm), 1, flags) : add_carry (s, sf, a, imm, 0, flags);
  if (flags)
    a64_wx (s, RD (insn), r);
  else
    wsp (s, RD (insn), r);
}

void
a64_x_logic_imm (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), n = (insn >> 22) & 1;
  unsigned opc = (insn >> 29) & 3;
  uint64_t imm, t, a = a64_rx (s, RN (insn)), r;

  if ((!sf && n) || !a64_bit_masks (n, (insn >> 10) & 0x3f, (insn >> 16) & 0x3f, true, &imm, &t)) {
    a64_undefined (s);
    return;
  }
  imm = width (sf, imm);
  switch (opc) {
  case 0: r = a & imm; break;
  case 1: r = a | imm; break;
  case 2: r = a ^ imm; break;
  default:
    r = width (sf, a & imm);
    set_nz (s, sf, r);
    a64_wx (s, RD (insn), r);
    return;
  }
  wsp (s, RD (insn), width (sf, r));
}

void
a64_x_movw (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn);
  unsigned hw = (insn >> 21) & 3, opc = (insn >> 29) & 3, pos = hw * 16;
  uint64_t imm = (uint64_t) ((insn >> 5) & 0xffff) << pos;

  if (!sf && hw > 1) {
    a64_undefined (s);
    return;
  }
  if (opc == 0)
    a64_wx (s, RD (insn), width (sf, ~imm));
  else if (opc == 2)
    a64_wx (s, RD (insn), imm);
  else
    a64_wx (s, RD (insn),
            width (sf, (a64_rx (s, RD (insn)) & ~(UINT64_C (0xffff) << pos)) | imm));
}

void
a64_x_bitfield (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), n = (insn >> 22) & 1;
  unsigned opc = (insn >> 29) & 3, immr = (insn >> 16) & 0x3f, imms = (insn >> 10) & 0x3f;
  uint64_t wmask, tmask, src = a64_rx (s, RN (insn)), dst, bot, top, rot;
  unsigned w = sf ? 64 : 32;

  if (n != sf || (!sf && (immr >= 32 || imms >= 32))
      || !a64_bit_masks (n, imms, immr, false, &wmask, &tmask)) {
    a64_undefined (s);
    return;
  }
  src = width (sf, src);
  rot = immr ? width (sf, (src >> immr) | (src << (w - immr))) : src;
  dst = opc == 1 ? a64_rx (s, RD (insn)) : 0;
  bot = (dst & ~wmask) | (rot & wmask);
  if (opc == 0)
    top = (src >> imms) & 1 ? ~UINT64_C (0) : 0;
  else
    top = dst;
  a64_wx (s, RD (insn), width (sf, (top & ~tmask) | (bot & tmask)));
}

void
a64_x_extr (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), n = (insn >> 22) & 1;
  unsigned lsb = (insn >> 10) & 0x3f;
  uint64_t hi = width (sf, a64_rx (s, RN (insn))), lo = width (sf, a64_rx (s, RM (insn))), r;

  if (n != sf || (!sf && lsb >= 32)) {
    a64_undefined (s);
    return;
  }
  if (lsb == 0)
    r = lo;
  else
    r = (lo >> lsb) | (hi << ((sf ? 64 : 32) - lsb));
  a64_wx (s, RD (insn), width (sf, r));
}

/* ---- branches ---- */

static void
branch_to (A64Cpu *s, uint64_t target)
{
  s->npc = target;
  if (G_UNLIKELY (mdl_cpu_exit_requested (&s->cpu)))
    s->check = true;
}

void
a64_x_b (A64Cpu *s, uint32_t insn)
{
  if (insn >> 31)
    s->x[30] = s->pc + 4;
  branch_to (s, s->pc + (sext (insn & 0x3ffffff, 26) << 2));
}

void
a64_x_bcond (A64Cpu *s, uint32_t insn)
{
  if (a64_cond_holds (s->nzcv, insn & 15))
    branch_to (s, s->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2));
}

void
a64_x_cb (A64Cpu *s, uint32_t insn)
{
  uint64_t v = width (SF (insn), a64_rx (s, RD (insn)));
  bool nz = (insn >> 24) & 1;

  if ((v != 0) == nz)
    branch_to (s, s->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2));
}

void
a64_x_tb (A64Cpu *s, uint32_t insn)
{
  unsigned bit = ((insn >> 26) & 0x20) | ((insn >> 19) & 0x1f);
  bool nz = (insn >> 24) & 1;

  if (((a64_rx (s, RD (insn)) >> bit) & 1) == nz)
    branch_to (s, s->pc + (sext ((insn >> 5) & 0x3fff, 14) << 2));
}

void
a64_x_br (A64Cpu *s, uint32_t insn)
{
  uint64_t target = a64_rx (s, RN (insn));

  if (((insn >> 21) & 3) == 1)
    s->x[30] = s->pc + 4;
  branch_to (s, target);
}

/* ---- loads and stores ---- */

/* One register's transfer of a single-register load/store with size
 * @size (log2 bytes) and opc; false when an exception was taken. */
static bool
ldst_one (A64Cpu *s, uint64_t addr, unsigned size, unsigned opc, unsigned rt, bool unpriv,
          uint64_t *loaded)
{
  uint64_t v;

  if (opc == 0)
    return a64_store (s, addr, 1u << size, a64_rx (s, rt), unpriv);
  if (!a64_load (s, addr, 1u << size, &v, unpriv))
    return false;
  if (opc == 2)
    v = sext (v, 8u << size);
  else if (opc == 3)
    v = (uint32_t) sext (v, 8u << size);
  *loaded = v;
  return true;
}

static bool
ldst_valid (unsigned size, unsigned opc)
{
  return !(opc == 3 && size >= 2) && !(opc == 2 && size == 3);
}

void
a64_x_ldst_uimm (A64Cpu *s, uint32_t insn)
{
  unsigned size = insn >> 30, opc = (insn >> 22) & 3, rt = RD (insn);
  uint64_t addr = rsp (s, RN (insn)) + ((uint64_t) ((insn >> 10) & 0xfff) << size), v = 0;

  if (ldst_one (s, addr, size, opc, rt, false, &v) && opc != 0)
    a64_wx (s, rt, v);
}

void
a64_x_ldst_imm9 (A64Cpu *s, uint32_t insn)
{
  unsigned size = insn >> 30, opc = (insn >> 22) & 3, rt = RD (insn), rn = RN (insn);
  unsigned form = (insn >> 10) & 3; /* 0 unscaled, 1 post, 2 unprivileged, 3 pre */
  uint64_t off = sext ((insn >> 12) & 0x1ff, 9), base = rsp (s, rn), v = 0;
  uint64_t addr = form == 1 ? base : base + off;
  bool unpriv = form == 2 && s->el == 1;

  if (!ldst_valid (size, opc)) {
    a64_undefined (s);
    return;
  }
  if (!ldst_one (s, addr, size, opc, rt, unpriv, &v))
    return;
  if (form == 1 || form == 3)
    wsp (s, rn, base + off);
  if (opc != 0)
    a64_wx (s, rt, v);
}

void
a64_x_ldst_reg (A64Cpu *s, uint32_t insn)
{
  unsigned size = insn >> 30, opc = (insn >> 22) & 3, rt = RD (insn);
  unsigned option = (insn >> 13) & 7, shift = (insn >> 12) & 1 ? size : 0;
  uint64_t addr, v = 0;

  if (!(option & 2) || !ldst_valid (size, opc)) {
    a64_undefined (s);
    return;
  }
  addr = rsp (s, RN (insn)) + extend_reg (a64_rx (s, RM (insn)), option, shift);
  if (ldst_one (s, addr, size, opc, rt, false, &v) && opc != 0)
    a64_wx (s, rt, v);
}

void
a64_x_prfm (A64Cpu *s, uint32_t insn)
{
  (void) s, (void) insn; /* a hint: no effect, no fault */
}

void
a64_x_ldr_lit (A64Cpu *s, uint32_t insn)
{
  unsigned opc = insn >> 30;
  uint64_t addr = s->pc + (sext ((insn >> 5) & 0x7ffff, 19) << 2), v;

  if (!a64_load (s, addr, opc == 1 ? 8 : 4, &v, false))
    return;
  a64_wx (s, RD (insn), opc == 2 ? sext (v, 32) : v);
}

void
a64_x_ldst_pair (A64Cpu *s, uint32_t insn)
{
  unsigned opc = insn >> 30, index = (insn >> 23) & 3, rt = RD (insn), rt2 = RA (insn);
  unsigned rn = RN (insn), size = opc == 2 ? 8 : 4;
  bool load = (insn >> 22) & 1;
  uint64_t off = sext ((insn >> 15) & 0x7f, 7) * size, base = rsp (s, rn);
  uint64_t addr = index == 1 ? base : base + off, v1, v2;

  if (opc == 3 || (opc == 1 && (!load || index == 0))) {
    a64_undefined (s);
    return;
  }
  if (load) {
    if (!a64_load (s, addr, size, &v1, false) || !a64_load (s, addr + size, size, &v2, false))
      return;
    if (opc == 1)
      v1 = sext (v1, 32), v2 = sext (v2, 32);
  } else if (!a64_store (s, addr, size, a64_rx (s, rt), false)
             || !a64_store (s, addr + size, size, a64_rx (s, rt2), false))
    return;
  if (index == 1 || index == 3)
    wsp (s, rn, base + off);
  if (load) {
    a64_wx (s, rt, v1);
    a64_wx (s, rt2, v2);
  }
}

void
a64_x_ldst_excl (A64Cpu *s, uint32_t insn)
{
  unsigned size = 1u << (insn >> 30), rt = RD (insn), rt2 = RA (insn), rs = RM (insn);
  bool o2 = (insn >> 23) & 1, load = (insn >> 22) & 1, pair = (insn >> 21) & 1;
  uint64_t addr = rsp (s, RN (insn)), v1 = 0, v2 = 0;
  unsigned total = pair ? 2 * size : size;

  if (pair && size < 4) {
    a64_undefined (s);
    return;
  }
  if (!a64_check_align (s, addr, total, !load))
    return;
  if (o2) { /* load-acquire / store-release: ordinary accesses here */
    if (load) {
      if (a64_load (s, addr, size, &v1, false))
        a64_wx (s, rt, v1);
    } else
      a64_store (s, addr, size, a64_rx (s, rt), false);
    return;
  }
  if (load) {
    if (!a64_load (s, addr, size, &v1, false))
      return;
    if (pair && !a64_load (s, addr + size, size, &v2, false))
      return;
    s->excl_valid = true;
    s->excl_addr = addr;
    s->excl_size = total;
    s->excl_val[0] = v1;
    s->excl_val[1] = v2;
    a64_wx (s, rt, v1);
    if (pair)
      a64_wx (s, rt2, v2);
    return;
  }
  /* Store-exclusive: succeeds when this core's monitor still holds the
   * address and memory still holds what was read (another core's store
   * in between changed it, or the monitor was cleared). */
  bool ok = s->excl_valid && s->excl_addr == addr && s->excl_size == total;
  if (ok) {
    uint64_t c1, c2 = 0;
    if (!a64_load (s, addr, size, &c1, false) || (pair && !a64_load (s, addr + size, size, &c2, false)))
      return;
    ok = c1 == s->excl_val[0] && (!pair || c2 == s->excl_val[1]);
  }
  if (ok) {
    if (!a64_store (s, addr, size, a64_rx (s, rt), false)
        || (pair && !a64_store (s, addr + size, size, a64_rx (s, rt2), false)))
      return;
  }
  s->excl_valid = false;
  a64_wx (s, rs, ok ? 0 : 1);
}

/* ---- data processing, register ---- */

void
a64_x_logic_reg (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), inv = (insn >> 21) & 1;
  unsigned opc = (insn >> 29) & 3, amount = (insn >> 10) & 0x3f;
  uint64_t a = width (sf, a64_rx (s, RN (insn))), b, r;

  if (!sf && amount >= 32) {
    a64_undefined (s);
    return;
  }
  b = shift_reg (a64_rx (s, RM (insn)), (insn >> 22) & 3, amount, sf);
  if (inv)
    b = width (sf, ~b);
  switch (opc) {
  case 0: r = a & b; break;
  case 1: r = a | b; break;
  case 2: r = a ^ b; break;
  default:
    r = a & b;
    set_nz (s, sf, r);
    break;
  }
  a64_wx (s, RD (insn), width (sf, r));
}

void
a64_x_addsub_reg (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  unsigned type = (insn >> 22) & 3, amount = (insn >> 10) & 0x3f;
  uint64_t a = a64_rx (s, RN (insn)), b, r;

  if (type == 3 || (!sf && amount >= 32)) {
    a64_undefined (s);
    return;
  }
  b = shift_reg (a64_rx (s, RM (insn)), type, amount, sf);
  r = sub ? add_carry (s, sf, a, width (sf, ~b), 1, flags) : add_carry (s, sf, a, b, 0, flags);
  a64_wx (s, RD (insn), r);
}

void
a64_x_addsub_ext (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  unsigned shift = (insn >> 10) & 7;
  uint64_t a = rsp (s, RN (insn)), b, r;

  if (shift > 4) {
    a64_undefined (s);
    return;
  }
  b = width (sf, extend_reg (a64_rx (s, RM (insn)), (insn >> 13) & 7, shift));
  r = sub ? add_carry (s, sf, a, width (sf, ~b), 1, flags) : add_carry (s, sf, a, b, 0, flags);
  if (flags)
    a64_wx (s, RD (insn), r);
  else
    wsp (s, RD (insn), r);
}

void
a64_x_adc (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), sub = (insn >> 30) & 1, flags = (insn >> 29) & 1;
  uint64_t b = a64_rx (s, RM (insn));

  if (sub)
    b = width (sf, ~b);
  a64_wx (s, RD (insn),
          add_carry (s, sf, a64_rx (s, RN (insn)), b, (s->nzcv >> 29) & 1, flags));
}

void
a64_x_ccmp (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), sub = (insn >> 30) & 1;
  uint64_t a = a64_rx (s, RN (insn));
  uint64_t b = (insn >> 11) & 1 ? RM (insn) : a64_rx (s, RM (insn));

  if (a64_cond_holds (s->nzcv, (insn >> 12) & 15)) {
    if (sub)
      add_carry (s, sf, a, width (sf, ~b), 1, true);
    else
      add_carry (s, sf, a, b, 0, true);
  } else
    s->nzcv = (insn & 15) << 28;
}

void
a64_x_csel (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn), inv = (insn >> 30) & 1, inc = (insn >> 10) & 1;
  uint64_t r;

  if (a64_cond_holds (s->nzcv, (insn >> 12) & 15))
    r = a64_rx (s, RN (insn));
  else {
    r = a64_rx (s, RM (insn));
    if (inv)
      r = ~r;
    if (inc)
      r++;
  }
  a64_wx (s, RD (insn), width (sf, r));
}

static uint32_t
crc32 (uint32_t crc, uint64_t data, unsigned bytes, uint32_t poly)
{
  for (unsigned i = 0; i < bytes; i++) {
    crc ^= (uint8_t) (data >> (8 * i));
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (crc & 1 ? poly : 0);
  }
  return crc;
}

void
a64_x_dp2 (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn);
  unsigned op = (insn >> 10) & 0x3f, w = sf ? 64 : 32;
  uint64_t a = width (sf, a64_rx (s, RN (insn))), b = width (sf, a64_rx (s, RM (insn))), r;

  switch (op) {
  case 2: r = b ? a / b : 0; break;
  case 3:
    if (b == 0)
      r = 0;
    else if (sf)
      r = ((int64_t) a == INT64_MIN && (int64_t) b == -1) ? a : (uint64_t) ((int64_t) a / (int64_t) b);
    else
      r = ((int32_t) a == INT32_MIN && (int32_t) b == -1)
            ? a : (uint32_t) ((int32_t) a / (int32_t) b);
    break;
  case 8: case 9: case 10: case 11:
    r = shift_reg (a, op - 8, (unsigned) (b % w), sf);
    break;
  default: {
    unsigned sz = 1u << (op & 3);
    uint32_t poly = (op & 4) ? 0x82f63b78u : 0xedb88320u;
    r = crc32 ((uint32_t) a, a64_rx (s, RM (insn)), sz, poly);
    break;
  }
  }
  a64_wx (s, RD (insn), width (sf, r));
}

void
a64_x_dp1 (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn);
  unsigned op = (insn >> 10) & 0x3f, w = sf ? 64 : 32;
  uint64_t a = width (sf, a64_rx (s, RN (insn))), r = 0;

  switch (op) {
  case 0:
    for (unsigned i = 0; i < w; i++)
      r |= ((a >> i) & 1) << (w - 1 - i);
    break;
  case 1:
    r = ((a & UINT64_C (0x00ff00ff00ff00ff)) << 8) | ((a >> 8) & UINT64_C (0x00ff00ff00ff00ff));
    break;
  case 2:
    if (sf) {
      r = ((uint64_t) __builtin_bswap32 ((uint32_t) (a >> 32)) << 32)
          | __builtin_bswap32 ((uint32_t) a);
    } else
      r = __builtin_bswap32 ((uint32_t) a);
    break;
  case 3: r = __builtin_bswap64 (a); break;
  case 4: r = a == 0 ? w : (unsigned) (sf ? __builtin_clzll (a) : __builtin_clz ((uint32_t) a)); break;
  default: {
    uint64_t x = sf ? a ^ (uint64_t) ((int64_t) a >> 1) : (uint32_t) (a ^ (uint64_t) ((int32_t) a >> 1));
    /* leading sign bits, not counting the sign bit itself */
    x &= sf ? ~(UINT64_C (1) << 63) : 0x7fffffffu;
    r = x == 0 ? w - 1 : (sf ? (unsigned) __builtin_clzll (x) : (unsigned) __builtin_clz ((uint32_t) x)) - 1;
    break;
  }
  }
  a64_wx (s, RD (insn), width (sf, r));
}

void
a64_x_dp3 (A64Cpu *s, uint32_t insn)
{
  bool sf = SF (insn);
  unsigned op = ((insn >> 21) & 7) << 1 | ((insn >> 15) & 1);
  uint64_t n = a64_rx (s, RN (insn)), m = a64_rx (s, RM (insn)), a = a64_rx (s, RA (insn)), r;

  switch (op) {
  case 0: r = a + n * m; break;
  case 1: r = a - n * m; break;
  case 2: r = a + (uint64_t) ((int64_t) (int32_t) n * (int32_t) m); break;
  case 3: r = a - (uint64_t) ((int64_t) (int32_t) n * (int32_t) m); break;
  case 4: r = (uint64_t) (((__int128) (int64_t) n * (int64_t) m) >> 64); break;
  case 10: r = a + (uint64_t) (uint32_t) n * (uint32_t) m; break;
  case 11: r = a - (uint64_t) (uint32_t) n * (uint32_t) m; break;
  case 12: r = (uint64_t) (((unsigned __int128) n * m) >> 64); break;
  default: a64_undefined (s); return;
  }
  a64_wx (s, RD (insn), width (sf, r));
}

void
a64_x_undef (A64Cpu *s, uint32_t insn)
{
  (void) insn;
  a64_undefined (s);
}
