#define G_LOG_DOMAIN "mdl-editor"

#include "mdl-editor.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MdlEditor {
  GObject      parent_instance;
  MdlBoardDoc *doc;
  GPtrArray   *undo;          /* MdlBoardDoc *, oldest first */
  GPtrArray   *redo;
  GArray      *selection;     /* guint */
  GPtrArray   *problems;      /* MdlProblem *, NULL until asked */
  GArray      *undo_states;   /* guint per undo entry: its state number */
  GArray      *redo_states;
  guint        state;         /* number of the current document state */
  guint        saved_state;   /* the state last loaded or saved */
  guint        next_state;    /* states are never reused, so "modified"
                                 survives undo, redo and new edits */
  gboolean     moving;        /* inside begin_move/end_move */
  gboolean     moved;         /* a move happened in this drag */
  MdlBoardDoc *drag_before;   /* the document when the drag began */
};

G_DEFINE_FINAL_TYPE (MdlEditor, mdl_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where firmware is looked up; the application sets the real list. */
static const char *const *search_dirs;

void
mdl_editor_set_search_dirs (const char *const *dirs)
{
  search_dirs = dirs;
}

const char *const *
mdl_editor_get_search_dirs (void)
{
  return search_dirs;
}

static void
mdl_editor_finalize (GObject *object)
{
  MdlEditor *self = MDL_EDITOR (object);

  mdl_board_doc_free (self->doc);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_array_unref (self->selection);
  g_array_unref (self->undo_states);
  g_array_unref (self->redo_states);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->drag_before, mdl_board_doc_free);
  G_OBJECT_CLASS (mdl_editor_parent_class)->finalize (object);
}

static void
mdl_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdlEditor *self = MDL_EDITOR (object);

  switch (prop_id) {
  case PROP_PATH:
    g_value_set_string (value, mdl_editor_get_path (self));
    break;
  case PROP_MODIFIED:
    g_value_set_boolean (value, mdl_editor_get_modified (self));
    break;
  case PROP_CAN_UNDO:
    g_value_set_boolean (value, mdl_editor_can_undo (self));
    break;
  case PROP_CAN_REDO:
    g_value_set_boolean (value, mdl_editor_can_redo (self));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  }
}

static void
mdl_editor_class_init (MdlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdl_editor_finalize;
  object_class->get_property = mdl_editor_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every change of the document: edits, undo, redo, load. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
mdl_editor_init (MdlEditor *self)
{
  self->doc = mdl_board_doc_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_board_doc_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_board_doc_free);
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  self->undo_states = g_array_new (FALSE, FALSE, sizeof (guint));
  self->redo_states = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Pushes the current state on the undo stack and starts a new one. */
static void
push_undo (MdlEditor *self, MdlBoardDoc *before)
{
  g_ptr_array_add (self->undo, before);
  g_array_append_val (self->undo_states, self->state);
  self->state = ++self->next_state;
}

static void
clear_history (MdlEditor *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_array_set_size (self->undo_states, 0);
  g_array_set_size (self->redo_states, 0);
  self->state = self->saved_state = ++self->next_state;
}

MdlEditor *
mdl_editor_new (void)
{
  return g_object_new (MDL_TYPE_EDITOR, NULL);
}

const MdlBoardDoc *
mdl_editor_get_doc (MdlEditor *self)
{
  g_return_val_if_fail (MDL_IS_EDITOR (self), NULL);
  return self->doc;
}

const char *
mdl_editor_get_path (MdlEditor *self)
{
  g_return_val_if_fail (MDL_IS_EDITOR (self), NULL);
  return self->doc->path;
}

guint
mdl_editor_get_revision (MdlEditor *self)
{
  g_return_val_if_fail (MDL_IS_EDITOR (self), 0);
  return self->state;
}

gboolean
mdl_editor_get_modified (MdlEditor *self)
{
  g_return_val_if_fail (MDL_IS_EDITOR (self), FALSE);
  return self->state != self->saved_state;
}

gboolean
mdl_editor_can_undo (MdlEditor *self)
{
  return self->undo->len > 0;
}

gboolean
mdl_editor_can_redo (MdlEditor *self)
{
  return self->redo->len > 0;
}

/* Drops selected ids that no longer exist. */
static void
prune_selection (MdlEditor *self)
{
  guint before = self->selection->len;

  for (guint i = self->selection->len; i > 0; i--) {
    guint id = g_array_index (self->selection, guint, i - 1);
    gboolean alive = FALSE;

    if (id & MDL_EDITOR_WIRE_SELECTION) {
      for (guint j = 0; j < self->doc->wires->len && !alive; j++)
        alive = g_array_index (self->doc->wires, MdlWire, j).id == (id & ~MDL_EDITOR_WIRE_SELECTION);
    } else {
      alive = mdl_board_doc_find (self->doc, id) != NULL;
    }
    if (!alive)
      g_array_remove_index (self->selection, i - 1);
  }
  if (before != self->selection->len)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
notify_all (MdlEditor *self, gboolean was_modified, gboolean could_undo, gboolean could_redo)
{
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  prune_selection (self);
  g_signal_emit (self, signals[CHANGED], 0);
  if (was_modified != mdl_editor_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != mdl_editor_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != mdl_editor_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Every edit runs between these two: the copy taken before is the undo
 * step, and it is dropped again if the edit was refused. */
typedef struct {
  MdlBoardDoc *before;
  gboolean     modified, can_undo, can_redo;
} Edit;

static Edit
edit_begin (MdlEditor *self)
{
  Edit e = { mdl_board_doc_copy (self->doc), mdl_editor_get_modified (self),
             mdl_editor_can_undo (self), mdl_editor_can_redo (self) };
  return e;
}

static void
edit_end (MdlEditor *self, Edit *e, gboolean applied)
{
  if (!applied) {
    mdl_board_doc_free (e->before);
    return;
  }
  push_undo (self, e->before);
  g_ptr_array_set_size (self->redo, 0);
  g_array_set_size (self->redo_states, 0);
  notify_all (self, e->modified, e->can_undo, e->can_redo);
}

static void
replace_doc (MdlEditor *self, MdlBoardDoc *doc)
{
  mdl_board_doc_free (self->doc);
  self->doc = doc;
}

gboolean
mdl_editor_load (MdlEditor *self, const char *path, GError **error)
{
  MdlBoardDoc *doc = mdl_board_doc_load (path, error);
  gboolean modified = mdl_editor_get_modified (self);
  gboolean can_undo = mdl_editor_can_undo (self), can_redo = mdl_editor_can_redo (self);

  if (doc == NULL)
    return FALSE;   /* the open board stays as it was */
  replace_doc (self, doc);
  clear_history (self);
  g_array_set_size (self->selection, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  notify_all (self, modified, can_undo, can_redo);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  return TRUE;
}

void
mdl_editor_new_board (MdlEditor *self)
{
  gboolean modified = mdl_editor_get_modified (self);
  gboolean can_undo = mdl_editor_can_undo (self), can_redo = mdl_editor_can_redo (self);

  replace_doc (self, mdl_board_doc_new ());
  /* The board's model name, shown as the window title until renamed. */
  self->doc->model = g_strdup (_("Untitled board"));
  clear_history (self);
  g_array_set_size (self->selection, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  notify_all (self, modified, can_undo, can_redo);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

gboolean
mdl_editor_save (MdlEditor *self, const char *path, GError **error)
{
  gboolean modified = mdl_editor_get_modified (self);

  if (!mdl_board_doc_save (self->doc, path, error))
    return FALSE;
  self->saved_state = self->state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  if (modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  /* Saving may pin relative paths (see mdl_board_doc_save). */
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
step_history (MdlEditor *self, GPtrArray *from, GArray *from_states, GPtrArray *to,
              GArray *to_states)
{
  gboolean modified = mdl_editor_get_modified (self);
  gboolean can_undo = mdl_editor_can_undo (self), can_redo = mdl_editor_can_redo (self);
  MdlBoardDoc *doc;

  if (from->len == 0)
    return;
  doc = g_ptr_array_steal_index (from, from->len - 1);
  /* The path is the file's, not the history's: keep the current one. */
  g_free (doc->path);
  doc->path = g_strdup (self->doc->path);
  g_ptr_array_add (to, self->doc);
  g_array_append_val (to_states, self->state);
  self->doc = doc;
  self->state = g_array_index (from_states, guint, from_states->len - 1);
  g_array_set_size (from_states, from_states->len - 1);
  notify_all (self, modified, can_undo, can_redo);
}

void
mdl_editor_undo (MdlEditor *self)
{
  g_return_if_fail (MDL_IS_EDITOR (self));
  step_history (self, self->undo, self->undo_states, self->redo, self->redo_states);
}

void
mdl_editor_redo (MdlEditor *self)
{
  g_return_if_fail (MDL_IS_EDITOR (self));
  step_history (self, self->redo, self->redo_states, self->undo, self->undo_states);
}

guint
mdl_editor_add_cluster (MdlEditor *self, const MdlCpuClass *cls, double x, double y)
{
  Edit e = edit_begin (self);
  guint id = mdl_board_doc_add_cluster (self->doc, cls, x, y);

  edit_end (self, &e, TRUE);
  return id;
}

guint
mdl_editor_add_device (MdlEditor *self, const MdlDeviceClass *cls, double x, double y)
{
  Edit e = edit_begin (self);
  guint id = mdl_board_doc_add_device (self->doc, cls, x, y);

  edit_end (self, &e, TRUE);
  return id;
}

void
mdl_editor_remove (MdlEditor *self, const guint *ids, guint n_ids)
{
  Edit e = edit_begin (self);
  gboolean any = FALSE;

  for (guint i = 0; i < n_ids; i++) {
    if (ids[i] & MDL_EDITOR_WIRE_SELECTION) {
      guint before = self->doc->wires->len;
      mdl_board_doc_remove_wire (self->doc, ids[i] & ~MDL_EDITOR_WIRE_SELECTION);
      any |= before != self->doc->wires->len;
    } else if (mdl_board_doc_find (self->doc, ids[i]) != NULL) {
      mdl_board_doc_remove (self->doc, ids[i]);
      any = TRUE;
    }
  }
  edit_end (self, &e, any);
}

void
mdl_editor_begin_move (MdlEditor *self)
{
  g_return_if_fail (!self->moving);
  self->moving = TRUE;
  self->moved = FALSE;
  /* The position before the drag is the undo step (pushed on the first
   * actual move). */
  self->drag_before = mdl_board_doc_copy (self->doc);
}

void
mdl_editor_move (MdlEditor *self, guint id, double x, double y)
{
  MdlComponent *c = mdl_board_doc_find (self->doc, id);

  if (c == NULL || (c->x == x && c->y == y))
    return;
  if (!self->moving) {
    Edit e = edit_begin (self);
    mdl_board_doc_move (self->doc, id, x, y);
    edit_end (self, &e, TRUE);
    return;
  }
  mdl_board_doc_move (self->doc, id, x, y);
  if (!self->moved) {
    gboolean modified = mdl_editor_get_modified (self);
    self->moved = TRUE;
    push_undo (self, g_steal_pointer (&self->drag_before));
    g_ptr_array_set_size (self->redo, 0);
    g_array_set_size (self->redo_states, 0);
    if (!modified)
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
mdl_editor_end_move (MdlEditor *self)
{
  g_return_if_fail (self->moving);
  self->moving = FALSE;
  /* A click without a drag leaves no undo step behind. */
  g_clear_pointer (&self->drag_before, mdl_board_doc_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
}

gboolean
mdl_editor_rename (MdlEditor *self, guint id, const char *name, GError **error)
{
  Edit e = edit_begin (self);
  MdlComponent *c = mdl_board_doc_find (self->doc, id);
  gboolean ok;

  if (c != NULL && g_strcmp0 (c->name, name) == 0) {
    edit_end (self, &e, FALSE);
    return TRUE;
  }
  ok = mdl_board_doc_rename (self->doc, id, name, error);
  edit_end (self, &e, ok);
  return ok;
}

gboolean
mdl_editor_set_prop (MdlEditor *self, guint id, const char *prop, const char *text,
                     GError **error)
{
  Edit e = edit_begin (self);
  MdlComponent *c = mdl_board_doc_find (self->doc, id);
  int i = c ? mdl_component_find_prop (c, prop) : -1;
  g_autofree char *before = i >= 0 ? mdl_component_format_prop (c, (unsigned) i) : NULL;
  g_autofree char *after = NULL;
  gboolean ok = mdl_board_doc_set_prop (self->doc, id, prop, text, error);

  /* Typing "0x1000" over "0x00001000" changes nothing: no undo step. */
  if (ok && i >= 0)
    after = mdl_component_format_prop (mdl_board_doc_find (self->doc, id), (unsigned) i);
  edit_end (self, &e, ok && g_strcmp0 (before, after) != 0);
  return ok;
}

guint
mdl_editor_map (MdlEditor *self, guint device, guint cluster, GError **error)
{
  Edit e = edit_begin (self);
  guint id = mdl_board_doc_map (self->doc, device, cluster, error);

  edit_end (self, &e, id != 0);
  return id;
}

guint
mdl_editor_wire_irq (MdlEditor *self, guint device, unsigned output, guint target,
                     unsigned input, unsigned hart, GError **error)
{
  Edit e = edit_begin (self);
  guint id = mdl_board_doc_wire_irq (self->doc, device, output, target, input, hart, error);

  edit_end (self, &e, id != 0);
  return id;
}

void
mdl_editor_remove_wire (MdlEditor *self, guint wire_id)
{
  guint id = wire_id | MDL_EDITOR_WIRE_SELECTION;

  mdl_editor_remove (self, &id, 1);
}

GPtrArray *
mdl_editor_get_problems (MdlEditor *self)
{
  g_return_val_if_fail (MDL_IS_EDITOR (self), NULL);
  if (self->problems == NULL)
    self->problems = mdl_board_doc_problems (self->doc, search_dirs);
  return self->problems;
}

void
mdl_editor_set_selection (MdlEditor *self, const guint *ids, guint n_ids)
{
  g_return_if_fail (MDL_IS_EDITOR (self));
  if (n_ids == self->selection->len &&
      (n_ids == 0 || memcmp (ids, self->selection->data, n_ids * sizeof (guint)) == 0))
    return;
  g_array_set_size (self->selection, 0);
  g_array_append_vals (self->selection, ids, n_ids);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

const GArray *
mdl_editor_get_selection (MdlEditor *self)
{
  return self->selection;
}

void
mdl_editor_delete_selection (MdlEditor *self)
{
  g_autoptr(GArray) ids = g_array_copy (self->selection);

  if (ids->len > 0)
    mdl_editor_remove (self, (const guint *) (void *) ids->data, ids->len);
}

MdlBoard *
mdl_editor_instantiate (MdlEditor *self, GError **error)
{
  g_autoptr(MdlBoard) board = mdl_board_doc_instantiate (self->doc, search_dirs, error);

  if (board == NULL || !mdl_board_load_firmware (board, error))
    return NULL;
  return g_steal_pointer (&board);
}
