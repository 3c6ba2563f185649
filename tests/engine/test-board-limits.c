/* Boards that ask for too much are refused before anything is allocated,
 * with a message naming the file and the node; blobs that are not device
 * trees (or are damaged ones) are refused without being walked. */
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/board-doc.h"
#include "engine/board.h"
#include "engine/error.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

/* Enough of a board around @body to load: one rv32 hart, its RAM. */
static const char board_head[] =
  "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
  "\tcpus {\n\t\tcompatible = \"cpus,cluster\";\n\t\t#address-cells = <1>;\n"
  "\t\t#size-cells = <0>;\n\t\tcpu@0 {\n\t\t\tdevice_type = \"cpu\";\n"
  "\t\t\tcompatible = \"riscv,rv32imac\";\n\t\t\treg = <0>;\n"
  "\t\t\tintc: interrupt-controller {\n\t\t\t\tinterrupt-controller;\n"
  "\t\t\t\t#interrupt-cells = <1>;\n\t\t\t};\n\t\t};\n\t};\n";

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("medley-limits-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  g_unsetenv ("MEDLEY_MAX_MEMORY");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL) {
    g_autofree char *p = g_build_filename (f->dir, name, NULL);
    g_unlink (p);
  }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_unsetenv ("MEDLEY_MAX_MEMORY");
}

/* Writes board_head + @body + "};" and loads it. */
static MdlBoardDoc *
load_body (Fixture *f, const char *body, GError **error)
{
  g_autofree char *path = g_build_filename (f->dir, "board.dts", NULL);
  g_autofree char *text = g_strconcat (board_head, body, "};\n", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return mdl_board_doc_load (path, error);
}

static const char ram_16m[] =
  "\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n\t\tcompatible = \"medley,ram\";\n"
  "\t\treg = <0x0 0x80000000 0x0 0x1000000>;\n\t};\n";

static void
test_fine (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = load_body (f, ram_16m, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
}

static void
test_depth (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;

  for (int i = 0; i < MDL_BOARD_MAX_DEPTH + 8; i++)
    g_string_append_printf (body, "n%d {\n", i);
  for (int i = 0; i < MDL_BOARD_MAX_DEPTH + 8; i++)
    g_string_append (body, "};\n");
  doc = load_body (f, body->str, &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "board.dts"));
  g_assert_nonnull (strstr (error->message, "deeper than 32 levels"));
  g_assert_nonnull (strstr (error->message, "node n32"));
}

/* dtc's parser runs out of stack long before 10000 sibling nodes, so the
 * blob is made with libfdt directly, the way a hostile one would be. */
static void
test_nodes (Fixture *f, gconstpointer data)
{
  size_t size = 1 << 20;
  g_autofree void *fdt = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;

  g_assert_cmpint (fdt_create (fdt, (int) size), ==, 0);
  g_assert_cmpint (fdt_finish_reservemap (fdt), ==, 0);
  g_assert_cmpint (fdt_begin_node (fdt, ""), ==, 0);
  for (int i = 0; i < MDL_BOARD_MAX_NODES + 1; i++) {
    char name[16];
    g_snprintf (name, sizeof name, "n%d", i);
    g_assert_cmpint (fdt_begin_node (fdt, name), ==, 0);
    g_assert_cmpint (fdt_end_node (fdt), ==, 0);
  }
  g_assert_cmpint (fdt_end_node (fdt), ==, 0);
  g_assert_cmpint (fdt_finish (fdt), ==, 0);
  doc = mdl_board_doc_from_blob (fdt, fdt_totalsize (fdt), "many.dtb", &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "more than 10000 nodes"));
  g_assert_nonnull (strstr (error->message, "many.dtb: node /n9999"));
}

/* Five clusters of 64 harts: each cluster is legal, the board is not. */
static void
test_cpus (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;

  for (int c = 0; c < 5; c++) {
    g_string_append_printf (body, "\tcl%d {\n\t\tcompatible = \"cpus,cluster\";\n", c);
    for (int h = 0; h < 64; h++)
      g_string_append_printf (body, "\t\tcpu@%d { device_type = \"cpu\"; "
                                    "compatible = \"riscv,rv32imac\"; };\n", h);
    g_string_append (body, "\t};\n");
  }
  doc = load_body (f, body->str, &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "more than 256 CPUs"));
  g_assert_nonnull (strstr (error->message, "/cl3/cpu@"));
}

/* Two memories of 12 GiB: each below the per-memory limit, together above
 * the board's; the message names the second. */
static void
test_memory_total (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = load_body (f,
    "\tbig0: memory@100000000 {\n\t\tdevice_type = \"memory\";\n\t\tcompatible = \"medley,ram\";\n"
    "\t\treg = <0x1 0x0 0x3 0x0>;\n\t};\n"
    "\tbig1: memory@500000000 {\n\t\tdevice_type = \"memory\";\n\t\tcompatible = \"medley,ram\";\n"
    "\t\treg = <0x5 0x0 0x3 0x0>;\n\t};\n", &error);

  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "board.dts:"));
  g_assert_nonnull (strstr (error->message, "big1"));
  g_assert_nonnull (strstr (error->message, "16384 MiB"));
}

/* Sizes near 2^64 must not wrap around to a small total. */
static void
test_memory_wrap (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = load_body (f,
    "\tmemory@0 {\n\t\tdevice_type = \"memory\";\n\t\tcompatible = \"medley,ram\";\n"
    "\t\treg = <0x0 0x0 0x0 0x1000000>;\n\t};\n"
    "\tmemory@100000000 {\n\t\tdevice_type = \"memory\";\n\t\tcompatible = \"medley,ram\";\n"
    "\t\treg = <0x1 0x0 0xffffffff 0xff000000>;\n\t};\n", &error);

  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
}

static void
test_memory_env (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;

  g_setenv ("MEDLEY_MAX_MEMORY", "8 MiB", TRUE);
  g_assert_cmpuint (mdl_board_memory_limit (), ==, 8 << 20);
  doc = load_body (f, ram_16m, &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "MEDLEY_MAX_MEMORY"));
  g_clear_error (&error);

  g_setenv ("MEDLEY_MAX_MEMORY", "64M", TRUE);
  doc = load_body (f, ram_16m, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  /* Nonsense falls back to the default rather than to no limit. */
  g_setenv ("MEDLEY_MAX_MEMORY", "lots", TRUE);
  g_assert_cmpuint (mdl_board_memory_limit (), ==, MDL_BOARD_MAX_MEMORY);
}

/* A document edited on the canvas reaches the machine without a file:
 * building it checks the same limits, before allocating a byte of RAM. */
static void
test_instantiate (Fixture *f, gconstpointer data)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  g_autoptr(GError) error = NULL;
  const MdlDeviceClass *ram = mdl_registry_find_device ("medley,ram");
  guint a, b, cl;
  MdlBoard *board;

  cl = mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  a = mdl_board_doc_add_device (doc, ram, 0, 0);
  b = mdl_board_doc_add_device (doc, ram, 0, 0);
  g_assert_true (mdl_board_doc_set_prop (doc, a, "size", "12 GiB", NULL));
  g_assert_true (mdl_board_doc_set_prop (doc, b, "size", "12 GiB", NULL));
  g_assert_true (mdl_board_doc_set_prop (doc, b, "reg", "0x400000000", NULL));
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_null (board);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "ram1"));
  g_clear_error (&error);

  /* 64 harts in each of five clusters. */
  g_assert_true (mdl_board_doc_set_prop (doc, b, "size", "1 MiB", NULL));
  g_assert_true (mdl_board_doc_set_prop (doc, a, "size", "1 MiB", NULL));
  g_assert_true (mdl_board_doc_set_prop (doc, cl, "harts", "64", NULL));
  for (int i = 0; i < 4; i++) {
    guint more = mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
    g_assert_true (mdl_board_doc_set_prop (doc, more, "harts", "64", NULL));
  }
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_null (board);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
  g_assert_nonnull (strstr (error->message, "more than 256 CPUs"));
}

/* A ROM image that is a FIFO would block the load forever (a board file
 * can name any path): only regular files are read. */
static void
test_rom_fifo (Fixture *f, gconstpointer data)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "image.fifo", NULL);
  guint rom;
  MdlBoard *board;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  rom = mdl_board_doc_add_device (doc, mdl_registry_find_device ("medley,rom"), 0, 0);
  g_assert_true (mdl_board_doc_set_prop (doc, rom, "medley,image", fifo, NULL));
  board = mdl_board_doc_instantiate (doc, NULL, &error);
  g_assert_null (board);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
}

/* Cell counts from the file index arrays: absurd ones are refused, not
 * followed (one of these used to divide by zero, another loop forever). */
static void
test_cells (Fixture *f, gconstpointer data)
{
  static const char *const bodies[] = {
    /* #interrupt-cells beyond any specifier on the target of
     * interrupts-extended (dtc itself loops on <0xffffffff>: run_dtc's
     * timeout covers that) */
    "\tic: intc { interrupt-controller; #interrupt-cells = <7>; };\n"
    "\tuart@10000000 { compatible = \"ns16550a\"; reg = <0x0 0x10000000 0x0 0x100>;\n"
    "\t\tclock-frequency = <3686400>; interrupts-extended = <&ic 1 2 3>; };\n",
    /* a simple-bus whose cells are nonsense */
    "\tsoc { compatible = \"simple-bus\"; #address-cells = <5>; #size-cells = <2>;\n"
    "\t\tranges = <0 0 0 0 0 0>;\n"
    "\t\tuart@10000000 { compatible = \"ns16550a\"; reg = <0x0 0x10000000 0x0 0x100>;\n"
    "\t\t\tclock-frequency = <3686400>; }; };\n",
  };

  for (unsigned i = 0; i < G_N_ELEMENTS (bodies); i++) {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdlBoardDoc) doc = load_body (f, bodies[i], &error);

    g_assert_null (doc);
    g_assert_error (error, MDL_ERROR, MDL_ERROR_BOARD);
    g_assert_nonnull (strstr (error->message, "board.dts:"));
  }
}

/* The same board as a blob; then bytes that are no device tree, a
 * truncated blob and one whose structure block lies. */
static void
test_blob (Fixture *f, gconstpointer data)
{
  g_autofree char *dts = g_build_filename (f->dir, "board.dts", NULL);
  g_autofree char *dtb = g_build_filename (f->dir, "board.dtb", NULL);
  g_autofree char *text = g_strconcat (board_head, ram_16m, "};\n", NULL);
  const char *argv[] = { "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, dts, NULL };
  g_autofree char *blob = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = NULL;
  gsize len;
  int status;

  g_assert_true (g_file_set_contents (dts, text, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_file_get_contents (dtb, &blob, &len, NULL));
  doc = mdl_board_doc_from_blob (blob, len, "board.dtb", &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (doc->components->len, ==, 2);
  g_clear_pointer (&doc, mdl_board_doc_free);

  doc = mdl_board_doc_from_blob ("hello", 5, "hello.dtb", &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "hello.dtb"));
  g_clear_error (&error);

  doc = mdl_board_doc_from_blob (blob, len - 16, "cut.dtb", &error);
  g_assert_null (doc);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  /* An old-format blob (version 12, nothing required newer): libfdt
   * 1.6.1's full check crashes on those, so they are refused first. */
  {
    struct fdt_header *h = (struct fdt_header *) (void *) blob;
    uint32_t version = h->version, last = h->last_comp_version;

    h->version = cpu_to_fdt32 (12);
    h->last_comp_version = cpu_to_fdt32 (0);
    doc = mdl_board_doc_from_blob (blob, len, "old.dtb", &error);
    g_assert_null (doc);
    g_assert_error (error, MDL_ERROR, MDL_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "version"));
    g_clear_error (&error);
    h->version = version;
    h->last_comp_version = last;
  }

  /* A structure block that claims to run past the blob. */
  {
    struct fdt_header *h = (struct fdt_header *) (void *) blob;
    h->size_dt_struct = cpu_to_fdt32 (fdt32_to_cpu (h->size_dt_struct) + 4096);
    doc = mdl_board_doc_from_blob (blob, len, "lies.dtb", &error);
    g_assert_null (doc);
    g_assert_error (error, MDL_ERROR, MDL_ERROR_PARSE);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
#define ADD(path, fn) \
  g_test_add ("/engine/board-limits/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("fine", test_fine);
  ADD ("depth", test_depth);
  ADD ("nodes", test_nodes);
  ADD ("cpus", test_cpus);
  ADD ("memory-total", test_memory_total);
  ADD ("memory-wrap", test_memory_wrap);
  ADD ("memory-env", test_memory_env);
  ADD ("instantiate", test_instantiate);
  ADD ("rom-fifo", test_rom_fifo);
  ADD ("cells", test_cells);
  ADD ("blob", test_blob);
#undef ADD
  return g_test_run ();
}
