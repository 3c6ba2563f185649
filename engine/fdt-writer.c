#define G_LOG_DOMAIN "mdl-fdt-writer"

#include "fdt-writer.h"

#include <libfdt.h>
#include <string.h>

#include "error.h"

struct MdlFdtWriter {
  void    *fdt;
  size_t   size;
  unsigned depth;   /* nodes open: libfdt's sequential writer keeps no count */
  int      err;     /* first libfdt error, 0 while fine */
};

/* Past this a tree is no board's: stop growing rather than eat memory. */
#define MAX_SIZE ((size_t) 64 << 20)

static void
latch (MdlFdtWriter *w, int r)
{
  if (r < 0 && w->err == 0)
    w->err = r;
}

/* Whether to try the call again: it ran out of room and the buffer could
 * grow.  libfdt leaves the tree as it was when a call finds no room (it
 * takes back a property name it had just added), so a retry is exact. */
static bool
again (MdlFdtWriter *w, int r)
{
  void *bigger;

  if (r != -FDT_ERR_NOSPACE || w->size >= MAX_SIZE) {
    latch (w, r);
    return false;
  }
  bigger = g_malloc0 (w->size * 2);
  r = fdt_resize (w->fdt, bigger, (int) (w->size * 2));
  if (r < 0) {
    g_free (bigger);
    latch (w, r);
    return false;
  }
  g_free (w->fdt);
  w->fdt = bigger;
  w->size *= 2;
  return true;
}

MdlFdtWriter *
mdl_fdt_writer_new (size_t size_hint)
{
  MdlFdtWriter *w = g_new0 (MdlFdtWriter, 1);

  /* The header and an empty reservation map need about 64 bytes. */
  w->size = size_hint ? MAX (size_hint, 128) : 16 * 1024;
  w->fdt = g_malloc0 (w->size);
  latch (w, fdt_create (w->fdt, (int) w->size));
  if (w->err == 0)
    while (again (w, fdt_finish_reservemap (w->fdt)))
      ;
  return w;
}

void
mdl_fdt_writer_free (MdlFdtWriter *w)
{
  if (w == NULL)
    return;
  g_free (w->fdt);
  g_free (w);
}

const char *
mdl_fdt_writer_error (const MdlFdtWriter *w)
{
  return w->err != 0 ? fdt_strerror (w->err) : NULL;
}

GBytes *
mdl_fdt_writer_finish (MdlFdtWriter *w, size_t slack, GError **error)
{
  uint8_t *out;
  size_t total;

  if (w->err == 0 && w->depth != 0)
    latch (w, -FDT_ERR_BADSTRUCTURE);
  if (w->err == 0)
    while (again (w, fdt_finish (w->fdt)))
      ;
  if (w->err == 0) {
    /* Room for the guest to grow the tree in place. */
    total = fdt_totalsize (w->fdt) + slack;
    out = g_malloc0 (total);
    latch (w, total > G_MAXINT ? -FDT_ERR_NOSPACE : fdt_open_into (w->fdt, out, (int) total));
    if (w->err == 0)
      return g_bytes_new_take (out, total);
    g_free (out);
  }
  g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "%s", fdt_strerror (w->err));
  return NULL;
}

void
mdl_fdt_begin_node (MdlFdtWriter *w, const char *name)
{
  if (w->err != 0)
    return;
  while (again (w, fdt_begin_node (w->fdt, name)))
    ;
  w->depth++;
}

void
mdl_fdt_end_node (MdlFdtWriter *w)
{
  if (w->err != 0)
    return;
  if (w->depth == 0) {
    latch (w, -FDT_ERR_BADSTRUCTURE);
    return;
  }
  while (again (w, fdt_end_node (w->fdt)))
    ;
  w->depth--;
}

static void
prop (MdlFdtWriter *w, const char *name, const void *value, size_t len)
{
  if (w->err != 0)
    return;
  if (len > MAX_SIZE) {
    latch (w, -FDT_ERR_NOSPACE);
    return;
  }
  while (again (w, fdt_property (w->fdt, name, value, (int) len)))
    ;
}

void
mdl_fdt_prop_empty (MdlFdtWriter *w, const char *name)
{
  prop (w, name, NULL, 0);
}

void
mdl_fdt_prop_u32 (MdlFdtWriter *w, const char *name, uint32_t value)
{
  fdt32_t cell = cpu_to_fdt32 (value);

  prop (w, name, &cell, sizeof cell);
}

void
mdl_fdt_prop_u64 (MdlFdtWriter *w, const char *name, uint64_t value)
{
  fdt64_t cells = cpu_to_fdt64 (value);

  prop (w, name, &cells, sizeof cells);
}

void
mdl_fdt_prop_number (MdlFdtWriter *w, const char *name, uint64_t value)
{
  if (value <= G_MAXUINT32)
    mdl_fdt_prop_u32 (w, name, (uint32_t) value);
  else
    mdl_fdt_prop_u64 (w, name, value);
}

void
mdl_fdt_prop_string (MdlFdtWriter *w, const char *name, const char *value)
{
  prop (w, name, value, strlen (value) + 1);
}

void
mdl_fdt_prop_strings (MdlFdtWriter *w, const char *name, const char *const *list)
{
  g_autoptr(GString) s = g_string_new (NULL);

  /* Each with its NUL: the property is the strings one after another. */
  for (unsigned i = 0; list[i] != NULL; i++)
    g_string_append_len (s, list[i], (gssize) strlen (list[i]) + 1);
  prop (w, name, s->str, s->len);
}

void
mdl_fdt_prop_cells (MdlFdtWriter *w, const char *name, const uint32_t *cells, size_t n)
{
  g_autofree fdt32_t *be = g_new (fdt32_t, MAX (n, 1));

  for (size_t i = 0; i < n; i++)
    be[i] = cpu_to_fdt32 (cells[i]);
  prop (w, name, be, n * sizeof *be);
}
