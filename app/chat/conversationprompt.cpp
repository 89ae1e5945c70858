#include "conversationprompt.h"

void ConversationPrompt::set(const QString& override, const QString& defaultText)
{
    const bool overridden = !override.trimmed().isEmpty();
    if (overridden == m_overridden && override == m_override && defaultText == m_default)
        return;
    m_override = override;
    m_default = defaultText;
    m_overridden = overridden;
    emit changed();
}
