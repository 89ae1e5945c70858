#pragma once
// Where models live and how they are fetched: the settings of the models subsystem, resolved once
// from the settings file and the environment so the classes that use them stay free of globals.
#include "externalmodels.h"

#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

struct ModelsConfig {
    QString modelsDir;        // downloads and copied imports land here
    QStringList extraFolders; // more folders scanned for .gguf files
    // Other apps' stores (defaultExternalRoots()); models/sources/<key> = false switches a
    // source off (huggingface, lmstudio, ollama).
    QList<ExternalRoot> externalRoots;
    QUrl hubEndpoint;         // Hugging Face (or a mirror) base URL
    QUrl catalogUrl;          // where "refresh catalog" fetches catalog.json; empty: bundled only
    QString catalogCachePath; // the last refreshed catalog
    QString configDir;        // holds the access-token file
    int maxParallelDownloads = 2;
    int retryBaseMs = 1000; // first retry delay; doubles per failed attempt

    // Settings keys, env overrides: HEARTH_MODELS_DIR > models/dir > <data folder>/models;
    // HF_ENDPOINT > hub/endpoint > https://huggingface.co.
    static ModelsConfig load(const QSettings& settings);
    static QString sourceSettingsKey(ModelSource source);
};
