#include "summarystore.h"

#include "storage/sqlerror.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace {

QSqlQuery prepared(Database& db, const QString& sql, std::initializer_list<QVariant> values, const QString& what)
{
    QSqlQuery query(db.connection());
    if (!query.prepare(sql))
        throwSqlError(what, query.lastError(), db.filePath());
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        throwSqlError(what, query.lastError(), db.filePath());
    return query;
}

// SQLite stores a null QString as NULL, which the NOT NULL text columns refuse and "= ?" never matches.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

qint64 SummaryStore::openSummary(const SummaryKey& key)
{
    const QString what = QStringLiteral("Could not start the summary");
    QSqlQuery found = prepared(m_db,
                               QStringLiteral("SELECT id FROM document_summaries WHERE document_id = ? AND model = ? "
                                              "AND style = ? AND focus = ? AND language = ? AND settings = ? "
                                              "AND finished_at IS NULL ORDER BY id DESC LIMIT 1"),
                               {key.documentId, text(key.model), text(key.style), text(key.focus), text(key.language),
                                text(key.settings)},
                               what);
    if (found.next())
        return found.value(0).toLongLong();
    QSqlQuery insert = prepared(m_db,
                                QStringLiteral("INSERT INTO document_summaries (document_id, model, style, focus, "
                                               "language, settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                                {key.documentId, text(key.model), text(key.style), text(key.focus), text(key.language),
                                 text(key.settings), QDateTime::currentMSecsSinceEpoch()},
                                what);
    return insert.lastInsertId().toLongLong();
}

QHash<int, QString> SummaryStore::notes(qint64 summaryId, int round)
{
    QSqlQuery query = prepared(m_db,
                               QStringLiteral("SELECT item_index, hearth_open(text, 'document_summary_notes', 'text', "
                                              "summary_id || ':' || round || ':' || item_index) FROM document_summary_notes "
                                              "WHERE summary_id = ? AND round = ?"),
                               {summaryId, round}, QStringLiteral("Could not read the summary's notes"));
    QHash<int, QString> notes;
    while (query.next())
        notes.insert(query.value(0).toInt(), query.value(1).toString());
    return notes;
}

void SummaryStore::saveNote(qint64 summaryId, int round, int index, const QString& text, int firstPage,
                            int lastPage, int promptTokens, int generatedTokens)
{
    prepared(m_db,
             QStringLiteral("INSERT OR REPLACE INTO document_summary_notes (summary_id, round, item_index, text, "
                            "first_page, last_page, prompt_tokens, generated_tokens, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             {summaryId, round, index, ::text(text), firstPage, lastPage, promptTokens, generatedTokens,
              QDateTime::currentMSecsSinceEpoch()},
             QStringLiteral("Could not save the summary's notes"));
}

void SummaryStore::finish(qint64 summaryId, const QString& text)
{
    prepared(m_db, QStringLiteral("UPDATE document_summaries SET text = ?, finished_at = ? WHERE id = ?"),
             {::text(text), QDateTime::currentMSecsSinceEpoch(), summaryId}, QStringLiteral("Could not save the summary"));
}
