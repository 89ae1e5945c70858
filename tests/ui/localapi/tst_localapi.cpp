// Settings → Local API in the real window, offscreen, over real loopback HTTP: the switch
// (reached and pressed with the keyboard) starts the server, a bad port is told at the field,
// allowing other devices shows the new key once; a request's answer shows in the top bar while
// it runs and then as a row of the request log page (with its empty state before); with "Save
// API conversations" the answered chat appears in the sidebar. Screenshots of the section, the
// empty log and the log under build/tests/screenshots/.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "localapicontroller.h"
#include "testdata.h"
#include "waituntil.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

class TestLocalApi : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    NetworkGate m_gate;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    ChatController* m_chat = nullptr;
    LocalApiController* m_api = nullptr;
    QNetworkAccessManager m_network;

    QQuickItem* item(const char* name) const { return m_window->findChild<QQuickItem*>(QLatin1String(name)); }

    void screenshot(const QString& name)
    {
        QTest::qWait(200); // let bindings settle and a frame render
        const QImage shot = m_window->grabWindow();
        QVERIFY(!shot.isNull());
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    // Scrolls the settings page so that the item is on screen (for the screenshot).
    void scrollTo(QQuickItem* target)
    {
        QQuickItem* flick = target;
        while (flick && !flick->inherits("QQuickFlickable"))
            flick = flick->parentItem();
        if (!flick)
            return;
        const QPointF at =
            target->mapToItem(flick->property("contentItem").value<QQuickItem*>(), QPointF(0, 0));
        flick->setProperty("contentY", qMax(0.0, at.y() - 48));
    }

    QNetworkReply* chat(const QString& question, int maxTokens, const QByteArray& key)
    {
        QNetworkRequest request{QUrl(
            QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(QUrl(m_api->baseUrl()).port()))};
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("Authorization", "Bearer " + key);
        const QJsonObject body{
            {"max_tokens", maxTokens},
            {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", question}}}}};
        return m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and the key file away from the user's own
        QSettings().clear();
        QVERIFY(m_data.isValid());
        DataPaths::setOverride(m_data.path());
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        const QString models = m_data.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models));
        QProcess make;
        make.start(hearthCli(), {"make-test-model", "--preset", "tiny", "-o", models + "/tiny.gguf"});
        QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
        qputenv("HEARTH_MODELS_DIR", models.toUtf8());

        QFile::remove(LocalApiController().key()->filePath()); // a key left by an earlier run
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_engine->setInitialProperties({{QStringLiteral("networkGate"), QVariant::fromValue(&m_gate)}});
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        m_chat = m_window->findChild<ChatController*>();
        m_api = m_window->findChild<LocalApiController*>();
        QVERIFY(m_chat && m_api);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_chat->loadModel(models + "/tiny.gguf");
        QTRY_VERIFY_WITH_TIMEOUT(m_chat->model()->ready(), 60000);
    }

    void turnOnFromSettings()
    {
        QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("settings")));
        QVERIFY(!m_api->running());
        QQuickItem* enabled = item("apiEnabledSwitch");
        QVERIFY(enabled);
        QVERIFY(enabled->property("activeFocusOnTab").toBool()); // reachable with Tab
        enabled->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(m_api->running());
        QVERIFY(item("apiStatus")
                    ->property("text")
                    .toString()
                    .startsWith(QStringLiteral("Listening at http://127.0.0.1:")));

        // The port field takes 1-65535 only, and says so.
        QQuickItem* port = item("apiPortField");
        QQuickItem* portHint = item("apiPortHint");
        QVERIFY(!portHint->isVisible());
        port->setProperty("text", QStringLiteral("70000"));
        QVERIFY(!port->property("acceptableInput").toBool());
        QVERIFY(portHint->isVisible());
        port->setProperty("text", QStringLiteral("0"));
        QVERIFY(!port->property("acceptableInput").toBool());
        // A good one, typed and confirmed with Enter, is the new port.
        port->setProperty("text", QString());
        port->forceActiveFocus(Qt::TabFocusReason);
        for (const char c : QByteArray("18642"))
            QTest::keyClick(m_window, c);
        QVERIFY(!portHint->isVisible());
        QTest::keyClick(m_window, Qt::Key_Return);
        QCOMPARE(m_api->port(), 18642);
        if (!m_api->running())
            m_api->setPort(0); // taken on this machine: a free one for the rest of the test
        QVERIFY(m_api->running());
    }

    void otherDevicesShowTheKeyOnce()
    {
        QVERIFY(!item("apiKeyField")->isVisible());
        QQuickItem* network = item("apiNetworkSwitch");
        network->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(m_api->allowNetwork());
        QVERIFY(m_api->running());
        QQuickItem* keyField = item("apiKeyField");
        QTRY_VERIFY(keyField->isVisible());
        QVERIFY(keyField->property("text").toString().startsWith(QStringLiteral("hearth-")));
        QVERIFY(item("apiKeyCopyButton")->isVisible());
        QCOMPARE(item("apiBaseUrl")->property("text").toString(), m_api->baseUrl());
        scrollTo(item("apiEnabledSwitch"));
        screenshot(QStringLiteral("local-api-settings"));
    }

    void theLogPageShowsEachRequest()
    {
        QMetaObject::invokeMethod(item("apiShowLogButton"), "clicked");
        QCOMPARE(m_window->property("page").toString(), QStringLiteral("apilog"));
        QTRY_VERIFY(item("requestLogEmpty")->isVisible());
        screenshot(QStringLiteral("local-api-request-log-empty"));

        // While the answer is written, the top bar says the API is serving.
        const QByteArray key = m_api->key()->revealed().toLatin1();
        QNetworkReply* reply = chat(QStringLiteral("Tell me about kilns"), 48, key);
        QQuickItem* activity = item("apiActivity");
        QString activityText;
        QVERIFY(waitUntil(
            [&] {
                if (activity->isVisible())
                    activityText = activity->property("text").toString();
                return reply->isFinished();
            },
            60000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
        // (English plurals come from hearth_en.ts, which this test does not load.)
        QVERIFY2(activityText.startsWith(QStringLiteral("Serving API · 1 request")),
                 qPrintable(activityText));
        QTRY_VERIFY(!activity->isVisible());

        // A refused one (no key) is logged too.
        QNetworkReply* refused = chat(QStringLiteral("no key"), 4, "hearth-wrong");
        QVERIFY(waitUntil([&] { return refused->isFinished(); }));
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        refused->deleteLater();

        QQuickItem* list = item("requestLogList");
        QTRY_COMPARE(list->property("count").toInt(), 2);
        QVERIFY(!item("requestLogEmpty")->isVisible());
        RequestLogModel* log = m_api->requestLog();
        QCOMPARE(log->data(log->index(0), RequestLogModel::StatusRole).toInt(), 401);
        QCOMPARE(log->data(log->index(1), RequestLogModel::EndpointRole).toString(),
                 QStringLiteral("POST /v1/chat/completions"));
        QVERIFY(log->data(log->index(1), RequestLogModel::TokensRole).toInt() > 0);
        screenshot(QStringLiteral("local-api-request-log"));
        QMetaObject::invokeMethod(item("requestLogBackButton"), "clicked");
        QCOMPARE(m_window->property("page").toString(), QStringLiteral("settings"));
    }

    void savedChatsReachTheSidebar()
    {
        const int before = m_chat->conversations()->rowCount();
        QNetworkReply* unsaved = chat(QStringLiteral("Not kept"), 4, m_api->key()->revealed().toLatin1());
        QVERIFY(waitUntil([&] { return unsaved->isFinished(); }, 60000));
        unsaved->deleteLater();
        QTest::qWait(100);
        QCOMPARE(m_chat->conversations()->rowCount(), before);

        QQuickItem* save = item("apiSaveSwitch");
        save->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(m_api->saveConversations());
        QNetworkReply* kept =
            chat(QStringLiteral("Glaze recipes please"), 4, m_api->key()->revealed().toLatin1());
        QVERIFY(waitUntil([&] { return kept->isFinished(); }, 60000));
        kept->deleteLater();
        QTRY_COMPARE(m_chat->conversations()->rowCount(), before + 1);
        const QModelIndex first = m_chat->conversations()->index(0);
        QCOMPARE(m_chat->conversations()->data(first, ConversationListModel::TitleRole).toString(),
                 QStringLiteral("API: Glaze recipes please"));
    }

    void cleanupTestCase()
    {
        if (m_api) {
            m_api->setEnabled(false);
            m_api->setAllowNetwork(false);
            m_api->setSaveConversations(false);
        }
        m_engine.reset();
        qunsetenv("HEARTH_MODELS_DIR");
    }
};

QTEST_MAIN(TestLocalApi)
#include "tst_localapi.moc"
