// How `hearth-cli serve` holds up: request limits (413, 431) in each API's error shape, a full
// queue refused with 429 and Retry-After, a client that disconnects mid-stream cancelling its
// answer so the next request starts at once, the API key, and Ctrl-C ending an answer in
// progress properly before the program exits.
#include "apitestserver.h"

#include <QElapsedTimer>
#include <QJsonArray>

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
        QVERIFY(m_server.start({"-m", "tiny", "--queue", "0"}));
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
        QVERIFY(keyed.start({"--api-key", "sekret-key"}));
        const HttpResult none = keyed.request("GET", "/v1/models");
        QCOMPARE(none.status, 401);
        QCOMPARE(none.json()["error"].toObject()["code"].toString(), QString("invalid_api_key"));
        QCOMPARE(keyed.request("GET", "/v1/models", {}, {{"Authorization", "Bearer sekret-kex"}}).status,
                 401);
        QCOMPARE(keyed.request("GET", "/api/tags", {}, {{"Authorization", "Bearer sekret"}}).status, 401);
        QCOMPARE(keyed.request("GET", "/v1/models", {}, {{"Authorization", "Bearer sekret-key"}}).status,
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
