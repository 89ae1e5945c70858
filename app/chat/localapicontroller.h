#pragma once
// Settings → Local API: serves the window's own engine (the model picked in the window) over the
// OpenAI- and Ollama-compatible API of app/server while `enabled`, on 127.0.0.1:`port`, both
// persisted (api/enabled, api/port). It shows whether it serves, the base URL to copy, how many
// requests are in progress, and the last requests' log lines (kept in memory only).
#include "engine/engineservice.h"
#include "models/installedmodels.h"

#include <memory>
#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class ApiServer;

class LocalApiController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(EngineService* engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY changed)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QString baseUrl READ baseUrl NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(int activeRequests READ activeRequests NOTIFY changed)
    Q_PROPERTY(QStringList recentRequests READ recentRequests NOTIFY requestLogged)

  public:
    static constexpr int kDefaultPort = 8642;
    static constexpr int kLogLines = 200;

    explicit LocalApiController(QObject* parent = nullptr);
    ~LocalApiController() override;

    EngineService* engine() const { return m_engine; }
    void setEngine(EngineService* engine);
    bool enabled() const;
    void setEnabled(bool enabled);
    int port() const;
    void setPort(int port); // 0 picks a free port (tests)
    bool running() const;
    QString baseUrl() const;
    QString status() const;
    int activeRequests() const;
    QStringList recentRequests() const { return m_log; }

  signals:
    void engineChanged();
    void changed();
    void requestLogged();

  private:
    void apply(); // starts or stops the server as the settings say

    EngineService* m_engine = nullptr;
    std::unique_ptr<InstalledModels> m_installed;
    std::unique_ptr<ApiServer> m_server;
    QString m_error;
    QStringList m_log;
};
