// GGUF parsing. The layout (all little-endian): magic "GGUF", uint32 version, uint64 tensor count,
// uint64 metadata count, the metadata (string key, uint32 type, value), the tensor infos (string
// name, uint32 dimension count, uint64 dims, uint32 type, uint64 offset), padding to the
// alignment, then the tensor data. Strings are a uint64 length and bytes; arrays a uint32
// element type, a uint64 count and the elements.
//
// The file is untrusted: every count is checked against the bytes that remain before anything is
// allocated or indexed from it, and every failure names the file and what was wrong.
#include "gguf_impl.h"
#include "hearth/error.h"

#include <cstring>
#include <limits>
#include <regex>
#include <set>

namespace hearth {

namespace {

constexpr int kMaxArrayDepth = 8;
constexpr uint64_t kMaxNameBytes = 65535;

class ByteReader {
  public:
    ByteReader(const uint8_t* data, size_t size, const std::string& name)
        : m_data(data), m_size(size), m_name(name)
    {
    }

    size_t position() const { return m_pos; }
    size_t remaining() const { return m_size - m_pos; }

    [[noreturn]] void fail(const std::string& message) const { throw Error(m_name + ": " + message); }

    void need(uint64_t bytes, std::string_view what) const
    {
        if (bytes > remaining())
            fail("the file ends at byte " + std::to_string(m_size) + " while reading " + std::string(what) +
                 " (it is truncated or corrupt)");
    }

    template <class T> T read(std::string_view what)
    {
        need(sizeof(T), what);
        T value;
        std::memcpy(&value, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }

    const uint8_t* skip(uint64_t bytes, std::string_view what)
    {
        need(bytes, what);
        const uint8_t* start = m_data + m_pos;
        m_pos += size_t(bytes);
        return start;
    }

    std::string_view read_string(std::string_view what)
    {
        const uint64_t length = read<uint64_t>(what);
        if (length > remaining())
            fail(std::string(what) + " has a length of " + std::to_string(length) +
                 " bytes, past the end of the file (" + std::to_string(remaining()) + " bytes remain)");
        const uint8_t* start = skip(length, what);
        return {reinterpret_cast<const char*>(start), size_t(length)};
    }

  private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
    const std::string& m_name;
};

bool valid_value_type(uint32_t type)
{
    return type <= uint32_t(GgufValueType::Float64);
}

// Walks one value (recursing into nested arrays) and returns where it lies.
GgufValueRef read_value(ByteReader& reader, GgufValueType type, const std::string& key, int depth)
{
    const std::string what = "the value of '" + key + "'";
    if (const size_t size = gguf_scalar_size(type))
        return {type, GgufValueType::Uint8, 0, reader.skip(size, what)};
    if (type == GgufValueType::String) {
        const std::string_view text = reader.read_string(what);
        return {type, GgufValueType::Uint8, text.size(), reinterpret_cast<const uint8_t*>(text.data())};
    }
    // Array.
    if (depth >= kMaxArrayDepth)
        reader.fail("metadata key '" + key + "' nests arrays more than " + std::to_string(kMaxArrayDepth) +
                    " deep");
    const uint32_t element_id = reader.read<uint32_t>(what);
    if (!valid_value_type(element_id))
        reader.fail("metadata key '" + key + "' is an array of unknown value type " +
                    std::to_string(element_id));
    const auto element = GgufValueType(element_id);
    const uint64_t count = reader.read<uint64_t>(what);
    const size_t element_size = gguf_scalar_size(element);
    // The smallest possible element: a scalar's size, an empty string's length field, or an
    // empty array's type and count.
    const size_t min_element = element_size ? element_size : element == GgufValueType::String ? 8 : 12;
    if (count > reader.remaining() / min_element)
        reader.fail("metadata key '" + key + "' is an array of " + std::to_string(count) +
                    " elements, more than the rest of the file can hold (it is truncated or corrupt)");
    const uint8_t* start = reader.skip(0, what);
    if (element_size) {
        reader.skip(count * element_size, what);
    } else {
        for (uint64_t i = 0; i < count; ++i) {
            if (element == GgufValueType::String)
                reader.read_string(what);
            else
                read_value(reader, GgufValueType::Array, key, depth + 1);
        }
    }
    return {GgufValueType::Array, element, count, start};
}

// Parses one file image into impl: its metadata (first shard only) and its tensors.
void parse(const uint8_t* data, size_t size, const std::string& name, bool first_shard, GgufFile::Impl& impl)
{
    ByteReader reader(data, size, name);
    if (size < 4 || std::memcmp(data, "GGUF", 4) != 0) {
        std::string start;
        for (size_t i = 0; i < std::min<size_t>(size, 4); ++i)
            start += (data[i] >= 32 && data[i] < 127) ? char(data[i]) : '?';
        reader.fail(size == 0 ? std::string("the file is empty, not a GGUF model")
                              : "not a GGUF file (it starts with '" + start + "', a GGUF file with 'GGUF')");
    }
    reader.skip(4, "the magic");
    const uint32_t version = reader.read<uint32_t>("the version");
    if (version == 0x02000000 || version == 0x03000000)
        reader.fail("big-endian GGUF files are not supported; use the little-endian file of this model");
    if (version == 1)
        reader.fail(
            "GGUF version 1 is too old to be supported; download or convert a current file of this model");
    if (version != 2 && version != 3)
        reader.fail("unsupported GGUF version " + std::to_string(version) +
                    " (Hearth reads versions 2 and 3)");
    const uint64_t tensor_count = reader.read<uint64_t>("the tensor count");
    const uint64_t kv_count = reader.read<uint64_t>("the metadata count");
    // Smallest records: a key (8-byte length + 1 byte) with a type and a 1-byte value; a tensor
    // name (8 + 1) with one dimension, a type and an offset.
    if (kv_count > reader.remaining() / 14)
        reader.fail("the header claims " + std::to_string(kv_count) +
                    " metadata entries, more than the file can hold (it is truncated or corrupt)");
    if (tensor_count > reader.remaining() / 33)
        reader.fail("the header claims " + std::to_string(tensor_count) +
                    " tensors, more than the file can hold (it is truncated or corrupt)");

    std::vector<GgufEntry> entries;
    std::map<std::string, size_t, std::less<>> entry_index;
    for (uint64_t i = 0; i < kv_count; ++i) {
        const std::string what = "the key of metadata entry " + std::to_string(i);
        const std::string_view key = reader.read_string(what);
        if (key.empty() || key.size() > kMaxNameBytes)
            reader.fail("metadata entry " + std::to_string(i) + " has an empty or over-long key");
        std::string key_string(key);
        if (entry_index.count(key_string))
            reader.fail("duplicate metadata key '" + key_string + "'");
        const uint32_t type_id = reader.read<uint32_t>("the type of '" + key_string + "'");
        if (!valid_value_type(type_id))
            reader.fail("metadata key '" + key_string + "' has unknown value type " +
                        std::to_string(type_id));
        const GgufValueRef value = read_value(reader, GgufValueType(type_id), key_string, 0);
        entry_index.emplace(key_string, entries.size());
        entries.push_back({GgufKeyInfo{std::move(key_string), value.type, value.element_type,
                                       value.type == GgufValueType::Array ? value.count : 0},
                           value});
    }

    size_t alignment = 32;
    if (const auto it = entry_index.find("general.alignment"); it != entry_index.end()) {
        const GgufValueRef& value = entries[it->second].value;
        if (value.type != GgufValueType::Uint32)
            reader.fail(std::string("general.alignment must be a uint32, but it is a ") +
                        gguf_value_type_name(value.type));
        uint32_t a;
        std::memcpy(&a, value.data, 4);
        if (a == 0 || (a & (a - 1)) != 0)
            reader.fail("general.alignment is " + std::to_string(a) + "; it must be a power of two");
        alignment = a;
    }
    if (first_shard) {
        impl.version = version;
        impl.alignment = alignment;
        impl.entries = std::move(entries);
        impl.entry_index = std::move(entry_index);
    }

    const size_t first_new = impl.tensors.size();
    for (uint64_t i = 0; i < tensor_count; ++i) {
        const std::string_view name_view = reader.read_string("the name of tensor " + std::to_string(i));
        if (name_view.empty() || name_view.size() > kMaxNameBytes)
            reader.fail("tensor " + std::to_string(i) + " has an empty or over-long name");
        std::string tensor_name(name_view);
        if (impl.tensor_index.count(tensor_name))
            reader.fail("duplicate tensor name '" + tensor_name + "'");
        const std::string what = "the info of tensor '" + tensor_name + "'";
        const uint32_t dim_count = reader.read<uint32_t>(what);
        if (dim_count == 0 || dim_count > 4)
            reader.fail("tensor '" + tensor_name + "' has " + std::to_string(dim_count) +
                        " dimensions; GGUF tensors have 1 to 4");
        std::vector<int64_t> dims;
        int64_t elements = 1;
        for (uint32_t d = 0; d < dim_count; ++d) {
            const uint64_t dim = reader.read<uint64_t>(what);
            if (dim == 0)
                reader.fail("tensor '" + tensor_name + "' has a zero dimension");
            if (dim > uint64_t(std::numeric_limits<int64_t>::max()) ||
                int64_t(dim) > std::numeric_limits<int64_t>::max() / elements)
                reader.fail("tensor '" + tensor_name + "' is too large: its element count overflows");
            elements *= int64_t(dim);
            dims.push_back(int64_t(dim));
        }
        const uint32_t type_id = reader.read<uint32_t>(what);
        const std::optional<WeightType> type = weight_type_from_id(type_id);
        if (!type)
            reader.fail("tensor '" + tensor_name + "' has weight type id " + std::to_string(type_id) +
                        ", which Hearth does not support");
        const uint64_t offset = reader.read<uint64_t>(what);
        const int64_t block = block_elements(*type);
        if (dims[0] % block != 0)
            reader.fail("tensor '" + tensor_name + "' has rows of " + std::to_string(dims[0]) +
                        " values, not a multiple of the " + weight_type_name(*type) + " block of " +
                        std::to_string(block));
        const uint64_t blocks = uint64_t(elements / block);
        if (blocks > std::numeric_limits<uint64_t>::max() / block_bytes(*type) ||
            blocks * block_bytes(*type) > std::numeric_limits<size_t>::max())
            reader.fail("tensor '" + tensor_name + "' is too large: its byte size overflows");
        const size_t bytes = size_t(blocks * block_bytes(*type));
        if (offset % alignment != 0)
            reader.fail("tensor '" + tensor_name + "' data offset " + std::to_string(offset) +
                        " is not a multiple of the alignment " + std::to_string(alignment));
        impl.tensor_index.emplace(tensor_name, impl.tensors.size());
        impl.tensors.push_back(
            GgufTensor{std::move(tensor_name), *type, std::move(dims), offset, bytes, nullptr});
    }

    // Tensor data starts at the next multiple of the alignment.
    const size_t data_start = reader.position() + (alignment - reader.position() % alignment) % alignment;
    for (size_t i = first_new; i < impl.tensors.size(); ++i) {
        GgufTensor& t = impl.tensors[i];
        const uint64_t available = data_start <= size ? size - data_start : 0;
        if (t.offset > available || t.bytes > available - t.offset)
            reader.fail("tensor '" + t.name + "' data (" + std::to_string(t.bytes) + " bytes at offset " +
                        std::to_string(t.offset) + " of the data section at byte " +
                        std::to_string(data_start) + ") lies outside the file of " + std::to_string(size) +
                        " bytes (it is truncated or corrupt)");
        t.data = data + data_start + t.offset;
    }
    impl.file_size += size;
}

// "NAME-00001-of-00003.gguf" -> ("NAME", 1, 3).
struct SplitName {
    std::string prefix;
    int index = 0, count = 0;
};

std::optional<SplitName> split_name(const std::string& path)
{
    static const std::regex pattern(R"(^(.*)-(\d{5})-of-(\d{5})\.gguf$)");
    std::smatch match;
    if (!std::regex_match(path, match, pattern))
        return std::nullopt;
    return SplitName{match[1].str(), std::stoi(match[2].str()), std::stoi(match[3].str())};
}

std::string shard_path(const SplitName& split, int index)
{
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%05d-of-%05d.gguf", index, split.count);
    return split.prefix + suffix;
}

} // namespace

size_t gguf_scalar_size(GgufValueType type)
{
    switch (type) {
    case GgufValueType::Uint8:
    case GgufValueType::Int8:
    case GgufValueType::Bool:
        return 1;
    case GgufValueType::Uint16:
    case GgufValueType::Int16:
        return 2;
    case GgufValueType::Uint32:
    case GgufValueType::Int32:
    case GgufValueType::Float32:
        return 4;
    case GgufValueType::Uint64:
    case GgufValueType::Int64:
    case GgufValueType::Float64:
        return 8;
    case GgufValueType::String:
    case GgufValueType::Array:
        return 0;
    }
    return 0;
}

GgufFile::GgufFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
GgufFile::GgufFile(GgufFile&&) noexcept = default;
GgufFile& GgufFile::operator=(GgufFile&&) noexcept = default;
GgufFile::~GgufFile() = default;

GgufFile GgufFile::from_memory(const uint8_t* data, size_t size, const std::string& name)
{
    auto impl = std::make_unique<Impl>();
    impl->path = name;
    parse(data, size, name, true, *impl);
    return GgufFile(std::move(impl));
}

GgufFile GgufFile::open(const std::string& path)
{
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const std::optional<SplitName> split = split_name(path);
    if (!split || split->count <= 1) {
        impl->shards.emplace_back(path);
        parse(impl->shards.back().data(), impl->shards.back().size(), path, true, *impl);
        GgufFile file(std::move(impl));
        if (file.has("split.count") && file.get<int64_t>("split.count") > 1)
            throw Error(path + ": this is one part of a split model, but its name does not end in "
                               "-0000K-of-0000N.gguf, so the other parts cannot be found");
        return file;
    }
    if (split->index < 1 || split->index > split->count)
        throw Error(path + ": part " + std::to_string(split->index) + " of " + std::to_string(split->count) +
                    " does not exist");
    impl->path = shard_path(*split, 1);
    for (int i = 1; i <= split->count; ++i) {
        const std::string shard = shard_path(*split, i);
        impl->shards.emplace_back(shard);
        parse(impl->shards.back().data(), impl->shards.back().size(), shard, i == 1, *impl);
    }
    GgufFile file(std::move(impl));
    if (file.get_or<int64_t>("split.count", split->count) != split->count)
        throw Error(file.path() + ": split.count says " + std::to_string(file.get<int64_t>("split.count")) +
                    " parts, the file name " + std::to_string(split->count));
    if (file.has("split.tensors.count") &&
        file.get<int64_t>("split.tensors.count") != int64_t(file.tensors().size()))
        throw Error(file.path() + ": split.tensors.count says " +
                    std::to_string(file.get<int64_t>("split.tensors.count")) + " tensors, the parts hold " +
                    std::to_string(file.tensors().size()) + " (a part is missing or damaged)");
    return file;
}

const std::string& GgufFile::path() const
{
    return m_impl->path;
}
uint32_t GgufFile::version() const
{
    return m_impl->version;
}
uint64_t GgufFile::file_size() const
{
    return m_impl->file_size;
}
size_t GgufFile::alignment() const
{
    return m_impl->alignment;
}
size_t GgufFile::shard_count() const
{
    return std::max<size_t>(1, m_impl->shards.size());
}

bool GgufFile::has(std::string_view key) const
{
    return m_impl->find(key) != nullptr;
}

std::vector<GgufKeyInfo> GgufFile::metadata() const
{
    std::vector<GgufKeyInfo> keys;
    keys.reserve(m_impl->entries.size());
    for (const GgufEntry& e : m_impl->entries)
        keys.push_back(e.info);
    return keys;
}

const GgufKeyInfo* GgufFile::key_info(std::string_view key) const
{
    const GgufEntry* e = m_impl->find(key);
    return e ? &e->info : nullptr;
}

const std::vector<GgufTensor>& GgufFile::tensors() const
{
    return m_impl->tensors;
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const
{
    const auto it = m_impl->tensor_index.find(name);
    return it == m_impl->tensor_index.end() ? nullptr : &m_impl->tensors[it->second];
}

const GgufTensor& GgufFile::tensor(std::string_view name) const
{
    if (const GgufTensor* t = find_tensor(name))
        return *t;
    throw Error(m_impl->path + ": the model has no tensor '" + std::string(name) +
                "' (the file is incomplete or made for another architecture)");
}

int64_t GgufTensor::elements() const
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

} // namespace hearth
