// The disk fills up (a real tmpfs of a few megabytes, filled to the last byte): sending a message,
// streaming an answer, a hearth-cli chat, adding a document and a download each report the full
// disk, keep what was already committed, and work again once space is freed.
#include "core/networkgate.h"
#include "hearth/error.h"
#include "models/downloader.h"
#include "smalldisk.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/streamingwriter.h"
#include "testdata.h"
#include "testhub.h"
#include "waituntil.h"

#include <QtTest>

namespace {

struct CliResult {
    int exitCode;
    QByteArray out, err;
};

CliResult runCli(const QStringList& args)
{
    QProcess p;
    p.start(hearthCli(), args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// What the user is told about a full disk, wherever it happens.
bool saysDiskFull(const QString& message)
{
    return message.contains(QLatin1String("disk is full")) || message.contains(QLatin1String("disk space")) ||
           message.contains(QLatin1String("No space left on device"));
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT

    std::unique_ptr<SmallDisk> m_disk;

  private slots:
    void init()
    {
        m_disk = std::make_unique<SmallDisk>(8);
        if (!m_disk->mounted())
            QSKIP(qPrintable("mounting a tmpfs needs root: " + m_disk->error()));
    }
    void cleanup() { m_disk.reset(); }

    void messagesAndStreamingAnswers()
    {
        Database db(m_disk->path(QStringLiteral("data/conversations.db")));
        db.open();
        ConversationStore store(db);
        const Conversation c = store.create();
        Message question;
        question.content = QStringLiteral("Committed before the disk filled up.");
        store.appendMessage(c.id, question);
        Message answer;
        answer.role = Role::Assistant;
        const qint64 answerId = store.appendMessage(c.id, answer).id;
        StreamingWriter writer(store, answerId, 0); // every piece saved at once
        writer.append(QStringLiteral("The first words, saved. "));

        QVERIFY(m_disk->fill());
        const QString big(64 * 1024, QLatin1Char('x')); // needs new pages, whatever slack the files have
        try {
            Message next;
            next.content = big;
            store.appendMessage(c.id, next);
            QFAIL("a message was saved on a full disk");
        } catch (const hearth::Error& e) {
            QVERIFY2(saysDiskFull(QString::fromUtf8(e.what())), e.what());
        }
        try {
            writer.append(big);
            QFAIL("an answer was saved on a full disk");
        } catch (const hearth::Error& e) {
            QVERIFY2(saysDiskFull(QString::fromUtf8(e.what())), e.what());
        }
        QVERIFY(writer.text().endsWith(big)); // kept in memory for the next save

        // What was committed is all there, and nothing half-written.
        QList<Message> path = store.activePath(c.id);
        QCOMPARE(path.size(), 2);
        QCOMPARE(path[0].content, question.content);
        QCOMPARE(path[1].content, QStringLiteral("The first words, saved. "));

        m_disk->makeRoom();
        Message final;
        final.finishReason = QStringLiteral("stop");
        writer.finish(final);
        Message next;
        next.content = QStringLiteral("Sent once there was room again.");
        store.appendMessage(c.id, next);
        path = store.activePath(c.id);
        QCOMPARE(path.size(), 3);
        QCOMPARE(path[1].content, writer.text());
        QCOMPARE(path[1].finishReason, QStringLiteral("stop"));
        QSqlQuery check(db.connection());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }

    void cliChatAndDocuments()
    {
        const QString data = m_disk->path(QStringLiteral("data"));
        const QStringList chat{"chat", "-m", testdataPath("stories260K.gguf"), "-n", "8", "--temp", "0",
                               "--data-dir", data, "-p"};
        CliResult run = runCli(chat + QStringList{"Once upon a time"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString document = QDir::temp().filePath(QStringLiteral("hearth-diskfull-notes.md"));
        {
            QFile f(document);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QString text = QStringLiteral("# Kiln notes\n\n");
            for (int i = 0; i < 400; ++i)
                text += QStringLiteral("Bisque firing %1 reaches 950 degrees before glazing.\n\n").arg(i);
            f.write(text.toUtf8());
        }

        QVERIFY(m_disk->fill());
        run = runCli(chat + QStringList{QString(20000, QLatin1Char('a'))});
        QVERIFY2(run.exitCode != 0, run.out.constData());
        QVERIFY2(saysDiskFull(QString::fromUtf8(run.err)), run.err.constData());
        run = runCli({"docs", "add", document, "--data-dir", data});
        QVERIFY2(run.exitCode != 0, run.out.constData());
        QVERIFY2(saysDiskFull(QString::fromUtf8(run.err)), run.err.constData());

        m_disk->makeRoom();
        // The conversation saved before is intact, and nothing of the refused ones was kept.
        run = runCli({"conversations", "list", "--json", "--data-dir", data});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object()["total"].toInt(), 1);
        run = runCli({"docs", "list", "--json", "--data-dir", data});
        QVERIFY2(run.exitCode == 0 && !run.out.contains("Kiln"), run.out.constData());
        run = runCli({"docs", "add", document, "--data-dir", data});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runCli(chat + QStringList{"Once upon a time"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runCli({"conversations", "list", "--json", "--data-dir", data});
        QCOMPARE(QJsonDocument::fromJson(run.out).object()["total"].toInt(), 2);
        QFile::remove(document);
    }

    void downloadStopsAndResumes()
    {
        NetworkGate network;
        TestHub hub;
        const QString repo = QStringLiteral("acme/Tiny-GGUF");
        const QByteArray content = TestHub::makeGguf(3 * 1024 * 1024, 7);
        hub.addRepo(repo, 100);
        hub.addFile(repo, QStringLiteral("tiny.gguf"), content);
        hub.faults(repo, QStringLiteral("tiny.gguf")).chunkDelayMs = 20; // time to fill the disk mid-way
        DownloadPolicy policy;
        policy.retryBaseMs = 10;
        policy.retryMaxMs = 50;
        policy.maxRetries = 2;
        policy.reserveBytes = 0;
        const QString models = m_disk->path(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models));
        DownloadRequest request;
        request.id = repo + QStringLiteral("/tiny.gguf");
        request.url = QUrl(hub.url().toString() + '/' + repo + QStringLiteral("/resolve/main/tiny.gguf"));
        request.fileName = QStringLiteral("tiny.gguf");
        auto done = [](Download* d) {
            return d->state() == Download::State::Finished || d->state() == Download::State::Failed;
        };

        Downloader downloader(&network, models, policy, 1);
        Download* d = downloader.enqueue(request);
        QVERIFY(waitUntil([&] { return d->receivedBytes() >= 512 * 1024; }, 20000));
        QVERIFY(m_disk->fill());
        QVERIFY(waitUntil([&] { return done(d); }, 30000));
        QCOMPARE(d->state(), Download::State::Failed);
        QVERIFY2(saysDiskFull(d->errorString()), qPrintable(d->errorString()));
        QVERIFY(!QFile::exists(models + QStringLiteral("/tiny.gguf")));
        const qint64 kept = QFileInfo(models + QStringLiteral("/tiny.gguf.part")).size();
        QVERIFY2(kept >= 512 * 1024, "the bytes already written are kept for resuming");

        m_disk->makeRoom();
        hub.faults(repo, QStringLiteral("tiny.gguf")).chunkDelayMs = 0;
        hub.clearLog();
        d->requeue();
        QVERIFY(waitUntil([&] { return done(d); }, 30000));
        QVERIFY2(d->state() == Download::State::Finished, qPrintable(d->errorString()));
        QVERIFY(d->verified());
        QFile file(models + QStringLiteral("/tiny.gguf"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == content);
        QVERIFY(hub.requests().last().range.startsWith("bytes="));
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
