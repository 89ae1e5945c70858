#pragma once
// The one door between Hearth and the network. Everything Hearth fetches (catalog refresh, Hugging
// Face search, file listings, downloads) is asked of a NetworkGate, which owns the only
// QNetworkAccessManager, records every request (NetworkRecord) and refuses them all while offline
// mode is on. The GUI and CLI entries each own one and hand it to whoever needs the network.
#include "networkrecord.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

class QNetworkReply;
class QNetworkRequest;

class NetworkGate : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool offline READ offline WRITE setOffline NOTIFY offlineChanged)
    Q_PROPERTY(bool saveLog READ saveLog WRITE setSaveLog NOTIFY saveLogChanged)
    Q_PROPERTY(QString logPath READ logPath CONSTANT)
    Q_PROPERTY(int requestCount READ requestCount NOTIFY recordAdded)

  public:
    // logPath: where finished records are appended while saveLog is on (empty: never saved).
    explicit NetworkGate(const QString& logPath = {}, QObject* parent = nullptr);

    // Sends a GET, or, in offline mode, records the refusal and returns nullptr. purpose says
    // what the request is for, in the log's words ("model download").
    QNetworkReply* get(const QNetworkRequest& request, const QString& purpose);

    bool offline() const { return m_offline; }
    // Turning it on stops every request still running (downloads pause themselves first).
    void setOffline(bool offline);
    bool saveLog() const { return m_saveLog; }
    void setSaveLog(bool save);
    QString logPath() const { return m_logPath; }

    const QList<NetworkRecord>& records() const { return m_records; }
    int requestCount() const { return int(m_records.size()); }

    // What a refused request reports to the user.
    static QString offlineMessage();

  signals:
    void offlineChanged(bool offline);
    void saveLogChanged(bool save);
    void recordAdded(int index);
    void recordChanged(int index);

  private:
    int addRecord(NetworkRecord record);
    void finish(int index, QNetworkReply* reply);
    void append(const NetworkRecord& record) const;

    bool m_offline = false;
    bool m_saveLog = false;
    QString m_logPath;
    QList<NetworkRecord> m_records;
    QHash<QNetworkReply*, QPointer<QNetworkReply>> m_running;
    // Last, so it goes first: the replies it deletes then still find the records they report to.
    QNetworkAccessManager m_network;
};
