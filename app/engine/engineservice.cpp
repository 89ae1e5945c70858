#include "engineservice.h"

#include "engineworker.h"

EngineService::EngineService(const Options& options, QObject* parent) : QObject(parent), m_options(options)
{
    qRegisterMetaType<EngineJob>();
    qRegisterMetaType<JobStats>();
    qRegisterMetaType<TokenChoices>();
    qRegisterMetaType<LoadRequest>();
    qRegisterMetaType<LoadedModel>();
    qRegisterMetaType<SwitchPolicy>();
    m_worker = new EngineWorker(options.maxSessions, m_loadCancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Connected before the signals are passed on, so a listener already sees the new state.
    connect(m_worker, &EngineWorker::modelLoaded, this, [this](const LoadedModel& model) { m_loaded = model; });
    connect(m_worker, &EngineWorker::modelUnloaded, this, [this] { m_loaded.reset(); });
    connect(m_worker, &EngineWorker::loadStarted, this, [this] { m_loaded.reset(); }); // the old one goes first
    connect(m_worker, &EngineWorker::loadStarted, this, &EngineService::loadStarted);
    connect(m_worker, &EngineWorker::loadProgress, this, &EngineService::loadProgress);
    connect(m_worker, &EngineWorker::modelLoaded, this, &EngineService::modelLoaded);
    connect(m_worker, &EngineWorker::modelUnloaded, this, &EngineService::modelUnloaded);
    connect(m_worker, &EngineWorker::loadFailed, this, &EngineService::loadFailed);
    connect(m_worker, &EngineWorker::warning, this, &EngineService::warning);
    connect(m_worker, &EngineWorker::jobStarted, this, &EngineService::jobStarted);
    connect(m_worker, &EngineWorker::jobPiece, this, &EngineService::jobPiece);
    connect(m_worker, &EngineWorker::jobTokens, this, &EngineService::jobTokens);
    connect(m_worker, &EngineWorker::sessionDropped, this, &EngineService::sessionDropped);
    connect(m_worker, &EngineWorker::jobFinished, this, [this](qint64 id, const JobStats& stats) {
        forget(id);
        emit jobFinished(id, stats);
    });
    connect(m_worker, &EngineWorker::jobFailed, this, [this](qint64 id, const QString& error) {
        forget(id);
        emit jobFailed(id, error);
    });
    m_thread.setObjectName(QStringLiteral("engine"));
    m_thread.start();
}

EngineService::~EngineService()
{
    m_loadCancel->store(true);
    for (const Pending& job : std::as_const(m_jobs))
        job.cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void EngineService::loadModel(const LoadRequest& request, SwitchPolicy policy)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request, policy] { worker->load(request, policy); },
                              Qt::QueuedConnection);
}

void EngineService::unloadModel(SwitchPolicy policy)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, policy] { worker->unload(policy); }, Qt::QueuedConnection);
}

void EngineService::cancelLoad()
{
    m_loadCancel->store(true);
}

EngineService::Submission EngineService::submit(EngineJob job)
{
    if (m_jobs.size() >= m_options.maxQueuedJobs)
        return {0, tr("Hearth is busy: %n request(s) are waiting for the model. Try again in a moment.", nullptr,
                      int(m_jobs.size()))};
    if (!job.cancel)
        job.cancel = std::make_shared<std::atomic<bool>>(false);
    const qint64 id = ++m_lastJobId;
    m_jobs.insert(id, {job.clientId, job.cancel});
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, job] { worker->submit(id, job); },
                              Qt::QueuedConnection);
    return {id, {}};
}

void EngineService::cancel(qint64 jobId)
{
    // The flag is read by the worker before every step, so the job stops at its next token even
    // while the worker's queue is busy.
    if (const auto it = m_jobs.constFind(jobId); it != m_jobs.constEnd())
        it->cancel->store(true);
}

void EngineService::cancelClient(const QString& clientId)
{
    for (const Pending& job : std::as_const(m_jobs))
        if (job.clientId == clientId)
            job.cancel->store(true);
}

void EngineService::releaseClient(const QString& clientId)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, clientId] { worker->releaseClient(clientId); },
                              Qt::QueuedConnection);
}

void EngineService::forget(qint64 jobId)
{
    m_jobs.remove(jobId);
}
