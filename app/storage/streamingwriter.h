#pragma once
// Saves an answer while it is being generated: the pieces are appended in memory and written to
// the store at most once per interval (a second by default), then once more at the end. A crash
// loses at most the last interval of text and never an earlier message.
//
// A failed save (disk full, read-only) throws hearth::Error from append() or finish(); the text
// stays in memory (text()), and the next append() or finish() saves it again.
#include "conversationstore.h"

#include <functional>
#include <QElapsedTimer>

class StreamingWriter {
  public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    // messageId: an assistant message already appended (usually empty). clock: tests pass
    // their own; the default is a monotonic timer.
    StreamingWriter(ConversationStore& store, qint64 messageId, qint64 intervalMs = 1000, Clock clock = {});

    void append(const QString& contentPiece, const QString& reasoningPiece = {});
    // Saves the final text with the statistics and finish reason in final (its content and
    // reasoning are replaced by what was streamed).
    void finish(Message final);

    const QString& text() const { return m_content; }
    const QString& reasoning() const { return m_reasoning; }
    int saves() const { return m_saves; }

  private:
    void save();

    ConversationStore& m_store;
    qint64 m_messageId;
    qint64 m_intervalMs;
    Clock m_clock;
    QElapsedTimer m_timer;
    QString m_content;
    QString m_reasoning;
    qint64 m_lastSave = 0;
    int m_saves = 0;
};
