#include "markdownblocks.h"

#include <QStringList>
#include <QVariantMap>

namespace {
void appendBlock(QVariantList& blocks, const QString& kind, const QString& text, const QString& language = {})
{
    if (kind == QLatin1String("text") && text.trimmed().isEmpty())
        return;
    blocks.append(QVariantMap{{QStringLiteral("kind"), kind},
                              {QStringLiteral("text"), text},
                              {QStringLiteral("language"), language}});
}
} // namespace

QVariantList markdownBlocks(const QString& markdown)
{
    QVariantList blocks;
    QStringList current;
    QString fence; // the opening fence while inside a code block
    QString language;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (fence.isEmpty() && (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~")))) {
            appendBlock(blocks, QStringLiteral("text"), current.join(QLatin1Char('\n')));
            current.clear();
            fence = trimmed.left(3);
            language = trimmed.mid(3).trimmed();
        } else if (!fence.isEmpty() && trimmed.startsWith(fence) && trimmed.mid(3).trimmed().isEmpty()) {
            appendBlock(blocks, QStringLiteral("code"), current.join(QLatin1Char('\n')), language);
            current.clear();
            fence.clear();
        } else {
            current.append(line);
        }
    }
    appendBlock(blocks, fence.isEmpty() ? QStringLiteral("text") : QStringLiteral("code"),
                current.join(QLatin1Char('\n')), language);
    return blocks;
}
