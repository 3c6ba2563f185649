/* engine/program.c: linker scripts from a cluster's memory map, the
 * compiler's command line, the compiler's messages parsed, and the
 * cluster's medley,program property kept through a save. */
#include <glib/gstdio.h>
#include <string.h>

#include "engine/board.h"
#include "engine/board-doc.h"
#include "engine/machine.h"
#include "engine/error.h"
#include "engine/program.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static const char *const toy_flags[] = { "-mtoy", NULL };
static const MdlProgramKit toy_kit = {
  "toy-elf-gcc", "gcc-toy-elf", "toylibc.specs", "toylibc", toy_flags, "toy",
  "\ttoy_symbol = 1;\n", "toy", "toy-asm", false, 0,
};
static const MdlProgramKit toy_vector_kit = {
  "toy-elf-gcc", "gcc-toy-elf", NULL, NULL, toy_flags, "toy", NULL, "toy", "toy-asm",
  true, 0,
};

static void
test_script_one_ram (void)
{
  const MdlProgramMemory mems[] = { { 0x80000000, 0x8000000, true } };
  g_autoptr(GError) error = NULL;
  g_autofree char *script = mdl_program_linker_script (&toy_kit, mems, 1, "cpu0", &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (script, "OUTPUT_ARCH(toy)"));
  g_assert_nonnull (strstr (script, "ENTRY(_start)"));
  g_assert_nonnull (strstr (script, "ram (rwx) : ORIGIN = 0x80000000, LENGTH = 0x8000000"));
  /* Code and data share the one RAM. */
  g_assert_nonnull (strstr (script, "REGION_ALIAS(\"code\", ram);"));
  g_assert_nonnull (strstr (script, "__stack_size = 0x10000;"));
  g_assert_nonnull (strstr (script, "__stack = ORIGIN(ram) + LENGTH(ram);"));
  g_assert_nonnull (strstr (script, "KEEP (*(.vectors))"));
  /* The kit's own part, inside SECTIONS. */
  g_assert_nonnull (strstr (strstr (script, "SECTIONS"), "toy_symbol = 1;"));
}

static void
test_script_code_and_data (void)
{
  /* An MPS2-like map: code memory at 0 with the vector table, data in
   * the larger RAM, a small ROM elsewhere that is neither. */
  const MdlProgramMemory mems[] = {
    { 0x0, 0x400000, true },
    { 0x10000000, 0x1000, false },
    { 0x20000000, 0x800000, true },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *script = mdl_program_linker_script (&toy_vector_kit, mems, 3, "mcu", &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (script, "code (rx) : ORIGIN = 0x0, LENGTH = 0x400000"));
  g_assert_nonnull (strstr (script, "ram (rwx) : ORIGIN = 0x20000000, LENGTH = 0x800000"));
  g_assert_null (strstr (script, "REGION_ALIAS"));
  /* The comment lists what the cluster sees. */
  g_assert_nonnull (strstr (script, "0x10000000, 0x1000 bytes, ROM"));
  g_assert_nonnull (strstr (script, "} >ram AT>code"));
}

static void
test_script_small_ram (void)
{
  const MdlProgramMemory mems[] = { { 0x1000, 0x8000, true } };
  g_autofree char *script = mdl_program_linker_script (&toy_kit, mems, 1, "cpu0", NULL);

  /* A quarter of a small RAM for the stack. */
  g_assert_nonnull (strstr (script, "__stack_size = 0x2000;"));
}

static void
test_script_refusals (void)
{
  const MdlProgramMemory rom_only[] = { { 0x0, 0x10000, false } };
  const MdlProgramMemory ram_high[] = { { 0x20000000, 0x10000, true } };
  g_autoptr(GError) error = NULL;
  char *script;

  script = mdl_program_linker_script (&toy_kit, rom_only, 1, "cpu0", &error);
  g_assert_null (script);
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cpu0 sees no RAM"));
  g_clear_error (&error);

  script = mdl_program_linker_script (&toy_vector_kit, ram_high, 1, "mcu", &error);
  g_assert_null (script);
  g_assert_nonnull (strstr (error->message, "no memory at 0x0"));
  g_assert_nonnull (strstr (error->message, "vector table"));
}

static void
test_argv (void)
{
  g_auto(GStrv) asm_argv = mdl_program_compile_argv (&toy_kit, MDL_PROGRAM_ASM, "/rt", "/b/p.ld",
                                                     "/b/hello.S", "/b/hello.elf");
  g_auto(GStrv) c_argv = mdl_program_compile_argv (&toy_kit, MDL_PROGRAM_C, "/rt", "/b/p.ld",
                                                   "/b/main.c", "/b/main.elf");
  g_auto(GStrv) free_argv = mdl_program_compile_argv (&toy_vector_kit, MDL_PROGRAM_C, "/rt",
                                                      "/b/p.ld", "/b/main.c", "/b/main.elf");
  g_autofree char *a = g_strjoinv (" ", asm_argv);
  g_autofree char *c = g_strjoinv (" ", c_argv);
  g_autofree char *f = g_strjoinv (" ", free_argv);

  g_assert_cmpstr (asm_argv[0], ==, "toy-elf-gcc");
  g_assert_nonnull (strstr (a, "-mtoy"));
  g_assert_nonnull (strstr (a, "-nostdlib"));
  g_assert_nonnull (strstr (a, "-T /b/p.ld"));
  g_assert_nonnull (strstr (a, "-o /b/hello.elf"));
  g_assert_null (strstr (a, "-specs"));
  g_assert_null (strstr (a, "crt0"));
  g_assert_cmpstr (asm_argv[g_strv_length (asm_argv) - 1], ==, "/b/hello.S");

  g_assert_nonnull (strstr (c, "-specs=toylibc.specs"));
  g_assert_nonnull (strstr (c, "/rt/toy-crt0.S /rt/toy-rt.c /b/main.c"));
  g_assert_nonnull (strstr (c, "-Wall"));
  g_assert_null (strstr (c, "-nostdlib"));

  /* No C library: freestanding, libgcc for the helpers. */
  g_assert_nonnull (strstr (f, "-ffreestanding"));
  g_assert_cmpstr (free_argv[g_strv_length (free_argv) - 1], ==, "-lgcc");
}

static void
test_lang (void)
{
  MdlProgramLang lang;

  g_assert_true (mdl_program_lang_for_path ("/x/hello.S", &lang));
  g_assert_cmpint (lang, ==, MDL_PROGRAM_ASM);
  g_assert_true (mdl_program_lang_for_path ("main.c", &lang));
  g_assert_cmpint (lang, ==, MDL_PROGRAM_C);
  g_assert_false (mdl_program_lang_for_path ("notes.txt", &lang));
  g_assert_false (mdl_program_lang_for_path ("Makefile", &lang));
}

static const MdlDiagnostic *
diag (GPtrArray *list, guint i)
{
  g_assert_cmpuint (i, <, list->len);
  return g_ptr_array_index (list, i);
}

static void
test_parse (void)
{
  const char *output =
    "/home/t/board/cpu0.c: In function 'main':\n"
    "/home/t/board/cpu0.c:5:3: error: 'x' undeclared (first use in this function)\n"
    "    5 |   x = 1;\n"
    "      |   ^\n"
    "/home/t/board/cpu0.c:5:3: note: each undeclared identifier is reported only once\n"
    "/home/t/board/cpu0.c:9:7: warning: unused variable 'y' [-Wunused-variable]\n"
    "hello.S: Assembler messages:\n"
    "hello.S:12: Error: unrecognized opcode `lii t0,1'\n"
    "hello.S:30: Warning: end of file not at end of a line; newline inserted\n"
    "C:odd:name.c:3:1: fatal error: nothing.h: No such file or directory\n"
    "/usr/bin/riscv64-unknown-elf-ld: /tmp/cc1.o: in function `main':\n"
    "main.c:(.text.main+0x8): undefined reference to `missing'\n"
    "collect2: error: ld returned 1 exit status\n"
    "cc1: error: bad value 'rv99' for '-march=' switch\n";
  g_autoptr(GPtrArray) list = mdl_program_parse_diagnostics (output);

  g_assert_cmpuint (list->len, ==, 8);
  g_assert_cmpstr (diag (list, 0)->file, ==, "/home/t/board/cpu0.c");
  g_assert_cmpuint (diag (list, 0)->line, ==, 5);
  g_assert_cmpuint (diag (list, 0)->column, ==, 3);
  g_assert_cmpint (diag (list, 0)->severity, ==, MDL_DIAG_ERROR);
  g_assert_cmpstr (diag (list, 0)->message, ==, "'x' undeclared (first use in this function)");
  g_assert_cmpint (diag (list, 1)->severity, ==, MDL_DIAG_NOTE);
  g_assert_cmpint (diag (list, 2)->severity, ==, MDL_DIAG_WARNING);
  g_assert_cmpuint (diag (list, 2)->line, ==, 9);
  /* The assembler: a line, no column, capitalised severities. */
  g_assert_cmpstr (diag (list, 3)->file, ==, "hello.S");
  g_assert_cmpuint (diag (list, 3)->line, ==, 12);
  g_assert_cmpuint (diag (list, 3)->column, ==, 0);
  g_assert_cmpint (diag (list, 3)->severity, ==, MDL_DIAG_ERROR);
  g_assert_cmpstr (diag (list, 3)->message, ==, "unrecognized opcode `lii t0,1'");
  g_assert_cmpint (diag (list, 4)->severity, ==, MDL_DIAG_WARNING);
  /* Colons in the file name. */
  g_assert_cmpstr (diag (list, 5)->file, ==, "C:odd:name.c");
  g_assert_cmpuint (diag (list, 5)->line, ==, 3);
  /* The linker: no line; collect2's summary left out. */
  g_assert_null (diag (list, 6)->file);
  g_assert_cmpuint (diag (list, 6)->line, ==, 0);
  g_assert_cmpstr (diag (list, 6)->message, ==, "undefined reference to `missing'");
  g_assert_cmpint (diag (list, 6)->severity, ==, MDL_DIAG_ERROR);
  g_assert_cmpstr (diag (list, 7)->message, ==, "bad value 'rv99' for '-march=' switch");

  g_ptr_array_unref (mdl_program_parse_diagnostics (""));
  g_ptr_array_unref (mdl_program_parse_diagnostics (NULL));
}

/* The memory of a shipped board's cluster, and the medley,program
 * property through a save and a load. */
static void
test_board (void)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_ROOT, "boards", "riscv32-virt.dts", NULL);
  g_autofree char *dir = g_dir_make_tmp ("medley-program-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "board.dts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, &error);
  g_autoptr(MdlBoardDoc) again = NULL;
  g_autoptr(GArray) mems = NULL;
  g_autofree char *text = NULL;
  MdlComponent *c;

  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_assert_nonnull (c);
  g_assert_null (mdl_component_str (c, "program"));
  mems = mdl_program_cluster_memory (doc, c->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mems->len, ==, 1);
  g_assert_cmphex (g_array_index (mems, MdlProgramMemory, 0).base, ==, 0x80000000);
  g_assert_cmphex (g_array_index (mems, MdlProgramMemory, 0).size, ==, 0x8000000);
  g_assert_true (g_array_index (mems, MdlProgramMemory, 0).writable);

  g_assert_true (mdl_board_doc_set_prop (doc, c->id, "program", "cpu0.S", &error));
  g_assert_no_error (error);
  text = mdl_board_doc_to_dts (doc);
  g_assert_nonnull (strstr (text, "medley,program = \"cpu0.S\";"));
  g_assert_true (mdl_board_doc_save (doc, copy, &error));
  again = mdl_board_doc_load (copy, &error);
  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (again, "cpu0");
  g_assert_cmpstr (mdl_component_str (c, "program"), ==, "cpu0.S");

  /* No cluster there. */
  g_assert_null (mdl_program_cluster_memory (doc, 9999, NULL, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
  g_unlink (copy);
  g_rmdir (dir);
}

/* ---- every template builds and runs on its board ------------------------ */

typedef struct {
  const char *board;
  const char *source;   /* in data/programs */
  const char *expect;   /* on the console */
} TemplateCase;

static const TemplateCase template_cases[] = {
  { "riscv32-virt.dts", "riscv.S", "The sum of 1..10 is 55" },
  { "riscv32-virt.dts", "riscv.c", "fib(9) = 34" },
  { "riscv64-virt.dts", "riscv.S", "The sum of 1..10 is 55" },
  { "riscv64-virt.dts", "riscv.c", "fib(9) = 34" },
  { "cortex-m3.dts", "thumb.S", "The sum of 1..10 is 55" },
  { "cortex-m3.dts", "thumb.c", "fib(9) = 34" },
  { "cortex-m0.dts", "thumb.S", "The sum of 1..10 is 55" },
  { "cortex-m0.dts", "thumb.c", "fib(9) = 34" },
  { "aarch64-virt.dts", "a64.S", "The sum of 1..10 is 55" },
  { "aarch64-virt.dts", "a64.c", "fib(9) = 34" },
  /* The teaching board's lesson (boards/teach/README.md). */
  { "teach-riscv.dts", "../../boards/teach/sum.S", "The total is 31" },
};

static void
collect_serial (MdlDevice *uart, const uint8_t *bytes, size_t len, void *data)
{
  g_string_append_len (data, (const char *) bytes, (gssize) len);
}

static void
test_template (gconstpointer data)
{
  const TemplateCase *tc = data;
  g_autofree char *board_path = g_build_filename (MDL_SOURCE_ROOT, "boards", tc->board, NULL);
  g_autofree char *rt = g_build_filename (MDL_SOURCE_ROOT, "data", "programs", NULL);
  g_autofree char *source = g_build_filename (rt, tc->source, NULL);
  g_autofree char *dir = g_dir_make_tmp ("medley-template-XXXXXX", NULL);
  g_autofree char *script_path = g_build_filename (dir, "program.ld", NULL);
  g_autofree char *elf = g_build_filename (dir, "program.elf", NULL);
  g_autofree char *compiler = NULL, *script = NULL, *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (board_path, &error);
  g_autoptr(GArray) mems = NULL;
  g_autoptr(MdlBoard) board = NULL;
  g_autoptr(GString) console = g_string_new (NULL);
  g_auto(GStrv) argv = NULL;
  const MdlComponent *c;
  const MdlProgramKit *kit;
  MdlProgramLang lang;
  int status = -1;

  g_assert_no_error (error);
  c = mdl_board_doc_find_by_name (doc, "cpu0");
  g_assert_nonnull (c);
  kit = c->cpu_cls->program;
  g_assert_nonnull (kit);
  compiler = g_find_program_in_path (kit->compiler);
  if (compiler == NULL) {
    g_test_skip_printf ("%s is not installed (Debian package %s)", kit->compiler, kit->package);
    return;
  }
  mems = mdl_program_cluster_memory (doc, c->id, NULL, &error);
  g_assert_no_error (error);
  script = mdl_program_linker_script (kit, (const MdlProgramMemory *) (void *) mems->data,
                                      mems->len, c->name, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (script_path, script, -1, &error));
  g_assert_true (mdl_program_lang_for_path (source, &lang));
  argv = mdl_program_compile_argv (kit, lang, rt, script_path, source, elf);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL)) {
    g_autofree char *cmd = g_strjoinv (" ", argv);
    g_autofree char *err = NULL;

    /* Again, to show what it said. */
    g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err, NULL, NULL);
    g_test_message ("%s\n%s", cmd, err ? err : "");
    if (lang == MDL_PROGRAM_C && kit->libc_specs != NULL && err != NULL &&
        strstr (err, kit->libc_specs) != NULL) {
      g_test_skip_printf ("no C library (Debian package %s)", kit->libc_package);
      return;
    }
    g_assert_not_reached ();
  }

  board = mdl_board_load (board_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mdl_board_set_firmware (board, "cpu0", elf, &error));
  g_assert_true (mdl_board_load_firmware (board, &error));
  g_assert_no_error (error);
  mdl_machine_set_serial_out (board->machine, collect_serial, console);
  g_assert_cmpint (mdl_machine_run (board->machine, 10 * MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (board->machine), ==, 0);
  g_test_message ("%s", console->str);
  g_assert_nonnull (strstr (console->str, tc->expect));
  g_unlink (elf);
  g_unlink (script_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/engine/program/script/one-ram", test_script_one_ram);
  g_test_add_func ("/engine/program/script/code-and-data", test_script_code_and_data);
  g_test_add_func ("/engine/program/script/small-ram", test_script_small_ram);
  g_test_add_func ("/engine/program/script/refusals", test_script_refusals);
  g_test_add_func ("/engine/program/argv", test_argv);
  g_test_add_func ("/engine/program/lang", test_lang);
  g_test_add_func ("/engine/program/diagnostics", test_parse);
  g_test_add_func ("/engine/program/board", test_board);
  for (guint i = 0; i < G_N_ELEMENTS (template_cases); i++) {
    g_autofree char *base = g_path_get_basename (template_cases[i].source);
    g_autofree char *name = g_strdup_printf ("/engine/program/template/%s/%s",
                                             template_cases[i].board, base);
    g_test_add_data_func (name, &template_cases[i], test_template);
  }
  return g_test_run ();
}
