#include "conversationlistmodel.h"

#include <QTimeZone>

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

QString ConversationListModel::sectionFor(bool pinned, qint64 updatedAt, const QDateTime& now)
{
    if (pinned)
        return tr("Pinned");
    const QDate day = QDateTime::fromMSecsSinceEpoch(updatedAt, now.timeZone()).date();
    const qint64 age = day.daysTo(now.date());
    if (age <= 0)
        return tr("Today");
    if (age == 1)
        return tr("Yesterday");
    if (age <= 7)
        return tr("Previous 7 days");
    return tr("Older");
}

void ConversationListModel::setConversations(const QList<Conversation>& conversations, const QDateTime& now)
{
    QList<Row> rows;
    rows.reserve(conversations.size());
    for (const Conversation& c : conversations)
        rows.append(Row{c.id, 0, c.title, c.updatedAt, c.pinned, sectionFor(c.pinned, c.updatedAt, now), {}});
    reset(std::move(rows), false);
}

void ConversationListModel::setSearchHits(const QList<SearchHit>& hits)
{
    // One row per conversation, with its newest matching message (hits come newest first): the
    // sidebar lists conversations, however many of their messages match.
    QList<Row> rows;
    rows.reserve(hits.size());
    for (const SearchHit& h : hits)
        if (indexIn(rows, h.conversationId) < 0)
            rows.append(Row{h.conversationId, h.messageId, h.conversationTitle, h.createdAt, false, tr("Results"), h.snippet});
    reset(std::move(rows), true);
}

void ConversationListModel::reset(QList<Row> rows, bool searching)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_searching = searching;
    endResetModel();
    emit countChanged();
}

int ConversationListModel::indexOf(qint64 conversationId) const
{
    return indexIn(m_rows, conversationId);
}

int ConversationListModel::indexIn(const QList<Row>& rows, qint64 conversationId)
{
    for (int i = 0; i < rows.size(); ++i)
        if (rows[i].conversationId == conversationId)
            return i;
    return -1;
}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title.isEmpty() ? tr("New chat") : row.title;
    case ConversationIdRole:
        return row.conversationId;
    case UpdatedAtRole:
        return row.updatedAt;
    case PinnedRole:
        return row.pinned;
    case SectionRole:
        return row.section;
    case SnippetRole:
        return row.snippet;
    case MessageIdRole:
        return row.messageId;
    }
    return {};
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{ConversationIdRole, "conversationId"}, {TitleRole, "title"},     {UpdatedAtRole, "updatedAt"},
            {PinnedRole, "pinned"},                 {SectionRole, "section"}, {SnippetRole, "snippet"},
            {MessageIdRole, "messageId"}};
}
