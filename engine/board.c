#define G_LOG_DOMAIN "mdl-board"

#include "board.h"

#include <libfdt.h>
#include <string.h>

#include "device.h"
#include "error.h"
#include "registry.h"

#define MDL_DEFAULT_CPU_HZ UINT64_C (1000000000)

typedef struct {
  MdlBoard        *board;
  const void      *fdt;
  MdlAddressSpace *system;     /* the root bus, seen by every cluster */
  GHashTable      *devices;    /* node offset -> MdlDevice * */
  GHashTable      *cpus;       /* node offset -> MdlCpu * */
} Loader;

/* ---- locating nodes in the source, for messages ------------------------- */

/* dtc's -T annotations give each node's "file:line"; we only run it when
 * there is an error to report, so loading stays one dtc call. */
static char *
node_location (MdlBoard *board, const char *node_path)
{
  const char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dts", "-T", board->path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return NULL;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    char *line = g_strstrip (lines[i]);
    char *brace = strstr (line, " { /* ");

    if (brace != NULL && !g_str_has_prefix (line, "/dts")) {
      g_autofree char *name = g_strndup (line, brace - line);
      char *colon = strrchr (name, ' ');   /* drop "label: " prefixes */
      const char *loc = brace + 6;
      g_autofree char *path = NULL;

      path = stack->len == 0 ? g_strdup ("/")
           : g_strcmp0 (g_ptr_array_index (stack, stack->len - 1), "/") == 0
             ? g_strconcat ("/", colon ? colon + 1 : name, NULL)
             : g_strconcat (g_ptr_array_index (stack, stack->len - 1), "/",
                            colon ? colon + 1 : name, NULL);
      if (g_strcmp0 (path, node_path) == 0) {
        const char *end = strstr (loc, " */");
        g_autofree char *where = g_strndup (loc, end ? (gsize) (end - loc) : strlen (loc));
        char *dash = strchr (where, '-');
        if (dash)
          *dash = '\0';
        /* dtc prints the name it was given; prefer the board's full path. */
        if (g_str_has_prefix (where, board->path))
          return g_steal_pointer (&where);
        {
          char *c = strchr (where, ':');
          return g_strdup_printf ("%s%s", board->path, c ? c : "");
        }
      }
      g_ptr_array_add (stack, g_steal_pointer (&path));
    } else if (g_str_has_prefix (line, "};") && stack->len > 0) {
      g_ptr_array_remove_index (stack, stack->len - 1);
    }
  }
  return NULL;
}

static char *
node_path (const void *fdt, int node)
{
  char buf[512];

  if (fdt_get_path (fdt, node, buf, sizeof buf) != 0)
    return g_strdup ("?");
  return g_strdup (buf);
}

static void G_GNUC_PRINTF (5, 6)
node_error (Loader *ld, int node, GError **error, MdlErrorCode code,
            const char *fmt, ...)
{
  g_autofree char *path = node_path (ld->fdt, node);
  g_autofree char *loc = node_location (ld->board, path);
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, MDL_ERROR, code, "%s: node %s: %s",
               loc ? loc : ld->board->path, path, what);
}

/* ---- property helpers --------------------------------------------------- */

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

static int
cells_of (const void *fdt, int node, const char *name, int fallback)
{
  uint64_t v;

  return node >= 0 && prop_u64 (fdt, node, name, &v) ? (int) v : fallback;
}

/* The nth string of a string-list property, or NULL. */
static const char *
compat_at (const void *fdt, int node, int i)
{
  return fdt_stringlist_get (fdt, node, "compatible", i, NULL);
}

static bool
has_compat (const void *fdt, int node, const char *compatible)
{
  return fdt_node_check_compatible (fdt, node, compatible) == 0;
}

/* ---- addresses ----------------------------------------------------------- */

/* Translates @addr, a bus address of @node's children, up to the root
 * through each ancestor's `ranges`. */
static bool
translate_up (Loader *ld, int bus, uint64_t *addr, GError **error, int for_node)
{
  const void *fdt = ld->fdt;

  while (bus > 0) {
    int parent = fdt_parent_offset (fdt, bus);
    int len, na = cells_of (fdt, bus, "#address-cells", 2);
    int pna = cells_of (fdt, parent, "#address-cells", 2);
    int ns = cells_of (fdt, bus, "#size-cells", 1);
    const fdt32_t *r = fdt_getprop (fdt, bus, "ranges", &len);
    int entry = na + pna + ns;
    bool found = false;

    if (r == NULL) {
      node_error (ld, for_node, error, MDL_ERROR_BOARD,
                  "its parent bus has no 'ranges', so its registers are not "
                  "visible to the CPUs");
      return false;
    }
    if (len == 0) {       /* empty ranges: the bus maps 1:1 */
      bus = parent;
      continue;
    }
    for (int i = 0; entry > 0 && (i + 1) * entry * 4 <= len; i++) {
      const fdt32_t *e = r + i * entry;
      uint64_t child = read_cells (e, na), up = read_cells (e + na, pna);
      uint64_t size = read_cells (e + na + pna, ns);

      if (*addr >= child && *addr - child < size) {
        *addr = *addr - child + up;
        found = true;
        break;
      }
    }
    if (!found) {
      node_error (ld, for_node, error, MDL_ERROR_BOARD,
                  "address 0x%" G_GINT64_MODIFIER "x is outside every "
                  "'ranges' window of its parent bus", *addr);
      return false;
    }
    bus = parent;
  }
  return true;
}

static bool
read_reg (Loader *ld, int node, MdlDevice *dev, GError **error)
{
  const void *fdt = ld->fdt;
  int parent = fdt_parent_offset (fdt, node);
  int na = cells_of (fdt, parent, "#address-cells", 2);
  int ns = cells_of (fdt, parent, "#size-cells", 1);
  int len, n;
  const fdt32_t *p = fdt_getprop (fdt, node, "reg", &len);

  if (p == NULL)
    return true;
  if (na < 1 || na > 2 || ns < 0 || ns > 2 || len % ((na + ns) * 4) != 0) {
    node_error (ld, node, error, MDL_ERROR_BOARD,
                "'reg' does not match its parent's #address-cells = %d and "
                "#size-cells = %d", na, ns);
    return false;
  }
  n = len / ((na + ns) * 4);
  dev->reg = g_new0 (MdlRegEntry, n);
  dev->n_reg = n;
  for (int i = 0; i < n; i++) {
    const fdt32_t *e = p + i * (na + ns);
    dev->reg[i].base = read_cells (e, na);
    dev->reg[i].size = read_cells (e + na, ns);
    if (!translate_up (ld, parent, &dev->reg[i].base, error, node))
      return false;
  }
  return true;
}

/* ---- devices ------------------------------------------------------------- */

static bool
read_props (Loader *ld, int node, MdlDevice *dev, GError **error)
{
  const MdlDeviceClass *cls = dev->cls;

  for (unsigned i = 0; i < cls->n_props; i++) {
    const MdlPropInfo *info = &cls->props[i];
    const void *raw = fdt_getprop (ld->fdt, node, info->name, NULL);

    if (raw == NULL) {
      if (info->required) {
        node_error (ld, node, error, MDL_ERROR_BOARD,
                    "property '%s' (%s) is required", info->name,
                    info->description);
        return false;
      }
      continue;
    }
    switch (info->type) {
    case MDL_PROP_BOOL:
      dev->props[i].u64 = 1;
      break;
    case MDL_PROP_U32:
    case MDL_PROP_U64:
    case MDL_PROP_FREQ:
    case MDL_PROP_SIZE:
      if (!prop_u64 (ld->fdt, node, info->name, &dev->props[i].u64)) {
        node_error (ld, node, error, MDL_ERROR_BOARD,
                    "property '%s' must be one or two 32-bit cells", info->name);
        return false;
      }
      break;
    case MDL_PROP_STRING:
    case MDL_PROP_FILE: {
      const char *s = prop_str (ld->fdt, node, info->name);
      if (s == NULL) {
        node_error (ld, node, error, MDL_ERROR_BOARD,
                    "property '%s' must be a string", info->name);
        return false;
      }
      g_free (dev->props[i].str);
      dev->props[i].str = info->type == MDL_PROP_FILE && !g_path_is_absolute (s)
                          ? g_build_filename (ld->board->dir, s, NULL)
                          : g_strdup (s);
      break;
    }
    }
  }
  return true;
}

static const MdlDeviceClass *
device_class_for (const void *fdt, int node)
{
  const char *c;
  const char *type = prop_str (fdt, node, "device_type");

  for (int i = 0; (c = compat_at (fdt, node, i)) != NULL; i++) {
    const MdlDeviceClass *cls = mdl_registry_find_device (c);
    if (cls != NULL)
      return cls;
  }
  if (g_strcmp0 (type, "memory") == 0)
    return mdl_registry_find_device ("medley,ram");
  return NULL;
}

static char *
known_devices (void)
{
  const MdlDeviceClass *const *d = mdl_registry_devices ();
  GString *s = g_string_new (NULL);

  for (unsigned i = 0; d[i] != NULL; i++)
    g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", d[i]->compatible);
  return g_string_free (s, FALSE);
}

static bool
add_device (Loader *ld, int node, const MdlDeviceClass *cls, GError **error)
{
  const void *fdt = ld->fdt;
  MdlMachine *m = ld->board->machine;
  MdlDevice *dev = mdl_device_new (m, cls, fdt_get_name (fdt, node, NULL));

  mdl_machine_add_device (m, dev);   /* the machine owns it from here on */
  g_hash_table_insert (ld->devices, GINT_TO_POINTER (node), dev);

  if (!read_reg (ld, node, dev, error) || !read_props (ld, node, dev, error))
    return false;
  if (cls->n_regions > 0 && dev->n_reg < cls->n_regions) {
    node_error (ld, node, error, MDL_ERROR_BOARD,
                "a %s needs %u 'reg' entr%s, the node has %u", cls->name,
                cls->n_regions, cls->n_regions == 1 ? "y" : "ies", dev->n_reg);
    return false;
  }
  if (cls->realize != NULL) {
    g_autoptr(GError) local = NULL;
    if (!cls->realize (dev, &local)) {
      node_error (ld, node, error, MDL_ERROR_BOARD, "%s", local->message);
      return false;
    }
  }
  for (unsigned i = 0; i < cls->n_regions; i++) {
    g_autoptr(GError) local = NULL;

    g_assert (dev->regions[i] != NULL);
    if (!mdl_address_space_map (ld->system, dev->reg[i].base, dev->regions[i], &local)) {
      node_error (ld, node, error, local->code, "%s", local->message);
      return false;
    }
  }
  return true;
}

/* ---- CPU clusters -------------------------------------------------------- */

static bool
is_cluster (const void *fdt, int node)
{
  const char *name = fdt_get_name (fdt, node, NULL);

  if (has_compat (fdt, node, "cpus,cluster"))
    return true;
  /* A classic /cpus node (no compatible) is one cluster too. */
  return fdt_parent_offset (fdt, node) == 0 && g_strcmp0 (name, "cpus") == 0 &&
         fdt_getprop (fdt, node, "compatible", NULL) == NULL;
}

static char *
known_cpus (void)
{
  const MdlCpuClass *const *c = mdl_registry_cpus ();
  GString *s = g_string_new (NULL);

  for (unsigned i = 0; c[i] != NULL; i++)
    g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", c[i]->compatible);
  return g_string_free (s, FALSE);
}

static void
cluster_free (MdlCluster *cl)
{
  g_free (cl->name);
  g_free (cl->node);
  g_free (cl->firmware);
  g_ptr_array_unref (cl->cpus);
  mdl_elf_image_free (cl->image);
  g_free (cl);
}

static bool
add_cluster (Loader *ld, int node, GError **error)
{
  const void *fdt = ld->fdt;
  MdlBoard *board = ld->board;
  MdlCluster *cl = g_new0 (MdlCluster, 1);
  const char *name = prop_str (fdt, node, "medley,name");
  uint64_t timebase = 0, cluster_hz = MDL_DEFAULT_CPU_HZ;
  unsigned count = 0;
  int child;

  g_ptr_array_add (board->clusters, cl);
  cl->node = node_path (fdt, node);
  cl->name = g_strdup (name ? name : fdt_get_name (fdt, node, NULL));
  cl->firmware = g_strdup (prop_str (fdt, node, "medley,firmware"));
  cl->cpus = g_ptr_array_new ();
  cl->as = ld->system;
  prop_u64 (fdt, node, "timebase-frequency", &timebase);
  prop_u64 (fdt, node, "clock-frequency", &cluster_hz);

  for (guint i = 0; i + 1 < board->clusters->len; i++)
    if (g_strcmp0 (((MdlCluster *) g_ptr_array_index (board->clusters, i))->name,
                   cl->name) == 0) {
      node_error (ld, node, error, MDL_ERROR_BOARD,
                  "another CPU cluster is already called '%s' (set "
                  "medley,name to tell them apart)", cl->name);
      return false;
    }

  fdt_for_each_subnode (child, fdt, node)
    if (g_strcmp0 (prop_str (fdt, child, "device_type"), "cpu") == 0)
      count++;
  if (count == 0) {
    node_error (ld, node, error, MDL_ERROR_BOARD,
                "CPU cluster has no node with device_type = \"cpu\"");
    return false;
  }

  fdt_for_each_subnode (child, fdt, node) {
    const MdlCpuClass *cls = NULL;
    const char *c;
    uint64_t hz = cluster_hz, hartid = cl->cpus->len, tb = timebase;
    g_autofree char *cpu_name = NULL;
    g_autoptr(GError) local = NULL;
    MdlCpu *cpu;

    if (g_strcmp0 (prop_str (fdt, child, "device_type"), "cpu") != 0)
      continue;
    for (int i = 0; cls == NULL && (c = compat_at (fdt, child, i)) != NULL; i++)
      cls = mdl_registry_find_cpu (c);
    if (cls == NULL) {
      g_autofree char *known = known_cpus ();
      c = compat_at (fdt, child, 0);
      node_error (ld, child, error, MDL_ERROR_UNKNOWN,
                  c ? "unknown CPU compatible \"%s\" (known: %s)"
                    : "%sCPU node has no compatible (known: %s)",
                  c ? c : "", known);
      return false;
    }
    prop_u64 (fdt, child, "clock-frequency", &hz);
    prop_u64 (fdt, child, "reg", &hartid);
    prop_u64 (fdt, child, "timebase-frequency", &tb);
    cpu_name = count == 1 ? g_strdup (cl->name)
                          : g_strdup_printf ("%s.%u", cl->name, cl->cpus->len);
    cpu = mdl_machine_add_cpu (board->machine, cls, cpu_name, cl->as, hartid,
                               hz, &local);
    if (cpu == NULL) {
      node_error (ld, child, error, local->code, "%s", local->message);
      return false;
    }
    cpu->timebase_hz = tb;
    g_ptr_array_add (cl->cpus, cpu);
    g_hash_table_insert (ld->cpus, GINT_TO_POINTER (child), cpu);
  }
  return true;
}

/* ---- the walk ------------------------------------------------------------ */

static bool
walk_devices (Loader *ld, int parent, GError **error)
{
  const void *fdt = ld->fdt;
  int node;

  fdt_for_each_subnode (node, fdt, parent) {
    const MdlDeviceClass *cls;
    const char *first = compat_at (fdt, node, 0);

    if (is_cluster (fdt, node) || g_strcmp0 (prop_str (fdt, node, "status"), "disabled") == 0)
      continue;
    if (has_compat (fdt, node, "simple-bus")) {
      if (!walk_devices (ld, node, error))
        return false;
      continue;
    }
    cls = device_class_for (fdt, node);
    if (cls == NULL) {
      if (first == NULL)
        continue;   /* /chosen, /aliases and friends */
      g_autofree char *known = known_devices ();
      node_error (ld, node, error, MDL_ERROR_UNKNOWN,
                  "unknown compatible \"%s\" (known: %s)", first, known);
      return false;
    }
    if (!add_device (ld, node, cls, error))
      return false;
  }
  return true;
}

/* The CPU owning an interrupt-controller node: the node itself or its
 * nearest cpu ancestor. */
static MdlCpu *
cpu_of (Loader *ld, int node)
{
  for (int n = node; n > 0; n = fdt_parent_offset (ld->fdt, n)) {
    MdlCpu *cpu = g_hash_table_lookup (ld->cpus, GINT_TO_POINTER (n));
    if (cpu != NULL)
      return cpu;
  }
  return NULL;
}

static bool
wire_one (Loader *ld, int node, MdlDevice *dev, unsigned out, int target,
          const fdt32_t *spec, int ncells, GError **error)
{
  MdlMachine *m = ld->board->machine;
  MdlCpu *cpu = cpu_of (ld, target);
  MdlDevice *ctl = g_hash_table_lookup (ld->devices, GINT_TO_POINTER (target));
  unsigned line = ncells > 0 ? fdt32_to_cpu (spec[0]) : 0;
  g_autofree char *tpath = node_path (ld->fdt, target);

  if (out >= dev->cls->n_irq_out) {
    node_error (ld, node, error, MDL_ERROR_BOARD,
                "a %s has %u interrupt output%s, the node wires more",
                dev->cls->name, dev->cls->n_irq_out,
                dev->cls->n_irq_out == 1 ? "" : "s");
    return false;
  }
  if (cpu != NULL) {
    if (line >= cpu->cls->n_irq_in) {
      node_error (ld, node, error, MDL_ERROR_BOARD,
                  "interrupt %u of CPU %s does not exist (a %s has %u inputs)",
                  line, cpu->name, cpu->cls->name, cpu->cls->n_irq_in);
      return false;
    }
    dev->irq_out[out] = mdl_irq_line_to_cpu (m, cpu, line);
  } else if (ctl != NULL && ctl->cls->n_irq_in > 0) {
    if (line >= ctl->cls->n_irq_in) {
      node_error (ld, node, error, MDL_ERROR_BOARD,
                  "input %u of %s does not exist (it has %u)", line, tpath,
                  ctl->cls->n_irq_in);
      return false;
    }
    dev->irq_out[out] = mdl_irq_line_to_device (m, ctl, line);
  } else {
    node_error (ld, node, error, MDL_ERROR_BOARD,
                "interrupt target %s is neither a CPU's interrupt controller "
                "nor a device with interrupt inputs", tpath);
    return false;
  }
  return true;
}

static bool
wire_interrupts (Loader *ld, int node, MdlDevice *dev, GError **error)
{
  const void *fdt = ld->fdt;
  int len;
  const fdt32_t *p = fdt_getprop (fdt, node, "interrupts-extended", &len);
  unsigned out = 0;

  if (p != NULL) {
    int n = len / 4, i = 0;

    while (i < n) {
      int target = fdt_node_offset_by_phandle (fdt, fdt32_to_cpu (p[i]));
      int cells;

      if (target < 0) {
        node_error (ld, node, error, MDL_ERROR_BOARD,
                    "'interrupts-extended' refers to a missing phandle");
        return false;
      }
      cells = cells_of (fdt, target, "#interrupt-cells", 1);
      if (i + 1 + cells > n) {
        node_error (ld, node, error, MDL_ERROR_BOARD,
                    "'interrupts-extended' is cut short");
        return false;
      }
      if (!wire_one (ld, node, dev, out++, target, p + i + 1, cells, error))
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
      node_error (ld, node, error, MDL_ERROR_BOARD,
                  "'interrupts' without an 'interrupt-parent'");
      return false;
    }
    cells = cells_of (fdt, target, "#interrupt-cells", 1);
    for (int i = 0; cells > 0 && (i + cells) * 4 <= len; i += cells)
      if (!wire_one (ld, node, dev, out++, target, p + i, cells, error))
        return false;
  }
  return true;
}

static bool
run_dtc (const char *path, GBytes **blob, GError **error)
{
  const char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "-", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) local = NULL;
  gsize out_len = 0;
  int status = 0;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &local)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                 "%s: cannot run the device-tree compiler dtc: %s (install "
                 "the device-tree-compiler package)", path, local->message);
    return false;
  }
  if (!g_spawn_check_wait_status (status, NULL)) {
    /* dtc says "Error: FILE:LINE.COL-COL what" then a generic FATAL line;
     * the first error alone is what the user needs. */
    g_auto(GStrv) lines = g_strsplit (g_strstrip (err), "\n", -1);
    const char *first = lines[0] && *lines[0] ? lines[0] : "dtc failed without a message";

    if (g_str_has_prefix (first, "Error: "))
      first += 7;
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE, "%s", first);
    return false;
  }
  /* g_spawn_sync NUL-terminates; the blob's own header gives its length. */
  out_len = fdt_check_header (out) == 0 ? fdt_totalsize (out) : 0;
  if (out_len == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_PARSE,
                 "%s: dtc produced no valid blob", path);
    return false;
  }
  *blob = g_bytes_new_take (g_steal_pointer (&out), out_len);
  return true;
}

MdlBoard *
mdl_board_load (const char *path, const char *const *search_dirs, GError **error)
{
  g_autoptr(MdlBoard) board = NULL;
  g_autoptr(GBytes) blob = NULL;
  Loader ld = { 0 };
  GHashTableIter it;
  gpointer key, value;
  bool ok = false;
  int node;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: no such board file", path);
    return NULL;
  }
  if (!run_dtc (path, &blob, error))
    return NULL;

  board = g_new0 (MdlBoard, 1);
  board->path = g_strdup (path);
  board->dir = g_path_get_dirname (path);
  board->search_dirs = g_strdupv ((char **) search_dirs);
  board->machine = mdl_machine_new ();
  board->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);

  ld.board = board;
  ld.fdt = g_bytes_get_data (blob, NULL);
  ld.system = mdl_machine_add_address_space (board->machine, "system bus");
  ld.devices = g_hash_table_new (NULL, NULL);
  ld.cpus = g_hash_table_new (NULL, NULL);
  board->model = g_strdup (prop_str (ld.fdt, 0, "model"));

  /* Clusters first so that interrupt wires can find their CPUs. */
  fdt_for_each_subnode (node, ld.fdt, 0)
    if (is_cluster (ld.fdt, node) && !add_cluster (&ld, node, error))
      goto out;
  if (board->clusters->len == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                 "%s: the board has no CPU cluster (a node with compatible = "
                 "\"cpus,cluster\" holding cpu nodes)", path);
    goto out;
  }
  if (!walk_devices (&ld, 0, error))
    goto out;
  g_hash_table_iter_init (&it, ld.devices);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (!wire_interrupts (&ld, GPOINTER_TO_INT (key), value, error))
      goto out;
  ok = true;

out:
  g_hash_table_unref (ld.devices);
  g_hash_table_unref (ld.cpus);
  return ok ? g_steal_pointer (&board) : NULL;
}

void
mdl_board_free (MdlBoard *board)
{
  if (board == NULL)
    return;
  /* Clusters only point at CPUs and address spaces the machine owns. */
  g_ptr_array_unref (board->clusters);
  mdl_machine_free (board->machine);
  g_strfreev (board->search_dirs);
  g_free (board->model);
  g_free (board->dir);
  g_free (board->path);
  g_free (board);
}

MdlCluster *
mdl_board_find_cluster (MdlBoard *board, const char *name)
{
  if (name == NULL)
    return board->clusters->len == 1 ? g_ptr_array_index (board->clusters, 0) : NULL;
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    if (g_strcmp0 (cl->name, name) == 0)
      return cl;
  }
  return NULL;
}

bool
mdl_board_set_firmware (MdlBoard *board, const char *cluster_name,
                        const char *path, GError **error)
{
  MdlCluster *cl = mdl_board_find_cluster (board, cluster_name);

  if (cl == NULL) {
    GString *names = g_string_new (NULL);
    for (guint i = 0; i < board->clusters->len; i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "",
                              ((MdlCluster *) g_ptr_array_index (board->clusters, i))->name);
    if (cluster_name == NULL)
      g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                   "%s has %u CPU clusters (%s): say which one runs %s with "
                   "--firmware NAME=FILE", board->path, board->clusters->len,
                   names->str, path);
    else
      g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                   "%s has no CPU called '%s' (it has: %s)", board->path,
                   cluster_name, names->str);
    g_string_free (names, TRUE);
    return false;
  }
  g_free (cl->firmware);
  /* Command-line paths are relative to where the user is, not the board. */
  cl->firmware = g_canonicalize_filename (path, NULL);
  return true;
}

static char *
resolve_firmware (MdlBoard *board, const char *given)
{
  g_autofree char *local = NULL;

  if (g_path_is_absolute (given))
    return g_strdup (given);
  local = g_build_filename (board->dir, given, NULL);
  if (g_file_test (local, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&local);
  for (guint i = 0; board->search_dirs && board->search_dirs[i]; i++) {
    g_autofree char *p = g_build_filename (board->search_dirs[i], given, NULL);
    if (g_file_test (p, G_FILE_TEST_EXISTS))
      return g_steal_pointer (&p);
  }
  return g_steal_pointer (&local);   /* for the error message */
}

bool
mdl_board_load_firmware (MdlBoard *board, GError **error)
{
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    MdlCpu *first = g_ptr_array_index (cl->cpus, 0);
    g_autofree char *path = NULL;

    if (cl->firmware == NULL) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                   "%s: CPU cluster '%s' has no firmware: set medley,firmware "
                   "in %s or pass --firmware %s=FILE.elf", board->path,
                   cl->name, cl->node, cl->name);
      return false;
    }
    path = resolve_firmware (board, cl->firmware);
    if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO,
                   "%s: firmware for CPU '%s' not found: %s", board->path,
                   cl->name, path);
      return false;
    }
    g_clear_pointer (&cl->image, mdl_elf_image_free);
    cl->image = mdl_elf_load (path, cl->as, first->cls, cl->name, error);
    if (cl->image == NULL)
      return false;
    for (guint j = 0; j < cl->cpus->len; j++) {
      MdlCpu *cpu = g_ptr_array_index (cl->cpus, j);
      mdl_machine_set_entry (board->machine, cpu, cl->image->entry);
      if (cpu->cls->flush_code != NULL)
        cpu->cls->flush_code (cpu);
    }
  }
  mdl_machine_reset (board->machine);
  return true;
}
