#include "secretfile.h"

#include "hearth/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

SecretFile::SecretFile(QString path, QString description)
    : m_path(std::move(path)), m_description(std::move(description))
{
}

QString SecretFile::load() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).trimmed();
}

void SecretFile::save(const QString& secret)
{
    const QString trimmed = secret.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char('\n')))
        throw hearth::Error(QCoreApplication::translate("SecretFile", "The %1 is empty or malformed.")
                                .arg(m_description)
                                .toStdString());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    constexpr QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    // Created with owner-only permissions, and tightened if an older copy was looser, before the
    // secret is written.
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) ||
        !file.setPermissions(ownerOnly) || file.write(trimmed.toUtf8() + '\n') < 0 || !file.flush())
        throw hearth::Error(QCoreApplication::translate("SecretFile", "Could not save the %1 to %2: %3")
                                .arg(m_description, m_path, file.errorString())
                                .toStdString());
}

void SecretFile::clear()
{
    QFile::remove(m_path);
}
