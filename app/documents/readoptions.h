#pragma once
// What a document reader may do with an untrusted file. Every limit is checked before the memory
// it guards is allocated, and a refusal names the limit and the option that raises it.
#include <functional>
#include <QString>

struct ExtractLimits {
    qint64 maxFileBytes = 256ll << 20;    // the file itself (it is read into memory once)
    int maxPages = 5000;                  // PDF pages
    qint64 maxArchiveBytes = 512ll << 20; // DOCX/ODT/EPUB: all entries read, uncompressed
    int maxArchiveEntries = 10000;        // entries listed in the archive's directory
    int maxXmlDepth = 256;                // element nesting in any XML part or HTML page
    qint64 maxHtmlBytes = 32ll << 20;     // one HTML page or EPUB chapter: its parse tree takes ~10x
    int ocrSecondsPerPage = 120;          // Tesseract on one page
};

struct ReadOptions {
    ExtractLimits limits;
    QString password;                            // encrypted PDF (user or owner password)
    bool ocr = true;                             // read pages without a text layer with Tesseract
    QString ocrLanguage = QStringLiteral("eng"); // Tesseract language(s), e.g. "deu+eng"
    // Called after each page (or part) with (done, total); returning false cancels the read.
    std::function<bool(int done, int total)> progress;
};
