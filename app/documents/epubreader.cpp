#include "epubreader.h"

#include "documentbuilder.h"
#include "documenterror.h"
#include "htmlreader.h"
#include "officemetadata.h"
#include "textdecoding.h"
#include "xmlpartreader.h"
#include "ziparchive.h"

#include <QHash>
#include <QUrl>

namespace documents {

namespace {

constexpr QStringView kContainer = u"urn:oasis:names:tc:opendocument:xmlns:container";
constexpr QStringView kOpf = u"http://www.idpf.org/2007/opf";

QString packagePath(ZipArchive& archive, int maxDepth)
{
    const QString name = QStringLiteral("META-INF/container.xml");
    if (!archive.contains(name))
        fail(tr("it has no META-INF/container.xml, so it is not an EPUB book; the file is damaged or "
                "has the wrong extension"));
    XmlPartReader reader(archive.read(name), name, maxDepth);
    while (reader.nextStartWithin(-1))
        if (reader.is(kContainer, u"rootfile"))
            return reader.stream().attributes().value(QLatin1String("full-path")).toString();
    fail(tr("its META-INF/container.xml names no package document; the book is damaged"));
}

// A manifest href is a URL relative to the package document's folder.
QString resolve(const QString& base, const QString& href)
{
    const QString relative = QUrl::fromPercentEncoding(href.section(QLatin1Char('#'), 0, 0).toUtf8());
    const QString joined = base.isEmpty() ? relative : base + QLatin1Char('/') + relative;
    QStringList parts;
    for (const QString& part : joined.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".."))
            parts.isEmpty() ? void() : parts.removeLast();
        else if (part != QLatin1String("."))
            parts.append(part);
    }
    return parts.join(QLatin1Char('/'));
}

} // namespace

Document readEpub(const QByteArray& bytes, const ReadOptions& options)
{
    const int maxDepth = options.limits.maxXmlDepth;
    ZipArchive archive(bytes, options.limits);
    const QString opfPath = packagePath(archive, maxDepth);
    const QByteArray opf = archive.read(opfPath);
    DocumentBuilder builder(QStringLiteral("epub"));
    readDublinCore(builder, opf, opfPath, maxDepth);

    QHash<QString, QString> hrefs; // manifest id -> entry name, XHTML items only
    QStringList spine;
    XmlPartReader reader(opf, opfPath, maxDepth);
    const QString base = opfPath.section(QLatin1Char('/'), 0, -2);
    while (reader.nextStartWithin(-1)) {
        const QXmlStreamAttributes attributes = reader.stream().attributes();
        if (reader.is(kOpf, u"item")) {
            const QStringView type = attributes.value(QLatin1String("media-type"));
            if (type == u"application/xhtml+xml" || type == u"text/html")
                hrefs.insert(attributes.value(QLatin1String("id")).toString(),
                             resolve(base, attributes.value(QLatin1String("href")).toString()));
        } else if (reader.is(kOpf, u"itemref") && attributes.value(QLatin1String("linear")) != u"no") {
            spine.append(attributes.value(QLatin1String("idref")).toString());
        }
    }
    if (spine.isEmpty())
        fail(tr("its package document lists no chapters (an empty spine); the book is damaged"));
    for (qsizetype i = 0; i < spine.size(); ++i) {
        const QString entry = hrefs.value(spine[i]);
        if (entry.isEmpty())
            continue; // a spine item that is not a page (an image) holds no text to read
        // EPUB pages are XML: UTF-8 unless a byte-order mark says UTF-16.
        const QByteArray page = archive.read(entry);
        appendHtml(builder,
                   page.startsWith("\xFF\xFE") || page.startsWith("\xFE\xFF") ? decodeText(page).toUtf8()
                                                                              : page,
                   options.limits);
        if (options.progress && !options.progress(static_cast<int>(i + 1), static_cast<int>(spine.size())))
            fail(tr("reading was cancelled"));
    }
    return builder.finish();
}

} // namespace documents
