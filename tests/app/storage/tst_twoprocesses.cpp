// Two processes on one database, as when the window is open while hearth-cli chat runs: this
// process writes as the window does, a storage_helper child writes as well, and a real
// `hearth-cli chat` on stories260K answers questions from stdin, all on one conversations.db at
// once. More than 1,000 message writes interleave; none may fail with "database is locked" (WAL,
// BEGIN IMMEDIATE and the busy timeout make each writer wait its turn), none may be lost, and the
// file passes SQLite's integrity check afterwards.
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storagescript.h"
#include "testdata.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

class TestTwoProcesses : public QObject {
    Q_OBJECT
  private slots:
    void windowHelperAndCliWriteAtOnce()
    {
        constexpr int kPairs = 250; // each side: 250 questions and answers, 6 writes a pair
        constexpr int kChatTurns = 12;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Database db(dir.filePath(QStringLiteral("conversations.db")));
        db.open();
        ConversationStore store(db);

        QProcess helper;
        helper.start(QStringLiteral(STORAGE_HELPER),
                     {QStringLiteral("shared-writer"), dir.path(), QString::number(kPairs)});
        QVERIFY2(helper.waitForStarted(), qPrintable(helper.errorString()));
        QProcess chat;
        chat.start(hearthCli(), {"chat", "-m", testdataPath("stories260K.gguf"), "-n", "4", "--temp", "0",
                                 "--data-dir", dir.path()});
        QVERIFY2(chat.waitForStarted(), qPrintable(chat.errorString()));
        QByteArray questions;
        for (int i = 0; i < kChatTurns; ++i)
            questions += QByteArray("Once upon a time number ") + QByteArray::number(i) + "\n";
        chat.write(questions);
        chat.closeWriteChannel();

        Conversation init;
        init.title = QStringLiteral("window");
        const Conversation mine = store.create(init);
        for (int i = 0; i < kPairs; ++i) {
            try {
                shared_writes::questionAndAnswer(store, mine.id, QStringLiteral("window"), i);
            } catch (const hearth::Error& e) {
                QFAIL(e.what());
            }
        }

        QVERIFY(helper.waitForFinished(120000));
        const QByteArray helperErrors = helper.readAllStandardError();
        QVERIFY2(helper.exitCode() == 0, helperErrors.constData());
        QVERIFY(chat.waitForFinished(240000));
        const QByteArray chatErrors = chat.readAllStandardError();
        QVERIFY2(chat.exitCode() == 0, chatErrors.constData());
        for (const QByteArray& errors : {helperErrors, chatErrors})
            QVERIFY2(!errors.contains("locked") && !errors.contains("busy"), errors.constData());

        QMap<QString, int> messagesByTitle;
        for (const Conversation& c : store.list(0, 10))
            messagesByTitle[c.title] = store.allMessages(c.id).size();
        QCOMPARE(messagesByTitle.value(QStringLiteral("window")), 2 * kPairs);
        QCOMPARE(messagesByTitle.value(QStringLiteral("shared-writer")), 2 * kPairs);
        QCOMPARE(store.count(), 3);
        int chatMessages = 0;
        for (auto it = messagesByTitle.cbegin(); it != messagesByTitle.cend(); ++it)
            if (it.key() != QLatin1String("window") && it.key() != QLatin1String("shared-writer"))
                chatMessages = it.value();
        QCOMPARE(chatMessages, 2 * kChatTurns);
        // Every answer of the two writers was finished with its whole text.
        for (const Message& m : store.allMessages(mine.id))
            if (m.role == Role::Assistant)
                QVERIFY(m.finishReason == QLatin1String("stop") && m.content.endsWith(QLatin1String("part 2. ")));

        QSqlQuery check(db.connection());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestTwoProcesses)
#include "tst_twoprocesses.moc"
