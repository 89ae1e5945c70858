#pragma once
// The models on this computer: the .gguf files in the models folder, in extra folders the user
// added, single files imported "in place", and the models other apps downloaded (externalmodels.h).
// Each file's header is read once into an index (models folder/index.json) and read again only
// when the file's size or time changes. Another app's model is never deleted, only forgotten: the
// index remembers its path and the list leaves it out until it is remembered again.
#include "externalmodels.h"
#include "modelfile.h"

#include <functional>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

struct InstalledModel {
    // The file name without .gguf, or the other app's name (OWNER/REPO/FILE, MODEL:TAG); made
    // unique with -2, -3 ...
    QString id;
    QString path;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    enum class Origin { ModelsFolder, ExtraFolder, Reference, External } origin = Origin::ModelsFolder;
    ModelSource source = ModelSource::Hearth;
    ModelFileInfo info;
    QString error; // why the header could not be read; such a file is listed but cannot be loaded
};

class InstalledModels {
  public:
    enum class ImportMode { Copy, Reference };
    // progress(done, total) returns false to cancel a copy.
    using CopyProgress = std::function<bool(qint64 done, qint64 total)>;

    // `external`: the other apps' stores to list (ModelsConfig::externalRoots); disabled ones
    // are skipped.
    InstalledModels(const QString& modelsDir, const QStringList& extraFolders,
                    const QList<ExternalRoot>& external = {});

    const QString& modelsDir() const { return m_modelsDir; }
    QString indexPath() const;
    // Looks at the folders again; reads headers of new and changed files only.
    const QList<InstalledModel>& scan();
    const QList<InstalledModel>& models() const { return m_models; }
    // Why some folders or files were left out by the last scan.
    const QStringList& warnings() const { return m_warnings; }
    // The warnings about Hearth's own models folder and the extra folders (unreadable, not a
    // folder): the window shows these, the others only `models list` prints.
    const QStringList& folderProblems() const { return m_folderProblems; }
    // By id, file name or path.
    const InstalledModel* find(const QString& idOrPath) const;
    // Checks the file is a GGUF model, then copies it into the models folder or records it in
    // place. Throws hearth::Error.
    InstalledModel importFile(const QString& path, ImportMode mode, const CopyProgress& progress = {});
    // Deletes the file (models folder, extra folders) or forgets the reference (the file imported
    // in place, or another app's model, stays where it is). Throws hearth::Error.
    void remove(const QString& idOrPath);
    // The other apps' models that were forgotten (paths); remember() lists them again.
    const QStringList& forgotten() const { return m_forgotten; }
    void remember(const QString& path);
    void rememberAll();

  private:
    void loadIndex();
    void saveIndex() const;
    InstalledModel describe(const QString& path, InstalledModel::Origin origin);

    QString m_modelsDir;
    QStringList m_extraFolders;
    QList<ExternalRoot> m_external;
    QStringList m_references;
    QStringList m_forgotten;
    QStringList m_warnings;
    QStringList m_folderProblems;
    QHash<QString, InstalledModel> m_cache; // by path
    QList<InstalledModel> m_models;
};
