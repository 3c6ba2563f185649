#define G_LOG_DOMAIN "medley-registers-view"

/* The register view is built once per CPU class from its register table:
 * one row per register (name, ABI name, value entry) in a flow box per
 * group, so that narrow panels get one column and wide ones several.
 *
 * "Changed" means changed since the previous stop: the values at the last
 * two stops are kept (a stop is a paused snapshot whose CPU retired a
 * different number of instructions, or moved its pc), and while running
 * the values are compared with the last stop.
 *
 * A register wider than 64 bits (a vector register) shows all its bits
 * as one hexadecimal number; such rows get flow boxes of their own below
 * their group's, so that they do not widen every other column. */

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "mdl-cpu-views-private.h"
#include "mdl-registers-view.h"

typedef struct {
  MdlRegistersView *view;
  guint             reg;
  GtkWidget        *entry;
  gboolean          changed;
  gboolean          shown;      /* value holds what the entry shows */
  guint64           value;
  guint64           value_hi;   /* bits 127:64 of a wide register */
} Row;

struct _MdlRegistersView {
  GtkWidget          parent_instance;

  MdlSession        *session;
  MdlRunner         *runner;      /* the session's */
  guint64            shown_seq;   /* the snapshot last shown */
  guint              cpu;
  const MdlCpuClass *cls;          /* the table the rows were built from */
  gboolean           paused;

  GtkWidget         *scroller;
  GtkWidget         *box;
  GArray            *rows;         /* Row, in register order */

  guint64           *stop_values;  /* at the latest stop, or NULL: n_regs
                                      values, then n_regs bits 127:64 */
  guint64           *prev_values;  /* at the stop before it, or NULL */
  guint64            stop_retired, stop_pc;
};

G_DEFINE_FINAL_TYPE (MdlRegistersView, mdl_registers_view, GTK_TYPE_WIDGET)

/* The three groups the issue asks for.  A target names its groups freely
 * ("general", "csr", "system"…); the pc, the class's flags register and
 * a "status" group go in the middle one, every other non-general group
 * last. */
enum { GROUP_GENERAL, GROUP_PC_STATUS, GROUP_SYSTEM, N_GROUPS };

static guint
group_of (const MdlCpuClass *cls, guint reg)
{
  const MdlRegInfo *r = &cls->regs[reg];

  if (reg == cls->pc_reg || g_strcmp0 (r->group, "status") == 0 ||
      (cls->flags != NULL && reg == cls->flags->reg))
    return GROUP_PC_STATUS;
  if (g_strcmp0 (r->group, "general") == 0)
    return GROUP_GENERAL;
  return GROUP_SYSTEM;
}

static gboolean
is_wide (const MdlRegInfo *r)
{
  return r->bits > 64;
}

static guint64
value_hi (const MdlCpuSnapshot *c, guint reg)
{
  return c->regs_hi != NULL ? c->regs_hi[reg] : 0;
}

/* "0x" and up to 32 hexadecimal digits: the two halves of a wide
 * register; false for anything else. */
static gboolean
parse_wide_hex (const char *text, guint64 *lo, guint64 *hi)
{
  size_t n;

  if (text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
    return FALSE;
  text += 2;
  n = strlen (text);
  if (n == 0 || n > 32)
    return FALSE;
  *lo = *hi = 0;
  for (size_t k = 0; k < n; k++) {
    int d = g_ascii_xdigit_value (text[k]);

    if (d < 0)
      return FALSE;
    *hi = *hi << 4 | *lo >> 60;
    *lo = *lo << 4 | (guint64) d;
  }
  return TRUE;
}

static Row *
find_row (MdlRegistersView *self, const char *name)
{
  for (guint i = 0; self->cls != NULL && i < self->rows->len; i++) {
    Row *row = &g_array_index (self->rows, Row, i);
    const MdlRegInfo *r = &self->cls->regs[row->reg];

    if (g_strcmp0 (r->name, name) == 0 || g_strcmp0 (r->alias, name) == 0)
      return row;
  }
  return NULL;
}

static Row *
row_of_entry (MdlRegistersView *self, GtkWidget *entry)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, Row, i).entry == entry)
      return &g_array_index (self->rows, Row, i);
  return NULL;
}

/* Enter in a value: anything the address field understands, so "sp-16"
 * or "main" work as well as "0x10" and "-1". */
static void
on_entry_activate (MdlRegistersView *self, GtkEntry *entry)
{
  g_autoptr(MdlSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  Row *row = row_of_entry (self, GTK_WIDGET (entry));
  guint64 value = 0, hi = 0;
  gboolean wide, all_digits = FALSE;
  char *end = NULL;

  g_assert (MDL_IS_REGISTERS_VIEW (self));

  if (row == NULL || self->runner == NULL || !self->paused)
    return;
  snap = mdl_session_ref_snapshot (self->session);
  wide = is_wide (&self->cls->regs[row->reg]);
  /* A wide register takes all its digits in hexadecimal; what else it is
   * given is a 64-bit value, widened as a number is. */
  if (wide && parse_wide_hex (text, &value, &hi)) {
    all_digits = TRUE;
    end = (char *) "";
  } else if (text[0] == '-' && g_ascii_isdigit (text[1])) {
    /* Negative decimals are two's complement at the register's width. */
    value = (guint64) g_ascii_strtoll (text, &end, 10);
    if (*end != '\0')
      end = NULL;
  }
  if (end == NULL && !_mdl_cpu_views_eval (self->runner, snap, self->cpu, text, &value, &error)) {
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    return;
  }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (self->cls->regs[row->reg].bits < 64)
    value &= (G_GUINT64_CONSTANT (1) << self->cls->regs[row->reg].bits) - 1;
  if (wide && !all_digits)
    hi = text[0] == '-' && (gint64) value < 0 ? G_MAXUINT64 : 0;
  if (wide)
    mdl_runner_write_register_wide (self->runner, self->cpu, row->reg, value, hi);
  else
    mdl_runner_write_register (self->runner, self->cpu, row->reg, value);
  row->shown = FALSE;   /* show what the CPU kept, even if unchanged */
  /* Leave the entry, so the next snapshot shows what the CPU made of it
   * (a CSR may keep only some bits). */
  gtk_widget_grab_focus (self->scroller);
}

static gboolean
is_editing (GtkWidget *entry)
{
  GtkRoot *root = gtk_widget_get_root (entry);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static GtkWidget *
make_row (MdlRegistersView *self, guint reg, int name_chars, int arch_chars)
{
  const MdlRegInfo *r = &self->cls->regs[reg];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (r->alias ? r->alias : r->name);
  GtkWidget *arch = gtk_label_new (r->alias ? r->name : "");
  GtkWidget *entry = gtk_entry_new ();
  Row row = { self, reg, entry, FALSE, FALSE, 0, 0 };
  int chars = is_wide (r) ? 34 : r->bits > 32 ? 18 : 10;

  /* The ABI name first: that is what people read in assembly. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), name_chars);
  gtk_widget_add_css_class (name, "monospace");
  gtk_label_set_xalign (GTK_LABEL (arch), 0);
  gtk_label_set_width_chars (GTK_LABEL (arch), arch_chars);
  gtk_widget_add_css_class (arch, "monospace");
  gtk_widget_add_css_class (arch, "dim-label");
  gtk_widget_add_css_class (arch, "caption");

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), chars);
  gtk_widget_add_css_class (entry, "monospace");
  gtk_widget_add_css_class (entry, "register-value");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  r->alias ? r->alias : r->name, -1);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), arch);
  gtk_box_append (GTK_BOX (box), entry);
  g_array_append_val (self->rows, row);
  return box;
}

static void
clear_rows (MdlRegistersView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->stop_values, g_free);
  g_clear_pointer (&self->prev_values, g_free);
  self->cls = NULL;
}

static GtkWidget *
new_flow (guint per_line)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  return flow;
}

static void
build_rows (MdlRegistersView *self, const MdlCpuClass *cls)
{
  static const char *const titles[N_GROUPS] = {
    N_("General"), N_("Program Counter and Status"), N_("Control and System"),
  };

  clear_rows (self);
  self->cls = cls;
  for (guint g = 0; g < N_GROUPS; g++) {
    GtkWidget *heading, *flow = NULL, *wide_flow = NULL;
    int name_chars = 1, arch_chars = 0;

    /* Names as wide as the group's longest, so that the values line up
     * in a column (CSR names run from 3 to 8 letters and more). */
    for (guint i = 0; i < cls->n_regs; i++) {
      const MdlRegInfo *r = &cls->regs[i];

      if (group_of (cls, i) != g)
        continue;
      name_chars = MAX (name_chars, (int) g_utf8_strlen (r->alias ? r->alias : r->name, -1));
      if (r->alias)
        arch_chars = MAX (arch_chars, (int) g_utf8_strlen (r->name, -1));
    }
    for (guint i = 0; i < cls->n_regs; i++) {
      if (group_of (cls, i) != g || is_wide (&cls->regs[i]))
        continue;
      if (flow == NULL) {
        heading = gtk_label_new (_(titles[g]));
        gtk_label_set_xalign (GTK_LABEL (heading), 0);
        gtk_widget_add_css_class (heading, "heading");
        gtk_widget_add_css_class (heading, "register-group");
        gtk_box_append (GTK_BOX (self->box), heading);
        flow = new_flow (4);
        gtk_box_append (GTK_BOX (self->box), flow);
      }
      gtk_flow_box_append (GTK_FLOW_BOX (flow), make_row (self, i, name_chars, arch_chars));
    }
    for (guint i = 0; i < cls->n_regs; i++) {
      if (group_of (cls, i) != g || !is_wide (&cls->regs[i]))
        continue;
      if (wide_flow == NULL) {
        wide_flow = new_flow (2);
        gtk_box_append (GTK_BOX (self->box), wide_flow);
      }
      gtk_flow_box_append (GTK_FLOW_BOX (wide_flow), make_row (self, i, name_chars, arch_chars));
    }
  }
}

static char *
tooltip_plain (const MdlRegInfo *r, guint64 value)
{
  guint64 mask = r->bits >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << r->bits) - 1;
  gint64 sign = (gint64) value;

  value &= mask;
  if (r->bits < 64 && (value >> (r->bits - 1)) & 1)
    sign = (gint64) (value | ~mask);
  else
    sign = (gint64) value;
  if (sign < 0)
    /* Plain long long formats: xgettext cannot see through G_GUINT64_FORMAT. */
    return g_strdup_printf (_("%s: %llu (signed %lld)"), r->alias ? r->alias : r->name,
                            (unsigned long long) value, (long long) sign);
  return g_strdup_printf ("%s: %" G_GUINT64_FORMAT, r->alias ? r->alias : r->name, value);
}

/* "N=1 Z=0 … exception=3": the flags register decoded, as the class
 * describes it. */
static void
append_flags (GString *text, const MdlFlagsReg *flags, guint64 value)
{
  for (guint i = 0; i < flags->n_fields; i++) {
    const MdlRegFlag *f = &flags->fields[i];
    guint width = f->hi - f->lo + 1;
    guint64 mask = width >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << width) - 1;
    guint64 bits = (value >> f->lo) & mask;

    g_string_append_printf (text, "%s%s=%llu", i > 0 ? " " : "", f->name,
                            (unsigned long long) bits);
  }
}

static char *
tooltip_for (const MdlCpuClass *cls, guint reg, guint64 value, guint64 hi)
{
  const MdlRegInfo *r = &cls->regs[reg];
  g_autofree char *plain = NULL;
  GString *text;

  if (is_wide (r))
    /* Bit ranges only, no words: nothing to translate. */
    return g_strdup_printf ("%s: [127:64] 0x%016llx, [63:0] 0x%016llx",
                            r->alias ? r->alias : r->name, (unsigned long long) hi,
                            (unsigned long long) value);
  plain = tooltip_plain (r, value);
  if (cls->flags == NULL || cls->flags->reg != reg)
    return g_steal_pointer (&plain);
  text = g_string_new (plain);
  g_string_append_c (text, '\n');
  append_flags (text, cls->flags, value);
  return g_string_free (text, FALSE);
}

void
mdl_registers_view_update (MdlRegistersView *self, const MdlSnapshot *snap)
{
  const MdlCpuSnapshot *c = _mdl_cpu_views_cpu (snap, self->cpu);
  const guint64 *base;

  g_return_if_fail (MDL_IS_REGISTERS_VIEW (self));
  self->shown_seq = snap->seq;

  if (c == NULL) {
    clear_rows (self);
    return;
  }
  if (c->cls != self->cls)
    build_rows (self, c->cls);

  self->paused = snap->state == MDL_RUNNER_PAUSED;
  if (self->paused && (self->stop_values == NULL || c->retired != self->stop_retired ||
                       c->pc != self->stop_pc)) {
    guint n = c->cls->n_regs;

    g_free (self->prev_values);
    self->prev_values = self->stop_values;
    self->stop_values = g_new0 (guint64, 2 * n);
    memcpy (self->stop_values, c->regs, sizeof (guint64) * n);
    if (c->regs_hi != NULL)
      memcpy (self->stop_values + n, c->regs_hi, sizeof (guint64) * n);
    self->stop_retired = c->retired;
    self->stop_pc = c->pc;
  }
  /* Paused: what the last step or run changed.  Running: what changed
   * since it stopped. */
  base = self->paused ? self->prev_values : self->stop_values;

  for (guint i = 0; i < self->rows->len; i++) {
    Row *row = &g_array_index (self->rows, Row, i);
    const MdlRegInfo *r = &c->cls->regs[row->reg];
    guint64 value = c->regs[row->reg], hi = value_hi (c, row->reg);
    gboolean changed
      = base != NULL && (base[row->reg] != value || base[c->cls->n_regs + row->reg] != hi);
    gboolean editing = is_editing (row->entry);

    /* Only what changed is touched: text and tooltips of ~50 entries at
     * screen rate would cost more than the rest of the window. */
    if (!editing && (!row->shown || row->value != value || row->value_hi != hi)) {
      g_autofree char *text
        = is_wide (r) ? g_strdup_printf ("0x%016llx%016llx", (unsigned long long) hi,
                                         (unsigned long long) value)
                      : _mdl_cpu_views_hex (value, r->bits);
      g_autofree char *tip = tooltip_for (c->cls, row->reg, value, hi);

      gtk_editable_set_text (GTK_EDITABLE (row->entry), text);
      gtk_widget_remove_css_class (row->entry, "error");
      gtk_widget_set_tooltip_text (row->entry, tip);
      row->value = value;
      row->value_hi = hi;
      row->shown = TRUE;
    }
    if (changed != row->changed) {
      row->changed = changed;
      if (changed)
        gtk_widget_add_css_class (row->entry, "changed");
      else
        gtk_widget_remove_css_class (row->entry, "changed");
    }
    /* Edits only while paused: the engine ignores them otherwise. */
    if (gtk_editable_get_editable (GTK_EDITABLE (row->entry)) != (self->paused && !r->read_only)) {
      gtk_editable_set_editable (GTK_EDITABLE (row->entry), self->paused && !r->read_only);
      gtk_widget_set_can_focus (row->entry, self->paused && !r->read_only);
    }
  }
}

/* Shown, it follows the machine; hidden, the panel brings it up to date
 * when it is shown again. */
static void
on_updated (MdlRegistersView *self, const MdlSnapshot *snap, MdlSession *session)
{
  g_assert (MDL_IS_REGISTERS_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && snap->seq != self->shown_seq)
    mdl_registers_view_update (self, snap);
}

void
mdl_registers_view_set_session (MdlRegistersView *self, MdlSession *session, guint cpu)
{
  MdlRunner *runner = session != NULL ? mdl_session_get_runner (session) : NULL;

  g_return_if_fail (MDL_IS_REGISTERS_VIEW (self));

  if (runner != self->runner || cpu != self->cpu)
    clear_rows (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->runner = runner;
  self->shown_seq = G_MAXUINT64;   /* whatever comes next is new */
  if (session != NULL)
    g_signal_connect_object (session, "updated", G_CALLBACK (on_updated), self,
                             G_CONNECT_SWAPPED);
  self->cpu = cpu;
  self->paused = FALSE;
}

const char *
mdl_registers_view_get_text (MdlRegistersView *self, const char *name)
{
  Row *row = find_row (self, name);

  return row ? gtk_editable_get_text (GTK_EDITABLE (row->entry)) : NULL;
}

gboolean
mdl_registers_view_get_changed (MdlRegistersView *self, const char *name)
{
  Row *row = find_row (self, name);

  return row != NULL && row->changed;
}

GtkWidget *
mdl_registers_view_get_entry (MdlRegistersView *self, const char *name)
{
  Row *row = find_row (self, name);

  return row ? row->entry : NULL;
}

static void
mdl_registers_view_dispose (GObject *object)
{
  MdlRegistersView *self = MDL_REGISTERS_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->runner = NULL;
  g_clear_object (&self->session);
  G_OBJECT_CLASS (mdl_registers_view_parent_class)->dispose (object);
}

static void
mdl_registers_view_finalize (GObject *object)
{
  MdlRegistersView *self = MDL_REGISTERS_VIEW (object);

  g_array_unref (self->rows);
  g_free (self->stop_values);
  g_free (self->prev_values);
  G_OBJECT_CLASS (mdl_registers_view_parent_class)->finalize (object);
}

static void
mdl_registers_view_class_init (MdlRegistersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdl_registers_view_dispose;
  object_class->finalize = mdl_registers_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mdlregistersview");
}

static void
mdl_registers_view_init (MdlRegistersView *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_focusable (self->scroller, TRUE);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->box, "register-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
mdl_registers_view_new (void)
{
  return g_object_new (MDL_TYPE_REGISTERS_VIEW, NULL);
}
