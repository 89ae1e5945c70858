#pragma once
// What every fuzz target defines (libFuzzer's entry points). The same target sources are built two
// ways: with libFuzzer and the sanitizers (HEARTH_FUZZ=ON, packaging/fuzz.sh), and in the normal
// build with replay_main.cpp, where ctest runs them over the seed corpus and the kept crashers.
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

// A property the target checks failed: stop loudly so the fuzzer keeps the input as a crasher
// (and the replay test fails), whatever the build's NDEBUG says.
[[noreturn]] void fuzzFailure(std::string_view what);
#define FUZZ_CHECK(condition)                                                                   \
    do {                                                                                        \
        if (!(condition))                                                                       \
            fuzzFailure(#condition);                                                            \
    } while (false)
