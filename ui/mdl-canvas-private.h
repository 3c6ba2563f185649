/* What the GUI tests need to aim the pointer inside MdlCanvas. */
#pragma once

#include "mdl-canvas.h"

G_BEGIN_DECLS

typedef enum {
  MDL_CANVAS_PORT_BUS,
  MDL_CANVAS_PORT_IRQ_OUT,
  MDL_CANVAS_PORT_IRQ_IN,
} MdlCanvasPortKind;

/* Centre of a port, in widget coordinates; FALSE when not shown. */
gboolean _mdl_canvas_get_port_position (MdlCanvas *self, guint component,
                                        MdlCanvasPortKind kind, unsigned index,
                                        unsigned hart, double *x, double *y);
/* The point at @t (0..1) along wire @wire_id, in widget coordinates. */
gboolean _mdl_canvas_get_wire_point (MdlCanvas *self, guint wire_id, double t,
                                     double *x, double *y);
/* Centre of a part's face (LED, button, switch, digit), widget coordinates. */
gboolean _mdl_canvas_get_part_point (MdlCanvas *self, guint component, double *x, double *y);
/* Centre of a part's face (LED, button, switch, digit), widget coordinates. */
gboolean _mdl_canvas_get_part_point (MdlCanvas *self, guint component, double *x, double *y);
/* The message the canvas shows itself, or NULL. */
const char *_mdl_canvas_get_toast (MdlCanvas *self);

G_END_DECLS
