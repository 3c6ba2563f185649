/* Advanced SIMD integer arithmetic, vector and scalar: three same, three
 * different, two-register miscellaneous, across lanes, shift by
 * immediate and by element.
 *
 * Each executor takes the operation from the instruction's U and opcode
 * bits (the table's row only says which group it is), works element by
 * element in 128-bit integers (wide enough for every intermediate,
 * doubling and rounding included) and saturates with FPSR.QC.  Scalar
 * forms (bit 28 set) are the same code on one element, the rest of the
 * destination cleared.
 */
#include "aarch64-simd-int.h"

#define SCALAR(i) (((i) >> 28) & 1)

static bool
enter (A64Cpu *s, bool ok)
{
  if (!ok) {
    a64_undefined (s);
    return false;
  }
  return a64_fp_access (s);
}

/* @x shifted left by @sh (right when negative), rounding a right shift
 * when asked: exact, so that saturation can look at the result.  A left
 * shift out of range gives a value beyond every element's range. */
static __int128
shift_val (__int128 x, unsigned bits, int sh, bool round)
{
  if (sh >= 0) {
    if (x == 0)
      return 0;
    if (sh >= (int) bits)
      return x < 0 ? -((__int128) 1 << 100) : (__int128) 1 << 100;
    return x * ((__int128) 1 << sh);
  }
  int n = -sh > 100 ? 100 : -sh;
  if (round)
    x += (__int128) 1 << (n - 1);
  return x >> n;
}

static uint64_t
pmul (uint64_t a, uint64_t b, unsigned bits)
{
  uint64_t r = 0;

  for (unsigned i = 0; i < bits; i++)
    if ((b >> i) & 1)
      r ^= a << i;
  return r;
}

static inline __int128
ext (uint64_t x, unsigned bits, bool u)
{
  return u ? (__int128) x : (__int128) simd_sx (x, bits);
}

static inline __int128
abs128 (__int128 x)
{
  return x < 0 ? -x : x;
}

/* ---- three same ---- */

/* One element of the three-same operation @key (U:opcode). */
static uint64_t
same_op (A64Cpu *s, unsigned key, unsigned es, uint64_t a, uint64_t b, uint64_t d)
{
  unsigned bits = 8u << es;
  uint64_t m = simd_mask (bits);
  bool u = key >> 5;
  __int128 x = ext (a, bits, u), y = ext (b, bits, u), r;
  int sh = (int8_t) b;

  switch (key & 31) {
  case 0x00: return (uint64_t) ((x + y) >> 1) & m;     /* shadd */
  case 0x02: return (uint64_t) ((x + y + 1) >> 1) & m; /* srhadd */
  case 0x04: return (uint64_t) ((x - y) >> 1) & m;     /* shsub */
  case 0x01: r = x + y; break;                         /* sqadd */
  case 0x05: r = x - y; break;                         /* sqsub */
  case 0x06: return x > y ? m : 0;                     /* cmgt, cmhi */
  case 0x07: return x >= y ? m : 0;                    /* cmge, cmhs */
  case 0x08: return (uint64_t) shift_val (x, bits, sh, false) & m;
  case 0x0a: return (uint64_t) shift_val (x, bits, sh, true) & m;
  case 0x09: r = shift_val (x, bits, sh, false); break;
  case 0x0b: r = shift_val (x, bits, sh, true); break;
  case 0x0c:
  case 0x14: return (uint64_t) (x > y ? x : y) & m;
  case 0x0d:
  case 0x15: return (uint64_t) (x < y ? x : y) & m;
  case 0x0e: return (uint64_t) abs128 (x - y) & m;
  case 0x0f: return (d + (uint64_t) abs128 (x - y)) & m;
  case 0x10: return (u ? a - b : a + b) & m;
  case 0x11: return u ? (a == b ? m : 0) : ((a & b) ? m : 0);
  case 0x12: return (u ? d - a * b : d + a * b) & m;
  case 0x13: return (u ? pmul (a, b, bits) : a * b) & m;
  case 0x16: { /* sqdmulh, sqrdmulh */
    __int128 p = 2 * (__int128) simd_sx (a, bits) * simd_sx (b, bits);
    if (u)
      p += (__int128) 1 << (bits - 1);
    return simd_sat_s (s, p >> bits, bits);
  }
  case 0x17: return (a + b) & m; /* addp */
  default: return 0;
  }
  return u ? simd_sat_u (s, r, bits) : simd_sat_s (s, r, bits);
}

static bool
same_ok (unsigned key, unsigned es, bool q, bool scalar)
{
  unsigned opc = key & 31;

  if (scalar) {
    switch (opc) {
    case 0x01: case 0x05: case 0x09: case 0x0b: return true;
    case 0x16: return es == 1 || es == 2;
    default: return es == 3;
    }
  }
  if (es == 3 && !q)
    return false;
  switch (opc) {
  case 0x00: case 0x02: case 0x04: case 0x0c: case 0x0d: case 0x0e: case 0x0f: case 0x12:
  case 0x14: case 0x15:
    return es != 3;
  case 0x13: return key == 0x33 ? es == 0 : es != 3;
  case 0x16: return es == 1 || es == 2;
  default: return true;
  }
}

bool
a64_simd_ok_3same (uint32_t insn)
{
  return same_ok (SIMD_U (insn) << 5 | ((insn >> 11) & 31), SIMD_SIZE (insn), SIMD_Q (insn),
                  SCALAR (insn));
}

void
a64_x_simd_3same (A64Cpu *s, uint32_t insn)
{
  unsigned key = SIMD_U (insn) << 5 | ((insn >> 11) & 31), es = SIMD_SIZE (insn);
  bool q = SIMD_Q (insn), scalar = SCALAR (insn);
  unsigned n = scalar ? 1 : (8u << q) >> es;
  uint64_t a[2], b[2], d[2], r[2] = { 0, 0 };

  if (!enter (s, a64_simd_ok_3same (insn)))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RM (insn), b);
  simd_read (s, SIMD_RD (insn), d);
  if ((key & 0x1e) == 0x14 || key == 0x17) {
    /* pairwise: adjacent pairs of the concatenation a:b */
    for (unsigned i = 0; i < n; i++) {
      const uint64_t *src = i < n / 2 ? a : b;
      unsigned j = 2 * (i % (n / 2));
      simd_set (r, es, i, same_op (s, key, es, simd_get (src, es, j), simd_get (src, es, j + 1), 0));
    }
  } else {
    for (unsigned i = 0; i < n; i++)
      simd_set (r, es, i,
                same_op (s, key, es, simd_get (a, es, i), simd_get (b, es, i), simd_get (d, es, i)));
  }
  simd_write (s, SIMD_RD (insn), r, q && !scalar);
}

/* and, bic, orr, orn, eor, bsl, bit, bif: U and size pick the operation. */
bool
a64_simd_ok_logic (uint32_t insn)
{
  (void) insn;
  return true;
}

void
a64_x_simd_logic (A64Cpu *s, uint32_t insn)
{
  unsigned op = SIMD_U (insn) << 2 | SIMD_SIZE (insn);
  uint64_t a[2], b[2], d[2], r[2];

  if (!a64_fp_access (s))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RM (insn), b);
  simd_read (s, SIMD_RD (insn), d);
  for (unsigned k = 0; k < 2; k++) {
    switch (op) {
    case 0: r[k] = a[k] & b[k]; break;
    case 1: r[k] = a[k] & ~b[k]; break;
    case 2: r[k] = a[k] | b[k]; break;
    case 3: r[k] = a[k] | ~b[k]; break;
    case 4: r[k] = a[k] ^ b[k]; break;
    case 5: r[k] = (d[k] & a[k]) | (~d[k] & b[k]); break; /* bsl */
    case 6: r[k] = (b[k] & a[k]) | (~b[k] & d[k]); break; /* bit */
    default: r[k] = (~b[k] & a[k]) | (b[k] & d[k]); break; /* bif */
    }
  }
  simd_write (s, SIMD_RD (insn), r, SIMD_Q (insn));
}

/* ---- three different, and the long forms by element ---- */

/* One wide result of the long operation @opc (the three-different
 * opcode) on narrow @a, @b and the wide accumulator @d. */
static uint64_t
long_op (A64Cpu *s, unsigned opc, bool u, unsigned es, __int128 x, uint64_t b, uint64_t d)
{
  unsigned bits = 8u << es, wbits = 2 * bits;
  uint64_t wm = simd_mask (wbits);
  __int128 y = ext (b, bits, u), dd = ext (d, wbits, u), p;

  switch (opc) {
  case 0x0: case 0x1: return (uint64_t) (x + y) & wm;
  case 0x2: case 0x3: return (uint64_t) (x - y) & wm;
  case 0x5: return (uint64_t) (dd + abs128 (x - y)) & wm;
  case 0x7: return (uint64_t) abs128 (x - y) & wm;
  case 0x8: return (uint64_t) (dd + x * y) & wm;
  case 0xa: return (uint64_t) (dd - x * y) & wm;
  case 0xc: return (uint64_t) (x * y) & wm;
  case 0xe: return pmul ((uint64_t) x, b, bits) & wm;
  default: break;
  }
  /* sqdmlal, sqdmlsl, sqdmull: the doubled product saturates first */
  p = (__int128) simd_sat_s (s, 2 * x * y, wbits);
  p = simd_sx ((uint64_t) p, wbits);
  if (opc == 0xd)
    return (uint64_t) p & wm;
  return simd_sat_s (s, opc == 0x9 ? dd + p : dd - p, wbits);
}

bool
a64_simd_ok_3diff (uint32_t insn)
{
  unsigned opc = (insn >> 12) & 15, es = SIMD_SIZE (insn);
  bool dbl = opc == 0x9 || opc == 0xb || opc == 0xd;

  /* pmull of 64-bit elements (1q) is the Crypto extension's */
  return es != 3 && (!dbl || es == 1 || es == 2) && (opc != 0xe || es == 0);
}

void
a64_x_simd_3diff (A64Cpu *s, uint32_t insn)
{
  unsigned opc = (insn >> 12) & 15, es = SIMD_SIZE (insn), bits = 8u << es;
  bool u = SIMD_U (insn), q = SIMD_Q (insn), scalar = SCALAR (insn);
  unsigned n = scalar ? 1 : 8u >> es, part = scalar ? 0 : q * n;
  uint64_t a[2], b[2], d[2], r[2] = { 0, 0 };

  if (!enter (s, a64_simd_ok_3diff (insn)))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RM (insn), b);
  simd_read (s, SIMD_RD (insn), d);
  if (opc == 0x4 || opc == 0x6) { /* addhn, raddhn, subhn, rsubhn */
    if (q)
      r[0] = d[0];
    for (unsigned i = 0; i < n; i++) {
      uint64_t x = simd_get (a, es + 1, i), y = simd_get (b, es + 1, i);
      uint64_t v = opc == 0x4 ? x + y : x - y;
      unsigned __int128 w = (unsigned __int128) (v & simd_mask (2 * bits));
      if (u)
        w += (unsigned __int128) 1 << (bits - 1);
      simd_set (r, es, i + part, (uint64_t) (w >> bits));
    }
    simd_write (s, SIMD_RD (insn), r, true);
    return;
  }
  for (unsigned i = 0; i < n; i++) {
    __int128 x = (opc == 0x1 || opc == 0x3) ? ext (simd_get (a, es + 1, i), 2 * bits, u)
                                            : ext (simd_get (a, es, i + part), bits, u);
    if (opc == 0xe)
      x = (__int128) simd_get (a, es, i + part);
    simd_set (r, es + 1, i,
              long_op (s, opc, u, es, x, simd_get (b, es, i + part), simd_get (d, es + 1, i)));
  }
  simd_write (s, SIMD_RD (insn), r, true);
}

/* ---- by element ---- */

/* The three-same key of the same-size operations by element, or -1. */
static int
elem_same (uint32_t insn)
{
  switch (SIMD_U (insn) << 4 | ((insn >> 12) & 15)) {
  case 0x08: return 0x13; /* mul */
  case 0x10: return 0x12; /* mla */
  case 0x14: return 0x32; /* mls */
  case 0x0c: return 0x16; /* sqdmulh */
  case 0x0d: return 0x36; /* sqrdmulh */
  default: return -1;
  }
}

bool
a64_simd_ok_elem (uint32_t insn)
{
  unsigned es = SIMD_SIZE (insn);

  return es == 1 || es == 2;
}

void
a64_x_simd_elem (A64Cpu *s, uint32_t insn)
{
  unsigned opc = (insn >> 12) & 15, es = SIMD_SIZE (insn);
  bool q = SIMD_Q (insn), scalar = SCALAR (insn), u = SIMD_U (insn);
  unsigned h = (insn >> 11) & 1, l = (insn >> 21) & 1, mbit = (insn >> 20) & 1;
  unsigned idx = es == 1 ? (h << 2 | l << 1 | mbit) : (h << 1 | l);
  unsigned rm = es == 1 ? (insn >> 16) & 15 : SIMD_RM (insn);
  uint64_t a[2], d[2], r[2] = { 0, 0 }, e;
  int same = elem_same (insn);

  if (!enter (s, a64_simd_ok_elem (insn)))
    return;
  e = simd_get (s->v[rm], es, idx);
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RD (insn), d);
  if (same >= 0) {
    unsigned n = scalar ? 1 : (8u << q) >> es;
    for (unsigned i = 0; i < n; i++)
      simd_set (r, es, i, same_op (s, same, es, simd_get (a, es, i), e, simd_get (d, es, i)));
    simd_write (s, SIMD_RD (insn), r, q && !scalar);
    return;
  }
  /* the three-different opcode of the same long operation */
  unsigned dop;
  switch (opc) {
  case 0x2: dop = 0x8; break; /* smlal */
  case 0x3: dop = 0x9; break; /* sqdmlal */
  case 0x6: dop = 0xa; break; /* smlsl */
  case 0x7: dop = 0xb; break; /* sqdmlsl */
  case 0xa: dop = 0xc; break; /* smull */
  default: dop = 0xd; break;  /* sqdmull */
  }
  unsigned n = scalar ? 1 : 8u >> es, part = scalar ? 0 : q * n;
  for (unsigned i = 0; i < n; i++)
    simd_set (r, es + 1, i,
              long_op (s, dop, u, es, ext (simd_get (a, es, i + part), 8u << es, u), e,
                       simd_get (d, es + 1, i)));
  simd_write (s, SIMD_RD (insn), r, true);
}

/* ---- two-register miscellaneous ---- */

static unsigned
clz_n (uint64_t x, unsigned bits)
{
  return x == 0 ? bits : (unsigned) __builtin_clzll (x) - (64 - bits);
}

static uint64_t
misc_op (A64Cpu *s, unsigned key, unsigned es, uint64_t a, uint64_t d)
{
  unsigned bits = 8u << es;
  uint64_t m = simd_mask (bits);
  int64_t sa = simd_sx (a, bits);

  switch (key) {
  case 0x03: return simd_sat_s (s, (__int128) simd_sx (d, bits) + (__int128) a, bits);
  case 0x23: return simd_sat_u (s, (__int128) d + (__int128) sa, bits);
  case 0x04: return clz_n ((sa < 0 ? ~a : a) & m, bits) - 1; /* cls */
  case 0x24: return clz_n (a, bits);
  case 0x05: return (uint64_t) __builtin_popcountll (a);
  case 0x25:
    if (es == 0)
      return ~a & 0xff;
    { /* rbit of a byte */
      uint64_t r = 0;
      for (unsigned k = 0; k < 8; k++)
        r |= ((a >> k) & 1) << (7 - k);
      return r;
    }
  case 0x07: return simd_sat_s (s, abs128 (sa), bits);
  case 0x27: return simd_sat_s (s, -(__int128) sa, bits);
  case 0x08: return sa > 0 ? m : 0;
  case 0x28: return sa >= 0 ? m : 0;
  case 0x09: return a == 0 ? m : 0;
  case 0x29: return sa <= 0 ? m : 0;
  case 0x0a: return sa < 0 ? m : 0;
  case 0x0b: return (uint64_t) (sa < 0 ? -(uint64_t) sa : (uint64_t) sa) & m;
  case 0x2b: return (0 - a) & m;
  default: return 0;
  }
}

static bool
misc_ok (unsigned key, unsigned es, bool q, bool scalar)
{
  switch (key) {
  case 0x00: return !scalar && es < 3;
  case 0x20: return !scalar && es < 2;
  case 0x01: case 0x05: return !scalar && es == 0;
  case 0x25: return !scalar && es < 2;
  case 0x02: case 0x22: case 0x06: case 0x26: case 0x04: case 0x24: case 0x33:
    return !scalar && es < 3;
  case 0x12: return !scalar && es < 3;
  case 0x32: case 0x14: case 0x34: return es < 3;
  case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a: case 0x0b: case 0x2b:
    return scalar ? es == 3 : (es < 3 || q);
  case 0x03: case 0x23: case 0x07: case 0x27: return scalar || es < 3 || q;
  default: return false;
  }
}

bool
a64_simd_ok_2misc (uint32_t insn)
{
  return misc_ok (SIMD_U (insn) << 5 | ((insn >> 12) & 31), SIMD_SIZE (insn), SIMD_Q (insn),
                  SCALAR (insn));
}

void
a64_x_simd_2misc (A64Cpu *s, uint32_t insn)
{
  unsigned key = SIMD_U (insn) << 5 | ((insn >> 12) & 31), es = SIMD_SIZE (insn);
  bool q = SIMD_Q (insn), scalar = SCALAR (insn);
  unsigned n = scalar ? 1 : (8u << q) >> es;
  uint64_t a[2], d[2], r[2] = { 0, 0 };

  if (!enter (s, a64_simd_ok_2misc (insn)))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RD (insn), d);
  switch (key) {
  case 0x00: case 0x20: case 0x01: { /* rev64, rev32, rev16 */
    unsigned cont = key == 0x00 ? 3 : key == 0x20 ? 2 : 1; /* log2 bytes of the container */
    unsigned flip = (1u << (cont - es)) - 1;
    for (unsigned i = 0; i < n; i++)
      simd_set (r, es, i ^ flip, simd_get (a, es, i));
    break;
  }
  case 0x02: case 0x22: case 0x06: case 0x26: { /* saddlp, uaddlp, sadalp, uadalp */
    bool u = key & 0x20;
    unsigned bits = 8u << es;
    for (unsigned i = 0; i < n / 2; i++) {
      __int128 v = ext (simd_get (a, es, 2 * i), bits, u) + ext (simd_get (a, es, 2 * i + 1), bits, u);
      if (key & 4)
        v += (__int128) simd_get (d, es + 1, i);
      simd_set (r, es + 1, i, (uint64_t) v);
    }
    break;
  }
  case 0x12: case 0x32: case 0x14: case 0x34: { /* xtn, sqxtun, sqxtn, uqxtn */
    unsigned bits = 8u << es, cnt = scalar ? 1 : 8u >> es, part = scalar ? 0 : q * cnt;
    if (q && !scalar)
      r[0] = d[0];
    for (unsigned i = 0; i < cnt; i++) {
      uint64_t w = simd_get (a, es + 1, i), v;
      if (key == 0x12)
        v = w;
      else if (key == 0x34)
        v = simd_sat_u (s, (__int128) w, bits);
      else
        v = key == 0x14 ? simd_sat_s (s, simd_sx (w, 2 * bits), bits)
                        : simd_sat_u (s, simd_sx (w, 2 * bits), bits);
      simd_set (r, es, i + part, v);
    }
    simd_write (s, SIMD_RD (insn), r, !scalar);
    return;
  }
  case 0x33: { /* shll */
    unsigned cnt = 8u >> es, part = q * cnt;
    for (unsigned i = 0; i < cnt; i++)
      simd_set (r, es + 1, i, simd_get (a, es, i + part) << (8u << es));
    simd_write (s, SIMD_RD (insn), r, true);
    return;
  }
  case 0x25: /* not (size 0), rbit (size 1): bytes either way */
    for (unsigned i = 0; i < (8u << q); i++)
      simd_set (r, 0, i, misc_op (s, key, es, simd_get (a, 0, i), 0));
    break;
  default:
    for (unsigned i = 0; i < n; i++)
      simd_set (r, es, i, misc_op (s, key, es, simd_get (a, es, i), simd_get (d, es, i)));
    break;
  }
  simd_write (s, SIMD_RD (insn), r, q && !scalar);
}

/* ---- across lanes, scalar pairwise ---- */

bool
a64_simd_ok_across (uint32_t insn)
{
  unsigned es = SIMD_SIZE (insn);

  return es < 2 || (es == 2 && SIMD_Q (insn));
}

void
a64_x_simd_across (A64Cpu *s, uint32_t insn)
{
  unsigned key = SIMD_U (insn) << 5 | ((insn >> 12) & 31), es = SIMD_SIZE (insn);
  bool q = SIMD_Q (insn), u = SIMD_U (insn);
  unsigned n = (8u << q) >> es, bits = 8u << es;
  uint64_t a[2], r[2] = { 0, 0 };
  __int128 acc;

  if (!enter (s, a64_simd_ok_across (insn)))
    return;
  simd_read (s, SIMD_RN (insn), a);
  acc = ext (simd_get (a, es, 0), bits, u);
  for (unsigned i = 1; i < n; i++) {
    __int128 x = ext (simd_get (a, es, i), bits, u);
    switch (key & 31) {
    case 0x03: case 0x1b: acc += x; break;
    case 0x0a: acc = x > acc ? x : acc; break;
    default: acc = x < acc ? x : acc; break;
    }
  }
  r[0] = (uint64_t) acc & simd_mask ((key & 31) == 0x03 ? 2 * bits : bits);
  simd_write (s, SIMD_RD (insn), r, false);
}

bool
a64_simd_ok_addp_scalar (uint32_t insn)
{
  return SIMD_SIZE (insn) == 3;
}

void
a64_x_simd_addp_scalar (A64Cpu *s, uint32_t insn)
{
  uint64_t r[2] = { 0, 0 };

  if (!enter (s, a64_simd_ok_addp_scalar (insn)))
    return;
  r[0] = s->v[SIMD_RN (insn)][0] + s->v[SIMD_RN (insn)][1];
  simd_write (s, SIMD_RD (insn), r, false);
}

/* ---- shift by immediate ---- */

bool
a64_simd_ok_shift (uint32_t insn)
{
  unsigned immh = (insn >> 19) & 15, key = SIMD_U (insn) << 5 | ((insn >> 11) & 31);
  unsigned es = immh ? 31u - (unsigned) __builtin_clz (immh) : 0;
  bool narrow = (key & 0x1c) == 0x10, lng = (key & 0x1f) == 0x14, scalar = SCALAR (insn);

  if (immh == 0)
    return false; /* modified immediate's space */
  if (narrow || lng)
    return es < 3 && !(lng && scalar);
  if (scalar)
    return es == 3 || (key & 0x1f) == 0x0e || key == 0x2c;
  return es < 3 || SIMD_Q (insn);
}

void
a64_x_simd_shift (A64Cpu *s, uint32_t insn)
{
  unsigned immh = (insn >> 19) & 15, immhb = (insn >> 16) & 127;
  unsigned key = SIMD_U (insn) << 5 | ((insn >> 11) & 31);
  bool q = SIMD_Q (insn), scalar = SCALAR (insn), u = SIMD_U (insn);
  unsigned es = immh ? 31u - (unsigned) __builtin_clz (immh) : 0, bits = 8u << es;
  int rs = (int) (16u << es) - (int) immhb, ls = (int) immhb - (int) bits;
  bool narrow = (key & 0x1c) == 0x10, lng = (key & 0x1f) == 0x14;
  uint64_t a[2], d[2], r[2] = { 0, 0 }, m = simd_mask (bits);

  if (!enter (s, a64_simd_ok_shift (insn)))
    return;
  simd_read (s, SIMD_RN (insn), a);
  simd_read (s, SIMD_RD (insn), d);
  if (narrow) {
    unsigned cnt = scalar ? 1 : 8u >> es, part = scalar ? 0 : q * cnt;
    bool round = key & 1, sgn = key != 0x32 && key != 0x33;
    if (q && !scalar)
      r[0] = d[0];
    for (unsigned i = 0; i < cnt; i++) {
      __int128 w = shift_val (ext (simd_get (a, es + 1, i), 2 * bits, !sgn), 2 * bits, -rs, round);
      uint64_t v;
      if (key == 0x10 || key == 0x11)
        v = (uint64_t) w & m; /* shrn, rshrn */
      else if (key == 0x12 || key == 0x13)
        v = simd_sat_s (s, w, bits); /* sqshrn, sqrshrn */
      else
        v = simd_sat_u (s, w, bits); /* sqshrun, sqrshrun, uqshrn, uqrshrn */
      simd_set (r, es, i + part, v);
    }
    simd_write (s, SIMD_RD (insn), r, !scalar);
    return;
  }
  if (lng) {
    unsigned cnt = 8u >> es, part = q * cnt;
    for (unsigned i = 0; i < cnt; i++)
      simd_set (r, es + 1, i, (uint64_t) (ext (simd_get (a, es, i + part), bits, u) * ((__int128) 1 << ls)));
    simd_write (s, SIMD_RD (insn), r, true);
    return;
  }
  unsigned n = scalar ? 1 : (8u << q) >> es;
  for (unsigned i = 0; i < n; i++) {
    uint64_t x = simd_get (a, es, i), dv = simd_get (d, es, i), v;
    __int128 w;
    switch (key) {
    case 0x00: case 0x20: case 0x04: case 0x24:
      v = (uint64_t) shift_val (ext (x, bits, u), bits, -rs, key & 4) & m;
      break;
    case 0x02: case 0x22: case 0x06: case 0x26:
      v = (dv + (uint64_t) shift_val (ext (x, bits, u), bits, -rs, key & 4)) & m;
      break;
    case 0x28: { /* sri */
      uint64_t mk = rs >= (int) bits ? 0 : m >> rs;
      v = (dv & ~mk) | (rs >= (int) bits ? 0 : x >> rs);
      break;
    }
    case 0x0a: v = (x << ls) & m; break;
    case 0x2a: { /* sli */
      uint64_t mk = (m << ls) & m;
      v = (dv & ~mk) | ((x << ls) & m);
      break;
    }
    case 0x2c: /* sqshlu */
      w = shift_val (ext (x, bits, false), bits, ls, false);
      v = simd_sat_u (s, w, bits);
      break;
    case 0x0e:
      w = shift_val (ext (x, bits, false), bits, ls, false);
      v = simd_sat_s (s, w, bits);
      break;
    case 0x2e:
      w = shift_val (ext (x, bits, true), bits, ls, false);
      v = simd_sat_u (s, w, bits);
      break;
    default: v = 0; break;
    }
    simd_set (r, es, i, v);
  }
  simd_write (s, SIMD_RD (insn), r, q && !scalar);
}
