/* What the GUI tests look at inside MdlInspector. */
#pragma once

#include "mdl-inspector.h"

G_BEGIN_DECLS

/* "empty", "multi" or "form". */
const char *_mdl_inspector_get_page (MdlInspector *self);
/* The row editing @prop (NULL: the name), or NULL when not shown. */
GtkWidget  *_mdl_inspector_get_field (MdlInspector *self, const char *prop);
/* The message shown under @prop's row (error or problem), or NULL. */
const char *_mdl_inspector_get_message (MdlInspector *self, const char *prop);
/* The "Stop on Exceptions" check of @cause (a cluster's form), or NULL. */
GtkWidget  *_mdl_inspector_get_stop_check (MdlInspector *self, const char *cause);
/* Applies what was typed now instead of after the typing pause. */
void        _mdl_inspector_flush (MdlInspector *self);

G_END_DECLS
