#include "xmlpartreader.h"

#include "documenterror.h"

namespace documents {

XmlPartReader::XmlPartReader(const QByteArray& xml, QString partName, int maxDepth)
    : m_reader(xml), m_partName(std::move(partName)), m_maxDepth(maxDepth)
{
}

QXmlStreamReader::TokenType XmlPartReader::next()
{
    const QXmlStreamReader::TokenType token = m_reader.readNext();
    if (token == QXmlStreamReader::StartElement && ++m_depth > m_maxDepth)
        fail(tr("its %1 nests elements deeper than the limit of %2 levels (a hostile or damaged file); "
                "save it again from the program that made it")
                 .arg(m_partName)
                 .arg(m_maxDepth));
    if (token == QXmlStreamReader::EndElement)
        --m_depth;
    if (token == QXmlStreamReader::Invalid)
        fail(tr("its %1 is not well-formed XML (%2 at line %3); the file is damaged")
                 .arg(m_partName, m_reader.errorString())
                 .arg(m_reader.lineNumber()));
    return token;
}

bool XmlPartReader::nextStartWithin(int depth)
{
    for (;;) {
        const QXmlStreamReader::TokenType token = next();
        if (token == QXmlStreamReader::EndDocument)
            return false;
        if (token == QXmlStreamReader::EndElement && depth >= 0 && m_depth < depth)
            return false;
        if (token == QXmlStreamReader::StartElement)
            return true;
    }
}

QString XmlPartReader::elementText()
{
    const int depth = m_depth;
    QString text;
    for (;;) {
        const QXmlStreamReader::TokenType token = next();
        if (token == QXmlStreamReader::Characters)
            text += m_reader.text();
        else if ((token == QXmlStreamReader::EndElement && m_depth < depth) ||
                 token == QXmlStreamReader::EndDocument)
            return text;
    }
}

void XmlPartReader::skipElement()
{
    const int depth = m_depth;
    for (;;) {
        const QXmlStreamReader::TokenType token = next();
        if ((token == QXmlStreamReader::EndElement && m_depth < depth) ||
            token == QXmlStreamReader::EndDocument)
            return;
    }
}

} // namespace documents
