/* MdlPalette: every CPU and device class Medley can build, to drag onto
 * the canvas.
 *
 * Classes come from the registry, grouped (CPUs by architecture, then
 * devices by MdlDeviceGroup) and filtered by the search field on name,
 * description and compatible.  A row is dragged as the string
 * "cpu:<class name>" or "device:<compatible>"; activating it (double-click,
 * Enter) activates "win.add-component" with the same string.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdl-editor.h"

G_BEGIN_DECLS

#define MDL_TYPE_PALETTE (mdl_palette_get_type ())
G_DECLARE_FINAL_TYPE (MdlPalette, mdl_palette, MDL, PALETTE, GtkWidget)

/* @editor is kept for symmetry with the other board views (may be NULL):
 * the palette only reads the registry. */
MdlPalette *mdl_palette_new (MdlEditor *editor);

/* Rebuilds the rows, for when the registry was filled after creation. */
void mdl_palette_reload (MdlPalette *self);

/* The symbolic icon the palette shows for a device group; the canvas
 * marks devices' cards with the same. */
const char *mdl_palette_group_icon (MdlDeviceGroup group);

G_END_DECLS
