// libFuzzer target for the GGUF reader: any byte string must either parse or throw hearth::Error,
// never crash, hang, leak or allocate without bound. When a file parses, every accessor is
// exercised too, since a hostile file that parses is what the loader will then read.
#include "fuzz_target.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/weight_format.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

template <class T> void try_get(const hearth::GgufFile& file, const std::string& key)
{
    try {
        (void)file.get<T>(key);
    } catch (const hearth::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const hearth::GgufFile file = hearth::GgufFile::from_memory(data, size, "fuzz");
        for (const hearth::GgufKeyInfo& key : file.metadata()) {
            (void)file.value_text(key.key);
            try_get<bool>(file, key.key);
            try_get<int32_t>(file, key.key);
            try_get<uint64_t>(file, key.key);
            try_get<double>(file, key.key);
            try_get<std::string>(file, key.key);
            try_get<std::vector<std::string>>(file, key.key);
            try_get<std::vector<float>>(file, key.key);
            try_get<std::vector<int32_t>>(file, key.key);
        }
        std::vector<float> row;
        for (const hearth::GgufTensor& t : file.tensors()) {
            FUZZ_CHECK(file.find_tensor(t.name) == &t);
            if (t.dims[0] > 4096)
                continue; // keep each input fast; the layouts are tested elsewhere
            row.resize(size_t(t.dims[0]));
            hearth::dequantize_row(t.type, t.data, row.data(), t.dims[0]);
        }
    } catch (const hearth::Error&) {
    }
    return 0;
}
