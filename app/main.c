#define G_LOG_DOMAIN "medley"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "mdl-config.h"

#include "engine/registry.h"

/* The board people see first: two architectures on one clock. */
#define MDL_DEFAULT_BOARD "hetero-demo.dts"

/* Where the module files and their manifests are: MEDLEY_MODULE_DIR, or
 * beside the binary in the build tree, or the installed folder found
 * from the binary's own place (the prefix may have moved). */
static char *
module_dir (void)
{
  const char *env = g_getenv ("MEDLEY_MODULE_DIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = NULL;
  char *build_dir;

  if (env != NULL && *env)
    return g_strdup (env);
  if (exe == NULL)
    return g_strdup (MDL_INSTALLED_MODULE_DIR);
  exe_dir = g_path_get_dirname (exe);
  build_dir = realpath (MDL_BUILD_MODULE_DIR, NULL);
  if (build_dir != NULL && strcmp (build_dir, exe_dir) == 0)
    return build_dir;
  free (build_dir);
  return g_build_filename (exe_dir, MDL_MODULE_DIR_FROM_BINDIR, NULL);
}

/* Run from the build tree (the executable sits in its app/ folder), the
 * catalogues are the ones just built in <builddir>/po, not the installed
 * ones (which may be missing or stale). */
static char *
locale_dir (void)
{
  const char *env = g_getenv ("MEDLEY_LOCALEDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = NULL;
  g_autofree char *build_dir = NULL;
  char *real;

  if (env != NULL && *env)
    return g_strdup (env);
  if (exe == NULL)
    return g_strdup (MDL_LOCALEDIR);
  exe_dir = g_path_get_dirname (exe);
  real = realpath (MDL_BUILD_MODULE_DIR, NULL);
  build_dir = g_strdup (real);
  free (real);
  if (build_dir != NULL && strcmp (build_dir, exe_dir) == 0) {
    g_autofree char *root = g_path_get_dirname (build_dir);

    return g_build_filename (root, "po", NULL);
  }
  return g_strdup (MDL_LOCALEDIR);
}

/* From the build tree, Medley's MIME type (built into <builddir>/data/share
 * by data/meson.build) joins the system's, so that board files are boards
 * in the file chooser, not DTS audio.  Before GIO reads the databases. */
static void
use_build_tree_data (const char *localedir)
{
  g_autofree char *root = g_path_get_dirname (localedir);
  g_autofree char *share = g_build_filename (root, "data", "share", NULL);
  const char *dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *value = NULL;

  if (!g_file_test (share, G_FILE_TEST_IS_DIR))
    return;
  value = g_strconcat (share, ":", dirs != NULL && *dirs ? dirs : "/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", value, TRUE);
}

void
mdl_app_register_classes (void)
{
  g_autofree char *dir = module_dir ();

  mdl_registry_add_linked_modules (mdl_linked_modules);
  /* A build with every module linked in has no folder: nothing to add. */
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    mdl_registry_add_module_dir (dir, NULL);
}

/* MEDLEY_REPORT_MODULES=FILE: at exit, the modules the run loaded and the
 * shared objects mapped into the process, one per line, for the tests and
 * the benchmark. */
static char *report_path;

static void
report_modules (void)
{
  g_auto(GStrv) loaded = mdl_registry_loaded_modules ();
  g_autofree char *maps = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);

  for (unsigned i = 0; loaded[i]; i++)
    g_string_append_printf (out, "module %s\n", loaded[i]);
  if (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL)) {
    lines = g_strsplit (maps, "\n", -1);
    for (unsigned i = 0; lines[i]; i++) {
      const char *path = strchr (lines[i], '/');

      if (path != NULL && strstr (path, ".so") != NULL && !g_hash_table_contains (seen, path)) {
        g_hash_table_add (seen, (gpointer) path);
        g_string_append_printf (out, "library %s\n", path);
      }
    }
  }
  g_file_set_contents (report_path, out->str, out->len, NULL);
  g_string_free (out, TRUE);
}

/* `medley --module-manifest NAME FILE`: the manifest of a module file, on
 * stdout; the build writes one beside every module. */
static int
print_manifest (const char *name, const char *path)
{
  g_autoptr(GError) error = NULL;
  const MdlModuleInfo *info = mdl_module_open (path, name, &error);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *text = NULL;

  if (info == NULL) {
    fprintf (stderr, "medley: %s\n", error->message);
    return 1;
  }
  text = mdl_module_manifest_text (info, base);
  fputs (text, stdout);
  return 0;
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
    "  medley BOARD.dts --kernel FILE [--initrd FILE] [--append ARGS]\n"
    "                             the same, with the kernel, initial RAM disk\n"
    "                             and command line set on the board's cluster\n"
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
run_workbench (int argc, char **argv, char **boot_options)
{
  g_autofree char *board = mdl_app_default_board ();
  g_autoptr(GError) error = NULL;
  const MdlModuleInfo *wb = mdl_registry_require_module ("workbench", &error);
  const MdlWorkbenchEntry *entry;

  /* The window's code, GTK with it, is loaded only now. */
  if (wb == NULL || wb->host_entry == NULL) {
    fprintf (stderr, "medley: the workbench cannot open: %s\n",
             error ? error->message : "its module offers no window");
    return 1;
  }
  entry = wb->host_entry ();
  return entry->run (board, mdl_app_board_dirs (), argc, argv,
                     (const char *const *) boot_options);
}

/* The option --@name at argv[*i], with its value glued on (=VALUE) or the
 * next word; moves *i past it.  NULL when argv[*i] is no such option. */
static const char *
take_option (int argc, char **argv, int *i, const char *name)
{
  size_t n = strlen (name);

  if (strncmp (argv[*i], "--", 2) != 0 || strncmp (argv[*i] + 2, name, n) != 0)
    return NULL;
  if (argv[*i][2 + n] == '=')
    return argv[*i] + 3 + n;
  if (argv[*i][2 + n] == '\0' && *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

int
mdl_app_split_boot_options (int argc, char **argv, char ***rest, char ***options,
                            const char **stray)
{
  static const char *const names[] = { "kernel", "initrd", "append" };
  GPtrArray *r = g_ptr_array_new (), *o = g_ptr_array_new ();
  int boards = 0;

  *stray = NULL;
  for (int i = 0; i < argc; i++) {
    const char *value = NULL;
    unsigned k = 0;

    while (i > 0 && k < G_N_ELEMENTS (names) &&
           (value = take_option (argc, argv, &i, names[k])) == NULL)
      k++;
    if (value != NULL) {
      g_ptr_array_add (o, g_strdup_printf ("--%s", names[k]));
      g_ptr_array_add (o, g_strdup (value));
      continue;
    }
    if (i > 0 && *stray == NULL && (argv[i][0] == '-' || !g_str_has_suffix (argv[i], ".dts")))
      *stray = argv[i];
    boards += i > 0;
    g_ptr_array_add (r, g_strdup (argv[i]));
  }
  g_ptr_array_add (r, NULL);
  g_ptr_array_add (o, NULL);
  *rest = (char **) g_ptr_array_free (r, FALSE);
  *options = (char **) g_ptr_array_free (o, FALSE);
  return *stray != NULL ? -1 : boards;
}

int
main (int argc, char **argv)
{
  g_autofree char *localedir = locale_dir ();

  setlocale (LC_ALL, "");
  /* MEDLEY_LOCALEDIR overrides where the catalogues are (a test's). */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  if (g_getenv ("MEDLEY_LOCALEDIR") == NULL && strcmp (localedir, MDL_LOCALEDIR) != 0)
    use_build_tree_data (localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc == 4 && strcmp (argv[1], "--module-manifest") == 0)
    return print_manifest (argv[2], argv[3]);
  mdl_app_register_classes ();
  report_path = g_strdup (g_getenv ("MEDLEY_REPORT_MODULES"));
  if (report_path != NULL && *report_path)
    atexit (report_modules);

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
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) boot_options = NULL;
  const char *stray = NULL;
  int boards = mdl_app_split_boot_options (argc, argv, &rest, &boot_options, &stray);

  if ((argc == 1 || boards > 0) && have_display ())
    return run_workbench ((int) g_strv_length (rest), rest, boot_options);
  if (argc == 1) {
    /* No display: the default board runs headless. */
    g_autofree char *board = mdl_app_default_board ();
    char *args[] = { "run", board, NULL };
    return mdl_run_command (2, args);
  }
  if (boards == 1) {
    /* No display: the board runs headless, with the same options. */
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    g_ptr_array_add (args, "run");
    g_ptr_array_add (args, rest[1]);
    for (unsigned i = 0; boot_options[i] != NULL; i++)
      g_ptr_array_add (args, boot_options[i]);
    g_ptr_array_add (args, NULL);
    return mdl_run_command ((int) args->len - 1, (char **) args->pdata);
  }
  if (stray != NULL && stray != argv[1]) {
    /* A board, then something that is no board nor boot option. */
    fprintf (stderr, _("medley: '%s' is neither a board (.dts) nor --kernel, --initrd or "
                       "--append with its value\n"), stray);
    return MDL_EXIT_USAGE;
  }
  fprintf (stderr, _("medley: unknown command '%s'\n"), argv[1]);
  usage (stderr);
  return MDL_EXIT_USAGE;
}
