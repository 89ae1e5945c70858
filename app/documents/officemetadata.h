#pragma once
// Title and author from the Dublin Core part every office format carries (docProps/core.xml in
// DOCX, meta.xml in ODT, the package document's metadata in EPUB).
#include "documentbuilder.h"

#include <QByteArray>

namespace documents {

inline constexpr QStringView kDublinCore = u"http://purl.org/dc/elements/1.1/";

// Reads dc:title and dc:creator (and ODF's meta:initial-creator) anywhere in xml.
void readDublinCore(DocumentBuilder& builder, const QByteArray& xml, const QString& partName, int maxDepth);

} // namespace documents
