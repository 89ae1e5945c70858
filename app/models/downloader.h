#pragma once
// The download queue: runs at most N downloads at once (setting, default 2), starts the next when
// one finishes or pauses, and finds the unfinished downloads an earlier run left in the folder.
// All its downloads ask the NetworkGate for every request.
#include "download.h"

#include <QList>
#include <QObject>

class Downloader : public QObject {
    Q_OBJECT
  public:
    Downloader(NetworkGate* network, const QString& targetDir, const DownloadPolicy& policy,
               int maxParallel, QObject* parent = nullptr);

    // Queues a download; the same file already queued or running is returned instead of a second one.
    Download* enqueue(const DownloadRequest& request);
    // Lists every FILE.part.json left in the folder by an earlier run as a paused download, so
    // that nothing is fetched until the user resumes it.
    QList<Download*> restoreUnfinished();

    QList<Download*> downloads() const { return m_downloads; }
    int activeCount() const;
    int maxParallel() const { return m_maxParallel; }
    void setMaxParallel(int count);
    // Drops finished, failed and cancelled downloads from the list.
    void removeDone();

  signals:
    void downloadAdded(Download* download);

  private:
    Download* add(const DownloadRequest& request);
    void schedule();

    NetworkGate* m_network;
    QString m_targetDir;
    DownloadPolicy m_policy;
    int m_maxParallel;
    QList<Download*> m_downloads;
    bool m_scheduling = false;
};
