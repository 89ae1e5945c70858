// DocumentStore on real SQLite files: add and read back, reuse by sha256, BM25 search with
// pages, removal cascading everywhere, attachments, nothing half-added on failure, and the
// schema 4 tables reached from the committed fixtures.
#include "../storage/storagescript.h"
#include "documents/chunker.h"
#include "documents/documentbuilder.h"
#include "documents/documentstore.h"
#include "hearth/error.h"
#include "storage/conversationstore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {

Document pagedDocument(const QStringList& pages)
{
    DocumentBuilder builder(QStringLiteral("pdf"));
    builder.setTitle(QStringLiteral("Orchard Guide"));
    builder.setAuthor(QStringLiteral("J. Appleseed"));
    for (qsizetype i = 0; i < pages.size(); ++i) {
        builder.startPage(static_cast<int>(i + 1));
        builder.setSection(i < 2 ? QStringLiteral("Trees") : QStringLiteral("Harvest"));
        builder.addParagraph(pages[i]);
    }
    return builder.finish();
}

qint64 count(Database& db, const QString& table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString sha(char c)
{
    return QString(64, QLatin1Char(c));
}

} // namespace

class TestDocumentStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

  private slots:
    void init()
    {
        QFile::remove(m_dir.filePath("conversations.db"));
        m_db = std::make_unique<Database>(m_dir.filePath("conversations.db"));
        m_db->open();
    }
    void cleanup() { m_db.reset(); }

    void addAndReadBack()
    {
        DocumentStore store(*m_db);
        const Document document =
            pagedDocument({"Apple trees need sun.", "Pear trees need water.", "Harvest apples in autumn."});
        const QList<Chunk> chunks = Chunker(8, Chunker::estimateTokens).chunk(document);
        QVERIFY(chunks.size() >= 3);
        const StoredDocument stored =
            store.add("/docs/orchard.pdf", sha('a'), 4096, document, chunks, "chars/4", 8);
        QVERIFY(stored.id > 0);
        QCOMPARE(stored.title, QStringLiteral("Orchard Guide"));
        QCOMPARE(stored.author, QStringLiteral("J. Appleseed"));
        QCOMPARE(stored.format, QStringLiteral("pdf"));
        QCOMPARE(stored.pages, 3);
        QCOMPARE(stored.size, 4096);
        QCOMPARE(stored.chars, document.text.size());
        QCOMPARE(stored.chunkCount, chunks.size());
        QCOMPARE(stored.tokenCounter, QStringLiteral("chars/4"));
        QCOMPARE(stored.chunkBudget, 8);

        const Document back = store.content(stored.id);
        QCOMPARE(back.text, document.text);
        QCOMPARE(back.parts.size(), document.parts.size());
        QCOMPARE(back.pageText(2), document.pageText(2));
        const QList<StoredChunk> storedChunks = store.chunks(stored.id);
        QCOMPARE(storedChunks.size(), chunks.size());
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            QCOMPARE(storedChunks[i].text,
                     document.text.sliced(chunks[i].start, chunks[i].end - chunks[i].start));
            QCOMPARE(storedChunks[i].firstPage, chunks[i].firstPage);
            QCOMPARE(storedChunks[i].lastPage, chunks[i].lastPage);
            QCOMPARE(storedChunks[i].tokens, chunks[i].tokens);
        }
        QCOMPARE(store.findBySha256(sha('a'))->id, stored.id);
        QVERIFY(!store.findBySha256(sha('b')));
        QCOMPARE(store.list().size(), 1);
    }

    void searchRanksAndCitesPages()
    {
        DocumentStore store(*m_db);
        const Document document = pagedDocument({"Apple apple apple.",
                                                 "Pears are green and grow well in cool "
                                                 "climates with plenty of rain, unlike the apple.",
                                                 "Cherries ripen early."});
        // 12 tokens (48 chars): the first page is a chunk of its own, the second is cut in three.
        const StoredDocument a =
            store.add("/a.pdf", sha('a'), 1, document, Chunker(12, Chunker::estimateTokens).chunk(document),
                      "chars/4", 12);
        const Document other = pagedDocument({"An apple a day."});
        const StoredDocument b = store.add("/b.pdf", sha('b'), 1, other,
                                           Chunker(30, Chunker::estimateTokens).chunk(other), "chars/4", 30);
        const QList<DocumentSearchHit> hits = store.search("apple");
        QCOMPARE(hits.size(), 3);
        // BM25: the short chunk that says little else comes first.
        QCOMPARE(hits[0].documentId, a.id);
        QCOMPARE(hits[0].firstPage, 1);
        QVERIFY2(hits[0].snippet.contains("[Apple]"), qPrintable(hits[0].snippet));
        const QList<DocumentSearchHit> cherries = store.search("cherr");
        QCOMPARE(cherries.size(), 1);
        QCOMPARE(cherries[0].firstPage, 3);
        QCOMPARE(cherries[0].section, QStringLiteral("Harvest"));
        QCOMPARE(store.search("apple", 20, {b.id}).size(), 1);
        QVERIFY(store.search("   ").isEmpty());
        QCOMPARE(store.search("\"apple\" ( NEAR").size(), 0); // query syntax is searched as text: no "near"
        QCOMPARE(store.search("\"apple\" (").size(), 3);
    }

    void searchNamesThePageOfTheMatch()
    {
        DocumentStore store(*m_db);
        // One chunk over three pages: the hit names the page (and section) where the word is.
        const Document document = pagedDocument({"Alpha words 😀 here.", "Beta words.", "Zebra crossing."});
        const StoredDocument d =
            store.add("/z.pdf", sha('z'), 1, document, Chunker(1000, Chunker::estimateTokens).chunk(document),
                      "chars/4", 1000);
        QCOMPARE(d.chunkCount, 1);
        const DocumentSearchHit zebra = store.search("zebra").value(0);
        QCOMPARE(zebra.firstPage, 1);
        QCOMPARE(zebra.lastPage, 3);
        QCOMPARE(zebra.page, 3);
        QCOMPARE(zebra.section, QStringLiteral("Harvest"));
        QCOMPARE(store.search("beta").value(0).page, 2);
        QCOMPARE(store.search("alpha").value(0).page, 1);
    }

    void removeCascades()
    {
        DocumentStore store(*m_db);
        ConversationStore conversations(*m_db);
        const Conversation c = conversations.create();
        const Document document = pagedDocument({"Plums.", "Figs."});
        const StoredDocument d = store.add("/p.pdf", sha('c'), 1, document,
                                           Chunker(4, Chunker::estimateTokens).chunk(document), "chars/4", 4);
        store.attach(c.id, d.id);
        store.attach(c.id, d.id); // twice is once
        QCOMPARE(store.attachedDocuments(c.id), QList<qint64>{d.id});
        QCOMPARE(store.search("figs").size(), 1);
        store.remove(d.id);
        QCOMPARE(count(*m_db, "documents"), 0);
        QCOMPARE(count(*m_db, "document_parts"), 0);
        QCOMPARE(count(*m_db, "document_chunks"), 0);
        QCOMPARE(count(*m_db, "conversation_documents"), 0);
        QVERIFY(store.search("figs").isEmpty());
        QVERIFY_THROWS_EXCEPTION(hearth::Error, store.document(d.id));
        QVERIFY_THROWS_EXCEPTION(hearth::Error, store.remove(d.id));
        // Deleting a conversation detaches its documents, and keeps them.
        const StoredDocument again =
            store.add("/p.pdf", sha('c'), 1, document, Chunker(4, Chunker::estimateTokens).chunk(document),
                      "chars/4", 4);
        store.attach(c.id, again.id);
        conversations.remove(c.id);
        QCOMPARE(count(*m_db, "conversation_documents"), 0);
        QCOMPARE(store.list().size(), 1);
    }

    void nothingHalfAdded()
    {
        DocumentStore store(*m_db);
        const Document document = pagedDocument({"Quince.", "Medlar."});
        QList<Chunk> chunks = Chunker(4, Chunker::estimateTokens).chunk(document);
        chunks.last().end = document.text.size() + 10; // the last chunk fails, after the others were written
        QVERIFY_THROWS_EXCEPTION(hearth::Error,
                                 store.add("/q.pdf", sha('d'), 1, document, chunks, "chars/4", 4));
        QCOMPARE(count(*m_db, "documents"), 0);
        QCOMPARE(count(*m_db, "document_parts"), 0);
        QCOMPARE(count(*m_db, "document_chunks"), 0);
        QVERIFY(store.search("quince").isEmpty());
        // The same file twice (a second process adding it meanwhile) is refused as a whole.
        const QList<Chunk> good = Chunker(4, Chunker::estimateTokens).chunk(document);
        store.add("/q.pdf", sha('d'), 1, document, good, "chars/4", 4);
        QVERIFY_THROWS_EXCEPTION(hearth::Error,
                                 store.add("/q2.pdf", sha('d'), 1, document, good, "chars/4", 4));
        QCOMPARE(count(*m_db, "documents"), 1);
        QCOMPARE(count(*m_db, "document_chunks"), good.size());
    }

    void replaceChunks()
    {
        DocumentStore store(*m_db);
        const Document document = pagedDocument({"One two three four five six.", "Seven eight nine ten."});
        const StoredDocument d = store.add("/r.pdf", sha('e'), 1, document,
                                           Chunker(4, Chunker::estimateTokens).chunk(document), "chars/4", 4);
        const QList<Chunk> bigger = Chunker(1000, Chunker::estimateTokens).chunk(document);
        store.replaceChunks(d.id, bigger, "model.gguf", 1000);
        QCOMPARE(store.document(d.id).chunkCount, 1);
        QCOMPARE(store.document(d.id).tokenCounter, QStringLiteral("model.gguf"));
        QCOMPARE(store.content(d.id).text, document.text);
        QCOMPARE(store.search("seven").size(), 1);
    }

    void fixturesReachSchema4_data()
    {
        QTest::addColumn<QString>("fixture");
        for (int v = 1; v <= Database::kSchemaVersion; ++v)
            QTest::addRow("v%d", v) << QStringLiteral(STORAGE_FIXTURES "/v%1.db").arg(v);
    }

    void fixturesReachSchema4()
    {
        QFETCH(QString, fixture);
        QTemporaryDir dir;
        const QString path = dir.filePath("conversations.db");
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        Database db(path);
        db.open();
        QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
        DocumentStore store(db);
        ConversationStore conversations(db);
        const qint64 conversation = conversations.list(0, 10).value(0).id;
        if (!fixture.endsWith("v1.db") && !fixture.endsWith("v2.db") && !fixture.endsWith("v3.db")) {
            const QList<StoredDocument> documents = store.list();
            QCOMPARE(documents.size(), 1);
            QCOMPARE(documents[0].title, fixture::kDocumentTitle);
            QCOMPARE(store.content(documents[0].id).pageText(2).trimmed(), fixture::kDocumentPageTwo);
            const DocumentSearchHit hit = store.search("stoneware").value(0);
            QVERIFY(hit.firstPage <= 2 && hit.lastPage == 2);
            QCOMPARE(store.attachedDocuments(conversation), QList<qint64>{documents[0].id});
        } else {
            QVERIFY(store.list().isEmpty());
        }
        // The tables work on a migrated file.
        const Document document = pagedDocument({"Migrated apples."});
        const StoredDocument d =
            store.add("/m.pdf", sha('f'), 1, document, Chunker(64, Chunker::estimateTokens).chunk(document),
                      "chars/4", 64);
        store.attach(conversation, d.id);
        QCOMPARE(store.search("migrated").value(0).documentId, d.id);
    }
};

QTEST_GUILESS_MAIN(TestDocumentStore)
#include "tst_documentstore.moc"
