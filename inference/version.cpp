#include "hearth/version.h"

namespace hearth {
const char* const kVersion = HEARTH_VERSION; // defined for this file only, from project(... VERSION)
}
