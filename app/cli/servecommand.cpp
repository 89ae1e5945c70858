// hearth-cli serve: the local API (OpenAI- and Ollama-compatible, app/server) without the
// window, logging one line per request. Ctrl-C stops taking requests, ends the answers in
// progress properly (a streamed one gets its last event) and exits.
#include "command.h"
#include "core/datapaths.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "loadprogress.h"
#include "modelargument.h"
#include "models/installedmodels.h"
#include "models/modelsconfig.h"
#include "server/apihistory.h"
#include "server/apikey.h"
#include "server/apiserver.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

namespace {

// A signal handler can reach nothing but a global; it only sets this flag, polled below.
std::atomic<int> g_interrupts{0};

void onInterrupt(int)
{
    if (g_interrupts.fetch_add(1) >= 1)
        std::_Exit(130); // a second Ctrl-C: the user does not want to wait
}

int number(const QCommandLineParser& parser, const QString& name, int min, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max)
        throw hearth::Error(QStringLiteral("--%1 must be a whole number from %2 to %3")
                                .arg(name)
                                .arg(min)
                                .arg(max)
                                .toStdString());
    return value;
}

QHostAddress hostAddress(const QString& host)
{
    if (host == QLatin1String("localhost"))
        return QHostAddress(QHostAddress::LocalHost);
    const QHostAddress address(host);
    if (address.isNull())
        throw hearth::Error("--host needs an IP address such as 127.0.0.1 or 0.0.0.0, not '" +
                            host.toStdString() + "'");
    return address;
}

} // namespace

int runServe(const QStringList& args)
{
    QStringList rest = args;
    if (!DataPaths::takeDataDirOption(rest))
        throw hearth::Error("--data-dir needs a folder");
    const QString passphraseFile = history_passphrase::takeFileOption(rest);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Serve the local API: OpenAI-compatible endpoints under /v1 and Ollama-compatible ones under /api. "
        "A request naming another installed model loads it. Listening beyond this computer (--host) needs "
        "--api-key (or the key made in the window's settings); clients then send 'Authorization: Bearer "
        "KEY'. "
        "Ctrl-C stops. " +
        history_passphrase::optionHelp());
    parser.addHelpOption();
    parser.addOptions({
        {{"m", "model"}, "The model to load at start: an installed model's id, or a GGUF file.", "MODEL"},
        {"port", "The port (default 8642; 0 picks a free one).", "N", "8642"},
        {"host", "The address to listen on (default 127.0.0.1).", "ADDR", "127.0.0.1"},
        {"api-key",
         "Require this key from clients (needed when --host is not a loopback address; without it the key "
         "made "
         "in the window's Settings → Local API is used).",
         "KEY"},
        {"save-chats", "Save each chat the API answers into the history, as the window's setting does."},
        {"cors-origin",
         "Let web pages from ORIGIN (e.g. http://localhost:3000, or *) call the API (repeatable).", "ORIGIN"},
        {"queue", "Requests waiting for the model at most; more get 429 (default 16).", "N", "16"},
        {"request-timeout", "Seconds a client has to send a whole request (default 20).", "S", "20"},
        {"ctx", "Context length of loaded models (default 4096, at most the model's).", "N", "4096"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
    });
    parser.process(QStringList{"hearth-cli serve"} + rest);

    const ModelsConfig config = ModelsConfig::load(QSettings());
    InstalledModels installed(config.modelsDir, config.extraFolders, config.externalRoots);
    installed.scan();
    // Looked at again at most every few seconds: a model copied into the folder shows up soon,
    // and a burst of requests does not rescan the folder each time.
    QElapsedTimer sinceScan;
    sinceScan.start();
    const auto listInstalled = [&]() -> QList<InstalledModel> {
        if (sinceScan.elapsed() > 3000) {
            installed.scan();
            sinceScan.restart();
        }
        return installed.models();
    };

    ApiServerOptions options;
    options.host = hostAddress(parser.value("host"));
    options.port = quint16(number(parser, "port", 0, 65535));
    options.apiKey = parser.value("api-key");
    if (options.apiKey.isEmpty() && !options.host.isLoopback())
        options.apiKey = api_key::file(config.configDir).load();
    options.allowedOrigins = parser.values("cors-origin");
    options.limits.requestTimeoutMs = 1000 * number(parser, "request-timeout", 1, 3600);
    options.loadShape.device = parser.value("device");
    options.loadShape.contextLength = number(parser, "ctx", 256, 1 << 24);

    options.maxQueuedRequests = number(parser, "queue", 0, 1024);
    EngineService::Options engineOptions;
    // The API's own waiting room: one job runs, `queue` more may wait.
    engineOptions.maxQueuedJobs = number(parser, "queue", 0, 1024) + 1;
    EngineService engine(engineOptions);
    ApiServer server(engine, listInstalled, options);

    // --save-chats: one connection for the whole run; each answered chat is one transaction,
    // committed before the answer's last bytes reach the client.
    std::unique_ptr<Database> history;
    std::unique_ptr<ConversationStore> conversations;
    if (parser.isSet("save-chats")) {
        history = std::make_unique<Database>(Database::defaultFilePath());
        history->open();
        history_passphrase::unlockIfNeeded(*history, passphraseFile);
        conversations = std::make_unique<ConversationStore>(*history);
        QObject::connect(&server, &ApiServer::chatAnswered, &server, [&](const ApiChat& chat) {
            try {
                const Conversation saved = api_history::save(*conversations, chat);
                std::fprintf(stdout, "saved conversation %lld\n", static_cast<long long>(saved.id));
            } catch (const hearth::Error& e) {
                std::fprintf(stdout, "the chat was answered but not saved: %s\n", e.what());
            }
            std::fflush(stdout);
        });
    }

    if (parser.isSet("model")) {
        LoadRequest request = options.loadShape;
        request.path = resolveModelArgument(parser.value("model"), installed);
        loadModelForCli(engine, request);
    }
    QString error;
    if (!server.listen(&error))
        throw hearth::Error(error.toStdString());

    QObject::connect(&server, &ApiServer::requestLogged, &server, [](const ApiLogEntry& entry) {
        std::fprintf(stdout, "%s\n", qPrintable(entry.line()));
        std::fflush(stdout);
    });
    std::fprintf(stdout, "serving %s on http://%s:%u (OpenAI: /v1, Ollama: /api)\n",
                 server.models().loaded() ? qPrintable(server.models().loadedId()) : "no model yet",
                 qPrintable(options.host.toString()), unsigned(server.port()));
    std::fflush(stdout);

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &server, [&] {
        if (g_interrupts.load() == 0)
            return;
        poll.stop();
        std::fprintf(stdout, "stopping\n");
        std::fflush(stdout);
        server.stop();
    });
    QObject::connect(&server, &ApiServer::stopped, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    poll.start(100);
    return QCoreApplication::exec();
}

static const CommandRegistrar registration("serve", "serve the local API (OpenAI- and Ollama-compatible)",
                                           runServe);
