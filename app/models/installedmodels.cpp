#include "installedmodels.h"

#include "modelserror.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <filesystem>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("InstalledModels", text);
}

QJsonObject infoToJson(const ModelFileInfo& i)
{
    return {{"architecture", i.architecture},
            {"name", i.name},
            {"parameters", i.parameters},
            {"format", i.format},
            {"contextLength", i.contextLength},
            {"hasChatTemplate", i.hasChatTemplate},
            {"layers", i.layers},
            {"embeddingLength", i.embeddingLength},
            {"headCount", i.headCount},
            {"headCountKv", i.headCountKv},
            {"keyLength", i.keyLength},
            {"valueLength", i.valueLength}};
}

ModelFileInfo infoFromJson(const QJsonObject& o)
{
    ModelFileInfo i;
    i.architecture = o.value(QLatin1String("architecture")).toString();
    i.name = o.value(QLatin1String("name")).toString();
    i.parameters = o.value(QLatin1String("parameters")).toInteger();
    i.format = o.value(QLatin1String("format")).toString();
    i.contextLength = o.value(QLatin1String("contextLength")).toInt();
    i.hasChatTemplate = o.value(QLatin1String("hasChatTemplate")).toBool();
    i.layers = o.value(QLatin1String("layers")).toInt();
    i.embeddingLength = o.value(QLatin1String("embeddingLength")).toInt();
    i.headCount = o.value(QLatin1String("headCount")).toInt();
    i.headCountKv = o.value(QLatin1String("headCountKv")).toInt();
    i.keyLength = o.value(QLatin1String("keyLength")).toInt();
    i.valueLength = o.value(QLatin1String("valueLength")).toInt();
    return i;
}

// Why a folder Hearth lists models from cannot be read; "" when it can or does not exist yet.
// QDir lists an unreadable folder as empty, which would tell the user "no models" instead.
QString unreadable(const QString& folder)
{
    const QFileInfo info(folder);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return tr("The models folder %1 is not a folder; move that file away or choose another folder in "
                  "Settings.")
            .arg(folder);
    DIR* dir = opendir(QFile::encodeName(folder).constData());
    if (!dir)
        return tr("The models folder %1 cannot be read (%2); check its permissions or choose another folder "
                  "in "
                  "Settings.")
            .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
    closedir(dir);
    return {};
}

QStringList ggufFilesIn(const QString& folder, QStringList& warnings)
{
    if (const QString why = unreadable(folder); !why.isEmpty())
        warnings.append(why);
    QStringList paths;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name))
        paths.append(QFileInfo(dir.filePath(name)).absoluteFilePath());
    return paths;
}
} // namespace

InstalledModels::InstalledModels(const QString& modelsDir, const QStringList& extraFolders,
                                 const QList<ExternalRoot>& external)
    : m_modelsDir(QDir::cleanPath(modelsDir)), m_extraFolders(extraFolders), m_external(external)
{
    loadIndex();
}

QString InstalledModels::indexPath() const
{
    return QDir(m_modelsDir).filePath(QStringLiteral("index.json"));
}

void InstalledModels::loadIndex()
{
    QFile file(indexPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue& v : root.value(QLatin1String("references")).toArray())
        m_references.append(v.toString());
    for (const QJsonValue& v : root.value(QLatin1String("forgotten")).toArray())
        m_forgotten.append(v.toString());
    for (const QJsonValue& v : root.value(QLatin1String("models")).toArray()) {
        const QJsonObject o = v.toObject();
        InstalledModel m;
        m.path = o.value(QLatin1String("path")).toString();
        m.size = o.value(QLatin1String("size")).toInteger();
        m.modifiedMs = o.value(QLatin1String("modified")).toInteger();
        m.error = o.value(QLatin1String("error")).toString();
        m.info = infoFromJson(o.value(QLatin1String("info")).toObject());
        if (!m.path.isEmpty())
            m_cache.insert(m.path, m);
    }
}

void InstalledModels::saveIndex() const
{
    QJsonArray models;
    for (const InstalledModel& m : m_models)
        models.append(QJsonObject{{"path", m.path},
                                  {"size", m.size},
                                  {"modified", m.modifiedMs},
                                  {"error", m.error},
                                  {"info", infoToJson(m.info)}});
    QDir().mkpath(m_modelsDir);
    QSaveFile file(indexPath());
    if (!file.open(QIODevice::WriteOnly))
        return; // the index is a cache: without it the next scan reads the headers again
    file.write(QJsonDocument(QJsonObject{{"version", 1},
                                         {"references", QJsonArray::fromStringList(m_references)},
                                         {"forgotten", QJsonArray::fromStringList(m_forgotten)},
                                         {"models", models}})
                   .toJson());
    file.commit();
}

InstalledModel InstalledModels::describe(const QString& path, InstalledModel::Origin origin)
{
    const QFileInfo fileInfo(path);
    InstalledModel m;
    m.path = path;
    m.origin = origin;
    m.size = fileInfo.size();
    m.modifiedMs = fileInfo.lastModified().toMSecsSinceEpoch();
    const auto cached = m_cache.constFind(path);
    if (cached != m_cache.constEnd() && cached->size == m.size && cached->modifiedMs == m.modifiedMs) {
        m.info = cached->info;
        m.error = cached->error;
    } else {
        try {
            m.info = readModelFileInfo(path);
        } catch (const hearth::Error& e) {
            m.error = QString::fromStdString(e.what());
        }
        m_cache.insert(path, m);
    }
    return m;
}

const QList<InstalledModel>& InstalledModels::scan()
{
    m_models.clear();
    m_warnings.clear();
    QSet<QString> seenPaths;
    QSet<QString> seenFiles; // the same file through a link counts once
    QSet<QString> ids;
    const auto add = [&](const QString& path, InstalledModel::Origin origin, ModelSource source,
                         const QString& name) {
        const QFileInfo file(path);
        if (seenPaths.contains(path) || !file.isFile() || seenFiles.contains(file.canonicalFilePath()))
            return;
        seenPaths.insert(path);
        seenFiles.insert(file.canonicalFilePath());
        InstalledModel m = describe(path, origin);
        m.source = source;
        const QString base = name.isEmpty() ? file.completeBaseName() : name;
        m.id = base;
        for (int n = 2; ids.contains(m.id); ++n)
            m.id = base + QLatin1Char('-') + QString::number(n);
        ids.insert(m.id);
        m_models.append(m);
    };
    for (const QString& path : ggufFilesIn(m_modelsDir, m_warnings))
        add(path, InstalledModel::Origin::ModelsFolder, ModelSource::Hearth, {});
    for (const QString& folder : m_extraFolders)
        for (const QString& path : ggufFilesIn(folder, m_warnings))
            add(path, InstalledModel::Origin::ExtraFolder, ModelSource::Folder, {});
    for (const QString& path : std::as_const(m_references))
        add(path, InstalledModel::Origin::Reference, ModelSource::Hearth, {});
    const ExternalScan external = scanExternalRoots(m_external);
    m_folderProblems = m_warnings;
    m_warnings += external.warnings;
    for (const ExternalModel& e : external.models)
        if (!m_forgotten.contains(e.path))
            add(e.path, InstalledModel::Origin::External, e.source, e.name);
    // Forget files that are gone (a forgotten one that is gone needs remembering no more).
    m_forgotten.removeIf([](const QString& path) { return !QFileInfo::exists(path); });
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = seenPaths.contains(it.key()) ? std::next(it) : m_cache.erase(it);
    saveIndex();
    return m_models;
}

const InstalledModel* InstalledModels::find(const QString& idOrPath) const
{
    const QString absolute = QFileInfo(idOrPath).absoluteFilePath();
    for (const InstalledModel& m : m_models)
        if (m.id == idOrPath || QFileInfo(m.path).fileName() == idOrPath || m.path == absolute)
            return &m;
    return nullptr;
}

InstalledModel InstalledModels::importFile(const QString& path, ImportMode mode, const CopyProgress& progress)
{
    const QFileInfo source(path);
    if (!source.isFile())
        throwModelsError(tr("%1 is not a file.").arg(path));
    if (!source.fileName().endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        throwModelsError(tr("%1 is not a .gguf file.").arg(path));
    try {
        readModelFileInfo(source.absoluteFilePath());
    } catch (const hearth::Error& e) {
        throwModelsError(tr("%1 cannot be imported: %2").arg(path, QString::fromStdString(e.what())));
    }
    QString installedPath = source.absoluteFilePath();
    if (mode == ImportMode::Reference) {
        if (!m_references.contains(installedPath))
            m_references.append(installedPath);
    } else {
        QDir().mkpath(m_modelsDir);
        installedPath = QDir(m_modelsDir).absoluteFilePath(source.fileName());
        if (QFileInfo::exists(installedPath))
            throwModelsError(tr("A model named %1 is already in the models folder.").arg(source.fileName()));
        const QString partPath = installedPath + QStringLiteral(".part");
        QFile in(source.absoluteFilePath());
        QFile out(partPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throwModelsError(tr("Could not copy %1 to %2.").arg(path, m_modelsDir));
        QByteArray buffer(4 << 20, Qt::Uninitialized);
        qint64 done = 0;
        for (;;) {
            const qint64 n = in.read(buffer.data(), buffer.size());
            if (n < 0 || (n > 0 && out.write(buffer.constData(), n) != n)) {
                out.remove();
                throwModelsError(tr("Copying %1 failed: %2").arg(path, out.errorString()));
            }
            if (n == 0)
                break;
            done += n;
            if (progress && !progress(done, source.size())) {
                out.remove();
                throwModelsError(tr("The import of %1 was cancelled.").arg(path));
            }
        }
        out.close();
        std::error_code ec;
        std::filesystem::rename(partPath.toStdString(), installedPath.toStdString(), ec);
        if (ec) {
            QFile::remove(partPath);
            throwModelsError(
                tr("Could not finish copying %1: %2").arg(path, QString::fromStdString(ec.message())));
        }
    }
    scan();
    if (const InstalledModel* m = find(installedPath))
        return *m;
    throwModelsError(tr("%1 was imported but cannot be listed.").arg(path));
}

void InstalledModels::remove(const QString& idOrPath)
{
    if (m_models.isEmpty())
        scan();
    const InstalledModel* model = find(idOrPath);
    if (!model)
        throwModelsError(
            tr("No installed model is called %1; `hearth-cli models list` shows them.").arg(idOrPath));
    const QString path = model->path;
    if (model->origin == InstalledModel::Origin::Reference) {
        m_references.removeAll(path);
    } else if (model->origin == InstalledModel::Origin::External) {
        if (!m_forgotten.contains(path))
            m_forgotten.append(path);
    } else if (!QFile::remove(path)) {
        throwModelsError(tr("Could not delete %1.").arg(path));
    }
    m_cache.remove(path);
    scan();
}

void InstalledModels::remember(const QString& path)
{
    m_forgotten.removeAll(QFileInfo(path).absoluteFilePath());
    scan();
}

void InstalledModels::rememberAll()
{
    m_forgotten.clear();
    scan();
}
