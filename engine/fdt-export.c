#define G_LOG_DOMAIN "mdl-fdt-export"

#include "fdt-export.h"

#include <libfdt.h>
#include <string.h>

#include "error.h"

/* What guests expect of a few well-known devices beyond the class's own
 * compatible: the other names their drivers match (QEMU's virt lists the
 * same), the generic node name, and for the SiFive test device the values
 * that power off and reboot through it (syscon-poweroff/-reboot).  Data,
 * so that other devices export with their class compatible alone. */
typedef struct {
  const char *compatible;      /* the class's */
  const char *node;            /* generic node name */
  const char *guest_compat;    /* NUL-separated list, most specific first */
  size_t      guest_compat_len;
  uint32_t    poweroff, reboot;
} GuestFacts;

#define LIST(s) s, sizeof s
static const GuestFacts guest_facts[] = {
  { "riscv,clint0", "clint", LIST ("sifive,clint0\0riscv,clint0"), 0, 0 },
  { "sifive,plic-1.0.0", "plic", LIST ("sifive,plic-1.0.0\0riscv,plic0"), 0, 0 },
  { "sifive,test0", "test", LIST ("sifive,test1\0sifive,test0\0syscon"), 0x5555, 0x7777 },
  { "ns16550a", "serial", NULL, 0, 0, 0 },
};
#undef LIST

static const GuestFacts *
facts_for (const MdlDeviceClass *cls)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (guest_facts); i++)
    if (strcmp (guest_facts[i].compatible, cls->compatible) == 0)
      return &guest_facts[i];
  return NULL;
}

static bool
is_ram (const MdlComponent *c)
{
  return c->kind == MDL_COMPONENT_DEVICE && strcmp (c->dev_cls->compatible, "medley,ram") == 0;
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

    if (!is_ram (d) || !view_base (doc, d, cluster, &base))
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

/* ---- writing ------------------------------------------------------------ */

typedef struct {
  const MdlBoardDoc  *doc;
  const MdlComponent *cluster;
  unsigned            harts;
  GHashTable         *phandles;   /* component id -> phandle */
  void               *fdt;
  int                 err;        /* first libfdt error, 0 while fine */
} Writer;

/* libfdt calls return negative errors; remember the first and carry on,
 * so that the writing code reads as the tree it writes. */
static void
check (Writer *w, int r)
{
  if (r < 0 && w->err == 0)
    w->err = r;
}

static void
prop_u32 (Writer *w, const char *name, uint32_t v)
{
  check (w, fdt_property_u32 (w->fdt, name, v));
}

static void
prop_str (Writer *w, const char *name, const char *v)
{
  check (w, fdt_property_string (w->fdt, name, v));
}

static void
prop_empty (Writer *w, const char *name)
{
  check (w, fdt_property (w->fdt, name, NULL, 0));
}

/* A number: one cell when it fits, as guests read clock-frequency. */
static void
prop_number (Writer *w, const char *name, uint64_t v)
{
  if (v <= G_MAXUINT32)
    prop_u32 (w, name, (uint32_t) v);
  else
    check (w, fdt_property_u64 (w->fdt, name, v));
}

static void
prop_reg (Writer *w, uint64_t base, uint64_t size)
{
  fdt64_t cells[2] = { cpu_to_fdt64 (base), cpu_to_fdt64 (size) };

  check (w, fdt_property (w->fdt, "reg", cells, sizeof cells));
}

static void
begin_node (Writer *w, const char *name)
{
  check (w, fdt_begin_node (w->fdt, name));
}

static void
end_node (Writer *w)
{
  check (w, fdt_end_node (w->fdt));
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

static bool
is_riscv (const MdlCpuClass *cls)
{
  return g_str_has_prefix (cls->arch, "riscv");
}

/* "rv64imac" -> "rv64imac_zicsr_zifencei": the single-letter extensions
 * of the class name (S and U are privilege modes, not ISA letters in a
 * riscv,isa string) and the two the cores always have. */
static char *
riscv_isa (const MdlCpuClass *cls)
{
  GString *s = g_string_new (NULL);
  const char *name = cls->name;

  if (g_str_has_prefix (name, "rv32") || g_str_has_prefix (name, "rv64")) {
    g_string_append_len (s, name, 4);
    for (const char *p = name + 4; *p && *p != '_'; p++)
      if (*p != 's' && *p != 'u')
        g_string_append_c (s, *p);
  } else {
    g_string_append_printf (s, "rv%u", cls->xlen);
  }
  g_string_append (s, "_zicsr_zifencei");
  return g_string_free (s, FALSE);
}

/* Whether the harts translate addresses: their register table has satp,
 * or their class says which paging mode it implements.  Supervisor-mode
 * guests need to know (U-Boot's CPU driver refuses a hart without
 * mmu-type), machine-mode-only cores must not claim it. */
static bool
has_mmu (const MdlCpuClass *cls)
{
  for (unsigned i = 0; i < cls->n_regs; i++)
    if (strcmp (cls->regs[i].name, "satp") == 0)
      return true;
  return cls->description != NULL &&
         (strstr (cls->description, "Sv39") != NULL || strstr (cls->description, "Sv32") != NULL);
}

static void
write_cpus (Writer *w)
{
  const MdlComponent *c = w->cluster;
  const MdlCpuClass *cls = c->cpu_cls;
  g_autofree char *isa = is_riscv (cls) ? riscv_isa (cls) : NULL;

  begin_node (w, "cpus");
  prop_u32 (w, "#address-cells", 1);
  prop_u32 (w, "#size-cells", 0);
  if (mdl_component_u64 (c, "timebase-frequency"))
    prop_number (w, "timebase-frequency", mdl_component_u64 (c, "timebase-frequency"));
  for (unsigned h = 0; h < w->harts; h++) {
    g_autofree char *name = g_strdup_printf ("cpu@%u", h);

    begin_node (w, name);
    prop_str (w, "device_type", "cpu");
    prop_u32 (w, "reg", h);
    prop_str (w, "status", "okay");
    prop_str (w, "compatible", isa ? "riscv" : cls->compatible);
    if (isa != NULL) {
      prop_str (w, "riscv,isa", isa);
      if (has_mmu (cls))
        prop_str (w, "mmu-type", cls->xlen == 32 ? "riscv,sv32" : "riscv,sv39");
    }
    prop_number (w, "clock-frequency", mdl_component_u64 (c, "clock-frequency"));
    prop_u32 (w, "phandle", cpu_phandle (h));
    begin_node (w, "interrupt-controller");
    prop_u32 (w, "#interrupt-cells", 1);
    prop_empty (w, "interrupt-controller");
    if (isa != NULL)
      prop_str (w, "compatible", "riscv,cpu-intc");
    prop_u32 (w, "phandle", intc_phandle (h));
    end_node (w);
    end_node (w);
  }
  end_node (w);
}

/* interrupts-extended of device @d, in output order.  Left out when an
 * output before the last wired one is unwired, or goes somewhere this
 * cluster does not see: a guest would misread the list. */
static void
write_interrupts (Writer *w, const MdlComponent *d)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (fdt32_t));
  unsigned n_out = d->dev_cls->n_irq_out;

  for (unsigned o = 0; o < n_out; o++) {
    const MdlWire *found = NULL;
    uint32_t ph = 0;
    fdt32_t spec[2];

    for (guint i = 0; i < w->doc->wires->len && found == NULL; i++) {
      const MdlWire *x = &g_array_index (w->doc->wires, MdlWire, i);
      if (x->kind == MDL_WIRE_IRQ && x->from == d->id && x->output == o)
        found = x;
    }
    if (found == NULL) {
      /* The rest must be unwired too, or the list has a hole. */
      for (guint i = 0; i < w->doc->wires->len; i++) {
        const MdlWire *x = &g_array_index (w->doc->wires, MdlWire, i);
        if (x->kind == MDL_WIRE_IRQ && x->from == d->id && x->output > o)
          return;
      }
      break;
    }
    if (found->to == w->cluster->id)
      ph = intc_phandle (found->hart);
    else
      ph = GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles, GUINT_TO_POINTER (found->to)));
    if (ph == 0)
      return;
    spec[0] = cpu_to_fdt32 (ph);
    spec[1] = cpu_to_fdt32 (found->input);
    g_array_append_vals (cells, spec, 2);
  }
  if (cells->len > 0)
    check (w, fdt_property (w->fdt, "interrupts-extended", cells->data,
                            (int) (cells->len * sizeof (fdt32_t))));
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
        prop_empty (w, info->name);
      break;
    case MDL_PROP_STRING:
      if (v->str)
        prop_str (w, info->name, v->str);
      break;
    case MDL_PROP_FILE:
    case MDL_PROP_CPU:
      break;   /* the workbench's business, not the guest's */
    default:
      /* 0 means "unset" for the numbers devices have (current-speed). */
      if (v->u64)
        prop_number (w, info->name, v->u64);
      break;
    }
  }
}

static char *
node_name (const MdlComponent *d, uint64_t base)
{
  const GuestFacts *f = facts_for (d->dev_cls);
  const char *generic;

  if (f != NULL)
    generic = f->node;
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
  begin_node (w, "soc");
  prop_u32 (w, "#address-cells", 2);
  prop_u32 (w, "#size-cells", 2);
  prop_str (w, "compatible", "simple-bus");
  prop_empty (w, "ranges");
  for (guint i = 0; i < w->doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (w->doc->components, i);
    const GuestFacts *f;
    g_autofree char *name = NULL;
    uint64_t base;
    uint32_t ph;

    if (is_ram (d) || !view_base (w->doc, d, w->cluster->id, &base))
      continue;
    f = facts_for (d->dev_cls);
    name = node_name (d, base);
    begin_node (w, name);
    if (f != NULL && f->guest_compat != NULL)
      check (w, fdt_property (w->fdt, "compatible", f->guest_compat,
                              (int) f->guest_compat_len));
    else
      prop_str (w, "compatible", d->dev_cls->compatible);
    prop_reg (w, base, mdl_component_u64 (d, "size"));
    write_class_props (w, d);
    if (d->dev_cls->n_irq_in > 0) {
      prop_empty (w, "interrupt-controller");
      prop_u32 (w, "#interrupt-cells", 1);
      prop_u32 (w, "#address-cells", 0);
    }
    write_interrupts (w, d);
    ph = GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles, GUINT_TO_POINTER (d->id)));
    if (ph != 0)
      prop_u32 (w, "phandle", ph);
    end_node (w);
    if (d->dev_cls->group == MDL_GROUP_SERIAL && *stdout_path == NULL)
      *stdout_path = g_strdup_printf ("/soc/%s", name);
    if (f != NULL && (f->poweroff || f->reboot) && *syscon == NULL)
      *syscon = d;
  }
  end_node (w);
}

static void
write_syscon_node (Writer *w, const char *name, const char *compatible,
                   const MdlComponent *d, uint32_t value)
{
  begin_node (w, name);
  prop_str (w, "compatible", compatible);
  prop_u32 (w, "regmap", GPOINTER_TO_UINT (g_hash_table_lookup (w->phandles,
                                                                 GUINT_TO_POINTER (d->id))));
  prop_u32 (w, "offset", 0);
  prop_u32 (w, "value", value);
  end_node (w);
}

static void
write_tree (Writer *w)
{
  const MdlBoardDoc *doc = w->doc;
  g_autofree char *stdout_path = NULL;
  const MdlComponent *syscon = NULL;
  const char *bootargs = mdl_component_str (w->cluster, "bootargs");

  check (w, fdt_finish_reservemap (w->fdt));
  begin_node (w, "");
  prop_u32 (w, "#address-cells", 2);
  prop_u32 (w, "#size-cells", 2);
  prop_str (w, "compatible", "medley,board");
  prop_str (w, "model", doc->model ? doc->model : "Medley board");

  write_cpus (w);
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *d = g_ptr_array_index (doc->components, i);
    g_autofree char *name = NULL;
    uint64_t base;

    if (!is_ram (d) || !view_base (doc, d, w->cluster->id, &base))
      continue;
    name = g_strdup_printf ("memory@%" G_GINT64_MODIFIER "x", base);
    begin_node (w, name);
    prop_str (w, "device_type", "memory");
    prop_reg (w, base, mdl_component_u64 (d, "size"));
    end_node (w);
  }
  write_soc (w, &stdout_path, &syscon);
  if (syscon != NULL) {
    const GuestFacts *f = facts_for (syscon->dev_cls);
    write_syscon_node (w, "poweroff", "syscon-poweroff", syscon, f->poweroff);
    write_syscon_node (w, "reboot", "syscon-reboot", syscon, f->reboot);
  }
  /* Written last, but guests look it up by path: order does not matter. */
  begin_node (w, "chosen");
  if (stdout_path != NULL)
    prop_str (w, "stdout-path", stdout_path);
  if (bootargs != NULL && *bootargs)
    prop_str (w, "bootargs", bootargs);
  end_node (w);
  end_node (w);
  check (w, fdt_finish (w->fdt));
}

GBytes *
mdl_fdt_export (const MdlBoardDoc *doc, guint cluster, GError **error)
{
  const MdlComponent *c = mdl_board_doc_find (doc, cluster);
  g_autoptr(GHashTable) phandles = g_hash_table_new (NULL, NULL);
  size_t size = 16 * 1024;
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
    const GuestFacts *f = d->kind == MDL_COMPONENT_DEVICE ? facts_for (d->dev_cls) : NULL;
    uint64_t base;

    if (!view_base (doc, d, cluster, &base))
      continue;
    if (d->dev_cls->n_irq_in > 0 || (f != NULL && (f->poweroff || f->reboot)))
      g_hash_table_insert (phandles, GUINT_TO_POINTER (d->id), GUINT_TO_POINTER (next++));
  }

  for (;;) {
    g_autofree uint8_t *buf = g_malloc0 (size);
    Writer w = { doc, c, (unsigned) mdl_component_u64 (c, "harts"), phandles, buf, 0 };
    uint8_t *out;
    size_t total;

    check (&w, fdt_create (buf, (int) size));
    if (w.err == 0)
      write_tree (&w);
    if (w.err == -FDT_ERR_NOSPACE) {
      size *= 2;
      continue;
    }
    if (w.err != 0) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "%s: cannot build the device tree "
                   "of %s: %s", doc->path ? doc->path : "board", c->name, fdt_strerror (w.err));
      return NULL;
    }
    /* Room for the guest to grow the tree in place. */
    total = fdt_totalsize (buf) + MDL_FDT_EXPORT_SLACK;
    out = g_malloc0 (total);
    if (fdt_open_into (buf, out, (int) total) < 0) {
      g_free (out);
      g_set_error (error, MDL_ERROR, MDL_ERROR_BOARD, "cannot lay out the device tree of %s",
                   c->name);
      return NULL;
    }
    return g_bytes_new_take (out, total);
  }
}
