#pragma once
// Summaries and their intermediate notes in the database (tables of Database::migrateTo4), so a
// summary that was stopped — cancelled, crashed, killed — resumes from the last note written.
// A note is written in its own statement as soon as the model has produced it.
#include "storage/database.h"

#include <QHash>
#include <QString>

struct SummaryKey {
    qint64 documentId = 0;
    QString model; // the model file
    QString style;
    QString focus;
    QString language;
    QString settings; // JSON of everything else that changes the output (context, chunking)
};

class SummaryStore {
  public:
    explicit SummaryStore(Database& db) : m_db(db) {}

    // The unfinished summary made with exactly these settings, or a new one.
    qint64 openSummary(const SummaryKey& key);
    // The notes written so far for one round (0: one per chunk; then each reduce round), by index.
    QHash<int, QString> notes(qint64 summaryId, int round);
    void saveNote(qint64 summaryId, int round, int index, const QString& text, int firstPage, int lastPage,
                  int promptTokens, int generatedTokens);
    void finish(qint64 summaryId, const QString& text);

  private:
    Database& m_db;
};
