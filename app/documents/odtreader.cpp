#include "odtreader.h"

#include "documentbuilder.h"
#include "documenterror.h"
#include "officemetadata.h"
#include "xmlpartreader.h"
#include "ziparchive.h"

namespace documents {

namespace {

constexpr QStringView kText = u"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr QStringView kTable = u"urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr QStringView kOffice = u"urn:oasis:names:tc:opendocument:xmlns:office:1.0";

class ContentReader {
  public:
    ContentReader(DocumentBuilder& builder, XmlPartReader& reader) : m_builder(builder), m_reader(reader) {}

    void read()
    {
        while (m_reader.nextStartWithin(-1)) {
            if (m_reader.is(kText, u"h") || m_reader.is(kText, u"p"))
                paragraph();
            else if (m_reader.is(kTable, u"table-row"))
                row();
            else if (m_reader.is(kOffice, u"annotation") || m_reader.is(kText, u"tracked-changes"))
                m_reader.skipElement(); // comments and deleted text are not the document's text
        }
    }

  private:
    // Reads the paragraph or heading now open; its notes go after it. Inside a table the text
    // is returned for the cell instead.
    QString paragraph()
    {
        const bool heading = m_reader.is(kText, u"h");
        QStringList notes;
        const QString text = inlineText(&notes);
        if (m_rowDepth > 0)
            return text;
        if (heading)
            m_builder.addHeading(text);
        else
            m_builder.addParagraph(text);
        for (const QString& note : std::as_const(notes))
            m_builder.addParagraph(note);
        return text;
    }

    QString inlineText(QStringList* notes)
    {
        const int depth = m_reader.depth();
        QString text;
        for (;;) {
            const QXmlStreamReader::TokenType token = m_reader.next();
            if (token == QXmlStreamReader::EndDocument ||
                (token == QXmlStreamReader::EndElement && m_reader.depth() < depth))
                return text;
            if (token == QXmlStreamReader::Characters) {
                text += m_reader.stream().text();
                continue;
            }
            if (token != QXmlStreamReader::StartElement)
                continue;
            if (m_reader.is(kText, u"s")) {
                const int count = m_reader.attribute(kText, u"c").toInt();
                text += QString(std::clamp(count, 1, 1000), QLatin1Char(' '));
            } else if (m_reader.is(kText, u"tab"))
                text += QLatin1Char('\t');
            else if (m_reader.is(kText, u"line-break"))
                text += QLatin1Char('\n');
            else if (m_reader.is(kText, u"note"))
                note(&text, notes);
            else if (m_reader.is(kOffice, u"annotation"))
                m_reader.skipElement();
        }
    }

    // <text:note><text:note-citation>1</text:note-citation><text:note-body>...</text:note-body>
    void note(QString* text, QStringList* notes)
    {
        const int depth = m_reader.depth();
        QString citation;
        QString body;
        while (m_reader.nextStartWithin(depth)) {
            if (m_reader.is(kText, u"note-citation"))
                citation = m_reader.elementText().trimmed();
            else if (m_reader.is(kText, u"p"))
                body += (body.isEmpty() ? QString() : QStringLiteral(" ")) + inlineText(nullptr).simplified();
        }
        *text += QStringLiteral("[%1]").arg(citation);
        if (notes && !body.isEmpty())
            notes->append(QStringLiteral("[%1] %2").arg(citation, body));
    }

    void row()
    {
        ++m_rowDepth;
        const int depth = m_reader.depth();
        QStringList cells;
        while (m_reader.nextStartWithin(depth)) {
            if (m_reader.is(kTable, u"table-cell"))
                cells.append(QString());
            else if ((m_reader.is(kText, u"p") || m_reader.is(kText, u"h")) && !cells.isEmpty()) {
                const QString text = paragraph().simplified();
                if (!text.isEmpty())
                    cells.last() += (cells.last().isEmpty() ? QString() : QStringLiteral(" ")) + text;
            } else if (m_reader.is(kTable, u"table-row"))
                row();
        }
        --m_rowDepth;
        if (m_rowDepth == 0)
            m_builder.addParagraph(cells.join(QStringLiteral(" | ")));
    }

    DocumentBuilder& m_builder;
    XmlPartReader& m_reader;
    int m_rowDepth = 0;
};

} // namespace

Document readOdt(const QByteArray& bytes, const ReadOptions& options)
{
    ZipArchive archive(bytes, options.limits);
    const QByteArray mimetype = archive.readIfPresent(QStringLiteral("mimetype")).trimmed();
    if (!archive.contains(QStringLiteral("content.xml")) ||
        (!mimetype.isEmpty() && mimetype != "application/vnd.oasis.opendocument.text"))
        fail(tr("it is not an OpenDocument text (mimetype '%1'); open it in the program that made it and "
                "save it as .odt")
                 .arg(QString::fromLatin1(mimetype.left(80))));
    DocumentBuilder builder(QStringLiteral("odt"));
    readDublinCore(builder, archive.readIfPresent(QStringLiteral("meta.xml")), QStringLiteral("meta.xml"),
                   options.limits.maxXmlDepth);
    XmlPartReader reader(archive.read(QStringLiteral("content.xml")), QStringLiteral("content.xml"),
                         options.limits.maxXmlDepth);
    ContentReader(builder, reader).read();
    return builder.finish();
}

} // namespace documents
