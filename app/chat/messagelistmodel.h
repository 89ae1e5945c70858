#pragma once
// The messages of the branch on screen, with the answer being streamed into its last row.
#include "storage/conversation.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

  public:
    enum Roles {
        MessageIdRole = Qt::UserRole + 1,
        RoleRole,
        ContentRole,
        BlocksRole,
        ReasoningRole,
        StreamingRole,
        StatsRole,
        SiblingIndexRole,
        SiblingCountRole,
        ErrorRole,
        CitationsRole, // an answer's citations: [{label, link}] (citationlinks.h)
    };

    explicit MessageListModel(QObject* parent = nullptr);

    void setMessages(const QList<Message>& messages);
    void append(const Message& message, bool streaming);
    void updateStreaming(qint64 messageId, const QString& content, const QString& reasoning);
    // The answer is complete: its final text and statistics; firstTokenMs is shown beside them.
    void finish(const Message& message, double firstTokenMs);
    void setError(qint64 messageId, const QString& error);
    int indexOf(qint64 messageId) const;
    const Message* messageAt(int row) const;
    QString lastAnswer() const;

    // "42 tokens · 12.3 tokens/s · first token 0.8 s"
    static QString statsText(const Message& message, double firstTokenMs);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

  signals:
    void countChanged();

  private:
    struct Row {
        Message message;
        bool streaming = false;
        double firstTokenMs = 0;
        QString error;
    };
    void changed(int row, const QList<int>& roles);

    QList<Row> m_rows;
};
