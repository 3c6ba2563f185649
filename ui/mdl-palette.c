/* MdlPalette: rows built from the registry, one GtkListBox with headers.
 *
 * A list box rather than a list view: there are tens of classes, not
 * thousands, and it gives group headers (filter-aware) and keyboard
 * activation for free.  What a row stands for is kept as object data on
 * the row: its drag string, its group and the text the search looks in.
 */
#define G_LOG_DOMAIN "medley-palette"

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-palette.h"
#include "engine/registry.h"

struct _MdlPalette {
  GtkWidget       parent_instance;

  GtkSearchEntry *search;
  GtkListBox     *list;
  GtkWidget      *box;

  char           *needle;   /* casefolded search text, NULL when empty */
};

G_DEFINE_FINAL_TYPE (MdlPalette, mdl_palette, GTK_TYPE_WIDGET)

#define ROW_SPEC     "mdl-palette-spec"      /* "cpu:rv32imac", "device:ns16550a" */
#define ROW_GROUP    "mdl-palette-group"     /* header text */
#define ROW_ORDER    "mdl-palette-order"     /* group order, then name */
#define ROW_NAME     "mdl-palette-name"
#define ROW_HAYSTACK "mdl-palette-haystack"  /* casefolded name, descriptions, compatible */

/* CPUs come first (by architecture), then devices in MdlDeviceGroup order. */
#define ORDER_CPU    0
#define ORDER_DEVICE 100

static const char *
group_label (MdlDeviceGroup group)
{
  switch (group) {
  case MDL_GROUP_MEMORY:     return _("Memory");
  case MDL_GROUP_SERIAL:     return _("Serial");
  case MDL_GROUP_TIMERS:     return _("Timers");
  case MDL_GROUP_INTERRUPTS: return _("Interrupts");
  case MDL_GROUP_MAILBOXES:  return _("Mailboxes");
  case MDL_GROUP_DISPLAY:    return _("Display");
  case MDL_GROUP_PARTS:      return _("Parts");
  case MDL_GROUP_OTHER:
  default:                   return _("Other");
  }
}

const char *
mdl_palette_group_icon (MdlDeviceGroup group)
{
  switch (group) {
  case MDL_GROUP_MEMORY:     return "medley-memory-symbolic";
  case MDL_GROUP_SERIAL:     return "medley-serial-symbolic";
  case MDL_GROUP_TIMERS:     return "medley-timer-symbolic";
  case MDL_GROUP_INTERRUPTS: return "medley-interrupt-controller-symbolic";
  case MDL_GROUP_MAILBOXES:  return "medley-mailbox-symbolic";
  case MDL_GROUP_DISPLAY:    return "medley-display-symbolic";
  case MDL_GROUP_OTHER:
  default:                   return "medley-other-symbolic";
  }
}

/* The heading CPUs are grouped under: the label the class gives ("RISC-V
 * 32"), else its architecture name in capitals. */
static char *
arch_label (const MdlCpuClass *cls)
{
  if (cls->arch_label != NULL)
    return g_strdup (cls->arch_label);
  if (cls->arch == NULL || *cls->arch == '\0')
    return g_strdup (_("CPUs"));
  return g_ascii_strup (cls->arch, -1);
}

static void
header_func (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), ROW_GROUP);
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (group, g_object_get_data (G_OBJECT (before), ROW_GROUP)) == 0) {
    gtk_list_box_row_set_header (row, NULL);
    return;
  }
  header = gtk_list_box_row_get_header (row);
  if (header != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (header)), group) == 0)
    return;
  header = gtk_label_new (group);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 4);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static int
sort_func (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data)
{
  int oa = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), ROW_ORDER));
  int ob = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), ROW_ORDER));
  int cmp;

  if (oa != ob)
    return oa < ob ? -1 : 1;
  cmp = g_strcmp0 (g_object_get_data (G_OBJECT (a), ROW_GROUP),
                   g_object_get_data (G_OBJECT (b), ROW_GROUP));
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (g_object_get_data (G_OBJECT (a), ROW_NAME),
                    g_object_get_data (G_OBJECT (b), ROW_NAME));
}

static gboolean
filter_func (GtkListBoxRow *row, gpointer user_data)
{
  MdlPalette *self = MDL_PALETTE (user_data);
  const char *haystack;

  if (self->needle == NULL)
    return TRUE;
  haystack = g_object_get_data (G_OBJECT (row), ROW_HAYSTACK);
  return haystack != NULL && strstr (haystack, self->needle) != NULL;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, GtkWidget *row)
{
  const char *spec = g_object_get_data (G_OBJECT (row), ROW_SPEC);

  return gdk_content_provider_new_typed (G_TYPE_STRING, spec);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, GtkWidget *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  /* The row itself follows the pointer, held where it was grabbed. */
  gtk_drag_source_set_icon (source, paintable, 24, 16);
}

static GtkWidget *
make_row (MdlPalette *self, const char *spec, const char *name, const char *english,
          const char *compatible, const char *icon, const char *group, int order)
{
  /* The classes carry their descriptions in English, marked with N_();
   * the row shows the translation and the search finds either. */
  const char *description = english[0] != '\0' ? _(english) : english;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *subtitle = gtk_label_new (description);
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *tooltip = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *joined = NULL;

  gtk_widget_set_margin_top (hbox, 6);
  gtk_widget_set_margin_bottom (hbox, 6);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (vbox), title);
  gtk_box_append (GTK_BOX (vbox), subtitle);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_box_append (GTK_BOX (hbox), image);
  gtk_box_append (GTK_BOX (hbox), vbox);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);

  tooltip = g_markup_printf_escaped ("<b>%s</b>\n%s\n<small>%s</small>", name,
                                     description, compatible);
  gtk_widget_set_tooltip_markup (row, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  joined = g_strjoin ("\n", name, description, compatible, group,
                      description != english ? english : NULL, NULL);
  haystack = g_utf8_casefold (joined, -1);
  g_object_set_data_full (G_OBJECT (row), ROW_SPEC, g_strdup (spec), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_NAME, g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_GROUP, g_strdup (group), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_HAYSTACK, g_steal_pointer (&haystack), g_free);
  g_object_set_data (G_OBJECT (row), ROW_ORDER, GINT_TO_POINTER (order));

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

void
mdl_palette_reload (MdlPalette *self)
{
  const MdlCpuClass *const *cpus = mdl_registry_cpus ();
  const MdlDeviceClass *const *devices = mdl_registry_devices ();
  GtkWidget *child;

  g_return_if_fail (MDL_IS_PALETTE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; cpus != NULL && cpus[i] != NULL; i++) {
    const MdlCpuClass *cls = cpus[i];
    g_autofree char *spec = g_strconcat ("cpu:", cls->name, NULL);
    g_autofree char *group = arch_label (cls);

    gtk_list_box_append (self->list,
                         make_row (self, spec, cls->name, cls->description ? cls->description : "",
                                   cls->compatible ? cls->compatible : "",
                                   "medley-cpu-symbolic", group, ORDER_CPU));
  }
  for (guint i = 0; devices != NULL && devices[i] != NULL; i++) {
    const MdlDeviceClass *cls = devices[i];
    g_autofree char *spec = g_strconcat ("device:", cls->compatible, NULL);

    gtk_list_box_append (self->list,
                         make_row (self, spec, cls->name, cls->description ? cls->description : "",
                                   cls->compatible, mdl_palette_group_icon (cls->group),
                                   group_label (cls->group), ORDER_DEVICE + cls->group));
  }
  gtk_list_box_invalidate_headers (self->list);
}

static void
search_changed_cb (MdlPalette *self, GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (MDL_IS_PALETTE (self));

  g_clear_pointer (&self->needle, g_free);
  if (text != NULL && *text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
}

static void
activate_row (MdlPalette *self, GtkListBoxRow *row)
{
  const char *spec = g_object_get_data (G_OBJECT (row), ROW_SPEC);

  if (spec != NULL && !gtk_widget_activate_action (GTK_WIDGET (self), "win.add-component", "s", spec))
    g_debug ("No win.add-component action to add %s", spec);
}

static void
row_activated_cb (MdlPalette *self, GtkListBoxRow *row, GtkListBox *list)
{
  g_assert (MDL_IS_PALETTE (self));
  activate_row (self, row);
}

/* Enter in the search field adds the first match: type, Enter, done. */
static void
search_activate_cb (MdlPalette *self, GtkSearchEntry *entry)
{
  g_assert (MDL_IS_PALETTE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child)) {
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        filter_func (GTK_LIST_BOX_ROW (child), self)) {
      activate_row (self, GTK_LIST_BOX_ROW (child));
      return;
    }
  }
}

static void
mdl_palette_dispose (GObject *object)
{
  MdlPalette *self = MDL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDL_TYPE_PALETTE);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (mdl_palette_parent_class)->dispose (object);
}

static void
mdl_palette_class_init (MdlPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_palette_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medley/Medley/mdl-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, MdlPalette, box);
  gtk_widget_class_bind_template_child (widget_class, MdlPalette, search);
  gtk_widget_class_bind_template_child (widget_class, MdlPalette, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlpalette");
}

static void
mdl_palette_init (MdlPalette *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No matching components"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_list_box_set_sort_func (self->list, sort_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  /* Typing anywhere in the palette goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));

  mdl_palette_reload (self);
}

MdlPalette *
mdl_palette_new (MdlEditor *editor)
{
  return g_object_new (MDL_TYPE_PALETTE, NULL);
}
