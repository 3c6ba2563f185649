#define G_LOG_DOMAIN "medley-speed"

#include "mdl-speed-control.h"

#include <glib/gi18n.h>
#include <stdbool.h>

struct _MdlSpeedControl {
  GtkWidget           parent_instance;
  GtkWidget          *button;
  GSimpleActionGroup *actions;
  double              speed;
  gboolean            stop_on_exception;
  bool                chosen;      /* the user picked one: defaults yield */
};

G_DEFINE_FINAL_TYPE (MdlSpeedControl, mdl_speed_control, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SPEED, PROP_STOP_ON_EXCEPTION, N_PROPS };
static GParamSpec *props[N_PROPS];

/* The menu's choices; 0 is as fast as possible. */
static const double choices[] = { 0.25, 0.5, 1, 2, 10, 100, 0 };

char *
mdl_speed_control_format (double speed)
{
  if (speed <= 0)
    return g_strdup (_("As Fast as Possible"));
  if (speed == 0.25)
    return g_strdup ("¼×");
  if (speed == 0.5)
    return g_strdup ("½×");
  if (speed == 1)
    return g_strdup (_("1× (Real Time)"));
  return g_strdup_printf ("%g×", speed);
}

/* The action's state: the factor as text, "max" for as fast as possible. */
static GVariant *
speed_state (double speed)
{
  if (speed <= 0)
    return g_variant_new_string ("max");
  return g_variant_new_take_string (g_strdup_printf ("%g", speed));
}

static void
apply (MdlSpeedControl *self, double speed)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "set");
  g_autofree char *label = NULL;

  speed = speed > 0 ? speed : 0;
  g_simple_action_set_state (G_SIMPLE_ACTION (action), speed_state (speed));
  label = speed <= 0 ? g_strdup (_("Max")) : speed == 1 ? g_strdup ("1×")
                                                       : mdl_speed_control_format (speed);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->button), label);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SPEED]);
}

static void
on_set (GSimpleAction *action, GVariant *value, gpointer data)
{
  MdlSpeedControl *self = data;
  const char *text = g_variant_get_string (value, NULL);

  self->chosen = true;
  apply (self, g_strcmp0 (text, "max") == 0 ? 0 : g_ascii_strtod (text, NULL));
}

static void
on_stop_on_exception (GSimpleAction *action, GVariant *value, gpointer data)
{
  MdlSpeedControl *self = data;

  g_simple_action_set_state (action, value);
  if (self->stop_on_exception == g_variant_get_boolean (value))
    return;
  self->stop_on_exception = g_variant_get_boolean (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STOP_ON_EXCEPTION]);
}

gboolean
mdl_speed_control_get_stop_on_exception (MdlSpeedControl *self)
{
  g_return_val_if_fail (MDL_IS_SPEED_CONTROL (self), FALSE);
  return self->stop_on_exception;
}

void
mdl_speed_control_set_stop_on_exception (MdlSpeedControl *self, gboolean stop)
{
  g_return_if_fail (MDL_IS_SPEED_CONTROL (self));
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "stop-on-exception",
                                      g_variant_new_boolean (stop));
}

double
mdl_speed_control_get_speed (MdlSpeedControl *self)
{
  g_return_val_if_fail (MDL_IS_SPEED_CONTROL (self), 0);
  return self->speed;
}

void
mdl_speed_control_set_speed (MdlSpeedControl *self, double speed)
{
  g_return_if_fail (MDL_IS_SPEED_CONTROL (self));
  self->chosen = true;
  apply (self, speed);
}

void
mdl_speed_control_suggest (MdlSpeedControl *self, double speed)
{
  g_return_if_fail (MDL_IS_SPEED_CONTROL (self));
  if (!self->chosen)
    apply (self, speed);
}

static void
mdl_speed_control_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdlSpeedControl *self = MDL_SPEED_CONTROL (object);

  switch (prop_id) {
  case PROP_SPEED:
    g_value_set_double (value, self->speed);
    break;
  case PROP_STOP_ON_EXCEPTION:
    g_value_set_boolean (value, self->stop_on_exception);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_speed_control_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  MdlSpeedControl *self = MDL_SPEED_CONTROL (object);

  switch (prop_id) {
  case PROP_SPEED:
    mdl_speed_control_set_speed (self, g_value_get_double (value));
    break;
  case PROP_STOP_ON_EXCEPTION:
    mdl_speed_control_set_stop_on_exception (self, g_value_get_boolean (value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_speed_control_dispose (GObject *object)
{
  MdlSpeedControl *self = MDL_SPEED_CONTROL (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (mdl_speed_control_parent_class)->dispose (object);
}

static void
mdl_speed_control_class_init (MdlSpeedControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mdl_speed_control_get_property;
  object_class->set_property = mdl_speed_control_set_property;
  object_class->dispose = mdl_speed_control_dispose;
  props[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);
  props[PROP_STOP_ON_EXCEPTION] =
    g_param_spec_boolean ("stop-on-exception", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdl_speed_control_init (MdlSpeedControl *self)
{
  static const GActionEntry entries[] = {
    { .name = "set", .parameter_type = "s", .state = "'max'", .change_state = on_set },
    { .name = "stop-on-exception", .state = "false", .change_state = on_stop_on_exception },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) speeds = g_menu_new ();
  g_autoptr(GMenu) guard = g_menu_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "speed", G_ACTION_GROUP (self->actions));
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++) {
    g_autofree char *label = mdl_speed_control_format (choices[i]);
    g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

    g_menu_item_set_action_and_target_value (item, "speed.set", speed_state (choices[i]));
    g_menu_append_item (speeds, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (speeds));
  /* Beside the speed, the other choice about how a run goes. */
  g_menu_append (guard, _("Stop on Every Exception"), "speed.stop-on-exception");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (guard));
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->button, _("Speed of Virtual Time"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  apply (self, 0);
}

GtkWidget *
mdl_speed_control_new (void)
{
  return g_object_new (MDL_TYPE_SPEED_CONTROL, NULL);
}
