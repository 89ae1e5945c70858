#include "chunker.h"

#include "documenterror.h"

#include <QTextBoundaryFinder>

Chunker::Chunker(int budget, TokenCounter counter) : m_budget(budget), m_counter(std::move(counter))
{
    if (m_budget < 1)
        documents::fail(documents::tr("the chunk budget must be at least one token, not %1").arg(budget));
}

int Chunker::count(const QString& text, Range range) const
{
    return m_counter(text.sliced(range.first, range.second - range.first));
}

QList<Chunker::Range> Chunker::pieces(const QString& text, Range range, Level level) const
{
    QList<Range> result;
    qsizetype start = range.first;
    if (level == Level::Paragraph) {
        // A paragraph ends after a blank line; the blank line stays with the paragraph before it.
        qsizetype i = range.first;
        while (i < range.second) {
            const qsizetype blank = text.indexOf(QLatin1String("\n\n"), i);
            if (blank < 0 || blank >= range.second)
                break;
            qsizetype next = blank;
            while (next < range.second && text[next].isSpace())
                ++next;
            if (next > start && next < range.second) {
                result.append({start, next});
                start = next;
            }
            i = next;
        }
        result.append({start, range.second});
        return result;
    }
    const QTextBoundaryFinder::BoundaryType type = level == Level::Sentence ? QTextBoundaryFinder::Sentence
                                                   : level == Level::Word   ? QTextBoundaryFinder::Word
                                                                            : QTextBoundaryFinder::Grapheme;
    const QString piece = text.sliced(range.first, range.second - range.first);
    QTextBoundaryFinder finder(type, piece);
    for (qsizetype b = finder.toNextBoundary(); b > 0; b = finder.toNextBoundary()) {
        if (range.first + b > start && range.first + b <= range.second) {
            result.append({start, range.first + b});
            start = range.first + b;
        }
    }
    if (start < range.second)
        result.append({start, range.second});
    return result;
}

void Chunker::pack(const QString& text, Range range, Level level, QList<Range>* out) const
{
    const QList<Range> parts = pieces(text, range, level);
    QList<int> tokens;
    tokens.reserve(parts.size());
    for (const Range& part : parts)
        tokens.append(count(text, part));

    // The current chunk is parts [first, next); its estimate is the sum of its parts' counts.
    // Token counts are not exactly additive (a merge can span a cut), so a finished chunk is
    // counted whole, and shortened by whole parts until it fits.
    qsizetype first = -1;
    qint64 estimate = 0;
    const auto flush = [&](qsizetype next) -> qsizetype {
        if (first < 0)
            return next;
        qsizetype end = next;
        while (end - first > 1 && count(text, {parts[first].first, parts[end - 1].second}) > m_budget)
            --end;
        out->append({parts[first].first, parts[end - 1].second});
        first = -1;
        estimate = 0;
        return end;
    };
    for (qsizetype i = 0; i < parts.size();) {
        if (tokens[i] > m_budget) {
            flush(i);
            if (level == Level::Character)
                documents::fail(documents::tr("the chunk budget of %1 tokens is smaller than one character")
                                    .arg(m_budget));
            pack(text, parts[i], static_cast<Level>(static_cast<int>(level) + 1), out);
            ++i;
            continue;
        }
        if (first >= 0 && estimate + tokens[i] > m_budget) {
            i = flush(i);
            continue;
        }
        if (first < 0)
            first = i;
        estimate += tokens[i];
        ++i;
    }
    flush(parts.size());
}

QList<std::pair<qsizetype, qsizetype>> Chunker::split(const QString& text) const
{
    QList<Range> ranges;
    if (!text.isEmpty())
        pack(text, {0, text.size()}, Level::Paragraph, &ranges);
    return ranges;
}

QList<Chunk> Chunker::chunk(const Document& document) const
{
    QList<Chunk> chunks;
    for (const Range& range : split(document.text)) {
        Chunk chunk;
        chunk.index = static_cast<int>(chunks.size());
        chunk.start = range.first;
        chunk.end = range.second;
        chunk.tokens = count(document.text, range);
        const QList<DocumentPart> parts = document.partsIn(range.first, range.second);
        for (const DocumentPart& part : parts) {
            if (part.page > 0 && (chunk.firstPage == 0 || part.page < chunk.firstPage))
                chunk.firstPage = part.page;
            chunk.lastPage = std::max(chunk.lastPage, part.page);
        }
        if (!parts.isEmpty())
            chunk.section = parts.first().section;
        chunks.append(chunk);
    }
    return chunks;
}
