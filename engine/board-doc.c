#define G_LOG_DOMAIN "mdl-board-doc"

#include "board-doc.h"

#include <errno.h>
#include <gelf.h>
#include <libfdt.h>
#include <string.h>
#include <sys/wait.h>

#include "error.h"
#include "registry.h"

#define DEFAULT_CPU_HZ      UINT64_C (1000000000)
#define DEFAULT_TIMEBASE_HZ UINT64_C (10000000)
#define MAX_HARTS           64

/* ---- property tables ----------------------------------------------------- */

static const MdlPropInfo cluster_props[] = {
  { "cpu", MDL_PROP_CPU, N_("CPU model (instruction set)"), 0, "rv32imac", true },
  { "harts", MDL_PROP_U32, N_("Identical CPUs in the cluster"), 1, NULL, true },
  { "clock-frequency", MDL_PROP_FREQ, N_("Clock of each CPU"), DEFAULT_CPU_HZ, NULL, true },
  { "timebase-frequency", MDL_PROP_FREQ, N_("Rate of the architectural timer"),
    DEFAULT_TIMEBASE_HZ, NULL, false },
  { "firmware", MDL_PROP_FILE, N_("ELF program the cluster runs"), 0, NULL, false },
  /* For firmware that boots a next stage (OpenSBI, then U-Boot). */
  { "payload", MDL_PROP_FILE, N_("Next stage loaded with the firmware: ELF, or a raw binary "
    "at payload-address"), 0, NULL, false },
  { "payload-address", MDL_PROP_ADDR, N_("Where a raw payload is loaded"), 0, NULL, false },
  { "device-tree", MDL_PROP_BOOL, N_("Give the CPUs this cluster's device tree at reset "
    "(RISC-V: its address in a1)"), 0, NULL, false },
  { "fdt-address", MDL_PROP_ADDR, N_("Where the device tree goes (0: near the top of RAM)"),
    0, NULL, false },
  { "bootargs", MDL_PROP_STRING, N_("Command line in the device tree's /chosen"), 0, NULL,
    false },
  { "opensbi-dynamic", MDL_PROP_BOOL, N_("The firmware is OpenSBI's fw_dynamic: tell it the "
    "payload is next (RISC-V: a2)"), 0, NULL, false },
};
enum { CP_CPU, CP_HARTS, CP_CLOCK, CP_TIMEBASE, CP_FIRMWARE, CP_PAYLOAD, CP_PAYLOAD_ADDR,
       CP_DEVICE_TREE, CP_FDT_ADDR, CP_BOOTARGS, CP_OPENSBI_DYNAMIC };

static const MdlPropInfo reg_props[] = {
  { "reg", MDL_PROP_ADDR, N_("Base address of the registers or memory"), 0, NULL, true },
  { "size", MDL_PROP_SIZE, N_("Size of the window"), 0, NULL, true },
};

/* Per device class: "reg" and "size" (when it has a window) followed by
 * the class's own properties.  Built once per class, kept for the life of
 * the program like the classes themselves. */
static const MdlPropInfo *
device_props (const MdlDeviceClass *cls, unsigned *n)
{
  static GHashTable *cache;
  static GMutex lock;
  GArray *props;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  props = g_hash_table_lookup (cache, cls);
  if (props == NULL) {
    props = g_array_new (FALSE, FALSE, sizeof (MdlPropInfo));
    if (cls->n_regions > 0) {
      MdlPropInfo size = reg_props[1];
      size.default_u64 = cls->default_size ? cls->default_size : 0x1000;
      g_array_append_val (props, reg_props[0]);
      g_array_append_val (props, size);
    }
    g_array_append_vals (props, cls->props, cls->n_props);
    g_hash_table_insert (cache, (gpointer) cls, props);
  }
  g_mutex_unlock (&lock);
  *n = props->len;
  return (const MdlPropInfo *) (void *) props->data;
}

/* ---- components ---------------------------------------------------------- */

static MdlComponent *
component_new (MdlBoardDoc *doc, MdlComponentKind kind, const char *name,
               const MdlPropInfo *props, unsigned n_props)
{
  MdlComponent *c = g_new0 (MdlComponent, 1);

  c->id = ++doc->next_id;
  c->kind = kind;
  c->name = g_strdup (name);
  c->props = props;
  c->n_props = n_props;
  c->values = g_new0 (MdlPropValue, MAX (n_props, 1));
  for (unsigned i = 0; i < n_props; i++) {
    c->values[i].u64 = props[i].default_u64;
    c->values[i].str = g_strdup (props[i].default_str);
  }
  g_ptr_array_add (doc->components, c);
  return c;
}

static void
component_free (MdlComponent *c)
{
  for (unsigned i = 0; i < c->n_props; i++)
    g_free (c->values[i].str);
  g_free (c->values);
  g_free (c->name);
  g_free (c->source);
  g_free (c);
}

static MdlComponent *
component_copy (const MdlComponent *c)
{
  MdlComponent *n = g_memdup2 (c, sizeof *c);

  n->name = g_strdup (c->name);
  n->source = g_strdup (c->source);
  n->values = g_memdup2 (c->values, sizeof (MdlPropValue) * MAX (c->n_props, 1));
  for (unsigned i = 0; i < c->n_props; i++)
    n->values[i].str = g_strdup (c->values[i].str);
  return n;
}

int
mdl_component_find_prop (const MdlComponent *c, const char *name)
{
  for (unsigned i = 0; i < c->n_props; i++)
    if (strcmp (c->props[i].name, name) == 0)
      return (int) i;
  return -1;
}

uint64_t
mdl_component_u64 (const MdlComponent *c, const char *name)
{
  int i = mdl_component_find_prop (c, name);

  return i >= 0 ? c->values[i].u64 : 0;
}

const char *
mdl_component_str (const MdlComponent *c, const char *name)
{
  int i = mdl_component_find_prop (c, name);

  return i >= 0 ? c->values[i].str : NULL;
}

static bool
has_window (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_DEVICE && c->dev_cls->n_regions > 0;
}

/* ---- the document -------------------------------------------------------- */

MdlBoardDoc *
mdl_board_doc_new (void)
{
  MdlBoardDoc *doc = g_new0 (MdlBoardDoc, 1);

  doc->components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  doc->wires = g_array_new (FALSE, FALSE, sizeof (MdlWire));
  return doc;
}

MdlBoardDoc *
mdl_board_doc_copy (const MdlBoardDoc *doc)
{
  MdlBoardDoc *n = mdl_board_doc_new ();

  n->path = g_strdup (doc->path);
  n->model = g_strdup (doc->model);
  n->next_id = doc->next_id;
  n->quantum_ps = doc->quantum_ps;
  for (guint i = 0; i < doc->components->len; i++)
    g_ptr_array_add (n->components, component_copy (g_ptr_array_index (doc->components, i)));
  g_array_append_vals (n->wires, doc->wires->data, doc->wires->len);
  return n;
}

void
mdl_board_doc_free (MdlBoardDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->components);
  g_array_unref (doc->wires);
  g_free (doc->path);
  g_free (doc->model);
  g_free (doc);
}

MdlComponent *
mdl_board_doc_find (const MdlBoardDoc *doc, guint id)
{
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->id == id)
      return c;
  }
  return NULL;
}

MdlComponent *
mdl_board_doc_find_by_name (const MdlBoardDoc *doc, const char *name)
{
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (g_strcmp0 (c->name, name) == 0)
      return c;
  }
  return NULL;
}

static bool
valid_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return false;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return false;
  return strlen (name) <= 31;
}

/* "uart" -> "uart0", "uart1", ...: the first free one. */
static char *
fresh_name (const MdlBoardDoc *doc, const char *base)
{
  for (unsigned i = 0;; i++) {
    char *name = g_strdup_printf ("%s%u", base, i);
    if (mdl_board_doc_find_by_name (doc, name) == NULL)
      return name;
    g_free (name);
  }
}

static const char *
group_base_name (const MdlDeviceClass *cls)
{
  switch (cls->group) {
  case MDL_GROUP_MEMORY:     return g_str_has_suffix (cls->compatible, "rom") ? "rom" : "ram";
  case MDL_GROUP_SERIAL:     return "uart";
  case MDL_GROUP_TIMERS:     return "timer";
  case MDL_GROUP_INTERRUPTS: return "intc";
  case MDL_GROUP_MAILBOXES:  return "mbox";
  case MDL_GROUP_DISPLAY:    return "display";
  case MDL_GROUP_PARTS:      return "part";
  case MDL_GROUP_OTHER:
  default:                   return "dev";
  }
}

/* Device-tree generic node names, from the palette group. */
static const char *
group_node_name (const MdlDeviceClass *cls)
{
  switch (cls->group) {
  case MDL_GROUP_MEMORY:     return "memory";
  case MDL_GROUP_SERIAL:     return "serial";
  case MDL_GROUP_TIMERS:     return "timer";
  case MDL_GROUP_INTERRUPTS: return "interrupt-controller";
  case MDL_GROUP_MAILBOXES:  return "mailbox";
  case MDL_GROUP_DISPLAY:    return "display";
  case MDL_GROUP_OTHER:
  default:                   return "device";
  }
}

static bool
ranges_overlap (uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
  return asize && bsize && a <= b + (bsize - 1) && b <= a + (asize - 1);
}

/* The lowest @size-aligned address at or above @from not used by any
 * device of the document. */
static uint64_t
free_address (const MdlBoardDoc *doc, uint64_t from, uint64_t size, guint except)
{
  uint64_t align = 0x1000, addr;

  while (align < size && align < (UINT64_C (1) << 30))
    align <<= 1;
  addr = (from + align - 1) & ~(align - 1);
  for (bool moved = true; moved;) {
    moved = false;
    for (guint i = 0; i < doc->components->len; i++) {
      MdlComponent *c = g_ptr_array_index (doc->components, i);
      uint64_t base, csize;

      if (!has_window (c) || c->id == except)
        continue;
      base = mdl_component_u64 (c, "reg");
      csize = mdl_component_u64 (c, "size");
      if (ranges_overlap (addr, size, base, csize)) {
        addr = (base + csize + align - 1) & ~(align - 1);
        moved = true;
      }
    }
  }
  return addr;
}

guint
mdl_board_doc_add_cluster (MdlBoardDoc *doc, const MdlCpuClass *cls, double x, double y)
{
  g_autofree char *name = fresh_name (doc, "cpu");
  MdlComponent *c = component_new (doc, MDL_COMPONENT_CLUSTER, name, cluster_props,
                                   G_N_ELEMENTS (cluster_props));

  c->cpu_cls = cls;
  g_free (c->values[CP_CPU].str);
  c->values[CP_CPU].str = g_strdup (cls->name);
  c->x = x;
  c->y = y;
  return c->id;
}

guint
mdl_board_doc_add_device (MdlBoardDoc *doc, const MdlDeviceClass *cls, double x, double y)
{
  g_autofree char *name = fresh_name (doc, group_base_name (cls));
  unsigned n;
  const MdlPropInfo *props = device_props (cls, &n);
  MdlComponent *c = component_new (doc, MDL_COMPONENT_DEVICE, name, props, n);

  c->dev_cls = cls;
  c->x = x;
  c->y = y;
  if (has_window (c)) {
    uint64_t from = cls->group == MDL_GROUP_MEMORY ? UINT64_C (0x80000000)
                                                   : UINT64_C (0x10000000);
    c->values[0].u64 = free_address (doc, from, c->values[1].u64, c->id);
  }
  return c->id;
}

void
mdl_board_doc_remove (MdlBoardDoc *doc, guint id)
{
  for (guint i = doc->wires->len; i > 0; i--) {
    MdlWire *w = &g_array_index (doc->wires, MdlWire, i - 1);
    if (w->from == id || w->to == id)
      g_array_remove_index (doc->wires, i - 1);
  }
  for (guint i = 0; i < doc->components->len; i++)
    if (((MdlComponent *) g_ptr_array_index (doc->components, i))->id == id) {
      g_ptr_array_remove_index (doc->components, i);
      break;
    }
}

void
mdl_board_doc_move (MdlBoardDoc *doc, guint id, double x, double y)
{
  MdlComponent *c = mdl_board_doc_find (doc, id);

  if (c != NULL) {
    c->x = x;
    c->y = y;
  }
}

bool
mdl_board_doc_rename (MdlBoardDoc *doc, guint id, const char *name, GError **error)
{
  MdlComponent *c = mdl_board_doc_find (doc, id), *other;

  g_return_val_if_fail (c != NULL, false);
  if (!valid_name (name)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "A name is a letter or _ followed by letters, digits or _ "
                 "(at most 31)");
    return false;
  }
  other = mdl_board_doc_find_by_name (doc, name);
  if (other != NULL && other != c) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "Another component is already called %s", name);
    return false;
  }
  g_free (c->name);
  c->name = g_strdup (name);
  return true;
}

/* ---- values as text ------------------------------------------------------- */

/* A non-negative number (0x.., 0b.. or decimal with a fraction) at the
 * start of @text, which has no digit-group underscores; *rest is what
 * follows it, spaces skipped. */
static bool
parse_number (const char *text, double *value, const char **rest)
{
  char *end = NULL;

  while (*text == ' ')
    text++;
  if (g_str_has_prefix (text, "0x") || g_str_has_prefix (text, "0X") ||
      g_str_has_prefix (text, "0b")) {
    guint64 v = g_ascii_strtoull (text + 2, &end, text[1] == 'b' ? 2 : 16);
    if (end == text + 2)
      return false;
    *value = (double) v;
  } else {
    *value = g_ascii_strtod (text, &end);
    if (end == text || *value < 0 || !g_ascii_isdigit (*text))
      return false;
  }
  while (*end == ' ')
    end++;
  *rest = end;
  return true;
}

/* Copies @text without the underscores people use to group digits. */
static char *
without_underscores (const char *text)
{
  char *clean = g_strdup (text), *w = clean;

  for (const char *p = text; *p; p++)
    if (*p != '_')
      *w++ = *p;
  *w = '\0';
  return g_strstrip (clean);
}

/* Exact integers only: 0x... or decimal, for addresses and counts. */
static bool
parse_integer (const char *text, uint64_t max, uint64_t *out)
{
  g_autofree char *clean = without_underscores (text);
  char *end = NULL;
  guint64 v;
  int base = 10;
  const char *digits = clean;

  if (g_str_has_prefix (clean, "0x") || g_str_has_prefix (clean, "0X"))
    base = 16, digits = clean + 2;
  else if (g_str_has_prefix (clean, "0b"))
    base = 2, digits = clean + 2;
  if (*digits == '\0' || *digits == '-')
    return false;
  errno = 0;
  v = g_ascii_strtoull (digits, &end, base);
  if (*end != '\0' || errno != 0 || v > max)
    return false;
  *out = v;
  return true;
}

static bool
parse_scaled (const char *text, const char *const *units, const double *scales,
              uint64_t *out)
{
  g_autofree char *clean = without_underscores (text);
  const char *rest;
  double v;

  if (!parse_number (clean, &v, &rest))
    return false;
  for (unsigned i = 0; units[i]; i++)
    if (g_ascii_strcasecmp (rest, units[i]) == 0) {
      double r = v * scales[i];
      if (r >= 1.8e19 || r != (double) (uint64_t) r)
        return false;   /* too large, or not a whole number of units */
      *out = (uint64_t) r;
      return true;
    }
  return false;
}

bool
mdl_board_doc_set_prop (MdlBoardDoc *doc, guint id, const char *prop,
                        const char *text, GError **error)
{
  static const char *const size_units[] = { "", "B", "K", "KB", "KiB", "M", "MB", "MiB",
                                            "G", "GB", "GiB", NULL };
  static const double size_scales[] = { 1, 1, 1024, 1024, 1024, 1048576, 1048576, 1048576,
                                        1073741824, 1073741824, 1073741824 };
  static const char *const freq_units[] = { "", "Hz", "kHz", "MHz", "GHz", NULL };
  static const double freq_scales[] = { 1, 1, 1e3, 1e6, 1e9 };
  MdlComponent *c = mdl_board_doc_find (doc, id);
  const MdlPropInfo *info;
  MdlPropValue *val;
  uint64_t v = 0;
  int i;

  g_return_val_if_fail (c != NULL, false);
  if ((i = mdl_component_find_prop (c, prop)) < 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "%s has no property %s",
                 c->name, prop);
    return false;
  }
  info = &c->props[i];
  val = &c->values[i];
  text = text ? text : "";

  switch (info->type) {
  case MDL_PROP_ADDR:
  case MDL_PROP_U64:
  case MDL_PROP_U32:
    if (!parse_integer (text, info->type == MDL_PROP_U32 ? G_MAXUINT32 : G_MAXUINT64, &v)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   info->type == MDL_PROP_ADDR ? "Not an address: write it like 0x10000000"
                                               : "Not a whole number%s",
                   info->type == MDL_PROP_U32 ? " below 2^32" : "");
      return false;
    }
    if (strcmp (prop, "harts") == 0 && (v < 1 || v > MAX_HARTS)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "A cluster has 1 to %d CPUs", MAX_HARTS);
      return false;
    }
    val->u64 = v;
    break;
  case MDL_PROP_SIZE:
    if (!parse_scaled (text, size_units, size_scales, &v) || v == 0) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "Not a size: write it like 64 MiB, 4 KiB or 0x1000");
      return false;
    }
    val->u64 = v;
    break;
  case MDL_PROP_FREQ:
    if (!parse_scaled (text, freq_units, freq_scales, &v) || v == 0 ||
        v > UINT64_C (1000000000000)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "Not a frequency: write it like 100 MHz or 32768 Hz");
      return false;
    }
    val->u64 = v;
    break;
  case MDL_PROP_BOOL:
    if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
        g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "on") == 0)
      val->u64 = 1;
    else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 ||
             g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "off") == 0)
      val->u64 = 0;
    else {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "Write true or false");
      return false;
    }
    break;
  case MDL_PROP_CPU: {
    const MdlCpuClass *cls = mdl_registry_find_cpu_by_name (text);
    if (cls == NULL) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "No CPU model is called %s", text);
      return false;
    }
    c->cpu_cls = cls;
    g_free (val->str);
    val->str = g_strdup (text);
    break;
  }
  case MDL_PROP_STRING:
  case MDL_PROP_FILE:
    g_free (val->str);
    val->str = *text ? g_strdup (text) : NULL;
    break;
  }
  return true;
}

static char *
format_scaled (uint64_t v, const char *const *units, const uint64_t *scales, unsigned n)
{
  for (unsigned i = n; i-- > 1;)
    if (v >= scales[i] && v % scales[i] == 0)
      return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", v / scales[i], units[i]);
  for (unsigned i = n; i-- > 1;)   /* e.g. 3.6864 MHz: exact in decimal */
    if (v >= scales[i] && scales[i] % 10 == 0) {
      g_autofree char *s = g_strdup_printf ("%.6f", (double) v / (double) scales[i]);
      char *e = s + strlen (s) - 1;
      while (*e == '0')
        *e-- = '\0';
      return g_strdup_printf ("%s %s", s, units[i]);
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", v, units[0]);
}

char *
mdl_component_format_prop (const MdlComponent *c, unsigned i)
{
  static const char *const size_units[] = { "B", "KiB", "MiB", "GiB" };
  static const uint64_t size_scales[] = { 1, 1024, 1048576, 1073741824 };
  static const char *const freq_units[] = { "Hz", "kHz", "MHz", "GHz" };
  static const uint64_t freq_scales[] = { 1, 1000, 1000000, 1000000000 };
  const MdlPropValue *v = &c->values[i];

  g_return_val_if_fail (i < c->n_props, NULL);
  switch (c->props[i].type) {
  case MDL_PROP_ADDR:
    return g_strdup_printf (v->u64 > G_MAXUINT32 ? "0x%016" G_GINT64_MODIFIER "x"
                                                 : "0x%08" G_GINT64_MODIFIER "x", v->u64);
  case MDL_PROP_SIZE:
    if (v->u64 % 1024 != 0 && v->u64 > 4096)
      return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", v->u64);
    return format_scaled (v->u64, size_units, size_scales, 4);
  case MDL_PROP_FREQ:
    return format_scaled (v->u64, freq_units, freq_scales, 4);
  case MDL_PROP_U32:
  case MDL_PROP_U64:
    return g_strdup_printf ("%" G_GUINT64_FORMAT, v->u64);
  case MDL_PROP_BOOL:
    return g_strdup (v->u64 ? "true" : "false");
  case MDL_PROP_STRING:
  case MDL_PROP_FILE:
  case MDL_PROP_CPU:
  default:
    return g_strdup (v->str ? v->str : "");
  }
}

/* ---- wires --------------------------------------------------------------- */

static guint
add_wire (MdlBoardDoc *doc, MdlWire w)
{
  w.id = ++doc->next_id;
  g_array_append_val (doc->wires, w);
  return w.id;
}

guint
mdl_board_doc_map (MdlBoardDoc *doc, guint device, guint cluster, GError **error)
{
  MdlComponent *d = mdl_board_doc_find (doc, device);
  MdlComponent *c = mdl_board_doc_find (doc, cluster);
  MdlWire w = { 0, MDL_WIRE_MAP, device, 0, cluster, 0, 0, false, 0 };

  if (d != NULL && d->kind == MDL_COMPONENT_CLUSTER && c != NULL &&
      c->kind == MDL_COMPONENT_DEVICE) {   /* drawn the other way round */
    MdlComponent *t = d;
    d = c, c = t;
    w.from = d->id, w.to = c->id;
  }
  if (d == NULL || c == NULL || c->kind != MDL_COMPONENT_CLUSTER ||
      d->kind != MDL_COMPONENT_DEVICE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "A bus connection joins a memory or device to a CPU cluster");
    return 0;
  }
  if (!has_window (d)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no registers or memory to map", d->name);
    return 0;
  }
  for (guint i = 0; i < doc->wires->len; i++) {
    MdlWire *o = &g_array_index (doc->wires, MdlWire, i);
    if (o->kind == MDL_WIRE_MAP && o->from == w.from && o->to == w.to) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "%s is already mapped into %s", d->name, c->name);
      return 0;
    }
  }
  return add_wire (doc, w);
}

static unsigned
irq_inputs (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_CLUSTER ? c->cpu_cls->n_irq_in : c->dev_cls->n_irq_in;
}

guint
mdl_board_doc_wire_irq (MdlBoardDoc *doc, guint device, unsigned output,
                        guint target, unsigned input, unsigned hart, GError **error)
{
  MdlComponent *d = mdl_board_doc_find (doc, device);
  MdlComponent *t = mdl_board_doc_find (doc, target);
  MdlWire w = { 0, MDL_WIRE_IRQ, device, output, target, input, hart, false, 0 };

  if (d == NULL || t == NULL || d->kind != MDL_COMPONENT_DEVICE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "An interrupt wire starts at a device's interrupt output");
    return 0;
  }
  if (d == t) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s cannot interrupt itself", d->name);
    return 0;
  }
  if (output >= d->dev_cls->n_irq_out) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 d->dev_cls->n_irq_out ? "%s has only %u interrupt outputs"
                                       : "%s has no interrupt output%.0u",
                 d->name, d->dev_cls->n_irq_out);
    return 0;
  }
  if (irq_inputs (t) == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no interrupt inputs", t->name);
    return 0;
  }
  if (input >= irq_inputs (t)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no interrupt input %u (it has %u)", t->name, input,
                 irq_inputs (t));
    return 0;
  }
  if (t->kind == MDL_COMPONENT_CLUSTER && hart >= mdl_component_u64 (t, "harts")) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no CPU %u", t->name, hart);
    return 0;
  }
  for (guint i = 0; i < doc->wires->len; i++) {
    MdlWire *o = &g_array_index (doc->wires, MdlWire, i);
    if (o->kind == MDL_WIRE_IRQ && o->from == device && o->output == output) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "Interrupt output %u of %s is already wired", output, d->name);
      return 0;
    }
  }
  return add_wire (doc, w);
}

uint64_t
mdl_board_doc_map_base (const MdlBoardDoc *doc, const MdlWire *w)
{
  MdlComponent *d = mdl_board_doc_find (doc, w->from);

  return w->has_base ? w->base : d ? mdl_component_u64 (d, "reg") : 0;
}

bool
mdl_board_doc_set_map_base (MdlBoardDoc *doc, guint wire_id, const char *text, GError **error)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    uint64_t base;

    if (w->id != wire_id)
      continue;
    if (w->kind != MDL_WIRE_MAP) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "Only bus connections have an address");
      return false;
    }
    while (text != NULL && *text == ' ')
      text++;
    if (text == NULL || *text == '\0') {
      w->has_base = false;
      return true;
    }
    if (!parse_integer (text, G_MAXUINT64, &base)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "Not an address: write it like 0x20000000");
      return false;
    }
    w->has_base = base != mdl_component_u64 (mdl_board_doc_find (doc, w->from), "reg");
    w->base = base;
    return true;
  }
  g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "No such connection");
  return false;
}

void
mdl_board_doc_remove_wire (MdlBoardDoc *doc, guint wire_id)
{
  for (guint i = 0; i < doc->wires->len; i++)
    if (g_array_index (doc->wires, MdlWire, i).id == wire_id) {
      g_array_remove_index (doc->wires, i);
      return;
    }
}

static bool
is_mapped (const MdlBoardDoc *doc, guint device, guint cluster)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->from == device && w->to == cluster)
      return true;
  }
  return false;
}

/* True when @cluster sees every device with a window: no address-map. */
static bool
maps_everything (const MdlBoardDoc *doc, const MdlComponent *cluster)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->to == cluster->id && w->has_base)
      return false;
  }
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (has_window (c) && !is_mapped (doc, c->id, cluster->id))
      return false;
  }
  return true;
}

/* ---- problems ------------------------------------------------------------ */

void
mdl_problem_free (MdlProblem *p)
{
  g_free (p->prop);
  g_free (p->message);
  g_free (p);
}

static void G_GNUC_PRINTF (4, 5)
problem (GPtrArray *list, guint id, const char *prop, const char *fmt, ...)
{
  MdlProblem *p = g_new0 (MdlProblem, 1);
  va_list ap;

  p->component = id;
  p->prop = g_strdup (prop);
  va_start (ap, fmt);
  p->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (list, p);
}

char *_mdl_board_resolve_firmware (const char *board_dir,
                                   const char *const *search_dirs,
                                   const char *given);

static char *
doc_dir (const MdlBoardDoc *doc)
{
  return doc->path ? g_path_get_dirname (doc->path) : g_get_current_dir ();
}

/* Why @path cannot be @cls's firmware, or NULL when it can. */
static char *
firmware_mismatch (const char *path, const MdlCpuClass *cls)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlAddressSpace) scratch = mdl_address_space_new ("check");
  g_autoptr(MdlElfImage) img = NULL;

  /* Loading into an empty address space checks the header and stops at
   * the first segment: architecture errors come first. */
  img = mdl_elf_load (path, scratch, cls, "this cluster", &error);
  if (error != NULL && (error->code == MDL_ERROR_ARCH ||
                        (error->code == MDL_ERROR_ELF && strstr (error->message, "segment") == NULL)))
    return g_strdup (error->message);
  return NULL;
}

GPtrArray *
mdl_board_doc_problems (const MdlBoardDoc *doc, const char *const *search_dirs)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_problem_free);
  g_autofree char *dir = doc_dir (doc);
  bool any_cluster = false;

  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind == MDL_COMPONENT_CLUSTER) {
      const char *fw = mdl_component_str (c, "firmware");
      any_cluster = true;
      if (fw == NULL) {
        problem (list, c->id, "firmware", "%s has no firmware: choose an ELF file", c->name);
      } else {
        g_autofree char *path = _mdl_board_resolve_firmware (dir, search_dirs, fw);
        g_autofree char *why = NULL;
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          problem (list, c->id, "firmware", "Firmware not found: %s", path);
        else if ((why = firmware_mismatch (path, c->cpu_cls)) != NULL)
          problem (list, c->id, "firmware", "%s", why);
      }
      if (mdl_component_str (c, "payload") != NULL) {
        g_autofree char *path = _mdl_board_resolve_firmware (dir, search_dirs, mdl_component_str (c, "payload"));
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          problem (list, c->id, "payload", "Payload not found: %s", path);
      }
      continue;
    }
    if (!has_window (c))
      continue;
    if (mdl_component_u64 (c, "reg") + (mdl_component_u64 (c, "size") - 1) < mdl_component_u64 (c, "reg"))
      problem (list, c->id, "reg", "%s runs past the end of the address space", c->name);
    /* Each pair once: report on the later component. */
    for (guint j = 0; j < i; j++) {
      MdlComponent *o = g_ptr_array_index (doc->components, j);
      if (has_window (o) && ranges_overlap (mdl_component_u64 (c, "reg"), mdl_component_u64 (c, "size"),
                                            mdl_component_u64 (o, "reg"), mdl_component_u64 (o, "size")))
        problem (list, c->id, "reg",
                 "%s (0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x) overlaps %s "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x)",
                 c->name, mdl_component_u64 (c, "reg"), mdl_component_u64 (c, "reg") + mdl_component_u64 (c, "size") - 1,
                 o->name, mdl_component_u64 (o, "reg"), mdl_component_u64 (o, "reg") + mdl_component_u64 (o, "size") - 1);
    }
  }
  /* A cluster that sees a device somewhere else may see two things at
   * once there. */
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const MdlComponent *d = mdl_board_doc_find (doc, w->from);
    uint64_t base = mdl_board_doc_map_base (doc, w);

    if (w->kind != MDL_WIRE_MAP || !w->has_base || d == NULL)
      continue;
    for (guint j = 0; j < doc->wires->len; j++) {
      const MdlWire *o = &g_array_index (doc->wires, MdlWire, j);
      const MdlComponent *od = mdl_board_doc_find (doc, o->from);
      if (j == i || o->kind != MDL_WIRE_MAP || o->to != w->to || od == NULL)
        continue;
      if (ranges_overlap (base, mdl_component_u64 (d, "size"), mdl_board_doc_map_base (doc, o), mdl_component_u64 (od, "size")))
        problem (list, d->id, NULL, "%s sees %s at 0x%" G_GINT64_MODIFIER "x, on top of %s",
                 mdl_board_doc_find (doc, w->to)->name, d->name, base, od->name);
    }
  }
  if (!any_cluster)
    problem (list, 0, NULL, "The board has no CPU: drag one from the palette");

  /* Whatever the checks above cannot know (a device refusing a property
   * value, say) shows up when the machine is built. */
  if (list->len == 0) {
    g_autoptr(GError) error = NULL;
    MdlBoard *board = mdl_board_doc_instantiate (doc, search_dirs, &error);
    if (board == NULL)
      problem (list, 0, NULL, "%s", error->message);
    mdl_board_free (board);
  }
  return list;
}

/* ---- reading a .dts ------------------------------------------------------ */

typedef struct {
  MdlBoardDoc *doc;
  const char  *path;
  const void  *fdt;
  GHashTable  *lines;      /* node path -> "file:line" */
  GHashTable  *by_node;    /* node offset -> component id */
  GHashTable  *hart_of;    /* cpu node offset -> hart index + 1 */
  GHashTable  *positioned; /* component ids with a medley,position */
} Reader;

/* dtc itself can loop forever on some hostile sources (#interrupt-cells =
 * <0xffffffff> is one): it runs under coreutils' timeout, which exits with
 * 124 when the limit passes.  A real board compiles in milliseconds. */
#define DTC_TIMEOUT "20"
#define DTC_TIMED_OUT 124

static bool
spawn_dtc (const char *const *dtc_argv, char **out, char **err, int *status, GError **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *timeout = g_find_program_in_path ("timeout");

  if (timeout != NULL) {
    g_ptr_array_add (argv, timeout);
    g_ptr_array_add (argv, (char *) DTC_TIMEOUT);
  }
  for (unsigned i = 0; dtc_argv[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) dtc_argv[i]);
  g_ptr_array_add (argv, NULL);
  return g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                       G_SPAWN_SEARCH_PATH | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                       NULL, NULL, out, err, status, error);
}

/* dtc's -T annotations give each node's "file:line"; read them all in one
 * extra dtc run so that every message can point into the source. */
static GHashTable *
node_lines (const char *path)
{
  const char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dts", "-T", path, NULL };
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *out = NULL;
  g_auto(GStrv) text = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  if (!spawn_dtc (argv, &out, NULL, NULL, NULL))
    return lines;
  text = g_strsplit (out, "\n", -1);
  for (guint i = 0; text[i] != NULL; i++) {
    char *line = g_strstrip (text[i]);
    char *brace = strstr (line, " { /* ");

    if (brace != NULL) {
      g_autofree char *name = g_strndup (line, brace - line);
      char *sp = strrchr (name, ' ');   /* drop "label: " prefixes */
      const char *leaf = sp ? sp + 1 : name;
      const char *parent = stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;
      char *node = parent == NULL ? g_strdup ("/")
                 : strcmp (parent, "/") == 0 ? g_strconcat ("/", leaf, NULL)
                 : g_strconcat (parent, "/", leaf, NULL);
      const char *loc = brace + 6, *colon = strchr (loc, ':');
      size_t digits = colon ? strspn (colon + 1, "0123456789") : 0;

      /* dtc prints the file name it was given; we print the full path. */
      if (colon != NULL && digits > 0)
        g_hash_table_insert (lines, g_strdup (node),
                             g_strdup_printf ("%s:%.*s", path, (int) digits, colon + 1));
      g_ptr_array_add (stack, node);
    } else if (g_str_has_prefix (line, "};") && stack->len > 0) {
      g_ptr_array_remove_index (stack, stack->len - 1);
    }
  }
  return lines;
}

static char *
node_path (const void *fdt, int node)
{
  char buf[512];

  return fdt_get_path (fdt, node, buf, sizeof buf) == 0 ? g_strdup (buf) : g_strdup ("?");
}

static void G_GNUC_PRINTF (5, 6)
node_error (Reader *rd, int node, GError **error, MdlErrorCode code, const char *fmt, ...)
{
  g_autofree char *path = node_path (rd->fdt, node);
  const char *loc = g_hash_table_lookup (rd->lines, path);
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, MDL_ERROR, code, "%s: node %s: %s", loc ? loc : rd->path, path, what);
}

static uint64_t
read_cells (const fdt32_t *cells, int n)
{
  uint64_t v = 0;

  for (int i = 0; i < n; i++)
    v = (v << 32) | fdt32_to_cpu (cells[i]);
  return v;
}

static bool
prop_u64 (const void *fdt, int node, const char *name, uint64_t *value)
{
  int len;
  const fdt32_t *p = fdt_getprop (fdt, node, name, &len);

  if (p == NULL || (len != 4 && len != 8))
    return false;
  *value = read_cells (p, len / 4);
  return true;
}

static const char *
prop_str (const void *fdt, int node, const char *name)
{
  int len;
  const char *s = fdt_getprop (fdt, node, name, &len);

  return s != NULL && len > 0 && s[len - 1] == '\0' ? s : NULL;
}

/* A #address-cells, #size-cells or #interrupt-cells value, or @fallback
 * when absent.  Anything above 4 cells is no address or specifier Medley
 * could use: -1, which every caller refuses (a blob written by hand or by
 * a fuzzer may say -1 or 2^32 - 1, and cell counts index into arrays). */
static int
cells_of (const void *fdt, int node, const char *name, int fallback)
{
  uint64_t v;

  if (node < 0 || !prop_u64 (fdt, node, name, &v))
    return fallback;
  return v <= 4 ? (int) v : -1;
}

static const char *
compat_at (const void *fdt, int node, int i)
{
  return fdt_stringlist_get (fdt, node, "compatible", i, NULL);
}

static bool
is_cluster (const void *fdt, int node)
{
  if (fdt_node_check_compatible (fdt, node, "cpus,cluster") == 0)
    return true;
  /* A classic /cpus node (no compatible) is one cluster too. */
  return fdt_parent_offset (fdt, node) == 0 &&
         g_strcmp0 (fdt_get_name (fdt, node, NULL), "cpus") == 0 &&
         fdt_getprop (fdt, node, "compatible", NULL) == NULL;
}

/* Translates a bus address of @bus's children up to the root through each
 * ancestor's `ranges`. */
static bool
translate_up (Reader *rd, int bus, uint64_t *addr, int for_node, GError **error)
{
  const void *fdt = rd->fdt;

  while (bus > 0) {
    int parent = fdt_parent_offset (fdt, bus);
    int len, na = cells_of (fdt, bus, "#address-cells", 2);
    int pna = cells_of (fdt, parent, "#address-cells", 2);
    int ns = cells_of (fdt, bus, "#size-cells", 1);
    const fdt32_t *r = fdt_getprop (fdt, bus, "ranges", &len);
    int entry = na + pna + ns;
    bool found = false;

    if (na < 0 || pna < 0 || ns < 0) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "a parent bus has #address-cells or #size-cells above 4");
      return false;
    }
    if (r == NULL) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "its parent bus has no 'ranges', so no CPU can see it");
      return false;
    }
    for (int i = 0; len > 0 && entry > 0 && (i + 1) * entry * 4 <= len; i++) {
      const fdt32_t *e = r + i * entry;
      uint64_t child = read_cells (e, na), up = read_cells (e + na, pna);
      uint64_t size = read_cells (e + na + pna, ns);

      if (*addr >= child && *addr - child < size) {
        *addr = *addr - child + up;
        found = true;
        break;
      }
    }
    if (len > 0 && !found) {
      node_error (rd, for_node, error, MDL_ERROR_BOARD,
                  "address 0x%" G_GINT64_MODIFIER "x is outside every 'ranges' "
                  "window of its parent bus", *addr);
      return false;
    }
    bus = parent;
  }
  return true;
}

static void
read_position (Reader *rd, int node, MdlComponent *c)
{
  int len;
  const fdt32_t *p = fdt_getprop (rd->fdt, node, "medley,position", &len);

  if (p != NULL && len == 8) {
    /* Stored as two's-complement cells: the canvas may go negative. */
    c->x = (int32_t) fdt32_to_cpu (p[0]);
    c->y = (int32_t) fdt32_to_cpu (p[1]);
    g_hash_table_add (rd->positioned, GUINT_TO_POINTER (c->id));
  }
}

static void
set_source (Reader *rd, int node, MdlComponent *c)
{
  g_autofree char *path = node_path (rd->fdt, node);
  const char *loc = g_hash_table_lookup (rd->lines, path);

  c->source = g_strdup (loc ? loc : rd->path);
}

/* Component names come from labels (kept in the blob by dtc -@), then
 * medley,name, then the node name without its unit address. */
static char *
name_for (Reader *rd, int node)
{
  g_autofree char *path = node_path (rd->fdt, node);
  const char *given = prop_str (rd->fdt, node, "medley,name");
  int symbols = fdt_path_offset (rd->fdt, "/__symbols__");
  g_autofree char *base = NULL;
  int prop;

  if (given != NULL && valid_name (given) && !mdl_board_doc_find_by_name (rd->doc, given))
    return g_strdup (given);
  if (symbols >= 0)
    fdt_for_each_property_offset (prop, rd->fdt, symbols) {
      const char *label;
      int len;
      const char *value = fdt_getprop_by_offset (rd->fdt, prop, &label, &len);
      if (value && strcmp (value, path) == 0 && valid_name (label) &&
          !mdl_board_doc_find_by_name (rd->doc, label))
        return g_strdup (label);
    }
  base = g_strdup (fdt_get_name (rd->fdt, node, NULL));
  if (base == NULL)
    base = g_strdup ("dev");
  if (strchr (base, '@'))
    *strchr (base, '@') = '\0';
  for (char *p = base; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  if (valid_name (base) && !mdl_board_doc_find_by_name (rd->doc, base))
    return g_steal_pointer (&base);
  return fresh_name (rd->doc, valid_name (base) ? base : "dev");
}

static char *
known_list (bool cpus)
{
  GString *s = g_string_new (NULL);

  if (cpus) {
    const MdlCpuClass *const *c = mdl_registry_cpus ();
    for (unsigned i = 0; c[i]; i++)
      g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", c[i]->compatible);
  } else {
    const MdlDeviceClass *const *d = mdl_registry_devices ();
    for (unsigned i = 0; d[i]; i++)
      g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", d[i]->compatible);
  }
  return g_string_free (s, FALSE);
}

static bool
read_cluster (Reader *rd, int node, GError **error)
{
  const void *fdt = rd->fdt;
  const MdlCpuClass *cls = NULL;
  uint64_t hz = DEFAULT_CPU_HZ, tb = 0;
  unsigned harts = 0;
  g_autofree char *name = name_for (rd, node);
  MdlComponent *c;
  int cpu;

  prop_u64 (fdt, node, "clock-frequency", &hz);
  prop_u64 (fdt, node, "timebase-frequency", &tb);
  fdt_for_each_subnode (cpu, fdt, node) {
    const MdlCpuClass *this = NULL;
    const char *compat;

    if (g_strcmp0 (prop_str (fdt, cpu, "device_type"), "cpu") != 0)
      continue;
    for (int i = 0; this == NULL && (compat = compat_at (fdt, cpu, i)) != NULL; i++)
      this = mdl_registry_find_cpu (compat);
    if (this == NULL) {
      g_autofree char *known = known_list (true);
      compat = compat_at (fdt, cpu, 0);
      node_error (rd, cpu, error, MDL_ERROR_UNKNOWN,
                  compat ? "unknown CPU compatible \"%s\" (known: %s)"
                         : "%sthe CPU node has no compatible (known: %s)",
                  compat ? compat : "", known);
      return false;
    }
    if (cls != NULL && this != cls) {
      node_error (rd, cpu, error, MDL_ERROR_BOARD,
                  "a cluster holds CPUs of one model (%s here, %s before): put "
                  "the %s in a cluster of its own", this->name, cls->name, this->name);
      return false;
    }
    cls = this;
    if (harts == 0)
      prop_u64 (fdt, cpu, "clock-frequency", &hz);
    prop_u64 (fdt, cpu, "timebase-frequency", &tb);
    g_hash_table_insert (rd->hart_of, GINT_TO_POINTER (cpu), GUINT_TO_POINTER (harts + 1));
    harts++;
  }
  if (cls == NULL) {
    node_error (rd, node, error, MDL_ERROR_BOARD,
                "the CPU cluster has no node with device_type = \"cpu\"");
    return false;
  }
  if (harts > MAX_HARTS) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "more than %d CPUs in one cluster", MAX_HARTS);
    return false;
  }

  c = component_new (rd->doc, MDL_COMPONENT_CLUSTER, name, cluster_props,
                     G_N_ELEMENTS (cluster_props));
  c->cpu_cls = cls;
  g_free (c->values[CP_CPU].str);
  c->values[CP_CPU].str = g_strdup (cls->name);
  c->values[CP_HARTS].u64 = harts;
  c->values[CP_CLOCK].u64 = hz;
  c->values[CP_TIMEBASE].u64 = tb;
  c->values[CP_FIRMWARE].str = g_strdup (prop_str (fdt, node, "medley,firmware"));
  c->values[CP_PAYLOAD].str = g_strdup (prop_str (fdt, node, "medley,payload"));
  prop_u64 (fdt, node, "medley,payload-address", &c->values[CP_PAYLOAD_ADDR].u64);
  c->values[CP_DEVICE_TREE].u64 = fdt_getprop (fdt, node, "medley,device-tree", NULL) != NULL;
  prop_u64 (fdt, node, "medley,fdt-address", &c->values[CP_FDT_ADDR].u64);
  c->values[CP_BOOTARGS].str = g_strdup (prop_str (fdt, node, "medley,bootargs"));
  c->values[CP_OPENSBI_DYNAMIC].u64 = fdt_getprop (fdt, node, "medley,opensbi-dynamic",
                                                   NULL) != NULL;
  set_source (rd, node, c);
  read_position (rd, node, c);
  g_hash_table_insert (rd->by_node, GINT_TO_POINTER (node), GUINT_TO_POINTER (c->id));
  fdt_for_each_subnode (cpu, fdt, node)
    if (g_hash_table_contains (rd->hart_of, GINT_TO_POINTER (cpu)))
      g_hash_table_insert (rd->by_node, GINT_TO_POINTER (cpu), GUINT_TO_POINTER (c->id));
  return true;
}

static bool
read_device_props (Reader *rd, int node, MdlComponent *c, GError **error)
{
  for (unsigned i = 0; i < c->n_props; i++) {
    const MdlPropInfo *info = &c->props[i];
    const void *raw;

    if (strcmp (info->name, "reg") == 0 || strcmp (info->name, "size") == 0)
      continue;
    raw = fdt_getprop (rd->fdt, node, info->name, NULL);
    if (raw == NULL) {
      if (info->required) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "property '%s' (%s) is required",
                    info->name, info->description);
        return false;
      }
      continue;
    }
    switch (info->type) {
    case MDL_PROP_BOOL:
      c->values[i].u64 = 1;
      break;
    case MDL_PROP_U32:
    case MDL_PROP_U64:
    case MDL_PROP_FREQ:
    case MDL_PROP_SIZE:
    case MDL_PROP_ADDR:
      if (!prop_u64 (rd->fdt, node, info->name, &c->values[i].u64)) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "property '%s' must be one or two 32-bit cells", info->name);
        return false;
      }
      break;
    case MDL_PROP_STRING:
    case MDL_PROP_FILE:
    case MDL_PROP_CPU: {
      const char *s = prop_str (rd->fdt, node, info->name);
      if (s == NULL) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "property '%s' must be a string",
                    info->name);
        return false;
      }
      g_free (c->values[i].str);
      c->values[i].str = g_strdup (s);
      break;
    }
    }
  }
  return true;
}

static bool
read_device (Reader *rd, int node, const MdlDeviceClass *cls, GError **error)
{
  const void *fdt = rd->fdt;
  g_autofree char *name = name_for (rd, node);
  unsigned n;
  const MdlPropInfo *props = device_props (cls, &n);
  MdlComponent *c = component_new (rd->doc, MDL_COMPONENT_DEVICE, name, props, n);
  int parent = fdt_parent_offset (fdt, node);
  int na = cells_of (fdt, parent, "#address-cells", 2);
  int ns = cells_of (fdt, parent, "#size-cells", 1);
  int len;
  const fdt32_t *reg = fdt_getprop (fdt, node, "reg", &len);

  c->dev_cls = cls;
  set_source (rd, node, c);
  read_position (rd, node, c);
  g_hash_table_insert (rd->by_node, GINT_TO_POINTER (node), GUINT_TO_POINTER (c->id));

  if (cls->n_regions > 0) {
    uint64_t base;
    if (reg == NULL) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "a %s needs a 'reg' (where its registers or memory are)", cls->name);
      return false;
    }
    if (na < 0 || ns < 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "its parent's #address-cells or #size-cells is above 4");
      return false;
    }
    if (na < 1 || na > 2 || ns > 2 || len < (na + ns) * 4 ||
        len % ((na + ns) * 4) != 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "'reg' does not match its parent's #address-cells = %d and "
                  "#size-cells = %d", na, ns);
      return false;
    }
    if ((unsigned) (len / ((na + ns) * 4)) > cls->n_regions) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "a %s has %u register window%s, "
                  "'reg' gives more", cls->name, cls->n_regions, cls->n_regions == 1 ? "" : "s");
      return false;
    }
    base = read_cells (reg, na);
    if (!translate_up (rd, parent, &base, node, error))
      return false;
    c->values[0].u64 = base;
    c->values[1].u64 = ns ? read_cells (reg + na, ns) : c->values[1].u64;
  }
  return read_device_props (rd, node, c, error);
}

static const MdlDeviceClass *
device_class_for (const void *fdt, int node)
{
  const char *compat;

  for (int i = 0; (compat = compat_at (fdt, node, i)) != NULL; i++) {
    const MdlDeviceClass *cls = mdl_registry_find_device (compat);
    if (cls != NULL)
      return cls;
  }
  if (g_strcmp0 (prop_str (fdt, node, "device_type"), "memory") == 0)
    return mdl_registry_find_device ("medley,ram");
  return NULL;
}

static bool
read_devices (Reader *rd, int parent, GError **error)
{
  const void *fdt = rd->fdt;
  int node;

  fdt_for_each_subnode (node, fdt, parent) {
    const MdlDeviceClass *cls;
    const char *first = compat_at (fdt, node, 0);
    const char *name = fdt_get_name (fdt, node, NULL);

    if (is_cluster (fdt, node) || g_strcmp0 (prop_str (fdt, node, "status"), "disabled") == 0 ||
        g_strcmp0 (name, "__symbols__") == 0)
      continue;
    if (fdt_node_check_compatible (fdt, node, "simple-bus") == 0) {
      if (!read_devices (rd, node, error))
        return false;
      continue;
    }
    cls = device_class_for (fdt, node);
    if (cls == NULL) {
      if (first == NULL)
        continue;   /* /chosen, /aliases and friends */
      g_autofree char *known = known_list (false);
      node_error (rd, node, error, MDL_ERROR_UNKNOWN, "unknown compatible \"%s\" (known: %s)",
                  first, known);
      return false;
    }
    if (!read_device (rd, node, cls, error))
      return false;
  }
  return true;
}

/* The component (and hart) an interrupt specifier's phandle points at:
 * a device, or a node inside a cpu node (its interrupt controller). */
static guint
irq_target (Reader *rd, int target, unsigned *hart)
{
  for (int n = target; n > 0; n = fdt_parent_offset (rd->fdt, n)) {
    gpointer h = g_hash_table_lookup (rd->hart_of, GINT_TO_POINTER (n));
    if (h != NULL) {
      *hart = GPOINTER_TO_UINT (h) - 1;
      return GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node, GINT_TO_POINTER (n)));
    }
  }
  *hart = 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node, GINT_TO_POINTER (target)));
}

static bool
wire_one (Reader *rd, int node, guint dev, unsigned out, int target,
          const fdt32_t *spec, int ncells, GError **error)
{
  g_autoptr(GError) local = NULL;
  unsigned hart, line = ncells > 0 ? fdt32_to_cpu (spec[0]) : 0;
  guint to = irq_target (rd, target, &hart);

  if (to == 0) {
    g_autofree char *tpath = node_path (rd->fdt, target);
    node_error (rd, node, error, MDL_ERROR_BOARD, "interrupt target %s is neither a "
                "CPU's interrupt controller nor a device with interrupt inputs", tpath);
    return false;
  }
  if (mdl_board_doc_wire_irq (rd->doc, dev, out, to, line, hart, &local) == 0) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "%s", local->message);
    return false;
  }
  return true;
}

static bool
read_interrupts (Reader *rd, int node, guint dev, GError **error)
{
  const void *fdt = rd->fdt;
  int len;
  const fdt32_t *p = fdt_getprop (fdt, node, "interrupts-extended", &len);
  unsigned out = 0;

  if (p != NULL) {
    for (int n = len / 4, i = 0; i < n;) {
      uint32_t ph = fdt32_to_cpu (p[i]);
      int target, cells;

      if (ph == 0) {   /* <0>: this output is left unconnected */
        out++, i++;
        continue;
      }
      target = fdt_node_offset_by_phandle (fdt, ph);
      if (target < 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "'interrupts-extended' refers to a missing phandle");
        return false;
      }
      cells = cells_of (fdt, target, "#interrupt-cells", 1);
      if (cells < 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD,
                    "its interrupt target has #interrupt-cells above 4");
        return false;
      }
      if (i + 1 + cells > n) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "'interrupts-extended' is cut short");
        return false;
      }
      if (!wire_one (rd, node, dev, out++, target, p + i + 1, cells, error))
        return false;
      i += 1 + cells;
    }
    return true;
  }
  p = fdt_getprop (fdt, node, "interrupts", &len);
  if (p != NULL) {
    uint64_t ph;
    int target = -1, cells;

    for (int n = node; n >= 0 && target < 0; n = fdt_parent_offset (fdt, n))
      if (prop_u64 (fdt, n, "interrupt-parent", &ph))
        target = fdt_node_offset_by_phandle (fdt, (uint32_t) ph);
    if (target < 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "'interrupts' without an 'interrupt-parent'");
      return false;
    }
    cells = cells_of (fdt, target, "#interrupt-cells", 1);
    for (int i = 0; cells > 0 && (i + cells) * 4 <= len; i += cells)
      if (!wire_one (rd, node, dev, out++, target, p + i, cells, error))
        return false;
  }
  return true;
}

/* `address-map = <cluster-address phandle node-address size>...` (System
 * Device Tree): the cluster sees only what its map lists.  Without one it
 * sees every device. */
static bool
read_address_map (Reader *rd, int node, guint cluster, GError **error)
{
  const void *fdt = rd->fdt;
  int na = cells_of (fdt, 0, "#address-cells", 2), ns = cells_of (fdt, 0, "#size-cells", 1);
  int len, entry = na + 1 + na + ns;
  const fdt32_t *p = fdt_getprop (fdt, node, "address-map", &len);

  if (na < 0 || ns < 0) {
    node_error (rd, 0, error, MDL_ERROR_BOARD, "#address-cells or #size-cells is above 4");
    return false;
  }
  if (p == NULL) {
    for (guint i = 0; i < rd->doc->components->len; i++) {
      MdlComponent *c = g_ptr_array_index (rd->doc->components, i);
      if (has_window (c))
        mdl_board_doc_map (rd->doc, c->id, cluster, NULL);
    }
    return true;
  }
  if (len % (entry * 4) != 0) {
    node_error (rd, node, error, MDL_ERROR_BOARD, "'address-map' entries are <address "
                "&node address size> with %d address and %d size cells", na, ns);
    return false;
  }
  for (int i = 0; i < len / (entry * 4); i++) {
    const fdt32_t *e = p + i * entry;
    uint64_t here = read_cells (e, na), there = read_cells (e + na + 1, na);
    int target = fdt_node_offset_by_phandle (fdt, fdt32_to_cpu (e[na]));
    guint dev = target >= 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (rd->by_node,
                                                                      GINT_TO_POINTER (target)))
                            : 0;
    g_autoptr(GError) local = NULL;

    if (dev == 0) {
      node_error (rd, node, error, MDL_ERROR_BOARD,
                  "'address-map' entry %d does not name a device", i);
      return false;
    }
    {
      guint wire = mdl_board_doc_map (rd->doc, dev, cluster, &local);
      if (wire == 0) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "%s", local->message);
        return false;
      }
      /* The entry names the device by its own address: anything else
       * would be a window into the middle of it. */
      if (there != mdl_component_u64 (mdl_board_doc_find (rd->doc, dev), "reg")) {
        node_error (rd, node, error, MDL_ERROR_BOARD, "'address-map' entry %d must give "
                    "the device's own address 0x%" G_GINT64_MODIFIER "x after its phandle",
                    i, mdl_component_u64 (mdl_board_doc_find (rd->doc, dev), "reg"));
        return false;
      }
      if (here != there) {
        MdlWire *w = &g_array_index (rd->doc->wires, MdlWire, rd->doc->wires->len - 1);
        g_assert (w->id == wire);
        w->has_base = true;
        w->base = here;
      }
    }
  }
  return true;
}

/* Rows of ports a card shows: a bus port, the wired interrupt outputs and
 * one free output (how MdlCanvas draws them), so cards can be stacked. */
static unsigned
card_rows (const MdlBoardDoc *doc, const MdlComponent *c)
{
  unsigned rows = 0, wired = 0;

  if (c->kind == MDL_COMPONENT_CLUSTER)
    return 4;   /* bus + the usual three interrupt inputs */
  rows += has_window (c) ? 1 : 0;
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    wired += w->kind == MDL_WIRE_IRQ && w->from == c->id;
  }
  rows += wired + (c->dev_cls->n_irq_out > wired ? 1 : 0);
  return MAX (rows, 1);
}

/* Places what has no position: clusters in a column on the left, devices
 * in a column to their right (memory first), so that the wires from the
 * clusters' ports on the right run straight to the devices' ports on the
 * left without crossing other cards. */
static void
auto_layout (MdlBoardDoc *doc, GHashTable *positioned)
{
  double cluster_y = 40, device_y = 40;

  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < doc->components->len; i++) {
      MdlComponent *c = g_ptr_array_index (doc->components, i);
      bool memory = c->kind == MDL_COMPONENT_DEVICE && c->dev_cls->group == MDL_GROUP_MEMORY;
      int want = c->kind == MDL_COMPONENT_CLUSTER ? 0 : memory ? 1 : 2;
      double height = 56 + 22 * card_rows (doc, c) + 32;

      if (want != pass || (positioned && g_hash_table_contains (positioned, GUINT_TO_POINTER (c->id))))
        continue;
      if (c->kind == MDL_COMPONENT_CLUSTER) {
        c->x = 40;
        c->y = cluster_y;
        cluster_y += height;
      } else {
        c->x = 400;
        c->y = device_y;
        device_y += height;
      }
    }
}

static bool
run_dtc (const char *path, GBytes **blob, GError **error)
{
  /* -@ keeps labels (in /__symbols__), which become component names. */
  const char *argv[] = { "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", "-", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) local = NULL;
  int status = 0;
  size_t size;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: no such board file", path);
    return false;
  }
  if (!spawn_dtc (argv, &out, &err, &status, &local)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: cannot run the device-tree compiler "
                 "dtc: %s (install the device-tree-compiler package)", path, local->message);
    return false;
  }
  if (WIFEXITED (status) && WEXITSTATUS (status) == DTC_TIMED_OUT) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device-tree compiler dtc "
                 "did not finish within %s seconds", path, DTC_TIMEOUT);
    return false;
  }
  if (!g_spawn_check_wait_status (status, NULL)) {
    /* dtc says "Error: FILE:LINE.COL-COL what", then a generic FATAL line;
     * the first error alone is what the user needs. */
    g_auto(GStrv) lines = g_strsplit (g_strstrip (err), "\n", -1);
    const char *first = lines[0] && *lines[0] ? lines[0] : "dtc failed without a message";

    if (g_str_has_prefix (first, "Error: "))
      first += 7;
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s", first);
    return false;
  }
  size = fdt_check_header (out) == 0 ? fdt_totalsize (out) : 0;
  if (size == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: dtc produced no valid blob", path);
    return false;
  }
  *blob = g_bytes_new_take (g_steal_pointer (&out), size);
  return true;
}

/* Refuses a blob whose shape alone would cost the host too much: nodes
 * nested deeper than the walk may recurse, more nodes or CPUs than any
 * board needs.  Runs before anything is built from the blob. */
static bool
check_shape (Reader *rd, GError **error)
{
  const void *fdt = rd->fdt;
  int depth = 0, nodes = 0, cpus = 0, node;

  for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node (fdt, node, &depth)) {
    if (++nodes > MDL_BOARD_MAX_NODES) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "the board has more than %d nodes",
                  MDL_BOARD_MAX_NODES);
      return false;
    }
    if (depth > MDL_BOARD_MAX_DEPTH) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                   "%s: node %s is nested deeper than %d levels", rd->path,
                   fdt_get_name (fdt, node, NULL), MDL_BOARD_MAX_DEPTH);
      return false;
    }
    if (g_strcmp0 (prop_str (fdt, node, "device_type"), "cpu") == 0 &&
        ++cpus > MDL_BOARD_MAX_CPUS) {
      node_error (rd, node, error, MDL_ERROR_BOARD, "the board has more than %d CPUs",
                  MDL_BOARD_MAX_CPUS);
      return false;
    }
  }
  /* The walk ends past the root's end (depth -1) or at the end tag. */
  if (node < 0 && node != -FDT_ERR_NOTFOUND) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: the device tree is damaged (%s)",
                 rd->path, fdt_strerror (node));
    return false;
  }
  return true;
}

/* The walk shared by .dts files and raw blobs.  @lines maps node paths to
 * "file:line" for messages (empty for a blob). */
static MdlBoardDoc *
read_blob (const void *fdt, const char *path, GHashTable *lines, GError **error)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_new ();
  Reader rd = { 0 };
  bool ok = false;
  int node;

  rd.doc = doc;
  rd.path = path;
  rd.fdt = fdt;
  rd.lines = g_hash_table_ref (lines);
  rd.by_node = g_hash_table_new (NULL, NULL);
  rd.hart_of = g_hash_table_new (NULL, NULL);
  rd.positioned = g_hash_table_new (NULL, NULL);
  if (!check_shape (&rd, error))
    goto out;
  doc->model = g_strdup (prop_str (rd.fdt, 0, "model"));
  prop_u64 (rd.fdt, 0, "medley,quantum-ps", &doc->quantum_ps);

  /* Clusters first so that interrupt wires can find their CPUs. */
  fdt_for_each_subnode (node, rd.fdt, 0)
    if (is_cluster (rd.fdt, node) && !read_cluster (&rd, node, error))
      goto out;
  if (!read_devices (&rd, 0, error))
    goto out;
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    GHashTableIter it;
    gpointer key, value;

    g_hash_table_iter_init (&it, rd.by_node);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (GPOINTER_TO_UINT (value) == c->id &&
          !g_hash_table_contains (rd.hart_of, key)) {
        bool fine = c->kind == MDL_COMPONENT_CLUSTER
                    ? read_address_map (&rd, GPOINTER_TO_INT (key), c->id, error)
                    : read_interrupts (&rd, GPOINTER_TO_INT (key), c->id, error);
        if (!fine)
          goto out;
        break;
      }
  }
  if (!mdl_board_doc_check_limits (doc, error))
    goto out;
  auto_layout (doc, rd.positioned);
  ok = true;

out:
  g_hash_table_unref (rd.lines);
  g_hash_table_unref (rd.by_node);
  g_hash_table_unref (rd.hart_of);
  g_hash_table_unref (rd.positioned);
  return ok ? g_steal_pointer (&doc) : NULL;
}

MdlBoardDoc *
mdl_board_doc_load (const char *path, GError **error)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GHashTable) lines = NULL;
  MdlBoardDoc *doc;

  if (!run_dtc (path, &blob, error))
    return NULL;
  lines = node_lines (path);
  doc = read_blob (g_bytes_get_data (blob, NULL), path, lines, error);
  if (doc != NULL)
    doc->path = g_canonicalize_filename (path, NULL);
  return doc;
}

MdlBoardDoc *
mdl_board_doc_from_blob (const void *blob, size_t len, const char *name, GError **error)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree void *copy = NULL;
  const char *why = NULL;
  int err;

  /* libfdt trusts a blob's offsets once its header is accepted; only
   * fdt_check_full() makes every later libfdt call safe on bytes from
   * outside (it checks each offset, string and the structure's nesting
   * against @len).  The checks run on an aligned copy: the caller's bytes
   * may sit anywhere. */
  if (len < sizeof (struct fdt_header)) {
    why = "too short";
  } else {
    copy = g_memdup2 (blob, len);
    if ((err = fdt_check_header (copy)) != 0)
      why = fdt_strerror (err);
    else if (fdt_totalsize (copy) > len)
      why = "truncated";
    /* Debian 12's libfdt 1.6.1 dereferences NULL in fdt_check_full() on
     * blobs older than version 16 (found by the board-blob fuzzer); dtc
     * writes version 17, so nothing real is lost. */
    else if (fdt_version (copy) < 16)
      why = "version older than 16";
    else if ((err = fdt_check_full (copy, len)) != 0)
      why = fdt_strerror (err);
  }
  if (why != NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s: not a valid device-tree blob (%s)",
                 name, why);
    return NULL;
  }
  return read_blob (copy, name, lines, error);
}

bool
mdl_board_doc_check_limits (const MdlBoardDoc *doc, GError **error)
{
  uint64_t memory = 0, limit = mdl_board_memory_limit ();
  unsigned cpus = 0;

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    const char *where = c->source ? c->source : doc->path ? doc->path : "board";

    if (c->kind == MDL_COMPONENT_CLUSTER) {
      cpus += (unsigned) MIN (mdl_component_u64 (c, "harts"), (uint64_t) MDL_BOARD_MAX_CPUS + 1);
      if (cpus > MDL_BOARD_MAX_CPUS) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                     "%s: %s: the board has more than %d CPUs", where, c->name,
                     MDL_BOARD_MAX_CPUS);
        return false;
      }
    } else if (c->dev_cls->group == MDL_GROUP_MEMORY && has_window (c)) {
      uint64_t size = mdl_component_u64 (c, "size");
      /* Saturating: two sizes near 2^64 must not wrap to a small sum. */
      memory = size > G_MAXUINT64 - memory ? G_MAXUINT64 : memory + size;
      if (memory > limit) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                     "%s: %s: the board's memories add up to more than %" G_GUINT64_FORMAT
                     " MiB (set MEDLEY_MAX_MEMORY to allow more)", where, c->name,
                     limit >> 20);
        return false;
      }
    }
  }
  return true;
}

uint64_t
mdl_board_memory_limit (void)
{
  const char *env = g_getenv ("MEDLEY_MAX_MEMORY");
  uint64_t v;

  /* Read at each call, not cached: tests and the fuzzers change it. */
  if (env != NULL && parse_scaled (env, (const char *const[]) { "", "K", "KiB", "M", "MiB",
                                                                "G", "GiB", NULL },
                                   (const double[]) { 1, 1024, 1024, 1048576, 1048576,
                                                      1073741824, 1073741824 }, &v) && v > 0)
    return v;
  return MDL_BOARD_MAX_MEMORY;
}

/* ---- writing a .dts ------------------------------------------------------ */

static void
append_cells64 (GString *s, uint64_t v)
{
  g_string_append_printf (s, "0x%" G_GINT64_MODIFIER "x 0x%" G_GINT64_MODIFIER "x",
                          v >> 32, v & 0xffffffff);
}

static void
append_number (GString *s, uint64_t v)
{
  if (v > G_MAXUINT32) {
    g_string_append_c (s, '<');
    append_cells64 (s, v);
    g_string_append_c (s, '>');
  } else {
    g_string_append_printf (s, "<%" G_GUINT64_FORMAT ">", v);
  }
}

static void
append_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c (s, '\\');
    g_string_append_c (s, *p);
  }
  g_string_append_c (s, '"');
}

static void
append_position (GString *s, const MdlComponent *c, const char *indent)
{
  int32_t x = (int32_t) c->x, y = (int32_t) c->y;

  /* dtc reads (-40) as the two's-complement cell, which read_position
   * turns back into -40. */
  g_string_append_printf (s, x < 0 ? "%smedley,position = <(%d) " : "%smedley,position = <%d ",
                          indent, x);
  g_string_append_printf (s, y < 0 ? "(%d)>;\n" : "%d>;\n", y);
}

static uint64_t
map_base_of (const MdlBoardDoc *doc, guint device, guint cluster)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->from == device && w->to == cluster)
      return mdl_board_doc_map_base (doc, w);
  }
  return 0;
}

static void
write_cluster (GString *s, const MdlBoardDoc *doc, const MdlComponent *c)
{
  unsigned harts = (unsigned) mdl_component_u64 (c, "harts");

  g_string_append_printf (s, "\t%s: cluster-%s {\n", c->name, c->name);
  g_string_append (s, "\t\tcompatible = \"cpus,cluster\";\n"
                      "\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n");
  g_string_append (s, "\t\tmedley,name = ");
  append_string (s, c->name);
  g_string_append (s, ";\n");
  if (mdl_component_str (c, "firmware")) {
    g_string_append (s, "\t\tmedley,firmware = ");
    append_string (s, mdl_component_str (c, "firmware"));
    g_string_append (s, ";\n");
  }
  if (mdl_component_str (c, "payload")) {
    g_string_append (s, "\t\tmedley,payload = ");
    append_string (s, mdl_component_str (c, "payload"));
    g_string_append (s, ";\n");
  }
  if (mdl_component_u64 (c, "payload-address")) {
    g_string_append (s, "\t\tmedley,payload-address = ");
    append_number (s, mdl_component_u64 (c, "payload-address"));
    g_string_append (s, ";\n");
  }
  if (mdl_component_u64 (c, "device-tree"))
    g_string_append (s, "\t\tmedley,device-tree;\n");
  if (mdl_component_u64 (c, "opensbi-dynamic"))
    g_string_append (s, "\t\tmedley,opensbi-dynamic;\n");
  if (mdl_component_u64 (c, "fdt-address")) {
    g_string_append (s, "\t\tmedley,fdt-address = ");
    append_number (s, mdl_component_u64 (c, "fdt-address"));
    g_string_append (s, ";\n");
  }
  if (mdl_component_str (c, "bootargs")) {
    g_string_append (s, "\t\tmedley,bootargs = ");
    append_string (s, mdl_component_str (c, "bootargs"));
    g_string_append (s, ";\n");
  }
  if (mdl_component_u64 (c, "timebase-frequency")) {
    g_string_append (s, "\t\ttimebase-frequency = ");
    append_number (s, mdl_component_u64 (c, "timebase-frequency"));
    g_string_append (s, ";\n");
  }
  if (!maps_everything (doc, c)) {
    bool first = true;
    g_string_append (s, "\t\taddress-map = ");
    for (guint i = 0; i < doc->components->len; i++) {
      MdlComponent *d = g_ptr_array_index (doc->components, i);
      if (!has_window (d) || !is_mapped (doc, d->id, c->id))
        continue;
      g_string_append (s, first ? "<" : ",\n\t\t\t<");
      append_cells64 (s, map_base_of (doc, d->id, c->id));
      g_string_append_printf (s, " &%s ", d->name);
      append_cells64 (s, mdl_component_u64 (d, "reg"));
      g_string_append_c (s, ' ');
      append_cells64 (s, mdl_component_u64 (d, "size"));
      g_string_append_c (s, '>');
      first = false;
    }
    /* An empty map: the cluster sees nothing (one zero-sized entry would
     * be refused, so write the property with no entries). */
    g_string_append (s, first ? "<>;\n" : ";\n");
  }
  append_position (s, c, "\t\t");
  for (unsigned h = 0; h < harts; h++) {
    g_string_append_printf (s, "\n\t\tcpu@%u {\n\t\t\tdevice_type = \"cpu\";\n"
                               "\t\t\tcompatible = \"%s\";\n\t\t\treg = <%u>;\n"
                               "\t\t\tclock-frequency = ", h, c->cpu_cls->compatible, h);
    append_number (s, mdl_component_u64 (c, "clock-frequency"));
    g_string_append_printf (s, ";\n\n\t\t\t%s_intc%u: interrupt-controller {\n"
                               "\t\t\t\tinterrupt-controller;\n"
                               "\t\t\t\t#address-cells = <0>;\n"
                               "\t\t\t\t#interrupt-cells = <1>;\n"
                               "\t\t\t};\n\t\t};\n", c->name, h);
  }
  g_string_append (s, "\t};\n");
}

static void
write_device (GString *s, const MdlBoardDoc *doc, const MdlComponent *c)
{
  const MdlDeviceClass *cls = c->dev_cls;
  GArray *outs = g_array_new (FALSE, TRUE, sizeof (const MdlWire *));

  if (has_window (c))
    g_string_append_printf (s, "\t%s: %s@%" G_GINT64_MODIFIER "x {\n", c->name,
                            group_node_name (cls), mdl_component_u64 (c, "reg"));
  else
    g_string_append_printf (s, "\t%s: %s-%s {\n", c->name, group_node_name (cls), c->name);
  g_string_append (s, "\t\tcompatible = ");
  append_string (s, cls->compatible);
  g_string_append (s, ";\n");
  if (has_window (c)) {
    g_string_append (s, "\t\treg = <");
    append_cells64 (s, mdl_component_u64 (c, "reg"));
    g_string_append_c (s, ' ');
    append_cells64 (s, mdl_component_u64 (c, "size"));
    g_string_append (s, ">;\n");
  }
  for (unsigned i = 0; i < c->n_props; i++) {
    const MdlPropInfo *info = &c->props[i];
    const MdlPropValue *v = &c->values[i];

    if (strcmp (info->name, "reg") == 0 || strcmp (info->name, "size") == 0)
      continue;
    /* Defaults stay implicit, as in a hand-written board. */
    if (!info->required && v->u64 == info->default_u64 &&
        g_strcmp0 (v->str, info->default_str) == 0)
      continue;
    switch (info->type) {
    case MDL_PROP_BOOL:
      if (v->u64)
        g_string_append_printf (s, "\t\t%s;\n", info->name);
      break;
    case MDL_PROP_STRING:
    case MDL_PROP_FILE:
    case MDL_PROP_CPU:
      if (v->str) {
        g_string_append_printf (s, "\t\t%s = ", info->name);
        append_string (s, v->str);
        g_string_append (s, ";\n");
      }
      break;
    default:
      g_string_append_printf (s, "\t\t%s = ", info->name);
      append_number (s, v->u64);
      g_string_append (s, ";\n");
      break;
    }
  }
  if (cls->n_irq_in > 0)
    g_string_append (s, "\t\tinterrupt-controller;\n\t\t#interrupt-cells = <1>;\n");

  /* interrupts-extended lists outputs in order; <0> holds a gap. */
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->from == c->id) {
      if (outs->len <= w->output)
        g_array_set_size (outs, w->output + 1);
      g_array_index (outs, const MdlWire *, w->output) = w;
    }
  }
  if (outs->len > 0) {
    g_string_append (s, "\t\tinterrupts-extended = ");
    for (guint o = 0; o < outs->len; o++) {
      const MdlWire *w = g_array_index (outs, const MdlWire *, o);
      const MdlComponent *t = w ? mdl_board_doc_find (doc, w->to) : NULL;

      g_string_append (s, o ? ", " : "");
      if (t == NULL)
        g_string_append (s, "<0>");
      else if (t->kind == MDL_COMPONENT_CLUSTER)
        g_string_append_printf (s, "<&%s_intc%u %u>", t->name, w->hart, w->input);
      else
        g_string_append_printf (s, "<&%s %u>", t->name, w->input);
    }
    g_string_append (s, ";\n");
  }
  append_position (s, c, "\t\t");
  g_string_append (s, "\t};\n");
  g_array_unref (outs);
}

char *
mdl_board_doc_to_dts (const MdlBoardDoc *doc)
{
  GString *s = g_string_new ("// A Medley board.  Open it in Medley, or run it with\n"
                             "// `medley run FILE.dts`.\n/dts-v1/;\n\n/ {\n");

  g_string_append (s, "\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
                      "\tcompatible = \"medley,board\";\n");
  if (doc->model) {
    g_string_append (s, "\tmodel = ");
    append_string (s, doc->model);
    g_string_append (s, ";\n");
  }
  if (doc->quantum_ps) {
    g_string_append (s, "\tmedley,quantum-ps = ");
    append_number (s, doc->quantum_ps);
    g_string_append (s, ";\n");
  }
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < doc->components->len; i++) {
      const MdlComponent *c = g_ptr_array_index (doc->components, i);
      if ((c->kind == MDL_COMPONENT_CLUSTER) != (pass == 0))
        continue;
      g_string_append_c (s, '\n');
      if (pass == 0)
        write_cluster (s, doc, c);
      else
        write_device (s, doc, c);
    }
  g_string_append (s, "};\n");
  return g_string_free (s, FALSE);
}

bool
mdl_board_doc_save (MdlBoardDoc *doc, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *old_dir = doc_dir (doc);
  g_autofree char *new_dir = g_path_get_dirname (path);

  /* Paths relative to the old folder would break in another one: pin the
   * ones that exist there.  (Paths found through the search folders, like
   * the shipped boards' firmware, stay as they are.) */
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);
    for (unsigned j = 0; j < c->n_props; j++) {
      g_autofree char *old = NULL;
      if (c->props[j].type != MDL_PROP_FILE || c->values[j].str == NULL ||
          g_path_is_absolute (c->values[j].str))
        continue;
      old = g_build_filename (old_dir, c->values[j].str, NULL);
      if (g_file_test (old, G_FILE_TEST_EXISTS)) {
        g_autofree char *here = g_canonicalize_filename (new_dir, NULL);
        g_autofree char *there = g_canonicalize_filename (old_dir, NULL);
        if (g_strcmp0 (here, there) != 0) {
          g_free (c->values[j].str);
          c->values[j].str = g_canonicalize_filename (old, NULL);
        }
      }
    }
  }
  text = mdl_board_doc_to_dts (doc);

  /* g_file_set_contents writes a temporary file in the same folder and
   * renames it over the target, so a failed save never leaves half a
   * board behind. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &local)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: %s", path, local->message);
    return false;
  }
  {
    /* @path may be doc->path itself: make the new one before freeing. */
    char *canonical = g_canonicalize_filename (path, NULL);
    g_free (doc->path);
    doc->path = canonical;
  }
  return true;
}
