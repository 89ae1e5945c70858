#pragma once
// Where Hearth keeps its files (the conversation database, downloaded models, ...).
// Resolution order: the override set from `--data-dir DIR`, then $HEARTH_DATA_DIR, then the
// platform's per-user application data folder (QStandardPaths::AppDataLocation).
// The override is process-wide start-up configuration, set once from the command line.
#include <QString>
#include <QStringList>

class DataPaths {
  public:
    // The data folder (absolute, cleaned; it may not exist yet).
    static QString dataDir();
    // Sets the folder `--data-dir` names; an empty string clears it.
    static void setOverride(const QString& dir);
    // Removes `--data-dir DIR` / `--data-dir=DIR` from args and applies it as the override.
    // Returns false (args untouched past the option) when the option lacks its value.
    static bool takeDataDirOption(QStringList& args);
};
