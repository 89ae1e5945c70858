#pragma once
// A loopback stand-in for Hugging Face: the search and file-listing API, /resolve/main/ redirects
// to a "CDN" path that serves files with Range support, and faults injected per file: dropped
// connections, stalls, 500s, wrong bytes, a wrong announced length, truncation, gated access.
// HTTP/1.1 written directly on QTcpServer so faults can strike at an exact byte.
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

struct HubFaults {
    qint64 dropAfterBytes = -1;    // close the connection after this many body bytes ...
    int dropTimes = 0;             // ... on this many answers
    qint64 stallAfterBytes = -1;   // stop sending (connection stays open) after this many bytes ...
    int stallTimes = 0;            // ... on this many answers
    int errorTimes = 0;            // answer 500 this many times first
    bool wrongBytes = false;       // the CDN serves different bytes than the sha256 announced
    qint64 announcedSizeDelta = 0; // X-Linked-Size is off by this much
    qint64 truncateTo = -1;        // the CDN has only this many bytes of the file
    bool ignoreRange = false;      // answer 200 with the whole file to a Range request
    int chunkDelayMs = 0;          // throttle: one 64 KiB chunk per delay
};

struct HubRequest {
    QByteArray path;  // with the query
    QByteArray range; // the Range header, if any
    QByteArray authorization;
    int status = 0;
    qint64 bodyBytesSent = 0;
};

class TestHub : public QObject {
    Q_OBJECT
  public:
    explicit TestHub(QObject* parent = nullptr);
    ~TestHub() override;
    QUrl url() const; // http://127.0.0.1:port

    // A repository with downloads/likes for search results; gated ones need the token.
    void addRepo(const QString& repo, qint64 downloads, bool gated = false);
    void addFile(const QString& repo, const QString& file, const QByteArray& content);
    HubFaults& faults(const QString& repo, const QString& file) { return m_faults[repo + '/' + file]; }
    void setToken(const QByteArray& token) { m_token = token; }
    // Anything else: a plain file at an exact path (e.g. "/catalog.json").
    void addStatic(const QByteArray& path, const QByteArray& content) { m_static.insert(path, content); }

    const QList<HubRequest>& requests() const { return m_requests; }
    // Body bytes the CDN sent for one file, over all answers.
    qint64 cdnBytesSent(const QString& repo, const QString& file) const;
    int cdnRequestCount(const QString& repo, const QString& file) const;
    int maxConcurrentCdnAnswers() const { return m_maxConcurrent; }
    int openCdnAnswers() const { return m_concurrent; }
    void clearLog()
    {
        m_requests.clear();
        m_maxConcurrent = 0;
    }

    // A valid GGUF model file of about `size` bytes: llama metadata and one tensor of seeded
    // random data.
    static QByteArray makeGguf(qint64 size, quint32 seed);
    static QByteArray sha256Hex(const QByteArray& data);

  private:
    struct Repo {
        qint64 downloads = 0;
        bool gated = false;
        QList<QPair<QString, QByteArray>> files;
    };
    struct Answer;
    void onConnection();
    void handle(QTcpSocket* socket, const QByteArray& head);
    void serveCdn(QTcpSocket* socket, int logIndex, const QString& repo, const QString& file,
                  const QByteArray& rangeHeader);
    void pump(QTcpSocket* socket);
    void reply(QTcpSocket* socket, int logIndex, int status, const QByteArray& body,
               const QList<QPair<QByteArray, QByteArray>>& headers = {},
               const QByteArray& contentType = "application/json");
    const QByteArray* findFile(const QString& repo, const QString& file) const;

    QTcpServer m_server;
    QHash<QString, Repo> m_repos;
    QHash<QString, HubFaults> m_faults;
    QHash<QByteArray, QByteArray> m_static;
    QByteArray m_token;
    QList<HubRequest> m_requests;
    QHash<QTcpSocket*, Answer*> m_answers;
    int m_concurrent = 0;
    int m_maxConcurrent = 0;
};
