/* `medley run --screenshot`: the display's last frame as a PNG file. */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "engine/machine.h"

/* Renders the first display of @m (engine/device-view.h) at the guest's
 * own size and writes it to @path as PNG.  Fails, saying why, when the
 * board has no framebuffer or the file cannot be written.  Call it on the
 * thread that runs @m, once the run is over. */
bool mdl_app_save_screenshot (MdlMachine *m, const char *path, GError **error);
