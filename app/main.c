#define G_LOG_DOMAIN "medley"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "mdl-config.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"
#include "ui/mdl-application.h"

/* The board people see first: two architectures on one clock. */
#define MDL_DEFAULT_BOARD "hetero-demo.dts"

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
    char *p = g_build_filename (dirs[i], MDL_DEFAULT_BOARD, NULL);
    if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
      return p;
    g_free (p);
  }
  return g_strdup (MDL_DEFAULT_BOARD);
}

static void
usage (FILE *out)
{
  fprintf (out,
    _("Usage:\n"
    "  medley [BOARD.dts...]      open the boards (or the default board, %s)\n"
    "                             in the workbench; without a display, run\n"
    "                             the board headless as 'medley run' does\n"
    "  medley run BOARD.dts [OPTION...]\n"
    "                             run a board headless, its consoles on stdout\n"
    "  medley --help | --version\n"
    "\n"
    "Run 'medley run --help' for the options of run.\n"),
    MDL_DEFAULT_BOARD);
}

/* A window can only be shown where a display server is reachable; over
 * ssh or in a job runner `medley` keeps running boards headless. */
static bool
have_display (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 != NULL && *x11) || (wayland != NULL && *wayland);
}

static int
run_workbench (int argc, char **argv)
{
  g_autofree char *board = mdl_app_default_board ();
  g_autoptr(MdlApplication) app = NULL;

  app = mdl_application_new (board, mdl_app_board_dirs (), G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* Every argument names a board (what a file manager passes). */
static bool
all_boards (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' || !g_str_has_suffix (argv[i], ".dts"))
      return false;
  return argc > 1;
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("MEDLEY_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* MEDLEY_LOCALEDIR: the catalogues of a build tree (<builddir>/po), for
   * a developer or a test running Medley uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : MDL_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
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
  if ((argc == 1 || all_boards (argc, argv)) && have_display ())
    return run_workbench (argc, argv);
  if (argc == 1) {
    /* No display: the default board runs headless. */
    g_autofree char *board = mdl_app_default_board ();
    char *args[] = { "run", board, NULL };
    return mdl_run_command (2, args);
  }
  if (argc == 2 && g_str_has_suffix (argv[1], ".dts")) {
    char *args[] = { "run", argv[1], NULL };
    return mdl_run_command (2, args);
  }
  fprintf (stderr, _("medley: unknown command '%s'\n"), argv[1]);
  usage (stderr);
  return MDL_EXIT_USAGE;
}
