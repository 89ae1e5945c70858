#pragma once
// HTML through gumbo, the HTML5 parsing algorithm browsers use, so tag soup reads as a browser
// would show it. Scripts, styles and other invisible elements are dropped; h1-h6 become sections;
// table rows become lines of cells joined by " | ".
#include "document.h"
#include "documentbuilder.h"
#include "readoptions.h"

#include <QByteArray>

namespace documents {

Document readHtml(const QByteArray& bytes, const ExtractLimits& limits);

// Adds the body of one UTF-8 HTML/XHTML page to builder (an EPUB is a sequence of them); takes
// the page's <title> and author only when builder has none yet.
void appendHtml(DocumentBuilder& builder, const QByteArray& utf8, const ExtractLimits& limits);

} // namespace documents
