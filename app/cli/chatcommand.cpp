// hearth-cli chat: a conversation with a model through its chat template, streamed to the
// terminal and (unless --no-save) saved into the same conversation store the GUI shows.
// Each turn re-renders the whole conversation with hearth::build_chat_prompt; the one Session's
// prompt reuse makes only the new turn cost anything. Ctrl-C during an answer stops the answer,
// not the program; at the prompt it (or end of input) ends the chat.
#include "command.h"
#include "loadprogress.h"
#include "samplingoptions.h"

#include "core/datapaths.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/streamingwriter.h"

#include "hearth/chat_prompt.h"
#include "hearth/engine.h"
#include "hearth/error.h"

#include <QFileInfo>
#include <QJsonObject>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
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

Database& opened(Database& db)
{
    db.open();
    if (!db.movedAsidePath().isEmpty())
        std::fprintf(stderr, "hearth-cli chat: %s\n", qPrintable(db.movedAsideNotice()));
    return db;
}

// The saved side of the chat: a conversation created with the first message.
class SavedChat {
public:
    SavedChat(const QString& modelFile, const QString& modelName, const QString& systemPrompt,
              const QJsonObject& settings)
        : m_db(Database::defaultFilePath()), m_store(opened(m_db))
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

    void finishAnswer(StreamingWriter& writer, const hearth::GenerateResult& result)
    {
        Message final = m_store.message(m_answerId);
        final.promptTokens = int(result.prompt_tokens);
        final.generatedTokens = int(result.tokens.size());
        final.tokensPerSecond = result.generation_tokens_per_second();
        final.finishReason = QString::fromLatin1(hearth::stop_reason_name(result.stop_reason));
        writer.finish(final);
    }

private:
    Database m_db;
    ConversationStore m_store;
    Conversation m_init;
    qint64 m_conversationId = 0;
    qint64 m_answerId = 0;
};

class Chat {
public:
    Chat(hearth::Model& model, hearth::Session& session, const std::string& system, int maxTokens,
         SavedChat* saved)
        : m_model(model), m_session(session), m_maxTokens(maxTokens), m_saved(saved)
    {
        if (!system.empty()) {
            m_messages.push_back({"system", system});
            m_systemTokens = uint32_t(promptFor(false).tokens.size());
            m_session.set_keep_tokens(m_systemTokens);
        }
    }

    // Streams the answer to `message` and keeps both in the conversation (and the store).
    hearth::GenerateResult reply(const std::string& message, hearth::Sampler& sampler)
    {
        m_messages.push_back({"user", message});
        hearth::ChatPrompt prompt = promptFor(true);
        // Too long for the context with room for the answer: drop the oldest turns after the
        // system prompt (the cache is rebuilt from the shortened prompt, reusing what it can).
        const size_t first = m_systemTokens > 0 ? 1 : 0;
        while (prompt.tokens.size() + size_t(m_maxTokens) > m_session.context_length() &&
               m_messages.size() > first + 1) {
            m_messages.erase(m_messages.begin() + ptrdiff_t(first),
                             m_messages.begin() + ptrdiff_t(std::min(first + 2, m_messages.size() - 1)));
            prompt = promptFor(true);
        }
        if (prompt.tokens.size() >= m_session.context_length())
            throw hearth::Error("the message is too long for the context of " +
                                std::to_string(m_session.context_length()) + " tokens; use a larger --ctx");
        std::unique_ptr<StreamingWriter> writer;
        if (m_saved) {
            m_saved->addUser(QString::fromStdString(message));
            writer = m_saved->startAnswer();
        }
        hearth::GenerateOptions options;
        options.max_tokens = m_maxTokens;
        options.stop_strings = prompt.stop_strings;
        options.cancel = &g_cancel;
        g_cancel.store(false);
        g_answering.store(true);
        hearth::GenerateResult result;
        try {
            result = hearth::generate(m_session, m_model, sampler, prompt.tokens, options,
                                      [&](std::string_view piece) {
                                          std::fwrite(piece.data(), 1, piece.size(), stdout);
                                          std::fflush(stdout);
                                          if (writer)
                                              writer->append(QString::fromUtf8(piece.data(), qsizetype(piece.size())));
                                      });
        } catch (...) {
            g_answering.store(false);
            throw;
        }
        g_answering.store(false);
        if (writer)
            m_saved->finishAnswer(*writer, result);
        m_messages.push_back({"assistant", result.text});
        return result;
    }

private:
    hearth::ChatPrompt promptFor(bool addGenerationPrompt)
    {
        hearth::ChatPrompt prompt = hearth::build_chat_prompt(m_model, m_messages, addGenerationPrompt);
        if (!prompt.warning.empty() && !m_warned) {
            std::cerr << "note: " << prompt.warning << "\n";
            m_warned = true;
        }
        return prompt;
    }

    hearth::Model& m_model;
    hearth::Session& m_session;
    int m_maxTokens;
    SavedChat* m_saved;
    std::vector<hearth::ChatMessage> m_messages;
    uint32_t m_systemTokens = 0;
    bool m_warned = false;
};

void printStats(const hearth::GenerateResult& result, const hearth::Session& session)
{
    std::fprintf(stderr, "[%u new prompt tokens, %zu in context, %.1f tok/s; %zu tokens at %.1f tok/s; stop: %s]\n",
                 result.prompt_tokens, session.tokens().size(), result.prompt_tokens_per_second(),
                 result.tokens.size(), result.generation_tokens_per_second(),
                 hearth::stop_reason_name(result.stop_reason));
}

} // namespace

int runChat(const QStringList& args)
{
    QStringList rest = args;
    if (!DataPaths::takeDataDirOption(rest)) {
        std::fprintf(stderr, "--data-dir needs a folder\n");
        return 2;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Chat with a model through its chat template. Type a message and press Enter; an empty line or "
        "end of input ends the chat. Ctrl-C stops an answer (at the prompt it quits). With -p, answer one "
        "message and exit. The conversation is saved where the app shows it, unless --no-save. "
        "--data-dir DIR uses another data folder.");
    parser.addHelpOption();
    addModelRunOptions(parser, 512);
    parser.addOptions({
        {"system", "A system prompt, kept when old turns make way for new ones.", "TEXT"},
        {{"p", "prompt"}, "Answer this one message and exit.", "TEXT"},
        {"no-save", "Do not save the conversation."},
    });
    parser.process(QStringList{"hearth-cli chat"} + rest);
    const ModelRunOptions options = readModelRunOptions(parser);

    std::unique_ptr<hearth::Engine> engine;
    try {
        engine = std::make_unique<hearth::Engine>(options.device);
    } catch (const hearth::Error& e) {
        if (!options.device.empty() || qEnvironmentVariableIsSet("HEARTH_DEVICE"))
            throw;
        // No usable Vulkan device at all: run on the CPU reference engine, and say so.
        std::fprintf(stderr, "note: running on the CPU reference engine, slowly: %s\n", e.what());
        engine = std::make_unique<hearth::Engine>("reference");
    }
    const std::unique_ptr<hearth::Model> model = engine->load(options.model, terminalLoadProgress(options.model));
    if (const uint64_t spilled = model->weights_in_system_memory())
        std::fprintf(stderr, "note: %.1f GB of the model did not fit in the GPU's memory and stay in system memory; "
                             "answers come more slowly\n",
                     double(spilled) / 1e9);
    hearth::SessionOptions sessionOptions;
    sessionOptions.context_length = options.context;
    std::unique_ptr<hearth::Session> session = model->create_session(sessionOptions);

    const QString system = parser.value("system");
    std::optional<SavedChat> saved;
    if (!parser.isSet("no-save")) {
        const QString modelFile = QFileInfo(QString::fromStdString(options.model)).absoluteFilePath();
        QString modelName = QString::fromStdString(model->name());
        if (modelName.isEmpty())
            modelName = QFileInfo(modelFile).completeBaseName();
        const QJsonObject settings{
            {"temperature", double(options.sampling.temperature)},
            {"top_k", int(options.sampling.top_k)},
            {"top_p", double(options.sampling.top_p)},
            {"min_p", double(options.sampling.min_p)},
            {"max_tokens", options.maxTokens},
        };
        saved.emplace(modelFile, modelName, system, settings);
    }
    Chat chat(*model, *session, system.toStdString(), options.maxTokens, saved ? &*saved : nullptr);
    hearth::Sampler sampler(options.sampling);
    std::signal(SIGINT, onInterrupt);

    if (parser.isSet("prompt")) {
        const hearth::GenerateResult result = chat.reply(parser.value("prompt").toStdString(), sampler);
        std::fputc('\n', stdout);
        std::fflush(stdout); // the answer ends before the stats line, also when both go to one pipe
        printStats(result, *session);
        return 0;
    }
    std::fprintf(stderr, "Chatting with %s on %s. Empty line or end of input quits; Ctrl-C stops an answer.\n",
                 model->name().c_str(), model->device_name().c_str());
    std::string line;
    while (true) {
        std::fputs("> ", stdout);
        std::fflush(stdout);
        if (!std::getline(std::cin, line) || line.empty())
            break;
        const hearth::GenerateResult result = chat.reply(line, sampler);
        std::fputc('\n', stdout);
        std::fflush(stdout); // the answer ends before the stats line, also when both go to one pipe
        printStats(result, *session);
    }
    std::signal(SIGINT, SIG_DFL);
    return 0;
}

static const CommandRegistrar
    registration("chat", "chat with a model through its chat template (saved unless --no-save)", runChat);
