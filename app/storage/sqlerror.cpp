#include "sqlerror.h"

#include "hearth/error.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStorageInfo>

int sqliteCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : 0; // extended codes carry the primary code in the low byte
}

namespace {

// Less than this is a full disk for SQLite's purposes: a page, a WAL frame and the WAL index grow
// in steps of up to 32 KiB.
constexpr qint64 kFullDiskBytes = 1 << 20;

bool diskFull(const QString& databaseFile)
{
    if (databaseFile.isEmpty())
        return false;
    const QStorageInfo storage(QFileInfo(databaseFile).absolutePath());
    return storage.isValid() && storage.bytesAvailable() < kFullDiskBytes;
}

} // namespace

void throwSqlError(const QString& what, const QSqlError& error, const QString& databaseFile)
{
    QString explanation;
    int code = sqliteCode(error);
    if (code == sqlite_code::IoError && diskFull(databaseFile))
        code = sqlite_code::Full;
    switch (code) {
    case sqlite_code::Full:
        explanation =
            QCoreApplication::translate("Storage", "the disk is full; free some space and try again");
        break;
    case sqlite_code::ReadOnly:
        explanation = QCoreApplication::translate(
            "Storage", "the database file or its folder is read-only; make it writable or choose another "
                       "data folder (--data-dir)");
        break;
    case sqlite_code::Busy:
    case sqlite_code::Locked:
        explanation = QCoreApplication::translate(
            "Storage", "the database is busy in another Hearth process; close it and try again");
        break;
    case sqlite_code::IoError:
        explanation = QCoreApplication::translate("Storage", "the disk reported a read or write error");
        break;
    case sqlite_code::Corrupt:
    case sqlite_code::NotADatabase:
        explanation = QCoreApplication::translate(
            "Storage", "the database file is damaged; export what you can and restart Hearth to repair it");
        break;
    case sqlite_code::CantOpen:
        explanation = QCoreApplication::translate(
            "Storage", "the database file cannot be opened; check that its folder exists and is writable");
        break;
    default:
        explanation = QCoreApplication::translate("Storage", "the database reported an error");
        break;
    }
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.driverText();
    throw hearth::Error(QStringLiteral("%1: %2 (%3)").arg(what, explanation, detail).toStdString());
}
