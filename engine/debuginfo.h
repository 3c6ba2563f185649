/* Source-level debugging: a CPU's firmware read through its DWARF.
 *
 * An MdlDebugInfo holds what one firmware ELF's debug information says,
 * read with libdw (elfutils): the line table (address <-> file:line), the
 * functions with their address ranges, and, asked for while the machine
 * stands still, the call stack unwound with the CFI (.debug_frame or
 * .eh_frame) and the variables of a frame (arguments, locals, the
 * compilation unit's globals) formatted as text.  Each CPU of a board has
 * its own, so a heterogeneous board debugs every CPU by source.
 *
 * What is specific to an architecture comes from the CPU class: how DWARF
 * numbers its registers (dwarf_regmap, dwarf_sp) and how a return address
 * maps to code (elf_code_address).  Variables are read at -O0 and -Og:
 * locations in memory (DW_OP_addr, fbreg, bregN), in a register (regN) or
 * computed (stack_value); anything else, or no location at the pc, shows
 * as optimised out.
 *
 * The line table, function list and source files are fixed after
 * mdl_debuginfo_open and may be read from any thread.  Unwinding, reading
 * variables and stepping touch the CPU: do that where the machine is
 * not running (its engine thread, see mdl_runner_call).
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

G_BEGIN_DECLS

typedef struct MdlDebugInfo MdlDebugInfo;

/* DWARF register numbers the unwinder keeps per frame: enough for the
 * integer registers of every class (RISC-V 0-31, Arm 0-15, AArch64 0-31). */
#define MDL_DWARF_MAX_REGS 64

/* One frame of a call stack, innermost first. */
typedef struct {
  uint64_t    pc;        /* where it executes: the return address for callers */
  uint64_t    cfa;       /* the canonical frame address (0 when unknown) */
  const char *function;  /* owned by the debug info; NULL when unknown */
  const char *file;      /* full path, NULL without a line */
  unsigned    line;
  bool        caller;    /* an outer frame: pc is a return address, its
                            line and scope are those of the call */
  /* Registers as they are in this frame (DWARF numbering): bit n of
   * valid says regs[n] is known. */
  uint64_t    regs[MDL_DWARF_MAX_REGS];
  uint64_t    valid;
} MdlDebugFrame;

typedef enum {
  MDL_VAR_ARGUMENT,
  MDL_VAR_LOCAL,
  MDL_VAR_GLOBAL,
} MdlVarKind;

/* A variable as text. */
typedef struct {
  MdlVarKind kind;
  char      *name;
  char      *type;       /* "int", "struct point", "int *", "char [8]" */
  char      *value;      /* "42", "{x = 8, y = 16}", "<optimised out>" */
} MdlDebugVar;

/* Reads the DWARF of the ELF at @path, built for @cls.  Fails, saying
 * why and naming @path, when the file has no line information. */
MdlDebugInfo *mdl_debuginfo_open (const char *path, const MdlCpuClass *cls, GError **error);
void          mdl_debuginfo_free (MdlDebugInfo *di);
const char   *mdl_debuginfo_path (const MdlDebugInfo *di);

/* ---- the line table ---- */

/* The source line of @addr: its file (full path, owned by @di) and line,
 * and the addresses [*lo, *hi) of the line-table row holding @addr (any
 * output may be NULL).  *is_start says @addr begins a statement.  False
 * when no row with a line covers @addr. */
bool mdl_debuginfo_line_at (const MdlDebugInfo *di, uint64_t addr, const char **file,
                            unsigned *line, uint64_t *lo, uint64_t *hi, bool *is_start);

/* The addresses where code of @file:@line begins (a statement's first
 * instruction; one per block of that line, e.g. both halves of a for
 * loop), sorted.  @file is a full path, a path's tail or a base name.
 * Empty when the line has no code; then *nearest (if not NULL) is the
 * closest line after it with code (or before it, at the end of the file),
 * 0 when @file is unknown. */
GArray *mdl_debuginfo_line_addresses (const MdlDebugInfo *di, const char *file, unsigned line,
                                      unsigned *nearest);
/* The full path @di knows @file by (see above), or NULL. */
const char *mdl_debuginfo_find_file (const MdlDebugInfo *di, const char *file);
/* Resolves "FILE:LINE" to its addresses; fails with a message naming the
 * firmware, the file and, when the line has no code, the nearest line
 * that has (prefixed with @what, e.g. "--break main.c:12"). */
GArray *mdl_debuginfo_resolve_line (const MdlDebugInfo *di, const char *file, unsigned line,
                                    const char *what, GError **error);

/* The text of line @line of source @file (a full path from @di), without
 * its line end; NULL when the file cannot be read or is shorter. */
const char *mdl_debuginfo_source_line (MdlDebugInfo *di, const char *file, unsigned line);

/* The function containing @addr (owned by @di), with its first address;
 * NULL when none. */
const char *mdl_debuginfo_function_at (const MdlDebugInfo *di, uint64_t addr, uint64_t *low);

/* ---- the stopped CPU ---- */

/* The call stack of @cpu, innermost first (MdlDebugFrame), at most
 * @max_frames deep; one frame at least (the pc's own). */
GArray *mdl_debuginfo_backtrace (MdlDebugInfo *di, MdlCpu *cpu, unsigned max_frames);

/* Arguments then locals in scope at @frame's pc (MdlDebugVar, freed by
 * the array), innermost block first. */
GArray *mdl_debuginfo_frame_vars (MdlDebugInfo *di, MdlCpu *cpu, const MdlDebugFrame *frame);
/* The globals of the compilation unit holding @pc (all units when none
 * does). */
GArray *mdl_debuginfo_global_vars (MdlDebugInfo *di, MdlCpu *cpu, uint64_t pc);
/* One variable by name as it is seen from @frame: its locals and
 * arguments, then globals of every unit; NULL when there is none.
 * @frame may be NULL for globals only. */
MdlDebugVar *mdl_debuginfo_find_var (MdlDebugInfo *di, MdlCpu *cpu, const MdlDebugFrame *frame,
                                     const char *name);
void mdl_debug_var_free (MdlDebugVar *var);
void mdl_debug_var_clear (MdlDebugVar *var);

/* ---- stepping by source line ---- */

typedef enum {
  MDL_STEP_LINE,         /* to the next line, running through calls */
  MDL_STEP_INTO,         /* to the next line, into a call with line info */
  MDL_STEP_OUT,          /* until the current function returns */
} MdlStepKind;

/* A step in progress: begun on one CPU, then run in batches (the runner
 * interleaves its commands between them). */
typedef struct {
  MdlDebugInfo *di;
  MdlCpu       *cpu;
  MdlStepKind   kind;
  bool          active;
  int           depth;       /* calls entered and not yet returned */
  const char   *file;        /* the line being stepped off */
  unsigned      line;
  uint64_t      lo, hi;      /* its current row's addresses */
  uint64_t      start_pc;
  uint64_t      steps;
  const char   *gave_up;     /* why it ended without reaching a line, or NULL */
} MdlLineStep;

/* Starts a step of @kind on @cpu; @di may be NULL (no debug info: one
 * instruction, or over the call, or out by calls and returns). */
void mdl_line_step_begin (MdlLineStep *st, MdlDebugInfo *di, MdlCpu *cpu, MdlStepKind kind);
/* Runs up to @max instructions of the step.  Returns what stopped the
 * machine on the way (a breakpoint, the guest's exit...), which ends the
 * step, else MDL_STOP_NONE; st->active turns false when the step is done. */
MdlStopReason mdl_line_step_run (MdlLineStep *st, MdlMachine *m, unsigned max);
/* The whole step at once (tests, the command line). */
MdlStopReason mdl_line_step (MdlDebugInfo *di, MdlMachine *m, MdlCpu *cpu, MdlStepKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlDebugInfo, mdl_debuginfo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlDebugVar, mdl_debug_var_free)

G_END_DECLS
