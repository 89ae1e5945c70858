// libFuzzer target for the document readers: PDF through Poppler, DOCX/ODT/EPUB (zip and XML),
// HTML (gumbo), Markdown and plain text in any encoding. A file is untrusted: it must be read or
// refused with hearth::Error, within the limits, and what is read must be consistent: the parts
// are contiguous and cover the text exactly (citations depend on it).
// Input: byte 0 picks the format (by file name, as the user's file would), the rest is the file.
#include "fuzz_target.h"
#include "documents/documentreader.h"
#include "hearth/error.h"

#include <QCoreApplication>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1 || size > (4 << 20))
        return 0;
    static const char* const names[] = {"f.pdf", "f.docx", "f.odt", "f.epub", "f.html", "f.md", "f.txt", "f"};
    SourceFile file;
    file.path = QString::fromLatin1(names[data[0] % std::size(names)]);
    file.bytes = QByteArray(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    file.sha256 = QStringLiteral("0");
    ReadOptions options;
    options.ocr = false; // Tesseract is not the code under test, and it takes seconds a page
    options.limits.maxPages = 50;
    options.limits.maxArchiveBytes = 16 << 20;
    options.limits.maxArchiveEntries = 200;
    options.limits.maxHtmlBytes = 4 << 20;
    try {
        const Document document = DocumentReader::extract(file, options);
        qsizetype at = 0;
        for (const DocumentPart& part : document.parts) {
            FUZZ_CHECK(part.start == at && part.end >= part.start);
            at = part.end;
        }
        FUZZ_CHECK(at == document.text.size());
        FUZZ_CHECK(document.pageCount <= options.limits.maxPages);
    } catch (const hearth::Error&) {
    }
    return 0;
}
