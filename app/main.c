#define G_LOG_DOMAIN "medley"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "mdl-config.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

void
mdl_app_register_classes (void)
{
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
}

const char *const *
mdl_app_board_dirs (void)
{
  static GPtrArray *dirs;

  if (dirs == NULL) {
    const char *env = g_getenv ("MEDLEY_BOARD_PATH");

    dirs = g_ptr_array_new ();
    if (env != NULL) {
      char **parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
      for (unsigned i = 0; parts[i]; i++)
        if (*parts[i])
          g_ptr_array_add (dirs, parts[i]);
    }
    /* The build tree first: a developer runs what they just built. */
    g_ptr_array_add (dirs, (char *) MDL_BUILD_BOARDS_DIR);
    g_ptr_array_add (dirs, (char *) MDL_SOURCE_BOARDS_DIR);
    g_ptr_array_add (dirs, (char *) MDL_DATA_BOARDS_DIR);
    g_ptr_array_add (dirs, NULL);
  }
  return (const char *const *) dirs->pdata;
}

char *
mdl_app_default_board (void)
{
  const char *const *dirs = mdl_app_board_dirs ();

  for (unsigned i = 0; dirs[i]; i++) {
    char *p = g_build_filename (dirs[i], "riscv32-virt.dts", NULL);
    if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
      return p;
    g_free (p);
  }
  return g_strdup ("riscv32-virt.dts");
}

static void
usage (FILE *out)
{
  fprintf (out,
    "Usage:\n"
    "  medley                     run the default board (%s)\n"
    "  medley run BOARD.dts [OPTION...]\n"
    "                             run a board headless, its consoles on stdout\n"
    "  medley --help | --version\n"
    "\n"
    "Run 'medley run --help' for the options of run.\n",
    "riscv32-virt.dts");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  mdl_app_register_classes ();

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)) {
    usage (stdout);
    return 0;
  }
  if (argc >= 2 && strcmp (argv[1], "--version") == 0) {
    printf ("medley %s\n", MDL_VERSION);
    return 0;
  }
  if (argc >= 2 && strcmp (argv[1], "run") == 0)
    return mdl_run_command (argc - 1, argv + 1);
  if (argc == 1) {
    /* No window yet: the default board runs headless. */
    g_autofree char *board = mdl_app_default_board ();
    char *args[] = { "run", board, NULL };
    return mdl_run_command (2, args);
  }
  if (argc == 2 && g_str_has_suffix (argv[1], ".dts")) {
    char *args[] = { "run", argv[1], NULL };
    return mdl_run_command (2, args);
  }
  fprintf (stderr, "medley: unknown command '%s'\n", argv[1]);
  usage (stderr);
  return MDL_EXIT_USAGE;
}
