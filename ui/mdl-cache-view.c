#define G_LOG_DOMAIN "medley-cache-view"

/* Two groups (instruction cache, data cache), each a heading, its
 * configuration and counts as labels (readable by a screen reader and
 * copyable), and a drawn grid of its sets and ways.  The view keeps a
 * reference on the snapshot it shows, so that drawing needs no copy. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mdl-cache-view.h"
#include "mdl-cpu-views-private.h"

/* Grids with more sets show this many, around the set touched last. */
#define MAX_ROWS 256

typedef struct {
  MdlCacheView *view;
  guint         index;      /* 0: instructions, 1: data */
  GtkWidget    *box;
  GtkLabel     *config;
  GtkLabel     *counts;
  GtkWidget    *grid;
  guint         first_set;
  guint         n_rows;
} Side;

struct _MdlCacheView {
  GtkWidget    parent_instance;

  MdlSession  *session;
  guint64      shown_seq;
  guint        cpu;
  MdlSnapshot *snap;        /* the snapshot shown, or NULL */

  GtkWidget   *stack;
  GtkLabel    *timing;
  Side         side[2];
};

G_DEFINE_FINAL_TYPE (MdlCacheView, mdl_cache_view, GTK_TYPE_WIDGET)

/* GNOME's blue and orange: the line a hit used, the line a miss filled. */
static const GdkRGBA hit_colour = { 0.21, 0.52, 0.89, 1 };
static const GdkRGBA miss_colour = { 1.00, 0.47, 0.00, 1 };

static const MdlCacheSideSnapshot *
side_snapshot (MdlCacheView *self, guint index)
{
  const MdlCpuSnapshot *c = self->snap ? _mdl_cpu_views_cpu (self->snap, self->cpu) : NULL;

  if (c == NULL || c->cache == NULL || c->cache->side[index].cfg.size == 0)
    return NULL;
  return &c->cache->side[index];
}

static void
draw_grid (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Side *side = data;
  MdlCacheView *self = side->view;
  const MdlCacheSideSnapshot *s = side_snapshot (self, side->index);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  PangoFontDescription *font = _mdl_cpu_views_mono_font (GTK_WIDGET (area));
  unsigned ways, digits;
  double row_h, set_w, way_w;
  int tw, th;
  GdkRGBA fg, dim;

  (void) height;
  if (s == NULL) {
    pango_font_description_free (font);
    return;
  }
  gtk_style_context_get_color (style, &fg);
  dim = fg;
  dim.alpha = 0.55;
  ways = s->cfg.ways;
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "0", 1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  row_h = th + 6;
  set_w = tw * 6;
  way_w = MAX ((width - set_w) / ways, tw * 4);
  /* Line addresses as wide as the highest one needs (at least 8). */
  digits = 8;
  for (guint i = 0; i < s->sets * ways; i++)
    if (s->lines[i].valid && (s->lines[i].tag << g_bit_nth_lsf (s->cfg.line, -1)) >> 32)
      digits = 16;

  /* The header row: way numbers. */
  gdk_cairo_set_source_rgba (cr, &dim);
  pango_layout_set_text (layout, _("set"), -1);
  cairo_move_to (cr, 2, 3);
  pango_cairo_show_layout (cr, layout);
  for (unsigned w = 0; w < ways; w++) {
    /* TRANSLATORS: a column of the cache grid: way 0, way 1... */
    g_autofree char *head = g_strdup_printf (_("way %u"), w);
    pango_layout_set_text (layout, head, -1);
    cairo_move_to (cr, set_w + w * way_w + 6, 3);
    pango_cairo_show_layout (cr, layout);
  }

  for (guint r = 0; r < side->n_rows; r++) {
    guint set = side->first_set + r;
    double y = (r + 1) * row_h;
    g_autofree char *num = g_strdup_printf ("%u", set);

    gdk_cairo_set_source_rgba (cr, &dim);
    pango_layout_set_text (layout, num, -1);
    cairo_move_to (cr, 2, y + 3);
    pango_cairo_show_layout (cr, layout);

    for (unsigned w = 0; w < ways; w++) {
      const MdlCacheLine *l = &s->lines[(size_t) set * ways + w];
      double x = set_w + w * way_w;
      gboolean touched = (int) set == s->last_set && (int) w == s->last_way;
      GdkRGBA c = fg;

      if (touched) {
        c = s->last_hit ? hit_colour : miss_colour;
        c.alpha = 0.45;
      } else {
        c.alpha = l->valid ? 0.10 : 0.04;
      }
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_rectangle (cr, x + 1, y + 1, way_w - 2, row_h - 2);
      cairo_fill (cr);
      if (touched) {
        c.alpha = 1;
        gdk_cairo_set_source_rgba (cr, &c);
        cairo_set_line_width (cr, 2);
        cairo_rectangle (cr, x + 2, y + 2, way_w - 4, row_h - 4);
        cairo_stroke (cr);
      }
      if (l->valid) {
        guint64 addr = l->tag << g_bit_nth_lsf (s->cfg.line, -1);
        g_autofree char *text = g_strdup_printf ("%0*" G_GINT64_MODIFIER "x", (int) digits, addr);

        gdk_cairo_set_source_rgba (cr, &fg);
        pango_layout_set_text (layout, text, -1);
        cairo_move_to (cr, x + 6, y + 3);
        pango_cairo_show_layout (cr, layout);
        if (l->dirty) {
          /* A dirty line: a dot at its right end. */
          cairo_arc (cr, x + way_w - 8, y + row_h / 2, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      }
    }
  }
  pango_font_description_free (font);
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
update_side (MdlCacheView *self, Side *side)
{
  const MdlCacheSideSnapshot *s = side_snapshot (self, side->index);
  static const char *const replacement[] = { N_("LRU"), N_("FIFO"), N_("random") };
  g_autofree char *size = NULL, *config = NULL, *counts = NULL;
  g_autofree char *rh = NULL, *rm = NULL, *wh = NULL, *wm = NULL, *wb = NULL, *unc = NULL;
  guint64 hits, all;
  int row_h, tw;

  gtk_widget_set_visible (side->box, s != NULL);
  if (s == NULL) {
    gtk_label_set_label (side->counts, "");
    return;
  }
  size = g_format_size_full (s->cfg.size, G_FORMAT_SIZE_IEC_UNITS);
  /* TRANSLATORS: "4.0 KiB · 2 ways · 32-byte lines · 64 sets · LRU" */
  config = g_strdup_printf (_("%s · %u ways · %u-byte lines · %u sets · %s"), size, s->cfg.ways,
                            s->cfg.line, s->sets,
                            _(replacement[MIN (s->cfg.replacement, G_N_ELEMENTS (replacement) - 1)]));
  if (side->index == 1) {
    g_autofree char *with = g_strdup_printf ("%s · %s", config,
                                             s->cfg.write == MDL_CACHE_WRITE_THROUGH
                                               ? _("write-through, no write-allocate")
                                               : _("write-back, write-allocate"));
    g_free (config);
    config = g_steal_pointer (&with);
  }
  gtk_label_set_label (side->config, config);

  hits = s->counts.read_hits + s->counts.write_hits;
  all = hits + s->counts.read_misses + s->counts.write_misses;
  rh = format_count (s->counts.read_hits);
  rm = format_count (s->counts.read_misses);
  if (side->index == 0) {
    /* TRANSLATORS: instruction fetches; the last %s is like "97.5 %" */
    g_autofree char *rate = all ? g_strdup_printf ("%.1f %%", 100.0 * hits / all)
                                : g_strdup ("–");
    counts = g_strdup_printf (_("%s hits · %s misses · hit rate %s"), rh, rm, rate);
  } else {
    g_autofree char *rate = all ? g_strdup_printf ("%.1f %%", 100.0 * hits / all)
                                : g_strdup ("–");
    wh = format_count (s->counts.write_hits);
    wm = format_count (s->counts.write_misses);
    wb = format_count (s->counts.writebacks);
    unc = format_count (s->counts.uncached);
    counts = g_strdup_printf (_("Reads: %s hits · %s misses\nWrites: %s hits · %s misses\n"
                                "Hit rate %s · %s write-backs · %s device accesses (uncached)"),
                              rh, rm, wh, wm, rate, wb, unc);
  }
  gtk_label_set_label (side->counts, counts);

  /* All sets, or a window of them around the one touched last. */
  side->n_rows = MIN (s->sets, MAX_ROWS);
  side->first_set = 0;
  if (s->sets > MAX_ROWS && s->last_set >= 0)
    side->first_set = MIN ((guint) s->last_set / MAX_ROWS * MAX_ROWS, s->sets - MAX_ROWS);
  {
    PangoFontDescription *font = _mdl_cpu_views_mono_font (side->grid);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (side->grid, "0");

    pango_layout_set_font_description (layout, font);
    pango_layout_get_pixel_size (layout, &tw, &row_h);
    pango_font_description_free (font);
  }
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (side->grid),
                                       (int) (side->n_rows + 1) * (row_h + 6));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (side->grid),
                                      tw * 6 + (int) s->cfg.ways * tw * 12);
  gtk_widget_queue_draw (side->grid);
}

void
mdl_cache_view_update (MdlCacheView *self, const MdlSnapshot *snap)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);

  g_return_if_fail (MDL_IS_CACHE_VIEW (self));
  self->shown_seq = snap->seq;
  g_clear_pointer (&self->snap, mdl_snapshot_unref);
  if (c == NULL || c->cache == NULL) {
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    for (guint i = 0; i < 2; i++)
      gtk_label_set_label (self->side[i].counts, "");
    return;
  }
  self->snap = mdl_snapshot_ref ((MdlSnapshot *) snap);
  if (c->cache->miss_penalty) {
    g_autofree char *text = g_strdup_printf (
      ngettext ("Each miss stalls the CPU for %u cycle.",
                   "Each miss stalls the CPU for %u cycles.", c->cache->miss_penalty),
      c->cache->miss_penalty);
    gtk_label_set_label (self->timing, text);
  } else {
    gtk_label_set_label (self->timing, _("The model watches; the guest's timing is unchanged."));
  }
  for (guint i = 0; i < 2; i++)
    update_side (self, &self->side[i]);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "cache");
}

static void
on_updated (MdlCacheView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_CACHE_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && snap->seq != self->shown_seq)
    mdl_cache_view_update (self, snap);
}

void
mdl_cache_view_set_session (MdlCacheView *self, MdlSession *session, guint cpu)
{
  g_return_if_fail (MDL_IS_CACHE_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->shown_seq = G_MAXUINT64;
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  self->cpu = cpu;
  g_clear_pointer (&self->snap, mdl_snapshot_unref);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

const char *
mdl_cache_view_get_counts_text (MdlCacheView *self, guint side)
{
  g_return_val_if_fail (MDL_IS_CACHE_VIEW (self) && side < 2, "");
  return gtk_label_get_label (self->side[side].counts);
}

static void
mdl_cache_view_dispose (GObject *object)
{
  MdlCacheView *self = MDL_CACHE_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->snap, mdl_snapshot_unref);
  G_OBJECT_CLASS (mdl_cache_view_parent_class)->dispose (object);
}

static void
mdl_cache_view_class_init (MdlCacheViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mdl_cache_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mdlcacheview");
}

static GtkLabel *
wrapped_label (GtkWidget *box, const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
mdl_cache_view_init (MdlCacheView *self)
{
  static const char *const titles[] = { N_("Instruction Cache"), N_("Data Cache") };
  GtkWidget *scroller, *box, *empty;

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-app-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Cache Model"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Give this CPU's cluster an instruction or a data cache "
                                     "in the inspector (icache-size, dcache-size) and run the "
                                     "board again to watch its sets fill."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "cache-view");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "cache");

  self->timing = wrapped_label (box, "dim-label");
  gtk_label_set_label (wrapped_label (box, "caption"),
                       _("Each row is a set, each column a way, each cell the address of the "
                         "line it holds. Blue: the line the last access hit; orange: the line "
                         "its miss filled; a dot: a dirty line."));
  for (guint i = 0; i < 2; i++) {
    Side *side = &self->side[i];
    GtkWidget *title;

    side->view = self;
    side->index = i;
    side->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
    gtk_box_append (GTK_BOX (box), side->box);
    title = GTK_WIDGET (wrapped_label (side->box, "heading"));
    gtk_label_set_label (GTK_LABEL (title), _(titles[i]));
    side->config = wrapped_label (side->box, "dim-label");
    side->counts = wrapped_label (side->box, "numeric");
    side->grid = gtk_drawing_area_new ();
    gtk_widget_set_hexpand (side->grid, TRUE);
    gtk_widget_set_margin_top (side->grid, 4);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (side->grid), draw_grid, side, NULL);
    gtk_box_append (GTK_BOX (side->box), side->grid);
  }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

GtkWidget *
mdl_cache_view_new (void)
{
  return g_object_new (MDL_TYPE_CACHE_VIEW, NULL);
}
