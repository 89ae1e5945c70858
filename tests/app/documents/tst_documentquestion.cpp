// Questions about documents: the passages that best match the question's words come first and
// carry their citations, the token budget is kept, and a question nothing matches goes as it is.
#include "documents/chunker.h"
#include "documents/documentquestion.h"

#include "storage/database.h"

#include <QtTest>

namespace {

const char* const kParts[][2] = {
    {"Rent", "The tenant pays the rent of 900 euros on the first day of each month."},
    {"Repairs", "The landlord repairs the heating and the roof within two weeks of a report."},
    {"Pets", "Pets are allowed when the neighbours agree in writing."},
};

Document lease()
{
    Document d;
    d.title = QStringLiteral("Lease");
    d.format = QStringLiteral("markdown");
    for (const auto& [section, sentence] : kParts) {
        DocumentPart part;
        part.section = QString::fromLatin1(section);
        part.start = d.text.size();
        for (int i = 0; i < 4; ++i)
            d.text += QString::fromLatin1(sentence) + QLatin1Char(' ');
        d.text += QStringLiteral("\n\n");
        part.end = d.text.size();
        d.parts.append(part);
    }
    return d;
}

} // namespace

class TestDocumentQuestion : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DocumentStore> m_store;
    qint64 m_id = 0;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("test.db")));
        m_db->open();
        m_store = std::make_unique<DocumentStore>(*m_db);
        const Document d = lease();
        const QList<Chunk> chunks = Chunker(80, Chunker::estimateTokens).chunk(d);
        QCOMPARE(chunks.size(), 3); // one section a chunk
        m_id = m_store->add(m_dir.filePath(QStringLiteral("lease.md")), QStringLiteral("sha"), d.text.size(), d,
                            chunks, QStringLiteral("chars/4"), 80)
                   .id;
    }

    void theAnsweringPassageComesFirstWithItsCitation()
    {
        const DocumentQuestion q = askAboutDocuments(*m_store, QStringLiteral("Who repairs the heating?"), {m_id}, 1000);
        QVERIFY(!q.passages.isEmpty());
        QCOMPARE(q.passages.first().section, QStringLiteral("Repairs"));
        QVERIFY(q.prompt.contains(QStringLiteral("Lease [\u00A7 Repairs]\nThe landlord repairs the heating")));
        QVERIFY(q.prompt.endsWith(QStringLiteral("Who repairs the heating?")));
        QVERIFY2(q.sourcesLine.startsWith(QStringLiteral("Sources: Lease [\u00A7 Repairs]")), qPrintable(q.sourcesLine));
    }

    void theBudgetIsKept()
    {
        // "the" is in every passage, but a budget of one passage keeps only the best.
        const DocumentQuestion q = askAboutDocuments(*m_store, QStringLiteral("Who pays the rent?"), {m_id}, 10);
        QCOMPARE(q.passages.size(), 1);
        QCOMPARE(q.passages.first().section, QStringLiteral("Rent"));
    }

    void nothingMatchesNothingIsAdded()
    {
        const DocumentQuestion q = askAboutDocuments(*m_store, QStringLiteral("zebra?"), {m_id}, 1000);
        QVERIFY(q.passages.isEmpty());
        QCOMPARE(q.prompt, QStringLiteral("zebra?"));
        QVERIFY(q.sourcesLine.isEmpty());
        // Other documents are not searched.
        QVERIFY(askAboutDocuments(*m_store, QStringLiteral("heating"), {m_id + 1}, 1000).passages.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDocumentQuestion)
#include "tst_documentquestion.moc"
