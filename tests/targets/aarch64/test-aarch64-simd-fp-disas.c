/* Unit tests of the Advanced SIMD floating-point rows
 * (targets/aarch64/aarch64-simd-fp.c): each row is reached by the
 * decoder and prints; a fixed list of GNU objdump 2.40's text
 * (aarch64-linux-gnu-objdump -d, the mnemonic padded to 8 columns); and,
 * when the binutils are given as arguments, several fillings of every
 * row assembled as .inst words and compared with objdump's text.
 *
 * Usage: test-aarch64-simd-fp-disas [--tap] [AS OBJDUMP]
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "targets/aarch64/aarch64-cpu.h"

typedef struct {
  uint32_t raw;
  const char *text;
} Case;

static const Case cases[] = {
  { 0x4e22d420, "fadd    v0.4s, v1.4s, v2.4s" },
  { 0x4ee2d420, "fsub    v0.2d, v1.2d, v2.2d" },
  { 0x0e22cc20, "fmla    v0.2s, v1.2s, v2.2s" },
  { 0x6e22fc20, "fdiv    v0.4s, v1.4s, v2.4s" },
  { 0x6ee2d420, "fabd    v0.2d, v1.2d, v2.2d" },
  { 0x6e22d420, "faddp   v0.4s, v1.4s, v2.4s" },
  { 0x7ea2d420, "fabd    s0, s1, s2" },
  { 0x5e62e420, "fcmeq   d0, d1, d2" },
  { 0x7e70d820, "faddp   d0, v1.2d" },
  { 0x4fa21020, "fmla    v0.4s, v1.4s, v2.s[1]" },
  { 0x4fc21820, "fmla    v0.2d, v1.2d, v2.d[1]" },
  { 0x5fa29020, "fmul    s0, s1, v2.s[1]" },
  { 0x6e30c820, "fmaxnmv s0, v1.4s" },
  { 0x4ea0f820, "fabs    v0.4s, v1.4s" },
  { 0x4ea0d820, "fcmeq   v0.4s, v1.4s, #0.0" },
  { 0x0e616820, "fcvtn   v0.2s, v1.2d" },
  { 0x4e617820, "fcvtl2  v0.2d, v1.4s" },
  { 0x7e616820, "fcvtxn  s0, d1" },
  { 0x0e216820, "fcvtn   v0.4h, v1.4s" },
  { 0x4e217820, "fcvtl2  v0.4s, v1.8h" },
  { 0x4f3de420, "scvtf   v0.4s, v1.4s, #3" },
  { 0x5f7dfc20, "fcvtzs  d0, d1, #3" },
  { 0x4f03f600, "fmov    v0.4s, #1.000000000000000000e+00" },
  { 0x6f03f600, "fmov    v0.2d, #1.000000000000000000e+00" },
};

static void
test_cases (void)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GString) t = g_string_new (NULL);

    a64_disas_insn (0, cases[i].raw, t);
    if (g_strcmp0 (t->str, cases[i].text) != 0)
      g_test_message ("0x%08x: \"%s\", objdump says \"%s\"", cases[i].raw, t->str, cases[i].text);
    g_assert_cmpstr (t->str, ==, cases[i].text);
  }
}

/* Up to @n encodings decoding to row @i (its free bits filled at random). */
static unsigned
fillings (unsigned i, uint32_t *out, unsigned n)
{
  const A64Opcode *op = &a64_simd_fp_opcodes[i];
  uint32_t x = 0x9e3779b9u * (i + 1);
  unsigned got = 0;

  for (unsigned k = 0; k < 4096 && got < n; k++) {
    uint32_t insn;
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    insn = op->match | (x & ~op->mask);
    if (a64_decode (insn) == op)
      out[got++] = insn;
  }
  return got;
}

static void
test_rows (void)
{
  for (unsigned i = 0; i < a64_n_simd_fp_opcodes; i++) {
    uint32_t insn;
    g_autoptr (GString) t = g_string_new (NULL);

    if (fillings (i, &insn, 1) != 1)
      g_test_message ("row %u (%s, 0x%08x) is never decoded", i, a64_simd_fp_opcodes[i].name,
                      a64_simd_fp_opcodes[i].match);
    g_assert_cmpuint (fillings (i, &insn, 1), ==, 1);
    a64_disas_insn (0, insn, t);
    g_assert_true (g_str_has_prefix (t->str, a64_simd_fp_opcodes[i].name));
    g_assert_null (strstr (t->str, ".inst"));
  }
}

/* Reserved encodings near the rows stay undefined. */
static void
test_reserved (void)
{
  g_assert_null (a64_decode (0x0e62d420));            /* fadd .1d */
  g_assert_null (a64_decode (0x0e30c820));            /* fmaxnmv .2s */
  g_assert_null (a64_decode (0x4fe21820));            /* fmla by element, double, L = 1 */
  g_assert_null (a64_decode (0x0e617820 | 1u << 29)); /* U = 1: no fcvtl there */
  g_assert_null (a64_decode (0x2f00f400));            /* fmov .1d form (op = 1, Q = 0) */
}

static const char *as_path, *objdump_path;

/* objdump's "fadd\tv0.4s, ..." as Medley writes it; NULL on a line
 * without an instruction. */
static char *
objdump_text (const char *line, uint32_t *raw)
{
  g_auto (GStrv) cols = g_strsplit (line, "\t", -1);
  g_autofree char *ops = NULL;
  char *cut;

  if (g_strv_length (cols) < 3 || !strchr (cols[0], ':'))
    return NULL;
  *raw = (uint32_t) g_ascii_strtoull (g_strstrip (cols[1]), NULL, 16);
  ops = cols[3] ? g_strdup (cols[3]) : g_strdup ("");
  if ((cut = strstr (ops, "//")) != NULL)
    *cut = 0;
  g_strstrip (ops);
  g_strstrip (cols[2]);
  if (*ops == 0)
    return g_strdup (cols[2]);
  return g_strdup_printf ("%-7s %s", cols[2], ops);
}

/* Whether @name is a mnemonic of this table. */
static bool
fp_mnemonic (const char *name)
{
  for (unsigned i = 0; i < a64_n_simd_fp_opcodes; i++)
    if (strcmp (a64_simd_fp_opcodes[i].name, name) == 0)
      return true;
  return false;
}

/* objdump's text names a half-precision register or arrangement. */
static bool
half_precision (const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p == 'h' && (p[-1] == '.' || p[-1] == '4' || p[-1] == '8' || p[-1] == ' ')
        && (p[1] == '[' || p[1] == ',' || p[1] == 0 || g_ascii_isdigit (p[1])))
      return true;
  return false;
}

/* Assembles @words and returns objdump -d's lines. */
static GStrv
objdump_lines (const uint32_t *words, unsigned n)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-simd-fp-XXXXXX", NULL);
  g_autofree char *src = g_build_filename (dir, "t.s", NULL);
  g_autofree char *obj = g_build_filename (dir, "t.o", NULL);
  g_autoptr (GString) s = g_string_new ("");
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_assert_nonnull (dir);
  for (unsigned k = 0; k < n; k++)
    g_string_append_printf (s, "\t.inst 0x%08x\n", words[k]);
  g_assert_true (g_file_set_contents (src, s->str, -1, NULL));
  {
    const char *argv[] = { as_path, "-o", obj, src, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                 &err, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { objdump_path, "-d", "-z", obj, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (obj);
  g_unlink (src);
  g_rmdir (dir);
  return g_strsplit (out, "\n", -1);
}

/* Random words of the SIMD&FP data-processing space: each one this
 * table decodes prints as objdump does, each single- or double-precision
 * instruction of this table's mnemonics that objdump knows is decoded
 * here (nothing missing), and none is taken by the SIMD integer table
 * (searched first). */
static void
test_objdump_sweep (void)
{
  enum { N_WORDS = 40000 };
  g_autofree uint32_t *w = g_new (uint32_t, N_WORDS);
  g_auto (GStrv) lines = NULL;
  uint32_t x = 0x2545f491u;
  unsigned mine = 0;

  for (unsigned k = 0; k < N_WORDS; k++) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    w[k] = (x & ~0x0e000000u) | 0x0e000000u; /* bits 27:25 = 111 */
  }
  lines = objdump_lines (w, N_WORDS);
  for (unsigned l = 0; lines[l]; l++) {
    uint32_t raw;
    g_autofree char *want = objdump_text (lines[l], &raw);
    g_autoptr (GString) got = g_string_new (NULL);
    const A64Opcode *op;
    char name[16];

    if (want == NULL)
      continue;
    op = a64_decode (raw);
    sscanf (want, "%15s", name);
    if (op != NULL && op->fmt == A64_FMT_SIMD_INT && fp_mnemonic (name) && !half_precision (want))
      g_test_message ("0x%08x: \"%s\" is taken by the SIMD integer row \"%s\"", raw, want,
                      op->name);
    g_assert_false (op != NULL && op->fmt == A64_FMT_SIMD_INT && fp_mnemonic (name)
                    && !half_precision (want));
    if (op != NULL && op->fmt != A64_FMT_SIMD_FP)
      continue; /* another table's */
    if (op == NULL && (!fp_mnemonic (name) || half_precision (want)))
      continue;
    a64_disas_insn (0, raw, got);
    if (g_strcmp0 (got->str, want) != 0)
      g_test_message ("0x%08x: \"%s\", objdump says \"%s\"", raw, got->str, want);
    g_assert_cmpstr (got->str, ==, want);
    mine++;
  }
  g_assert_cmpuint (mine, >, 100);
}

static void
test_objdump (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-simd-fp-XXXXXX", NULL);
  g_autofree char *src = g_build_filename (dir, "t.s", NULL);
  g_autofree char *obj = g_build_filename (dir, "t.o", NULL);
  g_autoptr (GString) s = g_string_new ("");
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  unsigned compared = 0;

  g_assert_nonnull (dir);
  for (unsigned i = 0; i < a64_n_simd_fp_opcodes; i++) {
    uint32_t insn[8];
    unsigned n = fillings (i, insn, G_N_ELEMENTS (insn));
    for (unsigned k = 0; k < n; k++)
      g_string_append_printf (s, "\t.inst 0x%08x\n", insn[k]);
  }
  g_assert_true (g_file_set_contents (src, s->str, -1, NULL));
  {
    const char *argv[] = { as_path, "-o", obj, src, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                 &err, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { objdump_path, "-d", "-z", obj, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  lines = g_strsplit (out, "\n", -1);
  for (unsigned l = 0; lines[l]; l++) {
    uint32_t raw;
    g_autofree char *want = objdump_text (lines[l], &raw);
    g_autoptr (GString) got = g_string_new (NULL);

    if (want == NULL)
      continue;
    a64_disas_insn (0, raw, got);
    if (g_strcmp0 (got->str, want) != 0)
      g_test_message ("0x%08x: \"%s\", objdump says \"%s\"", raw, got->str, want);
    g_assert_cmpstr (got->str, ==, want);
    compared++;
  }
  g_assert_cmpuint (compared, >=, a64_n_simd_fp_opcodes);
  g_unlink (obj);
  g_unlink (src);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc >= 3) {
    as_path = argv[1];
    objdump_path = argv[2];
  }
  g_test_add_func ("/aarch64/simd-fp/objdump-cases", test_cases);
  g_test_add_func ("/aarch64/simd-fp/rows", test_rows);
  g_test_add_func ("/aarch64/simd-fp/reserved", test_reserved);
  if (as_path != NULL) {
    g_test_add_func ("/aarch64/simd-fp/objdump-all-rows", test_objdump);
    g_test_add_func ("/aarch64/simd-fp/objdump-sweep", test_objdump_sweep);
  }
  return g_test_run ();
}
