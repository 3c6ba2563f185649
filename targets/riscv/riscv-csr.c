/* The control and status registers of a machine-mode-only hart.
 *
 * Only the CSRs listed in rv_csr_read exist; any other number makes the
 * CSR instruction illegal (riscv-exec.c raises it).  Writes are WARL:
 * bits that are fixed or do not exist keep their value.  Read-only CSRs
 * (numbers 0xCxx and 0xFxx) are refused by the executor before they get
 * here; rv_csr_write also refuses them for the debugger.
 */
#include "riscv-cpu.h"

#include "engine/machine.h"

enum {
  CSR_MSTATUS = 0x300,
  CSR_MISA = 0x301,
  CSR_MIE = 0x304,
  CSR_MTVEC = 0x305,
  CSR_MSTATUSH = 0x310,
  CSR_MSCRATCH = 0x340,
  CSR_MEPC = 0x341,
  CSR_MCAUSE = 0x342,
  CSR_MTVAL = 0x343,
  CSR_MIP = 0x344,
  CSR_MCYCLE = 0xb00,
  CSR_MINSTRET = 0xb02,
  CSR_MCYCLEH = 0xb80,
  CSR_MINSTRETH = 0xb82,
  CSR_CYCLE = 0xc00,
  CSR_TIME = 0xc01,
  CSR_INSTRET = 0xc02,
  CSR_CYCLEH = 0xc80,
  CSR_TIMEH = 0xc81,
  CSR_INSTRETH = 0xc82,
  CSR_MVENDORID = 0xf11,
  CSR_MARCHID = 0xf12,
  CSR_MIMPID = 0xf13,
  CSR_MHARTID = 0xf14,
  CSR_MCONFIGPTR = 0xf15,
};

static const struct {
  unsigned    csr;
  const char *name;
} rv_csr_names[] = {
  { CSR_MSTATUS, "mstatus" },     { CSR_MISA, "misa" },
  { CSR_MIE, "mie" },             { CSR_MTVEC, "mtvec" },
  { CSR_MSTATUSH, "mstatush" },   { CSR_MSCRATCH, "mscratch" },
  { CSR_MEPC, "mepc" },           { CSR_MCAUSE, "mcause" },
  { CSR_MTVAL, "mtval" },         { CSR_MIP, "mip" },
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
  return NULL;
}

/* misa: MXL in the top two bits, then the extension letters A, C, I, M. */
static uint64_t
rv_misa (const RvCpu *s)
{
  uint64_t ext = 1u << ('A' - 'A') | 1u << ('C' - 'A') | 1u << ('I' - 'A')
                 | 1u << ('M' - 'A');

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
rv_csr_read (RvCpu *s, unsigned csr, uint64_t *value)
{
  bool rv32 = s->xlen == 32;
  uint64_t v;

  switch (csr) {
  case CSR_MSTATUS:
    v = (s->mstatus & (RV_MSTATUS_MIE | RV_MSTATUS_MPIE)) | RV_MSTATUS_MPP;
    break;
  case CSR_MSTATUSH:
    if (!rv32)
      return false;
    v = 0;
    break;
  case CSR_MISA:      v = rv_misa (s); break;
  case CSR_MIE:       v = s->mie; break;
  case CSR_MIP:       v = s->mip; break;
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
    return false;
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

bool
rv_csr_write (RvCpu *s, unsigned csr, uint64_t value, unsigned retiring)
{
  bool rv32 = s->xlen == 32;

  value &= rv_xmask (s);
  switch (csr) {
  case CSR_MSTATUS:
    /* Only MIE and MPIE can change; MPP is fixed to M. */
    s->mstatus = value & (RV_MSTATUS_MIE | RV_MSTATUS_MPIE);
    return true;
  case CSR_MSTATUSH:
    return rv32;              /* nothing writable in it */
  case CSR_MISA:
    return true;              /* fixed: extensions cannot be turned off */
  case CSR_MIE:
    s->mie = value & RV_MIP_MASK;
    return true;
  case CSR_MIP:
    /* MSIP, MTIP and MEIP follow the interrupt lines; with no lower
     * privilege mode nothing in mip is writable. */
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
    return false;
  }
}
