#pragma once
// Models other apps downloaded, found where those apps keep them and used in place: the Hugging
// Face cache, LM Studio's models folders and Ollama's store. The walk is bounded (depth by each
// layout, entries by a budget) and whatever cannot be used (an unreadable folder, a malformed
// manifest, a dangling link, a file that is not GGUF) is skipped with a warning saying why.
#include "modelsource.h"

#include <QList>
#include <QString>
#include <QStringList>

struct ExternalRoot {
    ModelSource source = ModelSource::HuggingFace;
    QString path;
    bool enabled = true;
};

struct ExternalModel {
    QString name; // OWNER/REPO/FILE (Hugging Face, LM Studio) or MODEL:TAG (Ollama)
    QString path; // the file to load: a link in the Hugging Face snapshot, an Ollama blob
    ModelSource source = ModelSource::HuggingFace;
};

struct ExternalScan {
    QList<ExternalModel> models;
    QStringList warnings;
};

// Directory entries one scan of all roots may look at; a tree larger than that is cut off with
// a warning rather than walked for minutes.
inline constexpr int kExternalScanBudget = 20000;

// Where each app keeps its models on this computer, from the environment: HF_HUB_CACHE, else
// HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub or ~/.cache/huggingface/hub; ~/.lmstudio/models
// and ~/.cache/lm-studio/models; OLLAMA_MODELS, else ~/.ollama/models and the system service's
// /usr/share/ollama/.ollama/models. Every root is enabled; the settings switch sources off.
QList<ExternalRoot> defaultExternalRoots();

// Walks the enabled roots that exist; a missing root is no warning (the app is not installed).
ExternalScan scanExternalRoots(const QList<ExternalRoot>& roots, int budget = kExternalScanBudget);

// The walk's shared pieces, used by the per-source scanners below.
class ExternalWalk {
  public:
    ExternalWalk(ExternalScan& scan, int budget) : m_scan(scan), m_limit(budget), m_budget(budget) {}
    // The entries of a folder (files or folders; hidden ones and links to folders left out, so a
    // loop cannot trap the walk), or nothing with a warning when it cannot be read or the budget
    // is spent.
    QStringList entries(const QString& folder, bool folders);
    // A GGUF file that can be added: a warning and false for a dangling link, an unreadable
    // file or one that does not start with the GGUF magic.
    bool usableGguf(const QString& path, const QString& name);
    void add(const QString& name, const QString& path, ModelSource source);
    void warn(const QString& warning) { m_scan.warnings.append(warning); }

  private:
    ExternalScan& m_scan;
    int m_limit;
    int m_budget;
    bool m_budgetWarned = false;
};

// One file per source: huggingfacecache.cpp, lmstudiomodels.cpp, ollamamodels.cpp.
void scanHuggingFaceCache(const QString& hubFolder, ExternalWalk& walk);
void scanLmStudioModels(const QString& modelsFolder, ExternalWalk& walk);
void scanOllamaModels(const QString& modelsFolder, ExternalWalk& walk);

// A projector or a later shard of a split model is not a model of its own.
bool isLoadableGgufName(const QString& fileName);
