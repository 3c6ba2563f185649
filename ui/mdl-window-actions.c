#define G_LOG_DOMAIN "medley-window"

/* The window's actions: files, edits, adding components and run control.
 * Which of them are enabled is decided in one place,
 * _mdl_window_update_actions(), called after anything that can change it. */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mdl-window-private.h"

#include "engine/gdbstub.h"
#include "engine/registry.h"

#include "mdl-canvas.h"
#include "mdl-program-window.h"

/* ---- boot options from the command line ---- */

/* The cluster @spec is for, and its value: NAME= names a cluster when the
 * board has one so called (a command line may hold '=' itself), as with
 * `medley run`; else the only cluster, or the only one that hands a
 * device tree to what it boots. */
static const MdlComponent *
boot_cluster (const MdlBoardDoc *doc, const char *spec, const char **value, GString *names)
{
  const char *eq = strchr (spec, '=');
  const MdlComponent *only = NULL, *booting = NULL;
  unsigned n = 0, n_booting = 0;

  *value = spec;
  if (eq != NULL) {
    g_autofree char *name = g_strndup (spec, eq - spec);
    const MdlComponent *c = mdl_board_doc_find_by_name (doc, name);

    if (c != NULL && c->kind == MDL_COMPONENT_CLUSTER) {
      *value = eq + 1;
      return c;
    }
  }
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind != MDL_COMPONENT_CLUSTER)
      continue;
    g_string_append_printf (names, "%s%s", n++ ? ", " : "", c->name);
    only = c;
    if (mdl_component_u64 (c, "device-tree") != 0) {
      booting = c;
      n_booting++;
    }
  }
  return n == 1 ? only : n_booting == 1 ? booting : NULL;
}

gboolean
mdl_window_set_boot_option (MdlWindow *self, const char *option, const char *spec,
                            GError **error)
{
  static const struct { const char *option, *prop; gboolean file; } props[] = {
    { "kernel", "payload", TRUE },
    { "initrd", "initrd", TRUE },
    { "append", "bootargs", FALSE },
  };
  g_autoptr(GString) names = g_string_new (NULL);
  const MdlComponent *c;
  const char *value;
  g_autofree char *text = NULL;
  guint k = 0;

  g_return_val_if_fail (MDL_IS_WINDOW (self), FALSE);

  while (k < G_N_ELEMENTS (props) && g_strcmp0 (props[k].option, option) != 0)
    k++;
  g_return_val_if_fail (k < G_N_ELEMENTS (props), FALSE);
  c = boot_cluster (mdl_editor_get_doc (self->editor), spec, &value, names);
  if (c == NULL) {
    if (names->len == 0)
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The board has no CPU cluster to take “%s”"), spec);
    else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The board has several CPU clusters (%s): say which one takes “%s” "
                     "with --%s NAME=%s"), names->str, spec, option,
                   props[k].file ? "FILE" : "ARGS");
    return FALSE;
  }
  /* Paths on the command line are relative to where the user is. */
  text = props[k].file ? g_canonicalize_filename (value, NULL) : g_strdup (value);
  return mdl_editor_set_prop (self->editor, c->id, props[k].prop, text, error);
}

/* ---- asking about unsaved changes ---- */

typedef struct {
  MdlWindow        *self;
  MdlWindowContinue then;
  gpointer          data;
  GDestroyNotify    destroy;
} Pending;

static void
pending_free (Pending *p)
{
  if (p->destroy != NULL)
    p->destroy (p->data);
  g_object_unref (p->self);
  g_free (p);
}

static void
pending_finish (Pending *p)
{
  p->then (p->self, p->data);
  pending_free (p);
}

void
_mdl_window_show_error (MdlWindow *self, const char *heading, const char *message)
{
  GtkWidget *dialog;

  g_assert (MDL_IS_WINDOW (self));

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_to (MdlWindow *self, const char *where)
{
  g_autoptr(GError) error = NULL;
  /* A copy: @where may be the editor's own path, which saving replaces. */
  g_autofree char *path = g_strdup (where);

  g_assert (MDL_IS_WINDOW (self));

  if (!mdl_editor_save (self->editor, path, &error)) {
    g_autofree char *name = g_path_get_basename (path);
    g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

    _mdl_window_show_error (self, heading, error->message);
    return FALSE;
  }
  self->is_example = FALSE;
  _mdl_window_note_recent (self, path);
  _mdl_window_update_title (self);
  _mdl_window_update_actions (self);
  return TRUE;
}

static void
on_save_as_response (GtkNativeDialog *chooser, int response, Pending *p)
{
  MdlWindow *self = p->self;

  g_assert (MDL_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_autofree char *path = g_file_get_path (file);

    if (path != NULL && save_to (self, path) && p->then != NULL) {
      pending_finish (p);
      p = NULL;
    }
  }
  if (p != NULL)
    pending_free (p);
  g_object_unref (chooser);
}

static GtkFileFilter *
dts_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Boards (Device Tree Sources)"));
  gtk_file_filter_add_pattern (filter, "*.dts");
  gtk_file_filter_add_mime_type (filter, "text/x-device-tree-source");
  return filter;
}

/* Takes @p (which may have no continuation). */
static void
save_as (MdlWindow *self, Pending *p)
{
  GtkFileChooserNative *chooser;
  const char *path = mdl_editor_get_path (self->editor);
  g_autoptr(GtkFileFilter) filter = dts_filter ();

  chooser = gtk_file_chooser_native_new (_("Save Board As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (path != NULL && !self->is_example) {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
  } else {
    g_autofree char *name = path ? g_path_get_basename (path) : g_strdup (_("board.dts"));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response), p);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves in place when the board has a file of its own, else asks where. */
static void
save (MdlWindow *self, Pending *p)
{
  const char *path = mdl_editor_get_path (self->editor);

  if (path == NULL || self->is_example) {
    save_as (self, p);
    return;
  }
  if (save_to (self, path) && p->then != NULL)
    pending_finish (p);
  else
    pending_free (p);
}

static gboolean
pending_finish_idle (gpointer data)
{
  pending_finish (data);
  return G_SOURCE_REMOVE;
}

static void
on_maybe_save_response (AdwMessageDialog *dialog, const char *response, Pending *p)
{
  g_assert (MDL_IS_WINDOW (p->self));

  /* Not from inside the dialog's own "response": the continuation may
   * destroy the window, and the dialog with it, while the dialog still
   * has work to do after emitting (GLib warned of a NULL class). */
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add (pending_finish_idle, p);
  else if (g_strcmp0 (response, "save") == 0)
    save (p->self, p);
  else
    pending_free (p);
}

void
_mdl_window_maybe_save (MdlWindow *self, MdlWindowContinue then, gpointer data,
                        GDestroyNotify destroy)
{
  Pending *p = g_new0 (Pending, 1);
  GtkWidget *dialog;
  const char *path;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_assert (MDL_IS_WINDOW (self));

  p->self = g_object_ref (self);
  p->then = then;
  p->data = data;
  p->destroy = destroy;
  if (!mdl_editor_get_modified (self->editor)) {
    pending_finish (p);
    return;
  }

  path = mdl_editor_get_path (self->editor);
  name = path ? g_path_get_basename (path) : g_strdup (_("Untitled Board"));
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved "
                            "will be lost."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_maybe_save_response), p);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- title and recent files ---- */

void
_mdl_window_update_title (MdlWindow *self)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const char *path = mdl_editor_get_path (self->editor);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (doc != NULL && doc->model != NULL && *doc->model)
    name = g_strdup (doc->model);
  else if (path != NULL)
    name = g_path_get_basename (path);
  else
    name = g_strdup (_("Untitled Board"));

  /* The dot says "unsaved", as GNOME Text Editor's tabs do. */
  title = mdl_editor_get_modified (self->editor) ? g_strdup_printf ("• %s", name)
                                                 : g_strdup (name);
  if (self->is_example) {
    subtitle = g_strdup (_("Example"));
  } else if (path != NULL) {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *dir = g_path_get_dirname (path);
    const char *home = g_get_home_dir ();

    if (g_str_has_prefix (dir, home) && (dir[strlen (home)] == '/' || dir[strlen (home)] == '\0'))
      subtitle = g_strdup_printf ("~%s/%s", dir + strlen (home), base);
    else
      subtitle = g_build_filename (dir, base, NULL);
  } else {
    subtitle = g_strdup (_("Not Saved"));
  }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  window_title = g_strdup_printf ("%s — %s", name, _("Medley"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
_mdl_window_note_recent (MdlWindow *self, const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri != NULL && !self->is_example)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static int
compare_recent (gconstpointer a, gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

void
_mdl_window_rebuild_recent (MdlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) boards = g_ptr_array_new ();
  guint shown = 0;

  g_assert (MDL_IS_WINDOW (self));

  for (GList *l = items; l; l = l->next)
    if (g_str_has_suffix (gtk_recent_info_get_uri (l->data), ".dts"))
      g_ptr_array_add (boards, l->data);
  g_ptr_array_sort (boards, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < boards->len && shown < 10; i++) {
    const char *uri = gtk_recent_info_get_uri (boards->pdata[i]);
    g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
    g_autofree char *label = NULL;
    g_autoptr(GMenuItem) item = NULL;

    if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
      continue;
    label = g_path_get_basename (path);
    item = g_menu_item_new (label, NULL);
    g_menu_item_set_action_and_target (item, "win.open-file", "s", path);
    g_menu_append_item (self->recent_menu, item);
    shown++;
  }
  if (shown == 0)
    /* No such action: GTK shows the item greyed out, saying why it is empty. */
    g_menu_append (self->recent_menu, _("No Recent Boards"), "win.no-recent-boards");
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
fill_examples (MdlWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *const *examples;

  g_menu_remove_all (self->examples_menu);
  if (!MDL_IS_APPLICATION (app))
    return;
  examples = mdl_application_get_examples (MDL_APPLICATION (app));
  for (guint i = 0; examples[i]; i++) {
    g_autofree char *base = g_path_get_basename (examples[i]);
    g_autoptr(GMenuItem) item = NULL;

    *strrchr (base, '.') = '\0';
    item = g_menu_item_new (base, NULL);
    g_menu_item_set_action_and_target (item, "win.open-example", "s", examples[i]);
    g_menu_append_item (self->examples_menu, item);
  }
}

/* ---- actions ---- */

static void
new_confirmed (MdlWindow *self, gpointer data)
{
  mdl_editor_new_board (self->editor);
  self->is_example = FALSE;
  _mdl_window_discard_runner (self);
  _mdl_window_remove_consoles (self);
  _mdl_window_update_title (self);
  _mdl_window_update_status (self);
  _mdl_window_update_actions (self);
}

static void
action_new (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_maybe_save (self, new_confirmed, NULL, NULL);
}

static void
open_path_confirmed (MdlWindow *self, gpointer data)
{
  const char *path = data;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert (MDL_IS_WINDOW (self));
  mdl_window_load (self, file, NULL);
}

static void
open_example_confirmed (MdlWindow *self, gpointer data)
{
  open_path_confirmed (self, data);
  _mdl_window_refocus (self);
  /* A shipped board is a template: saving it asks for a file of one's own
   * rather than overwriting the installed copy. */
  if (g_strcmp0 (mdl_editor_get_path (self->editor), data) == 0) {
    self->is_example = TRUE;
    _mdl_window_update_title (self);
    _mdl_window_update_actions (self);
  }
}

static void
on_open_response (GtkNativeDialog *chooser, int response, MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    char *path = g_file_get_path (file);

    if (path != NULL)
      _mdl_window_maybe_save (self, open_path_confirmed, path, g_free);
  }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
action_open (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = dts_filter ();

  g_assert (MDL_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (_("Open Board"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_open_file (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_maybe_save (self, open_path_confirmed,
                          g_variant_dup_string (param, NULL), g_free);
}

static void
action_open_example (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_maybe_save (self, open_example_confirmed,
                          g_variant_dup_string (param, NULL), g_free);
}

static void
action_save (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;
  Pending *p = g_new0 (Pending, 1);

  g_assert (MDL_IS_WINDOW (self));
  p->self = g_object_ref (self);
  save (self, p);
}

static void
action_save_as (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;
  Pending *p = g_new0 (Pending, 1);

  g_assert (MDL_IS_WINDOW (self));
  p->self = g_object_ref (self);
  save_as (self, p);
}

static void
action_undo (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  mdl_editor_undo (self->editor);
}

static void
action_redo (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  mdl_editor_redo (self->editor);
}

static void
action_delete (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  mdl_editor_delete_selection (self->editor);
}

/* A spot on the canvas grid no component starts near, so that components
 * added from the palette (rather than dropped) don't pile up. */
static void
free_position (MdlWindow *self, double *x, double *y)
{
  if (self->canvas != NULL) {
    mdl_canvas_free_position (MDL_CANVAS (self->canvas), x, y);
    return;
  }
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  const double step_x = 240, step_y = 160, margin = 40;

  for (guint slot = 0; ; slot++) {
    double cx = margin + (slot % 4) * step_x;
    double cy = margin + (slot / 4) * step_y;
    gboolean taken = FALSE;

    for (guint i = 0; doc != NULL && i < doc->components->len && !taken; i++) {
      const MdlComponent *c = doc->components->pdata[i];
      taken = fabs (c->x - cx) < step_x / 2 && fabs (c->y - cy) < step_y / 2;
    }
    if (!taken) {
      *x = cx;
      *y = cy;
      return;
    }
  }
}

static void
action_add_component (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;
  const char *spec = g_variant_get_string (param, NULL);
  guint id = 0;
  double x, y;

  g_assert (MDL_IS_WINDOW (self));

  free_position (self, &x, &y);
  if (g_str_has_prefix (spec, "device:")) {
    const MdlDeviceClass *cls = mdl_registry_find_device (spec + strlen ("device:"));
    if (cls != NULL)
      id = mdl_editor_add_device (self->editor, cls, x, y);
  } else if (g_str_has_prefix (spec, "cpu:")) {
    const MdlCpuClass *cls = mdl_registry_find_cpu_by_name (spec + strlen ("cpu:"));
    if (cls == NULL)
      cls = mdl_registry_find_cpu (spec + strlen ("cpu:"));
    if (cls != NULL)
      id = mdl_editor_add_cluster (self->editor, cls, x, y);
  }
  if (id == 0) {
    g_warning ("No component class for “%s”", spec);
    return;
  }
  mdl_editor_set_selection (self->editor, &id, 1);
}

static void
action_run (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_run (self);
}

static void
action_pause (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_pause (self);
}

static void
action_step (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step (self);
}

static void
action_step_over (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_over (self);
}

static void
action_step_line (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_line (self, MDL_STEP_LINE);
}

static void
action_step_into (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_line (self, MDL_STEP_INTO);
}

static void
action_step_out (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_out (self);
}

static void
action_run_to_cursor (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_run_to_cursor (self);
}

static void
action_step_back (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_back (self, TRUE);
}

static void
action_step_back_instruction (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_step_back (self, FALSE);
}

static void
action_reverse_continue (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_reverse_continue (self);
}

static void
action_save_point (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_save_point (self);
}

static void
action_restore_point (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_restore_point (self, g_variant_get_string (param, NULL));
}

/* Hidden views are unmapped, so they stop asking the engine for memory
 * and disassembly. */
static void
action_show_views (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  g_simple_action_set_state (action, state);
  self->views_asked = TRUE;
  _mdl_window_update_panes (self);
}

/* A GDB server for every CPU of the machine, on loopback from port 1234 up
 * (any free port when one is taken); the ports are shown in a toast. */
static void
action_gdb (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  MdlWindow *self = user_data;
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GString) ports = NULL;
  g_autofree char *message = NULL;

  g_assert (MDL_IS_WINDOW (self));

  g_clear_pointer (&self->gdb_servers, g_ptr_array_unref);
  if (!g_variant_get_boolean (state) || self->runner == NULL) {
    g_simple_action_set_state (action, g_variant_new_boolean (FALSE));
    return;
  }
  snap = mdl_session_ref_snapshot (self->session);
  self->gdb_servers = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_gdb_server_free);
  ports = g_string_new (NULL);
  for (unsigned i = 0; i < snap->n_cpus; i++) {
    g_autoptr(GError) error = NULL;
    MdlGdbServer *srv = mdl_gdb_server_new (self->runner, i, NULL, (guint16) (1234 + i), NULL);

    if (srv == NULL)
      srv = mdl_gdb_server_new (self->runner, i, NULL, 0, &error);
    if (ports->len > 0)
      g_string_append (ports, ", ");
    if (srv == NULL) {
      g_string_append_printf (ports, "%s: %s", snap->cpus[i].name, error->message);
      continue;
    }
    g_ptr_array_add (self->gdb_servers, srv);
    g_string_append_printf (ports, "%s :%u", snap->cpus[i].name, mdl_gdb_server_port (srv));
  }
  g_simple_action_set_state (action, state);
  /* TRANSLATORS: followed by "CPU :PORT" pairs for gdb's target remote */
  message = g_strdup_printf (_("GDB: %s"), ports->str);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
action_reset (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  _mdl_window_reset (self);
}

/* Zoom acts on the canvas; without one built in there is nothing to do. */
static void
action_zoom (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  g_assert (MDL_IS_WINDOW (self));

  if (self->canvas == NULL)
    return;
  if (g_str_equal (name, "zoom-in"))
    mdl_canvas_zoom_in (MDL_CANVAS (self->canvas));
  else if (g_str_equal (name, "zoom-out"))
    mdl_canvas_zoom_out (MDL_CANVAS (self->canvas));
  else if (g_str_equal (name, "zoom-reset"))
    mdl_canvas_zoom_reset (MDL_CANVAS (self->canvas));
  else
    mdl_canvas_zoom_fit (MDL_CANVAS (self->canvas));
}

/* The exception causes the person chose to stop on (the inspector lists
 * each CPU class's): the action's state is where the window keeps them,
 * across runs and boards, as the speed menu keeps its choices. */
static void
action_stop_causes (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));

  g_simple_action_set_state (action, value);
  _mdl_window_apply_speed (self);
}

/* The program window of a cluster (the inspector's Program button). */
static void
action_edit_program (GSimpleAction *action, GVariant *param, gpointer data)
{
  MdlWindow *self = MDL_WINDOW (data);

  g_assert (MDL_IS_WINDOW (self));
  mdl_program_window_show (self, g_variant_get_uint32 (param));
}

static const GActionEntry win_actions[] = {
  { "new", action_new },
  { "open", action_open },
  { "open-file", action_open_file, "s" },
  { "open-example", action_open_example, "s" },
  { "save", action_save },
  { "save-as", action_save_as },
  { "undo", action_undo },
  { "redo", action_redo },
  { "delete", action_delete },
  { "add-component", action_add_component, "s" },
  { "run", action_run },
  { "pause", action_pause },
  { "step", action_step },
  { "step-over", action_step_over },
  { "step-out", action_step_out },
  { "step-line", action_step_line },
  { "step-into", action_step_into },
  { "run-to-cursor", action_run_to_cursor },
  { "step-back", action_step_back },
  { "step-back-instruction", action_step_back_instruction },
  { "reverse-continue", action_reverse_continue },
  { "save-point", action_save_point },
  { "restore-point", action_restore_point, "s" },
  { "show-views", NULL, NULL, "true", action_show_views },
  { "gdb", NULL, NULL, "false", action_gdb },
  { "stop-causes", NULL, NULL, "@as []", action_stop_causes },
  { "reset", action_reset },
  { "zoom-in", action_zoom },
  { "zoom-out", action_zoom },
  { "zoom-reset", action_zoom },
  { "zoom-fit", action_zoom },
  { "edit-program", action_edit_program, "u" },
};

static void
set_enabled (MdlWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The problems that keep the board from running, one per line. */
char *
_mdl_window_problems_text (MdlWindow *self)
{
  GPtrArray *problems = mdl_editor_get_problems (self->editor);
  g_autoptr(GString) s = NULL;

  if (problems == NULL || problems->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++) {
    const MdlProblem *p = problems->pdata[i];
    const MdlComponent *c = p->component ? mdl_board_doc_find (mdl_editor_get_doc (self->editor),
                                                               p->component)
                                         : NULL;
    if (i)
      g_string_append_c (s, '\n');
    if (c != NULL)
      g_string_append_printf (s, "%s: ", c->name);
    g_string_append (s, p->message);
  }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
_mdl_window_update_actions (MdlWindow *self)
{
  const GArray *selection = mdl_editor_get_selection (self->editor);
  g_autofree char *problems = _mdl_window_problems_text (self);
  gboolean have = self->runner != NULL;
  gboolean running = have && self->state == MDL_RUNNER_RUNNING;
  gboolean finished = have && (self->state == MDL_RUNNER_HALTED ||
                               self->state == MDL_RUNNER_STOPPED);
  gboolean back;

  g_assert (MDL_IS_WINDOW (self));

  set_enabled (self, "save", mdl_editor_get_modified (self->editor) ||
                             mdl_editor_get_path (self->editor) == NULL ||
                             self->is_example);
  set_enabled (self, "undo", mdl_editor_can_undo (self->editor));
  set_enabled (self, "redo", mdl_editor_can_redo (self->editor));
  set_enabled (self, "delete", selection != NULL && selection->len > 0);
  /* A machine that exists was built from the document as it is now (an
   * edit discards it), so the document's problems decide for both. */
  set_enabled (self, "run", problems == NULL && !running);
  set_enabled (self, "pause", running);
  set_enabled (self, "step", problems == NULL && !finished);
  set_enabled (self, "step-over", problems == NULL && !finished);
  set_enabled (self, "step-out", problems == NULL && !finished);
  set_enabled (self, "step-line", problems == NULL && !finished);
  set_enabled (self, "step-into", problems == NULL && !finished);
  set_enabled (self, "run-to-cursor", have && !finished);
  /* Back in time from a finished guest too: it had not finished then. */
  back = _mdl_window_can_go_back (self);
  set_enabled (self, "step-back", back);
  set_enabled (self, "step-back-instruction", back);
  set_enabled (self, "reverse-continue", back);
  set_enabled (self, "save-point", have);
  set_enabled (self, "restore-point", have && self->points->len > 0);
  set_enabled (self, "reset", have);
  /* GDB needs a machine; discarding it closes the servers. */
  set_enabled (self, "gdb", have);
  if (self->gdb_servers == NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              "gdb")),
                               g_variant_new_boolean (FALSE));

  /* One button for Run and Pause, as media players do. */
  if (running) {
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.pause");
    gtk_button_set_icon_name (self->run_button, "media-playback-pause-symbolic");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), _("Pause (Shift+F5)"));
  } else {
    g_autofree char *tip = NULL;

    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.run");
    gtk_button_set_icon_name (self->run_button, "media-playback-start-symbolic");
    if (problems != NULL)
      tip = g_strdup_printf (_("Cannot run:\n%s"), problems);
    else if (have && self->state == MDL_RUNNER_PAUSED)
      tip = g_strdup (_("Continue (F5)"));
    else if (finished)
      tip = g_strdup (_("Run Again (F5)"));
    else
      tip = g_strdup (_("Run (F5)"));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), tip);
  }
  _mdl_window_update_panes (self);
}

static gboolean
on_recent_changed_idle (gpointer data)
{
  _mdl_window_rebuild_recent (MDL_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_recent_changed (GtkRecentManager *manager, MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));
  g_idle_add_full (G_PRIORITY_LOW, on_recent_changed_idle, g_object_ref (self), g_object_unref);
}

void
_mdl_window_init_actions (MdlWindow *self)
{
  GtkEventController *shortcuts;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  /* Undo, redo and Delete mean something else in a text entry (the
   * inspector's), so they are handled in the bubble phase: only when the
   * focused widget left the key alone. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                      gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>z|<Control>y"),
                      gtk_named_action_new ("win.redo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                      gtk_named_action_new ("win.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (on_recent_changed), self, 0);
  _mdl_window_rebuild_recent (self);
}

void
_mdl_window_application_set (MdlWindow *self)
{
  fill_examples (self);
}
