#include "core/thinksplitter.h"

namespace {
const QString kOpen = QStringLiteral("<think>");
const QString kClose = QStringLiteral("</think>");

// Length of the longest suffix of text that is a proper prefix of tag (a tag still arriving).
qsizetype partialTagLength(const QString& text, const QString& tag)
{
    for (qsizetype n = qMin(text.size(), tag.size() - 1); n > 0; --n)
        if (text.endsWith(QStringView(tag).left(n)))
            return n;
    return 0;
}
} // namespace

ThinkSplitter::Delta ThinkSplitter::push(const QString& piece)
{
    m_pending += piece;
    return drain(false);
}

ThinkSplitter::Delta ThinkSplitter::finish()
{
    return drain(true);
}

ThinkSplitter::Delta ThinkSplitter::drain(bool final)
{
    Delta out;
    for (;;) {
        const QString& tag = m_thinking ? kClose : kOpen;
        const qsizetype at = m_pending.indexOf(tag);
        QString& target = m_thinking ? out.reasoning : out.content;
        if (at >= 0) {
            target += m_pending.left(at);
            m_pending.remove(0, at + tag.size());
            m_thinking = !m_thinking;
            continue;
        }
        const qsizetype keep = final ? 0 : partialTagLength(m_pending, tag);
        target += m_pending.left(m_pending.size() - keep);
        m_pending = m_pending.right(keep);
        return out;
    }
}
