#pragma once
// Documents in the database (tables from Database::migrateTo4): each file once, keyed by its
// sha256, with its citation parts and its chunks (FTS5-indexed), and their attachment to
// conversations. Every write is one transaction: a failure leaves nothing half-added.
#include "chunker.h"
#include "document.h"
#include "storage/database.h"

#include <initializer_list>
#include <optional>
#include <QList>
#include <QSqlQuery>
#include <QVariant>

struct StoredDocument {
    qint64 id = 0;
    QString path;
    QString sha256;
    QString title;
    QString author;
    QString format;
    int pages = 0;
    qint64 size = 0;  // bytes of the file
    qint64 chars = 0; // characters of the extracted text
    int ocrPages = 0;
    int chunkCount = 0;
    QString tokenCounter; // what counted the chunks' tokens ("chars/4", or a model's name)
    int chunkBudget = 0;
    qint64 createdAt = 0;
};

struct StoredChunk : Chunk {
    QString text;
};

struct RetrievedChunk : StoredChunk {
    qint64 documentId = 0;
    QString title;
};

struct DocumentSearchHit {
    qint64 documentId = 0;
    QString title;
    int chunkIndex = 0;
    int firstPage = 0; // the chunk's pages
    int lastPage = 0;
    int page = 0;    // the page of the first matching word (0 when the document has no pages)
    QString section; // the section of the first matching word
    QString snippet;
};

class DocumentStore {
  public:
    explicit DocumentStore(Database& db);

    std::optional<StoredDocument> findBySha256(const QString& sha256);
    // Adds the document with its parts and chunks in one transaction; returns the stored row.
    StoredDocument add(const QString& path, const QString& sha256, qint64 size, const Document& document,
                       const QList<Chunk>& chunks, const QString& tokenCounter, int chunkBudget);
    // Replaces the chunks (the summarizer re-chunks with the model's own tokenizer).
    void replaceChunks(qint64 documentId, const QList<Chunk>& chunks, const QString& tokenCounter,
                       int chunkBudget);
    StoredDocument document(qint64 id); // throws when there is none
    QList<StoredDocument> list();       // newest first
    // The extracted text and parts, rebuilt from the stored chunks.
    Document content(qint64 id);
    QList<StoredChunk> chunks(qint64 id);
    void remove(qint64 id);

    // Chunks matching every word (as a word or a word's beginning), best first by BM25; only in
    // documentIds when given.
    QList<DocumentSearchHit> search(const QString& text, int limit = 20,
                                    const QList<qint64>& documentIds = {});

    // The chunks of documentIds that best answer a question: any of its words of three letters or
    // more (or their beginnings), best first by BM25, at most `limit`.
    QList<RetrievedChunk> retrieve(const QString& question, const QList<qint64>& documentIds, int limit);

    void attach(qint64 conversationId, qint64 documentId);
    void detach(qint64 conversationId, qint64 documentId);
    QList<qint64> attachedDocuments(qint64 conversationId);
    // The conversations a document is attached to, the first attached first.
    QList<qint64> conversationsUsing(qint64 documentId);

  private:
    QSqlQuery run(const QString& sql, std::initializer_list<QVariant> values, const QString& what);
    void insertChunks(qint64 documentId, const QString& text, const QList<Chunk>& chunks,
                      const QString& what);
    void requireDocument(qint64 id);

    Database& m_db;
};
