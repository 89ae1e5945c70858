#pragma once
// Documents in the window: files attached to the conversation on screen (read off the GUI
// thread, an encrypted PDF's password asked for), their summaries streamed into the
// conversation as assistant messages and saved like any other answer, the text behind a
// summary's citations, and the Documents page's list. A client of the window's EngineService
// (through its Summarizer) and of the store over a connection of its own; QML hands it the
// window's engine and ChatController.
#include "documentlistmodel.h"
#include "engine/engineservice.h"
#include "summaryrun.h"

#include <atomic>
#include <memory>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <QUrl>
#include <QVariantList>

class ChatController;
class ConversationStore;
class Database;
class DocumentStore;
class StreamingWriter;
class Summarizer;
class SummaryStore;
struct SummaryResult;

// What reading one file off the GUI thread came to.
struct ImportOutcome {
    QString path;
    StoredDocument document; // id 0: not added
    QString error;
    bool needsPassword = false;
    bool wrongPassword = false;
    bool cancelled = false;
};

class DocumentsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("chatcontroller.h")
    Q_PROPERTY(EngineService* engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(ChatController* chat READ chat WRITE setChat NOTIFY chatChanged)
    Q_PROPERTY(DocumentListModel* attached READ attached CONSTANT)
    Q_PROPERTY(DocumentListModel* library READ library CONSTANT)
    Q_PROPERTY(SummaryRun* summary READ summary CONSTANT)
    Q_PROPERTY(bool importing READ importing NOTIFY importingChanged)
    Q_PROPERTY(QString importText READ importText NOTIFY importingChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(QVariantList styles READ styles CONSTANT)

  public:
    explicit DocumentsController(QObject* parent = nullptr);
    ~DocumentsController() override;

    EngineService* engine() const { return m_engine; }
    void setEngine(EngineService* engine); // once
    ChatController* chat() const { return m_chat; }
    void setChat(ChatController* chat); // once
    DocumentListModel* attached() { return &m_attached; }
    DocumentListModel* library() { return &m_library; }
    SummaryRun* summary() { return &m_summary; }
    bool importing() const { return m_watcher.isRunning(); }
    QString importText() const { return m_importText; }
    QString notice() const { return m_notice; }
    // [{value: "brief", text: "Brief"}, ...] for the style picker.
    QVariantList styles() const;

    // Reads the files (local paths or file: URLs) one after another and attaches each to the
    // conversation on screen, creating it when the chat is new.
    Q_INVOKABLE void attach(const QString& pathOrUrl);
    Q_INVOKABLE void attachUrls(const QList<QUrl>& urls);
    // After passwordRequired: the same file again, with the password.
    Q_INVOKABLE void attachWithPassword(const QString& path, const QString& password);
    Q_INVOKABLE void cancelImport();
    Q_INVOKABLE void detach(qint64 documentId);

    // Streams the summary into the conversation on screen; a stopped one with the same settings
    // resumes where it stopped.
    Q_INVOKABLE void summarize(qint64 documentId, const QString& style, const QString& focus);
    Q_INVOKABLE void cancelSummary();

    // A link in a message: a citation shows its text (citationShown); anything else opens outside.
    Q_INVOKABLE void openLink(qint64 messageId, const QString& link);
    Q_INVOKABLE void showCitation(qint64 documentId, const QString& link);

    // The Documents page.
    Q_INVOKABLE void refreshLibrary();
    Q_INVOKABLE void search(const QString& text);
    Q_INVOKABLE void remove(qint64 documentId);
    Q_INVOKABLE void dismissNotice() { setNotice({}); }
    // After the history was unlocked, encrypted or decrypted (HistoryController::historyChanged);
    // a running summary stops (a new Summarize resumes it).
    Q_INVOKABLE void reopenDatabase();

  signals:
    void engineChanged();
    void chatChanged();
    void importingChanged();
    void noticeChanged();
    void passwordRequired(const QString& path, const QString& fileName, bool wrongPassword);
    void citationShown(const QString& title, const QString& text);
    void documentAttached(qint64 documentId);
    void summaryFinished(qint64 messageId);
    void summaryStopped(qint64 messageId);

  private:
    struct Request {
        QString path;
        QString password;
    };
    void openDatabase();
    void createSummarizer();
    template <class F> bool guarded(F&& call);
    void setNotice(const QString& text);
    void refreshAttached();
    // True (with a notice) while the chat on screen is incognito.
    bool refusedInIncognito();
    QString statusOf(qint64 documentId) const;
    void setStatus(qint64 documentId, const QString& status);
    void startNextImport();
    void showImportProgress();
    void onImported();
    void onPiece(const QString& text);
    void showStreamingText();
    void onSummaryFinished(const SummaryResult& result);
    void onSummaryFailed(const QString& error, bool cancelled);
    void endSummary();
    qint64 documentOfMessage(qint64 messageId);

    QPointer<EngineService> m_engine;
    QPointer<ChatController> m_chat;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DocumentStore> m_documents;
    std::unique_ptr<ConversationStore> m_conversations;
    std::unique_ptr<SummaryStore> m_summaries;
    std::unique_ptr<Summarizer> m_summarizer;
    DocumentListModel m_attached;
    DocumentListModel m_library;
    SummaryRun m_summary;
    QString m_notice;
    QString m_searchText;
    QHash<qint64, QString> m_statuses; // this session's: summarizing, summarized, stopped

    QList<Request> m_queue;
    QFutureWatcher<ImportOutcome> m_watcher;
    QString m_importText;
    QString m_importName;
    std::shared_ptr<std::atomic<bool>> m_importCancel;
    std::shared_ptr<std::atomic<int>> m_importDone;
    std::shared_ptr<std::atomic<int>> m_importTotal;
    QTimer m_importTimer;

    qint64 m_streamConversationId = 0;
    qint64 m_answerId = 0;
    std::unique_ptr<StreamingWriter> m_writer;
    QTimer m_viewTimer;
};
