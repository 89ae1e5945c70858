// Chunking: never over the budget, every character in exactly one chunk, cuts at the largest
// boundary that fits (paragraph, sentence, word, character), pages and sections carried along;
// with the chars/4 estimate and with a real tokenizer from a test model.
#include "documents/chunker.h"
#include "documents/documentbuilder.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Random text with paragraphs, sentences, long words, and non-Latin characters (a surrogate pair
// too), so every boundary level is exercised.
QString randomText(quint32 seed, int paragraphs)
{
    QRandomGenerator random(seed);
    const QStringList words{"the",  "cat",      "sat",  "on", "a",    "mat",
                            "Köln", "naïve",    "数据", "😀",  "über", "supercalifragilisticexpialidocious",
                            "x",    "document", "page"};
    QString text;
    for (int p = 0; p < paragraphs; ++p) {
        const int sentences = 1 + random.bounded(6);
        for (int s = 0; s < sentences; ++s) {
            const int count = 1 + random.bounded(random.bounded(10) == 0 ? 120 : 15);
            for (int w = 0; w < count; ++w)
                text += (w ? QStringLiteral(" ") : QString()) + words[random.bounded(words.size())];
            text += random.bounded(4) == 0 ? QStringLiteral("? ") : QStringLiteral(". ");
        }
        if (random.bounded(8) == 0) // a word with no spaces at all, longer than any budget
            text += QString(300, QLatin1Char('z'));
        text += random.bounded(3) == 0 ? QStringLiteral("\n\n\n") : QStringLiteral("\n\n");
    }
    return text;
}

void checkCoverAndBudget(const QString& text, const QList<std::pair<qsizetype, qsizetype>>& ranges,
                         int budget, const TokenCounter& counter)
{
    qsizetype position = 0;
    for (const auto& [start, end] : ranges) {
        QCOMPARE(start, position);
        QVERIFY(end > start);
        const QString piece = text.sliced(start, end - start);
        QVERIFY2(counter(piece) <= budget,
                 qPrintable(QStringLiteral("%1 tokens > %2: %3").arg(counter(piece)).arg(budget).arg(piece)));
        // Never inside a surrogate pair.
        QVERIFY(!text[end - 1].isHighSurrogate());
        position = end;
    }
    QCOMPARE(position, text.size());
}

} // namespace

class TestChunker : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<hearth::Tokenizer> m_tokenizer;

  private slots:
    void initTestCase()
    {
        hearth::TestModelOptions options;
        options.preset = "tiny";
        const std::string file = m_dir.filePath("tiny.gguf").toStdString();
        hearth::write_test_model(options, file);
        m_tokenizer.emplace(hearth::Tokenizer::from_gguf(hearth::GgufFile::open(file)));
    }

    void coversEveryCharacterOnceWithinBudget_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("budget");
        QTest::addColumn<bool>("realTokenizer");
        for (quint32 seed = 1; seed <= 6; ++seed)
            for (int budget : {1, 3, 16, 64, 512})
                for (bool real : {false, true})
                    QTest::addRow("seed %u budget %d %s", seed, budget, real ? "tokenizer" : "chars/4")
                        << seed << budget << real;
    }

    void coversEveryCharacterOnceWithinBudget()
    {
        QFETCH(quint32, seed);
        QFETCH(int, budget);
        QFETCH(bool, realTokenizer);
        const hearth::Tokenizer& tokenizer = *m_tokenizer;
        const TokenCounter counter = realTokenizer ? TokenCounter([&tokenizer](const QString& s) {
            return static_cast<int>(tokenizer.encode(s.toStdString(), false, false).size());
        })
                                                   : TokenCounter(Chunker::estimateTokens);
        // A single emoji is several byte-level tokens: budgets below that cannot hold it.
        const QString text = randomText(seed, realTokenizer && budget < 16 ? 8 : 40);
        if (realTokenizer && budget < 8) {
            QVERIFY_THROWS_EXCEPTION(hearth::Error, Chunker(budget, counter).split(text));
            return;
        }
        const auto ranges = Chunker(budget, counter).split(text);
        checkCoverAndBudget(text, ranges, budget, counter);
    }

    void aChunkIsCountedWhole()
    {
        // A counter whose count of a whole is more than the sum of its parts' (a tokenizer can
        // behave so at a cut): the chunker must count each finished chunk and shorten it.
        const TokenCounter superAdditive = [](const QString& s) {
            return static_cast<int>(s.size()) + (s.size() > 20 ? 10 : 0);
        };
        for (quint32 seed = 1; seed <= 4; ++seed) {
            const QString text = randomText(seed, 20);
            checkCoverAndBudget(text, Chunker(30, superAdditive).split(text), 30, superAdditive);
        }
    }

    void cutsAtTheLargestBoundary()
    {
        const QString text = QStringLiteral("One two three.\n\nFour five six seven. Eight nine.\n\nTen.");
        const auto characters = [](const QString& s) { return static_cast<int>(s.size()); };
        // The whole text fits: one chunk.
        QCOMPARE(Chunker(1000, characters).split(text).size(), 1);
        // Paragraphs: the first two fit together (blank line kept with the first).
        auto ranges = Chunker(50, characters).split(text);
        QCOMPARE(text.sliced(ranges[0].first, ranges[0].second - ranges[0].first),
                 QStringLiteral("One two three.\n\nFour five six seven. Eight nine.\n\n"));
        // Sentences: the second paragraph is cut after its first sentence.
        ranges = Chunker(25, characters).split(text);
        QStringList pieces;
        for (const auto& [start, end] : ranges)
            pieces << text.sliced(start, end - start);
        QCOMPARE(pieces, QStringList({"One two three.\n\n", "Four five six seven. ", "Eight nine.\n\nTen."}));
        // Words, then characters, as the last resort.
        ranges = Chunker(4, characters).split(QStringLiteral("abc defghij"));
        pieces.clear();
        for (const auto& [start, end] : ranges)
            pieces << QStringLiteral("abc defghij").sliced(start, end - start);
        QCOMPARE(pieces, QStringList({"abc ", "defg", "hij"}));
    }

    void chunksKnowTheirPagesAndSections()
    {
        DocumentBuilder builder(QStringLiteral("pdf"));
        builder.startPage(1);
        builder.setSection(QStringLiteral("Intro"));
        builder.addParagraph(QString(100, QLatin1Char('a')));
        builder.startPage(2);
        builder.addParagraph(QString(100, QLatin1Char('b')));
        builder.startPage(3);
        builder.setSection(QStringLiteral("Body"));
        builder.addParagraph(QString(100, QLatin1Char('c')));
        const Document document = builder.finish();
        const QList<Chunk> chunks = Chunker(60, Chunker::estimateTokens).chunk(document);
        QCOMPARE(chunks.size(), 2); // 102 + 102 chars fit 60 tokens (240 chars); the third does not
        QCOMPARE(chunks[0].firstPage, 1);
        QCOMPARE(chunks[0].lastPage, 2);
        QCOMPARE(chunks[0].section, QStringLiteral("Intro"));
        QCOMPARE(chunks[1].firstPage, 3);
        QCOMPARE(chunks[1].lastPage, 3);
        QCOMPARE(chunks[1].section, QStringLiteral("Body"));
        QCOMPARE(chunks[1].end, document.text.size());
        QCOMPARE(chunks[1].tokens, Chunker::estimateTokens(document.text.sliced(chunks[1].start)));
    }

    void emptyTextHasNoChunks() { QVERIFY(Chunker(10, Chunker::estimateTokens).split(QString()).isEmpty()); }
};

QTEST_GUILESS_MAIN(TestChunker)
#include "tst_chunker.moc"
