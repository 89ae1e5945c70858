// The Hugging Face hub cache: models--OWNER--REPO/snapshots/REVISION/... holds links into blobs/;
// refs/main names the revision the tools use now. Files are named OWNER/REPO/PATH, as
// `hearth-cli models pull` names them; an older revision's copy of the same path is left out.
#include "externalmodels.h"

#include <algorithm>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace {
// Folders inside a snapshot (a repository may keep quantizations in subfolders).
constexpr int kSnapshotDepth = 3;

void walkSnapshot(const QString& folder, const QString& prefix, int depth, ExternalWalk& walk,
                  QSet<QString>& seen)
{
    for (const QString& path : walk.entries(folder, false)) {
        const QString fileName = QFileInfo(path).fileName();
        const QString name = prefix + fileName;
        if (!isLoadableGgufName(fileName) || seen.contains(name))
            continue;
        seen.insert(name);
        if (walk.usableGguf(path, name))
            walk.add(name, path, ModelSource::HuggingFace);
    }
    if (depth < kSnapshotDepth)
        for (const QString& sub : walk.entries(folder, true))
            walkSnapshot(sub, prefix + QFileInfo(sub).fileName() + QLatin1Char('/'), depth + 1, walk, seen);
}

QString mainRevision(const QString& repoFolder)
{
    QFile ref(repoFolder + QStringLiteral("/refs/main"));
    if (!ref.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(ref.read(128)).trimmed();
}
} // namespace

void scanHuggingFaceCache(const QString& hubFolder, ExternalWalk& walk)
{
    for (const QString& repoFolder : walk.entries(hubFolder, true)) {
        const QString folderName = QFileInfo(repoFolder).fileName();
        if (!folderName.startsWith(QLatin1String("models--")))
            continue; // datasets--, spaces--, .locks
        const QString ownerRepo = folderName.mid(8);
        const qsizetype split = ownerRepo.indexOf(QLatin1String("--"));
        // A repository without an owner (gpt2) is cached as models--gpt2.
        const QString repo =
            split < 0 ? ownerRepo : ownerRepo.left(split) + QLatin1Char('/') + ownerRepo.mid(split + 2);
        const QString snapshots = repoFolder + QStringLiteral("/snapshots");
        if (!QFileInfo(snapshots).isDir())
            continue;
        // The revision refs/main names first, then the newest others.
        QStringList revisions = walk.entries(snapshots, true);
        std::sort(revisions.begin(), revisions.end(), [](const QString& a, const QString& b) {
            return QFileInfo(a).lastModified() > QFileInfo(b).lastModified();
        });
        const QString main = mainRevision(repoFolder);
        std::stable_partition(revisions.begin(), revisions.end(),
                              [&](const QString& r) { return QFileInfo(r).fileName() == main; });
        QSet<QString> seen;
        for (const QString& revision : std::as_const(revisions))
            walkSnapshot(revision, repo + QLatin1Char('/'), 0, walk, seen);
    }
}
