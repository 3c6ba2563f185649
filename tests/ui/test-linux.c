/* GUI tests of Linux in the workbench, under Xvfb.
 *
 *   test-linux                 the boot options of `medley BOARD --kernel K
 *                              --initrd I --append A` land on the right
 *                              cluster and show in the inspector (suite ui)
 *   test-linux mcu-demo        boards/linux-mcu-demo.dts booted in the
 *                              window with Debian's kernel: Linux hands the
 *                              Cortex-M3 work through the shared SRAM and
 *                              the mailbox, both consoles show it and the
 *                              timeline has the mailbox's messages (suite
 *                              linux: a boot is long)
 *
 * The second skips (77) without the kernel and initramfs that
 * tools/fetch-debian-linux.sh leaves in its cache, or without Debian's
 * OpenSBI; tests/linux/check-mcu-demo.py is its headless twin. */
#define G_LOG_DOMAIN "test-linux"

#include "ui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <vte/vte.h>

#include "mdl-config.h"
#include "ui/mdl-application.h"
#include "ui/mdl-inspector-private.h"
#include "ui/mdl-timeline-view-private.h"
#include "ui/mdl-window-private.h"

#include "engine/registry.h"
#include "hw/devices.h"
#include "targets/targets.h"

#define FW_JUMP "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"
#define APPEND  "console=ttyS0 earlycon=sbi cryptomgr.notests"
/* A boot is 10-20 s of CPU alone; a loaded machine takes much longer. */
#define BOOT_MS (900 * 1000)

static MdlApplication *app;
static char *cache_dir;   /* tools/fetch-debian-linux.sh's */

static MdlWindow *
open_board (const char *name)
{
  g_autofree char *path = g_build_filename (MDL_SOURCE_BOARDS_DIR, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MDL_IS_WINDOW (l->data) &&
        g_strcmp0 (mdl_editor_get_path (mdl_window_get_editor (l->data)), path) == 0) {
      ui_test_spin (50);
      return l->data;
    }
  g_assert_not_reached ();
}

static MdlInspector *
inspector (MdlWindow *window)
{
  return MDL_INSPECTOR (gtk_widget_get_first_child (GTK_WIDGET (window->inspector_slot)));
}

/* What the inspector's field @prop shows for cluster @name. */
static const char *
field (MdlWindow *window, const char *name, const char *prop)
{
  MdlEditor *ed = mdl_window_get_editor (window);
  guint id = mdl_board_doc_find_by_name (mdl_editor_get_doc (ed), name)->id;
  GtkWidget *row;

  mdl_editor_set_selection (ed, &id, 1);
  ui_test_spin (20);
  row = _mdl_inspector_get_field (inspector (window), prop);
  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
test_boot_options (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medley-ui-XXXXXX", NULL);
  g_autofree char *kernel = g_build_filename (dir, "Image", NULL);
  g_autofree char *initrd = g_build_filename (dir, "initrd.gz", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  MdlWindow *window;

  g_assert_true (g_file_set_contents (kernel, "k", 1, NULL));
  g_assert_true (g_file_set_contents (initrd, "i", 1, NULL));

  /* One cluster: it takes them, paths relative to the current folder. */
  window = open_board ("riscv64-linux.dts");
  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_assert_true (mdl_window_set_boot_option (window, "kernel", "Image", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_true (mdl_window_set_boot_option (window, "initrd", initrd, &error));
  g_assert_true (mdl_window_set_boot_option (window, "append", "console=ttyS0 quiet", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field (window, "cpu0", "payload"), ==, kernel);
  g_assert_cmpstr (field (window, "cpu0", "initrd"), ==, initrd);
  g_assert_cmpstr (field (window, "cpu0", "bootargs"), ==, "console=ttyS0 quiet");
  ui_test_screenshot (GTK_WIDGET (window), "ui-linux-boot-options.png");
  ui_test_close_all_windows (GTK_APPLICATION (app));

  /* Two clusters: NAME= picks one; without it, the one that hands its
   * payload a device tree. */
  window = open_board ("linux-mcu-demo.dts");
  g_assert_true (mdl_window_set_boot_option (window, "kernel", kernel, &error));
  g_assert_true (mdl_window_set_boot_option (window, "append", "app=quiet", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field (window, "app", "payload"), ==, kernel);
  g_assert_cmpstr (field (window, "app", "bootargs"), ==, "quiet");
  g_assert_cmpstr (field (window, "mcu", "payload"), ==, "");
  ui_test_close_all_windows (GTK_APPLICATION (app));

  /* Two clusters, neither booting a payload: the message names both. */
  window = open_board ("hetero-demo.dts");
  g_assert_false (mdl_window_set_boot_option (window, "kernel", kernel, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "NAME="));
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_unlink (kernel);
  g_unlink (initrd);
  g_rmdir (dir);
}

/* ---- the Linux and Cortex-M3 exchange ---- */

/* The console whose text holds @needle, or NULL. */
static MdlConsole *
console_with (MdlWindow *window, const char *needle)
{
  for (guint i = 0; i < mdl_window_get_n_consoles (window); i++) {
    MdlConsole *console = mdl_window_get_console (window, i);
    g_autofree char *text = mdl_console_get_text (console);

    if (text != NULL && strstr (text, needle) != NULL)
      return console;
  }
  return NULL;
}

static gboolean
shows (gpointer data)
{
  return console_with (((gpointer *) data)[0], ((gpointer *) data)[1]) != NULL;
}

static MdlConsole *
wait_for (MdlWindow *window, const char *needle)
{
  gpointer args[] = { window, (gpointer) needle };

  if (!ui_test_spin_until (shows, args, BOOT_MS)) {
    for (guint i = 0; i < mdl_window_get_n_consoles (window); i++) {
      g_autofree char *text = mdl_console_get_text (mdl_window_get_console (window, i));

      g_test_message ("console %u:\n%s", i, text ? text : "");
    }
    g_error ("no “%s” in any console", needle);
  }
  return console_with (window, needle);
}

static gboolean
is_halted (gpointer data)
{
  MdlRunnerState state;

  return mdl_window_get_runner_state (data, &state) && state == MDL_RUNNER_HALTED;
}

static void
type (MdlConsole *console, const char *text)
{
  /* As if typed: VTE hands it on through its "commit" signal. */
  vte_terminal_feed_child (VTE_TERMINAL (mdl_console_get_terminal (console)), text,
                           (gssize) strlen (text));
}

static void
test_mcu_demo (void)
{
  g_autofree char *kernel = g_build_filename (cache_dir, "Image", NULL);
  g_autofree char *initrd = g_build_filename (cache_dir, "initramfs.cpio.gz", NULL);
  g_autofree char *kernel_spec = g_strconcat ("app=", kernel, NULL);
  g_autofree char *initrd_spec = g_strconcat ("app=", initrd, NULL);
  g_autoptr(GError) error = NULL;
  MdlWindow *window = open_board ("linux-mcu-demo.dts");
  MdlConsole *linux_console, *mcu_console, *again;
  MdlTimelineView *timeline;
  g_autofree char *linux_text = NULL;
  g_autofree char *mcu_text = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  g_assert_true (mdl_window_set_boot_option (window, "kernel", kernel_spec, &error));
  g_assert_true (mdl_window_set_boot_option (window, "initrd", initrd_spec, &error));
  g_assert_true (mdl_window_set_boot_option (window, "append", "app=" APPEND, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);

  mcu_console = wait_for (window, "Cortex-M3 at 48 MHz, waiting for work");
  linux_console = wait_for (window, "medley-initramfs: Linux");
  g_assert_true (mcu_console != linux_console);
  /* The shell reads what the console already holds once it starts. */
  type (linux_console, "mcu-demo 5 7 11 13\n");
  again = wait_for (window, "the Cortex-M3 says 5 7 11 13 sum to 36");
  g_assert_true (again == linux_console);
  again = wait_for (window, "item 1: summed 4 words at 0x20400000 -> 36");
  g_assert_true (again == mcu_console);
  linux_text = mdl_console_get_text (linux_console);
  mcu_text = mdl_console_get_text (mcu_console);
  /* Each side on its own console only. */
  g_assert_null (strstr (linux_text, "summed 4 words"));
  g_assert_null (strstr (mcu_text, "sum to 36"));

  /* The timeline shows the mailbox's messages both ways. */
  timeline = MDL_TIMELINE_VIEW (mdl_cpu_views_get_page (mdl_window_get_cpu_views (window),
                                                        "timeline"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "pause", NULL);
  ui_test_spin (200);
  mdl_timeline_view_refresh (timeline);
  g_test_message ("mailbox records: %u",
                  _mdl_timeline_view_count_records (timeline, MDL_TRACE_MAILBOX));
  g_assert_cmpuint (_mdl_timeline_view_count_records (timeline, MDL_TRACE_MAILBOX), >=, 2);
  gtk_toggle_button_set_active (window->views_button, TRUE);
  mdl_cpu_views_show_page (mdl_window_get_cpu_views (window), "timeline");
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (window), "ui-linux-mcu-demo.png");
  /* And the Cortex-M3's side, in its own tab. */
  for (int i = 0; i < adw_tab_view_get_n_pages (window->console_view); i++) {
    AdwTabPage *page = adw_tab_view_get_nth_page (window->console_view, i);
    GtkWidget *child = adw_tab_page_get_child (page);

    if (child == GTK_WIDGET (mcu_console) || gtk_widget_is_ancestor (GTK_WIDGET (mcu_console),
                                                                    child))
      adw_tab_view_set_selected_page (window->console_view, page);
  }
  ui_test_spin (300);
  ui_test_screenshot (GTK_WIDGET (window), "ui-linux-mcu-demo-mcu.png");

  g_action_group_activate_action (G_ACTION_GROUP (window), "run", NULL);
  type (linux_console, "poweroff -f\n");
  g_assert_true (ui_test_spin_until (is_halted, window, BOOT_MS));
  g_test_message ("status: %s", mdl_window_get_status_text (window));
  ui_test_close_all_windows (GTK_APPLICATION (app));
}

/* Why the exchange cannot run here, or NULL. */
static char *
why_no_linux (void)
{
  g_autofree char *kernel = g_build_filename (cache_dir, "Image", NULL);
  g_autofree char *initrd = g_build_filename (cache_dir, "initramfs.cpio.gz", NULL);

  if (!g_file_test (FW_JUMP, G_FILE_TEST_IS_REGULAR))
    return g_strdup ("Debian's OpenSBI is not installed (apt install opensbi): needs " FW_JUMP);
  if (!g_file_test (kernel, G_FILE_TEST_IS_REGULAR) ||
      !g_file_test (initrd, G_FILE_TEST_IS_REGULAR))
    return g_strdup_printf ("no kernel and initramfs in %s: run tools/fetch-debian-linux.sh",
                            cache_dir);
  return NULL;
}

int
main (int argc, char **argv)
{
  const char *dirs[] = { MDL_BUILD_BOARDS_DIR, MDL_SOURCE_BOARDS_DIR, NULL };
  g_autofree char *board = g_build_filename (MDL_SOURCE_BOARDS_DIR, "riscv32-virt.dts", NULL);
  g_autofree char *home = g_dir_make_tmp ("medley-ui-home-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  gboolean mcu_demo = argc > 1 && g_str_equal (argv[1], "mcu-demo");
  const char *env = g_getenv ("MEDLEY_DEBIAN_CACHE");
  int status;

  /* Where tools/fetch-debian-linux.sh puts them, before XDG_CACHE_HOME
   * moves below. */
  cache_dir = env != NULL && *env ? g_strdup (env)
                                  : g_build_filename (g_get_user_cache_dir (), "medley",
                                                      "debian-riscv64", NULL);
  if (mcu_demo) {
    g_autofree char *why = why_no_linux ();

    if (why != NULL) {
      g_print ("SKIP: %s\n", why);
      return 77;
    }
    argv[1] = argv[0];
    argc--;
    argv++;
  }
  ui_test_isolate_home (home);
  g_test_init (&argc, &argv, NULL);
  mdl_registry_set_cpus (mdl_target_cpu_classes);
  mdl_registry_set_devices (mdl_hw_device_classes);

  app = mdl_application_new (board, dirs, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);

  if (mcu_demo)
    g_test_add_func ("/ui/linux/mcu-demo", test_mcu_demo);
  else
    g_test_add_func ("/ui/linux/boot-options", test_boot_options);
  status = g_test_run ();
  ui_test_close_all_windows (GTK_APPLICATION (app));
  g_clear_object (&app);
  g_free (cache_dir);
  return status;
}
