/* What the files of MdlWindow share; nothing outside the window uses it. */
#pragma once

#include "mdl-session.h"
#include "mdl-problems-view.h"
#include "mdl-speed-control.h"
#include "mdl-window.h"

G_BEGIN_DECLS

struct _MdlWindow {
  AdwApplicationWindow parent_instance;

  MdlEditor       *editor;
  gboolean         is_example;     /* opened from Examples: Save asks where */
  gboolean         loading;        /* another board replaces this one */

  /* Running */
  MdlSession      *session;        /* the running machine, or NULL */
  MdlRunner       *runner;         /* the session's, for commands; or NULL */
  guint            redrain_id;     /* more console output waits for this */
  GPtrArray       *gdb_servers;    /* MdlGdbServer, one per CPU, while win.gdb is on */
  MdlRunnerState   state;
  guint            runner_revision; /* of the document the machine was built from */
  char            *status_text;
  char            *last_error;

  GtkWidget       *canvas;         /* MdlCanvas */
  GtkWidget       *cpu_views;      /* MdlCpuViews, docked beside the canvas */
  GtkWidget       *zoom_controls;  /* over the canvas */
  guint            panes_restored; /* bit per pane: remembered size applied */
  gboolean         panes_programmatic; /* a pane moves for a board, not a person */
  gboolean         views_asked;    /* F9 used: the views show even without a machine */
  GPtrArray       *points;         /* char *: save points of this machine, oldest first */
  guint            n_points_made;  /* for the next point's name */
  AdwToast        *stale_toast;    /* "Machine stopped: the board changed" until
                                      dismissed (weak): a new machine dismisses it */
  gint64           stale_since;    /* frame time it was first seen on screen, or 0 */
  guint            stale_tick_id;  /* its dismissal waits for the overlay's frames */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkMenuButton   *primary_menu_button;
  GtkButton       *run_button;
  GtkButton       *step_button;
  GtkButton       *reset_button;
  GtkMenuButton   *points_button;
  GMenu           *points_section; /* the save points, one item each */
  GtkLabel        *status_label;
  MdlSpeedControl *speed_control;
  MdlProblemsView *problems_view;
  GtkBox          *palette_slot;
  GtkBox          *canvas_slot;
  GtkPaned        *views_paned;
  GtkPaned        *side_paned;     /* (canvas | views) | inspector */
  GtkBox          *views_slot;
  GtkToggleButton *views_button;
  GtkBox          *inspector_slot;
  GtkPaned        *console_paned;
  GtkStack        *console_stack;
  AdwTabView      *console_view;
  AdwTabBar       *console_bar;
  AdwStatusPage   *console_empty;
  GMenu           *examples_menu;
  GMenu           *recent_menu;
};

/* mdl-window-actions.c */
void     _mdl_window_init_actions   (MdlWindow *self);
void     _mdl_window_update_actions (MdlWindow *self);
void     _mdl_window_update_title   (MdlWindow *self);
void     _mdl_window_show_error     (MdlWindow *self, const char *heading,
                                     const char *message);
void     _mdl_window_rebuild_recent (MdlWindow *self);
void     _mdl_window_note_recent    (MdlWindow *self, const char *path);
/* Fills what depends on the application (Examples) once it is set. */
void     _mdl_window_application_set (MdlWindow *self);

/* Runs @then (with @data) once unsaved changes are saved or discarded;
 * never runs it when the person cancels. */
typedef void (*MdlWindowContinue) (MdlWindow *self, gpointer data);
void     _mdl_window_maybe_save     (MdlWindow *self, MdlWindowContinue then,
                                     gpointer data, GDestroyNotify destroy);

/* The problems that keep the board from running, one a line, or NULL. */
char    *_mdl_window_problems_text  (MdlWindow *self);

/* mdl-window.c */
/* Takes away "Machine stopped: the board changed" once the next machine
 * exists: at the overlay's next frame, or later while it slides in. */
void     _mdl_window_dismiss_stale_toast (MdlWindow *self);

/* mdl-window-panes.c: remembered pane sizes, hiding panes, zoom controls */
void     _mdl_window_init_panes (MdlWindow *self);
/* The CPU views show while a machine exists (and F9 has not hidden them):
 * without one the canvas has their room, unless F9 asked for them. */
void     _mdl_window_update_panes (MdlWindow *self);
/* Takes the focus back from a closed menu (keys such as F5 went there). */
void     _mdl_window_refocus (MdlWindow *self);

/* mdl-window-run.c */
void     _mdl_window_init_run (MdlWindow *self);
void     _mdl_window_run      (MdlWindow *self);
void     _mdl_window_pause    (MdlWindow *self);
void     _mdl_window_step     (MdlWindow *self);
/* Step over calls, step out of the function, run to the disassembly's
 * cursor: on the CPU the views show. */
void     _mdl_window_step_over (MdlWindow *self);
void     _mdl_window_step_out  (MdlWindow *self);
/* By source line (F10, F11): with the CPU's debug information, else an
 * instruction (over a call for MDL_STEP_LINE). */
void     _mdl_window_step_line (MdlWindow *self, MdlStepKind kind);
void     _mdl_window_run_to_cursor (MdlWindow *self);
/* Going back on the machine's history: a source line (an instruction
 * without line information), one instruction, or to the previous
 * breakpoint or watchpoint hit. */
void     _mdl_window_step_back (MdlWindow *self, gboolean by_line);
void     _mdl_window_reverse_continue (MdlWindow *self);
/* Whether there is anything to go back to. */
gboolean _mdl_window_can_go_back (MdlWindow *self);
/* Save points: the machine kept under a new name (listed in the points
 * menu), and back to one of them. */
void     _mdl_window_save_point (MdlWindow *self);
void     _mdl_window_restore_point (MdlWindow *self, const char *name);
void     _mdl_window_reset    (MdlWindow *self);
/* Stops and frees the machine; the consoles keep their text. */
void     _mdl_window_discard_runner (MdlWindow *self);
/* Drops the console tabs (another board or machine takes their place). */
void     _mdl_window_remove_consoles (MdlWindow *self);
/* The CPU views follow the cluster selected on the canvas. */
void     _mdl_window_update_views_cpu (MdlWindow *self);
/* Shows state and reason in the status pill, from the latest snapshot. */
void     _mdl_window_update_status  (MdlWindow *self);
/* Passes the speed control's choice to the runner. */
void     _mdl_window_apply_speed    (MdlWindow *self);

G_END_DECLS
