// Crash safety of what Hearth writes besides chat messages: a document summary and chats served
// through the local API (saved into the history), each SIGKILLed at 20 random moments and started
// again. After every kill the database passes integrity_check, every note the summary reported
// finished is still there word for word, and every chat the server reported saved or a client
// received in full is in the history, whole: its question and its answer, never one without the
// other. The summary then resumes to the same text as an uninterrupted run.
#include "apitestserver.h"
#include "harboursentences.h"
#include "hearth/test_model.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <csignal>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace {

constexpr int kRuns = 20;

quint32 seedFromEnvironment()
{
    // Random moments, reproducible from the printed seed (HEARTH_CRASH_SEED repeats a run).
    const quint32 seed = qEnvironmentVariableIsSet("HEARTH_CRASH_SEED")
                             ? qgetenv("HEARTH_CRASH_SEED").toUInt()
                             : QRandomGenerator::global()->generate();
    qInfo("kill seed: %u", seed);
    return seed;
}

QString integrity(Database& db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return QStringLiteral("integrity_check did not run");
    return q.value(0).toString();
}

// "<stage> DONE/TOTAL, ..." lines: the last DONE the summarizer reported (it reports after the
// note is written).
int lastReportedDone(const QByteArray& err)
{
    static const QRegularExpression step(QStringLiteral("^\\S+ (\\d+)/(\\d+),"),
                                         QRegularExpression::MultilineOption);
    int done = 0;
    for (auto it = step.globalMatch(QString::fromUtf8(err)); it.hasNext();)
        done = it.next().captured(1).toInt();
    return done;
}

} // namespace

class TestKills : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

  private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void killedSummaryKeepsEveryFinishedNote()
    {
        const QString model = m_dir.filePath(QStringLiteral("tiny.gguf"));
        hearth::write_test_model({}, model.toStdString());
        const QString text = m_dir.filePath(QStringLiteral("harbour.txt"));
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int paragraph = 0; paragraph < 7; ++paragraph) {
                for (int s = 0; s < 6; ++s)
                    file.write(QByteArray(kHarbourSentences[(paragraph + s) % 6]) + ' ');
                file.write("\n\n");
            }
        }
        const auto summarize = [&](const QString& dataDir, QProcess& process) {
            process.start(hearthCli(), {"summarize", "-m", model, text, "--style", "points", "--ctx", "512",
                                        "--json", "--data-dir", dataDir});
        };

        // The uninterrupted run: its text, and how long a run takes.
        QTemporaryDir whole;
        QProcess reference;
        QElapsedTimer clock;
        clock.start();
        summarize(whole.path(), reference);
        QVERIFY(reference.waitForFinished(300000));
        const qint64 wholeMs = clock.elapsed();
        QVERIFY2(reference.exitCode() == 0, reference.readAllStandardError().constData());
        const QJsonObject expected = QJsonDocument::fromJson(reference.readAllStandardOutput()).object();
        QVERIFY(expected["chunks"].toArray().size() >= 4);

        QTemporaryDir data;
        QRandomGenerator random(seedFromEnvironment());
        QHash<QString, QString> finishedNotes; // "summary:round:index" -> text, as first seen
        int killedMidway = 0;
        for (int run = 0; run < kRuns; ++run) {
            QProcess process;
            summarize(data.path(), process);
            QVERIFY(process.waitForStarted());
            // Within the first half of a whole run: a resumed run has less left to do, and most
            // kills should still land before it is done.
            const int killAfterMs = int(random.bounded(qint64(100), std::max<qint64>(200, wholeMs / 2)));
            if (!process.waitForFinished(killAfterMs)) {
                ::kill(pid_t(process.processId()), SIGKILL);
                QVERIFY(process.waitForFinished(10000));
                ++killedMidway;
            }
            const int done = lastReportedDone(process.readAllStandardError());

            Database db(data.filePath(QStringLiteral("conversations.db")));
            db.open();
            QCOMPARE(integrity(db), QStringLiteral("ok"));
            QSqlQuery notes(db.connection());
            QVERIFY(notes.exec(
                QStringLiteral("SELECT summary_id, round, item_index, text FROM document_summary_notes")));
            QHash<QString, QString> now;
            while (notes.next())
                now.insert(QStringLiteral("%1:%2:%3")
                               .arg(notes.value(0).toLongLong())
                               .arg(notes.value(1).toInt())
                               .arg(notes.value(2).toInt()),
                           notes.value(3).toString());
            for (auto it = finishedNotes.cbegin(); it != finishedNotes.cend(); ++it) {
                QVERIFY2(now.contains(it.key()), qPrintable("note " + it.key() + " was lost"));
                QCOMPARE(now.value(it.key()), it.value());
            }
            for (auto it = now.cbegin(); it != now.cend(); ++it)
                finishedNotes.insert(it.key(), it.value());
            // The newest summary holds at least the notes reported (the last step is its text).
            QSqlQuery newest(db.connection());
            QVERIFY(newest.exec(QStringLiteral(
                "SELECT (SELECT COUNT(*) FROM document_summary_notes WHERE summary_id = s.id), "
                "s.finished_at IS NOT NULL FROM document_summaries s ORDER BY s.id DESC LIMIT 1")));
            if (newest.next())
                QVERIFY2(newest.value(0).toInt() + (newest.value(1).toBool() ? 1 : 0) >= done,
                         qPrintable(QStringLiteral("%1 steps reported, %2 notes saved")
                                        .arg(done)
                                        .arg(newest.value(0).toInt())));
            else
                QCOMPARE(done, 0);
        }
        qInfo("%d of %d runs killed before they finished", killedMidway, kRuns);
        QVERIFY2(killedMidway >= kRuns / 4, "too few kills landed before the summary was done");

        // Resumed to the end, it says the same as the run that was never stopped.
        QProcess last;
        summarize(data.path(), last);
        QVERIFY(last.waitForFinished(300000));
        QVERIFY2(last.exitCode() == 0, last.readAllStandardError().constData());
        const QJsonObject resumed = QJsonDocument::fromJson(last.readAllStandardOutput()).object();
        QCOMPARE(resumed["summary"].toString(), expected["summary"].toString());
    }

    void killedServerKeepsEverySavedChat()
    {
        ApiTestServer server;
        QVERIFY(server.addTinyModel());
        QRandomGenerator random(seedFromEnvironment());
        QHash<QString, QString> received; // question -> the answer a client got in full
        int question = 0;
        for (int run = 0; run < kRuns; ++run) {
            QVERIFY(server.start({"-m", "tiny", "--save-chats"}));
            // Questions one after another until the kill, which lands at a random moment of one.
            bool killed = false;
            const int killAfterMs = int(random.bounded(50, 1500));
            QTimer::singleShot(killAfterMs, [&] {
                server.kill();
                killed = true;
            });
            while (!killed) {
                const QString asked = QStringLiteral("question %1").arg(++question);
                const QJsonObject body{
                    {"model", "tiny"},
                    {"max_tokens", 8},
                    {"temperature", 0},
                    {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", asked}}}}};
                const HttpResult reply = server.post(QStringLiteral("/v1/chat/completions"), body);
                if (reply.status == 200)
                    received.insert(asked, reply.json()["choices"][0]["message"]["content"].toString());
            }
            QStringList saved; // the ids the server said it committed
            for (const QString& line : server.logLines())
                if (line.startsWith(QLatin1String("saved conversation ")))
                    saved.append(line.mid(19));

            Database db(server.dataDir() + QStringLiteral("/conversations.db"));
            db.open();
            QCOMPARE(integrity(db), QStringLiteral("ok"));
            ConversationStore store(db);
            QHash<QString, QString> history; // question -> answer, from the saved conversations
            QSet<QString> ids;
            for (qint64 id : store.allConversationIds()) {
                const QList<Message> messages = store.allMessages(id);
                QCOMPARE(messages.size(), 2); // one transaction: both or neither
                QCOMPARE(messages[0].role, Role::User);
                QCOMPARE(messages[1].role, Role::Assistant);
                history.insert(messages[0].content, messages[1].content);
                ids.insert(QString::number(id));
            }
            for (const QString& id : saved)
                QVERIFY2(ids.contains(id), qPrintable("saved conversation " + id + " was lost"));
            for (auto it = received.cbegin(); it != received.cend(); ++it) {
                QVERIFY2(history.contains(it.key()), qPrintable("the answer to '" + it.key() + "' was lost"));
                QCOMPARE(history.value(it.key()), it.value());
            }
        }
        QVERIFY2(received.size() >= kRuns, "too few answers arrived before the kills to check anything");
    }
};

QTEST_GUILESS_MAIN(TestKills)
#include "tst_kills.moc"
