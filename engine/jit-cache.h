/* The translating tier's engine side: code memory, the translation cache
 * of one CPU, entering translated code, and chaining blocks.
 *
 * A frontend (in the target's folder) translates a guest block into host
 * code through the emitter of jit-x86.h and hands it here with its key:
 * the guest address it starts at and the target's mode bits (whatever
 * makes the same bytes mean something else: privilege, instruction set
 * state).  This module knows no guest.
 *
 * Code memory is never writable and executable at once.  Where the host
 * allows it, it is one shared memory object mapped twice, writable here
 * and executable there; otherwise one mapping switched between the two
 * with mprotect() around every write.
 *
 * Flushing (self-modifying code, a loader, a debugger, a full cache) may
 * happen inside a helper that translated code called: the blocks are
 * forgotten at once (lookups miss) but their memory is reused only at the
 * next translation, which never happens while translated code runs.
 * Translated code that calls helpers tests *mdl_jit_stale_flag() after
 * each call and leaves when it is set.
 *
 * Chaining: a block's exit towards a known guest address goes through an
 * exit slot (mdl_jit_emit_exit_slot); the first time it is taken the
 * dispatcher looks the next block up and patches the slot into a direct
 * jump (mdl_jit_chain), so that later runs go block to block without
 * returning.  Every block starts with its budget check, so a chained
 * block never overruns the run()'s budget either.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "jit-x86.h"

G_BEGIN_DECLS

typedef struct MdlJit MdlJit;

typedef struct MdlJitBlock MdlJitBlock;
struct MdlJitSite;
struct MdlJitBlock {
  uint64_t     pc;       /* guest address of the first instruction */
  uint64_t     end;      /* one past the last guest byte translated */
  uint64_t     phys;     /* where those bytes are in the address space
                            (pc itself unless the guest translates
                            fetches): what mdl_jit_invalidate compares */
  uint32_t     mode;     /* the frontend's mode bits */
  uint32_t     n_insns;  /* guest instructions on the straight path */
  void        *data;     /* the frontend's, set after commit (NULL) */
  const void  *code;     /* executable entry; NULL once invalidated */
  MdlJitBlock *next;     /* hash chain */
  /* The cache's own: the chain of blocks whose phys starts in the same
   * (hashed) page, and the exit slots and inline caches that jump here
   * (to unlink when the block is invalidated). */
  MdlJitBlock *phys_next;
  uint32_t     in_edges;
  struct MdlJitSite *in_sites;
};

/* Whether this host can run translated code (x86-64 with the System V
 * calling convention). */
bool mdl_jit_host_supported (void);

/* A cache with @code_bytes of code memory and room for @max_blocks
 * blocks; NULL with @error when the host has no executable memory to
 * give (or is not supported). */
MdlJit *mdl_jit_new  (size_t code_bytes, unsigned max_blocks, GError **error);
void    mdl_jit_free (MdlJit *jit);

MdlJitBlock *mdl_jit_lookup (MdlJit *jit, uint64_t pc, uint32_t mode);

/* Forgets every block (see the header comment for when memory is
 * reused); safe from inside helpers. */
void mdl_jit_flush (MdlJit *jit);
/* Forgets the blocks whose guest bytes overlap [addr, addr + len) of the
 * address space (their phys range), and only those: lookups miss them,
 * the exit slots chained to them jump back to the dispatcher again and
 * the inline caches that lead to them are emptied.  Their memory is
 * reused at the next whole flush.  Sets the stale flag when any block
 * went (the running block may be one of them), until the next enter. */
void mdl_jit_invalidate (MdlJit *jit, uint64_t addr, uint64_t len);
/* Whether any block's guest bytes overlap [addr, addr + len) of the
 * address space: what a code listener answers when asked whether it
 * still holds code there (mdl_address_space_add_code_listener_full). */
bool mdl_jit_holds (MdlJit *jit, uint64_t addr, uint64_t len);
/* What translated code tests after a helper call: nonzero once a flush
 * has happened since it was entered. */
const uint8_t *mdl_jit_stale_flag (MdlJit *jit);

/* Translating: mdl_jit_begin() readies @a at the free code memory (after
 * reusing it when the cache was flushed, or flushing it when less than a
 * block's worth is left), the frontend emits, and mdl_jit_commit() enters
 * the block (NULL when @a overflowed: the caller flushes and tries once
 * more, with a shorter block if need be). */
void         mdl_jit_begin  (MdlJit *jit, MdlJitAsm *a);
MdlJitBlock *mdl_jit_commit (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint64_t end,
                             uint32_t mode, uint32_t n_insns);
/* The same for a block fetched through an address translation: its
 * bytes [pc, end) are at [phys, phys + (end - pc)) in the address space,
 * which is what stores (mdl_jit_invalidate) are compared with. */
MdlJitBlock *mdl_jit_commit_phys (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint64_t end,
                                  uint64_t phys, uint32_t mode, uint32_t n_insns);
/* Memory that lives as long as the blocks translated since the last
 * flush (what helpers get as arguments); NULL when the block table is
 * full, which the caller handles as an overflow. */
void        *mdl_jit_alloc_data (MdlJit *jit, size_t size);

/* Code a frontend emits through the cache, which owns the trampoline:
 * the budget check at a block's start (leaves with @pc when fewer than
 * @n_insns instructions are left: the dispatcher then interprets the
 * rest one by one), leaving with the guest address in rax, and leaving
 * through an exit slot with the constant @pc. */
void mdl_jit_emit_budget_check (MdlJit *jit, MdlJitAsm *a, uint64_t pc, uint32_t n_insns);
void mdl_jit_emit_exit         (MdlJit *jit, MdlJitAsm *a);
void mdl_jit_emit_exit_slot    (MdlJit *jit, MdlJitAsm *a, uint64_t pc);
/* Leaving for the guest address in rax that only run time knows (a
 * return, an indirect call): through an inline cache of the last target
 * seen at this site, which mdl_jit_chain fills.  False when the data
 * memory is full (handled as an overflow). */
bool mdl_jit_emit_exit_indirect (MdlJit *jit, MdlJitAsm *a);
/* The end of a block of @n instructions at the known guest address
 * @target: counts them and goes on through an exit slot.  A taken
 * branch need not look at exit_request: within the CPU's run only
 * slow paths and executors set it, and they look at once; another
 * thread's kick sets the budget the next block's check reads to 0
 * (mdl_cpu_kick). */
void mdl_jit_emit_block_end (MdlJit *jit, MdlJitAsm *a, unsigned n, uint64_t target);

/* Runs translated code from @block with @state in MDL_X86_STATE and
 * *@count in MDL_X86_COUNT (the budget it checks is the CPU state's
 * jit_budget: mdl_cpu_begin_translated), until it leaves; stores the
 * count back and returns the guest address it left with. */
uint64_t mdl_jit_enter (MdlJit *jit, const MdlJitBlock *block, void *state,
                        uint64_t *count);
/* After mdl_jit_enter: when it left through a slot that is still valid,
 * makes that slot jump straight to @to from now on, or for an indirect
 * site, makes @to its cached target (@to NULL: the next address is
 * interpreted, the slot stays as it is). */
void     mdl_jit_chain (MdlJit *jit, const MdlJitBlock *to);

/* Counters for the design note's figures and the tests. */
typedef struct {
  uint64_t translations;
  uint64_t flushes;
  uint64_t chains;
  uint64_t invalidated;   /* blocks forgotten one by one (mdl_jit_invalidate) */
  size_t   code_used;
} MdlJitStats;
void mdl_jit_get_stats (MdlJit *jit, MdlJitStats *stats);

G_END_DECLS
