#include "testhub.h"

#include "hearth/gguf_writer.h"

#include <algorithm>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

struct TestHub::Answer {
    QByteArray body;
    qint64 sent = 0;
    qint64 stopAt = -1; // -1: send everything
    bool dropAtStop = false;
    int chunkDelayMs = 0;
    int logIndex = -1;
    bool waiting = false; // a throttled chunk is scheduled
};

TestHub::TestHub(QObject* parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestHub::onConnection);
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        qFatal("TestHub: cannot listen on 127.0.0.1");
}

TestHub::~TestHub()
{
    // The sockets are the server's children: close them while this object is still whole.
    for (QTcpSocket* socket : m_server.findChildren<QTcpSocket*>()) {
        socket->disconnect(this);
        delete socket;
    }
    qDeleteAll(m_answers);
}

QUrl TestHub::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void TestHub::addRepo(const QString& repo, qint64 downloads, bool gated)
{
    m_repos[repo].downloads = downloads;
    m_repos[repo].gated = gated;
}

void TestHub::addFile(const QString& repo, const QString& file, const QByteArray& content)
{
    m_repos[repo].files.append({file, content});
}

const QByteArray* TestHub::findFile(const QString& repo, const QString& file) const
{
    const auto it = m_repos.constFind(repo);
    if (it == m_repos.constEnd())
        return nullptr;
    for (const auto& f : it->files)
        if (f.first == file)
            return &f.second;
    return nullptr;
}

qint64 TestHub::cdnBytesSent(const QString& repo, const QString& file) const
{
    const QByteArray prefix = "/cdn/" + repo.toUtf8() + '/' + file.toUtf8();
    qint64 total = 0;
    for (const HubRequest& r : m_requests)
        if (r.path == prefix)
            total += r.bodyBytesSent;
    return total;
}

int TestHub::cdnRequestCount(const QString& repo, const QString& file) const
{
    const QByteArray prefix = "/cdn/" + repo.toUtf8() + '/' + file.toUtf8();
    return int(std::count_if(m_requests.begin(), m_requests.end(),
                             [&](const HubRequest& r) { return r.path == prefix; }));
}

QByteArray TestHub::makeGguf(qint64 size, quint32 seed)
{
    hearth::GgufWriter writer;
    writer.set("general.architecture", "llama");
    writer.set("general.name", "loopback test model");
    writer.set("general.file_type", uint32_t(0));
    writer.set("llama.context_length", uint32_t(2048));
    writer.set("llama.block_count", uint32_t(2));
    writer.set("llama.embedding_length", uint32_t(256));
    writer.set("llama.attention.head_count", uint32_t(4));
    writer.set("llama.attention.head_count_kv", uint32_t(2));
    writer.set("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
    // One F32 tensor of random bits fills the file to about the size asked for.
    const int64_t rows = qMax<int64_t>(1, size / (256 * 4));
    writer.add_tensor("token_embd.weight", hearth::WeightType::F32, {256, rows},
                      [seed](uint8_t* dst, size_t bytes) {
                          QRandomGenerator(seed).fillRange(reinterpret_cast<quint32*>(dst), bytes / 4);
                      });
    const std::vector<uint8_t> bytes = writer.to_bytes();
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

QByteArray TestHub::sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

void TestHub::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (m_answers.contains(socket) || socket->property("handled").toBool())
                return;
            QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                socket->setProperty("buffer", buffer);
                return;
            }
            socket->setProperty("handled", true);
            handle(socket, buffer.left(end));
        });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (Answer* answer = m_answers.take(socket)) {
                delete answer;
                --m_concurrent;
            }
            socket->deleteLater();
        });
    }
}

void TestHub::reply(QTcpSocket* socket, int logIndex, int status, const QByteArray& body,
                    const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& contentType)
{
    m_requests[logIndex].status = status;
    m_requests[logIndex].bodyBytesSent = body.size();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nConnection: close\r\nContent-Type: " + contentType +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto& h : headers)
        head += h.first + ": " + h.second + "\r\n";
    socket->write(head + "\r\n" + body);
    socket->disconnectFromHost();
}

void TestHub::handle(QTcpSocket* socket, const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    HubRequest request;
    request.path = requestLine.value(1);
    for (const QByteArray& line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "range")
            request.range = value;
        else if (name == "authorization")
            request.authorization = value;
    }
    m_requests.append(request);
    const int logIndex = int(m_requests.size() - 1);

    const QUrl url = QUrl::fromEncoded("http://x" + request.path);
    const QString path = url.path(QUrl::FullyDecoded);
    const QStringList parts = path.split(QLatin1Char('/')).mid(1);

    if (m_static.contains(request.path))
        return reply(socket, logIndex, 200, m_static.value(request.path));

    if (path == QLatin1String("/api/models")) {
        const QUrlQuery query(url);
        const QString search = query.queryItemValue(QStringLiteral("search"));
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
        QStringList ids;
        for (auto it = m_repos.constBegin(); it != m_repos.constEnd(); ++it)
            if (it.key().contains(search, Qt::CaseInsensitive))
                ids.append(it.key());
        std::sort(ids.begin(), ids.end(), [&](const QString& a, const QString& b) {
            return m_repos[a].downloads > m_repos[b].downloads;
        });
        QJsonArray array;
        for (const QString& id : ids.mid(0, limit > 0 ? limit : 1000)) {
            QJsonObject o{{"_id", QString::number(qHash(id), 16)},
                          {"id", id},
                          {"modelId", id},
                          {"likes", m_repos[id].downloads / 100},
                          {"downloads", m_repos[id].downloads},
                          {"private", false},
                          {"pipeline_tag", "text-generation"},
                          {"tags", QJsonArray{"gguf", "text-generation"}},
                          {"createdAt", "2025-01-01T00:00:00.000Z"}};
            o.insert("gated", m_repos[id].gated ? QJsonValue("manual") : QJsonValue(false));
            array.append(o);
        }
        return reply(socket, logIndex, 200, QJsonDocument(array).toJson(QJsonDocument::Compact));
    }

    if (parts.size() == 6 && parts[0] == QLatin1String("api") && parts[1] == QLatin1String("models") &&
        parts[4] == QLatin1String("tree") && parts[5] == QLatin1String("main")) {
        const QString repo = parts[2] + '/' + parts[3];
        if (!m_repos.contains(repo))
            return reply(socket, logIndex, 404, R"({"error":"Repository not found"})");
        QJsonArray array{QJsonObject{{"type", "file"},
                                     {"oid", "0123456789abcdef0123456789abcdef01234567"},
                                     {"size", 42},
                                     {"path", "README.md"}},
                         QJsonObject{{"type", "directory"},
                                     {"oid", "89abcdef0123456789abcdef0123456789abcdef"},
                                     {"size", 0},
                                     {"path", "extras"}}};
        for (const auto& f : m_repos[repo].files)
            array.append(QJsonObject{
                {"type", "file"},
                {"oid",
                 QString::fromLatin1(QCryptographicHash::hash(f.second, QCryptographicHash::Sha1).toHex())},
                {"size", f.second.size()},
                {"path", f.first},
                {"lfs", QJsonObject{{"oid", QString::fromLatin1(sha256Hex(f.second))},
                                    {"size", f.second.size()},
                                    {"pointerSize", 135}}}});
        return reply(socket, logIndex, 200, QJsonDocument(array).toJson(QJsonDocument::Compact));
    }

    if (parts.size() >= 5 && parts[2] == QLatin1String("resolve") && parts[3] == QLatin1String("main")) {
        const QString repo = parts[0] + '/' + parts[1];
        const QString file = parts.mid(4).join('/');
        const QByteArray* content = findFile(repo, file);
        if (!content)
            return reply(socket, logIndex, 404, R"({"error":"Entry not found"})",
                         {{"X-Error-Code", "EntryNotFound"}});
        if (m_repos[repo].gated && request.authorization != "Bearer " + m_token)
            return reply(socket, logIndex, 401, R"({"error":"Access to this model is restricted."})",
                         {{"X-Error-Code", "GatedRepo"}});
        HubFaults& f = faults(repo, file);
        if (f.errorTimes > 0) {
            --f.errorTimes;
            return reply(socket, logIndex, 500, R"({"error":"Internal Error"})");
        }
        return reply(socket, logIndex, 302, "Found. Redirecting",
                     {{"Location", "/cdn/" + repo.toUtf8() + '/' + file.toUtf8()},
                      {"X-Linked-Size", QByteArray::number(content->size() + f.announcedSizeDelta)},
                      {"X-Linked-Etag", '"' + sha256Hex(*content) + '"'},
                      {"X-Repo-Commit", "0000000000000000000000000000000000000000"}},
                     "text/plain");
    }

    if (parts.size() >= 4 && parts[0] == QLatin1String("cdn")) {
        const QString repo = parts[1] + '/' + parts[2];
        return serveCdn(socket, logIndex, repo, parts.mid(3).join('/'), request.range);
    }
    reply(socket, logIndex, 404, R"({"error":"Not found"})");
}

void TestHub::serveCdn(QTcpSocket* socket, int logIndex, const QString& repo, const QString& file,
                       const QByteArray& rangeHeader)
{
    const QByteArray* original = findFile(repo, file);
    if (!original)
        return reply(socket, logIndex, 404, "no such file", {}, "text/plain");
    HubFaults& f = faults(repo, file);
    QByteArray content = *original;
    if (f.truncateTo >= 0)
        content.truncate(f.truncateTo);
    if (f.wrongBytes)
        for (qsizetype i = content.size() / 2; i < content.size() / 2 + 16 && i < content.size(); ++i)
            content[i] = char(content[i] ^ 0x5a);

    int status = 200;
    qint64 start = 0;
    QByteArray extra;
    if (rangeHeader.startsWith("bytes=") && !f.ignoreRange) {
        start = rangeHeader.mid(6, rangeHeader.indexOf('-') - 6).toLongLong();
        if (start >= content.size())
            return reply(socket, logIndex, 416, "",
                         {{"Content-Range", "bytes */" + QByteArray::number(content.size())}}, "text/plain");
        status = 206;
        extra = "Content-Range: bytes " + QByteArray::number(start) + '-' +
                QByteArray::number(content.size() - 1) + '/' + QByteArray::number(content.size()) + "\r\n";
    }
    auto* answer = new Answer;
    answer->body = content.mid(start);
    answer->logIndex = logIndex;
    answer->chunkDelayMs = f.chunkDelayMs;
    if (f.dropTimes > 0 && f.dropAfterBytes >= 0) {
        --f.dropTimes;
        answer->stopAt = f.dropAfterBytes;
        answer->dropAtStop = true;
    } else if (f.stallTimes > 0 && f.stallAfterBytes >= 0) {
        --f.stallTimes;
        answer->stopAt = f.stallAfterBytes;
    }
    m_requests[logIndex].status = status;
    socket->write(
        "HTTP/1.1 " + QByteArray::number(status) +
        " X\r\nConnection: close\r\nAccept-Ranges: bytes\r\nContent-Type: application/octet-stream\r\n"
        "Content-Length: " +
        QByteArray::number(answer->body.size()) + "\r\n" + extra + "\r\n");
    m_answers.insert(socket, answer);
    m_maxConcurrent = qMax(m_maxConcurrent, ++m_concurrent);
    pump(socket);
}

void TestHub::pump(QTcpSocket* socket)
{
    Answer* answer = m_answers.value(socket);
    if (!answer || answer->waiting)
        return;
    const qint64 limit =
        answer->stopAt >= 0 ? qMin<qint64>(answer->stopAt, answer->body.size()) : answer->body.size();
    constexpr qint64 chunk = 64 * 1024;
    while (answer->sent < limit && socket->bytesToWrite() < 4 * chunk) {
        const qint64 n = qMin(chunk, limit - answer->sent);
        socket->write(answer->body.constData() + answer->sent, n);
        answer->sent += n;
        m_requests[answer->logIndex].bodyBytesSent += n;
        if (answer->chunkDelayMs > 0) {
            answer->waiting = true;
            QTimer::singleShot(answer->chunkDelayMs, socket, [this, socket] {
                if (Answer* a = m_answers.value(socket)) {
                    a->waiting = false;
                    pump(socket);
                }
            });
            return;
        }
    }
    if (answer->sent < limit)
        return;
    if (answer->sent == answer->body.size() || answer->dropAtStop)
        socket->disconnectFromHost(); // flushes what was written, then closes
    // else: a stall, the connection stays open and silent
}
