#define G_LOG_DOMAIN "medley-console"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <vte/vte.h>

#include "mdl-console.h"

struct _MdlConsole {
  GtkWidget    parent_instance;

  GtkWidget   *scroller;
  VteTerminal *terminal;
  char        *title;
  guint        uart;
  guint64      dropped;

  /* Flood throttle: bytes shown in the current window of wall time, bytes
   * held back in it, and how many windows in a row overflowed. */
  gint64       window_start;
  gsize        window_bytes;
  guint64      held_back;
  guint        flood_windows;
  guint        notice_id;
};

/* A console shows at most FLOOD_FIRST bytes a second, and while a flood
 * goes on only FLOOD_TRICKLE: the lines a flood began with stay in the
 * scrollback instead of being pushed out within a second, and a notice
 * says how much was not shown. */
#define FLOOD_WINDOW_US (1 * G_USEC_PER_SEC)
#define FLOOD_TRICKLE   (1024)
/* 64 KiB; MEDLEY_CONSOLE_FLOOD_BYTES sets another (the GUI tests: a guest
 * on a heavily loaded machine may print less than 64 KiB a second of
 * wall time, which is then rightly no flood). */
static gsize flood_first = 64 * 1024;

G_DEFINE_FINAL_TYPE (MdlConsole, mdl_console, GTK_TYPE_WIDGET)

enum { INPUT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The terminal follows the light or dark style like the rest of the
 * window instead of VTE's fixed grey on black. */
static void
update_colors (MdlConsole *self)
{
  AdwStyleManager *sm = adw_style_manager_get_default ();
  GdkRGBA fg, bg;

  g_assert (MDL_IS_CONSOLE (self));

  if (adw_style_manager_get_dark (sm)) {
    gdk_rgba_parse (&fg, "#ffffff");
    gdk_rgba_parse (&bg, "#1e1e1e");
  } else {
    gdk_rgba_parse (&fg, "#1e1e1e");
    gdk_rgba_parse (&bg, "#fafafa");
  }
  vte_terminal_set_colors (self->terminal, &fg, &bg, NULL, 0);
}

static void
on_commit (VteTerminal *terminal, const char *text, guint size, MdlConsole *self)
{
  g_autoptr(GBytes) bytes = NULL;

  g_assert (MDL_IS_CONSOLE (self));

  bytes = g_bytes_new (text, size);
  g_signal_emit (self, signals[INPUT], 0, bytes);
}

static void
mdl_console_dispose (GObject *object)
{
  g_clear_handle_id (&MDL_CONSOLE (object)->notice_id, g_source_remove);
  MdlConsole *self = MDL_CONSOLE (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_console_parent_class)->dispose (object);
}

static void
mdl_console_finalize (GObject *object)
{
  MdlConsole *self = MDL_CONSOLE (object);

  g_free (self->title);
  G_OBJECT_CLASS (mdl_console_parent_class)->finalize (object);
}

static gboolean
mdl_console_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MDL_CONSOLE (widget)->terminal));
}

static void
mdl_console_class_init (MdlConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *flood = g_getenv ("MEDLEY_CONSOLE_FLOOD_BYTES");

  if (flood != NULL && g_ascii_strtoull (flood, NULL, 10) > 0)
    flood_first = (gsize) g_ascii_strtoull (flood, NULL, 10);

  object_class->dispose = mdl_console_dispose;
  object_class->finalize = mdl_console_finalize;
  widget_class->grab_focus = mdl_console_grab_focus;

  /* MdlConsole::input: @bytes were typed, for the UART's receive side. */
  signals[INPUT] = g_signal_new ("input", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_BYTES);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlconsole");
}

static void
mdl_console_init (MdlConsole *self)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Monospace 11");

  self->terminal = VTE_TERMINAL (vte_terminal_new ());
  vte_terminal_set_font (self->terminal, font);
  vte_terminal_set_scrollback_lines (self->terminal, 10000);
  vte_terminal_set_cursor_blink_mode (self->terminal, VTE_CURSOR_BLINK_OFF);
  vte_terminal_set_enable_fallback_scrolling (self->terminal, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->terminal), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->terminal), TRUE);
  g_signal_connect (self->terminal, "commit", G_CALLBACK (on_commit), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller),
                                 GTK_WIDGET (self->terminal));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colors), self, G_CONNECT_SWAPPED);
  update_colors (self);
}

MdlConsole *
mdl_console_new (const char *title, guint uart)
{
  MdlConsole *self = g_object_new (MDL_TYPE_CONSOLE, NULL);

  self->title = g_strdup (title);
  self->uart = uart;
  return self;
}

const char *
mdl_console_get_title (MdlConsole *self)
{
  g_return_val_if_fail (MDL_IS_CONSOLE (self), NULL);
  return self->title;
}

guint
mdl_console_get_uart (MdlConsole *self)
{
  g_return_val_if_fail (MDL_IS_CONSOLE (self), 0);
  return self->uart;
}

/* Ends the throttle's window: says what it held back, if anything. */
static void
end_window (MdlConsole *self)
{
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  g_clear_handle_id (&self->notice_id, g_source_remove);
  self->window_start = g_get_monotonic_time ();
  self->window_bytes = 0;
  if (self->held_back == 0) {
    self->flood_windows = 0;
    return;
  }
  self->flood_windows++;
  size = g_format_size (self->held_back);
  self->held_back = 0;
  /* Translators: %s is an amount of data, like "1.2 MB" */
  text = g_strdup_printf (_("[… output flood: %s not shown …]"), size);
  note = g_strdup_printf ("\r\n\033[2m%s\033[0m\r\n", text);
  vte_terminal_feed (self->terminal, note, -1);
}

static gboolean
notice_cb (gpointer data)
{
  MdlConsole *self = data;

  self->notice_id = 0;
  end_window (self);
  return G_SOURCE_REMOVE;
}

void
mdl_console_feed (MdlConsole *self, const guint8 *bytes, gsize len)
{
  g_autoptr(GString) text = NULL;
  gsize budget;

  g_return_if_fail (MDL_IS_CONSOLE (self));

  if (len == 0)
    return;
  if (g_get_monotonic_time () - self->window_start >= FLOOD_WINDOW_US)
    end_window (self);
  budget = self->flood_windows > 0 ? FLOOD_TRICKLE : flood_first;
  budget = budget > self->window_bytes ? budget - self->window_bytes : 0;
  if (len > budget) {
    self->held_back += len - budget;
    len = budget;
    /* The notice comes when the window ends, even if the guest is quiet
     * by then. */
    if (self->notice_id == 0)
      self->notice_id = g_timeout_add_full (
        G_PRIORITY_DEFAULT_IDLE,
        (guint) MAX (1, (self->window_start + FLOOD_WINDOW_US - g_get_monotonic_time ()) / 1000),
        notice_cb, self, NULL);
    if (len == 0)
      return;
  }
  self->window_bytes += len;
  text = g_string_sized_new (len + len / 8);
  for (gsize i = 0; i < len; i++) {
    if (bytes[i] == '\n')
      g_string_append_c (text, '\r');
    g_string_append_c (text, (char) bytes[i]);
  }
  vte_terminal_feed (self->terminal, text->str, (gssize) text->len);
}

void
mdl_console_set_dropped (MdlConsole *self, guint64 dropped)
{
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  g_return_if_fail (MDL_IS_CONSOLE (self));

  if (dropped <= self->dropped) {
    self->dropped = dropped;   /* a new machine counts from zero */
    return;
  }
  /* Dim, on a line of its own, so it can't be taken for guest output. */
  size = g_format_size (dropped - self->dropped);
  /* Translators: %s is an amount of data, like "1.2 MB" */
  text = g_strdup_printf (_("[… %s of output skipped …]"), size);
  note = g_strdup_printf ("\r\n\033[2m%s\033[0m\r\n", text);
  self->dropped = dropped;
  vte_terminal_feed (self->terminal, note, -1);
}

void
mdl_console_clear (MdlConsole *self)
{
  g_return_if_fail (MDL_IS_CONSOLE (self));
  g_clear_handle_id (&self->notice_id, g_source_remove);
  self->held_back = 0;
  self->flood_windows = 0;
  self->window_bytes = 0;
  vte_terminal_reset (self->terminal, TRUE, TRUE);
}

char *
mdl_console_get_text (MdlConsole *self)
{
  glong rows, cols;

  g_return_val_if_fail (MDL_IS_CONSOLE (self), NULL);

  /* Row numbers count from the start of the scrollback, so asking from
   * row 0 to past the cursor gets what scrolled away too. */
  vte_terminal_get_cursor_position (self->terminal, &cols, &rows);
  return vte_terminal_get_text_range (self->terminal, 0, 0, rows + 1,
                                      vte_terminal_get_column_count (self->terminal) - 1,
                                      NULL, NULL, NULL);
}

GtkWidget *
mdl_console_get_terminal (MdlConsole *self)
{
  g_return_val_if_fail (MDL_IS_CONSOLE (self), NULL);
  return GTK_WIDGET (self->terminal);
}
