/* Private to the Advanced SIMD integer files: element access on the
 * 128-bit V registers, saturation, and the executors the table of
 * aarch64-simd-int.c names.
 *
 *   aarch64-simd-int.c    the table (a64_simd_int_opcodes) and its text;
 *   aarch64-simd-move.c   structure loads/stores, copy (dup, ins, umov,
 *                         smov), modified immediate, permute, ext, tbl;
 *   aarch64-simd-arith.c  arithmetic: three same/different, two-register
 *                         miscellaneous, across lanes, shift by
 *                         immediate, by element, scalar forms.
 *
 * Vectors are handled as two 64-bit halves (lo, hi), element i of size
 * 8 << es bits at bit i << (3 + es) of the 128 bits.  Executors read
 * their operands into locals before writing the destination, so that
 * a destination that is also a source reads its old value.
 */
#pragma once

#include "aarch64-cpu.h"

#define SIMD_RD(i)   ((i) &31)
#define SIMD_RN(i)   (((i) >> 5) & 31)
#define SIMD_RM(i)   (((i) >> 16) & 31)
#define SIMD_Q(i)    (((i) >> 30) & 1)
#define SIMD_U(i)    (((i) >> 29) & 1)
#define SIMD_SIZE(i) (((i) >> 22) & 3)

/* FPSR.QC: the cumulative saturation bit. */
#define A64_FPSR_QC (1u << 27)

static inline uint64_t
simd_mask (unsigned bits)
{
  return bits >= 64 ? ~UINT64_C (0) : (UINT64_C (1) << bits) - 1;
}

static inline int64_t
simd_sx (uint64_t x, unsigned bits)
{
  return bits >= 64 ? (int64_t) x : (int64_t) (x << (64 - bits)) >> (64 - bits);
}

static inline uint64_t
simd_get (const uint64_t *v, unsigned es, unsigned i)
{
  unsigned pos = i << (3 + es);

  return (v[pos >> 6] >> (pos & 63)) & simd_mask (8u << es);
}

static inline void
simd_set (uint64_t *v, unsigned es, unsigned i, uint64_t x)
{
  unsigned pos = i << (3 + es);
  uint64_t m = simd_mask (8u << es) << (pos & 63);

  v[pos >> 6] = (v[pos >> 6] & ~m) | ((x << (pos & 63)) & m);
}

static inline void
simd_read (const A64Cpu *s, unsigned r, uint64_t *v)
{
  v[0] = s->v[r][0];
  v[1] = s->v[r][1];
}

/* Writes V[@r]; a 64-bit (@q false) result clears bits 127:64. */
static inline void
simd_write (A64Cpu *s, unsigned r, const uint64_t *v, bool q)
{
  s->v[r][0] = v[0];
  s->v[r][1] = q ? v[1] : 0;
}

/* Signed and unsigned saturation of @v to @bits, setting FPSR.QC when
 * it clamps. */
static inline uint64_t
simd_sat_s (A64Cpu *s, __int128 v, unsigned bits)
{
  __int128 max = ((__int128) 1 << (bits - 1)) - 1, min = -max - 1;

  if (v > max) {
    s->fpsr |= A64_FPSR_QC;
    v = max;
  } else if (v < min) {
    s->fpsr |= A64_FPSR_QC;
    v = min;
  }
  return (uint64_t) v & simd_mask (bits);
}

static inline uint64_t
simd_sat_u (A64Cpu *s, __int128 v, unsigned bits)
{
  __int128 max = ((__int128) 1 << bits) - 1;

  if (v > max) {
    s->fpsr |= A64_FPSR_QC;
    v = max;
  } else if (v < 0) {
    s->fpsr |= A64_FPSR_QC;
    v = 0;
  }
  return (uint64_t) v & simd_mask (bits);
}

/* AdvSIMDExpandImm for the integer cmodes (0-14): the 64-bit pattern. */
uint64_t a64_simd_expand_imm (bool op, unsigned cmode, unsigned imm8);

/* clang-format off */
#define A64_SIMD_INT_EXECUTORS(X)                                                                  \
  X (ldst_multi) X (ldst_single) X (copy) X (modimm) X (perm) X (ext) X (tbl)                       \
  X (3same) X (logic) X (3diff) X (2misc) X (across) X (shift) X (elem) X (addp_scalar)
/* a64_simd_ok_X: false when the bits are a reserved encoding of the
 * row (UNDEFINED; the disassembler says so too). */
#define A64_SIMD_DECLARE(n)                                                                        \
  void a64_x_simd_##n (A64Cpu *s, uint32_t insn);                                                  \
  bool a64_simd_ok_##n (uint32_t insn);
A64_SIMD_INT_EXECUTORS (A64_SIMD_DECLARE)
#undef A64_SIMD_DECLARE
/* clang-format on */
