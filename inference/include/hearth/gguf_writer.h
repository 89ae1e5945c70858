#pragma once
// Writes GGUF version 3 files: metadata of every value type and tensors, each tensor's data
// aligned to general.alignment (32 unless set). Used by tests, the test-model generator and
// quantization. Setting a key twice replaces its value; tensor names must be unique.
#include "hearth/weight_format.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hearth {

class GgufWriter {
  public:
    GgufWriter();
    ~GgufWriter();
    GgufWriter(GgufWriter&&) noexcept;
    GgufWriter& operator=(GgufWriter&&) noexcept;

    void set(const std::string& key, bool value);
    void set(const std::string& key, uint8_t value);
    void set(const std::string& key, int8_t value);
    void set(const std::string& key, uint16_t value);
    void set(const std::string& key, int16_t value);
    void set(const std::string& key, uint32_t value);
    void set(const std::string& key, int32_t value);
    void set(const std::string& key, uint64_t value);
    void set(const std::string& key, int64_t value);
    void set(const std::string& key, float value);
    void set(const std::string& key, double value);
    void set(const std::string& key, const std::string& value);
    void set(const std::string& key, const char* value);
    void set(const std::string& key, const std::vector<uint8_t>& values);
    void set(const std::string& key, const std::vector<int8_t>& values);
    void set(const std::string& key, const std::vector<uint16_t>& values);
    void set(const std::string& key, const std::vector<int16_t>& values);
    void set(const std::string& key, const std::vector<uint32_t>& values);
    void set(const std::string& key, const std::vector<int32_t>& values);
    void set(const std::string& key, const std::vector<uint64_t>& values);
    void set(const std::string& key, const std::vector<int64_t>& values);
    void set(const std::string& key, const std::vector<float>& values);
    void set(const std::string& key, const std::vector<double>& values);
    void set(const std::string& key, const std::vector<bool>& values);
    void set(const std::string& key, const std::vector<std::string>& values);
    // general.alignment: a power of two; tensor data offsets are multiples of it.
    void set_alignment(uint32_t alignment);
    void remove(const std::string& key);

    // dims in ggml order (dims[0] = row length). data must hold exactly the tensor's bytes.
    void add_tensor(const std::string& name, WeightType type, std::vector<int64_t> dims,
                    std::vector<uint8_t> data);
    // The data is produced at write time, one tensor at a time, into a buffer of the tensor's size
    // (so a large model is never held in memory whole).
    using Fill = std::function<void(uint8_t* dst, size_t bytes)>;
    void add_tensor(const std::string& name, WeightType type, std::vector<int64_t> dims, Fill fill);

    size_t tensor_count() const;
    // progress(bytes_done, bytes_total) after each tensor. Throws Error if the file cannot be written.
    using Progress = std::function<void(uint64_t done, uint64_t total)>;
    void write(const std::string& path, const Progress& progress = {}) const;
    std::vector<uint8_t> to_bytes() const; // the whole file in memory (small files, tests)

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace hearth
