#pragma once
// Settings → Local API: serves the window's own engine (the model picked in the window) over the
// OpenAI- and Ollama-compatible API of app/server while `enabled`, on `port`, on 127.0.0.1 only
// unless the user allows other devices on the network: then on every interface, and only with
// the API key (generated when first needed, LocalApiKey) required of every request. It shows
// whether it serves, the base URL to copy, how many requests are in progress, the requests
// answered (RequestLogModel, in memory), and any error; with `saveConversations` each chat the
// API answered becomes a conversation in the history (apihistory.h). The switches persist under
// api/ in the settings.
#include "engine/engineservice.h"
#include "localapikey.h"
#include "models/installedmodels.h"
#include "requestlogmodel.h"

#include <memory>
#include <QObject>
#include <QtQml/qqmlregistration.h>

class ApiServer;
struct ApiChat;

class LocalApiController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(EngineService* engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY changed)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY changed)
    Q_PROPERTY(bool allowNetwork READ allowNetwork WRITE setAllowNetwork NOTIFY changed)
    Q_PROPERTY(bool saveConversations READ saveConversations WRITE setSaveConversations NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QString baseUrl READ baseUrl NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(int activeRequests READ activeRequests NOTIFY changed)
    Q_PROPERTY(RequestLogModel* requestLog READ requestLog CONSTANT)
    Q_PROPERTY(LocalApiKey* key READ key CONSTANT)

  public:
    static constexpr int kDefaultPort = 8642;

    explicit LocalApiController(QObject* parent = nullptr);
    ~LocalApiController() override;

    EngineService* engine() const { return m_engine; }
    void setEngine(EngineService* engine);
    bool enabled() const;
    void setEnabled(bool enabled);
    int port() const;
    void setPort(int port); // 0 picks a free port (tests)
    bool allowNetwork() const;
    // On: a key is made first when there is none (and shown); without one it stays off.
    void setAllowNetwork(bool allow);
    bool saveConversations() const;
    void setSaveConversations(bool save);
    bool running() const;
    // Where clients reach the API: this computer's network address when other devices may
    // connect, else 127.0.0.1.
    QString baseUrl() const;
    QString status() const; // the error when there is one
    QString error() const { return m_error; }
    int activeRequests() const;
    RequestLogModel* requestLog() { return &m_log; }
    LocalApiKey* key() { return m_key.get(); }

    // A new key replaces the old one at once (requests already running go on).
    Q_INVOKABLE void regenerateKey();
    Q_INVOKABLE void copyBaseUrl() const;
    Q_INVOKABLE void dismissError();

  signals:
    void engineChanged();
    void changed();
    void conversationSaved(qint64 conversationId); // the window refreshes its list

  private:
    void apply();   // starts or stops the server as the settings say
    void restart(); // listens again with the new address or key
    bool ensureKey();
    void saveChat(const ApiChat& chat);
    void setError(const QString& error);

    EngineService* m_engine = nullptr;
    QString m_configDir;
    std::unique_ptr<LocalApiKey> m_key;
    std::unique_ptr<InstalledModels> m_installed;
    std::unique_ptr<ApiServer> m_server;
    RequestLogModel m_log;
    QString m_error;
};
