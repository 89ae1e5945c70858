// ChatController on its own (no window) with small real models on the CPU reference engine:
// switching model shows the old one unloading before the new one loads, and a conversation's
// own system prompt is saved in SQLite and changes the next answer; a GPU lost mid-answer (on the
// default Vulkan device) leaves the partial answer saved and marked, and the chat goes on.
#include "chatcontroller.h"
#include "core/datapaths.h"
#include "documents/chunker.h"
#include "documents/documentstore.h"
#include "hearth/fault_injection.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "testdata.h"

#include <QtTest>

namespace {
constexpr int kTimeoutMs = 60000;

struct StateStep {
    ModelState::Status status;
    QString text;
};
} // namespace

class TestChatController : public QObject {
    Q_OBJECT

    QTemporaryDir m_data;

    static bool waitForAnswer(ChatController& chat)
    {
        QSignalSpy finished(&chat, &ChatController::answerFinished);
        return finished.wait(kTimeoutMs);
    }

    // Sends text in a new chat and returns the answer (empty on failure).
    static QString answerInNewChat(ChatController& chat, const QString& text, const QString& systemPrompt,
                                   qint64* conversationId = nullptr)
    {
        chat.newChat();
        if (!systemPrompt.isNull())
            chat.setSystemPrompt(systemPrompt);
        chat.send(text);
        if (!chat.generating() || !waitForAnswer(chat))
            return {};
        if (conversationId)
            *conversationId = chat.currentConversationId();
        MessageListModel* messages = chat.messages();
        return messages->data(messages->index(messages->rowCount() - 1), MessageListModel::ContentRole)
            .toString();
    }

    // stories260K on the CPU reference, greedy, answers of at most maxTokens, no system prompt.
    static bool loadGreedyStories(ChatController& chat, int maxTokens)
    {
        chat.appSettings()->setDevice(QStringLiteral("reference"));
        chat.settings()->setTemperature(0);
        chat.settings()->setMaxTokens(maxTokens);
        chat.settings()->setSystemPrompt(QString());
        chat.loadModel(testdataPath(QStringLiteral("stories260K.gguf")));
        return QTest::qWaitFor([&] { return chat.model()->ready(); }, kTimeoutMs);
    }

    static QString storedSystemPrompt(qint64 conversationId)
    {
        Database db(Database::defaultFilePath());
        db.open();
        ConversationStore store(db);
        return store.conversation(conversationId).systemPrompt;
    }

  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
        QSettings().clear();
        QVERIFY(m_data.isValid());
        DataPaths::setOverride(m_data.path());
        QVERIFY(QFileInfo::exists(testdataPath(QStringLiteral("stories260K.gguf"))));
        QVERIFY(QFileInfo::exists(testdataPath(QStringLiteral("llama-2-tiny-random.gguf"))));
    }

    void switchingModelUnloadsTheOldOneFirst()
    {
        EngineService engine;
        ChatController chat;
        chat.setEngine(&engine);
        chat.appSettings()->setDevice(QStringLiteral("reference"));
        chat.loadModel(testdataPath(QStringLiteral("stories260K.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(chat.model()->ready(), kTimeoutMs);
        const QString oldName = chat.model()->name();

        QList<StateStep> steps;
        const auto record = [&] {
            const StateStep step{chat.model()->status(), chat.model()->statusText()};
            if (steps.isEmpty() || steps.last().text != step.text)
                steps.append(step);
        };
        connect(chat.model(), &ModelState::progressChanged, this, record);
        const QString next = testdataPath(QStringLiteral("llama-2-tiny-random.gguf"));
        chat.loadModel(next);
        // At once, on the GUI thread: the old model is shown unloading, and nothing waits for it.
        QCOMPARE(chat.model()->status(), ModelState::Status::Unloading);
        QVERIFY(chat.model()->busy());
        chat.loadModel(testdataPath(QStringLiteral("stories260K.gguf"))); // ignored while busy
        QTRY_VERIFY_WITH_TIMEOUT(chat.model()->ready(), kTimeoutMs);
        QCOMPARE(chat.model()->path(), next);

        QStringList shown;
        for (const StateStep& step : steps)
            shown.append(step.text);
        QVERIFY2(steps.size() >= 3, qPrintable(shown.join(QStringLiteral(" | "))));
        QCOMPARE(steps.first().status, ModelState::Status::Unloading);
        QCOMPARE(steps.first().text, QStringLiteral("Unloading %1…").arg(oldName));
        QCOMPARE(steps[1].status, ModelState::Status::Loading);
        QCOMPARE(steps[1].text, QStringLiteral("Loading llama-2-tiny-random 0%"));
        QCOMPARE(steps.last().status, ModelState::Status::Ready);
        QCOMPARE(steps.last().text, QStringLiteral("on %1").arg(chat.model()->device()));
        int lastPercent = -1;
        for (qsizetype i = 1; i + 1 < steps.size(); ++i) {
            QCOMPARE(steps[i].status, ModelState::Status::Loading);
            static const QRegularExpression percent(QStringLiteral("^Loading llama-2-tiny-random (\\d+)%$"));
            const QRegularExpressionMatch match = percent.match(steps[i].text);
            QVERIFY2(match.hasMatch(), qPrintable(steps[i].text));
            QVERIFY(match.captured(1).toInt() > lastPercent); // progress only moves forward
            lastPercent = match.captured(1).toInt();
        }
    }

    // The GPU is lost (injected, on the default Vulkan device) in the middle of an answer: the
    // window says so, the partial answer stays saved and marked as ended by an error, the model
    // comes back by itself and the next message is answered.
    void aLostGpuMidAnswerKeepsThePartialAnswer()
    {
        EngineService engine;
        ChatController chat;
        chat.setEngine(&engine);
        chat.appSettings()->setDevice(QString());
        chat.settings()->setTemperature(0);
        chat.settings()->setMaxTokens(48);
        chat.settings()->setSystemPrompt(QString());
        chat.loadModel(testdataPath(QStringLiteral("stories260K.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(chat.model()->ready(), kTimeoutMs);

        chat.newChat();
        QStringList notices; // the reload's own notices may follow the GPU's
        connect(&chat, &ChatController::noticeChanged, this, [&] { notices.append(chat.notice()); });
        hearth::fault_injection::lose_device(12); // the prompt, then about ten tokens
        chat.send(QStringLiteral("Once upon a time"));
        QVERIFY(chat.generating());
        QTRY_VERIFY_WITH_TIMEOUT(!chat.generating(), kTimeoutMs);
        hearth::fault_injection::lose_device(0);
        QTRY_VERIFY2_WITH_TIMEOUT(
            notices.join(QLatin1Char('\n')).contains(QLatin1String("GPU stopped responding")),
            qPrintable(notices.join(QLatin1String(" | "))), kTimeoutMs);
        MessageListModel* messages = chat.messages();
        const QModelIndex answer = messages->index(messages->rowCount() - 1);
        QVERIFY2(messages->data(answer, MessageListModel::ErrorRole)
                     .toString()
                     .contains(QLatin1String("interrupted")),
                 qPrintable(messages->data(answer, MessageListModel::ErrorRole).toString()));
        {
            Database db(Database::defaultFilePath());
            db.open();
            ConversationStore store(db);
            const QList<Message> saved = store.allMessages(chat.currentConversationId());
            QCOMPARE(saved.size(), 2);
            QVERIFY(!saved.last().content.isEmpty()); // as far as it got
            QCOMPARE(saved.last().finishReason, QStringLiteral("error"));
        }

        QTRY_VERIFY_WITH_TIMEOUT(chat.model()->ready(), kTimeoutMs); // loaded again by itself
        chat.send(QStringLiteral("The cat"));
        QVERIFY(chat.generating() && waitForAnswer(chat));
        const QModelIndex next = messages->index(messages->rowCount() - 1);
        QVERIFY(!messages->data(next, MessageListModel::ContentRole).toString().isEmpty());
        QVERIFY(messages->data(next, MessageListModel::ErrorRole).toString().isEmpty());
    }

    void conversationSystemPromptOverride()
    {
        EngineService engine;
        ChatController chat;
        chat.setEngine(&engine);
        QVERIFY(loadGreedyStories(chat, 16));
        const QString question = QStringLiteral("Once upon a time");
        const QString pirate = QStringLiteral("Tom the big dog ran to the park.");

        // No system prompt anywhere.
        qint64 plainId = 0;
        const QString plain = answerInNewChat(chat, question, QString(), &plainId);
        QVERIFY(!plain.isEmpty());
        QVERIFY(!chat.systemPrompt()->overridden());
        QCOMPARE(chat.systemPrompt()->text(), QString());
        QCOMPARE(storedSystemPrompt(plainId), QString());

        // A new chat's own prompt: kept until its first message creates the conversation, then
        // saved with it, and the answer is a different one.
        QSignalSpy promptChanged(chat.systemPrompt(), &ConversationPrompt::changed);
        qint64 customId = 0;
        const QString custom = answerInNewChat(chat, question, pirate, &customId);
        QVERIFY(!custom.isEmpty());
        QVERIFY(promptChanged.count() > 0);
        QVERIFY(chat.systemPrompt()->overridden());
        QCOMPARE(chat.systemPrompt()->text(), pirate);
        QCOMPARE(storedSystemPrompt(customId), pirate);
        QVERIFY2(custom != plain, qPrintable(custom));

        // The same prompt as the default from Settings gives the same answer: the override
        // really was the system turn of the prompt.
        chat.settings()->setSystemPrompt(pirate);
        qint64 defaultId = 0;
        QCOMPARE(answerInNewChat(chat, question, QString(), &defaultId), custom);
        QVERIFY(!chat.systemPrompt()->overridden());
        QCOMPARE(chat.systemPrompt()->text(), pirate);
        QCOMPARE(storedSystemPrompt(defaultId), QString()); // follows the default, not a copy

        // "Use default" clears a conversation's own prompt in SQLite; setting it again stores it;
        // each conversation opened shows its own.
        chat.settings()->setSystemPrompt(QString());
        chat.openConversation(customId);
        QVERIFY(chat.systemPrompt()->overridden());
        chat.useDefaultSystemPrompt();
        QVERIFY(!chat.systemPrompt()->overridden());
        QCOMPARE(storedSystemPrompt(customId), QString());
        chat.setSystemPrompt(pirate);
        QCOMPARE(storedSystemPrompt(customId), pirate);
        chat.openConversation(plainId);
        QVERIFY(!chat.systemPrompt()->overridden());
        chat.openConversation(customId);
        QCOMPARE(chat.systemPrompt()->text(), pirate);
    }

    void answersAboutAttachedDocumentsNameTheirSources()
    {
        EngineService engine;
        ChatController chat;
        chat.setEngine(&engine);
        QVERIFY(loadGreedyStories(chat, 8));
        qint64 conversationId = 0;
        const QString before = answerInNewChat(chat, QStringLiteral("Hello"), QString(), &conversationId);
        QVERIFY(!before.contains(QStringLiteral("Sources:")));

        Database db(Database::defaultFilePath());
        db.open();
        DocumentStore documents(db);
        Document notes;
        notes.title = QStringLiteral("Notes");
        notes.format = QStringLiteral("markdown");
        notes.text = QStringLiteral("The red boat sails at noon.\n\nThe night train leaves at ten.\n");
        notes.parts = {{0, QStringLiteral("Boats"), 0, 29},
                       {0, QStringLiteral("Trains"), 29, notes.text.size()}};
        const QList<Chunk> chunks = Chunker(8, Chunker::estimateTokens).chunk(notes);
        const qint64 id = documents
                              .add(QStringLiteral("/tmp/notes.md"), QStringLiteral("sha-notes"), 60, notes,
                                   chunks, QStringLiteral("chars/4"), 8)
                              .id;
        documents.attach(conversationId, id);

        chat.send(QStringLiteral("When does the night train leave?"));
        QVERIFY(chat.generating() && waitForAnswer(chat));
        MessageListModel* messages = chat.messages();
        const QString answer =
            messages->data(messages->index(messages->rowCount() - 1), MessageListModel::ContentRole)
                .toString();
        // The best passage first; the other shares only "the" with the question.
        QVERIFY2(answer.contains(QStringLiteral("\n\nSources: Notes [\u00A7 Trains]")), qPrintable(answer));
        // The conversation keeps the question as typed, not the passages sent with it.
        const QString asked =
            messages->data(messages->index(messages->rowCount() - 2), MessageListModel::ContentRole)
                .toString();
        QCOMPARE(asked, QStringLiteral("When does the night train leave?"));
    }

    void anIncognitoChatNeverReachesTheDisk()
    {
        EngineService engine;
        ChatController chat;
        chat.setEngine(&engine);
        QVERIFY(loadGreedyStories(chat, 16));
        QVERIFY(!answerInNewChat(chat, QStringLiteral("Once upon a time"), QString()).isEmpty());
        const int saved = chat.conversations()->rowCount();

        const QString secret = QStringLiteral("Zanzibar quokka 7431 ran to the park");
        chat.newIncognitoChat();
        QVERIFY(chat.incognito());
        QCOMPARE(chat.conversations()->rowCount(), 0); // the saved ones are not mixed in
        chat.send(secret);
        QVERIFY(chat.generating() && waitForAnswer(chat));
        QCOMPARE(chat.conversations()->rowCount(), 1);
        QCOMPARE(chat.messages()->rowCount(), 2);

        // No byte of it in the database, its write-ahead log or anything else in the data folder.
        QDirIterator files(m_data.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret.left(15).toUtf8()), qPrintable(file.fileName()));
            ++read;
        }
        QVERIFY(read > 0);

        // Leaving it drops it: the saved conversations are back, the incognito one is gone.
        chat.newChat();
        QVERIFY(!chat.incognito());
        QCOMPARE(chat.conversations()->rowCount(), saved);
        chat.search(QStringLiteral("Zanzibar"));
        QCOMPARE(chat.conversations()->rowCount(), 0);
        chat.search(QString());
    }
};

QTEST_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
