#pragma once
// The sidebar's list: conversations grouped Pinned / Today / Yesterday / Previous 7 days / Older,
// or, while the user searches, the matching messages with their snippets.
#include "storage/conversation.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY countChanged)

  public:
    enum Roles {
        ConversationIdRole = Qt::UserRole + 1,
        TitleRole,
        UpdatedAtRole,
        PinnedRole,
        SectionRole,
        SnippetRole,
        MessageIdRole,
    };

    explicit ConversationListModel(QObject* parent = nullptr);

    void setConversations(const QList<Conversation>& conversations, const QDateTime& now = QDateTime::currentDateTime());
    void setSearchHits(const QList<SearchHit>& hits);
    bool searching() const { return m_searching; }
    int indexOf(qint64 conversationId) const;

    // "Pinned", "Today", "Yesterday", "Previous 7 days" or "Older", for a conversation last
    // active at updatedAt (Unix ms), seen at now.
    static QString sectionFor(bool pinned, qint64 updatedAt, const QDateTime& now);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

  signals:
    void countChanged();

  private:
    struct Row {
        qint64 conversationId = 0;
        qint64 messageId = 0;
        QString title;
        qint64 updatedAt = 0;
        bool pinned = false;
        QString section;
        QString snippet;
    };
    void reset(QList<Row> rows, bool searching);
    static int indexIn(const QList<Row>& rows, qint64 conversationId);

    QList<Row> m_rows;
    bool m_searching = false;
};
