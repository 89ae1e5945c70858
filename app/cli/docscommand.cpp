// hearth-cli docs: documents from the terminal (add, list, show, search, rm), in the same
// database the window uses. Adding reads the file (PDF, Word, OpenDocument, EPUB, HTML,
// Markdown, text), chunks its text and stores both in one transaction.
#include "command.h"
#include "core/datapaths.h"
#include "docsask.h"
#include "documents/chunker.h"
#include "documents/documentimport.h"
#include "documents/documentstore.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "storage/database.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

void printJson(const QJsonObject& object)
{
    QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

qint64 parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        fail(QStringLiteral("'%1' is not a document id (see `hearth-cli docs list`)").arg(text));
    return id;
}

qint64 parsePositive(const QCommandLineParser& parser, const QString& option, qint64 fallback)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 n = parser.value(option).toLongLong(&ok);
    if (!ok || n <= 0)
        fail(QStringLiteral("--%1 needs a number above 0").arg(option));
    return n;
}

QString pagesLabel(int first, int last)
{
    if (first <= 0)
        return {};
    return first == last ? QStringLiteral("p. %1").arg(first)
                         : QStringLiteral("p. %1–%2").arg(first).arg(last);
}

QJsonObject documentJson(const StoredDocument& d)
{
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("title"), d.title},
            {QStringLiteral("author"), d.author},
            {QStringLiteral("format"), d.format},
            {QStringLiteral("pages"), d.pages},
            {QStringLiteral("chars"), d.chars},
            {QStringLiteral("chunks"), d.chunkCount},
            {QStringLiteral("ocr_pages"), d.ocrPages},
            {QStringLiteral("size"), d.size},
            {QStringLiteral("path"), d.path},
            {QStringLiteral("sha256"), d.sha256},
            {QStringLiteral("token_counter"), d.tokenCounter},
            {QStringLiteral("chunk_budget"), d.chunkBudget},
            {QStringLiteral("created_at"), d.createdAt}};
}

QString summaryLine(const StoredDocument& d)
{
    QString line = QStringLiteral("%1 (%2").arg(d.title, d.format);
    if (d.pages > 0)
        line += QStringLiteral(", %1 pages").arg(d.pages);
    line += QStringLiteral(", %1 chars, %2 chunks").arg(d.chars).arg(d.chunkCount);
    if (d.ocrPages > 0)
        line += QStringLiteral(", %1 pages by OCR").arg(d.ocrPages);
    return line + QLatin1Char(')');
}

ReadOptions readOptions(const QCommandLineParser& parser)
{
    ReadOptions options;
    ExtractLimits& limits = options.limits;
    limits.maxFileBytes = parsePositive(parser, QStringLiteral("max-mb"), limits.maxFileBytes >> 20) << 20;
    limits.maxPages = static_cast<int>(parsePositive(parser, QStringLiteral("max-pages"), limits.maxPages));
    limits.maxArchiveBytes =
        parsePositive(parser, QStringLiteral("max-archive-mb"), limits.maxArchiveBytes >> 20) << 20;
    limits.maxArchiveEntries = static_cast<int>(
        parsePositive(parser, QStringLiteral("max-archive-entries"), limits.maxArchiveEntries));
    limits.maxHtmlBytes = parsePositive(parser, QStringLiteral("max-html-mb"), limits.maxHtmlBytes >> 20)
                          << 20;
    limits.ocrSecondsPerPage =
        static_cast<int>(parsePositive(parser, QStringLiteral("ocr-timeout"), limits.ocrSecondsPerPage));
    options.password = parser.value(QStringLiteral("password"));
    options.ocr = !parser.isSet(QStringLiteral("no-ocr"));
    if (parser.isSet(QStringLiteral("ocr-language")))
        options.ocrLanguage = parser.value(QStringLiteral("ocr-language"));
    if (isatty(fileno(stderr)))
        options.progress = [](int done, int total) {
            std::fprintf(stderr, "\rreading %d/%d", done, total);
            if (done == total)
                std::fprintf(stderr, "\r\033[K");
            return true;
        };
    return options;
}

int add(DocumentStore& store, const QString& path, const QCommandLineParser& parser, bool json)
{
    const int budget =
        static_cast<int>(parsePositive(parser, QStringLiteral("chunk-tokens"), Chunker::kDefaultBudget));
    const ImportedDocument imported = importDocument(store, path, readOptions(parser), budget);
    const StoredDocument* stored = &imported.document;
    const bool reused = imported.reused;
    if (json) {
        QJsonObject object = documentJson(*stored);
        object.insert(QStringLiteral("reused"), reused);
        printJson(object);
    } else {
        QTextStream(stdout) << (reused ? "already added as " : "added ") << stored->id << ": "
                            << summaryLine(*stored) << "\n";
    }
    return 0;
}

int list(DocumentStore& store, bool json)
{
    const QList<StoredDocument> documents = store.list();
    if (json) {
        QJsonArray array;
        for (const StoredDocument& d : documents)
            array.append(documentJson(d));
        printJson({{QStringLiteral("documents"), array}});
        return 0;
    }
    QTextStream out(stdout);
    for (const StoredDocument& d : documents)
        out << QString::number(d.id).rightJustified(6) << "  "
            << QDateTime::fromMSecsSinceEpoch(d.createdAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
            << "  " << summaryLine(d) << "\n";
    if (documents.isEmpty())
        out << "no documents yet (add one with `hearth-cli docs add FILE`)\n";
    return 0;
}

int show(DocumentStore& store, qint64 id, const QCommandLineParser& parser, bool json)
{
    const Document document = store.content(id);
    QString text = document.text;
    if (parser.isSet(QStringLiteral("page"))) {
        const qint64 page = parsePositive(parser, QStringLiteral("page"), 1);
        if (!document.hasPages())
            fail(QStringLiteral("document %1 (%2) has no pages; it is cited by section, so show it whole")
                     .arg(id)
                     .arg(document.format));
        if (page > document.pageCount)
            fail(QStringLiteral("document %1 has %2 pages, there is no page %3")
                     .arg(id)
                     .arg(document.pageCount)
                     .arg(page));
        text = document.pageText(static_cast<int>(page)).trimmed();
    }
    if (json) {
        QJsonObject object = documentJson(store.document(id));
        object.insert(QStringLiteral("text"), text);
        printJson(object);
        return 0;
    }
    QTextStream(stdout) << text << "\n";
    return 0;
}

int search(DocumentStore& store, const QString& text, const QCommandLineParser& parser, bool json)
{
    const QList<DocumentSearchHit> hits =
        store.search(text, static_cast<int>(parsePositive(parser, QStringLiteral("limit"), 20)));
    if (json) {
        QJsonArray array;
        for (const DocumentSearchHit& h : hits)
            array.append(QJsonObject{{QStringLiteral("document_id"), h.documentId},
                                     {QStringLiteral("title"), h.title},
                                     {QStringLiteral("chunk"), h.chunkIndex},
                                     {QStringLiteral("first_page"), h.firstPage},
                                     {QStringLiteral("last_page"), h.lastPage},
                                     {QStringLiteral("page"), h.page},
                                     {QStringLiteral("section"), h.section},
                                     {QStringLiteral("snippet"), h.snippet}});
        printJson({{QStringLiteral("hits"), array}});
        return 0;
    }
    QTextStream out(stdout);
    for (const DocumentSearchHit& h : hits) {
        const QString where = h.page > 0 ? pagesLabel(h.page, h.page) : QStringLiteral("§ ") + h.section;
        out << h.documentId << "  " << h.title << "  [" << where << "]\n    " << h.snippet.simplified()
            << "\n";
    }
    if (hits.isEmpty())
        out << "no matches\n";
    return 0;
}

} // namespace

int runDocs(const QStringList& args)
{
    if (!args.isEmpty() && args.first() == QLatin1String("ask"))
        return runDocsAsk(args.mid(1));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Documents for summaries and questions.\n\n"
        "  add FILE          read a PDF, DOCX, ODT, EPUB, HTML, Markdown or text file and store its text\n"
        "                    in chunks (an unchanged file already added is reused)\n"
        "  list              every document, newest first\n"
        "  show ID           the extracted text (of one page with --page N)\n"
        "  search WORDS...   chunks containing all the words, best first (BM25), with the page of the match\n"
        "  rm ID             remove a document and everything made from it\n"
        "  ask ID QUESTION   answer a question from the document with a model (docs ask --help)\n\n"
        "Chunks are at most --chunk-tokens tokens (default 512), estimated as characters / 4 since no\n"
        "model is loaded; the counts are stored as \"chars/4\", so a summary can re-chunk with its model's\n"
        "own tokenizer."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add, list, show, search or rm"));
    parser.addOptions({
        {QStringLiteral("passphrase-file"),
         QStringLiteral("An encrypted history's passphrase, from FILE's first line (- for standard input) "
                        "instead of asking on the terminal."),
         QStringLiteral("FILE")},
        {QStringLiteral("data-dir"), QStringLiteral("Use DIR as Hearth's data folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("Machine-readable output.")},
        {QStringLiteral("password"), QStringLiteral("add: the password of an encrypted PDF."),
         QStringLiteral("P")},
        {QStringLiteral("no-ocr"), QStringLiteral("add: skip pages without a text layer instead of OCR.")},
        {QStringLiteral("ocr-language"),
         QStringLiteral("add: Tesseract language(s), e.g. deu+eng (default eng)."), QStringLiteral("L")},
        {QStringLiteral("chunk-tokens"), QStringLiteral("add: tokens per chunk (default 512)."),
         QStringLiteral("N")},
        {QStringLiteral("max-mb"), QStringLiteral("add: largest file read (default 256 MB)."),
         QStringLiteral("N")},
        {QStringLiteral("max-pages"), QStringLiteral("add: most PDF pages (default 5000)."),
         QStringLiteral("N")},
        {QStringLiteral("max-archive-mb"),
         QStringLiteral("add: most a DOCX/ODT/EPUB may unpack to (default 512 MB)."), QStringLiteral("N")},
        {QStringLiteral("max-archive-entries"),
         QStringLiteral("add: most entries in a DOCX/ODT/EPUB (default 10000)."), QStringLiteral("N")},
        {QStringLiteral("max-html-mb"),
         QStringLiteral("add: largest HTML page or EPUB chapter (default 32 MB)."), QStringLiteral("N")},
        {QStringLiteral("ocr-timeout"), QStringLiteral("add: seconds of OCR per page (default 120)."),
         QStringLiteral("S")},
        {QStringLiteral("page"), QStringLiteral("show: only page N."), QStringLiteral("N")},
        {QStringLiteral("limit"), QStringLiteral("search: at most N hits (default 20)."),
         QStringLiteral("N")},
    });
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli docs")} + args))
        fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("data-dir")))
        DataPaths::setOverride(parser.value(QStringLiteral("data-dir")));
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        fail(QStringLiteral("which action? add, list, show, search or rm (see --help)"));
    const QString action = positional.takeFirst();
    const bool json = parser.isSet(QStringLiteral("json"));
    const QString passphraseFile = parser.value(QStringLiteral("passphrase-file"));

    Database db(Database::defaultFilePath());
    db.open();
    if (!db.movedAsidePath().isEmpty())
        QTextStream(stderr) << "hearth-cli docs: " << db.movedAsideNotice() << "\n";
    history_passphrase::unlockIfNeeded(db, passphraseFile);
    DocumentStore store(db);

    if (action == QLatin1String("add")) {
        if (positional.size() != 1)
            fail(QStringLiteral("add needs one file"));
        return add(store, positional[0], parser, json);
    }
    if (action == QLatin1String("list"))
        return list(store, json);
    if (action == QLatin1String("show")) {
        if (positional.size() != 1)
            fail(QStringLiteral("show needs one document id"));
        return show(store, parseId(positional[0]), parser, json);
    }
    if (action == QLatin1String("search")) {
        if (positional.isEmpty())
            fail(QStringLiteral("search needs the words to look for"));
        return search(store, positional.join(QLatin1Char(' ')), parser, json);
    }
    if (action == QLatin1String("rm")) {
        if (positional.size() != 1)
            fail(QStringLiteral("rm needs one document id"));
        const qint64 id = parseId(positional[0]);
        const StoredDocument d = store.document(id);
        store.remove(id);
        if (json)
            printJson({{QStringLiteral("removed"), id}});
        else
            QTextStream(stdout) << "removed " << id << ": " << d.title << "\n";
        return 0;
    }
    fail(QStringLiteral("unknown action '%1'; use add, list, show, search or rm").arg(action));
}

static const CommandRegistrar registration("docs", "add, list, show, search, remove and ask about documents",
                                           runDocs);
