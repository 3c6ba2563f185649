#define G_LOG_DOMAIN "mdl-program-editor"

/* A program's source in a GtkSourceView, with its marks
 * (mdl-program-editor.h). */

#include "mdl-program-editor.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "mdl-program-build.h"

/* Mark categories; the gutter draws the higher priority on top. */
#define CAT_BREAKPOINT "mdl-breakpoint"
#define CAT_CURRENT "mdl-current-line"
#define CAT_ERROR "mdl-error"
#define CAT_WARNING "mdl-warning"

struct _MdlProgramEditor {
  GtkWidget parent_instance;

  GtkWidget       *scroller;
  GtkSourceView   *view;
  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GtkTextTag      *warning_tag;
  char            *path;
  char            *asm_language;
  guint            current_line;
};

G_DEFINE_FINAL_TYPE (MdlProgramEditor, mdl_program_editor, GTK_TYPE_WIDGET)

enum { BREAKPOINT_TOGGLED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- languages and style ------------------------------------------------- */

static GtkSourceLanguageManager *
language_manager (void)
{
  static GtkSourceLanguageManager *lm;

  if (lm == NULL) {
    const char *data = mdl_program_data_dir ();
    const char *const *stock;
    g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
    g_auto(GStrv) path = NULL;

    /* Medley's languages first, then GtkSourceView's own (C, and the
     * definitions Medley's languages build on). */
    lm = gtk_source_language_manager_new ();
    stock = gtk_source_language_manager_get_search_path (gtk_source_language_manager_get_default ());
    if (data != NULL) {
      g_autofree char *dir = g_build_filename (data, "language-specs", NULL);
      g_strv_builder_add (b, dir);
    }
    g_strv_builder_addv (b, (const char **) stock);
    path = g_strv_builder_end (b);
    gtk_source_language_manager_set_search_path (lm, (const char *const *) path);
  }
  return lm;
}

static void
update_language (MdlProgramEditor *self)
{
  MdlProgramLang lang;
  GtkSourceLanguage *language = NULL;

  if (self->path != NULL && mdl_program_lang_for_path (self->path, &lang)) {
    if (lang == MDL_PROGRAM_C)
      language = gtk_source_language_manager_get_language (language_manager (), "c");
    else if (self->asm_language != NULL)
      language = gtk_source_language_manager_get_language (language_manager (),
                                                           self->asm_language);
  }
  gtk_source_buffer_set_language (self->buffer, language);
}

/* Adwaita's scheme, light or dark as the desktop is. */
static void
update_scheme (MdlProgramEditor *self)
{
  GtkSourceStyleSchemeManager *sm = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (sm, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (sm, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
dark_changed_cb (AdwStyleManager *manager, GParamSpec *pspec, MdlProgramEditor *self)
{
  g_assert (MDL_IS_PROGRAM_EDITOR (self));
  update_scheme (self);
}

/* ---- marks --------------------------------------------------------------- */

static gboolean
line_iter (MdlProgramEditor *self, guint line, GtkTextIter *iter)
{
  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->buffer)))
    return FALSE;
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), iter, (int) line - 1);
  return TRUE;
}

static void
remove_category (MdlProgramEditor *self, const char *category)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, category);
}

static GtkSourceMark *
mark_at (MdlProgramEditor *self, guint line, const char *category)
{
  GSList *marks = gtk_source_buffer_get_source_marks_at_line (self->buffer, (int) line - 1,
                                                               category);
  GtkSourceMark *mark = marks ? marks->data : NULL;

  g_slist_free (marks);
  return mark;
}

void
mdl_program_editor_set_breakpoint (MdlProgramEditor *self, guint line, gboolean on)
{
  GtkTextIter iter;
  GtkSourceMark *mark;

  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  if (!line_iter (self, line, &iter))
    return;
  mark = mark_at (self, line, CAT_BREAKPOINT);
  if (on && mark == NULL)
    gtk_source_buffer_create_source_mark (self->buffer, NULL, CAT_BREAKPOINT, &iter);
  else if (!on && mark != NULL)
    gtk_text_buffer_delete_mark (GTK_TEXT_BUFFER (self->buffer), GTK_TEXT_MARK (mark));
}

gboolean
mdl_program_editor_has_breakpoint (MdlProgramEditor *self, guint line)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), FALSE);
  return line > 0 && mark_at (self, line, CAT_BREAKPOINT) != NULL;
}

GArray *
mdl_program_editor_get_breakpoints (MdlProgramEditor *self)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkTextIter iter;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), lines);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &iter);
  /* forward_to_line_mark stops after the start: look at line 1 first. */
  if (mark_at (self, 1, CAT_BREAKPOINT) != NULL) {
    guint one = 1;
    g_array_append_val (lines, one);
  }
  while (gtk_source_buffer_forward_iter_to_source_mark (self->buffer, &iter, CAT_BREAKPOINT)) {
    guint line = (guint) gtk_text_iter_get_line (&iter) + 1;

    if (lines->len == 0 || g_array_index (lines, guint, lines->len - 1) != line)
      g_array_append_val (lines, line);
  }
  return lines;
}

void
mdl_program_editor_set_current_line (MdlProgramEditor *self, guint line)
{
  GtkTextIter iter;

  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  remove_category (self, CAT_CURRENT);
  self->current_line = 0;
  if (!line_iter (self, line, &iter))
    return;
  self->current_line = line;
  gtk_source_buffer_create_source_mark (self->buffer, NULL, CAT_CURRENT, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &iter, 0.2, FALSE, 0, 0);
}

guint
mdl_program_editor_get_current_line (MdlProgramEditor *self)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), 0);
  return self->current_line;
}

void
mdl_program_editor_set_diagnostics (MdlProgramEditor *self, GPtrArray *diagnostics)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *base = NULL;

  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  buffer = GTK_TEXT_BUFFER (self->buffer);
  remove_category (self, CAT_ERROR);
  remove_category (self, CAT_WARNING);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->warning_tag, &start, &end);
  if (diagnostics == NULL || self->path == NULL)
    return;
  base = g_path_get_basename (self->path);
  for (guint i = 0; i < diagnostics->len; i++) {
    const MdlDiagnostic *d = g_ptr_array_index (diagnostics, i);
    g_autofree char *file_base = d->file ? g_path_get_basename (d->file) : NULL;
    const char *category = d->severity == MDL_DIAG_ERROR ? CAT_ERROR : CAT_WARNING;
    GtkSourceMark *mark;
    GtkTextIter from, to;
    g_autofree char *tip = NULL;
    const char *old;

    if (d->line == 0 || file_base == NULL || g_strcmp0 (file_base, base) != 0 ||
        d->severity == MDL_DIAG_NOTE || !line_iter (self, d->line, &from))
      continue;
    /* One mark a line, its tooltip every message of the line; an error
     * outranks a warning. */
    mark = mark_at (self, d->line, CAT_ERROR);
    if (mark == NULL)
      mark = mark_at (self, d->line, CAT_WARNING);
    old = mark ? g_object_get_data (G_OBJECT (mark), "mdl-text") : NULL;
    tip = old ? g_strdup_printf ("%s\n%s", old, d->message) : g_strdup (d->message);
    if (mark != NULL && d->severity == MDL_DIAG_ERROR &&
        g_strcmp0 (gtk_source_mark_get_category (mark), CAT_ERROR) != 0) {
      gtk_text_buffer_delete_mark (buffer, GTK_TEXT_MARK (mark));
      mark = NULL;
    }
    if (mark == NULL)
      mark = gtk_source_buffer_create_source_mark (self->buffer, NULL, category, &from);
    g_object_set_data_full (G_OBJECT (mark), "mdl-text", g_steal_pointer (&tip), g_free);

    /* Underline from the column (characters, counted from 1) to the
     * line's end; the whole line when there is no column. */
    to = from;
    if (!gtk_text_iter_ends_line (&to))
      gtk_text_iter_forward_to_line_end (&to);
    if (d->column > 1 && (int) d->column - 1 < gtk_text_iter_get_chars_in_line (&from))
      gtk_text_iter_set_line_offset (&from, (int) d->column - 1);
    while (gtk_text_iter_compare (&from, &to) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&from)))
      gtk_text_iter_forward_char (&from);
    gtk_text_buffer_apply_tag (buffer, d->severity == MDL_DIAG_ERROR ? self->error_tag
                                                                     : self->warning_tag,
                               &from, &to);
  }
}

const char *
mdl_program_editor_get_diagnostic (MdlProgramEditor *self, guint line)
{
  GtkSourceMark *mark;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), NULL);
  if (line == 0)
    return NULL;
  mark = mark_at (self, line, CAT_ERROR);
  if (mark == NULL)
    mark = mark_at (self, line, CAT_WARNING);
  return mark ? g_object_get_data (G_OBJECT (mark), "mdl-text") : NULL;
}

static char *
query_tooltip_cb (GtkSourceMarkAttributes *attributes, GtkSourceMark *mark, gpointer data)
{
  const char *text = g_object_get_data (G_OBJECT (mark), "mdl-text");

  if (text != NULL)
    return g_strdup (text);
  if (g_strcmp0 (gtk_source_mark_get_category (mark), CAT_BREAKPOINT) == 0)
    return g_strdup (_("Breakpoint: click to remove"));
  return g_strdup (_("The CPU stopped here"));
}

static void
line_mark_activated_cb (GtkSourceView *view, const GtkTextIter *iter, guint button,
                        GdkModifierType state, int n_presses, MdlProgramEditor *self)
{
  guint line = (guint) gtk_text_iter_get_line (iter) + 1;
  gboolean on;

  g_assert (MDL_IS_PROGRAM_EDITOR (self));
  if (button != GDK_BUTTON_PRIMARY)
    return;
  on = !mdl_program_editor_has_breakpoint (self, line);
  mdl_program_editor_set_breakpoint (self, line, on);
  g_signal_emit (self, signals[BREAKPOINT_TOGGLED], 0, line, on);
}

/* The breakpoint's red dot and the current line's arrow, drawn here:
 * symbolic icons come out in the gutter's grey, and a breakpoint is red
 * in every debugger a student has seen.  The arrow has a white rim, so
 * that it shows on the dot where the CPU stopped at a breakpoint.  Drawn
 * large (GtkSourceView scales a picture down to the line's height),
 * edges smoothed by sampling each pixel 4 x 4 times. */
#define MARK_PX 32

/* Inside the triangle pointing right with its back at x = @x0 from y0 to
 * 32 - y0 and its tip at (@x1, 16). */
static gboolean
in_triangle (double x, double y, double x0, double y0, double x1)
{
  double y1 = MARK_PX - y0;

  return x >= x0 && (x1 - x0) * (y - y0) - (16 - y0) * (x - x0) >= 0 &&
         (x0 - x1) * (y - 16) - (y1 - 16) * (x - x1) >= 0;
}

static GdkPixbuf *
mark_picture (gboolean arrow, guint32 rgb)
{
  guint8 *px = g_malloc0 (MARK_PX * MARK_PX * 4);

  for (int y = 0; y < MARK_PX; y++)
    for (int x = 0; x < MARK_PX; x++) {
      guint8 *p = px + (y * MARK_PX + x) * 4;
      guint r = 0, g = 0, b = 0, a = 0;

      for (int sy = 0; sy < 4; sy++)
        for (int sx = 0; sx < 4; sx++) {
          double fx = x + (sx + 0.5) / 4, fy = y + (sy + 0.5) / 4;
          guint32 c;

          if (!arrow)
            c = (fx - 16) * (fx - 16) + (fy - 16) * (fy - 16) <= 11.5 * 11.5 ? rgb : 0x1000000;
          else if (in_triangle (fx, fy, 9, 8, 25))
            c = rgb;
          else if (in_triangle (fx, fy, 6, 3, 29.5))
            c = 0xffffff;
          else
            c = 0x1000000;   /* outside */
          if (c == 0x1000000)
            continue;
          r += (c >> 16) & 0xff;
          g += (c >> 8) & 0xff;
          b += c & 0xff;
          a++;
        }
      if (a > 0) {
        p[0] = (guint8) (r / a);
        p[1] = (guint8) (g / a);
        p[2] = (guint8) (b / a);
        p[3] = (guint8) (a * 255 / 16);
      }
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (px, MARK_PX * MARK_PX * 4);

    return gdk_pixbuf_new_from_bytes (bytes, GDK_COLORSPACE_RGB, TRUE, 8, MARK_PX, MARK_PX,
                                      MARK_PX * 4);
  }
}

static void
add_attributes (MdlProgramEditor *self, const char *category, const char *icon,
                const char *background, int priority)
{
  g_autoptr(GtkSourceMarkAttributes) attrs = gtk_source_mark_attributes_new ();

  if (g_strcmp0 (category, CAT_BREAKPOINT) == 0 || g_strcmp0 (category, CAT_CURRENT) == 0) {
    g_autoptr(GdkPixbuf) picture = NULL;

    if (g_strcmp0 (category, CAT_BREAKPOINT) == 0)
      picture = mark_picture (FALSE, 0xe01b24);   /* GNOME's red 3 */
    else
      picture = mark_picture (TRUE, 0xc64600);    /* orange 5: seen on the yellow line */
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_source_mark_attributes_set_pixbuf (attrs, picture);
    G_GNUC_END_IGNORE_DEPRECATIONS
  } else {
    gtk_source_mark_attributes_set_icon_name (attrs, icon);
  }
  if (background != NULL) {
    GdkRGBA rgba;

    gdk_rgba_parse (&rgba, background);
    gtk_source_mark_attributes_set_background (attrs, &rgba);
  }
  g_signal_connect (attrs, "query-tooltip-text", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_source_view_set_mark_attributes (self->view, category, attrs, priority);
}

/* ---- files --------------------------------------------------------------- */

static void
set_path (MdlProgramEditor *self, const char *path)
{
  if (g_strcmp0 (self->path, path) != 0) {
    g_free (self->path);
    self->path = g_strdup (path);
  }
  update_language (self);
}

static void
replace_text (MdlProgramEditor *self, const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;

  /* Marks of the old text mean nothing in the new one. */
  remove_category (self, NULL);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->current_line = 0;
}

gboolean
mdl_program_editor_load (MdlProgramEditor *self, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), FALSE);
  if (!g_file_get_contents (path, &text, &len, error))
    return FALSE;
  if (!g_utf8_validate (text, (gssize) len, NULL)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s is not a text file in UTF-8"), path);
    return FALSE;
  }
  set_path (self, path);
  replace_text (self, text);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  return TRUE;
}

void
mdl_program_editor_set_text (MdlProgramEditor *self, const char *path, const char *text)
{
  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  set_path (self, path);
  replace_text (self, text);
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), TRUE);
}

GtkTextBuffer *
mdl_program_editor_get_buffer (MdlProgramEditor *self)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), NULL);
  return GTK_TEXT_BUFFER (self->buffer);
}

char *
mdl_program_editor_get_text (MdlProgramEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), NULL);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

gboolean
mdl_program_editor_save (MdlProgramEditor *self, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), FALSE);
  if (self->path == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                 _("The program has no file name yet"));
    return FALSE;
  }
  text = mdl_program_editor_get_text (self);
  /* g_file_set_contents writes a new file and renames it over the old. */
  if (!g_file_set_contents (self->path, text, -1, error))
    return FALSE;
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
  return TRUE;
}

const char *
mdl_program_editor_get_path (MdlProgramEditor *self)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), NULL);
  return self->path;
}

gboolean
mdl_program_editor_get_modified (MdlProgramEditor *self)
{
  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), FALSE);
  return gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
}

void
mdl_program_editor_set_asm_language (MdlProgramEditor *self, const char *id)
{
  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  g_free (self->asm_language);
  self->asm_language = g_strdup (id);
  update_language (self);
}

const char *
mdl_program_editor_get_language (MdlProgramEditor *self)
{
  GtkSourceLanguage *language;

  g_return_val_if_fail (MDL_IS_PROGRAM_EDITOR (self), NULL);
  language = gtk_source_buffer_get_language (self->buffer);
  return language ? gtk_source_language_get_id (language) : NULL;
}

void
mdl_program_editor_go_to (MdlProgramEditor *self, guint line, guint column)
{
  GtkTextIter iter;

  g_return_if_fail (MDL_IS_PROGRAM_EDITOR (self));
  if (!line_iter (self, line, &iter))
    return;
  if (column > 1 && (int) column - 1 < gtk_text_iter_get_chars_in_line (&iter))
    gtk_text_iter_set_line_offset (&iter, (int) column - 1);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* ---- the object ---------------------------------------------------------- */

static void
mdl_program_editor_dispose (GObject *object)
{
  MdlProgramEditor *self = MDL_PROGRAM_EDITOR (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_program_editor_parent_class)->dispose (object);
}

static void
mdl_program_editor_finalize (GObject *object)
{
  MdlProgramEditor *self = MDL_PROGRAM_EDITOR (object);

  g_free (self->path);
  g_free (self->asm_language);
  G_OBJECT_CLASS (mdl_program_editor_parent_class)->finalize (object);
}

static gboolean
mdl_program_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MDL_PROGRAM_EDITOR (widget)->view));
}

static void
mdl_program_editor_class_init (MdlProgramEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_source_init ();
  object_class->dispose = mdl_program_editor_dispose;
  object_class->finalize = mdl_program_editor_finalize;
  widget_class->grab_focus = mdl_program_editor_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdl-program-editor");

  /* The person clicked the gutter: a breakpoint at @line (1-based) is
   * now there (@on) or gone. */
  signals[BREAKPOINT_TOGGLED] =
    g_signal_new ("breakpoint-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
mdl_program_editor_init (MdlProgramEditor *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->buffer = gtk_source_buffer_new (NULL);
  self->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (self->buffer));
  g_object_unref (self->buffer); /* the view holds it */
  gtk_source_view_set_show_line_numbers (self->view, TRUE);
  gtk_source_view_set_show_line_marks (self->view, TRUE);
  gtk_source_view_set_highlight_current_line (self->view, TRUE);
  gtk_source_view_set_auto_indent (self->view, TRUE);
  gtk_source_view_set_tab_width (self->view, 8);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "mdl-program-text");

  add_attributes (self, CAT_CURRENT, "go-next-symbolic", "rgba(246,211,45,0.35)", 30);
  add_attributes (self, CAT_BREAKPOINT, "media-record-symbolic", NULL, 20);
  add_attributes (self, CAT_ERROR, "dialog-error-symbolic", "rgba(224,27,36,0.12)", 10);
  add_attributes (self, CAT_WARNING, "dialog-warning-symbolic", "rgba(229,165,10,0.12)", 5);
  g_signal_connect (self->view, "line-mark-activated", G_CALLBACK (line_mark_activated_cb), self);

  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.9, 0.65, 0.04, 1 },
                                                  NULL);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  update_scheme (self);
  g_signal_connect (style, "notify::dark", G_CALLBACK (dark_changed_cb), self);
}

MdlProgramEditor *
mdl_program_editor_new (void)
{
  return g_object_new (MDL_TYPE_PROGRAM_EDITOR, NULL);
}
