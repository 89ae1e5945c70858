#pragma once
// One request Hearth made (or refused to make): when, to which host, what for, how many bytes went
// each way and how it ended. The network gate keeps them while Hearth runs; with saving on, each
// one is also appended to network-log.jsonl in the data folder as one JSON object per line.
#include <QDateTime>
#include <QJsonObject>
#include <QString>

struct NetworkRecord {
    QDateTime time;     // when the request was made (or refused)
    QString host;       // host[:port]; "a → b" when the server redirected to another host
    QString url;        // the address asked for, without user name or password
    QString purpose;    // "model search", "file listing", "model download", "catalog refresh"
    qint64 bytesIn = 0; // body bytes received
    // The request line and headers Hearth set, plus any body (Qt adds a few standard headers and
    // TLS its own framing, which are not counted).
    qint64 bytesOut = 0;
    QString result;       // "HTTP 200", "refused: offline mode is on", an error text; empty while running
    bool refused = false; // never sent
    bool finished = false;

    QJsonObject toJson() const;
    static NetworkRecord fromJson(const QJsonObject& object);
};
