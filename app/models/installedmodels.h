#pragma once
// The models on this computer: the .gguf files in the models folder, in extra folders the user
// added, and single files imported "in place". Each file's header is read once into an index
// (models folder/index.json) and read again only when the file's size or time changes.
#include "modelfile.h"

#include <functional>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

struct InstalledModel {
    QString id; // the file name without .gguf (made unique with -2, -3 ...)
    QString path;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    enum class Origin { ModelsFolder, ExtraFolder, Reference } origin = Origin::ModelsFolder;
    ModelFileInfo info;
    QString error; // why the header could not be read; such a file is listed but cannot be loaded
};

class InstalledModels {
  public:
    enum class ImportMode { Copy, Reference };
    // progress(done, total) returns false to cancel a copy.
    using CopyProgress = std::function<bool(qint64 done, qint64 total)>;

    InstalledModels(const QString& modelsDir, const QStringList& extraFolders);

    const QString& modelsDir() const { return m_modelsDir; }
    QString indexPath() const;
    // Looks at the folders again; reads headers of new and changed files only.
    const QList<InstalledModel>& scan();
    const QList<InstalledModel>& models() const { return m_models; }
    // By id, file name or path.
    const InstalledModel* find(const QString& idOrPath) const;
    // Checks the file is a GGUF model, then copies it into the models folder or records it in
    // place. Throws hearth::Error.
    InstalledModel importFile(const QString& path, ImportMode mode, const CopyProgress& progress = {});
    // Deletes the file (models folder, extra folders) or forgets the reference (the file imported
    // in place stays where it is). Throws hearth::Error.
    void remove(const QString& idOrPath);

  private:
    void loadIndex();
    void saveIndex() const;
    InstalledModel describe(const QString& path, InstalledModel::Origin origin);

    QString m_modelsDir;
    QStringList m_extraFolders;
    QStringList m_references;
    QHash<QString, InstalledModel> m_cache; // by path
    QList<InstalledModel> m_models;
};
