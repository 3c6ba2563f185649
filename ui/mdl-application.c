#define G_LOG_DOMAIN "medley-application"

#include <glib/gi18n.h>

#include "mdl-config.h"
#include "mdl-application.h"
#include "mdl-editor.h"
#include "mdl-window.h"

/* From the GResource compiled into this library.  Registered by hand: a
 * static library's resource object would otherwise be dropped by the
 * linker, nothing referring to it. */
#include "medley-resources.h"
/* The icons' resource registers itself when linked; asking for it is what
 * makes the linker keep it. */
extern GResource *medley_icons_get_resource (void);

struct _MdlApplication {
  AdwApplication parent_instance;

  char      *default_board;
  GStrv      board_dirs;
  GPtrArray *examples;   /* char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (MdlApplication, mdl_application, ADW_TYPE_APPLICATION)

static MdlWindow *
new_window (MdlApplication *self)
{
  return mdl_window_new (self);
}

/* A window that shows nothing worth keeping can take the next file
 * instead of leaving an empty window behind. */
static MdlWindow *
reusable_window (MdlApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  MdlEditor *editor;
  MdlRunnerState state;

  if (!MDL_IS_WINDOW (active))
    return NULL;
  editor = mdl_window_get_editor (MDL_WINDOW (active));
  if (mdl_editor_get_path (editor) != NULL || mdl_editor_get_modified (editor) ||
      mdl_window_get_runner_state (MDL_WINDOW (active), &state))
    return NULL;
  return MDL_WINDOW (active);
}

static void
mdl_application_activate (GApplication *app)
{
  MdlApplication *self = MDL_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  MdlWindow *window;

  if (active != NULL) {
    gtk_window_present (active);
    return;
  }
  window = new_window (self);
  gtk_window_present (GTK_WINDOW (window));
  /* The default board is a shipped file: it opens as the examples do, a
   * copy titled by its description that Save never writes back. */
  if (self->default_board != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (window), "open-example",
                                    g_variant_new_string (self->default_board));
}

static void
mdl_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  MdlApplication *self = MDL_APPLICATION (app);

  for (int i = 0; i < n_files; i++) {
    GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
    MdlWindow *window = NULL;

    /* A board already open is brought forward, not opened twice. */
    for (GList *l = windows; l && !window; l = l->next) {
      const char *path;
      g_autoptr(GFile) open_file = NULL;

      if (!MDL_IS_WINDOW (l->data))
        continue;
      path = mdl_editor_get_path (mdl_window_get_editor (l->data));
      if (path == NULL)
        continue;
      open_file = g_file_new_for_path (path);
      if (g_file_equal (open_file, files[i]))
        window = l->data;
    }
    if (window == NULL) {
      window = reusable_window (self);
      if (window == NULL)
        window = new_window (self);
      gtk_window_present (GTK_WINDOW (window));
      mdl_window_load (window, files[i], NULL);
    }
    gtk_window_present (GTK_WINDOW (window));
  }
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlApplication *self = user_data;
  static const char *developers[] = { "The Medley developers", NULL };
  GtkWidget *about;

  g_assert (MDL_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Medley"),
                        "application-icon", "io.github.medley.Medley",
                        "version", MDL_VERSION,
                        "comments", _("Model boards of any architecture, wire them on a canvas "
                                      "and run them on Medley's own emulation engine."),
                        "developer-name", _("The Medley developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2025 The Medley developers"),
                        /* Translators: your names, one a line, as you want them credited */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlApplication *self = user_data;
  GList *windows;

  g_assert (MDL_IS_APPLICATION (self));

  /* Closing rather than destroying, so each window asks about unsaved
   * changes; the application ends when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", action_about },
  { "quit", action_quit },
};

static void
mdl_application_startup (GApplication *app)
{
  MdlApplication *self = MDL_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit",    { "<Control>q", NULL } },
    { "win.new",     { "<Control>n", NULL } },
    { "win.open",    { "<Control>o", NULL } },
    { "win.save",    { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.run",     { "F5", NULL } },
    { "win.pause",   { "<Shift>F5", NULL } },
    { "win.step",    { "<Alt>F11", NULL } },
    { "win.step-line",     { "F10", NULL } },
    { "win.step-into",     { "F11", NULL } },
    { "win.step-over",     { "<Control>F11", NULL } },
    { "win.step-out",      { "<Shift>F11", NULL } },
    { "win.run-to-cursor", { "<Control>F10", NULL } },
    { "win.step-back",     { "<Control><Shift>F10", NULL } },
    { "win.step-back-instruction", { "<Alt><Shift>F11", NULL } },
    { "win.reverse-continue", { "<Control><Shift>F5", NULL } },
    { "win.show-views",    { "F9", NULL } },
    { "win.zoom-in",    { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out",   { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.zoom-fit",   { "<Control>1", NULL } },
  };

  G_APPLICATION_CLASS (mdl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
  gtk_window_set_default_icon_name ("io.github.medley.Medley");
}

static void
mdl_application_finalize (GObject *object)
{
  MdlApplication *self = MDL_APPLICATION (object);

  g_free (self->default_board);
  g_strfreev (self->board_dirs);
  g_clear_pointer (&self->examples, g_ptr_array_unref);
  G_OBJECT_CLASS (mdl_application_parent_class)->finalize (object);
}

static void
mdl_application_class_init (MdlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mdl_application_finalize;
  app_class->startup = mdl_application_startup;
  app_class->activate = mdl_application_activate;
  app_class->open = mdl_application_open;

  mdl_register_resource ();
  (void) medley_icons_get_resource ();
}

static void
mdl_application_init (MdlApplication *self)
{
}

static int
compare_basenames (gconstpointer a, gconstpointer b)
{
  g_autofree char *ba = g_path_get_basename (*(char **) a);
  g_autofree char *bb = g_path_get_basename (*(char **) b);

  return g_utf8_collate (ba, bb);
}

/* The first folder holding a board of a given name wins, as for firmware. */
static GPtrArray *
find_examples (const char *const *dirs)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; dirs != NULL && dirs[i]; i++) {
    g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
      if (!g_str_has_suffix (name, ".dts") || g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, g_strdup (name));
      g_ptr_array_add (found, g_build_filename (dirs[i], name, NULL));
    }
  }
  g_ptr_array_sort (found, compare_basenames);
  g_ptr_array_add (found, NULL);
  return found;
}

MdlApplication *
mdl_application_new (const char *default_board, const char *const *board_dirs,
                     GApplicationFlags flags)
{
  MdlApplication *self = g_object_new (MDL_TYPE_APPLICATION,
                                       "application-id", "io.github.medley.Medley",
                                       "flags", G_APPLICATION_HANDLES_OPEN | flags,
                                       NULL);

  self->default_board = g_strdup (default_board);
  self->board_dirs = g_strdupv ((char **) board_dirs);
  self->examples = find_examples (board_dirs);
  /* Firmware named by a board is looked up in the same folders. */
  mdl_editor_set_search_dirs ((const char *const *) self->board_dirs);
  return self;
}

const char *
mdl_application_get_default_board (MdlApplication *self)
{
  g_return_val_if_fail (MDL_IS_APPLICATION (self), NULL);
  return self->default_board;
}

const char *const *
mdl_application_get_board_dirs (MdlApplication *self)
{
  g_return_val_if_fail (MDL_IS_APPLICATION (self), NULL);
  return (const char *const *) self->board_dirs;
}

const char *const *
mdl_application_get_examples (MdlApplication *self)
{
  g_return_val_if_fail (MDL_IS_APPLICATION (self), NULL);
  return (const char *const *) self->examples->pdata;
}
