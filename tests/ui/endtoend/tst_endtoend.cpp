// The whole app as a user meets it, offscreen: start on an empty data folder with a small real
// model, type a message and press Enter, watch the answer stream into the view and into SQLite,
// regenerate, edit, search, restart and find the conversation again. Saves screenshots of the
// main window (light and dark), the Models page and Settings under build/tests/screenshots/.
// Then: the GUI thread stays responsive while a model loads, an answer streams and the model is
// switched (the longest stall is printed); Tab reaches every main control, each with an
// accessible name; the keyboard shortcuts do what the README says.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "core/networkgate.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "testdata.h"
#include "translations.h"

#include <QAccessible>
#include <QClipboard>
#include <QElapsedTimer>

#include <ctime>
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
// Real blocking (loading on the GUI thread, a synchronous wait on the engine) shows up as stalls
// of seconds; the bound is loose because CI is a loaded 2-core machine. The measured figure is
// printed so it can be followed.
constexpr qint64 kMaxGuiStallMs = 1000;

// CPU time the calling thread has used, in ms (-1 where the system does not say).
double threadCpuMs()
{
#ifdef Q_OS_LINUX
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
#endif
    return -1;
}

// Measures how long the GUI thread goes without running its event loop: a 5 ms timer notes the
// longest gap between its ticks (and how much of it the GUI thread itself was working, rather
// than waiting for a CPU on a loaded machine), and the longest interval between rendered frames.
class StallProbe : public QObject {
  public:
    explicit StallProbe(QQuickWindow* window)
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double cpu = threadCpuMs();
            m_longestBusyMs = qMax(m_longestBusyMs, cpu - m_lastCpu);
            m_lastCpu = cpu;
            tick(m_lastTick, m_longestGapMs);
            ++m_ticks;
        });
        connect(window, &QQuickWindow::frameSwapped, this, [this] { tick(m_lastFrame, m_longestFrameMs); ++m_frames; },
                Qt::DirectConnection);
        m_clock.start();
        m_lastTick = m_lastFrame = m_clock.elapsed();
        m_lastCpu = threadCpuMs();
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longestGapMs; }
    double longestBusyMs() const { return m_longestBusyMs; }
    qint64 longestFrameMs() const { return m_longestFrameMs; }
    int ticks() const { return m_ticks; }
    int frames() const { return m_frames; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

  private:
    void tick(qint64& last, qint64& longest)
    {
        const qint64 now = m_clock.elapsed();
        longest = qMax(longest, now - last);
        last = now;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    qint64 m_lastFrame = 0;
    qint64 m_longestGapMs = 0;
    qint64 m_longestFrameMs = 0;
    double m_lastCpu = 0;
    double m_longestBusyMs = 0;
    int m_ticks = 0;
    int m_frames = 0;
};

QString accessibleName(QObject* item)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Name) : QString();
}

// The objectName of item or of the nearest named item around it (a delegate: its list).
QString namedAround(QQuickItem* item)
{
    for (; item; item = item->parentItem())
        if (!item->objectName().isEmpty())
            return item->objectName();
    return {};
}

QString describe(QQuickItem* item)
{
    if (!item)
        return QStringLiteral("(none)");
    return QStringLiteral("%1 \"%2\" [%3]")
        .arg(QString::fromLatin1(item->metaObject()->className()), accessibleName(item), namedAround(item));
}

struct App {
    std::unique_ptr<NetworkGate> network; // outlives the window, as in main.cpp
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
        app.network = std::make_unique<NetworkGate>();
        app.engine = std::make_unique<QQmlApplicationEngine>();
        app.engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        app.engine->setInitialProperties({{QStringLiteral("startupModel"), m_model},
                                          {QStringLiteral("networkGate"), QVariant::fromValue(app.network.get())}});
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

    // Started, shown, and its model loaded.
    App startReady()
    {
        App app = start();
        if (!app.window || !app.chat)
            return app;
        app.window->show();
        if (!QTest::qWaitForWindowExposed(app.window))
            return {};
        if (!QTest::qWaitFor([&] { return app.chat->model()->ready(); }, 60000))
            qWarning("the model did not load: %s", qPrintable(app.chat->model()->error()));
        return app;
    }

    static void click(QQuickWindow* window, QQuickItem* item)
    {
        QVERIFY(item);
        QTRY_VERIFY(item->isVisible() && item->isEnabled());
        const QPointF center = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
    }

    static QString storedSystemPrompt(qint64 conversationId)
    {
        Database db(Database::defaultFilePath());
        db.open();
        return ConversationStore(db).conversation(conversationId).systemPrompt;
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
        installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)); // as main() does
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
            // The new conversation is in the sidebar while its first answer still streams.
            QCOMPARE(app.chat->conversations()->rowCount(), 1);
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
            // A whole session (load, chat, regenerate, edit, search, pages) asked nothing of the network.
            QCOMPARE(app.network->requestCount(), 0);
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

    void guiThreadStaysResponsive()
    {
        QSettings().remove(QStringLiteral("models/last")); // the window starts with no model
        const QString startupModel = std::exchange(m_model, QString());
        App app = start();
        m_model = startupModel;
        QVERIFY(app.window);
        QVERIFY(!app.chat->model()->ready());
        app.chat->settings()->setMaxTokens(96);
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window));
        // The model loads on the worker, an answer streams into the view, then another model
        // replaces it (unload, load), while the probe watches the GUI thread.
        StallProbe probe(app.window);
        app.chat->loadModel(m_model);
        QTRY_VERIFY_WITH_TIMEOUT(app.chat->model()->ready(), 60000);
        const qint64 loadedAtMs = probe.elapsedMs();
        app.chat->newChat();
        app.chat->send(QStringLiteral("One day"));
        QVERIFY(app.chat->generating());
        QVERIFY(waitForAnswer(app.chat));
        const qint64 answeredAtMs = probe.elapsedMs();
        app.chat->loadModel(testdataPath(QStringLiteral("llama-2-tiny-random.gguf")));
        QCOMPARE(app.chat->model()->status(), ModelState::Status::Unloading);
        QTRY_VERIFY_WITH_TIMEOUT(app.chat->model()->ready(), 60000);
        qInfo("GUI thread: longest stall %lld ms over %lld ms (%d ticks of a 5 ms timer); longest busy "
              "stretch %.0f ms of its own CPU time; longest interval between frames %lld ms (%d frames). "
              "Load done at %lld ms, answer at %lld ms.",
              probe.longestGapMs(), probe.elapsedMs(), probe.ticks(), probe.longestBusyMs(), probe.longestFrameMs(),
              probe.frames(), loadedAtMs, answeredAtMs);
        QVERIFY(probe.ticks() > 0);
        QVERIFY2(probe.longestGapMs() < kMaxGuiStallMs, qPrintable(QString::number(probe.longestGapMs())));
    }

    void tabReachesEveryControl()
    {
        App app = startReady();
        QVERIFY(app.chat && app.chat->model()->ready());
        QVERIFY(app.chat->conversations()->rowCount() > 0);
        auto* input = app.window->findChild<QQuickItem*>(QStringLiteral("chatInput"));
        QVERIFY(input);
        QTRY_VERIFY(input->hasActiveFocus());
        QTest::keyClick(app.window, 'x'); // Send is enabled only with something to send

        // Tab from the input around the window and back, noting every stop.
        QStringList stops;
        QStringList unnamed;
        QQuickItem* focused = nullptr;
        for (int i = 0; i < 100 && focused != input; ++i) {
            QTest::keyClick(app.window, Qt::Key_Tab);
            focused = app.window->activeFocusItem();
            QVERIFY2(focused, qPrintable(stops.join(QStringLiteral(", "))));
            stops.append(namedAround(focused));
            qInfo("Tab %d: %s", i + 1, qPrintable(describe(focused)));
            if (accessibleName(focused).trimmed().isEmpty())
                unnamed.append(describe(focused));
        }
        QCOMPARE(focused, input);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        // The main controls, in the order they are on screen.
        const QStringList expected{QStringLiteral("sendButton"),         QStringLiteral("newChatButton"),
                                   QStringLiteral("searchField"),        QStringLiteral("conversationList"),
                                   QStringLiteral("settingsPageButton"), QStringLiteral("modelPicker"),
                                   QStringLiteral("systemPromptButton"), QStringLiteral("chatInput")};
        qsizetype at = 0;
        for (const QString& name : expected) {
            at = stops.indexOf(name, at);
            QVERIFY2(at >= 0, qPrintable(name + QStringLiteral(" not reached in order: ") + stops.join(QStringLiteral(", "))));
        }
        // And back: Shift+Tab leaves the input, Tab returns to it.
        QTest::keyClick(app.window, Qt::Key_Backtab, Qt::ShiftModifier);
        QVERIFY(!input->hasActiveFocus());
        QTest::keyClick(app.window, Qt::Key_Tab);
        QVERIFY(input->hasActiveFocus());
    }

    void systemPromptFromTheHeader()
    {
        App app = startReady();
        QVERIFY(app.chat && app.chat->model()->ready());
        const qint64 id = app.chat->conversations()
                              ->data(app.chat->conversations()->index(0), ConversationListModel::ConversationIdRole)
                              .toLongLong();
        app.chat->openConversation(id);
        QVERIFY(!app.chat->systemPrompt()->overridden());

        // The header's button opens the prompt in an editor with the focus; type, Save.
        click(app.window, app.window->findChild<QQuickItem*>(QStringLiteral("systemPromptButton")));
        auto* editor = app.window->findChild<QQuickItem*>(QStringLiteral("systemPromptEditor"));
        QVERIFY(editor);
        QTRY_VERIFY(editor->hasActiveFocus());
        for (char c : QByteArrayLiteral("Answer in rhymes."))
            QTest::keyClick(app.window, c);
        screenshot(app.window, QStringLiteral("system-prompt"));
        click(app.window, app.window->findChild<QQuickItem*>(QStringLiteral("saveSystemPromptButton")));
        QTRY_VERIFY(app.chat->systemPrompt()->overridden());
        QCOMPARE(app.chat->systemPrompt()->text(), QStringLiteral("Answer in rhymes."));
        QCOMPARE(storedSystemPrompt(id), QStringLiteral("Answer in rhymes."));

        // Use default: the override is gone from SQLite too.
        click(app.window, app.window->findChild<QQuickItem*>(QStringLiteral("systemPromptButton")));
        QTRY_VERIFY(editor->hasActiveFocus());
        QCOMPARE(editor->property("text").toString(), QStringLiteral("Answer in rhymes."));
        click(app.window, app.window->findChild<QQuickItem*>(QStringLiteral("useDefaultButton")));
        QTRY_VERIFY(!app.chat->systemPrompt()->overridden());
        QCOMPARE(storedSystemPrompt(id), QString());
    }

    void shortcuts()
    {
        App app = startReady();
        QVERIFY(app.chat && app.chat->model()->ready());
        auto* input = app.window->findChild<QQuickItem*>(QStringLiteral("chatInput"));
        auto* search = app.window->findChild<QQuickItem*>(QStringLiteral("searchField"));
        QVERIFY(input && search);

        // Ctrl+F: the search box.
        QTest::keyClick(app.window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(search->hasActiveFocus());
        // Ctrl+,: Settings.
        QTest::keyClick(app.window, Qt::Key_Comma, Qt::ControlModifier);
        QCOMPARE(app.window->property("page").toString(), QStringLiteral("settings"));
        // Ctrl+N: a new, empty chat with the input focused.
        app.chat->openConversation(app.chat->conversations()->data(app.chat->conversations()->index(0),
                                                                   ConversationListModel::ConversationIdRole)
                                       .toLongLong());
        QVERIFY(app.chat->currentConversationId() != 0);
        QTest::keyClick(app.window, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(app.window->property("page").toString(), QStringLiteral("chat"));
        QCOMPARE(app.chat->currentConversationId(), 0);
        QCOMPARE(app.chat->messages()->rowCount(), 0);
        QTRY_VERIFY(input->hasActiveFocus());

        // Esc: stops an answer that would otherwise run long, even pressed at once.
        app.chat->settings()->setMaxTokens(2000);
        for (char c : QByteArrayLiteral("Tell me a long story"))
            QTest::keyClick(app.window, c);
        QSignalSpy finished(app.chat, &ChatController::answerFinished);
        QTest::keyClick(app.window, Qt::Key_Return);
        QVERIFY(app.chat->generating());
        QTest::keyClick(app.window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kAnswerTimeoutMs);
        QVERIFY(!app.chat->generating());
        const qint64 answerId = finished.first().first().toLongLong();
        {
            Database db(Database::defaultFilePath());
            db.open();
            const Message stopped = ConversationStore(db).message(answerId);
            QCOMPARE(stopped.finishReason, QStringLiteral("cancel"));
            QCOMPARE(stopped.generatedTokens, 0);
        }

        // Ctrl+Shift+C: the last answer on the clipboard.
        app.chat->settings()->setMaxTokens(24);
        MessageListModel* messages = app.chat->messages();
        app.chat->regenerate(answerId);
        QVERIFY(waitForAnswer(app.chat));
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(app.window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        const QString last = messages->data(messages->index(1), MessageListModel::ContentRole).toString();
        QVERIFY(!last.isEmpty());
        QCOMPARE(QGuiApplication::clipboard()->text(), last);
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
