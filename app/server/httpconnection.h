#pragma once
// One client's TCP connection: reads requests one at a time (a pipelined second request waits
// in the buffer until the first is answered), answers each with a whole body or a chunked
// stream, keeps the connection alive between requests when the client asks, and times out
// clients that trickle their request (slowloris) or sit idle. It deletes itself once closed.
#include "httprequest.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>

class QTcpSocket;

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

class HttpConnection : public QObject {
    Q_OBJECT
  public:
    HttpConnection(QTcpSocket* socket, const HttpLimits& limits, QObject* parent = nullptr);

    QHostAddress peerAddress() const { return m_peer; }
    bool isOpen() const { return m_open; }

    // Answers the current request. The connection stays open afterwards when the request asked
    // for keep-alive and `close` is false.
    void respond(int status, const QByteArray& contentType, const QByteArray& body,
                 const HttpHeaders& headers = {}, bool close = false);
    // A response whose body is written piece by piece (chunked; plain until close on HTTP/1.0).
    void beginStream(int status, const QByteArray& contentType, const HttpHeaders& headers = {});
    void writeStream(const QByteArray& data);
    void endStream();
    // Closes now (after what was written is sent).
    void close();
    // Turns the connection away before reading a request (the server is full): the next
    // respond() is its only answer.
    void refuse();

    static QByteArray reasonPhrase(int status);

  signals:
    void requestReceived(const HttpRequest& request);
    // A request the connection could not read (too large, malformed, too slow): the owner
    // answers it in its API's shape with respond(); the connection closes afterwards.
    void requestRejected(int status, const QString& message, const QByteArray& path);
    void closed(); // the client went away or the connection was closed; no more writes land

  private:
    void readMore();
    void finishResponse(bool close);
    void writeHead(int status, const QByteArray& contentType, const HttpHeaders& headers,
                   qint64 contentLength, bool close);
    void onDisconnected();

    QTcpSocket* m_socket;
    QHostAddress m_peer;
    HttpLimits m_limits;
    HttpRequestParser m_parser;
    QByteArray m_buffer;
    QTimer m_requestTimer; // a started request must arrive whole in time; an idle one is closed
    bool m_open = true;
    bool m_responding = false; // a request is being answered; reading waits
    bool m_keepAlive = true;
    bool m_http10 = false;
    bool m_chunked = false;
    bool m_rejected = false;
};
