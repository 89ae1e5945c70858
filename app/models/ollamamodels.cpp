// Ollama's store: manifests/REGISTRY/NAMESPACE/MODEL/TAG is a JSON manifest whose layer of media
// type application/vnd.ollama.image.model names the GGUF blob (blobs/sha256-HEX). Named MODEL:TAG
// as `ollama list` shows it: NAMESPACE/ and REGISTRY/ only where they are not the defaults.
#include "externalmodels.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ExternalModels", text);
}

// A manifest is a few hundred bytes; anything far larger is not one.
constexpr qint64 kMaxManifestBytes = 1 << 20;

QString ollamaName(const QString& registry, const QString& nameSpace, const QString& model,
                   const QString& tag)
{
    QString name = model + QLatin1Char(':') + tag;
    if (nameSpace != QLatin1String("library") || registry != QLatin1String("registry.ollama.ai"))
        name = nameSpace + QLatin1Char('/') + name;
    if (registry != QLatin1String("registry.ollama.ai"))
        name = registry + QLatin1Char('/') + name;
    return name;
}

// The blob path of the manifest's model layer, or empty with *why set.
QString modelBlob(const QString& manifestPath, const QString& modelsFolder, QString* why)
{
    if (!QFileInfo(manifestPath).isFile()) { // a FIFO would block the read
        *why = tr("it is not a regular file");
        return {};
    }
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return {};
    }
    if (file.size() > kMaxManifestBytes) {
        *why = tr("it is too large for a manifest");
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *why = tr("it is not a JSON manifest");
        return {};
    }
    for (const QJsonValue& layer : document.object().value(QLatin1String("layers")).toArray()) {
        const QJsonObject o = layer.toObject();
        if (o.value(QLatin1String("mediaType")).toString() !=
            QLatin1String("application/vnd.ollama.image.model"))
            continue;
        // The digest becomes part of a path: only sha256:<64 hex digits> is accepted.
        static const QRegularExpression digest(QStringLiteral("^sha256[:-]([0-9a-f]{64})$"));
        const QRegularExpressionMatch match = digest.match(o.value(QLatin1String("digest")).toString());
        if (!match.hasMatch()) {
            *why = tr("its model layer has no valid sha256 digest");
            return {};
        }
        return modelsFolder + QStringLiteral("/blobs/sha256-") + match.captured(1);
    }
    *why = tr("it names no model layer");
    return {};
}
} // namespace

void scanOllamaModels(const QString& modelsFolder, ExternalWalk& walk)
{
    const QString manifests = modelsFolder + QStringLiteral("/manifests");
    if (!QFileInfo(manifests).isDir())
        return;
    for (const QString& registry : walk.entries(manifests, true))
        for (const QString& nameSpace : walk.entries(registry, true))
            for (const QString& model : walk.entries(nameSpace, true))
                for (const QString& manifest : walk.entries(model, false)) {
                    const QString name =
                        ollamaName(QFileInfo(registry).fileName(), QFileInfo(nameSpace).fileName(),
                                   QFileInfo(model).fileName(), QFileInfo(manifest).fileName());
                    QString why;
                    const QString blob = modelBlob(manifest, modelsFolder, &why);
                    if (blob.isEmpty()) {
                        walk.warn(
                            tr("Skipped %1: the manifest %2 cannot be used (%3).").arg(name, manifest, why));
                        continue;
                    }
                    if (!QFileInfo::exists(blob)) {
                        walk.warn(tr("Skipped %1: its model file %2 is missing.").arg(name, blob));
                        continue;
                    }
                    if (walk.usableGguf(blob, name))
                        walk.add(name, blob, ModelSource::Ollama);
                }
}
