// ConversationStore on a real SQLite file: conversations, message branches, search, streaming
// saves, export/import, write failures that must keep the caller's text, and the CLI on top.
#include "hearth/error.h"
#include "storage/conversationexport.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/streamingwriter.h"
#include "testdata.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {

Message userMessage(const QString& text)
{
    Message m;
    m.role = Role::User;
    m.content = text;
    return m;
}

Message answer(const QString& text)
{
    Message m;
    m.role = Role::Assistant;
    m.content = text;
    m.finishReason = QStringLiteral("stop");
    return m;
}

QStringList contents(const QList<Message>& messages)
{
    QStringList texts;
    for (const Message& m : messages)
        texts.append(m.content);
    return texts;
}

QString errorOf(const std::function<void()>& write)
{
    try {
        write();
    } catch (const hearth::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestConversationStore : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;

    int rowCount(const QString& table)
    {
        QSqlQuery q(m_db->connection());
        q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table));
        return q.next() ? q.value(0).toInt() : -1;
    }

    // A conversation with an edited question and a regenerated answer (like the schema fixture).
    qint64 makeBranchedConversation()
    {
        const Conversation c = m_store->create();
        const Message q1 = m_store->appendMessage(c.id, userMessage(QStringLiteral("first question")));
        m_store->appendMessage(c.id, answer(QStringLiteral("answer to the first")));
        const Message q2 = m_store->addSibling(q1.id, userMessage(QStringLiteral("edited question")));
        const Message a2 = m_store->appendMessage(c.id, answer(QStringLiteral("answer to the edit")));
        m_store->addSibling(a2.id, answer(QStringLiteral("regenerated answer")));
        Q_UNUSED(q2);
        return c.id;
    }

  private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = std::make_unique<Database>(m_dir->filePath(QStringLiteral("conversations.db")));
        m_db->open();
        m_store = std::make_unique<ConversationStore>(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void createRenamePinArchive()
    {
        Conversation init;
        init.modelName = QStringLiteral("Tiny 1B");
        init.systemPrompt = QStringLiteral("Be brief.");
        init.settings = QJsonObject{{QStringLiteral("temperature"), 0.25}};
        const Conversation c = m_store->create(init);
        QVERIFY(c.id > 0);
        QVERIFY(c.createdAt > 0);
        Conversation read = m_store->conversation(c.id);
        QCOMPARE(read.modelName, init.modelName);
        QCOMPARE(read.systemPrompt, init.systemPrompt);
        QCOMPARE(read.settings, init.settings);
        QCOMPARE(read.title, QString());

        m_store->rename(c.id, QStringLiteral("  Trip planning  "));
        m_store->setPinned(c.id, true);
        m_store->setModel(c.id, QStringLiteral("b.gguf"), QStringLiteral("B"));
        m_store->setSystemPrompt(c.id, QStringLiteral("Be kind."));
        m_store->setSettings(c.id, QJsonObject{{QStringLiteral("top_k"), 40}});
        read = m_store->conversation(c.id);
        QCOMPARE(read.title, QStringLiteral("Trip planning"));
        QCOMPARE(read.titleSource, TitleSource::User);
        QVERIFY(read.pinned);
        QCOMPARE(read.modelFile, QStringLiteral("b.gguf"));
        QCOMPARE(read.systemPrompt, QStringLiteral("Be kind."));
        QCOMPARE(read.settings.value(QStringLiteral("top_k")).toInt(), 40);

        m_store->setArchived(c.id, true);
        QCOMPARE(m_store->count(false), 0);
        QCOMPARE(m_store->count(true), 1);
        QCOMPARE(m_store->list(0, 10, true).value(0).id, c.id);

        QCOMPARE(errorOf([&] { m_store->rename(999, QStringLiteral("x")); }),
                 QStringLiteral("there is no conversation 999"));
    }

    void listIsPagedPinnedThenNewestFirst()
    {
        QList<qint64> ids;
        for (int i = 0; i < 7; ++i)
            ids.append(m_store->create().id);
        // Activity moves a conversation up; a pinned one stays on top.
        QThread::msleep(2); // times are in milliseconds: let the activity come later
        m_store->appendMessage(ids[2], userMessage(QStringLiteral("bump")));
        m_store->setPinned(ids[5], true);
        QList<qint64> order;
        for (int offset = 0; offset < 7; offset += 3)
            for (const Conversation& c : m_store->list(offset, 3))
                order.append(c.id);
        QCOMPARE(order, (QList<qint64>{ids[5], ids[2], ids[6], ids[4], ids[3], ids[1], ids[0]}));
        QCOMPARE(m_store->list(0, 10).value(1).messageCount, 1);
    }

    void automaticTitles()
    {
        const Conversation c = m_store->create();
        m_store->appendMessage(c.id,
                               userMessage(QStringLiteral("  What is\n the   boiling point of water?  ")));
        QCOMPARE(m_store->conversation(c.id).title, QStringLiteral("What is the boiling point of water?"));
        m_store->appendMessage(c.id, userMessage(QStringLiteral("second question does not retitle")));
        QCOMPARE(m_store->conversation(c.id).title, QStringLiteral("What is the boiling point of water?"));
        // The hook for a model-made title replaces the automatic one, never the user's.
        QVERIFY(m_store->setAutomaticTitle(c.id, QStringLiteral("Boiling water"), TitleSource::Model));
        QCOMPARE(m_store->conversation(c.id).title, QStringLiteral("Boiling water"));
        QCOMPARE(m_store->conversation(c.id).titleSource, TitleSource::Model);
        m_store->rename(c.id, QStringLiteral("Mine"));
        QVERIFY(!m_store->setAutomaticTitle(c.id, QStringLiteral("Other")));
        QCOMPARE(m_store->conversation(c.id).title, QStringLiteral("Mine"));
    }

    void automaticTitleText_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("title");
        QTest::newRow("short") << QStringLiteral("Hello there") << QStringLiteral("Hello there");
        QTest::newRow("blank") << QStringLiteral(" \n\t ") << QString();
        QTest::newRow("long, cut at a word")
            << QStringLiteral("Please explain how a transformer decoder attends to previous tokens and why")
            << QStringLiteral("Please explain how a transformer decoder attends to previous…");
        QTest::newRow("one long word")
            << QString(70, QLatin1Char('x')) << QString(60, QLatin1Char('x')) + u'…';
        // 59 letters then an emoji (two UTF-16 units at 59-60): never split it.
        QTest::newRow("surrogate at the cut")
            << QString(59, QLatin1Char('a')) + QStringLiteral("🔥🔥🔥") << QString(59, QLatin1Char('a')) + u'…';
    }

    void automaticTitleText()
    {
        QFETCH(QString, message);
        QFETCH(QString, title);
        QCOMPARE(ConversationStore::automaticTitle(message), title);
    }

    void branchesFromEditAndRegenerate()
    {
        const qint64 id = makeBranchedConversation();
        QList<Message> path = m_store->activePath(id);
        QCOMPARE(contents(path),
                 (QStringList{QStringLiteral("edited question"), QStringLiteral("regenerated answer")}));
        QCOMPARE(path[0].siblingIndex, 2);
        QCOMPARE(path[0].siblingCount, 2);
        QCOMPARE(path[1].siblingIndex, 2);
        QCOMPARE(path[1].siblingCount, 2);
        QCOMPARE(path[1].parentId, path[0].id);

        // ‹ 1/2 › on the answer: the first answer to the edited question.
        const SiblingInfo answers = m_store->siblings(path[1].id);
        QCOMPARE(answers.index, 2);
        QCOMPARE(answers.count, 2);
        QCOMPARE(answers.nextId, 0);
        QVERIFY(answers.previousId > 0);
        m_store->switchBranch(answers.previousId);
        QCOMPARE(contents(m_store->activePath(id)),
                 (QStringList{QStringLiteral("edited question"), QStringLiteral("answer to the edit")}));

        // ‹ 1/2 › on the question: the original question with its own answer, still there.
        const SiblingInfo questions = m_store->siblings(path[0].id);
        m_store->switchBranch(questions.previousId);
        path = m_store->activePath(id);
        QCOMPARE(contents(path),
                 (QStringList{QStringLiteral("first question"), QStringLiteral("answer to the first")}));
        QCOMPARE(path[0].siblingIndex, 1);
        QCOMPARE(path[1].siblingCount, 1);

        // Back to the edit: its newest descendant (the regenerated answer) is the leaf again.
        m_store->switchBranch(m_store->siblings(path[0].id).nextId);
        QCOMPARE(m_store->activePath(id).last().content, QStringLiteral("regenerated answer"));

        // Continuing appends below the active leaf; nothing of the other branches is lost.
        m_store->appendMessage(id, userMessage(QStringLiteral("follow-up")));
        QCOMPARE(m_store->activePath(id).size(), 3);
        QCOMPARE(m_store->allMessages(id).size(), 6);
        QCOMPARE(m_store->conversation(id).messageCount, 6);
    }

    void removeDeletesEverything()
    {
        const qint64 id = makeBranchedConversation();
        const qint64 other = m_store->create().id;
        m_store->appendMessage(other, userMessage(QStringLiteral("first question elsewhere")));
        QCOMPARE(m_store->search(QStringLiteral("first question")).size(), 2);
        m_store->remove(id);
        QVERIFY(!m_store->contains(id));
        QCOMPARE(rowCount(QStringLiteral("messages")), 1);
        QCOMPARE(m_store->search(QStringLiteral("first question")).size(), 1);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, m_store->remove(id));
    }

    void streamingUpdatesKeepSearchInStep()
    {
        const Conversation c = m_store->create();
        m_store->appendMessage(c.id, userMessage(QStringLiteral("tell me about glazes")));
        Message a;
        a.role = Role::Assistant;
        const Message streaming = m_store->appendMessage(c.id, a);
        m_store->updateStreamingMessage(streaming.id, QStringLiteral("Celadon is"),
                                        QStringLiteral("thinking"));
        QCOMPARE(m_store->activePath(c.id).last().content, QStringLiteral("Celadon is"));
        QCOMPARE(m_store->activePath(c.id).last().finishReason, QString());
        QCOMPARE(m_store->search(QStringLiteral("celadon")).size(), 1);
        Message final;
        final.id = streaming.id;
        final.content = QStringLiteral("Tenmoku is iron-rich.");
        final.reasoning = QStringLiteral("thinking more");
        final.model = QStringLiteral("Tiny");
        final.promptTokens = 10;
        final.generatedTokens = 6;
        final.tokensPerSecond = 12.5;
        final.finishReason = QStringLiteral("stop");
        m_store->finishMessage(final);
        const Message read = m_store->message(streaming.id);
        QCOMPARE(read.content, final.content);
        QCOMPARE(read.reasoning, final.reasoning);
        QCOMPARE(read.generatedTokens, 6);
        QCOMPARE(read.tokensPerSecond, 12.5);
        QCOMPARE(read.finishReason, QStringLiteral("stop"));
        QCOMPARE(m_store->search(QStringLiteral("celadon")).size(), 0); // old text left the index
        QCOMPARE(m_store->search(QStringLiteral("tenmoku")).size(), 1);
    }

    void streamingWriterSavesAtMostOncePerInterval()
    {
        const Conversation c = m_store->create();
        Message a;
        a.role = Role::Assistant;
        const qint64 id = m_store->appendMessage(c.id, a).id;
        qint64 clock = 0;
        StreamingWriter writer(*m_store, id, 1000, [&] { return clock; });
        const auto stored = [&] { return m_store->message(id).content; };
        writer.append(QStringLiteral("a"));
        clock = 999;
        writer.append(QStringLiteral("b"));
        QCOMPARE(stored(), QString()); // under a second: memory only
        QCOMPARE(writer.saves(), 0);
        clock = 1000;
        writer.append(QStringLiteral("c"));
        QCOMPARE(stored(), QStringLiteral("abc"));
        clock = 1500;
        writer.append(QStringLiteral("d"), QStringLiteral("r"));
        QCOMPARE(stored(), QStringLiteral("abc"));
        clock = 2100;
        writer.append(QStringLiteral("e"));
        QCOMPARE(stored(), QStringLiteral("abcde"));
        QCOMPARE(m_store->message(id).reasoning, QStringLiteral("r"));
        QCOMPARE(writer.saves(), 2);
        Message final;
        final.finishReason = QStringLiteral("length");
        writer.append(QStringLiteral("f"));
        writer.finish(final);
        QCOMPARE(stored(), QStringLiteral("abcdef"));
        QCOMPARE(m_store->message(id).finishReason, QStringLiteral("length"));
        QCOMPARE(writer.saves(), 3);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected"); // the matching messages' text, newest first
        const QString cafe = QStringLiteral("Ein Café in Zürich, bitte");
        const QString moscow = QStringLiteral("МОСКВА — столица России");
        const QString tokyo = QStringLiteral("東京タワーは赤い");
        const QString kiln = QStringLiteral("the kiln reached cone 10; \"quoted\" text and a-b-c NEAR(x y)");
        const QString emoji = QStringLiteral("pizza 🍕 tonight");
        QTest::newRow("plain word") << QStringLiteral("kiln") << QStringList{kiln};
        QTest::newRow("prefix") << QStringLiteral("kil") << QStringList{kiln};
        QTest::newRow("all words needed") << QStringLiteral("kiln pizza") << QStringList{};
        QTest::newRow("diacritics folded") << QStringLiteral("cafe zurich") << QStringList{cafe};
        QTest::newRow("accented query") << QStringLiteral("CAFÉ") << QStringList{cafe};
        QTest::newRow("cyrillic case") << QStringLiteral("москва") << QStringList{moscow};
        QTest::newRow("cjk run prefix") << QStringLiteral("東京") << QStringList{tokyo};
        QTest::newRow("emoji beside a word") << QStringLiteral("🍕 pizza") << QStringList{emoji};
        QTest::newRow("only emoji") << QStringLiteral("🍕") << QStringList{};
        QTest::newRow("double quote") << QStringLiteral("\"quoted") << QStringList{kiln};
        QTest::newRow("lone quote") << QStringLiteral("\"") << QStringList{};
        QTest::newRow("star") << QStringLiteral("* kiln*") << QStringList{kiln};
        QTest::newRow("minus") << QStringLiteral("-kiln") << QStringList{kiln};
        QTest::newRow("hyphenated phrase") << QStringLiteral("a-b-c") << QStringList{kiln};
        QTest::newRow("NEAR syntax") << QStringLiteral("NEAR(x y)") << QStringList{kiln};
        QTest::newRow("operators") << QStringLiteral("kiln AND OR NOT") << QStringList{};
        QTest::newRow("column filter") << QStringLiteral("content:kiln") << QStringList{};
        QTest::newRow("caret, braces, colon") << QStringLiteral("^kiln {content}: (") << QStringList{};
        QTest::newRow("semicolon") << QStringLiteral("10;") << QStringList{kiln};
        QTest::newRow("empty") << QString() << QStringList{};
        QTest::newRow("sql") << QStringLiteral("'; DROP TABLE messages; --") << QStringList{};
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        const qint64 a = m_store->create().id;
        const qint64 b = m_store->create().id;
        m_store->rename(b, QStringLiteral("Second"));
        m_store->appendMessage(a, userMessage(QStringLiteral("Ein Café in Zürich, bitte")));
        m_store->appendMessage(a, answer(QStringLiteral("МОСКВА — столица России")));
        m_store->appendMessage(b, userMessage(QStringLiteral("東京タワーは赤い")));
        m_store->appendMessage(
            b, answer(QStringLiteral("the kiln reached cone 10; \"quoted\" text and a-b-c NEAR(x y)")));
        m_store->appendMessage(a, userMessage(QStringLiteral("pizza 🍕 tonight")));
        const QList<SearchHit> hits =
            m_store->search(query, 10, 0, QStringLiteral("<<"), QStringLiteral(">>"));
        QStringList texts;
        for (const SearchHit& hit : hits) {
            texts.append(m_store->message(hit.messageId).content);
            QVERIFY2(hit.snippet.contains(QStringLiteral("<<")), qPrintable(hit.snippet));
            QCOMPARE(hit.conversationTitle, m_store->conversation(hit.conversationId).title);
        }
        QCOMPARE(texts, expected);
    }

    void searchIsNewestFirstAndPaged()
    {
        const qint64 id = m_store->create().id;
        for (int i = 0; i < 5; ++i)
            m_store->appendMessage(id, userMessage(QStringLiteral("note number %1 about bread").arg(i)));
        const QList<SearchHit> first = m_store->search(QStringLiteral("bread"), 2, 0);
        const QList<SearchHit> second = m_store->search(QStringLiteral("bread"), 2, 2);
        QCOMPARE(first.size(), 2);
        QCOMPARE(second.size(), 2);
        QVERIFY(first[0].messageId > first[1].messageId);
        QVERIFY(first[1].messageId > second[0].messageId);
        QCOMPARE(first[0].snippet, QStringLiteral("note number 4 about [bread]"));
    }

    void exportImportRoundTrip()
    {
        const qint64 id = makeBranchedConversation();
        m_store->setPinned(id, true);
        m_store->setSystemPrompt(id, QStringLiteral("System\nprompt with \"quotes\" and ✓"));
        m_store->setSettings(id, QJsonObject{{QStringLiteral("temperature"), 0.1 + 0.2}});
        Message last = m_store->activePath(id).last();
        last.reasoning = QStringLiteral("some\treasoning");
        last.tokensPerSecond = 1.0 / 3.0;
        last.generatedTokens = 77;
        m_store->finishMessage(last);
        const qint64 empty = m_store->create().id;
        m_store->setArchived(empty, true);

        const QByteArray exported = ConversationExport::toJson(*m_store, {id, empty});
        const QList<qint64> imported = ConversationExport::importJson(*m_store, exported);
        QCOMPARE(imported.size(), 2);
        QVERIFY(!imported.contains(id));
        QCOMPARE(ConversationExport::toJson(*m_store, imported), exported); // byte for byte
        QCOMPARE(contents(m_store->activePath(imported[0])), contents(m_store->activePath(id)));
        QCOMPARE(m_store->activePath(imported[0]).last().tokensPerSecond, 1.0 / 3.0);
        QCOMPARE(m_store->conversation(imported[0]).updatedAt, m_store->conversation(id).updatedAt);
        // Imported text is searchable like any other.
        QCOMPARE(m_store->search(QStringLiteral("regenerated")).size(), 2);

        // Into another database, too.
        QTemporaryDir other;
        Database db(other.filePath(QStringLiteral("conversations.db")));
        db.open();
        ConversationStore store(db);
        QCOMPARE(ConversationExport::toJson(store, ConversationExport::importJson(store, exported)),
                 exported);
    }

    void markdownExportShowsTheActiveBranch()
    {
        const qint64 id = makeBranchedConversation();
        m_store->rename(id, QStringLiteral("Branches"));
        m_store->setSystemPrompt(id, QStringLiteral("Be brief."));
        const QString md = ConversationExport::toMarkdown(*m_store, {id});
        QVERIFY(md.startsWith(QStringLiteral("# Branches\n")));
        QVERIFY(md.contains(QStringLiteral("## System\n\nBe brief.")));
        QVERIFY(
            md.contains(QStringLiteral("## You\n\nedited question\n\n## Assistant\n\nregenerated answer\n")));
        QVERIFY(!md.contains(QStringLiteral("first question")));
        const QString both = ConversationExport::toMarkdown(*m_store, {id, id});
        QCOMPARE(both, md + QStringLiteral("\n---\n\n") + md);
    }

    void importRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray good = R"({"format":"hearth-conversations","version":1,"conversations":[{"title":"t",
            "titleSource":"auto","createdAt":1,"updatedAt":2,"modelFile":"","modelName":"","systemPrompt":"",
            "settings":{},"pinned":false,"archived":false,"activeLeaf":2,"messages":[
            {"id":1,"parent":null,"role":"user","content":"hi","reasoning":"","createdAt":1,"model":"",
             "promptTokens":0,"generatedTokens":0,"tokensPerSecond":0,"finishReason":""},
            {"id":2,"parent":1,"role":"assistant","content":"yo","reasoning":"","createdAt":1,"model":"",
             "promptTokens":0,"generatedTokens":0,"tokensPerSecond":0,"finishReason":"stop"}]}]})";
        QTest::newRow("valid") << good << QString();
        QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("not a valid Hearth export");
        QTest::newRow("other json") << QByteArray("[1,2]") << QStringLiteral("lacks \"format\"");
        QTest::newRow("newer") << QByteArray(good).replace("\"version\":1", "\"version\":9")
                               << QStringLiteral("newer version of Hearth");
        QTest::newRow("bad role") << QByteArray(good).replace("\"assistant\"", "\"wizard\"")
                                  << QStringLiteral("conversation 1, message 2 has an unknown \"role\"");
        QTest::newRow("parent after child") << QByteArray(good).replace("\"parent\":1", "\"parent\":5")
                                            << QStringLiteral("must come after its parent");
        QTest::newRow("missing parent") << QByteArray(good).replace("\"id\":1,", "\"id\":0,")
                                        << QStringLiteral("must come after its parent");
        QTest::newRow("missing leaf") << QByteArray(good).replace("\"activeLeaf\":2", "\"activeLeaf\":7")
                                      << QStringLiteral("active message 7 does not exist");
        QTest::newRow("wrong type") << QByteArray(good).replace("\"content\":\"hi\"", "\"content\":5")
                                    << QStringLiteral("has no valid \"content\"");
        QTest::newRow("fraction id") << QByteArray(good).replace("\"createdAt\":2", "\"createdAt\":2.5")
                                     << QString();
        QTest::newRow("fraction time") << QByteArray(good).replace("\"updatedAt\":2", "\"updatedAt\":2.5")
                                       << QStringLiteral("not a whole number");
    }

    void importRejectsBadFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        m_store->create(); // something that must stay as it is
        const QString message = errorOf([&] { ConversationExport::importJson(*m_store, json); });
        if (error.isEmpty()) {
            QCOMPARE(message, QString());
            QCOMPARE(m_store->count(), 2);
            return;
        }
        QVERIFY2(message.contains(error), qPrintable(message));
        QCOMPARE(m_store->count(), 1); // all or nothing
        QCOMPARE(rowCount(QStringLiteral("messages")), 0);
    }

    void diskFullKeepsTheTextAndReportsIt()
    {
        const Conversation c = m_store->create();
        Message a;
        a.role = Role::Assistant;
        const qint64 id = m_store->appendMessage(c.id, a).id;
        // A full disk, as SQLite sees it: no page may be added to the file.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const int pages = q.value(0).toInt();
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));

        const QString big = QString(20000, QLatin1Char('w'));
        const QString appendError = errorOf([&] { m_store->appendMessage(c.id, userMessage(big)); });
        QVERIFY2(appendError.contains(QStringLiteral("the disk is full")), qPrintable(appendError));
        QCOMPARE(m_store->allMessages(c.id).size(), 1); // nothing half-written

        qint64 clock = 0;
        StreamingWriter writer(*m_store, id, 1000, [&] { return clock; });
        writer.append(big.left(10000));
        clock = 1000;
        QVERIFY_THROWS_EXCEPTION(hearth::Error, writer.append(big.mid(10000)));
        QCOMPARE(writer.text(), big); // the answer is still all there in memory
        QVERIFY_THROWS_EXCEPTION(hearth::Error, writer.finish(Message{}));

        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1000000"))); // space freed
        writer.finish(Message{});
        QCOMPARE(m_store->message(id).content, big);
    }

    void readOnlyDatabaseReportsIt()
    {
        const Conversation c = m_store->create();
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = ON")));
        const QString message =
            errorOf([&] { m_store->appendMessage(c.id, userMessage(QStringLiteral("x"))); });
        QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
        QCOMPARE(m_store->activePath(c.id).size(), 0);
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = OFF")));
        m_store->appendMessage(c.id, userMessage(QStringLiteral("x")));
        QCOMPARE(m_store->activePath(c.id).size(), 1);
    }

    void commandLine()
    {
        const qint64 id = makeBranchedConversation();
        m_store->rename(id, QStringLiteral("Kilns & glazes"));
        const QString dataDir = m_dir->path();
        const auto cli = [&](const QStringList& args, int expectedExit = 0) {
            QProcess p;
            p.start(hearthCli(),
                    QStringList{QStringLiteral("conversations"), QStringLiteral("--data-dir"), dataDir} +
                        args);
            [&] { QVERIFY(p.waitForFinished(20000)); }();
            const QByteArray out = p.readAllStandardOutput();
            [&] { QVERIFY2(p.exitCode() == expectedExit, p.readAllStandardError().constData()); }();
            return out;
        };
        const QJsonObject list =
            QJsonDocument::fromJson(cli({QStringLiteral("list"), QStringLiteral("--json")})).object();
        QCOMPARE(list.value(QStringLiteral("total")).toInt(), 1);
        QCOMPARE(list.value(QStringLiteral("conversations")).toArray()[0][QStringLiteral("title")].toString(),
                 QStringLiteral("Kilns & glazes"));
        QVERIFY(cli({QStringLiteral("list")}).contains("Kilns & glazes"));

        const QJsonObject show = QJsonDocument::fromJson(cli({QStringLiteral("show"), QString::number(id),
                                                              QStringLiteral("--json")}))
                                     .object();
        QCOMPARE(show.value(QStringLiteral("messages")).toArray().size(), 2);
        QVERIFY(cli({QStringLiteral("show"), QString::number(id)}).contains("‹ 2/2 ›"));

        const QJsonObject found =
            QJsonDocument::fromJson(
                cli({QStringLiteral("search"), QStringLiteral("\"regen*"), QStringLiteral("--json")}))
                .object();
        QCOMPARE(found.value(QStringLiteral("hits")).toArray().size(), 1);

        const QString file = m_dir->filePath(QStringLiteral("export.json"));
        cli({QStringLiteral("export"), QString::number(id), QStringLiteral("--format"),
             QStringLiteral("json"), QStringLiteral("--output"), file});
        QVERIFY(cli({QStringLiteral("export"), QString::number(id), QStringLiteral("--format"),
                     QStringLiteral("md")})
                    .startsWith("# Kilns & glazes"));
        const QJsonObject imported =
            QJsonDocument::fromJson(cli({QStringLiteral("import"), file, QStringLiteral("--json")})).object();
        QCOMPARE(imported.value(QStringLiteral("imported")).toArray().size(), 1);
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--all"), QStringLiteral("--json")}),
                 ConversationExport::toJson(*m_store, m_store->allConversationIds()));

        cli({QStringLiteral("show"), QStringLiteral("12345")}, 1);
        cli({QStringLiteral("export"), QString::number(id), QStringLiteral("--format"),
             QStringLiteral("pdf")},
            1);
        cli({QStringLiteral("import"), m_dir->filePath(QStringLiteral("missing.json"))}, 1);
        cli({QStringLiteral("frobnicate")}, 1);
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversationstore.moc"
