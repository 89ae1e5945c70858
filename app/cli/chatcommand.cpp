// hearth-cli chat: a conversation with a model through its chat template, streamed to the
// terminal and (unless --no-save) saved into the same conversation store the GUI shows.
// Each turn is a chat job of the engine service, the same path the window's answers take.
// Ctrl-C during an answer stops the answer,
// not the program; at the prompt it (or end of input) ends the chat.
#include "command.h"
#include "core/datapaths.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "loadprogress.h"
#include "samplingoptions.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/streamingwriter.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <QFileInfo>
#include <QJsonObject>
#include <string>

namespace {

// A signal handler can reach nothing but a global; it only ever sets these flags.
std::atomic<bool> g_answering{false};
std::atomic<bool> g_cancel{false};

void onInterrupt(int)
{
    if (g_answering.load()) {
        g_cancel.store(true);
        return;
    }
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
}

Database& opened(Database& db, const QString& passphraseFile)
{
    db.open();
    if (!db.movedAsidePath().isEmpty())
        std::fprintf(stderr, "hearth-cli chat: %s\n", qPrintable(db.movedAsideNotice()));
    history_passphrase::unlockIfNeeded(db, passphraseFile);
    return db;
}

// The saved side of the chat: a conversation created with the first message.
class SavedChat {
  public:
    SavedChat(const QString& modelFile, const QString& modelName, const QString& systemPrompt,
              const QJsonObject& settings, const QString& passphraseFile)
        : m_db(Database::defaultFilePath()), m_store(opened(m_db, passphraseFile))
    {
        m_init.modelFile = modelFile;
        m_init.modelName = modelName;
        m_init.systemPrompt = systemPrompt;
        m_init.settings = settings;
    }

    void addUser(const QString& text)
    {
        if (!m_conversationId)
            m_conversationId = m_store.create(m_init).id;
        Message message;
        message.role = Role::User;
        message.content = text;
        m_store.appendMessage(m_conversationId, message);
    }

    // Appends an empty assistant message and returns the writer that streams into it.
    std::unique_ptr<StreamingWriter> startAnswer()
    {
        Message message;
        message.role = Role::Assistant;
        message.model = m_init.modelName;
        const Message added = m_store.appendMessage(m_conversationId, message);
        m_answerId = added.id;
        return std::make_unique<StreamingWriter>(m_store, added.id);
    }

    void finishAnswer(StreamingWriter& writer, const JobStats& stats)
    {
        Message final = m_store.message(m_answerId);
        final.promptTokens = stats.evaluatedTokens;
        final.generatedTokens = stats.generatedTokens;
        final.tokensPerSecond = stats.tokensPerSecond();
        final.finishReason = stats.finishReason;
        writer.finish(final);
    }

    // The answer failed part-way (the GPU was lost, ...): what came is kept, marked as an error.
    void failAnswer(StreamingWriter& writer)
    {
        Message final = m_store.message(m_answerId);
        final.finishReason = QStringLiteral("error");
        writer.finish(final);
    }

  private:
    Database m_db;
    ConversationStore m_store;
    Conversation m_init;
    qint64 m_conversationId = 0;
    qint64 m_answerId = 0;
};

// The conversation so far, answered turn by turn through the engine service: the worker
// renders the whole conversation with the model's template each turn, leaves out the oldest
// turns when it would not fit the context (never the system prompt), and its prompt reuse makes
// only the new turn cost anything.
class Chat {
  public:
    Chat(EngineService& engine, const QString& system, int maxTokens, const hearth::SamplingParams& sampling,
         SavedChat* saved)
        : m_engine(engine), m_maxTokens(maxTokens), m_sampling(sampling), m_saved(saved)
    {
        if (!system.isEmpty())
            m_turns.append({QStringLiteral("system"), system});
    }

    // Streams the answer to `message` and keeps both in the conversation (and the store).
    JobStats reply(const QString& message)
    {
        m_turns.append({QStringLiteral("user"), message});
        std::unique_ptr<StreamingWriter> writer;
        if (m_saved) {
            m_saved->addUser(message);
            writer = m_saved->startAnswer();
        }
        EngineJob job;
        job.kind = JobKind::ChatTurn;
        job.clientId = QStringLiteral("cli-chat");
        job.turns = m_turns;
        job.sampling = m_sampling;
        job.maxTokens = m_maxTokens;
        // Ctrl-C sets the flag the job checks before every token.
        job.cancel = std::shared_ptr<std::atomic<bool>>(&g_cancel, [](std::atomic<bool>*) {});
        g_cancel.store(false);
        g_answering.store(true);
        const JobOutcome outcome = runJobAndWait(m_engine, job, [&](const QString& piece) {
            printPiece(piece);
            if (writer)
                writer->append(piece);
        });
        g_answering.store(false);
        if (!outcome.error.isEmpty()) {
            m_turns.removeLast();
            if (writer)
                m_saved->failAnswer(*writer);
            throw hearth::Error(outcome.error.toStdString());
        }
        if (writer)
            m_saved->finishAnswer(*writer, outcome.stats);
        m_turns.append({QStringLiteral("assistant"), outcome.text});
        return outcome.stats;
    }

  private:
    EngineService& m_engine;
    int m_maxTokens;
    hearth::SamplingParams m_sampling;
    SavedChat* m_saved;
    QList<QPair<QString, QString>> m_turns;
};

void printStats(const JobStats& stats)
{
    std::fprintf(stderr,
                 "[%d new prompt tokens, %d in context, %.1f tok/s; %d tokens at %.1f tok/s; stop: %s]\n",
                 stats.evaluatedTokens, stats.contextTokens, stats.promptTokensPerSecond(),
                 stats.generatedTokens, stats.tokensPerSecond(), qPrintable(stats.finishReason));
}

} // namespace

int runChat(const QStringList& args)
{
    QStringList rest = args;
    if (!DataPaths::takeDataDirOption(rest)) {
        std::fprintf(stderr, "--data-dir needs a folder\n");
        return 2;
    }
    const QString passphraseFile = history_passphrase::takeFileOption(rest);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Chat with a model through its chat template. Type a message and press Enter; an empty line or "
        "end of input ends the chat. Ctrl-C stops an answer (at the prompt it quits). With -p, answer one "
        "message and exit. The conversation is saved where the app shows it, unless --no-save. "
        "--data-dir DIR uses another data folder. " +
        history_passphrase::optionHelp());
    parser.addHelpOption();
    addModelRunOptions(parser, 512);
    parser.addOptions({
        {"system", "A system prompt, kept when old turns make way for new ones.", "TEXT"},
        {{"p", "prompt"}, "Answer this one message and exit.", "TEXT"},
        {"no-save", "Do not save the conversation."},
    });
    parser.process(QStringList{"hearth-cli chat"} + rest);
    const ModelRunOptions options = readModelRunOptions(parser);

    EngineService engine;
    const LoadOutcome model = loadModelForCli(engine, options.loadRequest());

    const QString system = parser.value("system");
    std::optional<SavedChat> saved;
    if (!parser.isSet("no-save")) {
        const QString modelFile = QFileInfo(QString::fromStdString(options.model)).absoluteFilePath();
        const QString modelName = model.name;
        const QJsonObject settings{
            {"temperature", double(options.sampling.temperature)},
            {"top_k", int(options.sampling.top_k)},
            {"top_p", double(options.sampling.top_p)},
            {"min_p", double(options.sampling.min_p)},
            {"max_tokens", options.maxTokens},
        };
        saved.emplace(modelFile, modelName, system, settings, passphraseFile);
    }
    Chat chat(engine, system, options.maxTokens, options.sampling, saved ? &*saved : nullptr);
    std::signal(SIGINT, onInterrupt);

    if (parser.isSet("prompt")) {
        const JobStats stats = chat.reply(parser.value("prompt"));
        std::fputc('\n', stdout);
        std::fflush(stdout); // the answer ends before the stats line, also when both go to one pipe
        printStats(stats);
        return 0;
    }
    std::fprintf(stderr,
                 "Chatting with %s on %s. Empty line or end of input quits; Ctrl-C stops an answer.\n",
                 qPrintable(model.name), qPrintable(model.device));
    // After a GPU fault the engine restarts and loads the model again by itself (the next
    // question waits for that); only when that load fails is there nothing left to chat with.
    bool reloadFailed = false;
    QObject::connect(&engine, &EngineService::loadFailed, &engine, [&] { reloadFailed = true; });
    std::string line;
    while (true) {
        std::fputs("> ", stdout);
        std::fflush(stdout);
        if (!std::getline(std::cin, line) || line.empty())
            break;
        try {
            const JobStats stats = chat.reply(QString::fromStdString(line));
            std::fputc('\n', stdout);
            std::fflush(stdout); // the answer ends before the stats line, also when both go to one pipe
            printStats(stats);
        } catch (const hearth::Error& e) {
            // One failed answer (the GPU lost and restarted, ...) does not end the chat; a store
            // that cannot save does, since the chat would no longer be kept.
            std::fputc('\n', stdout);
            std::fflush(stdout);
            std::fprintf(stderr, "hearth-cli chat: %s\n", e.what());
            if (reloadFailed)
                return 1;
        }
    }
    std::signal(SIGINT, SIG_DFL);
    return 0;
}

static const CommandRegistrar
    registration("chat", "chat with a model through its chat template (saved unless --no-save)", runChat);
