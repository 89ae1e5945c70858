#include "fuzz_target.h"

#include <cstdio>
#include <cstdlib>

void fuzzFailure(std::string_view what)
{
    std::fprintf(stderr, "fuzz check failed: %.*s\n", int(what.size()), what.data());
    std::abort();
}
