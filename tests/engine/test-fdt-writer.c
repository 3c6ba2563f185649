/* The device-tree writer the exporter and the classes share: every kind
 * of property read back with libfdt, growth from a tiny buffer, and the
 * first error latched and reported once. */
#include <libfdt.h>
#include <string.h>

#include "engine/error.h"
#include "engine/fdt-writer.h"

static const void *
prop_at (const void *fdt, const char *path, const char *name, int *len)
{
  int node = fdt_path_offset (fdt, path);

  g_assert_cmpint (node, >=, 0);
  return fdt_getprop (fdt, node, name, len);
}

static void
test_properties (void)
{
  /* 128 bytes: every node below makes it grow. */
  g_autoptr(MdlFdtWriter) w = mdl_fdt_writer_new (128);
  static const char *const compat[] = { "vendor,model", "generic", NULL };
  static const uint32_t cells[] = { 1, 0x80000000u, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = NULL;
  const fdt32_t *p;
  const void *fdt;
  int len;

  mdl_fdt_begin_node (w, "");
  mdl_fdt_prop_u32 (w, "#address-cells", 2);
  for (unsigned i = 0; i < 64; i++) {
    g_autofree char *name = g_strdup_printf ("node@%u", i);
    mdl_fdt_begin_node (w, name);
    mdl_fdt_prop_string (w, "label", name);
    mdl_fdt_end_node (w);
  }
  mdl_fdt_begin_node (w, "dev");
  mdl_fdt_prop_strings (w, "compatible", compat);
  mdl_fdt_prop_u64 (w, "wide", UINT64_C (0x123456789a));
  mdl_fdt_prop_number (w, "small", 7);
  mdl_fdt_prop_number (w, "big", UINT64_C (0x100000000));
  mdl_fdt_prop_cells (w, "cells", cells, G_N_ELEMENTS (cells));
  mdl_fdt_prop_empty (w, "flag");
  mdl_fdt_end_node (w);
  mdl_fdt_end_node (w);
  g_assert_null (mdl_fdt_writer_error (w));
  blob = mdl_fdt_writer_finish (w, 256, &error);
  g_assert_no_error (error);

  fdt = g_bytes_get_data (blob, NULL);
  g_assert_cmpint (fdt_check_header (fdt), ==, 0);
  g_assert_cmpuint (fdt_totalsize (fdt), ==, g_bytes_get_size (blob));
  /* The slack is free space at the end, for the guest. */
  g_assert_cmpuint (fdt_totalsize (fdt) - fdt_off_dt_strings (fdt) - fdt_size_dt_strings (fdt),
                    >=, 256);
  g_assert_cmpstr (prop_at (fdt, "/node@63", "label", NULL), ==, "node@63");
  g_assert_cmpint (fdt_node_check_compatible (fdt, fdt_path_offset (fdt, "/dev"), "generic"), ==,
                   0);
  p = prop_at (fdt, "/dev", "compatible", &len);
  g_assert_cmpint (len, ==, sizeof "vendor,model" + sizeof "generic");
  g_assert_cmpmem (p, len, "vendor,model\0generic", len);
  p = prop_at (fdt, "/dev", "wide", &len);
  g_assert_cmpint (len, ==, 8);
  g_assert_cmphex (fdt32_to_cpu (p[0]), ==, 0x12);
  g_assert_cmphex (fdt32_to_cpu (p[1]), ==, 0x3456789a);
  p = prop_at (fdt, "/dev", "small", &len);
  g_assert_cmpint (len, ==, 4);
  g_assert_cmpuint (fdt32_to_cpu (p[0]), ==, 7);
  prop_at (fdt, "/dev", "big", &len);
  g_assert_cmpint (len, ==, 8);
  p = prop_at (fdt, "/dev", "cells", &len);
  g_assert_cmpint (len, ==, 12);
  g_assert_cmphex (fdt32_to_cpu (p[1]), ==, 0x80000000u);
  g_assert_cmpuint (fdt32_to_cpu (p[2]), ==, 3);
  g_assert_nonnull (prop_at (fdt, "/dev", "flag", &len));
  g_assert_cmpint (len, ==, 0);
}

/* A node closed too many times spoils the tree: what follows is ignored
 * and finish says so. */
static void
test_error_latched (void)
{
  g_autoptr(MdlFdtWriter) w = mdl_fdt_writer_new (0);
  g_autoptr(GError) error = NULL;

  mdl_fdt_begin_node (w, "");
  mdl_fdt_end_node (w);
  g_assert_null (mdl_fdt_writer_error (w));
  mdl_fdt_end_node (w);
  g_assert_nonnull (mdl_fdt_writer_error (w));
  mdl_fdt_begin_node (w, "later");
  mdl_fdt_prop_u32 (w, "ignored", 1);
  g_assert_null (mdl_fdt_writer_finish (w, 0, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
}

static void
test_node_left_open (void)
{
  g_autoptr(MdlFdtWriter) w = mdl_fdt_writer_new (0);
  g_autoptr(GError) error = NULL;

  mdl_fdt_begin_node (w, "");
  mdl_fdt_begin_node (w, "open");
  mdl_fdt_end_node (w);
  g_assert_null (mdl_fdt_writer_finish (w, 0, &error));
  g_assert_error (error, MDL_ERROR, MDL_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/fdt-writer/properties", test_properties);
  g_test_add_func ("/engine/fdt-writer/error-latched", test_error_latched);
  g_test_add_func ("/engine/fdt-writer/node-left-open", test_node_left_open);
  return g_test_run ();
}
