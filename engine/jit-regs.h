/* The translating tier's register allocator: guest registers kept in
 * host registers within a block, shared by every frontend.
 *
 * A frontend describes its guest's register file once (where register r
 * lives in the CPU state: @base + @stride * r, @width bytes; which
 * register, if any, always reads zero) and hands the allocator a pool of
 * scratch host registers.  While it lowers an instruction it asks for the
 * host register holding a source (loaded on first use) or a destination
 * (marked dirty: newer than the CPU state).  The allocator knows, at
 * translation time, which guest register is where, so the code it
 * produces carries no bookkeeping at run time.
 *
 * The frontend keeps the allocation valid where code paths join: every
 * path into a join point must leave the same registers cached and dirty.
 * The usual shapes are
 *   - before an exit, store the dirty registers (mdl_jit_regs_store_dirty
 *     with @clean false: the translation goes on past the exit's branch);
 *   - around the call of a helper that may read or write any guest
 *     register, store them, call, and mdl_jit_regs_reload (the call
 *     clobbers the scratch registers) — the slow path of a load or store;
 *   - before code that may change any guest register behind the
 *     allocator's back (an executor for a whole instruction),
 *     mdl_jit_regs_flush: afterwards nothing is assumed cached.
 * Registers a single instruction uses are pinned until the frontend calls
 * mdl_jit_regs_next_insn, so that allocating one never evicts another the
 * same instruction is still using.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "jit-x86.h"

#define MDL_JIT_REGS_MAX_HOST  8
#define MDL_JIT_REGS_MAX_GUEST 64

typedef struct {
  MdlJitAsm *a;
  const MdlX86Reg *pool;
  unsigned npool;
  unsigned width;   /* 4 or 8 bytes */
  int32_t base;     /* offset of guest register 0 from MDL_X86_STATE */
  int32_t stride;
  int zero;         /* the guest register that always reads 0, or -1 */
  int8_t slot_of[MDL_JIT_REGS_MAX_GUEST]; /* guest register -> slot, or -1 */
  int8_t guest_in[MDL_JIT_REGS_MAX_HOST]; /* slot -> guest register, or -1 */
  bool dirty[MDL_JIT_REGS_MAX_HOST];
  unsigned pinned;  /* slots the current instruction uses */
  unsigned victim;  /* the next slot to evict */
} MdlJitRegs;

/* What is cached where, as a frontend may remember it at one point of a
 * block and compare it with another (a loop's branch back to its head). */
typedef struct {
  int8_t guest_in[MDL_JIT_REGS_MAX_HOST];
  bool dirty[MDL_JIT_REGS_MAX_HOST];
} MdlJitRegsState;

/* @pool (@npool host registers, none of them MDL_X86_STATE or COUNT,
 * nor r13-r15, the trampoline's) must outlive @r.  Starts empty. */
void mdl_jit_regs_init (MdlJitRegs *r, MdlJitAsm *a, const MdlX86Reg *pool, unsigned npool,
                        unsigned width, int32_t base, int32_t stride, int zero);

/* Forgets every cached register, emitting nothing: at a block's start, or
 * where the CPU state is known to be newer (after mdl_jit_regs_flush). */
void mdl_jit_regs_reset (MdlJitRegs *r);

/* Stores the dirty registers; with @clean they count as clean from here
 * on (every path from here saw the stores), else they stay dirty as far
 * as translation knows (an exit or a slow path beside the main one). */
void mdl_jit_regs_store_dirty (MdlJitRegs *r, bool clean);

/* Stores the dirty registers and forgets them all: before a call that
 * may read or change any guest register. */
void mdl_jit_regs_flush (MdlJitRegs *r);

/* Loads every cached register again, after a call clobbered them. */
void mdl_jit_regs_reload (MdlJitRegs *r);

/* The host register holding guest register @g, loaded when not cached
 * (the zero register: cleared), pinned until the next instruction. */
MdlX86Reg mdl_jit_regs_src (MdlJitRegs *r, unsigned g);

/* The host register that will hold guest register @g (not the zero
 * register), not loaded; with @dirty marked as newer than the CPU state.
 * Pinned until the next instruction. */
MdlX86Reg mdl_jit_regs_dst (MdlJitRegs *r, unsigned g, bool dirty);

/* Whether guest register @g is cached, and in which host register. */
bool mdl_jit_regs_cached (const MdlJitRegs *r, unsigned g, MdlX86Reg *host);

/* Drops guest register @g from the cache without storing it (its value
 * in the CPU state is about to be written some other way). */
void mdl_jit_regs_drop (MdlJitRegs *r, unsigned g);

/* A new instruction: nothing pinned. */
static inline void
mdl_jit_regs_next_insn (MdlJitRegs *r)
{
  r->pinned = 0;
}

void mdl_jit_regs_save (const MdlJitRegs *r, MdlJitRegsState *out);
/* Whether @r caches exactly what @st does, and dirty only what @st has
 * dirty (so that jumping to where @st held needs no stores). */
bool mdl_jit_regs_matches (const MdlJitRegs *r, const MdlJitRegsState *st);
/* Makes @r cache what @st does (emitting the loads) with @st's dirty
 * marks: a loop's head, entered with the registers in the CPU state. */
void mdl_jit_regs_restore (MdlJitRegs *r, const MdlJitRegsState *st);
/* Makes @r cache what @st does, emitting nothing: code reached by a jump
 * from where @st held (a slow path placed out of line), whose host
 * registers hold those guest registers already. */
void mdl_jit_regs_assume (MdlJitRegs *r, const MdlJitRegsState *st);
