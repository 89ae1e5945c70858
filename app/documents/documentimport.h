#pragma once
// A file into the document store: read, hashed, extracted and chunked once; a file already
// there (the same sha256) is reused as it is. Shared by `docs add` and `summarize FILE`.
#include "documentstore.h"
#include "readoptions.h"

struct ImportedDocument {
    StoredDocument document;
    bool reused = false;
};

// Throws hearth::Error "FILE: what is wrong; what to do"; nothing is half-added.
ImportedDocument importDocument(DocumentStore& store, const QString& path, const ReadOptions& options,
                                int chunkBudget);
