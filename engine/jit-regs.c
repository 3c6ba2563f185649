/* The translating tier's register allocator (jit-regs.h). */
#include "jit-regs.h"

#include <string.h>

#include <glib.h>

static int32_t
offset_of (const MdlJitRegs *r, unsigned g)
{
  return r->base + r->stride * (int32_t) g;
}

static void
load (MdlJitRegs *r, unsigned k)
{
  unsigned g = (unsigned) r->guest_in[k];

  if ((int) g == r->zero)
    mdl_x86_alu_rr (r->a, MDL_X86_XOR, false, r->pool[k], r->pool[k]);
  else
    mdl_x86_load (r->a, r->width, false, r->pool[k], MDL_X86_STATE, offset_of (r, g));
}

static void
store (MdlJitRegs *r, unsigned k)
{
  mdl_x86_store (r->a, r->width, r->pool[k], MDL_X86_STATE, offset_of (r, (unsigned) r->guest_in[k]));
}

void
mdl_jit_regs_init (MdlJitRegs *r, MdlJitAsm *a, const MdlX86Reg *pool, unsigned npool,
                   unsigned width, int32_t base, int32_t stride, int zero)
{
  g_assert (npool > 0 && npool <= MDL_JIT_REGS_MAX_HOST);
  g_assert (width == 4 || width == 8);
  r->a = a;
  r->pool = pool;
  r->npool = npool;
  r->width = width;
  r->base = base;
  r->stride = stride;
  r->zero = zero;
  mdl_jit_regs_reset (r);
}

void
mdl_jit_regs_reset (MdlJitRegs *r)
{
  memset (r->slot_of, -1, sizeof r->slot_of);
  memset (r->guest_in, -1, sizeof r->guest_in);
  memset (r->dirty, 0, sizeof r->dirty);
  r->pinned = 0;
  r->victim = 0;
}

void
mdl_jit_regs_store_dirty (MdlJitRegs *r, bool clean)
{
  for (unsigned k = 0; k < r->npool; k++)
    if (r->guest_in[k] >= 0 && r->dirty[k]) {
      store (r, k);
      if (clean)
        r->dirty[k] = false;
    }
}

void
mdl_jit_regs_flush (MdlJitRegs *r)
{
  mdl_jit_regs_store_dirty (r, true);
  mdl_jit_regs_reset (r);
}

void
mdl_jit_regs_reload (MdlJitRegs *r)
{
  for (unsigned k = 0; k < r->npool; k++)
    if (r->guest_in[k] >= 0)
      load (r, k);
}

/* A free slot, evicting (and storing, when dirty) an unpinned one. */
static unsigned
alloc_slot (MdlJitRegs *r)
{
  unsigned k;

  for (k = 0; k < r->npool; k++)
    if (r->guest_in[k] < 0)
      goto found;
  /* an instruction never pins the whole pool: frontends use fewer
   * registers per instruction than the pool has */
  g_assert ((r->pinned & ((1u << r->npool) - 1)) != (1u << r->npool) - 1);
  for (;;) {
    k = r->victim;
    r->victim = (r->victim + 1) % r->npool;
    if (!(r->pinned & (1u << k)))
      break;
  }
  if (r->dirty[k])
    store (r, k);
  r->slot_of[r->guest_in[k]] = -1;
found:
  r->guest_in[k] = -1;
  r->dirty[k] = false;
  return k;
}

/* The slot of @g, allocated (not loaded) when not cached; pinned. */
static unsigned
slot_for (MdlJitRegs *r, unsigned g, bool *fresh)
{
  int k = r->slot_of[g];

  g_assert (g < MDL_JIT_REGS_MAX_GUEST);
  *fresh = k < 0;
  if (k < 0) {
    k = (int) alloc_slot (r);
    r->guest_in[k] = (int8_t) g;
    r->slot_of[g] = (int8_t) k;
  }
  r->pinned |= 1u << k;
  return (unsigned) k;
}

MdlX86Reg
mdl_jit_regs_src (MdlJitRegs *r, unsigned g)
{
  bool fresh;
  unsigned k = slot_for (r, g, &fresh);

  if (fresh)
    load (r, k);
  return r->pool[k];
}

MdlX86Reg
mdl_jit_regs_dst (MdlJitRegs *r, unsigned g, bool dirty)
{
  bool fresh;
  unsigned k;

  g_assert ((int) g != r->zero);
  k = slot_for (r, g, &fresh);
  if (dirty)
    r->dirty[k] = true;
  return r->pool[k];
}

bool
mdl_jit_regs_cached (const MdlJitRegs *r, unsigned g, MdlX86Reg *host)
{
  int k = g < MDL_JIT_REGS_MAX_GUEST ? r->slot_of[g] : -1;

  if (k >= 0 && host)
    *host = r->pool[k];
  return k >= 0;
}

void
mdl_jit_regs_drop (MdlJitRegs *r, unsigned g)
{
  int k = r->slot_of[g];

  if (k < 0)
    return;
  r->slot_of[g] = -1;
  r->guest_in[k] = -1;
  r->dirty[k] = false;
  r->pinned &= ~(1u << k);
}

void
mdl_jit_regs_save (const MdlJitRegs *r, MdlJitRegsState *out)
{
  memcpy (out->guest_in, r->guest_in, sizeof out->guest_in);
  memcpy (out->dirty, r->dirty, sizeof out->dirty);
}

bool
mdl_jit_regs_matches (const MdlJitRegs *r, const MdlJitRegsState *st)
{
  for (unsigned k = 0; k < r->npool; k++)
    if (r->guest_in[k] != st->guest_in[k] || (r->dirty[k] && !st->dirty[k]))
      return false;
  return true;
}

void
mdl_jit_regs_restore (MdlJitRegs *r, const MdlJitRegsState *st)
{
  mdl_jit_regs_assume (r, st);
  for (unsigned k = 0; k < r->npool; k++)
    if (st->guest_in[k] >= 0)
      load (r, k);
}

void
mdl_jit_regs_assume (MdlJitRegs *r, const MdlJitRegsState *st)
{
  mdl_jit_regs_reset (r);
  for (unsigned k = 0; k < r->npool; k++)
    if (st->guest_in[k] >= 0) {
      r->guest_in[k] = st->guest_in[k];
      r->dirty[k] = st->dirty[k];
      r->slot_of[st->guest_in[k]] = (int8_t) k;
    }
}
