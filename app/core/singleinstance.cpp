#include "singleinstance.h"

#include <QCryptographicHash>
#include <QLocalSocket>

namespace {
constexpr int kTimeoutMs = 1000;
}

SingleInstance::SingleInstance(const QString& key, QObject* parent)
    : QObject(parent),
      m_name(QStringLiteral("hearth-") +
             QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16)))
{
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->canReadLine())
                    emit messageReceived(QString::fromUtf8(socket->readLine()).trimmed());
            });
        }
    });
}

bool SingleInstance::forwardToRunning(const QString& message)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(kTimeoutMs))
        return false;
    socket.write(message.toUtf8() + '\n');
    return socket.waitForBytesWritten(kTimeoutMs);
}

bool SingleInstance::listen()
{
    if (m_server.listen(m_name))
        return true;
    // A socket file left by a crashed instance: nobody answered forwardToRunning, so take it over.
    QLocalServer::removeServer(m_name);
    return m_server.listen(m_name);
}
