#define G_LOG_DOMAIN "medley-window"

/* Running the board from the window: one MdlSession (and its runner)
 * built from the editor's document, a console tab per UART, a tab per
 * display, and the status pill.
 *
 * The session says at most once a frame that the engine has news; the
 * window then moves serial output to the consoles and updates the status,
 * and the views, listening to the same signal, show the same snapshot. */

#include <glib/gi18n.h>
#include <string.h>

#include "mdl-window-private.h"
#include "mdl-canvas.h"
#include "mdl-program-window.h"

#include "engine/device.h"
#include "engine/memory.h"

/* Guest output is moved to the terminals at most this much per drain, and
 * what is left waits for the next drain REDRAIN_MS later: a terminal can't
 * show megabytes a second anyway, and parsing them would freeze the window.
 * The runner keeps a bounded backlog per UART and drops the oldest bytes;
 * the console says how many it skipped. */
#define DRAIN_BUDGET (16 * 1024)
#define REDRAIN_MS   16

/* The console of UART @uart, unless the person closed its tab (it comes
 * back with the next machine). */
static MdlConsole *
find_console (MdlWindow *self, guint uart)
{
  for (guint i = 0; i < mdl_window_get_n_consoles (self); i++) {
    MdlConsole *console = mdl_window_get_console (self, i);

    if (mdl_console_get_uart (console) == uart)
      return console;
  }
  return NULL;
}

static void drain_serial (MdlWindow *self);

static gboolean
redrain_cb (gpointer data)
{
  MdlWindow *self = data;

  self->redrain_id = 0;
  drain_serial (self);
  return G_SOURCE_REMOVE;
}

static void
drain_serial (MdlWindow *self)
{
  guint8 buf[4096];
  gsize budget = DRAIN_BUDGET;
  gboolean more = FALSE;

  if (self->runner == NULL)
    return;
  for (guint i = 0; i < mdl_runner_n_uarts (self->runner); i++) {
    MdlConsole *console = find_console (self, i);

    while (budget > 0) {
      gsize n = mdl_runner_read_serial (self->runner, i, buf, MIN (sizeof buf, budget));

      if (n == 0)
        break;
      budget -= n;
      if (console != NULL)
        mdl_console_feed (console, buf, n);
    }
    if (budget == 0)
      more = TRUE;
  }
  for (guint i = 0; i < mdl_runner_n_uarts (self->runner); i++) {
    MdlConsole *console = find_console (self, i);

    if (console != NULL)
      mdl_console_set_dropped (console, mdl_runner_serial_dropped (self->runner, i));
  }
  if (more && self->redrain_id == 0)
    self->redrain_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REDRAIN_MS, redrain_cb,
                                           self, NULL);
}

static void
on_session_updated (MdlWindow *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_WINDOW (self));

  /* A backlog is being drained at its own pace already. */
  if (self->redrain_id == 0)
    drain_serial (self);
  if (snap->state != self->state || snap->state != MDL_RUNNER_RUNNING) {
    self->state = snap->state;
    _mdl_window_update_status (self);
    _mdl_window_update_actions (self);
    /* The program windows mark the line where their CPU stands. */
    mdl_program_window_show_stop_all (self, snap);
  } else {
    _mdl_window_update_status (self);   /* the measured speed */
  }
}

/* After a command: consoles, status and views catch up now. */
static void
update_now (MdlWindow *self)
{
  if (self->session != NULL)
    mdl_session_update_now (self->session);
}

static void
on_console_input (MdlWindow *self, GBytes *bytes, MdlConsole *console)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint uart = mdl_console_get_uart (console);

  g_assert (MDL_IS_WINDOW (self));

  if (self->runner != NULL && uart < mdl_runner_n_uarts (self->runner))
    mdl_runner_serial_input (self->runner, uart, data, len);
}

static void
on_n_pages (MdlWindow *self, GParamSpec *pspec, AdwTabView *view)
{
  g_assert (MDL_IS_WINDOW (self));

  if (adw_tab_view_get_n_pages (view) == 0)
    gtk_stack_set_visible_child_name (self->console_stack, "empty");
}

void
_mdl_window_remove_consoles (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->console_view == NULL)
    return;
  while (adw_tab_view_get_n_pages (self->console_view) > 0)
    adw_tab_view_close_page (self->console_view,
                             adw_tab_view_get_nth_page (self->console_view, 0));
  adw_status_page_set_description (self->console_empty,
                                   _("Press Run (F5) to start the board. "
                                     "Each UART gets a console here."));
  gtk_stack_set_visible_child_name (self->console_stack, "empty");
}

static void
clear_consoles (MdlWindow *self)
{
  for (guint i = 0; i < mdl_window_get_n_consoles (self); i++)
    mdl_console_clear (mdl_window_get_console (self, i));
}

static void
add_consoles (MdlWindow *self)
{
  guint n = mdl_runner_n_uarts (self->runner);

  _mdl_window_remove_consoles (self);
  if (n == 0) {
    adw_status_page_set_description (self->console_empty, _("This board has no UART."));
    return;
  }
  for (guint i = 0; i < n; i++) {
    const char *name = mdl_runner_uart_name (self->runner, i);
    MdlConsole *console = mdl_console_new (name, i);
    AdwTabPage *page;

    g_signal_connect_object (console, "input", G_CALLBACK (on_console_input),
                             self, G_CONNECT_SWAPPED);
    page = adw_tab_view_append (self->console_view, GTK_WIDGET (console));
    adw_tab_page_set_title (page, name);
    adw_tab_page_set_tooltip (page, name);
    adw_tab_page_set_icon (page, g_themed_icon_new ("utilities-terminal-symbolic"));
  }
  gtk_stack_set_visible_child_name (self->console_stack, "consoles");
}

#define DISPLAY_AREA 340   /* console area height for a 320 x 240 display */

/* A tab per display, after the consoles, named after its component.
 * The first one is brought to the front: a board with a display is
 * watched more than it is read. */
static void
add_displays (MdlWindow *self)
{
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);
  AdwTabPage *first = NULL;
  guint nth = 0;

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    GtkWidget *view;
    AdwTabPage *page;

    if (c->kind != MDL_COMPONENT_DEVICE || c->dev_cls == NULL ||
        c->dev_cls->view != MDL_VIEW_DISPLAY)
      continue;
    view = mdl_display_view_new (nth++);
    page = adw_tab_view_append (self->console_view, view);
    adw_tab_page_set_title (page, c->name);
    adw_tab_page_set_tooltip (page, c->name);
    adw_tab_page_set_icon (page, g_themed_icon_new ("video-display-symbolic"));
    mdl_display_view_set_session (MDL_DISPLAY_VIEW (view), self->session);
    if (first == NULL)
      first = page;
  }
  if (first != NULL) {
    int total = gtk_widget_get_height (GTK_WIDGET (self->console_paned));

    adw_tab_view_set_selected_page (self->console_view, first);
    gtk_stack_set_visible_child_name (self->console_stack, "consoles");
    /* Room for a 320 x 240 picture at 1:1 below the tabs, if the window
     * has it; the person's own split is kept when it is roomier. */
    if (total > 0 && total - gtk_paned_get_position (self->console_paned) < DISPLAY_AREA) {
      /* For this board only: not a size to remember for the next. */
      self->panes_programmatic = TRUE;
      gtk_paned_set_position (self->console_paned, MAX (total - DISPLAY_AREA, total / 2));
      self->panes_programmatic = FALSE;
    }
  }
}

/* ---- the history ---- */

/* A state every HISTORY_MS of virtual time per HISTORY_RAM bytes of RAM
 * (at least every HISTORY_MS): each state is a pass over RAM, so a board
 * with much of it (a Linux board's) keeps one less often and runs about
 * as fast as a small one; going back then re-executes more. */
#define HISTORY_MS  10
#define HISTORY_RAM (16u << 20)

static void
count_ram (MdlRunner *runner, MdlMachine *m, void *data)
{
  guint64 *bytes = data;

  for (unsigned i = 0; i < mdl_machine_n_devices (m); i++) {
    MdlDevice *dev = mdl_machine_device (m, i);

    for (unsigned r = 0; dev->regions != NULL && r < dev->cls->n_regions; r++) {
      MdlRegionKind kind = dev->regions[r] ? mdl_region_kind (dev->regions[r]) : MDL_REGION_MMIO;

      if (kind == MDL_REGION_RAM || kind == MDL_REGION_ROM)
        *bytes += mdl_region_size (dev->regions[r]);
    }
  }
}

/* The window keeps a history from the machine's start, so that Step Back
 * works on whatever ran, and the save points of the last machine go with
 * it. */
static void
start_history (MdlWindow *self)
{
  guint64 ram = 0, every;

  mdl_runner_call (self->runner, count_ram, &ram);
  every = MAX (1, ram / HISTORY_RAM) * HISTORY_MS;
  mdl_runner_set_history (self->runner, true, every * 1000000000ull, 0);
}

static void
clear_points (MdlWindow *self)
{
  g_ptr_array_set_size (self->points, 0);
  self->n_points_made = 0;
  if (self->points_section != NULL)
    g_menu_remove_all (self->points_section);
}

/* Builds the machine from the document unless one exists. */
static gboolean
ensure_runner (MdlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlSnapshot) snap = NULL;
  MdlBoard *board;

  if (self->runner != NULL)
    return TRUE;
  board = mdl_editor_instantiate (self->editor, &error);
  if (board == NULL) {
    _mdl_window_show_error (self, _("Could Not Start the Board"), error->message);
    return FALSE;
  }
  self->session = mdl_session_new (board);
  self->runner = mdl_session_get_runner (self->session);
  /* LEDs and digits are meant to be watched: real time, unless chosen. */
  mdl_speed_control_suggest (self->speed_control, mdl_runner_default_speed (self->runner));
  _mdl_window_apply_speed (self);
  self->runner_revision = mdl_editor_get_revision (self->editor);
  /* The machine that note was about is gone; this one is what runs now. */
  _mdl_window_dismiss_stale_toast (self);
  g_signal_connect_object (self->session, "updated", G_CALLBACK (on_session_updated), self,
                           G_CONNECT_SWAPPED);
  snap = mdl_session_ref_snapshot (self->session);
  self->state = snap->state;
  start_history (self);
  clear_points (self);
  /* Breakpoints set in the program windows before there was a machine. */
  mdl_program_window_attach_all (self);
  add_consoles (self);
  add_displays (self);
  if (self->canvas != NULL)
    mdl_canvas_set_session (MDL_CANVAS (self->canvas), self->session);
  if (self->cpu_views != NULL) {
    mdl_cpu_views_set_session (MDL_CPU_VIEWS (self->cpu_views), self->session);
    _mdl_window_update_views_cpu (self);
  }
  return TRUE;
}

void
_mdl_window_init_run (MdlWindow *self)
{
  g_signal_connect_object (self->console_view, "notify::n-pages",
                           G_CALLBACK (on_n_pages), self, G_CONNECT_SWAPPED);
}

void
_mdl_window_discard_runner (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->session == NULL)
    return;
  /* The views give their memory and disassembly windows back while the
   * runner still exists, and let go of the session. */
  if (self->cpu_views != NULL)
    mdl_cpu_views_set_session (MDL_CPU_VIEWS (self->cpu_views), NULL);
  for (guint i = 0; i < mdl_window_get_n_displays (self); i++)
    mdl_display_view_set_session (mdl_window_get_display (self, i), NULL);
  if (self->canvas != NULL)
    mdl_canvas_set_session (MDL_CANVAS (self->canvas), NULL);
  /* GDB servers talk to the runner: they close first. */
  g_clear_pointer (&self->gdb_servers, g_ptr_array_unref);
  g_clear_handle_id (&self->redrain_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->session, self);
  /* The views let go above, so this is the last reference: the runner
   * goes, joining the engine thread. */
  self->runner = NULL;
  g_clear_object (&self->session);
  self->state = MDL_RUNNER_PAUSED;
  clear_points (self);
  mdl_program_window_show_stop_all (self, NULL);
  if (self->console_stack != NULL) {
    _mdl_window_update_status (self);
    _mdl_window_update_actions (self);
  }
}

void
_mdl_window_run (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (!ensure_runner (self))
    return;
  /* Run after the guest finished means run it again from the start. */
  if (self->state == MDL_RUNNER_HALTED || self->state == MDL_RUNNER_STOPPED) {
    mdl_runner_reset (self->runner);
    clear_consoles (self);
  }
  mdl_runner_run (self->runner);
  update_now (self);
}

void
_mdl_window_pause (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->runner != NULL)
    mdl_runner_pause (self->runner);
}

/* The cluster selected on the canvas, if one is. */
static const MdlComponent *
selected_cluster (MdlWindow *self)
{
  const GArray *selection = mdl_editor_get_selection (self->editor);
  const MdlBoardDoc *doc = mdl_editor_get_doc (self->editor);

  for (guint i = 0; selection != NULL && i < selection->len; i++) {
    guint id = g_array_index (selection, guint, i);
    const MdlComponent *c = (id & MDL_EDITOR_WIRE_SELECTION) ? NULL : mdl_board_doc_find (doc, id);

    if (c != NULL && c->kind == MDL_COMPONENT_CLUSTER)
      return c;
  }
  return NULL;
}

void
_mdl_window_update_views_cpu (MdlWindow *self)
{
  const MdlComponent *cluster;

  g_assert (MDL_IS_WINDOW (self));

  cluster = selected_cluster (self);
  if (self->cpu_views != NULL && cluster != NULL)
    mdl_cpu_views_set_cluster (MDL_CPU_VIEWS (self->cpu_views), cluster->name);
}

/* The CPU Step advances: the one the views show (the first CPU of the
 * cluster selected on the canvas, or the hart chosen there), else the
 * selected cluster's first CPU, else the machine's first.  CPUs of a
 * cluster are named after it ("app", "app.1"). */
static guint
step_cpu (MdlWindow *self, const MdlSnapshot *snap)
{
  const MdlComponent *c;

  if (self->cpu_views != NULL) {
    guint cpu = mdl_cpu_views_get_cpu (MDL_CPU_VIEWS (self->cpu_views));

    if (cpu < snap->n_cpus)
      return cpu;
  }
  c = selected_cluster (self);
  if (c != NULL) {
    gsize len = strlen (c->name);

    for (guint k = 0; k < snap->n_cpus; k++) {
      const char *name = snap->cpus[k].name;
      if (strncmp (name, c->name, len) == 0 && (name[len] == '\0' || name[len] == '.'))
        return k;
    }
  }
  return 0;
}

typedef void (*StepFunc) (MdlRunner *runner, unsigned cpu);

static void
step_with (MdlWindow *self, StepFunc func)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (!ensure_runner (self))
    return;
  snap = mdl_session_ref_snapshot (self->session);
  if (snap->n_cpus == 0)
    return;
  func (self->runner, step_cpu (self, snap));
  update_now (self);
}

void
_mdl_window_step (MdlWindow *self)
{
  step_with (self, mdl_runner_step);
}

void
_mdl_window_step_over (MdlWindow *self)
{
  step_with (self, mdl_runner_step_over);
}

void
_mdl_window_step_out (MdlWindow *self)
{
  step_with (self, mdl_runner_step_out);
}

void
_mdl_window_step_line (MdlWindow *self, MdlStepKind kind)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (!ensure_runner (self))
    return;
  snap = mdl_session_ref_snapshot (self->session);
  if (snap->n_cpus == 0)
    return;
  mdl_runner_step_line (self->runner, step_cpu (self, snap), kind);
  update_now (self);
}

void
_mdl_window_run_to_cursor (MdlWindow *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  guint64 addr;

  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL || self->cpu_views == NULL)
    return;
  if (!mdl_cpu_views_get_cursor (MDL_CPU_VIEWS (self->cpu_views), &addr)) {
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Click a line of the disassembly first")));
    return;
  }
  snap = mdl_session_ref_snapshot (self->session);
  if (snap->n_cpus == 0)
    return;
  mdl_runner_run_to (self->runner, step_cpu (self, snap), addr);
  update_now (self);
}

gboolean
_mdl_window_can_go_back (MdlWindow *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  if (self->runner == NULL)
    return FALSE;
  snap = mdl_session_ref_snapshot (self->session);
  if (snap->state == MDL_RUNNER_RUNNING)
    return TRUE;
  /* Something ran, and the last reverse command did not find the start. */
  for (guint i = 0; i < snap->n_cpus; i++)
    if (snap->cpus[i].retired > 0)
      return !snap->history_start;
  return FALSE;
}

void
_mdl_window_step_back (MdlWindow *self, gboolean by_line)
{
  g_autoptr(MdlSnapshot) snap = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL)
    return;
  snap = mdl_session_ref_snapshot (self->session);
  if (snap->n_cpus == 0)
    return;
  if (by_line)
    mdl_runner_reverse_step_line (self->runner, step_cpu (self, snap));
  else
    mdl_runner_reverse_step (self->runner, step_cpu (self, snap));
  update_now (self);
}

void
_mdl_window_reverse_continue (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL)
    return;
  mdl_runner_reverse_continue (self->runner);
  update_now (self);
}

void
_mdl_window_save_point (MdlWindow *self)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *name = NULL, *label = NULL, *text = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (!ensure_runner (self))
    return;
  snap = mdl_session_ref_snapshot (self->session);
  /* TRANSLATORS: the name of a save point, numbered from 1 */
  name = g_strdup_printf (_("Point %u"), ++self->n_points_made);
  mdl_runner_save_point (self->runner, name);
  g_ptr_array_add (self->points, g_strdup (name));
  /* Where the machine was, so that points can be told apart: the virtual
   * time, and the first CPU's pc. */
  if (snap->n_cpus > 0)
    label = g_strdup_printf (_("%s: %.6f s, %s at 0x%llx"), name, snap->virtual_time_ps / 1e12,
                             snap->cpus[0].name, (unsigned long long) snap->cpus[0].pc);
  else
    label = g_strdup_printf (_("%s: %.6f s"), name, snap->virtual_time_ps / 1e12);
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target (item, "win.restore-point", "s", name);
  g_menu_append_item (self->points_section, item);
  text = g_strdup_printf (_("Saved “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  _mdl_window_update_actions (self);
}

void
_mdl_window_restore_point (MdlWindow *self, const char *name)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL)
    return;
  mdl_runner_restore_point (self->runner, name);
  update_now (self);
}

void
_mdl_window_reset (MdlWindow *self)
{
  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL)
    return;
  mdl_runner_reset (self->runner);
  clear_consoles (self);
  update_now (self);
}

void
_mdl_window_apply_speed (MdlWindow *self)
{
  g_autoptr(GVariant) chosen = NULL;
  g_autofree const char **causes = NULL;

  if (self->runner == NULL)
    return;
  mdl_runner_set_speed (self->runner, mdl_speed_control_get_speed (self->speed_control));
  /* "Stop on every exception" from the speed menu, else the causes the
   * inspector's list chose (win.stop-causes). */
  chosen = g_action_group_get_action_state (G_ACTION_GROUP (self), "stop-causes");
  if (mdl_speed_control_get_stop_on_exception (self->speed_control)) {
    causes = g_new0 (const char *, 2);
    causes[0] = "all";
  } else if (chosen != NULL) {
    causes = g_variant_get_strv (chosen, NULL);
  }
  /* The runner copies them on the engine thread before this returns. */
  mdl_runner_set_stop_on_exception (self->runner, causes != NULL && causes[0] != NULL
                                                  ? causes : NULL);
}

static const char *const state_classes[] = { "running", "paused", "success", "error", "warning" };

void
_mdl_window_update_status (MdlWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  const char *css = NULL;

  g_assert (MDL_IS_WINDOW (self));

  if (self->runner == NULL) {
    GPtrArray *problems = mdl_editor_get_problems (self->editor);
    guint n = problems ? problems->len : 0;

    if (n > 0) {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", n), n);
      tip = _mdl_window_problems_text (self);
      css = "warning";
    } else {
      text = g_strdup (_("Ready"));
    }
  } else {
    g_autoptr(MdlSnapshot) snap = mdl_session_ref_snapshot (self->session);

    switch (snap->state) {
    case MDL_RUNNER_RUNNING:
      /* Asleep until a key arrives: say so, or the console looks hung. */
      text = g_strdup (snap->waiting_for_input ? _("Waiting for Input") : _("Running"));
      css = "running";
      if (!snap->waiting_for_input && snap->measured_speed > 0) {
        g_autofree char *plain = g_steal_pointer (&text);

        /* How fast virtual time goes against the wall clock. */
        text = g_strdup_printf (_("%s, %.2f× real time"), plain, snap->measured_speed);
      }
      break;
    case MDL_RUNNER_PAUSED:
      /* Stopped by a breakpoint or watchpoint, the engine says which CPU
       * did what where ("cpu0 wrote 4 bytes at 0x… (watched)"); a plain
       * pause or step has no message. */
      if (snap->message != NULL && *snap->message)
        text = g_strdup_printf (_("Paused: %s"), snap->message);
      else
        text = g_strdup (_("Paused"));
      css = "paused";
      if (snap->message != NULL && *snap->message)
        tip = g_strdup (snap->message);
      else if (snap->n_cpus > 0)
        tip = g_strdup_printf (_("%s at 0x%llx"), snap->cpus[0].name,
                               (unsigned long long) snap->cpus[0].pc);
      break;
    case MDL_RUNNER_HALTED:
      text = g_strdup_printf (_("Halted, Exit Code %d"), snap->exit_code);
      css = snap->exit_code == 0 ? "success" : "error";
      tip = g_strdup (snap->message);
      break;
    case MDL_RUNNER_STOPPED:
    default:
      text = g_strdup_printf (_("Stopped: %s"), snap->message);
      css = "error";
      tip = g_strdup (snap->message);
      break;
    }
  }

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), state_classes[i]);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css);
  gtk_label_set_label (self->status_label, text);
  /* The pill is ellipsized: the tooltip always has the whole message. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                               tip != NULL && *tip ? tip : text);
  g_free (self->status_text);
  self->status_text = g_steal_pointer (&text);
}
