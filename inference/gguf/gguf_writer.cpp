// GGUF version 3 writer. Metadata values are encoded when set; tensor data is laid out in the
// order tensors were added, each at a multiple of the alignment, and produced one tensor at a
// time at write time.
#include "hearth/gguf_writer.h"

#include "hearth/error.h"
#include "hearth/gguf.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

namespace hearth {

namespace {

void put_bytes(std::vector<uint8_t>& out, const void* p, size_t n)
{
    const auto* b = static_cast<const uint8_t*>(p);
    out.insert(out.end(), b, b + n);
}

template <class T> void put(std::vector<uint8_t>& out, T value)
{
    put_bytes(out, &value, sizeof(T));
}

void put_string(std::vector<uint8_t>& out, std::string_view s)
{
    put<uint64_t>(out, s.size());
    put_bytes(out, s.data(), s.size());
}

template <class T> constexpr GgufValueType value_type()
{
    if constexpr (std::is_same_v<T, bool>)
        return GgufValueType::Bool;
    else if constexpr (std::is_same_v<T, uint8_t>)
        return GgufValueType::Uint8;
    else if constexpr (std::is_same_v<T, int8_t>)
        return GgufValueType::Int8;
    else if constexpr (std::is_same_v<T, uint16_t>)
        return GgufValueType::Uint16;
    else if constexpr (std::is_same_v<T, int16_t>)
        return GgufValueType::Int16;
    else if constexpr (std::is_same_v<T, uint32_t>)
        return GgufValueType::Uint32;
    else if constexpr (std::is_same_v<T, int32_t>)
        return GgufValueType::Int32;
    else if constexpr (std::is_same_v<T, uint64_t>)
        return GgufValueType::Uint64;
    else if constexpr (std::is_same_v<T, int64_t>)
        return GgufValueType::Int64;
    else if constexpr (std::is_same_v<T, float>)
        return GgufValueType::Float32;
    else if constexpr (std::is_same_v<T, double>)
        return GgufValueType::Float64;
    else
        return GgufValueType::String;
}

template <class T> void put_element(std::vector<uint8_t>& out, const T& value)
{
    if constexpr (std::is_same_v<T, std::string>)
        put_string(out, value);
    else if constexpr (std::is_same_v<T, bool>)
        put<uint8_t>(out, value ? 1 : 0);
    else
        put<T>(out, value);
}

struct PendingTensor {
    std::string name;
    WeightType type;
    std::vector<int64_t> dims;
    size_t bytes;
    std::vector<uint8_t> data; // or produced by fill
    GgufWriter::Fill fill;
};

size_t align_up(size_t value, size_t alignment)
{
    return value + (alignment - value % alignment) % alignment;
}

} // namespace

struct GgufWriter::Impl {
    std::vector<std::pair<std::string, std::vector<uint8_t>>> metadata; // key, encoded type + value
    std::vector<PendingTensor> tensors;
    std::map<std::string, size_t> tensor_index;
    uint32_t alignment = 32;

    void set_encoded(const std::string& key, std::vector<uint8_t> encoded)
    {
        if (key.empty())
            throw Error("a GGUF metadata key cannot be empty");
        for (auto& [existing, value] : metadata) {
            if (existing == key) {
                value = std::move(encoded);
                return;
            }
        }
        metadata.emplace_back(key, std::move(encoded));
    }

    template <class T> void set_scalar(const std::string& key, const T& value)
    {
        std::vector<uint8_t> encoded;
        put<uint32_t>(encoded, uint32_t(value_type<T>()));
        put_element(encoded, value);
        set_encoded(key, std::move(encoded));
    }

    template <class T> void set_array(const std::string& key, const std::vector<T>& values)
    {
        std::vector<uint8_t> encoded;
        put<uint32_t>(encoded, uint32_t(GgufValueType::Array));
        put<uint32_t>(encoded, uint32_t(value_type<T>()));
        put<uint64_t>(encoded, values.size());
        for (const T& v : values)
            put_element(encoded, T(v));
        set_encoded(key, std::move(encoded));
    }

    // The header, metadata and tensor infos, padded to the alignment; offsets[i] is where tensor
    // i's data starts within the data section.
    std::vector<uint8_t> header(std::vector<size_t>& offsets) const
    {
        std::vector<uint8_t> out;
        put_bytes(out, "GGUF", 4);
        put<uint32_t>(out, 3);
        put<uint64_t>(out, tensors.size());
        put<uint64_t>(out, metadata.size());
        for (const auto& [key, encoded] : metadata) {
            put_string(out, key);
            put_bytes(out, encoded.data(), encoded.size());
        }
        size_t offset = 0;
        for (const PendingTensor& t : tensors) {
            put_string(out, t.name);
            put<uint32_t>(out, uint32_t(t.dims.size()));
            for (int64_t d : t.dims)
                put<uint64_t>(out, uint64_t(d));
            put<uint32_t>(out, uint32_t(t.type));
            put<uint64_t>(out, offset);
            offsets.push_back(offset);
            offset = align_up(offset + t.bytes, alignment);
        }
        out.resize(align_up(out.size(), alignment), 0);
        return out;
    }

    void add(PendingTensor tensor)
    {
        if (tensor.name.empty())
            throw Error("a GGUF tensor needs a name");
        if (tensor_index.count(tensor.name))
            throw Error("duplicate tensor name '" + tensor.name + "'");
        if (tensor.dims.empty() || tensor.dims.size() > 4)
            throw Error("tensor '" + tensor.name + "' must have 1 to 4 dimensions");
        int64_t rows = 1;
        for (size_t i = 0; i < tensor.dims.size(); ++i) {
            if (tensor.dims[i] <= 0)
                throw Error("tensor '" + tensor.name + "' has a dimension that is not positive");
            if (i > 0)
                rows *= tensor.dims[i];
        }
        tensor.bytes = row_bytes(tensor.type, tensor.dims[0]) * size_t(rows);
        tensor_index.emplace(tensor.name, tensors.size());
        tensors.push_back(std::move(tensor));
    }
};

GgufWriter::GgufWriter() : m_impl(std::make_unique<Impl>()) {}
GgufWriter::~GgufWriter() = default;
GgufWriter::GgufWriter(GgufWriter&&) noexcept = default;
GgufWriter& GgufWriter::operator=(GgufWriter&&) noexcept = default;

void GgufWriter::set(const std::string& key, bool value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, uint8_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, int8_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, uint16_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, int16_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, uint32_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, int32_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, uint64_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, int64_t value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, float value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, double value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, const std::string& value)
{
    m_impl->set_scalar(key, value);
}
void GgufWriter::set(const std::string& key, const char* value)
{
    m_impl->set_scalar(key, std::string(value));
}
void GgufWriter::set(const std::string& key, const std::vector<uint8_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<int8_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<uint16_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<int16_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<uint32_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<int32_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<uint64_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<int64_t>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<float>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<double>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<bool>& v)
{
    m_impl->set_array(key, v);
}
void GgufWriter::set(const std::string& key, const std::vector<std::string>& v)
{
    m_impl->set_array(key, v);
}

void GgufWriter::set_alignment(uint32_t alignment)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        throw Error("GGUF alignment must be a power of two, not " + std::to_string(alignment));
    m_impl->alignment = alignment;
    set("general.alignment", alignment);
}

void GgufWriter::remove(const std::string& key)
{
    auto& m = m_impl->metadata;
    std::erase_if(m, [&](const auto& entry) { return entry.first == key; });
}

void GgufWriter::add_tensor(const std::string& name, WeightType type, std::vector<int64_t> dims,
                            std::vector<uint8_t> data)
{
    PendingTensor t{name, type, std::move(dims), 0, std::move(data), nullptr};
    const size_t given = t.data.size();
    m_impl->add(std::move(t));
    const PendingTensor& added = m_impl->tensors.back();
    if (given != added.bytes) {
        const std::string message = "tensor '" + name + "' needs " + std::to_string(added.bytes) +
                                    " bytes of " + weight_type_name(type) + " data, but " +
                                    std::to_string(given) + " were given";
        m_impl->tensor_index.erase(name);
        m_impl->tensors.pop_back();
        throw Error(message);
    }
}

void GgufWriter::add_tensor(const std::string& name, WeightType type, std::vector<int64_t> dims, Fill fill)
{
    m_impl->add(PendingTensor{name, type, std::move(dims), 0, {}, std::move(fill)});
}

size_t GgufWriter::tensor_count() const
{
    return m_impl->tensors.size();
}

std::vector<uint8_t> GgufWriter::to_bytes() const
{
    std::vector<size_t> offsets;
    std::vector<uint8_t> out = m_impl->header(offsets);
    const size_t data_start = out.size();
    for (size_t i = 0; i < m_impl->tensors.size(); ++i) {
        const PendingTensor& t = m_impl->tensors[i];
        out.resize(data_start + offsets[i] + t.bytes, 0);
        uint8_t* dst = out.data() + data_start + offsets[i];
        if (t.fill)
            t.fill(dst, t.bytes);
        else
            std::memcpy(dst, t.data.data(), t.bytes);
    }
    return out;
}

void GgufWriter::write(const std::string& path, const Progress& progress) const
{
    std::vector<size_t> offsets;
    const std::vector<uint8_t> header = m_impl->header(offsets);
    const auto close = [](std::FILE* f) { std::fclose(f); };
    std::unique_ptr<std::FILE, decltype(close)> file(std::fopen(path.c_str(), "wb"), close);
    if (!file)
        throw Error("cannot write " + path + ": " + std::strerror(errno));
    const auto write_bytes = [&](const void* p, size_t n) {
        if (n && std::fwrite(p, 1, n, file.get()) != n)
            throw Error("cannot write " + path + ": " + std::strerror(errno) + " (is the disk full?)");
    };
    write_bytes(header.data(), header.size());
    std::vector<uint8_t> buffer;
    size_t position = 0; // within the data section
    const uint64_t total = offsets.empty() ? 0 : offsets.back() + m_impl->tensors.back().bytes;
    static const uint8_t zeros[256] = {};
    for (size_t i = 0; i < m_impl->tensors.size(); ++i) {
        const PendingTensor& t = m_impl->tensors[i];
        while (position < offsets[i]) {
            const size_t n = std::min(sizeof zeros, offsets[i] - position);
            write_bytes(zeros, n);
            position += n;
        }
        if (t.fill) {
            buffer.assign(t.bytes, 0);
            t.fill(buffer.data(), t.bytes);
            write_bytes(buffer.data(), t.bytes);
        } else {
            write_bytes(t.data.data(), t.bytes);
        }
        position += t.bytes;
        if (progress)
            progress(position, total);
    }
    if (std::fflush(file.get()) != 0)
        throw Error("cannot write " + path + ": " + std::strerror(errno) + " (is the disk full?)");
}

} // namespace hearth
