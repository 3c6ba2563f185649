/* The speed control: a menu button in the header bar that picks how fast
 * virtual time runs against wall time (engine/runner.h pacing): real time,
 * slower and faster multiples, or as fast as possible; and whether a run
 * stops at every exception a CPU takes.  It only holds the choices (the
 * "speed" property, 0 for as fast as possible, and "stop-on-exception");
 * the window passes them to the runner. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDL_TYPE_SPEED_CONTROL (mdl_speed_control_get_type ())
G_DECLARE_FINAL_TYPE (MdlSpeedControl, mdl_speed_control, MDL, SPEED_CONTROL, GtkWidget)

GtkWidget *mdl_speed_control_new       (void);
double     mdl_speed_control_get_speed (MdlSpeedControl *self);
/* Sets the speed as the user would (one of the menu's choices, or any
 * factor > 0; 0 for as fast as possible). */
void       mdl_speed_control_set_speed (MdlSpeedControl *self, double speed);
/* A board's default (mdl_runner_default_speed): taken unless the user
 * has picked a speed himself. */
void       mdl_speed_control_suggest   (MdlSpeedControl *self, double speed);
gboolean   mdl_speed_control_get_stop_on_exception (MdlSpeedControl *self);
void       mdl_speed_control_set_stop_on_exception (MdlSpeedControl *self, gboolean stop);
/* "1×", "¼×", "As Fast as Possible"... for a factor (0: the last). */
char      *mdl_speed_control_format    (double speed);

G_END_DECLS
