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

void Chunker::atoms(const QString& text, Range range, Level level, QList<Range>* out,
                    QList<int>* tokens) const
{
    for (const Range& piece : pieces(text, range, level)) {
        const int count = this->count(text, piece);
        if (count <= m_budget) {
            out->append(piece);
            tokens->append(count);
        } else if (level == Level::Character) {
            documents::fail(
                documents::tr("the chunk budget of %1 tokens is smaller than one character").arg(m_budget));
        } else {
            atoms(text, piece, static_cast<Level>(static_cast<int>(level) + 1), out, tokens);
        }
    }
}

QList<std::pair<qsizetype, qsizetype>> Chunker::split(const QString& text) const
{
    QList<Range> chunks;
    if (text.isEmpty())
        return chunks;
    // Atoms are the largest units that fit: whole paragraphs where they fit, else their
    // sentences, and so on down. Chunks are filled with atoms greedily, so a cut always falls on
    // an atom's edge, a paragraph's wherever the paragraphs fit.
    QList<Range> parts;
    QList<int> tokens;
    atoms(text, {0, text.size()}, Level::Paragraph, &parts, &tokens);

    // The current chunk is atoms [first, i); its estimate is the sum of their counts. Token
    // counts are not exactly additive (a merge can span a cut), so a finished chunk is counted
    // whole, and shortened by whole atoms until it fits.
    qsizetype first = -1;
    qint64 estimate = 0;
    const auto flush = [&](qsizetype next) -> qsizetype {
        qsizetype end = next;
        while (end - first > 1 && count(text, {parts[first].first, parts[end - 1].second}) > m_budget)
            --end;
        chunks.append({parts[first].first, parts[end - 1].second});
        first = -1;
        estimate = 0;
        return end;
    };
    // A shortened chunk gives its last atoms back, so the loop runs until every atom is placed.
    qsizetype i = 0;
    while (i < parts.size() || first >= 0) {
        if (i == parts.size() || (first >= 0 && estimate + tokens[i] > m_budget)) {
            i = flush(i);
            continue;
        }
        if (first < 0)
            first = i;
        estimate += tokens[i];
        ++i;
    }
    return chunks;
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
        // The blank line between paragraphs belongs to the part after it but the chunk before
        // it: pages and sections come from the chunk's text without its edge whitespace.
        qsizetype start = range.first;
        qsizetype end = range.second;
        while (start < end - 1 && document.text[start].isSpace())
            ++start;
        while (end > start + 1 && document.text[end - 1].isSpace())
            --end;
        const QList<DocumentPart> parts = document.partsIn(start, end);
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
