/* Checks on an instruction's anatomy (MdlInsnInfo) shared by the ISA
 * tests of every architecture that has one. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/cpu.h"
#include "engine/machine.h"

/* Field @name spans [hi:lo], holds @value and says @meaning (NULL: not
 * looked at); fails the test naming the mnemonic when there is none. */
void check_field (const MdlInsnInfo *info, const char *name, unsigned hi, unsigned lo,
                  uint64_t value, const char *meaning);

/* The fields cover every bit of the encoding (16 or 32 of them, by
 * info->len) exactly once. */
void check_cover (const MdlInsnInfo *info);

/* The same, as a verdict: false when a bit is covered twice or not at
 * all, with @why saying which (for sweeps that name the encoding). */
gboolean anatomy_covers (const MdlInsnInfo *info, char *why, size_t size);

/* A machine with one CPU of @cls and 4 KiB of RAM at @ram_base, where
 * the tests put the instruction they ask about; with @reset the CPU is
 * reset to start there. */
typedef struct {
  MdlMachine *m;
  MdlCpu     *cpu;
  MdlRegion  *ram;
} AnatomyFixture;

void anatomy_setup    (AnatomyFixture *fx, const MdlCpuClass *cls, uint64_t ram_base,
                       gboolean reset);
void anatomy_teardown (AnatomyFixture *fx);
