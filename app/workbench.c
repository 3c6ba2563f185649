#define G_LOG_DOMAIN "medley"

/* The workbench module's offer to app/main.c: opening the window.  Part
 * of the workbench module, so that only a run that opens a window loads
 * GTK, libadwaita and VTE.
 *
 * `medley BOARD.dts --kernel K --initrd I --append A` takes the options
 * `medley run` takes for booting a kernel and sets them on the opened
 * board's cluster, where the inspector shows them (payload, initrd,
 * bootargs): one command from a kernel to a running Linux in the window. */

#include "app.h"

#include <stdbool.h>
#include <string.h>

#include "ui/mdl-application.h"
#include "ui/mdl-window.h"

/* The boot options of the command line, "[NAME=]VALUE" each. */
typedef struct {
  GPtrArray *kernel, *initrd, *append;
} BootOptions;

static void
apply_to (MdlWindow *window, GPtrArray *specs, const char *option)
{
  for (guint i = 0; specs != NULL && i < specs->len; i++) {
    g_autoptr(GError) error = NULL;

    if (!mdl_window_set_boot_option (window, option, g_ptr_array_index (specs, i), &error))
      g_printerr ("medley: %s\n", error->message);
  }
}

/* After the application opened the files: the windows showing them get
 * the options. */
static void
on_open (GApplication *app, GFile **files, int n_files, const char *hint, BootOptions *opts)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next) {
    const char *path;
    bool opened = false;

    if (!MDL_IS_WINDOW (l->data))
      continue;
    path = mdl_editor_get_path (mdl_window_get_editor (l->data));
    for (int i = 0; path != NULL && i < n_files && !opened; i++) {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      opened = g_file_equal (file, files[i]);
    }
    if (!opened)
      continue;
    apply_to (l->data, opts->kernel, "kernel");
    apply_to (l->data, opts->initrd, "initrd");
    apply_to (l->data, opts->append, "append");
  }
}

static int
run_window (const char *default_board, const char *const *board_dirs, int argc, char **argv,
            const char *const *boot_options)
{
  g_autoptr(MdlApplication) app = NULL;
  BootOptions opts = { NULL, NULL, NULL };
  bool boot;
  int status;

  for (unsigned i = 0; boot_options != NULL && boot_options[i] != NULL &&
                       boot_options[i + 1] != NULL; i += 2) {
    GPtrArray **list = g_str_equal (boot_options[i], "--kernel")   ? &opts.kernel
                       : g_str_equal (boot_options[i], "--initrd") ? &opts.initrd
                                                                   : &opts.append;

    if (*list == NULL)
      *list = g_ptr_array_new ();
    g_ptr_array_add (*list, (gpointer) boot_options[i + 1]);
  }
  /* With boot options, a window of this process's own: a running
   * instance would be handed the files alone. */
  boot = opts.kernel != NULL || opts.initrd != NULL || opts.append != NULL;
  app = mdl_application_new (default_board, board_dirs,
                             boot ? G_APPLICATION_NON_UNIQUE : G_APPLICATION_DEFAULT_FLAGS);
  if (boot)
    g_signal_connect_after (app, "open", G_CALLBACK (on_open), &opts);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_pointer (&opts.kernel, g_ptr_array_unref);
  g_clear_pointer (&opts.initrd, g_ptr_array_unref);
  g_clear_pointer (&opts.append, g_ptr_array_unref);
  return status;
}

gconstpointer
mdl_workbench_host_entry (void)
{
  static const MdlWorkbenchEntry entry = { run_window };

  return &entry;
}
