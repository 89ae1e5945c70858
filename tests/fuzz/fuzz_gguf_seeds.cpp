// Writes the fuzzer's seed corpus into the folder given: small valid GGUF files with every
// metadata value type (nested arrays included) and one tensor of every weight format.
#include "hearth/gguf_writer.h"
#include "hearth/weight_format.h"

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_gguf_seeds DIR\n");
        return 2;
    }
    const std::string dir = argv[1];

    hearth::GgufWriter metadata;
    metadata.set("general.architecture", "llama");
    metadata.set("u8", uint8_t(1));
    metadata.set("i8", int8_t(-1));
    metadata.set("u16", uint16_t(2));
    metadata.set("i16", int16_t(-2));
    metadata.set("u32", uint32_t(3));
    metadata.set("i32", int32_t(-3));
    metadata.set("u64", uint64_t(4));
    metadata.set("i64", int64_t(-4));
    metadata.set("f32", 0.5f);
    metadata.set("f64", 0.25);
    metadata.set("bool", true);
    metadata.set("tokens", std::vector<std::string>{"a", "bc", "<s>"});
    metadata.set("scores", std::vector<float>{0.0f, -1.0f, -2.0f});
    metadata.set("ids", std::vector<int32_t>{1, 2, 3});
    metadata.write(dir + "/metadata.gguf");

    hearth::GgufWriter tensors;
    tensors.set("general.architecture", "llama");
    tensors.set_alignment(64);
    for (uint32_t id = 0; id < 64; ++id) {
        const auto type = hearth::weight_type_from_id(id);
        if (!type)
            continue;
        const int64_t n = hearth::block_elements(*type) == 256 ? 256 : 32;
        std::vector<uint8_t> bytes(hearth::row_bytes(*type, n) * 2);
        for (size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = uint8_t(i * 37 + id);
        tensors.add_tensor(std::string("t.") + hearth::weight_type_name(*type), *type, {n, 2}, bytes);
    }
    tensors.write(dir + "/tensors.gguf");
    return 0;
}
