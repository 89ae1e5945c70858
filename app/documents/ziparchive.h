#pragma once
// A DOCX, ODT or EPUB file's zip archive, held in memory and read through QuaZip under the
// archive limits: the entry count and the declared uncompressed sizes are checked from the
// central directory before anything is inflated, and reading stops at the declared size, so a
// zip bomb is refused instead of filling the memory.
#include "readoptions.h"

#include <memory>
#include <QBuffer>
#include <QByteArray>
#include <QHash>

class QuaZip;

namespace documents {

class ZipArchive {
  public:
    // Throws hearth::Error when data is not a zip archive or exceeds a limit.
    ZipArchive(const QByteArray& data, const ExtractLimits& limits);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    bool contains(const QString& name) const { return m_sizes.contains(name); }
    // The entry's bytes; throws when it is missing (and required) or damaged.
    QByteArray read(const QString& name);
    QByteArray readIfPresent(const QString& name) { return contains(name) ? read(name) : QByteArray(); }

  private:
    QByteArray m_data;
    QBuffer m_buffer;
    std::unique_ptr<QuaZip> m_zip;
    QHash<QString, quint64> m_sizes;
    ExtractLimits m_limits;
    qint64 m_inflated = 0;
};

} // namespace documents
