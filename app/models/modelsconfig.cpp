#include "modelsconfig.h"

#include "core/datapaths.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace {
QString envPath(const char* name)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? QString() : QDir::cleanPath(value);
}
} // namespace

ModelsConfig ModelsConfig::load(const QSettings& settings)
{
    ModelsConfig config;
    const QString dataDir = DataPaths::dataDir();
    config.modelsDir = envPath("HEARTH_MODELS_DIR");
    if (config.modelsDir.isEmpty())
        config.modelsDir = settings.value(QStringLiteral("models/dir")).toString();
    if (config.modelsDir.isEmpty())
        config.modelsDir = dataDir + QStringLiteral("/models");
    config.extraFolders = settings.value(QStringLiteral("models/extraFolders")).toStringList();
    config.externalRoots = defaultExternalRoots();
    for (ExternalRoot& root : config.externalRoots)
        root.enabled = settings.value(sourceSettingsKey(root.source), true).toBool();

    QString endpoint = qEnvironmentVariable("HF_ENDPOINT");
    if (endpoint.isEmpty())
        endpoint = settings.value(QStringLiteral("hub/endpoint")).toString();
    if (endpoint.isEmpty())
        endpoint = QStringLiteral("https://huggingface.co");
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    config.hubEndpoint = QUrl(endpoint);

    config.catalogUrl = QUrl(settings.value(QStringLiteral("models/catalogUrl")).toString());
    config.catalogCachePath = dataDir + QStringLiteral("/catalog.json");
    config.configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    config.maxParallelDownloads =
        qBound(1, settings.value(QStringLiteral("models/maxParallelDownloads"), 2).toInt(), 8);
    config.retryBaseMs = qBound(1, settings.value(QStringLiteral("models/retryBaseMs"), 1000).toInt(), 60000);
    return config;
}

QString ModelsConfig::sourceSettingsKey(ModelSource source)
{
    return QStringLiteral("models/sources/") + modelSourceKey(source);
}
