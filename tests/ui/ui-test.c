#include "ui-test.h"

#include "mdl-config.h"

gboolean
ui_test_spin_until (gboolean (*cond) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (cond == NULL || !cond (data)) {
    if (g_get_monotonic_time () > end)
      return FALSE;
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  }
  return TRUE;
}

void
ui_test_spin (guint ms)
{
  ui_test_spin_until (NULL, NULL, ms);
}

char *
ui_test_copy_board (const char *name, const char *dir)
{
  g_autofree char *src = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  char *dst = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &text, &len, NULL));
  g_assert_true (g_file_set_contents (dst, text, (gssize) len, NULL));
  return dst;
}

GdkTexture *
ui_test_render (GtkWidget *widget, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  const char *dir = g_getenv ("MEDLEY_SCREENSHOT_DIR");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  g_assert_cmpint (width, >, 0);
  /* Between a queued redraw and the next frame the widget has nothing to
   * show: wait for that frame. */
  for (int tries = 0; node == NULL && tries < 100; tries++) {
    GtkSnapshot *snapshot = gtk_snapshot_new ();

    gdk_paintable_snapshot (paintable, snapshot, width, height);
    node = gtk_snapshot_free_to_node (snapshot);
    if (node == NULL)
      ui_test_spin (10);
  }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (name != NULL && dir != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_assert_true (gdk_texture_save_to_png (texture, path));
    g_test_message ("screenshot: %s", path);
  }
  return texture;
}

void
ui_test_screenshot (GtkWidget *widget, const char *name)
{
  g_object_unref (ui_test_render (widget, name));
}
