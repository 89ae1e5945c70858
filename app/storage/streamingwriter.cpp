#include "streamingwriter.h"

StreamingWriter::StreamingWriter(ConversationStore& store, qint64 messageId, qint64 intervalMs, Clock clock)
    : m_store(store), m_messageId(messageId), m_intervalMs(intervalMs), m_clock(std::move(clock))
{
    if (!m_clock) {
        m_timer.start();
        m_clock = [this] { return m_timer.elapsed(); };
    }
    m_lastSave = m_clock();
}

void StreamingWriter::append(const QString& contentPiece, const QString& reasoningPiece)
{
    m_content += contentPiece;
    m_reasoning += reasoningPiece;
    if (m_clock() - m_lastSave >= m_intervalMs)
        save();
}

void StreamingWriter::save()
{
    // Restart the interval before writing: a failing disk is retried an interval later, not on
    // every token.
    m_lastSave = m_clock();
    m_store.updateStreamingMessage(m_messageId, m_content, m_reasoning);
    ++m_saves;
}

void StreamingWriter::finish(Message final)
{
    final.id = m_messageId;
    final.content = m_content;
    final.reasoning = m_reasoning;
    m_store.finishMessage(final);
    ++m_saves;
}
