#pragma once
// Other apps' model stores built in a folder, as those apps lay them out: the Hugging Face hub
// cache (snapshots linking into blobs), LM Studio's PUBLISHER/REPO folders and Ollama's manifests
// and blobs. Each call copies or links the given GGUF file where that app would have it.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// hub/models--OWNER--REPO/{blobs/HASH, snapshots/REVISION/FILE -> ../../blobs/HASH, refs/main}
// (models--OWNER alone for an empty REPO, as for gpt2). Returns the snapshot path of the file.
inline QString
addHuggingFaceFile(const QString& hub, const QString& owner, const QString& repo, const QString& file,
                   const QString& model,
                   const QString& revision = QStringLiteral("0123456789abcdef0123456789abcdef01234567"))
{
    const QString repoFolder = hub + QStringLiteral("/models--") + owner +
                               (repo.isEmpty() ? QString() : QStringLiteral("--") + repo);
    QFile source(model);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(source.readAll(), QCryptographicHash::Sha256).toHex());
    QDir().mkpath(repoFolder + QStringLiteral("/blobs"));
    QDir().mkpath(repoFolder + QStringLiteral("/refs"));
    const QString snapshotFile =
        repoFolder + QStringLiteral("/snapshots/") + revision + QLatin1Char('/') + file;
    QDir().mkpath(QFileInfo(snapshotFile).path());
    const QString blob = repoFolder + QStringLiteral("/blobs/") + hash;
    if (!QFile::exists(blob))
        QFile::copy(model, blob);
    QFile ref(repoFolder + QStringLiteral("/refs/main"));
    if (ref.open(QIODevice::WriteOnly))
        ref.write(revision.toLatin1());
    // Relative, as huggingface_hub makes them.
    QFile::link(QDir(QFileInfo(snapshotFile).path()).relativeFilePath(blob), snapshotFile);
    return snapshotFile;
}

// models/PUBLISHER/REPO/FILE, a copy. Returns its path.
inline QString addLmStudioFile(const QString& models, const QString& publisher, const QString& repo,
                               const QString& file, const QString& model)
{
    const QString path =
        models + QLatin1Char('/') + publisher + QLatin1Char('/') + repo + QLatin1Char('/') + file;
    QDir().mkpath(QFileInfo(path).path());
    QFile::copy(model, path);
    return path;
}

// models/manifests/REGISTRY/NAMESPACE/MODEL/TAG naming blobs/sha256-HEX (the model layer) and a
// template layer. Returns the blob path.
inline QString addOllamaModel(const QString& models, const QString& registry, const QString& nameSpace,
                              const QString& model, const QString& tag, const QString& gguf)
{
    QFile source(gguf);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    const QByteArray content = source.readAll();
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QDir().mkpath(models + QStringLiteral("/blobs"));
    const QString blob = models + QStringLiteral("/blobs/sha256-") + hex;
    if (!QFile::exists(blob))
        QFile::copy(gguf, blob);
    const QString manifest = models + QStringLiteral("/manifests/") + registry + QLatin1Char('/') +
                             nameSpace + QLatin1Char('/') + model;
    QDir().mkpath(manifest);
    QFile file(manifest + QLatin1Char('/') + tag);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    const QJsonObject json{
        {"schemaVersion", 2},
        {"mediaType", "application/vnd.docker.distribution.manifest.v2+json"},
        {"config", QJsonObject{{"mediaType", "application/vnd.docker.container.image.v1+json"},
                               {"digest", "sha256:" + QString(64, QLatin1Char('0'))},
                               {"size", 10}}},
        {"layers", QJsonArray{QJsonObject{{"mediaType", "application/vnd.ollama.image.template"},
                                          {"digest", "sha256:" + QString(64, QLatin1Char('1'))},
                                          {"size", 10}},
                              QJsonObject{{"mediaType", "application/vnd.ollama.image.model"},
                                          {"digest", "sha256:" + hex},
                                          {"size", content.size()}}}}};
    file.write(QJsonDocument(json).toJson());
    return blob;
}
