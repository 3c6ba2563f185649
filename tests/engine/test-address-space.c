/* Regions, overlaps, the RAM fast path against MMIO, and the accesses a
 * guest must never get away with. */
#include <string.h>

#include "engine/error.h"
#include "engine/memory.h"

typedef struct {
  uint64_t last_offset;
  unsigned last_size;
  uint64_t last_value;
  unsigned reads, writes;
} MmioLog;

static uint64_t
log_read (void *opaque, uint64_t offset, unsigned size)
{
  MmioLog *log = opaque;

  log->reads++;
  log->last_offset = offset;
  log->last_size = size;
  return UINT64_C (0x1122334455667788);
}

static void
log_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  MmioLog *log = opaque;

  log->writes++;
  log->last_offset = offset;
  log->last_size = size;
  log->last_value = value;
}

static const MdlMmioOps log_ops = {
  .read = log_read, .write = log_write, .min_size = 4, .max_size = 4,
};

/* The unmapped range around an address, for CPUs that remember where
 * nothing is (a faulting probe): below the first mapping, between two,
 * above the last; nothing at a mapped address. */
static void
test_hole (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("test");
  g_autoptr(MdlRegion) a = mdl_region_new_ram ("a", 0x1000);
  g_autoptr(MdlRegion) b = mdl_region_new_ram ("b", 0x1000);
  uint64_t base = 7, size = 7;

  /* Empty: everything but the top byte. */
  g_assert_true (mdl_address_space_hole (as, 0x1234, &base, &size));
  g_assert_cmphex (base, ==, 0);
  g_assert_cmphex (size, ==, UINT64_MAX);
  g_assert_true (mdl_address_space_map (as, 0x1000, a, NULL));
  g_assert_true (mdl_address_space_map (as, 0x4000, b, NULL));
  g_assert_true (mdl_address_space_hole (as, 0x800, &base, &size));
  g_assert_cmphex (base, ==, 0);
  g_assert_cmphex (size, ==, 0x1000);
  g_assert_true (mdl_address_space_hole (as, 0x2000, &base, &size));
  g_assert_cmphex (base, ==, 0x2000);
  g_assert_cmphex (size, ==, 0x2000);
  g_assert_true (mdl_address_space_hole (as, 0x3fff, &base, &size));
  g_assert_cmphex (base, ==, 0x2000);
  g_assert_true (mdl_address_space_hole (as, UINT64_MAX, &base, &size));
  g_assert_cmphex (base, ==, 0x5000);
  g_assert_cmphex (size, ==, UINT64_MAX - 0x5000);
  base = size = 7;
  g_assert_false (mdl_address_space_hole (as, 0x1000, &base, &size));
  g_assert_false (mdl_address_space_hole (as, 0x4fff, &base, &size));
  g_assert_cmphex (base, ==, 7);
}

static void
test_overlap (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("test");
  g_autoptr(MdlRegion) a = mdl_region_new_ram ("a", 0x1000);
  g_autoptr(MdlRegion) b = mdl_region_new_ram ("b", 0x1000);
  g_autoptr(GError) error = NULL;

  g_assert_true (mdl_address_space_map (as, 0x1000, a, &error));
  g_assert_no_error (error);
  /* Touching the last byte of a is an overlap; the byte after is not. */
  g_assert_false (mdl_address_space_map (as, 0x1fff, b, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_OVERLAP);
  g_assert_nonnull (strstr (error->message, "'b'"));
  g_assert_nonnull (strstr (error->message, "'a'"));
  g_assert_nonnull (strstr (error->message, "0x1000-0x1fff"));
  g_clear_error (&error);
  g_assert_false (mdl_address_space_map (as, 0x800, b, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_OVERLAP);
  g_clear_error (&error);
  g_assert_true (mdl_address_space_map (as, 0x2000, b, &error));
  g_assert_no_error (error);
}

static void
test_wraparound (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("test");
  g_autoptr(MdlRegion) a = mdl_region_new_ram ("a", 0x2000);
  g_autoptr(MdlRegion) top = mdl_region_new_ram ("top", 0x1000);
  g_autoptr(GError) error = NULL;
  uint64_t v = 0;

  g_assert_false (mdl_address_space_map (as, UINT64_MAX - 0xfff, a, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  /* A region ending exactly at the top of the space is fine. */
  g_assert_true (mdl_address_space_map (as, UINT64_MAX - 0xfff, top, NULL));
  g_assert_cmpint (mdl_address_space_write (as, UINT64_MAX - 3, 4, 0xabcd), ==, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_read (as, UINT64_MAX - 3, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0xabcd);
  /* ...but an access running off the end is refused, not wrapped. */
  g_assert_cmpint (mdl_address_space_read (as, UINT64_MAX - 1, 4, &v), ==, MDL_MEM_UNMAPPED);
}

static void
test_fast_path_and_mmio (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("test");
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
  MmioLog log = { 0 };
  g_autoptr(MdlRegion) dev = mdl_region_new_mmio ("dev", 0x100, &log_ops, &log);
  MdlRamWindow w;
  uint64_t v = 0, gen0;

  gen0 = mdl_address_space_generation (as);
  g_assert_true (mdl_address_space_map (as, 0x80000000, ram, NULL));
  g_assert_true (mdl_address_space_map (as, 0x10000000, dev, NULL));
  g_assert_cmpuint (mdl_address_space_generation (as), >, gen0);

  g_assert_true (mdl_address_space_ram_window (as, 0x80001234, &w));
  g_assert_cmphex (w.base, ==, 0x80000000);
  g_assert_cmphex (w.size, ==, 0x10000);
  g_assert_true (w.writable);
  g_assert_true (w.host == mdl_region_host (ram));
  /* What the fast path writes, the slow path reads, little-endian. */
  w.host[0x10] = 0x78; w.host[0x11] = 0x56; w.host[0x12] = 0x34; w.host[0x13] = 0x12;
  g_assert_cmpint (mdl_address_space_read (as, 0x80000010, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x12345678);
  g_assert_cmpint (mdl_address_space_read (as, 0x80000011, 2, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x3456);

  /* MMIO has no window; the slow path reaches the ops with the offset. */
  g_assert_false (mdl_address_space_ram_window (as, 0x10000000, &w));
  g_assert_cmpint (mdl_address_space_write (as, 0x10000008, 4, 0xdeadbeef), ==, MDL_MEM_OK);
  g_assert_cmpuint (log.writes, ==, 1);
  g_assert_cmphex (log.last_offset, ==, 8);
  g_assert_cmphex (log.last_value, ==, 0xdeadbeef);
  g_assert_cmpint (mdl_address_space_read (as, 0x10000004, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x55667788);   /* truncated to the access size */

  /* The device refuses what its ops table says it cannot take. */
  g_assert_cmpint (mdl_address_space_read (as, 0x10000004, 1, &v), ==, MDL_MEM_BAD_SIZE);
  g_assert_cmpint (mdl_address_space_read (as, 0x10000006, 4, &v), ==, MDL_MEM_MISALIGNED);
  g_assert_cmpuint (log.reads, ==, 1);

  /* Unmapped, and an access straddling the end of RAM. */
  g_assert_false (mdl_address_space_ram_window (as, 0x0, &w));
  g_assert_cmpint (mdl_address_space_read (as, 0x0, 4, &v), ==, MDL_MEM_UNMAPPED);
  g_assert_cmpint (mdl_address_space_write (as, 0x8000fffe, 4, 0), ==, MDL_MEM_UNMAPPED);
  g_assert_cmpint (mdl_address_space_read (as, 0x8000fffc, 4, &v), ==, MDL_MEM_OK);
  /* Misaligned RAM accesses are the CPU's business, not the bus's. */
  g_assert_cmpint (mdl_address_space_write (as, 0x80000003, 8, 0x0102030405060708), ==, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_read (as, 0x80000003, 8, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x0102030405060708);
}

static void
test_rom_and_alias (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("app");
  g_autoptr(MdlAddressSpace) other = mdl_address_space_new ("mcu");
  g_autoptr(MdlRegion) rom = mdl_region_new_rom ("rom", 0x1000);
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("shared", 0x4000);
  g_autoptr(MdlRegion) alias = mdl_region_new_alias ("shared-hi", ram, 0x2000, 0x2000);
  g_autoptr(GError) error = NULL;
  const uint8_t image[4] = { 1, 2, 3, 4 };
  uint64_t v = 0;
  MdlRamWindow w;

  g_assert_true (mdl_address_space_map (as, 0x0, rom, NULL));
  g_assert_true (mdl_address_space_map (as, 0x20000000, ram, NULL));
  g_assert_true (mdl_address_space_map (other, 0x1000, alias, NULL));

  g_assert_cmpint (mdl_address_space_write (as, 0x0, 4, 1), ==, MDL_MEM_READ_ONLY);
  g_assert_true (mdl_address_space_write_bytes (as, 0x0, image, 4, &error));
  g_assert_cmpint (mdl_address_space_read (as, 0x0, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0x04030201);
  g_assert_true (mdl_address_space_ram_window (as, 0x10, &w));
  g_assert_false (w.writable);

  /* Two clusters see the same RAM at different addresses. */
  g_assert_cmpint (mdl_address_space_write (as, 0x20002010, 4, 0xcafe), ==, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_read (other, 0x1010, 4, &v), ==, MDL_MEM_OK);
  g_assert_cmphex (v, ==, 0xcafe);
  g_assert_true (mdl_address_space_ram_window (other, 0x1010, &w));
  g_assert_cmphex (w.base, ==, 0x1000);
  g_assert_cmphex (w.size, ==, 0x2000);
  g_assert_true (w.host == mdl_region_host (ram) + 0x2000);
  /* The alias ends where its window ends, not where the RAM does. */
  g_assert_cmpint (mdl_address_space_read (other, 0x3000, 1, &v), ==, MDL_MEM_UNMAPPED);
}

static void
test_bulk (void)
{
  g_autoptr(MdlAddressSpace) as = mdl_address_space_new ("test");
  g_autoptr(MdlRegion) a = mdl_region_new_ram ("a", 0x100);
  g_autoptr(MdlRegion) b = mdl_region_new_ram ("b", 0x100);
  MmioLog log = { 0 };
  g_autoptr(MdlRegion) dev = mdl_region_new_mmio ("dev", 0x100, &log_ops, &log);
  g_autoptr(GError) error = NULL;
  uint8_t in[0x40], out[0x40];

  for (unsigned i = 0; i < sizeof in; i++)
    in[i] = (uint8_t) i;
  g_assert_true (mdl_address_space_map (as, 0x1000, a, NULL));
  g_assert_true (mdl_address_space_map (as, 0x1100, b, NULL));
  g_assert_true (mdl_address_space_map (as, 0x1200, dev, NULL));

  /* Contiguous regions: one copy spans both. */
  g_assert_true (mdl_address_space_write_bytes (as, 0x10e0, in, sizeof in, &error));
  g_assert_true (mdl_address_space_read_bytes (as, 0x10e0, out, sizeof out, &error));
  g_assert_cmpmem (in, sizeof in, out, sizeof out);
  /* A loader never pokes device registers, and a hole is an error. */
  g_assert_false (mdl_address_space_write_bytes (as, 0x11f0, in, sizeof in, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "dev"));
  g_assert_cmpuint (log.writes, ==, 0);
  g_clear_error (&error);
  g_assert_false (mdl_address_space_write_bytes (as, 0xff0, in, sizeof in, &error));
  g_assert_nonnull (strstr (error->message, "0xff0"));
}


typedef struct {
  unsigned calls;
  uint64_t addr;
  unsigned size;
  bool     holds;   /* what code_holds answers */
} CodeLog;

static void
code_heard (void *data, uint64_t addr, unsigned size, bool is_write)
{
  CodeLog *log = data;

  log->calls++;
  log->addr = addr;
  log->size = size;
}

static bool
code_holds (void *data, uint64_t addr, uint64_t len)
{
  return ((CodeLog *) data)->holds;
}

static void
watch_heard (void *data, uint64_t addr, unsigned size, bool is_write)
{
  (*(unsigned *) data)++;
}

/* Marked code and watchpoints, kept apart since marks are looked up by
 * binary search: hundreds of scattered granules (a paged guest's code)
 * cut a window exactly around the two nearest, a window in code reads
 * only, stores there reach the listener once and stores between do not;
 * a watch across a 4 KiB page boundary cuts the windows on both pages
 * and goes with its removal. */
static void
test_code_marks_and_watches (void)
{
  g_autoptr (MdlAddressSpace) as = mdl_address_space_new ("bus");
  g_autoptr (MdlRegion) ram = mdl_region_new_ram ("ram", 0x100000);
  MdlRamWindow w;
  CodeLog log = { 0 };
  unsigned watched = 0;
  uint64_t gen;

  g_assert_true (mdl_address_space_map (as, 0x80000000, ram, NULL));
  mdl_address_space_add_code_listener (as, code_heard, &log);
  /* Every 4th granule of the first 400 KiB, marked out of order, and a
   * run of three neighbours that merge. */
  for (uint64_t i = 0; i < 1600; i++) {
    uint64_t k = (i * 997) % 1600;
    gen = mdl_address_space_generation (as);
    g_assert_true (mdl_address_space_mark_code (as, 0x80000000 + k * 256, 4));
    g_assert_cmpuint (mdl_address_space_generation (as), >, gen);
  }
  g_assert_false (mdl_address_space_mark_code (as, 0x80000000 + 5 * 256 + 8, 50));
  g_assert_true (mdl_address_space_mark_code (as, 0x80080040, 130));   /* 3 granules */
  g_assert_true (mdl_address_space_is_code (as, 0x800800c0, 1));
  g_assert_false (mdl_address_space_is_code (as, 0x80080100, 1));

  /* Between two marks: cut at both. */
  g_assert_true (mdl_address_space_ram_window (as, 0x80000000 + 700 * 256 + 100, &w));
  g_assert_cmphex (w.base, ==, 0x80000000 + 700 * 256 + 64);
  g_assert_cmpuint (w.size, ==, 192);
  g_assert_true (w.writable);
  /* In code: the whole RAM, reading only. */
  g_assert_true (mdl_address_space_ram_window (as, 0x80000000 + 700 * 256 + 10, &w));
  g_assert_cmphex (w.base, ==, 0x80000000);
  g_assert_cmpuint (w.size, ==, 0x100000);
  g_assert_false (w.writable);
  /* Past the last mark: up to the end of RAM. */
  g_assert_true (mdl_address_space_ram_window (as, 0x800c0000, &w));
  g_assert_cmphex (w.base, ==, 0x800800c0 + 64);
  g_assert_cmphex (w.base + w.size, ==, 0x80100000);

  /* Stores: into code, heard once; next to it, not. */
  g_assert_cmpint (mdl_address_space_write (as, 0x80000000 + 700 * 256 + 60, 8, 1), ==,
                   MDL_MEM_OK);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmphex (log.addr, ==, 0x80000000 + 700 * 256 + 60);
  g_assert_cmpint (mdl_address_space_write (as, 0x80000000 + 700 * 256 + 64, 8, 1), ==,
                   MDL_MEM_OK);
  g_assert_cmpuint (log.calls, ==, 1);
  /* A loader's write over many marks: heard once, for all of it. */
  g_assert_true (mdl_address_space_write_bytes (as, 0x80000000, &w, sizeof w, NULL));
  g_assert_cmpuint (log.calls, ==, 2);

  /* A watch across the page boundary at 0x800c1000. */
  mdl_address_space_set_watch_handler (as, watch_heard, &watched);
  gen = mdl_address_space_generation (as);
  mdl_address_space_add_watch (as, 0x800c0ffc, 8, false, true);
  g_assert_cmpuint (mdl_address_space_generation (as), >, gen);
  g_assert_true (mdl_address_space_ram_window (as, 0x800c0800, &w));
  g_assert_cmphex (w.base + w.size, ==, 0x800c0ffc);
  g_assert_true (mdl_address_space_ram_window (as, 0x800c1800, &w));
  g_assert_cmphex (w.base, ==, 0x800c1004);
  g_assert_false (mdl_address_space_ram_window (as, 0x800c1000, &w));
  g_assert_cmpint (mdl_address_space_write (as, 0x800c1002, 2, 1), ==, MDL_MEM_OK);
  g_assert_cmpuint (watched, ==, 1);
  g_assert_cmpuint (log.calls, ==, 2);   /* not code */
  gen = mdl_address_space_generation (as);
  mdl_address_space_remove_watch (as, 0x800c0ffc, 8);
  g_assert_cmpuint (mdl_address_space_generation (as), >, gen);
  g_assert_true (mdl_address_space_ram_window (as, 0x800c1000, &w));
  g_assert_cmphex (w.base, ==, 0x800800c0 + 64);
  g_assert_cmpint (mdl_address_space_write (as, 0x800c1002, 2, 1), ==, MDL_MEM_OK);
  g_assert_cmpuint (watched, ==, 1);
}

/* Marks go when every listener says it holds nothing there any more,
 * and only the granules the store touched; a listener that cannot say
 * keeps them all. */
static void
test_code_release (void)
{
  g_autoptr (MdlAddressSpace) as = mdl_address_space_new ("bus");
  g_autoptr (MdlRegion) ram = mdl_region_new_ram ("ram", 0x10000);
  CodeLog a = { .holds = true }, b = { .holds = false };
  MdlRamWindow w;

  g_assert_true (mdl_address_space_map (as, 0x1000, ram, NULL));
  mdl_address_space_add_code_listener_full (as, code_heard, code_holds, &a);
  mdl_address_space_add_code_listener_full (as, code_heard, code_holds, &b);
  g_assert_true (mdl_address_space_mark_code (as, 0x2000, 0x1000));   /* one page */

  /* One listener still holds: the marks stay. */
  g_assert_cmpint (mdl_address_space_write (as, 0x2040, 4, 0), ==, MDL_MEM_OK);
  g_assert_cmpuint (a.calls + b.calls, ==, 2);
  g_assert_true (mdl_address_space_is_code (as, 0x2040, 4));
  /* Nobody holds: the granule stored to goes, its neighbours stay (the
   * span is split in two). */
  a.holds = false;
  g_assert_cmpint (mdl_address_space_write (as, 0x2044, 4, 0), ==, MDL_MEM_OK);
  g_assert_false (mdl_address_space_is_code (as, 0x2040, 64));
  g_assert_true (mdl_address_space_is_code (as, 0x203f, 1));
  g_assert_true (mdl_address_space_is_code (as, 0x2080, 1));
  g_assert_true (mdl_address_space_ram_window (as, 0x2050, &w));
  g_assert_cmphex (w.base, ==, 0x2040);
  g_assert_cmpuint (w.size, ==, 64);
  g_assert_true (w.writable);
  /* No longer heard there; the ends of the span go too. */
  g_assert_cmpint (mdl_address_space_write (as, 0x2048, 4, 0), ==, MDL_MEM_OK);
  g_assert_cmpuint (a.calls, ==, 2);
  g_assert_cmpint (mdl_address_space_write (as, 0x2000, 8, 0), ==, MDL_MEM_OK);
  g_assert_cmpint (mdl_address_space_write (as, 0x2ffc, 4, 0), ==, MDL_MEM_OK);
  g_assert_false (mdl_address_space_is_code (as, 0x2000, 1));
  g_assert_false (mdl_address_space_is_code (as, 0x2ffc, 1));
  g_assert_true (mdl_address_space_is_code (as, 0x2040 + 64, 0x1000 - 3 * 64 - 64));
  /* Marked again, and a listener that cannot say: the marks stay. */
  g_assert_true (mdl_address_space_mark_code (as, 0x2040, 4));
  mdl_address_space_add_code_listener (as, code_heard, &a);
  g_assert_cmpint (mdl_address_space_write (as, 0x2040, 4, 0), ==, MDL_MEM_OK);
  g_assert_true (mdl_address_space_is_code (as, 0x2040, 4));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/address-space/overlap", test_overlap);
  g_test_add_func ("/engine/address-space/wraparound", test_wraparound);
  g_test_add_func ("/engine/address-space/fast-path-and-mmio", test_fast_path_and_mmio);
  g_test_add_func ("/engine/address-space/rom-and-alias", test_rom_and_alias);
  g_test_add_func ("/engine/address-space/bulk", test_bulk);
  g_test_add_func ("/engine/address-space/hole", test_hole);
  g_test_add_func ("/engine/address-space/code-marks-and-watches", test_code_marks_and_watches);
  g_test_add_func ("/engine/address-space/code-release", test_code_release);
  return g_test_run ();
}
