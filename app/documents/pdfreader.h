#pragma once
// PDF through Poppler: each page's text in reading order, the outline (bookmarks) as sections,
// title and author from the document information. Encrypted files open with the given password.
// A page without a text layer that is not blank is rendered at 300 dpi and read by Tesseract.
#include "document.h"
#include "readoptions.h"

#include <QByteArray>

namespace documents {

Document readPdf(const QByteArray& bytes, const ReadOptions& options);

} // namespace documents
