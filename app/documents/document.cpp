#include "document.h"

#include <algorithm>

QString Document::pageText(int page) const
{
    QString result;
    for (const DocumentPart& part : parts)
        if (part.page == page)
            result += QStringView(text).sliced(part.start, part.end - part.start);
    return result;
}

QList<DocumentPart> Document::partsIn(qsizetype start, qsizetype end) const
{
    // Parts are sorted and contiguous: find the first that ends after start.
    auto it =
        std::upper_bound(parts.begin(), parts.end(), start,
                         [](qsizetype position, const DocumentPart& part) { return position < part.end; });
    QList<DocumentPart> result;
    for (; it != parts.end() && it->start < std::max(end, start + 1); ++it)
        result.append(*it);
    return result;
}
