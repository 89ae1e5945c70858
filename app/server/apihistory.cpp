#include "apihistory.h"

#include "storage/conversationstore.h"
#include "core/thinksplitter.h"

#include <QDateTime>

namespace api_history {

QString title(const ApiChat& chat)
{
    for (const auto& [role, content] : chat.turns)
        if (role == QLatin1String("user"))
            return QStringLiteral("API: ") + ConversationStore::automaticTitle(content);
    return QStringLiteral("API: ") + chat.model;
}

Conversation save(ConversationStore& store, const ApiChat& chat)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Conversation conversation;
    conversation.title = title(chat);
    conversation.createdAt = conversation.updatedAt = now;
    conversation.modelName = chat.model;
    conversation.settings = QJsonObject{{QStringLiteral("origin"), QStringLiteral("api")}};
    QList<Message> messages;
    for (const auto& [roleText, content] : chat.turns) {
        Role role = Role::User;
        roleFromName(roleText, &role);
        // A conversation has one system prompt; the client's system messages are joined into it.
        if (role == Role::System) {
            conversation.systemPrompt +=
                (conversation.systemPrompt.isEmpty() ? QString() : QStringLiteral("\n\n")) + content;
            continue;
        }
        Message message;
        message.role = role;
        message.content = content;
        message.createdAt = now;
        messages.append(message);
    }
    ThinkSplitter splitter;
    const ThinkSplitter::Delta answerText = splitter.push(chat.answer);
    const ThinkSplitter::Delta rest = splitter.finish();
    Message answer;
    answer.role = Role::Assistant;
    answer.content = (answerText.content + rest.content).trimmed();
    answer.reasoning = (answerText.reasoning + rest.reasoning).trimmed();
    answer.createdAt = now;
    answer.model = chat.model;
    answer.promptTokens = chat.stats.promptTokens;
    answer.generatedTokens = chat.stats.generatedTokens;
    answer.tokensPerSecond = chat.stats.tokensPerSecond();
    answer.finishReason =
        chat.stats.finishReason.isEmpty() ? QStringLiteral("stop") : chat.stats.finishReason;
    messages.append(answer);
    // A chain: each message answers the one before it.
    for (int i = 0; i < messages.size(); ++i) {
        messages[i].id = i + 1;
        messages[i].parentId = i;
    }
    conversation.activeLeafId = messages.size();
    conversation.id = store.importConversations({{conversation, messages}}).first();
    conversation.messageCount = int(messages.size());
    return conversation;
}

} // namespace api_history
