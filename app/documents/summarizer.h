#pragma once
// Summarizes a whole document, however long, as a client of the engine service. The plan comes
// from the model's context: a document that fits (with room for the answer) is summarized in one
// pass; a longer one is cut into chunks that each become notes (map), the notes are merged in as
// many rounds as needed until they fit (reduce), and the summary is written from them. Every map
// prompt starts with the same instruction, so the client's cache keeps it and each chunk costs
// only its own tokens. Every note and the summary carry citations the pipeline traced to the
// chunks they came from (citations.h). Notes are stored as they are made (SummaryStore), so a
// stopped summary resumes with the same model and settings. Greedy, so a resumed run gives the
// text an uninterrupted one would.
#include "citations.h"
#include "document.h"
#include "summarystore.h"

#include "engine/engineservice.h"

#include <QElapsedTimer>
#include <QObject>

struct SummarySettings {
    QString style = QStringLiteral("brief"); // brief, detailed, points
    QString focus;                           // a free instruction, e.g. "the tenant's obligations"
    QString language;                        // empty: the document's own
};

struct SummaryChunk {
    int index = 0;
    SourceRef source;
    int tokens = 0; // estimated
    QString text;
};

struct SummaryProgress {
    QString stage; // "map", "reduce", "write"
    int done = 0;  // jobs done (this run and resumed)
    int total = 0; // jobs planned (reduce rounds estimated)
    int evaluatedTokens = 0;
    int promptTokens = 0;
    double elapsedSeconds = 0;
    double remainingSeconds = -1; // -1 until there is something to estimate from
};

struct SummaryResult {
    QString text;
    QString style;
    QList<SummaryChunk> chunks;
    int rounds = 0; // reduce rounds (0: one pass, or notes that fitted at once)
    QList<int> citedPages;
    QStringList citedSections;
    int promptTokens = 0;    // of every job's prompt
    int evaluatedTokens = 0; // of those, what the model actually ran
    int generatedTokens = 0;
    int resumedChunks = 0;   // notes taken from an earlier, stopped run
    double seconds = 0;
};

class Summarizer : public QObject {
    Q_OBJECT
  public:
    Summarizer(EngineService& engine, SummaryStore& store, QObject* parent = nullptr);

    static bool isStyle(const QString& style);

    // `contextLength`: of the loaded model's sessions (LoadedModel::contextLength).
    void start(qint64 documentId, const Document& document, const QString& modelPath, int contextLength,
               const SummarySettings& settings);
    void cancel();
    bool running() const { return m_jobId != 0; }

  signals:
    void progressed(const SummaryProgress& progress);
    void piece(const QString& text); // the summary itself, as it is written
    void finished(const SummaryResult& result);
    void failed(const QString& error, bool cancelled);

  private:
    struct Note {
        QString text;
        QList<SourceRef> sources;
    };
    void next();
    void runMap();
    void runReduce();
    void runFinal();
    void submit(const QString& system, const QString& user, int maxTokens);
    void onFinished(qint64 jobId, const JobStats& stats);
    void onFailed(qint64 jobId, const QString& error);
    void account(const JobStats& stats);
    void report();
    QList<QList<int>> groups(const QList<Note>& notes) const;
    void planReduce(); // groups the notes of the round about to run, and re-counts the steps left
    int projectedReduceSteps(int notes, int noteTokens) const;
    QString instruction(const QString& task) const;

    EngineService& m_engine;
    SummaryStore& m_store;
    SummarySettings m_settings;
    QString m_client;
    qint64 m_summaryId = 0;
    int m_inputBudget = 0;
    int m_noteTokens = 0;
    int m_summaryTokens = 0;
    QList<Note> m_notes; // the current round's
    int m_round = 0;     // 0: map
    int m_index = 0;     // the item of the round being made
    QList<QList<int>> m_groups;
    QList<Note> m_nextNotes;
    bool m_singlePass = false;
    bool m_writing = false;
    bool m_cancelled = false;
    qint64 m_jobId = 0;
    QString m_pending; // the running job's text so far
    int m_jobsRun = 0;
    SummaryProgress m_progress;
    SummaryResult m_result;
    QElapsedTimer m_clock;
};

Q_DECLARE_METATYPE(SummaryProgress)
