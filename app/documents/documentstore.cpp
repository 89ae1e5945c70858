#include "documentstore.h"

#include "documenterror.h"
#include "storage/conversationstore.h"
#include "storage/historyencryption.h"
#include "storage/sqlerror.h"
#include "storage/transaction.h"

#include <QDateTime>
#include <QRegularExpression>

namespace {

using documents::tr;

const QString kDocumentColumns =
    QStringLiteral("d.id, hearth_open(d.path, 'documents', 'path', d.id), d.sha256, "
                   "hearth_open(d.title, 'documents', 'title', d.id), hearth_open(d.author, 'documents', "
                   "'author', d.id), d.format, d.pages, d.size, d.chars, d.ocr_pages, "
                   "d.token_counter, d.chunk_budget, d.created_at, "
                   "(SELECT count(*) FROM document_chunks c WHERE c.document_id = d.id)");

StoredDocument readDocument(const QSqlQuery& q)
{
    StoredDocument d;
    d.id = q.value(0).toLongLong();
    d.path = q.value(1).toString();
    d.sha256 = q.value(2).toString();
    d.title = q.value(3).toString();
    d.author = q.value(4).toString();
    d.format = q.value(5).toString();
    d.pages = q.value(6).toInt();
    d.size = q.value(7).toLongLong();
    d.chars = q.value(8).toLongLong();
    d.ocrPages = q.value(9).toInt();
    d.tokenCounter = q.value(10).toString();
    d.chunkBudget = q.value(11).toInt();
    d.createdAt = q.value(12).toLongLong();
    d.chunkCount = q.value(13).toInt();
    return d;
}

} // namespace

DocumentStore::DocumentStore(Database& db) : m_db(db) {}

QSqlQuery DocumentStore::run(const QString& sql, std::initializer_list<QVariant> values, const QString& what)
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

std::optional<StoredDocument> DocumentStore::findBySha256(const QString& sha256)
{
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM documents d WHERE d.sha256 = ?").arg(kDocumentColumns),
                      {sha256}, tr("could not look up the document"));
    if (!q.next())
        return std::nullopt;
    return readDocument(q);
}

void DocumentStore::requireDocument(qint64 id)
{
    QSqlQuery q =
        run(QStringLiteral("SELECT 1 FROM documents WHERE id = ?"), {id}, tr("could not read the document"));
    if (!q.next())
        documents::fail(tr("there is no document %1 (see `hearth-cli docs list`)").arg(id));
}

void DocumentStore::insertChunks(qint64 documentId, const QString& text, const QList<Chunk>& chunks,
                                 const QString& what)
{
    QSqlQuery insert(m_db.connection());
    if (!insert.prepare(QStringLiteral(
            "INSERT INTO document_chunks (document_id, chunk_index, text, first_page, last_page, section, "
            "char_start, char_end, token_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        throwSqlError(what, insert.lastError(), m_db.filePath());
    for (const Chunk& c : chunks) {
        if (c.start < 0 || c.end < c.start || c.end > text.size())
            documents::fail(what + QStringLiteral(": chunk %1 lies outside the text").arg(c.index));
        insert.addBindValue(documentId);
        insert.addBindValue(c.index);
        insert.addBindValue(text.sliced(c.start, c.end - c.start));
        insert.addBindValue(c.firstPage);
        insert.addBindValue(c.lastPage);
        insert.addBindValue(c.section.isNull() ? QStringLiteral("") : c.section);
        insert.addBindValue(static_cast<qint64>(c.start));
        insert.addBindValue(static_cast<qint64>(c.end));
        insert.addBindValue(c.tokens);
        if (!insert.exec())
            throwSqlError(what, insert.lastError(), m_db.filePath());
    }
}

StoredDocument DocumentStore::add(const QString& path, const QString& sha256, qint64 size,
                                  const Document& document, const QList<Chunk>& chunks,
                                  const QString& tokenCounter, int chunkBudget)
{
    const QString what = tr("could not add the document %1").arg(path);
    Transaction transaction(m_db, what);
    QSqlQuery q =
        run(QStringLiteral("INSERT INTO documents (path, sha256, title, author, format, pages, size, "
                           "chars, ocr_pages, token_counter, chunk_budget, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {path, sha256, document.title, document.author, document.format, document.pageCount, size,
             static_cast<qint64>(document.text.size()), document.ocrPages, tokenCounter, chunkBudget,
             QDateTime::currentMSecsSinceEpoch()},
            what);
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery part(m_db.connection());
    if (!part.prepare(QStringLiteral("INSERT INTO document_parts (document_id, part_index, page, section, "
                                     "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?)")))
        throwSqlError(what, part.lastError(), m_db.filePath());
    for (qsizetype i = 0; i < document.parts.size(); ++i) {
        const DocumentPart& p = document.parts[i];
        part.addBindValue(id);
        part.addBindValue(static_cast<qint64>(i));
        part.addBindValue(p.page);
        part.addBindValue(p.section.isNull() ? QStringLiteral("") : p.section);
        part.addBindValue(static_cast<qint64>(p.start));
        part.addBindValue(static_cast<qint64>(p.end));
        if (!part.exec())
            throwSqlError(what, part.lastError(), m_db.filePath());
    }
    insertChunks(id, document.text, chunks, what);
    transaction.commit();
    return this->document(id);
}

void DocumentStore::replaceChunks(qint64 documentId, const QList<Chunk>& chunks, const QString& tokenCounter,
                                  int chunkBudget)
{
    const QString what = tr("could not save the new chunks of document %1").arg(documentId);
    const QString text = content(documentId).text;
    Transaction transaction(m_db, what);
    run(QStringLiteral("DELETE FROM document_chunks WHERE document_id = ?"), {documentId}, what);
    insertChunks(documentId, text, chunks, what);
    run(QStringLiteral("UPDATE documents SET token_counter = ?, chunk_budget = ? WHERE id = ?"),
        {tokenCounter, chunkBudget, documentId}, what);
    transaction.commit();
}

StoredDocument DocumentStore::document(qint64 id)
{
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM documents d WHERE d.id = ?").arg(kDocumentColumns), {id},
                      tr("could not read the document"));
    if (!q.next())
        documents::fail(tr("there is no document %1 (see `hearth-cli docs list`)").arg(id));
    return readDocument(q);
}

QList<StoredDocument> DocumentStore::list()
{
    QSqlQuery q = run(QStringLiteral("SELECT %1 FROM documents d ORDER BY d.created_at DESC, d.id DESC")
                          .arg(kDocumentColumns),
                      {}, tr("could not list the documents"));
    QList<StoredDocument> result;
    while (q.next())
        result.append(readDocument(q));
    return result;
}

namespace {

// A chunk from the columns chunk_index, text, first_page, last_page, section, char_start,
// char_end, token_count, in that order from column `first`.
StoredChunk chunkAt(const QSqlQuery& q, int first)
{
    StoredChunk c;
    c.index = q.value(first).toInt();
    c.text = q.value(first + 1).toString();
    c.firstPage = q.value(first + 2).toInt();
    c.lastPage = q.value(first + 3).toInt();
    c.section = q.value(first + 4).toString();
    c.start = q.value(first + 5).toLongLong();
    c.end = q.value(first + 6).toLongLong();
    c.tokens = q.value(first + 7).toInt();
    return c;
}

} // namespace

QList<StoredChunk> DocumentStore::chunks(qint64 id)
{
    requireDocument(id);
    QSqlQuery q = run(
        QStringLiteral("SELECT chunk_index, hearth_open(text, 'document_chunks', 'text', id), first_page, "
                       "last_page, hearth_open(section, 'document_chunks', 'section', id), char_start, "
                       "char_end, token_count FROM document_chunks WHERE document_id = ? "
                       "ORDER BY chunk_index"),
        {id}, tr("could not read the document's chunks"));
    QList<StoredChunk> result;
    while (q.next())
        result.append(chunkAt(q, 0));
    return result;
}

QList<RetrievedChunk> DocumentStore::retrieve(const QString& question, const QList<qint64>& documentIds,
                                              int limit)
{
    QList<RetrievedChunk> result;
    QStringList words, ids;
    for (const QString& word : question.split(QRegularExpression(QStringLiteral("\\W+")), Qt::SkipEmptyParts))
        if (word.size() >= 3)
            words.append(word);
    // Each word quoted and prefix-matched (ConversationStore::ftsQuery), any of them (OR): a
    // question rarely shares all its words with the passage that answers it; BM25 ranks.
    const QString query = ConversationStore::ftsQuery(words.join(QLatin1Char(' ')))
                              .replace(QStringLiteral("* \""), QStringLiteral("* OR \""));
    for (qint64 id : documentIds)
        ids.append(QString::number(id)); // numbers only: safe to put into the statement
    if (query.isEmpty() || ids.isEmpty())
        return result;
    HistoryEncryption::prepareSearch(m_db);
    QSqlQuery q =
        run(QStringLiteral(
                "SELECT c.document_id, hearth_open(d.title, 'documents', 'title', d.id), c.chunk_index, "
                "  hearth_open(c.text, 'document_chunks', 'text', c.id), c.first_page, "
                "  c.last_page, hearth_open(c.section, 'document_chunks', 'section', c.id), c.char_start, "
                "c.char_end, c.token_count "
                "FROM document_chunks_fts "
                "JOIN document_chunks c ON c.id = document_chunks_fts.rowid "
                "JOIN documents d ON d.id = c.document_id "
                "WHERE document_chunks_fts MATCH ? AND c.document_id IN (%1) "
                "ORDER BY bm25(document_chunks_fts) LIMIT ?")
                .arg(ids.join(QLatin1Char(','))),
            {query, limit}, tr("could not search the documents"));
    while (q.next()) {
        RetrievedChunk c;
        static_cast<StoredChunk&>(c) = chunkAt(q, 2);
        c.documentId = q.value(0).toLongLong();
        c.title = q.value(1).toString();
        result.append(c);
    }
    return result;
}

Document DocumentStore::content(qint64 id)
{
    const StoredDocument stored = document(id);
    Document d;
    d.title = stored.title;
    d.author = stored.author;
    d.format = stored.format;
    d.pageCount = stored.pages;
    d.ocrPages = stored.ocrPages;
    // The chunks cover the text exactly once, in order (Chunker's promise).
    for (const StoredChunk& c : chunks(id))
        d.text += c.text;
    QSqlQuery q = run(QStringLiteral("SELECT page, hearth_open(section, 'document_parts', 'section', "
                                     "document_id || ':' || part_index), "
                                     "char_start, char_end FROM document_parts "
                                     "WHERE document_id = ? ORDER BY part_index"),
                      {id}, tr("could not read the document's pages"));
    while (q.next())
        d.parts.append(
            {q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong()});
    return d;
}

void DocumentStore::remove(qint64 id)
{
    const QString what = tr("could not remove document %1").arg(id);
    Transaction transaction(m_db, what);
    requireDocument(id);
    // The foreign keys cascade to parts, chunks (and through the trigger, their index entries),
    // summaries with their notes, and attachments.
    run(QStringLiteral("DELETE FROM documents WHERE id = ?"), {id}, what);
    transaction.commit();
}

QList<DocumentSearchHit> DocumentStore::search(const QString& text, int limit,
                                               const QList<qint64>& documentIds)
{
    QList<DocumentSearchHit> hits;
    const QString query = ConversationStore::ftsQuery(text);
    if (query.isEmpty())
        return hits;
    HistoryEncryption::prepareSearch(m_db);
    QStringList ids;
    for (qint64 id : documentIds)
        ids.append(QString::number(id)); // numbers only: safe to put into the statement
    const QString only = ids.isEmpty()
                             ? QString()
                             : QStringLiteral(" AND c.document_id IN (%1)").arg(ids.join(QLatin1Char(',')));
    // highlight() marks the matches in the whole chunk: the first mark's offset (in UTF-16, as
    // the stored ranges count) plus the chunk's start is where the match lies in the document,
    // and so on which page and in which section.
    QSqlQuery q = run(QStringLiteral("SELECT c.document_id, hearth_open(d.title, 'documents', 'title', "
                                     "d.id), c.chunk_index, c.first_page, c.last_page, "
                                     "  hearth_open(c.section, 'document_chunks', 'section', c.id), "
                                     "snippet(document_chunks_fts, 0, '[', ']', '…', 16), "
                                     "  highlight(document_chunks_fts, 0, char(1), ''), c.char_start "
                                     "FROM document_chunks_fts "
                                     "JOIN document_chunks c ON c.id = document_chunks_fts.rowid "
                                     "JOIN documents d ON d.id = c.document_id "
                                     "WHERE document_chunks_fts MATCH ?%1 "
                                     "ORDER BY bm25(document_chunks_fts) LIMIT ?")
                          .arg(only),
                      {query, limit}, tr("could not search the documents"));
    QList<qint64> positions;
    while (q.next()) {
        DocumentSearchHit hit;
        hit.documentId = q.value(0).toLongLong();
        hit.title = q.value(1).toString();
        hit.chunkIndex = q.value(2).toInt();
        hit.firstPage = q.value(3).toInt();
        hit.lastPage = q.value(4).toInt();
        hit.page = hit.firstPage;
        hit.section = q.value(5).toString();
        hit.snippet = q.value(6).toString();
        hits.append(hit);
        positions.append(q.value(8).toLongLong() +
                         std::max<qsizetype>(0, q.value(7).toString().indexOf(QChar(1))));
    }
    for (qsizetype i = 0; i < hits.size(); ++i) {
        QSqlQuery part =
            run(QStringLiteral("SELECT page, hearth_open(section, 'document_parts', 'section', document_id "
                               "|| ':' || part_index) "
                               "FROM document_parts WHERE document_id = ? "
                               "AND char_start <= ? AND char_end > ? LIMIT 1"),
                {hits[i].documentId, positions[i], positions[i]}, tr("could not search the documents"));
        if (part.next()) {
            hits[i].page = part.value(0).toInt();
            hits[i].section = part.value(1).toString();
        }
    }
    return hits;
}

void DocumentStore::attach(qint64 conversationId, qint64 documentId)
{
    run(QStringLiteral(
            "INSERT OR IGNORE INTO conversation_documents (conversation_id, document_id, attached_at) "
            "VALUES (?, ?, ?)"),
        {conversationId, documentId, QDateTime::currentMSecsSinceEpoch()},
        tr("could not attach document %1 to the conversation").arg(documentId));
}

void DocumentStore::detach(qint64 conversationId, qint64 documentId)
{
    run(QStringLiteral("DELETE FROM conversation_documents WHERE conversation_id = ? AND document_id = ?"),
        {conversationId, documentId}, tr("could not detach document %1").arg(documentId));
}

QList<qint64> DocumentStore::attachedDocuments(qint64 conversationId)
{
    QSqlQuery q =
        run(QStringLiteral("SELECT document_id FROM conversation_documents WHERE conversation_id = ? "
                           "ORDER BY attached_at, document_id"),
            {conversationId}, tr("could not read the conversation's documents"));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

QList<qint64> DocumentStore::conversationsUsing(qint64 documentId)
{
    QSqlQuery q =
        run(QStringLiteral("SELECT conversation_id FROM conversation_documents WHERE document_id = ? "
                           "ORDER BY attached_at, conversation_id"),
            {documentId}, tr("could not read the conversations of document %1").arg(documentId));
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}
