#include "enginewait.h"

#include <QEventLoop>

LoadOutcome loadModelAndWait(EngineService& engine, const LoadRequest& request,
                             const std::function<void(double)>& progress)
{
    LoadOutcome outcome;
    QEventLoop loop;
    const auto connections = {
        QObject::connect(&engine, &EngineService::loadProgress, &loop,
                         [&](double fraction) {
                             if (progress)
                                 progress(fraction);
                         }),
        QObject::connect(&engine, &EngineService::modelLoaded, &loop,
                         [&](const LoadedModel& model) {
                             static_cast<LoadedModel&>(outcome) = model;
                             loop.quit();
                         }),
        QObject::connect(&engine, &EngineService::loadFailed, &loop,
                         [&](const QString&, const QString& error) {
                             outcome.error = error;
                             loop.quit();
                         }),
    };
    engine.loadModel(request);
    loop.exec();
    for (const QMetaObject::Connection& c : connections)
        QObject::disconnect(c);
    return outcome;
}

JobOutcome runJobAndWait(EngineService& engine, const EngineJob& job,
                         const std::function<void(const QString&)>& onPiece)
{
    JobOutcome outcome;
    QEventLoop loop;
    qint64 id = 0;
    const auto connections = {
        QObject::connect(&engine, &EngineService::jobPiece, &loop,
                         [&](qint64 jobId, const QString& piece) {
                             if (jobId != id)
                                 return;
                             outcome.text += piece;
                             if (onPiece)
                                 onPiece(piece);
                         }),
        QObject::connect(&engine, &EngineService::jobFinished, &loop,
                         [&](qint64 jobId, const JobStats& stats) {
                             if (jobId != id)
                                 return;
                             outcome.stats = stats;
                             loop.quit();
                         }),
        QObject::connect(&engine, &EngineService::jobFailed, &loop,
                         [&](qint64 jobId, const QString& error) {
                             if (jobId != id)
                                 return;
                             outcome.error = error;
                             loop.quit();
                         }),
    };
    const EngineService::Submission submitted = engine.submit(job);
    id = submitted.jobId;
    if (submitted.accepted())
        loop.exec();
    else
        outcome.error = submitted.error;
    for (const QMetaObject::Connection& c : connections)
        QObject::disconnect(c);
    return outcome;
}
