/* MdlInspector: the properties of the selected component, as a form.
 *
 * One row per property, chosen by its MdlPropType (hex address, sizes and
 * frequencies with units, switches, files with a chooser, the CPU model
 * from the registry), plus the component's name.  Text is applied through
 * the editor shortly after the user stops typing (and at once on Enter or
 * when the field loses focus); a refused value keeps the document as it
 * was and shows the reason under the field, which turns red.  Problems the
 * editor reports for the component (overlaps, missing firmware) show under
 * the property at fault, or at the top of the form.
 *
 * With nothing selected the inspector says so; with several components
 * selected it says how many.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-editor.h"

G_BEGIN_DECLS

#define MDL_TYPE_INSPECTOR (mdl_inspector_get_type ())
G_DECLARE_FINAL_TYPE (MdlInspector, mdl_inspector, MDL, INSPECTOR, GtkWidget)

MdlInspector *mdl_inspector_new        (MdlEditor *editor);
MdlEditor    *mdl_inspector_get_editor (MdlInspector *self);
void          mdl_inspector_set_editor (MdlInspector *self, MdlEditor *editor);

G_END_DECLS
