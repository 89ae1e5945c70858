#pragma once
// What Hearth needs to know about a GGUF model file without loading it: read from its header.
#include <QString>

struct ModelFileInfo {
    QString architecture;  // general.architecture
    QString name;          // general.name, may be empty
    qint64 parameters = 0; // sum of tensor elements
    QString format;        // weight format, from general.file_type or the dominant tensor type
    int contextLength = 0; // <arch>.context_length
    bool hasChatTemplate = false;
    // For the memory estimate of the KV cache.
    int layers = 0;
    int embeddingLength = 0;
    int headCount = 0;
    int headCountKv = 0;
    int keyLength = 0; // per head; 0: embeddingLength / headCount
    int valueLength = 0;
};

// Throws hearth::Error when the file is not a GGUF model Hearth can read.
void checkGgufHeader(const QString& path);
ModelFileInfo readModelFileInfo(const QString& path);
