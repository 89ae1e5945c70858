#pragma once
// A real small disk for fault tests: a tmpfs of a few megabytes mounted on a temporary folder
// (needs root, as in CI), which fill() brings to the last byte with a filler file so that every
// further write fails with ENOSPC, and makeRoom() deletes again. Unmounted when destroyed.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>

class SmallDisk {
  public:
    explicit SmallDisk(int megabytes)
    {
        if (!m_dir.isValid())
            return;
        QProcess mount;
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                              QStringLiteral("size=%1m").arg(megabytes), QStringLiteral("tmpfs"),
                                              m_dir.path()});
        m_mounted = mount.waitForFinished(10000) && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
        m_error = QString::fromLocal8Bit(mount.readAllStandardError());
    }
    ~SmallDisk()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool mounted() const { return m_mounted; }
    const QString& error() const { return m_error; }
    QString path(const QString& relative = {}) const
    {
        return relative.isEmpty() ? m_dir.path() : m_dir.filePath(relative);
    }
    qint64 freeBytes() const { return QStorageInfo(m_dir.path()).bytesAvailable(); }

    // Writes zeros until the disk refuses; returns whether it is full now.
    bool fill()
    {
        QFile filler(fillerPath());
        if (!filler.open(QIODevice::Append))
            return false;
        const QByteArray block(4096, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        // What is left is smaller than a block: take it byte by byte.
        while (filler.write("\0", 1) == 1 && filler.flush()) {
        }
        filler.close();
        QStorageInfo info(m_dir.path());
        info.refresh();
        return info.bytesAvailable() == 0;
    }
    void makeRoom() { QFile::remove(fillerPath()); }

  private:
    QString fillerPath() const { return m_dir.filePath(QStringLiteral(".filler")); }

    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};
