#pragma once
// Text shared by storage_helper (which writes it) and the tests (which check it): the fixture
// contents and the crash-safety script. Deterministic functions of their arguments only.
// The fixtures under fixtures/ were written from these values: do not change them.
#include "storage/conversationstore.h"

#include <QString>
#include <QStringList>

namespace fixture {
inline const QString kBranchTitle = QStringLiteral("Fixture: a conversation with branches");
inline const QString kQuestion = QStringLiteral("Wie schreibt man Café auf Japanisch? 東京タワー");
inline const QString kEditedQuestion = QStringLiteral("How is «café» written in Japanese?");
inline const QString kFirstAnswer = QStringLiteral("カフェ (kafe) — a loanword.");
inline const QString kRegeneratedAnswer = QStringLiteral("It is written カフェ, pronounced kafe.");
inline const QString kReasoning = QStringLiteral("The user asks about katakana.");
inline const QString kSystemPrompt = QStringLiteral("You are a patient language teacher.");
inline const QString kPinnedTitle = QStringLiteral("Fixture: pinned and archived");
inline const QString kPinnedText = QStringLiteral("A pinned note about sourdough hydration, 75%.");
// Schema 4 on: one document, attached to the conversation with branches.
inline const QString kDocumentTitle = QStringLiteral("Fixture: kiln notes");
inline const QString kDocumentPageOne = QStringLiteral("Bisque firing reaches 950°C before glazing.");
inline const QString kDocumentPageTwo = QStringLiteral("Stoneware glaze matures at cone 10, about 1300°C.");
} // namespace fixture

namespace crash_script {
// The i-th user message of a run.
inline QString userText(quint32 seed, int i)
{
    return QStringLiteral("question %1 of run %2: what about the number %3? ünïcödé ✓")
        .arg(i)
        .arg(seed)
        .arg((seed * 2654435761u + quint32(i)) % 1000003u);
}
// The pieces (tokens) of the i-th answer, in order.
inline QStringList answerPieces(quint32 seed, int i)
{
    static const char* const kWords[] = {"the ",   "kiln ",  "fires ", "at ",    "1250°C, ", "and ",  "ash ",
                                         "glaze ", "melts ", "into ",  "glass ", "— ",       "釉薬 ", "🔥 "};
    QStringList pieces;
    quint32 state = seed * 7919u + quint32(i) * 104729u + 1u;
    for (int n = 0; n < 120; ++n) {
        state = state * 1664525u + 1013904223u;
        pieces.append(QString::fromUtf8(kWords[(state >> 16) % (sizeof kWords / sizeof *kWords)]));
    }
    return pieces;
}
} // namespace crash_script

namespace shared_writes {
// One question and its answer, written the way the window writes them: the question, an empty
// answer, three saves of the text so far, and the final save. Six writes, each its own commit.
inline void questionAndAnswer(ConversationStore& store, qint64 conversationId, const QString& who, int i)
{
    Message question;
    question.content = QStringLiteral("%1 question %2").arg(who).arg(i);
    store.appendMessage(conversationId, question);
    Message answer;
    answer.role = Role::Assistant;
    answer = store.appendMessage(conversationId, answer);
    QString text;
    for (int piece = 0; piece < 3; ++piece) {
        text += QStringLiteral("%1 answer %2 part %3. ").arg(who).arg(i).arg(piece);
        store.updateStreamingMessage(answer.id, text, {});
    }
    answer.content = text;
    answer.finishReason = QStringLiteral("stop");
    store.finishMessage(answer);
}
} // namespace shared_writes
