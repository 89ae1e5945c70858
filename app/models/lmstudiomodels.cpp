// LM Studio's models folder: PUBLISHER/REPO/FILE.gguf (a file may sit one folder deeper), named
// PUBLISHER/REPO/FILE like the Hugging Face repository it came from.
#include "externalmodels.h"

#include <QFileInfo>

namespace {
void addFiles(const QString& folder, const QString& prefix, ExternalWalk& walk)
{
    for (const QString& path : walk.entries(folder, false)) {
        const QString fileName = QFileInfo(path).fileName();
        if (isLoadableGgufName(fileName) && walk.usableGguf(path, prefix + fileName))
            walk.add(prefix + fileName, path, ModelSource::LmStudio);
    }
}
} // namespace

void scanLmStudioModels(const QString& modelsFolder, ExternalWalk& walk)
{
    for (const QString& publisher : walk.entries(modelsFolder, true))
        for (const QString& repo : walk.entries(publisher, true)) {
            const QString prefix = QFileInfo(publisher).fileName() + QLatin1Char('/') +
                                   QFileInfo(repo).fileName() + QLatin1Char('/');
            addFiles(repo, prefix, walk);
            for (const QString& sub : walk.entries(repo, true))
                addFiles(sub, prefix + QFileInfo(sub).fileName() + QLatin1Char('/'), walk);
        }
}
