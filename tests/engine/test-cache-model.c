/* The cache model: hit and miss sequences worked out by hand for each
 * replacement and write policy, the checks of a configuration, what the
 * per-CPU hooks count, the board properties (round trip, refusals with
 * file and line), and the counts of real firmware in both tiers. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board-doc.h"
#include "engine/cache-model.h"
#include "engine/error.h"
#include "engine/machine.h"
#include "engine/memory.h"
#include "engine/registry.h"
#include "engine/snapshot.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *search[] = { MDL_BUILD_ROOT "/boards", NULL };

/* 'H' or 'M' per access of @addrs (all reads, or writes where @writes
 * says 'w'), as a string to compare with the hand-worked answer. */
static char *
run_sequence (MdlCache *c, const uint64_t *addrs, unsigned n, const char *writes)
{
  GString *s = g_string_new (NULL);

  for (unsigned i = 0; i < n; i++)
    g_string_append_c (s, mdl_cache_access (c, addrs[i], writes && writes[i] == 'w') ? 'H' : 'M');
  return g_string_free (s, FALSE);
}

/* 64 bytes, 2 ways, 16-byte lines: 2 sets.  0x00, 0x20 and 0x40 are lines
 * 0, 2 and 4, all in set 0, so three lines fight for two ways. */
static const MdlCacheConfig two_way = { 64, 2, 16, MDL_CACHE_LRU, MDL_CACHE_WRITE_BACK };
#define A 0x00
#define B 0x20
#define C 0x44 /* inside line 4: any byte of a line is the line */

static void
test_lru (void)
{
  /* A miss, B miss, A hit (A newest), C miss evicts B (least recently
   * used), B miss evicts A, A miss evicts C. */
  static const uint64_t seq[] = { A, B, A, C, B, A };
  g_autoptr(MdlCache) c = mdl_cache_new (&two_way, 1);
  g_autofree char *got = run_sequence (c, seq, G_N_ELEMENTS (seq), NULL);
  unsigned set, way;

  g_assert_cmpstr (got, ==, "MMHMMM");
  g_assert_cmpuint (c->counts.read_hits, ==, 1);
  g_assert_cmpuint (c->counts.read_misses, ==, 5);
  /* A went into way 1 (C's), B into way 0 (A's): */
  g_assert_true (mdl_cache_probe (c, A, &set, &way));
  g_assert_cmpuint (set, ==, 0);
  g_assert_cmpuint (way, ==, 1);
  g_assert_true (mdl_cache_probe (c, B + 4, &set, &way));
  g_assert_cmpuint (way, ==, 0);
  g_assert_false (mdl_cache_probe (c, C, &set, &way));
  g_assert_cmpint (c->last_set, ==, 0);
  g_assert_cmpint (c->last_way, ==, 1);
  g_assert_false (c->last_hit);
}

static void
test_fifo (void)
{
  /* The same accesses: A's hit does not make it younger, so C evicts A
   * (filled first), B then hits, and A evicts B (filled before C). */
  static const uint64_t seq[] = { A, B, A, C, B, A };
  MdlCacheConfig cfg = two_way;
  g_autoptr(MdlCache) c = NULL;
  g_autofree char *got = NULL;
  unsigned set, way;

  cfg.replacement = MDL_CACHE_FIFO;
  c = mdl_cache_new (&cfg, 1);
  got = run_sequence (c, seq, G_N_ELEMENTS (seq), NULL);
  g_assert_cmpstr (got, ==, "MMHMHM");
  g_assert_true (mdl_cache_probe (c, C, &set, &way));
  g_assert_cmpuint (way, ==, 0);
  g_assert_true (mdl_cache_probe (c, A, &set, &way));
  g_assert_cmpuint (way, ==, 1);
  /* Set 1 was never touched. */
  g_assert_false (mdl_cache_probe (c, 0x10, &set, &way));
}

static void
test_random (void)
{
  /* Seed 1: xorshift64 gives 0x40822041, 0x100041060c011441,
   * 0x9b1e842f6e862629, 0xf554f503555d8025; times 0x2545f4914f6cdd1d,
   * the high halves of the low 64 bits are 0xbafacf62, 0x02da6891,
   * 0xfe17a361, 0xe1f55904: victims (mod 2) 0, 1, 1, 0.  A and B fill
   * the invalid ways; C evicts way 0 (A); A evicts way 1 (B); C hits;
   * B evicts way 1 (A); A evicts way 0 (C); B hits. */
  static const uint64_t seq[] = { A, B, C, A, C, B, A, B };
  MdlCacheConfig cfg = two_way;
  g_autoptr(MdlCache) c = NULL, again = NULL;
  g_autofree char *got = NULL, *got2 = NULL;

  cfg.replacement = MDL_CACHE_RANDOM;
  c = mdl_cache_new (&cfg, 1);
  got = run_sequence (c, seq, G_N_ELEMENTS (seq), NULL);
  g_assert_cmpstr (got, ==, "MMMMHMMH");
  /* Reset starts the generator again: the same answer. */
  mdl_cache_reset (c);
  g_free (got);
  got = run_sequence (c, seq, G_N_ELEMENTS (seq), NULL);
  g_assert_cmpstr (got, ==, "MMMMHMMH");
  g_assert_cmpuint (c->counts.read_misses, ==, 6);
  /* Another seed draws other victims (here: another outcome). */
  again = mdl_cache_new (&cfg, 7);
  got2 = run_sequence (again, seq, G_N_ELEMENTS (seq), NULL);
  g_assert_cmpuint (strlen (got2), ==, strlen (got));
}

/* 32 bytes, direct mapped, 16-byte lines: 0x00 and 0x20 share set 0. */
static const MdlCacheConfig direct = { 32, 1, 16, MDL_CACHE_LRU, MDL_CACHE_WRITE_BACK };

static void
test_write_back (void)
{
  /* Write 0x00: miss, allocated dirty.  Read 0x04: hit.  Read 0x20:
   * miss, the dirty line is written back.  Read 0x00: miss, evicting a
   * clean line (no write-back). */
  static const uint64_t seq[] = { 0x00, 0x04, 0x20, 0x00 };
  g_autoptr(MdlCache) c = mdl_cache_new (&direct, 1);
  g_autofree char *got = run_sequence (c, seq, G_N_ELEMENTS (seq), "wrrr");

  g_assert_cmpstr (got, ==, "MHMM");
  g_assert_cmpuint (c->counts.write_misses, ==, 1);
  g_assert_cmpuint (c->counts.write_hits, ==, 0);
  g_assert_cmpuint (c->counts.read_hits, ==, 1);
  g_assert_cmpuint (c->counts.read_misses, ==, 2);
  g_assert_cmpuint (c->counts.writebacks, ==, 1);
}

static void
test_write_through (void)
{
  /* Write 0x00: miss, not allocated.  Read 0x04: so a miss.  Write
   * 0x08: hit, the line stays clean.  Read 0x20: miss, nothing to write
   * back.  Write 0x24: hit.  Write 0x00: miss, set 0 keeps 0x20. */
  static const uint64_t seq[] = { 0x00, 0x04, 0x08, 0x20, 0x24, 0x00, 0x2c };
  MdlCacheConfig cfg = direct;
  g_autoptr(MdlCache) c = NULL;
  g_autofree char *got = NULL;

  cfg.write = MDL_CACHE_WRITE_THROUGH;
  c = mdl_cache_new (&cfg, 1);
  got = run_sequence (c, seq, G_N_ELEMENTS (seq), "wrwrwwr");
  g_assert_cmpstr (got, ==, "MMHMHMH");
  g_assert_cmpuint (c->counts.write_misses, ==, 2);
  g_assert_cmpuint (c->counts.write_hits, ==, 2);
  g_assert_cmpuint (c->counts.writebacks, ==, 0);
  g_assert_cmpint (c->last_way, ==, 0);
}

static void
test_config_check (void)
{
  static const struct { MdlCacheConfig cfg; const char *says; } bad[] = {
    { { 4096, 2, 24, 0, 0 }, "power of two" },             /* line */
    { { 4096, 2, 2, 0, 0 }, "power of two" },              /* line too small */
    { { 4096, 0, 32, 0, 0 }, "1 to 16 ways" },
    { { 4096, 17, 32, 0, 0 }, "1 to 16 ways" },
    { { 96, 1, 32, 0, 0 }, "power of two number of sets" }, /* 3 sets */
    { { 100, 1, 32, 0, 0 }, "ways x line size" },
    { { 2u << 20, 2, 32, 0, 0 }, "at most" },
  };
  static const MdlCacheConfig good[] = {
    { 0, 0, 0, 0, 0 },        /* no cache */
    { 4096, 2, 32, 0, 0 },
    { 192, 3, 16, 0, 0 },     /* 3 ways, 4 sets */
    { 16, 1, 16, 0, 0 },      /* one line */
    { 1u << 20, 16, 256, 0, 0 },
  };

  for (unsigned i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr(GError) error = NULL;
    g_assert_false (mdl_cache_config_check (&bad[i].cfg, "data cache", &error));
    g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "data cache: "));
    g_assert_nonnull (strstr (error->message, bad[i].says));
  }
  for (unsigned i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (mdl_cache_config_check (&good[i], "cache", NULL));
}

static uint64_t
mmio_read (void *opaque, uint64_t offset, unsigned size)
{
  (void) opaque, (void) offset, (void) size;
  return 0;
}

static void
mmio_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  (void) opaque, (void) offset, (void) size, (void) value;
}

static const MdlMmioOps mmio_ops = { mmio_read, mmio_write, 0, 0, true, NULL };

/* The hooks a target calls: lines spanned, device registers apart, the
 * miss penalty on the CPU's clock, and the snapshot of it all. */
static void
test_hooks (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("bus");
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x1000);
  g_autoptr(MdlRegion) dev = mdl_region_new_mmio ("dev", 0x100, &mmio_ops, NULL);
  MdlCacheModelConfig cfg = { two_way, direct, 1, 0 };
  MdlCpu cpu = { 0 };
  MdlCacheSnapshot *snap;
  MdlCache *i, *d;

  g_assert_true (mdl_address_space_map (as, 0x1000, ram, NULL));
  g_assert_true (mdl_address_space_map (as, 0x8000, dev, NULL));
  cpu.as = as;
  cpu.period_ps = 1000;
  cpu.cache = mdl_cache_model_new (&cpu, &cfg);
  i = mdl_cache_model_icache (cpu.cache);
  d = mdl_cache_model_dcache (cpu.cache);

  /* A 4-byte fetch at 0x100e covers lines 0x1000 and 0x1010. */
  mdl_cache_model_fetch (&cpu, 0x100e, 4);
  g_assert_cmpuint (i->counts.read_misses, ==, 2);
  mdl_cache_model_fetch (&cpu, 0x1010, 2);
  g_assert_cmpuint (i->counts.read_hits, ==, 1);
  /* Device registers are not cached. */
  mdl_cache_model_data (&cpu, 0x8004, 4, true);
  mdl_cache_model_data (&cpu, 0x8004, 4, false);
  g_assert_cmpuint (d->counts.uncached, ==, 2);
  g_assert_cmpuint (d->counts.write_misses + d->counts.read_misses, ==, 0);
  mdl_cache_model_data (&cpu, 0x1000, 4, true);
  mdl_cache_model_data (&cpu, 0x1004, 4, false);
  g_assert_cmpuint (d->counts.write_misses, ==, 1);
  g_assert_cmpuint (d->counts.read_hits, ==, 1);
  /* Without a penalty the clock never moved. */
  g_assert_cmpuint (cpu.time_ps, ==, 0);

  snap = mdl_cache_model_snapshot (cpu.cache);
  g_assert_true (snap->last_data);
  g_assert_cmpuint (snap->side[0].sets, ==, 2);
  g_assert_cmpuint (snap->side[0].counts.read_misses, ==, 2);
  g_assert_cmpuint (snap->side[1].cfg.size, ==, 32);
  g_assert_cmpint (snap->side[1].last_set, ==, 0);
  g_assert_true (snap->side[1].last_hit);
  g_assert_true (snap->side[1].lines[0].valid && snap->side[1].lines[0].dirty);
  mdl_cache_snapshot_free (snap);

  mdl_cache_model_reset (cpu.cache);
  g_assert_cmpuint (i->counts.read_misses, ==, 0);
  mdl_cache_model_free (cpu.cache);

  /* With one, each miss costs that many cycles. */
  cfg.miss_penalty = 10;
  cpu.cache = mdl_cache_model_new (&cpu, &cfg);
  mdl_cache_model_fetch (&cpu, 0x100e, 4);   /* two misses */
  mdl_cache_model_fetch (&cpu, 0x1010, 2);   /* a hit */
  mdl_cache_model_data (&cpu, 0x8000, 4, false);
  g_assert_cmpuint (cpu.time_ps, ==, 2 * 10 * 1000);
  mdl_cache_model_free (cpu.cache);
}

/* ---- board properties ---- */

static const char board_text[] =
  "/dts-v1/;\n"
  "/ {\n"
  "\t#address-cells = <1>;\n"
  "\t#size-cells = <1>;\n"
  "\tcpus {\n"
  "\t\tcompatible = \"cpus,cluster\";\n"
  "\t\t#address-cells = <1>;\n"
  "\t\t#size-cells = <0>;\n"
  "\t\tmedley,name = \"cpu0\";\n"
  "%s"
  "\t\tcpu@0 {\n"
  "\t\t\tdevice_type = \"cpu\";\n"
  "\t\t\tcompatible = \"riscv,rv32imac\";\n"
  "\t\t\treg = <0>;\n"
  "\t\t};\n"
  "\t};\n"
  "\tmemory@80000000 {\n"
  "\t\tdevice_type = \"memory\";\n"
  "\t\tcompatible = \"medley,ram\";\n"
  "\t\treg = <0x80000000 0x100000>;\n"
  "\t};\n"
  "};\n";

static char *
write_board (const char *dir, const char *props)
{
  char *path = g_build_filename (dir, "cache.dts", NULL);
  g_autofree char *text = g_strdup_printf (board_text, props);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_board_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);
  g_autofree char *path = write_board (dir,
                                       "\t\tmedley,icache-size = <8192>;\n"
                                       "\t\tmedley,icache-ways = <4>;\n"
                                       "\t\tmedley,icache-replacement = \"fifo\";\n"
                                       "\t\tmedley,dcache-size = <4096>;\n"
                                       "\t\tmedley,dcache-line = <64>;\n"
                                       "\t\tmedley,dcache-replacement = \"random\";\n"
                                       "\t\tmedley,dcache-write = \"write-through\";\n"
                                       "\t\tmedley,cache-seed = <42>;\n"
                                       "\t\tmedley,cache-miss-penalty = <20>;\n");
  g_autofree char *copy = g_build_filename (dir, "copy.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autoptr(MdlBoard) board = NULL;
  g_autofree char *dts = NULL, *dts2 = NULL;
  MdlComponent *c;
  MdlCpu *cpu;

  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_assert_cmpuint (mdl_component_u64 (c, "icache-size"), ==, 8192);
  g_assert_cmpuint (mdl_component_u64 (c, "icache-ways"), ==, 4);
  g_assert_cmpuint (mdl_component_u64 (c, "icache-line"), ==, 32); /* the default */
  g_assert_cmpstr (mdl_component_str (c, "icache-replacement"), ==, "fifo");
  g_assert_cmpuint (mdl_component_u64 (c, "dcache-line"), ==, 64);
  g_assert_cmpstr (mdl_component_str (c, "dcache-replacement"), ==, "random");
  g_assert_cmpstr (mdl_component_str (c, "dcache-write"), ==, "write-through");
  g_assert_cmpuint (mdl_component_u64 (c, "cache-seed"), ==, 42);
  g_assert_cmpuint (mdl_component_u64 (c, "cache-miss-penalty"), ==, 20);

  dts = mdl_board_doc_to_dts (doc);
  g_assert_nonnull (strstr (dts, "medley,icache-size = <8192>;"));
  g_assert_nonnull (strstr (dts, "medley,dcache-write = \"write-through\";"));
  /* Defaults are not written. */
  g_assert_null (strstr (dts, "medley,icache-line"));
  g_assert_true (mdl_board_doc_save (doc, copy, &error));
  g_assert_no_error (error);
  again = mdl_board_doc_load (copy, &error);
  g_assert_no_error (error);
  dts2 = mdl_board_doc_to_dts (again);
  g_assert_cmpstr (dts, ==, dts2);

  /* The machine's CPU has the model; a board without one has none. */
  board = mdl_board_doc_instantiate (again, search, &error);
  g_assert_no_error (error);
  cpu = mdl_machine_cpu (board->machine, 0);
  g_assert_nonnull (cpu->cache);
  g_assert_cmpuint (mdl_cache_model_icache (cpu->cache)->cfg.ways, ==, 4);
  g_assert_cmpuint (mdl_cache_model_dcache (cpu->cache)->cfg.write, ==, MDL_CACHE_WRITE_THROUGH);
  g_clear_pointer (&board, mdl_board_free);

  /* Edits: the inspector's text, checked with the rest of the cache. */
  g_assert_true (mdl_board_doc_set_prop (again, c->id, "icache-size", "16 KiB", &error));
  g_assert_no_error (error);
  g_assert_false (mdl_board_doc_set_prop (again, c->id, "icache-ways", "3", &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "instruction cache"));
  g_clear_error (&error);
  g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (again, c->id), "icache-ways"), ==, 4);
  g_assert_false (mdl_board_doc_set_prop (again, c->id, "dcache-replacement", "oldest", &error));
  g_assert_nonnull (strstr (error->message, "lru, fifo or random"));
  g_clear_error (&error);
  g_assert_cmpstr (mdl_component_str (mdl_board_doc_find (again, c->id), "dcache-replacement"),
                   ==, "random");
  g_assert_true (mdl_board_doc_set_prop (again, c->id, "dcache-size", "0", &error));
  g_assert_true (mdl_board_doc_set_prop (again, c->id, "icache-size", "0", &error));
  board = mdl_board_doc_instantiate (again, search, &error);
  g_assert_no_error (error);
  g_assert_null (mdl_machine_cpu (board->machine, 0)->cache);

  g_unlink (path);
  g_unlink (copy);
  g_rmdir (dir);
}

static void
test_board_refusals (void)
{
  static const struct { const char *props, *says; } bad[] = {
    { "\t\tmedley,icache-size = <4096>;\n\t\tmedley,icache-line = <48>;\n",
      "medley,icache-line: instruction cache: a line of 48 bytes" },
    { "\t\tmedley,dcache-size = <4096>;\n\t\tmedley,dcache-ways = <32>;\n",
      "medley,dcache-ways: data cache: 32 ways" },
    { "\t\tmedley,dcache-size = <3000>;\n", "medley,dcache-size: data cache: 3000 bytes" },
    { "\t\tmedley,icache-replacement = \"newest\";\n", "replacement \"newest\"" },
    { "\t\tmedley,dcache-write = \"write-around\";\n", "write policy \"write-around\"" },
    { "\t\tmedley,icache-size = \"large\";\n", "medley,icache-size is a number" },
    { "\t\tmedley,dcache-write = <1>;\n", "medley,dcache-write is a string" },
  };
  g_autofree char *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);

  for (unsigned i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autofree char *path = write_board (dir, bad[i].props);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);

    g_assert_null (doc);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    /* The file and the cluster node's line (its "cpus {" is line 5). */
    g_assert_nonnull (strstr (error->message, "cache.dts:5"));
    g_assert_nonnull (strstr (error->message, "/cpus"));
    g_assert_nonnull (strstr (error->message, bad[i].says));
    g_unlink (path);
  }
  g_rmdir (dir);
}

/* A setting may sit on the first cpu node too, as the class settings may;
 * a refusal then names that node and its line. */
static void
test_board_cpu_node (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);
  g_autofree char *path = write_board (dir, "");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_string_replace (edited, "reg = <0>;\n", "reg = <0>;\n\t\t\tmedley,dcache-size = <2048>;\n", 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  doc = mdl_board_doc_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find_by_name (doc, "cpu0"), "dcache-size"), ==,
                    2048);
  g_clear_pointer (&doc, mdl_board_doc_free);

  g_string_replace (edited, "<2048>", "<2000>", 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  doc = mdl_board_doc_load (path, &error);
  g_assert_null (doc);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cache.dts:10"));
  g_assert_nonnull (strstr (error->message, "/cpus/cpu@0"));
  g_assert_nonnull (strstr (error->message, "medley,dcache-size: data cache: 2000 bytes"));
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- real firmware in both tiers ---- */

typedef struct {
  uint64_t retired, time_ps;
  MdlCacheCounts i, d;
} RunResult;

/* The shipped @board with @props added to its cluster, its firmware
 * loaded; NULL when that firmware is not built here.  The board file is
 * written below *@dir (for board_done). */
static MdlBoard *
board_with (const char *board, const char *props, char **dir)
{
  g_autofree char *src = g_build_filename (MDL_SOURCE_ROOT, "boards", board, NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;
  MdlBoard *b;

  *dir = g_dir_make_tmp ("medley-cache-XXXXXX", NULL);
  path = g_build_filename (*dir, board, NULL);
  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  /* After the cluster's medley,name line. */
  parts = g_strsplit (text, "medley,name = \"", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  {
    const char *end = strchr (parts[1], '\n');
    joined = g_strdup_printf ("%smedley,name = \"%.*s\n%s%s", parts[0], (int) (end - parts[1]),
                              parts[1], props, end + 1);
  }
  g_assert_true (g_file_set_contents (path, joined, -1, NULL));
  b = mdl_board_load (path, search, &error);
  g_unlink (path);
  if (b == NULL && g_error_matches (error, MDL_ERROR, MDL_ERROR_IO))
    return NULL;    /* firmware not built here */
  g_assert_no_error (error);
  if (!mdl_board_load_firmware (b, &error)) {
    mdl_board_free (b);
    return NULL;
  }
  return b;
}

static void
board_done (MdlBoard *b, char *dir)
{
  if (b != NULL)
    mdl_board_free (b);
  g_rmdir (dir);
  g_free (dir);
}

/* Runs the shipped @board with @props added to its cluster, in @tier. */
static bool
run_board (const char *board, const char *props, MdlTier tier, RunResult *out)
{
  char *dir = NULL;
  MdlBoard *b = board_with (board, props, &dir);
  MdlCpu *cpu;

  if (b == NULL) {
    board_done (b, dir);
    return false;
  }
  mdl_machine_set_tier (b->machine, tier);
  g_assert_cmpint (mdl_machine_run (b->machine, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  cpu = mdl_machine_cpu (b->machine, 0);
  memset (out, 0, sizeof *out);
  out->retired = cpu->retired;
  out->time_ps = cpu->time_ps;
  if (cpu->cache != NULL) {
    out->i = mdl_cache_model_icache (cpu->cache)->counts;
    out->d = mdl_cache_model_dcache (cpu->cache)->counts;
  }
  board_done (b, dir);
  return true;
}

/* What a step back must give again: the CPU's count and time (which the
 * miss penalty decides) and both caches' counts and clocks. */
static void
cache_moment (MdlCpu *cpu, RunResult *r, uint64_t clocks[2])
{
  memset (r, 0, sizeof *r);
  r->retired = cpu->retired;
  r->time_ps = cpu->time_ps;
  r->i = mdl_cache_model_icache (cpu->cache)->counts;
  r->d = mdl_cache_model_dcache (cpu->cache)->counts;
  clocks[0] = mdl_cache_model_icache (cpu->cache)->clock;
  clocks[1] = mdl_cache_model_dcache (cpu->cache)->clock;
}

/* Stepping back lands on the caches as they were: their counts, and with
 * a miss penalty the time, which depends on what the caches held. */
static void
test_reverse (void)
{
  static const char props[] = "\t\tmedley,icache-size = <256>;\n"
                              "\t\tmedley,dcache-size = <256>;\n"
                              "\t\tmedley,cache-miss-penalty = <10>;\n";
  char *dir = NULL;
  MdlBoard *b = board_with ("riscv32-virt.dts", props, &dir);
  g_autoptr(GError) error = NULL;
  RunResult seen[24], now;
  uint64_t clocks[24][2], now_clocks[2];
  MdlMachine *m;
  MdlCpu *cpu;

  if (b == NULL) {
    board_done (b, dir);
    g_test_skip ("the board's firmware is not built here");
    return;
  }
  m = b->machine;
  cpu = mdl_machine_cpu (m, 0);
  mdl_machine_enable_history (m, MDL_PS_PER_US / 2, 0);
  /* Into the firmware (it ends after some tens of microseconds). */
  g_assert_cmpint (mdl_machine_run (m, 2 * MDL_PS_PER_US), ==, MDL_STOP_NONE);
  for (unsigned i = 0; i < G_N_ELEMENTS (seen); i++) {
    cache_moment (cpu, &seen[i], clocks[i]);
    mdl_machine_step (m, cpu);
    mdl_machine_clear_stop (m);
  }
  g_assert_cmpuint (seen[0].i.read_misses, >, 0);
  for (int i = G_N_ELEMENTS (seen) - 1; i >= 0; i--) {
    g_assert_true (mdl_machine_reverse_step (m, cpu, &error));
    g_assert_no_error (error);
    cache_moment (cpu, &now, now_clocks);
    g_assert_cmpmem (&now, sizeof now, &seen[i], sizeof seen[i]);
    g_assert_cmpmem (now_clocks, sizeof now_clocks, clocks[i], sizeof clocks[i]);
  }
  board_done (b, dir);
}

static void
test_tiers (gconstpointer data)
{
  const char *board = data;
  static const char props[] = "\t\tmedley,icache-size = <1024>;\n"
                              "\t\tmedley,dcache-size = <1024>;\n"
                              "\t\tmedley,dcache-ways = <4>;\n"
                              "\t\tmedley,dcache-replacement = \"random\";\n";
  RunResult off, interp, jit, again, slow;

  if (!run_board (board, "", MDL_TIER_INTERPRET, &off)) {
    g_test_skip ("the board's firmware is not built here");
    return;
  }
  g_assert_true (run_board (board, props, MDL_TIER_INTERPRET, &interp));
  g_assert_true (run_board (board, props, MDL_TIER_TRANSLATE, &jit));
  g_assert_true (run_board (board, props, MDL_TIER_INTERPRET, &again));
  g_test_message ("%s: %" G_GUINT64_FORMAT " instructions; I %" G_GUINT64_FORMAT " hits %"
                  G_GUINT64_FORMAT " misses; D %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  " read, %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " write hits/misses, %"
                  G_GUINT64_FORMAT " uncached", board, interp.retired, interp.i.read_hits,
                  interp.i.read_misses, interp.d.read_hits, interp.d.read_misses,
                  interp.d.write_hits, interp.d.write_misses, interp.d.uncached);
  /* Fed: every instruction was fetched at least once. */
  g_assert_cmpuint (interp.i.read_hits + interp.i.read_misses, >=, interp.retired);
  g_assert_cmpuint (interp.i.read_misses, >, 0);
  g_assert_cmpuint (interp.d.read_hits + interp.d.write_hits, >, 0);
  g_assert_cmpuint (interp.d.uncached, >, 0);   /* the UART */
  /* Both tiers and every run count alike. */
  g_assert_cmpmem (&interp, sizeof interp, &jit, sizeof jit);
  g_assert_cmpmem (&interp, sizeof interp, &again, sizeof again);
  /* The model leaves the guest's timing alone... */
  g_assert_cmpuint (interp.retired, ==, off.retired);
  g_assert_cmpuint (interp.time_ps, ==, off.time_ps);
  /* ...unless the board gives a miss penalty. */
  {
    g_autofree char *with_penalty = g_strconcat (props, "\t\tmedley,cache-miss-penalty = <10>;\n",
                                                 NULL);
    g_assert_true (run_board (board, with_penalty, MDL_TIER_INTERPRET, &slow));
    g_assert_cmpuint (slow.time_ps, >, off.time_ps);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/engine/cache-model/lru", test_lru);
  g_test_add_func ("/engine/cache-model/fifo", test_fifo);
  g_test_add_func ("/engine/cache-model/random", test_random);
  g_test_add_func ("/engine/cache-model/write-back", test_write_back);
  g_test_add_func ("/engine/cache-model/write-through", test_write_through);
  g_test_add_func ("/engine/cache-model/config-check", test_config_check);
  g_test_add_func ("/engine/cache-model/hooks", test_hooks);
  g_test_add_func ("/engine/cache-model/board/round-trip", test_board_round_trip);
  g_test_add_func ("/engine/cache-model/board/refusals", test_board_refusals);
  g_test_add_func ("/engine/cache-model/board/cpu-node", test_board_cpu_node);
  g_test_add_func ("/engine/cache-model/reverse", test_reverse);
  g_test_add_data_func ("/engine/cache-model/tiers/riscv32-virt", "riscv32-virt.dts", test_tiers);
  g_test_add_data_func ("/engine/cache-model/tiers/riscv64-virt", "riscv64-virt.dts", test_tiers);
  g_test_add_data_func ("/engine/cache-model/tiers/cortex-m3", "cortex-m3.dts", test_tiers);
  g_test_add_data_func ("/engine/cache-model/tiers/aarch64-virt", "aarch64-virt.dts", test_tiers);
  return g_test_run ();
}
