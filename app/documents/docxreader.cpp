#include "docxreader.h"

#include "documentbuilder.h"
#include "documenterror.h"
#include "officemetadata.h"
#include "xmlpartreader.h"
#include "ziparchive.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace documents {

namespace {

constexpr QStringView kW = u"http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// Style ids whose paragraphs are headings. The ids are localised ("berschrift1"), the names are
// not ("heading 1"), so the names decide.
QSet<QString> headingStyles(const QByteArray& xml, int maxDepth)
{
    QSet<QString> ids{QStringLiteral("Title")};
    if (xml.isEmpty())
        return ids;
    static const QRegularExpression heading(QStringLiteral("^(heading \\d|title)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    XmlPartReader reader(xml, QStringLiteral("word/styles.xml"), maxDepth);
    QString id;
    while (reader.nextStartWithin(-1)) {
        if (reader.is(kW, u"style"))
            id = reader.attribute(kW, u"styleId");
        else if ((reader.is(kW, u"name") && heading.match(reader.attribute(kW, u"val")).hasMatch()) ||
                 reader.is(kW, u"outlineLvl"))
            ids.insert(id);
    }
    return ids;
}

// Footnotes (word/footnotes.xml, <w:footnote>) or endnotes (word/endnotes.xml, <w:endnote>) by
// their marker: "1" for footnote 1, "e1" for endnote 1 (the two count separately).
void readNotes(const QByteArray& xml, const QString& partName, QStringView element, const QString& prefix,
               int maxDepth, QHash<QString, QString>* notes)
{
    if (xml.isEmpty())
        return;
    XmlPartReader reader(xml, partName, maxDepth);
    while (reader.nextStartWithin(-1)) {
        if (!reader.is(kW, element) || !reader.attribute(kW, u"type").isEmpty())
            continue; // separators and continuation notices are layout, not text
        const QString id = prefix + reader.attribute(kW, u"id");
        const int depth = reader.depth();
        QStringList paragraphs;
        while (reader.nextStartWithin(depth)) {
            if (reader.is(kW, u"p"))
                paragraphs.append(QString());
            else if (reader.is(kW, u"t") && !paragraphs.isEmpty())
                paragraphs.last() += reader.elementText();
        }
        notes->insert(id, paragraphs.join(QLatin1Char(' ')).simplified());
    }
}

class BodyReader {
  public:
    BodyReader(DocumentBuilder& builder, XmlPartReader& reader, QSet<QString> headingStyles,
               QHash<QString, QString> notes, bool paged)
        : m_builder(builder), m_reader(reader), m_headingStyles(std::move(headingStyles)),
          m_notes(std::move(notes)), m_paged(paged)
    {
        if (m_paged)
            m_builder.startPage(m_page);
    }

    void read()
    {
        while (m_reader.nextStartWithin(-1)) {
            if (m_reader.is(kW, u"p"))
                paragraph();
            else if (m_reader.is(kW, u"tr"))
                row();
        }
    }

  private:
    // A paragraph's text; outside tables it goes straight to the builder.
    QString paragraph()
    {
        const int depth = m_reader.depth();
        QString text;
        bool heading = false;
        QStringList cited;
        while (m_reader.nextStartWithin(depth)) {
            if (m_reader.is(kW, u"pStyle"))
                heading = m_headingStyles.contains(m_reader.attribute(kW, u"val"));
            else if (m_reader.is(kW, u"outlineLvl"))
                heading = true;
            else if (m_reader.is(kW, u"t"))
                text += m_reader.elementText();
            else if (m_reader.is(kW, u"tab"))
                text += QLatin1Char('\t');
            else if (m_reader.is(kW, u"cr"))
                text += QLatin1Char('\n');
            else if (m_reader.is(kW, u"br") && m_reader.attribute(kW, u"type") != u"page")
                text += QLatin1Char('\n');
            else if ((m_reader.is(kW, u"br") || m_reader.is(kW, u"lastRenderedPageBreak")) && m_rowDepth == 0)
                pageBreak(text, heading);
            else if (m_reader.is(kW, u"footnoteReference") || m_reader.is(kW, u"endnoteReference")) {
                const QString id =
                    (m_reader.name() == u"endnoteReference" ? QStringLiteral("e") : QString()) +
                    m_reader.attribute(kW, u"id");
                text += QStringLiteral("[%1]").arg(id);
                cited.append(id);
            } else if (m_reader.is(kW, u"delText") || m_reader.is(kW, u"instrText"))
                m_reader.skipElement(); // deleted revisions and field codes are not the text
        }
        if (m_rowDepth > 0)
            return text;
        addText(text, heading);
        for (const QString& id : cited)
            if (!m_notes.value(id).isEmpty())
                m_builder.addParagraph(QStringLiteral("[%1] %2").arg(id, m_notes.value(id)));
        return text;
    }

    void addText(const QString& text, bool heading)
    {
        if (text.trimmed().isEmpty())
            return;
        m_pageHasText = true;
        if (heading)
            m_builder.addHeading(text);
        else
            m_builder.addParagraph(text);
    }

    // The text so far stays on this page. A break with no text since the last one is the same
    // break seen twice (Word records lastRenderedPageBreak right after an explicit break).
    void pageBreak(QString& text, bool heading)
    {
        addText(text, heading);
        text.clear();
        if (!m_pageHasText)
            return;
        m_builder.startPage(++m_page);
        m_pageHasText = false;
    }

    void row()
    {
        ++m_rowDepth;
        const int depth = m_reader.depth();
        QStringList cells;
        while (m_reader.nextStartWithin(depth)) {
            if (m_reader.is(kW, u"tc"))
                cells.append(QString());
            else if (m_reader.is(kW, u"p") && !cells.isEmpty()) {
                const QString text = paragraph().simplified();
                if (!text.isEmpty())
                    cells.last() += (cells.last().isEmpty() ? QString() : QStringLiteral(" ")) + text;
            } else if (m_reader.is(kW, u"tr"))
                row(); // a nested table's rows are read as their own lines
        }
        --m_rowDepth;
        if (m_rowDepth == 0)
            addText(cells.join(QStringLiteral(" | ")), false);
    }

    DocumentBuilder& m_builder;
    XmlPartReader& m_reader;
    QSet<QString> m_headingStyles;
    QHash<QString, QString> m_notes;
    bool m_paged;
    int m_page = 1;
    bool m_pageHasText = false;
    int m_rowDepth = 0;
};

} // namespace

Document readDocx(const QByteArray& bytes, const ReadOptions& options)
{
    const int maxDepth = options.limits.maxXmlDepth;
    ZipArchive archive(bytes, options.limits);
    if (!archive.contains(QStringLiteral("word/document.xml")))
        fail(tr("it has no word/document.xml, so it is not a Word document; open it in the program that "
                "made it and save it as .docx"));
    DocumentBuilder builder(QStringLiteral("docx"));
    readDublinCore(builder, archive.readIfPresent(QStringLiteral("docProps/core.xml")),
                   QStringLiteral("docProps/core.xml"), maxDepth);
    const QByteArray body = archive.read(QStringLiteral("word/document.xml"));
    // Page numbers only mean something when the file records page breaks at all.
    const bool paged = body.contains("lastRenderedPageBreak") || body.contains("w:type=\"page\"");
    QHash<QString, QString> notes;
    readNotes(archive.readIfPresent(QStringLiteral("word/footnotes.xml")),
              QStringLiteral("word/footnotes.xml"), u"footnote", QString(), maxDepth, &notes);
    readNotes(archive.readIfPresent(QStringLiteral("word/endnotes.xml")), QStringLiteral("word/endnotes.xml"),
              u"endnote", QStringLiteral("e"), maxDepth, &notes);
    XmlPartReader reader(body, QStringLiteral("word/document.xml"), maxDepth);
    BodyReader(builder, reader,
               headingStyles(archive.readIfPresent(QStringLiteral("word/styles.xml")), maxDepth),
               std::move(notes), paged)
        .read();
    return builder.finish();
}

} // namespace documents
