// The whole app as a user meets it, offscreen: start on an empty data folder with a small real
// model, type a message and press Enter, watch the answer stream into the view and into SQLite,
// regenerate, edit, search, restart and find the conversation again. Saves screenshots of the
// main window (light and dark), the Models page and Settings under build/tests/screenshots/.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "testdata.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(HearthPlugin)

namespace {
constexpr int kAnswerTimeoutMs = 120000;

struct App {
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow* window = nullptr;
    ChatController* chat = nullptr;
};
} // namespace

class TestEndToEnd : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;
    QString m_model;

    App start()
    {
        App app;
        app.engine = std::make_unique<QQmlApplicationEngine>();
        app.engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        app.engine->setInitialProperties({{QStringLiteral("startupModel"), m_model}});
        app.engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Hearth/Main.qml")));
        if (app.engine->rootObjects().size() != 1)
            return app;
        app.window = qobject_cast<QQuickWindow*>(app.engine->rootObjects().first());
        app.chat = app.window ? app.window->findChild<ChatController*>() : nullptr;
        return app;
    }

    void screenshot(QQuickWindow* window, const QString& name)
    {
        QTest::qWait(200); // let bindings settle and a frame render
        const QImage shot = window->grabWindow();
        QVERIFY(!shot.isNull());
        const QString dir = QStringLiteral(HEARTH_BINARY_DIR "/tests/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    bool waitForAnswer(ChatController* chat)
    {
        QSignalSpy finished(chat, &ChatController::answerFinished);
        return finished.wait(kAnswerTimeoutMs);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
        QSettings().clear();
        QVERIFY(m_data.isValid());
        DataPaths::setOverride(m_data.path());
        m_model = testdataPath(QStringLiteral("stories260K.gguf"));
        QVERIFY2(QFileInfo::exists(m_model), qPrintable(m_model));
        QQuickStyle::setStyle(QStringLiteral("Basic"));
    }

    void chatSurvivesRestart()
    {
        qint64 conversationId = 0;
        QString answer;
        {
            App app = start();
            QVERIFY(app.window);
            QVERIFY(app.chat);
            app.chat->settings()->setMaxTokens(24);
            app.chat->settings()->setTemperature(0);
            app.window->show();
            QVERIFY(QTest::qWaitForWindowExposed(app.window));
            QTRY_VERIFY_WITH_TIMEOUT(app.chat->model()->ready(), 60000);
            QVERIFY2(app.chat->model()->error().isEmpty(), qPrintable(app.chat->model()->error()));

            // The input has focus once the model is ready: type and press Enter, as a user does.
            auto* input = app.window->findChild<QQuickItem*>(QStringLiteral("chatInput"));
            QVERIFY(input);
            QTRY_VERIFY(input->hasActiveFocus());
            for (char c : QByteArrayLiteral("Once upon a time"))
                QTest::keyClick(app.window, c);
            QTest::keyClick(app.window, Qt::Key_Return);
            QVERIFY(app.chat->generating());
            QVERIFY(waitForAnswer(app.chat));
            QVERIFY(!app.chat->generating());

            MessageListModel* messages = app.chat->messages();
            QCOMPARE(messages->rowCount(), 2);
            QCOMPARE(messages->data(messages->index(0), MessageListModel::ContentRole).toString(),
                     QStringLiteral("Once upon a time"));
            answer = messages->data(messages->index(1), MessageListModel::ContentRole).toString();
            QVERIFY(!answer.trimmed().isEmpty());
            QVERIFY(!messages->data(messages->index(1), MessageListModel::StatsRole).toString().isEmpty());
            auto* view = app.window->findChild<QQuickItem*>(QStringLiteral("messageList"));
            QVERIFY(view);
            QCOMPARE(view->property("count").toInt(), 2);
            conversationId = app.chat->currentConversationId();
            QVERIFY(conversationId > 0);
            QCOMPARE(app.chat->currentTitle(), QStringLiteral("Once upon a time"));
            QVERIFY(app.window->title().startsWith(QStringLiteral("Once upon a time")));
            screenshot(app.window, QStringLiteral("main-light"));

            // Regenerate: a second version of the answer, shown as 2/2.
            const qint64 answerId = messages->data(messages->index(1), MessageListModel::MessageIdRole).toLongLong();
            app.chat->regenerate(answerId);
            QVERIFY(waitForAnswer(app.chat));
            QCOMPARE(messages->data(messages->index(1), MessageListModel::SiblingCountRole).toInt(), 2);
            QCOMPARE(messages->data(messages->index(1), MessageListModel::SiblingIndexRole).toInt(), 2);
            app.chat->showSibling(messages->data(messages->index(1), MessageListModel::MessageIdRole).toLongLong(), -1);
            QCOMPARE(messages->data(messages->index(1), MessageListModel::ContentRole).toString(), answer);

            // Edit the question: a new branch with its own answer.
            const qint64 userId = messages->data(messages->index(0), MessageListModel::MessageIdRole).toLongLong();
            app.chat->editMessage(userId, QStringLiteral("The little cat"));
            QVERIFY(waitForAnswer(app.chat));
            QCOMPARE(messages->data(messages->index(0), MessageListModel::ContentRole).toString(),
                     QStringLiteral("The little cat"));
            QCOMPARE(messages->data(messages->index(0), MessageListModel::SiblingCountRole).toInt(), 2);

            // Search across conversations.
            app.chat->search(QStringLiteral("little cat"));
            QVERIFY(app.chat->conversations()->searching());
            QCOMPARE(app.chat->conversations()->rowCount(), 1);
            app.chat->search(QString());
            QCOMPARE(app.chat->conversations()->rowCount(), 1);

            app.chat->appSettings()->setTheme(QStringLiteral("dark"));
            screenshot(app.window, QStringLiteral("main-dark"));
            app.chat->appSettings()->setTheme(QStringLiteral("light"));
            app.window->setProperty("page", QStringLiteral("models"));
            screenshot(app.window, QStringLiteral("models"));
            app.window->setProperty("page", QStringLiteral("settings"));
            screenshot(app.window, QStringLiteral("settings"));
        }

        // In SQLite, read through a connection of our own.
        {
            Database db(Database::defaultFilePath());
            db.open();
            ConversationStore store(db);
            const QList<Message> path = store.activePath(conversationId);
            QCOMPARE(path.size(), 2);
            QCOMPARE(path[0].content, QStringLiteral("The little cat"));
            QVERIFY(!path[1].content.isEmpty());
            QCOMPARE(path[1].finishReason.isEmpty(), false);
            QCOMPARE(store.allMessages(conversationId).size(), 5); // 2 questions, 3 answers
        }

        // Restart: the conversation is there, with its branch on screen.
        App again = start();
        QVERIFY(again.chat);
        QCOMPARE(again.chat->conversations()->rowCount(), 1);
        again.chat->openConversation(conversationId);
        QCOMPARE(again.chat->messages()->rowCount(), 2);
        QCOMPARE(again.chat->messages()->data(again.chat->messages()->index(0), MessageListModel::ContentRole).toString(),
                 QStringLiteral("The little cat"));
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
