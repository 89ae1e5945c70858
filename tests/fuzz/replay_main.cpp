// The normal build's driver for a fuzz target: runs LLVMFuzzerTestOneInput on every file in the
// folders (or files) given, so the crashers kept in tests/fuzz/crashes/ and the seed corpus are
// replayed by ctest on every build, without clang. A folder named after --if-present may be
// missing (no crasher kept yet); any other must exist. An input that breaks a property aborts,
// which fails the test.
#include "fuzz_target.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

static int replayFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    return 1;
}

int main(int argc, char** argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int inputs = 0;
    bool optional = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--if-present") {
            optional = true;
            continue;
        }
        const fs::path path = argv[i];
        if (fs::is_regular_file(path)) {
            inputs += replayFile(path);
            continue;
        }
        if (!fs::is_directory(path)) {
            if (optional)
                continue;
            std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
            return 2;
        }
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(path))
            if (entry.is_regular_file() && entry.path().extension() != ".md")
                inputs += replayFile(entry.path());
    }
    std::printf("%d inputs replayed, each handled\n", inputs);
    return 0;
}
