#define G_LOG_DOMAIN "medley-problems"

#include "mdl-problems-view.h"

#include <glib/gi18n.h>

#include "engine/board-check.h"

struct _MdlProblemsView {
  GtkWidget  parent_instance;
  GtkWidget *button;
  GtkWidget *list;        /* GtkListBox */
  GtkWidget *icon, *count;  /* the button's face */
  MdlEditor *editor;
  GPtrArray *checks;      /* MdlCheck * */
  guint      idle_id;
};

G_DEFINE_FINAL_TYPE (MdlProblemsView, mdl_problems_view, GTK_TYPE_WIDGET)

static void
on_go_to (GtkButton *button, MdlProblemsView *self)
{
  mdl_problems_view_go_to (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static void
on_move (GtkButton *button, MdlProblemsView *self)
{
  mdl_problems_view_apply_fix (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                           "index")));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

static GtkWidget *
row_new (MdlProblemsView *self, guint index, const MdlCheck *check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (check->severity == MDL_CHECK_ERROR
                                                  ? "dialog-error-symbolic"
                                                  : "dialog-warning-symbolic");
  GtkWidget *what = gtk_label_new (check->what);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (what), 50);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_box_append (GTK_BOX (text), what);
  if (check->fix != NULL) {
    GtkWidget *fix = gtk_label_new (check->fix);

    gtk_label_set_wrap (GTK_LABEL (fix), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (fix), 50);
    gtk_label_set_xalign (GTK_LABEL (fix), 0);
    gtk_widget_add_css_class (fix, "dim-label");
    gtk_box_append (GTK_BOX (text), fix);
  }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  if (check->can_move) {
    GtkWidget *move = gtk_button_new_with_label (_("Move"));

    gtk_widget_set_valign (move, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (move, check->fix);
    g_object_set_data (G_OBJECT (move), "index", GUINT_TO_POINTER (index));
    g_signal_connect (move, "clicked", G_CALLBACK (on_move), self);
    gtk_box_append (GTK_BOX (box), move);
  }
  if (check->component != 0) {
    GtkWidget *go = gtk_button_new_with_label (_("Go To"));

    gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
    g_object_set_data (G_OBJECT (go), "index", GUINT_TO_POINTER (index));
    g_signal_connect (go, "clicked", G_CALLBACK (on_go_to), self);
    gtk_box_append (GTK_BOX (box), go);
  }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  return box;
}

void
mdl_problems_view_refresh (MdlProblemsView *self)
{
  GtkWidget *child;
  guint errors = 0;
  g_autofree char *label = NULL;

  g_return_if_fail (MDL_IS_PROBLEMS_VIEW (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  if (self->editor != NULL)
    self->checks = mdl_board_check (mdl_editor_get_doc (self->editor),
                                    mdl_editor_get_search_dirs ());
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++) {
    const MdlCheck *check = g_ptr_array_index (self->checks, i);

    errors += check->severity == MDL_CHECK_ERROR;
    gtk_list_box_append (GTK_LIST_BOX (self->list), row_new (self, i, check));
  }
  gtk_widget_set_visible (GTK_WIDGET (self), self->checks != NULL && self->checks->len > 0);
  if (self->checks == NULL || self->checks->len == 0)
    return;
  label = g_strdup_printf ("%u", self->checks->len);
  gtk_label_set_label (GTK_LABEL (self->count), label);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic");
}

static gboolean
refresh_idle (gpointer data)
{
  MdlProblemsView *self = data;

  self->idle_id = 0;
  mdl_problems_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Checking loads the firmware: once per burst of edits (a drag moves a
 * card many times), when the main loop is idle. */
static void
on_changed (MdlProblemsView *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

void
mdl_problems_view_set_editor (MdlProblemsView *self, MdlEditor *editor)
{
  g_return_if_fail (MDL_IS_PROBLEMS_VIEW (self));

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  if (editor != NULL)
    g_signal_connect_swapped (editor, "changed", G_CALLBACK (on_changed), self);
  mdl_problems_view_refresh (self);
}

guint
mdl_problems_view_get_n_problems (MdlProblemsView *self)
{
  g_return_val_if_fail (MDL_IS_PROBLEMS_VIEW (self), 0);
  return self->checks != NULL ? self->checks->len : 0;
}

const char *
mdl_problems_view_get_problem (MdlProblemsView *self, guint index)
{
  g_return_val_if_fail (index < mdl_problems_view_get_n_problems (self), NULL);
  return ((const MdlCheck *) g_ptr_array_index (self->checks, index))->what;
}

guint
mdl_problems_view_get_component (MdlProblemsView *self, guint index)
{
  g_return_val_if_fail (index < mdl_problems_view_get_n_problems (self), 0);
  return ((const MdlCheck *) g_ptr_array_index (self->checks, index))->component;
}

void
mdl_problems_view_go_to (MdlProblemsView *self, guint index)
{
  guint id = mdl_problems_view_get_component (self, index);

  if (id != 0 && self->editor != NULL)
    mdl_editor_set_selection (self->editor, &id, 1);
}

gboolean
mdl_problems_view_can_fix (MdlProblemsView *self, guint index)
{
  g_return_val_if_fail (index < mdl_problems_view_get_n_problems (self), FALSE);
  return ((const MdlCheck *) g_ptr_array_index (self->checks, index))->can_move;
}

gboolean
mdl_problems_view_apply_fix (MdlProblemsView *self, guint index)
{
  const MdlCheck *check;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (index < mdl_problems_view_get_n_problems (self), FALSE);
  check = g_ptr_array_index (self->checks, index);
  if (!check->can_move || self->editor == NULL)
    return FALSE;
  text = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", check->move_to);
  /* The edit refreshes the list (and frees @check) when idle. */
  if (!mdl_editor_set_prop (self->editor, check->component, "reg", text, &error)) {
    g_warning ("%s", error->message);
    return FALSE;
  }
  return TRUE;
}

static void
mdl_problems_view_dispose (GObject *object)
{
  MdlProblemsView *self = MDL_PROBLEMS_VIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_problems_view_parent_class)->dispose (object);
}

static void
mdl_problems_view_class_init (MdlProblemsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mdl_problems_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
mdl_problems_view_init (MdlProblemsView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 400);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  GtkWidget *face = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  self->icon = gtk_image_new ();
  self->count = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (face), self->icon);
  gtk_box_append (GTK_BOX (face), self->count);
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), face);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_tooltip_text (self->button, _("Problems of the Board"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
mdl_problems_view_new (void)
{
  return g_object_new (MDL_TYPE_PROBLEMS_VIEW, NULL);
}
