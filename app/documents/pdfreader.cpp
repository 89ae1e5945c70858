#include "pdfreader.h"

#include "documentbuilder.h"
#include "documenterror.h"
#include "ocrengine.h"

#include <map>
#include <memory>
#include <poppler-qt6.h>

namespace documents {

namespace {

constexpr int kOcrDpi = 300;
// The largest page image OCR renders (about A0 at 300 dpi, 400 MB as RGB32); larger pages are
// rendered at a lower resolution instead of allocating without bound.
constexpr double kMaxOcrPixels = 100e6;

// Page (0-based) -> the outline entry that starts on it (the deepest, last one wins).
void collectOutline(const QVector<Poppler::OutlineItem>& items, std::map<int, QString>* starts, int depth)
{
    if (depth > 32)
        return; // outlines nest a few levels; a deeper one is hostile and its tail is dropped
    for (const Poppler::OutlineItem& item : items) {
        const QSharedPointer<const Poppler::LinkDestination> destination = item.destination();
        if (destination && destination->pageNumber() > 0)
            (*starts)[destination->pageNumber() - 1] = item.name().simplified();
        if (item.hasChildren())
            collectOutline(item.children(), starts, depth + 1);
    }
}

// A blank page is not worth OCR (and needs no language data): look at it at 20 dpi.
bool looksBlank(const Poppler::Page& page)
{
    const QImage thumbnail = page.renderToImage(20, 20).convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < thumbnail.height(); ++y) {
        const uchar* line = thumbnail.constScanLine(y);
        for (int x = 0; x < thumbnail.width(); ++x)
            if (line[x] < 200)
                return false;
    }
    return true;
}

} // namespace

Document readPdf(const QByteArray& bytes, const ReadOptions& options)
{
    // The header may follow some junk, but must come within the first kilobyte (PDF 1.7, annex H).
    if (!bytes.left(1024).contains("%PDF-"))
        fail(tr("it is not a PDF (there is no PDF header)%1; check the file or its extension")
                 .arg(bytes.startsWith("\x89PNG")        ? tr(", it is a PNG image")
                      : bytes.startsWith("\xFF\xD8\xFF") ? tr(", it is a JPEG image")
                      : bytes.startsWith("PK\x03\x04")   ? tr(", it is a zip archive")
                                                         : QString()));
    // Every complete PDF ends with %%EOF; a file cut short would otherwise read as fewer pages.
    if (!bytes.right(1024).contains("%%EOF"))
        fail(tr("it is truncated (the end of the PDF is missing); copy or download it again"));
    // Poppler reports what it repairs on stderr ("Error: Couldn't find trailer dictionary"); the
    // reader gives its own one-line verdict instead.
    Poppler::setDebugErrorFunction([](const QString&, const QVariant&) {}, QVariant());
    const QByteArray password = options.password.toUtf8();
    std::unique_ptr<Poppler::Document> pdf = Poppler::Document::loadFromData(bytes, password, password);
    if (!pdf)
        fail(tr("it is damaged: Poppler could not read its structure; open it in a PDF viewer and save "
                "or print it to a new PDF"));
    if (pdf->isLocked()) {
        if (options.password.isEmpty())
            throw PasswordError(tr("it is encrypted; give its password with --password").toStdString(),
                                false);
        throw PasswordError(
            tr("the password is wrong; try again with the right one (--password)").toStdString(), true);
    }
    const int pages = pdf->numPages();
    if (pages <= 0)
        fail(tr("it has no pages (the file is damaged)"));
    if (pages > options.limits.maxPages)
        fail(tr("it has %1 pages, more than the limit of %2; raise it with --max-pages if you mean to "
                "read all of it")
                 .arg(pages)
                 .arg(options.limits.maxPages));

    DocumentBuilder builder(QStringLiteral("pdf"));
    builder.setTitle(pdf->info(QStringLiteral("Title")));
    builder.setAuthor(pdf->info(QStringLiteral("Author")));
    std::map<int, QString> sectionStarts;
    collectOutline(pdf->outline(), &sectionStarts, 0);
    pdf->setRenderHint(Poppler::Document::Antialiasing);
    pdf->setRenderHint(Poppler::Document::TextAntialiasing);
    std::unique_ptr<OcrEngine> ocr;
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<Poppler::Page> page = pdf->page(i);
        if (!page)
            fail(tr("page %1 could not be read (the file is damaged)").arg(i + 1));
        builder.startPage(i + 1);
        if (const auto start = sectionStarts.find(i); start != sectionStarts.end())
            builder.setSection(start->second);
        QString text = page->text(QRectF());
        if (text.trimmed().isEmpty() && options.ocr && !looksBlank(*page)) {
            if (!ocr)
                ocr = std::make_unique<OcrEngine>(options.ocrLanguage, options.limits.ocrSecondsPerPage);
            const QSizeF points = page->pageSizeF();
            const double pixels = points.width() * points.height() * (kOcrDpi / 72.0) * (kOcrDpi / 72.0);
            const int dpi = pixels > kMaxOcrPixels
                                ? static_cast<int>(kOcrDpi * std::sqrt(kMaxOcrPixels / pixels))
                                : kOcrDpi;
            text = ocr->recognize(page->renderToImage(dpi, dpi), dpi, i + 1);
            builder.countOcrPage();
        }
        builder.addParagraph(text);
        if (options.progress && !options.progress(i + 1, pages))
            fail(tr("reading was cancelled"));
    }
    return builder.finish();
}

} // namespace documents
