// A child process for the storage tests, built beside them (not part of Hearth):
//   storage_helper make-fixture VERSION FILE   writes a small database at schema VERSION
//   storage_helper crash-writer DATA_DIR SEED  appends and streams messages until it is killed,
//                                              printing a line after each write that committed
//   storage_helper shared-writer DATA_DIR N    N questions and streamed answers in one conversation,
//                                              while another process writes the same file
#include "documents/chunker.h"
#include "documents/documentbuilder.h"
#include "documents/documentstore.h"
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/streamingwriter.h"
#include "storagescript.h"

#include <cstdio>
#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QThread>

namespace {

int makeFixture(int version, const QString& file)
{
    QFile::remove(file);
    Database db(file);
    db.open(version);
    ConversationStore store(db);

    Conversation init;
    init.modelName = QStringLiteral("Fixture 1B");
    init.modelFile = QStringLiteral("fixture-1b.Q4_K_M.gguf");
    init.systemPrompt = fixture::kSystemPrompt;
    init.settings = QJsonObject{{QStringLiteral("temperature"), 0.7}, {QStringLiteral("top_p"), 0.9}};
    const Conversation c = store.create(init);
    Message question;
    question.content = fixture::kQuestion;
    const Message asked = store.appendMessage(c.id, question);
    Message answer;
    answer.role = Role::Assistant;
    answer.content = fixture::kFirstAnswer;
    answer.reasoning = fixture::kReasoning;
    answer.model = init.modelName;
    answer.promptTokens = 31;
    answer.generatedTokens = 12;
    answer.tokensPerSecond = 18.5;
    answer.finishReason = QStringLiteral("stop");
    store.appendMessage(c.id, answer);
    Message edited;
    edited.content = fixture::kEditedQuestion;
    store.addSibling(asked.id, edited);
    Message first = answer;
    first.reasoning.clear();
    const Message firstAnswer = store.appendMessage(c.id, first);
    Message regenerated = answer;
    regenerated.content = fixture::kRegeneratedAnswer;
    store.addSibling(firstAnswer.id, regenerated);
    store.rename(c.id, fixture::kBranchTitle);

    const Conversation pinned = store.create();
    Message note;
    note.content = fixture::kPinnedText;
    store.appendMessage(pinned.id, note);
    store.rename(pinned.id, fixture::kPinnedTitle);
    store.setPinned(pinned.id, true);
    store.setArchived(pinned.id, true);

    if (version >= 4) {
        DocumentBuilder builder(QStringLiteral("pdf"));
        builder.setTitle(fixture::kDocumentTitle);
        builder.startPage(1);
        builder.addParagraph(fixture::kDocumentPageOne);
        builder.startPage(2);
        builder.addParagraph(fixture::kDocumentPageTwo);
        const Document document = builder.finish();
        DocumentStore documents(db);
        const StoredDocument stored = documents.add(
            QStringLiteral("/fixtures/kiln-notes.pdf"), QString(64, QLatin1Char('0')), 1234, document,
            Chunker(8, Chunker::estimateTokens).chunk(document), QStringLiteral("chars/4"), 8);
        documents.attach(c.id, stored.id);
    }

    // A single self-contained file, as small as it gets, for committing.
    db.exec(QStringLiteral("PRAGMA journal_mode=DELETE"), QStringLiteral("fixture"));
    db.exec(QStringLiteral("VACUUM"), QStringLiteral("fixture"));
    return 0;
}

void say(const char* what, qint64 id, int i)
{
    std::printf("%s %lld %d\n", what, static_cast<long long>(id), i);
    std::fflush(stdout);
}

int crashWriter(const QString& dataDir, quint32 seed)
{
    Database db(dataDir + QStringLiteral("/conversations.db"));
    db.open();
    ConversationStore store(db);
    for (int i = 0;; ++i) {
        const Conversation c = store.create();
        Message question;
        question.content = crash_script::userText(seed, i);
        say("committed", store.appendMessage(c.id, question).id, i);
        Message answer;
        answer.role = Role::Assistant;
        const qint64 answerId = store.appendMessage(c.id, answer).id;
        say("streaming", answerId, i);
        // The test paces saves at 15 ms instead of a second, to hit many of them in little time.
        StreamingWriter writer(store, answerId, 15);
        for (const QString& piece : crash_script::answerPieces(seed, i)) {
            writer.append(piece);
            QThread::usleep(300);
        }
        Message final;
        final.finishReason = QStringLiteral("stop");
        final.generatedTokens = 120;
        writer.finish(final);
        say("finished", answerId, i);
    }
}

int sharedWriter(const QString& dataDir, int count)
{
    Database db(dataDir + QStringLiteral("/conversations.db"));
    db.open();
    ConversationStore store(db);
    Conversation init;
    init.title = QStringLiteral("shared-writer");
    const Conversation c = store.create(init);
    for (int i = 0; i < count; ++i)
        shared_writes::questionAndAnswer(store, c.id, QStringLiteral("helper"), i);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() == 4 && args[1] == QLatin1String("make-fixture"))
            return makeFixture(args[2].toInt(), args[3]);
        if (args.size() == 4 && args[1] == QLatin1String("crash-writer"))
            return crashWriter(args[2], args[3].toUInt());
        if (args.size() == 4 && args[1] == QLatin1String("shared-writer"))
            return sharedWriter(args[2], args[3].toInt());
    } catch (const hearth::Error& e) {
        std::fprintf(stderr, "storage_helper: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: storage_helper make-fixture VERSION FILE | crash-writer DATA_DIR SEED | "
                         "shared-writer DATA_DIR N\n");
    return 2;
}
