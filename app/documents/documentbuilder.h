#pragma once
// Collects a document's text while a reader walks its file: paragraphs are separated by one blank
// line, and each change of page or section starts a new part, so Document::parts stays contiguous
// and covers the text without the readers counting offsets themselves.
#include "document.h"

class DocumentBuilder {
  public:
    explicit DocumentBuilder(QString format);

    // A paragraph (heading, table row block, footnote...). Empty or blank text is skipped.
    void addParagraph(const QString& text);
    // A heading: becomes a paragraph and the section of the text after it.
    void addHeading(const QString& text);
    // The text after this belongs to page (1-based); also counts the page.
    void startPage(int page);
    void setSection(const QString& section);
    void countOcrPage() { ++m_document.ocrPages; }
    void setTitle(const QString& title) { m_document.title = title.simplified(); }
    void setAuthor(const QString& author) { m_document.author = author.simplified(); }
    const QString& title() const { return m_document.title; }
    qsizetype size() const { return m_document.text.size(); }

    // The finished document: the last part closed, trailing whitespace kept inside it.
    Document finish();

  private:
    void startPart();

    Document m_document;
    int m_page = 0;
    QString m_section;
    bool m_partOpen = false;
};
