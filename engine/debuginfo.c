#define G_LOG_DOMAIN "mdl-debuginfo"

#include "debuginfo.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

/* A step gives up after this many instructions (an endless loop, a call
 * that never returns). */
#define STEP_LIMIT UINT64_C (50000000)
/* Bytes of one variable read for formatting; bigger objects are cut. */
#define VALUE_MAX 4096
/* Elements of an array and characters of a string shown. */
#define ARRAY_SHOWN 32
#define STRING_SHOWN 64

/* One row of the line table: the addresses [lo, hi) belong to file:line. */
typedef struct {
  uint64_t    lo, hi;
  const char *file;      /* interned */
  unsigned    line;
  bool        is_stmt;
} Row;

/* Where a statement begins: is_stmt rows, those without addresses of
 * their own too (at -Og several lines start at one instruction). */
typedef struct {
  uint64_t    addr;
  const char *file;
  unsigned    line;
} Stmt;

/* One address range of a function. */
typedef struct {
  uint64_t    lo, hi;
  const char *name;      /* interned */
} Func;

struct MdlDebugInfo {
  char              *path;
  const MdlCpuClass *cls;
  int                fd;
  Elf               *elf;
  Dwarf             *dwarf;
  Dwarf_CFI         *cfi_debug;  /* .debug_frame, owned by dwarf */
  Dwarf_CFI         *cfi_eh;     /* .eh_frame, ours to end */
  GArray            *rows;       /* Row, sorted by lo, not overlapping */
  GArray            *stmts;      /* Stmt, in line-table order */
  GArray            *stmts_by_addr; /* the same, sorted by address */
  GArray            *funcs;      /* Func, sorted by lo */
  GHashTable        *strings;    /* interned file and function names */
  GMutex             lock;       /* libdw and the source cache */
  GHashTable        *sources;    /* path -> GPtrArray of lines, or NULL */
  uint64_t           addr_mask;
};

static const char *
intern (MdlDebugInfo *di, const char *s)
{
  char *found;

  if (s == NULL)
    return NULL;
  found = g_hash_table_lookup (di->strings, s);
  if (found == NULL) {
    found = g_strdup (s);
    g_hash_table_add (di->strings, found);
  }
  return found;
}

static int
row_cmp (const void *a, const void *b)
{
  const Row *x = a, *y = b;

  return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int
func_cmp (const void *a, const void *b)
{
  const Func *x = a, *y = b;

  return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* A line's source file as a clean absolute path: compilers write what
 * they were given ("../src/main.c"), relative to the compilation folder. */
static const char *
source_path (MdlDebugInfo *di, Dwarf_Line *l, const char *comp_dir, GHashTable *seen)
{
  const char *src = dwarf_linesrc (l, NULL, NULL);
  const char *clean;
  g_autofree char *path = NULL;

  if (src == NULL)
    return NULL;
  clean = g_hash_table_lookup (seen, src);
  if (clean)
    return clean;
  if (g_path_is_absolute (src))
    path = g_canonicalize_filename (src, NULL);
  else if (comp_dir && g_path_is_absolute (comp_dir))
    path = g_canonicalize_filename (src, comp_dir);
  else
    path = g_strdup (src);
  clean = intern (di, path);
  g_hash_table_insert (seen, (char *) src, (char *) clean);
  return clean;
}

static void
read_lines (MdlDebugInfo *di, Dwarf_Die *cudie)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Dwarf_Attribute a;
  const char *comp_dir = dwarf_formstring (dwarf_attr (cudie, DW_AT_comp_dir, &a));
  Dwarf_Lines *lines;
  size_t n;

  if (dwarf_getsrclines (cudie, &lines, &n) != 0)
    return;
  for (size_t i = 0; i + 1 < n; i++) {
    Dwarf_Line *l = dwarf_onesrcline (lines, i), *next = dwarf_onesrcline (lines, i + 1);
    Dwarf_Addr lo, hi;
    bool end = false, stmt = false;
    int lineno = 0;
    Row row;

    if (dwarf_lineendsequence (l, &end) != 0 || end || dwarf_lineaddr (l, &lo) != 0 ||
        dwarf_lineaddr (next, &hi) != 0)
      continue;
    dwarf_lineno (l, &lineno);
    dwarf_linebeginstatement (l, &stmt);
    if (stmt && lineno > 0) {
      Stmt s = { lo, source_path (di, l, comp_dir, seen), (unsigned) lineno };
      g_array_append_val (di->stmts, s);
    }
    if (hi <= lo)
      continue;
    row.lo = lo;
    row.hi = hi;
    row.line = lineno > 0 ? (unsigned) lineno : 0;
    row.file = source_path (di, l, comp_dir, seen);
    row.is_stmt = stmt;
    g_array_append_val (di->rows, row);
  }
}

static void
read_functions (MdlDebugInfo *di, Dwarf_Die *cudie)
{
  Dwarf_Die die;

  if (dwarf_child (cudie, &die) != 0)
    return;
  do {
    Dwarf_Addr base, start, end;
    ptrdiff_t off = 0;

    if (dwarf_tag (&die) != DW_TAG_subprogram || dwarf_diename (&die) == NULL)
      continue;
    while ((off = dwarf_ranges (&die, off, &base, &start, &end)) > 0) {
      Func f = { start, end, intern (di, dwarf_diename (&die)) };
      if (end > start)
        g_array_append_val (di->funcs, f);
    }
  } while (dwarf_siblingof (&die, &die) == 0);
}

static int
stmt_cmp (const void *a, const void *b)
{
  const Stmt *x = a, *y = b;

  return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The statements beginning at @addr: how many lines, counted once each. */
static unsigned
stmt_lines_at (const MdlDebugInfo *di, uint64_t addr)
{
  guint lo = 0, hi = di->stmts_by_addr->len;
  unsigned n = 0, last = 0;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (di->stmts_by_addr, Stmt, mid).addr < addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (guint i = lo; i < di->stmts_by_addr->len; i++) {
    const Stmt *s = &g_array_index (di->stmts_by_addr, Stmt, i);
    if (s->addr != addr)
      break;
    if (s->line != last)
      n++;
    last = s->line;
  }
  return n;
}

MdlDebugInfo *
mdl_debuginfo_open (const char *path, const MdlCpuClass *cls, GError **error)
{
  g_autoptr(MdlDebugInfo) di = g_new0 (MdlDebugInfo, 1);
  Dwarf_Off off = 0, next;
  size_t hsize;

  g_return_val_if_fail (path != NULL && cls != NULL, NULL);
  di->path = g_strdup (path);
  di->cls = cls;
  di->fd = -1;
  di->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  di->funcs = g_array_new (FALSE, FALSE, sizeof (Func));
  di->stmts = g_array_new (FALSE, FALSE, sizeof (Stmt));
  di->strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  di->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_mutex_init (&di->lock);
  di->addr_mask = cls->xlen >= 64 ? UINT64_MAX : (UINT64_C (1) << cls->xlen) - 1;

  elf_version (EV_CURRENT);
  di->fd = open (path, O_RDONLY | O_CLOEXEC);
  if (di->fd < 0) {
    int err = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "%s: %s", path,
                 g_strerror (err));
    return NULL;
  }
  di->elf = elf_begin (di->fd, ELF_C_READ_MMAP, NULL);
  if (di->elf == NULL || elf_kind (di->elf) != ELF_K_ELF) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "%s: not an ELF file", path);
    return NULL;
  }
  di->dwarf = dwarf_begin_elf (di->elf, DWARF_C_READ, NULL);
  if (di->dwarf == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no debug information (build it with -g)", path);
    return NULL;
  }
  while (dwarf_nextcu (di->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0) {
    Dwarf_Die cudie;

    if (dwarf_offdie (di->dwarf, off + hsize, &cudie) != NULL) {
      read_lines (di, &cudie);
      read_functions (di, &cudie);
    }
    off = next;
  }
  if (di->rows->len == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no line information (build it with -g)", path);
    return NULL;
  }
  g_array_sort (di->rows, row_cmp);
  g_array_sort (di->funcs, func_cmp);
  di->stmts_by_addr = g_array_copy (di->stmts);
  g_array_sort (di->stmts_by_addr, stmt_cmp);
  di->cfi_debug = dwarf_getcfi (di->dwarf);
  di->cfi_eh = dwarf_getcfi_elf (di->elf);
  return g_steal_pointer (&di);
}

void
mdl_debuginfo_free (MdlDebugInfo *di)
{
  if (di == NULL)
    return;
  if (di->cfi_eh)
    dwarf_cfi_end (di->cfi_eh);
  if (di->dwarf)
    dwarf_end (di->dwarf);
  if (di->elf)
    elf_end (di->elf);
  if (di->fd >= 0)
    close (di->fd);
  g_array_unref (di->rows);
  g_array_unref (di->funcs);
  g_array_unref (di->stmts);
  g_array_unref (di->stmts_by_addr);
  g_hash_table_unref (di->strings);
  g_hash_table_unref (di->sources);
  g_mutex_clear (&di->lock);
  g_free (di->path);
  g_free (di);
}

const char *
mdl_debuginfo_path (const MdlDebugInfo *di)
{
  return di->path;
}

/* ---- the line table ------------------------------------------------------ */

/* Index of the row holding @addr, or -1. */
static int
row_index (const MdlDebugInfo *di, uint64_t addr)
{
  guint lo = 0, hi = di->rows->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (di->rows, Row, mid).lo <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return -1;
  return addr < g_array_index (di->rows, Row, lo - 1).hi ? (int) lo - 1 : -1;
}

bool
mdl_debuginfo_line_at (const MdlDebugInfo *di, uint64_t addr, const char **file, unsigned *line,
                       uint64_t *lo, uint64_t *hi, bool *is_start)
{
  int i = row_index (di, addr);
  const Row *r;

  if (i < 0)
    return false;
  r = &g_array_index (di->rows, Row, i);
  if (r->line == 0)
    return false;
  if (file)
    *file = r->file;
  if (line)
    *line = r->line;
  if (lo)
    *lo = r->lo;
  if (hi)
    *hi = r->hi;
  if (is_start)
    *is_start = stmt_lines_at (di, addr) > 0;
  return true;
}

/* @query names @full: the same path, its tail after a '/', or (for a
 * query without '/') its base name. */
static bool
file_matches (const char *full, const char *query)
{
  size_t lf = strlen (full), lq = strlen (query);
  const char *base;

  if (strcmp (full, query) == 0)
    return true;
  if (lf > lq && full[lf - lq - 1] == '/' && strcmp (full + lf - lq, query) == 0)
    return true;
  base = strrchr (full, '/');
  return strchr (query, '/') == NULL && base != NULL && strcmp (base + 1, query) == 0;
}

const char *
mdl_debuginfo_find_file (const MdlDebugInfo *di, const char *file)
{
  const char *last = NULL;

  for (guint i = 0; i < di->rows->len; i++) {
    const Row *r = &g_array_index (di->rows, Row, i);
    if (r->file == last)
      continue;
    last = r->file;
    if (r->file && file_matches (r->file, file))
      return r->file;
  }
  return NULL;
}

static int
addr_cmp (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

  return x < y ? -1 : x > y;
}

GArray *
mdl_debuginfo_line_addresses (const MdlDebugInfo *di, const char *file, unsigned line,
                              unsigned *nearest)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  const char *full = mdl_debuginfo_find_file (di, file);
  unsigned after = 0, before = 0;

  if (nearest)
    *nearest = 0;
  if (full == NULL)
    return out;
  for (guint i = 0; i < di->stmts->len; i++) {
    const Stmt *s = &g_array_index (di->stmts, Stmt, i);
    const char *pfile = NULL;
    unsigned pline = 0;
    bool dup = false;

    if (s->file != full)
      continue;
    if (s->line > line && (after == 0 || s->line < after))
      after = s->line;
    if (s->line < line && s->line > before)
      before = s->line;
    if (s->line != line)
      continue;
    /* A block's first statement only: one right after code of the same
     * line continues it. */
    if (s->addr > 0 &&
        mdl_debuginfo_line_at (di, s->addr - 1, &pfile, &pline, NULL, NULL, NULL) &&
        pfile == full && pline == line)
      continue;
    for (guint j = 0; j < out->len && !dup; j++)
      dup = g_array_index (out, uint64_t, j) == s->addr;
    if (!dup)
      g_array_append_val (out, s->addr);
  }
  g_array_sort (out, addr_cmp);
  if (nearest && out->len == 0)
    *nearest = after ? after : before;
  return out;
}

GArray *
mdl_debuginfo_resolve_line (const MdlDebugInfo *di, const char *file, unsigned line,
                            const char *what, GError **error)
{
  unsigned nearest = 0;
  GArray *addrs = mdl_debuginfo_line_addresses (di, file, line, &nearest);

  if (addrs->len > 0)
    return addrs;
  g_array_unref (addrs);
  if (mdl_debuginfo_find_file (di, file) == NULL)
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "%s: %s has no source file %s", what,
                 di->path, file);
  else if (nearest)
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "%s: line %u of %s has no code; the nearest line with code is %u", what, line,
                 file, nearest);
  else
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "%s: line %u of %s has no code", what,
                 line, file);
  return NULL;
}

const char *
mdl_debuginfo_source_line (MdlDebugInfo *di, const char *file, unsigned line)
{
  GPtrArray *lines;
  const char *text = NULL;

  if (file == NULL || line == 0)
    return NULL;
  g_mutex_lock (&di->lock);
  if (!g_hash_table_lookup_extended (di->sources, file, NULL, (void **) &lines)) {
    g_autofree char *contents = NULL;

    lines = NULL;
    if (g_file_get_contents (file, &contents, NULL, NULL)) {
      g_auto(GStrv) split = g_strsplit (contents, "\n", -1);
      lines = g_ptr_array_new_with_free_func (g_free);
      for (unsigned i = 0; split[i] != NULL; i++) {
        size_t n = strlen (split[i]);
        if (n > 0 && split[i][n - 1] == '\r')
          split[i][n - 1] = '\0';
        g_ptr_array_add (lines, g_strdup (split[i]));
      }
    }
    g_hash_table_insert (di->sources, g_strdup (file), lines);
  }
  if (lines && line <= lines->len)
    text = g_ptr_array_index (lines, line - 1);
  g_mutex_unlock (&di->lock);
  return text;
}

static const Func *
func_at (const MdlDebugInfo *di, uint64_t addr)
{
  guint lo = 0, hi = di->funcs->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (di->funcs, Func, mid).lo <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  /* Ranges may nest (a cold part inside another's span): look back a bit. */
  for (guint i = lo; i > 0 && lo - i < 8; i--) {
    const Func *f = &g_array_index (di->funcs, Func, i - 1);
    if (addr >= f->lo && addr < f->hi)
      return f;
  }
  return NULL;
}

const char *
mdl_debuginfo_function_at (const MdlDebugInfo *di, uint64_t addr, uint64_t *low)
{
  const Func *f = func_at (di, addr);

  if (f && low)
    *low = f->lo;
  return f ? f->name : NULL;
}

/* ---- DWARF expressions --------------------------------------------------- */

typedef enum {
  LOC_NONE,              /* optimised out, or nothing we can evaluate */
  LOC_MEMORY,            /* at address v */
  LOC_REGISTER,          /* in DWARF register v */
  LOC_VALUE,             /* not stored anywhere: the value v itself */
} LocKind;

typedef struct {
  LocKind  kind;
  uint64_t v;
} Loc;

typedef struct {
  MdlDebugInfo        *di;
  MdlCpu              *cpu;
  const MdlDebugFrame *frame;
  bool                 have_fb;
  uint64_t             fb;        /* frame base */
} EvalCtx;

static bool
frame_reg (const MdlDebugFrame *frame, uint64_t n, uint64_t *value)
{
  if (frame == NULL || n >= MDL_DWARF_MAX_REGS || !(frame->valid & (UINT64_C (1) << n)))
    return false;
  *value = frame->regs[n];
  return true;
}

static bool
read_word (MdlDebugInfo *di, MdlCpu *cpu, uint64_t addr, uint64_t *value)
{
  uint8_t buf[8] = { 0 };
  unsigned size = di->cls->xlen / 8;

  if (!mdl_address_space_read_bytes (cpu->as, addr & di->addr_mask, buf, size, NULL))
    return false;
  *value = 0;
  for (unsigned i = 0; i < size; i++)
    *value |= (uint64_t) buf[i] << (8 * i);
  return true;
}

/* Evaluates the piece-free expressions compilers write at -O0 and -Og. */
static bool
eval (EvalCtx *c, const Dwarf_Op *ops, size_t n, Loc *out)
{
  uint64_t stack[32];
  unsigned sp = 0;

#define PUSH(x)                                                                                  \
  do {                                                                                           \
    if (sp == G_N_ELEMENTS (stack))                                                              \
      return false;                                                                              \
    stack[sp++] = (x);                                                                           \
  } while (0)
#define NEED(k)                                                                                  \
  do {                                                                                           \
    if (sp < (k))                                                                                \
      return false;                                                                              \
  } while (0)

  out->kind = LOC_NONE;
  for (size_t i = 0; i < n; i++) {
    uint8_t op = ops[i].atom;
    uint64_t v;

    if (op >= DW_OP_lit0 && op <= DW_OP_lit31) {
      PUSH (op - DW_OP_lit0);
    } else if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
      if (n != 1)
        return false;
      out->kind = LOC_REGISTER;
      out->v = op - DW_OP_reg0;
      return true;
    } else if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
      if (!frame_reg (c->frame, op - DW_OP_breg0, &v))
        return false;
      PUSH (v + (int64_t) ops[i].number);
    } else {
      switch (op) {
      case DW_OP_regx:
        if (n != 1)
          return false;
        out->kind = LOC_REGISTER;
        out->v = ops[i].number;
        return true;
      case DW_OP_bregx:
        if (!frame_reg (c->frame, ops[i].number, &v))
          return false;
        PUSH (v + (int64_t) ops[i].number2);
        break;
      case DW_OP_addr:
      case DW_OP_const1u:
      case DW_OP_const2u:
      case DW_OP_const4u:
      case DW_OP_const8u:
      case DW_OP_constu:
        PUSH (ops[i].number);
        break;
      case DW_OP_const1s:
      case DW_OP_const2s:
      case DW_OP_const4s:
      case DW_OP_const8s:
      case DW_OP_consts:
        PUSH ((uint64_t) (int64_t) ops[i].number);
        break;
      case DW_OP_fbreg:
        if (!c->have_fb)
          return false;
        PUSH (c->fb + (int64_t) ops[i].number);
        break;
      case DW_OP_call_frame_cfa:
        if (c->frame == NULL || c->frame->cfa == 0)
          return false;
        PUSH (c->frame->cfa);
        break;
      case DW_OP_plus_uconst:
        NEED (1);
        stack[sp - 1] += ops[i].number;
        break;
      case DW_OP_plus:
        NEED (2);
        stack[sp - 2] += stack[sp - 1];
        sp--;
        break;
      case DW_OP_minus:
        NEED (2);
        stack[sp - 2] -= stack[sp - 1];
        sp--;
        break;
      case DW_OP_mul:
        NEED (2);
        stack[sp - 2] *= stack[sp - 1];
        sp--;
        break;
      case DW_OP_and:
        NEED (2);
        stack[sp - 2] &= stack[sp - 1];
        sp--;
        break;
      case DW_OP_neg:
        NEED (1);
        stack[sp - 1] = -stack[sp - 1];
        break;
      case DW_OP_dup:
        NEED (1);
        v = stack[sp - 1];
        PUSH (v);
        break;
      case DW_OP_deref:
        NEED (1);
        if (!read_word (c->di, c->cpu, stack[sp - 1], &v))
          return false;
        stack[sp - 1] = v;
        break;
      case DW_OP_stack_value:
        NEED (1);
        out->kind = LOC_VALUE;
        out->v = stack[sp - 1] & c->di->addr_mask;
        return i + 1 == n;
      default:
        /* Pieces, entry values, implicit pointers, TLS: not read. */
        return false;
      }
    }
  }
#undef PUSH
#undef NEED
  if (sp == 0)
    return false;
  out->kind = LOC_MEMORY;
  out->v = stack[sp - 1] & c->di->addr_mask;
  return true;
}

/* ---- the call stack ------------------------------------------------------ */

static Dwarf_Frame *
cfi_frame (MdlDebugInfo *di, uint64_t pc)
{
  Dwarf_Frame *frame = NULL;

  if (di->cfi_debug && dwarf_cfi_addrframe (di->cfi_debug, pc, &frame) == 0)
    return frame;
  if (di->cfi_eh && dwarf_cfi_addrframe (di->cfi_eh, pc, &frame) == 0)
    return frame;
  return NULL;
}

static void
describe_frame (MdlDebugInfo *di, MdlDebugFrame *f, uint64_t lookup)
{
  f->function = mdl_debuginfo_function_at (di, lookup, NULL);
  f->file = NULL;
  f->line = 0;
  mdl_debuginfo_line_at (di, lookup, &f->file, &f->line, NULL, NULL, NULL);
}

/* Unwinds one frame: fills @caller from @f; false at the outermost. */
static bool
unwind (MdlDebugInfo *di, MdlCpu *cpu, MdlDebugFrame *f, uint64_t lookup, MdlDebugFrame *caller)
{
  Dwarf_Frame *fr = cfi_frame (di, lookup);
  Dwarf_Op *ops, ops_mem[3];
  size_t nops;
  EvalCtx c = { di, cpu, f, false, 0 };
  Loc loc;
  int ra;
  uint64_t v;

  if (fr == NULL)
    return false;
  if (dwarf_frame_cfa (fr, &ops, &nops) != 0 || nops == 0 || !eval (&c, ops, nops, &loc) ||
      loc.kind != LOC_MEMORY) {
    free (fr);
    return false;
  }
  f->cfa = loc.v;
  ra = dwarf_frame_info (fr, NULL, NULL, NULL);
  memset (caller, 0, sizeof *caller);
  for (unsigned n = 0; n < MDL_DWARF_MAX_REGS; n++) {
    if (dwarf_frame_register (fr, (int) n, ops_mem, &ops, &nops) != 0)
      continue;
    if (nops == 0) {
      /* same_value keeps the callee's value; undefined is lost. */
      if (ops == NULL && frame_reg (f, n, &v)) {
        caller->regs[n] = v;
        caller->valid |= UINT64_C (1) << n;
      }
      continue;
    }
    if (!eval (&c, ops, nops, &loc))
      continue;
    if (loc.kind == LOC_MEMORY) {
      if (!read_word (di, cpu, loc.v, &v))
        continue;
    } else if (loc.kind == LOC_REGISTER) {
      if (!frame_reg (f, loc.v, &v))
        continue;
    } else {
      v = loc.v;
    }
    caller->regs[n] = v;
    caller->valid |= UINT64_C (1) << n;
  }
  free (fr);
  if (ra < 0 || !frame_reg (caller, (unsigned) ra, &v))
    return false;
  if (di->cls->elf_code_address)
    v = di->cls->elf_code_address (v);
  caller->pc = v & di->addr_mask;
  if (di->cls->dwarf_sp >= 0 && di->cls->dwarf_sp < MDL_DWARF_MAX_REGS) {
    caller->regs[di->cls->dwarf_sp] = f->cfa;
    caller->valid |= UINT64_C (1) << di->cls->dwarf_sp;
  }
  return caller->pc != 0;
}

static void
frame_from_cpu (MdlDebugInfo *di, MdlCpu *cpu, MdlDebugFrame *f)
{
  const MdlCpuClass *cls = cpu->cls;

  memset (f, 0, sizeof *f);
  for (unsigned n = 0; n < cls->dwarf_n_regs && n < MDL_DWARF_MAX_REGS; n++)
    if (cls->dwarf_regmap && cls->dwarf_regmap[n] >= 0) {
      f->regs[n] = cls->reg_read (cpu, (unsigned) cls->dwarf_regmap[n]) & di->addr_mask;
      f->valid |= UINT64_C (1) << n;
    }
  f->pc = mdl_cpu_pc (cpu);
}

GArray *
mdl_debuginfo_backtrace (MdlDebugInfo *di, MdlCpu *cpu, unsigned max_frames)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (MdlDebugFrame));
  MdlDebugFrame f, caller;
  uint64_t inner_cfa = 0;

  frame_from_cpu (di, cpu, &f);
  g_mutex_lock (&di->lock);
  for (unsigned depth = 0; depth < MAX (max_frames, 1); depth++) {
    /* A caller's pc is its return address: the call is just before it. */
    uint64_t lookup = depth == 0 ? f.pc : f.pc - 1;
    bool more = cpu->cls->dwarf_regmap != NULL && unwind (di, cpu, &f, lookup, &caller);

    f.caller = depth > 0;
    describe_frame (di, &f, lookup);
    g_array_append_val (frames, f);
    /* The stack grows down: each caller's frame is above its callee's,
     * and a frame that is not ends a corrupt or looping stack. */
    if (!more || (depth > 0 && f.cfa <= inner_cfa) ||
        mdl_debuginfo_function_at (di, caller.pc - 1, NULL) == NULL)
      break;
    inner_cfa = f.cfa;
    f = caller;
  }
  g_mutex_unlock (&di->lock);
  return frames;
}

/* ---- types and values ---------------------------------------------------- */

static Dwarf_Die *
type_of (Dwarf_Die *die, Dwarf_Die *mem)
{
  Dwarf_Attribute a;

  if (dwarf_attr_integrate (die, DW_AT_type, &a) == NULL)
    return NULL;
  return dwarf_formref_die (&a, mem);
}

/* Without typedefs and qualifiers. */
static Dwarf_Die *
peel (Dwarf_Die *t, Dwarf_Die *mem)
{
  for (int i = 0; t != NULL && i < 16; i++) {
    int tag = dwarf_tag (t);
    if (tag != DW_TAG_typedef && tag != DW_TAG_const_type && tag != DW_TAG_volatile_type &&
        tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type)
      return t;
    t = type_of (t, mem);
  }
  return t;
}

static uint64_t
attr_udata (Dwarf_Die *die, unsigned name, uint64_t fallback)
{
  Dwarf_Attribute a;
  Dwarf_Word w;

  if (dwarf_attr_integrate (die, name, &a) == NULL || dwarf_formudata (&a, &w) != 0)
    return fallback;
  return w;
}

static void
type_name (Dwarf_Die *t, GString *out, int depth)
{
  Dwarf_Die mem, sub;
  const char *name;

  if (t == NULL) {
    g_string_append (out, "void");
    return;
  }
  if (depth > 8) {
    g_string_append (out, "...");
    return;
  }
  name = dwarf_diename (t);
  switch (dwarf_tag (t)) {
  case DW_TAG_structure_type:
    g_string_append_printf (out, "struct %s", name ? name : "{...}");
    break;
  case DW_TAG_union_type:
    g_string_append_printf (out, "union %s", name ? name : "{...}");
    break;
  case DW_TAG_enumeration_type:
    g_string_append_printf (out, "enum %s", name ? name : "{...}");
    break;
  case DW_TAG_const_type:
    g_string_append (out, "const ");
    type_name (type_of (t, &mem), out, depth + 1);
    break;
  case DW_TAG_volatile_type:
    g_string_append (out, "volatile ");
    type_name (type_of (t, &mem), out, depth + 1);
    break;
  case DW_TAG_pointer_type:
    type_name (type_of (t, &mem), out, depth + 1);
    g_string_append (out, " *");
    break;
  case DW_TAG_array_type:
    type_name (type_of (t, &mem), out, depth + 1);
    g_string_append_c (out, ' ');
    if (dwarf_child (t, &sub) == 0)
      do {
        if (dwarf_tag (&sub) != DW_TAG_subrange_type)
          continue;
        g_string_append_printf (out, "[%" G_GUINT64_FORMAT "]",
                                attr_udata (&sub, DW_AT_count,
                                            attr_udata (&sub, DW_AT_upper_bound, UINT64_MAX) + 1));
      } while (dwarf_siblingof (&sub, &sub) == 0);
    break;
  case DW_TAG_subroutine_type:
    g_string_append (out, "function");
    break;
  default:
    g_string_append (out, name ? name : "?");
    break;
  }
}

static uint64_t
get_le (const uint8_t *p, size_t n)
{
  uint64_t v = 0;

  for (size_t i = 0; i < n && i < 8; i++)
    v |= (uint64_t) p[i] << (8 * i);
  return v;
}

static void
append_char (GString *out, unsigned c, char quote)
{
  switch (c) {
  case '\n': g_string_append (out, "\\n"); break;
  case '\t': g_string_append (out, "\\t"); break;
  case '\r': g_string_append (out, "\\r"); break;
  case '\\': g_string_append (out, "\\\\"); break;
  default:
    if (c == (unsigned) quote)
      g_string_append_printf (out, "\\%c", quote);
    else if (c >= 0x20 && c < 0x7f)
      g_string_append_c (out, (char) c);
    else
      g_string_append_printf (out, "\\%03o", c);
  }
}

static bool
is_char_type (Dwarf_Die *t)
{
  uint64_t enc;

  if (t == NULL || dwarf_tag (t) != DW_TAG_base_type || attr_udata (t, DW_AT_byte_size, 0) != 1)
    return false;
  enc = attr_udata (t, DW_AT_encoding, 0);
  return enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
}

static void format_value (EvalCtx *c, Dwarf_Die *type, const uint8_t *buf, size_t len,
                          GString *out, int depth);

static void
format_base (Dwarf_Die *t, const uint8_t *buf, size_t len, GString *out)
{
  size_t size = MIN (attr_udata (t, DW_AT_byte_size, len), len);
  uint64_t enc = attr_udata (t, DW_AT_encoding, 0);
  uint64_t v = get_le (buf, size);

  switch (enc) {
  case DW_ATE_signed:
  case DW_ATE_signed_char:
    if (size < 8 && size > 0 && (v >> (8 * size - 1)) & 1)
      v |= UINT64_MAX << (8 * size);
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (int64_t) v);
    break;
  case DW_ATE_boolean:
    g_string_append (out, v ? "true" : "false");
    return;
  case DW_ATE_float:
    if (size == 4) {
      float f;
      uint32_t u = (uint32_t) v;
      memcpy (&f, &u, 4);
      g_string_append_printf (out, "%g", f);
    } else if (size == 8) {
      double d;
      memcpy (&d, &v, 8);
      g_string_append_printf (out, "%g", d);
    } else {
      g_string_append (out, "<float>");
    }
    return;
  default:
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
    break;
  }
  if (size == 1 && (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char)) {
    g_string_append (out, " '");
    append_char (out, (unsigned) (v & 0xff), '\'');
    g_string_append_c (out, '\'');
  }
}

/* Dimensions of an array type: counts of its subranges. */
static unsigned
array_dims (Dwarf_Die *t, uint64_t *dims, unsigned max)
{
  Dwarf_Die sub;
  unsigned n = 0;

  if (dwarf_child (t, &sub) != 0)
    return 0;
  do {
    if (dwarf_tag (&sub) == DW_TAG_subrange_type && n < max)
      dims[n++] = attr_udata (&sub, DW_AT_count, attr_udata (&sub, DW_AT_upper_bound, 0) + 1);
  } while (dwarf_siblingof (&sub, &sub) == 0);
  return n;
}

static void
format_array (EvalCtx *c, Dwarf_Die *elem, const uint64_t *dims, unsigned ndims,
              const uint8_t *buf, size_t len, GString *out, int depth)
{
  Dwarf_Die pm, *pe = peel (elem, &pm);
  Dwarf_Word esize = 0;
  uint64_t stride;

  if (elem == NULL || dwarf_aggregate_size (elem, &esize) != 0)
    esize = 0;
  stride = esize;
  for (unsigned d = 1; d < ndims; d++)
    stride *= dims[d];
  if (ndims == 1 && is_char_type (pe)) {
    /* A string as people write it, up to its NUL. */
    g_string_append_c (out, '"');
    for (uint64_t i = 0; i < dims[0] && i < len && buf[i] != 0 && i < STRING_SHOWN; i++)
      append_char (out, buf[i], '"');
    g_string_append_c (out, '"');
    return;
  }
  g_string_append_c (out, '{');
  for (uint64_t i = 0; i < dims[0]; i++) {
    if (i > 0)
      g_string_append (out, ", ");
    if (i >= ARRAY_SHOWN || stride == 0 || (i + 1) * stride > len) {
      g_string_append (out, "...");
      break;
    }
    if (ndims > 1)
      format_array (c, elem, dims + 1, ndims - 1, buf + i * stride, stride, out, depth + 1);
    else
      format_value (c, elem, buf + i * stride, stride, out, depth + 1);
  }
  g_string_append_c (out, '}');
}

static void
format_struct (EvalCtx *c, Dwarf_Die *t, const uint8_t *buf, size_t len, GString *out,
               int depth)
{
  Dwarf_Die m;
  bool first = true;

  g_string_append_c (out, '{');
  if (dwarf_child (t, &m) == 0)
    do {
      Dwarf_Die tm;
      Dwarf_Word msize = 0;
      uint64_t off;
      const char *name;

      if (dwarf_tag (&m) != DW_TAG_member)
        continue;
      name = dwarf_diename (&m);
      off = attr_udata (&m, DW_AT_data_member_location, 0);
      g_string_append_printf (out, "%s%s = ", first ? "" : ", ", name ? name : "?");
      first = false;
      if (dwarf_hasattr (&m, DW_AT_bit_size)) {
        g_string_append (out, "<bit-field>");
        continue;
      }
      if (type_of (&m, &tm) == NULL || dwarf_aggregate_size (&tm, &msize) != 0 ||
          off + msize > len) {
        g_string_append (out, "?");
        continue;
      }
      format_value (c, &tm, buf + off, msize, out, depth + 1);
    } while (dwarf_siblingof (&m, &m) == 0);
  g_string_append_c (out, '}');
}

static void
format_value (EvalCtx *c, Dwarf_Die *type, const uint8_t *buf, size_t len, GString *out,
              int depth)
{
  Dwarf_Die mem, tmem, *t = peel (type, &mem);
  uint64_t v;

  if (t == NULL) {
    g_string_append (out, "?");
    return;
  }
  if (depth > 6 || out->len > 2048) {
    g_string_append (out, "...");
    return;
  }
  switch (dwarf_tag (t)) {
  case DW_TAG_base_type:
    format_base (t, buf, len, out);
    break;
  case DW_TAG_pointer_type: {
    Dwarf_Die pm, *target = peel (type_of (t, &tmem), &pm);

    v = get_le (buf, MIN (len, (size_t) c->di->cls->xlen / 8)) & c->di->addr_mask;
    g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x", v);
    if (v != 0 && is_char_type (target)) {
      uint8_t s[STRING_SHOWN];
      unsigned n = 0;

      for (; n < sizeof s; n++)
        if (!mdl_address_space_read_bytes (c->cpu->as, (v + n) & c->di->addr_mask, &s[n], 1,
                                           NULL) || s[n] == 0)
          break;
      g_string_append (out, " \"");
      for (unsigned i = 0; i < n; i++)
        append_char (out, s[i], '"');
      g_string_append_c (out, '"');
    }
    break;
  }
  case DW_TAG_enumeration_type: {
    Dwarf_Die e;
    bool found = false;

    v = get_le (buf, MIN (len, (size_t) attr_udata (t, DW_AT_byte_size, 4)));
    if (dwarf_child (t, &e) == 0)
      do {
        Dwarf_Attribute a;
        Dwarf_Sword sv;
        if (dwarf_tag (&e) == DW_TAG_enumerator &&
            dwarf_attr (&e, DW_AT_const_value, &a) && dwarf_formsdata (&a, &sv) == 0 &&
            (uint64_t) sv == v) {
          g_string_append (out, dwarf_diename (&e));
          found = true;
          break;
        }
      } while (dwarf_siblingof (&e, &e) == 0);
    if (!found)
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
    break;
  }
  case DW_TAG_array_type: {
    uint64_t dims[8];
    unsigned n = array_dims (t, dims, G_N_ELEMENTS (dims));
    Dwarf_Die em, *elem = type_of (t, &em);

    if (n == 0)
      g_string_append (out, "{...}");
    else
      format_array (c, elem, dims, n, buf, len, out, depth);
    break;
  }
  case DW_TAG_structure_type:
  case DW_TAG_union_type:
  case DW_TAG_class_type:
    format_struct (c, t, buf, len, out, depth);
    break;
  default:
    g_string_append (out, "?");
    break;
  }
}

/* ---- variables ----------------------------------------------------------- */

void
mdl_debug_var_clear (MdlDebugVar *var)
{
  g_clear_pointer (&var->name, g_free);
  g_clear_pointer (&var->type, g_free);
  g_clear_pointer (&var->value, g_free);
}

void
mdl_debug_var_free (MdlDebugVar *var)
{
  if (var == NULL)
    return;
  mdl_debug_var_clear (var);
  g_free (var);
}

static GArray *
vars_new (void)
{
  GArray *vars = g_array_new (FALSE, TRUE, sizeof (MdlDebugVar));

  g_array_set_clear_func (vars, (GDestroyNotify) mdl_debug_var_clear);
  return vars;
}

static void
read_var (EvalCtx *c, Dwarf_Die *die, uint64_t pc, MdlVarKind kind, MdlDebugVar *var)
{
  Dwarf_Die tmem, *type = type_of (die, &tmem);
  Dwarf_Attribute a;
  Dwarf_Word size = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree uint8_t *buf = NULL;
  Loc loc = { LOC_NONE, 0 };

  var->kind = kind;
  var->name = g_strdup (dwarf_diename (die) ? dwarf_diename (die) : "?");
  type_name (type, text, 0);
  var->type = g_strdup (text->str);
  g_string_truncate (text, 0);

  if (type == NULL || dwarf_aggregate_size (type, &size) != 0 || size == 0) {
    var->value = g_strdup ("?");
    return;
  }
  size = MIN (size, VALUE_MAX);
  buf = g_malloc0 (MAX (size, 8));
  if (dwarf_attr_integrate (die, DW_AT_location, &a) != NULL) {
    Dwarf_Op *expr;
    size_t n;

    if (dwarf_getlocation_addr (&a, pc, &expr, &n, 1) == 1 && n > 0)
      eval (c, expr, n, &loc);
  } else if (dwarf_attr_integrate (die, DW_AT_const_value, &a) != NULL) {
    Dwarf_Sword sv;
    Dwarf_Block block;

    if (dwarf_formsdata (&a, &sv) == 0) {
      loc.kind = LOC_VALUE;
      loc.v = (uint64_t) sv;
    } else if (dwarf_formblock (&a, &block) == 0) {
      memcpy (buf, block.data, MIN (block.length, size));
      format_value (c, type, buf, size, text, 0);
      var->value = g_strdup (text->str);
      return;
    }
  }
  switch (loc.kind) {
  case LOC_MEMORY:
    if (!mdl_address_space_read_bytes (c->cpu->as, loc.v, buf, size, NULL)) {
      var->value = g_strdup_printf ("<unreadable at 0x%" G_GINT64_MODIFIER "x>", loc.v);
      return;
    }
    break;
  case LOC_REGISTER: {
    uint64_t v;
    if (!frame_reg (c->frame, loc.v, &v)) {
      var->value = g_strdup ("<optimised out>");
      return;
    }
    for (unsigned i = 0; i < 8 && i < size; i++)
      buf[i] = (uint8_t) (v >> (8 * i));
    break;
  }
  case LOC_VALUE:
    for (unsigned i = 0; i < 8 && i < size; i++)
      buf[i] = (uint8_t) (loc.v >> (8 * i));
    break;
  default:
    var->value = g_strdup ("<optimised out>");
    return;
  }
  format_value (c, type, buf, size, text, 0);
  var->value = g_strdup (text->str);
}

/* The scopes at @pc, innermost first, and the index of the function's
 * own; -1 when @pc is in no function with debug information. */
static int
scopes_at (MdlDebugInfo *di, uint64_t pc, Dwarf_Die *cudie, Dwarf_Die **scopes, int *n)
{
  *scopes = NULL;
  *n = 0;
  if (dwarf_addrdie (di->dwarf, pc, cudie) == NULL)
    return -1;
  *n = dwarf_getscopes (cudie, pc, scopes);
  for (int i = 0; i < *n; i++)
    if (dwarf_tag (&(*scopes)[i]) == DW_TAG_subprogram)
      return i;
  return -1;
}

static void
frame_vars_locked (MdlDebugInfo *di, MdlCpu *cpu, const MdlDebugFrame *frame, GArray *vars,
                   const char *only)
{
  uint64_t pc = frame->pc;
  Dwarf_Die cudie, *scopes, child;
  EvalCtx c = { di, cpu, frame, false, 0 };
  Dwarf_Attribute a;
  int n, fn;

  if (frame->caller)
    pc--;
  fn = scopes_at (di, pc, &cudie, &scopes, &n);
  if (fn < 0) {
    free (scopes);
    return;
  }
  if (dwarf_attr_integrate (&scopes[fn], DW_AT_frame_base, &a) != NULL) {
    Dwarf_Op *expr;
    size_t len;
    Loc loc;

    if (dwarf_getlocation_addr (&a, pc, &expr, &len, 1) == 1 && eval (&c, expr, len, &loc)) {
      if (loc.kind == LOC_MEMORY || loc.kind == LOC_VALUE) {
        c.have_fb = true;
        c.fb = loc.v;
      } else if (loc.kind == LOC_REGISTER) {
        c.have_fb = frame_reg (frame, loc.v, &c.fb);
      }
    }
  }
  /* Arguments first, in their order, then locals from the innermost
   * block outwards. */
  for (int pass = 0; pass < 2; pass++)
    for (int s = pass == 0 ? fn : 0; s <= fn; s++) {
      if (dwarf_child (&scopes[s], &child) != 0)
        continue;
      do {
        int tag = dwarf_tag (&child);
        const char *name = dwarf_diename (&child);
        MdlDebugVar var = { 0 };

        if (name == NULL || (only && strcmp (only, name) != 0) ||
            dwarf_hasattr (&child, DW_AT_declaration))
          continue;
        if (pass == 0 && tag == DW_TAG_formal_parameter)
          read_var (&c, &child, pc, MDL_VAR_ARGUMENT, &var);
        else if (pass == 1 && tag == DW_TAG_variable)
          read_var (&c, &child, pc, MDL_VAR_LOCAL, &var);
        else
          continue;
        g_array_append_val (vars, var);
      } while (dwarf_siblingof (&child, &child) == 0);
    }
  free (scopes);
}

GArray *
mdl_debuginfo_frame_vars (MdlDebugInfo *di, MdlCpu *cpu, const MdlDebugFrame *frame)
{
  GArray *vars = vars_new ();

  g_mutex_lock (&di->lock);
  frame_vars_locked (di, cpu, frame, vars, NULL);
  g_mutex_unlock (&di->lock);
  return vars;
}

static void
cu_globals (MdlDebugInfo *di, MdlCpu *cpu, Dwarf_Die *cudie, GArray *vars, const char *only)
{
  EvalCtx c = { di, cpu, NULL, false, 0 };
  Dwarf_Die child;

  if (dwarf_child (cudie, &child) != 0)
    return;
  do {
    const char *name = dwarf_diename (&child);
    MdlDebugVar var = { 0 };

    if (dwarf_tag (&child) != DW_TAG_variable || name == NULL ||
        (only && strcmp (only, name) != 0) ||
        (!dwarf_hasattr_integrate (&child, DW_AT_location) &&
         !dwarf_hasattr_integrate (&child, DW_AT_const_value)))
      continue;
    read_var (&c, &child, 0, MDL_VAR_GLOBAL, &var);
    g_array_append_val (vars, var);
  } while (dwarf_siblingof (&child, &child) == 0);
}

static void
all_globals (MdlDebugInfo *di, MdlCpu *cpu, GArray *vars, const char *only)
{
  Dwarf_Off off = 0, next;
  size_t hsize;

  while (dwarf_nextcu (di->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0) {
    Dwarf_Die cudie;

    if (dwarf_offdie (di->dwarf, off + hsize, &cudie) != NULL)
      cu_globals (di, cpu, &cudie, vars, only);
    off = next;
    if (only && vars->len > 0)
      break;
  }
}

GArray *
mdl_debuginfo_global_vars (MdlDebugInfo *di, MdlCpu *cpu, uint64_t pc)
{
  GArray *vars = vars_new ();
  Dwarf_Die cudie;

  g_mutex_lock (&di->lock);
  if (dwarf_addrdie (di->dwarf, pc, &cudie) != NULL)
    cu_globals (di, cpu, &cudie, vars, NULL);
  else
    all_globals (di, cpu, vars, NULL);
  g_mutex_unlock (&di->lock);
  return vars;
}

MdlDebugVar *
mdl_debuginfo_find_var (MdlDebugInfo *di, MdlCpu *cpu, const MdlDebugFrame *frame,
                        const char *name)
{
  g_autoptr(GArray) vars = vars_new ();
  MdlDebugVar *var = NULL;

  g_mutex_lock (&di->lock);
  if (frame) {
    Dwarf_Die cudie;

    frame_vars_locked (di, cpu, frame, vars, name);
    /* Then the frame's own unit, whose globals hide other units'. */
    if (vars->len == 0 &&
        dwarf_addrdie (di->dwarf, frame->caller ? frame->pc - 1 : frame->pc, &cudie) != NULL)
      cu_globals (di, cpu, &cudie, vars, name);
  }
  if (vars->len == 0)
    all_globals (di, cpu, vars, name);
  g_mutex_unlock (&di->lock);
  if (vars->len > 0) {
    /* The innermost of the same name hides the others. */
    MdlDebugVar *first = &g_array_index (vars, MdlDebugVar, 0);
    for (guint i = 0; i < vars->len; i++)
      if (g_array_index (vars, MdlDebugVar, i).kind == MDL_VAR_LOCAL) {
        first = &g_array_index (vars, MdlDebugVar, i);
        break;
      }
    var = g_new0 (MdlDebugVar, 1);
    *var = *first;
    memset (first, 0, sizeof *first);
  }
  return var;
}

/* ---- stepping by line ---------------------------------------------------- */

void
mdl_line_step_begin (MdlLineStep *st, MdlDebugInfo *di, MdlCpu *cpu, MdlStepKind kind)
{
  memset (st, 0, sizeof *st);
  st->di = di;
  st->cpu = cpu;
  st->kind = kind;
  st->active = true;
  st->start_pc = mdl_cpu_pc (cpu);
  if (di == NULL ||
      !mdl_debuginfo_line_at (di, st->start_pc, &st->file, &st->line, &st->lo, &st->hi, NULL))
    st->file = NULL;
}

/* Stepped into a function at @pc: the step goes on over the line at its
 * entry (the opening brace's: the prologue), as a debugger's "step"
 * skips the prologue, to the first line of the body.  Optimised code
 * has no prologue: there the body's first line starts at the entry too,
 * and the step ends. */
static void
entered (MdlLineStep *st, uint64_t pc)
{
  const char *file;
  unsigned line;
  uint64_t lo, hi;

  if (!mdl_debuginfo_line_at (st->di, pc, &file, &line, &lo, &hi, NULL))
    return;
  if (stmt_lines_at (st->di, pc) > 1) {
    st->active = false;
    return;
  }
  st->file = file;
  st->line = line;
  st->lo = lo;
  st->hi = hi;
  st->start_pc = pc;
}

static bool
has_lines (MdlLineStep *st, uint64_t pc)
{
  return st->di && func_at (st->di, pc) && mdl_debuginfo_line_at (st->di, pc, NULL, NULL, NULL,
                                                                   NULL, NULL);
}

/* After one instruction at depth 0: whether the step has arrived. */
static void
check_line (MdlLineStep *st, uint64_t pc)
{
  const char *file;
  unsigned line;
  uint64_t lo, hi;
  bool start;

  if (pc >= st->lo && pc < st->hi)
    return;
  if (!mdl_debuginfo_line_at (st->di, pc, &file, &line, &lo, &hi, &start))
    return;   /* code without lines: on until it comes back */
  if (!start || (file == st->file && line == st->line && pc > st->start_pc)) {
    /* The middle of a line (back from a call), or more of the same line:
     * on to the start of the next one. */
    st->file = file;
    st->line = line;
    st->lo = lo;
    st->hi = hi;
    return;
  }
  st->active = false;
}

MdlStopReason
mdl_line_step_run (MdlLineStep *st, MdlMachine *m, unsigned max)
{
  MdlCpu *cpu = st->cpu;

  for (unsigned n = 0; n < max && st->active; n++) {
    MdlInsnInfo info = { 0 };
    uint64_t pc = mdl_cpu_pc (cpu);
    bool known = cpu->cls->insn_info && cpu->cls->insn_info (cpu, pc, &info);
    MdlStopReason reason = mdl_machine_step (m, cpu);

    st->steps++;
    if (reason != MDL_STOP_NONE) {
      st->active = false;
      return reason;
    }
    pc = mdl_cpu_pc (cpu);
    if (st->steps >= STEP_LIMIT) {
      st->active = false;
      st->gave_up = "the step gave up: no new line after 50 million instructions";
      break;
    }
    if (st->kind == MDL_STEP_OUT || st->depth > 0) {
      /* Calls and returns counted, so that nested calls do not end it. */
      if (!known) {
        st->active = false;
        st->gave_up = "stepping needs instruction information this CPU does not give";
      } else if (info.is_call) {
        st->depth++;
      } else if (info.is_return) {
        if (st->kind == MDL_STEP_OUT && st->depth == 0)
          st->active = false;
        else if (st->depth > 0 && --st->depth == 0 && st->file)
          check_line (st, pc);
      }
      continue;
    }
    if (st->file == NULL) {
      /* No line here: one instruction, a call as one. */
      if (known && info.is_call && st->kind == MDL_STEP_LINE)
        st->depth = 1;
      else
        st->active = false;
      continue;
    }
    if (known && info.is_call) {
      if (st->kind == MDL_STEP_INTO && has_lines (st, pc))
        entered (st, pc);
      else
        st->depth = 1;
      continue;
    }
    check_line (st, pc);
  }
  return MDL_STOP_NONE;
}

MdlStopReason
mdl_line_step (MdlDebugInfo *di, MdlMachine *m, MdlCpu *cpu, MdlStepKind kind)
{
  MdlLineStep st;
  MdlStopReason reason = MDL_STOP_NONE;

  mdl_line_step_begin (&st, di, cpu, kind);
  while (st.active && reason == MDL_STOP_NONE)
    reason = mdl_line_step_run (&st, m, 100000);
  return reason;
}
