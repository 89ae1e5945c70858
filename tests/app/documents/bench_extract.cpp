// Not a test (ctest does not run it): writes a PDF of N A4 pages of text (about 3,000 characters
// each) with QPdfWriter, then times reading it, chunking it and storing it, as `docs add` does.
//   bench_extract PAGES FILE.pdf     (see the README's "Documents")
#include "documents/chunker.h"
#include "documents/documentreader.h"
#include "documents/documentstore.h"
#include "hearth/error.h"

#include <cstdio>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace {

QString pageText(QRandomGenerator& random, int page)
{
    static const QStringList words{
        "the",     "tenant",   "shall",  "pay",      "rent",       "monthly", "and",    "keep", "premises",
        "in",      "good",     "repair", "landlord", "notice",     "of",      "thirty", "days", "agreement",
        "deposit", "returned", "within", "a",        "reasonable", "time",    "after"};
    QString text = QStringLiteral("Page %1. ").arg(page);
    while (text.size() < 3000) {
        const int count = 8 + random.bounded(16);
        for (int w = 0; w < count; ++w)
            text += words[random.bounded(words.size())] + QLatin1Char(' ');
        text += random.bounded(5) == 0 ? QStringLiteral(".\n\n") : QStringLiteral(". ");
    }
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv); // QPdfWriter's fonts
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_extract PAGES FILE.pdf\n");
        return 2;
    }
    const int pages = std::atoi(argv[1]);
    const QString file = QString::fromLocal8Bit(argv[2]);
    {
        QPdfWriter writer(file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(72);
        QPainter painter(&writer);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPixelSize(9);
        painter.setFont(font);
        QRandomGenerator random(42);
        for (int i = 1; i <= pages; ++i) {
            if (i > 1)
                writer.newPage();
            painter.drawText(QRect(40, 40, 515, 760), Qt::TextWordWrap, pageText(random, i));
        }
    }
    try {
        QElapsedTimer timer;
        timer.start();
        const Document document = DocumentReader::read(file, {});
        const double readSeconds = timer.nsecsElapsed() / 1e9;
        timer.restart();
        const QList<Chunk> chunks = Chunker(Chunker::kDefaultBudget, Chunker::estimateTokens).chunk(document);
        const double chunkSeconds = timer.nsecsElapsed() / 1e9;
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("conversations.db")));
        db.open();
        timer.restart();
        DocumentStore(db).add(file, QString(64, QLatin1Char('0')), 0, document, chunks,
                              QStringLiteral("chars/4"), Chunker::kDefaultBudget);
        const double storeSeconds = timer.nsecsElapsed() / 1e9;
        std::printf(
            "%d pages, %lld chars: read %.2f s (%.0f pages/s), chunked %.3f s (%lld chunks), stored %.3f s\n",
            document.pageCount, static_cast<long long>(document.text.size()), readSeconds,
            document.pageCount / readSeconds, chunkSeconds, static_cast<long long>(chunks.size()),
            storeSeconds);
    } catch (const hearth::Error& e) {
        std::fprintf(stderr, "bench_extract: %s\n", e.what());
        return 1;
    }
    return 0;
}
