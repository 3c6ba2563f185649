#include "error.h"

G_DEFINE_QUARK (mdl-error-quark, mdl_error)
