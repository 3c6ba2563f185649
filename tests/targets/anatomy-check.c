/* Checks on an instruction's anatomy, shared by the ISA tests (see
 * anatomy-check.h). */
#include "anatomy-check.h"

#include <glib.h>
#include <string.h>

void
check_field (const MdlInsnInfo *info, const char *name, unsigned hi, unsigned lo,
             uint64_t value, const char *meaning)
{
  for (unsigned i = 0; i < info->n_fields; i++) {
    const MdlInsnField *f = &info->fields[i];

    if (strcmp (f->name, name) != 0)
      continue;
    g_assert_cmpuint (f->hi, ==, hi);
    g_assert_cmpuint (f->lo, ==, lo);
    g_assert_cmphex (f->value, ==, value);
    if (meaning != NULL)
      g_assert_cmpstr (f->meaning, ==, meaning);
    return;
  }
  g_error ("%s: no field %s", info->mnemonic, name);
}

gboolean
anatomy_covers (const MdlInsnInfo *info, char *why, size_t size)
{
  uint64_t seen = 0, all = info->len == 2 ? 0xffff : 0xffffffff;

  for (unsigned i = 0; i < info->n_fields; i++)
    for (unsigned b = info->fields[i].lo; b <= info->fields[i].hi; b++) {
      if (seen & (UINT64_C (1) << b)) {
        g_snprintf (why, size, "%s: bit %u is in two fields (%s)", info->mnemonic, b,
                    info->fields[i].name);
        return FALSE;
      }
      seen |= UINT64_C (1) << b;
    }
  if (seen != all) {
    g_snprintf (why, size, "%s: bits 0x%" G_GINT64_MODIFIER "x are in no field", info->mnemonic,
                all & ~seen);
    return FALSE;
  }
  return TRUE;
}

void
check_cover (const MdlInsnInfo *info)
{
  char why[96];

  if (!anatomy_covers (info, why, sizeof why))
    g_error ("%s", why);
}

void
anatomy_setup (AnatomyFixture *fx, const MdlCpuClass *cls, uint64_t ram_base, gboolean reset)
{
  MdlAddressSpace *as;

  fx->ram = mdl_region_new_ram ("ram", 0x1000);
  fx->m = mdl_machine_new ();
  as = mdl_machine_add_address_space (fx->m, "bus");
  g_assert_true (mdl_address_space_map (as, ram_base, fx->ram, NULL));
  fx->cpu = mdl_machine_add_cpu (fx->m, cls, "cpu0", as, 0, 100000000, NULL);
  g_assert_nonnull (fx->cpu);
  if (reset) {
    mdl_machine_set_entry (fx->m, fx->cpu, ram_base);
    mdl_machine_reset (fx->m);
  }
}

void
anatomy_teardown (AnatomyFixture *fx)
{
  mdl_machine_free (fx->m);
  mdl_region_unref (fx->ram);
}
