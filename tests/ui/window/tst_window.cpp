// Starts the real QML window offscreen, waits for its first frame and saves a screenshot under the
// build folder (tests/screenshots/), so a person can look at what the app shows. Then again with
// the locale set to German: the window speaks German. And: a plain start, even with an unfinished
// download left from an earlier run, makes no network request; the offline switch refuses them
// and the Network log page lists them.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "modelscontroller.h"
#include "testhub.h"
#include "translations.h"
#include "waituntil.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

class TestWindow : public QObject {
    Q_OBJECT
private slots:
    void firstFrameAndScreenshot()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and data away from the user's own
        QTemporaryDir data;
        QVERIFY(data.isValid());
        DataPaths::setOverride(data.path());
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        NetworkGate network;
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("networkGate"), QVariant::fromValue(&network)}});
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(window->title().contains(QStringLiteral("Hearth")));
        QSignalSpy frames(window, &QQuickWindow::frameSwapped);
        window->show();
        QVERIFY(frames.wait(10000) || frames.count() > 0);
        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window->size() * window->devicePixelRatio());
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + QStringLiteral("/main-window.png")));
    }

    void startupMakesNoRequest()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("qrc:/qt/qml/Hearth/")));
        QTemporaryDir data;
        QVERIFY(data.isValid());
        DataPaths::setOverride(data.path());
        // An unfinished download from an earlier run, on a server that counts what it is asked.
        TestHub hub;
        hub.addRepo(QStringLiteral("acme/Tiny-GGUF"), 1);
        hub.addFile(QStringLiteral("acme/Tiny-GGUF"), QStringLiteral("tiny.gguf"), TestHub::makeGguf(1 << 20, 5));
        const QString models = data.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models));
        qputenv("HEARTH_MODELS_DIR", models.toUtf8());
        qputenv("HF_ENDPOINT", hub.url().toString().toUtf8());
        QFile part(models + QStringLiteral("/tiny.gguf.part"));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(QByteArray(1000, 'x'));
        part.close();
        QFile sidecar(models + QStringLiteral("/tiny.gguf.part.json"));
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("acme/Tiny-GGUF/tiny.gguf")},
                                                {QStringLiteral("url"), hub.url().toString() + QStringLiteral("/acme/Tiny-GGUF/resolve/main/tiny.gguf")},
                                                {QStringLiteral("file"), QStringLiteral("tiny.gguf")},
                                                {QStringLiteral("size"), -1}})
                          .toJson());
        sidecar.close();

        NetworkGate network;
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("networkGate"), QVariant::fromValue(&network)}});
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTest::qWait(2000); // long enough for anything started at start-up to reach the server
        QCOMPARE(network.requestCount(), 0);
        QVERIFY(hub.requests().isEmpty());
        auto* modelsController = window->findChild<ModelsController*>();
        QVERIFY(modelsController);
        QCOMPARE(modelsController->networkGate(), &network);

        // The top bar's switch turns offline mode on; a search is then refused and logged.
        auto* offlineSwitch = window->findChild<QQuickItem*>(QStringLiteral("offlineSwitch"));
        QVERIFY(offlineSwitch);
        const QPointF center = offlineSwitch->mapToScene(QPointF(offlineSwitch->width() / 2, offlineSwitch->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
        QVERIFY(network.offline());
        auto* settingsSwitch = window->findChild<QQuickItem*>(QStringLiteral("settingsOfflineSwitch"));
        QVERIFY(settingsSwitch);
        QVERIFY(settingsSwitch->property("checked").toBool());
        modelsController->search(QStringLiteral("tiny"));
        QVERIFY(waitUntil([&] { return modelsController->property("searchStatus").toString().contains(QStringLiteral("Offline mode is on")); }));
        QCOMPARE(network.requestCount(), 1);
        QVERIFY(network.records().first().refused);
        QVERIFY(hub.requests().isEmpty());
        window->setProperty("page", QStringLiteral("network"));
        auto* list = window->findChild<QQuickItem*>(QStringLiteral("networkLogList"));
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), 1);
        QTest::qWait(200);
        QVERIFY(window->grabWindow().save(QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots/network-log.png")));

        QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
        QVERIFY(!network.offline());
        qunsetenv("HEARTH_MODELS_DIR");
        qunsetenv("HF_ENDPOINT");
    }

    void germanLocale()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        DataPaths::setOverride(data.path());
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // as with LANG=de_DE.UTF-8
        QVERIFY(installTranslations(*QCoreApplication::instance()));
        NetworkGate network;
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("networkGate"), QVariant::fromValue(&network)}});
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        // QML strings, and strings the C++ controllers make.
        auto* newChat = window->findChild<QQuickItem*>(QStringLiteral("newChatButton"));
        QVERIFY(newChat);
        QCOMPARE(newChat->property("text").toString(), QStringLiteral("＋  Neuer Chat"));
        auto* search = window->findChild<QQuickItem*>(QStringLiteral("searchField"));
        QVERIFY(search);
        QCOMPARE(search->property("placeholderText").toString(), QStringLiteral("Unterhaltungen durchsuchen (Strg+F)"));
        auto* chat = window->findChild<ChatController*>();
        QVERIFY(chat);
        QCOMPARE(chat->model()->statusText(), QStringLiteral("Kein Modell geladen"));

        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots/main-window-de.png")));
    }
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
