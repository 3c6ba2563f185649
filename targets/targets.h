/* Every CPU class Medley is built with, in one explicit table. */
#pragma once

#include "engine/cpu.h"

extern const MdlCpuClass *const mdl_target_cpu_classes[];
