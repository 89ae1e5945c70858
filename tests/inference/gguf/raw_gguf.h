#pragma once
// Builds GGUF images byte by byte, including ones no writer would produce, for the reader's
// hostile-input tests.
#include <cstdint>
#include <cstring>
#include <QByteArray>
#include <string_view>

class RawGguf {
  public:
    // Header with the given counts (magic and version can be overridden).
    RawGguf(uint64_t tensors, uint64_t kvs, uint32_t version = 3, std::string_view magic = "GGUF")
    {
        bytes.append(magic.data(), qsizetype(magic.size()));
        u32(version).u64(tensors).u64(kvs);
    }

    RawGguf& u8(uint8_t v) { return put(v); }
    RawGguf& u32(uint32_t v) { return put(v); }
    RawGguf& u64(uint64_t v) { return put(v); }
    RawGguf& f32(float v) { return put(v); }
    RawGguf& str(std::string_view s)
    {
        u64(s.size());
        bytes.append(s.data(), qsizetype(s.size()));
        return *this;
    }
    // A metadata entry: key, then the caller appends the value after the type.
    RawGguf& key(std::string_view k, uint32_t type) { return str(k).u32(type); }
    RawGguf& kv_u32(std::string_view k, uint32_t v) { return key(k, 4).u32(v); }
    RawGguf& kv_str(std::string_view k, std::string_view v) { return key(k, 8).str(v); }
    // A tensor info with the given dims (ggml order), type id and data offset.
    RawGguf& tensor(std::string_view name, std::initializer_list<uint64_t> dims, uint32_t type,
                    uint64_t offset)
    {
        str(name).u32(uint32_t(dims.size()));
        for (uint64_t d : dims)
            u64(d);
        return u32(type).u64(offset);
    }
    RawGguf& pad_to(int alignment)
    {
        while (bytes.size() % alignment)
            bytes.append('\0');
        return *this;
    }
    RawGguf& zeros(int n)
    {
        bytes.append(QByteArray(n, '\0'));
        return *this;
    }

    QByteArray bytes;

  private:
    template <class T> RawGguf& put(T v)
    {
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
        return *this;
    }
};
