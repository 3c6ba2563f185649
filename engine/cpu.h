/* CPU classes and the common header of every CPU.
 *
 * A target describes each CPU model with one static const MdlCpuClass:
 * data and function pointers, nothing chosen by the preprocessor.  The
 * machine allocates cls->state_size bytes per CPU; the target's own state
 * struct starts with an MdlCpu so the engine and the target share it.
 *
 * What a class knows of guest software is on the class too: its part of
 * a guest device tree (fdt_cpu, fdt_cpu_intc), the boot protocols it
 * offers besides reset's hand-off of hart id, boot_arg and boot_info,
 * and how an ELF symbol maps to a code address (elf_code_address).
 *
 * Contract of run(): retire at most @budget instructions, call
 * mdl_cpu_account() for what was retired (before returning, and before any
 * slow-path memory access so that devices see an exact mdl_machine_now()),
 * and return early when the CPU waits for an interrupt (state WAITING),
 * halts, or cpu->exit_request is set.  Targets check exit_request at least
 * after every slow-path access or CSR/system-register write and at taken
 * branches (the interpreters) or at every block's start (translated
 * code: a kick clamps jit_budget).  Within a CPU's own run, exit_request
 * is set only by what a slow-path access or an executor did, and every
 * one of them checks it at once; taken branches see only requests from
 * other threads (pause, stop), whose instant is not part of the trace.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "board-family.h"
#include "fdt-writer.h"
#include "memory.h"
#include "program-kit.h"
#include "prop-info.h"

G_BEGIN_DECLS

/* Marks a class's descriptive strings for translation without linking
 * gettext into the engine: xgettext finds them, and the workbench shows
 * them through _().  The one definition for targets/, hw/ and engine/. */
#ifndef N_
#define N_(String) (String)
#endif

typedef struct MdlMachine MdlMachine;
typedef struct MdlCpu MdlCpu;
typedef struct MdlStateWriter MdlStateWriter;
typedef struct MdlStateReader MdlStateReader;
typedef struct MdlCpuClass MdlCpuClass;

/* A register as the views and the gdb stub see it. */
typedef struct {
  const char *name;       /* "x10", "pc", "mstatus" */
  const char *alias;      /* ABI name ("a0") or NULL */
  unsigned    bits;       /* 32, 64 or 128: may differ from the class's XLEN;
                             above 64, reg_read/reg_write carry bits 63:0
                             and reg_read_hi/reg_write_hi bits 127:64 */
  const char *group;      /* "general", "csr", ... */
  bool        read_only;
} MdlRegInfo;

/* One field of an instruction's encoding, for the anatomy view. */
typedef struct {
  const char *name;       /* "opcode", "rd", "imm[11:0]" */
  uint8_t     lo, hi;     /* bit positions in the raw encoding, inclusive */
  uint64_t    value;      /* the field's bits */
  char        meaning[24];/* "a0", "-4", "addi": what the bits say */
} MdlInsnField;

/* What the views and stepping need to know about one instruction. */
typedef struct {
  unsigned     len;          /* bytes */
  uint32_t     raw;          /* the encoding the fields number: as fetched
                                (little-endian), or as the architecture's
                                manual numbers it (Thumb-2: hw1:hw2) */
  char         format[24];   /* "I-type", "CI (compressed)", "T32" */
  char         mnemonic[16];
  char         summary[96];  /* one line on what it does, from the
                                class's decode tables ("" when none) */
  bool         is_call;      /* links and jumps: step over runs through it */
  bool         is_return;    /* ends a call: step out stops after it */
  unsigned     n_fields;
  MdlInsnField fields[16];  /* room for A64's busiest layouts, fixed bits included */
} MdlInsnInfo;

/* What a boot protocol's prepare hook knows of the cluster it boots. */
typedef struct {
  MdlAddressSpace *as;          /* what the cluster sees */
  const char      *cluster;     /* its name, for messages */
  uint64_t         fdt_address; /* where its device tree is, 0 when none */
  uint64_t         next_entry;  /* the payload's entry point, 0 when none */
} MdlBootStage;

/* A way of starting firmware beyond the entry point, the hart id and the
 * device tree, that a CPU class may offer (targets/riscv/riscv-boot.c has
 * OpenSBI's fw_dynamic).  Every protocol name of the registered classes
 * becomes a boolean cluster property of the board document, written
 * medley,NAME in a board file; the board loader refuses a protocol the
 * cluster's class does not list. */
typedef struct {
  const char *name;       /* "opensbi-dynamic": the board property's name */
  const char *label;      /* "OpenSBI's fw_dynamic": for messages */
  bool        needs_fdt;  /* refused without medley,device-tree */
  /* Writes the firmware information block into @stage->as (after the
   * firmware, payload and tree, at every reset) and returns its address
   * in *@info, which every CPU of the cluster gets as boot_info; false
   * with @error saying what did not fit where. */
  bool (*prepare) (const MdlCpuClass *cls, const MdlBootStage *stage, uint64_t *info,
                   GError **error);
  const char *description; /* the inspector's line, N_(); NULL: the label */
} MdlBootProtocol;

/* An interrupt input that firmware uses, by the name people know it by. */
typedef struct {
  unsigned    line;       /* the set_irq line number */
  const char *name;       /* "timer" */
} MdlIrqInputName;

/* One flag of a flags register: bits lo..hi (inclusive) of its value. */
typedef struct {
  const char *name;       /* "N", "Z", "exception" */
  uint8_t     lo, hi;
} MdlRegFlag;

/* Which register holds the condition flags and how its bits decode. */
typedef struct {
  unsigned          reg;  /* index into the class's regs */
  const MdlRegFlag *fields;
  unsigned          n_fields;
} MdlFlagsReg;

typedef enum {
  MDL_CPU_RUNNING,
  MDL_CPU_WAITING,        /* wfi/wfe: sleeps until an interrupt is pending */
  MDL_CPU_HALTED,         /* stopped for good (machine stop, fatal error) */
} MdlCpuRunState;

struct MdlCpuClass {
  const char *name;        /* "rv32imac": palette, --firmware, errors */
  const char *compatible;  /* device-tree compatible: "riscv,rv32imac" */
  const char *arch;        /* "riscv32": palette group, gdb architecture */
  const char *description; /* one line for the palette tooltip */
  uint16_t    elf_machine; /* EM_* the firmware must carry */
  uint8_t     elf_class;   /* ELFCLASS32 or ELFCLASS64 */
  uint8_t     xlen;        /* natural register width in bits */
  const MdlRegInfo *regs;
  unsigned    n_regs;
  unsigned    pc_reg;      /* index of the program counter in regs */
  unsigned    n_irq_in;    /* interrupt input lines (see the target's doc) */
  unsigned    n_irq_out;   /* interrupt output lines per CPU: signals the
                              core itself raises for a controller (a
                              generic timer's), driven with
                              mdl_cpu_irq_out_set; 0 for most classes */
  size_t      state_size;  /* sizeof the target state, MdlCpu first */
  bool        semihosting; /* may print through the debugger channel: the
                              machine's serial sink gets uart == NULL while
                              this CPU runs, and runners give it a console */
  /* What the workbench shows of the class, so that ui/ tests no names:
   * the palette heading ("RISC-V 32"; NULL: arch in capitals), the inputs
   * the canvas offers as named ports (the others stay hidden; NULL: all
   * unnamed, shown as wired), and the register shown beside the pc and
   * decoded flag by flag (NULL: none). */
  const char *arch_label;
  const MdlIrqInputName *irq_names;
  unsigned    n_irq_names;
  const MdlFlagsReg *flags;

  /* Called once after allocation (state zeroed, header filled). */
  void     (*init)      (MdlCpu *cpu);
  /* Architectural reset; @entry is the firmware entry point.  Reset
   * also hands the boot over: it puts cpu->hartid, boot_arg and boot_info
   * where the class's firmware convention expects them (RISC-V: a0, a1,
   * a2, see targets/riscv/riscv-boot.c). */
  void     (*reset)     (MdlCpu *cpu, uint64_t entry);
  uint64_t (*run)       (MdlCpu *cpu, uint64_t budget);
  /* The same contract through the translating tier (docs/translator.md),
   * with exactly the same result; the machine calls it instead of run()
   * when its tier is MDL_TIER_TRANSLATE.  NULL: the class has no
   * translator and is always interpreted. */
  uint64_t (*run_translated) (MdlCpu *cpu, uint64_t budget);
  void     (*set_irq)   (MdlCpu *cpu, unsigned line, bool level);
  uint64_t (*reg_read)  (MdlCpu *cpu, unsigned reg);
  void     (*reg_write) (MdlCpu *cpu, unsigned reg, uint64_t value);
  /* Bits 127:64 of a register wider than 64 bits (a vector register);
   * writing them leaves bits 63:0 alone.  NULL when no register of the
   * class is wider than 64 bits. */
  uint64_t (*reg_read_hi)  (MdlCpu *cpu, unsigned reg);
  void     (*reg_write_hi) (MdlCpu *cpu, unsigned reg, uint64_t value);
  /* Disassembles the instruction at @pc into @text; returns its length
   * in bytes (the minimal instruction size when memory is unreadable). */
  unsigned (*disas)     (MdlCpu *cpu, uint64_t pc, GString *text);
  /* Describes the instruction at @pc; false when memory there cannot be
   * read.  May be NULL (no anatomy view, step over = step). */
  bool     (*insn_info) (MdlCpu *cpu, uint64_t pc, MdlInsnInfo *info);
  /* Forget decoded instructions (memory written by a loader or debugger). */
  void     (*flush_code)(MdlCpu *cpu);
  /* Frees what init allocated (not the state itself); may be NULL. */
  void     (*finalize)  (MdlCpu *cpu);
  /* A debugger's read of registers the CPU itself answers at @addr (the
   * Cortex-M system control space): false when @addr is not its own;
   * else true, with *value, or with *why when the read would change
   * something ("reading SYST_CSR clears COUNTFLAG").  May be NULL. */
  bool     (*debug_read)(MdlCpu *cpu, uint64_t addr, unsigned size, uint64_t *value,
                         const char **why);

  /* GDB's view (engine/gdbstub.c): the target description XML, whose
   * registers are numbered 0..gdb_n_regs-1 in document order, and for
   * each of those numbers the index into regs.  NULL: no gdb support. */
  const char *gdb_target_xml;
  const int  *gdb_regmap;
  unsigned    gdb_n_regs;

  /* ---- what the class knows of guest software (all may be NULL) ---- */
  /* Guest device tree (engine/fdt-export.c): the properties hart @hart's
   * cpu node owes to the class, its compatible first (RISC-V: "riscv",
   * riscv,isa, mmu-type).  The engine writes device_type, reg and status
   * before, clock-frequency and phandle after.  NULL: the class's
   * compatible alone. */
  void (*fdt_cpu)      (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w);
  /* The contents of the hart's interrupt-controller node; the engine
   * adds its phandle.  Devices' interrupts-extended name its inputs with
   * one cell, the input number, so it says #interrupt-cells = 1.  NULL:
   * #interrupt-cells and interrupt-controller alone. */
  void (*fdt_cpu_intc) (const MdlCpuClass *cls, unsigned hart, MdlFdtWriter *w);
  /* Root-level nodes the class owes a guest device tree besides its cpu
   * nodes (Arm: /psci, and /timer for the generic timer), for a cluster
   * of @harts.  @outputs are the interrupts-extended cells of hart 0's
   * interrupt outputs as the board wires them (a phandle and a specifier
   * per output, in output order), @n_cells of them: 0 when some output is
   * unwired or goes where this tree does not reach.  NULL: none. */
  void (*fdt_root)     (const MdlCpuClass *cls, unsigned harts, const uint32_t *outputs,
                        unsigned n_cells, MdlFdtWriter *w);
  /* Boot protocols the class offers besides the plain hand-off of reset;
   * n_boot_protocols entries. */
  const MdlBootProtocol *boot_protocols;
  unsigned    n_boot_protocols;
  /* A kernel given as such (medley run --kernel): checks that @data is a
   * kernel image for this class and sets *load_offset, where it goes
   * from the start of RAM when the board names no payload address.
   * False with @error (one line) when it is not.  NULL: any file is
   * taken as a raw payload. */
  bool (*kernel_image) (const MdlCpuClass *cls, const void *data, size_t len,
                        uint64_t *load_offset, GError **error);
  /* The code address a function symbol's value stands for (Arm: the
   * Thumb bit cleared).  NULL: the value itself. */
  uint64_t (*elf_code_address) (uint64_t value);
  /* Source-level debugging (engine/debuginfo.h): for each DWARF register
   * number below dwarf_n_regs the index into regs (-1: not one of them),
   * and the DWARF number of the stack pointer, which a caller's frame
   * gets the canonical frame address in.  NULL: no unwinding or register
   * variables. */
  const int  *dwarf_regmap;
  unsigned    dwarf_n_regs;
  int         dwarf_sp;

  /* ---- what the workbench knows around the class (may be NULL) ---- */
  /* The family of boards the class usually sits on (engine/board-family.h):
   * where its firmware expects devices, for design checks and the palette. */
  const MdlBoardFamily *family;
  /* Every name the class's mdl_cpu_report_exception calls give, NULL
   * terminated: the causes the window offers to stop on. */
  const char *const *exception_names;
  /* The class's reset vector: where its cores start when their cluster
   * has neither firmware nor payload, running what a ROM of the board
   * holds there (a raw image, as QEMU's -bios starts it).  Without
   * has_reset_address such a cluster is refused. */
  bool        has_reset_address;
  uint64_t    reset_address;
  /* The guest device tree names no interrupt controller inside the cpu
   * nodes: the wires into the CPU's inputs are implied (a GIC's CPU
   * interfaces), so neither the node nor interrupts-extended aimed at it
   * is written. */
  bool        fdt_no_cpu_intc;
  /* Settings of the model a board may give a cluster as "medley,NAME"
   * (numeric; default_u64 is the model's own), shown after the cluster's
   * common properties.  set_prop checks @value, saying which values the
   * model takes when it refuses one, and applies it to @cpu after init
   * (@cpu NULL: only the check, for a board being read or edited). */
  const MdlPropInfo *props;
  unsigned    n_props;
  bool (*set_prop) (const MdlCpuClass *cls, MdlCpu *cpu, const char *name, uint64_t value,
                    GError **error);
  /* How the workbench builds a program for the class from source: cross
   * compiler, flags, templates (engine/program-kit.h).  NULL: it cannot. */
  const MdlProgramKit *program;

  /* ---- saved states (engine/snapshot.h) ---- */
  /* Writes every bit of architectural state the class keeps (registers,
   * system registers, timers, interrupt controller inside the core,
   * exclusive monitors), not caches.  restore reads it back onto the
   * same CPU and recomputes what is derived from it (translations, RAM
   * windows, modes); the engine then forgets decoded and translated
   * code.  The MdlCpu header (time, retired, run state) is the engine's.
   * Both required: the round-trip test refuses a class without them. */
  void (*save)    (MdlCpu *cpu, MdlStateWriter *w);
  bool (*restore) (MdlCpu *cpu, MdlStateReader *r, GError **error);
};

struct MdlCpu {
  const MdlCpuClass *cls;
  MdlMachine        *machine;
  MdlAddressSpace   *as;        /* what this CPU's cluster sees */
  char              *name;      /* from the board: "app", "app.1" */
  unsigned           index;     /* position in the machine, board order */
  uint64_t           hartid;    /* the cpu node's reg */
  uint64_t           boot_arg;  /* handed over at reset besides the entry
                                   (where: the class's reset): the device
                                   tree's address, 0 for none */
  uint64_t           boot_info; /* the firmware information block the
                                   cluster's boot protocol wrote, or 0 */
  uint64_t           period_ps; /* from clock-frequency */
  uint64_t           timebase_hz; /* rate of the architectural timer
                                     (RISC-V `time`), 0 when absent */
  uint64_t           time_ps;   /* local virtual time */
  uint64_t           retired;   /* instructions retired since reset */
  struct MdlIrqLine **irq_out;  /* cls->n_irq_out lines, NULL when
                                   unconnected: the board wires them */
  MdlCpuRunState     state;
  GHashTable        *breakpoints;  /* guest addresses (uint64_t *), or NULL */
  bool               bp_pass;      /* resuming: let the breakpoint at
                                      bp_pass_pc through once */
  uint64_t           bp_pass_pc;
  bool               exit_request; /* leave run() soon: read and written
                                      only through the helpers below, as
                                      other threads set it */
  uint64_t           jit_budget;   /* what translated code checks a
                                      block's count against: run()'s
                                      budget (mdl_cpu_begin_translated),
                                      0 once a kick asked it to leave */
  uint64_t           own_budget;   /* set before run(): after how many
                                      of its instructions the CPU's own
                                      event falls due (mdl_event_init_own),
                                      UINT64_MAX when none does before
                                      the run's end */
  bool               in_own_event; /* mdl_cpu_fire_own is calling one:
                                      what it makes pending needs no
                                      kick, the CPU looks next */
  /* Exceptions taken (mdl_cpu_report_exception): whether the machine
   * listens, whether it stops on some cause by name (exc_stop_named),
   * its storm length (0: no guard), and the last one, for storms.
   * Engine only. */
  bool               exc_watched, exc_stop_named;
  unsigned           exc_storm;
  unsigned           exc_cause;
  uint64_t           exc_pc, exc_addr, exc_retired;
  unsigned           exc_repeats;
  /* The translating tier's cache (engine/jit-cache.h), made by the
   * class's run_translated when it first runs; freed with the CPU. */
  struct MdlJit     *jit;
  /* The cache model (engine/cache-model.h), or NULL: while it is set the
   * class reports every fetch and data access to it and keeps no RAM
   * windows, and the machine runs the CPU in the interpreter. */
  struct MdlCacheModel *cache;
};

/* Books @n retired instructions: retired += n, time += n * period. */
static inline void
mdl_cpu_account (MdlCpu *cpu, uint64_t n)
{
  cpu->retired += n;
  cpu->time_ps += n * cpu->period_ps;
}

/* Asks the CPU to leave run() at its next check; any thread may call it.
 * Relaxed atomics: a plain load and store on the hosts we run on, but no
 * data race in the C memory model. */
static inline void
mdl_cpu_kick (MdlCpu *cpu)
{
  __atomic_store_n (&cpu->exit_request, true, __ATOMIC_RELAXED);
  /* After the request (mdl_cpu_begin_translated relies on the order;
   * release: a plain store on x86-64, the only host translated code
   * runs on). */
  __atomic_store_n (&cpu->jit_budget, 0, __ATOMIC_RELEASE);
}

/* The start of run_translated: @budget is what translated code may run
 * unless a kick comes (or came: a request already set makes it 0).  A
 * kick from another thread meanwhile is not lost: the exchange orders
 * the budget's store before the request is read. */
static inline void
mdl_cpu_begin_translated (MdlCpu *cpu, uint64_t budget)
{
  __atomic_exchange_n (&cpu->jit_budget, budget, __ATOMIC_SEQ_CST);
  if (__atomic_load_n (&cpu->exit_request, __ATOMIC_SEQ_CST))
    __atomic_store_n (&cpu->jit_budget, 0, __ATOMIC_RELAXED);
}

/* Fires the CPU's own events due now, from inside its run(), once it
 * has retired own_budget instructions of it (the count accounted first,
 * so that time_ps is exact); it then looks at its interrupts, as at the
 * start of a run(), and goes on.  Returns after how many more
 * instructions the next one falls due, UINT64_MAX when none does before
 * the run's end.  The instants are those at which the run would have
 * ended and the engine fired the event, so the trace is the same. */
uint64_t mdl_cpu_fire_own (MdlCpu *cpu);

/* The instruction count at which a run() that has done @n of its
 * @budget stops next: its end, or when its own event falls @own after
 * @n. */
static inline uint64_t
mdl_cpu_run_limit (uint64_t n, uint64_t budget, uint64_t own)
{
  return own >= budget - n ? budget : n + own;
}

static inline bool
mdl_cpu_exit_requested (const MdlCpu *cpu)
{
  return __atomic_load_n (&cpu->exit_request, __ATOMIC_RELAXED);
}

static inline void
mdl_cpu_set_exit_request (MdlCpu *cpu, bool value)
{
  __atomic_store_n (&cpu->exit_request, value, __ATOMIC_RELAXED);
}

/* ---- breakpoints ----
 * Targets ask mdl_cpu_breakpoint_at() when they decode an instruction
 * (so a CPU without breakpoints pays nothing) and, for an address that has
 * one, run the target's breakpoint hook first: mdl_cpu_breakpoint_hit()
 * says whether to stop before the instruction (the machine stops with
 * MDL_STOP_BREAKPOINT; the instruction does not retire) or to execute it
 * (resuming from that breakpoint). */
static inline bool
mdl_cpu_breakpoint_at (const MdlCpu *cpu, uint64_t pc)
{
  return cpu->breakpoints != NULL && g_hash_table_contains (cpu->breakpoints, &pc);
}

bool mdl_cpu_breakpoint_hit   (MdlCpu *cpu, uint64_t pc);
/* Adds or removes a breakpoint (forgets decoded code so it takes effect). */
void mdl_cpu_set_breakpoint   (MdlCpu *cpu, uint64_t pc, bool enabled);
void mdl_cpu_clear_breakpoints (MdlCpu *cpu);
/* The program counter, through the class's register table. */
uint64_t mdl_cpu_pc (MdlCpu *cpu);

/* Drives the CPU's interrupt output @i (a no-op when it is unconnected). */
void mdl_cpu_irq_out_set (MdlCpu *cpu, unsigned i, bool level);

/* Wakes a waiting CPU (targets call this from set_irq when an enabled
 * interrupt becomes pending) and kicks it. */
void mdl_cpu_wake (MdlCpu *cpu);

/* ---- exceptions taken ----
 * A target calls mdl_cpu_report_exception() where it takes a synchronous
 * exception: its own @cause code, the @pc of the instruction, the
 * faulting @addr (0 when none), a short @name ("load access fault") and
 * whether it is a @fault (an environment call or SVC is not: a loop of
 * those is a program, not a storm).  Nothing but a flag test unless the
 * machine listens (mdl_machine_set_stop_on_exception). */
void mdl_cpu_exception_taken (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                              const char *name, bool fault);
/* The storm guard's verdict: stops the machine (engine only). */
void mdl_cpu_exception_storm (MdlCpu *cpu, uint64_t pc, uint64_t addr, const char *name);

/* Faults apart by more than this many instructions are not one storm: a
 * handler that fixes something up and returns (demand paging, emulating
 * an instruction) does real work in between. */
#define MDL_CPU_STORM_GAP 256

/* Counts fault @cause at @pc, @addr towards a storm: whether it makes
 * one (exc_storm in a row, each within MDL_CPU_STORM_GAP instructions of
 * the last).  @retired: the CPU's count of retired instructions at the
 * fault, which its run() may not have handed to the engine yet.  Engine
 * only. */
static inline bool
mdl_cpu_storm_count_at (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                        uint64_t retired)
{
  if (cpu->exc_repeats > 0 && cpu->exc_cause == cause && cpu->exc_pc == pc &&
      cpu->exc_addr == addr && retired - cpu->exc_retired <= MDL_CPU_STORM_GAP) {
    cpu->exc_repeats++;
  } else {
    cpu->exc_repeats = 1;
    cpu->exc_cause = cause;
    cpu->exc_pc = pc;
    cpu->exc_addr = addr;
  }
  cpu->exc_retired = retired;
  return cpu->exc_repeats >= cpu->exc_storm;
}

static inline bool
mdl_cpu_storm_count (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr)
{
  return mdl_cpu_storm_count_at (cpu, cause, pc, addr, cpu->retired);
}

/* mdl_cpu_report_exception in two halves, for a target whose trap entry
 * makes no call in its common case: the storm guard's bookkeeping,
 * inline, which is true when the report has more to do (the machine
 * stops on causes by name, or a storm is complete); then, only then,
 * mdl_cpu_report_exception_finish with the same arguments, the retired
 * count handed to the engine first.  @retired as for
 * mdl_cpu_storm_count_at: a target need not hand its count over for
 * every fault. */
static inline bool
mdl_cpu_exception_count_at (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                            bool fault, uint64_t retired)
{
  if (G_LIKELY (!cpu->exc_watched))
    return false;
  if (G_UNLIKELY (cpu->exc_stop_named))
    return true;
  return fault && G_UNLIKELY (mdl_cpu_storm_count_at (cpu, cause, pc, addr, retired));
}

static inline bool
mdl_cpu_exception_count (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                         bool fault)
{
  return mdl_cpu_exception_count_at (cpu, cause, pc, addr, fault, cpu->retired);
}

static inline void
mdl_cpu_report_exception_finish (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                                 const char *name, bool fault)
{
  if (cpu->exc_stop_named)
    mdl_cpu_exception_taken (cpu, cause, pc, addr, name, fault);
  else
    mdl_cpu_exception_storm (cpu, pc, addr, name);
}

/* The storm guard's bookkeeping is inline (a trap handler that faults on
 * purpose pays a few instructions per fault); a call only when the
 * machine stops on causes by name, or a storm is complete. */
static inline void
mdl_cpu_report_exception (MdlCpu *cpu, unsigned cause, uint64_t pc, uint64_t addr,
                          const char *name, bool fault)
{
  if (G_UNLIKELY (mdl_cpu_exception_count (cpu, cause, pc, addr, fault)))
    mdl_cpu_report_exception_finish (cpu, cause, pc, addr, name, fault);
}

/* A target reports a fatal condition it cannot express as an exception
 * (e.g. a trap with no handler in a core that has none): the machine stops
 * with this message, naming the CPU and address. */
void mdl_cpu_fatal (MdlCpu *cpu, uint64_t pc, const char *fmt, ...)
  G_GNUC_PRINTF (3, 4);

G_END_DECLS
