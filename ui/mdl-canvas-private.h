/* What the files of MdlCanvas share, and what the GUI tests use to aim
 * the pointer inside it; nothing outside the canvas uses it.
 *
 *   mdl-canvas.c         the GObject, its API, the editor and the view
 *   mdl-canvas-layout.c  cards and ports from the document, hit testing
 *   mdl-canvas-route.c   wires routed around the cards
 *   mdl-canvas-draw.c    cards, ports, wires and overlays
 *   mdl-canvas-parts.c   LEDs, buttons, switches and digits on GPIO pins
 *   mdl-canvas-input.c   pointer, keys and drops from the palette
 *
 * Geometry is in canvas coordinates (those of the document's component
 * positions) unless a name says widget; widget = canvas * zoom + pan.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-canvas.h"

G_BEGIN_DECLS

typedef enum {
  MDL_CANVAS_PORT_BUS,
  MDL_CANVAS_PORT_IRQ_OUT,
  MDL_CANVAS_PORT_IRQ_IN,
} MdlCanvasPortKind;

#define GRID          16.0
#define CARD_W        208.0
#define HEADER_H      56.0
#define ROW_H         22.0
#define CARD_PAD      8.0
#define CARD_RADIUS   12.0
#define ICON_TILE     32.0
/* Below this zoom a card shows its name alone, scaled up to stay legible. */
#define LEGIBLE_ZOOM  0.7
#define PORT_R        4.5
#define PORT_HIT      10.0   /* screen pixels around a port that still hit it */
#define WIRE_HIT      6.0    /* screen pixels around a wire that still hit it */
#define SNAP_PORT     18.0   /* a dragged wire snaps to a port this close */
#define DRAG_SLOP     4.0
#define ZOOM_MIN      0.2
#define ZOOM_MAX      4.0
#define ZOOM_STEP     1.25
#define MAX_HARTS_SHOWN 4
#define TOAST_MS      3500
#define PART_BODY     56.0   /* the face of an LED, button or switch */
#define DIGIT_BODY    132.0  /* the face of a 7-segment digit */

typedef enum {
  PORT_BUS = MDL_CANVAS_PORT_BUS,         /* a device's register windows, or a cluster's bus */
  PORT_IRQ_OUT = MDL_CANVAS_PORT_IRQ_OUT, /* a device's interrupt output */
  PORT_IRQ_IN = MDL_CANVAS_PORT_IRQ_IN,   /* a CPU's or a controller's interrupt input */
} PortKind;

typedef struct {
  PortKind kind;
  guint    component;
  unsigned index;      /* output or input number */
  unsigned hart;       /* for inputs of a cluster */
  int      side;       /* -1: left edge, +1: right edge */
  double   x, y;       /* centre, canvas coordinates */
  char    *label;
  gboolean connected;
} Port;

typedef struct {
  guint            id;
  MdlComponentKind kind;
  graphene_rect_t  rect;
  char            *title;
  char            *subtitle;
  const char      *icon;
  gboolean         problem;
  MdlPartKind         part;      /* a part on GPIO pins, drawn live */
  graphene_rect_t  control;   /* parts: the face (LED, button...) */
} Card;

typedef enum {
  ROUTE_MAP,
  ROUTE_IRQ,
  ROUTE_PIN_LINK,   /* a part to the GPIO block it sits on */
} RouteKind;

/* A wire as drawn: horizontal and vertical runs from end to end. */
typedef struct {
  RouteKind kind;
  guint     wire;       /* the document's wire id; 0 for a pin link */
  guint     part;       /* pin links: the part's component */
  guint     from_card, to_card;  /* the components at its ends */
  gboolean  routed;     /* FALSE: no way around the cards, a straight line */
  GArray   *points;     /* graphene_point_t, canvas coordinates, 2 or more */
} Route;

typedef enum {
  DRAG_NONE,
  DRAG_CARD,     /* pressed on a card: a click, or a move once it travels */
  DRAG_RUBBER,
  DRAG_WIRE,
  DRAG_PAN,
  DRAG_PART,     /* holding a button (or flipping a switch) of the machine */
} DragMode;

struct _MdlCanvas
{
  GtkWidget  parent_instance;

  MdlEditor *editor;
  gulong     changed_id;
  gulong     selection_id;
  gulong     path_id;

  /* Layout cache: cards in drawing order, ports of all cards. */
  GArray    *cards;   /* Card */
  GArray    *ports;   /* Port */
  gboolean   layout_valid;
  GArray    *routes;       /* Route: the wires as drawn, for this layout */
  gboolean   routes_valid;
  gint64     route_usec;   /* how long routing them took */
  char      *signature;   /* of the document the layout was built from */
  gboolean   fit_pending; /* frame the board once we have a size */
  gboolean   fitted;      /* the view is still the fitted one: refit on resize */
  int        fitted_width, fitted_height; /* the size it was fitted to */

  double     zoom;
  double     pan_x, pan_y;

  /* Pointer and drag state, widget coordinates unless said otherwise. */
  double     pointer_x, pointer_y;
  gboolean   pointer_inside;
  gboolean   space_held;
  DragMode   drag;
  double     drag_start_x, drag_start_y;
  double     drag_dx, drag_dy;
  gboolean   drag_moved;
  gboolean   drag_extend;
  guint      drag_card;          /* DRAG_CARD: the card pressed */
  gboolean   drag_toggle;        /* DRAG_CARD: deselect it on a plain click */
  GArray    *move_ids;           /* guint: components being moved */
  GArray    *move_origin;        /* graphene_point_t: their start positions */
  GArray    *rubber_base;        /* guint: selection kept by an extending band */
  int        wire_from;          /* DRAG_WIRE: index in ports */
  int        wire_hover;         /* DRAG_WIRE: compatible port under the pointer */
  double     pan_origin_x, pan_origin_y;

  /* Middle-button pan and pinch zoom. */
  double     mid_origin_x, mid_origin_y;
  double     pinch_zoom0;

  /* Where a palette drag would drop, canvas coordinates. */
  gboolean   drop_ghost;
  double     drop_x, drop_y;

  char      *toast;
  guint      toast_source;

  /* The running machine, for the parts on GPIO pins. */
  MdlSession *session;
  MdlRunner *runner;       /* the session's */
  GArray    *pins_links;   /* PinsLink: the GPIO blocks parts name */
  guint      pressed_part;
};

typedef struct {
  char        *name;     /* the part's "gpio" value; NULL: the first block */
  int          index;    /* device number in snapshots, -1: not found */
  gboolean     valid;    /* state came from a snapshot */
  MdlPinsState state;
} PinsLink;

typedef struct {
  GdkRGBA bg, fg, dim, card, accent, accent_fg, accent_tint, shade, border;
  GdkRGBA map, irq, warning, warning_fg, grid, link;
} Colors;

/* mdl-canvas.c */
void        _mdl_canvas_widget_to_canvas   (MdlCanvas *self, double wx, double wy,
                                            double *cx, double *cy);
gboolean    _mdl_canvas_selection_contains (MdlCanvas *self, guint id);
/* Emits "show-message"; unhandled, shows @message as the canvas's toast. */
void        _mdl_canvas_show_message       (MdlCanvas *self, const char *message);
/* Zooms to @zoom (clamped) keeping widget point (@wx, @wy) in place. */
void        _mdl_canvas_zoom_at            (MdlCanvas *self, double wx, double wy, double zoom);

/* mdl-canvas-layout.c */
double       _mdl_canvas_snap             (double v);
char        *_mdl_canvas_doc_signature    (const MdlBoardDoc *doc);
/* Rebuilds cards and ports from the document when the editor changed it. */
void         _mdl_canvas_ensure_layout    (MdlCanvas *self);
int          _mdl_canvas_find_port        (MdlCanvas *self, PortKind kind, guint comp,
                                           unsigned index, unsigned hart);
const Card  *_mdl_canvas_find_card        (MdlCanvas *self, guint id);
gboolean     _mdl_canvas_wire_ends        (MdlCanvas *self, const MdlBoardDoc *doc,
                                           const MdlWire *w, const Port **a, const Port **b);
int          _mdl_canvas_hit_port         (MdlCanvas *self, double cx, double cy);
const Card  *_mdl_canvas_hit_card         (MdlCanvas *self, double cx, double cy);
guint        _mdl_canvas_hit_wire         (MdlCanvas *self, double cx, double cy);
gboolean     _mdl_canvas_ports_compatible (MdlCanvas *self, const Port *a, const Port *b,
                                           const char **why);

/* mdl-canvas-route.c */
/* Routes every wire and pin link of the current layout unless done. */
void         _mdl_canvas_ensure_routes   (MdlCanvas *self);
const Route *_mdl_canvas_find_route      (MdlCanvas *self, guint wire_id);
void         _mdl_canvas_route_path      (cairo_t *cr, const Route *route);
double       _mdl_canvas_route_distance  (const Route *route, double x, double y);
/* The point at @t (0..1) of the route's length. */
void         _mdl_canvas_route_point     (const Route *route, double t, double *x, double *y);
/* The path of a wire being drawn: orthogonal, not routed. */
void         _mdl_canvas_elbow_path      (cairo_t *cr, double ax, double ay, int aside, double bx,
                                          double by, int bside);
/* Whether the axis-aligned segment runs through the inside of @card
 * (touching its edge does not count). */
gboolean     _mdl_canvas_segment_crosses_card (const graphene_rect_t *card, double x0, double y0,
                                               double x1, double y1);

/* mdl-canvas-draw.c */
void     _mdl_canvas_snapshot   (GtkWidget *widget, GtkSnapshot *snapshot);
GdkRGBA  _mdl_canvas_with_alpha (const GdkRGBA *c, float alpha);
void     _mdl_canvas_draw_text  (MdlCanvas *self, GtkSnapshot *snapshot, const char *text,
                                 double x, double y, double width, double scale,
                                 gboolean bold, const GdkRGBA *color, gboolean align_right,
                                 gboolean center_y);

/* mdl-canvas-parts.c */
MdlPartKind  _mdl_canvas_part_kind         (const MdlDeviceClass *cls);
const char  *_mdl_canvas_part_link_name    (const MdlComponent *c);
unsigned     _mdl_canvas_parts_on_pins     (const MdlBoardDoc *doc, const MdlComponent *gpio,
                                            const MdlComponent *part, unsigned *rank);
/* The link of part @card to its GPIO block: its anchor on the block's
 * right edge and its end on the part's left edge; FALSE when none. */
gboolean     _mdl_canvas_pin_link_ends     (MdlCanvas *self, const MdlBoardDoc *doc,
                                            const Card *card, guint *gpio, double *gx,
                                            double *gy, double *px, double *py);
const Card  *_mdl_canvas_hit_part_control  (MdlCanvas *self, double cx, double cy);
void         _mdl_canvas_press_part        (MdlCanvas *self, guint id, gboolean down);
void         _mdl_canvas_draw_part_glyph   (MdlCanvas *self, GtkSnapshot *snapshot,
                                            const Colors *colors, const Card *card,
                                            const graphene_rect_t *tile);
void         _mdl_canvas_draw_part         (MdlCanvas *self, GtkSnapshot *snapshot,
                                            const Colors *colors, const Card *card);
void         _mdl_canvas_draw_pin_links    (MdlCanvas *self, GtkSnapshot *snapshot,
                                            const Colors *colors, double width,
                                            double height, gboolean ends);

/* mdl-canvas-input.c */
void _mdl_canvas_init_input (MdlCanvas *self);

/* For the GUI tests (in mdl-canvas.c) */

/* Centre of a port, in widget coordinates; FALSE when not shown. */
gboolean _mdl_canvas_get_port_position (MdlCanvas *self, guint component,
                                        MdlCanvasPortKind kind, unsigned index,
                                        unsigned hart, double *x, double *y);
/* The point at @t (0..1) along wire @wire_id, in widget coordinates. */
gboolean _mdl_canvas_get_wire_point (MdlCanvas *self, guint wire_id, double t,
                                     double *x, double *y);
/* Centre of a part's face (LED, button, switch, digit), widget coordinates. */
gboolean _mdl_canvas_get_part_point (MdlCanvas *self, guint component, double *x, double *y);
/* The routes of the wires and pin links as drawn (canvas coordinates,
 * see Route), after routing them if the layout changed; how long the
 * last routing took. */
const GArray *_mdl_canvas_get_routes (MdlCanvas *self, gint64 *usec);
/* The rectangle of a component's card, canvas coordinates. */
gboolean _mdl_canvas_get_card_rect (MdlCanvas *self, guint component, graphene_rect_t *rect);
/* The message the canvas shows itself, or NULL. */
const char *_mdl_canvas_get_toast (MdlCanvas *self);

G_END_DECLS
