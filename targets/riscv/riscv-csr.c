/* The control and status registers of a hart with M, S and U modes.
 *
 * Only the CSRs listed in rv_csr_read exist; any other number makes the
 * CSR instruction illegal (riscv-exec-csr.c raises it), as does a CSR of a
 * higher privilege than the hart's (rv_csr_allowed), a counter that
 * mcounteren/scounteren do not open, or satp with mstatus.TVM in S-mode.
 * Writes are WARL: bits that are fixed or do not exist keep their value.
 * Read-only CSRs (numbers 0xCxx and 0xFxx) are refused by the executor
 * before they get here; rv_csr_write also refuses them for the debugger.
 *
 * sstatus, sie and sip are views of mstatus, mie and mip.  mip holds the
 * levels of the input lines (MSIP, MTIP, MEIP and the supervisor external
 * line SEIP) ORed with the bits M may write (SSIP, STIP, SEIP).
 *
 * With F and D: fflags, frm and fcsr (two fields, fcsr their union), and
 * mstatus.FS, which the hart's software manages: while it is Off the
 * three CSRs do not exist for the instructions (illegal), any write to
 * them makes it Dirty, and SD (the top bit of mstatus and sstatus) reads
 * as FS == Dirty.  Without F, FS is read-only zero.
 */
#include "riscv-cpu.h"

#include "engine/machine.h"

enum {
  CSR_FFLAGS = 0x001,
  CSR_FRM = 0x002,
  CSR_FCSR = 0x003,
  CSR_SSTATUS = 0x100,
  CSR_SIE = 0x104,
  CSR_STVEC = 0x105,
  CSR_SCOUNTEREN = 0x106,
  CSR_SENVCFG = 0x10a,
  CSR_SSCRATCH = 0x140,
  CSR_SEPC = 0x141,
  CSR_SCAUSE = 0x142,
  CSR_STVAL = 0x143,
  CSR_SIP = 0x144,
  CSR_SATP = 0x180,
  CSR_MSTATUS = 0x300,
  CSR_MISA = 0x301,
  CSR_MEDELEG = 0x302,
  CSR_MIDELEG = 0x303,
  CSR_MIE = 0x304,
  CSR_MTVEC = 0x305,
  CSR_MCOUNTEREN = 0x306,
  CSR_MENVCFG = 0x30a,
  CSR_MSTATUSH = 0x310,
  CSR_MENVCFGH = 0x31a,
  CSR_MCOUNTINHIBIT = 0x320,
  CSR_MHPMEVENT3 = 0x323,
  CSR_MHPMEVENT31 = 0x33f,
  CSR_MSCRATCH = 0x340,
  CSR_MEPC = 0x341,
  CSR_MCAUSE = 0x342,
  CSR_MTVAL = 0x343,
  CSR_MIP = 0x344,
  CSR_PMPCFG0 = 0x3a0,
  CSR_PMPCFG3 = 0x3a3,
  CSR_PMPADDR0 = 0x3b0,
  CSR_PMPADDR15 = 0x3bf,
  CSR_MCYCLE = 0xb00,
  CSR_MINSTRET = 0xb02,
  CSR_MHPMCOUNTER3 = 0xb03,
  CSR_MHPMCOUNTER31 = 0xb1f,
  CSR_MCYCLEH = 0xb80,
  CSR_MINSTRETH = 0xb82,
  CSR_MHPMCOUNTER3H = 0xb83,
  CSR_MHPMCOUNTER31H = 0xb9f,
  CSR_CYCLE = 0xc00,
  CSR_TIME = 0xc01,
  CSR_INSTRET = 0xc02,
  CSR_HPMCOUNTER3 = 0xc03,
  CSR_HPMCOUNTER31 = 0xc1f,
  CSR_CYCLEH = 0xc80,
  CSR_TIMEH = 0xc81,
  CSR_INSTRETH = 0xc82,
  CSR_HPMCOUNTER3H = 0xc83,
  CSR_HPMCOUNTER31H = 0xc9f,
  CSR_MVENDORID = 0xf11,
  CSR_MARCHID = 0xf12,
  CSR_MIMPID = 0xf13,
  CSR_MHARTID = 0xf14,
  CSR_MCONFIGPTR = 0xf15,
};

/* Exceptions that may be delegated: all but ecall from M (11) and the
 * reserved causes 10 and 14. */
#define RV_MEDELEG_MASK  UINT64_C (0xb3ff)

static const struct {
  unsigned    csr;
  const char *name;
} rv_csr_names[] = {
  { CSR_FFLAGS, "fflags" },       { CSR_FRM, "frm" },
  { CSR_FCSR, "fcsr" },
  { CSR_SSTATUS, "sstatus" },     { CSR_SIE, "sie" },
  { CSR_STVEC, "stvec" },         { CSR_SCOUNTEREN, "scounteren" },
  { CSR_SENVCFG, "senvcfg" },     { CSR_SSCRATCH, "sscratch" },
  { CSR_SEPC, "sepc" },           { CSR_SCAUSE, "scause" },
  { CSR_STVAL, "stval" },         { CSR_SIP, "sip" },
  { CSR_SATP, "satp" },
  { CSR_MSTATUS, "mstatus" },     { CSR_MISA, "misa" },
  { CSR_MEDELEG, "medeleg" },     { CSR_MIDELEG, "mideleg" },
  { CSR_MIE, "mie" },             { CSR_MTVEC, "mtvec" },
  { CSR_MCOUNTEREN, "mcounteren" }, { CSR_MENVCFG, "menvcfg" },
  { CSR_MSTATUSH, "mstatush" },   { CSR_MENVCFGH, "menvcfgh" },
  { CSR_MCOUNTINHIBIT, "mcountinhibit" },
  { CSR_MSCRATCH, "mscratch" },
  { CSR_MEPC, "mepc" },           { CSR_MCAUSE, "mcause" },
  { CSR_MTVAL, "mtval" },         { CSR_MIP, "mip" },
  { 0x3a0, "pmpcfg0" },   { 0x3a1, "pmpcfg1" },   { 0x3a2, "pmpcfg2" },
  { 0x3a3, "pmpcfg3" },
  { 0x3b0, "pmpaddr0" },  { 0x3b1, "pmpaddr1" },  { 0x3b2, "pmpaddr2" },
  { 0x3b3, "pmpaddr3" },  { 0x3b4, "pmpaddr4" },  { 0x3b5, "pmpaddr5" },
  { 0x3b6, "pmpaddr6" },  { 0x3b7, "pmpaddr7" },  { 0x3b8, "pmpaddr8" },
  { 0x3b9, "pmpaddr9" },  { 0x3ba, "pmpaddr10" }, { 0x3bb, "pmpaddr11" },
  { 0x3bc, "pmpaddr12" }, { 0x3bd, "pmpaddr13" }, { 0x3be, "pmpaddr14" },
  { 0x3bf, "pmpaddr15" },
  { CSR_MCYCLE, "mcycle" },       { CSR_MINSTRET, "minstret" },
  { CSR_MCYCLEH, "mcycleh" },     { CSR_MINSTRETH, "minstreth" },
  { CSR_CYCLE, "cycle" },         { CSR_TIME, "time" },
  { CSR_INSTRET, "instret" },     { CSR_CYCLEH, "cycleh" },
  { CSR_TIMEH, "timeh" },         { CSR_INSTRETH, "instreth" },
  { CSR_MVENDORID, "mvendorid" }, { CSR_MARCHID, "marchid" },
  { CSR_MIMPID, "mimpid" },       { CSR_MHARTID, "mhartid" },
  { CSR_MCONFIGPTR, "mconfigptr" },
};

const char *
rv_csr_name (unsigned csr)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (rv_csr_names); i++)
    if (rv_csr_names[i].csr == csr)
      return rv_csr_names[i].name;
  return rv_trigger_csr_name (csr);
}

/* misa: MXL in the top two bits, then the extension letters A, C, I, M
 * (F, D) and the modes S, U. */
static uint64_t
rv_misa (const RvCpu *s)
{
  uint64_t ext = 1u << ('A' - 'A') | 1u << ('C' - 'A') | 1u << ('I' - 'A')
                 | 1u << ('M' - 'A') | 1u << ('S' - 'A') | 1u << ('U' - 'A');

  if (s->ext & RV_EXT_F)
    ext |= 1u << ('F' - 'A');
  if (s->ext & RV_EXT_D)
    ext |= 1u << ('D' - 'A');
  if (s->xlen == 32)
    return UINT64_C (1) << 30 | ext;
  return UINT64_C (2) << 62 | ext;
}

/* The architectural timer: virtual time in units of the timebase. */
static uint64_t
rv_time (const RvCpu *s)
{
  unsigned __int128 now = mdl_machine_now (s->cpu.machine);

  return (uint64_t) (now * s->cpu.timebase_hz / MDL_PS_PER_S);
}

bool
rv_csr_allowed (const RvCpu *s, unsigned csr)
{
  /* csr[9:8]: the lowest privilege that may access it. */
  if (s->priv < ((csr >> 8) & 3))
    return false;
  if (csr == CSR_SATP && s->priv == RV_PRIV_S
      && (s->mstatus & RV_MSTATUS_TVM))
    return false;
  /* The FP CSRs: only with F, and not while FS is Off. */
  if (csr >= CSR_FFLAGS && csr <= CSR_FCSR
      && (!(s->ext & RV_EXT_F) || !(s->mstatus & RV_MSTATUS_FS)))
    return false;
  /* The user counters: mcounteren opens them to S (and U), scounteren
   * to U. */
  if ((csr >= CSR_CYCLE && csr <= CSR_HPMCOUNTER31)
      || (csr >= CSR_CYCLEH && csr <= CSR_HPMCOUNTER31H)) {
    uint32_t bit = UINT32_C (1) << (csr & 31);

    if (s->priv < RV_PRIV_M && !(s->mcounteren & bit))
      return false;
    if (s->priv == RV_PRIV_U && !(s->scounteren & bit))
      return false;
  }
  return true;
}

/* pmpcfg@n: the configuration bytes of entries 4n.. (RV32) or 8(n/2)..
 * (RV64, where odd numbers do not exist). */
static bool
rv_pmpcfg_first (const RvCpu *s, unsigned n, unsigned *first, unsigned *count)
{
  if (s->xlen == 64 && (n & 1))
    return false;
  *first = 4 * n;
  *count = s->xlen / 8;
  return true;
}

static void
rv_pmp_changed (RvCpu *s)
{
  rv_pmp_update (s);
  rv_tlb_flush (s);
  rv_flush_checked_code (s);
  rv_mode_changed (s);
}

/* pmpcfg@n: the configurations of four (RV32) or eight (RV64) entries. */
static bool
rv_pmpcfg_read (RvCpu *s, unsigned n, uint64_t *value)
{
  unsigned first, count;
  uint64_t v = 0;

  if (!rv_pmpcfg_first (s, n, &first, &count))
    return false;
  for (unsigned i = 0; i < count; i++)
    v |= (uint64_t) s->pmpcfg[first + i] << (8 * i);
  *value = v;
  return true;
}

/* The CSRs that are ranges of numbers (triggers, PMP, performance
 * counters): after the switch of rv_csr_read, which trap handlers hit
 * first. */
static bool
rv_csr_read_range (RvCpu *s, unsigned csr, uint64_t *value)
{
  if (csr >= 0x7a0 && csr <= 0x7af)
    return rv_trigger_csr_read (s, csr, value);
  if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG3)
    return rv_pmpcfg_read (s, csr - CSR_PMPCFG0, value);
  if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
    *value = s->pmpaddr[csr - CSR_PMPADDR0];
    return true;
  }
  /* The performance counters and their events: read-only zero. */
  if ((csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)
      || (csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31)
      || (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31)) {
    *value = 0;
    return true;
  }
  if ((csr >= CSR_MHPMCOUNTER3H && csr <= CSR_MHPMCOUNTER31H)
      || (csr >= CSR_HPMCOUNTER3H && csr <= CSR_HPMCOUNTER31H)) {
    *value = 0;
    return s->xlen == 32;
  }
  return false;
}

bool
rv_csr_read (RvCpu *s, unsigned csr, uint64_t *value)
{
  bool rv32 = s->xlen == 32;
  uint64_t v;

  switch (csr) {
  case CSR_FFLAGS:
  case CSR_FRM:
  case CSR_FCSR:
    if (!(s->ext & RV_EXT_F))
      return false;
    v = csr == CSR_FFLAGS ? s->fflags
        : csr == CSR_FRM ? s->frm : (unsigned) s->frm << 5 | s->fflags;
    break;
  case CSR_SSTATUS:
    v = rv_mstatus_read (s) & (RV_SSTATUS_MASK | UINT64_C (1) << (s->xlen - 1));
    break;
  case CSR_SIE:       v = s->mie & s->mideleg; break;
  case CSR_SIP:       v = (s->mip | s->mip_sw) & s->mideleg; break;
  case CSR_STVEC:     v = s->stvec; break;
  case CSR_SCOUNTEREN: v = s->scounteren; break;
  case CSR_SSCRATCH:  v = s->sscratch; break;
  case CSR_SEPC:      v = s->sepc; break;
  case CSR_SCAUSE:    v = s->scause; break;
  case CSR_STVAL:     v = s->stval; break;
  case CSR_SATP:      v = s->satp; break;
  case CSR_MSTATUS:   v = rv_mstatus_read (s); break;
  case CSR_MEDELEG:   v = s->medeleg; break;
  case CSR_MIDELEG:   v = s->mideleg; break;
  case CSR_MCOUNTEREN: v = s->mcounteren; break;
  /* No Zicbo*, Svpbmt, Sstc: every field of the envcfg CSRs is 0. */
  case CSR_SENVCFG:
  case CSR_MENVCFG:
  case CSR_MCOUNTINHIBIT:
    v = 0;
    break;
  case CSR_MENVCFGH:
    if (!rv32)
      return false;
    v = 0;
    break;
  case CSR_MSTATUSH:
    if (!rv32)
      return false;
    v = 0;
    break;
  case CSR_MISA:      v = rv_misa (s); break;
  case CSR_MIE:       v = s->mie; break;
  case CSR_MIP:       v = s->mip | s->mip_sw; break;
  case CSR_MTVEC:     v = s->mtvec; break;
  case CSR_MSCRATCH:  v = s->mscratch; break;
  case CSR_MEPC:      v = s->mepc; break;
  case CSR_MCAUSE:    v = s->mcause; break;
  case CSR_MTVAL:     v = s->mtval; break;
  case CSR_MVENDORID:
  case CSR_MARCHID:
  case CSR_MIMPID:
  case CSR_MCONFIGPTR:
    v = 0;
    break;
  case CSR_MHARTID:   v = s->cpu.hartid; break;

  /* One instruction per cycle: cycle and instret both count retired
   * instructions, each with its own offset from writes to it. */
  case CSR_MCYCLE:
  case CSR_CYCLE:
    v = s->cpu.retired + s->cycle_offset;
    break;
  case CSR_MINSTRET:
  case CSR_INSTRET:
    v = s->cpu.retired + s->instret_offset;
    break;
  case CSR_MCYCLEH:
  case CSR_CYCLEH:
    if (!rv32)
      return false;
    v = (s->cpu.retired + s->cycle_offset) >> 32;
    break;
  case CSR_MINSTRETH:
  case CSR_INSTRETH:
    if (!rv32)
      return false;
    v = (s->cpu.retired + s->instret_offset) >> 32;
    break;
  case CSR_TIME:
    if (!s->cpu.timebase_hz)
      return false;
    v = rv_time (s);
    break;
  case CSR_TIMEH:
    if (!rv32 || !s->cpu.timebase_hz)
      return false;
    v = rv_time (s) >> 32;
    break;
  default:
    return rv_csr_read_range (s, csr, value);
  }

  *value = v & rv_xmask (s);
  return true;
}

/* Sets a 64-bit counter (its low half, or with @high its high half, on
 * RV32) so that the instruction after the writing one reads @value: the
 * writing instruction itself (@retiring) does not count. */
static void
rv_set_counter (RvCpu *s, uint64_t *offset, uint64_t value, bool high,
                unsigned retiring)
{
  uint64_t now = s->cpu.retired + *offset;

  if (s->xlen == 32 && high)
    value = (now & UINT64_C (0xffffffff)) | value << 32;
  else if (s->xlen == 32)
    value = (now & ~UINT64_C (0xffffffff)) | value;
  *offset = value - (s->cpu.retired + retiring);
}

static bool
rv_pmpcfg_write (RvCpu *s, unsigned n, uint64_t value)
{
  unsigned first, count;
  bool changed = false;

  if (!rv_pmpcfg_first (s, n, &first, &count))
    return false;
  for (unsigned i = 0; i < count; i++) {
    uint8_t cfg = (value >> (8 * i)) & 0x9f;   /* bits 5, 6: zero */

    if (s->pmpcfg[first + i] & 0x80)
      continue;                       /* locked until reset */
    if ((cfg & 3) == 2)
      cfg &= ~2;                      /* W without R is reserved */
    changed |= s->pmpcfg[first + i] != cfg;
    s->pmpcfg[first + i] = cfg;
  }
  /* Rewriting the same values (OpenSBI does, around its calls) keeps
   * every cached translation and block. */
  if (changed)
    rv_pmp_changed (s);
  return true;
}

static void
rv_pmpaddr_write (RvCpu *s, unsigned i, uint64_t value)
{
  /* Locked by its own L, or by the next entry's when that is TOR. */
  if ((s->pmpcfg[i] & 0x80)
      || (i + 1 < RV_PMP_COUNT && (s->pmpcfg[i + 1] & 0x98) == 0x88))
    return;
  value = s->xlen == 32 ? value : value & ((UINT64_C (1) << 54) - 1);
  if (s->pmpaddr[i] == value)
    return;
  s->pmpaddr[i] = value;
  rv_pmp_changed (s);
}

/* fflags, frm and fcsr are views of the same two fields. */
static bool
rv_fcsr_write (RvCpu *s, unsigned csr, uint64_t value)
{
  if (!(s->ext & RV_EXT_F))
    return false;
  if (csr == CSR_FFLAGS || csr == CSR_FCSR)
    s->fflags = value & 0x1f;
  if (csr == CSR_FRM)
    s->frm = value & 7;
  else if (csr == CSR_FCSR)
    s->frm = (value >> 5) & 7;
  s->mstatus |= RV_MSTATUS_FS_DIRTY;
  return true;
}

/* mstatus (sstatus writes come here merged into it). */
void
rv_mstatus_write (RvCpu *s, uint64_t value)
{
  if (rv_mstatus_set (s, value))
    rv_mode_changed (s);
}

/* The ranges of rv_csr_read_range, written. */
static bool
rv_csr_write_range (RvCpu *s, unsigned csr, uint64_t value)
{
  if (csr >= 0x7a0 && csr <= 0x7af)
    return rv_trigger_csr_write (s, csr, value);
  if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG3)
    return rv_pmpcfg_write (s, csr - CSR_PMPCFG0, value);
  if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR15) {
    rv_pmpaddr_write (s, csr - CSR_PMPADDR0, value);
    return true;
  }
  if ((csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)
      || (csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31))
    return true;
  if (csr >= CSR_MHPMCOUNTER3H && csr <= CSR_MHPMCOUNTER31H)
    return s->xlen == 32;
  return false;
}

bool
rv_csr_write (RvCpu *s, unsigned csr, uint64_t value, unsigned retiring)
{
  bool rv32 = s->xlen == 32;

  value &= rv_xmask (s);
  switch (csr) {
  case CSR_FFLAGS:
  case CSR_FRM:
  case CSR_FCSR:
    return rv_fcsr_write (s, csr, value);
  case CSR_SSTATUS:
    rv_mstatus_write (s, (s->mstatus & ~(RV_SSTATUS_WMASK | RV_MSTATUS_FS))
                           | (value & (RV_SSTATUS_WMASK | RV_MSTATUS_FS)));
    return true;
  case CSR_MSTATUS:
    rv_mstatus_write (s, value);
    return true;
  case CSR_MSTATUSH:
    return rv32;              /* nothing writable in it */
  case CSR_MISA:
    return true;              /* fixed: extensions cannot be turned off */
  case CSR_MEDELEG:
    s->medeleg = value & RV_MEDELEG_MASK;
    return true;
  case CSR_MIDELEG:
    s->mideleg = value & RV_MIP_SW_MASK;
    return true;
  case CSR_MIE:
    s->mie = value & RV_MIE_MASK;
    return true;
  case CSR_SIE:
    s->mie = (s->mie & ~s->mideleg) | (value & s->mideleg & RV_MIE_MASK);
    return true;
  case CSR_MIP:
    /* MSIP, MTIP, MEIP and the SEIP line follow the interrupt inputs;
     * SSIP, STIP and a software SEIP are M's to set. */
    s->mip_sw = value & RV_MIP_SW_MASK;
    return true;
  case CSR_SIP: {
    /* Only SSIP, and only when delegated. */
    uint64_t w = RV_BIT (RV_IRQ_SSI) & s->mideleg;

    s->mip_sw = (s->mip_sw & ~w) | (value & w);
    return true;
  }
  case CSR_MCOUNTEREN:
    s->mcounteren = (uint32_t) value;
    return true;
  case CSR_SCOUNTEREN:
    s->scounteren = (uint32_t) value;
    return true;
  case CSR_SENVCFG:
  case CSR_MENVCFG:
  case CSR_MCOUNTINHIBIT:
    return true;
  case CSR_MENVCFGH:
    return rv32;
  case CSR_STVEC:
    s->stvec = value & ~UINT64_C (2);
    return true;
  case CSR_SSCRATCH:
    s->sscratch = value;
    return true;
  case CSR_SEPC:
    s->sepc = value & ~UINT64_C (1);
    return true;
  case CSR_SCAUSE:
    s->scause = value;
    return true;
  case CSR_STVAL:
    s->stval = value;
    return true;
  case CSR_SATP:
    /* Bare, or Sv32 / Sv39; a write of another mode has no effect at
     * all.  Every ASID is the same here: translations are flushed. */
    if (!rv32 && (value >> 60) != 0 && (value >> 60) != 8)
      return true;
    s->satp = value;
    rv_tlb_flush (s);
    rv_flush_icache_lower (s);
    rv_mode_changed (s);          /* paged or not */
    return true;
  case CSR_MTVEC:
    /* Modes 0 (direct) and 1 (vectored); reserved modes 2 and 3 become
     * 0 and 1. */
    s->mtvec = value & ~UINT64_C (2);
    return true;
  case CSR_MSCRATCH:
    s->mscratch = value;
    return true;
  case CSR_MEPC:
    s->mepc = value & ~UINT64_C (1);  /* IALIGN = 16 */
    return true;
  case CSR_MCAUSE:
    s->mcause = value;
    return true;
  case CSR_MTVAL:
    s->mtval = value;
    return true;
  case CSR_MCYCLE:
    rv_set_counter (s, &s->cycle_offset, value, false, retiring);
    return true;
  case CSR_MINSTRET:
    rv_set_counter (s, &s->instret_offset, value, false, retiring);
    return true;
  case CSR_MCYCLEH:
    if (!rv32)
      return false;
    rv_set_counter (s, &s->cycle_offset, value, true, retiring);
    return true;
  case CSR_MINSTRETH:
    if (!rv32)
      return false;
    rv_set_counter (s, &s->instret_offset, value, true, retiring);
    return true;
  default:
    return rv_csr_write_range (s, csr, value);
  }
}
