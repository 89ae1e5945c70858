#pragma once
// The one engine of the app: every part that wants the model (the chat in the window, the
// summarizer, the local API, the CLI) submits jobs here and gets their pieces, statistics and
// errors back as signals carrying the job's id. It lives on the thread that made it (the GUI
// thread) and only ever makes queued calls to its worker, which owns the model and the sessions
// on a thread of its own; nothing here blocks. See README.md for the scheduling.
#include "enginejob.h"

#include <QHash>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

class EngineWorker;

class EngineService : public QObject {
    Q_OBJECT
  public:
    struct Options {
        int maxQueuedJobs = 32; // submitted and not yet ended; more are refused as busy
        int maxSessions = 0;    // 0: as many as the memory plan holds (at most SessionPool::kMaxSessions)
    };

    explicit EngineService(QObject* parent = nullptr) : EngineService(Options{}, parent) {}
    explicit EngineService(const Options& options, QObject* parent = nullptr);
    ~EngineService() override; // cancels every job and stops the worker

    void loadModel(const LoadRequest& request, SwitchPolicy policy = SwitchPolicy::CancelJobs);
    void unloadModel(SwitchPolicy policy = SwitchPolicy::CancelJobs);
    void cancelLoad(); // the load in progress ends with loadFailed("loading cancelled")

    struct Submission {
        qint64 jobId = 0; // 0: refused
        QString error;    // why it was refused ("busy")
        bool accepted() const { return jobId != 0; }
    };
    // Queues a job. Exactly one of jobFinished or jobFailed follows for an accepted job.
    Submission submit(EngineJob job);
    // Cancelling ends the job as finished with finishReason "cancel" (what it produced so far
    // stays); it never touches another job.
    void cancel(qint64 jobId);
    void cancelClient(const QString& clientId);
    // Drops the client's session (a deleted conversation, a closed connection).
    void releaseClient(const QString& clientId);

    int pendingJobs() const { return int(m_jobs.size()); }
    // The model loaded now, for a client that starts after the load (the API switched on later).
    const std::optional<LoadedModel>& loadedModel() const { return m_loaded; }
    const Options& options() const { return m_options; }

  signals:
    void loadStarted(const QString& path);
    void loadProgress(double fraction);
    void modelLoaded(const LoadedModel& model);
    void modelUnloaded();
    void loadFailed(const QString& path, const QString& error);
    void warning(const QString& text);
    void jobStarted(qint64 jobId);
    void jobPiece(qint64 jobId, const QString& piece);
    // Before the piece they belong to, for jobs that asked for log-probabilities; tokens that
    // complete no text yet come with the next piece.
    void jobTokens(qint64 jobId, const TokenChoices& tokens);
    void jobFinished(qint64 jobId, const JobStats& stats);
    void jobFailed(qint64 jobId, const QString& error);
    void sessionDropped(const QString& clientId); // its cache made room for another client's

  private:
    void forget(qint64 jobId);

    struct Pending {
        QString clientId;
        std::shared_ptr<std::atomic<bool>> cancel;
    };
    Options m_options;
    QThread m_thread;
    EngineWorker* m_worker = nullptr; // lives on m_thread
    std::shared_ptr<std::atomic<bool>> m_loadCancel = std::make_shared<std::atomic<bool>>(false);
    QHash<qint64, Pending> m_jobs;
    std::optional<LoadedModel> m_loaded;
    qint64 m_lastJobId = 0;
};
