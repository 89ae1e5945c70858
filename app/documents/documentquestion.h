#pragma once
// A question about documents, put to the model with the passages that best answer it: the chunks
// retrieved from the documents (FTS5 BM25 over the question's words), each opening with its
// citation, within a token budget, and the instruction to cite them. The window's chat about
// attached documents and `hearth-cli docs ask` both ask this way.
#include "citations.h"
#include "documentstore.h"

struct DocumentQuestion {
    QString prompt;                 // the user turn the model gets: passages, instruction, question
    QList<RetrievedChunk> passages; // best first
    QList<SourceRef> sources;       // of the passages, for the answer's citations
    QString sourcesLine;            // "Sources: Lease agreement [p. 3–4], Notes [§ Terms]"; empty without passages
};

// `tokenBudget`: estimated tokens the passages may take (the rest of the context is for the
// conversation and the answer). Without a matching passage the question goes as it is.
DocumentQuestion askAboutDocuments(DocumentStore& store, const QString& question, const QList<qint64>& documentIds,
                                   int tokenBudget);
