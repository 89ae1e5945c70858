// The window's Local API (LocalApiController) on a real engine service, over real loopback HTTP:
// on, it serves the loaded model at its base URL and logs each request (endpoint, status,
// model, tokens) in its bounded RequestLogModel; a port in use is reported; off, it stops; the
// switches persist. Other devices on the network: a key is generated and shown once, stored
// 0600, and every request needs it (none or a wrong one: 401; a regenerated key replaces the old
// at once). Save API conversations: off, nothing reaches the history; on, one answered chat is
// one conversation titled "API: ...", marked as the API's.
#include "chat/localapicontroller.h"
#include "core/datapaths.h"
#include "engine/enginewait.h"
#include "server/apiserver.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "testdata.h"
#include "waituntil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

namespace {

struct Reply {
    int status = 0;
    QJsonObject json;
};

// A non-loopback IPv4 address of this machine, "" when it has none (a sandbox without a network).
QString lanAddress()
{
    for (const QHostAddress& address : QNetworkInterface::allAddresses())
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() &&
            !address.isLinkLocal())
            return address.toString();
    return {};
}

// Whether a TCP connection to host:port is accepted.
bool connects(const QString& host, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(host, port);
    return socket.waitForConnected(3000);
}

} // namespace

class TestLocalApiController : public QObject {
    Q_OBJECT
    QTemporaryDir m_models;
    QTemporaryDir m_data;
    QNetworkAccessManager m_network;

    Reply send(const QByteArray& method, const QString& url, const QByteArray& body = {},
               const QByteArray& key = {})
    {
        QNetworkRequest request{QUrl(url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key);
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        waitUntil([&] { return reply->isFinished(); }, 60000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.json = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return result;
    }

    int get(const QString& url, const QByteArray& key = {}) { return send("GET", url, {}, key).status; }

    static QByteArray chatBody(const QString& question)
    {
        const QJsonObject body{
            {"model", "tiny"},
            {"max_tokens", 4},
            {"temperature", 0},
            {"messages", QJsonArray{QJsonObject{{"role", "system"}, {"content", "Be brief."}},
                                    QJsonObject{{"role", "user"}, {"content", question}}}}};
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    static int storedConversations()
    {
        Database db(Database::defaultFilePath());
        db.open();
        return ConversationStore(db).count();
    }

    void loadModel(EngineService& engine, const QString& file)
    {
        LoadRequest request;
        request.path = m_models.filePath(file);
        const LoadOutcome loaded = loadModelAndWait(engine, request);
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings and the key file away from the user's own
        QSettings().clear();
        QVERIFY(m_data.isValid());
        DataPaths::setOverride(m_data.path()); // the history these tests save into
        QFile::link(testdataPath("stories260K.gguf"), m_models.filePath("stories260K.gguf"));
        // The tiny random-weight model has a chat template (ChatML); stories260K has none.
        QProcess make;
        make.start(hearthCli(),
                   {"make-test-model", "--preset", "tiny", "-o", m_models.filePath("tiny.gguf")});
        QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
        qputenv("HEARTH_MODELS_DIR", m_models.path().toUtf8());
        LocalApiController controller;
        QFile::remove(controller.key()->filePath()); // a key left by an earlier run
    }

    void servesTheWindowsModelWhileOn()
    {
        EngineService engine;
        loadModel(engine, "stories260K.gguf");

        LocalApiController controller;
        controller.setPort(0);
        controller.setEngine(&engine);
        QVERIFY(!controller.running());
        QCOMPARE(controller.status(), QString("Off"));

        controller.setEnabled(true);
        QVERIFY2(controller.running(), qPrintable(controller.status()));
        QVERIFY(controller.status().startsWith("Listening at http://127.0.0.1:"));
        const QString base = controller.baseUrl();
        QVERIFY(base.endsWith("/v1") && !base.contains(":0/"));
        const Reply models = send("GET", base + "/models");
        QCOMPARE(models.status, 200);
        QCOMPARE(models.json["data"].toArray().first().toObject()["id"].toString(), QString("stories260K"));
        // The model was loaded before the API was switched on; it is the one served.
        const Reply answer =
            send("POST", base + "/completions", R"({"prompt": "Once upon a time", "max_tokens": 4})");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json["model"].toString(), QString("stories260K"));

        RequestLogModel* log = controller.requestLog();
        QVERIFY(waitUntil([&] { return log->rowCount() == 2; }));
        const auto cell = [log](int row, int role) { return log->data(log->index(row), role); };
        // Newest first.
        QCOMPARE(cell(0, RequestLogModel::EndpointRole).toString(), QString("POST /v1/completions"));
        QCOMPARE(cell(0, RequestLogModel::StatusRole).toInt(), 200);
        QCOMPARE(cell(0, RequestLogModel::ModelRole).toString(), QString("stories260K"));
        QCOMPARE(cell(0, RequestLogModel::ClientRole).toString(), QString("127.0.0.1"));
        QCOMPARE(cell(0, RequestLogModel::CompletionTokensRole).toInt(),
                 answer.json["usage"].toObject()["completion_tokens"].toInt());
        QCOMPARE(cell(0, RequestLogModel::TokensRole).toInt(),
                 answer.json["usage"].toObject()["total_tokens"].toInt());
        QVERIFY(cell(0, RequestLogModel::TokensRole).toInt() > 0);
        QVERIFY(!cell(0, RequestLogModel::TimeRole).toString().isEmpty());
        QCOMPARE(cell(1, RequestLogModel::EndpointRole).toString(), QString("GET /v1/models"));
        QCOMPARE(cell(1, RequestLogModel::TokensRole).toInt(), 0);
        QCOMPARE(log->roleNames().value(RequestLogModel::DurationMsRole), QByteArray("durationMs"));

        controller.setEnabled(false);
        QVERIFY(!controller.running());
        QCOMPARE(get(base + "/models"), 0); // refused: nothing listens
        QCOMPARE(QSettings().value("api/enabled").toBool(), false);
    }

    void savesChatsOnlyWhenAsked()
    {
        EngineService engine;
        loadModel(engine, "tiny.gguf");
        LocalApiController controller;
        controller.setPort(0);
        controller.setEngine(&engine);
        controller.setEnabled(true);
        QVERIFY2(controller.running(), qPrintable(controller.status()));
        QVERIFY(!controller.saveConversations()); // off by default
        QSignalSpy saved(&controller, &LocalApiController::conversationSaved);
        const int before = storedConversations();

        const Reply first =
            send("POST", controller.baseUrl() + "/chat/completions", chatBody("Tell me about kilns"));
        QCOMPARE(first.status, 200);
        RequestLogModel* log = controller.requestLog();
        QVERIFY(waitUntil([&] { return log->rowCount() == 1; }));
        QCOMPARE(log->data(log->index(0), RequestLogModel::EndpointRole).toString(),
                 QString("POST /v1/chat/completions"));
        QCOMPARE(log->data(log->index(0), RequestLogModel::StatusRole).toInt(), 200);
        QCOMPARE(log->data(log->index(0), RequestLogModel::ModelRole).toString(), QString("tiny"));
        QCOMPARE(log->data(log->index(0), RequestLogModel::PromptTokensRole).toInt(),
                 first.json["usage"].toObject()["prompt_tokens"].toInt());
        QCOMPARE(saved.count(), 0);
        QCOMPARE(storedConversations(), before);

        controller.setSaveConversations(true);
        QCOMPARE(QSettings().value("api/saveConversations").toBool(), true);
        const Reply second =
            send("POST", controller.baseUrl() + "/chat/completions", chatBody("What is a glaze made of?"));
        QCOMPARE(second.status, 200);
        QVERIFY(waitUntil([&] { return saved.count() == 1; }));
        QCOMPARE(storedConversations(), before + 1);

        Database db(Database::defaultFilePath());
        db.open();
        ConversationStore store(db);
        const Conversation conversation = store.conversation(saved.first().first().toLongLong());
        QCOMPARE(conversation.title, QString("API: What is a glaze made of?"));
        QCOMPARE(conversation.settings["origin"].toString(), QString("api"));
        QCOMPARE(conversation.systemPrompt, QString("Be brief."));
        QCOMPARE(conversation.modelName, QString("tiny"));
        const QList<Message> path = store.activePath(conversation.id);
        QCOMPARE(path.size(), 2);
        QCOMPARE(path[0].role, Role::User);
        QCOMPARE(path[0].content, QString("What is a glaze made of?"));
        QCOMPARE(path[1].role, Role::Assistant);
        const QString sent =
            second.json["choices"].toArray().first().toObject()["message"].toObject()["content"].toString();
        QCOMPARE(path[1].content, sent.trimmed());
        QCOMPARE(path[1].generatedTokens, second.json["usage"].toObject()["completion_tokens"].toInt());

        // A request that is not a chat (models, completions) saves nothing.
        QCOMPARE(get(controller.baseUrl() + "/models"), 200);
        QCOMPARE(send("POST", controller.baseUrl() + "/completions", R"({"prompt": "Once", "max_tokens": 2})")
                     .status,
                 200);
        QTest::qWait(100);
        QCOMPARE(saved.count(), 1);
        controller.setSaveConversations(false);
        controller.setEnabled(false);
    }

    void networkModeNeedsTheKey()
    {
        EngineService engine;
        LocalApiController controller;
        controller.setPort(0);
        controller.setEngine(&engine);
        controller.setEnabled(true);
        QVERIFY(controller.running());
        const quint16 loopbackPort = quint16(QUrl(controller.baseUrl()).port());
        const QString lan = lanAddress();
        if (!lan.isEmpty()) // listening on the loopback only: the network address is refused
            QVERIFY(!connects(lan, loopbackPort));
        QVERIFY(!controller.key()->exists());
        QCOMPARE(get(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(loopbackPort)),
                 200); // no key needed

        controller.setAllowNetwork(true);
        QVERIFY2(controller.running(), qPrintable(controller.status()));
        QVERIFY(controller.error().isEmpty());
        QVERIFY(controller.key()->exists());
        const QByteArray key = controller.key()->revealed().toLatin1();
        QVERIFY(key.startsWith("hearth-"));
        QCOMPARE(key.size(), 7 + 43); // 32 random bytes in base64url
        QCOMPARE(controller.key()->value(), QString::fromLatin1(key));
        struct stat st {};
        QCOMPARE(stat(QFile::encodeName(controller.key()->filePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(QSettings().value("api/allowNetwork").toBool(), true);

        const quint16 port = quint16(QUrl(controller.baseUrl()).port());
        const QString local = QStringLiteral("http://127.0.0.1:%1/v1/models").arg(port);
        const Reply refused = send("GET", local);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.json["error"].toObject()["code"].toString(), QString("invalid_api_key"));
        QCOMPARE(get(local, "hearth-wrong"), 401);
        QCOMPARE(get(local, key.left(key.size() - 1)), 401);
        QCOMPARE(get(local, key), 200);
        if (!lan.isEmpty()) { // every interface listens now, and needs the key there too
            QVERIFY(controller.baseUrl().startsWith("http://" + lan));
            const QString remote = QStringLiteral("http://%1:%2/v1/models").arg(lan).arg(port);
            QCOMPARE(get(remote), 401);
            QCOMPARE(get(remote, key), 200);
        }
        RequestLogModel* log = controller.requestLog();
        QVERIFY(
            waitUntil([&] { return log->data(log->index(0), RequestLogModel::StatusRole).toInt() == 200; }));
        QCOMPARE(log->data(log->index(1), RequestLogModel::StatusRole).toInt(), 401);

        // Shown once: hidden, it is not offered again; a new one replaces it at once.
        controller.key()->hide();
        QVERIFY(controller.key()->revealed().isEmpty());
        controller.regenerateKey();
        const QByteArray newKey = controller.key()->revealed().toLatin1();
        QVERIFY(!newKey.isEmpty() && newKey != key);
        QCOMPARE(get(local, key), 401);
        QCOMPARE(get(local, newKey), 200);
        QCOMPARE(stat(QFile::encodeName(controller.key()->filePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);

        // A restart reads the stored key without showing it.
        LocalApiController again;
        QVERIFY(again.key()->exists());
        QVERIFY(again.key()->revealed().isEmpty());
        QCOMPARE(again.key()->value(), QString::fromLatin1(newKey));

        controller.setAllowNetwork(false);
        const QString backToLocal = QStringLiteral("%1/models").arg(controller.baseUrl());
        QVERIFY(backToLocal.startsWith("http://127.0.0.1:"));
        QCOMPARE(get(backToLocal), 200);
        controller.setEnabled(false);
    }

    void aPortInUseIsReported()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        EngineService engine;
        LocalApiController controller;
        controller.setEngine(&engine);
        controller.setPort(taken.serverPort());
        controller.setEnabled(true);
        QVERIFY(!controller.running());
        QVERIFY2(controller.error().contains(QString::number(taken.serverPort())),
                 qPrintable(controller.error()));
        QCOMPARE(controller.status(), controller.error());
        taken.close();
        controller.setPort(0);
        QVERIFY(controller.running());
        QVERIFY(controller.error().isEmpty());
        QCOMPARE(QSettings().value("api/enabled").toBool(), true);
        controller.setEnabled(false);
    }

    void theLogKeepsTheNewestRows()
    {
        RequestLogModel log;
        QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
        for (int i = 0; i < RequestLogModel::kMaxRows + 20; ++i) {
            ApiLogEntry entry;
            entry.time = QDateTime::currentDateTimeUtc();
            entry.method = "GET";
            entry.path = "/v1/models/" + QByteArray::number(i);
            entry.status = i % 2 ? 200 : 404;
            log.add(entry);
        }
        QCOMPARE(log.rowCount(), RequestLogModel::kMaxRows);
        QCOMPARE(removed.count(), 20);
        QCOMPARE(log.data(log.index(0), RequestLogModel::EndpointRole).toString(),
                 QStringLiteral("GET /v1/models/%1").arg(RequestLogModel::kMaxRows + 19));
        QCOMPARE(log.data(log.index(RequestLogModel::kMaxRows - 1), RequestLogModel::EndpointRole).toString(),
                 QString("GET /v1/models/20"));
        QCOMPARE(log.data(log.index(0), RequestLogModel::FailedRole).toBool(), false);
        QCOMPARE(log.data(log.index(1), RequestLogModel::FailedRole).toBool(), true);
        log.clear();
        QCOMPARE(log.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLocalApiController)
#include "tst_localapicontroller.moc"
