#pragma once
// A GGUF model file, opened read-only: metadata (typed key/value pairs) and tensor infos, with
// the tensor data mapped from the file (never copied). Every count, length and offset is checked
// against the file before it is used, so a truncated or hostile file gives an Error, never a
// crash or a huge allocation. Split models (NAME-00001-of-0000N.gguf) open as one file.
#include "hearth/weight_format.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

// GGUF metadata value types (the ids stored in the file).
enum class GgufValueType : uint32_t {
    Uint8 = 0,
    Int8 = 1,
    Uint16 = 2,
    Int16 = 3,
    Uint32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    Uint64 = 10,
    Int64 = 11,
    Float64 = 12,
};
const char* gguf_value_type_name(GgufValueType type); // "uint32", "string", "array"...

// One metadata key as listed by GgufFile::metadata().
struct GgufKeyInfo {
    std::string key;
    GgufValueType type;
    GgufValueType element_type = GgufValueType::Uint8; // arrays only
    uint64_t count = 0;                                // arrays only: number of elements
    std::string type_text() const;                     // "uint32", "array[string; 32000]"
};

struct GgufTensor {
    std::string name;
    WeightType type;
    std::vector<int64_t> dims; // ggml order: dims[0] is the row length (contiguous)
    uint64_t offset;           // from the start of its file's data section
    size_t bytes;
    const uint8_t* data; // mapped, read-only; valid while the GgufFile lives
    int64_t elements() const;
    int64_t rows() const { return elements() / dims[0]; }
};

class GgufFile {
  public:
    // Maps the file read-only. Throws Error with a message naming the file and the problem.
    static GgufFile open(const std::string& path);
    // Parses a GGUF image already in memory (tests, fuzzing). The bytes must outlive the object.
    static GgufFile from_memory(const uint8_t* data, size_t size, const std::string& name = "<memory>");

    GgufFile(GgufFile&&) noexcept;
    GgufFile& operator=(GgufFile&&) noexcept;
    GgufFile(const GgufFile&) = delete;
    GgufFile& operator=(const GgufFile&) = delete;
    ~GgufFile();

    const std::string& path() const;
    uint32_t version() const;
    uint64_t file_size() const; // all shards together
    size_t alignment() const;
    size_t shard_count() const;

    // Metadata. get<T> throws naming the key if it is missing or holds another type; integer
    // types convert when the value fits (a stored uint32 reads as int64, uint64 or int32).
    // T: bool, int8..uint64, float, double, std::string, std::string_view (into the mapping),
    // std::vector of int32_t, uint32_t, int64_t, uint64_t, float, std::string, std::string_view.
    bool has(std::string_view key) const;
    template <class T> T get(std::string_view key) const;
    template <class T> T get_or(std::string_view key, T fallback) const
    {
        return has(key) ? get<T>(key) : fallback;
    }
    // Every key, in file order, with its type.
    std::vector<GgufKeyInfo> metadata() const;
    const GgufKeyInfo* key_info(std::string_view key) const; // nullptr if absent
    // A printable rendering of a value: numbers, quoted strings, arrays shortened to
    // max_elements items ("[1, 2, 3, ... 32000 items]"); long strings cut at max_chars.
    std::string value_text(std::string_view key, size_t max_elements = 8, size_t max_chars = 80) const;

    // Tensors, in file order.
    const std::vector<GgufTensor>& tensors() const;
    const GgufTensor* find_tensor(std::string_view name) const;
    const GgufTensor& tensor(std::string_view name) const; // throws naming the missing tensor

    struct Impl; // opaque; defined privately in inference/gguf

  private:
    explicit GgufFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace hearth
