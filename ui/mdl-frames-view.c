#define G_LOG_DOMAIN "medley-frames-view"

/* The call stack and the variables are read on the engine thread
 * (mdl_runner_call) once per paused snapshot: unwinding reads the CPU's
 * registers and memory, which only that thread may touch.  A paused
 * machine answers at once, so the window never waits on a running one. */

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-cpu-views-private.h"
#include "mdl-frames-view.h"

#define MAX_FRAMES 32

typedef struct {
  char *name, *type, *value;
} Shown;

struct _MdlFramesView {
  GtkWidget   parent_instance;

  MdlSession *session;
  MdlRunner  *runner;       /* the session's */
  guint       cpu;
  guint64     shown_seq;
  guint64     retired;      /* the CPU's count at the stop shown */
  guint       frame;        /* the frame whose variables are shown */
  gboolean    filling;      /* the stack list is being refilled */

  GtkWidget  *box;
  GtkLabel   *status;
  GtkListBox *frames;
  GtkListBox *vars;
  GPtrArray  *functions;    /* char *: what the frames list shows */
  GArray     *shown;        /* Shown: what the variables list shows */
};

G_DEFINE_FINAL_TYPE (MdlFramesView, mdl_frames_view, GTK_TYPE_WIDGET)

static void
shown_clear (gpointer data)
{
  Shown *s = data;

  g_free (s->name);
  g_free (s->type);
  g_free (s->value);
}

/* ---- reading, on the engine thread ---- */

typedef struct {
  MdlDebugInfo *di;
  guint         cpu;
  guint         frame;
  GArray       *frames;     /* MdlDebugFrame */
  GArray       *locals;     /* MdlDebugVar: arguments and locals */
  GArray       *globals;    /* MdlDebugVar */
} Reading;

static void
read_on_engine (MdlRunner *runner, MdlMachine *machine, void *data)
{
  Reading *r = data;
  MdlCpu *cpu = mdl_machine_cpu (machine, r->cpu);
  const MdlDebugFrame *f;

  (void) runner;
  if (cpu == NULL)
    return;
  r->frames = mdl_debuginfo_backtrace (r->di, cpu, MAX_FRAMES);
  r->frame = MIN (r->frame, r->frames->len - 1);
  f = &g_array_index (r->frames, MdlDebugFrame, r->frame);
  r->locals = mdl_debuginfo_frame_vars (r->di, cpu, f);
  r->globals = mdl_debuginfo_global_vars (r->di, cpu, f->caller ? f->pc - 1 : f->pc);
}

/* ---- showing ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
set_status (MdlFramesView *self, const char *text)
{
  gtk_label_set_label (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
}

static void
add_heading (MdlFramesView *self, const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_list_box_append (self->vars, label);
  gtk_list_box_row_set_activatable (
    GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
}

static void
add_var (MdlFramesView *self, const MdlDebugVar *v)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (v->name);
  GtkWidget *type = gtk_label_new (v->type);
  GtkWidget *value = gtk_label_new (v->value);
  Shown s = { g_strdup (v->name), g_strdup (v->type), g_strdup (v->value) };

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_add_css_class (name, "monospace");
  gtk_widget_add_css_class (type, "dim-label");
  gtk_widget_add_css_class (type, "caption");
  gtk_widget_add_css_class (value, "monospace");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), type);
  gtk_box_append (GTK_BOX (row), value);
  gtk_list_box_append (self->vars, row);
  g_array_append_val (self->shown, s);
}

static void
add_vars (MdlFramesView *self, const GArray *vars, MdlVarKind kind, const char *title)
{
  gboolean any = FALSE;

  for (guint i = 0; vars != NULL && i < vars->len; i++) {
    const MdlDebugVar *v = &g_array_index (vars, MdlDebugVar, i);
    if (v->kind != kind)
      continue;
    if (!any)
      add_heading (self, title);
    any = TRUE;
    add_var (self, v);
  }
}

static void
show_reading (MdlFramesView *self, Reading *r)
{
  self->filling = TRUE;
  clear_list (self->frames);
  clear_list (self->vars);
  g_ptr_array_set_size (self->functions, 0);
  g_array_set_size (self->shown, 0);
  for (guint i = 0; r->frames != NULL && i < r->frames->len; i++) {
    const MdlDebugFrame *f = &g_array_index (r->frames, MdlDebugFrame, i);
    g_autofree char *base = f->file ? g_path_get_basename (f->file) : NULL;
    g_autofree char *text = NULL;
    GtkWidget *label;

    if (base != NULL)
      text = g_strdup_printf ("#%u  %s  %s:%u", i, f->function ? f->function : "??", base,
                              f->line);
    else
      text = g_strdup_printf ("#%u  %s  0x%" G_GINT64_MODIFIER "x", i,
                              f->function ? f->function : "??", f->pc);
    label = gtk_label_new (text);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (label, "monospace");
    gtk_widget_set_margin_start (label, 6);
    gtk_list_box_append (self->frames, label);
    g_ptr_array_add (self->functions, g_strdup (f->function ? f->function : "??"));
    if (i == r->frame)
      gtk_list_box_select_row (self->frames,
                               GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)));
  }
  self->filling = FALSE;
  add_vars (self, r->locals, MDL_VAR_ARGUMENT, _("Arguments"));
  add_vars (self, r->locals, MDL_VAR_LOCAL, _("Locals"));
  add_vars (self, r->globals, MDL_VAR_GLOBAL, _("Globals"));
  set_status (self, NULL);
}

static void
refresh (MdlFramesView *self, const MdlSnapshot *snap)
{
  const char *why = NULL;
  MdlDebugInfo *di;
  Reading r = { 0 };

  if (self->runner == NULL || _mdl_cpu_views_cpu (snap, self->cpu) == NULL)
    return;
  if (snap->state == MDL_RUNNER_RUNNING) {
    clear_list (self->frames);
    clear_list (self->vars);
    g_ptr_array_set_size (self->functions, 0);
    g_array_set_size (self->shown, 0);
    set_status (self, _("Pause the machine to see the call stack and the variables."));
    return;
  }
  di = mdl_runner_debuginfo (self->runner, self->cpu, &why);
  if (di == NULL) {
    g_autofree char *text = g_strdup_printf (_("No source-level debugging: %s"),
                                             why ? why : "?");
    clear_list (self->frames);
    clear_list (self->vars);
    set_status (self, text);
    return;
  }
  r.di = di;
  r.cpu = self->cpu;
  r.frame = self->frame;
  mdl_runner_call (self->runner, read_on_engine, &r);
  show_reading (self, &r);
  self->frame = r.frame;
  g_clear_pointer (&r.frames, g_array_unref);
  g_clear_pointer (&r.locals, g_array_unref);
  g_clear_pointer (&r.globals, g_array_unref);
}

void
mdl_frames_view_update (MdlFramesView *self, const MdlSnapshot *snap)
{
  g_return_if_fail (MDL_IS_FRAMES_VIEW (self));

  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);

  if (snap->seq == self->shown_seq)
    return;
  /* A new stop starts at the innermost frame again; another snapshot of
   * the same stop keeps the frame chosen. */
  if (c == NULL || c->retired != self->retired) {
    self->frame = 0;
    self->retired = c ? c->retired : 0;
  }
  self->shown_seq = snap->seq;
  refresh (self, snap);
}

static void
on_updated (MdlFramesView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_FRAMES_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mdl_frames_view_update (self, snap);
}

static void
on_frame_selected (MdlFramesView *self, GtkListBoxRow *row, GtkListBox *list)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_assert (MDL_IS_FRAMES_VIEW (self));

  if (self->filling || row == NULL || self->session == NULL)
    return;
  if ((guint) gtk_list_box_row_get_index (row) == self->frame)
    return;
  self->frame = (guint) gtk_list_box_row_get_index (row);
  snap = mdl_session_ref_snapshot (self->session);
  refresh (self, snap);
}

void
mdl_frames_view_set_session (MdlFramesView *self, MdlSession *session, guint cpu)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_FRAMES_VIEW (self));

  if (runner == self->runner && cpu == self->cpu)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = runner;
  self->cpu = cpu;
  self->frame = 0;
  self->shown_seq = G_MAXUINT64;
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  clear_list (self->frames);
  clear_list (self->vars);
  g_ptr_array_set_size (self->functions, 0);
  g_array_set_size (self->shown, 0);
}

guint
mdl_frames_view_get_n_frames (MdlFramesView *self)
{
  g_return_val_if_fail (MDL_IS_FRAMES_VIEW (self), 0);
  return self->functions->len;
}

void
mdl_frames_view_select_frame (MdlFramesView *self, guint i)
{
  GtkListBoxRow *row;

  g_return_if_fail (MDL_IS_FRAMES_VIEW (self));
  row = gtk_list_box_get_row_at_index (self->frames, (int) i);
  if (row != NULL)
    gtk_list_box_select_row (self->frames, row);
}

const char *
mdl_frames_view_get_function (MdlFramesView *self, guint i)
{
  g_return_val_if_fail (MDL_IS_FRAMES_VIEW (self), NULL);
  return i < self->functions->len ? g_ptr_array_index (self->functions, i) : NULL;
}

const char *
mdl_frames_view_get_value (MdlFramesView *self, const char *name)
{
  g_return_val_if_fail (MDL_IS_FRAMES_VIEW (self), NULL);
  for (guint i = 0; i < self->shown->len; i++)
    if (strcmp (g_array_index (self->shown, Shown, i).name, name) == 0)
      return g_array_index (self->shown, Shown, i).value;
  return NULL;
}

static void
mdl_frames_view_dispose (GObject *object)
{
  MdlFramesView *self = MDL_FRAMES_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (mdl_frames_view_parent_class)->dispose (object);
}

static void
mdl_frames_view_finalize (GObject *object)
{
  MdlFramesView *self = MDL_FRAMES_VIEW (object);

  g_ptr_array_unref (self->functions);
  g_array_unref (self->shown);
  G_OBJECT_CLASS (mdl_frames_view_parent_class)->finalize (object);
}

static void
mdl_frames_view_class_init (MdlFramesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdl_frames_view_dispose;
  object_class->finalize = mdl_frames_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mdlframesview");
}

static GtkWidget *
section (const char *title, GtkWidget *list, gboolean expand)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_box_append (GTK_BOX (box), label);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), !expand);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_widget_set_vexpand (scroller, expand);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_vexpand (box, expand);
  return box;
}

static void
mdl_frames_view_init (MdlFramesView *self)
{
  self->functions = g_ptr_array_new_with_free_func (g_free);
  self->shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_array_set_clear_func (self->shown, shown_clear);
  self->shown_seq = G_MAXUINT64;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->status), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->status), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->status), 6);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->status));
  set_status (self, _("Pause the machine to see the call stack and the variables."));

  self->frames = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->frames, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->frames), "navigation-sidebar");
  g_signal_connect_object (self->frames, "row-selected", G_CALLBACK (on_frame_selected), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), section (_("Call Stack"), GTK_WIDGET (self->frames),
                                                FALSE));
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->vars = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->vars, GTK_SELECTION_NONE);
  gtk_box_append (GTK_BOX (self->box), section (_("Variables"), GTK_WIDGET (self->vars), TRUE));
}

GtkWidget *
mdl_frames_view_new (void)
{
  return g_object_new (MDL_TYPE_FRAMES_VIEW, NULL);
}
