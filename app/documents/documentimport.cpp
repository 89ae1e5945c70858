#include "documentimport.h"

#include "chunker.h"
#include "documentreader.h"

#include <QFileInfo>

ImportedDocument importDocument(DocumentStore& store, const QString& path, const ReadOptions& options,
                                int chunkBudget)
{
    const SourceFile source = DocumentReader::load(path, options.limits);
    if (std::optional<StoredDocument> stored = store.findBySha256(source.sha256))
        return {*stored, true};
    const Document document = DocumentReader::extract(source, options);
    const QList<Chunk> chunks = Chunker(chunkBudget, Chunker::estimateTokens).chunk(document);
    // "chars/4": what counted the chunks' tokens, stored with them (not a model's tokenizer).
    return {store.add(QFileInfo(path).absoluteFilePath(), source.sha256, source.bytes.size(), document, chunks,
                      QStringLiteral("chars/4"), chunkBudget),
            false};
}
