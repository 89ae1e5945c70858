#include "messagelistmodel.h"

#include "citationlinks.h"
#include "markdownblocks.h"

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

void MessageListModel::setMessages(const QList<Message>& messages)
{
    beginResetModel();
    m_rows.clear();
    for (const Message& m : messages)
        if (m.role != Role::System)
            m_rows.append(Row{m, false, 0, {}});
    endResetModel();
    emit countChanged();
}

void MessageListModel::append(const Message& message, bool streaming)
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(Row{message, streaming, 0, {}});
    endInsertRows();
    emit countChanged();
}

void MessageListModel::updateStreaming(qint64 messageId, const QString& content, const QString& reasoning)
{
    const int row = indexOf(messageId);
    if (row < 0)
        return;
    m_rows[row].message.content = content;
    m_rows[row].message.reasoning = reasoning;
    m_rows[row].streaming = true;
    changed(row, {ContentRole, BlocksRole, CitationsRole, ReasoningRole, StreamingRole});
}

void MessageListModel::finish(const Message& message, double firstTokenMs)
{
    const int row = indexOf(message.id);
    if (row < 0)
        return;
    Message finished = message;
    finished.siblingIndex = m_rows[row].message.siblingIndex; // the store's single-message reads lack these
    finished.siblingCount = m_rows[row].message.siblingCount;
    m_rows[row] = Row{finished, false, firstTokenMs, m_rows[row].error};
    changed(row, {ContentRole, BlocksRole, CitationsRole, ReasoningRole, StreamingRole, StatsRole});
}

void MessageListModel::setError(qint64 messageId, const QString& error)
{
    const int row = indexOf(messageId);
    if (row < 0)
        return;
    m_rows[row].error = error;
    m_rows[row].streaming = false;
    changed(row, {ErrorRole, StreamingRole});
}

int MessageListModel::indexOf(qint64 messageId) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows[i].message.id == messageId)
            return i;
    return -1;
}

const Message* MessageListModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].message : nullptr;
}

QString MessageListModel::lastAnswer() const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows[i].message.role == Role::Assistant)
            return m_rows[i].message.content;
    return {};
}

QString MessageListModel::statsText(const Message& message, double firstTokenMs)
{
    if (message.role != Role::Assistant || message.generatedTokens <= 0)
        return {};
    QStringList parts{tr("%n token(s)", nullptr, message.generatedTokens)};
    if (message.tokensPerSecond > 0)
        parts << tr("%1 tokens/s").arg(message.tokensPerSecond, 0, 'f', 1);
    if (firstTokenMs > 0)
        parts << tr("first token %1 s").arg(firstTokenMs / 1000.0, 0, 'f', 2);
    return parts.join(QStringLiteral(" · "));
}

void MessageListModel::changed(int row, const QList<int>& roles)
{
    const QModelIndex i = index(row);
    emit dataChanged(i, i, roles);
}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const Message& m = row.message;
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case MessageIdRole:
        return m.id;
    case RoleRole:
        return roleName(m.role);
    case BlocksRole:
        // A summary's citations become links the view opens (citationlinks.h).
        return markdownBlocks(m.role == Role::Assistant ? linkCitations(m.content) : m.content);
    case CitationsRole:
        return m.role == Role::Assistant ? citationList(m.content) : QVariantList();
    case ReasoningRole:
        return m.reasoning;
    case StreamingRole:
        return row.streaming;
    case StatsRole:
        return statsText(m, row.firstTokenMs);
    case SiblingIndexRole:
        return m.siblingIndex;
    case SiblingCountRole:
        return m.siblingCount;
    case ErrorRole:
        return row.error;
    }
    return {};
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{MessageIdRole, "messageId"},       {RoleRole, "role"},
            {ContentRole, "content"},           {BlocksRole, "blocks"},
            {ReasoningRole, "reasoning"},       {StreamingRole, "streaming"},
            {StatsRole, "stats"},               {SiblingIndexRole, "siblingIndex"},
            {SiblingCountRole, "siblingCount"}, {ErrorRole, "error"},
            {CitationsRole, "citations"}};
}
