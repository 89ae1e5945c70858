#pragma once
// Fetches a newer catalog.json from the catalog URL in settings. The answer replaces the cached
// copy only when it parses as a catalog; otherwise the last good copy (or the bundled one) stays.
#include <QObject>
#include <QUrl>

class NetworkGate;

class CatalogRefresher : public QObject {
    Q_OBJECT
  public:
    CatalogRefresher(NetworkGate* network, const QUrl& url, const QString& cachePath,
                     QObject* parent = nullptr);
    // Reports refreshed or failed later from the event loop (failed in offline mode).
    void refresh();

  signals:
    void refreshed(int modelCount);
    void failed(const QString& message);

  private:
    NetworkGate* m_network;
    QUrl m_url;
    QString m_cachePath;
};
