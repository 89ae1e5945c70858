// How `hearth-cli serve` holds up: request limits (413, 431) in each API's error shape, a full
// queue refused with 429 and Retry-After, a client that disconnects mid-stream cancelling its
// answer so the next request starts at once, the API key, and Ctrl-C ending an answer in
// progress properly before the program exits.
#include "apitestserver.h"

#include <algorithm>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTcpSocket>
#include <vector>

namespace {

QJsonObject longChat(int maxTokens)
{
    return {{"model", "tiny"},
            {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Tell me a long story."}}}},
            {"max_tokens", maxTokens},
            {"temperature", 0},
            {"stream", true}};
}

} // namespace

class TestServing : public QObject {
    Q_OBJECT
    // --queue 0: one job at a time and none waiting, so "busy" is easy to reach.
    ApiTestServer m_server;

    // Starts a streamed request and waits until its first bytes arrived (the job runs).
    QNetworkReply* startStream(ApiTestServer& server, const QJsonObject& body)
    {
        QNetworkRequest request{QUrl(server.url("/v1/chat/completions"))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply* reply =
            server.network().post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        waitUntil([&] { return reply->bytesAvailable() > 0 || reply->isFinished(); }, 30000);
        return reply;
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_server.addTinyModel());
        QVERIFY(m_server.start({"-m", "tiny", "--queue", "0", "--request-timeout", "1"}));
    }

    void slowClientIsTimedOutAndOthersServed()
    {
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, QUrl(m_server.url("/")).port());
        QVERIFY(slow.waitForConnected(5000));
        slow.write("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Le");
        QByteArray answer;
        QElapsedTimer clock;
        clock.start();
        // A header trickled byte by byte: still not whole when the second runs out.
        while (clock.elapsed() < 1500 && slow.state() == QAbstractSocket::ConnectedState) {
            slow.write("n");
            slow.flush();
            QCOMPARE(m_server.request("GET", "/health").status, 200);
            waitUntil([&] { return slow.bytesAvailable() > 0; }, 100);
            answer += slow.readAll();
        }
        waitUntil([&] { return slow.state() != QAbstractSocket::ConnectedState; }, 5000);
        answer += slow.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
        QVERIFY(slow.state() != QAbstractSocket::ConnectedState);
    }

    void manyClientsAtOnceAndPipelining()
    {
        const quint16 port = quint16(QUrl(m_server.url("/")).port());
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 200; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        for (auto& client : clients)
            client->write("GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(waitUntil(
            [&] {
                return std::all_of(clients.begin(), clients.end(), [](const auto& client) {
                    client->readAll();
                    return client->state() == QAbstractSocket::UnconnectedState;
                });
            },
            60000));
        const QStringList logged = m_server.logLines().filter(" GET /v1/models 200 ");
        QVERIFY2(logged.size() >= 200, qPrintable(QString::number(logged.size())));

        // Two requests sent at once on one connection are answered in order.
        QTcpSocket pipelined;
        pipelined.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(pipelined.waitForConnected(5000));
        pipelined.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/version HTTP/1.1\r\nHost: x\r\n"
                        "Connection: close\r\n\r\n");
        QByteArray both;
        QVERIFY(waitUntil([&] {
            both += pipelined.readAll();
            return pipelined.state() == QAbstractSocket::UnconnectedState;
        }));
        both += pipelined.readAll();
        QVERIFY2(both.indexOf("\"status\":\"ok\"") >= 0 &&
                     both.indexOf("\"version\"") > both.indexOf("\"status\""),
                 both.constData());
        QCOMPARE(both.count("HTTP/1.1 200 OK"), 2);
    }

    void tooManyMessagesIs400()
    {
        QJsonArray messages;
        for (int i = 0; i < 1001; ++i)
            messages.append(QJsonObject{{"role", "user"}, {"content", "hi"}});
        const HttpResult result = m_server.post("/v1/chat/completions", {{"messages", messages}});
        QCOMPARE(result.status, 400);
        QVERIFY(result.json()["error"].toObject()["message"].toString().contains("1000"));
    }

    void oversizedBodyIs413InEachShape()
    {
        const QByteArray big(5 * 1024 * 1024, 'x');
        const HttpResult openAi = m_server.request("POST", "/v1/chat/completions", big);
        QCOMPARE(openAi.status, 413);
        QVERIFY(openAi.json()["error"].toObject()["message"].toString().contains("bytes"));

        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(big);
        file.flush();
        const QByteArray ollama =
            curl({"-w", "\n%{http_code}", "--data-binary", "@" + file.fileName(), m_server.url("/api/chat")});
        QVERIFY2(ollama.endsWith("\n413"), ollama.right(200).constData());
        QVERIFY(QJsonDocument::fromJson(ollama.left(ollama.lastIndexOf('\n'))).object()["error"].isString());
        // The server still answers.
        QCOMPARE(m_server.request("GET", "/health").status, 200);
    }

    void hugeHeaderIs431()
    {
        const QByteArray answer =
            curl({"-w", "\n%{http_code}", "-H", "X-Padding: " + QByteArray(100 * 1024, 'a'),
                  m_server.url("/v1/models")});
        QVERIFY2(answer.endsWith("\n431"), answer.right(200).constData());
    }

    void fullQueueIs429WithRetryAfter()
    {
        QNetworkReply* running = startStream(m_server, longChat(2000));
        QVERIFY(!running->isFinished());
        const HttpResult refused = m_server.post("/v1/chat/completions", longChat(8));
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.headers.value("retry-after"), QByteArray("1"));
        QCOMPARE(refused.json()["error"].toObject()["type"].toString(), QString("rate_limit_error"));
        const QByteArray ollama = curl({"-i", "-d", R"({"prompt": "hi"})", m_server.url("/api/generate")});
        QVERIFY2(ollama.startsWith("HTTP/1.1 429"), ollama.constData());
        QVERIFY(ollama.contains("Retry-After: 1"));
        running->abort();
        running->deleteLater();
        QVERIFY(waitUntil([&] { return !m_server.logLines().filter(" 499 ").isEmpty(); }, 5000));
    }

    void disconnectCancelsAndTheNextStartsPromptly()
    {
        const qsizetype cancelledBefore = m_server.logLines().filter(" 499 ").size();
        QNetworkReply* stream = startStream(m_server, longChat(2000));
        QVERIFY(!stream->isFinished());
        stream->abort();
        stream->deleteLater();
        // With no room to wait, the next request is accepted only once the cancelled job ended.
        QElapsedTimer clock;
        clock.start();
        HttpResult next;
        do {
            next = m_server.post("/v1/chat/completions",
                                 {{"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Hi"}}}},
                                  {"max_tokens", 4}});
        } while (next.status == 429 && clock.elapsed() < 3000);
        QCOMPARE(next.status, 200);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(
            waitUntil([&] { return m_server.logLines().filter(" 499 ").size() > cancelledBefore; }, 5000));
        const QString cancelled = m_server.logLines().filter(" 499 ").last();
        static const QRegularExpression tokens("tokens=\\d+\\+(\\d+)");
        const int generated = tokens.match(cancelled).captured(1).toInt();
        QVERIFY2(generated < 2000, qPrintable(cancelled));
    }

    void apiKeyIsRequiredBeyondLoopbackAndEnforced()
    {
        ApiTestServer open;
        QProcess refused;
        refused.setProcessEnvironment(open.environment());
        refused.start(hearthCli(), {"serve", "--host", "0.0.0.0", "--port", "0"});
        QVERIFY(refused.waitForFinished(30000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY(refused.readAllStandardError().contains("--api-key"));

        ApiTestServer keyed;
        QVERIFY(keyed.start({"--api-key", "sekret-key", "--cors-origin", "http://localhost:3000"}));
        const HttpResult none = keyed.request("GET", "/v1/models");
        QCOMPARE(none.status, 401);
        QCOMPARE(none.json()["error"].toObject()["code"].toString(), QString("invalid_api_key"));
        QCOMPARE(keyed.request("GET", "/v1/models", {}, {{"Authorization", "Bearer sekret-kex"}}).status,
                 401);
        QCOMPARE(keyed.request("GET", "/api/tags", {}, {{"Authorization", "Bearer sekret"}}).status, 401);
        QCOMPARE(keyed.request("GET", "/v1/models", {}, {{"Authorization", "Bearer sekret-key"}}).status,
                 200);

        // Without --api-key, the key made in the window (Settings → Local API) is the one asked for.
        ApiTestServer stored;
        const QString keyFile = stored.environment().value("XDG_CONFIG_HOME") + "/Hearth/Hearth/api-key";
        QVERIFY(QDir().mkpath(QFileInfo(keyFile).absolutePath()));
        QFile key(keyFile);
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("hearth-stored-key\n");
        key.close();
        QVERIFY(stored.start({"--host", "0.0.0.0"}));
        QCOMPARE(stored.request("GET", "/v1/models").status, 401);
        QCOMPARE(
            stored.request("GET", "/v1/models", {}, {{"Authorization", "Bearer hearth-stored-key"}}).status,
            200);
    }

    void aModelThatFailsToLoadIs500()
    {
        ApiTestServer server;
        QVERIFY(server.addTinyModel());
        // The tiny model under an architecture Hearth does not know: its header reads, its load fails.
        QFile tiny(server.modelsDir() + "/tiny.gguf");
        QVERIFY(tiny.open(QIODevice::ReadOnly));
        QFile unknown(server.modelsDir() + "/unknown-arch.gguf");
        QVERIFY(unknown.open(QIODevice::WriteOnly));
        unknown.write(tiny.readAll().replace("llama", "lxama"));
        unknown.close();
        QVERIFY(server.start({"-m", "stories260K"}));

        const HttpResult failed = server.post("/api/generate", {{"model", "unknown-arch"}, {"prompt", "a"}});
        QCOMPARE(failed.status, 500);
        QVERIFY2(failed.json()["error"].toString().contains("lxama"), failed.body.constData());
        // The server goes on, and loads a good model again.
        QCOMPARE(
            server.post("/v1/completions", {{"model", "tiny"}, {"prompt", "a"}, {"max_tokens", 2}}).status,
            200);
    }

    void ctrlCEndsTheAnswerInProgressAndExits()
    {
        ApiTestServer server;
        QVERIFY(server.addTinyModel());
        QVERIFY(server.start({"-m", "tiny"}));
        QNetworkReply* stream = startStream(server, longChat(2000));
        QVERIFY(!stream->isFinished());
        QCOMPARE(server.interrupt(), 0);
        QVERIFY(waitUntil([&] { return stream->isFinished(); }, 5000));
        const QByteArray body = stream->readAll();
        QVERIFY2(body.endsWith("data: [DONE]\n\n"), body.right(300).constData());
        QVERIFY(server.logLines().contains("stopping"));
        stream->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestServing)
#include "tst_serving.moc"
