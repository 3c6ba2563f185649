#include "app.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/machine.h"

bool
mdl_parse_time (const char *text, uint64_t *ps, GError **error)
{
  static const struct { const char *unit; double scale; } units[] = {
    { "ps", 1 }, { "ns", 1e3 }, { "us", 1e6 }, { "µs", 1e6 },
    { "ms", 1e9 }, { "s", 1e12 }, { "min", 60e12 }, { "", 1e12 },
  };
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    goto bad;
  v = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (v) || v < 0)
    goto bad;
  while (*end == ' ')
    end++;
  for (unsigned i = 0; i < G_N_ELEMENTS (units); i++) {
    if (strcmp (end, units[i].unit) == 0) {
      double p = v * units[i].scale;
      if (p >= 1.8e19)
        goto bad;
      *ps = (uint64_t) llround (p);
      return true;
    }
  }
bad:
  g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
               _("'%s' is not a duration (try 10s, 250ms, 40us)"), text ? text : "");
  return false;
}
