// hearth-cli conversations: the conversation store from the terminal (list, show, search,
// export, import), on the same database the window uses.
#include "command.h"
#include "core/datapaths.h"
#include "hearth/error.h"
#include "historypassphrase.h"
#include "storage/conversationexport.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
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
        fail(QStringLiteral("'%1' is not a conversation id (see `hearth-cli conversations list`)").arg(text));
    return id;
}

int parseCount(const QCommandLineParser& parser, const QString& option, int fallback)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const int n = parser.value(option).toInt(&ok);
    if (!ok || n < 0)
        fail(QStringLiteral("--%1 needs a number of 0 or more").arg(option));
    return n;
}

QJsonObject conversationJson(const Conversation& c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("title"), c.title},
            {QStringLiteral("createdAt"), c.createdAt},
            {QStringLiteral("updatedAt"), c.updatedAt},
            {QStringLiteral("modelName"), c.modelName},
            {QStringLiteral("modelFile"), c.modelFile},
            {QStringLiteral("pinned"), c.pinned},
            {QStringLiteral("archived"), c.archived},
            {QStringLiteral("messageCount"), c.messageCount}};
}

QJsonObject messageJson(const Message& m)
{
    QJsonObject object = ConversationExport::messageJson(m);
    object.insert(QStringLiteral("id"), m.id);
    object.insert(QStringLiteral("parentId"), m.parentId ? QJsonValue(m.parentId) : QJsonValue());
    object.insert(QStringLiteral("siblingIndex"), m.siblingIndex);
    object.insert(QStringLiteral("siblingCount"), m.siblingCount);
    return object;
}

int list(ConversationStore& store, const QCommandLineParser& parser, bool json)
{
    const bool archived = parser.isSet(QStringLiteral("archived"));
    const QList<Conversation> page = store.list(parseCount(parser, QStringLiteral("offset"), 0),
                                                parseCount(parser, QStringLiteral("limit"), 50), archived);
    if (json) {
        QJsonArray array;
        for (const Conversation& c : page)
            array.append(conversationJson(c));
        printJson(
            {{QStringLiteral("total"), store.count(archived)}, {QStringLiteral("conversations"), array}});
        return 0;
    }
    QTextStream out(stdout);
    for (const Conversation& c : page)
        out << QString::number(c.id).rightJustified(6) << "  " << localTime(c.updatedAt) << "  "
            << QString::number(c.messageCount).rightJustified(4)
            << (c.messageCount == 1 ? " message   " : " messages  ") << (c.pinned ? "* " : "  ")
            << (c.title.isEmpty() ? QStringLiteral("(untitled)") : c.title) << "\n";
    if (page.isEmpty())
        out << (archived ? "no archived conversations\n" : "no conversations yet\n");
    return 0;
}

int show(ConversationStore& store, qint64 id, bool json)
{
    const Conversation c = store.conversation(id);
    const QList<Message> path = store.activePath(id);
    if (json) {
        QJsonObject object = conversationJson(c);
        object.insert(QStringLiteral("systemPrompt"), c.systemPrompt);
        object.insert(QStringLiteral("settings"), c.settings);
        QJsonArray messages;
        for (const Message& m : path)
            messages.append(messageJson(m));
        object.insert(QStringLiteral("messages"), messages);
        printJson(object);
        return 0;
    }
    QTextStream out(stdout);
    out << "# " << (c.title.isEmpty() ? QStringLiteral("(untitled)") : c.title) << "\n";
    if (!c.modelName.isEmpty())
        out << "model: " << c.modelName << "\n";
    for (const Message& m : path) {
        out << "\n[" << roleName(m.role) << "]";
        if (m.siblingCount > 1)
            out << QStringLiteral("  ‹ %1/%2 ›").arg(m.siblingIndex).arg(m.siblingCount);
        if (m.role == Role::Assistant && m.finishReason.isEmpty())
            out << "  (unfinished)";
        out << "\n" << m.content << "\n";
    }
    return 0;
}

int search(ConversationStore& store, const QString& text, const QCommandLineParser& parser, bool json)
{
    const QList<SearchHit> hits = store.search(text, parseCount(parser, QStringLiteral("limit"), 50),
                                               parseCount(parser, QStringLiteral("offset"), 0));
    if (json) {
        QJsonArray array;
        for (const SearchHit& h : hits)
            array.append(QJsonObject{{QStringLiteral("conversationId"), h.conversationId},
                                     {QStringLiteral("messageId"), h.messageId},
                                     {QStringLiteral("title"), h.conversationTitle},
                                     {QStringLiteral("role"), roleName(h.role)},
                                     {QStringLiteral("createdAt"), h.createdAt},
                                     {QStringLiteral("snippet"), h.snippet}});
        printJson({{QStringLiteral("hits"), array}});
        return 0;
    }
    QTextStream out(stdout);
    for (const SearchHit& h : hits)
        out << h.conversationId << "  " << localTime(h.createdAt) << "  " << h.conversationTitle << "\n    ["
            << roleName(h.role) << "] " << h.snippet.simplified() << "\n";
    if (hits.isEmpty())
        out << "no matches\n";
    return 0;
}

int exportConversations(ConversationStore& store, const QStringList& ids, const QCommandLineParser& parser,
                        bool json)
{
    QList<qint64> selected;
    if (parser.isSet(QStringLiteral("all")))
        selected = store.allConversationIds();
    else if (ids.isEmpty())
        fail(QStringLiteral("export needs a conversation id or --all"));
    for (const QString& id : ids) {
        selected.append(parseId(id));
        store.conversation(selected.last()); // a missing id fails before anything is written
    }
    const QString format = json ? QStringLiteral("json") : parser.value(QStringLiteral("format"));
    QByteArray data;
    if (format == QLatin1String("json"))
        data = ConversationExport::toJson(store, selected);
    else if (format == QLatin1String("md") || format == QLatin1String("markdown"))
        data = ConversationExport::toMarkdown(store, selected).toUtf8();
    else
        fail(QStringLiteral("--format must be md or json, not '%1'").arg(format));
    const QString output = parser.value(QStringLiteral("output"));
    QFile file(output);
    const bool opened = output.isEmpty() || output == QLatin1String("-")
                            ? file.open(stdout, QIODevice::WriteOnly)
                            : file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    if (!opened || file.write(data) != data.size() || !file.flush())
        fail(QStringLiteral("could not write %1: %2").arg(output, file.errorString()));
    return 0;
}

int importConversations(ConversationStore& store, const QStringList& files, bool json)
{
    if (files.isEmpty())
        fail(QStringLiteral(
            "import needs a file (written by `hearth-cli conversations export --format json`)"));
    QJsonArray imported;
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            fail(QStringLiteral("could not read %1: %2").arg(path, file.errorString()));
        try {
            for (qint64 id : ConversationExport::importJson(store, file.readAll()))
                imported.append(id);
        } catch (const hearth::Error& e) {
            fail(QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what())));
        }
    }
    if (json)
        printJson({{QStringLiteral("imported"), imported}});
    else
        QTextStream(stdout) << "imported " << imported.size() << " conversation(s)\n";
    return 0;
}

} // namespace

int runConversations(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Your saved conversations.\n\n"
                       "  list                        the newest first (pinned on top)\n"
                       "  show ID                     the branch on screen of one conversation\n"
                       "  search TEXT...              every message containing all the words\n"
                       "  export ID... | --all        to Markdown (--format md) or JSON (--format json)\n"
                       "  import FILE...              add conversations from a JSON export"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("list, show, search, export or import"));
    parser.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Use DIR as Hearth's data folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("Machine-readable output.")},
        {QStringLiteral("passphrase-file"),
         QStringLiteral("An encrypted history's passphrase, from FILE's first line (- for standard input) "
                        "instead of asking on the terminal."),
         QStringLiteral("FILE")},
        {QStringLiteral("limit"), QStringLiteral("list/search: at most N (default 50)."),
         QStringLiteral("N")},
        {QStringLiteral("offset"), QStringLiteral("list/search: skip the first N."), QStringLiteral("N")},
        {QStringLiteral("archived"), QStringLiteral("list: the archived conversations.")},
        {QStringLiteral("format"), QStringLiteral("export: md or json (default md)."),
         QStringLiteral("FORMAT"), QStringLiteral("md")},
        {QStringLiteral("all"), QStringLiteral("export: every conversation.")},
        {QStringLiteral("output"), QStringLiteral("export: write to FILE instead of the terminal."),
         QStringLiteral("FILE")},
    });
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli conversations")} + args))
        fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("data-dir")))
        DataPaths::setOverride(parser.value(QStringLiteral("data-dir")));
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        fail(QStringLiteral("which action? list, show, search, export or import (see --help)"));
    const QString action = positional.takeFirst();
    const QString passphraseFile = parser.value(QStringLiteral("passphrase-file"));
    const bool json = parser.isSet(QStringLiteral("json"));

    Database db(Database::defaultFilePath());
    db.open();
    if (!db.movedAsidePath().isEmpty())
        QTextStream(stderr) << "hearth-cli conversations: " << db.movedAsideNotice() << "\n";
    history_passphrase::unlockIfNeeded(db, passphraseFile);
    ConversationStore store(db);

    if (action == QLatin1String("list"))
        return list(store, parser, json);
    if (action == QLatin1String("show")) {
        if (positional.size() != 1)
            fail(QStringLiteral("show needs one conversation id"));
        return show(store, parseId(positional[0]), json);
    }
    if (action == QLatin1String("search")) {
        if (positional.isEmpty())
            fail(QStringLiteral("search needs the words to look for"));
        return search(store, positional.join(QLatin1Char(' ')), parser, json);
    }
    if (action == QLatin1String("export"))
        return exportConversations(store, positional, parser, json);
    if (action == QLatin1String("import"))
        return importConversations(store, positional, json);
    fail(QStringLiteral("unknown action '%1'; use list, show, search, export or import").arg(action));
}

static const CommandRegistrar registration("conversations",
                                           "list, show, search, export and import saved conversations",
                                           runConversations);
