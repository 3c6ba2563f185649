/* The RISC-V run loop and what executors share: the decode cache, memory
 * access, traps and interrupts.
 *
 * The loop looks the pc up in a direct-mapped decode cache; on a miss it
 * fetches and decodes through the table of riscv-decode.c and stores the
 * fields with the executor of the hart's XLEN.  It then calls that
 * executor, which returns the next pc.  Executors return the next pc with
 * bit 0 set (RV_CHECK) when the loop has to look at the hart: after a
 * trap, after a write that may enable an interrupt or stop the hart, or
 * when the engine asked run() to return.  Straight-line code therefore
 * costs one cache probe and one indirect call per instruction.
 *
 * Counting: the loop counts every instruction it dispatches; one that
 * traps is counted in run_traps and not retired (it advances neither
 * minstret nor time), as the specification says of minstret.  What is
 * retired is handed to mdl_cpu_account() before every slow-path access,
 * CSR access, and when run() returns.
 *
 * Self-modifying code: stores do not look at the decode cache; fence.i,
 * the class's flush_code() and any change of the address map empty it.
 */
#include "riscv-cpu.h"

#include <inttypes.h>
#include <string.h>

#include "engine/machine.h"

/* ---- accounting ------------------------------------------------------ */

/* Hands the instructions retired so far in this run to the engine, so that
 * devices and counters see exact time.  @done: instructions dispatched
 * before the current one. */
static void
rv_sync (RvCpu *s, uint64_t done)
{
  uint64_t retired = done - s->run_traps;

  mdl_cpu_account (&s->cpu, retired - s->run_accounted);
  s->run_accounted = retired;
}

/* ---- decode cache and RAM windows ---------------------------------------- */

static void
rv_flush_icache (RvCpu *s)
{
  for (unsigned i = 0; i < RV_ICACHE_SIZE; i++)
    s->icache[i].pc = RV_TAG_EMPTY;
}

void
rv_forget_windows (RvCpu *s)
{
  s->ld_base = s->st_base = 0;
  s->ld_limit = s->st_limit = 0;   /* no address hits */
  s->ld_host = s->st_host = NULL;
  s->fetch_win_valid = false;
}

void
rv_flush_code (MdlCpu *cpu)
{
  rv_flush_icache ((RvCpu *) cpu);
}

/* Drops everything derived from the address map when the map changed
 * (a device may remap memory during a slow-path access). */
static void
rv_revalidate (RvCpu *s)
{
  uint64_t gen = mdl_address_space_generation (s->cpu.as);

  if (gen != s->as_gen) {
    s->as_gen = gen;
    rv_forget_windows (s);
    rv_flush_icache (s);
  }
}

/* Finds the RAM (or, for loads, ROM) window around @addr and caches it for
 * the fast path.  Returns the host pointer for @size bytes at @addr, or
 * NULL when they are not all inside one window. */
static uint8_t *
rv_ram_lookup (RvCpu *s, uint64_t addr, unsigned size, bool store)
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

  limit = w.size >= 8 ? w.size - 7 : 0;
  if (store) {
    s->st_base = w.base;
    s->st_limit = limit;
    s->st_host = w.host;
  } else {
    s->ld_base = w.base;
    s->ld_limit = limit;
    s->ld_host = w.host;
  }
  return w.host + off;
}

/* Reads @size bytes at @addr (little-endian, zero-extended) from RAM, ROM
 * or a device.  A device access is preceded by rv_sync and followed by a
 * map check.  False when the access is refused. */
static bool
rv_mem_read (RvCpu *s, uint64_t done, uint64_t addr, unsigned size,
             uint64_t *value)
{
  uint8_t *host;
  MdlMemResult r;

  if (addr - s->ld_base < s->ld_limit)
    host = s->ld_host + (addr - s->ld_base);
  else
    host = rv_ram_lookup (s, addr, size, false);

  if (host) {
    *value = 0;
    memcpy (value, host, size);
    return true;
  }

  rv_sync (s, done);
  r = mdl_address_space_read (s->cpu.as, addr, size, value);
  rv_revalidate (s);
  return r == MDL_MEM_OK;
}

static bool
rv_mem_write (RvCpu *s, uint64_t done, uint64_t addr, unsigned size,
              uint64_t value)
{
  uint8_t *host;
  MdlMemResult r;

  if (addr - s->st_base < s->st_limit)
    host = s->st_host + (addr - s->st_base);
  else
    host = rv_ram_lookup (s, addr, size, true);

  if (host) {
    memcpy (host, &value, size);
    return true;
  }

  rv_sync (s, done);
  r = mdl_address_space_write (s->cpu.as, addr, size, value);
  rv_revalidate (s);
  return r == MDL_MEM_OK;
}

/* Sign-extends the low @size bytes of @v. */
static inline uint64_t
rv_sext (uint64_t v, unsigned size)
{
  unsigned shift = 64 - 8 * size;

  return (uint64_t) ((int64_t) (v << shift) >> shift);
}

/* ---- traps and interrupts ---------------------------------------------- */

static const char *
rv_cause_name (unsigned cause)
{
  switch (cause) {
  case RV_EXC_INSN_ACCESS: return "instruction access fault";
  case RV_EXC_ILLEGAL: return "illegal instruction";
  case RV_EXC_BREAKPOINT: return "breakpoint";
  case RV_EXC_LOAD_MISALIGNED: return "misaligned load";
  case RV_EXC_LOAD_ACCESS: return "load access fault";
  case RV_EXC_STORE_MISALIGNED: return "misaligned store/AMO";
  case RV_EXC_STORE_ACCESS: return "store/AMO access fault";
  case RV_EXC_ECALL_M: return "environment call";
  default: return "exception";
  }
}

/* Takes a trap into machine mode; returns the handler address. */
static uint64_t
rv_enter_trap (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval,
               bool interrupt)
{
  uint64_t target = s->mtvec & ~UINT64_C (3);

  s->mepc = pc;
  s->mcause = cause;
  if (interrupt)
    s->mcause |= UINT64_C (1) << (s->xlen - 1);
  s->mtval = tval & rv_xmask (s);
  s->mstatus = (s->mstatus & RV_MSTATUS_MIE) ? RV_MSTATUS_MPIE : 0;
  s->resv_valid = false;

  /* Vectored mode sends interrupts (only) to base + 4 * cause. */
  if (interrupt && (s->mtvec & 1))
    target += 4 * cause;
  return target & rv_xmask (s);
}

/* Raises a synchronous exception for the instruction at @pc.  The
 * instruction does not retire.  When the handler's own first instruction
 * raises the same exception again, nothing can change any more: rather
 * than spin, the machine stops with a message. */
static uint64_t
rv_exception (RvCpu *s, uint64_t pc, unsigned cause, uint64_t tval)
{
  uint64_t vector = s->mtvec & ~UINT64_C (3) & rv_xmask (s);

  s->trapped = true;
  if (pc == vector && s->last_exc_pc == pc && s->last_exc_cause == cause) {
    mdl_cpu_fatal (&s->cpu, pc,
                   "%s at 0x%" PRIx64 " while entering the trap handler "
                   "(mtvec = 0x%" PRIx64 ", mtval = 0x%" PRIx64 ")",
                   rv_cause_name (cause), pc, s->mtvec, tval);
    s->cpu.state = MDL_CPU_HALTED;
    return pc | RV_CHECK;
  }
  s->last_exc_pc = pc;
  s->last_exc_cause = cause;
  return rv_enter_trap (s, pc, cause, tval, false) | RV_CHECK;
}

/* Takes the highest-priority pending and enabled interrupt, if any
 * (MEI > MSI > MTI); returns the pc to continue at. */
static uint64_t
rv_check_interrupts (RvCpu *s, uint64_t pc)
{
  uint64_t pending = s->mie & s->mip;
  unsigned cause;

  if (!pending || !(s->mstatus & RV_MSTATUS_MIE))
    return pc;

  if (pending & (UINT64_C (1) << RV_IRQ_MEI))
    cause = RV_IRQ_MEI;
  else if (pending & (UINT64_C (1) << RV_IRQ_MSI))
    cause = RV_IRQ_MSI;
  else
    cause = RV_IRQ_MTI;
  return rv_enter_trap (s, pc, cause, 0, true);
}

/* ---- executors shared by both widths ------------------------------------
 *
 * The rare, slow instructions do not gain from a per-XLEN copy; they look
 * at s->xlen at run time.  Register values are kept masked to XLEN, so
 * s->x[] can be used as an address directly.
 */

/* The pc after @d, wrapped to XLEN. */
static inline uint64_t
rv_next (const RvCpu *s, const RvInsn *d, uint64_t pc)
{
  return (pc + d->len) & rv_xmask (s);
}

/* The next pc after a slow-path access: ask the loop to look when the
 * engine wants run() to return. */
static inline uint64_t
rv_next_checked (const RvCpu *s, const RvInsn *d, uint64_t pc)
{
  return rv_next (s, d, pc) | (uint64_t) mdl_cpu_exit_requested (&s->cpu);
}

/* A taken branch or jump: also where run() notices a request to return. */
static inline uint64_t
rv_jump (const RvCpu *s, uint64_t target)
{
  return target | (uint64_t) mdl_cpu_exit_requested (&s->cpu);
}

static uint64_t
rv_exec_illegal (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, pc, RV_EXC_ILLEGAL, d->raw);
}

static uint64_t
rv_exec_fetch_fault (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, pc, RV_EXC_INSN_ACCESS, s->fetch_fault_addr);
}

/* The slow halves of the load and store executors of the template: the
 * address is outside the cached window. */
static G_GNUC_NO_INLINE uint64_t
rv_load_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
              uint64_t addr, unsigned size, bool sign)
{
  uint64_t value;

  if (!rv_mem_read (s, done, addr, size, &value))
    return rv_exception (s, pc, RV_EXC_LOAD_ACCESS, addr);
  if (sign)
    value = rv_sext (value, size);
  s->x[d->rd] = value & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

static G_GNUC_NO_INLINE uint64_t
rv_store_slow (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
               uint64_t addr, unsigned size, uint64_t value)
{
  if (!rv_mem_write (s, done, addr, size, value))
    return rv_exception (s, pc, RV_EXC_STORE_ACCESS, addr);
  return rv_next_checked (s, d, pc);
}

static uint64_t
rv_exec_fence (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* One hart runs at a time and memory is never reordered: nothing to do. */
  return rv_next (s, d, pc);
}

static uint64_t
rv_exec_fence_i (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* Decoded instructions may be stale now; @d is not used after this. */
  rv_flush_icache (s);
  return rv_next (s, d, pc);
}

static uint64_t
rv_exec_ecall (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, pc, RV_EXC_ECALL_M, 0);
}

static uint64_t
rv_exec_ebreak (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_exception (s, pc, RV_EXC_BREAKPOINT, pc);
}

static uint64_t
rv_exec_mret (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* MIE = MPIE, MPIE = 1; MPP stays M, the only mode. */
  s->mstatus = RV_MSTATUS_MPIE
               | ((s->mstatus & RV_MSTATUS_MPIE) ? RV_MSTATUS_MIE : 0);
  /* Interrupts may have become enabled: let the loop look. */
  return (s->mepc & rv_xmask (s)) | RV_CHECK;
}

static uint64_t
rv_exec_wfi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  /* wfi retires; the hart sleeps after it until an enabled interrupt is
   * pending (set_irq wakes it), whatever mstatus.MIE says. */
  if (!(s->mie & s->mip))
    s->cpu.state = MDL_CPU_WAITING;
  return rv_next (s, d, pc) | RV_CHECK;
}

/* ---- Zicsr ---- */

typedef enum { RV_CSR_WRITE, RV_CSR_SET, RV_CSR_CLEAR } RvCsrKind;

static uint64_t
rv_csr_op (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
           RvCsrKind kind, uint64_t operand, bool writes)
{
  unsigned csr = (unsigned) d->imm & 0xfff;
  uint64_t old, value;

  /* Counters and time must include everything retired before this. */
  rv_sync (s, done);
  if (!rv_csr_read (s, csr, &old))
    return rv_exception (s, pc, RV_EXC_ILLEGAL, d->raw);
  if (!writes) {
    s->x[d->rd] = old;
    return rv_next (s, d, pc);
  }

  /* csr[11:10] == 3: read-only. */
  if ((csr >> 10) == 3)
    return rv_exception (s, pc, RV_EXC_ILLEGAL, d->raw);
  if (kind == RV_CSR_WRITE)
    value = operand;
  else if (kind == RV_CSR_SET)
    value = old | operand;
  else
    value = old & ~operand;
  if (!rv_csr_write (s, csr, value, 1))
    return rv_exception (s, pc, RV_EXC_ILLEGAL, d->raw);
  s->x[d->rd] = old;
  /* The write may have enabled an interrupt. */
  return rv_next (s, d, pc) | RV_CHECK;
}

/* csrrw always writes; csrrs/csrrc write only when rs1 is not x0, the
 * immediate forms only when the immediate is not 0. */
static uint64_t
rv_exec_csrrw (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_WRITE, s->x[d->rs1], true);
}

static uint64_t
rv_exec_csrrs (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_SET, s->x[d->rs1], d->rs1 != 0);
}

static uint64_t
rv_exec_csrrc (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_CLEAR, s->x[d->rs1], d->rs1 != 0);
}

static uint64_t
rv_exec_csrrwi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_WRITE, d->rs1, true);
}

static uint64_t
rv_exec_csrrsi (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_SET, d->rs1, d->rs1 != 0);
}

static uint64_t
rv_exec_csrrci (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  return rv_csr_op (s, d, pc, done, RV_CSR_CLEAR, d->rs1, d->rs1 != 0);
}

/* ---- A ----
 *
 * Harts of one machine run in turn on one host thread, so a read-modify-
 * write done here is atomic.  LR/SC and AMOs must be naturally aligned;
 * ordinary loads and stores need not be.
 */

typedef enum {
  RV_AMO_SWAP, RV_AMO_ADD, RV_AMO_XOR, RV_AMO_AND, RV_AMO_OR,
  RV_AMO_MIN, RV_AMO_MAX, RV_AMO_MINU, RV_AMO_MAXU,
} RvAmoKind;

static uint64_t
rv_amo (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done,
        unsigned size, RvAmoKind kind)
{
  uint64_t addr = s->x[d->rs1];
  uint64_t old, src, res;

  if (addr & (size - 1))
    return rv_exception (s, pc, RV_EXC_STORE_MISALIGNED, addr);
  if (!rv_mem_read (s, done, addr, size, &old))
    return rv_exception (s, pc, RV_EXC_STORE_ACCESS, addr);

  /* Compare and compute on values sign-extended from the access size;
   * only the low @size bytes are stored. */
  old = rv_sext (old, size);
  src = rv_sext (s->x[d->rs2], size);
  switch (kind) {
  case RV_AMO_SWAP: res = src; break;
  case RV_AMO_ADD:  res = old + src; break;
  case RV_AMO_XOR:  res = old ^ src; break;
  case RV_AMO_AND:  res = old & src; break;
  case RV_AMO_OR:   res = old | src; break;
  case RV_AMO_MIN:  res = (int64_t) old < (int64_t) src ? old : src; break;
  case RV_AMO_MAX:  res = (int64_t) old > (int64_t) src ? old : src; break;
  /* Sign-extended alike, unsigned order is kept for either size. */
  case RV_AMO_MINU: res = old < src ? old : src; break;
  case RV_AMO_MAXU: res = old > src ? old : src; break;
  default: g_assert_not_reached ();
  }

  if (!rv_mem_write (s, done, addr, size, res))
    return rv_exception (s, pc, RV_EXC_STORE_ACCESS, addr);
  s->x[d->rd] = old & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

static uint64_t
rv_lr (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, unsigned size)
{
  uint64_t addr = s->x[d->rs1];
  uint64_t value;

  if (addr & (size - 1))
    return rv_exception (s, pc, RV_EXC_LOAD_MISALIGNED, addr);
  if (!rv_mem_read (s, done, addr, size, &value))
    return rv_exception (s, pc, RV_EXC_LOAD_ACCESS, addr);
  value = rv_sext (value, size);
  s->resv_valid = true;
  s->resv_size = size;
  s->resv_addr = addr;
  s->resv_value = value;
  s->x[d->rd] = value & rv_xmask (s);
  return rv_next_checked (s, d, pc);
}

static uint64_t
rv_sc (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done, unsigned size)
{
  uint64_t addr = s->x[d->rs1];
  bool ok;

  if (addr & (size - 1))
    return rv_exception (s, pc, RV_EXC_STORE_MISALIGNED, addr);

  ok = s->resv_valid && s->resv_addr == addr && s->resv_size == size;
  s->resv_valid = false;
  if (ok) {
    /* Another hart may have stored there since LR: fail if the value
     * changed (an ABA change goes unnoticed, as in QEMU). */
    uint64_t cur;

    if (!rv_mem_read (s, done, addr, size, &cur))
      return rv_exception (s, pc, RV_EXC_STORE_ACCESS, addr);
    ok = rv_sext (cur, size) == s->resv_value;
  }
  if (ok && !rv_mem_write (s, done, addr, size, s->x[d->rs2]))
    return rv_exception (s, pc, RV_EXC_STORE_ACCESS, addr);
  s->x[d->rd] = ok ? 0 : 1;
  return rv_next_checked (s, d, pc);
}

static uint64_t rv_exec_lr_w (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_lr (s, d, pc, done, 4); }
static uint64_t rv_exec_lr_d (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_lr (s, d, pc, done, 8); }
static uint64_t rv_exec_sc_w (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_sc (s, d, pc, done, 4); }
static uint64_t rv_exec_sc_d (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{ return rv_sc (s, d, pc, done, 8); }

/* One executor per AMO and size, all through rv_amo. */
#define RV_AMO_EXEC(name, size, kind)                                        \
  static uint64_t                                                            \
  rv_exec_##name (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)     \
  {                                                                          \
    return rv_amo (s, d, pc, done, size, kind);                              \
  }
RV_AMO_EXEC (amoswap_w, 4, RV_AMO_SWAP)
RV_AMO_EXEC (amoadd_w,  4, RV_AMO_ADD)
RV_AMO_EXEC (amoxor_w,  4, RV_AMO_XOR)
RV_AMO_EXEC (amoand_w,  4, RV_AMO_AND)
RV_AMO_EXEC (amoor_w,   4, RV_AMO_OR)
RV_AMO_EXEC (amomin_w,  4, RV_AMO_MIN)
RV_AMO_EXEC (amomax_w,  4, RV_AMO_MAX)
RV_AMO_EXEC (amominu_w, 4, RV_AMO_MINU)
RV_AMO_EXEC (amomaxu_w, 4, RV_AMO_MAXU)
RV_AMO_EXEC (amoswap_d, 8, RV_AMO_SWAP)
RV_AMO_EXEC (amoadd_d,  8, RV_AMO_ADD)
RV_AMO_EXEC (amoxor_d,  8, RV_AMO_XOR)
RV_AMO_EXEC (amoand_d,  8, RV_AMO_AND)
RV_AMO_EXEC (amoor_d,   8, RV_AMO_OR)
RV_AMO_EXEC (amomin_d,  8, RV_AMO_MIN)
RV_AMO_EXEC (amomax_d,  8, RV_AMO_MAX)
RV_AMO_EXEC (amominu_d, 8, RV_AMO_MINU)
RV_AMO_EXEC (amomaxu_d, 8, RV_AMO_MAXU)
#undef RV_AMO_EXEC

/* ---- the per-XLEN executors ---------------------------------------------
 *
 * The arithmetic, branches, loads and stores are compiled from one
 * template with the register width and the instruction length fixed at
 * compile time: RV32 then wraps at 32 bits for free, RV64 needs no width
 * tests, and the next pc is pc + a constant.  That last point matters for
 * speed: were the length loaded from the decode cache entry, every
 * instruction would wait for a load that depends on the previous pc.
 * Each copy ends with its executor table, indexed by RvOp: rv32_ and
 * rv64_ for 4-byte instructions, rv32c_ and rv64c_ for compressed ones.
 */

#define XLEN          32
#define UXLEN         uint32_t
#define SXLEN         int32_t
#define UDXLEN        uint64_t
#define SDXLEN        int64_t
#define ILEN          4
#define RV_FN(name)   rv32_exec_##name
#define RV_EXEC_TABLE rv32_exec_table
#include "riscv-exec-template.h"

#define XLEN          32
#define UXLEN         uint32_t
#define SXLEN         int32_t
#define UDXLEN        uint64_t
#define SDXLEN        int64_t
#define ILEN          2
#define RV_FN(name)   rv32c_exec_##name
#define RV_EXEC_TABLE rv32c_exec_table
#include "riscv-exec-template.h"

#define XLEN          64
#define UXLEN         uint64_t
#define SXLEN         int64_t
#define UDXLEN        unsigned __int128
#define SDXLEN        __int128
#define ILEN          4
#define RV_FN(name)   rv64_exec_##name
#define RV_EXEC_TABLE rv64_exec_table
#include "riscv-exec-template.h"

#define XLEN          64
#define UXLEN         uint64_t
#define SXLEN         int64_t
#define UDXLEN        unsigned __int128
#define SDXLEN        __int128
#define ILEN          2
#define RV_FN(name)   rv64c_exec_##name
#define RV_EXEC_TABLE rv64c_exec_table
#include "riscv-exec-template.h"

/* ---- fetch, decode, run ---------------------------------------------------- */

/* Fetches 16 bits of instruction at @addr from RAM or ROM.  Instructions
 * are not fetched from devices: that is an instruction access fault. */
static bool
rv_fetch16 (RvCpu *s, uint64_t addr, uint16_t *value)
{
  MdlRamWindow *w = &s->fetch_win;

  if (!s->fetch_win_valid || addr - w->base >= w->size
      || w->size - (addr - w->base) < 2) {
    s->fetch_win_valid = mdl_address_space_ram_window (s->cpu.as, addr, w);
    if (!s->fetch_win_valid || w->size - (addr - w->base) < 2)
      return false;
  }
  memcpy (value, w->host + (addr - w->base), 2);
  return true;
}

static RvExecFn
rv_exec_for (RvCpu *s, const RvDecoded *dec)
{
  if (!dec->op)
    return rv_exec_illegal;
  return dec->len == 2 ? s->exec_table_c[dec->op->op] : s->exec_table[dec->op->op];
}

/* The executor of an instruction that has a breakpoint: stops before it
 * (it does not retire, like a trap), or runs it when resuming from it. */
static uint64_t
rv_exec_breakpoint (RvCpu *s, const RvInsn *d, uint64_t pc, uint64_t done)
{
  RvDecoded dec;

  if (mdl_cpu_breakpoint_hit (&s->cpu, pc)) {
    s->trapped = true;
    return pc | RV_CHECK;
  }
  rv_decode (s->xlen, d->raw, &dec);
  return rv_exec_for (s, &dec) (s, d, pc, done);
}

/* Decodes the instruction at @pc into cache entry @e.  When it cannot be
 * fetched, returns an uncached entry that raises the access fault. */
static G_GNUC_NO_INLINE const RvInsn *
rv_fill (RvCpu *s, RvInsn *e, uint64_t pc)
{
  uint16_t lo, hi = 0;
  RvDecoded dec;

  if (!rv_fetch16 (s, pc, &lo)) {
    s->fetch_fault_addr = pc;
    goto fault;
  }
  if (rv_insn_length (lo) == 4
      && !rv_fetch16 (s, (pc + 2) & rv_xmask (s), &hi)) {
    s->fetch_fault_addr = pc + 2;
    goto fault;
  }

  rv_decode (s->xlen, (uint32_t) hi << 16 | lo, &dec);
  e->pc = pc;
  e->exec = rv_exec_for (s, &dec);
  /* A breakpoint costs nothing until its instruction is decoded: the
   * entry runs the breakpoint hook instead, which re-decodes on resume. */
  if (G_UNLIKELY (mdl_cpu_breakpoint_at (&s->cpu, pc)))
    e->exec = rv_exec_breakpoint;
  e->imm = dec.imm;
  e->raw = dec.raw;
  e->rd = dec.rd ? dec.rd : RV_REG_SINK;
  e->rs1 = dec.rs1;
  e->rs2 = dec.rs2;
  e->len = dec.len;
  return e;

fault:
  s->fault_entry.pc = RV_TAG_EMPTY;
  s->fault_entry.exec = rv_exec_fetch_fault;
  s->fault_entry.len = 2;
  return &s->fault_entry;
}

/* Runs the instruction at @pc, decoding it first when the cache does not
 * hold it; returns what its executor returns. */
static inline uint64_t
rv_step (RvCpu *s, RvInsn *cache, uint64_t pc, uint64_t done)
{
  RvInsn *e = &cache[(pc >> 1) & (RV_ICACHE_SIZE - 1)];
  const RvInsn *d = e;

  if (G_UNLIKELY (e->pc != pc))
    d = rv_fill (s, e, pc);
  return d->exec (s, d, pc, done);
}

uint64_t
rv_run (MdlCpu *cpu, uint64_t budget)
{
  RvCpu *s = (RvCpu *) cpu;
  RvInsn *const cache = s->icache;
  uint64_t pc, n = 0;

  mdl_cpu_set_exit_request (cpu, false);
  if (cpu->state != MDL_CPU_RUNNING)
    return 0;

  rv_revalidate (s);
  s->run_traps = 0;
  s->run_accounted = 0;
  s->trapped = false;
  pc = rv_check_interrupts (s, s->pc);

  while (G_LIKELY (n < budget)) {
    /* Eight dispatches in a row when the budget allows: each has its own
     * indirect call, which the host predicts better than one shared. */
    if (G_LIKELY (budget - n >= 8)) {
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
      if (G_UNLIKELY (pc & RV_CHECK))
        goto check;
      pc = rv_step (s, cache, pc, n++);
    } else
      pc = rv_step (s, cache, pc, n++);
    if (G_LIKELY (!(pc & RV_CHECK)))
      continue;

  check:
    pc &= ~RV_CHECK;
    if (s->trapped) {
      s->trapped = false;
      s->run_traps++;
    }
    if (mdl_cpu_exit_requested (cpu) || cpu->state != MDL_CPU_RUNNING)
      break;
    pc = rv_check_interrupts (s, pc);
  }

  s->pc = pc;
  rv_sync (s, n);
  return n - s->run_traps;
}
