#pragma once
// Talks to Hugging Face (or any server with its API, chosen by HF_ENDPOINT): searches GGUF
// repositories, lists a repository's files with their sizes and LFS sha256, builds download URLs.
// Every request goes through the NetworkGate it is given.
#include <functional>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QString>
#include <QUrl>

class NetworkGate;
class QNetworkRequest;

struct HubRepo {
    QString id; // "owner/name"
    qint64 downloads = 0;
    qint64 likes = 0;
    bool gated = false;
    QString lastModified;
};

struct HubFile {
    QString path;
    qint64 size = 0;
    QString sha256; // from the LFS pointer; empty for files kept in git
};

// The JSON shapes of GET /api/models?search=... and GET /api/models/{repo}/tree/main.
// Both throw hearth::Error on malformed input.
QList<HubRepo> parseHubSearch(const QByteArray& json);
QList<HubFile> parseHubTree(const QByteArray& json);

// "owner/name" with the characters Hugging Face allows; "owner/name/file.gguf" splits into both.
bool isValidRepoId(const QString& repo);
bool splitRepoFile(const QString& spec, QString* repo, QString* file);

// A message for the user about a failed request: what happened and what to do about it.
QString hubErrorMessage(int httpStatus, QNetworkReply::NetworkError error, const QString& errorString,
                        const QString& what);

class HubClient : public QObject {
    Q_OBJECT
  public:
    using SearchDone = std::function<void(const QList<HubRepo>& repos, const QString& error)>;
    using FilesDone = std::function<void(const QList<HubFile>& files, const QString& error)>;

    HubClient(NetworkGate* network, const QUrl& endpoint, const QString& token, QObject* parent = nullptr);

    QUrl searchUrl(const QString& query, int limit) const;
    QUrl treeUrl(const QString& repo) const;
    QUrl fileUrl(const QString& repo, const QString& file) const;
    // The token is sent to the endpoint's host only, never to the CDN a download redirects to.
    QNetworkRequest request(const QUrl& url) const;
    const QString& token() const { return m_token; }

    // done is always called later from the event loop, also when the gate refuses (offline mode).
    void search(const QString& query, int limit, SearchDone done);
    void listFiles(const QString& repo, FilesDone done);

  private:
    void fetchTreePage(const QUrl& url, const QString& repo, QList<HubFile> soFar, FilesDone done);

    NetworkGate* m_network;
    QUrl m_endpoint;
    QString m_token;
};
