/* A guest draws the pattern of fb-pattern.h with ordinary CPU stores into
 * three framebuffers, one per pixel format (fb-patterns.c on
 * fb-patterns.dts); each framebuffer's pixman rendering must give the
 * pattern's pixels exactly.  The CPU's stores reach the pixels through
 * its fast-path windows being cut around them, so this also shows that
 * every store of a real guest marks the frame changed. */
#include "engine/board.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "hw/framebuffer.h"
#include "targets/targets.h"

#include "fb-pattern.h"

/* 5- and 6-bit channels widen by repeating their top bits. */
static unsigned
widen (unsigned v, unsigned bits)
{
  return (v << (8 - bits)) | (v >> (2 * bits - 8));
}

static uint32_t
expected (unsigned format, unsigned x, unsigned y)
{
  uint16_t p;

  switch (format) {
  case MDL_FB_FORMAT_XRGB8888:
    return 0xff000000u | pat_rgb (x, y);
  case MDL_FB_FORMAT_RGB565:
    p = pat_rgb565 (x, y);
    return 0xff000000u | widen (p >> 11, 5) << 16 | widen (p >> 5 & 0x3f, 6) << 8 |
           widen (p & 0x1f, 5);
  default:
    return 0xff000000u | pat_palette (pat_index (x, y));
  }
}

static void
test_patterns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (MDL_PATTERNS_DTS, NULL, &error);
  static const unsigned formats[] = {
    MDL_FB_FORMAT_XRGB8888, MDL_FB_FORMAT_RGB565, MDL_FB_FORMAT_PAL8,
  };

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, MDL_PATTERNS_ELF, &error);
  g_assert_no_error (error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdl_machine_run (board->machine, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  g_assert_cmpint (mdl_machine_exit_code (board->machine), ==, 0);

  for (unsigned f = 0; f < G_N_ELEMENTS (formats); f++) {
    MdlDevice *fb = mdl_framebuffer_find (board->machine, f);
    g_autofree uint32_t *pixels = NULL;
    uint64_t gen = 0;
    unsigned w, h, bad = 0;

    g_assert_nonnull (fb);
    g_assert_true (mdl_framebuffer_render (fb, &gen, 0, 0, &pixels, &w, &h));
    g_assert_cmpuint (w, ==, PAT_W);
    g_assert_cmpuint (h, ==, PAT_H);
    for (unsigned y = 0; y < PAT_H; y++)
      for (unsigned x = 0; x < PAT_W; x++)
        if (pixels[y * PAT_W + x] != expected (formats[f], x, y) && bad++ < 5)
          g_printerr ("format %u, pixel (%u, %u): 0x%08x, expected 0x%08x\n", formats[f], x, y,
                      pixels[y * PAT_W + x], expected (formats[f], x, y));
    g_assert_cmpuint (bad, ==, 0);
  }
}

/* The generation moved with the guest's stores, not only with its
 * register writes: a frame drawn after enabling shows as new. */
static void
test_stores_seen (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_load (MDL_PATTERNS_DTS, NULL, &error);
  MdlDevice *fb;
  uint64_t before;

  g_assert_no_error (error);
  mdl_board_set_firmware (board, NULL, MDL_PATTERNS_ELF, &error);
  mdl_board_load_firmware (board, &error);
  g_assert_no_error (error);
  fb = mdl_framebuffer_find (board->machine, 0);
  before = mdl_framebuffer_generation (fb);
  g_assert_cmpint (mdl_machine_run (board->machine, MDL_PS_PER_S), ==, MDL_STOP_GUEST_EXIT);
  /* Seven register writes, then one store per pixel at least. */
  g_assert_cmpuint (mdl_framebuffer_generation (fb) - before, >=, 7 + PAT_W * PAT_H);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  g_test_add_func ("/boards/fb-patterns/each-format", test_patterns);
  g_test_add_func ("/boards/fb-patterns/stores-seen", test_stores_seen);
  return g_test_run ();
}
