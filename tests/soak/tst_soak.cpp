// Soak: Hearth used for a long time in one process, as the window is. 10,000 tokens in one chat
// whose history outgrows the context many times over, 100 model switches, 50 summaries and 1,000
// requests to the local API, each on the real engine (lavapipe in CI). Resident memory and the GPU
// memory Hearth holds are sampled throughout; a run fails when either grew more than 5 % after
// warm-up. Label slow: run by packaging/soak.sh, not by default.
#include "documents/chunker.h"
#include "documents/documentstore.h"
#include "documents/summarizer.h"
#include "engine/enginewait.h"
#include "hearth/test_model.h"
#include "memorytrack.h"
#include "server/apiserver.h"
#include "storage/database.h"
#include "testdata.h"
#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr int kContext = 256;

LoadRequest loadRequest(const QString& path)
{
    LoadRequest request;
    request.path = path;
    request.contextLength = kContext;
    request.batchSize = 32;
    return request;
}

} // namespace

class TestSoak : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_tiny;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tiny = m_dir.filePath(QStringLiteral("tiny.gguf"));
        hearth::write_test_model({}, m_tiny.toStdString());
    }

    void tenThousandTokensInOneChat()
    {
        EngineService engine;
        const LoadOutcome loaded = loadModelAndWait(engine, loadRequest(m_tiny));
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        MemoryTrack track(QStringLiteral("10,000 tokens in one chat"));
        QList<QPair<QString, QString>> turns{
            {QStringLiteral("system"), QStringLiteral("You tell one long story.")}};
        int generated = 0;
        int historyTokens = 0;
        JobStats last;
        for (int turn = 1; generated < 10000; ++turn) {
            turns.append(
                {QStringLiteral("user"), QStringLiteral("Go on with the story, part %1.").arg(turn)});
            EngineJob job;
            job.kind = JobKind::ChatTurn;
            job.clientId = QStringLiteral("chat:1");
            job.turns = turns;
            job.maxTokens = 100;
            job.ignoreEndOfGeneration = true;
            job.sampling.temperature = 0.8f;
            job.sampling.seed = uint64_t(turn);
            const JobOutcome outcome = runJobAndWait(engine, job);
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QVERIFY(outcome.stats.contextTokens <= loaded.contextLength);
            generated += outcome.stats.generatedTokens;
            historyTokens += outcome.stats.generatedTokens + 10;
            turns.append({QStringLiteral("assistant"), outcome.text});
            last = outcome.stats;
            track.sample();
        }
        // The history is many contexts long; the prompt still fits: old turns were left out.
        QVERIFY(historyTokens > 20 * loaded.contextLength);
        QVERIFY(last.promptTokens < loaded.contextLength);
        const QString grew = track.verdict();
        QVERIFY2(grew.isEmpty(), qPrintable(grew));
    }

    void aHundredModelSwitches()
    {
        EngineService engine;
        const QString models[] = {m_tiny, testdataPath(QStringLiteral("stories260K.gguf"))};
        MemoryTrack track(QStringLiteral("100 model switches"));
        for (int i = 0; i < 100; ++i) {
            const LoadOutcome loaded = loadModelAndWait(engine, loadRequest(models[i % 2]));
            QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
            EngineJob job;
            job.kind = JobKind::Completion;
            job.clientId = QStringLiteral("switch");
            job.prompt = QStringLiteral("Once upon a time");
            job.maxTokens = 4;
            job.ignoreEndOfGeneration = true;
            const JobOutcome outcome = runJobAndWait(engine, job);
            QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
            QCOMPARE(outcome.stats.generatedTokens, 4);
            track.sample();
        }
        const QString grew = track.verdict();
        QVERIFY2(grew.isEmpty(), qPrintable(grew));
    }

    void fiftySummaries()
    {
        Database db(m_dir.filePath(QStringLiteral("summaries.db")));
        db.open();
        DocumentStore documents(db);
        SummaryStore summaries(db);
        Document document;
        document.title = QStringLiteral("The harbour");
        document.format = QStringLiteral("txt");
        document.text =
            QStringLiteral("The harbour of Lindholm handles grain, timber and coal for the whole valley. "
                           "Its pier was rebuilt in stone after the storm of the wet spring.\n\n"
                           "A ferry crosses to the island twice a day when the weather allows it.");
        const QList<Chunk> chunks = Chunker(Chunker::kDefaultBudget, Chunker::estimateTokens).chunk(document);
        const qint64 id = documents
                              .add(m_dir.filePath(QStringLiteral("harbour.txt")),
                                   QStringLiteral("harbour.txt"), document.text.size(), document, chunks,
                                   QStringLiteral("chars/4"), Chunker::kDefaultBudget)
                              .id;
        EngineService engine;
        LoadRequest request = loadRequest(m_tiny);
        request.contextLength = 512; // the summary's instructions alone take more than 256
        const LoadOutcome loaded = loadModelAndWait(engine, request);
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        MemoryTrack track(QStringLiteral("50 summaries"));
        for (int i = 0; i < 50; ++i) {
            Summarizer summarizer(engine, summaries);
            bool done = false;
            QString error;
            connect(&summarizer, &Summarizer::finished, this, [&] { done = true; });
            connect(&summarizer, &Summarizer::failed, this, [&](const QString& e) {
                error = e;
                done = true;
            });
            SummarySettings settings;
            settings.focus = QStringLiteral("part %1").arg(i); // a new summary each time
            summarizer.start(id, document, m_tiny, loaded.contextLength, settings);
            QVERIFY(waitUntil([&] { return done; }, 120000));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            track.sample();
        }
        const QString grew = track.verdict();
        QVERIFY2(grew.isEmpty(), qPrintable(grew));
    }

    void aThousandApiRequests()
    {
        EngineService engine;
        QVERIFY(loadModelAndWait(engine, loadRequest(m_tiny)).error.isEmpty());
        InstalledModel installed;
        installed.id = QStringLiteral("tiny");
        installed.path = m_tiny;
        ApiServerOptions options;
        options.port = 0;
        options.loadShape = loadRequest(QString());
        ApiServer server(
            engine, [&] { return QList<InstalledModel>{installed}; }, options);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        QNetworkAccessManager network;
        const QJsonArray messages{QJsonObject{{"role", "user"}, {"content", "Tell me about the sea."}}};
        // The mix a client sends: both APIs, streamed or not, listings, and a malformed body.
        struct Call {
            QByteArray method;
            QString path;
            QJsonObject body;
            int status;
        };
        const QList<Call> calls{
            {"POST", "/v1/chat/completions", {{"messages", messages}, {"max_tokens", 4}}, 200},
            {"POST",
             "/v1/chat/completions",
             {{"messages", messages}, {"max_tokens", 4}, {"stream", true}},
             200},
            {"POST", "/v1/completions", {{"prompt", "Once upon"}, {"max_tokens", 4}}, 200},
            {"POST",
             "/api/chat",
             {{"model", "tiny"}, {"messages", messages}, {"options", QJsonObject{{"num_predict", 4}}}},
             200},
            {"POST",
             "/api/generate",
             {{"model", "tiny"},
              {"prompt", "Once"},
              {"stream", false},
              {"options", QJsonObject{{"num_predict", 4}}}},
             200},
            {"GET", "/v1/models", {}, 200},
            {"GET", "/api/tags", {}, 200},
            {"POST", "/v1/chat/completions", {{"messages", "not a list"}}, 400},
        };
        MemoryTrack track(QStringLiteral("1,000 API requests"));
        for (int i = 0; i < 1000; ++i) {
            const Call& call = calls[i % calls.size()];
            QNetworkRequest request{QUrl(base + call.path)};
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            QNetworkReply* reply = network.sendCustomRequest(
                request, call.method, call.body.isEmpty() ? QByteArray() : QJsonDocument(call.body).toJson());
            QVERIFY(waitUntil([&] { return reply->isFinished(); }, 60000));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QVERIFY2(status == call.status, qPrintable(call.path + ": " + QString::number(status) + " " +
                                                       QString::fromUtf8(reply->readAll())));
            reply->deleteLater();
            if (i % 10 == 9) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
                track.sample();
            }
        }
        const QString grew = track.verdict();
        QVERIFY2(grew.isEmpty(), qPrintable(grew));
    }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
