/* The description of one settable property, shared by device classes and
 * CPU classes: its device-tree name, type, one line for the inspector and
 * its default.  The board document keeps the values; each class reads
 * what it declared. */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef enum {
  MDL_PROP_U32,
  MDL_PROP_U64,
  MDL_PROP_BOOL,
  MDL_PROP_STRING,
  MDL_PROP_FREQ,   /* Hz, shown with units */
  MDL_PROP_SIZE,   /* bytes, shown with units */
  MDL_PROP_FILE,   /* a path, relative to the board file */
  MDL_PROP_ADDR,   /* a guest address, shown in hex */
  MDL_PROP_CPU,    /* the name of a registered CPU class */
} MdlPropType;

typedef struct {
  const char *name;          /* device-tree property name */
  MdlPropType type;
  const char *description;   /* one line for the inspector */
  uint64_t    default_u64;   /* default for numeric and bool types */
  const char *default_str;   /* default for strings and files */
  bool        required;
} MdlPropInfo;

G_END_DECLS
