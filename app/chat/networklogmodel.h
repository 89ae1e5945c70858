#pragma once
// The Network page's list: every request the gate recorded while Hearth runs, newest first.
#include "core/networkgate.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class NetworkLogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(NetworkGate* gate READ gate WRITE setGate NOTIFY gateChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

  public:
    enum Roles {
        TimeRole = Qt::UserRole + 1,
        HostRole,
        UrlRole,
        PurposeRole,
        BytesInRole,
        BytesOutRole,
        ResultRole,
        RefusedRole,
    };

    explicit NetworkLogModel(QObject* parent = nullptr);

    NetworkGate* gate() const { return m_gate; }
    void setGate(NetworkGate* gate);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

  signals:
    void gateChanged();
    void countChanged();

  private:
    int rowOf(int recordIndex) const;

    QPointer<NetworkGate> m_gate;
};
