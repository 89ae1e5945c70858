#include "hearth/version.h"
