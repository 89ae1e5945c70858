#pragma once
// A whole file mapped read-only into memory (POSIX mmap, Windows file mapping). Pages are read on
// first touch, so opening a multi-gigabyte model costs nothing until its tensors are used.
#include <cstddef>
#include <cstdint>
#include <string>

namespace hearth {

class MappedFile {
  public:
    explicit MappedFile(const std::string& path); // throws Error naming the file and the reason
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }

  private:
    void release() noexcept;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
#ifdef _WIN32
    void* m_mapping = nullptr;
#endif
};

} // namespace hearth
