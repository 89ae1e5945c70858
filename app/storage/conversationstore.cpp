#include "conversationstore.h"

#include "hearth/error.h"
#include "historyencryption.h"
#include "sqlerror.h"
#include "transaction.h"

#include <algorithm>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlRecord>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Storage", text);
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

const QString kConversationColumns =
    QStringLiteral("c.id, hearth_open(c.title, 'conversations', 'title', c.id), c.title_source, "
                   "c.created_at, c.updated_at, c.model_file, c.model_name, "
                   "hearth_open(c.system_prompt, 'conversations', 'system_prompt', c.id), "
                   "c.settings, c.pinned, c.archived, c.active_leaf_id, "
                   "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)");

Conversation readConversation(const QSqlQuery& q)
{
    Conversation c;
    c.id = q.value(0).toLongLong();
    c.title = q.value(1).toString();
    titleSourceFromName(q.value(2).toString(), &c.titleSource);
    c.createdAt = q.value(3).toLongLong();
    c.updatedAt = q.value(4).toLongLong();
    c.modelFile = q.value(5).toString();
    c.modelName = q.value(6).toString();
    c.systemPrompt = q.value(7).toString();
    c.settings = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
    c.pinned = q.value(9).toBool();
    c.archived = q.value(10).toBool();
    c.activeLeafId = q.value(11).toLongLong();
    c.messageCount = q.value(12).toInt();
    return c;
}

const QString kMessageColumns = QStringLiteral(
    "m.id, m.conversation_id, m.parent_id, m.role, hearth_open(m.content, 'messages', 'content', m.id), "
    "hearth_open(m.reasoning, 'messages', 'reasoning', m.id), m.created_at, m.model, "
    "m.prompt_tokens, m.generated_tokens, m.tokens_per_second, m.finish_reason");

Message readMessage(const QSqlQuery& q)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.parentId = q.value(2).toLongLong();
    roleFromName(q.value(3).toString(), &m.role);
    m.content = q.value(4).toString();
    m.reasoning = q.value(5).toString();
    m.createdAt = q.value(6).toLongLong();
    m.model = q.value(7).toString();
    m.promptTokens = q.value(8).toInt();
    m.generatedTokens = q.value(9).toInt();
    m.tokensPerSecond = q.value(10).toDouble();
    m.finishReason = q.value(11).toString();
    return m;
}

QString settingsText(const QJsonObject& settings)
{
    return QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact));
}

} // namespace

ConversationStore::ConversationStore(Database& db) : m_db(db) {}

QSqlQuery ConversationStore::run(const QString& sql, std::initializer_list<QVariant> values,
                                 const QString& what)
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throwSqlError(what, query.lastError(), m_db.filePath());
    for (const QVariant& value : values) {
        // The driver binds a null QString as SQL NULL; the text columns are NOT NULL.
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QStringLiteral(""));
        else
            query.addBindValue(value);
    }
    if (!query.exec())
        throwSqlError(what, query.lastError(), m_db.filePath());
    return query;
}

void ConversationStore::requireConversation(qint64 id)
{
    if (!contains(id))
        throw hearth::Error(tr("there is no conversation %1").arg(id).toStdString());
}

bool ConversationStore::contains(qint64 id)
{
    QSqlQuery q = run(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?"), {id},
                      tr("could not read the conversation"));
    return q.next();
}

qint64 ConversationStore::insertConversationRow(const Conversation& c, const QString& what)
{
    QSqlQuery q =
        run(QStringLiteral("INSERT INTO conversations (title, title_source, created_at, updated_at, "
                           "model_file, model_name, system_prompt, settings, pinned, archived) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {c.title, titleSourceName(c.titleSource), c.createdAt, c.updatedAt, c.modelFile, c.modelName,
             c.systemPrompt, settingsText(c.settings), c.pinned, c.archived},
            what);
    return q.lastInsertId().toLongLong();
}

qint64 ConversationStore::insertMessageRow(qint64 conversationId, qint64 parentId, const Message& m,
                                           const QString& what)
{
    QSqlQuery q =
        run(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, "
                           "created_at, model, prompt_tokens, generated_tokens, tokens_per_second, "
                           "finish_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {conversationId, idOrNull(parentId), roleName(m.role), m.content, m.reasoning, m.createdAt,
             m.model, m.promptTokens, m.generatedTokens, m.tokensPerSecond, m.finishReason},
            what);
    return q.lastInsertId().toLongLong();
}

Conversation ConversationStore::create(const Conversation& init)
{
    Conversation c = init;
    c.createdAt = c.updatedAt = now();
    c.activeLeafId = 0;
    c.messageCount = 0;
    c.id = insertConversationRow(c, tr("could not save the new conversation"));
    return c;
}

Conversation ConversationStore::conversation(qint64 id)
{
    QSqlQuery q =
        run(QStringLiteral("SELECT %1 FROM conversations c WHERE c.id = ?").arg(kConversationColumns), {id},
            tr("could not read the conversation"));
    if (!q.next())
        throw hearth::Error(tr("there is no conversation %1").arg(id).toStdString());
    return readConversation(q);
}

void ConversationStore::updateConversation(qint64 id, const char* column, const QVariant& value,
                                           const QString& what)
{
    requireConversation(id);
    run(QStringLiteral("UPDATE conversations SET %1 = ? WHERE id = ?").arg(QLatin1String(column)),
        {value, id}, what);
}

void ConversationStore::rename(qint64 id, const QString& title)
{
    requireConversation(id);
    run(QStringLiteral("UPDATE conversations SET title = ?, title_source = 'user' WHERE id = ?"),
        {title.trimmed(), id}, tr("could not rename the conversation"));
}

bool ConversationStore::setAutomaticTitle(qint64 id, const QString& title, TitleSource source)
{
    requireConversation(id);
    QSqlQuery q = run(QStringLiteral("UPDATE conversations SET title = ?, title_source = ? "
                                     "WHERE id = ? AND title_source <> 'user'"),
                      {title.trimmed(), titleSourceName(source), id}, tr("could not save the title"));
    return q.numRowsAffected() > 0;
}

void ConversationStore::setPinned(qint64 id, bool pinned)
{
    updateConversation(id, "pinned", pinned, tr("could not pin the conversation"));
}

void ConversationStore::setArchived(qint64 id, bool archived)
{
    updateConversation(id, "archived", archived, tr("could not archive the conversation"));
}

void ConversationStore::setModel(qint64 id, const QString& modelFile, const QString& modelName)
{
    requireConversation(id);
    run(QStringLiteral("UPDATE conversations SET model_file = ?, model_name = ? WHERE id = ?"),
        {modelFile, modelName, id}, tr("could not save the conversation's model"));
}

void ConversationStore::setSystemPrompt(qint64 id, const QString& systemPrompt)
{
    updateConversation(id, "system_prompt", systemPrompt, tr("could not save the system prompt"));
}

void ConversationStore::setSettings(qint64 id, const QJsonObject& settings)
{
    updateConversation(id, "settings", settingsText(settings), tr("could not save the generation settings"));
}

void ConversationStore::remove(qint64 id)
{
    const QString what = tr("could not delete the conversation");
    Transaction transaction(m_db, what);
    requireConversation(id);
    // Messages go with it (ON DELETE CASCADE), and the search index with them (triggers).
    run(QStringLiteral("DELETE FROM conversations WHERE id = ?"), {id}, what);
    transaction.commit();
}

QList<Conversation> ConversationStore::list(int offset, int limit, bool archived)
{
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM conversations c WHERE c.archived = ? "
                                     "ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC LIMIT ? OFFSET ?")
                          .arg(kConversationColumns),
                      {archived, limit, offset}, tr("could not list the conversations"));
    QList<Conversation> result;
    while (q.next())
        result.append(readConversation(q));
    return result;
}

int ConversationStore::count(bool archived)
{
    QSqlQuery q = run(QStringLiteral("SELECT count(*) FROM conversations WHERE archived = ?"), {archived},
                      tr("could not count the conversations"));
    return q.next() ? q.value(0).toInt() : 0;
}

QList<qint64> ConversationStore::allConversationIds()
{
    QSqlQuery q = run(QStringLiteral("SELECT id FROM conversations ORDER BY id"), {},
                      tr("could not list the conversations"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

QList<Message> ConversationStore::activePath(qint64 conversationId)
{
    requireConversation(conversationId);
    // Walk up from the active leaf; depth orders the path from the first message down.
    QSqlQuery q =
        run(QStringLiteral(
                "WITH RECURSIVE path (id, depth) AS ("
                "  SELECT active_leaf_id, 0 FROM conversations WHERE id = ? AND active_leaf_id IS NOT NULL"
                "  UNION ALL"
                "  SELECT m.parent_id, path.depth + 1 FROM messages m JOIN path ON m.id = path.id"
                "  WHERE m.parent_id IS NOT NULL)"
                "SELECT %1,"
                "  (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id"
                "     AND s.parent_id IS m.parent_id AND s.id <= m.id),"
                "  (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id"
                "     AND s.parent_id IS m.parent_id)"
                "FROM path JOIN messages m ON m.id = path.id ORDER BY path.depth DESC")
                .arg(kMessageColumns),
            {conversationId}, tr("could not load the conversation"));
    QList<Message> path;
    while (q.next()) {
        Message m = readMessage(q);
        m.siblingIndex = q.value(12).toInt();
        m.siblingCount = q.value(13).toInt();
        path.append(m);
    }
    return path;
}

QList<Message> ConversationStore::allMessages(qint64 conversationId)
{
    requireConversation(conversationId);
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM messages m WHERE m.conversation_id = ? ORDER BY m.id")
                          .arg(kMessageColumns),
                      {conversationId}, tr("could not load the conversation"));
    QList<Message> all;
    while (q.next())
        all.append(readMessage(q));
    return all;
}

Message ConversationStore::message(qint64 id)
{
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM messages m WHERE m.id = ?").arg(kMessageColumns), {id},
                      tr("could not load the message"));
    if (!q.next())
        throw hearth::Error(tr("there is no message %1").arg(id).toStdString());
    return readMessage(q);
}

Message ConversationStore::insertMessage(qint64 conversationId, qint64 parentId, Message m)
{
    const QString what = tr("could not save the message");
    if (m.createdAt == 0)
        m.createdAt = now();
    m.id = insertMessageRow(conversationId, parentId, m, what);
    m.conversationId = conversationId;
    m.parentId = parentId;
    run(QStringLiteral("UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?"),
        {m.id, now(), conversationId}, what);
    if (m.role == Role::User) {
        const QString title = automaticTitle(m.content);
        if (!title.isEmpty())
            run(QStringLiteral("UPDATE conversations SET title = ? "
                               "WHERE id = ? AND title = '' AND title_source = 'auto'"),
                {title, conversationId}, what);
    }
    const SiblingInfo position = siblings(m.id);
    m.siblingIndex = position.index;
    m.siblingCount = position.count;
    return m;
}

Message ConversationStore::appendMessage(qint64 conversationId, Message message)
{
    Transaction transaction(m_db, tr("could not save the message"));
    const Conversation c = conversation(conversationId);
    Message stored = insertMessage(conversationId, c.activeLeafId, std::move(message));
    transaction.commit();
    return stored;
}

Message ConversationStore::addSibling(qint64 siblingId, Message message)
{
    Transaction transaction(m_db, tr("could not save the message"));
    const Message sibling = this->message(siblingId);
    Message stored = insertMessage(sibling.conversationId, sibling.parentId, std::move(message));
    transaction.commit();
    return stored;
}

void ConversationStore::updateStreamingMessage(qint64 id, const QString& content, const QString& reasoning)
{
    QSqlQuery q = run(QStringLiteral("UPDATE messages SET content = ?, reasoning = ? WHERE id = ?"),
                      {content, reasoning, id}, tr("could not save the answer"));
    if (q.numRowsAffected() == 0)
        throw hearth::Error(tr("there is no message %1").arg(id).toStdString());
}

void ConversationStore::finishMessage(const Message& m)
{
    const QString what = tr("could not save the answer");
    Transaction transaction(m_db, what);
    QSqlQuery q =
        run(QStringLiteral("UPDATE messages SET content = ?, reasoning = ?, model = ?, prompt_tokens = ?, "
                           "generated_tokens = ?, tokens_per_second = ?, finish_reason = ? WHERE id = ?"),
            {m.content, m.reasoning, m.model, m.promptTokens, m.generatedTokens, m.tokensPerSecond,
             m.finishReason, m.id},
            what);
    if (q.numRowsAffected() == 0)
        throw hearth::Error(tr("there is no message %1").arg(m.id).toStdString());
    run(QStringLiteral("UPDATE conversations SET updated_at = ? "
                       "WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)"),
        {now(), m.id}, what);
    transaction.commit();
}

void ConversationStore::switchBranch(qint64 messageId)
{
    const QString what = tr("could not switch to that branch");
    Transaction transaction(m_db, what);
    const Message start = message(messageId);
    // Follow the newest child down to a leaf: the latest state of that branch.
    qint64 leaf = start.id;
    for (;;) {
        QSqlQuery q = run(QStringLiteral("SELECT max(id) FROM messages WHERE parent_id = ?"), {leaf}, what);
        if (!q.next() || q.value(0).isNull())
            break;
        leaf = q.value(0).toLongLong();
    }
    run(QStringLiteral("UPDATE conversations SET active_leaf_id = ? WHERE id = ?"),
        {leaf, start.conversationId}, what);
    transaction.commit();
}

SiblingInfo ConversationStore::siblings(qint64 messageId)
{
    const Message m = message(messageId);
    QSqlQuery q = run(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? "
                                     "ORDER BY id"),
                      {m.conversationId, idOrNull(m.parentId)}, tr("could not load the message"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    SiblingInfo info;
    const qsizetype at = ids.indexOf(messageId);
    info.index = int(at) + 1;
    info.count = int(ids.size());
    info.previousId = at > 0 ? ids[at - 1] : 0;
    info.nextId = at + 1 < ids.size() ? ids[at + 1] : 0;
    return info;
}

QString ConversationStore::ftsQuery(const QString& text)
{
    // Every word becomes a quoted string (FTS5 reads nothing inside quotes as syntax, so quotes,
    // `*`, `-`, `:`, `^`, NEAR, AND, OR are searched as text) followed by `*` for a prefix match.
    // Chunks without a letter or digit would be an empty phrase, which FTS5 rejects: skip them.
    QStringList terms;
    for (const QString& word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        if (std::none_of(word.begin(), word.end(), [](QChar ch) { return ch.isLetterOrNumber(); }))
            continue;
        QString escaped = word;
        escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms.append(QLatin1Char('"') + escaped + QStringLiteral("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

QList<SearchHit> ConversationStore::search(const QString& text, int limit, int offset,
                                           const QString& openMark, const QString& closeMark)
{
    QList<SearchHit> hits;
    const QString query = ftsQuery(text);
    if (query.isEmpty())
        return hits;
    HistoryEncryption::prepareSearch(m_db);
    QSqlQuery q = run(QStringLiteral("SELECT m.conversation_id, m.id, hearth_open(c.title, 'conversations', "
                                     "'title', c.id), m.role, m.created_at, "
                                     "  snippet(messages_fts, 0, ?, ?, '…', 16) "
                                     "FROM messages_fts "
                                     "JOIN messages m ON m.id = messages_fts.rowid "
                                     "JOIN conversations c ON c.id = m.conversation_id "
                                     "WHERE messages_fts MATCH ? "
                                     "ORDER BY messages_fts.rowid DESC LIMIT ? OFFSET ?"),
                      {openMark, closeMark, query, limit, offset}, tr("could not search the conversations"));
    while (q.next()) {
        SearchHit hit;
        hit.conversationId = q.value(0).toLongLong();
        hit.messageId = q.value(1).toLongLong();
        hit.conversationTitle = q.value(2).toString();
        roleFromName(q.value(3).toString(), &hit.role);
        hit.createdAt = q.value(4).toLongLong();
        hit.snippet = q.value(5).toString();
        hits.append(hit);
    }
    return hits;
}

QString ConversationStore::automaticTitle(const QString& firstUserMessage)
{
    constexpr qsizetype kMaxLength = 60;
    const QString text = firstUserMessage.simplified();
    if (text.size() <= kMaxLength)
        return text;
    qsizetype cut = text.lastIndexOf(QLatin1Char(' '), kMaxLength);
    if (cut < kMaxLength / 2) // one long word: cut inside it
        cut = kMaxLength;
    if (cut > 0 && text[cut - 1].isHighSurrogate()) // never split a character
        --cut;
    return text.left(cut).trimmed() + QStringLiteral("…");
}

QList<qint64>
ConversationStore::importConversations(const QList<QPair<Conversation, QList<Message>>>& conversations)
{
    const QString what = tr("could not import the conversations");
    Transaction transaction(m_db, what);
    QList<qint64> ids;
    for (const auto& [c, messages] : conversations) {
        const qint64 conversationId = insertConversationRow(c, what);
        QHash<qint64, qint64> newIds; // the file's id -> the database's
        for (const Message& m : messages) {
            if (newIds.contains(m.id) || (m.parentId != 0 && !newIds.contains(m.parentId)))
                throw hearth::Error(
                    tr("the file's messages are not a tree (message %1)").arg(m.id).toStdString());
            newIds.insert(m.id, insertMessageRow(conversationId, newIds.value(m.parentId), m, what));
        }
        if (c.activeLeafId != 0 && !newIds.contains(c.activeLeafId))
            throw hearth::Error(
                tr("the file's active message %1 does not exist").arg(c.activeLeafId).toStdString());
        run(QStringLiteral("UPDATE conversations SET active_leaf_id = ? WHERE id = ?"),
            {idOrNull(newIds.value(c.activeLeafId)), conversationId}, what);
        ids.append(conversationId);
    }
    transaction.commit();
    return ids;
}
