#pragma once
// The shared test data folder for fuzz targets that start from real files: $HEARTH_TESTDATA, else
// the folder the build was configured with.
#include <cstdlib>
#include <string>

inline std::string fuzzTestdataDir()
{
    const char* env = std::getenv("HEARTH_TESTDATA");
    return env && *env ? std::string(env) : std::string(HEARTH_DEFAULT_TESTDATA);
}
