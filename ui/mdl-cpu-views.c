#define G_LOG_DOMAIN "medley-cpu-views"

/* The docked panel of CPU views.  It owns no machine state: it keeps the
 * session the window gives it and the CPU shown, and hands both to its
 * pages.  The pages that are shown follow the session's "updated" signal
 * (at most one a frame) themselves; a page that comes into view, or a new
 * CPU, gets the session's latest snapshot from the panel within a frame. */

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mdl-anatomy-view.h"
#include "mdl-cache-view.h"
#include "mdl-timeline-view.h"
#include "mdl-watchpoints-view.h"
#include "mdl-cpu-views-private.h"
#include "mdl-cpu-views.h"
#include "mdl-disassembly-view.h"
#include "mdl-frames-view.h"
#include "mdl-memory-view.h"
#include "mdl-registers-view.h"

#include "engine/elf-loader.h"

/* At most 60 refreshes a second: a frame at the usual screen rate. */
#define REFRESH_MS 16

struct _MdlCpuViews {
  GtkBox        parent_instance;

  MdlSession   *session;
  MdlRunner    *runner;        /* the session's */
  char         *cluster;       /* whose CPUs the chooser offers, or NULL */
  guint         cpu;
  GArray       *cluster_cpus;  /* guint: machine indices of the chooser's CPUs */
  guint         refresh_source; /* a page came into view, or the CPU changed */

  GtkStack      *stack;        /* "empty" or "views" */
  AdwViewStack  *views;
  GtkWidget     *switcher_bar; /* one toggle button a page, icons only */
  GtkToggleButton *first_switch; /* the group the others join */
  GtkDropDown   *cpu_chooser;
  GtkStringList *cpu_names;
  GtkLabel      *cpu_label;
  GtkWidget     *registers;
  GtkWidget     *memory;
  GtkWidget     *disassembly;
  GtkWidget     *anatomy;
  GtkWidget     *cache;
  GtkWidget     *frames;
  GtkWidget     *timeline;
  GtkWidget     *watchpoints;
};

G_DEFINE_FINAL_TYPE (MdlCpuViews, mdl_cpu_views, GTK_TYPE_BOX)

/* ---- shared helpers (mdl-cpu-views-private.h) ---- */

const MdlCpuSnapshot *
_mdl_cpu_views_cpu (const MdlSnapshot *snap, guint cpu)
{
  if (snap == NULL || cpu >= snap->n_cpus)
    return NULL;
  return &snap->cpus[cpu];
}

char *
_mdl_cpu_views_hex (guint64 value, guint bits)
{
  int digits = bits > 32 ? 16 : bits > 16 ? 8 : bits > 8 ? 4 : 2;

  return g_strdup_printf ("0x%0*" G_GINT64_MODIFIER "x", digits, value);
}

PangoFontDescription *
_mdl_cpu_views_mono_font (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

  pango_font_description_set_family (font, "monospace");
  return font;
}

static gboolean
find_register (const MdlCpuClass *cls, const char *name, guint *index)
{
  for (guint i = 0; cls != NULL && i < cls->n_regs; i++) {
    const MdlRegInfo *r = &cls->regs[i];

    if (g_ascii_strcasecmp (r->name, name) == 0 ||
        (r->alias != NULL && g_ascii_strcasecmp (r->alias, name) == 0)) {
      *index = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* One term: a number, a register or a symbol. */
static gboolean
eval_term (MdlRunner *runner, const MdlSnapshot *snap, guint cpu, const char *term,
           guint64 *value, GError **error)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, cpu);
  const MdlElfImage *image;
  char *end = NULL;
  guint reg;

  if (*term == '\0') {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Missing a value"));
    return FALSE;
  }
  if (g_ascii_isdigit (*term)) {
    *value = g_ascii_strtoull (term, &end, 0);
    if (end != NULL && *end == '\0')
      return TRUE;
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not a number"), term);
    return FALSE;
  }
  if (c != NULL && find_register (c->cls, term, &reg)) {
    *value = c->regs[reg];
    return TRUE;
  }
  image = runner != NULL ? mdl_runner_symbols (runner, cpu) : NULL;
  if (image != NULL) {
    const MdlSymbol *sym = mdl_elf_image_find_symbol (image, term);

    if (sym != NULL) {
      *value = sym->value;
      return TRUE;
    }
  }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No register or symbol called “%s”"), term);
  return FALSE;
}

gboolean
_mdl_cpu_views_eval (MdlRunner *runner, const MdlSnapshot *snap, guint cpu, const char *text,
                     guint64 *value, GError **error)
{
  g_autofree char *copy = g_strdup (text);
  guint64 sum = 0;
  char *p = g_strstrip (copy);
  gboolean negate = FALSE;

  if (*p == '\0') {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Type an address"));
    return FALSE;
  }
  /* Terms joined by + and -, left to right: enough for "sp+16". */
  for (;;) {
    char *op = p + strcspn (p, "+-");
    char saved = *op;
    guint64 term;

    *op = '\0';
    if (!eval_term (runner, snap, cpu, g_strstrip (p), &term, error))
      return FALSE;
    sum = negate ? sum - term : sum + term;
    if (saved == '\0')
      break;
    negate = saved == '-';
    p = op + 1;
  }
  *value = sum;
  return TRUE;
}

gboolean
_mdl_cpu_views_mentions_register (const MdlCpuClass *cls, const char *text)
{
  g_auto(GStrv) terms = g_regex_split_simple ("[+\\-\\s]+", text, 0, 0);
  guint reg;

  for (guint i = 0; terms[i] != NULL; i++)
    if (*terms[i] && find_register (cls, terms[i], &reg))
      return TRUE;
  return FALSE;
}

/* ---- the panel ---- */

static gboolean
refresh_timeout (gpointer data)
{
  MdlCpuViews *self = data;
  g_autoptr(MdlSnapshot) snap = NULL;

  self->refresh_source = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;
  snap = mdl_session_ref_snapshot (self->session);
  if (gtk_widget_get_mapped (self->registers))
    mdl_registers_view_update (MDL_REGISTERS_VIEW (self->registers), snap);
  if (gtk_widget_get_mapped (self->memory))
    mdl_memory_view_update (MDL_MEMORY_VIEW (self->memory), snap);
  if (gtk_widget_get_mapped (self->disassembly))
    mdl_disassembly_view_update (MDL_DISASSEMBLY_VIEW (self->disassembly), snap);
  if (gtk_widget_get_mapped (self->anatomy))
    mdl_anatomy_view_update (MDL_ANATOMY_VIEW (self->anatomy), snap);
  if (gtk_widget_get_mapped (self->cache))
    mdl_cache_view_update (MDL_CACHE_VIEW (self->cache), snap);
  if (gtk_widget_get_mapped (self->frames))
    mdl_frames_view_update (MDL_FRAMES_VIEW (self->frames), snap);
  return G_SOURCE_REMOVE;
}

/* Shows the session's latest snapshot within a frame, even if it was
 * shown before: a page came into view, or the CPU changed. */
static void
queue_refresh (MdlCpuViews *self)
{
  /* Below input and redraw, like the session's own signal: a guest that
   * runs flat out never makes the window sluggish. */
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_MS,
                                               refresh_timeout, self, NULL);
}

static void
on_page_mapped (MdlCpuViews *self, GtkWidget *page)
{
  g_assert (MDL_IS_CPU_VIEWS (self));

  queue_refresh (self);
}

/* Every view learns the runner and CPU at once, so that memory and
 * disassembly windows are asked for the right CPU. */
static void
apply_cpu (MdlCpuViews *self)
{
  g_autoptr(MdlSnapshot) snap = self->session ? mdl_session_ref_snapshot (self->session) : NULL;
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);

  mdl_registers_view_set_session (MDL_REGISTERS_VIEW (self->registers), self->session,
                                  self->cpu);
  mdl_memory_view_set_session (MDL_MEMORY_VIEW (self->memory), self->session, self->cpu);
  mdl_disassembly_view_set_session (MDL_DISASSEMBLY_VIEW (self->disassembly), self->session,
                                    self->cpu);
  mdl_anatomy_view_set_session (MDL_ANATOMY_VIEW (self->anatomy), self->session, self->cpu);
  mdl_cache_view_set_session (MDL_CACHE_VIEW (self->cache), self->session, self->cpu);
  mdl_frames_view_set_session (MDL_FRAMES_VIEW (self->frames), self->session, self->cpu);
  /* The timeline shows every CPU; the watchpoints are this CPU's. */
  mdl_timeline_view_set_session (MDL_TIMELINE_VIEW (self->timeline), self->session);
  mdl_watchpoints_view_set_session (MDL_WATCHPOINTS_VIEW (self->watchpoints), self->session);
  mdl_watchpoints_view_set_cpu (MDL_WATCHPOINTS_VIEW (self->watchpoints), self->cpu);

  if (c != NULL) {
    g_autofree char *text = g_strdup_printf ("%s · %s", c->name, c->cls->name);
    gtk_label_set_label (self->cpu_label, text);
  } else {
    gtk_label_set_label (self->cpu_label, "");
  }
  queue_refresh (self);
}

static gboolean
cpu_in_cluster (const char *cpu, const char *cluster)
{
  gsize len = strlen (cluster);

  return strncmp (cpu, cluster, len) == 0 && (cpu[len] == '\0' || cpu[len] == '.');
}

/* The chooser lists the CPUs of the selected cluster (all of the
 * machine's when none is known) and shows only when there is a choice. */
static void
rebuild_chooser (MdlCpuViews *self)
{
  g_autoptr(MdlSnapshot) snap = self->session ? mdl_session_ref_snapshot (self->session) : NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->cpu_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_array_set_size (self->cluster_cpus, 0);
  for (guint k = 0; snap != NULL && k < snap->n_cpus; k++) {
    if (self->cluster != NULL && !cpu_in_cluster (snap->cpus[k].name, self->cluster))
      continue;
    if (k == self->cpu)
      selected = self->cluster_cpus->len;
    g_array_append_val (self->cluster_cpus, k);
    g_ptr_array_add (names, snap->cpus[k].name);
  }
  /* A cluster the machine doesn't know (not built yet): every CPU. */
  if (snap != NULL && self->cluster_cpus->len == 0 && self->cluster != NULL) {
    g_clear_pointer (&self->cluster, g_free);
    rebuild_chooser (self);
    return;
  }
  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_matched (self->cpu_chooser, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->cpu_names, 0, n_old, (const char *const *) names->pdata);
  if (self->cluster_cpus->len > 0) {
    /* The cluster's first CPU unless the one shown belongs to it. */
    self->cpu = g_array_index (self->cluster_cpus, guint, selected);
    gtk_drop_down_set_selected (self->cpu_chooser, selected);
  }
  g_signal_handlers_unblock_matched (self->cpu_chooser, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  gtk_widget_set_visible (GTK_WIDGET (self->cpu_chooser), self->cluster_cpus->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->cpu_label), self->cluster_cpus->len <= 1);
}

static void
on_cpu_chosen (MdlCpuViews *self, GParamSpec *pspec, GtkDropDown *chooser)
{
  guint i = gtk_drop_down_get_selected (chooser);

  g_assert (MDL_IS_CPU_VIEWS (self));

  if (i < self->cluster_cpus->len && g_array_index (self->cluster_cpus, guint, i) != self->cpu) {
    self->cpu = g_array_index (self->cluster_cpus, guint, i);
    apply_cpu (self);
  }
}

void
mdl_cpu_views_set_session (MdlCpuViews *self, MdlSession *session)
{
  g_return_if_fail (MDL_IS_CPU_VIEWS (self));
  g_return_if_fail (session == NULL || MDL_IS_SESSION (session));

  if (self->session == session)
    return;
  g_set_object (&self->session, session);
  self->runner = session != NULL ? mdl_session_get_runner (session) : NULL;
  if (session == NULL)
    self->cpu = 0;
  rebuild_chooser (self);
  apply_cpu (self);
  gtk_stack_set_visible_child_name (self->stack, session != NULL ? "views" : "empty");
}

void
mdl_cpu_views_set_cluster (MdlCpuViews *self, const char *name)
{
  g_return_if_fail (MDL_IS_CPU_VIEWS (self));

  if (name == NULL || g_strcmp0 (name, self->cluster) == 0)
    return;
  {
    guint old = self->cpu;

    g_free (self->cluster);
    self->cluster = g_strdup (name);
    /* The cluster's first CPU, as the canvas shows clusters, not harts. */
    self->cpu = G_MAXUINT;
    rebuild_chooser (self);
    if (self->cpu == G_MAXUINT)
      self->cpu = 0;
    if (old != self->cpu)
      apply_cpu (self);
  }
}

guint
mdl_cpu_views_get_cpu (MdlCpuViews *self)
{
  g_return_val_if_fail (MDL_IS_CPU_VIEWS (self), 0);
  return self->cpu;
}

void
mdl_cpu_views_set_cpu (MdlCpuViews *self, guint cpu)
{
  g_return_if_fail (MDL_IS_CPU_VIEWS (self));

  if (cpu == self->cpu)
    return;
  self->cpu = cpu;
  g_clear_pointer (&self->cluster, g_free);
  rebuild_chooser (self);
  apply_cpu (self);
}

gboolean
mdl_cpu_views_get_cursor (MdlCpuViews *self, guint64 *addr)
{
  g_return_val_if_fail (MDL_IS_CPU_VIEWS (self), FALSE);
  return mdl_disassembly_view_get_cursor (MDL_DISASSEMBLY_VIEW (self->disassembly), addr);
}

GtkWidget *
mdl_cpu_views_get_page (MdlCpuViews *self, const char *name)
{
  g_return_val_if_fail (MDL_IS_CPU_VIEWS (self), NULL);
  return adw_view_stack_get_child_by_name (self->views, name);
}

void
mdl_cpu_views_show_page (MdlCpuViews *self, const char *name)
{
  g_return_if_fail (MDL_IS_CPU_VIEWS (self));
  adw_view_stack_set_visible_child_name (self->views, name);
}

static void
on_switch_toggled (MdlCpuViews *self, GtkToggleButton *button)
{
  g_assert (MDL_IS_CPU_VIEWS (self));

  if (gtk_toggle_button_get_active (button))
    adw_view_stack_set_visible_child_name (self->views,
                                           g_object_get_data (G_OBJECT (button), "page"));
}

/* The stack changed page (a button, or mdl_cpu_views_show_page): its
 * button shows it. */
static void
on_visible_page (MdlCpuViews *self, GParamSpec *pspec, AdwViewStack *views)
{
  const char *name = adw_view_stack_get_visible_child_name (views);

  g_assert (MDL_IS_CPU_VIEWS (self));

  for (GtkWidget *b = gtk_widget_get_first_child (self->switcher_bar); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (b), "page"), name) == 0)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), TRUE);
}

/* A page and its switch: the icon, with the title as tooltip and
 * accessible label.  Eight titles side by side did not fit the panel at
 * the window's default size (they were cut to "Regi…"), in German even
 * less; icons do, in every language. */
static void
add_page (MdlCpuViews *self, GtkWidget *child, const char *name, const char *title,
          const char *icon)
{
  GtkWidget *button = gtk_toggle_button_new ();

  adw_view_stack_add_titled_with_icon (self->views, child, name, title, icon);
  g_signal_connect_object (child, "map", G_CALLBACK (on_page_mapped), self, G_CONNECT_SWAPPED);

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "cpu-view-switch");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "page", g_strdup (name), g_free);
  if (self->first_switch != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->first_switch);
  else
    self->first_switch = GTK_TOGGLE_BUTTON (button);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                g_strcmp0 (adw_view_stack_get_visible_child_name (self->views),
                                           name) == 0);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_switch_toggled), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->switcher_bar), button);
}

static void
mdl_cpu_views_dispose (GObject *object)
{
  MdlCpuViews *self = MDL_CPU_VIEWS (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->runner = NULL;
  g_clear_object (&self->session);
  G_OBJECT_CLASS (mdl_cpu_views_parent_class)->dispose (object);
}

static void
mdl_cpu_views_finalize (GObject *object)
{
  MdlCpuViews *self = MDL_CPU_VIEWS (object);

  g_free (self->cluster);
  g_array_unref (self->cluster_cpus);
  G_OBJECT_CLASS (mdl_cpu_views_parent_class)->finalize (object);
}

static void
mdl_cpu_views_class_init (MdlCpuViewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdl_cpu_views_dispose;
  object_class->finalize = mdl_cpu_views_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mdlcpuviews");
}

static void
mdl_cpu_views_init (MdlCpuViews *self)
{
  GtkWidget *header, *switcher, *empty, *box;

  self->cluster_cpus = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  empty = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Run the board to see its CPUs"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Registers, memory, disassembly and the anatomy of "
                                     "each instruction appear here while a machine exists. "
                                     "Step (F10, Alt+F11) starts it paused."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_named (self->stack, box, "views");

  /* The CPU shown and the switcher share one toolbar row. */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "toolbar");
  gtk_widget_add_css_class (header, "cpu-views-header");
  gtk_box_append (GTK_BOX (box), header);

  self->views = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->views), TRUE);

  switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (switcher, "cpu-view-switcher");
  gtk_widget_set_hexpand (switcher, TRUE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_START);
  self->switcher_bar = switcher;
  g_signal_connect_object (self->views, "notify::visible-child",
                           G_CALLBACK (on_visible_page), self, G_CONNECT_SWAPPED);

  self->cpu_names = gtk_string_list_new (NULL);
  self->cpu_chooser = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->cpu_names), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cpu_chooser), _("CPU of the Cluster"));
  gtk_widget_set_valign (GTK_WIDGET (self->cpu_chooser), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->cpu_chooser), FALSE);
  g_signal_connect_object (self->cpu_chooser, "notify::selected", G_CALLBACK (on_cpu_chosen),
                           self, G_CONNECT_SWAPPED);

  self->cpu_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->cpu_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->cpu_label, 18);
  gtk_widget_add_css_class (GTK_WIDGET (self->cpu_label), "heading");

  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->cpu_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->cpu_chooser));
  gtk_box_append (GTK_BOX (header), switcher);

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->views));

  self->registers = mdl_registers_view_new ();
  self->memory = mdl_memory_view_new ();
  self->disassembly = mdl_disassembly_view_new ();
  self->anatomy = mdl_anatomy_view_new ();
  add_page (self, self->registers, "registers", _("Registers"), "view-list-symbolic");
  add_page (self, self->memory, "memory", _("Memory"), "view-grid-symbolic");
  add_page (self, self->disassembly, "disassembly", _("Code"), "format-justify-left-symbolic");
  add_page (self, self->anatomy, "anatomy", _("Anatomy"), "view-dual-symbolic");
  self->cache = mdl_cache_view_new ();
  add_page (self, self->cache, "cache", _("Cache"), "view-app-grid-symbolic");
  self->frames = mdl_frames_view_new ();
  add_page (self, self->frames, "frames", _("Stack"), "view-list-bullet-symbolic");
  self->timeline = mdl_timeline_view_new ();
  self->watchpoints = mdl_watchpoints_view_new ();
  add_page (self, self->timeline, "timeline", _("Timeline"), "preferences-system-time-symbolic");
  add_page (self, self->watchpoints, "watchpoints", _("Watch"), "find-location-symbolic");

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
mdl_cpu_views_new (void)
{
  return g_object_new (MDL_TYPE_CPU_VIEWS, NULL);
}
