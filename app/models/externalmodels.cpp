#include "externalmodels.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ExternalModels", text);
}

QString envFolder(const char* name)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? QString() : QDir::cleanPath(value);
}
} // namespace

QList<ExternalRoot> defaultExternalRoots()
{
    const QString home = QDir::homePath();
    QString hub = envFolder("HF_HUB_CACHE");
    if (hub.isEmpty() && !envFolder("HF_HOME").isEmpty())
        hub = envFolder("HF_HOME") + QStringLiteral("/hub");
    if (hub.isEmpty() && !envFolder("XDG_CACHE_HOME").isEmpty())
        hub = envFolder("XDG_CACHE_HOME") + QStringLiteral("/huggingface/hub");
    if (hub.isEmpty())
        hub = home + QStringLiteral("/.cache/huggingface/hub");
    QList<ExternalRoot> roots{{ModelSource::HuggingFace, hub},
                              {ModelSource::LmStudio, home + QStringLiteral("/.lmstudio/models")},
                              {ModelSource::LmStudio, home + QStringLiteral("/.cache/lm-studio/models")}};
    const QString ollama = envFolder("OLLAMA_MODELS");
    if (!ollama.isEmpty()) {
        roots.append({ModelSource::Ollama, ollama});
    } else {
        roots.append({ModelSource::Ollama, home + QStringLiteral("/.ollama/models")});
        roots.append({ModelSource::Ollama, QStringLiteral("/usr/share/ollama/.ollama/models")});
    }
    return roots;
}

ExternalScan scanExternalRoots(const QList<ExternalRoot>& roots, int budget)
{
    ExternalScan scan;
    ExternalWalk walk(scan, budget);
    for (const ExternalRoot& root : roots) {
        if (!root.enabled || !QFileInfo(root.path).isDir())
            continue;
        switch (root.source) {
        case ModelSource::HuggingFace:
            scanHuggingFaceCache(root.path, walk);
            break;
        case ModelSource::LmStudio:
            scanLmStudioModels(root.path, walk);
            break;
        case ModelSource::Ollama:
            scanOllamaModels(root.path, walk);
            break;
        case ModelSource::Hearth:
        case ModelSource::Folder:
            break; // InstalledModels lists these itself
        }
    }
    return scan;
}

QStringList ExternalWalk::entries(const QString& folder, bool folders)
{
    if (m_budget <= 0) {
        if (!m_budgetWarned)
            warn(tr("Stopped looking for models at %1: more than %2 files and folders.")
                     .arg(folder)
                     .arg(m_limit));
        m_budgetWarned = true;
        return {};
    }
    const QFileInfo info(folder);
    if (!info.isReadable() || !info.isExecutable()) {
        warn(tr("Skipped %1: it cannot be read (permission denied).").arg(folder));
        return {};
    }
    const QDir dir(folder);
    const QDir::Filters filter =
        QDir::NoDotAndDotDot | (folders ? QDir::Dirs | QDir::NoSymLinks : QDir::Files | QDir::System);
    QStringList names = dir.entryList(filter, QDir::Name);
    if (names.size() > m_budget)
        names = names.mid(0, m_budget);
    m_budget -= int(names.size());
    QStringList paths;
    for (const QString& name : std::as_const(names))
        paths.append(dir.filePath(name));
    return paths;
}

bool ExternalWalk::usableGguf(const QString& path, const QString& name)
{
    const QFileInfo info(path);
    if (info.isSymLink() && !info.exists()) {
        warn(tr("Skipped %1: the file it links to is missing (%2).").arg(name, info.symLinkTarget()));
        return false;
    }
    if (!info.isFile()) { // a FIFO or a device would block the read below
        warn(tr("Skipped %1: %2 is not a regular file.").arg(name, path));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        warn(tr("Skipped %1: %2 cannot be read (%3).").arg(name, path, file.errorString()));
        return false;
    }
    if (file.read(4) != QByteArrayLiteral("GGUF")) {
        warn(tr("Skipped %1: %2 is not a GGUF file.").arg(name, path));
        return false;
    }
    return true;
}

void ExternalWalk::add(const QString& name, const QString& path, ModelSource source)
{
    m_scan.models.append({name, QFileInfo(path).absoluteFilePath(), source});
}

bool isLoadableGgufName(const QString& fileName)
{
    if (!fileName.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) ||
        fileName.startsWith(QLatin1String("mmproj"), Qt::CaseInsensitive))
        return false;
    static const QRegularExpression shard(QStringLiteral("-(\\d{5})-of-\\d{5}\\.gguf$"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = shard.match(fileName);
    return !match.hasMatch() || match.captured(1).toInt() == 1; // the first shard opens the rest
}
