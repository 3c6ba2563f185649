/* Write tracking by page protection (engine/dirty-pages.h): writes by
 * plain stores are noted page by page, clearing protects again, the
 * buffer's partial pages always count as written, a busy buffer is left
 * unprotected for a while, and a freed tracker leaves the buffer
 * writable. */
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "engine/dirty-pages.h"

static void
test_pages (void)
{
  size_t page = (size_t) sysconf (_SC_PAGESIZE);
  size_t size = 256 * page + 100;
  /* Not aligned on purpose: the allocator's header shares the first
   * page, which is never protected. */
  uint8_t *buf = g_malloc0 (size);
  MdlDirtyPages *d = mdl_dirty_pages_new (buf, size);
  /* Offsets counted from the first whole page, so that a page of the
   * test is a page of the host. */
  size_t first = (size_t) ((((uintptr_t) buf + page - 1) & ~(uintptr_t) (page - 1))
                           - (uintptr_t) buf);
  size_t mid = first + 64 * page;

  g_assert_nonnull (d);
  g_assert_false (mdl_dirty_pages_test (d, mid, page));
  g_assert_false (mdl_dirty_pages_test (d, 8 * page, 100 * page));
  /* The ends hold bytes of partial pages. */
  g_assert_true (mdl_dirty_pages_test (d, 0, 1));
  g_assert_true (mdl_dirty_pages_test (d, size - 1, 1));

  buf[mid + 10] = 1;
  g_assert_cmpuint (buf[mid + 10], ==, 1);
  g_assert_true (mdl_dirty_pages_test (d, mid, 64));
  g_assert_false (mdl_dirty_pages_test (d, mid + 3 * page, page));
  /* A second write to the page is not noted again: it is writable. */
  buf[mid + 11] = 2;
  g_assert_cmpuint (buf[mid + 11], ==, 2);

  /* Cleared: clean again, and the next write is noted again. */
  mdl_dirty_pages_clear (d);
  g_assert_false (mdl_dirty_pages_test (d, 8 * page, 200 * page));
  memcpy (buf + mid + page - 2, "abcd", 4);   /* across two pages */
  g_assert_true (mdl_dirty_pages_test (d, mid, 1));
  g_assert_true (mdl_dirty_pages_test (d, mid + page, 1));
  g_assert_false (mdl_dirty_pages_test (d, mid + 2 * page, page));
  g_assert_cmpmem (buf + mid + page - 2, 4, "abcd", 4);

  /* Every other page written: each is noted, none of the others. */
  mdl_dirty_pages_clear (d);
  {
    for (size_t p = 2; p < 250; p += 2)
      buf[first + p * page + 7] = (uint8_t) p;
    for (size_t p = 2; p < 250; p++)
      g_assert_cmpint (mdl_dirty_pages_test (d, first + p * page, page), ==, p % 2 == 0);
    /* Half the pages written: faults cost more than comparing them, so
     * for a while the tracker protects nothing and says every page was
     * written; then it protects again. */
    mdl_dirty_pages_clear (d);
    g_assert_true (mdl_dirty_pages_test (d, first + 2 * page, page));
    buf[first + 3 * page] = 3;
    for (unsigned k = 0; k < 15; k++) {
      mdl_dirty_pages_clear (d);
      g_assert_true (mdl_dirty_pages_test (d, first + 5 * page, page));
    }
    mdl_dirty_pages_clear (d);
    g_assert_false (mdl_dirty_pages_test (d, first + 2 * page, 248 * page));
    for (size_t p = 2; p < 250; p += 2)
      g_assert_cmpuint (buf[first + p * page + 7], ==, (uint8_t) p);
    g_assert_cmpuint (buf[first + 3 * page], ==, 3);
    buf[first + 9 * page] = 9;
    g_assert_true (mdl_dirty_pages_test (d, first + 9 * page, page));
    g_assert_false (mdl_dirty_pages_test (d, first + 10 * page, page));
  }

  /* Freed: the buffer is plain memory again. */
  mdl_dirty_pages_free (d);
  memset (buf, 0x5a, size);
  g_assert_cmpuint (buf[mid], ==, 0x5a);
  g_free (buf);
}

/* A buffer with no whole page inside: nothing can be protected, every
 * byte counts as written. */
static void
test_small (void)
{
  uint8_t *buf = g_malloc0 (100);
  MdlDirtyPages *d = mdl_dirty_pages_new (buf, 100);

  g_assert_nonnull (d);
  g_assert_true (mdl_dirty_pages_test (d, 10, 4));
  buf[10] = 1;
  mdl_dirty_pages_clear (d);
  g_assert_true (mdl_dirty_pages_test (d, 10, 4));
  mdl_dirty_pages_free (d);
  g_free (buf);
}

/* Two trackers at once, one freed while the other goes on. */
static void
test_two (void)
{
  size_t page = (size_t) sysconf (_SC_PAGESIZE);
  size_t size = 16 * page;
  uint8_t *a = g_malloc0 (size), *b = g_malloc0 (size);
  MdlDirtyPages *da = mdl_dirty_pages_new (a, size), *db = mdl_dirty_pages_new (b, size);

  g_assert_nonnull (da);
  g_assert_nonnull (db);
  a[5 * page] = 1;
  g_assert_true (mdl_dirty_pages_test (da, 4 * page, 3 * page));
  g_assert_false (mdl_dirty_pages_test (db, 4 * page, 3 * page));
  mdl_dirty_pages_free (da);
  b[5 * page] = 1;
  g_assert_true (mdl_dirty_pages_test (db, 4 * page, 3 * page));
  a[6 * page] = 1;
  mdl_dirty_pages_free (db);
  g_free (a);
  g_free (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dirty-pages/pages", test_pages);
  g_test_add_func ("/engine/dirty-pages/small", test_small);
  g_test_add_func ("/engine/dirty-pages/two", test_two);
  return g_test_run ();
}
