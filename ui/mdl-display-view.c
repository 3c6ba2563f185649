/* MdlDisplayView: a display's picture, rendered only when it changed.
 *
 * The view listens to the session's "updated" signal and then waits for
 * its next frame-clock tick, so however often the engine
 * publishes, at most one picture per screen refresh is converted.  On that
 * tick it compares the frame generation in the snapshot with the one of
 * its picture and asks the engine thread for a new picture only when they
 * differ or when its size on screen changed.  The tick callback is removed
 * after each look, so a paused or idle board leaves the frame clock alone.
 *
 * GTK 4.8 scales textures linearly (blurred pixels), so the view never
 * lets GSK scale: pixman produces the picture at its size in device
 * pixels, whole multiples of the guest's pixels when it is enlarged.
 */
#define G_LOG_DOMAIN "medley-display"

#include <glib/gi18n.h>
#include <math.h>

#include "mdl-display-view.h"

#define BEZEL_PAD    12.0   /* between the widget's edge and the screen */

struct _MdlDisplayView {
  GtkWidget   parent_instance;

  MdlSession *session;
  MdlRunner  *runner;         /* the session's */
  unsigned    nth;
  int         index;          /* device number in snapshots, -1: none */
  guint       tick_id;

  GdkTexture *texture;        /* the latest picture, device pixels */
  guint64     generation;     /* the frame the picture shows */
  gboolean    have_generation;
  guint       guest_w, guest_h;  /* 0 x 0: display off */
  guint       format;
  guint       n_renders;
};

G_DEFINE_FINAL_TYPE (MdlDisplayView, mdl_display_view, GTK_TYPE_WIDGET)

static const char *
format_name (guint format)
{
  switch (format) {
  case MDL_DISPLAY_FORMAT_XRGB8888: return "XRGB8888";
  case MDL_DISPLAY_FORMAT_RGB565:   return "RGB565";
  case MDL_DISPLAY_FORMAT_PAL8:     return "PAL8";
  default:                     return "?";
  }
}

/* The area the screen may take, in widget coordinates. */
static void
screen_area (MdlDisplayView *self, double *w, double *h)
{
  *w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * BEZEL_PAD, 1.0);
  *h = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 2 * BEZEL_PAD - 20, 1.0);
}

/* The picture's size in device pixels for a guest frame of @gw x @gh:
 * the largest that fits, a whole multiple when enlarging so that every
 * guest pixel becomes the same square of screen pixels. */
static void
target_size (MdlDisplayView *self, guint gw, guint gh, guint *tw, guint *th)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double aw, ah, s;

  screen_area (self, &aw, &ah);
  if (gw == 0 || gh == 0) {
    *tw = *th = 1;
    return;
  }
  aw *= scale;
  ah *= scale;
  s = MIN (aw / gw, ah / gh);
  if (s >= 1.0)
    s = floor (s);
  *tw = MAX ((guint) floor (gw * s), 1u);
  *th = MAX ((guint) floor (gh * s), 1u);
}

static void
render (MdlDisplayView *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  const MdlDisplayState *state;
  guint64 generation;
  guint tw, th, out_w = 0, out_h = 0;
  uint32_t *pixels = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (self->runner == NULL || self->index < 0)
    return;
  snap = mdl_session_ref_snapshot (self->session);
  if ((unsigned) self->index >= snap->n_devices ||
      snap->devices[self->index].len < sizeof (MdlDisplayState))
    return;
  state = (const MdlDisplayState *) (const void *) snap->devices[self->index].state;
  target_size (self, state->width, state->height, &tw, &th);

  if (self->texture != NULL && self->have_generation && state->generation == self->generation &&
      (guint) gdk_texture_get_width (self->texture) == tw &&
      (guint) gdk_texture_get_height (self->texture) == th)
    return;   /* nothing new: the common case of an idle display */

  /* The engine renders unless we already hold its current frame; a new
   * size needs a new picture of the same frame, so then pass a
   * generation the frame cannot have. */
  generation = self->have_generation ? self->generation : G_MAXUINT64;
  if (self->texture == NULL || (guint) gdk_texture_get_width (self->texture) != tw ||
      (guint) gdk_texture_get_height (self->texture) != th)
    generation = G_MAXUINT64;
  if (!mdl_runner_render_device (self->runner, (unsigned) self->index, &generation, tw, th,
                                 &pixels, &out_w, &out_h))
    return;

  bytes = g_bytes_new_take (pixels, (gsize) out_w * out_h * 4);
  g_clear_object (&self->texture);
  /* 0xAARRGGBB words: bytes B, G, R, A in memory on the little-endian
   * hosts Medley runs on. */
  self->texture = gdk_memory_texture_new ((int) out_w, (int) out_h, GDK_MEMORY_B8G8R8A8,
                                          bytes, (gsize) out_w * 4);
  self->generation = generation;
  self->have_generation = TRUE;
  self->guest_w = state->width;
  self->guest_h = state->height;
  self->format = state->format;
  self->n_renders++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  MdlDisplayView *self = MDL_DISPLAY_VIEW (widget);

  self->tick_id = 0;
  render (self);
  return G_SOURCE_REMOVE;
}

/* Something to look at: a snapshot, a new size, being shown. */
static void
queue_update (MdlDisplayView *self)
{
  /* Unmapped (another tab in front), the view catches up when shown. */
  if (self->runner != NULL && self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
on_updated (MdlDisplayView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_DISPLAY_VIEW (self));

  queue_update (self);
}

void
mdl_display_view_set_session (MdlDisplayView *self, MdlSession *session)
{
  g_return_if_fail (MDL_IS_DISPLAY_VIEW (self));
  g_return_if_fail (session == NULL || MDL_IS_SESSION (session));

  if (self->tick_id != 0) {
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
    self->tick_id = 0;
  }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = session != NULL ? mdl_session_get_runner (session) : NULL;
  self->have_generation = FALSE;
  /* Found once per machine: it asks the engine thread. */
  self->index = self->runner != NULL
                ? mdl_runner_find_device (self->runner, MDL_VIEW_DISPLAY, NULL, self->nth) : -1;
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  queue_update (self);
}

unsigned
mdl_display_view_get_nth (MdlDisplayView *self)
{
  g_return_val_if_fail (MDL_IS_DISPLAY_VIEW (self), 0);
  return self->nth;
}

guint
mdl_display_view_get_n_renders (MdlDisplayView *self)
{
  g_return_val_if_fail (MDL_IS_DISPLAY_VIEW (self), 0);
  return self->n_renders;
}

static void
append_text (MdlDisplayView *self, GtkSnapshot *snapshot, const char *text, double x,
             double y, double align, const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int lw, lh;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x - lw * align), floor (y - lh / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
mdl_display_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  MdlDisplayView *self = MDL_DISPLAY_VIEW (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA fg, dim;
  double aw, ah;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.55f;
  screen_area (self, &aw, &ah);

  if (self->texture != NULL && self->guest_w > 0) {
    double tw = (double) gdk_texture_get_width (self->texture) / scale;
    double th = (double) gdk_texture_get_height (self->texture) / scale;
    /* Whole device pixels, or the cairo renderer resamples the picture. */
    double x = floor ((BEZEL_PAD + (aw - tw) / 2) * scale) / scale;
    double y = floor ((BEZEL_PAD + (ah - th) / 2) * scale) / scale;
    GskRoundedRect frame;
    const GdkRGBA shade = { 0, 0, 0, 0.25f };
    g_autofree char *info = g_strdup_printf ("%u × %u · %s", self->guest_w, self->guest_h,
                                             format_name (self->format));

    gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (x, y, tw, th), 2);
    gtk_snapshot_append_outset_shadow (snapshot, &frame, &shade, 0, 2, 0, 8);
    gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (x, y, tw, th));
    append_text (self, snapshot, info, width / 2, height - BEZEL_PAD - 6, 0.5, &dim);
  } else {
    const char *text = self->texture != NULL ? _("Display off")
                       : self->runner != NULL ? _("No picture yet")
                       : _("Run the board to see its display");
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
    int lw, lh;

    pango_layout_get_pixel_size (layout, &lw, &lh);
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor ((width - lw) / 2),
                                                            floor ((height - lh) / 2)));
    gtk_snapshot_append_layout (snapshot, layout, &dim);
    gtk_snapshot_restore (snapshot);
  }
}

static void
mdl_display_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  /* A new size wants a picture of the new size (of the same frame). */
  queue_update (MDL_DISPLAY_VIEW (widget));
}

static void
mdl_display_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdl_display_view_parent_class)->map (widget);
  queue_update (MDL_DISPLAY_VIEW (widget));
}

static void
mdl_display_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                          int *minimum, int *natural, int *minimum_baseline,
                          int *natural_baseline)
{
  *minimum = 64;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 + 2 * BEZEL_PAD
                                                       : 240 + 2 * BEZEL_PAD + 20;
}

static void
mdl_display_view_dispose (GObject *object)
{
  MdlDisplayView *self = MDL_DISPLAY_VIEW (object);

  if (self->tick_id != 0) {
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
    self->tick_id = 0;
  }
  if (self->session != NULL)
    mdl_display_view_set_session (self, NULL);
  g_clear_object (&self->texture);
  G_OBJECT_CLASS (mdl_display_view_parent_class)->dispose (object);
}

static void
mdl_display_view_class_init (MdlDisplayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_display_view_dispose;
  widget_class->snapshot = mdl_display_view_snapshot;
  widget_class->size_allocate = mdl_display_view_size_allocate;
  widget_class->map = mdl_display_view_map;
  widget_class->measure = mdl_display_view_measure;
  gtk_widget_class_set_css_name (widget_class, "mdldisplayview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdl_display_view_init (MdlDisplayView *self)
{
  self->index = -1;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
mdl_display_view_new (unsigned nth)
{
  MdlDisplayView *self = g_object_new (MDL_TYPE_DISPLAY_VIEW, NULL);

  self->nth = nth;
  return GTK_WIDGET (self);
}
