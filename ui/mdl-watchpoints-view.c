#define G_LOG_DOMAIN "medley-watchpoints"

/* The list mirrors the runner's snapshot, never a copy of its own: a
 * watchpoint shows once the engine has it, so what is listed is what
 * stops the machine.  The view listens to its session's "updated"; the
 * rows are rebuilt only when the watchpoints or the stop they caused
 * change, so a running board costs a comparison. */

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "mdl-watchpoints-view.h"
#include "mdl-watchpoints-view-private.h"

struct _MdlWatchpointsView {
  GtkWidget   parent_instance;

  MdlSession *session;
  MdlRunner  *runner;        /* the session's */
  unsigned    cpu;
  char       *shown;         /* what the rows show, to skip rebuilding */
  guint       n_rows;
  gboolean    setting_size;  /* the spin changes because of the entry */
  gboolean    size_touched;  /* the person chose a size */

  GtkWidget  *add_box;
  GtkWidget  *entry;
  GtkWidget  *size_spin;
  GtkWidget  *read_toggle;
  GtkWidget  *write_toggle;
  GtkWidget  *add_button;
  GtkWidget  *error_label;
  GtkWidget  *scrolled;
  GtkWidget  *list;
  GtkWidget  *placeholder;
};

G_DEFINE_FINAL_TYPE (MdlWatchpointsView, mdl_watchpoints_view, GTK_TYPE_WIDGET)

/* ---- expressions ---- */

static gboolean
parse_number (const char *text, guint64 *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtoull (text, &end, text[0] == '0' && (text[1] == 'x' || text[1] == 'X') ? 16 : 10);
  return end != NULL && *end == '\0' && end != text;
}

/* "0x80001000", "4096", "counter", "&counter", "buffer+8", "table-0x10".
 * @sym_size: the symbol's size when the expression is a bare symbol. */
static gboolean
resolve (MdlWatchpointsView *self, const char *expr, guint64 *addr, guint64 *sym_size,
         GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (expr));
  const MdlElfImage *image;
  const MdlSymbol *sym;
  char *op, *name = text;
  guint64 offset = 0;
  gboolean minus = FALSE;

  *sym_size = 0;
  if (parse_number (text, addr))
    return TRUE;
  if (*name == '&')
    name++;
  op = strpbrk (name, "+-");
  if (op != NULL) {
    g_autofree char *off = g_strstrip (g_strdup (op + 1));

    minus = *op == '-';
    if (!parse_number (off, &offset)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an offset"), off);
      return FALSE;
    }
    *op = '\0';
    g_strstrip (name);
  }
  if (*name == '\0') {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Give an address (0x…) or a symbol"));
    return FALSE;
  }
  image = self->runner != NULL ? mdl_runner_symbols (self->runner, self->cpu) : NULL;
  sym = image != NULL ? mdl_elf_image_find_symbol (image, name) : NULL;
  if (sym == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 image != NULL ? _("No symbol “%s” in this CPU’s firmware")
                               : _("“%s” is not an address, and this CPU’s firmware has no symbols"),
                 name);
    return FALSE;
  }
  *addr = minus ? sym->value - offset : sym->value + offset;
  if (op == NULL)
    *sym_size = sym->size;
  return TRUE;
}

static char *
cpu_name (const MdlSnapshot *snap, unsigned cpu)
{
  return cpu < snap->n_cpus ? g_strdup (snap->cpus[cpu].name) : g_strdup_printf ("cpu %u", cpu);
}

gboolean
mdl_watchpoints_view_add (MdlWatchpointsView *self, const char *expr, guint64 size,
                          gboolean on_read, gboolean on_write, GError **error)
{
  guint64 addr, sym_size;

  g_return_val_if_fail (MDL_IS_WATCHPOINTS_VIEW (self), FALSE);

  if (self->runner == NULL) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                         _("Run the board to watch its memory"));
    return FALSE;
  }
  if (!on_read && !on_write) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Watch reads, writes or both"));
    return FALSE;
  }
  if (!resolve (self, expr, &addr, &sym_size, error))
    return FALSE;
  if (size == 0)
    size = sym_size > 0 ? sym_size : 4;
  mdl_runner_set_watchpoint (self->runner, self->cpu, addr, size, on_read, on_write, TRUE);
  return TRUE;
}

/* ---- the add row ---- */

static void
show_error (MdlWatchpointsView *self, const char *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (self->entry, "error");
  else
    gtk_widget_remove_css_class (self->entry, "error");
}

static void
on_add (MdlWatchpointsView *self)
{
  g_autoptr(GError) error = NULL;
  const char *expr = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint64 size = self->size_touched
                   ? (guint64) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->size_spin))
                   : 0;

  g_assert (MDL_IS_WATCHPOINTS_VIEW (self));

  if (!mdl_watchpoints_view_add (self, expr,
                                 size, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->read_toggle)),
                                 gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->write_toggle)),
                                 &error)) {
    show_error (self, error->message);
    return;
  }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->size_touched = FALSE;
}

/* A symbol's size shows in the spin while the person types its name. */
static void
on_entry_changed (MdlWatchpointsView *self)
{
  guint64 addr, sym_size;

  g_assert (MDL_IS_WATCHPOINTS_VIEW (self));

  show_error (self, NULL);
  if (self->size_touched)
    return;
  if (!resolve (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)), &addr, &sym_size, NULL))
    sym_size = 0;
  self->setting_size = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->size_spin), sym_size > 0 ? (double) sym_size : 4);
  self->setting_size = FALSE;
}

static void
on_size_changed (MdlWatchpointsView *self)
{
  if (!self->setting_size)
    self->size_touched = TRUE;
}

static void
on_access_toggled (MdlWatchpointsView *self)
{
  gboolean any = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->read_toggle)) ||
                 gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->write_toggle));

  gtk_widget_set_sensitive (self->add_button, any);
}

/* ---- the list ---- */

typedef struct {
  MdlWatchpointsView *view;
  MdlWatchpoint       wp;
} RemoveData;

static void
on_remove (GtkButton *button, RemoveData *data)
{
  MdlWatchpointsView *self = data->view;

  if (self->runner != NULL)
    mdl_runner_set_watchpoint (self->runner, data->wp.cpu, data->wp.addr, data->wp.size,
                               data->wp.on_read, data->wp.on_write, FALSE);
}

static gboolean
is_hit (const MdlSnapshot *snap, const MdlWatchpoint *w)
{
  return snap->state == MDL_RUNNER_PAUSED && snap->stop_reason == MDL_STOP_WATCHPOINT &&
         snap->stop_cpu == (int) w->cpu && snap->stop_addr >= w->addr &&
         snap->stop_addr < w->addr + w->size;
}

static GtkWidget *
watch_row (MdlWatchpointsView *self, const MdlSnapshot *snap, const MdlWatchpoint *w)
{
  const MdlElfImage *image = mdl_runner_symbols (self->runner, w->cpu);
  const MdlSymbol *sym = image != NULL ? mdl_elf_image_symbol_at (image, w->addr) : NULL;
  g_autofree char *title = NULL, *subtitle = NULL, *cpu = cpu_name (snap, w->cpu);
  g_autofree char *range = NULL;
  const char *access = w->on_read && w->on_write ? _("read and write")
                       : w->on_read ? _("read") : _("write");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *icon = gtk_image_new_from_icon_name ("view-reveal-symbolic");
  RemoveData *data = g_new0 (RemoveData, 1);

  if (sym != NULL && sym->value == w->addr)
    title = g_strdup (sym->name);
  else if (sym != NULL && (sym->size == 0 || w->addr < sym->value + sym->size))
    title = g_strdup_printf ("%s+0x%" G_GINT64_MODIFIER "x", sym->name, w->addr - sym->value);
  else
    title = g_strdup_printf ("0x%08" G_GINT64_MODIFIER "x", w->addr);
  if (w->size == 1)
    range = g_strdup_printf ("0x%08" G_GINT64_MODIFIER "x", w->addr);
  else
    range = g_strdup_printf ("0x%08" G_GINT64_MODIFIER "x–0x%08" G_GINT64_MODIFIER "x",
                             w->addr, w->addr + w->size - 1);
  /* Plain long long formats: xgettext cannot see through G_GUINT64_FORMAT. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %llu byte · %s",
                                           "%s · %s · %llu bytes · %s", w->size),
                              cpu, range, (unsigned long long) w->size, access);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "property");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (is_hit (snap, w)) {
    GtkWidget *badge = gtk_label_new (_("Stopped Here"));

    gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (badge, "watch-hit");
    gtk_widget_add_css_class (badge, "accent");
    gtk_widget_add_css_class (badge, "caption-heading");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    gtk_widget_add_css_class (icon, "accent");
  } else {
    gtk_widget_add_css_class (icon, "dim-label");
  }

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Watchpoint"));
  data->view = self;
  data->wp = *w;
  g_signal_connect_data (remove, "clicked", G_CALLBACK (on_remove), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* Shows @snap's watchpoints (none without a machine). */
static void
show_snapshot (MdlWatchpointsView *self, const MdlSnapshot *snap)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  GtkWidget *child;

  if (snap != NULL) {
    for (guint i = 0; snap->watchpoints != NULL && i < snap->watchpoints->len; i++) {
      const MdlWatchpoint *w = &g_array_index (snap->watchpoints, MdlWatchpoint, i);

      g_string_append_printf (shown, "%u:%" G_GINT64_MODIFIER "x:%" G_GINT64_MODIFIER "x:%d%d%d;",
                              w->cpu, w->addr, w->size, w->on_read, w->on_write, is_hit (snap, w));
    }
  } else {
    g_string_append (shown, "none");
  }
  if (g_strcmp0 (shown->str, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_strdup (shown->str);

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->n_rows = 0;
  for (guint i = 0; snap != NULL && snap->watchpoints != NULL && i < snap->watchpoints->len; i++) {
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         watch_row (self, snap, &g_array_index (snap->watchpoints, MdlWatchpoint, i)));
    self->n_rows++;
  }
  gtk_widget_set_visible (self->scrolled, self->n_rows > 0);
  gtk_widget_set_visible (self->placeholder, self->n_rows == 0);
}

void
mdl_watchpoints_view_refresh (MdlWatchpointsView *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_return_if_fail (MDL_IS_WATCHPOINTS_VIEW (self));

  if (self->session != NULL)
    snap = mdl_session_ref_snapshot (self->session);
  show_snapshot (self, snap);
}

static void
on_updated (MdlWatchpointsView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_WATCHPOINTS_VIEW (self));

  show_snapshot (self, snap);
}

static void
detach (MdlWatchpointsView *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
}

void
mdl_watchpoints_view_set_session (MdlWatchpointsView *self, MdlSession *session)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_WATCHPOINTS_VIEW (self));
  g_return_if_fail (session == NULL || MDL_IS_SESSION (session));

  if (self->session == session)
    return;
  detach (self);
  if (session != NULL)
    self->session = g_object_ref (session);
  self->runner = runner;
  g_clear_pointer (&self->shown, g_free);
  gtk_widget_set_sensitive (self->add_box, runner != NULL);
  show_error (self, NULL);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                   runner != NULL
                                   ? _("Watch a variable to stop the machine when the guest reads or writes it.")
                                   : _("Run the board to watch its memory."));
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  mdl_watchpoints_view_refresh (self);
}

void
mdl_watchpoints_view_set_cpu (MdlWatchpointsView *self, unsigned cpu)
{
  g_return_if_fail (MDL_IS_WATCHPOINTS_VIEW (self));

  self->cpu = cpu;
  /* The same name may be another address in another CPU's firmware. */
  on_entry_changed (self);
}

/* ---- GObject ---- */

static void
mdl_watchpoints_view_dispose (GObject *object)
{
  MdlWatchpointsView *self = MDL_WATCHPOINTS_VIEW (object);
  GtkWidget *child;

  detach (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdl_watchpoints_view_parent_class)->dispose (object);
}

static void
mdl_watchpoints_view_finalize (GObject *object)
{
  MdlWatchpointsView *self = MDL_WATCHPOINTS_VIEW (object);

  g_free (self->shown);
  G_OBJECT_CLASS (mdl_watchpoints_view_parent_class)->finalize (object);
}

static void
mdl_watchpoints_view_class_init (MdlWatchpointsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_watchpoints_view_dispose;
  object_class->finalize = mdl_watchpoints_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlwatchpoints");
}

static void
mdl_watchpoints_view_init (MdlWatchpointsView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);
  GtkWidget *access, *row;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);

  /* Address on a line of its own, since the views pane may be narrow and
   * a squeezed entry shrinks to a character; then size, access, add. */
  self->add_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Address or symbol"));
  gtk_widget_set_tooltip_text (self->entry, _("An address (0x80001000), a symbol of the CPU’s "
                                              "firmware (counter), or a symbol plus an offset (buffer+8)"));
  gtk_entry_set_input_hints (GTK_ENTRY (self->entry), GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_widget_add_css_class (self->entry, "monospace");
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_add), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 16);
  gtk_box_append (GTK_BOX (self->add_box), self->entry);
  gtk_box_append (GTK_BOX (self->add_box), row);

  self->size_spin = gtk_spin_button_new_with_range (1, 1 << 20, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->size_spin), 4);
  gtk_widget_set_tooltip_text (self->size_spin, _("Bytes to Watch"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->size_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bytes to watch"), -1);
  g_signal_connect_swapped (self->size_spin, "value-changed", G_CALLBACK (on_size_changed), self);
  gtk_box_append (GTK_BOX (row), self->size_spin);
  {
    GtkWidget *unit = gtk_label_new (_("bytes"));

    gtk_widget_add_css_class (unit, "dim-label");
    gtk_widget_set_margin_end (unit, 6);
    gtk_box_append (GTK_BOX (row), unit);
  }

  access = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (access, "linked");
  self->read_toggle = gtk_toggle_button_new_with_label (_("Read"));
  self->write_toggle = gtk_toggle_button_new_with_label (_("Write"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->write_toggle), TRUE);
  gtk_widget_set_tooltip_text (self->read_toggle, _("Stop When the Guest Reads the Range"));
  gtk_widget_set_tooltip_text (self->write_toggle, _("Stop When the Guest Writes the Range"));
  g_signal_connect_swapped (self->read_toggle, "toggled", G_CALLBACK (on_access_toggled), self);
  g_signal_connect_swapped (self->write_toggle, "toggled", G_CALLBACK (on_access_toggled), self);
  gtk_box_append (GTK_BOX (access), self->read_toggle);
  gtk_box_append (GTK_BOX (access), self->write_toggle);
  gtk_box_append (GTK_BOX (row), access);

  self->add_button = gtk_button_new_with_mnemonic (_("_Watch"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  gtk_widget_set_hexpand (self->add_button, TRUE);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (self->add_button, _("Add the Watchpoint"));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
  gtk_box_append (GTK_BOX (row), self->add_button);
  gtk_widget_set_parent (self->add_box, widget);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_add_css_class (self->error_label, "caption");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_widget_set_parent (self->error_label, widget);

  /* The watchpoints */
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_visible (self->scrolled, FALSE);
  gtk_widget_set_parent (self->scrolled, widget);

  self->placeholder = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->placeholder), _("No Watchpoints"));
  gtk_widget_add_css_class (self->placeholder, "compact");
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  gtk_widget_set_parent (self->placeholder, widget);

  gtk_widget_set_sensitive (self->add_box, FALSE);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder),
                                   _("Run the board to watch its memory."));
}

GtkWidget *
mdl_watchpoints_view_new (void)
{
  return g_object_new (MDL_TYPE_WATCHPOINTS_VIEW, NULL);
}

/* ---- for tests (mdl-watchpoints-view-private.h) ---- */

GtkEditable *
_mdl_watchpoints_view_get_entry (MdlWatchpointsView *self)
{
  return GTK_EDITABLE (self->entry);
}

GtkWidget *
_mdl_watchpoints_view_get_add_button (MdlWatchpointsView *self)
{
  return self->add_button;
}

GtkWidget *
_mdl_watchpoints_view_get_read_toggle (MdlWatchpointsView *self)
{
  return self->read_toggle;
}

GtkWidget *
_mdl_watchpoints_view_get_write_toggle (MdlWatchpointsView *self)
{
  return self->write_toggle;
}

guint
_mdl_watchpoints_view_get_n_rows (MdlWatchpointsView *self)
{
  return self->n_rows;
}
