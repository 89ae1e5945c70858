#pragma once
// Fetches a newer catalog.json from the catalog URL in settings. The answer replaces the cached
// copy only when it parses as a catalog; otherwise the last good copy (or the bundled one) stays.
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

class CatalogRefresher : public QObject {
    Q_OBJECT
  public:
    CatalogRefresher(QNetworkAccessManager* network, const QUrl& url, const QString& cachePath,
                     QObject* parent = nullptr);
    void refresh();

  signals:
    void refreshed(int modelCount);
    void failed(const QString& message);

  private:
    QNetworkAccessManager* m_network;
    QUrl m_url;
    QString m_cachePath;
};
