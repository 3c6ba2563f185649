/* MdlCacheView: one CPU's cache model (engine/cache-model.h), for
 * teaching.  For the instruction and the data cache it shows the
 * configuration, the hit and miss counts, and a grid of sets (rows) by
 * ways (columns) holding each line's tag, with dirty lines marked and the
 * line the last access touched highlighted (blue for a hit, orange for
 * the line a miss filled).  The data is the snapshot's MdlCacheSnapshot
 * for that CPU; without a model the view says how to give the CPU one.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-session.h"

G_BEGIN_DECLS

#define MDL_TYPE_CACHE_VIEW (mdl_cache_view_get_type ())
G_DECLARE_FINAL_TYPE (MdlCacheView, mdl_cache_view, MDL, CACHE_VIEW, GtkWidget)

GtkWidget *mdl_cache_view_new (void);

/* The machine and CPU to show, or NULL.  The view holds a reference on
 * @session and, while shown, follows its "updated" signal. */
void mdl_cache_view_set_session (MdlCacheView *self, MdlSession *session, guint cpu);
void mdl_cache_view_update      (MdlCacheView *self, const MdlSnapshot *snap);

/* For tests: the counts line shown for @side (0: instructions, 1: data),
 * "" without a cache there. */
const char *mdl_cache_view_get_counts_text (MdlCacheView *self, guint side);

G_END_DECLS
