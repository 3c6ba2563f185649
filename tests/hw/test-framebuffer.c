/* The framebuffer: a pattern drawn by stores (as a CPU's slow path makes
 * them) in each pixel format comes out of the pixman rendering as the
 * expected pixels; stride, scaling, the generation that only moves when
 * pixels or registers change, the write tracker's window cutting, and the
 * vertical-blank interrupt. */
#include "hw-test.h"

#include "hw/framebuffer.h"

#define FB_BASE  UINT64_C (0x10020000)
#define RAM_BASE UINT64_C (0x80000000)
#define RAM_SIZE 0x100000
#define PIXELS   (RAM_BASE + 0x1000)

enum {
  WIDTH = 0x00, HEIGHT = 0x04, STRIDE = 0x08, FORMAT = 0x0c, BASE_LO = 0x10,
  BASE_HI = 0x14, ENABLE = 0x18, VBLANK_HZ = 0x1c, IRQ_EN = 0x20,
  IRQ_STATUS = 0x24, FRAME_COUNT = 0x28, PAL_INDEX = 0x2c, PAL_DATA = 0x30,
};

typedef struct {
  MdlMachine      *m;
  MdlAddressSpace *as;
  MdlDevice       *fb;
  uint64_t         gen;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlRegion) ram = mdl_region_new_ram ("ram", RAM_SIZE);

  f->m = mdl_machine_new ();
  f->as = mdl_machine_add_address_space (f->m, "bus");
  g_assert_true (mdl_address_space_map (f->as, RAM_BASE, ram, &error));
  f->fb = hw_test_device_new (f->m, "medley,framebuffer", "framebuffer@10020000",
                              FB_BASE, 0x100);
  g_assert_true (hw_test_realize (f->fb, f->as, &error));
  g_assert_no_error (error);
  mdl_machine_reset (f->m);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  mdl_machine_free (f->m);
}

static void
wr (Fixture *f, unsigned reg, uint32_t value)
{
  hw_test_write (f->as, FB_BASE + reg, 4, value);
}

static uint32_t
rd (Fixture *f, unsigned reg)
{
  return (uint32_t) hw_test_read (f->as, FB_BASE + reg, 4);
}

static void
configure (Fixture *f, unsigned w, unsigned h, unsigned stride, unsigned format)
{
  wr (f, WIDTH, w);
  wr (f, HEIGHT, h);
  wr (f, STRIDE, stride);
  wr (f, FORMAT, format);
  wr (f, BASE_LO, (uint32_t) PIXELS);
  wr (f, BASE_HI, (uint32_t) (PIXELS >> 32));
  wr (f, ENABLE, 1);
}

/* Renders at @sw x @sh (0: native) and checks that it rendered. */
static uint32_t *
render (Fixture *f, unsigned sw, unsigned sh, unsigned *w, unsigned *h)
{
  uint32_t *pixels = NULL;

  g_assert_true (mdl_framebuffer_render (f->fb, &f->gen, sw, sh, &pixels, w, h));
  g_assert_nonnull (pixels);
  return pixels;
}

/* The colour of the test pattern at (x, y): every channel varies, so a
 * swapped channel or a wrong row shows. */
static void
pattern (unsigned x, unsigned y, unsigned *r, unsigned *g, unsigned *b)
{
  *r = (x * 37 + y * 3) & 0xff;
  *g = (y * 41 + x) & 0xff;
  *b = (x * y * 7 + 13) & 0xff;
}

/* 5- and 6-bit channels widen by repeating their top bits, as pixman (and
 * every display) does, so that full scale stays full scale. */
static unsigned
widen (unsigned v, unsigned bits)
{
  return (v << (8 - bits)) | (v >> (2 * bits - 8));
}

static void
test_xrgb8888 (Fixture *f, gconstpointer data)
{
  const unsigned W = 13, H = 7;
  g_autofree uint32_t *out = NULL;
  unsigned w, h;

  configure (f, W, H, 0, MDL_FB_FORMAT_XRGB8888);
  for (unsigned y = 0; y < H; y++)
    for (unsigned x = 0; x < W; x++) {
      unsigned r, g, b;
      pattern (x, y, &r, &g, &b);
      /* The X byte is garbage on purpose: it must not leak into alpha. */
      hw_test_write (f->as, PIXELS + (y * W + x) * 4, 4, 0x5a000000u | r << 16 | g << 8 | b);
    }
  out = render (f, 0, 0, &w, &h);
  g_assert_cmpuint (w, ==, W);
  g_assert_cmpuint (h, ==, H);
  for (unsigned y = 0; y < H; y++)
    for (unsigned x = 0; x < W; x++) {
      unsigned r, g, b;
      pattern (x, y, &r, &g, &b);
      g_assert_cmphex (out[y * W + x], ==, 0xff000000u | r << 16 | g << 8 | b);
    }
}

static void
test_rgb565 (Fixture *f, gconstpointer data)
{
  /* An odd width, so that packed rows are not a multiple of 4 bytes. */
  const unsigned W = 9, H = 5;
  g_autofree uint32_t *out = NULL;
  unsigned w, h;

  configure (f, W, H, 0, MDL_FB_FORMAT_RGB565);
  for (unsigned y = 0; y < H; y++)
    for (unsigned x = 0; x < W; x++) {
      unsigned r, g, b;
      pattern (x, y, &r, &g, &b);
      hw_test_write (f->as, PIXELS + (y * W + x) * 2, 2, (r >> 3) << 11 | (g >> 2) << 5 | b >> 3);
    }
  out = render (f, 0, 0, &w, &h);
  g_assert_cmpuint (w, ==, W);
  g_assert_cmpuint (h, ==, H);
  for (unsigned y = 0; y < H; y++)
    for (unsigned x = 0; x < W; x++) {
      unsigned r, g, b;
      pattern (x, y, &r, &g, &b);
      g_assert_cmphex (out[y * W + x], ==,
                       0xff000000u | widen (r >> 3, 5) << 16 | widen (g >> 2, 6) << 8 |
                       widen (b >> 3, 5));
    }
}

static uint32_t
palette_entry (unsigned i)
{
  return ((i * 7) & 0xff) << 16 | ((255 - i) & 0xff) << 8 | ((i * i) & 0xff);
}

static void
test_pal8 (Fixture *f, gconstpointer data)
{
  const unsigned W = 11, H = 6, STRIDE_BYTES = 16;
  g_autofree uint32_t *out = NULL;
  unsigned w, h;

  /* A stride wider than the row: the bytes between rows are not shown. */
  configure (f, W, H, STRIDE_BYTES, MDL_FB_FORMAT_PAL8);
  wr (f, PAL_INDEX, 0);
  for (unsigned i = 0; i < 256; i++)
    wr (f, PAL_DATA, palette_entry (i));
  g_assert_cmpuint (rd (f, PAL_INDEX), ==, 0);   /* wrapped around */
  wr (f, PAL_INDEX, 200);
  g_assert_cmphex (rd (f, PAL_DATA), ==, palette_entry (200));
  g_assert_cmpuint (rd (f, PAL_INDEX), ==, 201);

  for (unsigned y = 0; y < H; y++) {
    for (unsigned x = 0; x < W; x++)
      hw_test_write (f->as, PIXELS + y * STRIDE_BYTES + x, 1, (x * 23 + y * 5) & 0xff);
    for (unsigned x = W; x < STRIDE_BYTES; x++)
      hw_test_write (f->as, PIXELS + y * STRIDE_BYTES + x, 1, 0xff);
  }
  out = render (f, 0, 0, &w, &h);
  g_assert_cmpuint (w, ==, W);
  g_assert_cmpuint (h, ==, H);
  for (unsigned y = 0; y < H; y++)
    for (unsigned x = 0; x < W; x++)
      g_assert_cmphex (out[y * W + x], ==, 0xff000000u | palette_entry ((x * 23 + y * 5) & 0xff));
}

static void
test_scaled (Fixture *f, gconstpointer data)
{
  g_autofree uint32_t *out = NULL;
  unsigned w, h;

  configure (f, 2, 2, 0, MDL_FB_FORMAT_XRGB8888);
  hw_test_write (f->as, PIXELS + 0, 4, 0xff0000);
  hw_test_write (f->as, PIXELS + 4, 4, 0x00ff00);
  hw_test_write (f->as, PIXELS + 8, 4, 0x0000ff);
  hw_test_write (f->as, PIXELS + 12, 4, 0xffffff);
  /* Three times as large: blocks of 3 x 3, no blending at the edges. */
  out = render (f, 6, 6, &w, &h);
  g_assert_cmpuint (w, ==, 6);
  g_assert_cmpuint (h, ==, 6);
  for (unsigned y = 0; y < 6; y++)
    for (unsigned x = 0; x < 6; x++) {
      static const uint32_t want[2][2] = { { 0xffff0000, 0xff00ff00 },
                                           { 0xff0000ff, 0xffffffff } };
      g_assert_cmphex (out[y * 6 + x], ==, want[y / 3][x / 3]);
    }
}

/* Rendering again finds nothing new until a pixel store or a register
 * write; stores next to the frame do not count. */
static void
test_generation (Fixture *f, gconstpointer data)
{
  uint32_t *out = NULL;
  unsigned w, h;

  configure (f, 4, 4, 0, MDL_FB_FORMAT_XRGB8888);
  g_free (render (f, 0, 0, &w, &h));
  g_assert_false (mdl_framebuffer_render (f->fb, &f->gen, 0, 0, &out, &w, &h));
  g_assert_null (out);

  hw_test_write (f->as, PIXELS - 4, 4, 1);            /* just before */
  hw_test_write (f->as, PIXELS + 4 * 4 * 4, 4, 1);    /* just after */
  g_assert_false (mdl_framebuffer_render (f->fb, &f->gen, 0, 0, &out, &w, &h));

  hw_test_write (f->as, PIXELS + 4 * 4 * 4 - 1, 1, 0xff);  /* last byte */
  g_free (render (f, 0, 0, &w, &h));

  /* A debugger or loader writing the pixels counts too. */
  g_assert_true (mdl_address_space_write_bytes (f->as, PIXELS, "\x01\x02", 2, NULL));
  g_free (render (f, 0, 0, &w, &h));

  wr (f, PAL_DATA, 0x123456);
  g_free (render (f, 0, 0, &w, &h));

  /* Blanks alone change nothing: an idle display costs nothing. */
  g_assert_cmpint (mdl_machine_run (f->m, MDL_PS_PER_S / 10), ==, MDL_STOP_NONE);
  g_assert_cmpuint (rd (f, FRAME_COUNT), ==, 6);
  g_assert_false (mdl_framebuffer_render (f->fb, &f->gen, 0, 0, &out, &w, &h));

  /* The snapshot hook publishes the same generation. */
  {
    MdlFramebufferState st;
    g_assert_cmpuint (f->fb->cls->snapshot_state (f->fb, (uint8_t *) &st, sizeof st), ==, sizeof st);
    g_assert_cmpuint (st.generation, ==, f->gen);
    g_assert_cmpuint (st.width, ==, 4);
    g_assert_cmpuint (st.frame_count, ==, 6);
  }
}

/* CPUs get no RAM window over the pixels (so their stores take the slow
 * path and are seen), but keep one everywhere else. */
static void
test_windows (Fixture *f, gconstpointer data)
{
  MdlRamWindow win;

  g_assert_true (mdl_address_space_ram_window (f->as, PIXELS, &win));
  configure (f, 8, 8, 0, MDL_FB_FORMAT_RGB565);
  g_assert_false (mdl_address_space_ram_window (f->as, PIXELS, &win));
  g_assert_false (mdl_address_space_ram_window (f->as, PIXELS + 127, &win));
  g_assert_true (mdl_address_space_ram_window (f->as, PIXELS + 128, &win));
  g_assert_cmphex (win.base, ==, PIXELS + 128);
  g_assert_true (mdl_address_space_ram_window (f->as, RAM_BASE, &win));
  g_assert_cmphex (win.base + win.size, ==, PIXELS);

  /* Disabled, the frame is not tracked any more: the window is whole. */
  wr (f, ENABLE, 0);
  g_assert_true (mdl_address_space_ram_window (f->as, PIXELS, &win));
  g_assert_cmphex (win.base, ==, RAM_BASE);
  g_assert_cmphex (win.size, ==, RAM_SIZE);
}

static void
test_disabled (Fixture *f, gconstpointer data)
{
  g_autofree uint32_t *out = NULL;
  unsigned w, h;

  out = render (f, 0, 0, &w, &h);
  g_assert_cmpuint (w, ==, 1);
  g_assert_cmpuint (h, ==, 1);
  g_assert_cmphex (out[0], ==, 0xff000000);
}

static void
test_vblank (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (rd (f, VBLANK_HZ), ==, 60);
  wr (f, VBLANK_HZ, 100);
  g_assert_cmpint (mdl_machine_run (f->m, 9 * MDL_PS_PER_MS), ==, MDL_STOP_NONE);
  g_assert_cmpuint (rd (f, FRAME_COUNT), ==, 0);
  g_assert_false (hw_test_irq_level (f->fb, 0));
  g_assert_cmpint (mdl_machine_run (f->m, 2 * MDL_PS_PER_MS), ==, MDL_STOP_NONE);
  g_assert_cmpuint (rd (f, FRAME_COUNT), ==, 1);
  g_assert_cmpuint (rd (f, IRQ_STATUS), ==, 1);
  g_assert_false (hw_test_irq_level (f->fb, 0));    /* not enabled */

  wr (f, IRQ_EN, 1);
  g_assert_true (hw_test_irq_level (f->fb, 0));
  wr (f, IRQ_STATUS, 1);
  g_assert_false (hw_test_irq_level (f->fb, 0));
  g_assert_cmpint (mdl_machine_run (f->m, 10 * MDL_PS_PER_MS), ==, MDL_STOP_NONE);
  g_assert_true (hw_test_irq_level (f->fb, 0));
  g_assert_cmpuint (hw_test_irq_rises (f->fb, 0), ==, 2);
  g_assert_cmpuint (rd (f, FRAME_COUNT), ==, 2);

  /* Rate 0: no more blanks. */
  wr (f, VBLANK_HZ, 0);
  g_assert_cmpint (mdl_machine_run (f->m, 100 * MDL_PS_PER_MS), ==, MDL_STOP_NONE);
  g_assert_cmpuint (rd (f, FRAME_COUNT), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add ("/hw/framebuffer/" path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("xrgb8888", test_xrgb8888);
  ADD ("rgb565", test_rgb565);
  ADD ("pal8", test_pal8);
  ADD ("scaled", test_scaled);
  ADD ("generation", test_generation);
  ADD ("windows", test_windows);
  ADD ("disabled", test_disabled);
  ADD ("vblank", test_vblank);
  return g_test_run ();
}
