#pragma once
// What every reader produces, whatever the format: the document's whole extracted text and the
// parts it is cut into for citations. A part is a run of text on one page (PDF, DOCX with page
// breaks) or under one heading (everything else); parts are contiguous and cover the text
// exactly, so any character range maps back to pages or sections.
#include <QList>
#include <QString>

struct DocumentPart {
    int page = 0;    // 1-based; 0 when the format has no pages (cite the section instead)
    QString section; // the heading (or PDF outline entry) the part belongs to; may be empty
    qsizetype start = 0;
    qsizetype end = 0; // [start, end) in Document::text
};

struct Document {
    QString title;
    QString author;
    QString format; // pdf, docx, odt, epub, html, markdown, text
    QString text;
    QList<DocumentPart> parts;
    int pageCount = 0; // pages of a paged document (blank pages included); 0 when it has none
    int ocrPages = 0;  // pages whose text came from OCR

    bool hasPages() const { return pageCount > 0; }
    // The text of one page (1-based); empty when the page has no text or does not exist.
    QString pageText(int page) const;
    // The parts overlapping [start, end).
    QList<DocumentPart> partsIn(qsizetype start, qsizetype end) const;
};
