#pragma once
// QXmlStreamReader over one XML part of an office file, with the nesting depth limited and every
// parse error turned into hearth::Error naming the part. Qt's reader expands no external
// entities and caps internal entity expansion, so the depth is the limit left to enforce.
#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>

namespace documents {

class XmlPartReader {
  public:
    XmlPartReader(const QByteArray& xml, QString partName, int maxDepth);

    // The next start element inside the element now open at depth (or anywhere when depth is
    // -1); false at that element's end or the document's end.
    bool nextStartWithin(int depth);
    // The current element's text, descendants included, and moves past its end.
    QString elementText();
    void skipElement();

    QStringView name() const { return m_reader.name(); }
    QStringView namespaceUri() const { return m_reader.namespaceUri(); }
    bool is(QStringView ns, QStringView localName) const
    {
        return m_reader.name() == localName && m_reader.namespaceUri() == ns;
    }
    QString attribute(QStringView ns, QStringView localName) const
    {
        return m_reader.attributes().value(ns.toString(), localName.toString()).toString();
    }
    int depth() const { return m_depth; }
    // Advances one token; tracks depth; throws on a parse error or when too deep.
    QXmlStreamReader::TokenType next();
    QXmlStreamReader& stream() { return m_reader; }

  private:
    QXmlStreamReader m_reader;
    QString m_partName;
    int m_maxDepth;
    int m_depth = 0;
};

} // namespace documents
