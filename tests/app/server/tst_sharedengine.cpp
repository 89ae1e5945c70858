// The API inside the window shares the window's engine: with the API's own queue full (429),
// the engine still takes the window's chat turn, which runs ahead of the API's answer.
#include "engine/enginewait.h"
#include "server/apiserver.h"
#include "testdata.h"
#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestSharedEngine : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

  private slots:
    void theWindowAlwaysFindsRoom()
    {
        const QString tiny = m_dir.filePath("tiny.gguf");
        QProcess make;
        make.start(hearthCli(), {"make-test-model", "--preset", "tiny", "-o", tiny});
        QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
        EngineService::Options engineOptions;
        engineOptions.maxQueuedJobs = 4;
        EngineService engine(engineOptions);
        LoadRequest request;
        request.path = tiny;
        QVERIFY(loadModelAndWait(engine, request).error.isEmpty());
        InstalledModel installed;
        installed.id = "tiny";
        installed.path = tiny;
        ApiServerOptions options;
        options.port = 0;
        options.maxQueuedRequests = 0; // one API job at a time, none waiting
        ApiServer server(
            engine, [&] { return QList<InstalledModel>{installed}; }, options);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(server.port());

        QNetworkAccessManager network;
        const auto post = [&](int maxTokens, bool stream) {
            QNetworkRequest r{QUrl(url)};
            r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            const QJsonObject body{
                {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Go on"}}}},
                {"max_tokens", maxTokens},
                {"temperature", 0},
                {"stream", stream}};
            return network.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
        };
        QNetworkReply* running = post(400, true);
        QVERIFY(waitUntil([&] { return running->bytesAvailable() > 0 || running->isFinished(); }));
        QVERIFY2(!running->isFinished(), running->readAll().constData());
        QNetworkReply* refused = post(4, false);
        QVERIFY(waitUntil([&] { return refused->isFinished(); }));
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);

        // The window's turn is accepted and ends first: Interactive overtakes Api at a token.
        EngineJob chat;
        chat.clientId = "chat:1";
        chat.turns = {{"user", "Hello"}};
        chat.maxTokens = 4;
        chat.sampling.temperature = 0;
        const JobOutcome outcome = runJobAndWait(engine, chat);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.stats.generatedTokens, 4);
        QVERIFY(!running->isFinished());
        QVERIFY(waitUntil([&] { return running->isFinished(); }, 60000));
        QCOMPARE(running->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(running->readAll().endsWith("data: [DONE]\n\n"));
        running->deleteLater();
        refused->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestSharedEngine)
#include "tst_sharedengine.moc"
