#define G_LOG_DOMAIN "mdl-board-doc"

/* The document model and its edits: components, wires, property values
 * as text, and the checks.  Reading a .dts is in board-doc-read.c,
 * writing one in board-doc-write.c. */

#include "board-doc-private.h"

#include <errno.h>
#include <string.h>

#include "board-check.h"
#include "error.h"
#include "registry.h"

/* ---- property tables ----------------------------------------------------- */

/* In the order of MDL_CP_* (board-doc-private.h).  The "cpu" default is
 * no name here but class data: _mdl_board_doc_default_cpu(). */
static const MdlPropInfo cluster_props[] = {
  { "cpu", MDL_PROP_CPU, N_("CPU model (instruction set)"), 0, NULL, true },
  { "harts", MDL_PROP_U32, N_("Identical CPUs in the cluster"), 1, NULL, true },
  { "clock-frequency", MDL_PROP_FREQ, N_("Clock of each CPU"), MDL_DOC_DEFAULT_CPU_HZ, NULL, true },
  { "timebase-frequency", MDL_PROP_FREQ, N_("Rate of the architectural timer"),
    MDL_DOC_DEFAULT_TIMEBASE_HZ, NULL, false },
  { "firmware", MDL_PROP_FILE, N_("ELF program the cluster runs"), 0, NULL, false },
  /* The workbench's program editor builds it into the firmware. */
  { "program", MDL_PROP_FILE, N_("Source of the cluster's program (assembly or C), built "
    "into its firmware by the program editor"), 0, NULL, false },
  /* For firmware that boots a next stage (OpenSBI, then U-Boot). */
  { "payload", MDL_PROP_FILE, N_("Next stage loaded with the firmware: ELF, or a raw binary "
    "at payload-address"), 0, NULL, false },
  { "payload-address", MDL_PROP_ADDR, N_("Where a raw payload is loaded"), 0, NULL, false },
  { "device-tree", MDL_PROP_BOOL, N_("Give the CPUs this cluster's device tree at reset, "
    "in the register their class hands it in"), 0, NULL, false },
  { "fdt-address", MDL_PROP_ADDR, N_("Where the device tree goes (0: near the top of RAM)"),
    0, NULL, false },
  { "bootargs", MDL_PROP_STRING, N_("Command line in the device tree's /chosen"), 0, NULL,
    false },
  { "initrd", MDL_PROP_FILE, N_("Initial RAM disk loaded with the payload, named in the "
    "device tree's /chosen"), 0, NULL, false },
  { "initrd-address", MDL_PROP_ADDR, N_("Where the initial RAM disk goes (0: after the "
    "payload, below the device tree)"), 0, NULL, false },
  { "icache-size", MDL_PROP_SIZE, N_("Instruction cache model: size (0: none)"), 0, NULL, false },
  { "icache-ways", MDL_PROP_U32, N_("Instruction cache: lines per set"), 2, NULL, false },
  { "icache-line", MDL_PROP_U32, N_("Instruction cache: bytes per line"), 32, NULL, false },
  { "icache-replacement", MDL_PROP_STRING, N_("Instruction cache: which line goes "
    "(lru, fifo or random)"), 0, "lru", false },
  { "dcache-size", MDL_PROP_SIZE, N_("Data cache model: size (0: none)"), 0, NULL, false },
  { "dcache-ways", MDL_PROP_U32, N_("Data cache: lines per set"), 2, NULL, false },
  { "dcache-line", MDL_PROP_U32, N_("Data cache: bytes per line"), 32, NULL, false },
  { "dcache-replacement", MDL_PROP_STRING, N_("Data cache: which line goes "
    "(lru, fifo or random)"), 0, "lru", false },
  { "dcache-write", MDL_PROP_STRING, N_("Data cache: write-back (with write-allocate) or "
    "write-through (without)"), 0, "write-back", false },
  { "cache-seed", MDL_PROP_U32, N_("Seed of the caches' random replacement"), 1, NULL, false },
  { "cache-miss-penalty", MDL_PROP_U32, N_("Cycles a cache miss costs the CPU (0: the "
    "model never changes timing)"), 0, NULL, false },
};
G_STATIC_ASSERT (G_N_ELEMENTS (cluster_props) == MDL_CP_COUNT);

/* The cluster properties of CPU class @cls: the fixed ones, then one
 * boolean per boot protocol that a registered CPU class offers
 * (MdlBootProtocol), so that the document names no protocol of its own,
 * then the class's own settings (MdlCpuClass.props).  Built once per
 * registry and class (tests register classes of their own) and kept, as
 * the classes are. */
static const MdlPropInfo *
cluster_prop_table (const MdlCpuClass *cls, unsigned *n)
{
  static GHashTable *cache;
  static GMutex lock;
  unsigned n_all;
  const MdlBootProtocol *all = mdl_registry_boot_protocols (&n_all);
  g_autofree char *key = g_strdup_printf ("%p/%p", (const void *) all, (const void *) cls);
  GArray *props;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  props = g_hash_table_lookup (cache, key);
  if (props == NULL) {
    props = g_array_new (FALSE, FALSE, sizeof (MdlPropInfo));
    g_array_append_vals (props, cluster_props, MDL_CP_COUNT);
    for (unsigned j = 0; j < n_all; j++) {
      const MdlBootProtocol *bp = &all[j];
      MdlPropInfo info = { bp->name, MDL_PROP_BOOL,
                           bp->description ? bp->description : bp->label, 0, NULL, false };
      bool seen = false;

      for (guint k = MDL_CP_COUNT; k < props->len; k++)
        seen |= strcmp (g_array_index (props, MdlPropInfo, k).name, bp->name) == 0;
      if (!seen)
        g_array_append_val (props, info);
    }
    if (cls != NULL)
      g_array_append_vals (props, cls->props, cls->n_props);
    g_hash_table_insert (cache, g_steal_pointer (&key), props);
  }
  g_mutex_unlock (&lock);
  *n = props->len;
  return (const MdlPropInfo *) (void *) props->data;
}

static bool
cache_side (const MdlComponent *c, unsigned first, const char *what, MdlCacheConfig *side,
            unsigned *bad, GError **error)
{
  const MdlPropValue *v = &c->values[first];

  side->size = (uint32_t) MIN (v[0].u64, G_MAXUINT32);
  side->ways = (uint32_t) v[1].u64;
  side->line = (uint32_t) v[2].u64;
  side->write = MDL_CACHE_WRITE_BACK;
  if (!mdl_cache_replacement_parse (v[3].str, &side->replacement)) {
    *bad = first + 3;
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s: replacement \"%s\"; write lru, fifo or random", what,
                 v[3].str ? v[3].str : "");
    return false;
  }
  if (v[0].u64 > MDL_CACHE_MAX_SIZE)
    side->size = MDL_CACHE_MAX_SIZE + 1;  /* refused below, by size */
  if (!mdl_cache_config_check (side, what, error)) {
    *bad = side->line < MDL_CACHE_MIN_LINE || side->line > MDL_CACHE_MAX_LINE
           || (side->line & (side->line - 1)) ? first + 2
           : side->ways < 1 || side->ways > MDL_CACHE_MAX_WAYS ? first + 1 : first;
    return false;
  }
  return true;
}

bool
_mdl_cluster_cache_config (const MdlComponent *c, MdlCacheModelConfig *cfg, unsigned *bad,
                           GError **error)
{
  unsigned ignored;

  bad = bad ? bad : &ignored;
  memset (cfg, 0, sizeof *cfg);
  g_assert (c->kind == MDL_COMPONENT_CLUSTER && c->n_props >= MDL_CP_COUNT);
  if (!cache_side (c, MDL_CP_ICACHE_SIZE, "instruction cache", &cfg->icache, bad, error)
      || !cache_side (c, MDL_CP_DCACHE_SIZE, "data cache", &cfg->dcache, bad, error))
    return false;
  if (!mdl_cache_write_policy_parse (c->values[MDL_CP_DCACHE_WRITE].str, &cfg->dcache.write)) {
    *bad = MDL_CP_DCACHE_WRITE;
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "data cache: write policy \"%s\"; write write-back or write-through",
                 c->values[MDL_CP_DCACHE_WRITE].str ? c->values[MDL_CP_DCACHE_WRITE].str : "");
    return false;
  }
  cfg->seed = c->values[MDL_CP_CACHE_SEED].u64;
  cfg->miss_penalty = (uint32_t) c->values[MDL_CP_CACHE_MISS_PENALTY].u64;
  return true;
}

bool
_mdl_cluster_prop_is_class_setting (const MdlComponent *c, unsigned i)
{
  return c->kind == MDL_COMPONENT_CLUSTER && i >= MDL_CP_COUNT && i < c->n_props &&
         c->props[i].type != MDL_PROP_BOOL;
}

/* A cluster that changes CPU model takes the new class's settings: values
 * of the same name are kept, the others start at the new model's own. */
static void
cluster_set_class (MdlComponent *c, const MdlCpuClass *cls)
{
  unsigned n;
  const MdlPropInfo *props = cluster_prop_table (cls, &n);
  MdlPropValue *values;

  c->cpu_cls = cls;
  if (props == c->props)
    return;
  values = g_new0 (MdlPropValue, MAX (n, 1));
  for (unsigned i = 0; i < n; i++) {
    values[i].u64 = props[i].default_u64;
    values[i].str = g_strdup (props[i].default_str);
    for (unsigned j = 0; j < c->n_props; j++)
      if (strcmp (c->props[j].name, props[i].name) == 0 && c->props[j].type == props[i].type) {
        g_free (values[i].str);
        values[i].u64 = c->values[j].u64;
        values[i].str = g_strdup (c->values[j].str);
      }
  }
  for (unsigned j = 0; j < c->n_props; j++)
    g_free (c->values[j].str);
  g_free (c->values);
  c->values = values;
  c->props = props;
  c->n_props = n;
}

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
  g_free (c->node);
  g_free (c);
}

static MdlComponent *
component_copy (const MdlComponent *c)
{
  MdlComponent *n = g_memdup2 (c, sizeof *c);

  n->name = g_strdup (c->name);
  n->source = g_strdup (c->source);
  n->node = g_strdup (c->node);
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

bool
_mdl_component_has_window (const MdlComponent *c)
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
  n->lines_path = g_strdup (doc->lines_path);
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
  g_free (doc->lines_path);
  g_clear_pointer (&doc->lines, g_hash_table_unref);
  g_free (doc);
}

const char *
mdl_board_doc_source (const MdlBoardDoc *doc, const MdlComponent *c)
{
  /* A cache filled on first use: the document and component stay the
   * same to their readers. */
  MdlBoardDoc *d = (MdlBoardDoc *) doc;
  MdlComponent *mc = (MdlComponent *) c;

  if (c->source != NULL || c->node == NULL || doc->lines_path == NULL)
    return c->source;
  if (d->lines == NULL)
    d->lines = _mdl_board_doc_node_lines (doc->lines_path);
  mc->source = g_strdup (g_hash_table_lookup (doc->lines, c->node));
  if (mc->source == NULL)
    mc->source = g_strdup (doc->lines_path);
  return c->source;
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

bool
_mdl_board_doc_valid_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return false;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return false;
  return strlen (name) <= 31;
}

char *
_mdl_board_doc_fresh_name (const MdlBoardDoc *doc, const char *base)
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

      if (!_mdl_component_has_window (c) || c->id == except)
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

const MdlCpuClass *
_mdl_board_doc_default_cpu (void)
{
  return mdl_registry_default_cpu ();
}

MdlComponent *
_mdl_board_doc_new_cluster (MdlBoardDoc *doc, const char *name, const MdlCpuClass *cls)
{
  MdlComponent *c;
  const MdlPropInfo *props;
  unsigned n_props;

  if (cls == NULL)
    cls = _mdl_board_doc_default_cpu ();
  g_return_val_if_fail (cls != NULL, NULL);
  props = cluster_prop_table (cls, &n_props);
  c = component_new (doc, MDL_COMPONENT_CLUSTER, name, props, n_props);
  c->cpu_cls = cls;
  c->values[MDL_CP_CPU].str = g_strdup (cls->name);
  return c;
}

MdlComponent *
_mdl_board_doc_new_device (MdlBoardDoc *doc, const char *name, const MdlDeviceClass *cls)
{
  unsigned n;
  const MdlPropInfo *props = device_props (cls, &n);
  MdlComponent *c = component_new (doc, MDL_COMPONENT_DEVICE, name, props, n);

  c->dev_cls = cls;
  return c;
}

guint
mdl_board_doc_add_cluster (MdlBoardDoc *doc, const MdlCpuClass *cls, double x, double y)
{
  g_autofree char *name = _mdl_board_doc_fresh_name (doc, "cpu");
  MdlComponent *c = _mdl_board_doc_new_cluster (doc, name, cls);

  g_return_val_if_fail (c != NULL, 0);
  c->x = x;
  c->y = y;
  return c->id;
}

guint
mdl_board_doc_add_device (MdlBoardDoc *doc, const MdlDeviceClass *cls, double x, double y)
{
  g_autofree char *name = _mdl_board_doc_fresh_name (doc, group_base_name (cls));
  MdlComponent *c = _mdl_board_doc_new_device (doc, name, cls);

  c->x = x;
  c->y = y;
  if (_mdl_component_has_window (c)) {
    uint64_t from = cls->group == MDL_GROUP_MEMORY ? UINT64_C (0x80000000)
                                                   : UINT64_C (0x10000000);
    c->values[0].u64 = free_address (doc, from, c->values[1].u64, c->id);
    /* On a board of a family, where the family's firmware expects it. */
    mdl_board_doc_place_in_family (doc, c->id);
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
  if (!_mdl_board_doc_valid_name (name)) {
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

/* Parses @text into property @i of @c (no check across properties). */
static bool
set_value (MdlComponent *c, int i, const char *text, bool cache_prop, GError **error)
{
  static const char *const size_units[] = { "", "B", "K", "KB", "KiB", "M", "MB", "MiB",
                                            "G", "GB", "GiB", NULL };
  static const double size_scales[] = { 1, 1, 1024, 1024, 1024, 1048576, 1048576, 1048576,
                                        1073741824, 1073741824, 1073741824 };
  static const char *const freq_units[] = { "", "Hz", "kHz", "MHz", "GHz", NULL };
  static const double freq_scales[] = { 1, 1, 1e3, 1e6, 1e9 };
  const MdlPropInfo *info = &c->props[i];
  MdlPropValue *val = &c->values[i];
  const char *prop = info->name;
  uint64_t v = 0;

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
    if (strcmp (prop, "harts") == 0 && (v < 1 || v > MDL_DOC_MAX_HARTS)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "A cluster has 1 to %d CPUs", MDL_DOC_MAX_HARTS);
      return false;
    }
    if (_mdl_cluster_prop_is_class_setting (c, (unsigned) i) && c->cpu_cls->set_prop != NULL &&
        !c->cpu_cls->set_prop (c->cpu_cls, NULL, prop, v, error))
      return false;
    val->u64 = v;
    break;
  case MDL_PROP_SIZE:
    if (!parse_scaled (text, size_units, size_scales, &v) || (v == 0 && !cache_prop)) {
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
    g_free (val->str);
    val->str = g_strdup (text);
    cluster_set_class (c, cls);
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

bool
mdl_board_doc_set_prop (MdlBoardDoc *doc, guint id, const char *prop,
                        const char *text, GError **error)
{
  MdlComponent *c = mdl_board_doc_find (doc, id);
  MdlCacheModelConfig cfg;
  MdlPropValue old;
  int i;

  g_return_val_if_fail (c != NULL, false);
  if ((i = mdl_component_find_prop (c, prop)) < 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "%s has no property %s",
                 c->name, prop);
    return false;
  }
  text = text ? text : "";
  if (c->kind != MDL_COMPONENT_CLUSTER || i < MDL_CP_CACHE_FIRST || i >= MDL_CP_COUNT)
    return set_value (c, i, text, false, error);

  /* A cache setting is checked with the others of its cache, and the old
   * value stays when they do not make one. */
  old.u64 = c->values[i].u64;
  old.str = g_strdup (c->values[i].str);
  if (set_value (c, i, text, true, error) && _mdl_cluster_cache_config (c, &cfg, NULL, error)) {
    g_free (old.str);
    return true;
  }
  g_free (c->values[i].str);
  c->values[i] = old;
  return false;
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
  if (!_mdl_component_has_window (d)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s has no registers or memory to map", d->name);
    return 0;
  }
  if (_mdl_board_doc_find_map (doc, w.from, w.to) != NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s is already mapped into %s", d->name, c->name);
    return 0;
  }
  return add_wire (doc, w);
}

const MdlWire *
_mdl_board_doc_find_map (const MdlBoardDoc *doc, guint device, guint cluster)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->from == device && w->to == cluster)
      return w;
  }
  return NULL;
}

static unsigned
irq_inputs (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_CLUSTER ? c->cpu_cls->n_irq_in : c->dev_cls->n_irq_in;
}

/* A cluster's outputs are its harts' in turn: hart h's output i is
 * h * n_irq_out + i. */
static unsigned
irq_outputs (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_CLUSTER
           ? c->cpu_cls->n_irq_out * (unsigned) mdl_component_u64 (c, "harts")
           : c->dev_cls->n_irq_out;
}

guint
mdl_board_doc_wire_irq (MdlBoardDoc *doc, guint device, unsigned output,
                        guint target, unsigned input, unsigned hart, GError **error)
{
  MdlComponent *d = mdl_board_doc_find (doc, device);
  MdlComponent *t = mdl_board_doc_find (doc, target);
  MdlWire w = { 0, MDL_WIRE_IRQ, device, output, target, input, hart, false, 0 };

  if (d == NULL || t == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "An interrupt wire starts at a device's or a CPU's interrupt output");
    return 0;
  }
  /* A CPU may drive its own inputs (a timer wired straight to the core's
   * IRQ on a board without an interrupt controller); a device may not. */
  if (d == t && d->kind == MDL_COMPONENT_DEVICE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s cannot interrupt itself", d->name);
    return 0;
  }
  if (output >= irq_outputs (d)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 irq_outputs (d) ? "%s has only %u interrupt outputs"
                                 : "%s has no interrupt output%.0u",
                 d->name, irq_outputs (d));
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

char *
_mdl_board_doc_dir (const MdlBoardDoc *doc)
{
  return doc->path ? g_path_get_dirname (doc->path) : g_get_current_dir ();
}

/* Why @path cannot be the firmware of @cluster (of class @cls), or NULL
 * when it can. */
static char *
firmware_mismatch (const char *path, const MdlCpuClass *cls, const char *cluster)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlAddressSpace) scratch = mdl_address_space_new ("check");
  g_autoptr(MdlElfImage) img = NULL;

  /* Loading into an empty address space checks the header and stops at
   * the first segment: architecture errors come first. */
  img = mdl_elf_load (path, scratch, cls, cluster, &error);
  if (error != NULL && (error->code == MDL_ERROR_ARCH ||
                        (error->code == MDL_ERROR_ELF && strstr (error->message, "segment") == NULL)))
    return g_strdup (error->message);
  return NULL;
}

GPtrArray *
mdl_board_doc_problems (const MdlBoardDoc *doc, const char *const *search_dirs)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_problem_free);
  g_autofree char *dir = _mdl_board_doc_dir (doc);
  bool any_cluster = false;

  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind == MDL_COMPONENT_CLUSTER) {
      const char *fw = mdl_component_str (c, "firmware");
      any_cluster = true;
      if (fw == NULL && mdl_component_str (c, "payload") == NULL &&
          !c->cpu_cls->has_reset_address) {
        problem (list, c->id, "firmware", "%s has no firmware: choose an ELF file", c->name);
      } else if (fw != NULL) {
        g_autofree char *path = _mdl_board_resolve_firmware (dir, search_dirs, fw);
        g_autofree char *why = NULL;
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          problem (list, c->id, "firmware", "Firmware not found: %s", path);
        else if ((why = firmware_mismatch (path, c->cpu_cls, c->name)) != NULL)
          problem (list, c->id, "firmware", "%s", why);
      }
      if (mdl_component_str (c, "payload") != NULL) {
        g_autofree char *path = _mdl_board_resolve_firmware (dir, search_dirs, mdl_component_str (c, "payload"));
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          problem (list, c->id, "payload", "Payload not found: %s", path);
      }
      if (mdl_component_str (c, "initrd") != NULL) {
        g_autofree char *path = _mdl_board_resolve_firmware (dir, search_dirs, mdl_component_str (c, "initrd"));
        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          problem (list, c->id, "initrd", "Initial RAM disk not found: %s", path);
      }
      continue;
    }
    if (!_mdl_component_has_window (c))
      continue;
    if (mdl_component_u64 (c, "reg") + (mdl_component_u64 (c, "size") - 1) < mdl_component_u64 (c, "reg"))
      problem (list, c->id, "reg", "%s runs past the end of the address space", c->name);
    /* Each pair once: report on the later component. */
    for (guint j = 0; j < i; j++) {
      MdlComponent *o = g_ptr_array_index (doc->components, j);
      if (_mdl_component_has_window (o) && ranges_overlap (mdl_component_u64 (c, "reg"), mdl_component_u64 (c, "size"),
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

bool
mdl_board_doc_check_limits (const MdlBoardDoc *doc, GError **error)
{
  uint64_t memory = 0, limit = mdl_board_memory_limit ();
  unsigned cpus = 0;

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    const char *where;

    if (c->kind == MDL_COMPONENT_CLUSTER) {
      cpus += (unsigned) MIN (mdl_component_u64 (c, "harts"), (uint64_t) MDL_BOARD_MAX_CPUS + 1);
      if (cpus > MDL_BOARD_MAX_CPUS) {
        where = mdl_board_doc_source (doc, c);
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                     "%s: %s: the board has more than %d CPUs",
                     where ? where : doc->path ? doc->path : "board", c->name,
                     MDL_BOARD_MAX_CPUS);
        return false;
      }
    } else if (c->dev_cls->group == MDL_GROUP_MEMORY && _mdl_component_has_window (c)) {
      uint64_t size = mdl_component_u64 (c, "size");
      /* Saturating: two sizes near 2^64 must not wrap to a small sum. */
      memory = size > G_MAXUINT64 - memory ? G_MAXUINT64 : memory + size;
      if (memory > limit) {
        where = mdl_board_doc_source (doc, c);
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                     "%s: %s: the board's memories add up to more than %" G_GUINT64_FORMAT
                     " MiB (set MEDLEY_MAX_MEMORY to allow more)",
                     where ? where : doc->path ? doc->path : "board", c->name,
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
