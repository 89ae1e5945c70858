#include "downloader.h"

#include <algorithm>
#include <QDir>

Downloader::Downloader(NetworkGate* network, const QString& targetDir, const DownloadPolicy& policy,
                       int maxParallel, QObject* parent)
    : QObject(parent), m_network(network), m_targetDir(targetDir), m_policy(policy),
      m_maxParallel(qMax(1, maxParallel))
{
}

Download* Downloader::enqueue(const DownloadRequest& request)
{
    for (Download* d : std::as_const(m_downloads)) {
        if (d->request().fileName != request.fileName)
            continue;
        if (d->state() == Download::State::Paused || d->state() == Download::State::Failed) {
            d->requeue();
            schedule();
        }
        if (d->state() != Download::State::Cancelled && d->state() != Download::State::Finished)
            return d;
    }
    Download* download = add(request);
    schedule();
    return download;
}

Download* Downloader::add(const DownloadRequest& request)
{
    auto* download = new Download(m_network, m_targetDir, request, m_policy, this);
    connect(download, &Download::stateChanged, this, [this] { schedule(); });
    m_downloads.append(download);
    emit downloadAdded(download);
    return download;
}

QList<Download*> Downloader::restoreUnfinished()
{
    QList<Download*> restored;
    const QDir dir(m_targetDir);
    for (const QString& name : dir.entryList({QStringLiteral("*.part.json")}, QDir::Files)) {
        DownloadRequest request;
        if (!Download::readSidecar(dir.filePath(name), &request))
            continue;
        const bool known = std::any_of(m_downloads.cbegin(), m_downloads.cend(), [&](const Download* d) {
            return d->request().fileName == request.fileName;
        });
        if (known)
            continue;
        Download* download = add(request);
        download->pause();
        restored.append(download);
    }
    return restored;
}

int Downloader::activeCount() const
{
    int count = 0;
    for (const Download* d : m_downloads)
        count += d->isActive() ? 1 : 0;
    return count;
}

void Downloader::setMaxParallel(int count)
{
    m_maxParallel = qMax(1, count);
    schedule();
}

void Downloader::removeDone()
{
    for (qsizetype i = m_downloads.size() - 1; i >= 0; --i) {
        const Download::State s = m_downloads[i]->state();
        if (s == Download::State::Finished || s == Download::State::Failed || s == Download::State::Cancelled)
            m_downloads.takeAt(i)->deleteLater();
    }
}

void Downloader::schedule()
{
    // start() announces its state change, which lands here again: one pass at a time.
    if (m_scheduling)
        return;
    m_scheduling = true;
    for (Download* d : std::as_const(m_downloads)) {
        if (activeCount() >= m_maxParallel)
            break;
        if (d->state() == Download::State::Queued)
            d->start();
    }
    m_scheduling = false;
}
