#include "modelscontroller.h"

#include "hearth/devices.h"
#include "hearth/error.h"
#include "models/accesstokenstore.h"
#include "models/fithint.h"
#include "models/installedmodels.h"

#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QUrl>

namespace {
QString sizeText(qint64 bytes)
{
    return bytes > 0 ? QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat) : QString();
}

QString parametersText(qint64 parameters)
{
    if (parameters >= 1'000'000'000)
        return QStringLiteral("%1B").arg(double(parameters) / 1e9, 0, 'f', 1);
    if (parameters > 0)
        return QStringLiteral("%1M").arg(double(parameters) / 1e6, 0, 'f', 0);
    return {};
}

QString stateName(Download::State state)
{
    switch (state) {
    case Download::State::Queued:
        return QStringLiteral("queued");
    case Download::State::Running:
        return QStringLiteral("running");
    case Download::State::Paused:
        return QStringLiteral("paused");
    case Download::State::Verifying:
        return QStringLiteral("verifying");
    case Download::State::Failed:
        return QStringLiteral("failed");
    case Download::State::Finished:
    case Download::State::Cancelled:
        break;
    }
    return {};
}
} // namespace

ModelsController::ModelsController(QObject* parent)
    : QObject(parent), m_config(ModelsConfig::load(QSettings())),
      m_catalog(Catalog::load(m_config.catalogCachePath))
{
    try {
        const std::vector<hearth::DeviceInfo> devices = hearth::list_devices();
        const hearth::DeviceInfo& device = hearth::choose_device(
            devices, QSettings().value(QStringLiteral("engine/device")).toString().toStdString());
        const DeviceMemory memory = deviceMemory(device);
        m_cpuDevice = device.type == hearth::DeviceType::Cpu;
        m_deviceMemory = memory.device;
        m_hostMemory = memory.host;
    } catch (const hearth::Error&) {
        // No usable GPU: no fit hints (the window says why elsewhere).
    }
    refresh();
}

void ModelsController::setNetworkGate(NetworkGate* gate)
{
    if (m_gate || !gate)
        return; // set once, by the window
    m_gate = gate;
    m_hub =
        std::make_unique<HubClient>(gate, m_config.hubEndpoint, AccessTokenStore(m_config.configDir).load());
    DownloadPolicy policy;
    policy.retryBaseMs = m_config.retryBaseMs;
    m_downloader =
        std::make_unique<Downloader>(gate, m_config.modelsDir, policy, m_config.maxParallelDownloads);
    connect(m_downloader.get(), &Downloader::downloadAdded, this, &ModelsController::track);
    // Unfinished downloads of an earlier run come back paused: nothing is fetched until asked.
    m_downloader->restoreUnfinished();
    emit networkGateChanged();
}

void ModelsController::setError(const QString& error)
{
    m_error = error;
    emit errorChanged();
}

Download* ModelsController::findDownload(const QString& id) const
{
    if (!m_downloader)
        return nullptr;
    for (Download* d : m_downloader->downloads())
        if (d->request().id == id || d->request().fileName == id)
            return d;
    return nullptr;
}

void ModelsController::track(Download* download)
{
    connect(download, &Download::progressChanged, this, &ModelsController::catalogChanged);
    connect(download, &Download::stateChanged, this, &ModelsController::catalogChanged);
    connect(download, &Download::failed, this, &ModelsController::setError);
    connect(download, &Download::finished, this, [this, download] {
        refresh();
        emit modelInstalled(download->finalPath());
    });
    emit catalogChanged();
}

QVariantMap ModelsController::describe(const CatalogEntry& entry) const
{
    const qint64 weights = entry.size > 0 ? entry.size : estimateWeightBytes(entry.parameters, entry.format);
    QVariantMap map{{QStringLiteral("id"), entry.id},
                    {QStringLiteral("name"), entry.name},
                    {QStringLiteral("family"), entry.family},
                    {QStringLiteral("parameters"), parametersText(entry.parameters)},
                    {QStringLiteral("format"), entry.format},
                    {QStringLiteral("size"), sizeText(weights)},
                    {QStringLiteral("license"), entry.license},
                    {QStringLiteral("description"), entry.description},
                    {QStringLiteral("installedPath"), QString()},
                    {QStringLiteral("fit"), QString()},
                    {QStringLiteral("fitLevel"), -1},
                    {QStringLiteral("state"), QString()},
                    {QStringLiteral("progress"), 0.0},
                    {QStringLiteral("detail"), QString()}};
    for (const QVariant& v : m_installed)
        if (QFileInfo(v.toMap()[QStringLiteral("path")].toString()).fileName() == entry.file)
            map[QStringLiteral("installedPath")] = v.toMap()[QStringLiteral("path")];
    if (m_deviceMemory > 0 && weights > 0) {
        ModelFileInfo info;
        info.architecture = entry.architecture;
        info.parameters = entry.parameters;
        const Fit fit = fitHint(weights + weights / 8, m_deviceMemory, m_hostMemory); // ~KV cache and buffers
        map[QStringLiteral("fit")] = fitText(fit);
        map[QStringLiteral("fitLevel")] = int(fit);
    }
    if (const Download* d = findDownload(entry.id)) {
        map[QStringLiteral("state")] = stateName(d->state());
        map[QStringLiteral("progress")] =
            d->totalBytes() > 0 ? double(d->receivedBytes()) / double(d->totalBytes()) : 0.0;
        map[QStringLiteral("detail")] =
            d->state() == Download::State::Failed || d->waitingForNetwork()
                ? d->errorString()
                : tr("%1 of %2 · %3/s")
                      .arg(sizeText(d->receivedBytes()), sizeText(d->totalBytes()),
                           sizeText(qint64(d->bytesPerSecond())));
    }
    return map;
}

QVariantList ModelsController::catalog() const
{
    QVariantList list;
    for (const CatalogEntry& entry : m_catalog.entries())
        list.append(describe(entry));
    return list;
}

QVariantMap ModelsController::recommended() const
{
    // The largest catalog model that fits entirely on the device (more parameters, better
    // answers); on a software device the smallest, since every parameter costs CPU time.
    const CatalogEntry* best = nullptr;
    for (const CatalogEntry& entry : m_catalog.entries()) {
        const qint64 weights =
            entry.size > 0 ? entry.size : estimateWeightBytes(entry.parameters, entry.format);
        if (weights <= 0 || m_deviceMemory <= 0 ||
            fitHint(weights + weights / 8, m_deviceMemory, m_hostMemory) != Fit::Fits)
            continue;
        if (!best ||
            (m_cpuDevice ? entry.parameters < best->parameters : entry.parameters > best->parameters))
            best = &entry;
    }
    if (!best && !m_catalog.entries().isEmpty())
        best = &m_catalog.entries().first();
    return best ? describe(*best) : QVariantMap{};
}

void ModelsController::download(const QString& catalogId)
{
    const CatalogEntry* entry = m_catalog.find(catalogId);
    if (!entry || !m_downloader)
        return;
    DownloadRequest request;
    request.id = entry->id;
    request.url = m_hub->fileUrl(entry->repo, entry->file);
    request.fileName = entry->file;
    request.expectedSha256 = entry->sha256;
    request.expectedSize = entry->size;
    request.token = m_hub->token();
    setError({});
    m_downloader->enqueue(request);
}

void ModelsController::downloadFile(const QString& repo, const QString& file, const QString& sha256,
                                    qint64 size)
{
    if (!m_downloader)
        return;
    DownloadRequest request;
    request.id = repo + QLatin1Char('/') + file;
    request.url = m_hub->fileUrl(repo, file);
    request.fileName = QFileInfo(file).fileName();
    request.expectedSha256 = sha256;
    request.expectedSize = size;
    request.token = m_hub->token();
    setError({});
    m_downloader->enqueue(request);
}

void ModelsController::pause(const QString& id)
{
    if (Download* d = findDownload(id))
        d->pause();
}

void ModelsController::resume(const QString& id)
{
    if (Download* d = findDownload(id))
        d->requeue();
}

void ModelsController::cancel(const QString& id)
{
    if (Download* d = findDownload(id))
        d->cancel(false);
    if (m_downloader)
        m_downloader->removeDone();
    emit catalogChanged();
}

void ModelsController::remove(const QString& path)
{
    try {
        InstalledModels models(m_config.modelsDir, m_config.extraFolders, m_config.externalRoots);
        models.scan();
        models.remove(path);
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
    }
    refresh();
}

QVariantList ModelsController::sources() const
{
    QVariantList list;
    for (ModelSource source : {ModelSource::HuggingFace, ModelSource::LmStudio, ModelSource::Ollama}) {
        QStringList folders;
        bool enabled = true;
        for (const ExternalRoot& root : m_config.externalRoots)
            if (root.source == source) {
                folders.append(root.path);
                enabled = root.enabled;
            }
        list.append(QVariantMap{{QStringLiteral("key"), modelSourceKey(source)},
                                {QStringLiteral("label"), modelSourceLabel(source)},
                                {QStringLiteral("folders"), folders.join(QStringLiteral(", "))},
                                {QStringLiteral("enabled"), enabled}});
    }
    return list;
}

void ModelsController::setSourceEnabled(const QString& key, bool enabled)
{
    const std::optional<ModelSource> source = modelSourceFromKey(key);
    if (!source || !isExternalSource(*source))
        return;
    QSettings().setValue(ModelsConfig::sourceSettingsKey(*source), enabled);
    m_config = ModelsConfig::load(QSettings());
    emit sourcesChanged();
    refresh();
}

void ModelsController::rememberForgotten()
{
    try {
        InstalledModels models(m_config.modelsDir, m_config.extraFolders, m_config.externalRoots);
        models.rememberAll();
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
    }
    refresh();
}

void ModelsController::importFile(const QString& pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    try {
        InstalledModels models(m_config.modelsDir, m_config.extraFolders, m_config.externalRoots);
        models.scan();
        const InstalledModel model = models.importFile(path, InstalledModels::ImportMode::Reference);
        refresh();
        emit modelInstalled(model.path);
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
    }
}

void ModelsController::refresh()
{
    QVariantList list;
    try {
        InstalledModels models(m_config.modelsDir, m_config.extraFolders, m_config.externalRoots);
        for (const InstalledModel& m : models.scan())
            list.append(
                QVariantMap{{QStringLiteral("id"), m.id},
                            {QStringLiteral("path"), m.path},
                            // Another app's model by the name that app shows.
                            {QStringLiteral("name"),
                             m.info.name.isEmpty() || isExternalSource(m.source) ? m.id : m.info.name},
                            {QStringLiteral("size"), sizeText(m.size)},
                            {QStringLiteral("architecture"), m.info.architecture},
                            {QStringLiteral("parameters"), parametersText(m.info.parameters)},
                            {QStringLiteral("format"), m.info.format},
                            {QStringLiteral("error"), m.error},
                            {QStringLiteral("source"), modelSourceKey(m.source)},
                            {QStringLiteral("sourceLabel"), modelSourceLabel(m.source)},
                            {QStringLiteral("external"), isExternalSource(m.source)}});
        m_forgottenCount = int(models.forgotten().size());
        if (!models.folderProblems().isEmpty())
            setError(models.folderProblems().join(QLatin1Char('\n')));
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
    }
    m_installed = list;
    emit installedChanged();
    emit catalogChanged();
}

void ModelsController::search(const QString& query)
{
    if (query.trimmed().isEmpty() || !m_hub)
        return;
    m_searchStatus = tr("Searching…");
    m_repoFiles.clear();
    emit searchChanged();
    m_hub->search(query.trimmed(), 30, [this](const QList<HubRepo>& repos, const QString& error) {
        m_searchResults.clear();
        for (const HubRepo& r : repos)
            m_searchResults.append(QVariantMap{{QStringLiteral("id"), r.id},
                                               {QStringLiteral("downloads"), r.downloads},
                                               {QStringLiteral("gated"), r.gated}});
        m_searchStatus = !error.isEmpty()  ? error
                         : repos.isEmpty() ? tr("No GGUF repositories found.")
                                           : QString();
        emit searchChanged();
    });
}

void ModelsController::listFiles(const QString& repo)
{
    if (!m_hub)
        return;
    m_searchStatus = tr("Listing %1…").arg(repo);
    emit searchChanged();
    m_hub->listFiles(repo, [this, repo](const QList<HubFile>& files, const QString& error) {
        m_repoFiles.clear();
        for (const HubFile& f : files)
            if (f.path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
                m_repoFiles.append(QVariantMap{{QStringLiteral("repo"), repo},
                                               {QStringLiteral("file"), f.path},
                                               {QStringLiteral("size"), sizeText(f.size)},
                                               {QStringLiteral("bytes"), f.size},
                                               {QStringLiteral("sha256"), f.sha256}});
        m_searchStatus = error;
        emit searchChanged();
    });
}
