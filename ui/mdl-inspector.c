/* MdlInspector: a form generated from a component's typed properties.
 *
 * The form is rebuilt only when another component is shown; edits to the
 * shown one (ours, undo, a drag on the canvas) refresh the rows in place so
 * that the field being typed in keeps its text, cursor and focus.  Each
 * field is a row plus a message row under it, hidden while there is
 * nothing to say.
 */
#define G_LOG_DOMAIN "medley-inspector"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mdl-inspector-private.h"
#include "engine/cache-model.h"
#include "engine/registry.h"

#define DEBOUNCE_MS 300

typedef struct {
  MdlInspector *inspector;
  char         *prop;          /* NULL: the component's name */
  MdlPropType   type;
  GtkWidget    *row;           /* AdwEntryRow, AdwActionRow (bool), AdwComboRow (cpu,
                                  or a string of a few words: combo) */
  GtkWidget    *toggle;        /* bool: the GtkSwitch */
  GtkWidget    *button;        /* file: the chooser button */
  GtkEventController *focus;   /* entries: notices leaving the field */
  GtkWidget    *message_row;
  GtkWidget    *message;
  char         *error;         /* why the last text was refused */
  char         *problem;       /* what the editor says is wrong with the value */
  guint         debounce;
  gboolean      updating;      /* we are setting the widget: not the user */
  gboolean      combo;         /* row is an AdwComboRow of words */
} Field;

struct _MdlInspector {
  GtkWidget      parent_instance;

  GtkStack      *stack;
  AdwStatusPage *multi_page;
  GtkBox        *form_box;

  MdlEditor     *editor;
  gulong         changed_id;
  gulong         selection_id;

  /* What the form shows. */
  guint              shown_id;
  const MdlPropInfo *shown_props;
  unsigned           shown_n_props;
  GPtrArray         *fields;         /* Field * */
  AdwPreferencesGroup *header_group;
  GPtrArray         *problem_rows;   /* rows in header_group for problems without a field */
  AdwActionRow      *stop_row;       /* clusters: "Stop on Exceptions", or NULL */
  AdwActionRow      *program_row;    /* clusters the workbench builds for, or NULL */
  GPtrArray         *stop_checks;    /* GtkCheckButton, one per cause of the class */
  gboolean           stop_updating;  /* we set the checks: not the person */

  gboolean       applying;           /* inside an edit we started */
  gboolean       refresh_pending;    /* the editor changed meanwhile */
};

G_DEFINE_FINAL_TYPE (MdlInspector, mdl_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (MdlInspector *self);

/* ------------------------------------------------------------------ */
/* Fields                                                              */

static void
field_free (gpointer data)
{
  Field *f = data;

  /* The widgets outlive us a little (focus leaves them as they go): they
   * must not call back into a freed field. */
  g_signal_handlers_disconnect_by_data (f->row, f);
  if (f->toggle != NULL)
    g_signal_handlers_disconnect_by_data (f->toggle, f);
  if (f->button != NULL)
    g_signal_handlers_disconnect_by_data (f->button, f);
  if (f->focus != NULL)
    g_signal_handlers_disconnect_by_data (f->focus, f);
  g_clear_handle_id (&f->debounce, g_source_remove);
  g_free (f->prop);
  g_free (f->error);
  g_free (f->problem);
  g_free (f);
}

static const MdlComponent *
shown_component (MdlInspector *self)
{
  if (self->editor == NULL || self->shown_id == 0)
    return NULL;
  return mdl_board_doc_find (mdl_editor_get_doc (self->editor), self->shown_id);
}

/* "clock-frequency" -> "Clock frequency", "medley,image" -> "Image". */
static char *
prop_title (const char *prop)
{
  static const struct { const char *prop, *title; } known[] = {
    { "reg",   N_("Base address") },
    { "cpu",   N_("CPU model") },
    { "harts", N_("CPUs in the cluster") },
    { "icache-size", N_("Instruction cache size") },
    { "icache-ways", N_("Instruction cache ways") },
    { "icache-line", N_("Instruction cache line size") },
    { "icache-replacement", N_("Instruction cache replacement") },
    { "dcache-size", N_("Data cache size") },
    { "dcache-ways", N_("Data cache ways") },
    { "dcache-line", N_("Data cache line size") },
    { "dcache-replacement", N_("Data cache replacement") },
    { "dcache-write", N_("Data cache write policy") },
    { "cache-seed", N_("Random replacement seed") },
    { "cache-miss-penalty", N_("Miss penalty (cycles)") },
  };
  const char *comma = strchr (prop, ',');
  char *title;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (prop, known[i].prop) == 0)
      return g_strdup (_(known[i].title));
  title = g_strdup (comma ? comma + 1 : prop);
  g_strdelimit (title, "-_", ' ');
  title[0] = g_ascii_toupper (title[0]);
  return title;
}

/* The words a cluster's string property takes, when it takes a few (the
 * cache model's policies), or NULL. */
static GtkStringList *
prop_words (const char *name)
{
  GtkStringList *words;

  if (g_str_has_suffix (name, "cache-replacement")) {
    words = gtk_string_list_new (NULL);
    for (MdlCacheReplacement r = MDL_CACHE_LRU; r <= MDL_CACHE_RANDOM; r++)
      gtk_string_list_append (words, mdl_cache_replacement_name (r));
    return words;
  }
  if (strcmp (name, "dcache-write") == 0) {
    words = gtk_string_list_new (NULL);
    for (MdlCacheWritePolicy w = MDL_CACHE_WRITE_BACK; w <= MDL_CACHE_WRITE_THROUGH; w++)
      gtk_string_list_append (words, mdl_cache_write_policy_name (w));
    return words;
  }
  return NULL;
}

static gboolean
field_has_focus (Field *f)
{
  GtkRoot *root = gtk_widget_get_root (f->row);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == f->row || gtk_widget_is_ancestor (focus, f->row));
}

static void
field_show_message (Field *f)
{
  const char *text = f->error ? f->error : f->problem;

  gtk_widget_set_visible (f->message_row, text != NULL);
  gtk_label_set_text (GTK_LABEL (f->message), text ? text : "");
  if (f->error != NULL) {
    gtk_widget_remove_css_class (f->message, "warning");
    gtk_widget_add_css_class (f->message, "error");
  } else {
    gtk_widget_remove_css_class (f->message, "error");
    gtk_widget_add_css_class (f->message, "warning");
  }
  /* AdwEntryRow colours itself with these classes. */
  if (f->error != NULL)
    gtk_widget_add_css_class (f->row, "error");
  else
    gtk_widget_remove_css_class (f->row, "error");
  if (f->error == NULL && f->problem != NULL)
    gtk_widget_add_css_class (f->row, "warning");
  else
    gtk_widget_remove_css_class (f->row, "warning");
}

static char *
field_current_text (Field *f, const MdlComponent *c)
{
  int i;

  if (f->prop == NULL)
    return g_strdup (c->name);
  i = mdl_component_find_prop (c, f->prop);
  return i >= 0 ? mdl_component_format_prop (c, (unsigned) i) : g_strdup ("");
}

/* Puts the document's value into the widget, unless the user is editing
 * it: their text (maybe refused, maybe half typed) wins until they leave. */
static void
field_sync (Field *f, const MdlComponent *c, gboolean force)
{
  g_autofree char *text = field_current_text (f, c);

  f->updating = TRUE;
  if (f->type == MDL_PROP_BOOL && f->prop != NULL) {
    int i = mdl_component_find_prop (c, f->prop);
    gtk_switch_set_active (GTK_SWITCH (f->toggle), i >= 0 && c->values[i].u64 != 0);
  } else if (f->combo) {
    GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (f->row));
    guint n = g_list_model_get_n_items (model);
    for (guint i = 0; i < n; i++) {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (model), i);
      if (g_strcmp0 (name, text) == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), i);
    }
  } else if (force || (f->error == NULL && f->debounce == 0 && !field_has_focus (f))) {
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (f->row)), text) != 0)
      gtk_editable_set_text (GTK_EDITABLE (f->row), text);
  }
  f->updating = FALSE;
}

static char *
field_text (Field *f)
{
  if (f->type == MDL_PROP_BOOL && f->prop != NULL)
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (f->toggle)) ? "true" : "false");
  if (f->combo) {
    GObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (f->row));
    return g_strdup (item ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
  }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->row)));
}

/* Hands the field's text to the editor.  The editor's "changed" arrives
 * while we are inside; refreshing then could rebuild the form and free
 * @f, so it waits until we are done with @f. */
static void
field_apply (Field *f)
{
  MdlInspector *self = f->inspector;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = field_text (f);
  gboolean ok;

  g_clear_handle_id (&f->debounce, g_source_remove);
  if (self->editor == NULL || shown_component (self) == NULL)
    return;

  self->applying = TRUE;
  if (f->prop == NULL)
    ok = mdl_editor_rename (self->editor, self->shown_id, text, &error);
  else
    ok = mdl_editor_set_prop (self->editor, self->shown_id, f->prop, text, &error);
  self->applying = FALSE;

  g_free (f->error);
  f->error = ok ? NULL : g_strdup (error ? error->message : _("The value was refused"));
  field_show_message (f);

  if (self->refresh_pending) {
    self->refresh_pending = FALSE;
    refresh (self);   /* may free @f */
  }
}

static gboolean
field_debounce_cb (gpointer data)
{
  Field *f = data;

  f->debounce = 0;
  field_apply (f);
  return G_SOURCE_REMOVE;
}

static void
field_changed_cb (GtkEditable *editable, Field *f)
{
  if (f->updating)
    return;
  g_clear_handle_id (&f->debounce, g_source_remove);
  f->debounce = g_timeout_add (DEBOUNCE_MS, field_debounce_cb, f);
}

/* Enter: apply now, and show the value as the document now spells it. */
static void
field_activated_cb (AdwEntryRow *row, Field *f)
{
  MdlInspector *self = f->inspector;
  const MdlComponent *c;

  field_apply (f);
  /* field_apply may have rebuilt the form: find our field again. */
  for (guint i = 0; i < self->fields->len; i++) {
    if (g_ptr_array_index (self->fields, i) == f && f->error == NULL &&
        (c = shown_component (self)) != NULL)
      field_sync (f, c, TRUE);
  }
}

static void
field_focus_leave_cb (GtkEventControllerFocus *controller, Field *f)
{
  MdlInspector *self = f->inspector;
  const MdlComponent *c;

  if (f->debounce != 0)
    field_apply (f);
  for (guint i = 0; i < self->fields->len; i++) {
    if (g_ptr_array_index (self->fields, i) == f && f->error == NULL &&
        (c = shown_component (self)) != NULL)
      field_sync (f, c, TRUE);
  }
}

static void
field_toggled_cb (GObject *object, GParamSpec *pspec, Field *f)
{
  if (!f->updating)
    field_apply (f);
}

/* ---- file chooser ---- */

typedef struct {
  GWeakRef inspector;
  guint    component;
  char    *prop;
} FileRequest;

static void
file_request_free (FileRequest *req)
{
  g_weak_ref_clear (&req->inspector);
  g_free (req->prop);
  g_free (req);
}

static void
file_chosen_cb (GtkNativeDialog *dialog, int response, FileRequest *req)
{
  g_autoptr(MdlInspector) self = g_weak_ref_get (&req->inspector);
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL && self->shown_id == req->component &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL) {
    const char *board = mdl_editor_get_path (self->editor);
    g_autoptr(GFile) board_file = board ? g_file_new_for_path (board) : NULL;
    g_autoptr(GFile) dir = board_file ? g_file_get_parent (board_file) : NULL;

    /* Board files name their firmware relative to themselves so that
     * the board and its firmware move together. */
    if (dir != NULL)
      text = g_file_get_relative_path (dir, file);
    if (text == NULL)
      text = g_file_get_path (file);
    for (guint i = 0; i < self->fields->len; i++) {
      Field *f = g_ptr_array_index (self->fields, i);
      if (g_strcmp0 (f->prop, req->prop) == 0) {
        f->updating = TRUE;
        gtk_editable_set_text (GTK_EDITABLE (f->row), text);
        f->updating = FALSE;
        field_apply (f);
        break;
      }
    }
  }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  file_request_free (req);
}

static void
choose_file_cb (GtkButton *button, Field *f)
{
  MdlInspector *self = f->inspector;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  FileRequest *req = g_new0 (FileRequest, 1);
  const char *board = mdl_editor_get_path (self->editor);

  g_weak_ref_init (&req->inspector, self);
  req->component = self->shown_id;
  req->prop = g_strdup (f->prop);

  /* GtkFileDialog is GTK 4.10; Debian 12 has 4.8. */
  dialog = gtk_file_chooser_native_new (_("Choose a File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("ELF executables"));
  gtk_file_filter_add_pattern (filter, "*.elf");
  gtk_file_filter_add_mime_type (filter, "application/x-executable");
  gtk_file_filter_add_mime_type (filter, "application/x-sharedlib");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  if (board != NULL) {
    g_autoptr(GFile) file = g_file_new_for_path (board);
    g_autoptr(GFile) dir = g_file_get_parent (file);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL);
  }

  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- building ---- */

static Field *
field_new (MdlInspector *self, AdwPreferencesGroup *group, const MdlComponent *c,
           const MdlPropInfo *info)
{
  Field *f = g_new0 (Field, 1);
  g_autofree char *title = info ? prop_title (info->name) : g_strdup (_("Name"));
  g_autoptr(GtkStringList) words = info != NULL && c->kind == MDL_COMPONENT_CLUSTER
                                   ? prop_words (info->name) : NULL;

  f->inspector = self;
  f->prop = info ? g_strdup (info->name) : NULL;
  f->type = info ? info->type : MDL_PROP_STRING;

  if (info != NULL && info->type == MDL_PROP_BOOL) {
    f->row = adw_action_row_new ();
    f->toggle = gtk_switch_new ();
    gtk_widget_set_valign (f->toggle, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->toggle);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f->row), f->toggle);
    g_signal_connect (f->toggle, "notify::active", G_CALLBACK (field_toggled_cb), f);
  } else if (info != NULL && (info->type == MDL_PROP_CPU || words != NULL)) {
    const MdlCpuClass *const *cpus = mdl_registry_cpus ();
    g_autoptr(GtkStringList) names = g_steal_pointer (&words);

    /* Every registered model: a cluster may change architecture too (its
     * firmware then shows as mismatched). */
    if (info->type == MDL_PROP_CPU) {
      names = gtk_string_list_new (NULL);
      for (guint i = 0; cpus != NULL && cpus[i] != NULL; i++)
        gtk_string_list_append (names, cpus[i]->name);
    }
    f->combo = TRUE;
    f->row = adw_combo_row_new ();
    adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (names));
    g_signal_connect (f->row, "notify::selected", G_CALLBACK (field_toggled_cb), f);
  } else {
    f->row = adw_entry_row_new ();
    g_signal_connect (f->row, "changed", G_CALLBACK (field_changed_cb), f);
    g_signal_connect (f->row, "entry-activated", G_CALLBACK (field_activated_cb), f);
    f->focus = gtk_event_controller_focus_new ();
    g_signal_connect (f->focus, "leave", G_CALLBACK (field_focus_leave_cb), f);
    gtk_widget_add_controller (f->row, f->focus);
    if (info != NULL && info->type == MDL_PROP_FILE) {
      f->button = gtk_button_new_from_icon_name ("document-open-symbolic");
      gtk_widget_set_valign (f->button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (f->button, _("Choose a File…"));
      gtk_widget_add_css_class (f->button, "flat");
      g_signal_connect (f->button, "clicked", G_CALLBACK (choose_file_cb), f);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (f->row), f->button);
    }
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), title);
  if (info != NULL && info->description != NULL && info->description[0] != '\0') {
    /* Marked with N_() where the property is declared. */
    const char *description = _(info->description);
    g_autofree char *tip = g_strdup_printf ("%s (%s)", description, info->name);
    gtk_widget_set_tooltip_text (f->row, tip);
    if (info->type == MDL_PROP_BOOL)
      adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), description);
  }

  /* The message row: a plain preferences row holding one wrapped label,
   * so the reason sits right under the value it is about. */
  f->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (f->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (f->message), 0);
  gtk_widget_set_margin_start (f->message, 12);
  gtk_widget_set_margin_end (f->message, 12);
  gtk_widget_set_margin_top (f->message, 6);
  gtk_widget_set_margin_bottom (f->message, 6);
  gtk_widget_add_css_class (f->message, "caption");
  f->message_row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                 "activatable", FALSE,
                                 "selectable", FALSE,
                                 "focusable", FALSE,
                                 "visible", FALSE,
                                 "child", f->message,
                                 NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (f->row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, f->message, NULL, -1);

  adw_preferences_group_add (group, f->row);
  adw_preferences_group_add (group, f->message_row);
  field_sync (f, c, TRUE);
  return f;
}

static void
clear_form (MdlInspector *self)
{
  GtkWidget *child;

  /* Fields first: their timeouts point at them. */
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->problem_rows, 0);
  g_ptr_array_set_size (self->stop_checks, 0);
  self->stop_row = NULL;
  self->program_row = NULL;
  self->header_group = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
}

/* ---- stop on exceptions (clusters) ----
 * The causes are the CPU class's (exception_names); the choice is the
 * window's, kept as the state of its "stop-causes" action (a string
 * array), so that it outlasts this form and applies to every run. */

static GActionGroup *
window_actions (MdlInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL || !G_IS_ACTION_GROUP (root) ||
      !g_action_group_has_action (G_ACTION_GROUP (root), "stop-causes"))
    return NULL;
  return G_ACTION_GROUP (root);
}

static gboolean
cause_chosen (GVariant *state, const char *cause)
{
  g_autofree const char **causes = state ? g_variant_get_strv (state, NULL) : NULL;

  for (guint i = 0; causes != NULL && causes[i] != NULL; i++)
    if (g_strcmp0 (causes[i], cause) == 0)
      return TRUE;
  return FALSE;
}

/* The checks and the row's summary from the window's state. */
static void
stop_sync (MdlInspector *self)
{
  GActionGroup *actions = window_actions (self);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  if (self->stop_row == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->stop_row), actions != NULL);
  if (actions == NULL)
    return;
  state = g_action_group_get_action_state (actions, "stop-causes");
  self->stop_updating = TRUE;
  for (guint i = 0; i < self->stop_checks->len; i++) {
    GtkCheckButton *check = g_ptr_array_index (self->stop_checks, i);
    const char *cause = g_object_get_data (G_OBJECT (check), "cause");
    gboolean on = cause_chosen (state, cause);

    gtk_check_button_set_active (check, on);
    if (on)
      g_string_append_printf (summary, "%s%s", summary->len ? ", " : "", cause);
  }
  self->stop_updating = FALSE;
  adw_action_row_set_subtitle (self->stop_row, summary->len ? summary->str : _("None"));
}

static void
stop_toggled_cb (GtkCheckButton *check, GParamSpec *pspec, MdlInspector *self)
{
  GActionGroup *actions = window_actions (self);
  const char *cause = g_object_get_data (G_OBJECT (check), "cause");
  g_autoptr(GVariant) state = NULL;
  g_autofree const char **old = NULL;
  g_autoptr(GPtrArray) causes = g_ptr_array_new ();

  if (self->stop_updating || actions == NULL)
    return;
  /* Causes of other classes (another cluster's) stay chosen. */
  state = g_action_group_get_action_state (actions, "stop-causes");
  old = state ? g_variant_get_strv (state, NULL) : NULL;
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (g_strcmp0 (old[i], cause) != 0)
      g_ptr_array_add (causes, (gpointer) old[i]);
  if (gtk_check_button_get_active (check))
    g_ptr_array_add (causes, (gpointer) cause);
  g_action_group_change_action_state (
    actions, "stop-causes",
    g_variant_new_strv ((const char *const *) causes->pdata, causes->len));
  stop_sync (self);
}

static void
stop_popover_show_cb (GtkWidget *popover, MdlInspector *self)
{
  stop_sync (self);
}

static void
stop_row_add (MdlInspector *self, AdwPreferencesGroup *group, const MdlCpuClass *cls)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (_("Pause the machine when a CPU takes:"));

  self->stop_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stop_row), _("Stop on Exceptions"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_row),
                               _("Pause with a message naming the CPU, the instruction and "
                                 "the address when one of these exceptions is taken"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; cls->exception_names[i] != NULL; i++) {
    GtkWidget *check = gtk_check_button_new_with_label (cls->exception_names[i]);

    g_object_set_data (G_OBJECT (check), "cause", (gpointer) cls->exception_names[i]);
    g_signal_connect (check, "notify::active", G_CALLBACK (stop_toggled_cb), self);
    g_ptr_array_add (self->stop_checks, check);
    gtk_box_append (GTK_BOX (box), check);
  }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (stop_popover_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose the Exceptions"));
  adw_action_row_add_suffix (self->stop_row, button);
  adw_action_row_set_activatable_widget (self->stop_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->stop_row));
  stop_sync (self);
}

static gboolean
is_cache_prop (const char *name)
{
  return g_str_has_prefix (name, "icache-") || g_str_has_prefix (name, "dcache-") ||
         g_str_has_prefix (name, "cache-");
}

/* The program row names the cluster's source once it has one: building
 * a new program sets the property without changing the form's layout, so
 * the row is brought up to date at every refresh too. */
static void
show_program (MdlInspector *self, const MdlComponent *c)
{
  const char *source = mdl_component_str (c, "program");

  if (self->program_row != NULL)
    adw_action_row_set_subtitle (self->program_row,
                                 source ? source : _("Write one from a template"));
}

static void
build_form (MdlInspector *self, const MdlComponent *c)
{
  AdwPreferencesGroup *group;
  const char *cls_name = c->kind == MDL_COMPONENT_CLUSTER
                         ? (c->cpu_cls ? c->cpu_cls->name : _("CPU cluster"))
                         : (c->dev_cls ? c->dev_cls->name : _("Device"));
  const char *cls_desc = c->kind == MDL_COMPONENT_CLUSTER
                         ? (c->cpu_cls ? c->cpu_cls->description : NULL)
                         : (c->dev_cls ? c->dev_cls->description : NULL);

  clear_form (self);
  self->shown_id = c->id;
  self->shown_props = c->props;
  self->shown_n_props = c->n_props;

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, cls_name);
  if (cls_desc != NULL && cls_desc[0] != '\0')  /* marked with N_() in the class */
    adw_preferences_group_set_description (group, _(cls_desc));
  g_ptr_array_add (self->fields, field_new (self, group, c, NULL));
  /* A CPU the workbench can build for: a row opening its program window. */
  if (c->kind == MDL_COMPONENT_CLUSTER && c->cpu_cls != NULL && c->cpu_cls->program != NULL) {
    GtkWidget *program = adw_action_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (program), _("Program"));
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (program), FALSE);
    self->program_row = ADW_ACTION_ROW (program);
    show_program (self, c);
    adw_action_row_add_suffix (ADW_ACTION_ROW (program),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
    gtk_widget_set_tooltip_text (program, _("Write, Build and Run This CPU's Program"));
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (program), TRUE);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (program), "win.edit-program");
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (program), g_variant_new_uint32 (c->id));
    adw_preferences_group_add (group, program);
  }
  gtk_box_append (self->form_box, GTK_WIDGET (group));
  self->header_group = group;

  if (c->n_props > 0) {
    AdwPreferencesGroup *cache = NULL;

    group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
    adw_preferences_group_set_title (group, _("Properties"));
    gtk_box_append (self->form_box, GTK_WIDGET (group));
    for (unsigned i = 0; i < c->n_props; i++) {
      /* The cache model's settings (engine/cache-model.h) get a group of
       * their own, after the others. */
      if (c->kind == MDL_COMPONENT_CLUSTER && is_cache_prop (c->props[i].name)) {
        if (cache == NULL) {
          cache = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (cache, _("Cache Model"));
          adw_preferences_group_set_description (
            cache, _("An instruction and a data cache each CPU's accesses go through while "
                     "the board runs, shown on the Cache page. Size 0: no cache."));
        }
        g_ptr_array_add (self->fields, field_new (self, cache, c, &c->props[i]));
        continue;
      }
      g_ptr_array_add (self->fields, field_new (self, group, c, &c->props[i]));
    }
    if (cache != NULL)
      gtk_box_append (self->form_box, GTK_WIDGET (cache));
  }
  if (c->kind == MDL_COMPONENT_CLUSTER && c->cpu_cls != NULL &&
      c->cpu_cls->exception_names != NULL) {
    group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
    adw_preferences_group_set_title (group, _("When Running"));
    stop_row_add (self, group, c->cpu_cls);
    gtk_box_append (self->form_box, GTK_WIDGET (group));
  }
}

/* Problems of the shown component go under their field; those about no
 * field (or a field not shown) go to the top of the form. */
static void
show_problems (MdlInspector *self, const MdlComponent *c)
{
  GPtrArray *problems = mdl_editor_get_problems (self->editor);

  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->header_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  for (guint i = 0; i < self->fields->len; i++) {
    Field *f = g_ptr_array_index (self->fields, i);
    g_clear_pointer (&f->problem, g_free);
  }

  for (guint p = 0; problems != NULL && p < problems->len; p++) {
    const MdlProblem *prob = g_ptr_array_index (problems, p);
    gboolean placed = FALSE;

    if (prob->component != c->id)
      continue;
    for (guint i = 0; i < self->fields->len && prob->prop != NULL && !placed; i++) {
      Field *f = g_ptr_array_index (self->fields, i);
      if (g_strcmp0 (f->prop, prob->prop) == 0 && f->problem == NULL) {
        f->problem = g_strdup (prob->message);
        placed = TRUE;
      }
    }
    if (!placed) {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prob->message);
      adw_preferences_group_add (self->header_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
  }

  for (guint i = 0; i < self->fields->len; i++)
    field_show_message (g_ptr_array_index (self->fields, i));
}

static char *
describe_wire (const MdlBoardDoc *doc, guint id)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const MdlComponent *from, *to;

    if (w->id != id)
      continue;
    from = mdl_board_doc_find (doc, w->from);
    to = mdl_board_doc_find (doc, w->to);
    if (from == NULL || to == NULL)
      return NULL;
    if (w->kind == MDL_WIRE_MAP)
      return g_strdup_printf (_("%s is mapped into %s"), from->name, to->name);
    return g_strdup_printf (_("Interrupt %u of %s drives input %u of %s (hart %u)"),
                            w->output, from->name, w->input, to->name, w->hart);
  }
  return NULL;
}

static void
refresh (MdlInspector *self)
{
  const GArray *sel = self->editor ? mdl_editor_get_selection (self->editor) : NULL;
  const MdlBoardDoc *doc = self->editor ? mdl_editor_get_doc (self->editor) : NULL;
  const MdlComponent *c = NULL;
  guint n_components = 0, n_wires = 0, wire = 0;

  if (self->applying) {
    self->refresh_pending = TRUE;
    return;
  }

  /* Wires have nothing to edit: one component among selected wires still
   * gets its form. */
  for (guint i = 0; sel != NULL && doc != NULL && i < sel->len; i++) {
    guint id = g_array_index (sel, guint, i);
    if (id & MDL_EDITOR_WIRE_SELECTION) {
      n_wires++;
      wire = id & ~MDL_EDITOR_WIRE_SELECTION;
    } else if (n_components++ == 0) {
      c = mdl_board_doc_find (doc, id);
    }
  }
  if (n_components != 1)
    c = NULL;

  if (c == NULL) {
    clear_form (self);
    self->shown_id = 0;
    if (n_components == 0 && n_wires == 0) {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
    if (n_components == 0 && n_wires == 1) {
      g_autofree char *what = describe_wire (doc, wire);
      adw_status_page_set_title (self->multi_page, _("Wire"));
      adw_status_page_set_description (self->multi_page, what);
    } else {
      guint n = n_components ? n_components : n_wires;
      g_autofree char *title = NULL;

      if (n_components != 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u component selected",
                                              "%u components selected", n), n);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u wire selected",
                                              "%u wires selected", n), n);
      adw_status_page_set_title (self->multi_page, title);
      adw_status_page_set_description (self->multi_page,
                                       _("Select one component to edit its properties"));
    }
    gtk_stack_set_visible_child_name (self->stack, "multi");
    return;
  }

  if (c->id != self->shown_id || c->props != self->shown_props ||
      c->n_props != self->shown_n_props)
    build_form (self, c);
  else
    for (guint i = 0; i < self->fields->len; i++)
      field_sync (g_ptr_array_index (self->fields, i), c, FALSE);
  show_program (self, c);

  adw_preferences_group_set_title (self->header_group,
                                   c->kind == MDL_COMPONENT_CLUSTER
                                   ? (c->cpu_cls ? c->cpu_cls->name : _("CPU cluster"))
                                   : (c->dev_cls ? c->dev_cls->name : _("Device")));
  show_problems (self, c);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

static void
editor_changed_cb (MdlEditor *editor, MdlInspector *self)
{
  g_assert (MDL_IS_INSPECTOR (self));
  refresh (self);
}

/* ------------------------------------------------------------------ */
/* Public and private API                                              */

MdlEditor *
mdl_inspector_get_editor (MdlInspector *self)
{
  g_return_val_if_fail (MDL_IS_INSPECTOR (self), NULL);
  return self->editor;
}

void
mdl_inspector_set_editor (MdlInspector *self, MdlEditor *editor)
{
  g_return_if_fail (MDL_IS_INSPECTOR (self));
  g_return_if_fail (editor == NULL || MDL_IS_EDITOR (editor));

  if (self->editor == editor)
    return;
  if (self->editor != NULL) {
    g_clear_signal_handler (&self->changed_id, self->editor);
    g_clear_signal_handler (&self->selection_id, self->editor);
    g_clear_object (&self->editor);
  }
  clear_form (self);
  self->shown_id = 0;
  if (editor != NULL) {
    self->editor = g_object_ref (editor);
    self->changed_id = g_signal_connect (editor, "changed",
                                         G_CALLBACK (editor_changed_cb), self);
    self->selection_id = g_signal_connect (editor, "selection-changed",
                                           G_CALLBACK (editor_changed_cb), self);
  }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

MdlInspector *
mdl_inspector_new (MdlEditor *editor)
{
  return g_object_new (MDL_TYPE_INSPECTOR, "editor", editor, NULL);
}

const char *
_mdl_inspector_get_page (MdlInspector *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static Field *
find_field (MdlInspector *self, const char *prop)
{
  for (guint i = 0; i < self->fields->len; i++) {
    Field *f = g_ptr_array_index (self->fields, i);
    if (g_strcmp0 (f->prop, prop) == 0)
      return f;
  }
  return NULL;
}

GtkWidget *
_mdl_inspector_get_field (MdlInspector *self, const char *prop)
{
  Field *f = find_field (self, prop);
  return f ? f->row : NULL;
}

GtkWidget *
_mdl_inspector_get_stop_check (MdlInspector *self, const char *cause)
{
  g_return_val_if_fail (MDL_IS_INSPECTOR (self), NULL);

  for (guint i = 0; i < self->stop_checks->len; i++) {
    GtkWidget *check = g_ptr_array_index (self->stop_checks, i);

    if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "cause"), cause) == 0)
      return check;
  }
  return NULL;
}

const char *
_mdl_inspector_get_message (MdlInspector *self, const char *prop)
{
  Field *f = find_field (self, prop);

  if (f == NULL || !gtk_widget_get_visible (f->message_row))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (f->message));
}

void
_mdl_inspector_flush (MdlInspector *self)
{
  for (guint i = 0; i < self->fields->len; i++) {
    Field *f = g_ptr_array_index (self->fields, i);
    if (f->debounce != 0) {
      field_apply (f);
      return;   /* the form may have been rebuilt */
    }
  }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
mdl_inspector_dispose (GObject *object)
{
  MdlInspector *self = MDL_INSPECTOR (object);

  mdl_inspector_set_editor (self, NULL);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_pointer (&self->stop_checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDL_TYPE_INSPECTOR);
  G_OBJECT_CLASS (mdl_inspector_parent_class)->dispose (object);
}

static void
mdl_inspector_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdlInspector *self = MDL_INSPECTOR (object);

  switch (prop_id) {
  case PROP_EDITOR:
    g_value_set_object (value, self->editor);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_inspector_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  MdlInspector *self = MDL_INSPECTOR (object);

  switch (prop_id) {
  case PROP_EDITOR:
    mdl_inspector_set_editor (self, g_value_get_object (value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_inspector_class_init (MdlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_inspector_dispose;
  object_class->get_property = mdl_inspector_get_property;
  object_class->set_property = mdl_inspector_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, MDL_TYPE_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medley/Medley/mdl-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, MdlInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, MdlInspector, multi_page);
  gtk_widget_class_bind_template_child (widget_class, MdlInspector, form_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlinspector");
}

static void
mdl_inspector_init (MdlInspector *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->problem_rows = g_ptr_array_new ();
  self->stop_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
