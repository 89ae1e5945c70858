#pragma once
// strftime() in the C locale with English names, independent of the process locale (Qt sets
// LC_ALL from the environment), for the templates' strftime_now(format).
#include "evaluator.h"

#include <string>
#include <string_view>

namespace hearth::jinja {

std::string format_time(const DateTime& time, std::string_view format);

} // namespace hearth::jinja
