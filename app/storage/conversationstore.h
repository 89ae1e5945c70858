#pragma once
// Conversations and their message trees in the database: the one API the GUI, the CLI and the
// API server use. Every write is one transaction; a failed write throws hearth::Error (disk full,
// read-only, damaged file) and leaves the database as it was, so the caller keeps what it holds
// in memory and can retry.
//
// Messages form a tree: editing a user message or regenerating an answer adds a sibling (same
// parent), and the conversation remembers the leaf of the branch on screen (its active leaf).
#include "conversation.h"
#include "database.h"

#include <initializer_list>
#include <QList>
#include <QSqlQuery>
#include <QVariant>

class ConversationStore {
  public:
    // db must be open; the store uses its connection on the calling (GUI) thread.
    explicit ConversationStore(Database& db);

    Database& database() { return m_db; }

    // A new conversation from the fields of init (title, model, system prompt, settings, pinned,
    // archived); its id and times are filled in.
    Conversation create(const Conversation& init = {});
    Conversation conversation(qint64 id);
    bool contains(qint64 id);
    // The user's own title (automatic titles never replace it).
    void rename(qint64 id, const QString& title);
    // A title made by Hearth (from the first message, or by the model). Ignored when the user
    // renamed the conversation; returns whether it was applied.
    bool setAutomaticTitle(qint64 id, const QString& title, TitleSource source = TitleSource::Model);
    void setPinned(qint64 id, bool pinned);
    void setArchived(qint64 id, bool archived);
    // Model, system prompt and generation settings.
    void setModel(qint64 id, const QString& modelFile, const QString& modelName);
    void setSystemPrompt(qint64 id, const QString& systemPrompt);
    void setSettings(qint64 id, const QJsonObject& settings);
    // Deletes the conversation with every message of every branch.
    void remove(qint64 id);

    // A page of conversations: pinned first, then the most recently active first.
    QList<Conversation> list(int offset, int limit, bool archived = false);
    int count(bool archived = false);
    QList<qint64> allConversationIds(); // oldest first

    // The branch on screen, first message first, with each message's sibling position.
    QList<Message> activePath(qint64 conversationId);
    // Every message of every branch, oldest first (parents before children).
    QList<Message> allMessages(qint64 conversationId);
    Message message(qint64 id);

    // Appends message below the active leaf and makes it the active leaf. The first user message
    // of an untitled conversation gives it an automatic title. Returns the stored message.
    Message appendMessage(qint64 conversationId, Message message);
    // Adds message as a new sibling of siblingId (an edited question, a regenerated answer) and
    // makes it the active leaf.
    Message addSibling(qint64 siblingId, Message message);
    // Saves the text so far of an answer being generated (see StreamingWriter for the pacing).
    void updateStreamingMessage(qint64 id, const QString& content, const QString& reasoning);
    // Saves an answer's final text, statistics and finish reason.
    void finishMessage(const Message& message);
    // Shows the branch through messageId: its newest descendant becomes the active leaf.
    void switchBranch(qint64 messageId);
    SiblingInfo siblings(qint64 messageId);

    // Full-text search across all conversations, newest first. text is the user's words (no
    // query syntax; every word must appear, as a word or a word's beginning).
    QList<SearchHit> search(const QString& text, int limit = 50, int offset = 0,
                            const QString& openMark = QStringLiteral("["),
                            const QString& closeMark = QStringLiteral("]"));
    // The FTS5 query for the user's text: each word quoted as a literal prefix. Empty when the
    // text has no word at all.
    static QString ftsQuery(const QString& text);

    // The title made from a first user message: whitespace collapsed, cut at a word to ~60 chars.
    static QString automaticTitle(const QString& firstUserMessage);

    // Inserts conversations read from an export (Message ids and parentIds are the file's own,
    // parents before children; activeLeafId names one of them), all in one transaction.
    // Returns the new ids.
    QList<qint64> importConversations(const QList<QPair<Conversation, QList<Message>>>& conversations);

  private:
    QSqlQuery run(const QString& sql, std::initializer_list<QVariant> values, const QString& what);
    qint64 insertConversationRow(const Conversation& conversation, const QString& what);
    qint64 insertMessageRow(qint64 conversationId, qint64 parentId, const Message& message,
                            const QString& what);
    Message insertMessage(qint64 conversationId, qint64 parentId, Message message);
    void requireConversation(qint64 id);
    void updateConversation(qint64 id, const char* column, const QVariant& value, const QString& what);

    Database& m_db;
};
