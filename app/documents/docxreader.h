#pragma once
// Word (.docx, Office Open XML): word/document.xml read paragraph by paragraph. Paragraphs in a
// heading style (from word/styles.xml, any language) or with an outline level become sections;
// table rows become lines of cells joined by " | "; footnotes follow the paragraph that cites
// them. Explicit page breaks and the page breaks Word recorded when it last laid the file out
// (w:lastRenderedPageBreak) give page numbers; a file with neither is cited by section.
#include "document.h"
#include "readoptions.h"

#include <QByteArray>

namespace documents {

Document readDocx(const QByteArray& bytes, const ReadOptions& options);

} // namespace documents
