#include "htmlreader.h"

#include "documenterror.h"
#include "textdecoding.h"

#include <gumbo.h>
#include <memory>

namespace documents {

namespace {

bool isInvisible(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
        return true;
    default:
        return false;
    }
}

bool isBlock(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY:
        return true;
    default:
        return false;
    }
}

bool isHeading(GumboTag tag)
{
    return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

QString textOf(const GumboNode* node, int depth, int maxDepth)
{
    if (depth > maxDepth)
        return {};
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE)
        return QString::fromUtf8(node->v.text.text);
    if (node->type != GUMBO_NODE_ELEMENT || isInvisible(node->v.element.tag))
        return {};
    QString text;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        text += textOf(static_cast<const GumboNode*>(children.data[i]), depth + 1, maxDepth);
    return text;
}

class Walker {
  public:
    Walker(DocumentBuilder& builder, const ExtractLimits& limits) : m_builder(builder), m_limits(limits) {}

    void walk(const GumboNode* node, int depth)
    {
        if (depth > m_limits.maxXmlDepth)
            fail(tr("its elements are nested deeper than the limit of %1 levels (a hostile or broken "
                    "file); save it again from a browser or editor")
                     .arg(m_limits.maxXmlDepth));
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
            node->type == GUMBO_NODE_WHITESPACE) {
            QString text = QString::fromUtf8(node->v.text.text);
            // Line breaks in the source are spaces on screen; only <br> (and <pre>) break lines.
            if (m_pre == 0)
                for (QChar& c : text)
                    if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
                        c = QLatin1Char(' ');
            m_paragraph += text;
            return;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
            node->type != GUMBO_NODE_TEMPLATE)
            return;
        const GumboTag tag = node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_HTML : node->v.element.tag;
        if (isInvisible(tag))
            return;
        if (isHeading(tag)) {
            flush();
            m_builder.addHeading(textOf(node, depth, m_limits.maxXmlDepth));
            return;
        }
        if (tag == GUMBO_TAG_BR) {
            m_paragraph += QLatin1Char('\n');
            return;
        }
        const bool block = isBlock(tag);
        const bool pre = tag == GUMBO_TAG_PRE;
        if (block)
            flush();
        if (tag == GUMBO_TAG_LI)
            m_paragraph += QStringLiteral("- ");
        const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
        if (cell && m_cellsInRow++ > 0)
            m_paragraph += QStringLiteral(" | ");
        if (tag == GUMBO_TAG_TR)
            m_cellsInRow = 0;
        m_pre += pre;
        const GumboVector& children =
            node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i)
            walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        if (block)
            flush();
        m_pre -= pre;
    }

    void flush()
    {
        // Outside <pre>, runs of whitespace are one space, as a browser shows them; <br> lines stay.
        if (m_pre == 0) {
            QStringList lines = m_paragraph.split(QLatin1Char('\n'));
            for (QString& line : lines)
                line = line.simplified();
            lines.removeAll(QString());
            m_paragraph = lines.join(QLatin1Char('\n'));
        }
        m_builder.addParagraph(m_paragraph);
        m_paragraph.clear();
    }

  private:
    DocumentBuilder& m_builder;
    const ExtractLimits& m_limits;
    QString m_paragraph;
    int m_pre = 0;
    int m_cellsInRow = 0;
};

void readHead(DocumentBuilder& builder, const GumboNode* node, int depth, int maxDepth)
{
    if (node->type != GUMBO_NODE_ELEMENT || depth > maxDepth)
        return;
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_TITLE && builder.title().isEmpty()) {
        builder.setTitle(textOf(node, depth, maxDepth));
        return;
    }
    if (element.tag == GUMBO_TAG_META) {
        const GumboAttribute* name = gumbo_get_attribute(&element.attributes, "name");
        const GumboAttribute* content = gumbo_get_attribute(&element.attributes, "content");
        if (name && content && QByteArray(name->value).toLower() == "author")
            builder.setAuthor(QString::fromUtf8(content->value));
    }
    for (unsigned i = 0; i < element.children.length; ++i)
        readHead(builder, static_cast<const GumboNode*>(element.children.data[i]), depth + 1, maxDepth);
}

} // namespace

void appendHtml(DocumentBuilder& builder, const QByteArray& utf8, const ExtractLimits& limits)
{
    if (utf8.size() > limits.maxHtmlBytes)
        fail(tr("its HTML is %1 MB in one page, more than the limit of %2 MB (parsing takes about ten times "
                "that in memory); raise it with --max-html-mb, or save the page as text or PDF")
                 .arg(QString::number(static_cast<double>(utf8.size()) / (1 << 20), 'f', 1),
                      QString::number(static_cast<double>(limits.maxHtmlBytes) / (1 << 20), 'f', 1)));
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 100; // gumbo keeps every parse error in memory; tag soup can have millions
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, utf8.constData(), static_cast<size_t>(utf8.size())),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!output)
        fail(tr("the HTML parser ran out of memory"));
    const bool hadTitle = !builder.title().isEmpty();
    readHead(builder, output->root, 0, limits.maxXmlDepth);
    if (hadTitle)
        builder.setSection(QString()); // a new EPUB chapter starts without the last one's heading
    Walker walker(builder, limits);
    walker.walk(output->document, 0);
    walker.flush();
}

Document readHtml(const QByteArray& bytes, const ExtractLimits& limits)
{
    DocumentBuilder builder(QStringLiteral("html"));
    appendHtml(builder, decodeText(bytes).toUtf8(), limits);
    return builder.finish();
}

} // namespace documents
