#include "citations.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace {

const QChar kDash(0x2013); // en dash, as page ranges are printed

// "[p. 3]", "[pp. 3-4]", "[p. 3–4, 7]", "[§ Name]", "[l. 5–9]"; the model may write any of these.
const QRegularExpression& citationPattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        "\\s*\\[(?:pp?\\.\\s*([0-9][0-9\\s,\\-\\x{2013}]*)|\\x{00A7}\\s*([^\\]]+)|ll?\\.\\s*([0-9][0-9\\s,\\-\\x{2013}]*))\\]"));
    return pattern;
}

QList<std::pair<int, int>> pageRanges(const QString& list)
{
    QList<std::pair<int, int>> ranges;
    for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString range = item.trimmed();
        range.replace(kDash, QLatin1Char('-'));
        const QStringList ends = range.split(QLatin1Char('-'), Qt::SkipEmptyParts);
        bool okFirst = false, okLast = false;
        const int first = ends.value(0).trimmed().toInt(&okFirst);
        const int last = ends.size() > 1 ? ends.value(1).trimmed().toInt(&okLast) : first;
        if (okFirst && (ends.size() == 1 || okLast) && first > 0 && last >= first)
            ranges.append({first, last});
    }
    return ranges;
}

bool supported(int first, int last, const QList<SourceRef>& sources, bool lines)
{
    for (int n = first; n <= last; ++n)
        if (std::none_of(sources.begin(), sources.end(), [&](const SourceRef& s) {
                return lines ? s.firstLine > 0 && n >= s.firstLine && n <= s.lastLine
                             : s.firstPage > 0 && n >= s.firstPage && n <= s.lastPage;
            }))
            return false;
    return true;
}

QString pageList(QList<int> pages)
{
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    QStringList parts;
    for (qsizetype i = 0; i < pages.size();) {
        qsizetype j = i;
        while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1)
            ++j;
        parts.append(i == j ? QString::number(pages[i])
                            : QString::number(pages[i]) + kDash + QString::number(pages[j]));
        i = j + 1;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString citationText(const SourceRef& source)
{
    return mergedCitation({source});
}

QString mergedCitation(const QList<SourceRef>& sources)
{
    QList<int> pages, lines;
    QStringList sections;
    for (const SourceRef& s : sources) {
        for (int page = s.firstPage; s.firstPage > 0 && page <= s.lastPage; ++page)
            pages.append(page);
        if (s.firstPage == 0 && !s.section.isEmpty() && !sections.contains(s.section))
            sections.append(s.section);
        if (s.firstPage == 0 && s.section.isEmpty() && s.firstLine > 0)
            lines.append(s.firstLine), lines.append(s.lastLine);
    }
    if (!pages.isEmpty())
        return QStringLiteral("[p. ") + pageList(pages) + QLatin1Char(']');
    if (sections.isEmpty() && !lines.isEmpty()) {
        // Ranges of lines, not every line: sources are contiguous runs of them.
        QList<std::pair<int, int>> ranges;
        for (qsizetype i = 0; i + 1 < lines.size(); i += 2)
            ranges.append({lines[i], lines[i + 1]});
        std::sort(ranges.begin(), ranges.end());
        QStringList parts;
        for (qsizetype i = 0; i < ranges.size();) {
            int first = ranges[i].first, last = ranges[i].second;
            for (++i; i < ranges.size() && ranges[i].first <= last + 1; ++i)
                last = std::max(last, ranges[i].second);
            parts.append(first == last ? QString::number(first) : QString::number(first) + kDash + QString::number(last));
        }
        return QStringLiteral("[l. ") + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (!sections.isEmpty()) {
        QStringList named;
        for (const QString& section : sections)
            named.append(QStringLiteral("\u00A7 ") + section);
        return QLatin1Char('[') + named.join(QStringLiteral("; ")) + QLatin1Char(']');
    }
    return {};
}

CitedText enforceCitations(const QString& text, const QList<SourceRef>& sources)
{
    CitedText result;
    QStringList blocks;
    // A block is a paragraph, or one bullet or numbered item of a list.
    static const QRegularExpression item(QStringLiteral("^\\s*([-*\\x{2022}]|[0-9]+[.)])\\s"));
    QStringList current;
    const auto flush = [&] {
        if (!current.isEmpty())
            blocks.append(current.join(QLatin1Char('\n')));
        current.clear();
    };
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty() || item.match(line).hasMatch())
            flush();
        if (!line.trimmed().isEmpty())
            current.append(line);
    }
    flush();

    const QString fallback = mergedCitation(sources);
    for (QString& block : blocks) {
        QList<SourceRef> kept;
        QString body;
        qsizetype at = 0;
        for (auto it = citationPattern().globalMatch(block); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            body += block.mid(at, m.capturedStart() - at);
            at = m.capturedEnd();
            bool ok = true;
            if (m.capturedLength(1) > 0 || m.capturedLength(3) > 0) {
                const bool lines = m.capturedLength(3) > 0;
                const auto ranges = pageRanges(m.captured(lines ? 3 : 1));
                ok = !ranges.isEmpty();
                for (const auto& [first, last] : ranges)
                    ok = ok && supported(first, last, sources, lines);
                if (ok)
                    for (const auto& [first, last] : ranges)
                        kept.append(lines ? SourceRef{0, 0, {}, first, last} : SourceRef{first, last, {}, 0, 0});
            } else {
                const QString section = m.captured(2).trimmed();
                ok = std::any_of(sources.begin(), sources.end(), [&](const SourceRef& s) { return s.section == section; });
                if (ok)
                    kept.append({0, 0, section, 0, 0});
            }
            result.removed += ok ? 0 : 1;
        }
        body += block.mid(at);
        body = body.trimmed();
        const QString citation = kept.isEmpty() ? fallback : mergedCitation(kept);
        block = citation.isEmpty() ? body : body + QLatin1Char(' ') + citation;
        for (const SourceRef& s : kept.isEmpty() ? sources : kept) {
            for (int page = s.firstPage; s.firstPage > 0 && page <= s.lastPage; ++page)
                result.pages.insert(page);
            if (s.firstPage == 0 && !s.section.isEmpty())
                result.sections.insert(s.section);
            for (int line = s.firstLine; s.firstPage == 0 && s.section.isEmpty() && line > 0 && line <= s.lastLine; ++line)
                result.pages.insert(line);
        }
    }
    result.text = blocks.join(QStringLiteral("\n\n"));
    return result;
}
