/* Board files a user may be handed or may have arranged: sources that
 * would make dtc read without end or grow without bound, messages that
 * name a file and line for every dtc failure, compiled blobs opened
 * directly, names given twice, and saves that keep the file's mode,
 * symlinks and folder tidy. */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/board-doc.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static char *tmpdir;

#define HEAD "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
#define CLUSTER(node, name) \
  node " {\ncompatible = \"cpus,cluster\";\n#address-cells = <1>;\n#size-cells = <0>;\n" \
  "medley,name = \"" name "\";\n" \
  "cpu@0 {\ndevice_type = \"cpu\";\ncompatible = \"riscv,rv32imac\";\nreg = <0>;\n};\n};\n"
#define GOOD HEAD CLUSTER ("cpus", "app") "};\n"

static char *
write_file (const char *name, const char *text, gssize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, len, NULL));
  return path;
}

/* Loading @name (written with @text first unless NULL) fails with a
 * one-line message holding every needle. */
static void
expect_error (const char *name, const char *text, const char *const *needles)
{
  g_autofree char *path = text ? write_file (name, text, -1) : g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
  g_assert_null (strchr (error->message, '\n'));
  for (unsigned i = 0; needles[i]; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("'%s' not in: %s", needles[i], error->message);
}

static void
test_hostile_includes (void)
{
  g_autofree char *fifo = g_build_filename (tmpdir, "fifo", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  {
    const char *n[] = { "zero.dts:3: ", "/incbin/ \"/dev/zero\"", "not a regular file", NULL };
    expect_error ("zero.dts", "/dts-v1/;\n/ {\n a = /incbin/(\"/dev/zero\");\n};\n", n);
  }
  {
    const char *n[] = { "fifo.dts:2: ", "\"fifo\"", "not a regular file", NULL };
    expect_error ("fifo.dts", "/dts-v1/;\n/include/ \"fifo\"\n/ { };\n", n);
  }
  {
    const char *n[] = { "stdin.dts:2: ", "standard input", NULL };
    expect_error ("stdin.dts", "/dts-v1/;\n/include/ \"-\"\n/ { };\n", n);
  }
  {
    /* Comments and strings are not directives; the include is, two
     * levels down, and is named where it is. */
    const char *n[] = { "inner.dtsi:2: ", "/incbin/ \"/dev/urandom\"", NULL };
    g_free (write_file ("inner.dtsi", "/ {\n x = /incbin/(\"/dev/urandom\", 0, 4);\n};\n", -1));
    g_free (write_file ("middle.dtsi", "// /include/ \"fifo\"\n/include/ \"inner.dtsi\"\n", -1));
    expect_error ("outer.dts", "/dts-v1/;\n/* /incbin/(\"fifo\") */\n/ { s = \"/include/ \\\"fifo\\\"\"; };\n"
                  "/include/ \"middle.dtsi\"\n", n);
  }
  {
    const char *n[] = { "missing.dts:2: ", "/include/ \"does-not-exist.dtsi\"", "No such file", NULL };
    expect_error ("missing.dts", "/dts-v1/;\n/include/ \"does-not-exist.dtsi\"\n/ { };\n", n);
  }
  {
    const char *n[] = { "loop.dts:2: ", "including it", NULL };
    expect_error ("loop.dts", "/dts-v1/;\n/include/ \"loop.dts\"\n/ { };\n", n);
  }
  {
    const char *n[] = { "cpp.dts:2: ", "#include", "/include/", NULL };
    expect_error ("cpp.dts", "/dts-v1/;\n#include \"x.h\"\n/ { };\n", n);
  }
  {
    const char *n[] = { "dir.dts:2: ", "is not a regular file", NULL };
    g_autofree char *text = g_strdup_printf ("/dts-v1/;\n/include/ \"%s\"\n/ { };\n", tmpdir);
    expect_error ("dir.dts", text, n);
  }
  g_unlink (fifo);
}

/* Every dtc failure is one line with the board file and a line number. */
static void
test_dtc_messages (void)
{
  {
    const char *n[] = { "bom.dts:1: ", "byte-order mark", NULL };
    expect_error ("bom.dts", "\xef\xbb\xbf" GOOD, n);
  }
  {
    const char *n[] = { "syntax.dts:4: ", "syntax error", NULL };
    expect_error ("syntax.dts", "/dts-v1/;\n/ {\n  oops\n};\n", n);
  }
  {
    const char *n[] = { "ref.dts:2: ", "nolabel", NULL };
    expect_error ("ref.dts", "/dts-v1/;\n/ { a = <&nolabel>; };\n", n);
  }
  {
    /* In an included file, that file is named. */
    const char *n[] = { "bad.dtsi:2: ", "syntax error", NULL };
    g_free (write_file ("bad.dtsi", "/ {\n  oops };\n", -1));
    expect_error ("incbad.dts", "/dts-v1/;\n/include/ \"bad.dtsi\"\n", n);
  }
}

/* Sources that stay within the checks but would make dtc grow: it hits
 * its output or memory limit and says so, the host unharmed. */
static void
test_dtc_limits (void)
{
  g_autofree char *big = g_build_filename (tmpdir, "big.bin", NULL);
  g_autoptr(GString) text = g_string_new ("/dts-v1/;\n/ {\n");
  FILE *f = g_fopen (big, "wb");

  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 15 << 20), ==, 0);
  fclose (f);
  for (int i = 0; i < 40; i++)
    g_string_append_printf (text, " p%d = /incbin/(\"big.bin\");\n", i);
  g_string_append (text, "};\n");
  {
    const char *n[] = { "grow.dts", "dtc", "MiB", NULL };
    expect_error ("grow.dts", text->str, n);
  }
  g_unlink (big);
}

static void
test_blob_board (void)
{
  g_autofree char *dts = write_file ("blob-src.dts", GOOD, -1);
  g_autofree char *dtb = g_build_filename (tmpdir, "board.dtb", NULL);
  g_autofree char *odd = g_build_filename (tmpdir, "compiled.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autofree char *blob = NULL;
  gsize len;
  const char *argv[] = { "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, dts, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  doc = mdl_board_doc_load (dtb, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mdl_board_doc_find_by_name (doc, "app"));
  /* The contents decide, not the name. */
  g_assert_true (g_file_get_contents (dtb, &blob, &len, NULL));
  g_assert_true (g_file_set_contents (odd, blob, (gssize) len, NULL));
  again = mdl_board_doc_load (odd, &error);
  g_assert_no_error (error);
  /* Saving over the blob would turn it into text: refused. */
  g_assert_false (mdl_board_doc_save (doc, dtb, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, ".dts"));
  g_clear_error (&error);
  g_assert_false (mdl_board_doc_save (again, odd, &error));
  g_clear_error (&error);
  /* One on which libfdt's own full check would loop forever (found by
   * the fuzzer) is refused at once. */
  {
    g_autoptr(MdlBoardDoc) loops = mdl_board_doc_load (
      MDL_SOURCE_ROOT "/tests/fuzz/board-blob/regressions/check-full-loops.dtb", &error);
    g_assert_null (loops);
    g_assert_nonnull (strstr (error->message, "loops"));
    g_clear_error (&error);
  }
  /* A damaged blob is said to be one. */
  blob[8] ^= 0xff;
  g_assert_true (g_file_set_contents (dtb, blob, (gssize) len, NULL));
  {
    const char *n[] = { "board.dtb", "device-tree blob", NULL };
    expect_error ("board.dtb", NULL, n);
  }
}

/* Two clusters with one medley,name would share one name, one RAM and one
 * firmware; both nodes are named. */
static void
test_duplicate_name (void)
{
  const char *n[] = { "dup.dts:", "node /cpus-b", "medley,name \"app\"", "/cpus-a", NULL };

  expect_error ("dup.dts", HEAD CLUSTER ("cpus-a", "app") CLUSTER ("cpus-b", "app") "};\n", n);
}

static mode_t
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode;
}

static void
test_save_keeps (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "save", NULL);
  g_autofree char *real = g_build_filename (dir, "real.dts", NULL);
  g_autofree char *link = g_build_filename (dir, "link.dts", NULL);
  g_autofree char *stale = NULL, *alive = NULL, *other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  unsigned left = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (real, GOOD, -1, NULL));
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.dts", link), ==, 0);
  doc = mdl_board_doc_load (link, &error);
  g_assert_no_error (error);

  /* Leftovers of saves killed midway: one of a process that is gone,
   * one of a process still running (this one's parent), and a file of
   * the user's that only looks similar. */
  stale = g_build_filename (dir, ".real.dts.medley-save-999999999-abcdef", NULL);
  alive = g_strdup_printf ("%s/.real.dts.medley-save-%d-ghijkl", dir, (int) getppid ());
  other = g_build_filename (dir, ".real.dts.medley-save-notes", NULL);
  g_assert_true (g_file_set_contents (stale, "x", -1, NULL));
  g_assert_true (g_file_set_contents (alive, "x", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));

  g_assert_cmpstr (doc->model, ==, NULL);
  doc->model = g_strdup ("saved through a link");
  g_assert_true (mdl_board_doc_save (doc, link, &error));
  g_assert_no_error (error);
  /* The link is still a link; the file it points to has the new text and
   * its old mode. */
  g_assert_true (S_ISLNK (mode_of (link)));
  g_assert_cmpint (mode_of (real) & 07777, ==, 0600);
  {
    g_autoptr(MdlBoardDoc) back = mdl_board_doc_load (real, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->model, ==, "saved through a link");
  }
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (alive);
  g_unlink (other);
  /* Nothing else stays behind. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    left++;
  g_assert_cmpuint (left, ==, 2);

  /* A dangling link: the save creates its target. */
  g_unlink (real);
  g_assert_true (mdl_board_doc_save (doc, link, &error));
  g_assert_no_error (error);
  g_assert_true (S_ISLNK (mode_of (link)));
  g_assert_true (S_ISREG (mode_of (real)));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  tmpdir = g_dir_make_tmp ("medley-board-files-XXXXXX", NULL);
  g_test_add_func ("/engine/board-doc-files/hostile-includes", test_hostile_includes);
  g_test_add_func ("/engine/board-doc-files/dtc-messages", test_dtc_messages);
  g_test_add_func ("/engine/board-doc-files/dtc-limits", test_dtc_limits);
  g_test_add_func ("/engine/board-doc-files/blob-board", test_blob_board);
  g_test_add_func ("/engine/board-doc-files/duplicate-name", test_duplicate_name);
  g_test_add_func ("/engine/board-doc-files/save-keeps", test_save_keeps);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmpdir);
  }
  return status;
}
