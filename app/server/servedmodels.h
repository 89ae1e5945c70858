#pragma once
// Which model the API serves: the one the engine service has loaded (whoever loaded it, the
// window or `serve -m`), the installed models a request may name instead, and the switch to
// one of them (waiting for running jobs, as the issue asks). Requests that arrive while a
// model loads wait for it when they want that model, and are told to retry (503) otherwise.
#include "apierror.h"
#include "engine/enginejob.h"
#include "models/installedmodels.h"

#include <functional>
#include <optional>
#include <QList>
#include <QObject>
#include <QPointer>

class EngineService;

class ServedModels : public QObject {
    Q_OBJECT
  public:
    using ListInstalled = std::function<QList<InstalledModel>()>;

    // `shape` gives the device and context length of models the API loads.
    ServedModels(EngineService& engine, ListInstalled listInstalled, const LoadRequest& shape,
                 QObject* parent = nullptr);

    struct Entry {
        QString id;
        QString path;
        qint64 size = 0;
        qint64 modifiedMs = 0;
        ModelFileInfo info;
        bool loaded = false;
    };
    // The installed models with the loaded one first (listed even when it is not installed).
    QList<Entry> list() const;
    std::optional<Entry> find(const QString& name) const;

    const std::optional<LoadedModel>& loaded() const { return m_loaded; }
    QString loadedId() const;
    bool loading() const { return m_loading; }
    // Counts loads started; a job that failed before it started while this moved was
    // pushed out by a model switch rather than refused for its own content.
    int switches() const { return m_switches; }

    // Calls ready(loaded model id) once `name` (empty: whatever is loaded) is loaded, loading it
    // first when it is installed but another one is loaded; or fails(error).
    void acquire(const QString& name, QObject* context, std::function<void(const QString& modelId)> ready,
                 std::function<void(const ApiError&)> fails);

  private:
    struct Waiter {
        QString path;
        QPointer<QObject> context;
        std::function<void(const QString&)> ready;
        std::function<void(const ApiError&)> fails;
    };
    ApiError notFound(const QString& name) const;
    void settleWaiters(const QString& error);
    QString idOf(const QString& path) const;

    EngineService& m_engine;
    ListInstalled m_listInstalled;
    LoadRequest m_shape;
    std::optional<LoadedModel> m_loaded;
    bool m_loading = false;
    QString m_loadingPath;
    int m_switches = 0;
    QList<Waiter> m_waiters;
};
