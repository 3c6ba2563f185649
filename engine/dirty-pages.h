/* Which pages of a host buffer were written: how a history's states learn
 * what RAM changed since the previous one without reading all of it.
 *
 * Stores reach guest RAM on many paths (each target's interpreter, the
 * translated code's inline accesses, loaders, debuggers, devices), all
 * plain writes to the region's host buffer.  Rather than a test on each
 * of them, which would cost every guest store something even with no
 * history, the host's MMU does the noting: a tracked buffer's pages are
 * write-protected, the first write to one faults, and the fault handler
 * marks the page and lets the write through.  A buffer nobody tracks is
 * never protected, so without a history nothing changes, not even on a
 * slow path.
 *
 * A fault costs far more than comparing a page: when a good share of the
 * pages was written between two clears, the tracker leaves the buffer
 * unprotected for the next few, counting every page as written, and then
 * tries again.
 *
 * Only whole host pages inside the buffer are protected (the allocator
 * may keep its own data beside it); bytes in the partial pages at its ends
 * always count as written.  Writes to a tracked buffer must come from
 * threads that only write, never from a system call (a read() into it
 * would fail with EFAULT instead of faulting): guest RAM is written with
 * memcpy and stores, the machine's thread only.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef struct MdlDirtyPages MdlDirtyPages;

/* Starts tracking writes to [@host, @host + @size), every page clean;
 * NULL when the host refuses (then treat everything as written). */
MdlDirtyPages *mdl_dirty_pages_new (uint8_t *host, size_t size);
/* Stops tracking: the buffer is writable as before. */
void mdl_dirty_pages_free (MdlDirtyPages *d);
/* Whether a byte of [@offset, @offset + @len) may have been written since
 * the tracker was made or last cleared. */
bool mdl_dirty_pages_test (const MdlDirtyPages *d, size_t offset, size_t len);
/* Every page clean again (protected again where written), unless the
 * tracker backs off (then every page stays counted as written). */
void mdl_dirty_pages_clear (MdlDirtyPages *d);

G_END_DECLS
