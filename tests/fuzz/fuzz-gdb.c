/* The GDB remote protocol as a client could send it: each input goes over
 * a real loopback connection to a stub serving CPU 0 of the RV32 virt
 * board, and the connection is then dropped.  Exercises the framing
 * (acks, checksums, escapes, run-length, Ctrl-C), every packet handler and
 * the vanished-client path; the property checked besides memory safety is
 * that the stub is ready for the next client afterwards. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
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

/* One connection serves up to this many inputs, each followed by a sync
 * packet whose answer says the stub has handled everything before it;
 * then the client vanishes and the stub must be free for the next one.
 * A connection per input waiting a fixed 20 ms for answers ran at about
 * 45 inputs a second; this is the same traffic without the waiting. */
#define INPUTS_PER_CONNECTION 16

static int client = -1;
static unsigned served;

/* Ends a partial packet (a '#' and two checksum characters, whatever came
 * before), interrupts a machine the input resumed (a Ctrl-C is ignored
 * otherwise), then asks qC, whose answer comes after every answer owed to
 * the input.  An input that ends in the same answer only ends the wait
 * early, which is a client reading less than it could. */
static const char sync_packet[] = "#00\x03$qC#b4";
static const char sync_answer[] = "$QC1#c5";

static void
drop_client (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  close (client);
  client = -1;
  served = 0;
  /* The stub must notice and be free for the next client. */
  while (mdl_gdb_server_has_client (server)) {
    if (g_get_monotonic_time () > deadline) {
      g_printerr ("the stub still serves a client that went away 5 s ago\n");
      abort ();
    }
    g_usleep (20);
  }
}

/* Reads the stub's answers up to the sync's; false when it hung up. */
static bool
read_to_sync (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  char buf[4096 + sizeof sync_answer];

  size_t kept = 0;

  for (;;) {
    struct pollfd p = { .fd = client, .events = POLLIN };
    gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
    ssize_t n;
    int r;

    if (left <= 0) {
      g_printerr ("the stub did not answer a qC within 5 s\n");
      abort ();
    }
    r = poll (&p, 1, (int) left);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      continue;
    n = read (client, buf + kept, sizeof buf - kept);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    kept += (size_t) n;
    for (size_t i = 0; i + sizeof sync_answer - 1 <= kept; i++)
      if (memcmp (buf + i, sync_answer, sizeof sync_answer - 1) == 0)
        return true;
    /* Keep the tail, in case the answer is split across reads. */
    if (kept >= sizeof sync_answer - 1) {
      memmove (buf, buf + kept - (sizeof sync_answer - 1), sizeof sync_answer - 1);
      kept = sizeof sync_answer - 1;
    }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  bool open;

  if (client < 0) {
    struct sockaddr_in addr = { .sin_family = AF_INET };
    int one = 1;

    client = socket (AF_INET, SOCK_STREAM, 0);
    g_assert (client >= 0);
    /* The sync follows the input at once: no Nagle delay (as in gdb). */
    setsockopt (client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    addr.sin_port = htons (mdl_gdb_server_port (server));
    addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
    connect_to_stub (client, &addr);
  }
  /* The stub may have hung up already (it refuses some input, and D or k
   * end the session): a failed send shows as EOF below. */
  if (size > 0 && send (client, data, size, MSG_NOSIGNAL) < 0) {
  }
  if (send (client, sync_packet, sizeof sync_packet - 1, MSG_NOSIGNAL) < 0) {
  }
  open = read_to_sync ();
  /* Vanish mid-session regularly, and always after a hang-up. */
  if (!open || ++served == INPUTS_PER_CONNECTION)
    drop_client ();
  return 0;
}
