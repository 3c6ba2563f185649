#define G_LOG_DOMAIN "medley-session"

/* The runner's notify comes on the engine thread.  It only queues one
 * idle on the main loop (an atomic flag coalesces a flood of
 * notifications into one), and that idle emits "updated", or arms a timer
 * for the next frame when the last emission is less than a frame old.
 * Both run below redraw priority, so a guest that publishes flat out never
 * starves painting or input.  The link outlives the session while an idle
 * still holds it: the idle then finds it detached. */

#include "mdl-session.h"

/* At most 60 emissions a second: a frame at the usual screen rate. */
#define FRAME_MS 16

typedef struct {
  gatomicrefcount ref;
  int             pending;   /* an idle is queued */
  MdlSession     *session;   /* main thread only; NULL once detached */
} Link;

struct _MdlSession {
  GObject      parent_instance;

  MdlRunner   *runner;
  Link        *link;         /* the runner's notify target */
  MdlSnapshot *snapshot;     /* the one handed out last */
  gint64       last_emit;    /* monotonic µs, 0: never */
  guint        frame_source; /* an emission waits for the next frame */
};

G_DEFINE_FINAL_TYPE (MdlSession, mdl_session, G_TYPE_OBJECT)

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static Link *
link_ref (Link *link)
{
  g_atomic_ref_count_inc (&link->ref);
  return link;
}

static void
link_unref (gpointer data)
{
  Link *link = data;

  if (g_atomic_ref_count_dec (&link->ref))
    g_free (link);
}

static void
emit_updated (MdlSession *self)
{
  g_autoptr(MdlSnapshot) snap = mdl_runner_snapshot (self->runner);

  g_clear_handle_id (&self->frame_source, g_source_remove);
  self->last_emit = g_get_monotonic_time ();
  g_clear_pointer (&self->snapshot, mdl_snapshot_unref);
  self->snapshot = mdl_snapshot_ref (snap);
  /* A handler may drop the last reference but one (a window discarding
   * its machine): the session stays until the emission is over. */
  g_object_ref (self);
  g_signal_emit (self, signals[UPDATED], 0, snap);
  g_object_unref (self);
}

static gboolean
frame_cb (gpointer data)
{
  MdlSession *self = data;

  self->frame_source = 0;
  emit_updated (self);
  return G_SOURCE_REMOVE;
}

/* Main loop: the engine has news. */
static void
news (MdlSession *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->last_emit) / 1000;

  if (self->frame_source != 0)
    return;
  if (self->last_emit == 0 || since_ms >= FRAME_MS)
    emit_updated (self);
  else
    self->frame_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE,
                                             (guint) (FRAME_MS - since_ms),
                                             frame_cb, self, NULL);
}

static gboolean
link_idle (gpointer data)
{
  Link *link = data;

  /* Cleared before reading, so news that arrives meanwhile queues another
   * idle rather than being missed. */
  g_atomic_int_set (&link->pending, 0);
  if (link->session != NULL)
    news (link->session);
  return G_SOURCE_REMOVE;
}

/* Engine thread.  g_main_context_invoke() is not used on purpose: from a
 * thread with no context of its own it may acquire the default context
 * and run the callback right here, on the engine thread. */
static void
runner_notify (void *data)
{
  Link *link = data;

  if (g_atomic_int_compare_and_exchange (&link->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, link_idle, link_ref (link), link_unref);
}

MdlSession *
mdl_session_new (MdlBoard *board)
{
  MdlSession *self;

  g_return_val_if_fail (board != NULL, NULL);

  self = g_object_new (MDL_TYPE_SESSION, NULL);
  self->link = g_new0 (Link, 1);
  g_atomic_ref_count_init (&self->link->ref);
  self->link->session = self;
  self->runner = mdl_runner_new (board, runner_notify, self->link);
  self->snapshot = mdl_runner_snapshot (self->runner);
  return self;
}

MdlRunner *
mdl_session_get_runner (MdlSession *self)
{
  g_return_val_if_fail (MDL_IS_SESSION (self), NULL);
  return self->runner;
}

MdlSnapshot *
mdl_session_ref_snapshot (MdlSession *self)
{
  g_return_val_if_fail (MDL_IS_SESSION (self), NULL);
  return mdl_snapshot_ref (self->snapshot);
}

void
mdl_session_update_now (MdlSession *self)
{
  g_return_if_fail (MDL_IS_SESSION (self));
  emit_updated (self);
}

static void
mdl_session_dispose (GObject *object)
{
  MdlSession *self = MDL_SESSION (object);

  g_clear_handle_id (&self->frame_source, g_source_remove);
  /* Freeing the runner joins the engine thread, so no notify can follow;
   * idles already queued find the link detached. */
  g_clear_pointer (&self->runner, mdl_runner_free);
  if (self->link != NULL) {
    self->link->session = NULL;
    g_clear_pointer (&self->link, link_unref);
  }
  g_clear_pointer (&self->snapshot, mdl_snapshot_unref);
  G_OBJECT_CLASS (mdl_session_parent_class)->dispose (object);
}

static void
mdl_session_class_init (MdlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdl_session_dispose;

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
mdl_session_init (MdlSession *self)
{
}
