/* MdlConsole: one UART's serial console, a VTE terminal.
 *
 * The console knows nothing of the machine: the window feeds it the bytes
 * the guest sent and hears "input" with what the person typed, so a
 * console outlives the runner it was attached to (its text stays readable
 * after the board is edited).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDL_TYPE_CONSOLE (mdl_console_get_type ())
G_DECLARE_FINAL_TYPE (MdlConsole, mdl_console, MDL, CONSOLE, GtkWidget)

MdlConsole *mdl_console_new (const char *title, guint uart);

const char *mdl_console_get_title (MdlConsole *self);
guint       mdl_console_get_uart  (MdlConsole *self);

/* Shows guest output; a bare "\n" also returns the carriage, as a tty's
 * onlcr would, since the guest talks to a UART, not a tty. */
void  mdl_console_feed  (MdlConsole *self, const guint8 *bytes, gsize len);
/* The machine's count of this UART's output bytes it threw away (nobody
 * read them in time); when it grows the console says so in its text. */
void  mdl_console_set_dropped (MdlConsole *self, guint64 dropped);
/* Clears the screen and scrollback (a reset machine starts afresh). */
void  mdl_console_clear (MdlConsole *self);
/* The VteTerminal inside (to style it, or to type into it in tests). */
GtkWidget *mdl_console_get_terminal (MdlConsole *self);
/* Everything on screen and in the scrollback, as plain text. */
char *mdl_console_get_text (MdlConsole *self);

G_END_DECLS
