#include "accesstokenstore.h"

#include <QCoreApplication>
#include <QDir>

AccessTokenStore::AccessTokenStore(const QString& configDir)
    : m_file(QDir(configDir).filePath(QStringLiteral("huggingface-token")),
             QCoreApplication::translate("AccessTokenStore", "access token"))
{
}

QString AccessTokenStore::load() const
{
    const QString env = qEnvironmentVariable("HF_TOKEN").trimmed();
    return env.isEmpty() ? m_file.load() : env;
}

void AccessTokenStore::save(const QString& token)
{
    m_file.save(token);
}
