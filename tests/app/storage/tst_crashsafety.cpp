// Crash safety: storage_helper appends questions and streams answers into a real database and is
// SIGKILLed at a random moment, 20 times. Afterwards the file must pass integrity_check, hold every
// message the child reported as committed, and each saved answer must be a prefix of the text
// that was being generated (the whole text once the child reported it finished).
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storagescript.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestCrashSafety : public QObject {
    Q_OBJECT

    int m_answersCut = 0; // answers saved part-way: the kills did land mid-stream

  private slots:
    void cleanupTestCase() { QVERIFY2(m_answersCut > 0, "no kill landed while an answer was streaming"); }

    void killedWriterLosesNothingCommitted_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("killAfterMs");
        // Random moments, reproducible from the printed seed (HEARTH_CRASH_SEED repeats a run).
        const quint32 base = qEnvironmentVariableIsSet("HEARTH_CRASH_SEED")
                                 ? qgetenv("HEARTH_CRASH_SEED").toUInt()
                                 : QRandomGenerator::global()->generate();
        qInfo("crash-safety seed: %u", base);
        QRandomGenerator random(base);
        for (int run = 0; run < 20; ++run)
            QTest::addRow("run %d", run) << base + quint32(run) << int(random.bounded(20, 250));
    }

    void killedWriterLosesNothingCommitted()
    {
        try {
            check();
        } catch (const hearth::Error& e) {
            QFAIL(e.what());
        }
    }

  private:
    void check()
    {
        QFETCH(quint32, seed);
        QFETCH(int, killAfterMs);
        QTemporaryDir dir;
        QProcess child;
        child.start(QStringLiteral(STORAGE_HELPER),
                    {QStringLiteral("crash-writer"), dir.path(), QString::number(seed)});
        QVERIFY(child.waitForStarted());
        QThread::msleep(killAfterMs);
        child.kill(); // SIGKILL: no destructor, no flush, no rollback runs in the child
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QByteArray errors = child.readAllStandardError();
        QVERIFY2(errors.isEmpty(), errors.constData());

        // What the child reported after each write returned.
        QHash<qint64, int> committed; // message id -> script index
        QSet<qint64> finished;
        for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3)
                continue;
            committed.insert(parts[1].toLongLong(), parts[2].toInt());
            if (parts[0] == "finished")
                finished.insert(parts[1].toLongLong());
        }

        const QString path = dir.filePath(QStringLiteral("conversations.db"));
        if (!QFile::exists(path))
            return; // killed before it created the file
        Database db(path);
        db.open();
        QVERIFY(db.movedAsidePath().isEmpty());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")));

        ConversationStore store(db);
        QSet<qint64> seen;
        for (qint64 conversationId : store.allConversationIds()) {
            const int index = int(conversationId) - 1; // the child creates them in order, from 1
            for (const Message& m : store.allMessages(conversationId)) {
                seen.insert(m.id);
                if (committed.contains(m.id))
                    QCOMPARE(committed.value(m.id), index);
                if (m.role == Role::User) {
                    QCOMPARE(m.content, crash_script::userText(seed, index));
                    continue;
                }
                const QString full = crash_script::answerPieces(seed, index).join(QString());
                QVERIFY2(full.startsWith(m.content), qPrintable(m.content));
                if (finished.contains(m.id) || !m.finishReason.isEmpty()) {
                    QCOMPARE(m.content, full);
                    QCOMPARE(m.finishReason, QStringLiteral("stop"));
                } else if (!m.content.isEmpty()) {
                    ++m_answersCut;
                }
            }
        }
        for (auto it = committed.cbegin(); it != committed.cend(); ++it)
            QVERIFY2(seen.contains(it.key()),
                     qPrintable(QStringLiteral("message %1 was lost").arg(it.key())));
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
