#pragma once
// Conversations to files and back: Markdown for reading (the branch on screen), JSON for keeping
// (every branch, every field). Importing an export and exporting it again gives the same bytes.
//
// JSON layout: {"format": "hearth-conversations", "version": 1, "conversations": [{title,
// titleSource, createdAt, updatedAt, modelFile, modelName, systemPrompt, settings, pinned, archived,
// activeLeaf, messages: [{id, parent, role, content, reasoning, createdAt, model, promptTokens,
// generatedTokens, tokensPerSecond, finishReason}]}]}. Message ids are numbered 1.. within each
// conversation (parents first), so a file does not depend on the database it came from.
#include "conversationstore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

class ConversationExport {
  public:
    static constexpr int kFormatVersion = 1;

    // A message's own fields (role, content, reasoning, times, statistics), without its ids.
    static QJsonObject messageJson(const Message& message);

    static QString toMarkdown(ConversationStore& store, const QList<qint64>& ids);
    static QByteArray toJson(ConversationStore& store, const QList<qint64>& ids);
    // Adds the file's conversations to the store (all or none); returns their new ids. Throws
    // hearth::Error saying what is wrong with a file that is not a Hearth export.
    static QList<qint64> importJson(ConversationStore& store, const QByteArray& json);
};
