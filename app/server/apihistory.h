#pragma once
// Settings → Local API → "Save API conversations" (off by default; `hearth-cli serve --save-chats`
// headless): a chat the API answered in
// full becomes a conversation in the history, titled "API: <the first user words>" and marked
// {"origin": "api"} in its settings (the schema has no column for it; no migration needed). The
// client's system message becomes its system prompt, a thinking model's reasoning is kept apart
// as in the window's own answers.
#include "server/apiexchange.h"
#include "storage/conversation.h"

class ConversationStore;

namespace api_history {

// The conversation (saved in one transaction) with its messages; throws hearth::Error.
Conversation save(ConversationStore& store, const ApiChat& chat);
QString title(const ApiChat& chat); // "API: " and the first user message's beginning

} // namespace api_history
