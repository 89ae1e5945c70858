// Starts the real QML window offscreen, waits for its first frame and saves a screenshot under the
// build folder (tests/screenshots/), so a person can look at what the app shows. Then again with
// the locale set to German: the window speaks German.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "translations.h"

#include <QDir>
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
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
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

    void germanLocale()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        DataPaths::setOverride(data.path());
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // as with LANG=de_DE.UTF-8
        QVERIFY(installTranslations(*QCoreApplication::instance()));
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
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
