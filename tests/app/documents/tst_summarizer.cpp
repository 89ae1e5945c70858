// The summarizer on a small f32 test model on the default Vulkan device (lavapipe in CI): one
// pass or map-reduce chosen by the context, the instruction prefix reused from the cache,
// citations only from the chunks each step read, progress that never goes back, and a summary
// cancelled part-way that resumes to exactly the text of an uninterrupted run. Citations alone
// are checked against hand-made cases.
#include "core/datapaths.h"
#include "documents/citations.h"
#include "documents/documentstore.h"
#include "documents/summarizer.h"
#include "engine/enginewait.h"
#include "harboursentences.h"
#include "hearth/test_model.h"
#include "storage/database.h"

#include <QRegularExpression>
#include <QtTest>

namespace {

constexpr int kTimeoutMs = 300000;

// A paged document with known text on every page.
Document pagedDocument(int pages, int sentencesPerPage)
{
    Document d;
    d.title = QStringLiteral("The harbour of Lindholm");
    d.format = QStringLiteral("pdf");
    d.pageCount = pages;
    for (int page = 1; page <= pages; ++page) {
        DocumentPart part;
        part.page = page;
        part.start = d.text.size();
        for (int s = 0; s < sentencesPerPage; ++s)
            d.text += QString::fromLatin1(kHarbourSentences[(page + s) % 6]) + QLatin1Char(' ');
        d.text += QStringLiteral("\n\n");
        part.end = d.text.size();
        d.parts.append(part);
    }
    return d;
}

// Every paragraph or bullet ends with a citation of pages in [1, pages].
bool citesOnlyRealPages(const QString& text, int pages, QString* why)
{
    static const QRegularExpression ending(QStringLiteral("\\[p\\. ([0-9,\\s\\x{2013}]+)\\]$"));
    for (const QString& block : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch m = ending.match(block.trimmed());
        if (!m.hasMatch()) {
            *why = QStringLiteral("no citation at the end of: ") + block;
            return false;
        }
        for (const QString& number :
             m.captured(1).split(QRegularExpression(QStringLiteral("[,\\s\\x{2013}]+")), Qt::SkipEmptyParts))
            if (number.toInt() < 1 || number.toInt() > pages) {
                *why = QStringLiteral("page %1 does not exist: ").arg(number) + block;
                return false;
            }
    }
    return true;
}

} // namespace

class TestSummarizer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_model;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DocumentStore> m_documents;
    std::unique_ptr<SummaryStore> m_summaries;
    std::unique_ptr<EngineService> m_engine;
    int m_context = 0;

    qint64 addDocument(const Document& document, const QString& name)
    {
        const QList<Chunk> chunks = Chunker(Chunker::kDefaultBudget, Chunker::estimateTokens).chunk(document);
        return m_documents
            ->add(m_dir.filePath(name), name, document.text.size(), document, chunks,
                  QStringLiteral("chars/4"), Chunker::kDefaultBudget)
            .id;
    }

    struct Run {
        bool ok = false;
        bool cancelled = false;
        QString error;
        SummaryResult result;
        QList<SummaryProgress> progress;
    };

    // Summarizes; with cancelAfterNotes > 0, cancels once that many notes are done.
    Run summarize(qint64 id, const Document& document, const SummarySettings& settings,
                  int cancelAfterNotes = 0)
    {
        Run run;
        Summarizer summarizer(*m_engine, *m_summaries);
        bool done = false;
        connect(&summarizer, &Summarizer::progressed, this, [&](const SummaryProgress& p) {
            run.progress.append(p);
            if (cancelAfterNotes > 0 && p.stage == QLatin1String("map") && p.done >= cancelAfterNotes)
                summarizer.cancel();
        });
        connect(&summarizer, &Summarizer::finished, this, [&](const SummaryResult& r) {
            run.ok = true;
            run.result = r;
            done = true;
        });
        connect(&summarizer, &Summarizer::failed, this, [&](const QString& error, bool cancelled) {
            run.error = error;
            run.cancelled = cancelled;
            done = true;
        });
        summarizer.start(id, document, m_model, m_context, settings);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, kTimeoutMs); }();
        return run;
    }

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DataPaths::setOverride(m_dir.path());
        m_model = m_dir.filePath(QStringLiteral("tiny.gguf"));
        hearth::write_test_model({}, m_model.toStdString());
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("test.db")));
        m_db->open();
        m_documents = std::make_unique<DocumentStore>(*m_db);
        m_summaries = std::make_unique<SummaryStore>(*m_db);
        m_engine = std::make_unique<EngineService>();
        LoadRequest request;
        request.path = m_model;
        request.contextLength = 512;
        const LoadOutcome loaded = loadModelAndWait(*m_engine, request);
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        m_context = loaded.contextLength;
    }

    void citationsAreTracedToSources()
    {
        const QList<SourceRef> sources = {{2, 3, {}}, {5, 5, {}}};
        const CitedText cited =
            enforceCitations(QStringLiteral("The pier is stone [p. 2]. A ferry runs [p. 99].\n\n- Fees are "
                                            "set monthly\n- Fish [pp. 3-5]\n"
                                            "- Light [p. 5]"),
                             sources);
        QCOMPARE(cited.text, QStringLiteral("The pier is stone. A ferry runs. [p. 2]\n\n"
                                            "- Fees are set monthly [p. 2\u20133, 5]\n\n"
                                            "- Fish [p. 2\u20133, 5]\n\n- Light [p. 5]"));
        QCOMPARE(cited.removed, 2); // p. 99 does not exist in the sources, nor does p. 4 of "3-5"
        QCOMPARE(cited.pages, (QSet<int>{2, 3, 5}));
        const CitedText sections = enforceCitations(QStringLiteral("Intro text [\u00A7 Methods]"),
                                                    {{0, 0, QStringLiteral("Introduction")}});
        QCOMPARE(sections.text, QStringLiteral("Intro text [\u00A7 Introduction]"));
    }

    void aShortDocumentIsOnePass()
    {
        const Document document = pagedDocument(1, 2);
        const Run run = summarize(addDocument(document, QStringLiteral("short")), document, {});
        QVERIFY2(run.ok, qPrintable(run.error));
        QCOMPARE(run.result.chunks.size(), 1);
        QCOMPARE(run.result.rounds, 0);
        QCOMPARE(run.result.citedPages, QList<int>{1});
        QString why;
        QVERIFY2(citesOnlyRealPages(run.result.text, 1, &why), qPrintable(why));
    }

    void aLongDocumentIsMappedReducedAndResumes()
    {
        const Document document = pagedDocument(14, 6);
        const qint64 id = addDocument(document, QStringLiteral("long"));
        SummarySettings settings;
        settings.style = QStringLiteral("points");
        const Run whole = summarize(id, document, settings);
        QVERIFY2(whole.ok, qPrintable(whole.error));
        const SummaryResult& r = whole.result;
        QVERIFY2(r.chunks.size() >= 4, qPrintable(QString::number(r.chunks.size())));
        QVERIFY(r.rounds >= 1);
        // The shared instruction came from the cache for every chunk after the first.
        QVERIFY2(r.evaluatedTokens < r.promptTokens * 9 / 10,
                 qPrintable(QStringLiteral("%1 of %2").arg(r.evaluatedTokens).arg(r.promptTokens)));
        QString why;
        QVERIFY2(citesOnlyRealPages(r.text, 14, &why), qPrintable(why));
        for (int i = 1; i < whole.progress.size(); ++i)
            QVERIFY(whole.progress[i].done >= whole.progress[i - 1].done);
        // The plan is re-counted once notes exist: never fewer steps than done, and at the end
        // exactly the steps that ran.
        for (const SummaryProgress& p : whole.progress)
            QVERIFY2(p.done <= p.total, qPrintable(QStringLiteral("%1 of %2").arg(p.done).arg(p.total)));
        QCOMPARE(whole.progress.last().done, whole.progress.last().total);
        // Chunks cover the pages in order.
        QCOMPARE(r.chunks.first().source.firstPage, 1);
        QCOMPARE(r.chunks.last().source.lastPage, 14);

        const Run stopped = summarize(id, document, settings, 2);
        QVERIFY(stopped.cancelled);
        const Run resumed = summarize(id, document, settings);
        QVERIFY2(resumed.ok, qPrintable(resumed.error));
        QVERIFY(resumed.result.resumedChunks >= 2);
        QCOMPARE(resumed.result.text, r.text);
    }
};

QTEST_GUILESS_MAIN(TestSummarizer)
#include "tst_summarizer.moc"
