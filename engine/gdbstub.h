/* A GDB remote-serial-protocol server for one CPU of a running board.
 *
 * Each server listens on one TCP port (loopback unless told otherwise) and
 * serves one GDB client at a time; a second client on the same port is
 * refused (accepted and closed at once), never queued.  The client sees
 * one thread, the CPU, described by its class's target description
 * (MdlCpuClass.gdb_target_xml), so `gdb-multiarch` shows the registers of
 * a riscv32, riscv64 or Cortex-M core alike.
 *
 * The machine is never touched from the server's thread: registers and
 * memory go through mdl_runner_call, breakpoints, watchpoints, continue,
 * step and interrupt through the runner's commands.  Run control is
 * all-stop: whatever stops one CPU (its breakpoint, another CPU's, a pause
 * from the window) stops the whole machine, and every server whose client
 * is waiting for a stop is told.  A client whose own CPU did not cause the
 * stop gets T02 (SIGINT: "someone stopped the machine"), so GDB shows where
 * its CPU was without claiming a breakpoint of its own.  Continue resumes
 * every CPU; step moves only this one (the others wait).
 *
 * With several GDBs on one board (one per CPU), breakpoints must be in the
 * machine while another GDB runs it: use `set breakpoint always-inserted
 * on`, or GDB only inserts them when it resumes itself.  When this CPU
 * stops at its breakpoint or watchpoint while its GDB is not waiting
 * (another GDB ran the machine), the stop is kept, and this GDB's next
 * continue reports it at once instead of running past it; any run of the
 * machine in between forgets it.  A step of one CPU pauses the machine
 * first, so a GDB continuing at that moment hears SIGINT.
 *
 * Detaching (or a client that vanishes) removes that client's breakpoints
 * and watchpoints and resumes the machine.  Killing calls the kill function
 * (mdl_gdb_server_set_kill_func), by default a pause, and ends the session.
 * A guest exit is reported as W<code>, a machine stopped for good (a fatal
 * state, a deadlock) as SIGABRT with the reason on GDB's console.
 *
 * Memory accesses reach RAM and ROM only: device registers read as an
 * error, as reading them could change the device.
 */
#pragma once

#include <glib.h>

#include "runner.h"

G_BEGIN_DECLS

typedef struct MdlGdbServer MdlGdbServer;
/* Called on the server's thread when the client kills the target. */
typedef void (*MdlGdbKillFunc) (MdlGdbServer *server, void *data);

/* Listens on @host (NULL: 127.0.0.1) port @port (0: any free port) for
 * GDB clients debugging CPU @cpu of @runner, which must outlive the
 * server.  Fails when the CPU has no gdb description or the port cannot
 * be bound. */
MdlGdbServer *mdl_gdb_server_new  (MdlRunner *runner, unsigned cpu, const char *host,
                                   guint16 port, GError **error);
/* Closes the listener and the client (a client waiting for a guest that
 * has just ended gets its exit code first).  Not from the kill function. */
void          mdl_gdb_server_free (MdlGdbServer *server);

/* The port actually bound (useful after asking for port 0). */
guint16       mdl_gdb_server_port (MdlGdbServer *server);
unsigned      mdl_gdb_server_cpu  (MdlGdbServer *server);
/* Whether a client is connected right now. */
bool          mdl_gdb_server_has_client (MdlGdbServer *server);
/* Set before clients connect. */
void          mdl_gdb_server_set_kill_func (MdlGdbServer *server, MdlGdbKillFunc func,
                                            void *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdlGdbServer, mdl_gdb_server_free)

G_END_DECLS
