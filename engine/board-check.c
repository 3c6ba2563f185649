#define G_LOG_DOMAIN "mdl-board-check"

#include "board-check.h"

#include "board-doc-private.h"

#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <string.h>

/* Symbols linker scripts commonly give the initial stack pointer. */
static const char *const stack_symbols[] = { "_estack", "__stack", "__stack_top", "_sp", NULL };

void
mdl_check_free (MdlCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->what);
  g_free (check->fix);
  g_free (check);
}

static void G_GNUC_PRINTF (5, 6)
add (GPtrArray *list, MdlCheckSeverity severity, guint component, const char *fix,
     const char *fmt, ...)
{
  MdlCheck *c = g_new0 (MdlCheck, 1);
  va_list ap;

  c->severity = severity;
  c->component = component;
  va_start (ap, fmt);
  c->what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  c->fix = g_strdup (fix);
  g_ptr_array_add (list, c);
}

static const MdlComponent *
cluster_named (const MdlBoardDoc *doc, const char *name)
{
  const MdlComponent *c = mdl_board_doc_find_by_name (doc, name);

  return c != NULL && c->kind == MDL_COMPONENT_CLUSTER ? c : NULL;
}

/* The value of the first of stack_symbols in the ELF file @path, absolute
 * symbols included (linker scripts define the stack top outside any
 * section, so the loader's symbol table, made for views, has none). */
static const char *
stack_top (const char *path, uint64_t *value)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const char *found = NULL;
  unsigned best = G_MAXUINT;
  Elf_Scn *scn = NULL;
  Elf *elf;

  if (file == NULL || elf_version (EV_CURRENT) == EV_NONE)
    return NULL;
  elf = elf_memory (g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
  while (elf != NULL && (scn = elf_nextscn (elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data;

    if (gelf_getshdr (scn, &shdr) == NULL || shdr.sh_type != SHT_SYMTAB ||
        shdr.sh_entsize == 0 || (data = elf_getdata (scn, NULL)) == NULL)
      continue;
    for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Sym sym;
      const char *name;

      if (gelf_getsym (data, (int) i, &sym) == NULL)
        break;
      if (sym.st_shndx == SHN_UNDEF ||
          (name = elf_strptr (elf, shdr.sh_link, sym.st_name)) == NULL)
        continue;
      for (unsigned j = 0; j < best && stack_symbols[j] != NULL; j++)
        if (strcmp (name, stack_symbols[j]) == 0) {
          best = j;
          found = stack_symbols[j];
          *value = sym.st_value;
        }
    }
  }
  if (elf != NULL)
    elf_end (elf);
  return found;
}

/* The RAM or ROM run holding @addr in @as, or false. */
static bool
in_memory (MdlAddressSpace *as, uint64_t addr)
{
  MdlRamWindow window;

  return mdl_address_space_ram_window (as, addr, &window);
}

/* What only the built board and its loaded firmware tell. */
static void
check_firmware (const MdlBoardDoc *doc, const char *const *search_dirs, GPtrArray *list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdlBoard) board = mdl_board_doc_instantiate (doc, search_dirs, &error);

  if (board == NULL) {
    add (list, MDL_CHECK_ERROR, 0, NULL, "%s", error->message);
    return;
  }
  if (!mdl_board_load_firmware (board, &error)) {
    const MdlComponent *culprit = NULL;

    /* The loader's message names the cluster; point at it. */
    for (guint i = 0; i < board->clusters->len && culprit == NULL; i++) {
      MdlCluster *cl = g_ptr_array_index (board->clusters, i);

      if (cl->firmware != NULL && strstr (error->message, cl->name) != NULL)
        culprit = cluster_named (doc, cl->name);
    }
    add (list, MDL_CHECK_ERROR, culprit ? culprit->id : 0,
         "Make the memory larger, or move it to where the firmware is linked", "%s",
         error->message);
    return;
  }
  for (guint i = 0; i < board->clusters->len; i++) {
    MdlCluster *cl = g_ptr_array_index (board->clusters, i);
    const MdlComponent *c = cluster_named (doc, cl->name);
    const char *sym;
    uint64_t top = 0;

    if (cl->image == NULL)
      continue;
    if (!in_memory (cl->as, cl->image->entry))
      add (list, MDL_CHECK_ERROR, c ? c->id : 0, NULL,
           "%s starts at 0x%" G_GINT64_MODIFIER "x, where it sees no memory", cl->name,
           cl->image->entry);
    if ((sym = stack_top (cl->image->path, &top)) != NULL &&
        (top == 0 || !in_memory (cl->as, top - 1))) {
      /* The stack grows down from the symbol: its first word is below. */
      g_autofree char *fix = g_strdup_printf (
        "Make the RAM reach 0x%" G_GINT64_MODIFIER "x (the firmware's stack top)", top);

      add (list, MDL_CHECK_ERROR, c ? c->id : 0, fix,
           "The initial stack of %s (%s = 0x%" G_GINT64_MODIFIER "x) is outside the RAM it "
           "sees", cl->name, sym, top);
    }
  }
}

static bool
wired (const MdlBoardDoc *doc, guint device, MdlWireKind kind, unsigned output)
{
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);

    if (w->from == device && w->kind == kind &&
        (kind == MDL_WIRE_MAP || output == G_MAXUINT || w->output == output))
      return true;
  }
  return false;
}

static void
check_wiring (const MdlBoardDoc *doc, GPtrArray *list)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind != MDL_COMPONENT_DEVICE || c->dev_cls == NULL ||
        c->dev_cls->group == MDL_GROUP_PARTS)
      continue;
    if (c->dev_cls->n_regions > 0 && !wired (doc, c->id, MDL_WIRE_MAP, 0)) {
      if (c->dev_cls->serial_input != NULL)
        add (list, MDL_CHECK_WARNING, c->id, "Wire it to a CPU cluster's bus",
             "%s is on no CPU's bus: nothing can print through it", c->name);
      else
        add (list, MDL_CHECK_WARNING, c->id, "Wire it to a CPU cluster's bus",
             "%s is on no CPU's bus", c->name);
    }
    /* Some outputs may stay loose (a timer per hart on a board with
     * fewer harts); none wired at all means nobody hears the device. */
    if (c->dev_cls->n_irq_out > 0 && !wired (doc, c->id, MDL_WIRE_IRQ, G_MAXUINT))
      add (list, MDL_CHECK_WARNING, c->id, "Wire it to a CPU or an interrupt controller",
           "The interrupt of %s is not wired", c->name);
  }
}

/* ---- board families ------------------------------------------------------ */

const MdlBoardFamily *
mdl_board_doc_family (const MdlBoardDoc *doc)
{
  const MdlBoardFamily *family = NULL;

  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->kind != MDL_COMPONENT_CLUSTER)
      continue;
    if (c->cpu_cls == NULL || c->cpu_cls->family == NULL ||
        (family != NULL && family != c->cpu_cls->family))
      return NULL;
    family = c->cpu_cls->family;
  }
  return family;
}

const MdlBoardFamily *
mdl_board_doc_device_family (const MdlBoardDoc *doc, const MdlComponent *device, uint64_t *addr)
{
  const MdlBoardFamily *family = NULL;
  bool mapped = false;

  *addr = mdl_component_u64 (device, "reg");
  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    const MdlComponent *cl;
    uint64_t seen;

    if (w->kind != MDL_WIRE_MAP || w->from != device->id ||
        (cl = mdl_board_doc_find (doc, w->to)) == NULL || cl->kind != MDL_COMPONENT_CLUSTER)
      continue;
    seen = w->has_base ? w->base : mdl_component_u64 (device, "reg");
    /* Seen at two places, or by clusters of two families: no one map
     * to judge it by. */
    if (cl->cpu_cls == NULL || cl->cpu_cls->family == NULL ||
        (mapped && (family != cl->cpu_cls->family || seen != *addr)))
      return NULL;
    family = cl->cpu_cls->family;
    *addr = seen;
    mapped = true;
  }
  return mapped ? family : mdl_board_doc_family (doc);
}

static bool
overlaps (uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
  return asize && bsize && a <= b + (bsize - 1) && b <= a + (asize - 1);
}

/* No component of @doc but @except has a window overlapping @size bytes
 * at @base. */
static bool
range_free (const MdlBoardDoc *doc, guint except, uint64_t base, uint64_t size)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);

    if (c->id != except && _mdl_component_has_window (c) &&
        overlaps (base, size, mdl_component_u64 (c, "reg"), mdl_component_u64 (c, "size")))
      return false;
  }
  return true;
}

const MdlFamilySlot *
mdl_board_family_slot (const MdlBoardFamily *family, const MdlBoardDoc *doc, guint except,
                       const char *compatible, uint64_t addr, uint64_t size, bool *at_home)
{
  const MdlFamilySlot *free_slot = NULL;

  *at_home = false;
  for (unsigned i = 0; family != NULL && i < family->n_slots; i++) {
    const MdlFamilySlot *slot = &family->slots[i];

    if (g_strcmp0 (slot->compatible, compatible) != 0)
      continue;
    if (slot->base == addr) {
      *at_home = true;
      return slot;
    }
    if (free_slot == NULL && range_free (doc, except, slot->base, slot->size ? slot->size : size))
      free_slot = slot;
  }
  return free_slot;
}

bool
mdl_board_doc_place_in_family (MdlBoardDoc *doc, guint id)
{
  MdlComponent *c = mdl_board_doc_find (doc, id);
  const MdlBoardFamily *family = mdl_board_doc_family (doc);
  const MdlFamilySlot *slot = NULL;

  if (c == NULL || c->dev_cls == NULL || !_mdl_component_has_window (c) || family == NULL)
    return false;
  for (unsigned i = 0; i < family->n_slots && slot == NULL; i++) {
    const MdlFamilySlot *s = &family->slots[i];

    if (g_strcmp0 (s->compatible, c->dev_cls->compatible) == 0 &&
        range_free (doc, id, s->base, s->size ? s->size : c->values[1].u64))
      slot = s;
  }
  if (slot == NULL)
    return false;
  c->values[0].u64 = slot->base;
  if (slot->size != 0)
    c->values[1].u64 = slot->size;
  return true;
}

/* Devices away from where their family puts them (memories are left
 * alone: boards add RAM where they like; the family's RAM is for new
 * parts). */
static void
check_family (const MdlBoardDoc *doc, GPtrArray *list)
{
  for (guint i = 0; i < doc->components->len; i++) {
    const MdlComponent *c = g_ptr_array_index (doc->components, i);
    const MdlBoardFamily *family;
    const MdlFamilySlot *slot = NULL, *home;
    uint64_t addr, size;
    bool at_home = false, mapped_elsewhere = false;

    if (c->kind != MDL_COMPONENT_DEVICE || c->dev_cls == NULL ||
        !_mdl_component_has_window (c) || c->dev_cls->group == MDL_GROUP_MEMORY ||
        (family = mdl_board_doc_device_family (doc, c, &addr)) == NULL)
      continue;
    size = mdl_component_u64 (c, "size");
    home = mdl_board_family_slot (family, doc, c->id, c->dev_cls->compatible, addr, size,
                                  &at_home);
    if (at_home)
      continue;
    /* The usual address, free or not, for the message. */
    for (unsigned j = 0; j < family->n_slots && slot == NULL; j++)
      if (g_strcmp0 (family->slots[j].compatible, c->dev_cls->compatible) == 0)
        slot = &family->slots[j];
    if (slot == NULL)
      continue;
    mapped_elsewhere = addr != mdl_component_u64 (c, "reg");
    if (home != NULL && !mapped_elsewhere) {
      g_autofree char *fix = g_strdup_printf ("Move it to 0x%" G_GINT64_MODIFIER "x",
                                              home->base);

      add (list, MDL_CHECK_WARNING, c->id, fix,
           "%s (%s) is at 0x%" G_GINT64_MODIFIER "x; on a %s board it is usually at 0x%"
           G_GINT64_MODIFIER "x", c->name, c->dev_cls->name, addr, family->name, home->base);
      ((MdlCheck *) g_ptr_array_index (list, list->len - 1))->can_move = true;
      ((MdlCheck *) g_ptr_array_index (list, list->len - 1))->move_to = home->base;
    } else {
      add (list, MDL_CHECK_WARNING, c->id,
           "Firmware for the family looks for it there: move it, or move what is in the way",
           "%s (%s) is at 0x%" G_GINT64_MODIFIER "x; on a %s board it is usually at 0x%"
           G_GINT64_MODIFIER "x", c->name, c->dev_cls->name, addr, family->name, slot->base);
    }
  }
}

GPtrArray *
mdl_board_check (const MdlBoardDoc *doc, const char *const *search_dirs)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_check_free);
  g_autoptr(GPtrArray) problems = mdl_board_doc_problems (doc, search_dirs);

  g_return_val_if_fail (doc != NULL, list);

  for (guint i = 0; i < problems->len; i++) {
    const MdlProblem *p = g_ptr_array_index (problems, i);

    const char *fix = NULL;

    /* The property at fault says what would mend it. */
    if (g_strcmp0 (p->prop, "firmware") == 0)
      fix = "Choose an ELF file built for this cluster's CPU";
    else if (g_strcmp0 (p->prop, "reg") == 0)
      fix = "Move it to a free address, or make it smaller";
    add (list, MDL_CHECK_ERROR, p->component, fix, "%s", p->message);
  }
  /* Only a board that builds can be loaded. */
  if (problems->len == 0)
    check_firmware (doc, search_dirs, list);
  check_wiring (doc, list);
  check_family (doc, list);
  return list;
}
