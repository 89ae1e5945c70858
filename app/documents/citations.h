#pragma once
// The sources of a summary's statements, as readers see them: "[p. 3]", "[p. 3–4]",
// "[§ Introduction]", or for a text without pages or headings its lines, "[l. 12–40]". The pipeline knows which chunks (pages, sections) each step read, so it
// can check what the model wrote: a citation that points outside those sources is removed, and
// a paragraph or bullet left without one is given the sources of the step that wrote it.
#include <QList>
#include <QSet>
#include <QString>

struct SourceRef {
    int firstPage = 0; // 0: the document has no pages; cite the section
    int lastPage = 0;
    QString section;   // empty too: cite the lines
    int firstLine = 0;
    int lastLine = 0;
};

// "[p. 3]", "[p. 3–4]", "[§ Introduction]" (a section when there are no pages), "[l. 1–9]".
QString citationText(const SourceRef& source);

// One citation for several sources: "[p. 1–2, 5]", "[§ Intro; § Results]".
QString mergedCitation(const QList<SourceRef>& sources);

struct CitedText {
    QString text;
    QSet<int> pages;       // every page (or, without pages, line) cited in the result
    QSet<QString> sections;
    int removed = 0;       // citations the sources did not support
};

// Makes every paragraph and bullet of `text` end with citations that `sources` support:
// model-written ones outside them are removed; a block left without any gets `sources` merged.
CitedText enforceCitations(const QString& text, const QList<SourceRef>& sources);
