#include "httpconnection.h"

#include <QTcpSocket>
#include <sys/socket.h>

HttpConnection::HttpConnection(QTcpSocket* socket, const HttpLimits& limits, QObject* parent)
    : QObject(parent), m_socket(socket), m_peer(socket->peerAddress()), m_limits(limits), m_parser(limits)
{
    m_socket->setParent(this);
    m_requestTimer.setSingleShot(true);
    connect(&m_requestTimer, &QTimer::timeout, this, [this] {
        if (m_parser.started() && !m_responding) {
            m_rejected = true;
            m_keepAlive = false;
            m_responding = true;
            emit requestRejected(408, QStringLiteral("the request did not arrive in time"), {});
        } else if (!m_responding) {
            close();
        }
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readMore);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError ||
            m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_requestTimer.start(m_limits.idleTimeoutMs);
    readMore();
}

void HttpConnection::readMore()
{
    if (!m_open)
        return;
    if (m_rejected) {
        m_socket->readAll(); // drained, so closing does not reset the connection before the answer is read
        return;
    }
    // Never hold more than one request's worth of bytes, whatever the client sends.
    const qint64 room = m_limits.maxHeaderBytes + m_limits.maxBodyBytes + 4096 - m_buffer.size();
    if (room > 0)
        m_buffer += m_socket->read(room);
    if (m_responding)
        return;
    const bool wasStarted = m_parser.started();
    const HttpRequestParser::State state = m_parser.feed(m_buffer);
    if (!wasStarted && m_parser.started())
        m_requestTimer.start(m_limits.requestTimeoutMs);
    switch (state) {
    case HttpRequestParser::State::NeedMore:
        return;
    case HttpRequestParser::State::HeadersDone:
        if (m_parser.request().header("expect").toLower() == "100-continue")
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return;
    case HttpRequestParser::State::Failed:
        m_rejected = true;
        m_buffer.clear();
        m_requestTimer.stop();
        m_keepAlive = false;
        m_http10 = m_parser.request().http10;
        m_responding = true;
        emit requestRejected(m_parser.errorStatus(), m_parser.errorMessage(), m_parser.request().path);
        return;
    case HttpRequestParser::State::Complete: {
        m_requestTimer.stop();
        HttpRequest request = m_parser.takeRequest();
        m_keepAlive = request.keepAlive;
        m_http10 = request.http10;
        m_responding = true;
        emit requestReceived(request);
        return;
    }
    }
}

QByteArray HttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

void HttpConnection::writeHead(int status, const QByteArray& contentType, const HttpHeaders& headers,
                               qint64 contentLength, bool close)
{
    QByteArray head = (m_http10 ? "HTTP/1.0 " : "HTTP/1.1 ") + QByteArray::number(status) + ' ' +
                      reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    if (contentLength >= 0)
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    else if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    for (const auto& [name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void HttpConnection::respond(int status, const QByteArray& contentType, const QByteArray& body,
                             const HttpHeaders& headers, bool close)
{
    if (!m_open || !m_responding)
        return;
    const bool closing = close || !m_keepAlive || m_rejected;
    m_chunked = false;
    writeHead(status, contentType, headers, body.size(), closing);
    m_socket->write(body);
    finishResponse(closing);
}

void HttpConnection::beginStream(int status, const QByteArray& contentType, const HttpHeaders& headers)
{
    if (!m_open || !m_responding)
        return;
    m_chunked = !m_http10;
    writeHead(status, contentType, headers, -1, !m_keepAlive || m_http10);
    m_socket->flush();
}

void HttpConnection::writeStream(const QByteArray& data)
{
    if (!m_open || !m_responding || data.isEmpty())
        return;
    if (m_chunked)
        m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    else
        m_socket->write(data);
    m_socket->flush();
}

void HttpConnection::endStream()
{
    if (!m_open || !m_responding)
        return;
    if (m_chunked)
        m_socket->write("0\r\n\r\n");
    finishResponse(!m_keepAlive || m_http10);
}

void HttpConnection::finishResponse(bool closing)
{
    m_responding = false;
    m_chunked = false;
    if (m_rejected) {
        // The client may still be sending the body we refused. Closing with unread bytes would
        // reset the connection and lose the answer, so the answer is sent, the sending side shut,
        // and the rest read and dropped until the client closes (or a few seconds pass).
        const auto shutWriting = [this] {
            if (m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        };
        connect(m_socket, &QTcpSocket::bytesWritten, this, shutWriting);
        m_socket->flush();
        shutWriting();
        QTimer::singleShot(3000, this, [this] {
            m_socket->abort();
            onDisconnected();
        });
        return;
    }
    if (closing) {
        close();
        return;
    }
    m_requestTimer.start(m_limits.idleTimeoutMs);
    // A request pipelined behind the one just answered is already in the buffer.
    if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
}

void HttpConnection::refuse()
{
    m_rejected = true;
    m_keepAlive = false;
    m_responding = true;
}

void HttpConnection::close()
{
    if (!m_open)
        return;
    m_socket->disconnectFromHost(); // sends what is written first; disconnected() follows
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        onDisconnected();
}

void HttpConnection::onDisconnected()
{
    if (!m_open)
        return;
    m_open = false;
    m_requestTimer.stop();
    emit closed();
    deleteLater();
}
