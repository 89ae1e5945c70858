// hearth-cli summarize: a whole document summarized with a model, every paragraph citing its
// pages; progress on stderr. Ctrl-C stops cleanly and a rerun resumes from the last note.
#include "command.h"
#include "core/datapaths.h"
#include "documents/documentimport.h"
#include "documents/summarizer.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "loadprogress.h"
#include "modelargument.h"
#include "storage/database.h"

#include <csignal>
#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <unistd.h>

namespace {

// Ctrl-C: the handler only writes a byte, which the event loop turns into a cancel.
int g_interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = write(g_interruptPipe[1], &byte, 1);
}

QJsonObject resultJson(const SummaryResult& r, const QString& model, const StoredDocument& document)
{
    QJsonArray chunks, pages, sections;
    for (const SummaryChunk& c : r.chunks)
        chunks.append(QJsonObject{{"index", c.index},
                                  {"first_page", c.source.firstPage},
                                  {"last_page", c.source.lastPage},
                                  {"section", c.source.section},
                                  {"tokens", c.tokens}});
    for (int page : r.citedPages)
        pages.append(page);
    for (const QString& section : r.citedSections)
        sections.append(section);
    return QJsonObject{
        {"document", document.id},
        {"summary", r.text},
        {"style", r.style},
        {"model", model},
        {"pages", document.pages},
        {"chunks", chunks},
        {"rounds", r.rounds},
        {"citations", pages},
        {"cited_sections", sections},
        {"prompt_tokens", r.promptTokens},
        {"evaluated_tokens", r.evaluatedTokens},
        {"generated_tokens", r.generatedTokens},
        {"seconds", r.seconds},
        {"resumed_chunks", r.resumedChunks},
    };
}

} // namespace

int runSummarize(const QStringList& args)
{
    QStringList rest = args;
    if (!DataPaths::takeDataDirOption(rest)) {
        std::fprintf(stderr, "--data-dir needs a folder\n");
        return 2;
    }
    const QString passphraseFile = history_passphrase::takeFileOption(rest);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Summarize a whole document with a model. FILE is added to the documents first (as `docs add` "
        "does); --doc ID summarizes one already added. Every paragraph or bullet ends with the pages (or "
        "sections) it comes from. Ctrl-C stops; running the same command again resumes where it stopped. " +
        history_passphrase::optionHelp());
    parser.addHelpOption();
    parser.addPositionalArgument("file", "The document to summarize.", "[FILE]");
    parser.addOptions({
        {{"m", "model"},
         "The GGUF model file, or an installed model by the name `hearth-cli models list` shows.",
         "MODEL"},
        {"doc", "A document already added (its id from `docs list`).", "ID"},
        {"style", "brief (one paragraph, the default), detailed (a section per part) or points (bullets).",
         "STYLE", "brief"},
        {"focus", "What to concentrate on, e.g. \"the obligations of the tenant\".", "TEXT"},
        {"language", "Write the summary in this language (default: the document's).", "LANGUAGE"},
        {"password", "The password of an encrypted PDF.", "PASSWORD"},
        {"ctx", "Context length (default 4096, at most the model's).", "N", "4096"},
        {"device", "GPU index, part of its name, or 'reference'.", "DEVICE"},
        {"json", "Print one JSON object."},
    });
    parser.process(QStringList{"hearth-cli summarize"} + rest);
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() == !parser.isSet("doc"))
        throw hearth::Error("give either a FILE or --doc ID");
    SummarySettings settings;
    settings.style = parser.value("style");
    settings.focus = parser.value("focus");
    settings.language = parser.value("language");
    if (!Summarizer::isStyle(settings.style))
        throw hearth::Error("--style must be brief, detailed or points");
    bool ok = false;
    const int context = parser.value("ctx").toInt(&ok);
    if (!ok || context < 256)
        throw hearth::Error("--ctx needs a whole number of at least 256");

    Database db(Database::defaultFilePath());
    db.open();
    history_passphrase::unlockIfNeeded(db, passphraseFile);
    DocumentStore documents(db);
    StoredDocument stored;
    if (parser.isSet("doc")) {
        stored = documents.document(parser.value("doc").toLongLong());
    } else {
        ReadOptions options;
        options.password = parser.value("password");
        stored = importDocument(documents, files.first(), options, Chunker::kDefaultBudget).document;
    }
    const Document document = documents.content(stored.id);

    EngineService engine;
    LoadRequest request;
    request.path = QFileInfo(resolveModelArgument(parser.value("model"))).absoluteFilePath();
    request.device = parser.value("device");
    request.contextLength = context;
    const LoadOutcome model = loadModelForCli(engine, request);

    SummaryStore summaries(db);
    Summarizer summarizer(engine, summaries);
    const bool json = parser.isSet("json");
    const bool terminal = isatty(STDERR_FILENO);
    QEventLoop loop;
    int exitCode = 0;
    // On a terminal one line rewritten in place; into a file or pipe (a log), a line per finished step.
    int lastLoggedDone = -1;
    QObject::connect(&summarizer, &Summarizer::progressed, &loop, [&](const SummaryProgress& p) {
        if (!terminal && p.done == lastLoggedDone)
            return;
        lastLoggedDone = p.done;
        const QString eta =
            p.remainingSeconds < 0 ? QStringLiteral("…") : QString::number(int(p.remainingSeconds)) + "s";
        std::fprintf(stderr, "%s%s %d/%d, %d of %d prompt tokens evaluated, %.0fs, about %s left%s",
                     terminal ? "\r\033[K" : "", qPrintable(p.stage), p.done, p.total, p.evaluatedTokens,
                     p.promptTokens, p.elapsedSeconds, qPrintable(eta), terminal ? "" : "\n");
        std::fflush(stderr);
    });
    QObject::connect(&summarizer, &Summarizer::finished, &loop, [&](const SummaryResult& result) {
        if (terminal)
            std::fprintf(stderr, "\r\033[K");
        if (json)
            QTextStream(stdout)
                << QJsonDocument(resultJson(result, model.name, stored)).toJson(QJsonDocument::Compact)
                << "\n";
        else
            QTextStream(stdout) << result.text << "\n";
        if (!json)
            std::fprintf(
                stderr,
                "[%d chunks, %d reduce rounds, %d of %d prompt tokens evaluated, %d generated, %.1f s%s]\n",
                int(result.chunks.size()), result.rounds, result.evaluatedTokens, result.promptTokens,
                result.generatedTokens, result.seconds,
                result.resumedChunks
                    ? qPrintable(QStringLiteral(", %1 chunks resumed").arg(result.resumedChunks))
                    : "");
        loop.quit();
    });
    QObject::connect(&summarizer, &Summarizer::failed, &loop, [&](const QString& error, bool cancelled) {
        if (terminal)
            std::fprintf(stderr, "\r\033[K");
        std::fprintf(stderr, "hearth-cli summarize: %s\n", qPrintable(error));
        exitCode = cancelled ? 130 : 1;
        loop.quit();
    });

    if (pipe(g_interruptPipe) != 0)
        throw hearth::Error("could not set up Ctrl-C handling");
    QSocketNotifier interrupt(g_interruptPipe[0], QSocketNotifier::Read);
    QObject::connect(&interrupt, &QSocketNotifier::activated, &loop, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = read(g_interruptPipe[0], &byte, 1);
        summarizer.cancel();
    });
    std::signal(SIGINT, onInterrupt);
    summarizer.start(stored.id, document, request.path, model.contextLength, settings);
    if (summarizer.running())
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    return exitCode;
}

static const CommandRegistrar registration("summarize", "summarize a whole document with page citations",
                                           runSummarize);
