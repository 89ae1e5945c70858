#include "officemetadata.h"

#include "xmlpartreader.h"

namespace documents {

void readDublinCore(DocumentBuilder& builder, const QByteArray& xml, const QString& partName, int maxDepth)
{
    if (xml.isEmpty())
        return;
    XmlPartReader reader(xml, partName, maxDepth);
    QString initialCreator;
    QString creator;
    while (reader.nextStartWithin(-1)) {
        if (reader.is(kDublinCore, u"title") && builder.title().isEmpty())
            builder.setTitle(reader.elementText());
        else if (reader.is(kDublinCore, u"creator") && creator.isEmpty())
            creator = reader.elementText();
        else if (reader.name() == u"initial-creator")
            initialCreator = reader.elementText();
    }
    // The person who wrote it, not the last one who saved it, where the format records both.
    builder.setAuthor(initialCreator.isEmpty() ? creator : initialCreator);
}

} // namespace documents
