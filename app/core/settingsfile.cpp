#include "settingsfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSettings>
#include <QStringDecoder>

namespace {

QString g_lastNotice;

bool looksDamaged(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false; // unreadable is reported by QSettings' status below, or not at all
    constexpr qint64 kLargestSettingsFile = 16 << 20; // far more than any real settings file
    if (file.size() > kLargestSettingsFile)
        return true;
    const QByteArray bytes = file.readAll();
    if (bytes.contains('\0'))
        return true;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes); // decode() is lazy: converting it does the work
    return utf8.hasError();
}

} // namespace

QString SettingsFile::recoverIfDamaged()
{
    g_lastNotice.clear();
    QString path;
    bool damaged = false;
    {
        const QSettings settings;
        path = settings.fileName();
        if (!QFile::exists(path))
            return {};
        damaged = settings.status() == QSettings::FormatError || looksDamaged(path);
    }
    if (!damaged)
        return {};
    const QString aside =
        path + QStringLiteral(".damaged-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (QFile::rename(path, aside)) {
        g_lastNotice = QCoreApplication::translate("SettingsFile",
                                                   "Your settings file %1 could not be read (it is damaged). It was "
                                                   "moved to %2 and the default settings are used.")
                           .arg(path, aside);
    } else {
        g_lastNotice = QCoreApplication::translate("SettingsFile",
                                                   "Your settings file %1 could not be read (it is damaged) and could "
                                                   "not be moved aside; the default settings are used until you "
                                                   "delete or repair it.")
                           .arg(path);
    }
    return g_lastNotice;
}

QString SettingsFile::lastNotice()
{
    return g_lastNotice;
}
