#pragma once
// One HTTP/1.x request read from a socket, and the incremental parser that reads it. The parser
// checks every limit before it keeps a byte (request line and headers together, the declared
// body length), so a client cannot make the server hold more than the limits whatever it sends.
#include <QByteArray>
#include <QHash>
#include <QString>

struct HttpRequest {
    QByteArray method; // "GET", "POST", ...
    QByteArray path;   // without the query
    QByteArray query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    bool http10 = false;
    bool keepAlive = true;

    QByteArray header(const QByteArray& lowerCaseName) const { return headers.value(lowerCaseName); }
};

struct HttpLimits {
    qint64 maxHeaderBytes = 64 * 1024;     // request line and headers
    qint64 maxBodyBytes = 4 * 1024 * 1024; // the 4 MB
    // Long enough for a slow link to send 4 MB, short enough that a client trickling its
    // request (slowloris) cannot hold a connection for long.
    int requestTimeoutMs = 20000;
    int idleTimeoutMs = 60000; // a kept-alive connection with no request
};

class HttpRequestParser {
  public:
    enum class State { NeedMore, HeadersDone, Complete, Failed };

    explicit HttpRequestParser(const HttpLimits& limits) : m_limits(limits) {}

    // Takes what can be used from `buffer` (it removes those bytes) and says where the request
    // stands. HeadersDone is reported once, when the body is still to come (so "Expect:
    // 100-continue" can be answered); call again with more bytes.
    State feed(QByteArray& buffer);

    const HttpRequest& request() const { return m_request; }
    HttpRequest takeRequest();
    bool started() const { return m_started; }
    // When Failed: the status to answer with and why.
    int errorStatus() const { return m_errorStatus; }
    const QString& errorMessage() const { return m_errorMessage; }

  private:
    State fail(int status, const QString& message);
    State parseHead(const QByteArray& head);

    HttpLimits m_limits;
    HttpRequest m_request;
    qint64 m_bodyLength = -1; // -1: headers not read yet
    bool m_started = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};
