#include "localapikey.h"

#include "server/apikey.h"

#include <QClipboard>
#include <QGuiApplication>

LocalApiKey::LocalApiKey(const QString& configDir, QObject* parent)
    : QObject(parent), m_file(api_key::file(configDir)), m_key(m_file.load())
{
}

void LocalApiKey::generate()
{
    const QString key = api_key::generate();
    m_file.save(key);
    m_key = key;
    m_revealed = key;
    emit changed();
}

void LocalApiKey::hide()
{
    if (m_revealed.isEmpty())
        return;
    m_revealed.clear();
    emit changed();
}

void LocalApiKey::copy() const
{
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()) && !m_revealed.isEmpty())
        QGuiApplication::clipboard()->setText(m_revealed);
}
