#define G_LOG_DOMAIN "medley-disassembly-view"

/* The disassembly view draws its lines itself, like the memory view.  It
 * watches a disassembly window centred on the pc (follow) or starting a
 * few instructions before an address the person asked for; a step or a
 * stop (the CPU retired instructions since the last snapshot and is now
 * paused) brings it back to the pc, where a debugger's eye goes. */

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-cpu-views-private.h"
#include "mdl-disassembly-view.h"

#define LINES_BEFORE 8
#define LINES_AFTER  48
#define GUTTER       24
#define ROW_PAD      4

typedef struct {
  guint64     addr;
  gboolean    is_label;
  char       *text;      /* the label, the source line or the instruction's text */
  guint32     raw;
  guint       len;
  gboolean    is_source; /* a line of the source, before its instructions */
  const char *src_file;  /* its file (owned by the runner's debug info) */
  guint       src_line;
  char       *summary;   /* what the instruction does, or NULL */
} Line;

/* Labels and source lines are headings; the rest are instructions. */
static gboolean
is_insn (const Line *l)
{
  return !l->is_label && !l->is_source;
}

struct _MdlDisassemblyView {
  GtkWidget       parent_instance;

  MdlSession     *session;
  MdlRunner      *runner;      /* the session's */
  guint64         shown_seq;   /* the snapshot last shown */
  guint           cpu;
  guint           addr_digits;
  gboolean        paused;
  guint64         pc;
  guint64         retired;
  gboolean        seen;           /* pc and retired are from a snapshot */

  GtkWidget      *box;
  GtkEntry       *entry;
  GtkWidget      *area;
  GtkWidget      *menu;

  gboolean        follow;
  guint64         goto_addr;
  guint           watch_id;
  gboolean        watch_follow;
  guint64         watch_addr;

  GArray         *lines;          /* Line */
  GArray         *breakpoints;    /* guint64: this CPU's, from the snapshot */
  const char     *pc_file;        /* the pc's source line, when known */
  guint           pc_line;
  gboolean        cursor_set;
  guint64         cursor;
  double          line_h, first_y;
  double          char_w;         /* of the monospace font, as last drawn */
};

G_DEFINE_FINAL_TYPE (MdlDisassemblyView, mdl_disassembly_view, GTK_TYPE_WIDGET)

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->text);
  g_free (((Line *) data)->summary);
}

static void
unwatch (MdlDisassemblyView *self)
{
  if (self->watch_id != 0 && self->runner != NULL)
    mdl_runner_unwatch (self->runner, self->watch_id);
  self->watch_id = 0;
}

static void
ensure_watch (MdlDisassemblyView *self)
{
  if (self->runner == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->watch_id != 0 && self->watch_follow == self->follow &&
      (self->follow || self->watch_addr == self->goto_addr))
    return;
  unwatch (self);
  self->watch_follow = self->follow;
  self->watch_addr = self->goto_addr;
  if (self->follow)
    self->watch_id = mdl_runner_watch_disassembly (self->runner, self->cpu, TRUE, 0,
                                                   LINES_BEFORE, LINES_AFTER);
  else
    self->watch_id = mdl_runner_watch_disassembly (self->runner, self->cpu, FALSE,
                                                   self->goto_addr, 4, LINES_AFTER);
}

void
mdl_disassembly_view_follow_pc (MdlDisassemblyView *self)
{
  g_return_if_fail (MDL_IS_DISASSEMBLY_VIEW (self));

  self->follow = TRUE;
  ensure_watch (self);
}

gboolean
mdl_disassembly_view_go_to (MdlDisassemblyView *self, const char *text)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  guint64 value;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  if (self->runner == NULL)
    return FALSE;
  snap = mdl_session_ref_snapshot (self->session);
  if (!_mdl_cpu_views_eval (self->runner, snap, self->cpu, text, &value, &error)) {
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), error->message);
    return FALSE;
  }
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), NULL);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->follow = FALSE;
  self->goto_addr = value;
  self->cursor = value;
  self->cursor_set = TRUE;
  ensure_watch (self);
  gtk_widget_queue_draw (self->area);
  return TRUE;
}

gboolean
mdl_disassembly_view_get_cursor (MdlDisassemblyView *self, guint64 *addr)
{
  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  if (!self->cursor_set)
    return FALSE;
  if (addr != NULL)
    *addr = self->cursor;
  return TRUE;
}

static gboolean
has_breakpoint (MdlDisassemblyView *self, guint64 addr)
{
  for (guint i = 0; i < self->breakpoints->len; i++)
    if (g_array_index (self->breakpoints, guint64, i) == addr)
      return TRUE;
  return FALSE;
}

void
mdl_disassembly_view_toggle_breakpoint (MdlDisassemblyView *self, guint64 addr)
{
  gboolean set;

  g_return_if_fail (MDL_IS_DISASSEMBLY_VIEW (self));

  if (self->runner == NULL)
    return;
  set = !has_breakpoint (self, addr);
  mdl_runner_set_breakpoint (self->runner, self->cpu, addr, set);
  /* Shown at once; the next snapshot confirms it. */
  if (set) {
    g_array_append_val (self->breakpoints, addr);
  } else {
    for (guint i = 0; i < self->breakpoints->len; i++)
      if (g_array_index (self->breakpoints, guint64, i) == addr)
        g_array_remove_index_fast (self->breakpoints, i--);
  }
  gtk_widget_queue_draw (self->area);
}

/* Whether a breakpoint is on any address where @file:@line begins. */
static gboolean
source_has_breakpoint (MdlDisassemblyView *self, const char *file, guint line)
{
  MdlDebugInfo *di = self->runner ? mdl_runner_debuginfo (self->runner, self->cpu, NULL) : NULL;
  g_autoptr(GArray) addrs = di ? mdl_debuginfo_line_addresses (di, file, line, NULL) : NULL;

  for (guint i = 0; addrs != NULL && i < addrs->len; i++)
    if (has_breakpoint (self, g_array_index (addrs, guint64, i)))
      return TRUE;
  return FALSE;
}

/* A click beside a source line: a breakpoint on every address where the
 * line begins (both halves of a loop's head), or none when one was set. */
static void
toggle_source_breakpoint (MdlDisassemblyView *self, const char *file, guint line)
{
  MdlDebugInfo *di = self->runner ? mdl_runner_debuginfo (self->runner, self->cpu, NULL) : NULL;
  g_autoptr(GArray) addrs = di ? mdl_debuginfo_line_addresses (di, file, line, NULL) : NULL;
  gboolean set = !source_has_breakpoint (self, file, line);

  for (guint i = 0; addrs != NULL && i < addrs->len; i++) {
    guint64 addr = g_array_index (addrs, guint64, i);
    if (has_breakpoint (self, addr) != set)
      mdl_disassembly_view_toggle_breakpoint (self, addr);
  }
}

void
mdl_disassembly_view_toggle_source_breakpoint (MdlDisassemblyView *self, guint line)
{
  g_return_if_fail (MDL_IS_DISASSEMBLY_VIEW (self));

  for (guint i = 0; i < self->lines->len; i++) {
    const Line *l = &g_array_index (self->lines, Line, i);
    if (l->is_source && l->src_line == line) {
      toggle_source_breakpoint (self, l->src_file, line);
      return;
    }
  }
}

gboolean
mdl_disassembly_view_source_has_breakpoint (MdlDisassemblyView *self, guint line)
{
  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  for (guint i = 0; i < self->lines->len; i++) {
    const Line *l = &g_array_index (self->lines, Line, i);
    if (l->is_source && l->src_line == line)
      return source_has_breakpoint (self, l->src_file, line);
  }
  return FALSE;
}

guint
mdl_disassembly_view_get_n_source_lines (MdlDisassemblyView *self)
{
  guint n = 0;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), 0);
  for (guint i = 0; i < self->lines->len; i++)
    n += g_array_index (self->lines, Line, i).is_source;
  return n;
}

void
mdl_disassembly_view_update (MdlDisassemblyView *self, const MdlSnapshot *snap)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);
  gboolean paused;

  g_return_if_fail (MDL_IS_DISASSEMBLY_VIEW (self));
  self->shown_seq = snap->seq;

  if (c == NULL)
    return;
  self->addr_digits = c->cls->xlen > 32 ? 16 : 8;
  paused = snap->state == MDL_RUNNER_PAUSED;
  /* Stepped, or stopped after running: back to the pc. */
  if (!self->follow && self->seen && paused && c->retired != self->retired)
    mdl_disassembly_view_follow_pc (self);
  self->paused = paused;
  self->pc = c->pc;
  self->retired = c->retired;
  {
    MdlDebugInfo *di = self->runner ? mdl_runner_debuginfo (self->runner, self->cpu, NULL) : NULL;
    unsigned line = 0;

    self->pc_file = NULL;
    if (di != NULL)
      mdl_debuginfo_line_at (di, c->pc, &self->pc_file, &line, NULL, NULL, NULL);
    self->pc_line = line;
  }
  self->seen = TRUE;
  ensure_watch (self);

  g_array_set_size (self->breakpoints, 0);
  for (guint i = 0; snap->breakpoints != NULL && i < snap->breakpoints->len; i++) {
    const MdlBreakpoint *bp = &g_array_index (snap->breakpoints, MdlBreakpoint, i);

    if (bp->cpu == self->cpu)
      g_array_append_val (self->breakpoints, bp->addr);
  }

  for (guint i = 0; i < snap->n_disas; i++) {
    const MdlDisasSnapshot *d = &snap->disas[i];

    if (d->id != self->watch_id || self->watch_id == 0)
      continue;
    MdlDebugInfo *di = mdl_runner_debuginfo (self->runner, self->cpu, NULL);
    const char *last_file = NULL;
    guint last_line = 0;

    g_array_set_size (self->lines, 0);
    for (guint k = 0; k < d->n_lines; k++) {
      const MdlDisasLine *l = &d->lines[k];
      Line line = { l->addr, FALSE, NULL, l->raw, l->len };
      const char *file = NULL;
      unsigned src_line = 0;

      if (l->label != NULL) {
        Line label = { l->addr, TRUE, g_strdup (l->label), 0, 0 };
        g_array_append_val (self->lines, label);
      }
      /* With debug information, each source line heads its instructions. */
      if (di != NULL &&
          mdl_debuginfo_line_at (di, l->addr, &file, &src_line, NULL, NULL, NULL) &&
          (file != last_file || src_line != last_line)) {
        const char *text = mdl_debuginfo_source_line (di, file, src_line);
        Line src = { l->addr, FALSE, NULL, 0, 0, TRUE, file, src_line };

        src.text = g_strdup_printf ("%5u  %s", src_line, text ? text : "");
        g_array_append_val (self->lines, src);
      }
      last_file = file;
      last_line = src_line;
      line.text = g_strdup (l->text);
      line.summary = g_strdup (l->summary);
      g_array_append_val (self->lines, line);
    }
  }
  gtk_widget_queue_draw (self->area);
}

/* Shown, it follows the machine; hidden, the panel brings it up to date
 * when it is shown again. */
static void
on_updated (MdlDisassemblyView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && snap->seq != self->shown_seq)
    mdl_disassembly_view_update (self, snap);
}

void
mdl_disassembly_view_set_session (MdlDisassemblyView *self, MdlSession *session, guint cpu)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_DISASSEMBLY_VIEW (self));

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
  self->follow = TRUE;
  self->seen = FALSE;
  self->cursor_set = FALSE;
  g_array_set_size (self->lines, 0);
  g_array_set_size (self->breakpoints, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  ensure_watch (self);
  gtk_widget_queue_draw (self->area);
}

guint
mdl_disassembly_view_get_n_lines (MdlDisassemblyView *self)
{
  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), 0);
  return self->lines->len;
}

/* ---- drawing ---- */

/* Which line is drawn first: the pc a third of the way down when
 * following, else the line asked for near the top. */
static guint
first_line (MdlDisassemblyView *self, guint rows)
{
  guint64 target = self->follow ? self->pc : self->goto_addr;
  guint before = self->follow ? rows / 3 : 2;

  for (guint i = 0; i < self->lines->len; i++) {
    Line *l = &g_array_index (self->lines, Line, i);

    if (is_insn (l) && l->addr == target)
      return i > before ? i - before : 0;
  }
  return 0;
}

gboolean
mdl_disassembly_view_has_breakpoint (MdlDisassemblyView *self, guint64 addr)
{
  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);
  return has_breakpoint (self, addr);
}

gboolean
mdl_disassembly_view_gutter_point (MdlDisassemblyView *self, guint64 addr, double *x, double *y)
{
  int height = gtk_widget_get_height (self->area);
  guint first, rows;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  if (self->line_h <= 0)
    return FALSE;
  rows = (guint) (height / self->line_h);
  first = first_line (self, rows);
  for (guint i = first; i < self->lines->len && i < first + rows; i++) {
    Line *l = &g_array_index (self->lines, Line, i);

    if (is_insn (l) && l->addr == addr) {
      graphene_point_t in = GRAPHENE_POINT_INIT (GUTTER / 2.0,
                                                 self->first_y + (i - first + 0.5) * self->line_h);
      graphene_point_t out;

      if (!gtk_widget_compute_point (self->area, GTK_WIDGET (self), &in, &out))
        return FALSE;
      *x = out.x;
      *y = out.y;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
mdl_disassembly_view_source_gutter_point (MdlDisassemblyView *self, guint line, double *x,
                                          double *y)
{
  int height = gtk_widget_get_height (self->area);
  guint first, rows;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  if (self->line_h <= 0)
    return FALSE;
  rows = (guint) (height / self->line_h);
  first = first_line (self, rows);
  for (guint i = first; i < self->lines->len && i < first + rows; i++) {
    const Line *l = &g_array_index (self->lines, Line, i);
    graphene_point_t in, out;

    if (!l->is_source || l->src_line != line)
      continue;
    in = GRAPHENE_POINT_INIT (GUTTER / 2.0, self->first_y + (i - first + 0.5) * self->line_h);
    if (!gtk_widget_compute_point (self->area, GTK_WIDGET (self), &in, &out))
      return FALSE;
    *x = out.x;
    *y = out.y;
    return TRUE;
  }
  return FALSE;
}

/* Address digits for the lines from @first on, @rows of them: a 64-bit
 * CPU's code usually sits below 4 GiB, so eight digits then, and the
 * instruction itself fits a narrow pane; all of them when a line on
 * screen is above, so that no address is cut short. */
static guint
shown_digits (MdlDisassemblyView *self, guint first, guint rows)
{
  guint digits = self->addr_digits ? self->addr_digits : 8;

  for (guint r = 0; r < rows && first + r < self->lines->len; r++) {
    const Line *l = &g_array_index (self->lines, Line, first + r);

    if (is_insn (l) && l->addr > G_MAXUINT32)
      return digits;
  }
  return MIN (digits, 8);
}

/* An instruction line as drawn: address, encoding, instruction. */
static char *
line_text (const Line *l, guint digits)
{
  /* Compressed (16-bit) encodings padded so the mnemonics line up. */
  g_autofree char *raw = l->len == 2 ? g_strdup_printf ("%04x    ", l->raw & 0xffff)
                                     : g_strdup_printf ("%08x", l->raw);

  return g_strdup_printf ("%0*" G_GINT64_MODIFIER "x  %s  %s", (int) digits, l->addr, raw,
                          l->text);
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  MdlDisassemblyView *self = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  PangoFontDescription *font = _mdl_cpu_views_mono_font (GTK_WIDGET (area));
  GdkRGBA fg, accent, error_color;
  int cw, lh;
  guint rows, first, digits;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.2, 0.5, 0.9, 1 };
  if (!gtk_style_context_lookup_color (style, "error_color", &error_color))
    error_color = (GdkRGBA) { 0.88, 0.11, 0.14, 1 };
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, "0", 1);
  pango_layout_get_pixel_size (layout, &cw, &lh);
  lh += ROW_PAD;
  self->line_h = lh;
  self->char_w = cw;
  self->first_y = 2;
  if (self->addr_digits == 0)
    self->addr_digits = 8;

  rows = MAX (height / lh, 1);
  first = first_line (self, rows);
  digits = shown_digits (self, first, rows);
  for (guint r = 0; r < rows && first + r < self->lines->len; r++) {
    Line *l = &g_array_index (self->lines, Line, first + r);
    double y = self->first_y + r * lh;
    g_autofree char *text = NULL;

    if (l->is_source) {
      /* The line the pc is in stands out; a breakpoint on it shows as
       * on an instruction. */
      gboolean current = self->pc_line == l->src_line && self->pc_file == l->src_file;
      PangoAttrList *attrs = pango_attr_list_new ();

      if (current) {
        GdkRGBA band = accent;
        band.alpha = 0.10;
        gdk_cairo_set_source_rgba (cr, &band);
        cairo_rectangle (cr, 0, y, width, lh);
        cairo_fill (cr);
      }
      if (source_has_breakpoint (self, l->src_file, l->src_line)) {
        gdk_cairo_set_source_rgba (cr, &error_color);
        cairo_arc (cr, 8, y + lh / 2.0, MIN (lh / 2.0 - 2, 6), 0, 2 * G_PI);
        cairo_fill (cr);
      }
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_text (layout, l->text, -1);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      cairo_move_to (cr, GUTTER + 4, y + ROW_PAD / 2);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_attributes (layout, NULL);
      continue;
    }
    if (l->is_label) {
      text = g_strdup_printf ("%s:", l->text);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, GUTTER + 4, y + ROW_PAD / 2);
      gdk_cairo_set_source_rgba (cr, &accent);
      pango_cairo_show_layout (cr, layout);
      continue;
    }

    /* The current instruction: a band and an arrow in the gutter. */
    if (l->addr == self->pc) {
      GdkRGBA band = accent;

      band.alpha = 0.22;
      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, 0, y, width, lh);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_move_to (cr, GUTTER - 9, y + lh * 0.25);
      cairo_line_to (cr, GUTTER - 2, y + lh * 0.5);
      cairo_line_to (cr, GUTTER - 9, y + lh * 0.75);
      cairo_close_path (cr);
      cairo_fill (cr);
    } else if (self->cursor_set && l->addr == self->cursor) {
      GdkRGBA band = fg;

      band.alpha = 0.08;
      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, 0, y, width, lh);
      cairo_fill (cr);
    }
    if (has_breakpoint (self, l->addr)) {
      gdk_cairo_set_source_rgba (cr, &error_color);
      cairo_arc (cr, 8, y + lh / 2.0, MIN (lh / 2.0 - 2, 6), 0, 2 * G_PI);
      cairo_fill (cr);
    }

    text = line_text (l, digits);
    pango_layout_set_text (layout, text, -1);
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *a = pango_attr_foreground_alpha_new (0.5 * 65535);

      /* Address and encoding dimmed: the instruction is what is read. */
      a->start_index = 0;
      a->end_index = digits + 12;
      pango_attr_list_insert (attrs, a);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
    cairo_move_to (cr, GUTTER + 4, y + ROW_PAD / 2);
    gdk_cairo_set_source_rgba (cr, &fg);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_attributes (layout, NULL);
  }
}

char *
mdl_disassembly_view_get_line_text (MdlDisassemblyView *self, guint64 addr, int *right)
{
  int height = gtk_widget_get_height (self->area);
  guint rows, first;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), NULL);

  if (self->line_h <= 0)
    return NULL;
  rows = MAX ((guint) (height / self->line_h), 1);
  first = first_line (self, rows);
  for (guint r = 0; r < rows && first + r < self->lines->len; r++) {
    const Line *l = &g_array_index (self->lines, Line, first + r);
    g_autoptr(PangoLayout) layout = NULL;
    PangoFontDescription *font;
    char *text;
    int w, h;

    if (!is_insn (l) || l->addr != addr)
      continue;
    text = line_text (l, shown_digits (self, first, rows));
    if (right != NULL) {
      layout = gtk_widget_create_pango_layout (self->area, text);
      font = _mdl_cpu_views_mono_font (self->area);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (layout, &w, &h);
      *right = GUTTER + 4 + w;
    }
    return text;
  }
  return NULL;
}

/* ---- input ---- */

/* Where the mnemonic of instruction line @l starts and ends, in columns
 * of the drawn text: after the address, the encoding and their gaps
 * (line_text), up to the first blank of the instruction. */
static void
mnemonic_columns (const Line *l, guint digits, guint *start, guint *end)
{
  size_t len = strcspn (l->text, " \t");

  *start = digits + 12;
  *end = *start + (guint) MAX (len, 1);
}

static Line *
line_at (MdlDisassemblyView *self, double y)
{
  int height = gtk_widget_get_height (self->area);
  guint first, row;

  if (self->line_h <= 0 || y < self->first_y)
    return NULL;
  first = first_line (self, (guint) (height / self->line_h));
  row = (guint) ((y - self->first_y) / self->line_h);
  if (first + row >= self->lines->len)
    return NULL;
  return &g_array_index (self->lines, Line, first + row);
}

/* The index of the line at @y of the drawing area, and the digits its
 * addresses are drawn with; -1 when no line is there. */
static int
row_at (MdlDisassemblyView *self, double y, guint *digits)
{
  int height = gtk_widget_get_height (self->area);
  guint first, rows;

  if (self->line_h <= 0 || y < self->first_y)
    return -1;
  rows = MAX ((guint) (height / self->line_h), 1);
  first = first_line (self, rows);
  if (first + (guint) ((y - self->first_y) / self->line_h) >= self->lines->len)
    return -1;
  *digits = shown_digits (self, first, rows);
  return (int) (first + (guint) ((y - self->first_y) / self->line_h));
}

/* The summary of the instruction whose mnemonic is under (@x, @y) of the
 * drawing area, or NULL. */
static const char *
summary_at (MdlDisassemblyView *self, double x, double y)
{
  guint digits, start, end;
  int row = row_at (self, y, &digits);
  const Line *l;
  double col;

  if (row < 0 || self->char_w <= 0)
    return NULL;
  l = &g_array_index (self->lines, Line, row);
  if (!is_insn (l) || l->summary == NULL)
    return NULL;
  mnemonic_columns (l, digits, &start, &end);
  col = (x - (GUTTER + 4)) / self->char_w;
  return col >= start && col < end ? l->summary : NULL;
}

static gboolean
on_query_tooltip (GtkWidget *area, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  MdlDisassemblyView *self)
{
  const char *text;

  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));

  if (keyboard || (text = summary_at (self, x, y)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

gboolean
mdl_disassembly_view_mnemonic_point (MdlDisassemblyView *self, guint64 addr, double *x,
                                     double *y)
{
  int height = gtk_widget_get_height (self->area);
  guint first, rows, digits, start, end;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), FALSE);

  if (self->line_h <= 0 || self->char_w <= 0)
    return FALSE;
  rows = MAX ((guint) (height / self->line_h), 1);
  first = first_line (self, rows);
  digits = shown_digits (self, first, rows);
  for (guint r = 0; r < rows && first + r < self->lines->len; r++) {
    const Line *l = &g_array_index (self->lines, Line, first + r);
    graphene_point_t in, out;

    if (!is_insn (l) || l->addr != addr || l->summary == NULL)
      continue;
    mnemonic_columns (l, digits, &start, &end);
    in = GRAPHENE_POINT_INIT (GUTTER + 4 + (start + end) / 2.0 * self->char_w,
                              self->first_y + (r + 0.5) * self->line_h);
    if (!gtk_widget_compute_point (self->area, GTK_WIDGET (self), &in, &out))
      return FALSE;
    *x = out.x;
    *y = out.y;
    return TRUE;
  }
  return FALSE;
}

const char *
mdl_disassembly_view_tooltip_at (MdlDisassemblyView *self, double x, double y)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;

  g_return_val_if_fail (MDL_IS_DISASSEMBLY_VIEW (self), NULL);

  if (!gtk_widget_compute_point (GTK_WIDGET (self), self->area, &in, &out))
    return NULL;
  return summary_at (self, out.x, out.y);
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, MdlDisassemblyView *self)
{
  Line *line = line_at (self, y);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));

  gtk_widget_grab_focus (self->area);
  if (line == NULL)
    return;
  self->cursor = line->addr;
  self->cursor_set = TRUE;
  gtk_widget_queue_draw (self->area);
  if (button == GDK_BUTTON_SECONDARY) {
    GdkRectangle where = { (int) x, (int) y, 1, 1 };

    gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &where);
    gtk_popover_popup (GTK_POPOVER (self->menu));
  } else if (x < GUTTER && line->is_source) {
    toggle_source_breakpoint (self, line->src_file, line->src_line);
  } else if (x < GUTTER && !line->is_label) {
    mdl_disassembly_view_toggle_breakpoint (self, line->addr);
  }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy,
           MdlDisassemblyView *self)
{
  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));

  if (self->lines->len == 0 || self->runner == NULL)
    return FALSE;
  /* Scrolling leaves the pc: the window moves by whole lines forward, and
   * by a guess of the smallest instruction size backward. */
  if (self->follow)
    self->goto_addr = self->pc;
  self->follow = FALSE;
  if (dy > 0) {
    guint first = first_line (self, 0);
    guint k = MIN (first + 2 + (guint) (dy * 3), self->lines->len - 1);
    self->goto_addr = g_array_index (self->lines, Line, k).addr;
  } else {
    self->goto_addr -= (guint64) (-dy * 3) * 2;
  }
  ensure_watch (self);
  return TRUE;
}

static void
on_entry_activate (MdlDisassemblyView *self, GtkEntry *entry)
{
  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));
  mdl_disassembly_view_go_to (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_home (MdlDisassemblyView *self, GtkButton *button)
{
  g_assert (MDL_IS_DISASSEMBLY_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  mdl_disassembly_view_follow_pc (self);
}

static void
toggle_breakpoint_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdlDisassemblyView *self = MDL_DISASSEMBLY_VIEW (widget);

  if (self->cursor_set)
    mdl_disassembly_view_toggle_breakpoint (self, self->cursor);
}

static void
mdl_disassembly_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdl_disassembly_view_parent_class)->map (widget);
  ensure_watch (MDL_DISASSEMBLY_VIEW (widget));
}

static void
mdl_disassembly_view_unmap (GtkWidget *widget)
{
  unwatch (MDL_DISASSEMBLY_VIEW (widget));
  GTK_WIDGET_CLASS (mdl_disassembly_view_parent_class)->unmap (widget);
}

static void
mdl_disassembly_view_dispose (GObject *object)
{
  MdlDisassemblyView *self = MDL_DISASSEMBLY_VIEW (object);

  unwatch (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_disassembly_view_parent_class)->dispose (object);
}

static void
mdl_disassembly_view_finalize (GObject *object)
{
  MdlDisassemblyView *self = MDL_DISASSEMBLY_VIEW (object);

  g_array_unref (self->lines);
  g_array_unref (self->breakpoints);
  G_OBJECT_CLASS (mdl_disassembly_view_parent_class)->finalize (object);
}

static void
mdl_disassembly_view_class_init (MdlDisassemblyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_disassembly_view_dispose;
  object_class->finalize = mdl_disassembly_view_finalize;
  widget_class->map = mdl_disassembly_view_map;
  widget_class->unmap = mdl_disassembly_view_unmap;
  gtk_widget_class_install_action (widget_class, "disassembly.toggle-breakpoint", NULL,
                                   toggle_breakpoint_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdldisassemblyview");
}

static GtkWidget *
action_button (const char *icon, const char *action, const char *tip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
mdl_disassembly_view_init (MdlDisassemblyView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *toolbar, *steps, *home;
  GtkEventController *controller;

  self->follow = TRUE;
  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (self->lines, line_clear);
  self->breakpoints = g_array_new (FALSE, FALSE, sizeof (guint64));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (self->box), toolbar);

  /* The window's actions, so the buttons, the shortcuts and the window's
   * Step act on the same CPU and are enabled in one place. */
  steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (steps, "linked");
  gtk_box_append (GTK_BOX (steps), action_button ("go-next-symbolic", "win.step-line",
                                                  _("Step to the Next Source Line (F10)")));
  gtk_box_append (GTK_BOX (steps), action_button ("go-bottom-symbolic", "win.step-into",
                                                  _("Step Into the Call (F11)")));
  gtk_box_append (GTK_BOX (steps), action_button ("go-down-symbolic", "win.step",
                                                  _("Step One Instruction (Alt+F11)")));
  gtk_box_append (GTK_BOX (steps), action_button ("go-jump-symbolic", "win.step-over",
                                                  _("Step Over Calls (Ctrl+F11)")));
  gtk_box_append (GTK_BOX (steps), action_button ("go-up-symbolic", "win.step-out",
                                                  _("Step Out of the Function (Shift+F11)")));
  gtk_box_append (GTK_BOX (steps), action_button ("go-last-symbolic", "win.run-to-cursor",
                                                  _("Run to Cursor (Ctrl+F10)")));
  gtk_box_append (GTK_BOX (toolbar), steps);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_placeholder_text (self->entry, _("Go to address or symbol"));
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "monospace");
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->entry));

  home = gtk_button_new_from_icon_name ("go-home-symbolic");
  gtk_widget_set_tooltip_text (home, _("Back to the Program Counter"));
  gtk_widget_add_css_class (home, "flat");
  g_signal_connect_object (home, "clicked", G_CALLBACK (on_home), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), home);

  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_focusable (self->area, TRUE);
  gtk_widget_add_css_class (self->area, "view");
  gtk_widget_add_css_class (self->area, "disassembly");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  gtk_box_append (GTK_BOX (self->box), self->area);
  gtk_widget_set_has_tooltip (self->area, TRUE);
  g_signal_connect_object (self->area, "query-tooltip", G_CALLBACK (on_query_tooltip), self, 0);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_click), self, 0);
  gtk_widget_add_controller (self->area, controller);
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll), self, 0);
  gtk_widget_add_controller (self->area, controller);

  g_menu_append (menu, _("Run to Cursor"), "win.run-to-cursor");
  g_menu_append (menu, _("Toggle Breakpoint"), "disassembly.toggle-breakpoint");
  self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, self->area);
}

GtkWidget *
mdl_disassembly_view_new (void)
{
  return g_object_new (MDL_TYPE_DISASSEMBLY_VIEW, NULL);
}
