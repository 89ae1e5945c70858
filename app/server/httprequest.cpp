#include "httprequest.h"

#include <QList>

HttpRequestParser::State HttpRequestParser::fail(int status, const QString& message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return State::Failed;
}

HttpRequestParser::State HttpRequestParser::feed(QByteArray& buffer)
{
    if (m_errorStatus)
        return State::Failed;
    if (m_bodyLength < 0) {
        // Blank lines before a request are allowed (RFC 9112 2.2), e.g. after a previous body.
        if (!m_started) {
            qsizetype skip = 0;
            while (skip < buffer.size() && (buffer[skip] == '\r' || buffer[skip] == '\n'))
                ++skip;
            buffer.remove(0, skip);
            m_started = !buffer.isEmpty();
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer.size() > m_limits.maxHeaderBytes)
                return fail(431, QStringLiteral("the request line and headers are longer than %1 bytes")
                                     .arg(m_limits.maxHeaderBytes));
            return State::NeedMore;
        }
        if (end + 4 > m_limits.maxHeaderBytes)
            return fail(431, QStringLiteral("the request line and headers are longer than %1 bytes")
                                 .arg(m_limits.maxHeaderBytes));
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        if (const State s = parseHead(head); s == State::Failed)
            return s;
        if (m_bodyLength > 0 && buffer.size() < m_bodyLength)
            return State::HeadersDone;
    }
    if (buffer.size() < m_bodyLength)
        return State::NeedMore;
    m_request.body = buffer.left(m_bodyLength);
    buffer.remove(0, m_bodyLength);
    return State::Complete;
}

HttpRequestParser::State HttpRequestParser::parseHead(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.front().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1."))
        return fail(400, QStringLiteral("the request line is not 'METHOD /path HTTP/1.1'"));
    m_request.method = requestLine[0];
    const QByteArray target = requestLine[1];
    if (!target.startsWith('/'))
        return fail(400, QStringLiteral("the request target must be a path"));
    const qsizetype question = target.indexOf('?');
    m_request.path = question < 0 ? target : target.left(question);
    m_request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    m_request.http10 = requestLine[2] == "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QStringLiteral("a header line has no name"));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (m_request.headers.contains(name) && name == "content-length" && m_request.headers[name] != value)
            return fail(400, QStringLiteral("two different Content-Length headers"));
        m_request.headers.insert(name, value);
    }
    const QByteArray connection = m_request.header("connection").toLower();
    m_request.keepAlive =
        m_request.http10 ? connection.contains("keep-alive") : !connection.contains("close");
    if (m_request.headers.contains("transfer-encoding"))
        return fail(
            411,
            QStringLiteral("send the body with a Content-Length (chunked request bodies are not accepted)"));
    m_bodyLength = 0;
    if (m_request.headers.contains("content-length")) {
        bool ok = false;
        const qint64 length = m_request.header("content-length").toLongLong(&ok);
        if (!ok || length < 0)
            return fail(400, QStringLiteral("Content-Length is not a number"));
        if (length > m_limits.maxBodyBytes)
            return fail(413, QStringLiteral("the request body is %1 bytes; at most %2 are accepted")
                                 .arg(length)
                                 .arg(m_limits.maxBodyBytes));
        m_bodyLength = length;
    }
    return State::NeedMore;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = {};
    m_bodyLength = -1;
    m_started = false;
    return request;
}
