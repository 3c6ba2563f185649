/* Semihosting: `bkpt 0xab` asks the host for a service, r0 naming it and
 * r1 pointing at its arguments (or holding the argument).
 *
 * Always on, since no debugger is needed to answer.  Console output goes
 * to the machine's serial sink with no UART (mdl_machine_serial_out with
 * a NULL device).  The console is ":tt" (handle 1 for writing, 2 for
 * appending, i.e. stderr, 0 for reading, which reads end of file); the
 * ":semihosting-features" file says SYS_EXIT_EXTENDED is supported, so C
 * libraries pass the real exit status.  Unknown operations return -1.
 *
 * Exit codes, as QEMU gives them: SYS_EXIT with ADP_Stopped_ApplicationExit
 * is 0, with any other reason 1; SYS_EXIT_EXTENDED with
 * ADP_Stopped_ApplicationExit is its subcode, otherwise 1.
 */
#include "arm-cpu.h"

#include <string.h>

enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITEC = 0x03,
  SYS_WRITE0 = 0x04,
  SYS_WRITE = 0x05,
  SYS_READ = 0x06,
  SYS_READC = 0x07,
  SYS_ISERROR = 0x08,
  SYS_ISTTY = 0x09,
  SYS_SEEK = 0x0a,
  SYS_FLEN = 0x0c,
  SYS_CLOCK = 0x10,
  SYS_TIME = 0x11,
  SYS_ERRNO = 0x13,
  SYS_GET_CMDLINE = 0x15,
  SYS_HEAPINFO = 0x16,
  SYS_EXIT = 0x18,
  SYS_ELAPSED = 0x30,
  SYS_EXIT_EXTENDED = 0x20,
  SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* The handle of the features file; the console uses 0, 1 and 2. */
#define FEATURES_HANDLE 3

/* clang-format off */
static const uint8_t features[5] = {
  'S', 'H', 'F', 'B', 0x01,             /* SH_EXT_EXIT_EXTENDED */
};
/* clang-format on */

static bool
read_words (ArmCpu *s, uint32_t addr, uint32_t *w, unsigned n)
{
  uint8_t b[16];

  g_assert (n <= 4);
  if (!mdl_address_space_read_bytes (s->cpu.as, addr, b, 4 * n, NULL))
    return false;
  memcpy (w, b, 4 * n);
  return true;
}

static void
console_out (ArmCpu *s, const uint8_t *bytes, size_t len)
{
  mdl_machine_serial_out (s->cpu.machine, NULL, bytes, len);
}

static void
sys_exit (ArmCpu *s, uint32_t pc, int code, uint32_t reason)
{
  mdl_machine_stop (s->cpu.machine, MDL_STOP_GUEST_EXIT, code,
                    "semihosting exit on CPU %s at 0x%08x (reason 0x%x, "
                    "status %d)",
                    s->cpu.name, pc, reason, code);
}

void
arm_semihost (ArmCpu *s, uint32_t pc)
{
  uint32_t op = s->r[0], arg = s->r[1], w[4];
  uint32_t ret = UINT32_MAX;

  switch (op) {
  case SYS_WRITEC: {
    uint8_t c;

    if (mdl_address_space_read_bytes (s->cpu.as, arg, &c, 1, NULL))
      console_out (s, &c, 1);
    return; /* r0 is left as it was */
  }
  case SYS_WRITE0: {
    g_autoptr (GByteArray) text = g_byte_array_new ();
    uint8_t c;

    /* Bounded, so that a missing terminator cannot run away; read in
     * runs of 256 bytes (a byte at a time through the map, a string
     * without its terminator in 64 KiB of RAM took seconds: fuzz-arm
     * timeouts), a byte at a time only where a run is not all RAM. */
    for (uint32_t a = arg; text->len < 1u << 20;) {
      uint8_t run[256];
      const uint8_t *end;

      if (!mdl_address_space_read_bytes (s->cpu.as, a, run, sizeof run, NULL)) {
        if (!mdl_address_space_read_bytes (s->cpu.as, a, &c, 1, NULL) || c == 0)
          break;
        g_byte_array_append (text, &c, 1);
        a++;
        continue;
      }
      end = memchr (run, 0, sizeof run);
      g_byte_array_append (text, run, end != NULL ? (guint) (end - run) : (guint) sizeof run);
      if (end != NULL)
        break;
      a += sizeof run;
    }
    g_byte_array_set_size (text, MIN (text->len, 1u << 20));
    console_out (s, text->data, text->len);
    return;
  }
  case SYS_WRITE:
    if (!read_words (s, arg, w, 3))
      break;
    if (w[0] == 1 || w[0] == 2) {
      g_autofree uint8_t *buf = g_malloc (MAX (w[2], 1u));

      if (w[2] <= 1u << 24 && mdl_address_space_read_bytes (s->cpu.as, w[1], buf, w[2], NULL)) {
        console_out (s, buf, w[2]);
        ret = 0; /* bytes not written */
      } else
        ret = w[2];
    } else
      ret = w[2];
    break;
  case SYS_OPEN: {
    char name[24] = { 0 };

    if (!read_words (s, arg, w, 3) || w[2] >= sizeof name
        || !mdl_address_space_read_bytes (s->cpu.as, w[0], name, w[2], NULL))
      break;
    if (strcmp (name, ":tt") == 0)
      ret = w[1] < 4 ? 0 : w[1] < 8 ? 1 : 2;
    else if (strcmp (name, ":semihosting-features") == 0 && w[1] < 4) {
      ret = FEATURES_HANDLE;
      s->semihost_pos = 0;
    }
    break;
  }
  case SYS_CLOSE:
  case SYS_ISERROR: ret = 0; break;
  case SYS_ISTTY: ret = s->r[1] != 0 && read_words (s, arg, w, 1) && w[0] <= 2; break;
  case SYS_FLEN:
    if (read_words (s, arg, w, 1) && w[0] == FEATURES_HANDLE)
      ret = sizeof features;
    break;
  case SYS_SEEK:
    if (read_words (s, arg, w, 2) && w[0] == FEATURES_HANDLE) {
      s->semihost_pos = MIN (w[1], (uint32_t) sizeof features);
      ret = 0;
    }
    break;
  case SYS_READ:
    if (!read_words (s, arg, w, 3))
      break;
    if (w[0] == FEATURES_HANDLE) {
      uint32_t n = MIN (w[2], (uint32_t) sizeof features - s->semihost_pos);

      if (!mdl_address_space_write_bytes (s->cpu.as, w[1], features + s->semihost_pos, n, NULL))
        break;
      s->semihost_pos += n;
      ret = w[2] - n; /* bytes not read */
    } else
      ret = w[2]; /* the console reads end of file */
    break;
  case SYS_CLOCK:
    /* Centiseconds of virtual time. */
    ret = (uint32_t) (mdl_machine_now (s->cpu.machine) / (10 * MDL_PS_PER_MS));
    break;
  case SYS_TIME: ret = (uint32_t) (mdl_machine_now (s->cpu.machine) / MDL_PS_PER_S); break;
  case SYS_ERRNO: ret = 0; break;
  case SYS_GET_CMDLINE: {
    uint32_t zero = 0;

    if (read_words (s, arg, w, 2) && w[1] > 0
        && mdl_address_space_write_bytes (s->cpu.as, w[0], &zero, 1, NULL)
        && mdl_address_space_write_bytes (s->cpu.as, arg + 4, &zero, 4, NULL))
      ret = 0;
    break;
  }
  case SYS_HEAPINFO: {
    /* All zero: "unknown", the C library then uses its own symbols. */
    uint32_t zeros[4] = { 0 };

    if (read_words (s, arg, w, 1)
        && mdl_address_space_write_bytes (s->cpu.as, w[0], zeros, sizeof zeros, NULL))
      ret = 0;
    break;
  }
  case SYS_EXIT: sys_exit (s, pc, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1, arg); return;
  case SYS_EXIT_EXTENDED:
    if (!read_words (s, arg, w, 2))
      w[0] = w[1] = 1;
    sys_exit (s, pc, w[0] == ADP_STOPPED_APPLICATION_EXIT ? (int) w[1] : 1, w[0]);
    return;
  default: break;
  }
  s->r[0] = ret;
}
