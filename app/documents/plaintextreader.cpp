#include "plaintextreader.h"

#include "documentbuilder.h"
#include "textdecoding.h"

#include <QRegularExpression>

namespace documents {

namespace {

Document read(const QByteArray& bytes, bool markdown)
{
    QString text = decodeText(bytes);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    DocumentBuilder builder(markdown ? QStringLiteral("markdown") : QStringLiteral("text"));
    static const QRegularExpression heading(QStringLiteral("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$"));
    static const QRegularExpression fence(QStringLiteral("^ {0,3}(```|~~~)"));
    QString paragraph;
    bool inFence = false;
    const auto flush = [&] {
        builder.addParagraph(paragraph);
        paragraph.clear();
    };
    for (const QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        if (markdown && fence.match(line).hasMatch())
            inFence = !inFence;
        if (markdown && !inFence) {
            const QRegularExpressionMatch match = heading.match(line);
            if (match.hasMatch()) {
                flush();
                if (builder.title().isEmpty() && match.capturedView(1).size() == 1)
                    builder.setTitle(match.captured(2));
                // The heading line stays as written (with its #), the section gets its words.
                builder.setSection(match.captured(2).simplified());
                builder.addParagraph(line.toString());
                continue;
            }
        }
        if (line.trimmed().isEmpty() && !inFence) {
            flush();
            continue;
        }
        if (!paragraph.isEmpty())
            paragraph += QLatin1Char('\n');
        paragraph += line;
    }
    flush();
    return builder.finish();
}

} // namespace

Document readPlainText(const QByteArray& bytes)
{
    return read(bytes, false);
}

Document readMarkdown(const QByteArray& bytes)
{
    return read(bytes, true);
}

} // namespace documents
