#include "citationlinks.h"

#include <QRegularExpression>
#include <QUrl>
#include <QVariantMap>

namespace {

const QLatin1String kScheme("cite:");

// As documents/citations.cpp reads them: "[p. 3]", "[pp. 3-4]", "[p. 3–4, 7]", "[§ A; § B]",
// "[l. 5–9]"; not one that is already a link's text.
const QRegularExpression& citationPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("\\[((?:pp?\\.\\s*[0-9][0-9\\s,\\-\\x{2013}]*)|(?:\\x{00A7}\\s*[^\\]\\[\\n]+)|(?:ll?"
                       "\\.\\s*[0-9][0-9\\s,"
                       "\\-\\x{2013}]*))\\](?!\\()"));
    return pattern;
}

QList<std::pair<int, int>> ranges(const QString& list)
{
    QList<std::pair<int, int>> result;
    for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString range = item.trimmed();
        range.replace(QChar(0x2013), QLatin1Char('-'));
        const QStringList ends = range.split(QLatin1Char('-'), Qt::SkipEmptyParts);
        bool okFirst = false, okLast = false;
        const int first = ends.value(0).trimmed().toInt(&okFirst);
        const int last = ends.size() > 1 ? ends.value(1).trimmed().toInt(&okLast) : first;
        if (okFirst && (ends.size() == 1 || okLast) && first > 0 && last >= first)
            result.append({first, last});
    }
    return result;
}

QString linkLine(const QString& line)
{
    QString out;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = citationPattern().globalMatch(line);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString inner = m.captured(1).trimmed();
        out += QStringView(line).sliced(at, m.capturedStart() - at);
        out += QStringLiteral("[\\[%1\\]](%2%3)")
                   .arg(inner, kScheme, QString::fromLatin1(QUrl::toPercentEncoding(inner)));
        at = m.capturedEnd();
    }
    out += QStringView(line).sliced(at);
    return out;
}

} // namespace

QString linkCitations(const QString& markdown)
{
    QStringList lines = markdown.split(QLatin1Char('\n'));
    bool inCode = false;
    for (QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~")))
            inCode = !inCode;
        else if (!inCode && line.contains(QLatin1Char('[')))
            line = linkLine(line);
    }
    return lines.join(QLatin1Char('\n'));
}

QVariantList citationList(const QString& markdown)
{
    QVariantList list;
    QStringList seen;
    bool inCode = false;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~"))) {
            inCode = !inCode;
            continue;
        }
        QRegularExpressionMatchIterator it = citationPattern().globalMatch(line);
        while (!inCode && it.hasNext()) {
            const QString inner = it.next().captured(1).trimmed();
            if (seen.contains(inner))
                continue;
            seen.append(inner);
            list.append(QVariantMap{
                {QStringLiteral("label"), inner},
                {QStringLiteral("link"), kScheme + QString::fromLatin1(QUrl::toPercentEncoding(inner))}});
        }
    }
    return list;
}

bool isCitationLink(const QString& link)
{
    return link.startsWith(kScheme);
}

CitationTarget parseCitationLink(const QString& link)
{
    CitationTarget target;
    if (!isCitationLink(link))
        return target;
    target.label = QUrl::fromPercentEncoding(link.mid(kScheme.size()).toUtf8()).trimmed();
    const QString& label = target.label;
    if (label.startsWith(QChar(0x00A7))) {
        for (const QString& part : label.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            QString name = part.trimmed();
            if (name.startsWith(QChar(0x00A7)))
                name = name.mid(1).trimmed();
            if (!name.isEmpty())
                target.sections.append(name);
        }
    } else if (label.startsWith(QLatin1Char('p'))) {
        target.pages = ranges(label.section(QLatin1Char('.'), 1));
    } else if (label.startsWith(QLatin1Char('l'))) {
        target.lines = ranges(label.section(QLatin1Char('.'), 1));
    }
    return target;
}

QString citedText(const Document& document, const CitationTarget& target)
{
    QStringList pieces;
    for (const auto& [first, last] : target.pages)
        for (int page = first; page <= last && page <= document.pageCount; ++page)
            pieces.append(document.pageText(page).trimmed());
    for (const QString& section : target.sections) {
        QString text;
        for (const DocumentPart& part : document.parts)
            if (part.section == section)
                text += QStringView(document.text).sliced(part.start, part.end - part.start);
        pieces.append(text.trimmed());
    }
    if (!target.lines.isEmpty()) {
        const QStringList lines = document.text.split(QLatin1Char('\n'));
        for (const auto& [first, last] : target.lines)
            pieces.append(lines.mid(first - 1, last - first + 1).join(QLatin1Char('\n')).trimmed());
    }
    pieces.removeAll(QString());
    return pieces.join(QStringLiteral("\n\n"));
}
