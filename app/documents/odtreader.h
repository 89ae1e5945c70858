#pragma once
// OpenDocument Text (.odt): content.xml's text:h headings become sections, text:p paragraphs,
// table rows lines of cells joined by " | ", and a note's body (footnote or endnote) follows the
// paragraph that cites it. ODF records no reliable page breaks, so sections are the citation unit.
#include "document.h"
#include "readoptions.h"

#include <QByteArray>

namespace documents {

Document readOdt(const QByteArray& bytes, const ReadOptions& options);

} // namespace documents
