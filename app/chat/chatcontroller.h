#pragma once
// The window's one controller: conversations and their messages from the store, the model
// through the engine service (a client of it like any other: it owns no thread and no model),
// and the answer streaming from it into both the view and SQLite. QML calls its invokables and
// hands it the window's EngineService; it never blocks the GUI thread on the engine.
#include "appsettings.h"
#include "conversationlistmodel.h"
#include "conversationprompt.h"
#include "engine/engineservice.h"
#include "generationsettings.h"
#include "messagelistmodel.h"
#include "modelstate.h"
#include "core/thinksplitter.h"

#include <memory>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class Database;
class ConversationStore;
class StreamingWriter;

class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(EngineService* engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(MessageListModel* messages READ messages CONSTANT)
    Q_PROPERTY(GenerationSettings* settings READ settings CONSTANT)
    Q_PROPERTY(AppSettings* appSettings READ appSettings CONSTANT)
    Q_PROPERTY(ModelState* model READ model CONSTANT)
    Q_PROPERTY(ConversationPrompt* systemPrompt READ systemPrompt CONSTANT)
    Q_PROPERTY(qint64 currentConversationId READ currentConversationId NOTIFY currentConversationChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentConversationChanged)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
    Q_PROPERTY(bool incognito READ incognito NOTIFY incognitoChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(QStringList installedModels READ installedModels NOTIFY installedModelsChanged)
    // What the picker shows for each path: the file name, or another app's name (llama3.2:1b).
    Q_PROPERTY(QStringList installedModelNames READ installedModelNames NOTIFY installedModelsChanged)

  public:
    explicit ChatController(QObject* parent = nullptr);
    ~ChatController() override;

    EngineService* engine() const { return m_engine; }
    void setEngine(EngineService* engine); // once, before start()
    ConversationListModel* conversations() { return &m_conversations; }
    MessageListModel* messages() { return &m_messages; }
    GenerationSettings* settings() { return &m_settings; }
    AppSettings* appSettings() { return &m_appSettings; }
    ModelState* model() { return &m_model; }
    ConversationPrompt* systemPrompt() { return &m_prompt; }
    qint64 currentConversationId() const { return m_conversationId; }
    QString currentTitle() const { return m_title; }
    bool generating() const { return m_streamId != 0; }
    // An incognito chat lives in an in-memory database: nothing of it reaches the disk, and it is
    // gone when the window leaves it (New chat) or closes.
    bool incognito() const { return m_incognitoDatabase != nullptr; }
    QString notice() const { return m_notice; }
    QStringList installedModels() const { return m_installedModels; }
    QStringList installedModelNames() const { return m_installedModelNames; }

    // Called once the window is up: reports a missing GPU driver, then loads startupModel (a
    // file named on the command line) or else the model used last time.
    Q_INVOKABLE void start(const QString& startupModel);
    Q_INVOKABLE void newChat();
    Q_INVOKABLE void newIncognitoChat();
    Q_INVOKABLE void openConversation(qint64 id);
    Q_INVOKABLE void send(const QString& text);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void regenerate(qint64 assistantMessageId);
    Q_INVOKABLE void editMessage(qint64 userMessageId, const QString& text);
    Q_INVOKABLE void showSibling(qint64 messageId, int step); // step -1: previous, +1: next
    Q_INVOKABLE void rename(qint64 conversationId, const QString& title);
    Q_INVOKABLE void setPinned(qint64 conversationId, bool pinned);
    Q_INVOKABLE void deleteConversation(qint64 conversationId); // undoable for a few seconds
    Q_INVOKABLE void undoDelete();
    Q_INVOKABLE void search(const QString& text);
    // The conversation on screen answers with text as its system prompt from the next answer
    // on (a new chat keeps it until its first message creates the conversation). Empty text, or
    // the default's own text, means "follow the default from Settings".
    Q_INVOKABLE void setSystemPrompt(const QString& text);
    Q_INVOKABLE void useDefaultSystemPrompt() { setSystemPrompt({}); }
    Q_INVOKABLE void loadModel(const QString& pathOrUrl);
    Q_INVOKABLE void refreshInstalledModels();
    Q_INVOKABLE void copyText(const QString& text);
    Q_INVOKABLE void copyLastAnswer();
    Q_INVOKABLE void dismissNotice();
    // After the history was unlocked, encrypted or decrypted (HistoryController::historyChanged):
    // a new connection, with the encrypted history's triggers and search index or without them.
    Q_INVOKABLE void reopenDatabase();
    // The sidebar's list again from the store, after another writer added a conversation (the
    // local API saving a chat).
    Q_INVOKABLE void refreshConversations();

    // For the other controllers of the window that write into the conversation on screen (a
    // document's summary): the conversation, created when the chat is new (0 when that failed),
    // and a reload of it (its title, messages and the sidebar) after they wrote to the store.
    qint64 ensureConversation();
    void refreshCurrent();

  signals:
    void engineChanged();
    void currentConversationChanged();
    void generatingChanged();
    void incognitoChanged();
    void noticeChanged();
    void installedModelsChanged();
    void deletePending(const QString& title); // the view offers Undo
    void answerFinished(qint64 messageId);

  private:
    void openDatabase();
    void reloadMessages();
    void setCurrent(qint64 conversationId);
    void setNotice(const QString& text);
    void refreshPrompt();
    void startAnswer(const Message& answer);
    QString askAboutAttachedDocuments(qint64 conversationId, QList<QPair<QString, QString>>& turns);
    void onPiece(qint64 jobId, const QString& piece);
    void showStreamingText();
    void onFinished(qint64 jobId, const JobStats& stats);
    void onFailed(qint64 jobId, const QString& error);
    void endStream();
    void commitPendingDelete();
    void leaveIncognito();
    // Stops the answer being written and saves it as cancelled, as far as it got.
    void abandonAnswer();
    QString clientId(qint64 conversationId) const;
    // Runs a store call; a failure becomes the notice and returns false (nothing typed is lost:
    // the view keeps its text).
    template <class F> bool guarded(F&& call);

    ConversationListModel m_conversations;
    MessageListModel m_messages;
    GenerationSettings m_settings;
    AppSettings m_appSettings;
    ModelState m_model;
    ConversationPrompt m_prompt;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ConversationStore> m_diskStore;
    std::unique_ptr<Database> m_incognitoDatabase; // while an incognito chat is open
    std::unique_ptr<ConversationStore> m_incognitoStore;
    ConversationStore* m_store = nullptr; // the one in use: the disk's, or the incognito one

    qint64 m_conversationId = 0;
    QString m_title;
    QString m_promptOverride; // of the conversation on screen (or the new chat), "" = default
    QString m_notice;
    QString m_searchText;
    QStringList m_installedModels;
    QStringList m_installedModelNames;

    QPointer<EngineService> m_engine;
    qint64 m_jobId = 0;    // the engine job writing the answer
    qint64 m_streamId = 0; // the answer being generated, 0 when idle
    qint64 m_streamConversationId = 0;
    QString m_streamSources; // "Sources: …" of the documents the answer was given
    std::unique_ptr<StreamingWriter> m_writer;
    ThinkSplitter m_splitter;

    qint64 m_pendingDeleteId = 0;
    QTimer m_deleteTimer;
    // Pieces can arrive faster than the view can lay out the growing answer: the view gets the
    // text at most once per frame, so a burst of pieces never stalls the GUI thread.
    QTimer m_viewTimer;
};
