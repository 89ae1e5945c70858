#pragma once
// Plain text and Markdown, kept as they are: paragraphs are the file's blank-line-separated
// blocks; in Markdown, ATX headings (`# Title`, outside code fences) name the sections.
#include "document.h"

#include <QByteArray>

namespace documents {

Document readPlainText(const QByteArray& bytes);
Document readMarkdown(const QByteArray& bytes);

} // namespace documents
