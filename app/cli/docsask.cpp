// hearth-cli docs ask: a question about stored documents, answered by a model from the passages
// that best match it (as the window's chat about attached documents does), with their sources.
#include "docsask.h"

#include "core/datapaths.h"
#include "documents/documentquestion.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "loadprogress.h"
#include "samplingoptions.h"
#include "storage/database.h"

#include <cstdio>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int runDocsAsk(const QStringList& args)
{
    QStringList rest = args;
    if (!DataPaths::takeDataDirOption(rest))
        throw hearth::Error("--data-dir needs a folder");
    const QString passphraseFile = history_passphrase::takeFileOption(rest);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Ask a question about documents already added (ids from `docs list`, comma-separated): the passages "
        "that best match it go to the model with the question, and the answer ends with their sources.");
    parser.addHelpOption();
    parser.addPositionalArgument("ids", "Document ids, e.g. 3 or 3,5.", "ID[,ID...]");
    parser.addPositionalArgument("question", "The question.", "QUESTION");
    addModelRunOptions(parser, 256);
    parser.addOption({"json", "Print one JSON object."});
    parser.process(QStringList{"hearth-cli docs ask"} + rest);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        throw hearth::Error("docs ask needs document ids and a question, e.g. docs ask 3 \"What is due?\"");
    const ModelRunOptions options = readModelRunOptions(parser);

    Database db(Database::defaultFilePath());
    db.open();
    history_passphrase::unlockIfNeeded(db, passphraseFile);
    DocumentStore documents(db);
    QList<qint64> ids;
    for (const QString& id : positional[0].split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        ids.append(id.toLongLong(&ok));
        if (!ok)
            throw hearth::Error("'" + id.toStdString() + "' is not a document id; see docs list");
        documents.document(ids.last()); // throws for an unknown id
    }

    EngineService engine;
    const LoadOutcome model = loadModelForCli(engine, options.loadRequest());
    const DocumentQuestion question =
        askAboutDocuments(documents, positional[1], ids, model.contextLength / 3);

    EngineJob job;
    job.kind = JobKind::ChatTurn;
    job.clientId = QStringLiteral("cli-docs-ask");
    job.turns = {{QStringLiteral("user"), question.prompt}};
    job.sampling = options.sampling;
    job.maxTokens = options.maxTokens;
    const bool json = parser.isSet("json");
    const JobOutcome outcome = runJobAndWait(engine, job, [&](const QString& piece) {
        if (!json)
            printPiece(piece);
    });
    if (!outcome.error.isEmpty())
        throw hearth::Error(outcome.error.toStdString());
    if (json) {
        QJsonArray sources;
        for (const RetrievedChunk& c : question.passages)
            sources.append(QJsonObject{{"document", c.documentId},
                                       {"title", c.title},
                                       {"chunk", c.index},
                                       {"first_page", c.firstPage},
                                       {"last_page", c.lastPage},
                                       {"section", c.section}});
        const QJsonObject object{{"answer", outcome.text},
                                 {"sources", sources},
                                 {"model", model.name},
                                 {"prompt_tokens", outcome.stats.promptTokens},
                                 {"generated_tokens", outcome.stats.generatedTokens}};
        QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    } else {
        QTextStream(stdout) << "\n\n"
                            << (question.sourcesLine.isEmpty()
                                    ? QStringLiteral("(no passage matched the question)")
                                    : question.sourcesLine)
                            << "\n";
    }
    return 0;
}
