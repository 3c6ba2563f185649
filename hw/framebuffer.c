/* A linear framebuffer ("medley,framebuffer"): registers for the frame's
 * geometry, format and place in guest RAM, a 256-entry palette and a
 * vertical-blank interrupt.  The register map is in hw/framebuffer.h.
 *
 * The device owns no pixel memory: the guest draws into its own RAM, as on
 * most small SoCs whose display controller fetches from system memory.
 * Scan-out is not modelled cycle by cycle; a picture is taken only when a
 * view (or the headless runner) asks for one, and only when something
 * changed since the last: a write tracker on the system bus bumps the
 * generation on every store into the pixels.
 */
#define G_LOG_DOMAIN "medley-hw"

#include "framebuffer.h"

#include <pixman.h>
#include <string.h>

#include "engine/error.h"
#include "engine/snapshot.h"

enum {
  REG_WIDTH = 0x00, REG_HEIGHT = 0x04, REG_STRIDE = 0x08, REG_FORMAT = 0x0c,
  REG_BASE_LO = 0x10, REG_BASE_HI = 0x14, REG_ENABLE = 0x18, REG_VBLANK_HZ = 0x1c,
  REG_IRQ_EN = 0x20, REG_IRQ_STATUS = 0x24, REG_FRAME_COUNT = 0x28,
  REG_PAL_INDEX = 0x2c, REG_PAL_DATA = 0x30,
};

#define FB_WINDOW 0x100
#define IRQ_VBLANK 1u

typedef struct {
  MdlDevice *dev;
  uint32_t   width, height, stride, format;
  uint64_t   base;
  bool       enable;
  uint32_t   vblank_hz, irq_en, irq_status, frame_count;
  uint8_t    pal_index;
  uint32_t   palette[256];      /* 0x00RRGGBB */

  /* Never reset, so a view's last generation never matches by accident. */
  uint64_t   generation;

  MdlEvent   vblank;
  uint64_t   vblank_t0;          /* when the rate was set */
  uint64_t   vblank_n;           /* the next blank is the n-th after t0 */

  MdlAddressSpace *as;           /* the system bus, once known */
  guint      tracker;            /* 0 when nothing is tracked */
  uint64_t   tracked_base, tracked_size;
} Fb;

static unsigned
fb_bytes_per_pixel (uint32_t format)
{
  switch (format) {
  case MDL_FB_FORMAT_XRGB8888: return 4;
  case MDL_FB_FORMAT_RGB565:   return 2;
  case MDL_FB_FORMAT_PAL8:     return 1;
  default:                     return 0;
  }
}

static uint64_t
fb_stride (const Fb *fb)
{
  return fb->stride ? fb->stride : (uint64_t) fb->width * fb_bytes_per_pixel (fb->format);
}

/* Whether there is a picture to show at all. */
static bool
fb_active (const Fb *fb)
{
  return fb->enable && fb->width > 0 && fb->width <= MDL_FB_MAX_SIZE &&
         fb->height > 0 && fb->height <= MDL_FB_MAX_SIZE &&
         fb_bytes_per_pixel (fb->format) > 0;
}

static void
fb_pixels_written (void *data, uint64_t addr, unsigned size, bool is_write)
{
  Fb *fb = data;

  fb->generation++;
}

/* Moves the write tracker to the bytes the current frame shows.  Only
 * when they change: every move makes CPUs drop their cached windows. */
static void
fb_retrack (Fb *fb)
{
  uint64_t base = 0, size = 0;

  if (fb->as == NULL)
    fb->as = mdl_machine_address_space (fb->dev->machine, 0);
  if (fb_active (fb) && fb->as != NULL) {
    base = fb->base;
    size = fb_stride (fb) * (fb->height - 1) +
           (uint64_t) fb->width * fb_bytes_per_pixel (fb->format);
  }
  if (fb->tracker != 0 && base == fb->tracked_base && size == fb->tracked_size)
    return;
  if (fb->tracker != 0)
    mdl_address_space_remove_write_tracker (fb->as, fb->tracker);
  fb->tracker = 0;
  fb->tracked_base = base;
  fb->tracked_size = size;
  if (size > 0)
    fb->tracker = mdl_address_space_add_write_tracker (fb->as, base, size,
                                                       fb_pixels_written, fb);
}

static void
fb_update_irq (Fb *fb)
{
  mdl_device_irq_set (fb->dev, 0, (fb->irq_en & fb->irq_status) != 0);
}

static uint64_t
fb_period (const Fb *fb)
{
  return MDL_PS_PER_S / fb->vblank_hz;
}

static void
fb_schedule_vblank (Fb *fb)
{
  MdlMachine *m = fb->dev->machine;

  if (mdl_event_pending (&fb->vblank))
    mdl_event_cancel (m, &fb->vblank);
  if (fb->vblank_hz == 0)
    return;
  mdl_event_schedule (m, &fb->vblank, fb->vblank_t0 + fb->vblank_n * fb_period (fb));
}

/* Restarts the blanks from now: the first comes one period later. */
static void
fb_set_rate (Fb *fb, uint32_t hz)
{
  fb->vblank_hz = hz;
  fb->vblank_t0 = mdl_machine_now (fb->dev->machine);
  fb->vblank_n = 1;
  fb_schedule_vblank (fb);
}

static void
fb_vblank_fired (void *opaque, uint64_t now_ps)
{
  Fb *fb = opaque;

  fb->frame_count++;
  fb->irq_status |= IRQ_VBLANK;
  fb_update_irq (fb);
  /* Counted from t0 rather than from now, so rounding never drifts. */
  fb->vblank_n++;
  fb_schedule_vblank (fb);
}

static uint64_t
fb_read (void *opaque, uint64_t offset, unsigned size)
{
  Fb *fb = opaque;

  switch (offset) {
  case REG_WIDTH:       return fb->width;
  case REG_HEIGHT:      return fb->height;
  case REG_STRIDE:      return fb->stride;
  case REG_FORMAT:      return fb->format;
  case REG_BASE_LO:     return (uint32_t) fb->base;
  case REG_BASE_HI:     return (uint32_t) (fb->base >> 32);
  case REG_ENABLE:      return fb->enable;
  case REG_VBLANK_HZ:   return fb->vblank_hz;
  case REG_IRQ_EN:      return fb->irq_en;
  case REG_IRQ_STATUS:  return fb->irq_status;
  case REG_FRAME_COUNT: return fb->frame_count;
  case REG_PAL_INDEX:   return fb->pal_index;
  case REG_PAL_DATA:    return fb->palette[fb->pal_index++];
  default:              return 0;
  }
}

static void
fb_write (void *opaque, uint64_t offset, unsigned size, uint64_t value)
{
  Fb *fb = opaque;
  uint32_t v = (uint32_t) value;

  switch (offset) {
  case REG_WIDTH:     fb->width = v; break;
  case REG_HEIGHT:    fb->height = v; break;
  case REG_STRIDE:    fb->stride = v; break;
  case REG_FORMAT:    fb->format = v; break;
  case REG_BASE_LO:   fb->base = (fb->base & ~(uint64_t) UINT32_MAX) | v; break;
  case REG_BASE_HI:   fb->base = (fb->base & UINT32_MAX) | (uint64_t) v << 32; break;
  case REG_ENABLE:    fb->enable = v & 1; break;
  case REG_VBLANK_HZ: fb_set_rate (fb, v); return;
  case REG_IRQ_EN:
    fb->irq_en = v & IRQ_VBLANK;
    fb_update_irq (fb);
    return;
  case REG_IRQ_STATUS:
    fb->irq_status &= ~v;
    fb_update_irq (fb);
    return;
  case REG_PAL_INDEX: fb->pal_index = (uint8_t) v; return;
  case REG_PAL_DATA:
    fb->palette[fb->pal_index++] = v & 0xffffff;
    fb->generation++;
    return;
  default:
    return;
  }
  /* Geometry, format, place or enable changed: a new picture. */
  fb->generation++;
  fb_retrack (fb);
}

static const MdlMmioOps fb_ops = {
  .read = fb_read,
  .write = fb_write,
  .min_size = 4,
  .max_size = 4,
};

static bool
fb_realize (MdlDevice *dev, GError **error)
{
  Fb *fb = dev->state;
  uint64_t size = mdl_device_reg_size (dev, 0, FB_WINDOW);
  uint64_t hz = mdl_device_prop_u64 (dev, "vblank-rate");

  if (size < REG_PAL_DATA + 4) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: the register window needs 0x%x bytes, not 0x%" G_GINT64_MODIFIER "x",
                 dev->name, REG_PAL_DATA + 4, size);
    return false;
  }
  if (hz > UINT32_MAX) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: vblank-rate %" G_GUINT64_FORMAT " Hz is too high", dev->name, hz);
    return false;
  }
  fb->dev = dev;
  fb->generation = 1;
  mdl_event_init (&fb->vblank, fb_vblank_fired, fb);
  dev->regions[0] = mdl_region_new_mmio (dev->name, size, &fb_ops, fb);
  return true;
}

static void
fb_reset (MdlDevice *dev)
{
  Fb *fb = dev->state;

  fb->width = fb->height = fb->stride = fb->format = 0;
  fb->base = 0;
  fb->enable = false;
  fb->irq_en = fb->irq_status = fb->frame_count = 0;
  fb->pal_index = 0;
  memset (fb->palette, 0, sizeof fb->palette);
  fb->generation++;
  fb_retrack (fb);
  fb_set_rate (fb, (uint32_t) mdl_device_prop_u64 (dev, "vblank-rate"));
  fb_update_irq (fb);
}

static void
fb_finalize (MdlDevice *dev)
{
  Fb *fb = dev->state;

  /* Devices go before address spaces, so the bus is still there. */
  if (fb->tracker != 0)
    mdl_address_space_remove_write_tracker (fb->as, fb->tracker);
  fb->tracker = 0;
}

/* The registers, palette and vblank schedule as they are; the write
 * tracker and the frame generation are the host's: the tracker follows
 * the restored frame, and the generation only moves on, so a view
 * redraws the restored frame. */
static void
fb_save (MdlDevice *dev, MdlStateWriter *w)
{
  Fb copy;

  memcpy (&copy, dev->state, sizeof copy);

  copy.generation = 0;
  copy.as = NULL;
  copy.tracker = 0;
  copy.tracked_base = copy.tracked_size = 0;
  mdl_state_put (w, &copy, sizeof copy);
}

static bool
fb_restore (MdlDevice *dev, MdlStateReader *r, GError **error)
{
  Fb *fb = dev->state;
  uint64_t generation = fb->generation;
  MdlAddressSpace *as = fb->as;
  guint tracker = fb->tracker;
  uint64_t tracked_base = fb->tracked_base, tracked_size = fb->tracked_size;

  if (!mdl_device_restore_plain (dev, r, error))
    return false;
  fb->generation = generation + 1;
  fb->as = as;
  fb->tracker = tracker;
  fb->tracked_base = tracked_base;
  fb->tracked_size = tracked_size;
  fb_retrack (fb);
  return true;
}

static size_t
fb_snapshot_state (MdlDevice *dev, uint8_t *buf, size_t max)
{
  Fb *fb = dev->state;
  MdlFramebufferState st = {
    .generation = fb->generation,
    .width = fb_active (fb) ? fb->width : 0,
    .height = fb_active (fb) ? fb->height : 0,
    .format = fb->format,
    .frame_count = fb->frame_count,
  };
  size_t n = MIN (max, sizeof st);

  memcpy (buf, &st, n);
  return n;
}

static const MdlPropInfo fb_props[] = {
  { "vblank-rate", MDL_PROP_FREQ,
    N_("Vertical blanks per second of virtual time at reset (0: none)"), 60, NULL, false },
};

const MdlDeviceClass mdl_framebuffer_class = {
  .name = "framebuffer",
  .compatible = "medley,framebuffer",
  .description = N_("Linear framebuffer in guest RAM with a vertical-blank interrupt"),
  .group = MDL_GROUP_DISPLAY,
  .props = fb_props,
  .n_props = G_N_ELEMENTS (fb_props),
  .n_regions = 1,
  .default_size = FB_WINDOW,
  .n_irq_out = 1,
  .state_size = sizeof (Fb),
  .realize = fb_realize,
  .reset = fb_reset,
  .snapshot_state = fb_snapshot_state,
  .finalize = fb_finalize,
  .view = MDL_VIEW_DISPLAY,
  .render_frame = mdl_framebuffer_render,
  .save = fb_save,
  .restore = fb_restore,
};

MdlDevice *
mdl_framebuffer_find (MdlMachine *m, unsigned nth)
{
  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++) {
    MdlDevice *dev = mdl_machine_device (m, i);
    if (dev->cls == &mdl_framebuffer_class && nth-- == 0)
      return dev;
  }
  return NULL;
}

uint64_t
mdl_framebuffer_generation (MdlDevice *fb)
{
  g_assert (fb->cls == &mdl_framebuffer_class);
  return ((Fb *) fb->state)->generation;
}

static pixman_format_code_t
fb_pixman_format (uint32_t format)
{
  switch (format) {
  case MDL_FB_FORMAT_RGB565: return PIXMAN_r5g6b5;
  case MDL_FB_FORMAT_PAL8:   return PIXMAN_c8;
  default:                   return PIXMAN_x8r8g8b8;
  }
}

/* Copies the frame's rows out of guest memory into @src (rows of
 * @src_stride bytes, as pixman wants them: a multiple of 4).  Bytes that
 * are not RAM read as 0: a frame half outside memory shows black there. */
static void
fb_fetch (Fb *fb, uint8_t *src, size_t src_stride)
{
  size_t row = (size_t) fb->width * fb_bytes_per_pixel (fb->format);
  uint64_t stride = fb_stride (fb);

  if (stride == src_stride) {
    mdl_address_space_read_bytes (fb->as, fb->base, src, src_stride * fb->height, NULL);
    return;
  }
  for (uint32_t y = 0; y < fb->height; y++)
    mdl_address_space_read_bytes (fb->as, fb->base + y * stride, src + y * src_stride,
                                  row, NULL);
}

bool
mdl_framebuffer_render (MdlDevice *dev, uint64_t *generation_inout, unsigned scale_w,
                        unsigned scale_h, uint32_t **pixels, unsigned *out_w,
                        unsigned *out_h)
{
  Fb *fb = dev->state;
  unsigned w, h, dw, dh;
  size_t src_stride;
  g_autofree uint8_t *src = NULL;
  g_autofree pixman_indexed_t *indexed = NULL;
  pixman_image_t *src_img, *dst_img;
  uint32_t *dst;

  g_assert (dev->cls == &mdl_framebuffer_class);
  if (*generation_inout == fb->generation)
    return false;
  *generation_inout = fb->generation;

  if (fb->as == NULL)
    fb->as = mdl_machine_address_space (dev->machine, 0);
  if (!fb_active (fb) || fb->as == NULL) {
    *pixels = g_new0 (uint32_t, 1);
    **pixels = 0xff000000;
    *out_w = *out_h = 1;
    return true;
  }

  w = fb->width;
  h = fb->height;
  dw = scale_w ? scale_w : w;
  dh = scale_h ? scale_h : h;
  src_stride = ((size_t) w * fb_bytes_per_pixel (fb->format) + 3) & ~(size_t) 3;
  src = g_malloc0 (src_stride * h);
  fb_fetch (fb, src, src_stride);

  src_img = pixman_image_create_bits (fb_pixman_format (fb->format), w, h,
                                      (uint32_t *) (void *) src, (int) src_stride);
  if (fb->format == MDL_FB_FORMAT_PAL8) {
    /* pixman expands c8 through rgba[] (its reverse map ent[] is only for
     * drawing into indexed images, which never happens here). */
    indexed = g_new0 (pixman_indexed_t, 1);
    indexed->color = TRUE;
    for (unsigned i = 0; i < 256; i++)
      indexed->rgba[i] = 0xff000000u | fb->palette[i];
    pixman_image_set_indexed (src_img, indexed);
  }
  if (dw != w || dh != h) {
    pixman_transform_t t;

    pixman_transform_init_scale (&t, pixman_double_to_fixed ((double) w / dw),
                                 pixman_double_to_fixed ((double) h / dh));
    pixman_image_set_transform (src_img, &t);
    pixman_image_set_filter (src_img, PIXMAN_FILTER_NEAREST, NULL, 0);
  }

  dst = g_new (uint32_t, (size_t) dw * dh);
  dst_img = pixman_image_create_bits (PIXMAN_a8r8g8b8, dw, dh, dst, (int) (dw * 4));
  /* SRC from an alpha-less format fills alpha with 0xff. */
  pixman_image_composite32 (PIXMAN_OP_SRC, src_img, NULL, dst_img, 0, 0, 0, 0, 0, 0, dw, dh);
  pixman_image_unref (src_img);
  pixman_image_unref (dst_img);

  *pixels = dst;
  *out_w = dw;
  *out_h = dh;
  return true;
}
