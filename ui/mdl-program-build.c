#define G_LOG_DOMAIN "mdl-program-build"

/* The cross compiler, run as a GSubprocess (mdl-program-build.h). */

#include "mdl-program-build.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mdl-config.h"

G_DEFINE_QUARK (mdl-program-build-error-quark, mdl_program_build_error)

const char *
mdl_program_data_dir (void)
{
  static char *dir;
  static gsize once;

  if (g_once_init_enter (&once)) {
    const char *env = g_getenv ("MEDLEY_DATA_DIR");
    const char *candidates[] = { env, MDL_SOURCE_DATA_DIR, MDL_DATA_DIR };

    for (guint i = 0; i < G_N_ELEMENTS (candidates) && dir == NULL; i++) {
      g_autofree char *programs = NULL;

      if (candidates[i] == NULL || candidates[i][0] == '\0')
        continue;
      programs = g_build_filename (candidates[i], "programs", NULL);
      if (g_file_test (programs, G_FILE_TEST_IS_DIR))
        dir = g_strdup (candidates[i]);
    }
    g_once_init_leave (&once, 1);
  }
  return dir;
}

static char *
runtime_dir (GError **error)
{
  const char *data = mdl_program_data_dir ();

  if (data == NULL) {
    g_set_error (error, MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_UNSUPPORTED,
                 _("Medley's program templates are not installed (no programs folder in "
                   "%s or %s)"), MDL_SOURCE_DATA_DIR, MDL_DATA_DIR);
    return NULL;
  }
  return g_build_filename (data, "programs", NULL);
}

char *
mdl_program_template (const MdlProgramKit *kit, MdlProgramLang lang, GError **error)
{
  g_autofree char *dir = runtime_dir (error);
  g_autofree char *name = NULL, *path = NULL;
  char *text = NULL;

  if (dir == NULL)
    return NULL;
  name = g_strconcat (kit->files, lang == MDL_PROGRAM_C ? ".c" : ".S", NULL);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return text;
}

void
mdl_program_build_result_free (MdlProgramBuildResult *result)
{
  if (result == NULL)
    return;
  g_free (result->elf);
  g_free (result->output);
  g_clear_pointer (&result->diagnostics, g_ptr_array_unref);
  g_free (result);
}

typedef struct {
  const MdlProgramKit *kit;
  MdlProgramLang       lang;
  char                *source;
  char                *elf;
  char                *script;
  char                *rt_dir;
} BuildData;

static void
build_data_free (BuildData *d)
{
  if (d->script != NULL)
    g_unlink (d->script);
  g_free (d->source);
  g_free (d->elf);
  g_free (d->script);
  g_free (d->rt_dir);
  g_free (d);
}

static GError *
no_tool (const char *what, const char *package)
{
  return g_error_new (MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_NO_TOOL,
                      _("%s is not installed. Install the Debian package %s "
                        "(sudo apt install %s) and build again."),
                      what, package, package);
}

static void
compiled_cb (GObject *object, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *proc = G_SUBPROCESS (object);
  BuildData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  MdlProgramBuildResult *result;

  if (!g_subprocess_communicate_utf8_finish (proc, res, &out, NULL, &error)) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  result = g_new0 (MdlProgramBuildResult, 1);
  result->ok = g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == 0;
  result->elf = g_strdup (d->elf);
  result->output = g_steal_pointer (&out);
  if (result->output == NULL)
    result->output = g_strdup ("");
  result->diagnostics = mdl_program_parse_diagnostics (result->output);
  g_task_return_pointer (task, result, (GDestroyNotify) mdl_program_build_result_free);
}

static void
compile (GTask *task)
{
  BuildData *d = g_task_get_task_data (task);
  g_auto(GStrv) argv = mdl_program_compile_argv (d->kit, d->lang, d->rt_dir, d->script,
                                                 d->source, d->elf);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *cwd = g_path_get_dirname (d->source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  /* Messages in English, whatever the desktop's language: they are parsed. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
  if (proc == NULL) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  g_subprocess_communicate_utf8_async (proc, NULL, g_task_get_cancellable (task), compiled_cb,
                                       g_object_ref (task));
}

static void
probed_cb (GObject *object, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  BuildData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), res, &out, NULL, &error)) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  /* gcc answers with the bare name when it finds no such file. */
  if (out == NULL || !g_path_is_absolute (g_strstrip (out))) {
    g_autofree char *what = g_strdup_printf (_("The C library for %s (picolibc)"),
                                             d->kit->compiler);
    g_task_return_error (task, no_tool (what, d->kit->libc_package));
    return;
  }
  compile (task);
}

void
mdl_program_build_async (const MdlBoardDoc *doc, guint cluster, const char *const *search_dirs,
                         const char *source, const char *elf, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const MdlComponent *c = mdl_board_doc_find (doc, cluster);
  BuildData *d;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mems = NULL;
  g_autofree char *compiler = NULL, *text = NULL, *cache = NULL, *name = NULL;

  g_task_set_source_tag (task, mdl_program_build_async);
  if (c == NULL || c->kind != MDL_COMPONENT_CLUSTER || c->cpu_cls == NULL) {
    g_task_return_new_error (task, MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_BOARD,
                             _("The CPU cluster is no longer on the board"));
    return;
  }
  d = g_new0 (BuildData, 1);
  g_task_set_task_data (task, d, (GDestroyNotify) build_data_free);
  d->kit = c->cpu_cls->program;
  d->source = g_strdup (source);
  d->elf = g_strdup (elf);
  if (d->kit == NULL) {
    g_task_return_new_error (task, MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_UNSUPPORTED,
                             _("Medley cannot build programs for %s (%s) yet"), c->name,
                             c->cpu_cls->name);
    return;
  }
  if (!mdl_program_lang_for_path (source, &d->lang)) {
    g_task_return_new_error (task, MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_UNSUPPORTED,
                             _("%s is neither assembly (.S) nor C (.c)"), source);
    return;
  }
  compiler = g_find_program_in_path (d->kit->compiler);
  if (compiler == NULL) {
    g_task_return_error (task, no_tool (d->kit->compiler, d->kit->package));
    return;
  }
  if ((d->rt_dir = runtime_dir (&error)) == NULL ||
      (mems = mdl_program_cluster_memory (doc, cluster, search_dirs, &error)) == NULL ||
      (text = mdl_program_linker_script (d->kit, (const MdlProgramMemory *) (void *) mems->data,
                                         mems->len, c->name, &error)) == NULL) {
    g_task_return_new_error (task, MDL_PROGRAM_BUILD_ERROR, MDL_PROGRAM_BUILD_ERROR_BOARD,
                             "%s", error->message);
    return;
  }
  /* The script is made for each build from the board as it is now. */
  cache = g_build_filename (g_get_user_cache_dir (), "medley", "programs", NULL);
  g_mkdir_with_parents (cache, 0700);
  name = g_strdup_printf ("%s-XXXXXX.ld", c->name);
  d->script = g_build_filename (cache, name, NULL);
  {
    int fd = g_mkstemp (d->script);

    if (fd < 0 || !g_file_set_contents (d->script, text, -1, &error)) {
      if (fd >= 0)
        close (fd);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot write the linker script %s: %s"), d->script,
                               error ? error->message : g_strerror (errno));
      return;
    }
    close (fd);
  }

  if (d->lang == MDL_PROGRAM_C && d->kit->libc_specs != NULL) {
    g_autofree char *ask = g_strconcat ("-print-file-name=", d->kit->libc_specs, NULL);
    g_autoptr(GSubprocess) probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                     &error, compiler, ask, NULL);
    if (probe == NULL) {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
    g_subprocess_communicate_utf8_async (probe, NULL, cancellable, probed_cb,
                                         g_steal_pointer (&task));
    return;
  }
  compile (task);
}

MdlProgramBuildResult *
mdl_program_build_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
