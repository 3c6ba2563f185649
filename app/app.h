/* The command line's pieces, shared inside app/. */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Exit statuses besides the guest's own code. */
enum {
  MDL_EXIT_GUEST_MAX   = 123,  /* a guest's codes 0..this pass through, others become 1 */
  MDL_EXIT_USAGE       = 2,    /* bad command line or input file */
  MDL_EXIT_TIME_LIMIT  = 124,  /* --max-time reached, like timeout(1) */
  MDL_EXIT_STOPPED     = 125,  /* deadlock or fatal guest state */
  MDL_EXIT_INTERRUPTED = 130,  /* Ctrl-C */
};

/* Registers the target and device tables with the engine. */
void mdl_app_register_classes (void);

/* Folders where boards and their firmware are looked up, NULL-terminated. */
const char *const *mdl_app_board_dirs (void);

/* The board `medley` opens with no arguments. */
char *mdl_app_default_board (void);

/* "10s", "250ms", "3us", "1.5s", "800ns", "100ps"; a bare number is seconds. */
bool mdl_parse_time (const char *text, uint64_t *ps, GError **error);

int mdl_run_command (int argc, char **argv);
