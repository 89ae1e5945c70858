#pragma once
// Documents as the window lists them: the ones attached to the conversation on screen (its
// document cards) or every document in the store (the Documents page, or its search hits), each
// with the lines the view shows about it.
#include "documents/documentstore.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

struct DocumentRow {
    StoredDocument document;
    QString status;        // "Ready", "Summarizing…", "Summarized", ...
    QString conversations; // the titles of the conversations using it, comma-separated
    QString snippet;       // a search hit's passage
};

class DocumentListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by DocumentsController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

  public:
    enum Roles {
        DocumentIdRole = Qt::UserRole + 1,
        TitleRole,
        FormatRole,
        DetailsRole, // "PDF · 12 pages · 1.2 MB"
        StatusRole,
        ConversationsRole,
        SnippetRole,
    };

    explicit DocumentListModel(QObject* parent = nullptr);

    void setRows(const QList<DocumentRow>& rows);
    void setStatus(qint64 documentId, const QString& status);
    int indexOf(qint64 documentId) const;

    // "PDF · 12 pages · 1.2 MB" (no pages for a format without them).
    static QString detailsText(const StoredDocument& document);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

  signals:
    void countChanged();

  private:
    QList<DocumentRow> m_rows;
};
