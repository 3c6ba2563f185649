#define G_LOG_DOMAIN "mdl-board"

#include "board.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "board-doc-private.h"
#include "device.h"
#include "error.h"
#include "fdt-export.h"
#include "registry.h"

/* A board document turned into a machine.  Reading the .dts lives in
 * board-doc.c, so that the canvas and the runner share one walk. */

char *_mdl_board_resolve_firmware (const char *board_dir,
                                   const char *const *search_dirs,
                                   const char *given);

static bool reload_images (MdlMachine *m, void *data, GError **error);

static void
cluster_free (MdlCluster *cl)
{
  g_free (cl->name);
  g_free (cl->node);
  g_free (cl->firmware);
  g_free (cl->payload);
  g_free (cl->initrd);
  g_free (cl->bootargs);
  g_clear_pointer (&cl->initrd_data, g_bytes_unref);
  g_clear_pointer (&cl->fdt, g_bytes_unref);
  g_ptr_array_unref (cl->cpus);
  mdl_elf_image_free (cl->image);
  g_free (cl);
}

/* The cluster's node in messages ("board.dts:23", or its name): looked
 * up when a message needs it, as that takes a dtc run. */
static const char *
cluster_node (MdlBoard *board, MdlCluster *cl)
{
  if (cl->node == NULL) {
    const MdlComponent *c = board->doc ? mdl_board_doc_find (board->doc, cl->doc_id) : NULL;
    const char *where = c ? mdl_board_doc_source (board->doc, c) : NULL;

    cl->node = g_strdup (where ? where : cl->name);
  }
  return cl->node;
}

static void G_GNUC_PRINTF (4, 5)
component_error (const MdlBoardDoc *doc, const MdlComponent *c, GError **error,
                 const char *fmt, ...)
{
  const char *where = mdl_board_doc_source (doc, c);
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: %s: %s",
               where ? where : doc->path ? doc->path : "board", c->name, what);
}

static bool
build_device (MdlBoard *board, const MdlBoardDoc *doc, const MdlComponent *c,
              MdlAddressSpace *system, GHashTable *devices, GError **error)
{
  const MdlDeviceClass *cls = c->dev_cls;
  MdlDevice *dev = mdl_device_new (board->machine, cls, c->name);

  mdl_machine_add_device (board->machine, dev);   /* owned from here on */
  g_hash_table_insert (devices, GUINT_TO_POINTER (c->id), dev);
  /* The document holds one register window per device (reg, size): a
   * class asking for more has no place to put them yet. */
  g_assert (cls->n_regions <= 1);
  if (cls->n_regions > 0) {
    dev->n_reg = 1;
    dev->reg = g_new0 (MdlRegEntry, 1);
    dev->reg[0].base = mdl_component_u64 (c, "reg");
    dev->reg[0].size = mdl_component_u64 (c, "size");
  }
  for (unsigned i = 0; i < cls->n_props; i++) {
    int j = mdl_component_find_prop (c, cls->props[i].name);
    const char *str = j >= 0 ? c->values[j].str : NULL;

    if (j < 0)
      continue;
    dev->props[i].u64 = c->values[j].u64;
    g_free (dev->props[i].str);
    /* Files are relative to the board, like firmware. */
    dev->props[i].str = cls->props[i].type == MDL_PROP_FILE && str && !g_path_is_absolute (str)
                        ? g_build_filename (board->dir, str, NULL) : g_strdup (str);
  }
  if (cls->realize != NULL) {
    g_autoptr(GError) local = NULL;
    if (!cls->realize (dev, &local)) {
      component_error (doc, c, error, "%s", local->message);
      return false;
    }
  }
  for (unsigned i = 0; i < cls->n_regions; i++) {
    g_autoptr(GError) local = NULL;

    g_assert (dev->regions[i] != NULL);
    if (!mdl_address_space_map (system, dev->reg[i].base, dev->regions[i], &local)) {
      component_error (doc, c, error, "%s", local->message);
      (*error)->code = local->code;
      return false;
    }
  }
  return true;
}

static const MdlBootProtocol *
class_boot_protocol (const MdlCpuClass *cls, const char *name)
{
  for (unsigned i = 0; i < cls->n_boot_protocols; i++)
    if (strcmp (cls->boot_protocols[i].name, name) == 0)
      return &cls->boot_protocols[i];
  return NULL;
}

/* The boot protocol the cluster asks for, from its class's list; false
 * with @error when it asks for one its class does not offer (any
 * registered class's protocol names a boolean cluster property), for two,
 * or for one that needs the device tree without it. */
static bool
find_boot_protocol (const MdlBoardDoc *doc, const MdlComponent *c,
                    const MdlBootProtocol **out, GError **error)
{
  unsigned n_all;
  const MdlBootProtocol *all = mdl_registry_boot_protocols (&n_all);
  const MdlCpuClass *cls = c->cpu_cls;

  *out = NULL;
  for (unsigned j = 0; j < n_all; j++) {
    const char *name = all[j].name;
    const MdlBootProtocol *p;

    if (!mdl_component_u64 (c, name))
      continue;
    p = class_boot_protocol (cls, name);
    if (p == NULL) {
      component_error (doc, c, error, "medley,%s: CPU class %s does not know this boot "
                       "protocol", name, cls->name);
      return false;
    }
    if (*out != NULL && *out != p) {
      component_error (doc, c, error, "medley,%s and medley,%s: one boot protocol at most",
                       (*out)->name, name);
      return false;
    }
    *out = p;
  }
  if (*out != NULL && (*out)->needs_fdt && !mdl_component_u64 (c, "device-tree")) {
    component_error (doc, c, error, "%s needs the device tree: set medley,device-tree",
                     (*out)->label);
    return false;
  }
  return true;
}

static bool
build_cluster (MdlBoard *board, const MdlBoardDoc *doc, const MdlComponent *c,
               MdlAddressSpace *system, GHashTable *devices, GHashTable *cpus,
               GError **error)
{
  MdlCluster *cl = g_new0 (MdlCluster, 1);
  unsigned harts = (unsigned) mdl_component_u64 (c, "harts");
  MdlCacheModelConfig cache;
  int fw = mdl_component_find_prop (c, "firmware");
  bool sees_all = true;

  g_ptr_array_add (board->clusters, cl);
  cl->name = g_strdup (c->name);
  cl->firmware = fw >= 0 ? g_strdup (c->values[fw].str) : NULL;
  cl->cpus = g_ptr_array_new ();
  fw = mdl_component_find_prop (c, "payload");
  cl->payload = fw >= 0 ? g_strdup (c->values[fw].str) : NULL;
  cl->payload_address = mdl_component_u64 (c, "payload-address");
  cl->doc_id = c->id;
  cl->initrd = g_strdup (mdl_component_str (c, "initrd"));
  cl->initrd_address = mdl_component_u64 (c, "initrd-address");
  if (!find_boot_protocol (doc, c, &cl->boot_protocol, error))
    return false;
  if (mdl_component_u64 (c, "device-tree")) {
    /* Built now, while the document is at hand; the loader copies it
     * into the cluster's RAM at every reset. */
    cl->fdt = mdl_fdt_export (doc, c->id, error);
    if (cl->fdt == NULL)
      return false;
    cl->fdt_address = mdl_fdt_export_address (doc, c->id, g_bytes_get_size (cl->fdt));
    if (cl->fdt_address == 0) {
      component_error (doc, c, error, "no RAM of 2 MiB or more for the device tree: "
                       "set medley,fdt-address");
      return false;
    }
  }

  /* A cluster that sees every device shares the system bus; one with an
   * address map gets a view of its own onto the same regions. */
  for (guint i = 0; i < doc->components->len && sees_all; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    bool mapped = false;
    if (d->kind != MDL_COMPONENT_DEVICE || d->dev_cls->n_regions == 0)
      continue;
    for (guint j = 0; j < doc->wires->len; j++) {
      const MdlWire *w = &g_array_index (doc->wires, MdlWire, j);
      mapped |= w->kind == MDL_WIRE_MAP && w->from == d->id && w->to == c->id;
    }
    sees_all = mapped;
  }
  if (sees_all) {
    cl->as = system;
  } else {
    g_autofree char *as_name = g_strdup_printf ("%s's bus", c->name);
    cl->as = mdl_machine_add_address_space (board->machine, as_name);
    for (guint j = 0; j < doc->wires->len; j++) {
      const MdlWire *w = &g_array_index (doc->wires, MdlWire, j);
      MdlDevice *dev;
      if (w->kind != MDL_WIRE_MAP || w->to != c->id)
        continue;
      dev = g_hash_table_lookup (devices, GUINT_TO_POINTER (w->from));
      /* Window 0 may sit elsewhere in this cluster's view; the others
       * keep their distance from it. */
      for (unsigned r = 0; dev && r < dev->cls->n_regions; r++) {
        uint64_t at = mdl_board_doc_map_base (doc, w) + (dev->reg[r].base - dev->reg[0].base);
        g_autoptr(GError) local = NULL;
        if (!mdl_address_space_map (cl->as, at, dev->regions[r], &local)) {
          component_error (doc, c, error, "%s", local->message);
          (*error)->code = local->code;
          return false;
        }
      }
    }
  }

  /* An edited document may hold what a board file would be refused for. */
  {
    g_autoptr(GError) local = NULL;
    unsigned bad = MDL_CP_CACHE_FIRST;

    if (!_mdl_cluster_cache_config (c, &cache, &bad, &local)) {
      component_error (doc, c, error, "medley,%s: %s", c->props[bad].name, local->message);
      return false;
    }
  }

  for (unsigned h = 0; h < harts; h++) {
    g_autofree char *name = harts == 1 ? g_strdup (c->name)
                                       : g_strdup_printf ("%s.%u", c->name, h);
    g_autoptr(GError) local = NULL;
    MdlCpu *cpu = mdl_machine_add_cpu (board->machine, c->cpu_cls, name, cl->as, h,
                                       mdl_component_u64 (c, "clock-frequency"), &local);
    if (cpu == NULL) {
      component_error (doc, c, error, "%s", local->message);
      return false;
    }
    cpu->timebase_hz = mdl_component_u64 (c, "timebase-frequency");
    if (mdl_cache_model_config_enabled (&cache))
      cpu->cache = mdl_cache_model_new (cpu, &cache);
    for (unsigned i = 0; i < c->cpu_cls->n_props && c->cpu_cls->set_prop != NULL; i++) {
      const char *prop = c->cpu_cls->props[i].name;
      if (!c->cpu_cls->set_prop (c->cpu_cls, cpu, prop, mdl_component_u64 (c, prop), &local)) {
        component_error (doc, c, error, "medley,%s: %s", prop, local->message);
        return false;
      }
    }
    g_ptr_array_add (cl->cpus, cpu);
    g_hash_table_insert (cpus, g_strdup_printf ("%u/%u", c->id, h), cpu);
  }
  return true;
}

static bool
build_wires (MdlBoard *board, const MdlBoardDoc *doc, GHashTable *devices,
             GHashTable *cpus, GError **error)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    MdlDevice *from, *to;
    g_autofree char *key = NULL;
    MdlCpu *cpu, *src = NULL;
    MdlIrqLine *line;

    if (w->kind != MDL_WIRE_IRQ)
      continue;
    from = g_hash_table_lookup (devices, GUINT_TO_POINTER (w->from));
    to = g_hash_table_lookup (devices, GUINT_TO_POINTER (w->to));
    key = g_strdup_printf ("%u/%u", w->to, w->hart);
    cpu = g_hash_table_lookup (cpus, key);
    if (from == NULL) { /* a CPU's own output: hart output / n_irq_out */
      const MdlComponent *fc = mdl_board_doc_find (doc, w->from);
      unsigned n = fc && fc->kind == MDL_COMPONENT_CLUSTER ? fc->cpu_cls->n_irq_out : 0;
      g_autofree char *src_key = n ? g_strdup_printf ("%u/%u", w->from, w->output / n) : NULL;
      src = src_key ? g_hash_table_lookup (cpus, src_key) : NULL;
    }
    /* The document checked ranges when the wire was made; the classes
     * could only have changed through a CPU model switch. */
    if ((from == NULL && src == NULL) || (from && w->output >= from->cls->n_irq_out) ||
        (cpu && w->input >= cpu->cls->n_irq_in) ||
        (to && w->input >= to->cls->n_irq_in) || (!cpu && !to)) {
      const MdlComponent *c = mdl_board_doc_find (doc, w->from);
      component_error (doc, c, error, "interrupt output %u is wired to an input that "
                       "does not exist", w->output);
      return false;
    }
    line = cpu ? mdl_irq_line_to_cpu (board->machine, cpu, w->input)
               : mdl_irq_line_to_device (board->machine, to, w->input);
    if (from != NULL)
      from->irq_out[w->output] = line;
    else
      src->irq_out[w->output % src->cls->n_irq_out] = line;
  }
  return true;
}

MdlBoard *
mdl_board_doc_instantiate (const MdlBoardDoc *doc, const char *const *search_dirs,
                           GError **error)
{
  g_autoptr(MdlBoard) board = g_new0 (MdlBoard, 1);
  g_autoptr(GHashTable) devices = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) cpus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  MdlAddressSpace *system;
  bool any = false;

  /* Before anything is allocated: the canvas can ask for 100 clusters of
   * 64 harts or a few 16 GiB memories as easily as a file can. */
  if (!mdl_board_doc_check_limits (doc, error))
    return NULL;
  board->path = g_strdup (doc->path ? doc->path : "untitled.dts");
  board->dir = doc->path ? g_path_get_dirname (doc->path) : g_get_current_dir ();
  board->model = g_strdup (doc->model);
  board->search_dirs = g_strdupv ((char **) search_dirs);
  board->doc = mdl_board_doc_copy (doc);
  board->machine = mdl_machine_new ();
  board->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  system = mdl_machine_add_address_space (board->machine, "system bus");

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->kind == MDL_COMPONENT_DEVICE &&
        !build_device (board, doc, c, system, devices, error))
      return NULL;
  }
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    if (c->kind != MDL_COMPONENT_CLUSTER)
      continue;
    any = true;
    if (!build_cluster (board, doc, c, system, devices, cpus, error))
      return NULL;
  }
  if (!any) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                 "%s: the board has no CPU cluster (a node with compatible = "
                 "\"cpus,cluster\" holding cpu nodes)", board->path);
    return NULL;
  }
  if (!build_wires (board, doc, devices, cpus, error))
    return NULL;
  if (doc->quantum_ps)
    mdl_machine_set_quantum (board->machine, doc->quantum_ps);
  mdl_machine_set_reset_handler (board->machine, reload_images, board);
  return g_steal_pointer (&board);
}

MdlBoard *
mdl_board_load (const char *path, const char *const *search_dirs, GError **error)
{
  g_autoptr(MdlBoardDoc) doc = mdl_board_doc_load (path, error);
  MdlBoard *board;

  if (doc == NULL)
    return NULL;
  board = mdl_board_doc_instantiate (doc, search_dirs, error);
  if (board != NULL) {
    /* Messages name the file as the user gave it. */
    g_free (board->path);
    board->path = g_strdup (path);
  }
  return board;
}

void
mdl_board_free (MdlBoard *board)
{
  if (board == NULL)
    return;
  /* Clusters only point at CPUs and address spaces the machine owns. */
  if (board->clusters)
    g_ptr_array_unref (board->clusters);
  mdl_machine_free (board->machine);
  mdl_board_doc_free (board->doc);
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

/* The cluster @cluster_name names (NULL: the only one) for the command
 * line's --@option; NULL with @error naming the clusters there are. */
static MdlCluster *
cluster_for_option (MdlBoard *board, const char *cluster_name, const char *option,
                    const char *value, GError **error)
{
  MdlCluster *cl = mdl_board_find_cluster (board, cluster_name);
  g_autoptr(GString) names = NULL;

  if (cl != NULL)
    return cl;
  names = g_string_new (NULL);
  for (guint i = 0; i < board->clusters->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            ((MdlCluster *) g_ptr_array_index (board->clusters, i))->name);
  if (cluster_name == NULL)
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "%s has %u CPU clusters (%s): say which one takes %s with "
                 "--%s NAME=%s", board->path, board->clusters->len,
                 names->str, value, option, g_str_equal (option, "append") ? "ARGS" : "FILE");
  else
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN, "%s has no CPU called '%s' (it has: %s)",
                 board->path, cluster_name, names->str);
  return NULL;
}

bool
mdl_board_set_firmware (MdlBoard *board, const char *cluster_name, const char *path,
                        GError **error)
{
  MdlCluster *cl = cluster_for_option (board, cluster_name, "firmware", path, error);

  if (cl == NULL)
    return false;
  g_free (cl->firmware);
  /* Command-line paths are relative to where the user is, not the board. */
  cl->firmware = g_canonicalize_filename (path, NULL);
  return true;
}

bool
mdl_board_set_kernel (MdlBoard *board, const char *cluster_name, const char *path,
                      GError **error)
{
  MdlCluster *cl = cluster_for_option (board, cluster_name, "kernel", path, error);

  if (cl == NULL)
    return false;
  g_free (cl->payload);
  cl->payload = g_canonicalize_filename (path, NULL);
  cl->payload_is_kernel = true;
  return true;
}

bool
mdl_board_set_initrd (MdlBoard *board, const char *cluster_name, const char *path,
                      GError **error)
{
  MdlCluster *cl = cluster_for_option (board, cluster_name, "initrd", path, error);

  if (cl == NULL)
    return false;
  g_free (cl->initrd);
  cl->initrd = g_canonicalize_filename (path, NULL);
  return true;
}

bool
mdl_board_set_bootargs (MdlBoard *board, const char *cluster_name, const char *args,
                        GError **error)
{
  MdlCluster *cl = cluster_for_option (board, cluster_name, "append", args, error);

  if (cl == NULL)
    return false;
  g_free (cl->bootargs);
  cl->bootargs = g_strdup (args);
  return true;
}

char *
_mdl_board_resolve_firmware (const char *board_dir, const char *const *search_dirs,
                             const char *given)
{
  g_autofree char *local = NULL;

  if (g_path_is_absolute (given))
    return g_strdup (given);
  local = g_build_filename (board_dir, given, NULL);
  if (g_file_test (local, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&local);
  for (guint i = 0; search_dirs && search_dirs[i]; i++) {
    g_autofree char *p = g_build_filename (search_dirs[i], given, NULL);
    if (g_file_test (p, G_FILE_TEST_EXISTS))
      return g_steal_pointer (&p);
  }
  return g_steal_pointer (&local);   /* for the error message */
}

static bool load_next_stage (MdlBoard *board, MdlCluster *cl, bool first, uint64_t *entry,
                             GError **error);

/* A reset the guest asked for finds the images as they were loaded: the
 * firmware's segments, the payload and the device tree are copied again
 * (QEMU restores its ROM blobs the same way); RAM is otherwise kept. */
static bool
reload_images (MdlMachine *m, void *data, GError **error)
{
  MdlBoard *board = data;

  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    MdlCpu *first = g_ptr_array_index (cl->cpus, 0);
    g_autofree char *path = NULL;
    MdlElfImage *img;

    if (cl->image == NULL && cl->firmware != NULL)
      continue;   /* never loaded: nothing to find again */
    if (cl->firmware != NULL) {
      path = _mdl_board_resolve_firmware (board->dir, (const char *const *) board->search_dirs,
                                          cl->firmware);
      /* The symbols stay those of the first load, which views hold. */
      img = mdl_elf_load (path, cl->as, first->cls, cl->name, error);
      if (img == NULL)
        return false;
      mdl_elf_image_free (img);
    }
    if (!load_next_stage (board, cl, false, NULL, error))
      return false;
    for (guint j = 0; j < cl->cpus->len; j++) {
      MdlCpu *cpu = g_ptr_array_index (cl->cpus, j);
      if (cpu->cls->flush_code != NULL)
        cpu->cls->flush_code (cpu);
    }
  }
  return true;
}

static bool
overlaps (uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
  return a < b_end && b < a_end;
}

/* Where the firmware's symbols say it lies in [lo, hi): its extent for
 * the overlap checks (false when it has no symbols there). */
static bool
firmware_extent (const MdlCluster *cl, uint64_t lo, uint64_t hi, uint64_t *start,
                 uint64_t *end)
{
  bool any = false;

  for (guint i = 0; cl->image && i < cl->image->symbols->len; i++) {
    const MdlSymbol *sym = &g_array_index (cl->image->symbols, MdlSymbol, i);
    if (sym->value < lo || sym->value >= hi)
      continue;
    *start = any ? MIN (*start, sym->value) : sym->value;
    *end = any ? MAX (*end, sym->value + sym->size) : sym->value + sym->size;
    any = true;
  }
  return any;
}

/* At the first load: reads the initial RAM disk, places it, and builds
 * the device tree that names it and the command line.  The kernel lies
 * in [kstart, kend) when it was loaded raw (kend == 0: unknown). */
static bool
plan_boot_data (MdlBoard *board, MdlCluster *cl, uint64_t kstart, uint64_t kend,
                GError **error)
{
  const MdlBoardDoc *doc = board->doc;
  const MdlComponent *c = mdl_board_doc_find (doc, cl->doc_id);
  const char *args = cl->bootargs ? cl->bootargs : mdl_component_str (c, "bootargs");
  MdlFdtChosen chosen = { cl->bootargs, 0, 0 };
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  uint64_t ram = 0, ram_size = 0, at, len, fw_start, fw_end;
  GBytes *blob;

  g_clear_pointer (&cl->initrd_data, g_bytes_unref);
  if (args != NULL && strlen (args) >= MDL_FDT_BOOTARGS_MAX) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: the command line of CPU '%s' is %zu "
                 "bytes long: the device tree takes %d at most", board->path, cl->name,
                 strlen (args), MDL_FDT_BOOTARGS_MAX - 1);
    return false;
  }
  if (!mdl_component_u64 (c, "device-tree")) {
    if (cl->initrd != NULL || cl->bootargs != NULL) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: CPU '%s' gets no device tree to "
                   "name its %s in: set medley,device-tree in %s", board->path, cl->name,
                   cl->initrd ? "initial RAM disk" : "command line", cluster_node (board, cl));
      return false;
    }
    return true;
  }
  if (cl->initrd != NULL) {
    char *data;
    size_t n;

    path = _mdl_board_resolve_firmware (board->dir, (const char *const *) board->search_dirs,
                                        cl->initrd);
    /* Read whole, /dev/zero would grow until memory ran out. */
    if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: initial RAM disk for CPU '%s': %s is "
                   "not a regular file", board->path, cl->name, path);
      return false;
    }
    if (!g_file_get_contents (path, &data, &n, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: initial RAM disk for CPU '%s': %s",
                   board->path, cl->name, local->message);
      return false;
    }
    cl->initrd_data = g_bytes_new_take (data, n);
    if (!mdl_fdt_export_ram (doc, cl->doc_id, &ram, &ram_size) || n > ram_size) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: initial RAM disk %s (%zu bytes) "
                   "does not fit in the RAM of CPU '%s' (%" G_GUINT64_FORMAT " bytes)",
                   board->path, path, n, cl->name, ram_size);
      return false;
    }
    /* A stand-in of the same size: the blob's size decides its place. */
    chosen.initrd_end = 1;
  }
  blob = mdl_fdt_export_chosen (doc, cl->doc_id, &chosen, error);
  if (blob == NULL)
    return false;
  g_clear_pointer (&cl->fdt, g_bytes_unref);
  cl->fdt = blob;
  cl->fdt_address = mdl_fdt_export_address (doc, cl->doc_id, g_bytes_get_size (blob));
  if (cl->initrd_data == NULL)
    return true;

  len = g_bytes_get_size (cl->initrd_data);
  if (cl->initrd_address != 0) {
    at = cl->initrd_address;
  } else {
    /* QEMU's placement: far enough past the kernel's start that the
     * kernel's own memory stays clear, else just below the tree. */
    uint64_t base = kend ? kstart : cl->payload_address ? cl->payload_address : ram;
    at = base + MIN (ram_size / 2, UINT64_C (128) << 20);
    if (at + len > cl->fdt_address && cl->fdt_address >= ram + len)
      at = (cl->fdt_address - len) & ~UINT64_C (0xfff);
  }
  if (at < ram || at + len > ram + ram_size || at + len < at) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: initial RAM disk %s (%" G_GUINT64_FORMAT
                 " bytes) does not fit in the RAM of CPU '%s' at 0x%" G_GINT64_MODIFIER "x "
                 "(RAM: 0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x)", board->path,
                 path, len, cl->name, at, ram, ram + ram_size - 1);
    return false;
  }
  if (kend && overlaps (at, at + len, kstart, kend)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: initial RAM disk %s of CPU '%s' "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x) overlaps the kernel "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x)", board->path, path,
                 cl->name, at, at + len - 1, kstart, kend - 1);
    return false;
  }
  if (overlaps (at, at + len, cl->fdt_address, cl->fdt_address + g_bytes_get_size (blob))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: initial RAM disk %s of CPU '%s' "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x) overlaps the device "
                 "tree at 0x%" G_GINT64_MODIFIER "x", board->path, path, cl->name, at,
                 at + len - 1, cl->fdt_address);
    return false;
  }
  if (firmware_extent (cl, ram, ram + ram_size, &fw_start, &fw_end) &&
      overlaps (at, at + len, fw_start, fw_end)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: initial RAM disk %s of CPU '%s' "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x) overlaps the firmware "
                 "(0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x)", board->path, path,
                 cl->name, at, at + len - 1, fw_start, fw_end - 1);
    return false;
  }
  cl->initrd_at = at;
  chosen.initrd_start = at;
  chosen.initrd_end = at + len;
  blob = mdl_fdt_export_chosen (doc, cl->doc_id, &chosen, error);
  if (blob == NULL)
    return false;
  g_bytes_unref (cl->fdt);
  cl->fdt = blob;
  return true;
}

/* A raw payload (a Linux Image is tens of MiB) goes from its file into the
 * RAM it lands in through a buffer of PAYLOAD_CHUNK bytes, read again at
 * every reset.  Reading it whole first cost the page faults of a second
 * copy as large as the kernel: about a tenth of a second of every boot. */
#define PAYLOAD_HEAD  4096
#define PAYLOAD_CHUNK (1u << 20)

/* Opens @path, a regular file (a device or a FIFO would never end), and
 * reads its first bytes into @head.  Returns the descriptor, or -1. */
static int
open_payload (const char *path, uint8_t head[PAYLOAD_HEAD], size_t *head_len, size_t *len,
              GError **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  ssize_t n;

  if (fd < 0) {
    int e = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "cannot open %s: %s",
                 path, g_strerror (e));
    return -1;
  }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a regular file", path);
    close (fd);
    return -1;
  }
  do
    n = read (fd, head, PAYLOAD_HEAD);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    int e = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "cannot read %s: %s",
                 path, g_strerror (e));
    close (fd);
    return -1;
  }
  *head_len = (size_t) n;
  *len = (size_t) st.st_size;
  return fd;
}

/* Writes the file behind @fd, whose first @head_len bytes are @head, at
 * @at.  A file that changed size while it was read is an error, not a
 * half-loaded kernel taken for a whole one. */
static bool
copy_payload (int fd, const char *path, const uint8_t *head, size_t head_len, size_t len,
              MdlAddressSpace *as, uint64_t at, GError **error)
{
  g_autofree uint8_t *buf = NULL;
  size_t done = head_len;

  if (at + len < at) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "it would wrap the address space");
    return false;
  }
  if (!mdl_address_space_write_bytes (as, at, head, head_len, error))
    return false;
  if (done < len)
    buf = g_malloc (MIN (len - done, PAYLOAD_CHUNK));
  while (done < len) {
    ssize_t n = read (fd, buf, MIN (len - done, PAYLOAD_CHUNK));

    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int e = errno;

      g_set_error (error, G_FILE_ERROR, n < 0 ? g_file_error_from_errno (e) : G_FILE_ERROR_IO,
                   "reading %s: %s", path, n < 0 ? g_strerror (e) : "it became shorter");
      return false;
    }
    if (!mdl_address_space_write_bytes (as, at + done, buf, (size_t) n, error))
      return false;
    done += (size_t) n;
  }
  return true;
}


/* The payload (after the firmware, so it may overlay the firmware's
 * zero-filled tail), the initial RAM disk and the device tree (last:
 * nothing may overwrite it).  @first: the first load, which plans where
 * the RAM disk and the tree go.  *@entry (may be NULL): where the payload
 * starts, 0 without one. */
static bool
load_next_stage (MdlBoard *board, MdlCluster *cl, bool first, uint64_t *entry, GError **error)
{
  MdlCpu *first_cpu = g_ptr_array_index (cl->cpus, 0);
  g_autoptr(GError) local = NULL;
  uint64_t next = 0, kstart = 0, kend = 0;

  if (cl->payload != NULL) {
    g_autofree char *path = _mdl_board_resolve_firmware (board->dir,
                                                         (const char *const *) board->search_dirs,
                                                         cl->payload);
    const char *what = cl->payload_is_kernel ? "kernel" : "payload";
    uint8_t head[PAYLOAD_HEAD];
    size_t len = 0, head_len = 0;
    uint64_t at = cl->payload_address;
    int fd = open_payload (path, head, &head_len, &len, &local);

    if (fd < 0) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s for CPU '%s': %s",
                   board->path, what, cl->name, local->message);
      return false;
    }
    if (cl->payload_is_kernel && first_cpu->cls->kernel_image != NULL) {
      uint64_t offset = 0, ram = 0, ram_size = 0;

      if (!first_cpu->cls->kernel_image (first_cpu->cls, head, head_len, &offset, &local)) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: kernel for CPU '%s': %s",
                     path, cl->name, local->message);
        close (fd);
        return false;
      }
      if (cl->fdt == NULL) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: CPU '%s' gets no device tree to "
                     "hand its kernel %s: set medley,device-tree in %s", board->path,
                     cl->name, path, cl->node);
        close (fd);
        return false;
      }
      if (at == 0 && mdl_fdt_export_ram (board->doc, cl->doc_id, &ram, &ram_size))
        at = ram + offset;
    }
    next = at;
    /* A class that checks kernels has taken this one as raw. */
    if ((!cl->payload_is_kernel || first_cpu->cls->kernel_image == NULL) && head_len >= 4 &&
        memcmp (head, "\177ELF", 4) == 0) {
      MdlElfImage *img;

      close (fd);
      img = mdl_elf_load (path, cl->as, first_cpu->cls, cl->name, error);
      if (img == NULL)
        return false;
      next = img->entry;
      mdl_elf_image_free (img);   /* symbols: the firmware's are the ones shown */
    } else if (!copy_payload (fd, path, head, head_len, len, cl->as, at, &local)) {
      close (fd);
      if (local->domain == G_FILE_ERROR)
        g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s for CPU '%s': %s", board->path,
                     what, cl->name, local->message);
      else
        g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: %s %s (%zu bytes) does not fit "
                     "at 0x%" G_GINT64_MODIFIER "x in what CPU '%s' sees: %s", board->path,
                     what, path, len, at, cl->name, local->message);
      return false;
    } else {
      close (fd);
      kstart = at;
      kend = at + len;
    }
  }
  if (entry != NULL)
    *entry = next;
  if (first && !plan_boot_data (board, cl, kstart, kend, error))
    return false;
  if (cl->initrd_data != NULL) {
    size_t len;
    const void *blob = g_bytes_get_data (cl->initrd_data, &len);

    if (!mdl_address_space_write_bytes (cl->as, cl->initrd_at, blob, len, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: the initial RAM disk of CPU '%s' "
                   "does not fit at 0x%" G_GINT64_MODIFIER "x: %s", board->path, cl->name,
                   cl->initrd_at, local->message);
      return false;
    }
  }
  if (cl->fdt != NULL) {
    size_t len;
    const void *blob = g_bytes_get_data (cl->fdt, &len);

    if (!mdl_address_space_write_bytes (cl->as, cl->fdt_address, blob, len, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: the device tree of CPU '%s' "
                   "does not fit at 0x%" G_GINT64_MODIFIER "x: %s", board->path, cl->name,
                   cl->fdt_address, local->message);
      return false;
    }
  }
  if (cl->boot_protocol != NULL) {
    /* The class's firmware information block, told where everything is. */
    MdlBootStage stage = { cl->as, cl->name, cl->fdt != NULL ? cl->fdt_address : 0, next };

    if (!cl->boot_protocol->prepare (first_cpu->cls, &stage, &cl->info_address, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: %s", board->path, local->message);
      return false;
    }
  }
  return true;
}

bool
mdl_board_load_firmware (MdlBoard *board, GError **error)
{
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    MdlCpu *first = g_ptr_array_index (cl->cpus, 0);
    g_autofree char *path = NULL;
    uint64_t entry = 0;

    /* Without firmware a cluster starts at its payload (a kernel booted
     * directly), or else at its class's reset vector. */
    if (cl->firmware == NULL && cl->payload == NULL && !first->cls->has_reset_address) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD,
                   "%s: CPU cluster '%s' has no firmware: set medley,firmware in %s "
                   "or pass --firmware %s=FILE.elf", board->path, cl->name, cluster_node (board, cl),
                   cl->name);
      return false;
    }
    g_clear_pointer (&cl->image, mdl_elf_image_free);
    if (cl->firmware != NULL) {
      path = _mdl_board_resolve_firmware (board->dir, (const char *const *) board->search_dirs,
                                          cl->firmware);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: firmware for CPU '%s' not found: %s",
                     board->path, cl->name, path);
        return false;
      }
      cl->image = mdl_elf_load (path, cl->as, first->cls, cl->name, error);
      if (cl->image == NULL)
        return false;
    }
    if (!load_next_stage (board, cl, true, &entry, error))
      return false;
    if (cl->image != NULL)
      entry = cl->image->entry;
    else if (cl->payload == NULL)
      entry = first->cls->reset_address;
    for (guint j = 0; j < cl->cpus->len; j++) {
      MdlCpu *cpu = g_ptr_array_index (cl->cpus, j);
      mdl_machine_set_entry (board->machine, cpu, entry);
      cpu->boot_arg = cl->fdt != NULL ? cl->fdt_address : 0;
      cpu->boot_info = cl->boot_protocol != NULL ? cl->info_address : 0;
      if (cpu->cls->flush_code != NULL)
        cpu->cls->flush_code (cpu);
    }
  }
  mdl_machine_reset (board->machine);
  return true;
}
