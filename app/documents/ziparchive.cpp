#include "ziparchive.h"

#include "documenterror.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace documents {

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / (1 << 20), 'f', 0);
}

[[noreturn]] void failBomb(qint64 limit)
{
    fail(tr("it would unpack to more than the limit of %1 MB (a zip bomb or a damaged file); if you "
            "trust the file, raise the limit with --max-archive-mb")
             .arg(megabytes(limit)));
}

} // namespace

ZipArchive::ZipArchive(const QByteArray& data, const ExtractLimits& limits)
    : m_data(data), m_buffer(&m_data), m_zip(std::make_unique<QuaZip>(&m_buffer)), m_limits(limits)
{
    if (!m_data.startsWith("PK\x03\x04"))
        fail(tr("it is not a zip archive, as this format must be; the file is damaged or has the wrong "
                "extension"));
    if (!m_zip->open(QuaZip::mdUnzip))
        fail(tr("its zip archive is damaged (QuaZip error %1); save the file again from the program that "
                "made it")
                 .arg(m_zip->getZipError()));
    // The count comes from the end-of-central-directory record: nothing is listed yet.
    const int entries = m_zip->getEntriesCount();
    if (entries < 0 || entries > limits.maxArchiveEntries)
        fail(tr("its archive lists %1 entries, more than the limit of %2 (a hostile or damaged file); if "
                "you trust the file, raise the limit with --max-archive-entries")
                 .arg(entries)
                 .arg(limits.maxArchiveEntries));
    quint64 total = 0;
    for (const QuaZipFileInfo64& info : m_zip->getFileInfoList64()) {
        total += info.uncompressedSize;
        if (total > static_cast<quint64>(limits.maxArchiveBytes))
            failBomb(limits.maxArchiveBytes);
        m_sizes.insert(info.name, info.uncompressedSize);
    }
}

ZipArchive::~ZipArchive()
{
    m_zip->close();
}

QByteArray ZipArchive::read(const QString& name)
{
    const auto size = m_sizes.constFind(name);
    if (size == m_sizes.cend())
        fail(tr("its archive has no %1, which this format needs; the file is damaged or not what its "
                "extension says")
                 .arg(name));
    if (!m_zip->setCurrentFile(name, QuaZip::csSensitive))
        fail(tr("its archive entry %1 could not be found (damaged archive)").arg(name));
    QuaZipFile file(m_zip.get());
    if (!file.open(QIODevice::ReadOnly))
        fail(tr("its archive entry %1 could not be opened (damaged or encrypted archive)").arg(name));
    // Never trust the declared size alone: read at most that much (plus one byte to notice a lie).
    const qint64 declared = static_cast<qint64>(*size);
    if (m_inflated + declared > m_limits.maxArchiveBytes)
        failBomb(m_limits.maxArchiveBytes);
    QByteArray bytes;
    bytes.reserve(declared);
    char block[65536];
    for (;;) {
        const qint64 n = file.read(block, sizeof block);
        if (n < 0)
            fail(tr("its archive entry %1 is damaged (it could not be inflated)").arg(name));
        if (n == 0)
            break;
        if (bytes.size() + n > declared)
            fail(tr("its archive entry %1 holds more data than it declares (a hostile or damaged file)")
                     .arg(name));
        bytes.append(block, n);
    }
    file.close();
    if (file.getZipError() != UNZ_OK)
        fail(tr("its archive entry %1 is damaged (checksum error %2)").arg(name).arg(file.getZipError()));
    m_inflated += bytes.size();
    return bytes;
}

} // namespace documents
