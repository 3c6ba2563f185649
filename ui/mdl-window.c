#define G_LOG_DOMAIN "medley-window"

#include <glib/gi18n.h>

#include "mdl-canvas.h"
#include "mdl-inspector.h"
#include "mdl-palette.h"
#include "mdl-program-window.h"
#include "mdl-speed-control.h"
#include "mdl-window-private.h"

G_DEFINE_FINAL_TYPE (MdlWindow, mdl_window, ADW_TYPE_APPLICATION_WINDOW)

/* Refused edits become toasts, like every other passing message. */
static gboolean
on_show_message (MdlWindow *self, const char *message)
{
  g_assert (MDL_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}

/* The palette, canvas and inspector are separate widgets that share the
 * window's editor. */
static void
add_views (MdlWindow *self)
{
  gtk_box_append (self->palette_slot, GTK_WIDGET (mdl_palette_new (self->editor)));
  self->canvas = mdl_canvas_new (self->editor);
  gtk_widget_set_hexpand (self->canvas, TRUE);
  gtk_widget_set_vexpand (self->canvas, TRUE);
  g_signal_connect_object (self->canvas, "show-message",
                           G_CALLBACK (on_show_message), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->canvas_slot, self->canvas);
  self->cpu_views = mdl_cpu_views_new ();
  gtk_widget_set_vexpand (self->cpu_views, TRUE);
  gtk_box_append (self->views_slot, self->cpu_views);
  gtk_box_append (self->inspector_slot, GTK_WIDGET (mdl_inspector_new (self->editor)));
}

/* The "board changed" toast goes when the next machine starts, which can
 * be while it still slides in.  libadwaita 1.2's toast overlay frees its
 * record of a toast when the toast's hide animation ends, but the end of
 * the show animation still writes to that record.  Hiding takes 300 ms;
 * showing 300 ms, 500 ms when the toast replaces a hiding one.  A toast
 * dismissed before its show animation has ended can end both in one
 * frame (the hide first: in the frame it came, or when the frames come
 * far apart under load), and the show animation then ends on freed
 * memory.  So the toast is dismissed at once only while it waits in the
 * overlay's queue (no animation yet) or while the overlay is unmapped
 * (its animations skipped to their end); otherwise from the overlay's
 * frame update, once that frame's time is 500 ms past the toast's
 * arrival: its show animation ends in that same update, and the hide
 * that starts there in a later one. */
#define STALE_TOAST_SLIDE_IN (500 * G_TIME_SPAN_MILLISECOND)

static void
forget_stale_toast (MdlWindow *self)
{
  if (self->stale_tick_id != 0) {
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->toast_overlay), self->stale_tick_id);
    self->stale_tick_id = 0;
  }
  if (self->stale_toast != NULL) {
    g_signal_handlers_disconnect_by_data (self->stale_toast, self);
    g_object_remove_weak_pointer (G_OBJECT (self->stale_toast), (gpointer *) &self->stale_toast);
    self->stale_toast = NULL;
  }
}

/* Whether the overlay shows the toast (rather than queueing it).  Its
 * toast widgets name their toast; a widget that does not say counts as
 * showing it, which only makes the dismissal wait. */
static gboolean
stale_toast_on_screen (MdlWindow *self)
{
  GtkWidget *overlay = GTK_WIDGET (self->toast_overlay);
  GtkWidget *content = adw_toast_overlay_get_child (self->toast_overlay);

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL;
       c = gtk_widget_get_next_sibling (c)) {
    GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (c), "toast");
    g_autoptr(GObject) toast = NULL;

    if (c == content)
      continue;
    if (pspec == NULL || !g_type_is_a (pspec->value_type, ADW_TYPE_TOAST))
      return TRUE;
    g_object_get (c, "toast", &toast, NULL);
    if (toast == G_OBJECT (self->stale_toast))
      return TRUE;
  }
  return FALSE;
}

/* The toast came on screen at this frame time or earlier (an animation
 * started then counts from the same clock). */
static void
note_stale_toast_on_screen (MdlWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->toast_overlay));

  if (self->stale_since == 0 && clock != NULL)
    self->stale_since = gdk_frame_clock_get_frame_time (clock);
}

/* Dismisses the toast if no animation of it can be running. */
static gboolean
dismiss_stale_toast_if_still (MdlWindow *self)
{
  if (self->stale_toast == NULL)
    return TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->toast_overlay)) && stale_toast_on_screen (self))
    return FALSE;
  adw_toast_dismiss (self->stale_toast);   /* "dismissed" forgets it */
  return TRUE;
}

static gboolean
stale_toast_tick (GtkWidget *overlay, GdkFrameClock *clock, gpointer data)
{
  MdlWindow *self = data;
  guint id = self->stale_tick_id;

  /* Returning removes this callback; a dismissal must not as well. */
  self->stale_tick_id = 0;
  if (dismiss_stale_toast_if_still (self))
    return G_SOURCE_REMOVE;
  note_stale_toast_on_screen (self);
  if (gdk_frame_clock_get_frame_time (clock) - self->stale_since >= STALE_TOAST_SLIDE_IN) {
    adw_toast_dismiss (self->stale_toast);
    return G_SOURCE_REMOVE;
  }
  self->stale_tick_id = id;
  return G_SOURCE_CONTINUE;
}

void
_mdl_window_dismiss_stale_toast (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->stale_tick_id != 0 || dismiss_stale_toast_if_still (self))
    return;
  note_stale_toast_on_screen (self);
  self->stale_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->toast_overlay),
                                                      stale_toast_tick, self, NULL);
}

/* The machine ended because the board changed: said until the next
 * machine starts, once however many edits follow. */
static void
show_stale_toast (MdlWindow *self)
{
  if (self->stale_toast != NULL) {
    /* Still true: a dismissal waiting for the toast to slide in is off. */
    if (self->stale_tick_id != 0) {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->toast_overlay), self->stale_tick_id);
      self->stale_tick_id = 0;
    }
    return;
  }
  self->stale_toast = adw_toast_new (_("Machine stopped: the board changed"));
  g_object_add_weak_pointer (G_OBJECT (self->stale_toast), (gpointer *) &self->stale_toast);
  /* Dismissed by its timeout, its close button or the next machine. */
  g_signal_connect_object (self->stale_toast, "dismissed", G_CALLBACK (forget_stale_toast),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->stale_toast);
  self->stale_since = 0;
  if (stale_toast_on_screen (self))
    note_stale_toast_on_screen (self);
}

static void
on_editor_changed (MdlWindow *self, MdlEditor *editor)
{
  g_assert (MDL_IS_WINDOW (self));

  /* What runs must be what the canvas shows: an edit ends the machine
   * built from the previous document. */
  /* A save (which may pin relative paths) changes nothing that runs. */
  if (self->runner != NULL && !self->loading
      && mdl_editor_get_revision (editor) == self->runner_revision) {
    /* the machine still is what the canvas shows */
  } else if (self->runner != NULL && self->loading) {
    _mdl_window_discard_runner (self);
  } else if (self->runner != NULL) {
    _mdl_window_discard_runner (self);
    show_stale_toast (self);
  }
  _mdl_window_update_title (self);
  _mdl_window_update_status (self);
  _mdl_window_update_actions (self);
}

static void
on_editor_notify (MdlWindow *self, GParamSpec *pspec, MdlEditor *editor)
{
  g_assert (MDL_IS_WINDOW (self));

  _mdl_window_update_title (self);
  _mdl_window_update_actions (self);
}

static void
close_confirmed (MdlWindow *self, gpointer data)
{
  g_assert (MDL_IS_WINDOW (self));

  _mdl_window_discard_runner (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
mdl_window_close_request (GtkWindow *window)
{
  MdlWindow *self = MDL_WINDOW (window);

  if (mdl_editor_get_modified (self->editor)) {
    _mdl_window_maybe_save (self, close_confirmed, NULL, NULL);
    return TRUE;
  }
  _mdl_window_discard_runner (self);
  return GTK_WINDOW_CLASS (mdl_window_parent_class)->close_request (window);
}

static void
mdl_window_dispose (GObject *object)
{
  MdlWindow *self = MDL_WINDOW (object);

  _mdl_window_discard_runner (self);
  /* Before the overlay goes, which dismisses what it still holds. */
  forget_stale_toast (self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDL_TYPE_WINDOW);
  g_clear_object (&self->editor);
  G_OBJECT_CLASS (mdl_window_parent_class)->dispose (object);
}

static void
mdl_window_finalize (GObject *object)
{
  MdlWindow *self = MDL_WINDOW (object);

  g_free (self->status_text);
  g_free (self->last_error);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  G_OBJECT_CLASS (mdl_window_parent_class)->finalize (object);
}

static void
mdl_window_class_init (MdlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mdl_window_dispose;
  object_class->finalize = mdl_window_finalize;
  window_class->close_request = mdl_window_close_request;

  g_type_ensure (MDL_TYPE_CONSOLE);
  g_type_ensure (MDL_TYPE_SPEED_CONTROL);
  g_type_ensure (MDL_TYPE_PROBLEMS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medley/Medley/mdl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, step_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, reset_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, points_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, points_section);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, speed_control);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, problems_view);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, palette_slot);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, canvas_slot);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, inspector_slot);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, views_paned);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, views_slot);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, views_button);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, console_paned);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, console_stack);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, console_view);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, console_bar);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, console_empty);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, examples_menu);
  gtk_widget_class_bind_template_child (widget_class, MdlWindow, recent_menu);
}

/* The header bar gives the title its natural width before the buttons
 * and the status get theirs, so a long board title squeezed the status
 * pill to its first letter.  Asking for the whole of a short status (a
 * long one still ellipsizes, its tooltip says it all) makes the title
 * give way first. */
#define STATUS_MIN_CHARS 16

static void
status_label_changed (MdlWindow *self)
{
  const char *text = gtk_label_get_label (self->status_label);
  int chars = text != NULL ? (int) g_utf8_strlen (text, -1) : 0;

  /* One character of slack: width-chars counts average characters and
   * the pill's text is bold. */
  gtk_label_set_width_chars (self->status_label, MIN (chars + 1, STATUS_MIN_CHARS));
}

static void
mdl_window_init (MdlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->points = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->status_label, "notify::label",
                           G_CALLBACK (status_label_changed), self, G_CONNECT_SWAPPED);

  self->editor = mdl_editor_new ();
  g_signal_connect_object (self->editor, "changed",
                           G_CALLBACK (on_editor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify",
                           G_CALLBACK (on_editor_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "selection-changed",
                           G_CALLBACK (_mdl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "selection-changed",
                           G_CALLBACK (_mdl_window_update_views_cpu), self, G_CONNECT_SWAPPED);
  add_views (self);
  mdl_problems_view_set_editor (self->problems_view, self->editor);
  _mdl_window_init_actions (self);
  _mdl_window_init_panes (self);
  _mdl_window_init_run (self);
  g_signal_connect_object (self->speed_control, "notify::speed",
                           G_CALLBACK (_mdl_window_apply_speed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_control, "notify::stop-on-exception",
                           G_CALLBACK (_mdl_window_apply_speed), self, G_CONNECT_SWAPPED);
  _mdl_window_update_title (self);
  _mdl_window_update_status (self);
  _mdl_window_update_actions (self);
}

MdlWindow *
mdl_window_new (MdlApplication *app)
{
  MdlWindow *self = g_object_new (MDL_TYPE_WINDOW, "application", app, NULL);

  /* GtkWindow:application is set after init, so what comes from the
   * application is filled here. */
  _mdl_window_application_set (self);
  return self;
}

MdlEditor *
mdl_window_get_editor (MdlWindow *self)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);
  return self->editor;
}

gboolean
mdl_window_load (MdlWindow *self, GFile *file, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (MDL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL) {
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Only local files can be opened"));
  } else {
    gboolean loaded;

    /* Programs belong to the board they were opened with (and save
     * themselves on closing). */
    mdl_program_window_close_all (self);
    self->loading = TRUE;
    loaded = mdl_editor_load (self->editor, path, &local_error);
    self->loading = FALSE;
    if (loaded) {
      self->is_example = FALSE;
      _mdl_window_discard_runner (self);
      _mdl_window_remove_consoles (self);
      _mdl_window_note_recent (self, path);
      _mdl_window_update_title (self);
      _mdl_window_update_status (self);
      _mdl_window_update_actions (self);
      mdl_program_window_open_all (self);
      return TRUE;
    }
  }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

    _mdl_window_show_error (self, heading, local_error->message);
  }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
mdl_window_get_runner_state (MdlWindow *self, MdlRunnerState *state)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), FALSE);

  if (self->runner == NULL)
    return FALSE;
  if (state != NULL)
    *state = self->state;
  return TRUE;
}

const char *
mdl_window_get_status_text (MdlWindow *self)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);
  return self->status_text;
}

/* The console area also holds the displays' tabs: consoles are counted
 * among its pages by type. */
guint
mdl_window_get_n_consoles (MdlWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (MDL_IS_WINDOW (self), 0);
  for (int i = 0; i < adw_tab_view_get_n_pages (self->console_view); i++)
    n += MDL_IS_CONSOLE (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->console_view, i)));
  return n;
}

MdlConsole *
mdl_window_get_console (MdlWindow *self, guint index)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);

  for (int i = 0; i < adw_tab_view_get_n_pages (self->console_view); i++) {
    GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->console_view, i));

    if (MDL_IS_CONSOLE (child) && index-- == 0)
      return MDL_CONSOLE (child);
  }
  return NULL;
}

guint
mdl_window_get_n_displays (MdlWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (MDL_IS_WINDOW (self), 0);
  while (mdl_window_get_display (self, n) != NULL)
    n++;
  return n;
}

MdlDisplayView *
mdl_window_get_display (MdlWindow *self, guint index)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);

  for (int i = 0; i < adw_tab_view_get_n_pages (self->console_view); i++) {
    GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->console_view, i));

    if (MDL_IS_DISPLAY_VIEW (child) && index-- == 0)
      return MDL_DISPLAY_VIEW (child);
  }
  return NULL;
}

MdlCpuViews *
mdl_window_get_cpu_views (MdlWindow *self)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);
  return MDL_CPU_VIEWS (self->cpu_views);
}

const char *
mdl_window_get_last_error (MdlWindow *self)
{
  g_return_val_if_fail (MDL_IS_WINDOW (self), NULL);
  return self->last_error;
}
