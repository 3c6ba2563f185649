/* The window's room: the CPU views, the inspector and the consoles keep
 * the size the user gave them, across windows and runs, and can be hidden
 * (View items of the main menu); the canvas takes the rest and carries
 * zoom controls and the Arrange command.  Sizes live in a small key file
 * under the user's config folder rather than GSettings, whose schema a
 * build-tree run lacks. */
#define G_LOG_DOMAIN "medley-window"

#include <errno.h>
#include <glib/gi18n.h>

#include "mdl-canvas.h"
#include "mdl-window-private.h"

/* Below this width the palette gives way to the CPU views (see
 * _mdl_window_update_panes). */
#define NARROW_WINDOW 1200

typedef struct {
  const char *key;
  gsize       offset;      /* of the GtkPaned in MdlWindow */
  GtkOrientation orientation;
} PaneInfo;

static const PaneInfo panes[] = {
  { "views",     G_STRUCT_OFFSET (MdlWindow, views_paned),   GTK_ORIENTATION_HORIZONTAL },
  { "inspector", G_STRUCT_OFFSET (MdlWindow, side_paned),    GTK_ORIENTATION_HORIZONTAL },
  { "consoles",  G_STRUCT_OFFSET (MdlWindow, console_paned), GTK_ORIENTATION_VERTICAL },
};

/* Size of each pane's end child, shared by the windows of the process;
 * 0 is "not set", the layout's own choice. */
static int end_sizes[G_N_ELEMENTS (panes)];
static gboolean sizes_loaded;

static char *
sizes_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "medley", "panes.ini", NULL);
}

static void
load_sizes (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = sizes_path ();

  if (sizes_loaded)
    return;
  sizes_loaded = TRUE;
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++) {
    int v = g_key_file_get_integer (kf, "panes", panes[i].key, NULL);

    if (v > 0 && v < 10000)
      end_sizes[i] = v;
  }
}

/* Losing the sizes is harmless, so a failed write is only logged. */
static void
save_sizes (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = sizes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (end_sizes[i] > 0)
      g_key_file_set_integer (kf, "panes", panes[i].key, end_sizes[i]);
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_key_file_save_to_file (kf, path, &error))
    g_debug ("pane sizes not saved to %s: %s", path,
             error != NULL ? error->message : g_strerror (errno));
}

static GtkPaned *
pane_of (MdlWindow *self, guint i)
{
  return G_STRUCT_MEMBER (GtkPaned *, self, panes[i].offset);
}

static int
pane_length (GtkPaned *paned, guint i)
{
  return panes[i].orientation == GTK_ORIENTATION_HORIZONTAL
         ? gtk_widget_get_width (GTK_WIDGET (paned))
         : gtk_widget_get_height (GTK_WIDGET (paned));
}

/* The end child's size is what is remembered: the window may come back at
 * another size, and the canvas is the one that should absorb it. */
static void
on_position (GtkPaned *paned, GParamSpec *pspec, MdlWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++) {
    int length;

    if (pane_of (self, i) != paned)
      continue;
    length = pane_length (paned, i);
    if (!(self->panes_restored & (1u << i)) || length <= 0 || self->panes_programmatic)
      return;
    if (!gtk_widget_get_visible (gtk_paned_get_end_child (paned)))
      return;
    end_sizes[i] = length - gtk_paned_get_position (paned);
  }
}

/* GtkPaned learns its length at its first allocation, which is when a
 * remembered end size can become a position. */
static void
on_max_position (GtkPaned *paned, GParamSpec *pspec, MdlWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++) {
    int length;

    if (pane_of (self, i) != paned || (self->panes_restored & (1u << i)))
      continue;
    length = pane_length (paned, i);
    if (length <= 0)
      return;
    self->panes_restored |= 1u << i;
    /* A size remembered from a bigger window must not crowd out the
     * canvas in this one. */
    if (end_sizes[i] > 0)
      gtk_paned_set_position (paned, MAX (0, length - MIN (end_sizes[i], length * 2 / 5)));
  }
}

static void
on_unrealize (MdlWindow *self)
{
  save_sizes ();
}

static void
action_show_pane (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  MdlWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  GtkWidget *child;

  g_assert (MDL_IS_WINDOW (self));
  g_simple_action_set_state (action, state);
  child = g_str_equal (name, "show-inspector") ? GTK_WIDGET (self->inspector_slot)
                                               : GTK_WIDGET (self->console_stack);
  gtk_widget_set_visible (child, g_variant_get_boolean (state));
}

static void
action_arrange (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  MdlWindow *self = user_data;

  g_assert (MDL_IS_WINDOW (self));
  if (self->canvas != NULL)
    mdl_canvas_arrange (MDL_CANVAS (self->canvas));
}

static const GActionEntry pane_actions[] = {
  { "arrange", action_arrange },
  { "show-inspector", NULL, NULL, "true", action_show_pane },
  { "show-consoles", NULL, NULL, "true", action_show_pane },
};

static GtkWidget *
zoom_button (const char *icon, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* Linked zoom buttons float over the canvas's bottom-right corner, where
 * cards are least likely to be (fitting centres the board). */
static void
add_zoom_controls (MdlWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  g_object_ref (self->canvas);
  gtk_box_remove (self->canvas_slot, self->canvas);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->canvas);
  g_object_unref (self->canvas);
  gtk_widget_set_hexpand (overlay, TRUE);
  gtk_widget_set_vexpand (overlay, TRUE);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "zoom-controls");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-out-symbolic", "win.zoom-out", _("Zoom Out (Ctrl+−)")));
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-fit-best-symbolic", "win.zoom-fit", _("Fit the Board (Ctrl+1)")));
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-in-symbolic", "win.zoom-in", _("Zoom In (Ctrl++)")));
  self->zoom_controls = box;
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), box);
  gtk_box_append (self->canvas_slot, overlay);
}

/* The CPU views need ~440 px for their six tabs; in a scrolled window the
 * pane can be narrower than that (it scrolls sideways) so that the window
 * fits 1024 px and the divider moves freely. */
static void
scroll_views (MdlWindow *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_object_ref (self->cpu_views);
  gtk_box_remove (self->views_slot, self->cpu_views);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->cpu_views);
  g_object_unref (self->cpu_views);
  gtk_box_append (self->views_slot, scrolled);
}

void
_mdl_window_update_panes (MdlWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-views");
  g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;
  gboolean show = state != NULL && g_variant_get_boolean (state)
                  && (self->runner != NULL || self->views_asked);

  int length = gtk_widget_get_width (GTK_WIDGET (self->views_paned));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  /* In a narrow window the views need the palette's room while a machine
   * exists (adding a part would end the machine anyway). */
  gboolean palette = !(show && self->runner != NULL && width > 0 && width < NARROW_WINDOW);

  if (gtk_widget_get_visible (GTK_WIDGET (self->palette_slot)) != palette) {
    gtk_widget_set_visible (GTK_WIDGET (self->palette_slot), palette);
    gtk_widget_set_visible (gtk_widget_get_next_sibling (GTK_WIDGET (self->palette_slot)), palette);
    length += palette ? -gtk_widget_get_width (GTK_WIDGET (self->palette_slot)) : 200;
  }
  if (gtk_widget_get_visible (GTK_WIDGET (self->views_slot)) == show)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->views_slot), show);
  /* Shown again, the views get their remembered width (or what their six
   * tabs like), never more than 3/5 of the canvas's side. */
  if (show && length > 0) {
    int want = end_sizes[0] > 0 ? end_sizes[0] : 440;

    gtk_paned_set_position (self->views_paned, length - MIN (want, length * 3 / 5));
  }
}

/* A menu item keeps the focus after its popover has closed, and keys such
 * as F5 then went to the closed menu: the canvas takes the focus back. */
void
_mdl_window_refocus (MdlWindow *self)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (self->primary_menu_button));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || focus == popover || gtk_widget_is_ancestor (focus, popover)
      || !gtk_widget_get_mapped (focus)) {
    if (self->canvas == NULL || !gtk_widget_grab_focus (self->canvas))
      gtk_root_set_focus (GTK_ROOT (self), NULL);
  }
}

static gboolean
refocus_after_menu (gpointer data)
{
  _mdl_window_refocus (data);
  return G_SOURCE_REMOVE;
}

/* After the popover has finished closing (it moves the focus itself). */
static void
on_menu_closed (MdlWindow *self, GtkPopover *popover)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refocus_after_menu, g_object_ref (self),
                   g_object_unref);
}

void
_mdl_window_init_panes (MdlWindow *self)
{
  load_sizes ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), pane_actions,
                                   G_N_ELEMENTS (pane_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++) {
    g_signal_connect_object (pane_of (self, i), "notify::position",
                             G_CALLBACK (on_position), self, 0);
    g_signal_connect_object (pane_of (self, i), "notify::max-position",
                             G_CALLBACK (on_max_position), self, 0);
  }
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize), NULL);
  g_signal_connect_object (gtk_menu_button_get_popover (self->primary_menu_button), "closed",
                           G_CALLBACK (on_menu_closed), self, G_CONNECT_SWAPPED);
  if (self->canvas != NULL)
    add_zoom_controls (self);
  if (self->cpu_views != NULL)
    scroll_views (self);
}
