/* The GDB remote protocol as a client could send it: each input goes over
 * a real loopback connection to a stub serving CPU 0 of the RV32 virt
 * board, and the connection is then dropped.  Exercises the framing
 * (acks, checksums, escapes, run-length, Ctrl-C), every packet handler and
 * the vanished-client path; the property checked besides memory safety is
 * that the stub is ready for the next client afterwards. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/board.h"
#include "engine/gdbstub.h"
#include "engine/registry.h"
#include "engine/runner.h"
#include "hw/devices.h"
#include "targets/targets.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static MdlGdbServer *server;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  MdlBoard *board;
  MdlRunner *runner;

  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);
  /* No firmware: the packets matter, not the guest (a continue runs into
   * a fetch fault at 0, which is a stop like any other). */
  board = mdl_board_load (MDL_SOURCE_ROOT "/boards/riscv32-virt.dts", NULL, &error);
  g_assert_no_error (error);
  mdl_machine_reset (board->machine);
  runner = mdl_runner_new (board, NULL, NULL);
  server = mdl_gdb_server_new (runner, 0, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  return 0;
}

/* libFuzzer's timeout timer (SIGALRM, no SA_RESTART) can interrupt a
 * connect() that sleeps, which a loaded machine makes possible even on
 * loopback; the connection then completes on its own, which poll() waits
 * for.  (A campaign run had one failed connect after 5,413 inputs that did
 * not reproduce; this is the likely cause, and any other failure now
 * says its errno.) */
static void
connect_to_stub (int fd, const struct sockaddr_in *addr)
{
  struct pollfd p = { .fd = fd, .events = POLLOUT };
  int err = 0;
  socklen_t len = sizeof err;

  if (connect (fd, (const struct sockaddr *) addr, sizeof *addr) == 0)
    return;
  if (errno == EINTR) {
    while (poll (&p, 1, 10000) < 0 && errno == EINTR) {
    }
    if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0 &&
        (p.revents & POLLOUT))
      return;
  } else {
    err = errno;
  }
  /* abort(), which libFuzzer reports with the input (g_error traps). */
  g_printerr ("cannot connect to the stub on port %u: %s\n", mdl_gdb_server_port (server),
              g_strerror (err ? err : errno));
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gint64 deadline;
  char buf[4096];

  g_assert (fd >= 0);
  addr.sin_port = htons (mdl_gdb_server_port (server));
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  connect_to_stub (fd, &addr);
  if (size > 0 && send (fd, data, size, MSG_NOSIGNAL) < 0) {
    /* The stub may have hung up already (it refuses some input): fine. */
  }
  /* Read what it answers for a moment, then vanish mid-session. */
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;
  for (;;) {
    struct pollfd p = { .fd = fd, .events = POLLIN };
    gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
    if (left <= 0 || poll (&p, 1, (int) left) <= 0 || read (fd, buf, sizeof buf) <= 0)
      break;
  }
  close (fd);
  /* The stub must notice and be free for the next client. */
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (mdl_gdb_server_has_client (server))
    g_assert (g_get_monotonic_time () < deadline);
  return 0;
}
