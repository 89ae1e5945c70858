#pragma once
// EPUB: META-INF/container.xml names the package document, whose spine lists the chapters
// (XHTML) in reading order; each is read as HTML (headings become sections), title and author
// come from the package's Dublin Core metadata. EPUB has no fixed pages: sections are the unit.
#include "document.h"
#include "readoptions.h"

#include <QByteArray>

namespace documents {

Document readEpub(const QByteArray& bytes, const ReadOptions& options);

} // namespace documents
