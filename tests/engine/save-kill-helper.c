/* Helper of test-save-atomic.py: saves a large board over and over, to be
 * killed at random moments, and checks what was left behind.
 *
 *   save-kill-helper dump a|b       the .dts text of each variant
 *   save-kill-helper loop PATH      saves a, b, a, b... to PATH forever
 *   save-kill-helper check PATH     loads PATH; exit 0 when it parses
 */
#include <stdio.h>
#include <string.h>

#include "engine/board-doc.h"
#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

/* A few hundred components: a save takes long enough that kills land in
 * the middle of writes. */
static MdlBoardDoc *
variant (char which)
{
  MdlBoardDoc *doc = mdl_board_doc_new ();
  const MdlDeviceClass *ram = mdl_registry_find_device ("medley,ram");
  unsigned n = which == 'a' ? 400 : 460;

  doc->model = g_strdup_printf ("variant %c", which);
  mdl_board_doc_add_cluster (doc, mdl_registry_find_cpu ("riscv,rv32imac"), 0, 0);
  for (unsigned i = 0; i < n; i++) {
    guint id = mdl_board_doc_add_device (doc, ram, 400, 40.0 * i);
    g_autofree char *size = g_strdup_printf ("%u KiB", 4 + i % 13);
    g_assert (mdl_board_doc_set_prop (doc, id, "size", size, NULL));
  }
  return doc;
}

int
main (int argc, char **argv)
{
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  if (argc == 3 && strcmp (argv[1], "dump") == 0) {
    g_autoptr(MdlBoardDoc) doc = variant (argv[2][0]);
    g_autofree char *text = mdl_board_doc_to_dts (doc);
    fputs (text, stdout);
    return 0;
  }
  if (argc == 3 && strcmp (argv[1], "loop") == 0) {
    g_autoptr(MdlBoardDoc) a = variant ('a');
    g_autoptr(MdlBoardDoc) b = variant ('b');
    for (unsigned i = 0;; i++) {
      g_autoptr(GError) error = NULL;
      if (!mdl_board_doc_save (i % 2 ? b : a, argv[2], &error)) {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
      if (i == 0) {   /* the test waits for the first complete file */
        printf ("saved\n");
        fflush (stdout);
      }
    }
  }
  if (argc == 3 && strcmp (argv[1], "check") == 0) {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (argv[2], &error);
    if (doc == NULL) {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
    printf ("%s %u\n", doc->model, doc->components->len);
    return 0;
  }
  fprintf (stderr, "usage: save-kill-helper dump a|b | loop PATH | check PATH\n");
  return 2;
}
