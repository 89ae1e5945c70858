#pragma once
// One Hearth per data folder: a second launch hands its arguments (a model to open) to the
// running one over a local socket and quits, and the running window comes forward.
#include <QLocalServer>
#include <QObject>
#include <QString>

class SingleInstance : public QObject {
    Q_OBJECT
  public:
    // key: what makes two launches "the same" (the data folder).
    explicit SingleInstance(const QString& key, QObject* parent = nullptr);

    // Sends message to a running instance; true when one took it (this launch should quit).
    bool forwardToRunning(const QString& message);
    // Becomes the running instance; false when the socket cannot be created.
    bool listen();

  signals:
    void messageReceived(const QString& message);

  private:
    QString m_name;
    QLocalServer m_server;
};
