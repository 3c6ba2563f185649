/* GUI test of the problems list (ui/mdl-problems-view.h) in the real
 * window under Xvfb: a board built part by part from an empty canvas,
 * whose list names each fault in turn and clears it once fixed, and whose
 * "Go To" selects the component at fault. */
#define G_LOG_DOMAIN "test-problems"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

static MdlApplication *app;

/* The problem whose text holds @needle, or -1. */
static int
problem_with (MdlWindow *window, const char *needle)
{
  MdlProblemsView *view = window->problems_view;

  mdl_problems_view_refresh (view);
  for (guint i = 0; i < mdl_problems_view_get_n_problems (view); i++)
    if (strstr (mdl_problems_view_get_problem (view, i), needle) != NULL)
      return (int) i;
  return -1;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
dump (MdlWindow *window, const char *step)
{
  MdlProblemsView *view = window->problems_view;

  mdl_problems_view_refresh (view);
  for (guint i = 0; i < mdl_problems_view_get_n_problems (view); i++)
    g_test_message ("%s: %s", step, mdl_problems_view_get_problem (view, i));
}

static void
test_build_from_empty (void)
{
  MdlWindow *window = mdl_window_new (app);
  MdlEditor *ed = mdl_window_get_editor (window);
  g_autoptr(GError) error = NULL;
  guint cpu, ram, uart;
  int i;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_spin_until (window_mapped, window, 5000));
  ui_test_spin (200);   /* whatever the window loads by itself, first */
  mdl_editor_new_board (ed);
  g_assert_cmpint (problem_with (window, "no CPU"), >=, 0);

  cpu = mdl_editor_add_cluster (ed, mdl_registry_find_cpu ("riscv,rv32imac"), 40, 40);
  g_assert_cmpint (problem_with (window, "no firmware"), >=, 0);
  g_assert_true (mdl_editor_set_prop (ed, cpu, "firmware",
                                      MDL_BUILD_BOARDS_DIR "/firmware/hello-rv32.elf", &error));
  g_assert_no_error (error);

  /* RAM where the firmware is linked, but too small for its stack. */
  ram = mdl_editor_add_device (ed, mdl_registry_find_device ("medley,ram"), 360, 40);
  g_assert_true (mdl_editor_set_prop (ed, ram, "reg", "0x80000000", &error));
  g_assert_true (mdl_editor_set_prop (ed, ram, "size", "16 MiB", &error));
  g_assert_cmpuint (mdl_editor_map (ed, ram, cpu, &error), >, 0);
  g_assert_no_error (error);
  dump (window, "small RAM");
  i = problem_with (window, "initial stack");
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpuint (mdl_problems_view_get_component (window->problems_view, i), ==, cpu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->problems_view)));
  ui_test_spin (100);
  ui_test_screenshot (GTK_WIDGET (window), "ui-problems-stack.png");
  g_assert_true (mdl_editor_set_prop (ed, ram, "size", "128 MiB", &error));
  g_assert_cmpint (problem_with (window, "initial stack"), <, 0);

  /* A UART on no bus, then with its interrupt loose. */
  uart = mdl_editor_add_device (ed, mdl_registry_find_device ("ns16550a"), 680, 40);
  g_assert_true (mdl_editor_set_prop (ed, uart, "reg", "0x10000000", &error));
  dump (window, "UART added");
  i = problem_with (window, "no CPU's bus");
  g_assert_cmpint (i, >=, 0);
  mdl_problems_view_go_to (window->problems_view, i);
  g_assert_cmpuint (mdl_editor_get_selection (ed)->len, ==, 1);
  g_assert_cmpuint (g_array_index (mdl_editor_get_selection (ed), guint, 0), ==, uart);
  g_assert_cmpuint (mdl_editor_map (ed, uart, cpu, &error), >, 0);
  g_assert_cmpint (problem_with (window, "no CPU's bus"), <, 0);
  g_assert_cmpint (problem_with (window, "interrupt"), >=, 0);
  g_assert_cmpuint (mdl_editor_wire_irq (ed, uart, 0, cpu, 11, 0, &error), >, 0);
  g_assert_no_error (error);
  dump (window, "wired");
  g_assert_cmpint (problem_with (window, "interrupt"), <, 0);
  g_assert_cmpuint (mdl_problems_view_get_n_problems (window->problems_view), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->problems_view)));

  /* The board's family (the CPU class's: QEMU's virt): a UART away from
   * the family's address is named with both, and the list moves it back. */
  g_assert_true (mdl_editor_set_prop (ed, uart, "reg", "0x10001000", &error));
  dump (window, "UART moved");
  i = problem_with (window, "usually at 0x10000000");
  g_assert_cmpint (i, >=, 0);
  g_assert_nonnull (strstr (mdl_problems_view_get_problem (window->problems_view, i),
                            "0x10001000"));
  g_assert_cmpuint (mdl_problems_view_get_component (window->problems_view, i), ==, uart);
  g_assert_true (mdl_problems_view_can_fix (window->problems_view, i));
  ui_test_spin (100);
  ui_test_screenshot (GTK_WIDGET (window), "ui-problems-family.png");
  g_assert_true (mdl_problems_view_apply_fix (window->problems_view, i));
  g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (ed), uart), "reg"),
                    ==, 0x10000000);
  g_assert_cmpint (problem_with (window, "usually at"), <, 0);

  /* Parts from the palette get the family's defaults: RAM big enough
   * for its firmware, the test device where its firmware pokes it. */
  {
    guint ram2, test;

    g_assert_true (mdl_editor_set_prop (ed, ram, "reg", "0x90000000", &error));
    ram2 = mdl_editor_add_device (ed, mdl_registry_find_device ("medley,ram"), 360, 200);
    test = mdl_editor_add_device (ed, mdl_registry_find_device ("sifive,test0"), 360, 360);
    g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (ed), ram2),
                                         "reg"), ==, 0x80000000);
    g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (ed), ram2),
                                         "size"), ==, 128 << 20);
    g_assert_cmpuint (mdl_component_u64 (mdl_board_doc_find (mdl_editor_get_doc (ed), test),
                                         "reg"), ==, 0x100000);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (20);
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  g_test_add_func ("/ui/problems/build-from-empty", test_build_from_empty);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
