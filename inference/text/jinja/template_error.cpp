#include "template_error.h"

namespace hearth::jinja {

std::string describe_location(std::string_view source, size_t offset)
{
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < source.size(); ++i) {
        if (source[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace hearth::jinja
