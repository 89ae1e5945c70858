// hearth-cli chat, driven as a user would: a one-shot answer from the trained stories260K model
// saved into the conversation store (and read back with `conversations`), --no-save, and a
// two-turn chat fed on stdin.
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess process;
    process.start(hearthCli(), args);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QStringList chatArgs(const QString& dataDir, const QStringList& more)
{
    return QStringList{"chat", "-m", testdataPath("stories260K.gguf"), "-n", "16",
                       "--temp", "0", "--data-dir", dataDir} +
           more;
}

QJsonArray conversations(const QString& dataDir)
{
    const Run run = runCli({"conversations", "list", "--json", "--data-dir", dataDir});
    if (run.exitCode != 0)
        qWarning() << run.err;
    return QJsonDocument::fromJson(run.out).object()["conversations"].toArray();
}

QJsonArray messages(const QString& dataDir, qint64 id)
{
    const Run run = runCli({"conversations", "show", QString::number(id), "--json", "--data-dir", dataDir});
    if (run.exitCode != 0)
        qWarning() << run.err;
    return QJsonDocument::fromJson(run.out).object()["messages"].toArray();
}

} // namespace

class TestChatCommand : public QObject {
    Q_OBJECT
private slots:
    void oneShotIsPrintedAndSaved()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Run run = runCli(chatArgs(dir.path(), {"-p", "Once upon a time"}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.trimmed().isEmpty());

        const QJsonArray list = conversations(dir.path());
        QCOMPARE(list.size(), 1);
        const QJsonArray saved = messages(dir.path(), list[0].toObject()["id"].toInteger());
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved[0].toObject()["role"].toString(), QString("user"));
        QCOMPARE(saved[0].toObject()["content"].toString(), QString("Once upon a time"));
        const QJsonObject answer = saved[1].toObject();
        QCOMPARE(answer["role"].toString(), QString("assistant"));
        // The program prints the answer then one newline.
        QVERIFY(run.out.endsWith('\n'));
        QCOMPARE(answer["content"].toString(), QString::fromUtf8(run.out.chopped(1)));
        QVERIFY(!answer["content"].toString().isEmpty());
        QVERIFY(answer["generatedTokens"].toInt() > 0);
        QVERIFY(answer["generatedTokens"].toInt() <= 16);
        QVERIFY(answer["promptTokens"].toInt() > 0);
        QVERIFY(answer["tokensPerSecond"].toDouble() > 0);
        QVERIFY(!answer["finishReason"].toString().isEmpty());
    }

    void noSaveStoresNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Run run = runCli(chatArgs(dir.path(), {"-p", "Once upon a time", "--no-save"}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.trimmed().isEmpty());
        QCOMPARE(conversations(dir.path()).size(), 0);
    }

    void twoTurnsOnStdinStoreFourMessages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Run run = runCli(chatArgs(dir.path(), {}), "Once upon a time\nThe cat sat\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray list = conversations(dir.path());
        QCOMPARE(list.size(), 1);
        const QJsonArray saved = messages(dir.path(), list[0].toObject()["id"].toInteger());
        QCOMPARE(saved.size(), 4);
        const char* roles[] = {"user", "assistant", "user", "assistant"};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(saved[i].toObject()["role"].toString(), QString(roles[i]));
        QCOMPARE(saved[0].toObject()["content"].toString(), QString("Once upon a time"));
        QCOMPARE(saved[2].toObject()["content"].toString(), QString("The cat sat"));
        // Both answers were printed.
        QVERIFY(run.out.contains(saved[1].toObject()["content"].toString().toUtf8()));
        QVERIFY(run.out.contains(saved[3].toObject()["content"].toString().toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestChatCommand)
#include "tst_chatcommand.moc"
