#include "requestlogmodel.h"

#include <QLocale>

RequestLogModel::RequestLogModel(QObject* parent) : QAbstractListModel(parent) {}

void RequestLogModel::add(const ApiLogEntry& entry)
{
    if (m_entries.size() >= kMaxRows) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows({}, last, last); // the oldest is the bottom row
        m_entries.removeFirst();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_entries.append(entry);
    endInsertRows();
    emit countChanged();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
    emit countChanged();
}

int RequestLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant RequestLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount())
        return {};
    const ApiLogEntry& e = entry(index.row());
    switch (role) {
    case TimeRole:
        return QLocale().toString(e.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    case ClientRole:
        return e.clientAddress;
    case EndpointRole:
        return QString::fromLatin1(e.method + ' ' + e.path);
    case ModelRole:
        return e.model;
    case TokensRole:
        return e.promptTokens + e.completionTokens;
    case PromptTokensRole:
        return e.promptTokens;
    case CompletionTokensRole:
        return e.completionTokens;
    case DurationMsRole:
        return qRound(e.durationMs);
    case StatusRole:
        return e.status;
    case FailedRole:
        return e.status >= 400;
    default:
        return {};
    }
}

QHash<int, QByteArray> RequestLogModel::roleNames() const
{
    return {{TimeRole, "time"},
            {ClientRole, "client"},
            {EndpointRole, "endpoint"},
            {ModelRole, "model"},
            {TokensRole, "tokens"},
            {PromptTokensRole, "promptTokens"},
            {CompletionTokensRole, "completionTokens"},
            {DurationMsRole, "durationMs"},
            {StatusRole, "status"},
            {FailedRole, "failed"}};
}
