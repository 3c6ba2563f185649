#define G_LOG_DOMAIN "medley-run"

/* PNG writing goes through gdk-pixbuf: it comes with GTK, which app/
 * links anyway, and needs no display. */

#include "screenshot.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "engine/error.h"
#include "engine/device.h"

/* The board's first display, whatever device model it is. */
static MdlDevice *
first_display (MdlMachine *m)
{
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++) {
    MdlDevice *dev = mdl_machine_device (m, i);

    if (dev->cls->view == MDL_VIEW_DISPLAY && dev->cls->render_frame != NULL)
      return dev;
  }
  return NULL;
}

bool
mdl_app_save_screenshot (MdlMachine *m, const char *path, GError **error)
{
  MdlDevice *fb = first_display (m);
  g_autofree uint32_t *argb = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  uint64_t generation = 0;
  unsigned w, h;
  guint8 *rgb;
  int rowstride;

  if (fb == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 _("--screenshot %s: the board has no framebuffer"), path);
    return false;
  }
  /* Generation 0 is never a frame's: this always renders. */
  if (!fb->cls->render_frame (fb, &generation, 0, 0, &argb, &w, &h))
    g_assert_not_reached ();

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, (int) w, (int) h);
  rgb = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  for (unsigned y = 0; y < h; y++)
    for (unsigned x = 0; x < w; x++) {
      uint32_t p = argb[(size_t) y * w + x];
      guint8 *d = rgb + (size_t) y * rowstride + x * 3;

      d[0] = (guint8) (p >> 16);
      d[1] = (guint8) (p >> 8);
      d[2] = (guint8) p;
    }
  if (!gdk_pixbuf_save (pixbuf, path, "png", error, NULL)) {
    g_prefix_error (error, "--screenshot %s: ", path);
    return false;
  }
  return true;
}
