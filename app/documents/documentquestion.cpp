#include "documentquestion.h"

#include "chunker.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DocumentQuestion", text);
}

constexpr int kMostPassages = 8;

} // namespace

DocumentQuestion askAboutDocuments(DocumentStore& store, const QString& question, const QList<qint64>& documentIds,
                                   int tokenBudget)
{
    DocumentQuestion result;
    result.prompt = question;
    int used = 0;
    for (const RetrievedChunk& chunk : store.retrieve(question, documentIds, kMostPassages)) {
        const int tokens = Chunker::estimateTokens(chunk.text);
        if (!result.passages.isEmpty() && used + tokens > tokenBudget)
            break;
        used += tokens;
        result.passages.append(chunk);
        result.sources.append({chunk.firstPage, chunk.lastPage, chunk.section, 0, 0});
    }
    if (result.passages.isEmpty())
        return result;
    QStringList passages, cited;
    for (const RetrievedChunk& chunk : std::as_const(result.passages)) {
        const QString citation = citationText({chunk.firstPage, chunk.lastPage, chunk.section, 0, 0});
        passages.append(chunk.title + QLatin1Char(' ') + citation + QLatin1Char('\n') + chunk.text.trimmed());
        cited.append(chunk.title + QLatin1Char(' ') + citation);
    }
    cited.removeDuplicates();
    result.prompt = tr("Answer the question from these passages of the user's documents. End each statement "
                       "with the page reference in brackets of the passage it comes from, like [p. 3]. If the "
                       "passages do not answer it, say so.") +
                    QStringLiteral("\n\n") + passages.join(QStringLiteral("\n\n")) + QStringLiteral("\n\n") +
                    tr("Question: %1").arg(question);
    result.sourcesLine = tr("Sources: %1").arg(cited.join(QStringLiteral(", ")));
    return result;
}
