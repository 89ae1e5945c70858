// Encrypted history on real SQLite files: after encrypting, the raw bytes of the database, its
// write-ahead log and its index hold none of the known texts; search still finds them once
// unlocked; a wrong passphrase is refused and leaves the file as it was; hearth-cli history
// encrypt SIGKILLed part-way finishes when run again, losing nothing; decrypting restores it all.
#include "documents/documentstore.h"
#include "documents/summarystore.h"
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/historyencryption.h"
#include "storage/historykeys.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kPassphrase = QStringLiteral("correct horse battery staple");

// Lower case: the search index on disk keeps words folded, and it must not hold them either.
const QStringList kMarkers = {
    QStringLiteral("ottermint"),    // conversation title
    QStringLiteral("velvetlynx"),   // system prompt
    QStringLiteral("quokkaharbor"), // message text
    QStringLiteral("glimmerfjord"), // reasoning
    QStringLiteral("basaltwren"),   // document title
    QStringLiteral("tangelocrest"), // document path
    QStringLiteral("saffronkite"),  // document text
    QStringLiteral("mossbrook"),    // a document's section
    QStringLiteral("lanternyak"),   // a summary
    QStringLiteral("cobaltheron"),  // a summary's note
};

// ctest sets HEARTH_CLI; run by hand, the build's own.
QString cli()
{
    const QString path = qEnvironmentVariable("HEARTH_CLI");
    return path.isEmpty() ? QStringLiteral(HEARTH_BINARY_DIR "/bin/hearth-cli") : path;
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The markers found in the database file, its write-ahead log or its shared-memory index.
QStringList markersOnDisk(const QString& dbPath, const QStringList& markers = kMarkers)
{
    const QByteArray bytes = fileBytes(dbPath) + fileBytes(dbPath + QStringLiteral("-wal")) +
                             fileBytes(dbPath + QStringLiteral("-shm"));
    QStringList found;
    for (const QString& marker : markers)
        if (bytes.contains(marker.toUtf8()))
            found.append(marker);
    return found;
}

QByteArray digest(const QString& path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256).toHex();
}

struct Filled {
    qint64 conversationId = 0;
    qint64 documentId = 0;
    qint64 summaryId = 0;
};

// One conversation, one document with a summary, each carrying one marker per sealed column.
Filled fill(Database& db)
{
    Filled f;
    ConversationStore store(db);
    Conversation init;
    init.title = QStringLiteral("Trip to the ottermint coast");
    init.systemPrompt = QStringLiteral("You are velvetlynx, a travel guide.");
    f.conversationId = store.create(init).id;
    Message question;
    question.content = QStringLiteral("Where is quokkaharbor?");
    store.appendMessage(f.conversationId, question);
    Message answer;
    answer.role = Role::Assistant;
    answer.content = QStringLiteral("On the west coast.");
    answer.reasoning = QStringLiteral("The user asks about glimmerfjord geography.");
    store.appendMessage(f.conversationId, answer);

    Document document;
    document.title = QStringLiteral("Notes on basaltwren");
    document.author = QStringLiteral("A. Author");
    document.format = QStringLiteral("text");
    document.text = QStringLiteral("The saffronkite migrates in spring over the hills.");
    document.parts = {DocumentPart{0, QStringLiteral("Chapter mossbrook"), 0, document.text.size()}};
    Chunk chunk;
    chunk.end = document.text.size();
    chunk.section = QStringLiteral("Chapter mossbrook");
    chunk.tokens = 12;
    DocumentStore documents(db);
    f.documentId = documents
                       .add(QStringLiteral("/home/someone/tangelocrest.txt"), QStringLiteral("ab12"),
                            document.text.size(), document, {chunk}, QStringLiteral("chars/4"), 512)
                       .id;
    SummaryStore summaries(db);
    f.summaryId = summaries.openSummary(
        {f.documentId, QStringLiteral("model.gguf"), QStringLiteral("brief"), {}, {}, {}});
    summaries.saveNote(f.summaryId, 0, 0, QStringLiteral("A note about cobaltheron."), 0, 0, 10, 5);
    summaries.finish(f.summaryId, QStringLiteral("In short: lanternyak."));
    return f;
}

QString sqlText(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        throw hearth::Error(("query failed: " + sql + ": " + q.lastError().text()).toStdString());
    return q.value(0).toString();
}

// Every marker read back through the stores (and the summary, which no store reads, in SQL).
void checkReadable(Database& db, const Filled& f)
{
    ConversationStore store(db);
    const Conversation c = store.conversation(f.conversationId);
    QVERIFY(c.title.contains(QStringLiteral("ottermint")));
    QVERIFY(c.systemPrompt.contains(QStringLiteral("velvetlynx")));
    const QList<Message> path = store.activePath(f.conversationId);
    QCOMPARE(path.size(), 2);
    QCOMPARE(path[0].content, QStringLiteral("Where is quokkaharbor?"));
    QCOMPARE(path[1].reasoning, QStringLiteral("The user asks about glimmerfjord geography."));
    DocumentStore documents(db);
    const StoredDocument d = documents.document(f.documentId);
    QCOMPARE(d.title, QStringLiteral("Notes on basaltwren"));
    QCOMPARE(d.path, QStringLiteral("/home/someone/tangelocrest.txt"));
    const Document content = documents.content(f.documentId);
    QVERIFY(content.text.contains(QStringLiteral("saffronkite")));
    QCOMPARE(content.parts.value(0).section, QStringLiteral("Chapter mossbrook"));
    QCOMPARE(documents.chunks(f.documentId).value(0).section, QStringLiteral("Chapter mossbrook"));
    SummaryStore summaries(db);
    QCOMPARE(summaries.notes(f.summaryId, 0).value(0), QStringLiteral("A note about cobaltheron."));
    QCOMPARE(sqlText(db, QStringLiteral("SELECT hearth_open(text, 'document_summaries', 'text', id) FROM "
                                        "document_summaries WHERE id = %1")
                             .arg(f.summaryId)),
             QStringLiteral("In short: lanternyak."));
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(cli(), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestHistoryEncryption : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY2(QFileInfo(cli()).isExecutable(), qPrintable(cli() + " is missing")); }
    void encryptedFilesHoldNoPlaintext()
    {
        guarded(&TestHistoryEncryption::encryptedFilesHoldNoPlaintextChecks);
    }
    void searchFindsWordsAfterUnlock() { guarded(&TestHistoryEncryption::searchFindsWordsAfterUnlockChecks); }
    void lockedHistoryIsNotReadable() { guarded(&TestHistoryEncryption::lockedHistoryIsNotReadableChecks); }
    void wrongPassphraseChangesNothing()
    {
        guarded(&TestHistoryEncryption::wrongPassphraseChangesNothingChecks);
    }
    void writesWhileEncryptedAreSealed()
    {
        guarded(&TestHistoryEncryption::writesWhileEncryptedAreSealedChecks);
    }
    void decryptRestoresPlaintext() { guarded(&TestHistoryEncryption::decryptRestoresPlaintextChecks); }
    void killedEncryptionResumes_data();
    void killedEncryptionResumes() { guarded(&TestHistoryEncryption::killedEncryptionResumesChecks); }
    void cliUnlocksOtherCommands() { guarded(&TestHistoryEncryption::cliUnlocksOtherCommandsChecks); }

  private:
    // The stores throw hearth::Error; QtTest would only say "unhandled exception".
    void guarded(void (TestHistoryEncryption::*checks)())
    {
        try {
            (this->*checks)();
        } catch (const hearth::Error& e) {
            QFAIL(e.what());
        }
    }
    void encryptedFilesHoldNoPlaintextChecks();
    void searchFindsWordsAfterUnlockChecks();
    void lockedHistoryIsNotReadableChecks();
    void wrongPassphraseChangesNothingChecks();
    void writesWhileEncryptedAreSealedChecks();
    void decryptRestoresPlaintextChecks();
    void killedEncryptionResumesChecks();
    void cliUnlocksOtherCommandsChecks();
};

void TestHistoryEncryption::encryptedFilesHoldNoPlaintextChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    Database db(path);
    db.open();
    const Filled f = fill(db);
    // The test sees plaintext where there is some.
    QCOMPARE(markersOnDisk(path), kMarkers);

    QList<qint64> reported;
    HistoryEncryption::encrypt(db, kPassphrase, [&](qint64 done, qint64 total) {
        reported.append(done);
        return done <= total;
    });
    QCOMPARE(HistoryEncryption::state(db), HistoryEncryption::State::On);
    QCOMPARE(HistoryEncryption::plainValues(db), 0);
    QVERIFY(HistoryEncryption::sealedValues(db) >= kMarkers.size());
    QVERIFY(!reported.isEmpty());
    // While the connection is still open (the log and its index exist) and after it closed.
    QCOMPARE(markersOnDisk(path), QStringList());
    checkReadable(db, f);
    db.close();
    QCOMPARE(markersOnDisk(path), QStringList());
    history_keys::forget(path);
}

void TestHistoryEncryption::searchFindsWordsAfterUnlockChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    {
        Database db(path);
        db.open();
        fill(db);
        HistoryEncryption::encrypt(db, kPassphrase);
    }
    history_keys::forget(path); // as a new process would start

    Database db(path);
    db.open();
    QVERIFY(HistoryEncryption::isLocked(db));
    HistoryEncryption::unlock(db, kPassphrase);
    QVERIFY(!HistoryEncryption::isLocked(db));
    ConversationStore store(db);
    const QList<SearchHit> hits = store.search(QStringLiteral("quokka")); // a word's beginning
    QCOMPARE(hits.size(), 1);
    QVERIFY(hits[0].snippet.contains(QStringLiteral("[quokkaharbor]")));
    QVERIFY(hits[0].conversationTitle.contains(QStringLiteral("ottermint")));
    DocumentStore documents(db);
    const QList<DocumentSearchHit> found = documents.search(QStringLiteral("saffronkite"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].title, QStringLiteral("Notes on basaltwren"));
    QCOMPARE(found[0].section, QStringLiteral("Chapter mossbrook"));

    // Written after unlocking: found too, and the search index lives in memory only.
    const qint64 id = store.allConversationIds().first();
    Message later;
    later.content = QStringLiteral("And what about pelicanmarsh?");
    store.appendMessage(id, later);
    QCOMPARE(store.search(QStringLiteral("pelicanmarsh")).size(), 1);
    QCOMPARE(sqlText(db, QStringLiteral("SELECT count(*) FROM main.sqlite_master WHERE name LIKE '%fts%'")),
             QStringLiteral("0"));
    db.close();
    QCOMPARE(markersOnDisk(path, {QStringLiteral("pelicanmarsh")}), QStringList());
    history_keys::forget(path);
}

void TestHistoryEncryption::lockedHistoryIsNotReadableChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    Filled f;
    {
        Database db(path);
        db.open();
        f = fill(db);
        HistoryEncryption::encrypt(db, kPassphrase);
    }
    history_keys::forget(path);
    Database db(path);
    db.open();
    ConversationStore store(db);
    try {
        store.conversation(f.conversationId);
        QFAIL("read an encrypted conversation without its key");
    } catch (const hearth::Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("locked")), e.what());
    }
}

void TestHistoryEncryption::wrongPassphraseChangesNothingChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    Filled f;
    {
        Database db(path);
        db.open();
        f = fill(db);
        HistoryEncryption::encrypt(db, kPassphrase);
    }
    history_keys::forget(path);
    const QByteArray before = digest(path);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));

    {
        Database db(path);
        db.open();
        for (const QString& wrong : {QStringLiteral("Correct horse battery staple"), QStringLiteral("x")}) {
            try {
                HistoryEncryption::unlock(db, wrong);
                QFAIL("a wrong passphrase unlocked the history");
            } catch (const hearth::Error& e) {
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("wrong passphrase")),
                         e.what());
            }
            QVERIFY(HistoryEncryption::isLocked(db));
            for (auto call : {&HistoryEncryption::encrypt, &HistoryEncryption::decrypt}) {
                try {
                    call(db, wrong, {});
                    QFAIL("a wrong passphrase was accepted");
                } catch (const hearth::Error& e) {
                    QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("wrong passphrase")),
                             e.what());
                }
            }
        }
    }
    QCOMPARE(digest(path), before);

    // The same through hearth-cli, from a script (standard input) and a file.
    const QString wrongFile = dir.filePath(QStringLiteral("wrong.txt"));
    writeFile(wrongFile, "not it\n");
    for (const QStringList& args :
         {QStringList{QStringLiteral("history"), QStringLiteral("decrypt"),
                      QStringLiteral("--passphrase-file"), wrongFile},
          QStringList{QStringLiteral("docs"), QStringLiteral("search"), QStringLiteral("saffronkite"),
                      QStringLiteral("--passphrase-file=-")},
          QStringList{QStringLiteral("conversations"), QStringLiteral("list"),
                      QStringLiteral("--passphrase-file"), QStringLiteral("-")},
          QStringList{QStringLiteral("docs"), QStringLiteral("list")}}) {
        const CliResult r =
            runCli(args + QStringList{QStringLiteral("--data-dir"), dir.path()}, "not it either\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("wrong passphrase")) ||
                     r.err.contains(QStringLiteral("--passphrase-file")),
                 qPrintable(r.err));
        QVERIFY2(r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err)); // one plain line
        QVERIFY2(!r.out.contains(QStringLiteral("ottermint")), qPrintable(r.out));
    }
    QCOMPARE(digest(path), before);

    Database db(path);
    db.open();
    HistoryEncryption::unlock(db, kPassphrase);
    checkReadable(db, f);
    history_keys::forget(path);
}

void TestHistoryEncryption::writesWhileEncryptedAreSealedChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    const QStringList fresh = {QStringLiteral("heronquill"), QStringLiteral("dunlinspark"),
                               QStringLiteral("marmotgale"), QStringLiteral("ibexlumen"),
                               QStringLiteral("plovermist")};
    qint64 conversationId = 0;
    qint64 answerId = 0;
    {
        Database db(path);
        db.open();
        HistoryEncryption::encrypt(db, kPassphrase); // empty history: encrypted from the start
        ConversationStore store(db);
        Conversation init;
        init.systemPrompt = QStringLiteral("Speak like heronquill.");
        conversationId = store.create(init).id;
        Message question;
        question.content = QStringLiteral("Tell me about dunlinspark.");
        store.appendMessage(conversationId, question); // the automatic title holds the word too
        store.rename(conversationId, QStringLiteral("All about marmotgale"));
        Message answer;
        answer.role = Role::Assistant;
        answerId = store.appendMessage(conversationId, answer).id;
        store.updateStreamingMessage(answerId, QStringLiteral("It is ibexlumen"),
                                     QStringLiteral("plovermist"));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT typeof(content), typeof(reasoning) FROM messages WHERE id = %1")
                           .arg(answerId)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("blob"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("blob"));
        q.finish();
        QCOMPARE(HistoryEncryption::plainValues(db), 0);
        // Pushed out of the log into the file, where old cells would linger without secure_delete.
        db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), QStringLiteral("checkpoint"));
        QCOMPARE(markersOnDisk(path, fresh), QStringList());
    }
    QCOMPARE(markersOnDisk(path, fresh), QStringList());
    history_keys::forget(path);
    Database db(path);
    db.open();
    HistoryEncryption::unlock(db, kPassphrase);
    ConversationStore store(db);
    QCOMPARE(store.conversation(conversationId).title, QStringLiteral("All about marmotgale"));
    QCOMPARE(store.message(answerId).content, QStringLiteral("It is ibexlumen"));
    QCOMPARE(store.message(answerId).reasoning, QStringLiteral("plovermist"));
    history_keys::forget(path);
}

void TestHistoryEncryption::decryptRestoresPlaintextChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    Filled f;
    {
        Database db(path);
        db.open();
        f = fill(db);
        HistoryEncryption::encrypt(db, kPassphrase);
    }
    history_keys::forget(path);
    {
        Database db(path);
        db.open();
        try {
            HistoryEncryption::decrypt(db, QStringLiteral("wrong"));
            QFAIL("decrypted with a wrong passphrase");
        } catch (const hearth::Error&) {
        }
        HistoryEncryption::decrypt(db, kPassphrase);
        QCOMPARE(HistoryEncryption::state(db), HistoryEncryption::State::Off);
        QCOMPARE(HistoryEncryption::sealedValues(db), 0);
    }
    history_keys::forget(path);
    Database db(path);
    db.open();
    QVERIFY(!HistoryEncryption::isLocked(db));
    checkReadable(db, f);
    // The search index is back on disk, and finds the old words and new ones.
    ConversationStore store(db);
    QCOMPARE(store.search(QStringLiteral("quokkaharbor")).size(), 1);
    Message later;
    later.content = QStringLiteral("Plain again: avocetbloom.");
    store.appendMessage(f.conversationId, later);
    QCOMPARE(store.search(QStringLiteral("avocetbloom")).size(), 1);
    QCOMPARE(DocumentStore(db).search(QStringLiteral("saffronkite")).size(), 1);
    QCOMPARE(
        sqlText(db, QStringLiteral("SELECT count(*) FROM main.sqlite_master WHERE name = 'messages_fts'")),
        QStringLiteral("1"));
}

void TestHistoryEncryption::killedEncryptionResumes_data()
{
    QTest::addColumn<int>("killAtTenth");
    QTest::newRow("early") << 1;
    QTest::newRow("half-way") << 4;
    QTest::newRow("late") << 7;
}

// hearth-cli history encrypt, slowed down by the test hook, is SIGKILLed part-way; the file is
// sound, part sealed and part plain; running it again finishes, and every message reads back.
void TestHistoryEncryption::killedEncryptionResumesChecks()
{
    QFETCH(int, killAtTenth);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    constexpr int kMessages = 200;
    QStringList texts;
    {
        Database db(path);
        db.open();
        ConversationStore store(db);
        for (int c = 0; c < 4; ++c) {
            Conversation init;
            init.title = QStringLiteral("conversation %1 about wombatcairn").arg(c);
            const qint64 id = store.create(init).id;
            for (int m = 0; m < kMessages / 4; ++m) {
                Message message;
                message.role = m % 2 ? Role::Assistant : Role::User;
                message.content =
                    QStringLiteral("message %1.%2 mentions wombatcairn and ünïcödé ✓").arg(c).arg(m);
                texts.append(message.content);
                store.appendMessage(id, message);
            }
        }
    }
    const QString passphraseFile = dir.filePath(QStringLiteral("passphrase"));
    writeFile(passphraseFile, kPassphrase.toUtf8() + "\n");
    const QStringList args = {QStringLiteral("history"),           QStringLiteral("encrypt"),
                              QStringLiteral("--data-dir"),        dir.path(),
                              QStringLiteral("--passphrase-file"), passphraseFile};

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HEARTH_TEST_ENCRYPTION_BATCH_DELAY_MS"), QStringLiteral("40"));
    child.setProcessEnvironment(environment);
    child.start(cli(), args);
    QVERIFY(child.waitForStarted());
    // Progress lines "encrypting: done/total values", one per tenth: kill at the chosen one.
    QByteArray progress;
    bool killed = false;
    QElapsedTimer clock;
    clock.start();
    while (!killed && clock.elapsed() < 60000 && child.state() == QProcess::Running) {
        child.waitForReadyRead(100);
        progress += child.readAllStandardError();
        for (const QByteArray& line : progress.split('\n')) {
            const QList<QByteArray> numbers = line.mid(line.indexOf(' ') + 1).split(' ').value(0).split('/');
            if (!line.startsWith("encrypting:") || numbers.size() != 2)
                continue;
            const qint64 done = numbers[0].toLongLong();
            const qint64 total = numbers[1].toLongLong();
            if (total > 0 && done * 10 / total >= killAtTenth) {
                child.kill(); // SIGKILL: no destructor, no rollback, no final scrub
                killed = true;
                break;
            }
        }
    }
    QVERIFY2(killed, progress.constData());
    QVERIFY(child.waitForFinished(5000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    {
        Database db(path);
        db.open();
        QCOMPARE(sqlText(db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QCOMPARE(HistoryEncryption::state(db), HistoryEncryption::State::Encrypting);
        QVERIFY(HistoryEncryption::sealedValues(db) > 0);
        QVERIFY(HistoryEncryption::plainValues(db) > 0);
    }

    const CliResult again = runCli(args);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(markersOnDisk(path, {QStringLiteral("wombatcairn")}), QStringList());
    const CliResult status = runCli(
        {QStringLiteral("history"), QStringLiteral("status"), QStringLiteral("--data-dir"), dir.path()});
    QVERIFY2(status.out.contains(QStringLiteral("encryption on")) &&
                 status.out.contains(QStringLiteral(" 0 in plain")),
             qPrintable(status.out));

    history_keys::forget(path);
    Database db(path);
    db.open();
    HistoryEncryption::unlock(db, kPassphrase);
    ConversationStore store(db);
    QStringList readBack;
    for (qint64 id : store.allConversationIds()) {
        QVERIFY(store.conversation(id).title.contains(QStringLiteral("wombatcairn")));
        for (const Message& m : store.allMessages(id))
            readBack.append(m.content);
    }
    QCOMPARE(readBack, texts);
    QCOMPARE(store.search(QStringLiteral("wombatcairn"), 1000).size(), kMessages);
    history_keys::forget(path);
}

// Every command that opens the database asks for the passphrase; with it they work.
void TestHistoryEncryption::cliUnlocksOtherCommandsChecks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.db"));
    {
        Database db(path);
        db.open();
        fill(db);
    }
    const QString passphraseFile = dir.filePath(QStringLiteral("passphrase"));
    writeFile(passphraseFile, kPassphrase.toUtf8() + "\n");
    const QStringList dataDir = {QStringLiteral("--data-dir"), dir.path()};
    const CliResult encrypted = runCli(QStringList{QStringLiteral("history"), QStringLiteral("encrypt"),
                                                   QStringLiteral("--passphrase-file"), QStringLiteral("-")} +
                                           dataDir,
                                       kPassphrase.toUtf8() + "\n");
    QVERIFY2(encrypted.exitCode == 0, qPrintable(encrypted.err));
    QCOMPARE(markersOnDisk(path), QStringList());

    const CliResult missing =
        runCli(QStringList{QStringLiteral("conversations"), QStringLiteral("list")} + dataDir);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QStringLiteral("the history is encrypted")), qPrintable(missing.err));

    const QStringList unlock = {QStringLiteral("--passphrase-file"), passphraseFile};
    const CliResult list =
        runCli(QStringList{QStringLiteral("conversations"), QStringLiteral("list")} + dataDir + unlock);
    QVERIFY2(list.exitCode == 0 && list.out.contains(QStringLiteral("ottermint")),
             qPrintable(list.err + list.out));
    const CliResult search = runCli(QStringList{QStringLiteral("conversations"), QStringLiteral("search"),
                                                QStringLiteral("quokkaharbor")} +
                                    dataDir + unlock);
    QVERIFY2(search.exitCode == 0 && search.out.contains(QStringLiteral("quokkaharbor")),
             qPrintable(search.err));
    const CliResult exported = runCli(
        QStringList{QStringLiteral("conversations"), QStringLiteral("export"), QStringLiteral("--all")} +
        dataDir + unlock);
    QVERIFY2(exported.exitCode == 0 && exported.out.contains(QStringLiteral("quokkaharbor")),
             qPrintable(exported.err));
    const CliResult docs =
        runCli(QStringList{QStringLiteral("docs"), QStringLiteral("search"), QStringLiteral("saffronkite")} +
               dataDir + unlock);
    QVERIFY2(docs.exitCode == 0 && docs.out.contains(QStringLiteral("basaltwren")), qPrintable(docs.err));

    const CliResult decrypted =
        runCli(QStringList{QStringLiteral("history"), QStringLiteral("decrypt")} + dataDir + unlock);
    QVERIFY2(decrypted.exitCode == 0, qPrintable(decrypted.err));
    const CliResult plain =
        runCli(QStringList{QStringLiteral("conversations"), QStringLiteral("list")} + dataDir);
    QVERIFY2(plain.exitCode == 0 && plain.out.contains(QStringLiteral("ottermint")), qPrintable(plain.err));
}

QTEST_GUILESS_MAIN(TestHistoryEncryption)
#include "tst_historyencryption.moc"
