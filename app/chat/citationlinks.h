#pragma once
// The citations of a summary ("[p. 3–4]", "[§ Results]", "[l. 1–9]", see documents/citations.h)
// as links the chat view can open: linkCitations() turns each into a Markdown link to
// "cite:<what it says>", and citedText() finds the text such a link names in its document.
#include "documents/document.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <utility>

struct CitationTarget {
    QString label;                    // "p. 3–4", as printed
    QList<std::pair<int, int>> pages; // ranges, 1-based
    QStringList sections;
    QList<std::pair<int, int>> lines; // ranges, 1-based
    bool isEmpty() const { return pages.isEmpty() && sections.isEmpty() && lines.isEmpty(); }
};

// Markdown with every citation outside code made a "cite:" link.
QString linkCitations(const QString& markdown);
bool isCitationLink(const QString& link);
// Each distinct citation of the markdown (outside code), in order: {"label": "p. 3–4", "link":
// "cite:..."}, for buttons that reach them by keyboard.
QVariantList citationList(const QString& markdown);
// What a "cite:" link names; empty for any other link.
CitationTarget parseCitationLink(const QString& link);
// The pages', sections' or lines' text, in the order the citation names them.
QString citedText(const Document& document, const CitationTarget& target);
