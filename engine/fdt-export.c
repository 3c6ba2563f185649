#define G_LOG_DOMAIN "mdl-fdt-export"

#include "fdt-export.h"

#include <string.h>

#include "error.h"
#include "fdt-writer.h"

static bool
is_ram (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_DEVICE && c->dev_cls->fdt_memory;
}

static bool
is_syscon (const MdlDeviceClass *cls)
{
  return cls->fdt_poweroff != 0 || cls->fdt_reboot != 0;
}

/* Where @cluster sees device @d, or false when it does not see it. */
static bool
view_base (const MdlBoardDoc *doc, const MdlComponent *d, guint cluster, uint64_t *base)
{
  if (d->kind != MDL_COMPONENT_DEVICE || d->dev_cls->n_regions == 0)
    return false;
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->from == d->id && w->to == cluster) {
      *base = mdl_board_doc_map_base (doc, w);
      return true;
    }
  }
  return false;
}

/* Whether a cluster other than @cluster sees device @d too: RAM shared
 * with another core is a channel, not memory this cluster's OS may
 * allocate from, so it gets no /memory node (the guest still reaches it
 * through its address, e.g. Linux's /dev/mem). */
static bool
mapped_to (const MdlBoardDoc *doc, guint device, guint cluster)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_MAP && w->from == device && w->to == cluster)
      return true;
  }
  return false;
}

/* Only a cluster with an address map of its own shares: clusters that
 * all see the whole board (no address-map) keep the plain view. */
static bool
shared_with_another (const MdlBoardDoc *doc, const MdlComponent *d, guint cluster)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *other = g_ptr_array_index (doc->components, i);
    bool sees_all = true;

    if (other->kind != MDL_COMPONENT_CLUSTER || other->id == cluster ||
        !mapped_to (doc, d->id, other->id))
      continue;
    for (guint j = 0; j < doc->components->len && sees_all; j++) {
      const MdlComponent *x = g_ptr_array_index (doc->components, j);
      if (x->kind == MDL_COMPONENT_DEVICE && x->dev_cls->n_regions > 0)
        sees_all = mapped_to (doc, x->id, other->id);
    }
    if (!sees_all)
      return true;
  }
  return false;
}

uint64_t
mdl_fdt_export_address (const MdlBoardDoc *doc, guint cluster, uint64_t blob_size)
{
  const MdlComponent *c = mdl_board_doc_find (doc, cluster);
  const uint64_t two_mib = UINT64_C (2) << 20;

  if (c == NULL)
    return 0;
  if (mdl_component_u64 (c, "fdt-address") != 0)
    return mdl_component_u64 (c, "fdt-address");
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    uint64_t base, size = mdl_component_u64 (d, "size"), at;

    if (!is_ram (d) || !view_base (doc, d, cluster, &base) ||
        shared_with_another (doc, d, cluster))
      continue;
    /* QEMU's virt: the last 2 MiB-aligned spot the blob fits below the
     * end, so firmware and kernels loaded low never run into it. */
    if (size < two_mib || blob_size > two_mib)
      continue;
    at = (base + size - blob_size) & ~(two_mib - 1);
    if (at >= base)
      return at;
  }
  return 0;
}

bool
mdl_fdt_export_ram (const MdlBoardDoc *doc, guint cluster, uint64_t *base, uint64_t *size)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);

    if (is_ram (d) && view_base (doc, d, cluster, base) &&
        !shared_with_another (doc, d, cluster)) {
      *size = mdl_component_u64 (d, "size");
      return true;
    }
  }
  return false;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct {
  const MdlBoardDoc  *doc;
  const MdlComponent *cluster;
  unsigned            harts;
  GHashTable         *phandles;   /* component id -> phandle */
  MdlFdtWriter       *fdt;
  GArray             *clocks;     /* fixed-clock rates (uint64_t) */
  uint32_t            clock_phandle; /* clocks[i]'s phandle: this + i */
  const MdlFdtChosen *chosen;
} Writer;

static void
prop_reg (Writer *w, uint64_t base, uint64_t size)
{
  uint32_t cells[4] = { base >> 32, (uint32_t) base, size >> 32, (uint32_t) size };

  mdl_fdt_prop_cells (w->fdt, "reg", cells, 4);
}

/* Phandles: hart h's CPU node is 2h + 1 and its interrupt controller
 * 2h + 2; devices other nodes point at follow. */
static uint32_t
cpu_phandle (unsigned hart)
{
  return 2 * hart + 1;
}

static uint32_t
intc_phandle (unsigned hart)
{
  return 2 * hart + 2;
}

static void
write_cpus (Writer *w)
{
  const MdlComponent *c = w->cluster;
  const MdlCpuClass *cls = c->cpu_cls;
  MdlFdtWriter *fdt = w->fdt;

  mdl_fdt_begin_node (fdt, "cpus");
  mdl_fdt_prop_u32 (fdt, "#address-cells", 1);
  mdl_fdt_prop_u32 (fdt, "#size-cells", 0);
  if (mdl_component_u64 (c, "timebase-frequency"))
    mdl_fdt_prop_number (fdt, "timebase-frequency", mdl_component_u64 (c, "timebase-frequency"));
  for (unsigned h = 0; h < w->harts; h++) {
    g_autofree char *name = g_strdup_printf ("cpu@%u", h);

    mdl_fdt_begin_node (fdt, name);
    mdl_fdt_prop_string (fdt, "device_type", "cpu");
    mdl_fdt_prop_u32 (fdt, "reg", h);
    mdl_fdt_prop_string (fdt, "status", "okay");
    if (cls->fdt_cpu != NULL)
      cls->fdt_cpu (cls, h, fdt);
    else
      mdl_fdt_prop_string (fdt, "compatible", cls->compatible);
    mdl_fdt_prop_number (fdt, "clock-frequency", mdl_component_u64 (c, "clock-frequency"));
    mdl_fdt_prop_u32 (fdt, "phandle", cpu_phandle (h));
    if (cls->fdt_no_cpu_intc) {
      mdl_fdt_end_node (fdt);
      continue;
    }
    mdl_fdt_begin_node (fdt, "interrupt-controller");
    if (cls->fdt_cpu_intc != NULL) {
      cls->fdt_cpu_intc (cls, h, fdt);
    } else {
      mdl_fdt_prop_u32 (fdt, "#interrupt-cells", 1);
      mdl_fdt_prop_empty (fdt, "interrupt-controller");
    }
    mdl_fdt_prop_u32 (fdt, "phandle", intc_phandle (h));
    mdl_fdt_end_node (fdt);
    mdl_fdt_end_node (fdt);
  }
  mdl_fdt_end_node (fdt);
}

/* The interrupts-extended cells of outputs @first .. @first + @n - 1 of
 * component @from, in output order; false when an output before the
 * last wired one is unwired, or goes somewhere this cluster does not
 * see: a guest would misread the list. */
static bool
interrupt_cells (Writer *w, guint from, unsigned first, unsigned n, GArray *cells)
{
  for (unsigned o = first; o < first + n; o++) {
    const MdlWire *found = NULL;
    const MdlComponent *t;
    uint32_t ph = 0, spec[5] = { 0 };
    unsigned k = 1;

    for (guint i = 0; i < w->doc->wires->len && found == NULL; i++) {
      const MdlWire *x = &g_array_index (w->doc->wires, MdlWire, i);
      if (x->kind == MDL_WIRE_IRQ && x->from == from && x->output == o)
        found = x;
    }
    if (found == NULL) {
      /* The rest must be unwired too, or the list has a hole. */
      for (guint i = 0; i < w->doc->wires->len; i++) {
        const MdlWire *x = &g_array_index (w->doc->wires, MdlWire, i);
        if (x->kind == MDL_WIRE_IRQ && x->from == from && x->output > o
            && x->output < first + n)
          return false;
      }
      return true;
    }
    if (found->to == w->cluster->id && w->cluster->cpu_cls->fdt_no_cpu_intc)
      continue; /* implied: no specifier names it */
    if (found->to == w->cluster->id)
      ph = intc_phandle (found->hart);
    else
      ph = GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles, GUINT_TO_POINTER (found->to)));
    if (ph == 0)
      return false;
    spec[0] = ph;
    spec[1] = found->input;
    t = mdl_board_doc_find (w->doc, found->to);
    if (t != NULL && t->kind == MDL_COMPONENT_DEVICE && t->dev_cls->irq_cells > 1
        && t->dev_cls->irq_specifier != NULL) {
      k = MIN (t->dev_cls->irq_cells, 4u);
      t->dev_cls->irq_specifier (t->dev_cls, found->input, spec + 1);
    }
    g_array_append_vals (cells, spec, 1 + k);
  }
  return true;
}

/* interrupts-extended of device @d, in output order. */
static void
write_interrupts (Writer *w, const MdlComponent *d)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (uint32_t));

  if (interrupt_cells (w, d->id, 0, d->dev_cls->n_irq_out, cells) && cells->len > 0)
    mdl_fdt_prop_cells (w->fdt, "interrupts-extended", (const uint32_t *) cells->data,
                        cells->len);
}

/* What the cluster's CPU class owes the root besides its cpu nodes. */
static void
write_class_root (Writer *w)
{
  const MdlCpuClass *cls = w->cluster->cpu_cls;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (uint32_t));

  if (cls->fdt_root == NULL)
    return;
  if (cls->n_irq_out == 0 || !interrupt_cells (w, w->cluster->id, 0, cls->n_irq_out, cells))
    g_array_set_size (cells, 0);
  cls->fdt_root (cls, w->harts, (const uint32_t *) cells->data, cells->len, w->fdt);
}

/* The class's own properties, as the board gives them: they carry
 * device-tree names already (clock-frequency, reg-shift, riscv,ndev). */
static void
write_class_props (Writer *w, const MdlComponent *d)
{
  for (unsigned i = 0; i < d->n_props; i++) {
    const MdlPropInfo *info = &d->props[i];
    const MdlPropValue *v = &d->values[i];

    if (strcmp (info->name, "reg") == 0 || strcmp (info->name, "size") == 0 ||
        g_str_has_prefix (info->name, "medley,"))
      continue;
    switch (info->type) {
    case MDL_PROP_BOOL:
      if (v->u64)
        mdl_fdt_prop_empty (w->fdt, info->name);
      break;
    case MDL_PROP_STRING:
      if (v->str)
        mdl_fdt_prop_string (w->fdt, info->name, v->str);
      break;
    case MDL_PROP_FILE:
    case MDL_PROP_CPU:
      break;   /* the workbench's business, not the guest's */
    default:
      /* 0 means "unset" for the numbers devices have (current-speed). */
      if (v->u64)
        mdl_fdt_prop_number (w->fdt, info->name, v->u64);
      break;
    }
  }
}

/* The phandle of the fixed-clock node of @hz (a device's input clock). */
static uint32_t
clock_phandle (Writer *w, uint64_t hz)
{
  for (guint i = 0; i < w->clocks->len; i++)
    if (g_array_index (w->clocks, uint64_t, i) == hz)
      return w->clock_phandle + i;
  return 0;
}

/* One fixed-clock node per rate the devices' input clocks run at. */
static void
write_clocks (Writer *w)
{
  for (guint i = 0; i < w->clocks->len; i++) {
    uint64_t hz = g_array_index (w->clocks, uint64_t, i);
    g_autofree char *name = g_strdup_printf ("clock-%" G_GUINT64_FORMAT, hz);

    mdl_fdt_begin_node (w->fdt, name);
    mdl_fdt_prop_string (w->fdt, "compatible", "fixed-clock");
    mdl_fdt_prop_u32 (w->fdt, "#clock-cells", 0);
    mdl_fdt_prop_number (w->fdt, "clock-frequency", hz);
    mdl_fdt_prop_u32 (w->fdt, "phandle", w->clock_phandle + i);
    mdl_fdt_end_node (w->fdt);
  }
}

static char *
node_name (const MdlComponent *d, uint64_t base)
{
  const char *generic;

  if (d->dev_cls->fdt_node_name != NULL)
    generic = d->dev_cls->fdt_node_name;
  else
    switch (d->dev_cls->group) {
    case MDL_GROUP_SERIAL:     generic = "serial"; break;
    case MDL_GROUP_TIMERS:     generic = "timer"; break;
    case MDL_GROUP_INTERRUPTS: generic = "interrupt-controller"; break;
    case MDL_GROUP_MAILBOXES:  generic = "mailbox"; break;
    case MDL_GROUP_DISPLAY:    generic = "display"; break;
    case MDL_GROUP_MEMORY:     generic = "sram"; break;
    case MDL_GROUP_OTHER:
    default:                   generic = "device"; break;
    }
  return g_strdup_printf ("%s@%" G_GINT64_MODIFIER "x", generic, base);
}

static void
write_soc (Writer *w, char **stdout_path, const MdlComponent **syscon)
{
  mdl_fdt_begin_node (w->fdt, "soc");
  mdl_fdt_prop_u32 (w->fdt, "#address-cells", 2);
  mdl_fdt_prop_u32 (w->fdt, "#size-cells", 2);
  mdl_fdt_prop_string (w->fdt, "compatible", "simple-bus");
  mdl_fdt_prop_empty (w->fdt, "ranges");
  for (guint i = 0; i < w->doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (w->doc->components, i);
    const MdlDeviceClass *cls = d->dev_cls;
    g_autofree char *name = NULL;
    uint64_t base;
    uint32_t ph;

    if (is_ram (d) || !view_base (w->doc, d, w->cluster->id, &base))
      continue;
    name = node_name (d, base);
    mdl_fdt_begin_node (w->fdt, name);
    if (cls->fdt_compatible != NULL)
      mdl_fdt_prop_strings (w->fdt, "compatible", cls->fdt_compatible);
    else
      mdl_fdt_prop_string (w->fdt, "compatible", cls->compatible);
    if (cls->fdt_reg != NULL) {
      g_autofree uint32_t *cells = g_new (uint32_t, 4 * cls->n_fdt_reg);
      for (unsigned r = 0; r < cls->n_fdt_reg; r++) {
        uint64_t b = base + cls->fdt_reg[r].base, sz = cls->fdt_reg[r].size;
        cells[4 * r] = b >> 32;
        cells[4 * r + 1] = (uint32_t) b;
        cells[4 * r + 2] = sz >> 32;
        cells[4 * r + 3] = (uint32_t) sz;
      }
      mdl_fdt_prop_cells (w->fdt, "reg", cells, 4 * cls->n_fdt_reg);
    } else {
      prop_reg (w, base, mdl_component_u64 (d, "size"));
    }
    write_class_props (w, d);
    if (cls->n_irq_in > 0) {
      mdl_fdt_prop_empty (w->fdt, "interrupt-controller");
      mdl_fdt_prop_u32 (w->fdt, "#interrupt-cells", cls->irq_cells > 1 ? cls->irq_cells : 1);
      mdl_fdt_prop_u32 (w->fdt, "#address-cells", 0);
    }
    if (cls->fdt_clocks != NULL) {
      uint32_t clk = clock_phandle (w, cls->fdt_clock_hz);
      g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (uint32_t));
      for (unsigned k = 0; cls->fdt_clocks[k] != NULL; k++)
        g_array_append_val (refs, clk);
      mdl_fdt_prop_cells (w->fdt, "clocks", (const uint32_t *) refs->data, refs->len);
      mdl_fdt_prop_strings (w->fdt, "clock-names", cls->fdt_clocks);
    }
    write_interrupts (w, d);
    ph = GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles, GUINT_TO_POINTER (d->id)));
    if (ph != 0)
      mdl_fdt_prop_u32 (w->fdt, "phandle", ph);
    mdl_fdt_end_node (w->fdt);
    if (cls->group == MDL_GROUP_SERIAL && *stdout_path == NULL)
      *stdout_path = g_strdup_printf ("/soc/%s", name);
    if (is_syscon (cls) && *syscon == NULL)
      *syscon = d;
  }
  mdl_fdt_end_node (w->fdt);
}

static void
write_syscon_node (Writer *w, const char *name, const char *compatible,
                   const MdlComponent *d, uint32_t value)
{
  mdl_fdt_begin_node (w->fdt, name);
  mdl_fdt_prop_string (w->fdt, "compatible", compatible);
  mdl_fdt_prop_u32 (w->fdt, "regmap",
                    GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles, GUINT_TO_POINTER (d->id))));
  mdl_fdt_prop_u32 (w->fdt, "offset", 0);
  mdl_fdt_prop_u32 (w->fdt, "value", value);
  mdl_fdt_end_node (w->fdt);
}

static void
write_tree (Writer *w)
{
  const MdlBoardDoc *doc = w->doc;
  g_autofree char *stdout_path = NULL;
  const MdlComponent *syscon = NULL;
  const char *bootargs = w->chosen && w->chosen->bootargs
                         ? w->chosen->bootargs : mdl_component_str (w->cluster, "bootargs");

  mdl_fdt_begin_node (w->fdt, "");
  mdl_fdt_prop_u32 (w->fdt, "#address-cells", 2);
  mdl_fdt_prop_u32 (w->fdt, "#size-cells", 2);
  mdl_fdt_prop_string (w->fdt, "compatible", "medley,board");
  mdl_fdt_prop_string (w->fdt, "model", doc->model ? doc->model : "Medley board");

  write_cpus (w);
  write_clocks (w);
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    g_autofree char *name = NULL;
    uint64_t base;

    if (!is_ram (d) || !view_base (doc, d, w->cluster->id, &base) ||
        shared_with_another (doc, d, w->cluster->id))
      continue;
    name = g_strdup_printf ("memory@%" G_GINT64_MODIFIER "x", base);
    mdl_fdt_begin_node (w->fdt, name);
    mdl_fdt_prop_string (w->fdt, "device_type", "memory");
    prop_reg (w, base, mdl_component_u64 (d, "size"));
    mdl_fdt_end_node (w->fdt);
  }
  write_soc (w, &stdout_path, &syscon);
  write_class_root (w);
  if (syscon != NULL) {
    write_syscon_node (w, "poweroff", "syscon-poweroff", syscon, syscon->dev_cls->fdt_poweroff);
    write_syscon_node (w, "reboot", "syscon-reboot", syscon, syscon->dev_cls->fdt_reboot);
  }
  /* Written last, but guests look it up by path: order does not matter. */
  mdl_fdt_begin_node (w->fdt, "chosen");
  if (stdout_path != NULL)
    mdl_fdt_prop_string (w->fdt, "stdout-path", stdout_path);
  if (bootargs != NULL && *bootargs)
    mdl_fdt_prop_string (w->fdt, "bootargs", bootargs);
  if (w->chosen && w->chosen->initrd_end > w->chosen->initrd_start) {
    /* Two cells each, whatever the root's sizes: Linux reads either. */
    mdl_fdt_prop_u64 (w->fdt, "linux,initrd-start", w->chosen->initrd_start);
    mdl_fdt_prop_u64 (w->fdt, "linux,initrd-end", w->chosen->initrd_end);
  }
  mdl_fdt_end_node (w->fdt);
  mdl_fdt_end_node (w->fdt);
}

GBytes *
mdl_fdt_export (const MdlBoardDoc *doc, guint cluster, GError **error)
{
  return mdl_fdt_export_chosen (doc, cluster, NULL, error);
}

GBytes *
mdl_fdt_export_chosen (const MdlBoardDoc *doc, guint cluster, const MdlFdtChosen *chosen,
                       GError **error)
{
  const MdlComponent *c = mdl_board_doc_find (doc, cluster);
  g_autoptr(GHashTable) phandles = g_hash_table_new (NULL, NULL);
  uint32_t next;

  if (c == NULL || c->kind != MDL_COMPONENT_CLUSTER) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "only a CPU cluster has a device tree of its own");
    return NULL;
  }
  /* Controllers and syscons are what other nodes point at. */
  next = intc_phandle ((unsigned) mdl_component_u64 (c, "harts")) + 1;
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    uint64_t base;

    if (!view_base (doc, d, cluster, &base))
      continue;
    if (d->dev_cls->n_irq_in > 0 || is_syscon (d->dev_cls))
      g_hash_table_insert (phandles, GUINT_TO_POINTER (d->id), GUINT_TO_POINTER (next++));
  }
  /* Then the input clocks of the devices the cluster sees, in board order. */
  g_autoptr(GArray) clocks = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    uint64_t base, hz;
    bool known = false;

    if (!view_base (doc, d, cluster, &base) || d->dev_cls->fdt_clocks == NULL)
      continue;
    hz = d->dev_cls->fdt_clock_hz;
    for (guint k = 0; k < clocks->len; k++)
      known = known || g_array_index (clocks, uint64_t, k) == hz;
    if (!known)
      g_array_append_val (clocks, hz);
  }

  {
    g_autoptr(MdlFdtWriter) fdt = mdl_fdt_writer_new (0);
    Writer w = { doc, c, (unsigned) mdl_component_u64 (c, "harts"), phandles, fdt,
                 clocks, next, chosen };
    g_autoptr(GError) local = NULL;
    GBytes *blob;

    write_tree (&w);
    blob = mdl_fdt_writer_finish (fdt, MDL_FDT_EXPORT_SLACK, &local);
    if (blob == NULL)
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: cannot build the device tree "
                   "of %s: %s", doc->path ? doc->path : "board", c->name, local->message);
    return blob;
  }
}
