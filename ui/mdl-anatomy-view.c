#define G_LOG_DOMAIN "medley-anatomy-view"

/* Drawn bit boxes above a table of fields.  The boxes are custom drawing
 * (one colour per field, its name under its span); the table is plain
 * labels, so that it can be read by a screen reader and copied. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mdl-anatomy-view.h"
#include "mdl-cpu-views-private.h"

#define BITS_HEIGHT 112

struct _MdlAnatomyView {
  GtkWidget    parent_instance;

  MdlSession  *session;
  MdlRunner   *runner;      /* the session's */
  guint64      shown_seq;   /* the snapshot last shown */
  guint        cpu;

  gboolean     have;
  guint64      pc;
  MdlInsnInfo  info;

  GtkWidget   *stack;
  GtkWidget   *empty;
  GtkLabel    *title;
  GtkLabel    *subtitle;
  GtkWidget   *bits;
  GtkGrid     *table;
};

G_DEFINE_FINAL_TYPE (MdlAnatomyView, mdl_anatomy_view, GTK_TYPE_WIDGET)

/* GNOME's palette (blue, green, orange, purple, red, brown, yellow, teal,
 * pink, dark blue): distinguishable in both styles. */
static const GdkRGBA field_colours[] = {
  { 0.21, 0.52, 0.89, 1 }, { 0.20, 0.82, 0.48, 1 }, { 1.00, 0.47, 0.00, 1 },
  { 0.57, 0.25, 0.67, 1 }, { 0.88, 0.11, 0.14, 1 }, { 0.60, 0.42, 0.27, 1 },
  { 0.96, 0.83, 0.18, 1 }, { 0.13, 0.56, 0.64, 1 }, { 0.75, 0.38, 0.80, 1 },
  { 0.10, 0.37, 0.71, 1 },
};

static guint
n_bits (const MdlInsnInfo *info)
{
  return info->len >= 4 ? 32 : info->len * 8;
}

/* The field owning bit @bit (the last one listed wins), or -1. */
static int
field_of_bit (const MdlInsnInfo *info, guint bit)
{
  int found = -1;

  for (guint f = 0; f < info->n_fields; f++)
    if (bit >= info->fields[f].lo && bit <= info->fields[f].hi)
      found = (int) f;
  return found;
}

static void
draw_bits (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  MdlAnatomyView *self = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  PangoFontDescription *font = _mdl_cpu_views_mono_font (GTK_WIDGET (area));
  PangoFontDescription *small = pango_font_description_copy (font);
  guint nb = n_bits (&self->info);
  double margin = 8, box_w, box_h = 30, top = 18;
  double stagger_end[2] = { -1, -1 };
  GdkRGBA fg;

  if (!self->have || nb == 0) {
    pango_font_description_free (font);
    pango_font_description_free (small);
    return;
  }
  gtk_style_context_get_color (style, &fg);
  box_w = (width - 2 * margin) / nb;
  pango_font_description_set_size (small, pango_font_description_get_size (font) * 3 / 4);

  for (guint i = 0; i < nb; i++) {
    guint bit = nb - 1 - i;       /* most significant bit on the left */
    int f = field_of_bit (&self->info, bit);
    double x = margin + i * box_w;
    char digit[2] = { (self->info.raw >> bit) & 1 ? '1' : '0', 0 };
    int tw, th;

    if (f >= 0) {
      GdkRGBA c = field_colours[f % G_N_ELEMENTS (field_colours)];

      c.alpha = 0.35;
      gdk_cairo_set_source_rgba (cr, &c);
    } else {
      GdkRGBA c = fg;

      c.alpha = 0.08;
      gdk_cairo_set_source_rgba (cr, &c);
    }
    cairo_rectangle (cr, x + 0.5, top + 0.5, box_w - 1, box_h - 1);
    cairo_fill (cr);

    pango_layout_set_font_description (layout, font);
    pango_layout_set_text (layout, digit, 1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    gdk_cairo_set_source_rgba (cr, &fg);
    cairo_move_to (cr, x + (box_w - tw) / 2, top + (box_h - th) / 2);
    pango_cairo_show_layout (cr, layout);

    /* Bit numbers at the edges of each field, and at the ends. */
    if (i == 0 || bit == 0 || field_of_bit (&self->info, bit + 1) != f ||
        (bit > 0 && field_of_bit (&self->info, bit - 1) != f)) {
      g_autofree char *num = g_strdup_printf ("%u", bit);
      GdkRGBA dim = fg;

      dim.alpha = 0.55;
      pango_layout_set_font_description (layout, small);
      pango_layout_set_text (layout, num, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, x + (box_w - tw) / 2, top - th - 1);
      pango_cairo_show_layout (cr, layout);
    }
  }

  /* Each field: a bracket in its colour under its span, its name below;
   * names wider than their field go on a second row. */
  for (guint f = 0; f < self->info.n_fields; f++) {
    const MdlInsnField *field = &self->info.fields[f];
    GdkRGBA c = field_colours[f % G_N_ELEMENTS (field_colours)];
    double x0, x1, cx, y = top + box_h + 4;
    int tw, th, level = 0;

    if (field->hi >= nb || field->lo > field->hi)
      continue;
    x0 = margin + (nb - 1 - field->hi) * box_w + 2;
    x1 = margin + (nb - field->lo) * box_w - 2;
    gdk_cairo_set_source_rgba (cr, &c);
    cairo_set_line_width (cr, 2);
    cairo_move_to (cr, x0, y);
    cairo_line_to (cr, x0, y + 5);
    cairo_line_to (cr, x1, y + 5);
    cairo_line_to (cr, x1, y);
    cairo_stroke (cr);

    pango_layout_set_font_description (layout, small);
    pango_layout_set_text (layout, field->name, -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    cx = (x0 + x1) / 2 - tw / 2.0;
    cx = CLAMP (cx, 0, width - tw);
    if (tw > x1 - x0 + 4)
      level = cx < stagger_end[0] + 4 ? 1 : 0;
    if (cx < stagger_end[level] + 4)
      level = 1 - level;
    stagger_end[level] = cx + tw;
    gdk_cairo_set_source_rgba (cr, &fg);
    cairo_move_to (cr, cx, y + 8 + level * (th + 2));
    pango_cairo_show_layout (cr, layout);
  }
  pango_font_description_free (font);
  pango_font_description_free (small);
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  const GdkRGBA *c = data;

  gdk_cairo_set_source_rgba (cr, c);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
cell (const char *text, gboolean mono, gboolean dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (mono)
    gtk_widget_add_css_class (label, "monospace");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
rebuild_table (MdlAnatomyView *self)
{
  GtkWidget *child;
  static const char *const heads[] = { "", N_("Field"), N_("Bits"), N_("Value"), N_("Meaning") };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++) {
    GtkWidget *h = cell (*heads[i] ? _(heads[i]) : "", FALSE, FALSE);

    gtk_widget_add_css_class (h, "heading");
    gtk_grid_attach (self->table, h, (int) i, 0, 1, 1);
  }
  for (guint f = 0; f < self->info.n_fields; f++) {
    const MdlInsnField *field = &self->info.fields[f];
    guint width = field->hi - field->lo + 1;
    g_autofree char *bits = field->hi == field->lo ? g_strdup_printf ("%u", field->lo)
                                                   : g_strdup_printf ("%u:%u", field->hi,
                                                                      field->lo);
    g_autoptr(GString) value = g_string_new (NULL);
    GtkWidget *swatch = gtk_drawing_area_new ();

    /* Binary for short fields (as drawn above), hex for long ones. */
    if (width <= 7) {
      for (int b = (int) width - 1; b >= 0; b--)
        g_string_append_c (value, (field->value >> b) & 1 ? '1' : '0');
    } else {
      g_string_append_printf (value, "0x%" G_GINT64_MODIFIER "x", field->value);
    }
    gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
    gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                    (gpointer) &field_colours[f % G_N_ELEMENTS (field_colours)],
                                    NULL);
    gtk_grid_attach (self->table, swatch, 0, (int) f + 1, 1, 1);
    gtk_grid_attach (self->table, cell (field->name, TRUE, FALSE), 1, (int) f + 1, 1, 1);
    gtk_grid_attach (self->table, cell (bits, TRUE, TRUE), 2, (int) f + 1, 1, 1);
    gtk_grid_attach (self->table, cell (value->str, TRUE, FALSE), 3, (int) f + 1, 1, 1);
    gtk_grid_attach (self->table, cell (field->meaning, TRUE, FALSE), 4, (int) f + 1, 1, 1);
  }
}

void
mdl_anatomy_view_update (MdlAnatomyView *self, const MdlSnapshot *snap)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);
  const MdlInsnInfo *info = c != NULL && snap->insn != NULL ? &snap->insn[self->cpu] : NULL;

  g_return_if_fail (MDL_IS_ANATOMY_VIEW (self));
  self->shown_seq = snap->seq;

  if (info == NULL || info->len == 0) {
    self->have = FALSE;
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    return;
  }
  /* The same instruction again (running in a loop, or another snapshot
   * while paused): nothing to rebuild. */
  if (self->have && self->pc == c->pc && self->info.raw == info->raw &&
      self->info.len == info->len)
    return;
  self->have = TRUE;
  self->pc = c->pc;
  self->info = *info;
  {
    g_autofree char *sub = NULL;
    g_autofree char *addr = _mdl_cpu_views_hex (c->pc, c->cls->xlen);
    g_autofree char *raw = info->len == 2 ? g_strdup_printf ("%04x", info->raw & 0xffff)
                                          : g_strdup_printf ("%08x", info->raw);

    gtk_label_set_label (self->title, info->mnemonic);
    /* Hovering the mnemonic says what it does, in the class's words. */
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title),
                                 info->summary[0] ? info->summary : NULL);
    /* TRANSLATORS: "I-type, 4 bytes at 0x80000010: 00a50513" */
    sub = g_strdup_printf (_("%s, %u bytes at %s: %s"), info->format, info->len, addr, raw);
    gtk_label_set_label (self->subtitle, sub);
  }
  rebuild_table (self);
  gtk_widget_queue_draw (self->bits);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "info");
}

/* Shown, it follows the machine; hidden, the panel brings it up to date
 * when it is shown again. */
static void
on_updated (MdlAnatomyView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_ANATOMY_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && snap->seq != self->shown_seq)
    mdl_anatomy_view_update (self, snap);
}

void
mdl_anatomy_view_set_session (MdlAnatomyView *self, MdlSession *session, guint cpu)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_ANATOMY_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = runner;
  self->shown_seq = G_MAXUINT64;   /* whatever comes next is new */
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  self->cpu = cpu;
  self->have = FALSE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

const char *
mdl_anatomy_view_get_mnemonic (MdlAnatomyView *self)
{
  g_return_val_if_fail (MDL_IS_ANATOMY_VIEW (self), NULL);
  return self->have ? self->info.mnemonic : NULL;
}

gboolean
mdl_anatomy_view_get_insn (MdlAnatomyView *self, guint64 *pc, const char **format)
{
  g_return_val_if_fail (MDL_IS_ANATOMY_VIEW (self), FALSE);
  if (!self->have)
    return FALSE;
  *pc = self->pc;
  *format = self->info.format;
  return TRUE;
}

const char *
mdl_anatomy_view_get_mnemonic_tooltip (MdlAnatomyView *self)
{
  g_return_val_if_fail (MDL_IS_ANATOMY_VIEW (self), NULL);
  return self->have ? gtk_widget_get_tooltip_text (GTK_WIDGET (self->title)) : NULL;
}

guint
mdl_anatomy_view_get_n_fields (MdlAnatomyView *self)
{
  g_return_val_if_fail (MDL_IS_ANATOMY_VIEW (self), 0);
  return self->have ? self->info.n_fields : 0;
}

static void
mdl_anatomy_view_dispose (GObject *object)
{
  MdlAnatomyView *self = MDL_ANATOMY_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
  G_OBJECT_CLASS (mdl_anatomy_view_parent_class)->dispose (object);
}

static void
mdl_anatomy_view_class_init (MdlAnatomyViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mdl_anatomy_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mdlanatomyview");
}

static void
mdl_anatomy_view_init (MdlAnatomyView *self)
{
  GtkWidget *scroller, *box;

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->empty = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Instruction to Show"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("The instruction at the pc cannot be read, or this CPU "
                                     "does not describe its encodings."));
  gtk_widget_add_css_class (self->empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty, "empty");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "anatomy");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "info");

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "monospace");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->subtitle));

  self->bits = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->bits), BITS_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->bits), draw_bits, self, NULL);
  gtk_box_append (GTK_BOX (box), self->bits);

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 12);
  gtk_grid_set_row_spacing (self->table, 4);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->table));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

GtkWidget *
mdl_anatomy_view_new (void)
{
  return g_object_new (MDL_TYPE_ANATOMY_VIEW, NULL);
}
