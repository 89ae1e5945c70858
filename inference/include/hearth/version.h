#pragma once
namespace hearth {
// Hearth's version: the CMake project version, the one place it is set (version.cpp).
extern const char* const kVersion;
}
