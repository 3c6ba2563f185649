/* What the CPU views (registers, memory, disassembly, anatomy) share:
 * reading an address typed by a person, and a few formatting helpers.
 * Nothing outside the views uses it. */
#pragma once

#include <gtk/gtk.h>

#include "engine/runner.h"

G_BEGIN_DECLS

/* Evaluates @text for CPU @cpu: a number (0x…, decimal), a symbol of the
 * CPU's firmware, a register name or ABI alias ("sp", "pc", "a0"), or a
 * sum or difference of those ("sp+16", "main-4").  Registers are read from
 * @snap.  On failure says what was not understood. */
gboolean _mdl_cpu_views_eval (MdlRunner *runner, const MdlSnapshot *snap, guint cpu,
                              const char *text, guint64 *value, GError **error);

/* Whether @text names a register somewhere (so "follow" makes sense). */
gboolean _mdl_cpu_views_mentions_register (const MdlCpuClass *cls, const char *text);

/* "0x%0*x" at the register's width: 8 digits for 32 bits, 16 for 64. */
char    *_mdl_cpu_views_hex (guint64 value, guint bits);

/* The snapshot's CPU @cpu, or NULL when it has no such CPU. */
const MdlCpuSnapshot *_mdl_cpu_views_cpu (const MdlSnapshot *snap, guint cpu);

/* The monospace font description the drawn views use, at the widget's
 * font size. */
PangoFontDescription *_mdl_cpu_views_mono_font (GtkWidget *widget);

G_END_DECLS
