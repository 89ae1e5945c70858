#include "documentbuilder.h"

DocumentBuilder::DocumentBuilder(QString format)
{
    m_document.format = std::move(format);
}

void DocumentBuilder::startPart()
{
    // A part with no text yet is re-labelled instead of leaving an empty part behind.
    if (m_partOpen && m_document.parts.last().start == m_document.text.size()) {
        m_document.parts.last().page = m_page;
        m_document.parts.last().section = m_section;
        return;
    }
    if (m_partOpen)
        m_document.parts.last().end = m_document.text.size();
    m_document.parts.append({m_page, m_section, m_document.text.size(), m_document.text.size()});
    m_partOpen = true;
}

void DocumentBuilder::addParagraph(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    if (!m_partOpen)
        startPart();
    // The separator goes before the paragraph, into the part it starts, except at the very
    // beginning; so a page's part starts with the blank line that separates it from the last one.
    if (!m_document.text.isEmpty())
        m_document.text += QLatin1String("\n\n");
    m_document.text += trimmed;
}

void DocumentBuilder::addHeading(const QString& text)
{
    const QString heading = text.simplified();
    if (heading.isEmpty())
        return;
    setSection(heading);
    addParagraph(heading);
}

void DocumentBuilder::startPage(int page)
{
    m_document.pageCount = std::max(m_document.pageCount, page);
    if (page == m_page && m_partOpen)
        return;
    m_page = page;
    startPart();
}

void DocumentBuilder::setSection(const QString& section)
{
    if (section == m_section && m_partOpen)
        return;
    m_section = section;
    startPart();
}

Document DocumentBuilder::finish()
{
    if (!m_partOpen)
        startPart();
    m_document.parts.last().end = m_document.text.size();
    // Parts that got no text (a heading-less page turn at the very end) add nothing to cite.
    QList<DocumentPart> parts;
    for (const DocumentPart& part : std::as_const(m_document.parts))
        if (part.end > part.start || m_document.parts.size() == 1)
            parts.append(part);
    m_document.parts = parts;
    return std::move(m_document);
}
