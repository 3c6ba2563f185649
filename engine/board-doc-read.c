#define G_LOG_DOMAIN "mdl-board-doc"

/* Reading a board: a .dts through dtc (whose -T annotations give every
 * message a file and line), or a blob from anywhere, checked before it is
 * walked.  Both end in one walk over the blob with libfdt. */

#include "board-doc-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "error.h"
#include "registry.h"

typedef struct {
  MdlBoardDoc *doc;
  const char  *path;
  const void  *fdt;
  const char  *source;     /* the .dts, NULL for a blob */
  GHashTable  *lines;      /* node path -> "file:line", once a message
                              needed one (source only) */
  GHashTable  *by_node;    /* node offset -> component id */
  GHashTable  *hart_of;    /* cpu node offset -> hart index + 1 */
  GHashTable  *positioned; /* component ids with a medley,position */
} Reader;

/* dtc runs on sources a user may have been sent, so it runs fenced in:
 *  - under coreutils' timeout (dtc loops forever on #interrupt-cells =
 *    <0xffffffff>), which exits with 124 when the limit passes, and a CPU
 *    time limit in case timeout is missing;
 *  - with an address-space limit, so that a source that makes dtc grow
 *    (an /incbin/ of something endless) ends in a failed allocation, not
 *    in the host's memory;
 *  - writing to a file under a size limit, not to a pipe we would read
 *    without end.
 * /include/ and /incbin/ are checked before dtc sees them (check_sources):
 * only regular files of a sane size.  A real board compiles in
 * milliseconds and a few MiB. */
#define DTC_TIMEOUT       "20"
#define DTC_TIMED_OUT     124
#define DTC_CPU_SECONDS   30
#define DTC_MEMORY        (UINT64_C (256) << 20)
#define DTC_OUTPUT        (UINT64_C (64) << 20)
#define SOURCE_MAX_BYTES  (UINT64_C (16) << 20)   /* each source or /incbin/ file */
#define SOURCE_MAX_DEPTH  16                      /* /include/ nesting */
#define SOURCE_MAX_FILES  256

static void
limit_dtc (gpointer data)
{
  /* In the child between fork and exec: only async-signal-safe calls. */
  struct rlimit as = { DTC_MEMORY, DTC_MEMORY };
  struct rlimit fsize = { DTC_OUTPUT, DTC_OUTPUT };
  struct rlimit cpu = { DTC_CPU_SECONDS, DTC_CPU_SECONDS + 5 };

  setrlimit (RLIMIT_AS, &as);
  setrlimit (RLIMIT_FSIZE, &fsize);
  setrlimit (RLIMIT_CPU, &cpu);
}

static bool
spawn_dtc (const char *const *dtc_argv, char **err, int *status, GError **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *timeout = g_find_program_in_path ("timeout");

  if (timeout != NULL) {
    g_ptr_array_add (argv, timeout);
    g_ptr_array_add (argv, (char *) DTC_TIMEOUT);
  }
  for (unsigned i = 0; dtc_argv[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) dtc_argv[i]);
  g_ptr_array_add (argv, NULL);
  return g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                       limit_dtc, NULL, NULL, err, status, error);
}

/* A folder of our own for dtc's output files, removed with its files. */
static char *
dtc_dir_new (GError **error)
{
  return g_dir_make_tmp ("medley-dtc-XXXXXX", error);
}

static void
dtc_dir_free (char *dir)
{
  g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *file = g_build_filename (dir, name, NULL);
    g_unlink (file);
  }
  if (dir != NULL)
    g_rmdir (dir);
  g_free (dir);
}

/* ---- the sources, before dtc sees them ---- */

typedef struct {
  GHashTable *seen;   /* canonical paths already scanned */
  GHashTable *open;   /* canonical paths being scanned: an include cycle */
  unsigned    files;
} SourceScan;

static bool check_source (SourceScan *scan, const char *file, const char *name,
                          const char *from, unsigned line, unsigned depth, GError **error);

/* "FILE:LINE: " for the place that named @what, or "FILE: " for the board
 * file itself. */
static char *
where (const char *from, unsigned line, const char *file)
{
  return from ? g_strdup_printf ("%s:%u", from, line) : g_strdup (file);
}

/* Checks that @file (named at @from:@line, or the board itself when @from
 * is NULL) is a regular file of at most SOURCE_MAX_BYTES: not a device,
 * FIFO or folder, which dtc would read without end or block on. */
static bool
check_regular (const char *file, const char *name, const char *from, unsigned line,
               const char *what, GError **error)
{
  g_autofree char *at = where (from, line, file);
  GStatBuf st;

  g_autofree char *named = from ? g_strdup_printf ("%s \"%s\"", what, name)
                                : g_strdup ("the board file");

  if (g_stat (file, &st) != 0) {
    if (from != NULL)
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s: %s", at, named, g_strerror (errno));
    else
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: no such board file", at);
    return false;
  }
  if (!S_ISREG (st.st_mode)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: %s is not a regular file", at, named);
    return false;
  }
  if ((guint64) st.st_size > SOURCE_MAX_BYTES) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: %s is larger than %u MiB", at, named,
                 (unsigned) (SOURCE_MAX_BYTES >> 20));
    return false;
  }
  return true;
}

/* The string after an /include/ or /incbin/( at @p, as dtc's lexer takes
 * it (no escapes); NULL when there is none. */
static char *
quoted_name (const char *p, const char *end, bool paren)
{
  const char *q;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (paren) {
    if (p >= end || *p != '(')
      return NULL;
    p++;
    while (p < end && g_ascii_isspace (*p))
      p++;
  }
  if (p >= end || *p != '"')
    return NULL;
  for (q = p + 1; q < end && *q != '"' && *q != '\n'; q++)
    if (*q == '\\' && q + 1 < end)
      q++;
  return q < end && *q == '"' ? g_strndup (p + 1, q - p - 1) : NULL;
}

/* Scans @text (the contents of @file) the way dtc's lexer would, skipping
 * comments and strings, for /include/ and /incbin/; checks what each
 * names and scans included files in turn. */
static bool
scan_source (SourceScan *scan, const char *file, const char *text, size_t len, unsigned depth,
             GError **error)
{
  g_autofree char *dir = g_path_get_dirname (file);
  const char *p = text, *end = text + len;
  unsigned line = 1;

  while (p < end) {
    bool include = end - p >= 9 && memcmp (p, "/include/", 9) == 0;
    bool line_start = p == text || p[-1] == '\n';
    bool incbin = end - p >= 8 && memcmp (p, "/incbin/", 8) == 0;

    if (*p == '\n') {
      line++;
      p++;
    } else if (line_start && end - p >= 8 && memcmp (p, "#include", 8) == 0) {
      /* dtc only says "syntax error" here. */
      g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                   "%s:%u: #include needs the C preprocessor, which Medley does not run; "
                   "write /include/ \"FILE\" instead", file, line);
      return false;
    } else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
      while (p < end && *p != '\n')
        p++;
    } else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
      for (p += 2; p < end && !(p + 1 < end && p[0] == '*' && p[1] == '/'); p++)
        line += *p == '\n';
      p = MIN (p + 2, end);
    } else if (*p == '"' || *p == '\'') {
      char quote = *p++;
      while (p < end && *p != quote && *p != '\n')
        p += *p == '\\' && p + 1 < end && p[1] != '\n' ? 2 : 1;
      if (p < end && *p == quote)
        p++;
    } else if (include || incbin) {
      const char *what = include ? "/include/" : "/incbin/";
      g_autofree char *name = quoted_name (p + (include ? 9 : 8), end, incbin);
      g_autofree char *target = NULL;

      if (name == NULL) {   /* dtc reports the syntax */
        p += 8;
        continue;
      }
      if (incbin && strchr (name, '\\') != NULL) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                     "%s:%u: /incbin/ \"%s\": escapes in file names are not supported", file,
                     line, name);
        return false;
      }
      if (strcmp (name, "-") == 0) {   /* dtc's name for stdin */
        g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                     "%s:%u: %s \"-\" (standard input) is not a regular file", file, line, what);
        return false;
      }
      /* dtc looks next to the file that names it. */
      target = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (dir, name, NULL);
      if (include ? !check_source (scan, target, name, file, line, depth + 1, error)
                  : !check_regular (target, name, file, line, what, error))
        return false;
      p += 8;
    } else {
      p++;
    }
  }
  return true;
}

static bool
check_source (SourceScan *scan, const char *file, const char *name, const char *from,
              unsigned line, unsigned depth, GError **error)
{
  g_autofree char *canonical = g_canonicalize_filename (file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  size_t len;
  bool ok;

  if (!check_regular (file, name, from, line, "/include/", error))
    return false;
  if (g_hash_table_contains (scan->open, canonical)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                 "%s:%u: /include/ \"%s\" includes a file that is including it", from, line,
                 name);
    return false;
  }
  if (depth > SOURCE_MAX_DEPTH || scan->files >= SOURCE_MAX_FILES) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                 depth > SOURCE_MAX_DEPTH ? "%s:%u: /include/ \"%s\" is nested deeper than %u "
                                            "levels"
                                          : "%s:%u: /include/ \"%s\": more than %u files",
                 from, line, name,
                 depth > SOURCE_MAX_DEPTH ? SOURCE_MAX_DEPTH : SOURCE_MAX_FILES);
    return false;
  }
  /* A file included twice says the same the second time. */
  if (g_hash_table_contains (scan->seen, canonical))
    return true;
  g_hash_table_add (scan->seen, g_strdup (canonical));
  scan->files++;
  if (!g_file_get_contents (file, &text, &len, &local)) {
    g_autofree char *at = where (from, line, file);
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s", at, local->message);
    return false;
  }
  /* dtc reads a byte-order mark as a syntax error at 1.1. */
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                 "%s:1: the file starts with a UTF-8 byte-order mark, which dtc cannot read "
                 "(save it without one)", canonical);
    return false;
  }
  g_hash_table_add (scan->open, g_strdup (canonical));
  ok = scan_source (scan, canonical, text, len, depth, error);
  g_hash_table_remove (scan->open, canonical);
  return ok;
}

/* Checks the board source @path and everything it includes before dtc
 * runs: each a regular file, each /incbin/ a regular file, no BOM. */
static bool
check_sources (const char *path, GError **error)
{
  SourceScan scan = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };
  bool ok = check_source (&scan, path, NULL, NULL, 0, 0, error);

  g_hash_table_unref (scan.seen);
  g_hash_table_unref (scan.open);
  return ok;
}

/* One line for what dtc said on stderr, naming the file and line:
 *   "Error: FILE:L.C-C2 MESSAGE"           (the parser)
 *   "FILE:L.C-C2: ERROR (check): MESSAGE"  (the checks)
 *   "FATAL ERROR: MESSAGE"                 (no place)
 * become "FILE:L: MESSAGE" (FILE made absolute) or "BOARD: dtc: MESSAGE". */
static char *
dtc_message (const char *path, const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err ? err : "", "\n", -1);
  g_autoptr(GRegex) parser = g_regex_new ("^Error: (.+):(\\d+)\\.\\d+(?:-[\\d.]+)? (.*)$", 0, 0, NULL);
  g_autoptr(GRegex) check = g_regex_new ("^(.+):(\\d+)\\.\\d+(?:-[\\d.]+)?: ERROR \\([^)]*\\): (.*)$",
                                         0, 0, NULL);
  const char *fatal = NULL;

  for (guint i = 0; lines[i] != NULL; i++) {
    char *l = g_strstrip (lines[i]);
    g_autoptr(GMatchInfo) mi = NULL;
    g_autoptr(GMatchInfo) mi2 = NULL;
    GMatchInfo *hit = g_regex_match (parser, l, 0, &mi) ? mi
                    : g_regex_match (check, l, 0, &mi2) ? mi2 : NULL;

    if (hit != NULL) {
      g_autofree char *file = g_match_info_fetch (hit, 1);
      g_autofree char *num = g_match_info_fetch (hit, 2);
      g_autofree char *what = g_match_info_fetch (hit, 3);
      g_autofree char *full = g_canonicalize_filename (file, NULL);

      return g_strdup_printf ("%s:%s: %s", full, num, what);
    }
    if (fatal == NULL && g_str_has_prefix (l, "FATAL ERROR: "))
      fatal = l + 13;
  }
  if (fatal == NULL)
    for (guint i = 0; lines[i] != NULL && fatal == NULL; i++)
      if (*lines[i])
        fatal = lines[i];
  return g_strdup_printf ("%s: dtc: %s", path, fatal ? fatal : "failed without a message");
}

/* Whether dtc's @status and @err say it hit one of our limits; sets
 * @error when so. */
static bool
dtc_hit_limit (const char *path, int status, const char *err, GError **error)
{
  int sig = WIFSIGNALED (status) ? WTERMSIG (status)
          /* timeout(1) exits with 128 + the signal that ended its child */
          : WIFEXITED (status) && WEXITSTATUS (status) > 128 ? WEXITSTATUS (status) - 128 : 0;

  if ((WIFEXITED (status) && WEXITSTATUS (status) == DTC_TIMED_OUT) || sig == SIGXCPU ||
      sig == SIGKILL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device-tree compiler dtc "
                 "did not finish within %s seconds", path, DTC_TIMEOUT);
    return true;
  }
  if (sig == SIGXFSZ) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device-tree compiler dtc "
                 "made more than %u MiB of output", path, (unsigned) (DTC_OUTPUT >> 20));
    return true;
  }
  if (sig == SIGSEGV || sig == SIGABRT || sig == SIGBUS ||
      (err && (strstr (err, "memory exhausted") || strstr (err, "malloc() failed") ||
               strstr (err, "realloc() failed") || strstr (err, "Out of memory")))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device-tree compiler dtc "
                 "ran out of memory (it may use %u MiB)", path, (unsigned) (DTC_MEMORY >> 20));
    return true;
  }
  return false;
}

/* dtc's -T annotations give each node's "file:line".  They take a
 * second dtc run, so they are read only when a message needs one
 * (_mdl_board_doc_node_lines): a board that loads and runs compiles once. */
GHashTable *
_mdl_board_doc_node_lines (const char *path)
{
  g_autofree char *dir = dtc_dir_new (NULL);
  g_autofree char *file = dir ? g_build_filename (dir, "lines.dts", NULL) : NULL;
  const char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dts", "-T", "-o", file, path, NULL };
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *out = NULL;
  g_auto(GStrv) text = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  int status = 0;
  bool ok;

  if (dir == NULL)
    return lines;
  ok = spawn_dtc (argv, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL) &&
       g_file_get_contents (file, &out, NULL, NULL);
  dtc_dir_free (g_steal_pointer (&dir));
  if (!ok)
    return lines;
  text = g_strsplit (out, "\n", -1);
  for (guint i = 0; text[i] != NULL; i++) {
    char *line = g_strstrip (text[i]);
    char *brace = strstr (line, " { /* ");

    if (brace != NULL) {
      g_autofree char *name = g_strndup (line, brace - line);
      char *sp = strrchr (name, ' ');   /* drop "label: " prefixes */
      const char *leaf = sp ? sp + 1 : name;
      const char *parent = stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;
      char *node = parent == NULL ? g_strdup ("/")
                 : strcmp (parent, "/") == 0 ? g_strconcat ("/", leaf, NULL)
                 : g_strconcat (parent, "/", leaf, NULL);
      const char *loc = brace + 6, *colon = strchr (loc, ':');
      size_t digits = colon ? strspn (colon + 1, "0123456789") : 0;

      /* dtc prints the file name it was given; we print the full path. */
      if (colon != NULL && digits > 0)
        g_hash_table_insert (lines, g_strdup (node),
                             g_strdup_printf ("%s:%.*s", path, (int) digits, colon + 1));
      g_ptr_array_add (stack, node);
    } else if (g_str_has_prefix (line, "};") && stack->len > 0) {
      g_ptr_array_remove_index (stack, stack->len - 1);
    }
  }
  return lines;
}

static char *
node_path (const void *fdt, int node)
{
  char buf[512];

  return fdt_get_path (fdt, node, buf, sizeof buf) == 0 ? g_strdup (buf) : g_strdup ("?");
}

/* Where node @path is written in the source, or NULL. */
static const char *
node_loc (Reader *rd, const char *path)
{
  if (rd->source == NULL)
    return NULL;
  if (rd->lines == NULL)
    rd->lines = _mdl_board_doc_node_lines (rd->source);
  return g_hash_table_lookup (rd->lines, path);
}

static void G_GNUC_PRINTF (5, 6)
node_error (Reader *rd, int node, GError **error, MdlErrorCode code, const char *fmt, ...)
{
  g_autofree char *path = node_path (rd->fdt, node);
  const char *loc = node_loc (rd, path);
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, MDL_ERROR, code, "%s: node %s: %s", loc ? loc : rd->path, path, what);
}

static uint64_t
read_cells (const fdt32_t *cells, int n)
{
  uint64_t v = 0;

  for (int i = 0; i < n; i++)
    v = (v << 32) | fdt32_to_cpu (cells[i]);
  return v;
}

static bool
prop_u64 (const void *fdt, int node, const char *name, uint64_t *value)
{
  int len;
  const fdt32_t *p = fdt_getprop (fdt, node, name, &len);

  if (p == NULL || (len != 4 && len != 8))
    return false;
  *value = read_cells (p, len / 4);
  return true;
}

static const char *
prop_str (const void *fdt, int node, const char *name)
{
  int len;
  const char *s = fdt_getprop (fdt, node, name, &len);

  return s != NULL && len > 0 && s[len - 1] == '\0' ? s : NULL;
}

/* A #address-cells, #size-cells or #interrupt-cells value, or @fallback
 * when absent.  Anything above 4 cells is no address or specifier Medley
 * could use: -1, which every caller refuses (a blob written by hand or by
 * a fuzzer may say -1 or 2^32 - 1, and cell counts index into arrays). */
static int
cells_of (const void *fdt, int node, const char *name, int fallback)
{
  uint64_t v;

  if (node < 0 || !prop_u64 (fdt, node, name, &v))
    return fallback;
  return v <= 4 ? (int) v : -1;
}

static const char *
compat_at (const void *fdt, int node, int i)
{
  return fdt_stringlist_get (fdt, node, "compatible", i, NULL);
}

static bool
is_cluster (const void *fdt, int node)
{
  if (fdt_node_check_compatible (fdt, node, "cpus,cluster") == 0)
    return true;
  /* A classic /cpus node (no compatible) is one cluster too. */
  return fdt_parent_offset (fdt, node) == 0 &&
         g_strcmp0 (fdt_get_name (fdt, node, NULL), "cpus") == 0 &&
         fdt_getprop (fdt, node, "compatible", NULL) == NULL;
}

/* Translates a bus address of @bus's children up to the root through each
 * ancestor's `ranges`. */
static bool
translate_up (Reader *rd, int bus, uint64_t *addr, int for_node, GError **error)
{
  const void *fdt = rd->fdt;

  while (bus > 0) {
    int parent = fdt_parent_offset (fdt, bus);
    int len, na = cells_of (fdt, bus, "#address-cells", 2);
    int pna = cells_of (fdt, parent, "#address-cells", 2);
    int ns = cells_of (fdt, bus, "#size-cells", 1);
    const fdt32_t *r = fdt_getprop (fdt, bus, "ranges", &len);
    int entry = na + pna + ns;
    bool found = false;

    if (na < 0 || pna < 0 || ns < 0) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "a parent bus has #address-cells or #size-cells above 4");
      return false;
    }
    if (r == NULL) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "its parent bus has no 'ranges', so no CPU can see it");
      return false;
    }
    for (int i = 0; len > 0 && entry > 0 && (i + 1) * entry * 4 <= len; i++) {
      const fdt32_t *e = r + i * entry;
      uint64_t child = read_cells (e, na), up = read_cells (e + na, pna);
      uint64_t size = read_cells (e + na + pna, ns);

      if (*addr >= child && *addr - child < size) {
        *addr = *addr - child + up;
        found = true;
        break;
      }
    }
    if (len > 0 && !found) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "address 0x%" G_GINT64_MODIFIER "x is outside every 'ranges' "
                  "window of its parent bus", *addr);
      return false;
    }
    bus = parent;
  }
  return true;
}

static void
read_position (Reader *rd, int node, MdlComponent *c)
{
  int len;
  const fdt32_t *p = fdt_getprop (rd->fdt, node, "medley,position", &len);

  if (p != NULL && len == 8) {
    /* Stored as two's-complement cells: the canvas may go negative. */
    c->x = (int32_t) fdt32_to_cpu (p[0]);
    c->y = (int32_t) fdt32_to_cpu (p[1]);
    g_hash_table_add (rd->positioned, GUINT_TO_POINTER (c->id));
  }
}

static void
set_source (Reader *rd, int node, MdlComponent *c)
{
  /* From source, the line is looked up when a message asks
   * (mdl_board_doc_source). */
  if (rd->source != NULL)
    c->node = node_path (rd->fdt, node);
  else
    c->source = g_strdup (rd->path);
}

/* Component names come from medley,name, then labels (kept in the blob by
 * dtc -@), then the node name without its unit address.  A medley,name
 * that another component already has is an error: renaming it would
 * quietly make two clusters one (same RAM, same firmware). */
static char *
name_for (Reader *rd, int node, GError **error)
{
  g_autofree char *path = node_path (rd->fdt, node);
  const char *given = prop_str (rd->fdt, node, "medley,name");
  int symbols = fdt_path_offset (rd->fdt, "/__symbols__");
  g_autofree char *base = NULL;
  int prop;

  if (given != NULL && _mdl_board_doc_valid_name (given)) {
    const MdlComponent *other = mdl_board_doc_find_by_name (rd->doc, given);
    GHashTableIter it;
    gpointer key, value;

    if (other == NULL)
      return g_strdup (given);
    g_hash_table_iter_init (&it, rd->by_node);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (GPOINTER_TO_UINT (value) == other->id) {
        g_autofree char *other_path = node_path (rd->fdt, GPOINTER_TO_INT (key));
        const char *other_loc = node_loc (rd, other_path);

        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "medley,name \"%s\" is already the name of node %s%s%s%s", given,
                    other_path, other_loc ? " (" : "", other_loc ? other_loc : "",
                    other_loc ? ")" : "");
        return NULL;
      }
    node_error (rd, node, error, MDL_ERROR_BOARD,
                "medley,name \"%s\" is already the name of another component", given);
    return NULL;
  }
  if (symbols >= 0)
    fdt_for_each_property_offset (prop, rd->fdt, symbols) {
      const char *label;
      int len;
      const char *value = fdt_getprop_by_offset (rd->fdt, prop, &label, &len);
      if (value && strcmp (value, path) == 0 && _mdl_board_doc_valid_name (label) &&
          !mdl_board_doc_find_by_name (rd->doc, label))
        return g_strdup (label);
    }
  base = g_strdup (fdt_get_name (rd->fdt, node, NULL));
  if (base == NULL)
    base = g_strdup ("dev");
  if (strchr (base, '@'))
    *strchr (base, '@') = '\0';
  for (char *p = base; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  if (_mdl_board_doc_valid_name (base) && !mdl_board_doc_find_by_name (rd->doc, base))
    return g_steal_pointer (&base);
  return _mdl_board_doc_fresh_name (rd->doc, _mdl_board_doc_valid_name (base) ? base : "dev");
}

/* Why a manifest's class could not be had (its module is missing or
 * refused), for the node's first such compatible; NULL if none is. */
static char *
missing_module (const void *fdt, int node)
{
  const char *compat;

  for (int i = 0; (compat = compat_at (fdt, node, i)) != NULL; i++) {
    char *why = mdl_registry_explain (compat);
    if (why != NULL)
      return why;
  }
  return NULL;
}

static char *
known_list (bool cpus)
{
  GString *s = g_string_new (NULL);

  if (cpus) {
    const MdlCpuClass *const *c = mdl_registry_cpus ();
    for (unsigned i = 0; c[i]; i++)
      g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", c[i]->compatible);
  } else {
    const MdlDeviceClass *const *d = mdl_registry_devices ();
    for (unsigned i = 0; d[i]; i++)
      g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", d[i]->compatible);
  }
  return g_string_free (s, FALSE);
}

/* The cache model's settings of cluster @c from its @node, checked
 * together: a bad one names the node's line and what the model takes. */
static bool
read_cache_props (Reader *rd, int node, MdlComponent *c, GError **error)
{
  g_autoptr(GError) local = NULL;
  MdlCacheModelConfig cfg;
  unsigned bad = MDL_CP_CACHE_FIRST;

  int from[MDL_CP_COUNT];

  for (unsigned i = MDL_CP_CACHE_FIRST; i < MDL_CP_COUNT; i++) {
    g_autofree char *prop = g_strconcat ("medley,", c->props[i].name, NULL);
    int at = node, cpu;

    /* On the cluster, or on its first cpu node that has it. */
    if (fdt_getprop (rd->fdt, node, prop, NULL) == NULL)
      fdt_for_each_subnode (cpu, rd->fdt, node)
        if (at == node && g_hash_table_contains (rd->hart_of, GINT_TO_POINTER (cpu)) &&
            fdt_getprop (rd->fdt, cpu, prop, NULL) != NULL)
          at = cpu;
    from[i] = at;
    if (fdt_getprop (rd->fdt, at, prop, NULL) == NULL)
      continue;
    if (c->props[i].type == MDL_PROP_STRING) {
      const char *text = prop_str (rd->fdt, at, prop);

      if (text == NULL) {
        node_error (rd, at, error, MDL_ERROR_BOARD, "%s is a string, like \"%s\"", prop,
                    c->props[i].default_str);
        return false;
      }
      g_free (c->values[i].str);
      c->values[i].str = g_strdup (text);
    } else if (!prop_u64 (rd->fdt, at, prop, &c->values[i].u64)
               || (c->props[i].type == MDL_PROP_U32 && c->values[i].u64 > G_MAXUINT32)) {
      node_error (rd, at, error, MDL_ERROR_BOARD, "%s is a number, like <%" G_GUINT64_FORMAT ">",
                  prop, c->props[i].default_u64 ? c->props[i].default_u64 : 4096);
      return false;
    }
  }
  if (!_mdl_cluster_cache_config (c, &cfg, &bad, &local)) {
    node_error (rd, from[bad], error, MDL_ERROR_BOARD, "medley,%s: %s", c->props[bad].name,
                local->message);
    return false;
  }
  return true;
}

static bool
read_cluster (Reader *rd, int node, GError **error)
{
  const void *fdt = rd->fdt;
  const MdlCpuClass *cls = NULL;
  uint64_t hz = MDL_DOC_DEFAULT_CPU_HZ, tb = 0;
  unsigned harts = 0;
  g_autofree char *name = name_for (rd, node, error);
  MdlComponent *c;
  int cpu;

  if (name == NULL)
    return false;
  prop_u64 (fdt, node, "clock-frequency", &hz);
  prop_u64 (fdt, node, "timebase-frequency", &tb);
  fdt_for_each_subnode (cpu, fdt, node) {
    const MdlCpuClass *this = NULL;
    const char *compat;

    if (g_strcmp0 (prop_str (fdt, cpu, "device_type"), "cpu") != 0)
      continue;
    for (int i = 0; this == NULL && (compat = compat_at (fdt, cpu, i)) != NULL; i++)
      this = mdl_registry_find_cpu (compat);
    if (this == NULL) {
      g_autofree char *missing = missing_module (fdt, cpu);
      if (missing != NULL) {
        node_error (rd, cpu, error, MDL_ERROR_UNKNOWN, "%s", missing);
        return false;
      }
      g_autofree char *known = known_list (true);
      compat = compat_at (fdt, cpu, 0);
      node_error (rd, cpu, error, MDL_ERROR_UNKNOWN,
                  compat ? "unknown CPU compatible \"%s\" (known: %s)"
                         : "%sthe CPU node has no compatible (known: %s)",
                  compat ? compat : "", known);
      return false;
    }
    if (cls != NULL && this != cls) {
      node_error (rd, cpu, error, MDL_ERROR_BOARD,
                  "a cluster holds CPUs of one model (%s here, %s before): put "
                  "the %s in a cluster of its own", this->name, cls->name, this->name);
      return false;
    }
    cls = this;
    if (harts == 0)
      prop_u64 (fdt, cpu, "clock-frequency", &hz);
    prop_u64 (fdt, cpu, "timebase-frequency", &tb);
    g_hash_table_insert (rd->hart_of, GINT_TO_POINTER (cpu), GUINT_TO_POINTER (harts + 1));
    harts++;
  }
  if (cls == NULL) {
    node_error (rd, node, error, MDL_ERROR_BOARD,
                "the CPU cluster has no node with device_type = \"cpu\"");
    return false;
  }
  if (harts > MDL_DOC_MAX_HARTS) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "more than %d CPUs in one cluster", MDL_DOC_MAX_HARTS);
    return false;
  }

  c = _mdl_board_doc_new_cluster (rd->doc, name, cls);
  c->values[MDL_CP_HARTS].u64 = harts;
  c->values[MDL_CP_CLOCK].u64 = hz;
  c->values[MDL_CP_TIMEBASE].u64 = tb;
  c->values[MDL_CP_FIRMWARE].str = g_strdup (prop_str (fdt, node, "medley,firmware"));
  c->values[MDL_CP_PROGRAM].str = g_strdup (prop_str (fdt, node, "medley,program"));
  c->values[MDL_CP_PAYLOAD].str = g_strdup (prop_str (fdt, node, "medley,payload"));
  prop_u64 (fdt, node, "medley,payload-address", &c->values[MDL_CP_PAYLOAD_ADDR].u64);
  c->values[MDL_CP_DEVICE_TREE].u64 = fdt_getprop (fdt, node, "medley,device-tree", NULL) != NULL;
  prop_u64 (fdt, node, "medley,fdt-address", &c->values[MDL_CP_FDT_ADDR].u64);
  c->values[MDL_CP_BOOTARGS].str = g_strdup (prop_str (fdt, node, "medley,bootargs"));
  c->values[MDL_CP_INITRD].str = g_strdup (prop_str (fdt, node, "medley,initrd"));
  prop_u64 (fdt, node, "medley,initrd-address", &c->values[MDL_CP_INITRD_ADDR].u64);
  if (!read_cache_props (rd, node, c, error))
    return false;
  for (unsigned i = MDL_CP_COUNT; i < c->n_props; i++) {
    g_autofree char *prop = g_strconcat ("medley,", c->props[i].name, NULL);
    g_autoptr(GError) local = NULL;
    int at = node;

    if (!_mdl_cluster_prop_is_class_setting (c, i)) {
      c->values[i].u64 = fdt_getprop (fdt, node, prop, NULL) != NULL;
      continue;
    }
    /* On the cluster, or on its first cpu node that has it. */
    if (fdt_getprop (fdt, node, prop, NULL) == NULL)
      fdt_for_each_subnode (cpu, fdt, node)
        if (at == node && g_hash_table_contains (rd->hart_of, GINT_TO_POINTER (cpu)) &&
            fdt_getprop (fdt, cpu, prop, NULL) != NULL)
          at = cpu;
    if (fdt_getprop (fdt, at, prop, NULL) == NULL)
      continue;
    if (!prop_u64 (fdt, at, prop, &c->values[i].u64)) {
      node_error (rd, at, error, MDL_ERROR_BOARD, "%s is a number, like <%" G_GUINT64_FORMAT ">",
                  prop, c->props[i].default_u64);
      return false;
    }
    if (cls->set_prop != NULL && !cls->set_prop (cls, NULL, c->props[i].name, c->values[i].u64,
                                                 &local)) {
      node_error (rd, at, error, MDL_ERROR_BOARD, "%s: %s", prop, local->message);
      return false;
    }
  }
  set_source (rd, node, c);
  read_position (rd, node, c);
  g_hash_table_insert (rd->by_node, GINT_TO_POINTER (node), GUINT_TO_POINTER (c->id));
  fdt_for_each_subnode (cpu, fdt, node)
    if (g_hash_table_contains (rd->hart_of, GINT_TO_POINTER (cpu)))
      g_hash_table_insert (rd->by_node, GINT_TO_POINTER (cpu), GUINT_TO_POINTER (c->id));
  return true;
}

static bool
read_device_props (Reader *rd, int node, MdlComponent *c, GError **error)
{
  for (unsigned i = 0; i < c->n_props; i++) {
    const MdlPropInfo *info = &c->props[i];
    const void *raw;

    if (strcmp (info->name, "reg") == 0 || strcmp (info->name, "size") == 0)
      continue;
    raw = fdt_getprop (rd->fdt, node, info->name, NULL);
    if (raw == NULL) {
      if (info->required) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "property '%s' (%s) is required",
                    info->name, info->description);
        return false;
      }
      continue;
    }
    switch (info->type) {
    case MDL_PROP_BOOL:
      c->values[i].u64 = 1;
      break;
    case MDL_PROP_U32:
    case MDL_PROP_U64:
    case MDL_PROP_FREQ:
    case MDL_PROP_SIZE:
    case MDL_PROP_ADDR:
      if (!prop_u64 (rd->fdt, node, info->name, &c->values[i].u64)) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "property '%s' must be one or two 32-bit cells", info->name);
        return false;
      }
      break;
    case MDL_PROP_STRING:
    case MDL_PROP_FILE:
    case MDL_PROP_CPU: {
      const char *s = prop_str (rd->fdt, node, info->name);
      if (s == NULL) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "property '%s' must be a string",
                    info->name);
        return false;
      }
      g_free (c->values[i].str);
      c->values[i].str = g_strdup (s);
      break;
    }
    }
  }
  return true;
}

static bool
read_device (Reader *rd, int node, const MdlDeviceClass *cls, GError **error)
{
  const void *fdt = rd->fdt;
  g_autofree char *name = name_for (rd, node, error);
  MdlComponent *c;
  int parent = fdt_parent_offset (fdt, node);
  int na = cells_of (fdt, parent, "#address-cells", 2);
  int ns = cells_of (fdt, parent, "#size-cells", 1);
  int len;
  const fdt32_t *reg = fdt_getprop (fdt, node, "reg", &len);

  if (name == NULL)
    return false;
  c = _mdl_board_doc_new_device (rd->doc, name, cls);
  set_source (rd, node, c);
  read_position (rd, node, c);
  g_hash_table_insert (rd->by_node, GINT_TO_POINTER (node), GUINT_TO_POINTER (c->id));

  if (cls->n_regions > 0) {
    uint64_t base;
    if (reg == NULL) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "a %s needs a 'reg' (where its registers or memory are)", cls->name);
      return false;
    }
    if (na < 0 || ns < 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "its parent's #address-cells or #size-cells is above 4");
      return false;
    }
    if (na < 1 || na > 2 || ns > 2 || len < (na + ns) * 4 ||
        len % ((na + ns) * 4) != 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "'reg' does not match its parent's #address-cells = %d and "
                  "#size-cells = %d", na, ns);
      return false;
    }
    if ((unsigned) (len / ((na + ns) * 4)) > cls->n_regions) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "a %s has %u register window%s, "
                  "'reg' gives more", cls->name, cls->n_regions, cls->n_regions == 1 ? "" : "s");
      return false;
    }
    base = read_cells (reg, na);
    if (!translate_up (rd, parent, &base, node, error))
      return false;
    c->values[0].u64 = base;
    c->values[1].u64 = ns ? read_cells (reg + na, ns) : c->values[1].u64;
  }
  return read_device_props (rd, node, c, error);
}

static const MdlDeviceClass *
device_class_for (const void *fdt, int node)
{
  const char *compat;

  for (int i = 0; (compat = compat_at (fdt, node, i)) != NULL; i++) {
    const MdlDeviceClass *cls = mdl_registry_find_device (compat);
    if (cls != NULL)
      return cls;
  }
  if (g_strcmp0 (prop_str (fdt, node, "device_type"), "memory") == 0)
    return mdl_registry_find_device ("medley,ram");
  return NULL;
}

static bool
read_devices (Reader *rd, int parent, GError **error)
{
  const void *fdt = rd->fdt;
  int node;

  fdt_for_each_subnode (node, fdt, parent) {
    const MdlDeviceClass *cls;
    const char *first = compat_at (fdt, node, 0);
    const char *name = fdt_get_name (fdt, node, NULL);

    if (is_cluster (fdt, node) || g_strcmp0 (prop_str (fdt, node, "status"), "disabled") == 0 ||
        g_strcmp0 (name, "__symbols__") == 0)
      continue;
    if (fdt_node_check_compatible (fdt, node, "simple-bus") == 0) {
      if (!read_devices (rd, node, error))
        return false;
      continue;
    }
    cls = device_class_for (fdt, node);
    if (cls == NULL) {
      if (first == NULL)
        continue;   /* /chosen, /aliases and friends */
      g_autofree char *missing = missing_module (fdt, node);
      if (missing != NULL) {
        node_error (rd, node, error, MDL_ERROR_UNKNOWN, "%s", missing);
        return false;
      }
      g_autofree char *known = known_list (false);
      node_error (rd, node, error, MDL_ERROR_UNKNOWN, "unknown compatible \"%s\" (known: %s)",
                  first, known);
      return false;
    }
    if (!read_device (rd, node, cls, error))
      return false;
  }
  return true;
}

/* The component (and hart) an interrupt specifier's phandle points at:
 * a device, or a node inside a cpu node (its interrupt controller). */
static guint
irq_target (Reader *rd, int target, unsigned *hart)
{
  for (int n = target; n > 0; n = fdt_parent_offset (rd->fdt, n)) {
    gpointer h = g_hash_table_lookup (rd->hart_of, GINT_TO_POINTER (n));
    if (h != NULL) {
      *hart = GPOINTER_TO_UINT (h) - 1;
      return GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node, GINT_TO_POINTER (n)));
    }
  }
  *hart = 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node, GINT_TO_POINTER (target)));
}

static bool
wire_one (Reader *rd, int node, guint dev, unsigned out, int source_hart, int target,
          const fdt32_t *spec, int ncells, GError **error)
{
  g_autoptr(GError) local = NULL;
  unsigned hart, line = ncells > 0 ? fdt32_to_cpu (spec[0]) : 0;
  guint to = irq_target (rd, target, &hart);
  MdlComponent *tc = to ? mdl_board_doc_find (rd->doc, to) : NULL;

  if (to == 0) {
    g_autofree char *tpath = node_path (rd->fdt, target);
    node_error (rd, node, error, MDL_ERROR_BOARD, "interrupt target %s is neither a "
                "CPU's interrupt controller nor a device with interrupt inputs", tpath);
    return false;
  }
  /* A controller with longer specifiers says which input they mean. */
  if (tc != NULL && tc->kind == MDL_COMPONENT_DEVICE && tc->dev_cls->irq_cells > 1) {
    uint32_t cells[4];
    int input;

    if ((unsigned) ncells != tc->dev_cls->irq_cells || tc->dev_cls->irq_input == NULL) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "interrupt specifiers of %s have %u "
                  "cells, not %d", tc->name, tc->dev_cls->irq_cells, ncells);
      return false;
    }
    for (int i = 0; i < ncells; i++)
      cells[i] = fdt32_to_cpu (spec[i]);
    input = tc->dev_cls->irq_input (tc->dev_cls, cells, source_hart);
    if (input < 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "%s has no interrupt input for that "
                  "specifier", tc->name);
      return false;
    }
    line = (unsigned) input;
  }
  if (mdl_board_doc_wire_irq (rd->doc, dev, out, to, line, hart, &local) == 0) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "%s", local->message);
    return false;
  }
  return true;
}

static gint
compare_offsets (gconstpointer a, gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

/* The interrupt specifiers of @node become wires from component @dev's
 * outputs, numbered from @out (a cpu node's outputs follow those of the
 * harts before it); @source_hart is that cpu node's hart, -1 for a
 * device. */
static bool
read_interrupts (Reader *rd, int node, guint dev, unsigned out, int source_hart,
                 GError **error)
{
  const void *fdt = rd->fdt;
  int len;
  const fdt32_t *p = fdt_getprop (fdt, node, "interrupts-extended", &len);

  if (p != NULL) {
    for (int n = len / 4, i = 0; i < n;) {
      uint32_t ph = fdt32_to_cpu (p[i]);
      int target, cells;

      if (ph == 0) {   /* <0>: this output is left unconnected */
        out++, i++;
        continue;
      }
      target = fdt_node_offset_by_phandle (fdt, ph);
      if (target < 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "'interrupts-extended' refers to a missing phandle");
        return false;
      }
      cells = cells_of (fdt, target, "#interrupt-cells", 1);
      if (cells < 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "its interrupt target has #interrupt-cells above 4");
        return false;
      }
      if (i + 1 + cells > n) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "'interrupts-extended' is cut short");
        return false;
      }
      if (!wire_one (rd, node, dev, out++, source_hart, target, p + i + 1, cells, error))
        return false;
      i += 1 + cells;
    }
    return true;
  }
  p = fdt_getprop (fdt, node, "interrupts", &len);
  if (p != NULL) {
    uint64_t ph;
    int target = -1, cells;

    for (int n = node; n >= 0 && target < 0; n = fdt_parent_offset (fdt, n))
      if (prop_u64 (fdt, n, "interrupt-parent", &ph))
        target = fdt_node_offset_by_phandle (fdt, (uint32_t) ph);
    if (target < 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "'interrupts' without an 'interrupt-parent'");
      return false;
    }
    cells = cells_of (fdt, target, "#interrupt-cells", 1);
    for (int i = 0; cells > 0 && (i + cells) * 4 <= len; i += cells)
      if (!wire_one (rd, node, dev, out++, source_hart, target, p + i, cells, error))
        return false;
  }
  return true;
}

/* `address-map = <cluster-address phandle node-address size>...` (System
 * Device Tree): the cluster sees only what its map lists.  Without one it
 * sees every device. */
static bool
read_address_map (Reader *rd, int node, guint cluster, GError **error)
{
  const void *fdt = rd->fdt;
  int na = cells_of (fdt, 0, "#address-cells", 2), ns = cells_of (fdt, 0, "#size-cells", 1);
  int len, entry = na + 1 + na + ns;
  const fdt32_t *p = fdt_getprop (fdt, node, "address-map", &len);

  if (na < 0 || ns < 0) {
    node_error (rd, 0, error, MDL_ERROR_BOARD, "#address-cells or #size-cells is above 4");
    return false;
  }
  if (p == NULL) {
    for (guint i = 0; i < rd->doc->components->len; i++) {
      MdlComponent *c = g_ptr_array_index (rd->doc->components, i);
      if (_mdl_component_has_window (c))
        mdl_board_doc_map (rd->doc, c->id, cluster, NULL);
    }
    return true;
  }
  if (len % (entry * 4) != 0) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "'address-map' entries are <address "
                "&node address size> with %d address and %d size cells", na, ns);
    return false;
  }
  for (int i = 0; i < len / (entry * 4); i++) {
    const fdt32_t *e = p + i * entry;
    uint64_t here = read_cells (e, na), there = read_cells (e + na + 1, na);
    int target = fdt_node_offset_by_phandle (fdt, fdt32_to_cpu (e[na]));
    guint dev = target >= 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node,
                                                                      GINT_TO_POINTER (target)))
                            : 0;
    g_autoptr(GError) local = NULL;

    if (dev == 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "'address-map' entry %d does not name a device", i);
      return false;
    }
    {
      guint wire = mdl_board_doc_map (rd->doc, dev, cluster, &local);
      if (wire == 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "%s", local->message);
        return false;
      }
      /* The entry names the device by its own address: anything else
       * would be a window into the middle of it. */
      if (there != mdl_component_u64 (mdl_board_doc_find (rd->doc, dev), "reg")) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "'address-map' entry %d must give "
                    "the device's own address 0x%" G_GINT64_MODIFIER "x after its phandle",
                    i, mdl_component_u64 (mdl_board_doc_find (rd->doc, dev), "reg"));
        return false;
      }
      if (here != there) {
        MdlWire *w = &g_array_index (rd->doc->wires, MdlWire, rd->doc->wires->len - 1);
        g_assert (w->id == wire);
        w->has_base = true;
        w->base = here;
      }
    }
  }
  return true;
}

/* Interrupt lines a card shows on one side, as MdlCanvas draws them:
 * up to the highest wired one and one more (at least two), or for
 * controllers with many inputs the wired ones and one free. */
static unsigned
irq_rows (const MdlBoardDoc *doc, guint id, bool outputs, unsigned lines)
{
  int highest = -1;
  unsigned wired = 0;

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind != MDL_WIRE_IRQ || (outputs ? w->from : w->to) != id)
      continue;
    highest = MAX (highest, (int) (outputs ? w->output : w->input));
    wired++;
  }
  if (lines > 32)
    return MIN (wired + 1, lines);
  return MIN (lines, MAX ((unsigned) (highest + 2), 2u));
}

/* Rows of ports a card shows (how MdlCanvas draws them), so that cards
 * can be stacked without overlapping. */
static unsigned
card_rows (const MdlBoardDoc *doc, const MdlComponent *c)
{
  unsigned left, right;

  if (c->kind == MDL_COMPONENT_CLUSTER) {
    unsigned harts = MIN (MAX ((unsigned) mdl_component_u64 (c, "harts"), 1u), 4u);
    unsigned outs = 0;

    /* Bus, the usual three inputs, and the cores' own outputs: the wired
     * ones and one free per core. */
    for (guint i = 0; c->cpu_cls->n_irq_out > 0 && i < doc->wires->len; i++) {
      const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
      outs += w->kind == MDL_WIRE_IRQ && w->from == c->id;
    }
    return 1 + 3 * harts + (c->cpu_cls->n_irq_out > 0 ? outs + harts : 0);
  }
  left = (_mdl_component_has_window (c) ? 1 : 0)
         + irq_rows (doc, c->id, true, c->dev_cls->n_irq_out);
  right = irq_rows (doc, c->id, false, c->dev_cls->n_irq_in);
  return MAX (MAX (left, right), 1);
}

/* Places what has no position: clusters in a column on the left, devices
 * in a column to their right (memory first), so that the wires from the
 * clusters' ports on the right run straight to the devices' ports on the
 * left without crossing other cards. */
static void
auto_layout (MdlBoardDoc *doc, GHashTable *positioned)
{
  /* Device columns wrap at this height, so that a board with many devices
   * is wide rather than one tall column that fits a window only tiny. */
  const double column_limit = 560;
  double cluster_y = 40, device_y = 40, device_x = 400;

  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < doc->components->len; i++) {
      MdlComponent *c = g_ptr_array_index (doc->components, i);
      bool memory = c->kind == MDL_COMPONENT_DEVICE && c->dev_cls->group == MDL_GROUP_MEMORY;
      int want = c->kind == MDL_COMPONENT_CLUSTER ? 0 : memory ? 1 : 2;
      double height = 56 + 22 * card_rows (doc, c) + 32;

      if (want != pass || (positioned && g_hash_table_contains (positioned, GUINT_TO_POINTER (c->id))))
        continue;
      if (c->kind == MDL_COMPONENT_CLUSTER) {
        c->x = 40;
        c->y = cluster_y;
        cluster_y += height;
      } else {
        if (device_y > 40 && device_y + height - 32 > 40 + column_limit) {
          device_x += 280;
          device_y = 40;
        }
        c->x = device_x;
        c->y = device_y;
        device_y += height;
      }
    }
}

static bool
run_dtc (const char *path, const char *dir, GBytes **blob, GError **error)
{
  g_autofree char *file = g_build_filename (dir, "board.dtb", NULL);
  /* -@ keeps labels (in /__symbols__), which become component names. */
  const char *argv[] = { "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", file, path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) local = NULL;
  int status = 0;
  size_t len = 0, size;

  if (!spawn_dtc (argv, &err, &status, &local)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: cannot run the device-tree compiler "
                 "dtc: %s (install the device-tree-compiler package)", path, local->message);
    return false;
  }
  if (dtc_hit_limit (path, status, err, error))
    return false;
  if (!g_spawn_check_wait_status (status, NULL)) {
    g_autofree char *msg = dtc_message (path, err);
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s", msg);
    return false;
  }
  if (!g_file_get_contents (file, &out, &len, NULL) || len < sizeof (struct fdt_header) ||
      fdt_check_header (out) != 0 || fdt_totalsize (out) > len) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: dtc produced no valid blob", path);
    return false;
  }
  size = fdt_totalsize (out);
  *blob = g_bytes_new_take (g_steal_pointer (&out), size);
  return true;
}

/* Refuses a blob whose shape alone would cost the host too much: nodes
 * nested deeper than the walk may recurse, more nodes or CPUs than any
 * board needs.  Runs before anything is built from the blob. */
static bool
check_shape (Reader *rd, GError **error)
{
  const void *fdt = rd->fdt;
  int depth = 0, nodes = 0, cpus = 0, node;

  for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node (fdt, node, &depth)) {
    if (++nodes > MDL_BOARD_MAX_NODES) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "the board has more than %d nodes",
                  MDL_BOARD_MAX_NODES);
      return false;
    }
    if (depth > MDL_BOARD_MAX_DEPTH) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                   "%s: node %s is nested deeper than %d levels", rd->path,
                   fdt_get_name (fdt, node, NULL), MDL_BOARD_MAX_DEPTH);
      return false;
    }
    if (g_strcmp0 (prop_str (fdt, node, "device_type"), "cpu") == 0 &&
        ++cpus > MDL_BOARD_MAX_CPUS) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "the board has more than %d CPUs",
                  MDL_BOARD_MAX_CPUS);
      return false;
    }
  }
  /* The walk ends past the root's end (depth -1) or at the end tag. */
  if (node < 0 && node != -FDT_ERR_NOTFOUND) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device tree is damaged (%s)",
                 rd->path, fdt_strerror (node));
    return false;
  }
  return true;
}

/* The walk shared by .dts files and raw blobs.  @source is the .dts the
 * blob was compiled from, for "file:line" in messages (NULL for a blob). */
static MdlBoardDoc *
read_blob (const void *fdt, const char *path, const char *source, GError **error)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  Reader rd = { 0 };
  bool ok = false;
  int node;

  rd.doc = doc;
  rd.path = path;
  rd.fdt = fdt;
  rd.source = source;
  if (source != NULL)
    doc->lines_path = g_strdup (source);
  rd.by_node = g_hash_table_new (NULL, NULL);
  rd.hart_of = g_hash_table_new (NULL, NULL);
  rd.positioned = g_hash_table_new (NULL, NULL);
  if (!check_shape (&rd, error))
    goto out;
  doc->model = g_strdup (prop_str (rd.fdt, 0, "model"));
  prop_u64 (rd.fdt, 0, "medley,quantum-ps", &doc->quantum_ps);

  /* Clusters first so that interrupt wires can find their CPUs. */
  fdt_for_each_subnode (node, rd.fdt, 0)
    if (is_cluster (rd.fdt, node) && !read_cluster (&rd, node, error))
      goto out;
  if (!read_devices (&rd, 0, error))
    goto out;
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    GHashTableIter it;
    gpointer key, value;

    g_hash_table_iter_init (&it, rd.by_node);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (GPOINTER_TO_UINT (value) == c->id &&
          !g_hash_table_contains (rd.hart_of, key)) {
        bool fine = c->kind == MDL_COMPONENT_CLUSTER
                    ? read_address_map (&rd, GPOINTER_TO_INT (key), c->id, error)
                    : read_interrupts (&rd, GPOINTER_TO_INT (key), c->id, 0, -1, error);
        if (!fine)
          goto out;
        break;
      }
  }
  /* A CPU's own interrupt outputs (a generic timer's): the cpu nodes'
   * specifiers, in node order so that wires keep the file's order. */
  {
    g_autoptr(GList) cpus = g_list_sort (g_hash_table_get_keys (rd.hart_of), compare_offsets);

    for (GList *l = cpus; l != NULL; l = l->next) {
      int n = GPOINTER_TO_INT (l->data);
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (rd.by_node, l->data));
      unsigned hart = GPOINTER_TO_UINT (g_hash_table_lookup (rd.hart_of, l->data)) - 1;
      MdlComponent *c = mdl_board_doc_find (doc, id);

      if (c != NULL && c->cpu_cls->n_irq_out > 0
          && !read_interrupts (&rd, n, id, hart * c->cpu_cls->n_irq_out, (int) hart, error))
        goto out;
    }
  }
  if (!mdl_board_doc_check_limits (doc, error))
    goto out;
  auto_layout (doc, rd.positioned);
  ok = true;

out:
  if (rd.lines != NULL)
    g_hash_table_unref (rd.lines);
  g_hash_table_unref (rd.by_node);
  g_hash_table_unref (rd.hart_of);
  g_hash_table_unref (rd.positioned);
  return ok ? g_steal_pointer (&doc) : NULL;
}

/* Whether @path holds a device-tree blob (its magic number), not source. */
static bool
is_blob_file (const char *path)
{
  static const guint8 magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };
  guint8 head[4];
  FILE *f = g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_fopen (path, "rb") : NULL;
  bool blob = f != NULL && fread (head, 1, 4, f) == 4 && memcmp (head, magic, 4) == 0;

  if (f != NULL)
    fclose (f);
  return blob;
}

MdlBoardDoc *
mdl_board_doc_load (const char *path, GError **error)
{
  g_autoptr(GBytes) blob = NULL;
  g_autofree char *dir = NULL;
  MdlBoardDoc *doc;

  if (!check_regular (path, NULL, NULL, 0, NULL, error))
    return NULL;
  if (is_blob_file (path)) {
    /* A compiled board (dtc -O dtb) loads as it is: the blob checks
     * apply, messages name nodes without lines. */
    g_autofree char *bytes = NULL;
    g_autoptr(GError) local = NULL;
    size_t len;

    if (!g_file_get_contents (path, &bytes, &len, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
    doc = mdl_board_doc_from_blob (bytes, len, path, error);
  } else {
    if (!check_sources (path, error) || (dir = dtc_dir_new (error)) == NULL)
      return NULL;
    if (!run_dtc (path, dir, &blob, error)) {
      dtc_dir_free (g_steal_pointer (&dir));
      return NULL;
    }
    dtc_dir_free (g_steal_pointer (&dir));
    doc = read_blob (g_bytes_get_data (blob, NULL), path, path, error);
  }
  if (doc != NULL)
    doc->path = g_canonicalize_filename (path, NULL);
  return doc;
}

/* Debian 12's libfdt 1.6.1 loops forever in fdt_check_full() on some
 * 1.7 KB blobs (found by the board-blob fuzzer): walk the structure's tags
 * first and refuse one that does not move forward at every tag. */
static const char *
tags_move_forward (const void *fdt)
{
  int offset, next = 0;
  unsigned steps = 0, max = fdt_totalsize (fdt) / 4 + 2;

  for (;;) {
    uint32_t tag;

    offset = next;
    tag = fdt_next_tag (fdt, offset, &next);
    if (next < 0 || tag == FDT_END)
      return NULL;   /* fdt_check_full says what is wrong, if anything */
    if (next <= offset || ++steps > max)
      return "its structure loops";
  }
}

MdlBoardDoc *
mdl_board_doc_from_blob (const void *blob, size_t len, const char *name, GError **error)
{
  g_autofree void *copy = NULL;
  const char *why = NULL;
  int err;

  /* libfdt trusts a blob's offsets once its header is accepted; only
   * fdt_check_full() makes every later libfdt call safe on bytes from
   * outside (it checks each offset, string and the structure's nesting
   * against @len).  The checks run on an aligned copy: the caller's bytes
   * may sit anywhere. */
  if (len < sizeof (struct fdt_header)) {
    why = "too short";
  } else {
    copy = g_memdup2 (blob, len);
    if ((err = fdt_check_header (copy)) != 0)
      why = fdt_strerror (err);
    else if (fdt_totalsize (copy) > len)
      why = "truncated";
    /* Debian 12's libfdt 1.6.1 dereferences NULL in fdt_check_full() on
     * blobs older than version 16 (found by the board-blob fuzzer); dtc
     * writes version 17, so nothing real is lost. */
    else if (fdt_version (copy) < 16)
      why = "version older than 16";
    else if ((why = tags_move_forward (copy)) != NULL)
      ;
    else if ((err = fdt_check_full (copy, len)) != 0)
      why = fdt_strerror (err);
  }
  if (why != NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: not a valid device-tree blob (%s)",
                 name, why);
    return NULL;
  }
  return read_blob (copy, name, NULL, error);
}
