#define G_LOG_DOMAIN "medley-memory-view"

/* The memory view draws its rows itself (one Pango layout per visible
 * row, colours as attributes): a hex dump of a few hundred rows of
 * widgets would cost more than the guest it shows.  It watches one fixed
 * window of WINDOW_LEN bytes starting at the top row, taller than any
 * panel, and asks for a new one when the address changes. */

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-cpu-views-private.h"
#include "mdl-memory-view.h"

#define WINDOW_LEN 1024
#define ROW_PAD    2

struct _MdlMemoryView {
  GtkWidget       parent_instance;

  MdlSession     *session;
  MdlRunner      *runner;      /* the session's */
  guint64         shown_seq;   /* the snapshot last shown */
  guint           cpu;
  guint           addr_digits;
  gboolean        paused;

  GtkWidget      *box;
  GtkEntry       *entry;
  GtkToggleButton *follow_button;
  GtkWidget      *area;

  char           *expr;         /* what the address field last evaluated */
  gboolean        follow;
  gboolean        placed;       /* the address was chosen (by default or a person) */
  guint64         base;         /* address of the top row */
  guint           watch_id;
  guint64         watch_addr;

  /* The latest bytes of the watched window (WINDOW_LEN each), or none. */
  gboolean        have_data;
  guint64         data_addr;
  guint8          bytes[WINDOW_LEN];
  guint8          mapped[WINDOW_LEN];
  guint8          changed[WINDOW_LEN];

  gboolean        cursor_set;
  guint64         cursor;
  int             nibble;       /* the high half typed so far, or -1 */

  /* Geometry of the last draw, for clicks. */
  double          char_w, line_h;
  guint           bpr;          /* bytes per row */
};

G_DEFINE_FINAL_TYPE (MdlMemoryView, mdl_memory_view, GTK_TYPE_WIDGET)

static void
unwatch (MdlMemoryView *self)
{
  if (self->watch_id != 0 && self->runner != NULL)
    mdl_runner_unwatch (self->runner, self->watch_id);
  self->watch_id = 0;
}

/* Asks for the window at the top row while the view is on screen. */
static void
ensure_watch (MdlMemoryView *self)
{
  if (self->runner == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)) || !self->placed)
    return;
  if (self->watch_id != 0 && self->watch_addr == self->base)
    return;
  unwatch (self);
  self->watch_addr = self->base;
  self->watch_id = mdl_runner_watch_memory (self->runner, self->cpu, self->base, WINDOW_LEN);
}

static void
set_base (MdlMemoryView *self, guint64 base)
{
  self->base = base & ~G_GUINT64_CONSTANT (0xf);
  self->placed = TRUE;
  ensure_watch (self);
  gtk_widget_queue_draw (self->area);
}

static gboolean
evaluate (MdlMemoryView *self, const char *text, guint64 *value, GError **error)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  if (self->runner == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No machine"));
    return FALSE;
  }
  snap = mdl_session_ref_snapshot (self->session);
  return _mdl_cpu_views_eval (self->runner, snap, self->cpu, text, value, error);
}

gboolean
mdl_memory_view_go_to (MdlMemoryView *self, const char *text)
{
  g_autoptr(GError) error = NULL;
  guint64 value;

  g_return_val_if_fail (MDL_IS_MEMORY_VIEW (self), FALSE);

  if (!evaluate (self, text, &value, &error)) {
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), error->message);
    return FALSE;
  }
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("An address, symbol or register: 0x80000000, main, sp+16"));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  g_free (self->expr);
  self->expr = g_strdup (text);
  self->cursor = value;
  self->cursor_set = TRUE;
  self->nibble = -1;
  set_base (self, value);
  return TRUE;
}

void
mdl_memory_view_set_follow (MdlMemoryView *self, gboolean follow)
{
  g_return_if_fail (MDL_IS_MEMORY_VIEW (self));
  gtk_toggle_button_set_active (self->follow_button, follow);
}

guint64
mdl_memory_view_get_address (MdlMemoryView *self)
{
  g_return_val_if_fail (MDL_IS_MEMORY_VIEW (self), 0);
  return self->base;
}

char *
mdl_memory_view_get_byte_text (MdlMemoryView *self, guint64 addr)
{
  guint64 off;

  g_return_val_if_fail (MDL_IS_MEMORY_VIEW (self), NULL);

  if (!self->have_data || addr < self->data_addr || addr - self->data_addr >= WINDOW_LEN)
    return NULL;
  off = addr - self->data_addr;
  if (!self->mapped[off])
    return g_strdup ("--");
  return g_strdup_printf ("%02x", self->bytes[off]);
}

gboolean
mdl_memory_view_write_byte (MdlMemoryView *self, guint64 addr, guint8 value)
{
  g_return_val_if_fail (MDL_IS_MEMORY_VIEW (self), FALSE);

  if (self->runner == NULL || !self->paused)
    return FALSE;
  /* Only RAM and ROM: a device register is not memory to poke. */
  if (self->have_data && addr >= self->data_addr && addr - self->data_addr < WINDOW_LEN &&
      !self->mapped[addr - self->data_addr])
    return FALSE;
  mdl_runner_write_memory (self->runner, self->cpu, addr, &value, 1);
  return TRUE;
}

void
mdl_memory_view_update (MdlMemoryView *self, const MdlSnapshot *snap)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);

  g_return_if_fail (MDL_IS_MEMORY_VIEW (self));
  self->shown_seq = snap->seq;

  if (c == NULL)
    return;
  self->addr_digits = c->cls->xlen > 32 ? 16 : 8;
  self->paused = snap->state == MDL_RUNNER_PAUSED;

  /* The first time: the stack, or the code while there is no stack yet. */
  if (!self->placed) {
    const char *start = "sp";
    const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
    guint64 value;

    if ((gtk_widget_get_state_flags (GTK_WIDGET (self->entry)) & GTK_STATE_FLAG_FOCUS_WITHIN)
        || (typed != NULL && *typed != '\0')) {
      /* Someone is typing an address: show memory, leave their text be. */
      if ((_mdl_cpu_views_eval (self->runner, snap, self->cpu, start, &value, NULL) && value != 0)
          || _mdl_cpu_views_eval (self->runner, snap, self->cpu, "pc", &value, NULL)) {
        self->cursor = value;
        self->cursor_set = TRUE;
        set_base (self, value);
      }
    } else if (_mdl_cpu_views_eval (self->runner, snap, self->cpu, start, &value, NULL) && value != 0)
      gtk_editable_set_text (GTK_EDITABLE (self->entry), start);
    else
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "pc");
    mdl_memory_view_go_to (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  } else if (self->follow && self->expr != NULL) {
    guint64 value;

    if (_mdl_cpu_views_eval (self->runner, snap, self->cpu, self->expr, &value, NULL) &&
        (value & ~G_GUINT64_CONSTANT (0xf)) != self->base) {
      self->cursor = value;
      set_base (self, value);
    }
  }
  ensure_watch (self);

  for (guint i = 0; i < snap->n_mem; i++) {
    const MdlMemSnapshot *m = &snap->mem[i];
    gsize n;

    if (m->id != self->watch_id || self->watch_id == 0)
      continue;
    n = MIN (m->len, WINDOW_LEN);
    /* Bytes that differ from the previous snapshot of the same window
     * are highlighted: a live view of what the guest is writing. */
    for (gsize k = 0; k < n; k++)
      self->changed[k] = self->have_data && self->data_addr == m->addr &&
                         (self->bytes[k] != m->bytes[k] || self->mapped[k] != m->mapped[k]);
    memcpy (self->bytes, m->bytes, n);
    memcpy (self->mapped, m->mapped, n);
    memset (self->mapped + n, 0, WINDOW_LEN - n);
    self->data_addr = m->addr;
    self->have_data = TRUE;
  }
  gtk_widget_queue_draw (self->area);
}

/* Shown, it follows the machine; hidden, the panel brings it up to date
 * when it is shown again. */
static void
on_updated (MdlMemoryView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_MEMORY_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && snap->seq != self->shown_seq)
    mdl_memory_view_update (self, snap);
}

void
mdl_memory_view_set_session (MdlMemoryView *self, MdlSession *session, guint cpu)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_MEMORY_VIEW (self));

  if (runner == self->runner && cpu == self->cpu)
    return;
  unwatch (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = runner;
  self->shown_seq = G_MAXUINT64;   /* whatever comes next is new */
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  self->cpu = cpu;
  self->have_data = FALSE;
  self->placed = FALSE;
  self->cursor_set = FALSE;
  self->nibble = -1;
  g_clear_pointer (&self->expr, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_queue_draw (self->area);
}

/* ---- drawing ---- */

static guint
hex_col (MdlMemoryView *self, guint i)
{
  return self->addr_digits + 2 + i * 3 + (i >= 8 ? 1 : 0);
}

static guint
ascii_col (MdlMemoryView *self, guint i)
{
  return hex_col (self, self->bpr - 1) + 3 + 1 + i;
}

static void
add_colour (PangoAttrList *attrs, const GdkRGBA *c, guint start, guint len, gboolean bg)
{
  PangoAttribute *a = bg ? pango_attr_background_new (c->red * 65535, c->green * 65535,
                                                      c->blue * 65535)
                         : pango_attr_foreground_new (c->red * 65535, c->green * 65535,
                                                      c->blue * 65535);
  a->start_index = start;
  a->end_index = start + len;
  pango_attr_list_insert (attrs, a);
  if (c->alpha < 1) {
    a = bg ? pango_attr_background_alpha_new (c->alpha * 65535)
           : pango_attr_foreground_alpha_new (c->alpha * 65535);
    a->start_index = start;
    a->end_index = start + len;
    pango_attr_list_insert (attrs, a);
  }
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  MdlMemoryView *self = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  PangoFontDescription *font = _mdl_cpu_views_mono_font (GTK_WIDGET (area));
  GdkRGBA fg, dim, accent, cursor_bg;
  int cw, lh;
  guint rows;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.2, 0.5, 0.9, 1 };
  dim = fg;
  dim.alpha = 0.45;
  cursor_bg = accent;
  cursor_bg.alpha = 0.3;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, "0", 1);
  pango_layout_get_pixel_size (layout, &cw, &lh);
  lh += ROW_PAD;
  self->char_w = cw;
  self->line_h = lh;
  if (self->addr_digits == 0)
    self->addr_digits = 8;
  /* Sixteen bytes a row when they fit, else eight. */
  self->bpr = 16;
  if ((ascii_col (self, 15) + 2) * cw > (guint) width)
    self->bpr = 8;

  /* A header of column offsets. */
  {
    g_autoptr(GString) s = g_string_new (NULL);

    g_string_append_printf (s, "%*s", (int) self->addr_digits + 2, "");
    for (guint i = 0; i < self->bpr; i++)
      g_string_append_printf (s, i == 8 ? "  %x " : "%2x ", i);
    pango_layout_set_text (layout, s->str, -1);
    pango_layout_set_attributes (layout, NULL);
    cairo_move_to (cr, 4, ROW_PAD / 2);
    gdk_cairo_set_source_rgba (cr, &dim);
    pango_cairo_show_layout (cr, layout);
  }

  rows = MAX (height / lh, 1) - 1;
  rows = MIN (rows, WINDOW_LEN / self->bpr);
  for (guint r = 0; r < rows; r++) {
    guint64 row_addr = self->base + (guint64) r * self->bpr;
    g_autoptr(GString) s = g_string_new (NULL);
    PangoAttrList *attrs = pango_attr_list_new ();

    g_string_append_printf (s, "%0*" G_GINT64_MODIFIER "x  ", (int) self->addr_digits, row_addr);
    add_colour (attrs, &dim, 0, self->addr_digits, FALSE);
    for (guint i = 0; i < self->bpr; i++) {
      guint64 a = row_addr + i;
      gboolean known = self->have_data && a >= self->data_addr &&
                       a - self->data_addr < WINDOW_LEN;
      guint off = known ? (guint) (a - self->data_addr) : 0;

      if (i == 8)
        g_string_append_c (s, ' ');
      if (!known)
        g_string_append (s, "  ");
      else if (!self->mapped[off])
        g_string_append (s, "--");
      else
        g_string_append_printf (s, "%02x", self->bytes[off]);
      g_string_append_c (s, ' ');
      if (known && !self->mapped[off])
        add_colour (attrs, &dim, hex_col (self, i), 2, FALSE);
      else if (known && self->changed[off])
        add_colour (attrs, &accent, hex_col (self, i), 2, FALSE);
      if (self->cursor_set && a == self->cursor) {
        add_colour (attrs, &cursor_bg, hex_col (self, i), 2, TRUE);
        add_colour (attrs, &cursor_bg, ascii_col (self, i), 1, TRUE);
      }
    }
    g_string_append_c (s, ' ');
    for (guint i = 0; i < self->bpr; i++) {
      guint64 a = row_addr + i;
      gboolean known = self->have_data && a >= self->data_addr &&
                       a - self->data_addr < WINDOW_LEN;
      guint off = known ? (guint) (a - self->data_addr) : 0;
      guint8 b = known ? self->bytes[off] : 0;

      if (!known || !self->mapped[off])
        g_string_append_c (s, ' ');
      else
        g_string_append_c (s, b >= 0x20 && b < 0x7f ? (char) b : '.');
      if (known && self->mapped[off] && !(b >= 0x20 && b < 0x7f))
        add_colour (attrs, &dim, ascii_col (self, i), 1, FALSE);
    }
    pango_layout_set_text (layout, s->str, -1);
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
    cairo_move_to (cr, 4, (r + 1) * lh + ROW_PAD / 2);
    gdk_cairo_set_source_rgba (cr, &fg);
    pango_cairo_show_layout (cr, layout);
  }
}

/* ---- input ---- */

static gboolean
byte_at (MdlMemoryView *self, double x, double y, guint64 *addr)
{
  int row = (int) (y / self->line_h) - 1;
  int col = (int) ((x - 4) / self->char_w);

  if (row < 0 || self->char_w <= 0)
    return FALSE;
  for (guint i = 0; i < self->bpr; i++)
    if ((col >= (int) hex_col (self, i) && col < (int) hex_col (self, i) + 2) ||
        col == (int) ascii_col (self, i)) {
      *addr = self->base + (guint64) row * self->bpr + i;
      return TRUE;
    }
  return FALSE;
}

gboolean
mdl_memory_view_byte_point (MdlMemoryView *self, guint64 addr, double *x, double *y)
{
  int height = gtk_widget_get_height (self->area);
  guint rows;
  guint64 off;
  graphene_point_t in, out;

  g_return_val_if_fail (MDL_IS_MEMORY_VIEW (self), FALSE);

  if (self->line_h <= 0 || addr < self->base)
    return FALSE;
  rows = MAX ((guint) (height / self->line_h), 1) - 1;
  off = addr - self->base;
  if (off / self->bpr >= rows)
    return FALSE;
  in = GRAPHENE_POINT_INIT (4 + (hex_col (self, (guint) (off % self->bpr)) + 1) * self->char_w,
                            (off / self->bpr + 1.5) * self->line_h);
  if (!gtk_widget_compute_point (self->area, GTK_WIDGET (self), &in, &out))
    return FALSE;
  *x = out.x;
  *y = out.y;
  return TRUE;
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, MdlMemoryView *self)
{
  guint64 addr;

  g_assert (MDL_IS_MEMORY_VIEW (self));

  gtk_widget_grab_focus (self->area);
  if (byte_at (self, x, y, &addr)) {
    self->cursor = addr;
    self->cursor_set = TRUE;
    self->nibble = -1;
    gtk_widget_queue_draw (self->area);
  }
}

static void
move_cursor (MdlMemoryView *self, gint64 delta)
{
  guint64 rows_bytes = (guint64) self->bpr * 16;

  if (!self->cursor_set) {
    self->cursor = self->base;
    self->cursor_set = TRUE;
  }
  self->cursor += (guint64) delta;
  self->nibble = -1;
  /* Keep the cursor in view: scroll by whole rows. */
  if (self->cursor < self->base)
    set_base (self, self->cursor);
  else if (self->cursor >= self->base + rows_bytes)
    set_base (self, self->cursor - rows_bytes + self->bpr);
  gtk_widget_queue_draw (self->area);
}

static gboolean
on_key (GtkEventControllerKey *controller, guint keyval, guint keycode,
        GdkModifierType state, MdlMemoryView *self)
{
  int digit = g_ascii_xdigit_value ((char) gdk_keyval_to_unicode (keyval));

  g_assert (MDL_IS_MEMORY_VIEW (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval) {
  case GDK_KEY_Left: move_cursor (self, -1); return TRUE;
  case GDK_KEY_Right: move_cursor (self, 1); return TRUE;
  case GDK_KEY_Up: move_cursor (self, -(gint64) self->bpr); return TRUE;
  case GDK_KEY_Down: move_cursor (self, self->bpr); return TRUE;
  case GDK_KEY_Page_Up: set_base (self, self->base - 256); return TRUE;
  case GDK_KEY_Page_Down: set_base (self, self->base + 256); return TRUE;
  case GDK_KEY_Escape: self->nibble = -1; return TRUE;
  default: break;
  }
  if (digit < 0 || !self->cursor_set || !self->paused)
    return FALSE;
  /* Two digits make a byte; the write goes out with the second. */
  if (self->nibble < 0) {
    self->nibble = digit;
  } else {
    mdl_memory_view_write_byte (self, self->cursor, (guint8) (self->nibble << 4 | digit));
    move_cursor (self, 1);
  }
  return TRUE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, MdlMemoryView *self)
{
  g_assert (MDL_IS_MEMORY_VIEW (self));

  if (!self->placed)
    return FALSE;
  set_base (self, self->base + (gint64) (dy * 3) * 16);
  return TRUE;
}

static void
on_entry_activate (MdlMemoryView *self, GtkEntry *entry)
{
  g_assert (MDL_IS_MEMORY_VIEW (self));
  mdl_memory_view_go_to (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_follow_toggled (MdlMemoryView *self, GtkToggleButton *button)
{
  g_assert (MDL_IS_MEMORY_VIEW (self));

  self->follow = gtk_toggle_button_get_active (button);
  if (self->follow && self->runner != NULL) {
    g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (self->session);
    mdl_memory_view_update (self, snap);
  }
}

static void
on_page (MdlMemoryView *self, GtkButton *button)
{
  gint64 delta = g_object_get_data (G_OBJECT (button), "down") ? 256 : -256;

  g_assert (MDL_IS_MEMORY_VIEW (self));
  if (self->placed)
    set_base (self, self->base + (guint64) delta);
}

static void
mdl_memory_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdl_memory_view_parent_class)->map (widget);
  ensure_watch (MDL_MEMORY_VIEW (widget));
}

/* Hidden views cost the engine nothing: the window is given back. */
static void
mdl_memory_view_unmap (GtkWidget *widget)
{
  unwatch (MDL_MEMORY_VIEW (widget));
  GTK_WIDGET_CLASS (mdl_memory_view_parent_class)->unmap (widget);
}

static void
mdl_memory_view_dispose (GObject *object)
{
  MdlMemoryView *self = MDL_MEMORY_VIEW (object);

  unwatch (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_memory_view_parent_class)->dispose (object);
}

static void
mdl_memory_view_finalize (GObject *object)
{
  g_free (MDL_MEMORY_VIEW (object)->expr);
  G_OBJECT_CLASS (mdl_memory_view_parent_class)->finalize (object);
}

static void
mdl_memory_view_class_init (MdlMemoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_memory_view_dispose;
  object_class->finalize = mdl_memory_view_finalize;
  widget_class->map = mdl_memory_view_map;
  widget_class->unmap = mdl_memory_view_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlmemoryview");
}

static GtkWidget *
icon_button (const char *icon, const char *tip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
mdl_memory_view_init (MdlMemoryView *self)
{
  GtkWidget *toolbar, *up, *down;
  GtkEventController *controller;

  self->nibble = -1;
  self->bpr = 16;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (self->box), toolbar);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_placeholder_text (self->entry, _("Address, symbol or register"));
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_PRIMARY, "go-jump-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "monospace");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("An address, symbol or register: 0x80000000, main, sp+16"));
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->entry));

  self->follow_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Follow")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->follow_button),
                               _("Evaluate the address again whenever the registers change"));
  g_signal_connect_object (self->follow_button, "toggled", G_CALLBACK (on_follow_toggled), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->follow_button));

  up = icon_button ("go-up-symbolic", _("Previous 256 Bytes"));
  down = icon_button ("go-down-symbolic", _("Next 256 Bytes"));
  g_object_set_data (G_OBJECT (down), "down", GINT_TO_POINTER (1));
  g_signal_connect_object (up, "clicked", G_CALLBACK (on_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (down, "clicked", G_CALLBACK (on_page), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), up);
  gtk_box_append (GTK_BOX (toolbar), down);

  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_focusable (self->area, TRUE);
  gtk_widget_add_css_class (self->area, "view");
  gtk_widget_add_css_class (self->area, "memory-dump");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  gtk_box_append (GTK_BOX (self->box), self->area);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_click), self, 0);
  gtk_widget_add_controller (self->area, controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key), self, 0);
  gtk_widget_add_controller (self->area, controller);
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll), self, 0);
  gtk_widget_add_controller (self->area, controller);
}

GtkWidget *
mdl_memory_view_new (void)
{
  return g_object_new (MDL_TYPE_MEMORY_VIEW, NULL);
}
