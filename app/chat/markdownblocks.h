#pragma once
// Splits a Markdown message into prose and fenced code blocks, so the view can render prose as
// rich text and code in monospace with its own Copy button. An unclosed fence (an answer still
// streaming) is a code block up to the end.
#include <QVariantList>

// Each element: {"kind": "text"|"code", "text": ..., "language": ...}.
QVariantList markdownBlocks(const QString& markdown);
