#pragma once
// The Models page: the curated catalog with fit hints for this machine and one-click downloads
// (progress, pause, resume, cancel), the models already here (use, delete, add a local file), and
// a search of Hugging Face's GGUF repositories and their files. The network is reached only
// through the NetworkGate the window is given (networkGate, set once); until then nothing is fetched.
#include "core/networkgate.h"
#include "models/catalog.h"
#include "models/downloader.h"
#include "models/hubclient.h"
#include "models/modelsconfig.h"

#include <memory>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QVariantList>

class ModelsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList catalog READ catalog NOTIFY catalogChanged)
    Q_PROPERTY(QVariantMap recommended READ recommended NOTIFY catalogChanged)
    Q_PROPERTY(QVariantList installed READ installed NOTIFY installedChanged)
    Q_PROPERTY(QVariantList searchResults READ searchResults NOTIFY searchChanged)
    Q_PROPERTY(QVariantList repoFiles READ repoFiles NOTIFY searchChanged)
    Q_PROPERTY(QString searchStatus READ searchStatus NOTIFY searchChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // The other apps' stores for the settings: key, label, folders, enabled.
    Q_PROPERTY(QVariantList sources READ sources NOTIFY sourcesChanged)
    Q_PROPERTY(int forgottenCount READ forgottenCount NOTIFY installedChanged)
    Q_PROPERTY(
        NetworkGate* networkGate READ networkGate WRITE setNetworkGate NOTIFY networkGateChanged REQUIRED)

  public:
    explicit ModelsController(QObject* parent = nullptr);

    QVariantList catalog() const;
    QVariantMap recommended() const;
    QVariantList installed() const { return m_installed; }
    QVariantList searchResults() const { return m_searchResults; }
    QVariantList repoFiles() const { return m_repoFiles; }
    QString searchStatus() const { return m_searchStatus; }
    QString error() const { return m_error; }
    QVariantList sources() const;
    int forgottenCount() const { return m_forgottenCount; }
    NetworkGate* networkGate() const { return m_gate; }
    void setNetworkGate(NetworkGate* gate);

    Q_INVOKABLE void download(const QString& catalogId);
    Q_INVOKABLE void downloadFile(const QString& repo, const QString& file, const QString& sha256,
                                  qint64 size);
    Q_INVOKABLE void pause(const QString& id);
    Q_INVOKABLE void resume(const QString& id);
    Q_INVOKABLE void cancel(const QString& id);
    // Deletes a model of Hearth's; forgets one of another app (its file stays).
    Q_INVOKABLE void remove(const QString& path);
    Q_INVOKABLE void setSourceEnabled(const QString& key, bool enabled);
    Q_INVOKABLE void rememberForgotten();                  // lists every forgotten model again
    Q_INVOKABLE void importFile(const QString& pathOrUrl); // copies into the models folder
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void search(const QString& query);
    Q_INVOKABLE void listFiles(const QString& repo);

  signals:
    void catalogChanged();
    void installedChanged();
    void sourcesChanged();
    void searchChanged();
    void errorChanged();
    void networkGateChanged();
    void modelInstalled(const QString& path);

  private:
    Download* findDownload(const QString& id) const;
    void track(Download* download);
    void setError(const QString& error);
    QVariantMap describe(const CatalogEntry& entry) const;

    ModelsConfig m_config;
    Catalog m_catalog;
    NetworkGate* m_gate = nullptr;
    std::unique_ptr<HubClient> m_hub;
    std::unique_ptr<Downloader> m_downloader;
    qint64 m_deviceMemory = 0;
    qint64 m_hostMemory = 0;
    bool m_cpuDevice = false; // software Vulkan: recommend the smallest model, not the largest
    QVariantList m_installed;
    int m_forgottenCount = 0;
    QStringList m_installedFiles;
    QVariantList m_searchResults;
    QVariantList m_repoFiles;
    QString m_searchStatus;
    QString m_error;
};
