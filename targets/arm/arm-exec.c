/* The Cortex-M run loop and what executors share: the decode cache, memory
 * access, IT blocks and the system instructions.
 *
 * The loop looks the pc up in a direct-mapped decode cache; on a miss it
 * fetches and decodes through the tables of arm-decode.c and stores the
 * fields with the executor of the instruction's length.  It then calls
 * that executor, which returns the next pc, with bit 0 set (ARM_CHECK)
 * when the loop has to look at the core: after an exception, after a
 * write that may unmask an interrupt or stop the core, at the start of an
 * IT block, or when the engine asked run() to return.  Straight-line code
 * therefore costs one cache probe and one indirect call per instruction.
 *
 * IT blocks run outside the fast loop: the IT instruction asks for a
 * check, and the loop then executes the block one instruction at a time,
 * testing each one's condition and advancing ITSTATE.  Instructions inside
 * a block are cached under the tag pc | 1, because 16-bit data processing
 * does not set flags there.
 *
 * Counting: an instruction that raises a fault is counted in run_traps
 * and does not retire.  What is retired is handed to mdl_cpu_account()
 * before every slow-path access and when run() returns.
 *
 * Self-modifying code: stores do not look at the decode cache; the
 * class's flush_code() and any change of the address map empty it (ISB
 * does not: code that writes instructions to RAM on a Cortex-M is rare and
 * would be expected to run a debugger's flush).
 */
#include "arm-cpu.h"

#include <inttypes.h>
#include <string.h>

#include "engine/cache-model.h"
#include "engine/jit-cache.h"

/* ---- decode cache and RAM windows ---------------------------------------- */

static void
arm_flush_icache (ArmCpu *s)
{
  if (s->fill_n <= ARM_FILL_LOG) {
    for (unsigned i = 0; i < s->fill_n; i++)
      s->icache[s->fill_log[i]].tag = ARM_TAG_EMPTY;
  } else {
    for (unsigned i = 0; i < ARM_ICACHE_SIZE; i++)
      s->icache[i].tag = ARM_TAG_EMPTY;
  }
  s->fill_n = 0;
  /* translating tier hook: what the decode cache forgets, the blocks
   * forget (arm-jit.c) */
  if (s->cpu.jit != NULL)
    mdl_jit_flush (s->cpu.jit);
}

void
arm_forget_windows (ArmCpu *s)
{
  s->ld_base = s->st_base = 0;
  s->ld_limit = s->st_limit = 0;
  s->ld_host = s->st_host = NULL;
  s->vec_base = s->vec_limit = 0;
  s->vec_host = NULL;
  s->fetch_win_valid = false;
  s->lit_win_valid = false;
  s->lit_base = s->lit_limit = 0;
}

void
arm_flush_code (MdlCpu *cpu)
{
  arm_flush_icache ((ArmCpu *) cpu);
}

/* A store touched [addr, addr + size) where this core took code from
 * (mdl_address_space_mark_code): the decoded instructions over it are
 * forgotten and so are the translated blocks (translating tier hook), so
 * both tiers run the new bytes from the next instruction fetched on. */
static void
arm_code_written (void *data, uint64_t addr, unsigned size, bool is_write)
{
  ArmCpu *s = data;

  (void) is_write;
  if (size > 2 * ARM_ICACHE_SIZE) {
    for (unsigned i = 0; i < ARM_ICACHE_SIZE; i++)
      s->icache[i].tag = ARM_TAG_EMPTY;
  } else {
    /* A 32-bit instruction may start 2 bytes before the store; entries
     * of IT blocks carry bit 0 in their tag. */
    uint64_t end = (addr + size + 1) & ~UINT64_C (1);

    for (uint64_t pc = (addr & ~UINT64_C (1)) - 2; pc != end; pc += 2) {
      ArmInsn *e = arm_icache_entry (s->icache, pc);

      if ((e->tag & ~1u) == (uint32_t) pc)
        e->tag = ARM_TAG_EMPTY;
    }
  }
  if (s->cpu.jit != NULL)
    mdl_jit_invalidate (s->cpu.jit, addr - 2, (uint64_t) size + 2);
}

void
arm_note_code (ArmCpu *s, uint32_t pc, uint32_t len)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  /* Listening first: code another core marked already must reach this
   * core's copies too. */
  mdl_address_space_add_code_listener (s->cpu.as, arm_code_written, s);
  if (!mdl_address_space_mark_code (s->cpu.as, pc, len))
    return;
  /* The store windows may cover the code: dropped now, not at the next
   * run(), so that the very next store there is heard.  Nothing else
   * changed in the map, unless something already had. */
  arm_forget_windows (s);
  if (s->as_gen == gen)
    s->as_gen = mdl_address_space_generation (s->cpu.as);
}

static void
arm_revalidate (ArmCpu *s)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  if (gen != s->as_gen) {
    s->as_gen = gen;
    arm_forget_windows (s);
    arm_flush_icache (s);
  }
}

/* Finds the RAM (or, for loads, ROM) window around @addr and caches it. */
static uint8_t *
arm_ram_lookup (ArmCpu *s, uint32_t addr, unsigned size, bool store)
{
  MdlRamWindow w;
  uint64_t off, limit;

  if (!mdl_address_space_ram_window (s->cpu.as, addr, &w))
    return NULL;
  if (store && !w.writable)
    return NULL;
  off = addr - w.base;
  if (off >= w.size || w.size - off < size)
    return NULL;
  /* Windows above 4 GiB or larger than the 32-bit space are never hit;
   * with the MPU on, every access is checked on the slow path. */
  if (w.base > UINT32_MAX || w.size > UINT32_MAX || (s->mpu_ctrl & 1) || s->cpu.cache)
    return w.host + off;

  limit = w.size >= 4 ? w.size - 3 : 0;
  if (store) {
    s->st_base = (uint32_t) w.base;
    s->st_limit = (uint32_t) limit;
    s->st_host = w.host;
  } else {
    s->ld_base = (uint32_t) w.base;
    s->ld_limit = (uint32_t) limit;
    s->ld_host = w.host;
  }
  return w.host + off;
}

static inline bool
arm_in_scs (uint32_t addr)
{
  return addr - ARM_SCS_BASE < ARM_SCS_END - ARM_SCS_BASE;
}

/* The DWT and the FPB are the core's own, like the system control space
 * (ARMv7-M). */
static inline bool
arm_in_dwt (const ArmCpu *s, uint32_t addr)
{
  return addr - ARM_DWT_BASE < 0x2000u && s->profile == ARM_V7M;
}

/* The bit-band aliases of the M3 and M4: the word at 0x22000000 + 32 * n
 * + 4 * b is bit b of the byte at 0x20000000 + n (the first MiB of
 * SRAM), and 0x42000000 the same for the peripherals at 0x40000000.  An
 * access reads (and a write writes back) the unit of its own size that
 * holds that byte, as the cores do and QEMU models. */
static inline bool
arm_in_bitband (const ArmCpu *s, uint32_t addr)
{
  return s->bitband && ((addr >> 25) == 0x11 || (addr >> 25) == 0x21);
}

static uint32_t
arm_bitband_target (uint32_t addr, unsigned size, unsigned *bit)
{
  *bit = (addr >> 2) & (8 * size - 1);
  return ((addr & 0xf0000000u) | (addr & 0x01ffffffu) >> 5) & ~(size - 1);
}

static bool
arm_bitband_read (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t *value)
{
  unsigned bit;
  uint32_t unit;

  if (!arm_mem_read (s, done, arm_bitband_target (addr, size, &bit), size, &unit))
    return false;
  *value = (unit >> bit) & 1;
  return true;
}

static bool
arm_bitband_write (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t value)
{
  unsigned bit;
  uint32_t target = arm_bitband_target (addr, size, &bit), unit;

  if (!arm_mem_read (s, done, target, size, &unit))
    return false;
  unit = (unit & ~(1u << bit)) | (value & 1) << bit;
  return arm_mem_write (s, done, target, size, unit);
}

/* The cached windows first: exception entry and return push and pop
 * their frames through here, and the vector table, like literal pools,
 * usually sits in the window instructions are fetched from.  Only a miss
 * in all of them asks the address space (and then replaces the load or
 * store window), so an interrupt storm costs no map lookups. */
static inline uint8_t *
arm_cached_ld (ArmCpu *s, uint32_t addr, unsigned size)
{
  uint32_t off = addr - s->ld_base;
  uint64_t foff;

  if (off < s->ld_limit)
    return s->ld_host + off;
  foff = (uint64_t) addr - s->fetch_win.base;
  if (s->lit_win_valid && foff < s->fetch_win.size && s->fetch_win.size - foff >= size)
    return s->fetch_win.host + foff;
  return NULL;
}

static inline uint32_t
arm_host_get (const uint8_t *host, unsigned size)
{
  uint32_t x;
  uint16_t h;

  switch (size) {
  case 4: memcpy (&x, host, 4); return x;
  case 2: memcpy (&h, host, 2); return h;
  default: return *host;
  }
}

static inline void
arm_host_put (uint8_t *host, unsigned size, uint32_t value)
{
  uint16_t h = (uint16_t) value;

  switch (size) {
  case 4: memcpy (host, &value, 4); break;
  case 2: memcpy (host, &h, 2); break;
  default: *host = (uint8_t) value; break;
  }
}

uint8_t *
arm_frame_window (ArmCpu *s, uint32_t addr, unsigned len, bool store)
{
  uint32_t off = addr - s->st_base;

  if (G_UNLIKELY (s->cpu.cache))
    return NULL; /* word by word, each seen by the cache model */
  /* A window's limit is its size - 3: [off, off + len) fits when off is
   * at most limit + 3 - len. */
  if (s->st_limit + 3 >= len && off <= s->st_limit + 3 - len)
    return s->st_host + off;
  off = addr - s->ld_base;
  if (!store && s->ld_limit + 3 >= len && off <= s->ld_limit + 3 - len)
    return s->ld_host + off;
  /* Once per stack: the next frame there finds the window cached. */
  if (arm_ram_lookup (s, addr, 4, store) == NULL)
    return NULL;
  off = addr - (store ? s->st_base : s->ld_base);
  if (store ? s->st_limit + 3 >= len && off <= s->st_limit + 3 - len
            : s->ld_limit + 3 >= len && off <= s->ld_limit + 3 - len)
    return (store ? s->st_host : s->ld_host) + off;
  return NULL;
}

bool
arm_mem_read (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t *value)
{
  uint8_t *host = arm_cached_ld (s, addr, size);
  uint64_t v = 0;
  MdlMemResult r;

  if (G_UNLIKELY (s->mpu_ctrl & 1)
      && (s->mpu_fault = !arm_mpu_allows (s, addr, size, ARM_MPU_READ)))
    return false;
  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, addr, size, false);
  if (host == NULL)
    host = arm_ram_lookup (s, addr, size, false);
  if (host) {
    *value = arm_host_get (host, size);
    return true;
  }
  arm_sync (s, done);
  if (arm_in_scs (addr))
    return arm_scs_read (s, addr, size, value);
  if (arm_in_dwt (s, addr))
    return size == 4 && !(addr & 3) && arm_privileged (s)
           && (addr < ARM_FPB_BASE ? arm_dwt_read (s, addr & 0xfff, value)
                                   : arm_fpb_read (s, addr & 0xfff, value));
  if (arm_in_bitband (s, addr))
    return arm_bitband_read (s, done, addr, size, value);
  r = mdl_address_space_read (s->cpu.as, addr, size, &v);
  arm_revalidate (s);
  *value = (uint32_t) v;
  return r == MDL_MEM_OK;
}

bool
arm_mem_write (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t value)
{
  uint32_t off = addr - s->st_base;
  uint8_t *host;
  MdlMemResult r;

  if (G_UNLIKELY (s->mpu_ctrl & 1)
      && (s->mpu_fault = !arm_mpu_allows (s, addr, size, ARM_MPU_WRITE)))
    return false;
  if (G_UNLIKELY (s->cpu.cache))
    mdl_cache_model_data (&s->cpu, addr, size, true);
  host = off < s->st_limit ? s->st_host + off : arm_ram_lookup (s, addr, size, true);
  if (host) {
    arm_host_put (host, size, value);
    return true;
  }
  arm_sync (s, done);
  if (arm_in_scs (addr))
    return arm_scs_write (s, addr, size, value);
  if (arm_in_dwt (s, addr))
    return size == 4 && !(addr & 3) && arm_privileged (s)
           && (addr < ARM_FPB_BASE ? arm_dwt_write (s, addr & 0xfff, value)
                                   : arm_fpb_write (s, addr & 0xfff, value));
  if (arm_in_bitband (s, addr))
    return arm_bitband_write (s, done, addr, size, value);
  r = mdl_address_space_write (s->cpu.as, addr, size, value);
  arm_revalidate (s);
  return r == MDL_MEM_OK;
}

/* ---- what executors share ---------------------------------------------- */

typedef enum { ARM_ACC_OK, ARM_ACC_BUS, ARM_ACC_ALIGN } ArmAccess;

static inline bool
arm_misaligned (const ArmCpu *s, uint32_t addr, unsigned size)
{
  return (addr & (size - 1) & s->align_mask) != 0;
}

static G_GNUC_NO_INLINE ArmAccess
arm_load_slow (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, bool sign, uint32_t *value)
{
  if (arm_misaligned (s, addr, size))
    return ARM_ACC_ALIGN;
  if (!arm_mem_read (s, done, addr, size, value))
    return ARM_ACC_BUS;
  if (sign)
    *value
      = size == 1 ? (uint32_t) (int32_t) (int8_t) *value : (uint32_t) (int32_t) (int16_t) *value;
  return ARM_ACC_OK;
}

static G_GNUC_NO_INLINE ArmAccess
arm_store_slow (ArmCpu *s, uint64_t done, uint32_t addr, unsigned size, uint32_t value)
{
  if (arm_misaligned (s, addr, size))
    return ARM_ACC_ALIGN;
  return arm_mem_write (s, done, addr, size, value) ? ARM_ACC_OK : ARM_ACC_BUS;
}

/* Word accesses of LDM, STM, LDRD, STRD (the caller checked alignment). */
static inline ArmAccess
arm_read_word (ArmCpu *s, uint64_t done, uint32_t addr, uint32_t *value)
{
  uint32_t off = addr - s->ld_base;

  if (G_LIKELY (off < s->ld_limit)) {
    memcpy (value, s->ld_host + off, 4);
    return ARM_ACC_OK;
  }
  return arm_mem_read (s, done, addr, 4, value) ? ARM_ACC_OK : ARM_ACC_BUS;
}

static inline ArmAccess
arm_write_word (ArmCpu *s, uint64_t done, uint32_t addr, uint32_t value)
{
  uint32_t off = addr - s->st_base;

  if (G_LIKELY (off < s->st_limit)) {
    memcpy (s->st_host + off, &value, 4);
    return ARM_ACC_OK;
  }
  return arm_mem_write (s, done, addr, 4, value) ? ARM_ACC_OK : ARM_ACC_BUS;
}

static G_GNUC_NO_INLINE uint32_t
arm_access_fault (ArmCpu *s, uint64_t done, uint32_t pc, uint32_t addr, ArmAccess why)
{
  if (why == ARM_ACC_ALIGN)
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  return arm_bus_fault (s, done, pc, addr);
}

/* The slow ends of the load and store executors, reached by a tail call
 * so that their fast paths save no registers.  @flags: the instruction
 * length, the access size << 4, sign extension << 8 and base writeback
 * << 9 (d->imm added to Rn once the access succeeded). */
#define ARM_LS_FLAGS(ilen, size, sign, wb) ((ilen) | (size) << 4 | (sign) << 8 | (wb) << 9)

static G_GNUC_NO_INLINE uint32_t
arm_load_tail (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, uint32_t addr,
               unsigned flags)
{
  uint32_t v;
  ArmAccess why = arm_load_slow (s, done, addr, (flags >> 4) & 15, (flags >> 8) & 1, &v);

  if (why != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr, why);
  if (flags & 1u << 9)
    s->r[d->rn] += d->imm;
  s->r[d->rd] = v;
  return (pc + (flags & 15)) | (uint32_t) mdl_cpu_exit_requested (&s->cpu);
}

static G_GNUC_NO_INLINE uint32_t
arm_store_tail (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, uint32_t addr,
                unsigned flags)
{
  unsigned size = (flags >> 4) & 15;
  uint32_t v = size == 4 ? s->r[d->rd] : s->r[d->rd] & ((1u << 8 * size) - 1);
  ArmAccess why = arm_store_slow (s, done, addr, size, v);

  if (why != ARM_ACC_OK)
    return arm_access_fault (s, done, pc, addr, why);
  if (flags & 1u << 9)
    s->r[d->rn] += d->imm;
  return (pc + (flags & 15)) | (uint32_t) mdl_cpu_exit_requested (&s->cpu);
}

/* A taken branch: also where run() notices a request to return. */
static inline uint32_t
arm_jump (const ArmCpu *s, uint32_t target)
{
  return target | (uint32_t) mdl_cpu_exit_requested (&s->cpu);
}

/* Shift_C of the manual: @n is the amount (0..255 for register shifts). */
static inline uint32_t
arm_shift_c (uint32_t v, unsigned type, unsigned n, uint32_t cin, uint32_t *cout)
{
  switch (type) {
  case ARM_SHIFT_LSL:
    if (n == 0) {
      *cout = cin;
      return v;
    }
    *cout = n <= 32 ? (uint32_t) ((uint64_t) v << n >> 32) & 1 : 0;
    return n < 32 ? v << n : 0;
  case ARM_SHIFT_LSR:
    if (n == 0) {
      *cout = cin;
      return v;
    }
    *cout = n <= 32 ? (v >> (n - 1)) & 1 : 0;
    return n < 32 ? v >> n : 0;
  case ARM_SHIFT_ASR:
    if (n == 0) {
      *cout = cin;
      return v;
    }
    if (n >= 32) {
      *cout = v >> 31;
      return (uint32_t) ((int32_t) v >> 31);
    }
    *cout = ((uint32_t) ((int32_t) v >> (n - 1))) & 1;
    return (uint32_t) ((int32_t) v >> n);
  case ARM_SHIFT_ROR:
    if (n == 0) {
      *cout = cin;
      return v;
    }
    n &= 31;
    v = n ? v >> n | v << (32 - n) : v;
    *cout = v >> 31;
    return v;
  default: /* RRX */ *cout = v & 1; return cin << 31 | v >> 1;
  }
}

static inline uint32_t
arm_shift (uint32_t v, unsigned type, unsigned n, uint32_t cin)
{
  uint32_t c;

  return arm_shift_c (v, type, n, cin, &c);
}

/* x + y + cin, setting N, Z, C and V. */
static inline uint32_t
arm_add_flags (ArmCpu *s, uint32_t x, uint32_t y, uint32_t cin)
{
  uint32_t r = x + y + cin;

  s->cf = cin ? r <= x : r < x;
  s->vf = (x ^ r) & (y ^ r);
  s->nf = s->zf = r;
  return r;
}

/* The low @width bits set (width 1..32). */
static inline uint32_t
arm_mask (uint32_t width)
{
  return width >= 32 ? UINT32_MAX : (1u << width) - 1;
}

static inline uint32_t
arm_rbit (uint32_t v)
{
  v = (v >> 1 & 0x55555555u) | (v & 0x55555555u) << 1;
  v = (v >> 2 & 0x33333333u) | (v & 0x33333333u) << 2;
  v = (v >> 4 & 0x0f0f0f0fu) | (v & 0x0f0f0f0fu) << 4;
  return __builtin_bswap32 (v);
}

/* ---- the per-length executors ----
 *
 * Compiled twice with the instruction length fixed: the next pc is then
 * pc + a constant, which keeps a load off the loop's critical path.
 */

#define ILEN             2
#define ARM_FN(name)     arm16_exec_##name
#define ARM_DP_TABLE     arm16_dp_table
#define ARM_LS_TABLE     arm16_ls_table
#define ARM_BCOND_TABLE  arm16_bcond_table
#define ARM_EXEC_TABLE   arm16_exec_table
#define ARM_EXEC_TABLE_S arm16_exec_table_s
#include "arm-exec-template.h"

#define ILEN             4
#define ARM_FN(name)     arm32_exec_##name
#define ARM_DP_TABLE     arm32_dp_table
#define ARM_LS_TABLE     arm32_ls_table
#define ARM_BCOND_TABLE  arm32_bcond_table
#define ARM_EXEC_TABLE   arm32_exec_table
#define ARM_EXEC_TABLE_S arm32_exec_table_s
#include "arm-exec-template.h"

/* ---- executors of rare instructions (either length) ---- */

#define D_NEXT (pc + d->len)

static uint32_t
arm_exec_undef (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_usage_fault (s, done, pc, ARM_CFSR_UNDEFINSTR);
}

static uint32_t
arm_exec_nocp (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_usage_fault (s, done, pc, ARM_CFSR_NOCP);
}

static uint32_t
arm_exec_fetch_fault (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  /* Instruction fetches from the system region (0xe0000000 and up) are
   * never allowed (execute-never), nor where the MPU says so; elsewhere
   * nothing executable is mapped. */
  if ((s->fetch_fault_addr >= 0xe0000000u || s->mpu_fault) && s->profile == ARM_V7M) {
    s->mpu_fault = false;
    s->cfsr |= ARM_CFSR_IACCVIOL;
    return arm_fault (s, done, pc, ARM_EXC_MEMMANAGE, 0);
  }
  return arm_fault (s, done, pc, ARM_EXC_BUSFAULT, ARM_CFSR_IBUSERR);
}

static inline ArmExecFn arm_inner_exec (const ArmInsn *d);

/* An instruction that reads or writes r15 as a general register. */
static uint32_t
arm_exec_pc_wrap (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t next;

  s->r[15] = pc + 4;
  next = arm_inner_exec (d) (s, d, pc, done);
  s->r[13] &= ~3u; /* "ldr pc, [sp], #4" and the like */
  if (s->trapped || !(d->pc_flags & (ARM_PC_WRITE_ALU | ARM_PC_WRITE_LOAD)))
    return next;
  if (d->pc_flags & ARM_PC_WRITE_ALU)
    return arm_jump (s, s->r[15] & ~1u);
  return arm_bx_write_pc (s, done, pc, s->r[15]);
}

/* An instruction that may write r13 as a general register ("mov sp, r0",
 * "ldr sp, =_estack"): SP[1:0] are zero whatever is written, as on the
 * core (and QEMU), so a misaligned initial stack still pushes aligned. */
static uint32_t
arm_exec_sp_wrap (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  uint32_t next = arm_inner_exec (d) (s, d, pc, done);

  s->r[13] &= ~3u;
  return next;
}

/* ---- exclusives ---- */

static uint32_t
arm_ldrex (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, unsigned size)
{
  uint32_t addr = s->r[d->rn] + d->imm, v;

  if (addr & (size - 1))
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  if (!arm_mem_read (s, done, addr, size, &v))
    return arm_bus_fault (s, done, pc, addr);
  s->excl_valid = true;
  s->excl_addr = addr;
  s->excl_size = size;
  s->excl_value = v;
  s->r[d->rd] = v;
  return D_NEXT | mdl_cpu_exit_requested (&s->cpu);
}

static uint32_t
arm_strex (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done, unsigned size)
{
  uint32_t addr = s->r[d->rn] + d->imm, cur;
  bool ok;

  if (addr & (size - 1))
    return arm_usage_fault (s, done, pc, ARM_CFSR_UNALIGNED);
  ok = s->excl_valid && s->excl_addr == addr && s->excl_size == size;
  s->excl_valid = false;
  /* Cores of one machine run in turn: another one's store since LDREX
   * shows as a changed value (an ABA change goes unnoticed). */
  if (ok) {
    if (!arm_mem_read (s, done, addr, size, &cur))
      return arm_bus_fault (s, done, pc, addr);
    ok = cur == s->excl_value;
  }
  if (ok && !arm_mem_write (s, done, addr, size, s->r[d->rd]))
    return arm_bus_fault (s, done, pc, addr);
  s->r[d->ra] = ok ? 0 : 1;
  return D_NEXT | mdl_cpu_exit_requested (&s->cpu);
}

static uint32_t
arm_exec_ldrex (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_ldrex (s, d, pc, done, 4);
}
static uint32_t
arm_exec_ldrexb (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_ldrex (s, d, pc, done, 1);
}
static uint32_t
arm_exec_ldrexh (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_ldrex (s, d, pc, done, 2);
}
static uint32_t
arm_exec_strex (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_strex (s, d, pc, done, 4);
}
static uint32_t
arm_exec_strexb (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_strex (s, d, pc, done, 1);
}
static uint32_t
arm_exec_strexh (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_strex (s, d, pc, done, 2);
}

static uint32_t
arm_exec_clrex (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  s->excl_valid = false;
  return D_NEXT;
}

/* ---- special registers ---- */

uint32_t
arm_xpsr (const ArmCpu *s)
{
  /* EPSR: T (bit 24), IT[1:0] in bits 26:25, IT[7:2] in bits 15:10. */
  return arm_apsr (s) | 1u << 24 | (s->itstate & 3) << 25 | (s->itstate >> 2) << 10 | s->ipsr;
}

/* MRS of anything but IPSR alone (arm_exec_mrs). */
static G_GNUC_NO_INLINE uint32_t
arm_exec_mrs_other (ArmCpu *s, const ArmInsn *d, uint32_t pc)
{
  unsigned sysm = d->imm;
  uint32_t v = 0;
  bool priv = arm_privileged (s);

  switch (sysm >> 3) {
  case 0: /* xPSR views: bit 0 adds IPSR, bit 1 removes APSR; EPSR
                 reads as zero */
    if (sysm & 1)
      v |= s->ipsr;
    if (!(sysm & 4))
      v |= arm_apsr (s) & (s->profile == ARM_V7M ? 0xf80f0000u : 0xf0000000u);
    break;
  case 1:
    if (priv && sysm == 8)
      v = arm_get_msp (s);
    else if (priv && sysm == 9)
      v = arm_get_psp (s);
    break;
  case 2:
    if (sysm == 16)
      v = s->primask;
    else if ((sysm == 17 || sysm == 18) && s->profile == ARM_V7M)
      v = s->basepri;
    else if (sysm == 19 && s->profile == ARM_V7M)
      v = s->faultmask;
    else if (sysm == 20)
      v = s->control;
    break;
  default: break;
  }
  s->r[d->rd] = v;
  return D_NEXT;
}

static uint32_t
arm_exec_mrs (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  /* IPSR alone: what a handler shared by several exceptions reads
   * first, at every interrupt of a storm. */
  if (d->imm == 5) {
    s->r[d->rd] = s->ipsr;
    return D_NEXT;
  }
  return arm_exec_mrs_other (s, d, pc);
}

static uint32_t
arm_exec_msr (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  unsigned sysm = d->imm;
  uint32_t v = s->r[d->rn];
  bool priv = arm_privileged (s);

  switch (sysm) {
  case 0:
  case 1:
  case 2:
  case 3:
    /* APSR: flags (and Q on ARMv7-M) when mask<1> is set; writes to
       * IPSR and EPSR are ignored. */
    if (d->shift_n & 2) {
      uint32_t keep = s->profile == ARM_V7M ? v : (v & 0xf0000000u) | (s->qf << 27);
      uint32_t ge = s->ge;

      arm_set_apsr (s, keep);
      s->ge = ge;
    }
    /* mask<0>: the GE flags, on a core with the DSP extension. */
    if ((d->shift_n & 1) && (s->isa & ARM_DSP))
      s->ge = (v >> 16) & 15;
    break;
  case 8:
    if (priv)
      arm_set_msp (s, v);
    break;
  case 9:
    if (priv)
      arm_set_psp (s, v);
    break;
  case 16:
    if (priv)
      s->primask = v & 1;
    break;
  case 17:
    if (priv && s->profile == ARM_V7M)
      s->basepri = v & 0xff & ~((1u << (8 - s->prio_bits)) - 1);
    break;
  case 18:
    if (priv && s->profile == ARM_V7M) {
      uint32_t nv = v & 0xff & ~((1u << (8 - s->prio_bits)) - 1);

      if (nv != 0 && (nv < s->basepri || s->basepri == 0))
        s->basepri = nv;
    }
    break;
  case 19:
    /* FAULTMASK cannot be set from the NMI or HardFault handler (or
       * while already set); clearing it is always allowed. */
    if (priv && s->profile == ARM_V7M && (!(v & 1) || arm_execution_priority (s) > -1))
      s->faultmask = v & 1;
    break;
  case 20:
    if (priv)
      arm_set_control (s, v);
    break;
  default: break;
  }
  /* An interrupt may have become unmasked. */
  return D_NEXT | ARM_CHECK;
}

static uint32_t
arm_exec_cps (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  bool disable = d->imm & 0x10;

  if (arm_privileged (s)) {
    if (d->imm & 2)
      s->primask = disable;
    if ((d->imm & 1) && s->profile == ARM_V7M && (!disable || arm_execution_priority (s) > -1))
      s->faultmask = disable;
  }
  return D_NEXT | ARM_CHECK;
}

static uint32_t
arm_exec_isb (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return D_NEXT | ARM_CHECK;
}

/* ---- hints, exceptions, IT ---- */

static uint32_t
arm_exec_wfi (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  /* WFI retires; the core sleeps after it until an exception is pending
   * that would preempt were PRIMASK clear (set_irq wakes it). */
  if (!arm_wake_pending (s))
    s->cpu.state = MDL_CPU_WAITING;
  return D_NEXT | ARM_CHECK;
}

static uint32_t
arm_exec_wfe (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  if (s->event) {
    s->event = false;
    return D_NEXT;
  }
  if (!arm_wake_pending (s))
    s->cpu.state = MDL_CPU_WAITING;
  return D_NEXT | ARM_CHECK;
}

static uint32_t
arm_exec_sev (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  /* Other cores of the machine are not told: each keeps its own event
   * register, and a sleeping one is woken by its interrupts only. */
  s->event = true;
  return D_NEXT;
}

static uint32_t
arm_exec_svc (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_svc (s, D_NEXT);
}

static uint32_t
arm_exec_bkpt (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  arm_sync (s, done);
  if (d->imm == 0xab) {
    /* Semihosting: the call retires like any instruction. */
    arm_semihost (s, pc);
    return D_NEXT | ARM_CHECK;
  }
  /* No debugger is attached to take the breakpoint: stop there, with the
   * pc on the bkpt, as a halting debugger would show it. */
  s->trapped = true;
  mdl_machine_stop (s->cpu.machine, MDL_STOP_FATAL, 1, "CPU %s: breakpoint at 0x%08x (bkpt 0x%02x)",
                    s->cpu.name, pc, d->imm);
  return pc | ARM_CHECK;
}

static uint32_t
arm_exec_udf (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  return arm_usage_fault (s, done, pc, ARM_CFSR_UNDEFINSTR);
}

static uint32_t
arm_exec_it (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  s->itstate = d->imm;
  return D_NEXT | ARM_CHECK;
}

/* clang-format off */
static const ArmExecFn arm_exec_table_any[ARM_OP_COUNT] = {
  [ARM_OP_UNDEF] = arm_exec_undef, [ARM_OP_NOCP] = arm_exec_nocp,
  [ARM_OP_LDREX] = arm_exec_ldrex, [ARM_OP_LDREXB] = arm_exec_ldrexb,
  [ARM_OP_LDREXH] = arm_exec_ldrexh, [ARM_OP_STREX] = arm_exec_strex,
  [ARM_OP_STREXB] = arm_exec_strexb, [ARM_OP_STREXH] = arm_exec_strexh,
  [ARM_OP_CLREX] = arm_exec_clrex,
  [ARM_OP_MRS] = arm_exec_mrs, [ARM_OP_MSR] = arm_exec_msr,
  [ARM_OP_PAR] = arm_exec_par, [ARM_OP_QADDSUB] = arm_exec_qaddsub,
  [ARM_OP_SEL] = arm_exec_sel, [ARM_OP_SMULXY] = arm_exec_smulxy,
  [ARM_OP_SMULWY] = arm_exec_smulwy, [ARM_OP_SMUAD] = arm_exec_smuad,
  [ARM_OP_SMMUL] = arm_exec_smmul, [ARM_OP_USAD8] = arm_exec_usad8,
  [ARM_OP_SMLALXY] = arm_exec_smlalxy, [ARM_OP_SMLALD] = arm_exec_smlald,
  [ARM_OP_UMAAL] = arm_exec_umaal, [ARM_OP_PKH] = arm_exec_pkh,
  [ARM_OP_SAT16] = arm_exec_sat16, [ARM_OP_XTA] = arm_exec_xta,
  [ARM_OP_VDP] = arm_exec_vdp, [ARM_OP_VXFER] = arm_exec_vxfer,
  [ARM_OP_VMOV2] = arm_exec_vmov2, [ARM_OP_VLDST] = arm_exec_vldst,
  [ARM_OP_CPS] = arm_exec_cps, [ARM_OP_ISB] = arm_exec_isb,
  [ARM_OP_WFE] = arm_exec_wfe, [ARM_OP_WFI] = arm_exec_wfi,
  [ARM_OP_SEV] = arm_exec_sev, [ARM_OP_SVC] = arm_exec_svc,
  [ARM_OP_BKPT] = arm_exec_bkpt, [ARM_OP_UDF] = arm_exec_udf,
  [ARM_OP_IT] = arm_exec_it,
};
/* clang-format on */

/* ---- fetch, decode, run ---------------------------------------------------- */

static bool
arm_fetch16 (ArmCpu *s, uint32_t addr, uint32_t *value)
{
  MdlRamWindow *w = &s->fetch_win;
  uint16_t h;

  if (!s->fetch_win_valid || addr - w->base >= w->size || w->size - (addr - w->base) < 2) {
    s->fetch_win_valid = mdl_address_space_ram_window (s->cpu.as, addr, w);
    s->lit_win_valid = s->fetch_win_valid && !(s->mpu_ctrl & 1) && !s->cpu.cache;
    s->lit_base = (uint32_t) w->base;
    s->lit_limit = s->lit_win_valid && w->base <= UINT32_MAX && w->size >= 4
                       && w->size <= (uint64_t) UINT32_MAX + 1 - w->base
                     ? (uint32_t) (w->size - 3)
                     : 0;
    if (!s->fetch_win_valid || w->size - (addr - w->base) < 2) {
      /* A watched byte has no window (its loads and stores must take
       * the slow path) but is still memory: a watchpoint over code must
       * not make it unfetchable.  Read without watching, as a fetch is
       * no data access; anything but RAM or ROM still faults. */
      if (!mdl_address_space_read_memory (s->cpu.as, addr, &h, 2))
        return false;
      *value = h;
      return true;
    }
  }
  memcpy (&h, w->host + (addr - w->base), 2);
  *value = h;
  return true;
}

static bool
arm_is_dp (ArmOp op)
{
  return op >= ARM_DP_FIRST && op < ARM_DP_FIRST + ARM_DP_COUNT;
}

static bool
arm_is_ls (ArmOp op)
{
  return op >= ARM_LS_FIRST && op < ARM_LS_FIRST + ARM_LS_COUNT;
}

/* The executor of an instruction of @op, 32-bit when @wide, with the
 * operand kind @kind, setting flags when @setflags, of condition @cond
 * (b<cond>): what arm_pick_exec goes by. */
static ArmExecFn
arm_exec_by (bool wide, ArmOp op, unsigned kind, bool setflags, unsigned cond)
{
  if (arm_is_dp (op))
    return (wide ? arm32_dp_table : arm16_dp_table)[op - ARM_DP_FIRST][kind][setflags];
  if (arm_is_ls (op))
    return (wide ? arm32_ls_table : arm16_ls_table)[op - ARM_LS_FIRST][kind];
  if (op == ARM_OP_BCOND)
    return (wide ? arm32_bcond_table : arm16_bcond_table)[cond];
  if (setflags && (wide ? arm32_exec_table_s : arm16_exec_table_s)[op])
    return (wide ? arm32_exec_table_s : arm16_exec_table_s)[op];
  if ((wide ? arm32_exec_table : arm16_exec_table)[op])
    return (wide ? arm32_exec_table : arm16_exec_table)[op];
  if (arm_exec_table_any[op])
    return arm_exec_table_any[op];
  return arm_exec_undef;
}

/* The executor of a decoded instruction. */
static ArmExecFn
arm_pick_exec (const ArmDecoded *dec)
{
  if (!dec->op)
    return arm_exec_undef;
  return arm_exec_by (dec->len == 4, dec->op->op, dec->kind, dec->setflags, dec->cond);
}

/* What ArmInsn.inner keeps of a wrapped instruction instead of a second
 * executor pointer (which made the entry 40 bytes): what arm_exec_by
 * goes by, in 16 bits, bit 0 set so that it is never 0.  Bits 1 and 2:
 * wide and setflags; 3-4: the kind (data processing, loads and stores);
 * 5-8: the condition (b<cond>); 9-15: the op. */
G_STATIC_ASSERT (ARM_OP_COUNT <= 128);
G_STATIC_ASSERT (ARM_K_COUNT_DP <= 4 && ARM_K_COUNT_LS <= 4);

static uint16_t
arm_inner_key (const ArmDecoded *dec)
{
  ArmOp op = dec->op->op;
  unsigned kind = arm_is_dp (op) || arm_is_ls (op) ? dec->kind : 0;
  unsigned cond = op == ARM_OP_BCOND ? dec->cond & 15 : 0;

  return (uint16_t) (1u | (dec->len == 4) << 1 | (unsigned) dec->setflags << 2 | kind << 3
                     | cond << 5 | (unsigned) op << 9);
}

/* The executor a wrapped entry @d runs. */
static inline ArmExecFn
arm_inner_exec (const ArmInsn *d)
{
  unsigned k = d->inner;

  return arm_exec_by ((k >> 1) & 1, (ArmOp) (k >> 9), (k >> 3) & 3, (k >> 2) & 1, (k >> 5) & 15);
}

/* Whether the Rn field of an instruction of operation @op names a
 * register it reads.  Not in mov and mvn: the 32-bit encodings' field is
 * 1111 (ARM_FMT_DP_*_MOV), the 16-bit ones' holds Rd.  Not in bfc: its
 * 1111 is what tells it from bfi (ARM_FMT_BFC).  (No Rm or Ra field
 * names no register: the decoder leaves those it does not fill at 0, and
 * the forms whose Ra is 1111, mul and the DSP multiplies, are rows of
 * their own without Ra.) */
static bool
arm_rn_is_read (ArmOp op)
{
  return op != ARM_OP_MOV && op != ARM_OP_MVN && op != ARM_OP_BFC;
}

/* How an instruction uses r15 as a general register. */
static unsigned
arm_pc_flags (const ArmDecoded *dec)
{
  ArmOp op = dec->op ? dec->op->op : ARM_OP_UNDEF;
  unsigned flags = 0;
  bool test;

  /* Only loads, stores and preloads have a literal kind: ARM_K_LIT has
   * the value of the data-processing ARM_K_SHIFT, and a shifted operand
   * with pc in it once went unwrapped (r15 read stale, a pc written taken
   * as a register: fuzz-arm arm/regressions/dp-shift-pc-operand).  The
   * compares' rd field is 15 and names no register; nor does the Rn
   * field of some (arm_rn_is_read). */
  if (!dec->op || op == ARM_OP_LDRD || op == ARM_OP_ADR)
    return 0;
  /* A literal's pc is its own (Align (pc, 4)); a word loaded from one
   * into the pc is a branch all the same (ldr pc, [pc, #imm] ran on
   * before). */
  if ((arm_is_ls (op) || op == ARM_OP_PLD) && dec->kind == ARM_K_LIT)
    return dec->rd == 15 && op == ARM_OP_LDR ? ARM_PC_WRITE_LOAD : 0;
  test = op == ARM_OP_TST || op == ARM_OP_TEQ || op == ARM_OP_CMP || op == ARM_OP_CMN;
  if ((dec->rn == 15 && arm_rn_is_read (op)) || dec->rm == 15 || dec->ra == 15
      || (dec->rd == 15 && !test))
    flags |= ARM_PC_READ;
  if (dec->rd == 15 && arm_is_dp (op) && !test)
    flags |= ARM_PC_WRITE_ALU;
  if (dec->rd == 15 && op == ARM_OP_LDR)
    flags |= ARM_PC_WRITE_LOAD;
  return flags;
}

static const ArmInsn *arm_fill_entry (ArmCpu *s, ArmInsn *e, uint32_t pc, bool in_it);

/* The executor of an instruction that has a breakpoint: stops before it
 * (it does not retire, like a trapped instruction), or, when resuming from
 * that breakpoint, decodes it afresh and runs it. */
static uint32_t
arm_exec_breakpoint (ArmCpu *s, const ArmInsn *d, uint32_t pc, uint64_t done)
{
  ArmInsn real;
  const ArmInsn *r;

  if (mdl_cpu_breakpoint_hit (&s->cpu, pc)) {
    s->trapped = true;
    return pc | ARM_CHECK;
  }
  r = arm_fill_entry (s, &real, pc, false);
  return r->exec (s, r, pc, done);
}

/* Decodes the instruction at @pc into cache entry @e, with the breakpoint
 * hook in front when there is one (so breakpoints cost nothing until their
 * instruction is decoded).  Breakpoints inside IT blocks are not seen. */
static G_GNUC_NO_INLINE const ArmInsn *
arm_fill (ArmCpu *s, ArmInsn *e, uint32_t pc, bool in_it)
{
  const ArmInsn *d = arm_fill_entry (s, e, pc, in_it);

  /* (fill_n stops one past the log: counting on, it would wrap to a
   * small number after 2^32 fills and a flush would miss entries) */
  if (d == e && s->fill_n <= ARM_FILL_LOG) {
    if (s->fill_n < ARM_FILL_LOG)
      s->fill_log[s->fill_n] = (uint16_t) (e - s->icache);
    s->fill_n++;
  }
  if (d == e && !in_it && G_UNLIKELY (mdl_cpu_breakpoint_at (&s->cpu, pc) || arm_fpb_match (s, pc)))
    e->exec = arm_exec_breakpoint;
  /* The cache model sees every fetch: the entry runs once and is
   * filled again next time. */
  if (G_UNLIKELY (s->cpu.cache) && d == e) {
    mdl_cache_model_fetch (&s->cpu, pc, e->len);
    e->tag = ARM_TAG_EMPTY;
  }
  return d;
}

/* Decodes the instruction at @pc into cache entry @e.  When it cannot be
 * fetched, returns an uncached entry that raises the fault. */
static const ArmInsn *
arm_fill_entry (ArmCpu *s, ArmInsn *e, uint32_t pc, bool in_it)
{
  uint32_t hw1, hw2 = 0, raw;
  ArmDecoded dec;

  if (G_UNLIKELY (s->mpu_ctrl & 1) && (s->mpu_fault = !arm_mpu_allows (s, pc, 2, ARM_MPU_EXEC))) {
    s->fetch_fault_addr = pc;
    goto fault;
  }
  if (!arm_fetch16 (s, pc, &hw1)) {
    s->fetch_fault_addr = pc;
    goto fault;
  }
  raw = hw1;
  if (arm_insn_length (hw1) == 4) {
    if (G_UNLIKELY (s->mpu_ctrl & 1)
        && (s->mpu_fault = !arm_mpu_allows (s, pc + 2, 2, ARM_MPU_EXEC))) {
      s->fetch_fault_addr = pc + 2;
      goto fault;
    }
    if (!arm_fetch16 (s, pc + 2, &hw2)) {
      s->fetch_fault_addr = pc + 2;
      goto fault;
    }
    raw = hw1 << 16 | hw2;
  }

  /* Stores to these bytes must reach the entry (arm_code_written). */
  arm_note_code (s, pc, arm_insn_length (hw1));
  arm_decode (s->isa, raw, in_it, &dec);
  arm_interp_entry (e, &dec, pc, in_it);
  return e;

fault:
  s->fault_entry.tag = ARM_TAG_EMPTY;
  s->fault_entry.exec = arm_exec_fetch_fault;
  s->fault_entry.len = 2;
  return &s->fault_entry;
}

/* Fills decode-cache entry @e from @dec (also what the translating tier
 * calls executors with). */
void
arm_interp_entry (ArmInsn *e, const ArmDecoded *dec, uint32_t pc, bool in_it)
{
  e->tag = pc | in_it;
  e->exec = arm_pick_exec (dec);
  e->inner = 0;
  e->imm = dec->imm;
  e->raw = dec->raw;
  e->rd = dec->rd;
  e->rn = dec->rn;
  e->rm = dec->rm;
  e->ra = dec->ra;
  e->shift_type = dec->shift_type;
  e->shift_n = dec->shift_n;
  e->carry = dec->carry;
  e->len = dec->len;
  e->index = dec->index;
  e->wback = dec->wback;
  e->pc_flags = arm_pc_flags (dec);
  if (e->pc_flags) {
    e->inner = arm_inner_key (dec);
    e->exec = arm_exec_pc_wrap;
  } else if (dec->op && dec->op->op != ARM_OP_LDM && dec->op->op != ARM_OP_STMDB
             && (dec->rd == 13 || dec->ra == 13 || (dec->rn == 13 && dec->wback))) {
    /* Push and pop move sp by whole words and stay out.  Masking an
     * aligned sp changes nothing, so a store of sp that comes here costs
     * a call and no error. */
    e->inner = arm_inner_key (dec);
    e->exec = arm_exec_sp_wrap;
  }
}

static inline uint32_t
arm_step (ArmCpu *s, ArmInsn *cache, uint32_t pc, uint64_t done)
{
  ArmInsn *e = arm_icache_entry (cache, pc);
  const ArmInsn *d = e;

  if (G_UNLIKELY (e->tag != pc))
    d = arm_fill (s, e, pc, false);
  return d->exec (s, d, pc, done);
}

/* One instruction of an IT block: runs it if its condition passes, then
 * advances ITSTATE (unless an exception entry or return replaced it). */
static uint32_t
arm_step_it (ArmCpu *s, uint32_t pc, uint64_t done)
{
  ArmInsn *e = arm_icache_entry (s->icache, pc);
  const ArmInsn *d = e;
  uint32_t it = s->itstate, next;

  /* pc 0xfffffffe inside an IT block is the one (pc | 1) equal to
   * ARM_TAG_EMPTY: an empty entry would be taken as its decoding (an
   * executor never set: a host crash, fuzz-arm
   * arm/regressions/it-block-at-0xfffffffe).  Nothing is ever decoded
   * there (the System region never executes), so it is always filled,
   * which makes the fault. */
  if (e->tag != (pc | 1) || G_UNLIKELY (pc == (ARM_TAG_EMPTY & ~1u)))
    d = arm_fill (s, e, pc, true);
  if (arm_cond_pass (s, it >> 4))
    next = d->exec (s, d, pc, done);
  else
    next = pc + d->len;
  if (!s->trapped && !s->ipsr_changed)
    s->itstate = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
  return next;
}

uint64_t
arm_run (MdlCpu *cpu, uint64_t budget)
{
  ArmCpu *s = (ArmCpu *) cpu;
  ArmInsn *const cache = s->icache;
  uint32_t pc;
  uint64_t n = 0, limit;

  mdl_cpu_set_exit_request (cpu, false);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  arm_revalidate (s);
  s->run_traps = 0;
  s->run_accounted = 0;
  s->trapped = false;
  s->ipsr_changed = false;
  pc = arm_check_interrupts (s, s->pc) & ~ARM_CHECK;
  s->trapped = false;
  /* Taking it may have locked the core up (arm_lockup halts it): a
   * locked-up core runs nothing, not the code at the pc it locked at. */
  if (cpu->state != MDL_CPU_RUNNING)
    budget = n;
  limit = mdl_cpu_run_limit (n, budget, cpu->own_budget);

  for (;;) {
    /* Inside an IT block: one instruction at a time. */
    while (G_UNLIKELY (s->itstate) && n < limit) {
      pc = arm_step_it (s, pc, n++);
      if (pc & ARM_CHECK)
        goto check;
    }

    while (G_LIKELY (n < limit)) {
      /* Four dispatches in a row when the budget allows: each has its
           * own indirect call, which the host predicts better. */
      if (G_LIKELY (limit - n >= 4)) {
        pc = arm_step (s, cache, pc, n++);
        if (G_UNLIKELY (pc & ARM_CHECK))
          goto check;
        pc = arm_step (s, cache, pc, n++);
        if (G_UNLIKELY (pc & ARM_CHECK))
          goto check;
        pc = arm_step (s, cache, pc, n++);
        if (G_UNLIKELY (pc & ARM_CHECK))
          goto check;
        pc = arm_step (s, cache, pc, n++);
      } else
        pc = arm_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & ARM_CHECK))
        goto check;
    }
    if (n >= budget)
      break;
    /* The instant of the core's own event (SysTick): fired here, then
     * the look at interrupts that a new run() would begin with. */
    limit = arm_fire_own (s, n, budget);
    goto look;

  check:
    pc &= ~ARM_CHECK;
    arm_count_trap (s);
  look:
    if (arm_loop_look (s, &pc) || n >= budget)
      break;
  }

  s->pc = pc;
  arm_sync (s, n);
  return n - s->run_traps;
}

/* ---- translating tier hooks: the run loop's steps for arm-jit.c ---- */

void
arm_interp_begin (ArmCpu *s)
{
  arm_revalidate (s);
  s->run_traps = 0;
  s->run_accounted = 0;
  s->trapped = false;
  s->ipsr_changed = false;
}

uint32_t
arm_interp_step (ArmCpu *s, uint32_t pc, uint64_t done)
{
  return arm_step (s, s->icache, pc, done);
}

uint32_t
arm_interp_step_it (ArmCpu *s, uint32_t pc, uint64_t done)
{
  return arm_step_it (s, pc, done);
}
