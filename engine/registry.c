#define G_LOG_DOMAIN "mdl-registry"

#include "registry.h"

#include <string.h>

#include "error.h"

/* One module, linked in or known from its manifest. */
typedef struct {
  char                *name;
  int                  order;
  MdlModuleManifest   *manifest;  /* NULL for a linked module */
  const MdlModuleInfo *info;      /* once loaded */
  char                *error;     /* why it could not be loaded (kept: tried once) */
  bool                 warned;    /* a listing said it left the module out */
} Module;

/* Everything below is guarded by one lock: a lookup may load a module,
 * and loading may happen on whichever thread asks first. */
static GRecMutex lock;
static const MdlCpuClass *const *explicit_cpus;
static const MdlDeviceClass *const *explicit_devices;
static GPtrArray *modules;         /* Module *, by order */
static GPtrArray *load_order;      /* names, as loaded */
/* Listings handed out stay valid for good: a new listing is built when
 * the classes change, and the old one is kept (a handful at most). */
static const MdlCpuClass *const *cpu_listing;
static unsigned cpu_listing_len;
static const MdlDeviceClass *const *device_listing;
static unsigned device_listing_len;
static MdlBootProtocol *boot_listing;
static unsigned boot_listing_len;
static bool boot_listing_valid;
static GPtrArray *retired;         /* listings replaced, kept for their holders */

static const MdlCpuClass *const no_cpus[] = { NULL };
static const MdlDeviceClass *const no_devices[] = { NULL };

static void
retire (gpointer old)
{
  if (old == NULL)
    return;
  if (retired == NULL)
    retired = g_ptr_array_new ();
  g_ptr_array_add (retired, old);
}

static GPtrArray *
module_list (void)
{
  if (modules == NULL) {
    modules = g_ptr_array_new ();
    load_order = g_ptr_array_new ();
  }
  return modules;
}

static Module *
module_named (const char *name)
{
  GPtrArray *all = module_list ();

  for (guint i = 0; i < all->len; i++) {
    Module *m = all->pdata[i];
    if (strcmp (m->name, name) == 0)
      return m;
  }
  return NULL;
}

static gint
by_order (gconstpointer a, gconstpointer b)
{
  const Module *ma = *(Module *const *) a, *mb = *(Module *const *) b;

  return (ma->order > mb->order) - (ma->order < mb->order);
}

static void
add_module (Module *m)
{
  g_ptr_array_add (module_list (), m);
  g_ptr_array_sort (modules, by_order);
  boot_listing_valid = false;
}

static bool
module_load (Module *m)
{
  g_autoptr(GError) error = NULL;

  if (m->info != NULL)
    return true;
  if (m->error != NULL || m->manifest == NULL)
    return false;
  /* A manifest of another version: refused without opening the file. */
  if (strcmp (m->manifest->version, MDL_MODULE_VERSION) != 0) {
    m->error = g_strdup_printf ("module '%s' (%s) was built for Medley %s, this is Medley %s: "
                                "refused", m->name, m->manifest->path, m->manifest->version,
                                MDL_MODULE_VERSION);
    return false;
  }
  m->info = mdl_module_open (m->manifest->path, m->name, &error);
  if (m->info == NULL) {
    m->error = g_strdup (error->message);
    g_debug ("%s", m->error);
    return false;
  }
  g_ptr_array_add (load_order, m->name);
  return true;
}

/* Listing every class: a module that cannot be loaded is left out, and
 * said so once. */
static void
load_for_listing (Module *m)
{
  if (!module_load (m) && !m->warned) {
    m->warned = true;
    g_warning ("%s: its classes are left out", m->error);
  }
}

static bool
in_list (char **list, const char *s)
{
  return s != NULL && list != NULL && g_strv_contains ((const char *const *) list, s);
}

void
mdl_registry_set_cpus (const MdlCpuClass *const *classes)
{
  g_rec_mutex_lock (&lock);
  explicit_cpus = classes != NULL ? classes : no_cpus;
  boot_listing_valid = false;
  g_rec_mutex_unlock (&lock);
}

void
mdl_registry_set_devices (const MdlDeviceClass *const *classes)
{
  g_rec_mutex_lock (&lock);
  explicit_devices = classes != NULL ? classes : no_devices;
  g_rec_mutex_unlock (&lock);
}

void
mdl_registry_add_linked_modules (const MdlModuleQueryFunc *queries)
{
  g_rec_mutex_lock (&lock);
  for (unsigned i = 0; queries != NULL && queries[i] != NULL; i++) {
    const MdlModuleInfo *info = queries[i] ();
    g_autoptr(GError) error = NULL;
    Module *m;

    if (!mdl_module_check_stamp (info, info->name, &error)) {
      g_warning ("%s", error->message);
      continue;
    }
    if (module_named (info->name) != NULL)
      continue;
    m = g_new0 (Module, 1);
    m->name = g_strdup (info->name);
    m->order = info->order;
    m->info = info;
    add_module (m);
    g_ptr_array_add (load_order, m->name);
  }
  g_rec_mutex_unlock (&lock);
}

bool
mdl_registry_add_module_dir (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (d == NULL)
    return false;
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".manifest"))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_rec_mutex_lock (&lock);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
    g_autoptr(GError) local = NULL;
    MdlModuleManifest *mf = mdl_module_manifest_load (path, &local);
    Module *m;

    if (mf == NULL) {
      g_warning ("%s", local->message);
      continue;
    }
    if (module_named (mf->name) != NULL) {
      mdl_module_manifest_free (mf);
      continue;
    }
    m = g_new0 (Module, 1);
    m->name = g_strdup (mf->name);
    m->order = mf->order;
    m->manifest = mf;
    add_module (m);
  }
  g_rec_mutex_unlock (&lock);
  return true;
}

const MdlModuleInfo *
mdl_registry_require_module (const char *name, GError **error)
{
  const MdlModuleInfo *info = NULL;
  Module *m;

  g_rec_mutex_lock (&lock);
  m = module_named (name);
  if (m == NULL)
    g_set_error (error, MDL_ERROR, MDL_ERROR_UNKNOWN,
                 "no module '%s' is installed (no %s.manifest)", name, name);
  else if (module_load (m))
    info = m->info;
  else
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s", m->error);
  g_rec_mutex_unlock (&lock);
  return info;
}

char **
mdl_registry_loaded_modules (void)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char **v;

  g_rec_mutex_lock (&lock);
  module_list ();
  for (guint i = 0; i < load_order->len; i++)
    g_strv_builder_add (b, load_order->pdata[i]);
  g_rec_mutex_unlock (&lock);
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

char *
mdl_registry_explain (const char *compatible)
{
  char *why = NULL;

  g_rec_mutex_lock (&lock);
  for (guint i = 0; why == NULL && i < module_list ()->len; i++) {
    Module *m = modules->pdata[i];

    if (m->manifest == NULL || m->error == NULL)
      continue;
    if (in_list (m->manifest->cpu_compatibles, compatible) ||
        in_list (m->manifest->device_compatibles, compatible))
      why = g_strdup_printf ("no class for \"%s\": %s", compatible, m->error);
  }
  g_rec_mutex_unlock (&lock);
  return why;
}

/* The CPUs of every module that has some, loading them: a new listing
 * when more classes are there than in the last one. */
const MdlCpuClass *const *
mdl_registry_cpus (void)
{
  const MdlCpuClass *const *out;

  g_rec_mutex_lock (&lock);
  if (explicit_cpus != NULL) {
    out = explicit_cpus;
  } else {
    GPtrArray *all = g_ptr_array_new ();

    for (guint i = 0; i < module_list ()->len; i++) {
      Module *m = modules->pdata[i];

      if (m->manifest != NULL && m->manifest->cpu_compatibles[0] != NULL)
        load_for_listing (m);
      for (unsigned j = 0; m->info != NULL && m->info->cpus != NULL && m->info->cpus[j]; j++)
        g_ptr_array_add (all, (gpointer) m->info->cpus[j]);
    }
    if (cpu_listing == NULL || all->len != cpu_listing_len) {
      retire ((gpointer) cpu_listing);
      cpu_listing_len = all->len;
      g_ptr_array_add (all, NULL);
      cpu_listing = (const MdlCpuClass *const *) g_ptr_array_free (all, FALSE);
    } else {
      g_ptr_array_free (all, TRUE);
    }
    out = cpu_listing;
  }
  g_rec_mutex_unlock (&lock);
  return out;
}

const MdlDeviceClass *const *
mdl_registry_devices (void)
{
  const MdlDeviceClass *const *out;

  g_rec_mutex_lock (&lock);
  if (explicit_devices != NULL) {
    out = explicit_devices;
  } else {
    GPtrArray *all = g_ptr_array_new ();

    for (guint i = 0; i < module_list ()->len; i++) {
      Module *m = modules->pdata[i];

      if (m->manifest != NULL && m->manifest->device_compatibles[0] != NULL)
        load_for_listing (m);
      for (unsigned j = 0; m->info != NULL && m->info->devices != NULL && m->info->devices[j]; j++)
        g_ptr_array_add (all, (gpointer) m->info->devices[j]);
    }
    if (device_listing == NULL || all->len != device_listing_len) {
      retire ((gpointer) device_listing);
      device_listing_len = all->len;
      g_ptr_array_add (all, NULL);
      device_listing = (const MdlDeviceClass *const *) g_ptr_array_free (all, FALSE);
    } else {
      g_ptr_array_free (all, TRUE);
    }
    out = device_listing;
  }
  g_rec_mutex_unlock (&lock);
  return out;
}

/* Which key a lookup compares. */
typedef enum { BY_CPU_COMPATIBLE, BY_CPU_NAME, BY_DEVICE_COMPATIBLE } Key;

static gconstpointer
find_in (const MdlModuleInfo *info, Key key, const char *what)
{
  if (key == BY_DEVICE_COMPATIBLE) {
    for (unsigned j = 0; info->devices != NULL && info->devices[j] != NULL; j++)
      if (g_strcmp0 (info->devices[j]->compatible, what) == 0)
        return info->devices[j];
    return NULL;
  }
  for (unsigned j = 0; info->cpus != NULL && info->cpus[j] != NULL; j++)
    if (g_strcmp0 (key == BY_CPU_NAME ? info->cpus[j]->name : info->cpus[j]->compatible,
                   what) == 0)
      return info->cpus[j];
  return NULL;
}

/* Loaded modules first; then the first manifest that lists @what, whose
 * module is loaded for it. */
static gconstpointer
find_class (Key key, const char *what)
{
  gconstpointer found = NULL;

  if (what == NULL)
    return NULL;
  g_rec_mutex_lock (&lock);
  for (guint i = 0; found == NULL && i < module_list ()->len; i++) {
    Module *m = modules->pdata[i];
    if (m->info != NULL)
      found = find_in (m->info, key, what);
  }
  for (guint i = 0; found == NULL && i < modules->len; i++) {
    Module *m = modules->pdata[i];
    char **list;

    if (m->info != NULL || m->manifest == NULL)
      continue;
    list = key == BY_CPU_NAME ? m->manifest->cpu_names
         : key == BY_CPU_COMPATIBLE ? m->manifest->cpu_compatibles
         : m->manifest->device_compatibles;
    if (in_list (list, what) && module_load (m))
      found = find_in (m->info, key, what);
  }
  g_rec_mutex_unlock (&lock);
  return found;
}

static const MdlCpuClass *
find_explicit_cpu (bool by_name, const char *what)
{
  for (unsigned i = 0; explicit_cpus[i] != NULL; i++)
    if (g_strcmp0 (by_name ? explicit_cpus[i]->name : explicit_cpus[i]->compatible, what) == 0)
      return explicit_cpus[i];
  return NULL;
}

const MdlCpuClass *
mdl_registry_find_cpu (const char *compatible)
{
  if (explicit_cpus != NULL)
    return find_explicit_cpu (false, compatible);
  return find_class (BY_CPU_COMPATIBLE, compatible);
}

const MdlCpuClass *
mdl_registry_find_cpu_by_name (const char *name)
{
  if (explicit_cpus != NULL)
    return find_explicit_cpu (true, name);
  return find_class (BY_CPU_NAME, name);
}

const MdlDeviceClass *
mdl_registry_find_device (const char *compatible)
{
  if (explicit_devices != NULL) {
    for (unsigned i = 0; explicit_devices[i] != NULL; i++)
      if (g_strcmp0 (explicit_devices[i]->compatible, compatible) == 0)
        return explicit_devices[i];
    return NULL;
  }
  return find_class (BY_DEVICE_COMPATIBLE, compatible);
}

const MdlCpuClass *
mdl_registry_default_cpu (void)
{
  const MdlCpuClass *cls = NULL;

  g_rec_mutex_lock (&lock);
  if (explicit_cpus != NULL) {
    cls = explicit_cpus[0];
  } else {
    for (guint i = 0; cls == NULL && i < module_list ()->len; i++) {
      Module *m = modules->pdata[i];
      bool has_cpus = m->info != NULL ? (m->info->cpus != NULL && m->info->cpus[0] != NULL)
                                      : m->manifest->cpu_compatibles[0] != NULL;

      if (has_cpus && module_load (m))
        cls = m->info->cpus[0];
    }
  }
  g_rec_mutex_unlock (&lock);
  return cls;
}

static void
boot_add (GArray *out, const char *name, const char *label, const char *description)
{
  MdlBootProtocol bp = { 0 };

  for (guint k = 0; k < out->len; k++)
    if (strcmp (g_array_index (out, MdlBootProtocol, k).name, name) == 0)
      return;
  bp.name = name;
  bp.label = label;
  bp.description = description;
  g_array_append_val (out, bp);
}

const MdlBootProtocol *
mdl_registry_boot_protocols (unsigned *n)
{
  const MdlBootProtocol *out;

  g_rec_mutex_lock (&lock);
  if (!boot_listing_valid) {
    GArray *all = g_array_new (TRUE, TRUE, sizeof (MdlBootProtocol));

    if (explicit_cpus != NULL) {
      for (unsigned i = 0; explicit_cpus[i] != NULL; i++)
        for (unsigned j = 0; j < explicit_cpus[i]->n_boot_protocols; j++) {
          const MdlBootProtocol *bp = &explicit_cpus[i]->boot_protocols[j];
          boot_add (all, bp->name, bp->label, bp->description ? bp->description : bp->label);
        }
    } else {
      for (guint i = 0; i < module_list ()->len; i++) {
        Module *m = modules->pdata[i];

        if (m->info != NULL) {
          for (unsigned c = 0; m->info->cpus != NULL && m->info->cpus[c] != NULL; c++)
            for (unsigned j = 0; j < m->info->cpus[c]->n_boot_protocols; j++) {
              const MdlBootProtocol *bp = &m->info->cpus[c]->boot_protocols[j];
              boot_add (all, bp->name, bp->label, bp->description ? bp->description : bp->label);
            }
        } else {
          for (unsigned j = 0; m->manifest->boot_protocols[j] != NULL; j++)
            boot_add (all, m->manifest->boot_protocols[j], m->manifest->boot_descriptions[j],
                      m->manifest->boot_descriptions[j]);
        }
      }
    }
    retire (boot_listing);
    boot_listing_len = all->len;
    boot_listing = (MdlBootProtocol *) (void *) g_array_free (all, FALSE);
    boot_listing_valid = true;
  }
  out = boot_listing;
  *n = boot_listing_len;
  g_rec_mutex_unlock (&lock);
  return out;
}
