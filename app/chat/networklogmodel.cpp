#include "networklogmodel.h"

#include <QLocale>

NetworkLogModel::NetworkLogModel(QObject* parent) : QAbstractListModel(parent) {}

void NetworkLogModel::setGate(NetworkGate* gate)
{
    if (m_gate == gate)
        return;
    beginResetModel();
    if (m_gate)
        m_gate->disconnect(this);
    m_gate = gate;
    if (m_gate) {
        connect(m_gate, &NetworkGate::recordAdded, this, [this] {
            beginInsertRows({}, 0, 0); // newest first
            endInsertRows();
            emit countChanged();
        });
        connect(m_gate, &NetworkGate::recordChanged, this, [this](int recordIndex) {
            const QModelIndex changed = index(rowOf(recordIndex));
            emit dataChanged(changed, changed);
        });
    }
    endResetModel();
    emit gateChanged();
    emit countChanged();
}

int NetworkLogModel::rowOf(int recordIndex) const
{
    return rowCount() - 1 - recordIndex;
}

int NetworkLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_gate ? 0 : m_gate->requestCount();
}

QVariant NetworkLogModel::data(const QModelIndex& index, int role) const
{
    if (!m_gate || !index.isValid() || index.row() >= rowCount())
        return {};
    const NetworkRecord& record = m_gate->records().at(rowOf(index.row()));
    const auto bytes = [](qint64 n) {
        return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
    };
    switch (role) {
    case TimeRole:
        return QLocale().toString(record.time.time(), QStringLiteral("HH:mm:ss"));
    case HostRole:
        return record.host;
    case UrlRole:
        return record.url;
    case PurposeRole:
        return record.purpose;
    case BytesInRole:
        return bytes(record.bytesIn);
    case BytesOutRole:
        return bytes(record.bytesOut);
    case ResultRole:
        return record.finished ? record.result : tr("running");
    case RefusedRole:
        return record.refused;
    default:
        return {};
    }
}

QHash<int, QByteArray> NetworkLogModel::roleNames() const
{
    return {{TimeRole, "time"},       {HostRole, "host"},       {UrlRole, "url"},
            {PurposeRole, "purpose"}, {BytesInRole, "bytesIn"}, {BytesOutRole, "bytesOut"},
            {ResultRole, "result"},   {RefusedRole, "refused"}};
}
