#include "accesstokenstore.h"

#include "modelserror.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

AccessTokenStore::AccessTokenStore(const QString& configDir)
    : m_path(QDir(configDir).filePath(QStringLiteral("huggingface-token")))
{
}

QString AccessTokenStore::load() const
{
    const QString env = qEnvironmentVariable("HF_TOKEN").trimmed();
    if (!env.isEmpty())
        return env;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).trimmed();
}

void AccessTokenStore::save(const QString& token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char('\n')))
        throwModelsError(
            QCoreApplication::translate("AccessTokenStore", "The access token is empty or malformed."));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    constexpr QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    // Created with owner-only permissions, and tightened if an older copy was looser, before the
    // secret is written.
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) ||
        !file.setPermissions(ownerOnly) || file.write(trimmed.toUtf8() + '\n') < 0 || !file.flush())
        throwModelsError(
            QCoreApplication::translate("AccessTokenStore", "Could not save the access token to %1: %2")
                .arg(m_path, file.errorString()));
}

void AccessTokenStore::clear()
{
    QFile::remove(m_path);
}
