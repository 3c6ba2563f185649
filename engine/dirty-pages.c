#define G_LOG_DOMAIN "mdl-dirty-pages"

/* Write tracking by page protection (see dirty-pages.h).
 *
 * The fault handler runs on whatever thread wrote, with no lock: it finds
 * the tracker in a fixed table of slots (filled before the pages are
 * protected, emptied after they are unprotected), marks the page and makes
 * it writable, and the write is retried by the host.  A fault outside
 * every tracked buffer goes to the handler that was installed before ours,
 * or, with none, to the default action, so a real crash stays a crash.
 */

#include "dirty-pages.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_TRACKED 64
/* A fault costs some microseconds, a page's comparison a fraction of one:
 * when more than 1/BUSY_SHARE of the pages were written between two
 * clears, the next BACK_OFF clears leave the buffer unprotected (every
 * page counts as written, the caller compares them), then it tries
 * again. */
#define BUSY_SHARE 32
#define BACK_OFF   16

struct MdlDirtyPages {
  uint8_t *host;          /* the buffer */
  size_t   size;
  uintptr_t first, end;   /* the whole host pages inside it: protected */
  size_t   n_pages;
  uint8_t *written;       /* per page of [first, end): written since clear */
  volatile sig_atomic_t all_written; /* a page could not be unprotected
                                        alone, or the tracker backs off */
  volatile size_t n_written;  /* pages noted since the last clear */
  unsigned backing_off;       /* clears left unprotected */
  int      slot;
};

static MdlDirtyPages *slots[MAX_TRACKED];
static GMutex slots_lock;
static struct sigaction previous_action;
static bool installed;
static size_t page_size;

static void
pass_on (int sig, siginfo_t *info, void *context)
{
  if (previous_action.sa_flags & SA_SIGINFO) {
    if (previous_action.sa_sigaction != NULL) {
      previous_action.sa_sigaction (sig, info, context);
      return;
    }
  } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
    previous_action.sa_handler (sig);
    return;
  }
  /* The default action: returning retries the access, which faults again
   * and ends the process as it would have without us. */
  signal (sig, SIG_DFL);
}

static void
on_fault (int sig, siginfo_t *info, void *context)
{
  uintptr_t addr = (uintptr_t) info->si_addr;

  for (unsigned i = 0; i < MAX_TRACKED; i++) {
    MdlDirtyPages *d = g_atomic_pointer_get (&slots[i]);
    size_t page;

    if (d == NULL || addr < d->first || addr >= d->end)
      continue;
    page = (addr - d->first) / page_size;
    d->written[page] = 1;
    d->n_written++;
    if (mprotect ((void *) (d->first + page * page_size), page_size,
                  PROT_READ | PROT_WRITE) != 0) {
      /* Out of mappings (each unprotected page can split one): the whole
       * buffer writable, every page counted as written. */
      d->all_written = 1;
      if (mprotect ((void *) d->first, d->end - d->first, PROT_READ | PROT_WRITE) != 0)
        pass_on (sig, info, context);
    }
    return;
  }
  pass_on (sig, info, context);
}

/* Protects again the pages written, in runs. */
static void
protect_written (MdlDirtyPages *d)
{
  size_t p = 0;

  if (d->all_written) {
    if (mprotect ((void *) d->first, d->end - d->first, PROT_READ) == 0) {
      memset (d->written, 0, d->n_pages);
      d->all_written = 0;
    }
    return;
  }
  while (p < d->n_pages) {
    size_t q;
    void *hit = memchr (d->written + p, 1, d->n_pages - p);

    if (hit == NULL)
      break;
    p = (size_t) ((uint8_t *) hit - d->written);
    for (q = p; q < d->n_pages && d->written[q]; q++)
      ;
    /* Cleared only once protected again: a page that could not be stays
     * counted as written. */
    if (mprotect ((void *) (d->first + p * page_size), (q - p) * page_size, PROT_READ) == 0)
      memset (d->written + p, 0, q - p);
    p = q;
  }
}

MdlDirtyPages *
mdl_dirty_pages_new (uint8_t *host, size_t size)
{
  MdlDirtyPages *d;
  int slot = -1;

  g_mutex_lock (&slots_lock);
  if (!installed) {
    struct sigaction sa;

    page_size = (size_t) sysconf (_SC_PAGESIZE);
    memset (&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset (&sa.sa_mask);
    if (sigaction (SIGSEGV, &sa, &previous_action) != 0) {
      g_mutex_unlock (&slots_lock);
      return NULL;
    }
    installed = true;
  }
  for (int i = 0; i < MAX_TRACKED && slot < 0; i++)
    if (slots[i] == NULL)
      slot = i;
  if (slot < 0) {
    g_mutex_unlock (&slots_lock);
    return NULL;
  }

  d = g_new0 (MdlDirtyPages, 1);
  d->host = host;
  d->size = size;
  d->first = ((uintptr_t) host + page_size - 1) & ~(uintptr_t) (page_size - 1);
  d->end = ((uintptr_t) host + size) & ~(uintptr_t) (page_size - 1);
  if (d->end < d->first)
    d->end = d->first;
  d->n_pages = (d->end - d->first) / page_size;
  d->written = g_malloc0 (MAX (d->n_pages, 1));
  d->slot = slot;
  /* In the table before any page is protected: a write that faults
   * always finds its tracker. */
  g_atomic_pointer_set (&slots[slot], d);
  g_mutex_unlock (&slots_lock);
  if (d->n_pages > 0 && mprotect ((void *) d->first, d->end - d->first, PROT_READ) != 0) {
    mdl_dirty_pages_free (d);
    return NULL;
  }
  return d;
}

void
mdl_dirty_pages_free (MdlDirtyPages *d)
{
  if (d == NULL)
    return;
  if (d->n_pages > 0)
    mprotect ((void *) d->first, d->end - d->first, PROT_READ | PROT_WRITE);
  g_mutex_lock (&slots_lock);
  g_atomic_pointer_set (&slots[d->slot], NULL);
  g_mutex_unlock (&slots_lock);
  g_free (d->written);
  g_free (d);
}

bool
mdl_dirty_pages_test (const MdlDirtyPages *d, size_t offset, size_t len)
{
  uintptr_t a = (uintptr_t) d->host + offset, b = a + len;
  size_t p, q;

  if (len == 0)
    return false;
  if (d->all_written || a < d->first || b > d->end)
    return true;
  p = (a - d->first) / page_size;
  q = (b - d->first + page_size - 1) / page_size;
  return memchr (d->written + p, 1, q - p) != NULL;
}

void
mdl_dirty_pages_clear (MdlDirtyPages *d)
{
  if (d->n_pages == 0)
    return;
  if (d->backing_off > 0) {
    if (--d->backing_off > 0)
      return;
  } else if (d->n_written > d->n_pages / BUSY_SHARE) {
    /* Busy: faults would cost more than comparing.  Everything writable
     * and counted as written for a while. */
    if (mprotect ((void *) d->first, d->end - d->first, PROT_READ | PROT_WRITE) == 0) {
      d->all_written = 1;
      d->backing_off = BACK_OFF;
      d->n_written = 0;
      return;
    }
  }
  d->n_written = 0;
  protect_written (d);
}
