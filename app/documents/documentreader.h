#pragma once
// Reads a document file of any supported format into a Document. The file is read into memory
// once (after its size is checked), hashed, and extracted from those bytes, so the hash always
// describes the text and a file changed or deleted mid-way cannot mix two versions.
// Every failure is hearth::Error "FILE: what is wrong; what to do".
#include "document.h"
#include "readoptions.h"

#include <QByteArray>
#include <QString>

struct SourceFile {
    QString path;
    QByteArray bytes;
    QString sha256; // lowercase hex
};

class DocumentReader {
  public:
    // The file's bytes and hash; refuses a missing, unreadable, empty or too large file.
    static SourceFile load(const QString& path, const ExtractLimits& limits);
    // pdf, docx, odt, epub, html, markdown or text, from the extension (and the first bytes when
    // the extension says nothing); throws for other files.
    static QString formatOf(const SourceFile& file);
    static Document extract(const SourceFile& file, const ReadOptions& options);
    // load() then extract().
    static Document read(const QString& path, const ReadOptions& options);
    // "pdf, docx, odt, epub, html, htm, xhtml, md, markdown, txt, text"
    static QString supportedExtensions();
};
