#pragma once
// Settings → Local API → Request log: the requests the window's API answered while Hearth runs,
// newest first, in memory only and at most kMaxRows (the oldest go first).
#include "server/apiexchange.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

class RequestLogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The local API's controller owns its log")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int capacity READ capacity CONSTANT)

  public:
    static constexpr int kMaxRows = 500;

    enum Roles {
        TimeRole = Qt::UserRole + 1, // "HH:mm:ss", local time
        ClientRole,                  // the client's address
        EndpointRole,                // "POST /v1/chat/completions"
        ModelRole,
        TokensRole, // prompt + completion tokens, 0 when no model ran
        PromptTokensRole,
        CompletionTokensRole,
        DurationMsRole, // whole milliseconds
        StatusRole,     // the HTTP status; 499 when the client went away first
        FailedRole,     // status 400 or above
    };

    explicit RequestLogModel(QObject* parent = nullptr);

    int capacity() const { return kMaxRows; }
    void add(const ApiLogEntry& entry);
    const ApiLogEntry& entry(int row) const { return m_entries.at(m_entries.size() - 1 - row); }
    Q_INVOKABLE void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

  signals:
    void countChanged();

  private:
    QList<ApiLogEntry> m_entries; // oldest first; row 0 is the last one
};
