/* The framebuffer demo, headless: `medley run --screenshot` of the
 * Mandelbrot firmware built to stop after a known number of vertical
 * blanks must match, pixel for pixel, the picture this program computes
 * on the host with the same integer algorithm and palette
 * (boards/firmware/mandelbrot.h) at that frame.
 *
 * Usage: check-mandelbrot MEDLEY BOARD.dts FIRMWARE.elf FRAMES
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "mandelbrot.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *png = NULL, *out = NULL, *err = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;
  unsigned frames, bad = 0;
  const guint8 *pixels;
  int status, rowstride, channels;

  if (argc != 5) {
    fprintf (stderr, "usage: %s MEDLEY BOARD.dts FIRMWARE.elf FRAMES\n", argv[0]);
    return 2;
  }
  frames = (unsigned) atoi (argv[4]);
  dir = g_dir_make_tmp ("medley-mandelbrot-XXXXXX", &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "shot.png", NULL);

  {
    const char *cmd[] = { argv[1], "run", argv[2], "--firmware", argv[3], "--no-input",
                          "--max-time", "10s", "--screenshot", png, NULL };
    if (!g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                       &out, &err, &status, &error)) {
      fprintf (stderr, "cannot run medley: %s\n", error->message);
      return 1;
    }
  }
  printf ("%s", out);
  if (!g_spawn_check_wait_status (status, &error)) {
    fprintf (stderr, "medley run failed (%s):\n%s", error->message, err);
    return 1;
  }

  shot = gdk_pixbuf_new_from_file (png, &error);
  if (shot == NULL) {
    fprintf (stderr, "cannot read the screenshot: %s\n", error->message);
    return 1;
  }
  if (gdk_pixbuf_get_width (shot) != MANDEL_W || gdk_pixbuf_get_height (shot) != MANDEL_H) {
    fprintf (stderr, "the screenshot is %dx%d, not %dx%d\n", gdk_pixbuf_get_width (shot),
             gdk_pixbuf_get_height (shot), MANDEL_W, MANDEL_H);
    return 1;
  }
  pixels = gdk_pixbuf_read_pixels (shot);
  rowstride = gdk_pixbuf_get_rowstride (shot);
  channels = gdk_pixbuf_get_n_channels (shot);

  /* The firmware turned the palette once per blank it waited for. */
  for (unsigned y = 0; y < MANDEL_H; y++)
    for (unsigned x = 0; x < MANDEL_W; x++) {
      uint32_t want = mandel_colour (mandel_index (x, y), frames);
      const guint8 *p = pixels + (size_t) y * rowstride + (size_t) x * channels;
      uint32_t got = (uint32_t) p[0] << 16 | (uint32_t) p[1] << 8 | p[2];

      if (got != want && bad++ < 10)
        fprintf (stderr, "pixel (%u, %u): 0x%06x, expected 0x%06x\n", x, y, got, want);
    }
  g_unlink (png);
  g_rmdir (dir);
  if (bad > 0) {
    fprintf (stderr, "%u of %u pixels differ\n", bad, MANDEL_W * MANDEL_H);
    return 1;
  }
  printf ("all %u pixels match the host's frame %u\n", MANDEL_W * MANDEL_H, frames);
  return 0;
}
