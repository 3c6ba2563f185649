/* The trigger module (Sdtrig, RISC-V Debug Specification 1.0, chapter 5):
 * RV_TRIG_COUNT triggers of type 6 (mcontrol6) that match the address of
 * an instruction, a load or a store and raise a breakpoint exception
 * (cause 3, tval = the address).  What firmware probes and what a
 * debugger running in the guest uses for hardware breakpoints.
 *
 * CSRs: tselect (0x7a0), tdata1..3 (0x7a1..0x7a3), tinfo (0x7a4),
 * tcontrol (0x7a5), all machine mode.  Every field is WARL and keeps the
 * nearest value this module supports:
 *   tdata1 type    6 (mcontrol6), or 15 (disabled) for any other type
 *                  written (0 included, the usual way to switch one off);
 *          dmode   0 (no Debug Mode)
 *          match   0 equal, 1 NAPOT, 2 >=, 3 <; others become 0
 *          action  0 (breakpoint exception); others become 0
 *          m s u execute store load: as written; select, chain, size,
 *          timing, vu, vs, uncertain(en): 0; hit0 set when it fires
 *   tdata3         0 (no textra matching)
 *   tinfo          version 1, types 6 and 15
 *   tcontrol       mte (bit 3) and mpte (bit 7): with mte clear, no
 *                  trigger fires in M-mode; a trap into M-mode saves mte
 *                  in mpte and clears it, mret restores it, so that a
 *                  trigger in the M-mode trap handler cannot loop.
 *
 * Triggers cost nothing while none is armed: execute triggers are found
 * when an instruction is decoded into the decode cache (whose entries
 * then run rv_exec_trigger, riscv-exec.c, also before a fetch fault),
 * and while a load or store trigger is armed the executors' RAM windows
 * stay empty, so that every access takes the slow path, where
 * rv_mem_read and rv_mem_write ask rv_trigger_data (AMOs, LR and SC ask
 * before their alignment check, as the priority of exceptions says).
 */
#include "riscv-cpu.h"

enum {
  CSR_TSELECT = 0x7a0,
  CSR_TDATA1 = 0x7a1,
  CSR_TDATA2 = 0x7a2,
  CSR_TDATA3 = 0x7a3,
  CSR_TINFO = 0x7a4,
  CSR_TCONTROL = 0x7a5,
};

/* mcontrol6 fields (the low bits of tdata1 are the same on RV32/RV64). */
#define MC6_LOAD        RV_BIT (0)
#define MC6_STORE       RV_BIT (1)
#define MC6_EXECUTE     RV_BIT (2)
#define MC6_U           RV_BIT (3)
#define MC6_S           RV_BIT (4)
#define MC6_M           RV_BIT (6)
#define MC6_MATCH_SHIFT 7
#define MC6_MATCH       (UINT64_C (0xf) << MC6_MATCH_SHIFT)
#define MC6_HIT0        RV_BIT (22)
#define MC6_KEPT        (MC6_LOAD | MC6_STORE | MC6_EXECUTE | MC6_U | MC6_S | MC6_M | MC6_MATCH | MC6_HIT0)

#define TCONTROL_MTE  RV_BIT (3)
#define TCONTROL_MPTE RV_BIT (7)

enum {
  MATCH_EQUAL = 0,
  MATCH_NAPOT = 1,
  MATCH_GE = 2,
  MATCH_LT = 3,
};

enum {
  TYPE_MCONTROL6 = 6,
  TYPE_DISABLED = 15,
};

/* The type field: the top four bits of tdata1. */
static unsigned
rv_trig_type (const RvCpu *s, uint64_t tdata1)
{
  return (unsigned) (tdata1 >> (s->xlen - 4)) & 0xf;
}

static uint64_t
rv_trig_disabled (const RvCpu *s)
{
  return (uint64_t) TYPE_DISABLED << (s->xlen - 4);
}

/* Recomputes which kinds of access some trigger watches, dropping what
 * the fast paths cached under the old triggers. */
static void
rv_trig_update (RvCpu *s)
{
  bool exec = false, data = false;

  for (unsigned i = 0; i < RV_TRIG_COUNT; i++) {
    uint64_t t = s->tdata1[i];

    if (rv_trig_type (s, t) != TYPE_MCONTROL6 || !(t & (MC6_M | MC6_S | MC6_U)))
      continue;
    exec |= (t & MC6_EXECUTE) != 0;
    data |= (t & (MC6_LOAD | MC6_STORE)) != 0;
  }
  s->trig_exec = exec;
  s->trig_data = data;
  rv_flush_code (&s->cpu);
  rv_forget_windows (s);
}

void
rv_trigger_reset (RvCpu *s)
{
  s->tselect = 0;
  for (unsigned i = 0; i < RV_TRIG_COUNT; i++) {
    s->tdata1[i] = rv_trig_disabled (s);
    s->tdata2[i] = 0;
  }
  /* mte starts clear: M-mode code that arms a trigger for itself sets
   * it, as the specification expects. */
  s->tcontrol = 0;
  rv_trig_update (s);
}

/* Whether trigger @i's address condition holds for @addr. */
static bool
rv_trig_addr_match (const RvCpu *s, unsigned i, uint64_t addr)
{
  uint64_t t2 = s->tdata2[i];

  switch ((s->tdata1[i] & MC6_MATCH) >> MC6_MATCH_SHIFT) {
  case MATCH_EQUAL: return addr == t2;
  case MATCH_NAPOT: {
    /* The trailing ones of tdata2 and one bit more are not compared. */
    uint64_t care = ~(t2 ^ (t2 + 1));

    return ((addr ^ t2) & care & rv_xmask (s)) == 0;
  }
  case MATCH_GE: return addr >= t2;
  case MATCH_LT: return addr < t2;
  default: return false;
  }
}

/* Whether a trigger watching @kind (MC6_EXECUTE, _LOAD or _STORE) fires
 * for @addr in the hart's current mode; marks it hit. */
static bool
rv_trig_fire (RvCpu *s, uint64_t kind, uint64_t addr)
{
  uint64_t mode = s->priv == RV_PRIV_M ? MC6_M : s->priv == RV_PRIV_S ? MC6_S : MC6_U;
  bool fired = false;

  if (s->priv == RV_PRIV_M && !(s->tcontrol & TCONTROL_MTE))
    return false;
  for (unsigned i = 0; i < RV_TRIG_COUNT; i++) {
    uint64_t t = s->tdata1[i];

    if (rv_trig_type (s, t) != TYPE_MCONTROL6 || !(t & kind) || !(t & mode)
        || !rv_trig_addr_match (s, i, addr))
      continue;
    s->tdata1[i] |= MC6_HIT0;
    fired = true;
  }
  return fired;
}

bool
rv_trigger_exec_watched (const RvCpu *s, uint64_t pc)
{
  for (unsigned i = 0; i < RV_TRIG_COUNT; i++)
    if (rv_trig_type (s, s->tdata1[i]) == TYPE_MCONTROL6 && (s->tdata1[i] & MC6_EXECUTE)
        && rv_trig_addr_match (s, i, pc))
      return true;
  return false;
}

bool
rv_trigger_exec (RvCpu *s, uint64_t pc)
{
  return rv_trig_fire (s, MC6_EXECUTE, pc);
}

bool
rv_trigger_data (RvCpu *s, uint64_t addr, bool store)
{
  return rv_trig_fire (s, store ? MC6_STORE : MC6_LOAD, addr);
}

void
rv_trigger_trap_to_m (RvCpu *s)
{
  uint64_t mte = s->tcontrol & TCONTROL_MTE;

  s->tcontrol = mte << 4; /* mpte = mte, mte = 0 */
}

void
rv_trigger_mret (RvCpu *s)
{
  s->tcontrol = (s->tcontrol & ~TCONTROL_MTE) | ((s->tcontrol & TCONTROL_MPTE) >> 4);
}

const char *
rv_trigger_csr_name (unsigned csr)
{
  switch (csr) {
  case CSR_TSELECT: return "tselect";
  case CSR_TDATA1: return "tdata1";
  case CSR_TDATA2: return "tdata2";
  case CSR_TDATA3: return "tdata3";
  case CSR_TINFO: return "tinfo";
  case CSR_TCONTROL: return "tcontrol";
  default: return NULL;
  }
}

bool
rv_trigger_csr_read (RvCpu *s, unsigned csr, uint64_t *value)
{
  switch (csr) {
  case CSR_TSELECT: *value = s->tselect; return true;
  case CSR_TDATA1: *value = s->tdata1[s->tselect]; return true;
  case CSR_TDATA2: *value = s->tdata2[s->tselect]; return true;
  case CSR_TDATA3: *value = 0; return true;
  /* Version 1 (this specification), types 6 and 15. */
  case CSR_TINFO:
    *value = UINT64_C (1) << 24 | RV_BIT (TYPE_MCONTROL6) | RV_BIT (TYPE_DISABLED);
    return true;
  case CSR_TCONTROL: *value = s->tcontrol; return true;
  default: return false;
  }
}

bool
rv_trigger_csr_write (RvCpu *s, unsigned csr, uint64_t value)
{
  switch (csr) {
  case CSR_TSELECT:
    /* WARL: a trigger that does not exist is not selected, so that
     * software finds how many there are by reading back. */
    if (value < RV_TRIG_COUNT)
      s->tselect = (unsigned) value;
    return true;
  case CSR_TDATA1:
    if (rv_trig_type (s, value) == TYPE_MCONTROL6) {
      uint64_t v = value & MC6_KEPT;
      unsigned match = (unsigned) ((v & MC6_MATCH) >> MC6_MATCH_SHIFT);

      if (match > MATCH_LT)
        v &= ~MC6_MATCH;
      s->tdata1[s->tselect] = (uint64_t) TYPE_MCONTROL6 << (s->xlen - 4) | v;
    } else
      s->tdata1[s->tselect] = rv_trig_disabled (s);
    rv_trig_update (s);
    return true;
  case CSR_TDATA2:
    s->tdata2[s->tselect] = value & rv_xmask (s);
    rv_trig_update (s);
    return true;
  case CSR_TDATA3: return true;
  case CSR_TINFO: return true; /* read-only contents, writes ignored */
  case CSR_TCONTROL: s->tcontrol = value & (TCONTROL_MTE | TCONTROL_MPTE); return true;
  default: return false;
  }
}
