#pragma once
// The engine service's worker, on its own thread: it owns the hearth::Engine, the loaded Model,
// every client's Session (SessionPool) and the jobs. It never blocks its thread longer than one
// step (a prompt chunk or a token): after each step it posts itself the next, so that queued
// calls (new jobs, a model switch) are taken in between, and the scheduling rule (nextJob)
// decides which job gets the next step. Only EngineService calls it, through queued calls.
#include "enginejob.h"
#include "sessionpool.h"

#include <QObject>
#include <QSet>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

namespace hearth {
class Embedder;
class Engine;
class Model;
struct TokenLogprob;
} // namespace hearth

class EngineWorker : public QObject {
    Q_OBJECT
  public:
    EngineWorker(int maxSessions, std::shared_ptr<std::atomic<bool>> loadCancel);
    ~EngineWorker() override;

    void load(const LoadRequest& request, SwitchPolicy policy);
    void unload(SwitchPolicy policy);
    void submit(qint64 jobId, const EngineJob& job);
    void releaseClient(const QString& clientId);

  signals:
    void loadStarted(const QString& path); // the previous model, if any, is unloaded by now
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
    void sessionDropped(const QString& clientId);

  private:
    struct ActiveJob;
    TokenChoices tokenChoices(const std::vector<hearth::TokenLogprob>& logprobs, size_t from) const;
    void sendLogprobs(ActiveJob& job);
    struct Switch {
        std::optional<LoadRequest> load; // none: unload
        SwitchPolicy policy = SwitchPolicy::CancelJobs;
        QSet<qint64> oldJobs;            // the jobs that were there when it was asked for
    };

    void schedule();
    void runStep();
    void endCancelledWaitingJobs();
    void stepJob(ActiveJob& job);
    void stepEmbedding(ActiveJob& job);
    void startJob(ActiveJob& job);
    void finishJob(qint64 id);
    void failJob(qint64 id, const QString& error);
    void requestSwitch(Switch request);
    void performSwitch(const Switch& request);
    void performLoad(const LoadRequest& request);
    void performUnload();
    // The GPU was lost under a job: every job that ran on it fails, the engine is dropped, and the
    // model that was loaded is loaded again on a new one before the next job runs.
    void recoverFromDeviceLoss(const QString& error);

    const int m_maxSessions;
    std::shared_ptr<std::atomic<bool>> m_loadCancel;
    // Destroyed in reverse: jobs (their generations refer to the model), sessions, model, engine.
    std::unique_ptr<hearth::Engine> m_engine;
    QString m_engineDevice;
    std::unique_ptr<hearth::Model> m_model;
    std::optional<LoadRequest> m_loaded;          // what m_model was loaded from
    std::unique_ptr<hearth::Embedder> m_embedder; // an embedding model's, instead of sessions
    uint32_t m_contextLength = 0;
    SessionPool m_sessions;
    std::map<qint64, std::unique_ptr<ActiveJob>> m_jobs;
    std::optional<Switch> m_switch;
    qint64 m_arrivals = 0;
    bool m_stepPosted = false;
};
