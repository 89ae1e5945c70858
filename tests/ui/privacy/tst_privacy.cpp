// Encrypted history in the real window, offscreen: Settings → Privacy → Encrypt my history (the
// passphrase typed twice, too short refused), the file then holds no plaintext; a restart shows
// only the unlock page, a wrong passphrase is told plainly and changes no byte, the right one
// shows the conversation again; Remove encryption turns it off. Screenshots of the passphrase
// dialog, the unlock page and the unlocked conversation under build/tests/screenshots/.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "historycontroller.h"
#include "messagelistmodel.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/historykeys.h"

#include <memory>
#include <QCryptographicHash>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

namespace {

const QString kPassphrase = QStringLiteral("kiln and glaze at dawn");
const QByteArray kMarker = "cormorantember";

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool plaintextOnDisk(const QString& dbPath)
{
    return (fileBytes(dbPath) + fileBytes(dbPath + QStringLiteral("-wal")) +
            fileBytes(dbPath + QStringLiteral("-shm")))
        .contains(kMarker);
}

struct App {
    std::unique_ptr<NetworkGate> network; // outlives the window, as in main.cpp
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow* window = nullptr;
    ChatController* chat = nullptr;
    HistoryController* history = nullptr;

    QQuickItem* item(const char* name) const { return window->findChild<QQuickItem*>(QLatin1String(name)); }
    QObject* object(const char* name) const { return window->findChild<QObject*>(QLatin1String(name)); }
};

} // namespace

class TestPrivacy : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    qint64 m_conversationId = 0;

    App start()
    {
        App app;
        app.network = std::make_unique<NetworkGate>();
        app.engine = std::make_unique<QQmlApplicationEngine>();
        app.engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        app.engine->setInitialProperties(
            {{QStringLiteral("networkGate"), QVariant::fromValue(app.network.get())}});
        app.engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        if (app.engine->rootObjects().size() != 1)
            return app;
        app.window = qobject_cast<QQuickWindow*>(app.engine->rootObjects().first());
        if (!app.window)
            return app;
        app.chat = app.window->findChild<ChatController*>();
        app.history = app.window->findChild<HistoryController*>();
        app.window->show();
        if (!QTest::qWaitForWindowExposed(app.window))
            app.window = nullptr;
        return app;
    }

    static void screenshot(QQuickWindow* window, const QString& name)
    {
        QTest::qWait(200); // let bindings settle and a frame render
        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    // QTest::keyClicks exists for widgets only.
    static void type(QQuickWindow* window, const QString& text)
    {
        for (const QChar c : text)
            QTest::keyClick(window, c.toLatin1());
    }

    static void typeLine(QQuickWindow* window, const QString& text)
    {
        type(window, text);
        QTest::keyClick(window, Qt::Key_Return);
    }

    static QString messageText(ChatController* chat, int row)
    {
        return chat->messages()->data(chat->messages()->index(row), MessageListModel::ContentRole).toString();
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings away from the user's own
        QVERIFY(m_data.isValid());
        DataPaths::setOverride(m_data.path());
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        Database db(Database::defaultFilePath());
        db.open();
        ConversationStore store(db);
        Conversation init;
        init.title = QStringLiteral("Glazes for the cormorantember kiln");
        m_conversationId = store.create(init).id;
        Message question;
        question.content = QStringLiteral("How hot does the cormorantember glaze fire?");
        store.appendMessage(m_conversationId, question);
        Message answer;
        answer.role = Role::Assistant;
        answer.content = QStringLiteral("Cone 6, about 1220 °C.");
        answer.finishReason = QStringLiteral("stop");
        store.appendMessage(m_conversationId, answer);
    }

    void encryptFromSettings()
    {
        App app = start();
        QVERIFY(app.window && app.chat && app.history);
        QCOMPARE(app.history->state(), QStringLiteral("off"));
        QVERIFY(!app.history->locked());
        QVERIFY(!app.item("unlockPage")->isVisible());
        QMetaObject::invokeMethod(app.window, "showPage", Q_ARG(QVariant, QStringLiteral("settings")));

        QMetaObject::invokeMethod(app.item("encryptHistoryButton"), "clicked");
        QObject* dialog = app.object("encryptHistoryDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("opened").toBool());
        QQuickItem* first = app.item("newPassphraseField");
        QTRY_VERIFY(first->hasActiveFocus());
        // Too short: said so, and Encrypt stays disabled.
        type(app.window, QStringLiteral("short"));
        QVERIFY(app.item("strengthHint")->property("text").toString().contains(QStringLiteral("Too short")));
        QVERIFY(!app.item("confirmEncryptButton")->isEnabled());
        first->setProperty("text", QString());
        typeLine(app.window, kPassphrase); // Enter goes on to the second field
        QTRY_VERIFY(app.item("repeatPassphraseField")->hasActiveFocus());
        type(app.window, kPassphrase);
        QVERIFY(app.item("confirmEncryptButton")->isEnabled());
        screenshot(app.window, QStringLiteral("encrypt-history-dialog"));
        QTest::keyClick(app.window, Qt::Key_Return);

        QTRY_VERIFY_WITH_TIMEOUT(!app.history->busy() && app.history->state() == QLatin1String("on"), 60000);
        QVERIFY2(app.history->error().isEmpty(), qPrintable(app.history->error()));
        QVERIFY(!plaintextOnDisk(Database::defaultFilePath()));
        // The window carries on with its reopened connections: the list and the chat still work.
        QCOMPARE(app.chat->conversations()->rowCount(), 1);
        app.chat->openConversation(m_conversationId);
        QCOMPARE(app.chat->messages()->rowCount(), 2);
        QVERIFY(app.item("removeEncryptionButton")->isVisible());
    }

    void restartAsksForThePassphrase()
    {
        history_keys::forget(Database::defaultFilePath()); // as a new process starts without it
        App app = start();
        QVERIFY(app.window && app.chat && app.history);
        QVERIFY(app.history->locked());
        QQuickItem* unlockPage = app.item("unlockPage");
        QVERIFY(unlockPage->isVisible());
        QCOMPARE(app.chat->conversations()->rowCount(), 0); // nothing of the history is shown
        QTRY_VERIFY(app.item("unlockPassphraseField")->hasActiveFocus());
        screenshot(app.window, QStringLiteral("unlock-history"));

        const QString path = Database::defaultFilePath();
        const QByteArray before = QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256);
        QSignalSpy finished(app.history, &HistoryController::finished);
        typeLine(app.window, QStringLiteral("kiln and glaze at dusk"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(app.history->locked());
        QVERIFY2(
            app.item("unlockError")->isVisible(),
            qPrintable(app.history->error() + " / " + app.item("unlockError")->property("text").toString()));
        QVERIFY2(app.history->error().contains(QStringLiteral("wrong")), qPrintable(app.history->error()));
        QCOMPARE(QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256), before);

        typeLine(app.window, kPassphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!app.history->locked(), 30000);
        QVERIFY(!unlockPage->isVisible());
        QTRY_COMPARE(app.chat->conversations()->rowCount(), 1);
        app.chat->openConversation(m_conversationId);
        QVERIFY(app.chat->currentTitle().contains(QLatin1String(kMarker)));
        QCOMPARE(app.chat->messages()->rowCount(), 2);
        QVERIFY(messageText(app.chat, 0).contains(QLatin1String(kMarker)));
        screenshot(app.window, QStringLiteral("unlocked-conversation"));

        // Settings → Remove encryption, with the passphrase once.
        QMetaObject::invokeMethod(app.window, "showPage", Q_ARG(QVariant, QStringLiteral("settings")));
        QMetaObject::invokeMethod(app.item("removeEncryptionButton"), "clicked");
        QTRY_VERIFY(app.object("passphraseDialog")->property("opened").toBool());
        QTRY_VERIFY(app.item("passphraseField")->hasActiveFocus());
        typeLine(app.window, kPassphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!app.history->busy() && app.history->state() == QLatin1String("off"), 60000);
        QCOMPARE(app.chat->conversations()->rowCount(), 1);
        app.chat->openConversation(m_conversationId);
        QCOMPARE(app.chat->messages()->rowCount(), 2);
        QVERIFY(app.item("encryptHistoryButton")->isVisible());
    }
};

QTEST_MAIN(TestPrivacy)
#include "tst_privacy.moc"
