#pragma once
// Document files for the tests, written by the tests themselves with the real libraries: PDFs with
// QPdfWriter (known text on known pages; one page only an image, for OCR), a PDF written by hand
// where QPdfWriter cannot go (outline, author), DOCX/ODT/EPUB archives with QuaZip, and an
// encrypted copy made by qpdf. QPdfWriter needs a QGuiApplication (fonts): QTEST_MAIN, offscreen.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace fixtures {

// One page per text, each drawn (word-wrapped) on an A6 page.
void writeTextPdf(const QString& path, const QStringList& pages, const QString& title = {});
// One A6 page holding only a picture of text (no text layer), at 300 dpi.
void writeImagePdf(const QString& path, const QString& text);
// A PDF built object by object: one page per text (Helvetica), an outline entry per named page,
// and the document information's Title and Author.
QByteArray handWrittenPdf(const QStringList& pages, const QList<QPair<int, QString>>& outline,
                          const QString& title, const QString& author);
// qpdf --encrypt (AES-256) with the user password; false when qpdf is not installed.
bool encryptPdf(const QString& in, const QString& out, const QString& password);

// A zip archive; entries written in order, the first stored (EPUB's and ODF's mimetype rule).
void writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries);

void writeDocx(const QString& path, const QByteArray& documentXml, const QByteArray& stylesXml = {},
               const QByteArray& footnotesXml = {}, const QByteArray& coreXml = {},
               const QByteArray& endnotesXml = {});
// The body of a word/document.xml (w: namespace declared).
QByteArray docxDocument(const QByteArray& body);

void writeFile(const QString& path, const QByteArray& bytes);

} // namespace fixtures
