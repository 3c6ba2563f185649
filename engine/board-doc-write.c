#define G_LOG_DOMAIN "mdl-board-doc"

/* Writing a board as .dts text a person can read and edit: one node per
 * component, positions in medley,position, defaults left implicit. */

#include "board-doc-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

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
    if (_mdl_component_has_window (c) && !_mdl_board_doc_find_map (doc, c->id, cluster->id))
      return false;
  }
  return true;
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

/* `name = "value";` on a line of its own; nothing when @value is NULL. */
static void
append_string_prop (GString *s, const char *indent, const char *name, const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (s, "%s%s = ", indent, name);
  append_string (s, value);
  g_string_append (s, ";\n");
}

/* `name = <value>;`; nothing for 0, which the reader takes as unset. */
static void
append_number_prop (GString *s, const char *indent, const char *name, uint64_t value)
{
  if (value == 0)
    return;
  g_string_append_printf (s, "%s%s = ", indent, name);
  append_number (s, value);
  g_string_append (s, ";\n");
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

/* `address-map` (System Device Tree) for a cluster that does not see
 * every device where it is. */
static void
write_address_map (GString *s, const MdlBoardDoc *doc, const MdlComponent *c)
{
  bool first = true;

  g_string_append (s, "\t\taddress-map = ");
  for (guint i = 0; i < doc->components->len; i++) {
    MdlComponent *d = g_ptr_array_index (doc->components, i);
    const MdlWire *w = _mdl_component_has_window (d) ? _mdl_board_doc_find_map (doc, d->id, c->id)
                                                     : NULL;
    if (w == NULL)
      continue;
    g_string_append (s, first ? "<" : ",\n\t\t\t<");
    append_cells64 (s, mdl_board_doc_map_base (doc, w));
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

/* interrupts-extended of component @id's outputs @first .. @first + @n - 1,
 * in order; <0> holds a gap. */
static void
write_interrupts (GString *s, const MdlBoardDoc *doc, guint id, unsigned first, unsigned n,
                  const char *indent)
{
  GArray *outs = g_array_new (FALSE, TRUE, sizeof (const MdlWire *));

  for (guint i = 0; i < doc->wires->len; i++) {
    const MdlWire *w = &g_array_index (doc->wires, MdlWire, i);
    if (w->kind == MDL_WIRE_IRQ && w->from == id && w->output >= first
        && w->output - first < n) {
      if (outs->len <= w->output - first)
        g_array_set_size (outs, w->output - first + 1);
      g_array_index (outs, const MdlWire *, w->output - first) = w;
    }
  }
  if (outs->len > 0) {
    g_string_append_printf (s, "%sinterrupts-extended = ", indent);
    for (guint o = 0; o < outs->len; o++) {
      const MdlWire *w = g_array_index (outs, const MdlWire *, o);
      const MdlComponent *t = w ? mdl_board_doc_find (doc, w->to) : NULL;

      g_string_append (s, o ? ", " : "");
      if (t == NULL)
        g_string_append (s, "<0>");
      else if (t->kind == MDL_COMPONENT_CLUSTER)
        g_string_append_printf (s, "<&%s_intc%u %u>", t->name, w->hart, w->input);
      else if (t->dev_cls->irq_cells > 1 && t->dev_cls->irq_specifier != NULL) {
        uint32_t cells[4] = { 0 };
        t->dev_cls->irq_specifier (t->dev_cls, w->input, cells);
        g_string_append_printf (s, "<&%s", t->name);
        for (unsigned k = 0; k < t->dev_cls->irq_cells && k < 4; k++)
          g_string_append_printf (s, " %u", cells[k]);
        g_string_append (s, ">");
      } else
        g_string_append_printf (s, "<&%s %u>", t->name, w->input);
    }
    g_string_append (s, ";\n");
  }
  g_array_unref (outs);
}

static void
write_cluster (GString *s, const MdlBoardDoc *doc, const MdlComponent *c)
{
  unsigned harts = (unsigned) mdl_component_u64 (c, "harts");

  g_string_append_printf (s, "\t%s: cluster-%s {\n", c->name, c->name);
  g_string_append (s, "\t\tcompatible = \"cpus,cluster\";\n"
                      "\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n");
  append_string_prop (s, "\t\t", "medley,name", c->name);
  append_string_prop (s, "\t\t", "medley,firmware", mdl_component_str (c, "firmware"));
  append_string_prop (s, "\t\t", "medley,program", mdl_component_str (c, "program"));
  append_string_prop (s, "\t\t", "medley,payload", mdl_component_str (c, "payload"));
  append_number_prop (s, "\t\t", "medley,payload-address",
                      mdl_component_u64 (c, "payload-address"));
  if (mdl_component_u64 (c, "device-tree"))
    g_string_append (s, "\t\tmedley,device-tree;\n");
  for (unsigned i = MDL_CP_COUNT; i < c->n_props; i++)
    if (_mdl_cluster_prop_is_class_setting (c, i)) {
      if (c->values[i].u64 != c->props[i].default_u64)
        g_string_append_printf (s, "\t\tmedley,%s = <%" G_GUINT64_FORMAT ">;\n",
                                c->props[i].name, c->values[i].u64);
    } else if (c->values[i].u64) {
      g_string_append_printf (s, "\t\tmedley,%s;\n", c->props[i].name);
    }
  append_number_prop (s, "\t\t", "medley,fdt-address", mdl_component_u64 (c, "fdt-address"));
  append_string_prop (s, "\t\t", "medley,bootargs", mdl_component_str (c, "bootargs"));
  append_string_prop (s, "\t\t", "medley,initrd", mdl_component_str (c, "initrd"));
  append_number_prop (s, "\t\t", "medley,initrd-address",
                      mdl_component_u64 (c, "initrd-address"));
  for (unsigned i = MDL_CP_CACHE_FIRST; i < MDL_CP_COUNT; i++) {
    g_autofree char *prop = g_strconcat ("medley,", c->props[i].name, NULL);

    if (c->props[i].type == MDL_PROP_STRING) {
      if (g_strcmp0 (c->values[i].str, c->props[i].default_str) != 0)
        append_string_prop (s, "\t\t", prop, c->values[i].str ? c->values[i].str : "");
    } else if (c->values[i].u64 != c->props[i].default_u64)
      g_string_append_printf (s, "\t\t%s = <%" G_GUINT64_FORMAT ">;\n", prop, c->values[i].u64);
  }
  append_number_prop (s, "\t\t", "timebase-frequency",
                      mdl_component_u64 (c, "timebase-frequency"));
  if (!maps_everything (doc, c))
    write_address_map (s, doc, c);
  append_position (s, c, "\t\t");
  for (unsigned h = 0; h < harts; h++) {
    g_string_append_printf (s, "\n\t\tcpu@%u {\n\t\t\tdevice_type = \"cpu\";\n"
                               "\t\t\tcompatible = \"%s\";\n\t\t\treg = <%u>;\n"
                               "\t\t\tclock-frequency = ", h, c->cpu_cls->compatible, h);
    append_number (s, mdl_component_u64 (c, "clock-frequency"));
    g_string_append (s, ";\n");
    if (c->cpu_cls->n_irq_out > 0)
      write_interrupts (s, doc, c->id, h * c->cpu_cls->n_irq_out, c->cpu_cls->n_irq_out,
                        "\t\t\t");
    g_string_append_printf (s, "\n\t\t\t%s_intc%u: interrupt-controller {\n"
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

  if (_mdl_component_has_window (c))
    g_string_append_printf (s, "\t%s: %s@%" G_GINT64_MODIFIER "x {\n", c->name,
                            group_node_name (cls), mdl_component_u64 (c, "reg"));
  else
    g_string_append_printf (s, "\t%s: %s-%s {\n", c->name, group_node_name (cls), c->name);
  append_string_prop (s, "\t\t", "compatible", cls->compatible);
  if (_mdl_component_has_window (c)) {
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
      append_string_prop (s, "\t\t", info->name, v->str);
      break;
    default:
      g_string_append_printf (s, "\t\t%s = ", info->name);
      append_number (s, v->u64);
      g_string_append (s, ";\n");
      break;
    }
  }
  if (cls->n_irq_in > 0)
    g_string_append_printf (s, "\t\tinterrupt-controller;\n\t\t#interrupt-cells = <%u>;\n",
                            cls->irq_cells > 1 ? cls->irq_cells : 1);

  write_interrupts (s, doc, c->id, 0, UINT_MAX, "\t\t");
  append_position (s, c, "\t\t");
  g_string_append (s, "\t};\n");
}

char *
mdl_board_doc_to_dts (const MdlBoardDoc *doc)
{
  GString *s = g_string_new ("// A Medley board.  Open it in Medley, or run it with\n"
                             "// `medley run FILE.dts`.\n/dts-v1/;\n\n/ {\n");

  g_string_append (s, "\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
                      "\tcompatible = \"medley,board\";\n");
  append_string_prop (s, "\t", "model", doc->model);
  append_number_prop (s, "\t", "medley,quantum-ps", doc->quantum_ps);
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

/* ---- saving what the user had ----
 *
 * A save writes a temporary file beside the board and renames it over the
 * board, so that a crash or a kill never leaves half a board.  It keeps
 * what the user had: the file's mode and owner (a 0600 board stays 0600),
 * and a symlink stays a symlink (the file it points to is replaced).  The
 * temporary file is named ".BOARD.medley-save-PID-XXXXXX": a save killed
 * midway leaves one behind, which the next save of that board removes once
 * process PID is gone. */

#define SAVE_TAG ".medley-save-"

/* Where a chain of symlinks from @path ends (a dangling link's target is
 * where the file will be created). */
static char *
follow_links (const char *path, GError **error)
{
  g_autofree char *cur = g_strdup (path);

  for (int hops = 0; hops < 40; hops++) {
    g_autofree char *target = g_file_read_link (cur, NULL);
    g_autofree char *dir = NULL;

    if (target == NULL)
      return g_steal_pointer (&cur);
    dir = g_path_get_dirname (cur);
    g_free (cur);
    cur = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                      : g_build_filename (dir, target, NULL);
  }
  g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: %s", path, g_strerror (ELOOP));
  return NULL;
}

/* Removes what killed saves of @file left in its folder: temporary files
 * of processes that no longer exist. */
static void
remove_stale_temporaries (const char *file)
{
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *prefix = g_strconcat (".", base, SAVE_TAG, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL) {
    const char *rest = g_str_has_prefix (name, prefix) ? name + strlen (prefix) : NULL;
    char *end = NULL;
    guint64 pid = rest ? g_ascii_strtoull (rest, &end, 10) : 0;

    if (rest == NULL || end == rest || *end != '-' || strlen (end + 1) != 6 || pid == 0 ||
        pid > G_MAXINT)
      continue;
    if ((pid_t) pid != getpid () && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH))
      continue;   /* a save in progress elsewhere */
    {
      g_autofree char *stale = g_build_filename (dir, name, NULL);
      g_unlink (stale);
    }
  }
}

static bool
holds_blob (const char *file)
{
  static const guint8 magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };
  guint8 head[4];
  FILE *f = g_fopen (file, "rb");
  bool blob = f != NULL && fread (head, 1, 4, f) == 4 && memcmp (head, magic, 4) == 0;

  if (f != NULL)
    fclose (f);
  return blob;
}

/* Writes @text to @path atomically, keeping its mode, owner and links. */
static bool
write_keeping (const char *path, const char *text, GError **error)
{
  g_autofree char *file = follow_links (path, error);
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
  size_t len = strlen (text), done = 0;
  GStatBuf st;
  bool exists;
  int fd, saved;

  if (file == NULL)
    return false;
  exists = g_stat (file, &st) == 0;
  if (exists && !S_ISREG (st.st_mode)) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: not a regular file", path);
    return false;
  }
  /* A compiled board opened directly must not become text under its
   * .dtb name: the user saves it as a .dts. */
  if (g_str_has_suffix (file, ".dtb") || (exists && holds_blob (file))) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: it is a device-tree blob "
                 "(.dtb); save the board as a .dts file", path);
    return false;
  }
  remove_stale_temporaries (file);
  dir = g_path_get_dirname (file);
  base = g_path_get_basename (file);
  tmp = g_strdup_printf ("%s/.%s" SAVE_TAG "%d-XXXXXX", dir, base, (int) getpid ());
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);   /* umask applies, as for a new file */
  if (fd < 0) {
    saved = errno;
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: cannot create a file in %s: %s",
                 path, dir, g_strerror (saved));
    return false;
  }
  if (exists) {
    /* Best effort for the owner: only root may give a file away. */
    if ((st.st_uid != getuid () || st.st_gid != getgid ()) &&
        fchown (fd, st.st_uid, st.st_gid) != 0) {
      /* keeps ours */
    }
    fchmod (fd, st.st_mode & 07777);
  }
  saved = 0;
  while (done < len && saved == 0) {
    ssize_t n = write (fd, text + done, len - done);
    if (n > 0)
      done += (size_t) n;
    else if (n == 0 || errno != EINTR)
      saved = n == 0 ? EIO : errno;
  }
  if (saved == 0 && fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && rename (tmp, file) != 0)
    saved = errno;
  if (saved != 0) {
    g_unlink (tmp);
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "Cannot save %s: %s", path,
                 g_strerror (saved));
    return false;
  }
  return true;
}

bool
mdl_board_doc_save (MdlBoardDoc *doc, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *old_dir = _mdl_board_doc_dir (doc);
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
  if (!write_keeping (path, text, error))
    return false;
  {
    /* @path may be doc->path itself: make the new one before freeing. */
    char *canonical = g_canonicalize_filename (path, NULL);
    g_free (doc->path);
    doc->path = canonical;
  }
  return true;
}
