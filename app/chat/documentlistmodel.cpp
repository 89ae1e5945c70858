#include "documentlistmodel.h"

#include <algorithm>
#include <QLocale>

DocumentListModel::DocumentListModel(QObject* parent) : QAbstractListModel(parent) {}

void DocumentListModel::setRows(const QList<DocumentRow>& rows)
{
    // The same documents: changed in place, so the view keeps its delegates (a card's chosen
    // style, the button being clicked).
    const bool sameDocuments =
        std::equal(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(),
                   [](const DocumentRow& a, const DocumentRow& b) { return a.document.id == b.document.id; });
    if (sameDocuments) {
        m_rows = rows;
        if (!rows.isEmpty())
            emit dataChanged(index(0), index(int(rows.size()) - 1));
        return;
    }
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (countChanges)
        emit countChanged();
}

int DocumentListModel::indexOf(qint64 documentId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].document.id == documentId)
            return i;
    return -1;
}

void DocumentListModel::setStatus(qint64 documentId, const QString& status)
{
    const int row = indexOf(documentId);
    if (row < 0 || m_rows[row].status == status)
        return;
    m_rows[row].status = status;
    emit dataChanged(index(row), index(row), {StatusRole});
}

QString DocumentListModel::detailsText(const StoredDocument& document)
{
    QStringList parts{document.format.toUpper()};
    if (document.pages > 0)
        parts.append(tr("%n page(s)", nullptr, document.pages));
    parts.append(QLocale().formattedDataSize(document.size));
    return parts.join(QStringLiteral(" · "));
}

int DocumentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DocumentListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DocumentRow& row = m_rows[index.row()];
    switch (role) {
    case DocumentIdRole:
        return row.document.id;
    case TitleRole:
        return row.document.title;
    case FormatRole:
        return row.document.format;
    case DetailsRole:
        return detailsText(row.document);
    case StatusRole:
        return row.status;
    case ConversationsRole:
        return row.conversations;
    case SnippetRole:
        return row.snippet;
    default:
        return {};
    }
}

QHash<int, QByteArray> DocumentListModel::roleNames() const
{
    return {{DocumentIdRole, "documentId"}, {TitleRole, "title"},   {FormatRole, "format"},
            {DetailsRole, "details"},       {StatusRole, "status"}, {ConversationsRole, "conversations"},
            {SnippetRole, "snippet"}};
}
