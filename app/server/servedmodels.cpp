#include "servedmodels.h"

#include "engine/engineservice.h"

#include <QFileInfo>

namespace {

QString canonical(const QString& path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? QFileInfo(path).absoluteFilePath() : resolved;
}

// Ollama clients name models "name:tag"; Hearth's ids have no tags, so ":latest" means the id.
QString withoutLatestTag(const QString& name)
{
    return name.endsWith(QLatin1String(":latest")) ? name.chopped(7) : name;
}

} // namespace

ServedModels::ServedModels(EngineService& engine, ListInstalled listInstalled, const LoadRequest& shape,
                           QObject* parent)
    : QObject(parent), m_engine(engine), m_listInstalled(std::move(listInstalled)), m_shape(shape),
      m_loaded(engine.loadedModel())
{
    connect(&engine, &EngineService::loadStarted, this, [this](const QString& path) {
        m_loading = true;
        m_loadingPath = canonical(path);
        ++m_switches;
    });
    connect(&engine, &EngineService::modelLoaded, this, [this](const LoadedModel& model) {
        m_loading = false;
        m_loaded = model;
        settleWaiters({});
    });
    connect(&engine, &EngineService::loadFailed, this, [this](const QString&, const QString& error) {
        m_loading = false;
        m_loaded.reset(); // the worker unloads the old model before it loads the new one
        settleWaiters(error.isEmpty() ? tr("the model could not be loaded") : error);
    });
    connect(&engine, &EngineService::modelUnloaded, this, [this] { m_loaded.reset(); });
}

QString ServedModels::idOf(const QString& path) const
{
    const QString wanted = canonical(path);
    for (const InstalledModel& m : m_listInstalled())
        if (canonical(m.path) == wanted)
            return m.id;
    return QFileInfo(path).completeBaseName();
}

QString ServedModels::loadedId() const
{
    return m_loaded ? idOf(m_loaded->path) : QString();
}

QList<ServedModels::Entry> ServedModels::list() const
{
    QList<Entry> entries;
    const QString loadedPath = m_loaded ? canonical(m_loaded->path) : QString();
    bool loadedListed = false;
    for (const InstalledModel& m : m_listInstalled()) {
        if (!m.error.isEmpty())
            continue; // listed by the window with its problem; the API cannot serve it
        Entry entry{m.id, m.path, m.size, m.modifiedMs, m.info, canonical(m.path) == loadedPath};
        if (entry.loaded) {
            loadedListed = true;
            entries.prepend(entry);
        } else {
            entries.append(entry);
        }
    }
    if (m_loaded && !loadedListed) {
        const QFileInfo file(m_loaded->path);
        Entry entry{file.completeBaseName(),
                    m_loaded->path,
                    file.size(),
                    file.lastModified().toMSecsSinceEpoch(),
                    {},
                    true};
        entry.info.name = m_loaded->name;
        entry.info.contextLength = m_loaded->contextLength;
        entries.prepend(entry);
    }
    return entries;
}

std::optional<ServedModels::Entry> ServedModels::find(const QString& name) const
{
    const QString wanted = withoutLatestTag(name);
    for (const Entry& entry : list()) {
        const QFileInfo file(entry.path);
        if (entry.id == wanted || file.fileName() == wanted || entry.path == wanted)
            return entry;
    }
    return std::nullopt;
}

ApiError ServedModels::notFound(const QString& name) const
{
    QStringList ids;
    for (const Entry& entry : list())
        ids.append(entry.id);
    const QString installed =
        ids.isEmpty() ? tr("no models are installed") : tr("installed: %1").arg(ids.join(", "));
    if (name.isEmpty())
        return {404, tr("No model is loaded; name one in 'model' (%1).").arg(installed),
                QStringLiteral("model"), QStringLiteral("model_not_found")};
    for (const InstalledModel& m : m_listInstalled())
        if (!m.error.isEmpty() && (m.id == withoutLatestTag(name) || QFileInfo(m.path).fileName() == name))
            return {
                404,
                tr("The model '%1' is installed but cannot be read: %2 (%3).").arg(name, m.error, installed),
                QStringLiteral("model"), QStringLiteral("model_not_found")};
    return {404, tr("The model '%1' is not installed (%2).").arg(name, installed), QStringLiteral("model"),
            QStringLiteral("model_not_found")};
}

void ServedModels::acquire(const QString& name, QObject* context, std::function<void(const QString&)> ready,
                           std::function<void(const ApiError&)> fails)
{
    const std::optional<Entry> wanted = name.isEmpty() ? std::nullopt : find(name);
    if (!name.isEmpty() && !wanted)
        return fails(notFound(name));
    const QString wantedPath = wanted ? canonical(wanted->path) : QString();
    if (m_loading) {
        if (wantedPath.isEmpty() || wantedPath == m_loadingPath) {
            m_waiters.append({m_loadingPath, context, std::move(ready), std::move(fails)});
            return;
        }
        return fails({503,
                      tr("Another model is loading; try again when it is ready."),
                      {},
                      QStringLiteral("model_loading"),
                      2});
    }
    if (!m_loaded && !wanted)
        return fails(notFound({}));
    if (m_loaded && (!wanted || wantedPath == canonical(m_loaded->path)))
        return ready(loadedId());
    LoadRequest request = m_shape;
    request.path = wanted->path;
    m_waiters.append({wantedPath, context, std::move(ready), std::move(fails)});
    // The flag is set now, not at loadStarted, so a request arriving before the worker starts
    // the load waits for it too instead of starting a second one.
    m_loading = true;
    m_loadingPath = wantedPath;
    m_engine.loadModel(request, SwitchPolicy::WaitForJobs);
}

void ServedModels::settleWaiters(const QString& error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    const QString id = loadedId();
    for (const Waiter& waiter : waiters) {
        // A request whose client left while the model loaded is not answered.
        if (!waiter.context)
            continue;
        if (!error.isEmpty())
            waiter.fails({500,
                          tr("The model could not be loaded: %1").arg(error),
                          {},
                          QStringLiteral("model_load_failed")});
        else if (!m_loaded || canonical(m_loaded->path) != waiter.path)
            waiter.fails({503,
                          tr("Another model was loaded meanwhile; send the request again."),
                          {},
                          QStringLiteral("model_switched"),
                          1});
        else
            waiter.ready(id);
    }
}
