/* Advanced SIMD data movement: the structure loads and stores (ld1-ld4,
 * st1-st4, ld1r-ld4r), copy (dup, ins, umov, smov), modified immediate
 * (movi, mvni, orr, bic), permute (zip, uzp, trn), ext, tbl and tbx.
 *
 * Structure accesses go element by element through a64_load/a64_store,
 * the same path (TLB, alignment, faults with their syndrome) as every
 * other access.  A load collects its elements first and writes the
 * registers only when all of them were read: on a fault nothing changes
 * (the architecture leaves the destinations UNKNOWN, so unchanged is
 * allowed) and the base is not written back.  A store faulting part way
 * has written the elements before the fault, as the architecture allows.
 */
#include "aarch64-simd-int.h"

/* ---- structure loads and stores ---- */

/* The post-index amount: an immediate (Rm = 31) or X[Rm]. */
static uint64_t
post_amount (A64Cpu *s, uint32_t insn, uint64_t imm)
{
  unsigned rm = SIMD_RM (insn);

  return rm == 31 ? imm : s->x[rm];
}

/* Repetitions and structure elements of the multiple-structure opcodes. */
static const int8_t rpt_of[16] = { 1, -1, 4, -1, 1, -1, 3, 1, 1, -1, 2, -1, -1, -1, -1, -1 };
static const int8_t sel_of[16] = { 4, -1, 1, -1, 3, -1, 1, 1, 2, -1, 1, -1, -1, -1, -1, -1 };

bool
a64_simd_ok_ldst_multi (uint32_t insn)
{
  unsigned opc = (insn >> 12) & 15, es = (insn >> 10) & 3;
  bool post = (insn >> 23) & 1;

  return rpt_of[opc] > 0 && (post || SIMD_RM (insn) == 0)
         && !(es == 3 && !SIMD_Q (insn) && sel_of[opc] > 1);
}

void
a64_x_simd_ldst_multi (A64Cpu *s, uint32_t insn)
{
  unsigned opc = (insn >> 12) & 15, es = (insn >> 10) & 3, rt = SIMD_RD (insn), rn = SIMD_RN (insn);
  bool q = SIMD_Q (insn), load = (insn >> 22) & 1, post = (insn >> 23) & 1;
  int rpt = rpt_of[opc], selem = sel_of[opc];
  unsigned n = (8u << q) >> es, ebytes = 1u << es;
  uint64_t regs[4][2], addr, base;

  if (!a64_simd_ok_ldst_multi (insn)) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s))
    return;
  base = addr = s->x[rn];
  for (int r = 0; r < rpt; r++) {
    for (int k = 0; k < selem; k++)
      simd_read (s, (rt + r + k) & 31, regs[r + k]);
    for (unsigned e = 0; e < n; e++)
      for (int k = 0; k < selem; k++) {
        uint64_t v;
        if (load) {
          if (!a64_load (s, addr, ebytes, &v, false))
            return;
          simd_set (regs[r + k], es, e, v);
        } else if (!a64_store (s, addr, ebytes, simd_get (regs[r + k], es, e), false)) {
          return;
        }
        addr += ebytes;
      }
  }
  if (load)
    for (int r = 0; r < rpt * selem; r++)
      simd_write (s, (rt + r) & 31, regs[r], q);
  if (post)
    s->x[rn] = base + post_amount (s, insn, (uint64_t) (8u << q) * rpt * selem);
}

/* The element size (log2 bytes), index and replication of a
 * single-structure access; false when the encoding is reserved. */
static bool
single_decode (uint32_t insn, unsigned *scale, unsigned *idx, bool *repl)
{
  unsigned opc = (insn >> 13) & 7, sbit = (insn >> 12) & 1, size = (insn >> 10) & 3;
  bool q = SIMD_Q (insn), load = (insn >> 22) & 1, post = (insn >> 23) & 1;

  *scale = opc >> 1, *repl = false;
  if (!post && SIMD_RM (insn) != 0)
    return false;
  switch (opc >> 1) {
  case 0: *idx = q << 3 | sbit << 2 | size; return true;
  case 1: *idx = q << 2 | sbit << 1 | (size >> 1); return !(size & 1);
  case 2:
    if (size == 0) {
      *idx = q << 1 | sbit;
      return true;
    }
    *scale = 3, *idx = q;
    return size == 1 && !sbit;
  default:
    *scale = size, *idx = 0, *repl = true;
    return load && !sbit;
  }
}

bool
a64_simd_ok_ldst_single (uint32_t insn)
{
  unsigned scale, idx;
  bool repl;

  return single_decode (insn, &scale, &idx, &repl);
}

void
a64_x_simd_ldst_single (A64Cpu *s, uint32_t insn)
{
  unsigned rt = SIMD_RD (insn), rn = SIMD_RN (insn), scale, idx;
  unsigned selem = ((((insn >> 13) & 1) << 1) | ((insn >> 21) & 1)) + 1;
  bool q = SIMD_Q (insn), load = (insn >> 22) & 1, post = (insn >> 23) & 1, repl;
  uint64_t regs[4][2], addr, base;

  if (!single_decode (insn, &scale, &idx, &repl)) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s))
    return;
  base = addr = s->x[rn];
  for (unsigned k = 0; k < selem; k++) {
    unsigned t = (rt + k) & 31;
    uint64_t v;
    simd_read (s, t, regs[k]);
    if (load) {
      if (!a64_load (s, addr, 1u << scale, &v, false))
        return;
      if (repl) {
        for (unsigned e = 0; e < (16u >> scale); e++)
          simd_set (regs[k], scale, e, v);
      } else {
        simd_set (regs[k], scale, idx, v);
      }
    } else if (!a64_store (s, addr, 1u << scale, simd_get (regs[k], scale, idx), false)) {
      return;
    }
    addr += 1u << scale;
  }
  if (load)
    for (unsigned k = 0; k < selem; k++)
      simd_write (s, (rt + k) & 31, regs[k], !repl || q);
  if (post)
    s->x[rn] = base + post_amount (s, insn, (uint64_t) selem << scale);
}

/* ---- copy ---- */

bool
a64_simd_ok_copy (uint32_t insn)
{
  unsigned imm5 = (insn >> 16) & 31, imm4 = (insn >> 11) & 15;
  unsigned es = imm5 ? (unsigned) __builtin_ctz (imm5) : 4;
  bool q = SIMD_Q (insn);

  if (es > 3)
    return false;
  if ((insn >> 28) & 1) /* scalar dup */
    return true;
  if (SIMD_U (insn)) /* ins element */
    return q;
  switch (imm4) {
  case 0: case 1: return es < 3 || q;  /* dup element, general */
  case 3: return q;                     /* ins general */
  case 5: return es < (q ? 3u : 2u);    /* smov */
  case 7: return q ? es == 3 : es < 3;  /* umov */
  default: return false;
  }
}

/* dup (element, general), ins (general, element), smov, umov and the
 * scalar dup: imm5's lowest set bit gives the element size. */
void
a64_x_simd_copy (A64Cpu *s, uint32_t insn)
{
  unsigned imm5 = (insn >> 16) & 31, imm4 = (insn >> 11) & 15, rd = SIMD_RD (insn);
  unsigned rn = SIMD_RN (insn), es = imm5 ? (unsigned) __builtin_ctz (imm5) & 3 : 0;
  bool q = SIMD_Q (insn), op = SIMD_U (insn), scalar = (insn >> 28) & 1;
  unsigned idx = imm5 >> (es + 1), n = (8u << q) >> es;
  uint64_t v[2], r[2] = { 0, 0 }, x;

  if (!a64_simd_ok_copy (insn)) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s))
    return;
  simd_read (s, rn, v);
  if (scalar) {
    r[0] = simd_get (v, es, idx);
    simd_write (s, rd, r, false);
    return;
  }
  if (op) { /* ins element */
    simd_read (s, rd, r);
    simd_set (r, es, idx, simd_get (v, es, imm4 >> es));
    simd_write (s, rd, r, true);
    return;
  }
  switch (imm4) {
  case 0:
  case 1:
    x = imm4 == 0 ? simd_get (v, es, idx) : a64_rx (s, rn);
    for (unsigned i = 0; i < n; i++)
      simd_set (r, es, i, x);
    simd_write (s, rd, r, q);
    break;
  case 3:
    simd_read (s, rd, r);
    simd_set (r, es, idx, a64_rx (s, rn));
    simd_write (s, rd, r, true);
    break;
  case 5:
    x = (uint64_t) simd_sx (simd_get (v, es, idx), 8u << es);
    a64_wx (s, rd, q ? x : (uint32_t) x);
    break;
  default: a64_wx (s, rd, simd_get (v, es, idx)); break;
  }
}

/* ---- modified immediate ---- */

/* AdvSIMDExpandImm for the integer forms (cmode 1111 is floating
 * point's). */
uint64_t
a64_simd_expand_imm (bool op, unsigned cmode, unsigned imm8)
{
  uint64_t imm = imm8, r = 0;

  switch (cmode >> 1) {
  case 0: case 1: case 2: case 3: /* 32-bit, shifted by 0, 8, 16, 24 */
    imm <<= 8 * (cmode >> 1);
    return imm | imm << 32;
  case 4: case 5: /* 16-bit, shifted by 0 or 8 */
    imm <<= 8 * ((cmode >> 1) & 1);
    return imm * UINT64_C (0x0001000100010001);
  case 6: /* 32-bit, shifting ones in */
    imm = (cmode & 1) ? (imm << 16 | 0xffff) : (imm << 8 | 0xff);
    return imm | imm << 32;
  default:
    if (!op)
      return imm * UINT64_C (0x0101010101010101);
    for (unsigned i = 0; i < 8; i++)
      if ((imm8 >> i) & 1)
        r |= UINT64_C (0xff) << (8 * i);
    return r;
  }
}

bool
a64_simd_ok_modimm (uint32_t insn)
{
  (void) insn;
  return true;
}

void
a64_x_simd_modimm (A64Cpu *s, uint32_t insn)
{
  unsigned cmode = (insn >> 12) & 15, rd = SIMD_RD (insn);
  unsigned imm8 = ((insn >> 11) & 0xe0) | ((insn >> 5) & 31);
  bool q = SIMD_Q (insn), op = SIMD_U (insn);
  uint64_t imm = a64_simd_expand_imm (op, cmode, imm8), r[2];

  bool orr_bic = cmode < 12 && (cmode & 1);

  if (!a64_fp_access (s))
    return;
  if (op && cmode != 14 && !orr_bic)
    imm = ~imm; /* mvni */
  if (orr_bic) {
    simd_read (s, rd, r);
    for (unsigned k = 0; k < 2; k++)
      r[k] = op ? r[k] & ~imm : r[k] | imm;
  } else {
    r[0] = r[1] = imm;
  }
  simd_write (s, rd, r, q);
}

/* ---- permute, ext, table lookup ---- */

bool
a64_simd_ok_perm (uint32_t insn)
{
  return SIMD_SIZE (insn) != 3 || SIMD_Q (insn);
}

void
a64_x_simd_perm (A64Cpu *s, uint32_t insn)
{
  unsigned opc = (insn >> 12) & 7, es = SIMD_SIZE (insn), part = opc >> 2;
  bool q = SIMD_Q (insn);
  unsigned n = (8u << q) >> es, half = n / 2;
  uint64_t a[2], b[2], r[2] = { 0, 0 };

  if (!a64_simd_ok_perm (insn)) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RM (insn), b);
  for (unsigned i = 0; i < n; i++) {
    uint64_t v;
    switch (opc & 3) {
    case 1: { /* uzp */
      unsigned j = 2 * i + part;
      v = j < n ? simd_get (a, es, j) : simd_get (b, es, j - n);
      break;
    }
    case 2: /* trn */
      v = simd_get ((i & 1) ? b : a, es, (i & ~1u) + part);
      break;
    default: /* zip */
      v = simd_get ((i & 1) ? b : a, es, part * half + i / 2);
      break;
    }
    simd_set (r, es, i, v);
  }
  simd_write (s, SIMD_RD (insn), r, q);
}

bool
a64_simd_ok_ext (uint32_t insn)
{
  return SIMD_Q (insn) || !((insn >> 14) & 1);
}

void
a64_x_simd_ext (A64Cpu *s, uint32_t insn)
{
  unsigned pos = (insn >> 11) & 15;
  bool q = SIMD_Q (insn);
  unsigned n = 8u << q;
  uint64_t a[2], b[2], r[2] = { 0, 0 };

  if (!a64_simd_ok_ext (insn)) {
    a64_undefined (s);
    return;
  }
  if (!a64_fp_access (s))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RM (insn), b);
  for (unsigned i = 0; i < n; i++) {
    unsigned j = i + pos;
    simd_set (r, 0, i, j < n ? simd_get (a, 0, j) : simd_get (b, 0, j - n));
  }
  simd_write (s, SIMD_RD (insn), r, q);
}

bool
a64_simd_ok_tbl (uint32_t insn)
{
  (void) insn;
  return true;
}

void
a64_x_simd_tbl (A64Cpu *s, uint32_t insn)
{
  unsigned len = ((insn >> 13) & 3) + 1, rn = SIMD_RN (insn);
  bool q = SIMD_Q (insn), tbx = (insn >> 12) & 1;
  uint64_t tab[4][2], ix[2], r[2];

  if (!a64_fp_access (s))
    return;
  for (unsigned k = 0; k < len; k++)
    simd_read (s, (rn + k) & 31, tab[k]);
  simd_read (s, SIMD_RM (insn), ix);
  if (tbx)
    simd_read (s, SIMD_RD (insn), r);
  else
    r[0] = r[1] = 0;
  for (unsigned i = 0; i < (8u << q); i++) {
    unsigned j = (unsigned) simd_get (ix, 0, i);
    if (j < 16 * len)
      simd_set (r, 0, i, simd_get (tab[j >> 4], 0, j & 15));
  }
  simd_write (s, SIMD_RD (insn), r, q);
}
