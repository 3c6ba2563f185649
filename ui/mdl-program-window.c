#define G_LOG_DOMAIN "mdl-program-window"

/* One cluster's program: edit, build, run (mdl-program-window.h). */

#include "mdl-program-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-editor.h"
#include "mdl-program-build.h"
#include "mdl-window-private.h"

struct _MdlProgramWindow {
  AdwWindow parent_instance;

  MdlWindow        *window;      /* weak: the board's window */
  MdlEditor        *editor;      /* the board document, the window's */
  guint             cluster;
  char             *board_path;  /* the board file it was opened with */
  GCancellable     *cancellable;
  gboolean          building;
  gboolean          run_after;
  guint             n_builds;
  gboolean          last_ok;
  char             *message;
  guint             pulse_id;
  AdwToast         *toast;       /* the last one, while shown */

  AdwWindowTitle   *title;
  AdwToastOverlay  *toasts;
  GtkStack         *stack;
  AdwStatusPage    *empty;
  MdlProgramEditor *source;
  GtkWidget        *build_button;
  GtkWidget        *run_button;
  GtkWidget        *spinner;
  GtkRevealer      *problems_revealer;
  GtkListBox       *problems;
  GtkLabel         *problems_title;
  GtkLabel         *status;
  GtkProgressBar   *progress;
  guint             n_problems;

  /* The debugger's side: the last stop shown */
  MdlRunner        *shown_runner; /* compared only, never used */
  guint64           shown_seq;
  gboolean          shown_running;
  guint64           shown_time;     /* virtual time of the last snapshot seen */
};

G_DEFINE_FINAL_TYPE (MdlProgramWindow, mdl_program_window, ADW_TYPE_WINDOW)

#define WINDOWS_KEY "mdl-program-windows"

/* ---- the cluster and its files ------------------------------------------- */

static const MdlComponent *
cluster (MdlProgramWindow *self)
{
  const MdlComponent *c = mdl_board_doc_find (mdl_editor_get_doc (self->editor), self->cluster);

  return c != NULL && c->kind == MDL_COMPONENT_CLUSTER ? c : NULL;
}

/* The board's folder, or NULL when the board was never saved. */
static char *
board_dir (MdlProgramWindow *self)
{
  const char *path = mdl_editor_get_path (self->editor);

  return path ? g_path_get_dirname (path) : NULL;
}

static char *
absolute_in_board_dir (MdlProgramWindow *self, const char *name)
{
  g_autofree char *dir = board_dir (self);

  if (name == NULL || dir == NULL)
    return NULL;
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_build_filename (dir, name, NULL);
}

/* ---- what the window shows ----------------------------------------------- */

static void
update (MdlProgramWindow *self)
{
  const MdlComponent *c = cluster (self);
  const char *path = mdl_program_editor_get_path (self->source);
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;
  g_autofree char *subtitle = NULL;
  gboolean has_program = path != NULL;

  if (c == NULL)
    return;
  {
    g_autofree char *title = g_strdup_printf (_("Program of %s"), c->name);
    adw_window_title_set_title (self->title, title);
  }
  if (base != NULL)
    subtitle = g_strdup_printf ("%s%s — %s", mdl_program_editor_get_modified (self->source) ? "• " : "",
                                base, c->cpu_cls ? c->cpu_cls->name : "");
  else
    subtitle = g_strdup (c->cpu_cls ? c->cpu_cls->name : "");
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, has_program ? "editor" : "empty");
  gtk_widget_set_sensitive (self->build_button, has_program && !self->building);
  gtk_widget_set_sensitive (self->run_button, has_program && !self->building);
  gtk_widget_set_visible (self->spinner, self->building);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->building);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->building);
}

/* Tells the person: a toast for news, a dialog for what needs reading. */
static void
say (MdlProgramWindow *self, const char *heading, const char *text)
{
  GtkWidget *dialog;

  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_text (self->status, text);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (MdlProgramWindow *self, const char *text)
{
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->toast = adw_toast_new (text);
  g_object_add_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  adw_toast_overlay_add_toast (self->toasts, self->toast);
}

static void
problem_activated_cb (GtkListBox *box, GtkListBoxRow *row, MdlProgramWindow *self)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "mdl-line"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "mdl-column"));

  g_assert (MDL_IS_PROGRAM_WINDOW (self));
  if (line > 0)
    mdl_program_editor_go_to (self->source, line, column);
}

static void
show_problems (MdlProgramWindow *self, GPtrArray *diagnostics)
{
  GtkWidget *child;
  guint errors = 0, warnings = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems))) != NULL)
    gtk_list_box_remove (self->problems, child);
  self->n_problems = 0;
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++) {
    const MdlDiagnostic *d = g_ptr_array_index (diagnostics, i);
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *icon;
    g_autofree char *where = NULL, *file = d->file ? g_path_get_basename (d->file) : NULL;
    g_autofree char *escaped = g_markup_escape_text (d->message, -1);

    if (d->severity == MDL_DIAG_NOTE)
      continue;
    if (d->severity == MDL_DIAG_ERROR)
      errors++;
    else
      warnings++;
    icon = gtk_image_new_from_icon_name (d->severity == MDL_DIAG_ERROR ? "dialog-error-symbolic"
                                                                       : "dialog-warning-symbolic");
    gtk_widget_add_css_class (icon, d->severity == MDL_DIAG_ERROR ? "error" : "warning");
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
    if (d->line > 0)
      where = d->column > 0 ? g_strdup_printf (_("%s, line %u, column %u"), file, d->line, d->column)
                            : g_strdup_printf (_("%s, line %u"), file, d->line);
    else
      where = g_strdup (_("Linker"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), d->line > 0);
    g_object_set_data (G_OBJECT (row), "mdl-line", GUINT_TO_POINTER (d->line));
    g_object_set_data (G_OBJECT (row), "mdl-column", GUINT_TO_POINTER (d->column));
    gtk_list_box_append (self->problems, row);
    self->n_problems++;
  }
  if (self->n_problems > 0) {
    g_autofree char *title = NULL;

    if (errors > 0 && warnings > 0)
      title = g_strdup_printf (_("%u errors, %u warnings"), errors, warnings);
    else if (errors > 0)
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
    else
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
    gtk_label_set_text (self->problems_title, title);
  }
  gtk_revealer_set_reveal_child (self->problems_revealer, self->n_problems > 0);
  mdl_program_editor_set_diagnostics (self->source, diagnostics);
}

/* ---- building ------------------------------------------------------------ */

static gboolean
pulse_cb (gpointer data)
{
  MdlProgramWindow *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
build_done (MdlProgramWindow *self)
{
  self->building = FALSE;
  self->n_builds++;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  update (self);
}

/* The ELF becomes the cluster's firmware, as the inspector would set it:
 * relative to the board, so the two move together. */
static gboolean
use_as_firmware (MdlProgramWindow *self, const char *elf, GError **error)
{
  const MdlComponent *c = cluster (self);
  g_autofree char *dir = board_dir (self);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GFile) elf_file = g_file_new_for_path (elf);
  g_autofree char *rel = g_file_get_relative_path (dir_file, elf_file);
  const char *value = rel ? rel : elf;

  if (c == NULL)
    return FALSE;
  if (g_strcmp0 (mdl_component_str (c, "firmware"), value) == 0) {
    /* The same file, new contents: a machine built before has the old
     * program loaded. */
    if (self->window != NULL && self->window->runner != NULL)
      _mdl_window_discard_runner (self->window);
    return TRUE;
  }
  return mdl_editor_set_prop (self->editor, self->cluster, "firmware", value, error);
}

static void
built_cb (GObject *object, GAsyncResult *res, gpointer data)
{
  g_autoptr(MdlProgramWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlProgramBuildResult) result = mdl_program_build_finish (res, &error);

  /* Closed while building: nothing left to show it in. */
  if (self->editor == NULL)
    return;
  build_done (self);
  if (result == NULL) {
    self->last_ok = FALSE;
    if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      say (self, _("Could Not Build"), error->message);
    return;
  }
  self->last_ok = result->ok;
  show_problems (self, result->diagnostics);
  if (!result->ok) {
    g_autofree char *text = NULL;

    /* A failure with no message we understood: show what it said. */
    if (self->n_problems == 0) {
      say (self, _("Build Failed"), result->output);
      return;
    }
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Build failed: %u problem", "Build failed: %u problems",
                                      self->n_problems), self->n_problems);
    gtk_label_set_text (self->status, text);
    return;
  }
  if (!use_as_firmware (self, result->elf, &error)) {
    self->last_ok = FALSE;
    say (self, _("Could Not Use the Program"), error ? error->message : "");
    return;
  }
  {
    g_autofree char *base = g_path_get_basename (result->elf);
    g_autofree char *text = g_strdup_printf (_("Built %s: it is the firmware of %s"), base,
                                             cluster (self) ? cluster (self)->name : "");
    gtk_label_set_text (self->status, text);
    g_clear_pointer (&self->message, g_free);
    if (!self->run_after)
      toast (self, text);
  }
  if (self->run_after && self->window != NULL) {
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.run", NULL);
    gtk_window_present (GTK_WINDOW (self->window));
  }
}

void
mdl_program_window_build (MdlProgramWindow *self, gboolean run)
{
  const char *source;
  g_autoptr(GError) error = NULL;
  g_autofree char *elf = NULL, *stem = NULL;
  const char *dot;

  g_return_if_fail (MDL_IS_PROGRAM_WINDOW (self));
  source = mdl_program_editor_get_path (self->source);
  if (self->building || source == NULL || cluster (self) == NULL)
    return;
  /* Built as saved: the text stays in the editor whatever happens. */
  if (!mdl_program_editor_save (self->source, &error)) {
    say (self, _("Could Not Save the Program"), error->message);
    return;
  }
  dot = strrchr (source, '.');
  stem = dot ? g_strndup (source, (gsize) (dot - source)) : g_strdup (source);
  elf = g_strconcat (stem, ".elf", NULL);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->building = TRUE;
  self->run_after = run;
  gtk_label_set_text (self->status, _("Building…"));
  mdl_program_editor_set_current_line (self->source, 0);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  update (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mdl_program_build_async (mdl_editor_get_doc (self->editor), self->cluster,
                           mdl_editor_get_search_dirs (), source, elf, self->cancellable,
                           built_cb, g_object_ref (self));
}

/* ---- new programs -------------------------------------------------------- */

gboolean
mdl_program_window_new_program (MdlProgramWindow *self, MdlProgramLang lang)
{
  const MdlComponent *c = cluster (self);
  g_autofree char *dir = board_dir (self);
  g_autofree char *text = NULL, *path = NULL, *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *ext = lang == MDL_PROGRAM_C ? "c" : "S";

  g_return_val_if_fail (MDL_IS_PROGRAM_WINDOW (self), FALSE);
  if (c == NULL)
    return FALSE;
  if (dir == NULL) {
    say (self, _("Save the Board First"),
         _("A program is kept next to its board and named in it: save the board, then "
           "start the program."));
    return FALSE;
  }
  if (c->cpu_cls == NULL || c->cpu_cls->program == NULL) {
    g_autofree char *why = g_strdup_printf (_("Medley cannot build programs for %s (%s) yet."),
                                            c->name, c->cpu_cls ? c->cpu_cls->name : "?");
    say (self, _("No Template"), why);
    return FALSE;
  }
  if (mdl_program_editor_get_path (self->source) != NULL &&
      mdl_program_editor_get_modified (self->source) &&
      !mdl_program_editor_save (self->source, &error)) {
    say (self, _("Could Not Save the Program"), error->message);
    return FALSE;
  }
  text = mdl_program_template (c->cpu_cls->program, lang, &error);
  if (text == NULL) {
    say (self, _("No Template"), error->message);
    return FALSE;
  }
  /* A free name next to the board: never over an existing file. */
  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++) {
    g_free (name);
    g_free (path);
    name = n == 1 ? g_strdup_printf ("%s.%s", c->name, ext)
                  : g_strdup_printf ("%s-%u.%s", c->name, n, ext);
    path = g_build_filename (dir, name, NULL);
  }
  mdl_program_editor_set_asm_language (self->source, c->cpu_cls->program->asm_language);
  mdl_program_editor_set_text (self->source, path, text);
  show_problems (self, NULL);
  if (!mdl_program_editor_save (self->source, &error) ||
      !mdl_editor_set_prop (self->editor, self->cluster, "program", name, &error)) {
    say (self, _("Could Not Start the Program"), error->message);
    update (self);
    return FALSE;
  }
  gtk_label_set_text (self->status, _("Press Ctrl+B to build, F5 to build and run"));
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source));
  return TRUE;
}

/* Loads the program the board names, if any. */
static void
load_program (MdlProgramWindow *self)
{
  const MdlComponent *c = cluster (self);
  g_autofree char *path = c ? absolute_in_board_dir (self, mdl_component_str (c, "program")) : NULL;
  g_autoptr(GError) error = NULL;

  if (c != NULL && c->cpu_cls != NULL && c->cpu_cls->program != NULL)
    mdl_program_editor_set_asm_language (self->source, c->cpu_cls->program->asm_language);
  if (path == NULL)
    return;
  if (!mdl_program_editor_load (self->source, path, &error)) {
    g_autofree char *text = g_strdup_printf (_("The board names %s as the program of %s: %s"),
                                             path, c->name, error->message);
    g_free (self->message);
    self->message = g_strdup (text);
    gtk_label_set_text (self->status, text);
  }
}

/* ---- the debugger drives the editor --------------------------------------- */

/* The machine's index of the cluster's first CPU (CPUs of a cluster are
 * named after it: "app", "app.1"), or -1. */
static int
cluster_cpu (MdlProgramWindow *self, const MdlSnapshot *snap)
{
  const MdlComponent *c = cluster (self);
  gsize len;

  if (c == NULL || snap == NULL)
    return -1;
  len = strlen (c->name);
  for (guint k = 0; k < snap->n_cpus; k++) {
    const char *name = snap->cpus[k].name;

    if (strncmp (name, c->name, len) == 0 && (name[len] == '\0' || name[len] == '.'))
      return (int) k;
  }
  return -1;
}

/* The debug information of the machine's firmware for this cluster, and
 * the CPU; NULL without a machine, a CPU or line information. */
static MdlDebugInfo *
debuginfo (MdlProgramWindow *self, const MdlSnapshot *snap, int *cpu)
{
  MdlRunner *runner = self->window != NULL ? self->window->runner : NULL;

  *cpu = cluster_cpu (self, snap);
  if (runner == NULL || *cpu < 0 || mdl_program_editor_get_path (self->source) == NULL)
    return NULL;
  return mdl_runner_debuginfo (runner, (unsigned) *cpu, NULL);
}

/* Sets or clears the machine's breakpoints on the code of source line
 * @line.  A line without code moves its mark to the next line that has
 * some, where the CPU would stop. */
static void
apply_breakpoint (MdlProgramWindow *self, const MdlSnapshot *snap, guint line, gboolean on)
{
  const char *path = mdl_program_editor_get_path (self->source);
  MdlDebugInfo *di;
  g_autoptr(GArray) addrs = NULL;
  unsigned nearest = 0;
  int cpu;

  di = debuginfo (self, snap, &cpu);
  if (di == NULL)
    return;
  addrs = mdl_debuginfo_line_addresses (di, path, line, &nearest);
  if (addrs->len == 0 && on && nearest > 0 && nearest != line &&
      !mdl_program_editor_has_breakpoint (self->source, nearest)) {
    mdl_program_editor_set_breakpoint (self->source, line, FALSE);
    mdl_program_editor_set_breakpoint (self->source, nearest, TRUE);
    g_clear_pointer (&addrs, g_array_unref);
    addrs = mdl_debuginfo_line_addresses (di, path, nearest, NULL);
  }
  for (guint i = 0; i < addrs->len; i++)
    mdl_runner_set_breakpoint (self->window->runner, (unsigned) cpu,
                               g_array_index (addrs, guint64, i), on);
}

static void
breakpoint_toggled_cb (MdlProgramEditor *editor, guint line, gboolean on, MdlProgramWindow *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_assert (MDL_IS_PROGRAM_WINDOW (self));
  if (self->window == NULL || self->window->session == NULL)
    return;   /* kept as a mark: a machine made later gets it */
  snap = mdl_session_ref_snapshot (self->window->session);
  apply_breakpoint (self, snap, line, on);
}

void
mdl_program_window_attach_all (MdlWindow *window)
{
  GHashTable *windows = g_object_get_data (G_OBJECT (window), WINDOWS_KEY);
  g_autoptr(GList) list = windows ? g_hash_table_get_values (windows) : NULL;
  g_autoptr(MdlSnapshot) snap = NULL;

  if (list == NULL || window->session == NULL)
    return;
  snap = mdl_session_ref_snapshot (window->session);
  for (GList *l = list; l != NULL; l = l->next) {
    MdlProgramWindow *self = l->data;
    g_autoptr(GArray) lines = mdl_program_editor_get_breakpoints (self->source);

    for (guint i = 0; i < lines->len; i++)
      apply_breakpoint (self, snap, g_array_index (lines, guint, i), TRUE);
  }
}

/* Breakpoints set elsewhere (the Code page, gdb) where a line of this
 * source begins get their mark too, when the machine stops.  Marks are
 * only added here, never taken away: the engine's list may be older than
 * a click in the gutter. */
static void
mark_engine_breakpoints (MdlProgramWindow *self, MdlDebugInfo *di, const MdlSnapshot *snap,
                         unsigned cpu)
{
  const char *full = mdl_debuginfo_find_file (di, mdl_program_editor_get_path (self->source));

  for (guint i = 0; full != NULL && snap->breakpoints != NULL && i < snap->breakpoints->len; i++) {
    const MdlBreakpoint *bp = &g_array_index (snap->breakpoints, MdlBreakpoint, i);
    const char *file = NULL;
    unsigned line = 0;
    g_autoptr(GArray) starts = NULL;

    if (bp->cpu != cpu || !mdl_debuginfo_line_at (di, bp->addr, &file, &line, NULL, NULL, NULL) ||
        file != full || mdl_program_editor_has_breakpoint (self->source, line))
      continue;
    starts = mdl_debuginfo_line_addresses (di, full, line, NULL);
    for (guint k = 0; k < starts->len; k++)
      if (g_array_index (starts, guint64, k) == bp->addr)
        mdl_program_editor_set_breakpoint (self->source, line, TRUE);
  }
}

/* The current-line mark on the line of the cluster's CPU while the
 * machine stands still (its pc in this program's source), none else. */
static void
show_stop (MdlProgramWindow *self, const MdlSnapshot *snap)
{
  MdlRunner *runner = self->window != NULL ? self->window->runner : NULL;
  const char *path = mdl_program_editor_get_path (self->source);
  const char *file = NULL;
  unsigned line = 0;
  MdlDebugInfo *di;
  int cpu;
  gboolean stop;

  if (snap != NULL && runner == self->shown_runner && snap->seq == self->shown_seq)
    return;
  /* Stopped after running: every command posted before Run (a mark
   * clicked away) has reached the engine.  A short run may publish no
   * running snapshot the window sees; its time moved all the same. */
  stop = snap != NULL && snap->state != MDL_RUNNER_RUNNING && runner == self->shown_runner &&
         (self->shown_running || snap->virtual_time_ps != self->shown_time);
  self->shown_time = snap != NULL ? snap->virtual_time_ps : 0;
  self->shown_runner = runner;
  self->shown_seq = snap != NULL ? snap->seq : 0;
  self->shown_running = snap != NULL && snap->state == MDL_RUNNER_RUNNING;
  if (snap == NULL || snap->state == MDL_RUNNER_RUNNING || self->building) {
    mdl_program_editor_set_current_line (self->source, 0);
    return;
  }
  di = debuginfo (self, snap, &cpu);
  if (di != NULL && mdl_debuginfo_line_at (di, snap->cpus[cpu].pc, &file, &line, NULL, NULL, NULL) &&
      file == mdl_debuginfo_find_file (di, path))
    mdl_program_editor_set_current_line (self->source, line);
  else
    mdl_program_editor_set_current_line (self->source, 0);
  if (di != NULL && stop)
    mark_engine_breakpoints (self, di, snap, (unsigned) cpu);
}

void
mdl_program_window_show_stop_all (MdlWindow *window, const MdlSnapshot *snap)
{
  GHashTable *windows = g_object_get_data (G_OBJECT (window), WINDOWS_KEY);
  g_autoptr(GList) list = windows ? g_hash_table_get_values (windows) : NULL;

  for (GList *l = list; l != NULL; l = l->next)
    show_stop (l->data, snap);
}

/* ---- actions ------------------------------------------------------------- */

/* Run control from the program window acts on the board's window, so
 * that a program is stepped where it is read. */
static void
action_window (GtkWidget *widget, const char *name, GVariant *param)
{
  MdlProgramWindow *self = MDL_PROGRAM_WINDOW (widget);
  g_autofree char *win = g_strconcat ("win.", name + strlen ("program.debug-"), NULL);

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), win, NULL);
}

static void
action_new_asm (GtkWidget *widget, const char *name, GVariant *param)
{
  mdl_program_window_new_program (MDL_PROGRAM_WINDOW (widget), MDL_PROGRAM_ASM);
}

static void
action_new_c (GtkWidget *widget, const char *name, GVariant *param)
{
  mdl_program_window_new_program (MDL_PROGRAM_WINDOW (widget), MDL_PROGRAM_C);
}

static void
action_build (GtkWidget *widget, const char *name, GVariant *param)
{
  mdl_program_window_build (MDL_PROGRAM_WINDOW (widget), FALSE);
}

static void
action_run (GtkWidget *widget, const char *name, GVariant *param)
{
  mdl_program_window_build (MDL_PROGRAM_WINDOW (widget), TRUE);
}

static void
action_save (GtkWidget *widget, const char *name, GVariant *param)
{
  MdlProgramWindow *self = MDL_PROGRAM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (mdl_program_editor_get_path (self->source) == NULL)
    return;
  if (!mdl_program_editor_save (self->source, &error))
    say (self, _("Could Not Save the Program"), error->message);
  update (self);
}

static void
modified_cb (GtkTextBuffer *buffer, MdlProgramWindow *self)
{
  g_assert (MDL_IS_PROGRAM_WINDOW (self));
  update (self);
}

static void
doc_changed_cb (MdlProgramWindow *self)
{
  const char *path = mdl_editor_get_path (self->editor);

  /* A board saved for the first time is still the same board. */
  if (self->board_path == NULL && path != NULL && cluster (self) != NULL)
    self->board_path = g_strdup (path);
  /* The cluster was deleted (or undone away), or another board (a new
   * one, or the same one saved elsewhere, where the program's relative
   * name means another file) took its place: nothing left to build for.
   * Closing saves the text. */
  if (cluster (self) == NULL || g_strcmp0 (path, self->board_path) != 0)
    gtk_window_close (GTK_WINDOW (self));
  else
    update (self);
}

/* ---- the object ---------------------------------------------------------- */

static gboolean
mdl_program_window_close_request (GtkWindow *window)
{
  MdlProgramWindow *self = MDL_PROGRAM_WINDOW (window);
  g_autoptr(GError) error = NULL;

  /* Nothing typed is lost: closing saves. */
  if (mdl_program_editor_get_path (self->source) != NULL &&
      mdl_program_editor_get_modified (self->source) &&
      !mdl_program_editor_save (self->source, &error)) {
    say (self, _("Could Not Save the Program"), error->message);
    return TRUE;
  }
  return GTK_WINDOW_CLASS (mdl_program_window_parent_class)->close_request (window);
}

static void
mdl_program_window_dispose (GObject *object)
{
  MdlProgramWindow *self = MDL_PROGRAM_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = NULL;
  if (self->window != NULL) {
    GHashTable *windows = g_object_get_data (G_OBJECT (self->window), WINDOWS_KEY);

    if (windows != NULL && g_hash_table_lookup (windows, GUINT_TO_POINTER (self->cluster)) == self)
      g_hash_table_remove (windows, GUINT_TO_POINTER (self->cluster));
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
    self->window = NULL;
  }
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  G_OBJECT_CLASS (mdl_program_window_parent_class)->dispose (object);
}

static void
mdl_program_window_finalize (GObject *object)
{
  MdlProgramWindow *self = MDL_PROGRAM_WINDOW (object);

  g_free (self->message);
  g_free (self->board_path);
  G_OBJECT_CLASS (mdl_program_window_parent_class)->finalize (object);
}

static void
mdl_program_window_class_init (MdlProgramWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mdl_program_window_dispose;
  object_class->finalize = mdl_program_window_finalize;
  window_class->close_request = mdl_program_window_close_request;

  gtk_widget_class_install_action (widget_class, "program.new-asm", NULL, action_new_asm);
  gtk_widget_class_install_action (widget_class, "program.new-c", NULL, action_new_c);
  gtk_widget_class_install_action (widget_class, "program.build", NULL, action_build);
  gtk_widget_class_install_action (widget_class, "program.run", NULL, action_run);
  gtk_widget_class_install_action (widget_class, "program.save", NULL, action_save);
  {
    static const struct { const char *action; guint key; GdkModifierType mods; } keys[] = {
      { "program.debug-pause", GDK_KEY_F5, GDK_SHIFT_MASK },
      { "program.debug-reverse-continue", GDK_KEY_F5, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
      { "program.debug-step-line", GDK_KEY_F10, 0 },
      { "program.debug-step-back", GDK_KEY_F10, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
      { "program.debug-step-into", GDK_KEY_F11, 0 },
      { "program.debug-step-out", GDK_KEY_F11, GDK_SHIFT_MASK },
      { "program.debug-step", GDK_KEY_F11, GDK_ALT_MASK },
      { "program.debug-step-back-instruction", GDK_KEY_F11, GDK_ALT_MASK | GDK_SHIFT_MASK },
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
      gtk_widget_class_install_action (widget_class, keys[i].action, NULL, action_window);
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                           keys[i].action, NULL);
    }
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "program.build", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "program.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "program.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static GtkWidget *
pill_button (const char *label, const char *action, gboolean suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static void
mdl_program_window_init (MdlProgramWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *new_button = gtk_menu_button_new ();
  g_autoptr(GMenu) new_menu = g_menu_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *problems_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *problems_scroll = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *status_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);
  gtk_widget_add_css_class (GTK_WIDGET (self), "mdl-program-window");

  /* Header: new program on the left; build and run on the right. */
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  g_menu_append (new_menu, _("New _Assembly Program"), "program.new-asm");
  g_menu_append (new_menu, _("New _C Program"), "program.new-c");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (new_button), "document-new-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (new_button), G_MENU_MODEL (new_menu));
  gtk_widget_set_tooltip_text (new_button, _("New Program From a Template"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), new_button);

  self->run_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "program.run");
  gtk_widget_set_tooltip_text (self->run_button, _("Build and Run (F5)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->run_button);
  self->build_button = gtk_button_new_with_mnemonic (_("_Build"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->build_button), "program.build");
  gtk_widget_set_tooltip_text (self->build_button, _("Build the Firmware (Ctrl+B)"));
  gtk_widget_add_css_class (self->build_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->build_button);
  self->spinner = gtk_spinner_new ();
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  /* No program yet: a status page with the two templates. */
  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "text-x-generic-symbolic");
  adw_status_page_set_title (self->empty, _("No Program Yet"));
  adw_status_page_set_description (self->empty,
                                   _("Start from a template for this CPU's instruction set. "
                                     "The source is saved next to the board."));
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), pill_button (_("New _Assembly Program"), "program.new-asm", TRUE));
  gtk_box_append (GTK_BOX (buttons), pill_button (_("New _C Program"), "program.new-c", FALSE));
  adw_status_page_set_child (self->empty, buttons);

  /* The editor, and under it the compiler's messages when there are any. */
  self->source = mdl_program_editor_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->source), TRUE);
  self->problems_title = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->problems_title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_title), "heading");
  gtk_widget_set_margin_start (GTK_WIDGET (self->problems_title), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->problems_title), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->problems_title), 4);
  self->problems = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problems, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems), "boxed-list");
  gtk_widget_set_margin_start (GTK_WIDGET (self->problems), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->problems), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->problems), 12);
  g_signal_connect (self->problems, "row-activated", G_CALLBACK (problem_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (problems_scroll), GTK_WIDGET (self->problems));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (problems_scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (problems_scroll), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (problems_scroll), 180);
  gtk_box_append (GTK_BOX (problems_box), GTK_WIDGET (self->problems_title));
  gtk_box_append (GTK_BOX (problems_box), problems_scroll);
  self->problems_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->problems_revealer, problems_box);
  gtk_revealer_set_transition_type (self->problems_revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->source));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->problems_revealer));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_revealer), "view");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_stack_add_named (self->stack, paned, "editor");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));

  /* The status line: what the last build did, a pulse while building. */
  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 120, -1);
  gtk_box_append (GTK_BOX (status_bar), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (status_bar), GTK_WIDGET (self->progress));
  gtk_widget_set_margin_start (status_bar, 12);
  gtk_widget_set_margin_end (status_bar, 12);
  gtk_widget_set_margin_top (status_bar, 6);
  gtk_widget_set_margin_bottom (status_bar, 6);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), status_bar);

  adw_window_set_content (ADW_WINDOW (self), box);
}

static MdlProgramWindow *
program_window_new (MdlWindow *window, guint id)
{
  MdlProgramWindow *self = g_object_new (MDL_TYPE_PROGRAM_WINDOW, NULL);
  GtkTextBuffer *buffer;

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->editor = g_object_ref (mdl_window_get_editor (window));
  self->cluster = id;
  self->board_path = g_strdup (mdl_editor_get_path (self->editor));
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (GTK_WINDOW (window)));
  g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (doc_changed_cb), self);
  load_program (self);
  buffer = mdl_program_editor_get_buffer (self->source);
  g_signal_connect (buffer, "modified-changed", G_CALLBACK (modified_cb), self);
  g_signal_connect (self->source, "breakpoint-toggled", G_CALLBACK (breakpoint_toggled_cb), self);
  update (self);
  return self;
}

MdlProgramWindow *
mdl_program_window_find (MdlWindow *window, guint id)
{
  GHashTable *windows = g_object_get_data (G_OBJECT (window), WINDOWS_KEY);

  return windows ? g_hash_table_lookup (windows, GUINT_TO_POINTER (id)) : NULL;
}

MdlProgramWindow *
mdl_program_window_show (MdlWindow *window, guint id)
{
  MdlProgramWindow *self = mdl_program_window_find (window, id);
  GHashTable *windows;

  g_return_val_if_fail (MDL_IS_WINDOW (window), NULL);
  if (self == NULL) {
    windows = g_object_get_data (G_OBJECT (window), WINDOWS_KEY);
    if (windows == NULL) {
      windows = g_hash_table_new (NULL, NULL);
      g_object_set_data_full (G_OBJECT (window), WINDOWS_KEY, windows,
                              (GDestroyNotify) g_hash_table_unref);
    }
    self = program_window_new (window, id);
    g_hash_table_insert (windows, GUINT_TO_POINTER (id), self);
  }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
mdl_program_window_open_all (MdlWindow *window)
{
  MdlEditor *editor = mdl_window_get_editor (window);
  const MdlBoardDoc *doc = mdl_editor_get_doc (editor);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind == MDL_COMPONENT_CLUSTER && mdl_component_str (c, "program") != NULL)
      g_array_append_val (ids, c->id);
  }
  /* The document may change as windows open: ids first. */
  for (guint i = 0; i < ids->len; i++)
    mdl_program_window_show (window, g_array_index (ids, guint, i));
}

void
mdl_program_window_close_all (MdlWindow *window)
{
  GHashTable *windows = g_object_get_data (G_OBJECT (window), WINDOWS_KEY);
  g_autoptr(GList) list = windows ? g_hash_table_get_values (windows) : NULL;

  for (GList *l = list; l != NULL; l = l->next) {
    MdlProgramWindow *self = l->data;
    g_autoptr(GError) error = NULL;

    /* Saved here, as closing would, but closed whatever happens: the
     * board it belongs to is going. */
    if (mdl_program_editor_get_path (self->source) != NULL &&
        mdl_program_editor_get_modified (self->source) &&
        !mdl_program_editor_save (self->source, &error))
      g_warning ("%s", error->message);
    gtk_window_destroy (GTK_WINDOW (self));
  }
}

MdlProgramEditor *
mdl_program_window_get_editor (MdlProgramWindow *self)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_WINDOW (self), NULL);
  return self->source;
}

gboolean
mdl_program_window_is_building (MdlProgramWindow *self)
{
  return self->building;
}

guint
mdl_program_window_get_n_builds (MdlProgramWindow *self)
{
  return self->n_builds;
}

gboolean
mdl_program_window_get_last_ok (MdlProgramWindow *self)
{
  return self->last_ok;
}

const char *
mdl_program_window_get_message (MdlProgramWindow *self)
{
  return self->message;
}

guint
mdl_program_window_get_n_problems (MdlProgramWindow *self)
{
  return self->n_problems;
}
