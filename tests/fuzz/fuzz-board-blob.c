/* The board walker on arbitrary device-tree blobs, not only what dtc
 * makes: the blob is checked, walked into a document, written back as
 * .dts, copied, and built into a machine (with memory capped so that a
 * board asking for gigabytes is refused, not allocated). */
#include <stdint.h>
#include <stdlib.h>

#include "engine/board-doc.h"
#include "engine/board.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  /* libFuzzer reports any malloc above its limit (2 GiB) as a crash; the
   * cap is what a user sets MEDLEY_MAX_MEMORY to on a small host. */
  g_setenv ("MEDLEY_MAX_MEMORY", "64 MiB", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_from_blob (data, size, "fuzz.dtb", &error);
  g_autoptr(MdlBoardDoc) copy = NULL;
  g_autoptr(MdlBoard) board = NULL;
  g_autofree char *dts = NULL;

  if (doc == NULL) {
    g_assert (error != NULL && error->message != NULL);
    return 0;
  }
  dts = mdl_board_doc_to_dts (doc);
  copy = mdl_board_doc_copy (doc);
  /* Relative paths (ROM images) resolve in a folder with nothing in it. */
  copy->path = g_strdup ("/nonexistent/fuzz.dts");
  board = mdl_board_doc_instantiate (copy, NULL, &error);
  if (board != NULL)
    mdl_machine_reset (board->machine);
  return 0;
}
