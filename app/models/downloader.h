#pragma once
// The download queue: runs at most N downloads at once (setting, default 2), starts the next when
// one finishes or pauses, and finds the unfinished downloads an earlier run left in the folder.
#include "download.h"

#include <QList>
#include <QObject>

class Downloader : public QObject {
    Q_OBJECT
  public:
    Downloader(QNetworkAccessManager* network, const QString& targetDir, const DownloadPolicy& policy,
               int maxParallel, QObject* parent = nullptr);

    // Queues a download; the same file already queued or running is returned instead of a second one.
    Download* enqueue(const DownloadRequest& request);
    // Queues again every FILE.part.json left in the folder by an earlier run.
    QList<Download*> resumeUnfinished();

    QList<Download*> downloads() const { return m_downloads; }
    int activeCount() const;
    int maxParallel() const { return m_maxParallel; }
    void setMaxParallel(int count);
    // Drops finished, failed and cancelled downloads from the list.
    void removeDone();

  signals:
    void downloadAdded(Download* download);

  private:
    void schedule();

    QNetworkAccessManager* m_network;
    QString m_targetDir;
    DownloadPolicy m_policy;
    int m_maxParallel;
    QList<Download*> m_downloads;
    bool m_scheduling = false;
};
