#pragma once
// One file being downloaded into the models folder, robustly: it writes FILE.part, resumes with a
// Range request after a dropped connection, a pause or a restart of the program (the .part and a
// small FILE.part.json describing it stay on disk), retries with backoff on 5xx answers, timeouts
// and stalls, hashes with sha256 while writing, and only after the sha256 and the GGUF header
// check pass renames FILE.part to FILE atomically. A damaged file is deleted, never installed.
// In offline mode (NetworkGate) it waits, paused, and goes on by itself when offline mode ends.
#include <deque>
#include <functional>
#include <memory>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class NetworkGate;
class QNetworkReply;

struct DownloadRequest {
    QString id;             // what the user asked for: a catalog id or owner/repo/file
    QUrl url;               // e.g. {endpoint}/{repo}/resolve/main/{file}
    QString fileName;       // final name inside the target folder
    QString expectedSha256; // from the catalog or the file listing; empty: the server's X-Linked-Etag
    qint64 expectedSize = -1;
    QString token; // sent as a Bearer token to url's own host only, never across a redirect
};

struct DownloadPolicy {
    int maxRetries = 8;     // failed attempts in a row (an attempt that brought bytes resets it)
    int retryBaseMs = 1000; // backoff: base, 2x base, 4x base ... capped at retryMaxMs
    int retryMaxMs = 60000;
    int stallTimeoutMs = 30000;                  // no byte for this long: drop the connection and resume
    qint64 reserveBytes = 64ll << 20;            // disk space left free beyond the file
    qint64 spaceCheckIntervalBytes = 64ll << 20; // how often free space is checked while writing
    std::function<qint64(const QString& folder)> freeSpace; // bytes available; default QStorageInfo
};

class Download : public QObject {
    Q_OBJECT
  public:
    enum class State { Queued, Running, Paused, Verifying, Finished, Failed, Cancelled };
    Q_ENUM(State)

    Download(NetworkGate* network, const QString& targetDir, const DownloadRequest& request,
             const DownloadPolicy& policy, QObject* parent = nullptr);
    ~Download() override;

    // Queued/Paused/Failed -> Running; picks up an existing FILE.part.
    void start();
    // Keeps FILE.part for a later start(); a download waiting for offline mode to end stops waiting.
    void pause();
    // Removes FILE.part unless keepPartial.
    void cancel(bool keepPartial);
    // Paused/Failed -> Queued, for a Downloader to start when a slot is free.
    void requeue();

    const DownloadRequest& request() const { return m_request; }
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Running || m_state == State::Verifying; }
    // Paused by offline mode (errorString says so); it is queued again when offline mode ends.
    bool waitingForNetwork() const { return m_waitingForNetwork; }
    qint64 receivedBytes() const { return m_received; }
    qint64 totalBytes() const { return m_total; } // -1 until known
    double bytesPerSecond() const { return m_speed; }
    qint64 etaSeconds() const; // -1 when unknown
    QString errorString() const { return m_error; }
    QString partPath() const;
    QString finalPath() const;
    QString sha256() const { return m_sha256; }  // of the finished file
    bool verified() const { return m_verified; } // false: no checksum was published to compare with

    // The request a FILE.part.json beside an unfinished download describes.
    static bool readSidecar(const QString& sidecarPath, DownloadRequest* request);

  signals:
    void stateChanged(Download::State state);
    void progressChanged();
    void retrying(int attempt, int delayMs, const QString& reason);
    void finished();
    void failed(const QString& message);

  private:
    enum class Stop { None, Pause, Cancel };
    void beginWithPartHashed();
    void sendRequest(QUrl url);
    void dropReply();
    bool handleHeaders();
    void readIncoming();
    void onFinished();
    void onStalled();
    void scheduleRetry(const QString& reason);
    void verifyAndInstall();
    void restartFromZero();
    bool checkFreeSpace(qint64 stillNeeded);
    void fail(const QString& message, bool deletePart);
    void waitForNetwork();
    void onOfflineChanged(bool offline);
    void setState(State state);
    void updateSpeed();
    void writeSidecar() const;
    void removePartFiles();
    bool setTotal(qint64 total, const QString& source);

    NetworkGate* m_network;
    QString m_targetDir;
    DownloadRequest m_request;
    DownloadPolicy m_policy;
    State m_state = State::Queued;
    QPointer<QNetworkReply> m_reply;
    QFile m_part;
    std::shared_ptr<QCryptographicHash> m_hash; // over the first m_received bytes of the .part
    qint64 m_received = 0;
    qint64 m_total = -1;
    QString m_totalSource;
    QString m_linkedEtag; // the server's X-Linked-Etag: the file's sha256
    QUrl m_redirectTo;
    int m_redirects = 0;
    bool m_headersHandled = false;
    bool m_rangeRestart = false; // the server's answer was not the range asked: start over
    bool m_attemptBroughtBytes = false;
    int m_failuresInRow = 0;
    int m_generation = 0; // bumps on pause/cancel so late timers and hash jobs are ignored
    qint64 m_sinceSpaceCheck = 0;
    QTimer m_stallTimer;
    QElapsedTimer m_clock;
    qint64 m_lastProgressMs = -1000;
    std::deque<std::pair<qint64, qint64>> m_samples; // (ms, bytes) over the last few seconds
    double m_speed = 0;
    QString m_error;
    QString m_sha256;
    bool m_verified = false;
    bool m_waitingForNetwork = false;
};
