/* Every device class Medley is built with, in one explicit table. */
#pragma once

#include "engine/device.h"

extern const MdlDeviceClass *const mdl_hw_device_classes[];
