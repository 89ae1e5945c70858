#pragma once
// GgufFile's private state, shared by the parser (gguf_file.cpp) and the typed metadata access
// (gguf_metadata.cpp). Metadata values are not copied: each points at its bytes in the mapping,
// which the parser has already walked and bounds-checked.
#include "hearth/gguf.h"
#include "mapped_file.h"

#include <map>
#include <string>
#include <vector>

namespace hearth {

struct GgufValueRef {
    GgufValueType type;
    GgufValueType element_type; // arrays
    uint64_t count;             // arrays: elements; strings: bytes
    const uint8_t* data;        // scalar bytes, string bytes, or the first array element
};

struct GgufEntry {
    GgufKeyInfo info;
    GgufValueRef value;
};

struct GgufFile::Impl {
    std::string path;
    std::vector<MappedFile> shards;
    uint32_t version = 0;
    uint64_t file_size = 0;
    size_t alignment = 32;
    std::vector<GgufEntry> entries;
    std::map<std::string, size_t, std::less<>> entry_index;
    std::vector<GgufTensor> tensors;
    std::map<std::string, size_t, std::less<>> tensor_index;

    const GgufEntry* find(std::string_view key) const
    {
        const auto it = entry_index.find(key);
        return it == entry_index.end() ? nullptr : &entries[it->second];
    }
};

// Size in bytes of a fixed-size value type; 0 for strings and arrays.
size_t gguf_scalar_size(GgufValueType type);

} // namespace hearth
