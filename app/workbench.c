#define G_LOG_DOMAIN "medley"

/* The workbench module's offer to app/main.c: opening the window.  Part
 * of the workbench module, so that only a run that opens a window loads
 * GTK, libadwaita and VTE. */

#include "app.h"

#include "ui/mdl-application.h"

static int
run_window (const char *default_board, const char *const *board_dirs, int argc, char **argv)
{
  g_autoptr(MdlApplication) app = NULL;

  app = mdl_application_new (default_board, board_dirs, G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

gconstpointer
mdl_workbench_host_entry (void)
{
  static const MdlWorkbenchEntry entry = { run_window };

  return &entry;
}
