// hearth-cli generate, driven as a user would: the JSON fields, greedy output of the trained
// stories260K model from BOS alone, stop strings and errors.
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& args)
{
    QProcess process;
    process.start(hearthCli(), args);
    process.waitForFinished(120000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// On the default device: the GPU (lavapipe in CI).
QStringList storiesArgs(const QStringList& more)
{
    return QStringList{"generate", "-m", testdataPath("stories260K.gguf")} + more;
}

} // namespace

class TestGenerateCommand : public QObject {
    Q_OBJECT
private slots:
    void jsonFromBosIsTheGreedyReference_data()
    {
        QTest::addColumn<QString>("device");
        QTest::newRow("default GPU") << QString();
        QTest::newRow("reference") << QString("reference");
    }

    void jsonFromBosIsTheGreedyReference()
    {
        QFETCH(QString, device);
        QStringList args{"-p", "", "-n", "200", "--temp", "0", "--json"};
        if (!device.isEmpty())
            args << "--device" << device;
        const Run run = runCli(storiesArgs(args));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject object = QJsonDocument::fromJson(run.out).object();
        for (const char* key : {"model", "device", "prompt_tokens", "tokens", "text", "top_logits", "prompt_ms",
                                "gen_ms", "prompt_tps", "gen_tps", "stop_reason"})
            QVERIFY2(object.contains(key), key);
        QCOMPARE(object["model"].toString(), QString("stories260K.gguf"));
        if (device.isEmpty())
            QVERIFY(!object["device"].toString().isEmpty() && object["device"].toString() != "reference");
        else
            QCOMPARE(object["device"].toString(), device);
        QCOMPARE(object["prompt_tokens"].toArray(), QJsonArray{1});
        QCOMPARE(object["stop_reason"].toString(), QString("length"));
        QCOMPARE(object["top_logits"].toArray().size(), 10);

        QFile file(testdataPath("stories260K.greedy200.tokens.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> expected = file.readAll().simplified().split(' ');
        const QJsonArray tokens = object["tokens"].toArray();
        QCOMPARE(tokens.size(), 200);
        for (int i = 0; i < 180; ++i)
            QCOMPARE(tokens[i].toInt(), expected[i].toInt());
        QFile text(testdataPath("stories260K.greedy200.expected.txt"));
        QVERIFY(text.open(QIODevice::ReadOnly));
        QVERIFY(text.readAll().startsWith(object["text"].toString().left(300).toUtf8()));
    }

    void stopStringIsNeverPrinted()
    {
        const Run run = runCli(storiesArgs({"-p", "Once upon a time", "-n", "64", "--temp", "0", "--stop", "Lily"}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, QByteArray(", there was a little girl named \n"));
        QVERIFY(run.err.contains("stop: stop"));
    }

    void samplingWithASeedRepeats()
    {
        const QStringList args = storiesArgs({"-p", "Tom", "-n", "40", "--temp", "1.5", "--top-k", "0", "--seed", "7"});
        const Run first = runCli(args);
        const Run second = runCli(args);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(first.out, second.out);
    }

    void errors()
    {
        Run run = runCli({"generate", "-p", "x"});
        QVERIFY(run.exitCode != 0);
        QVERIFY(run.err.contains("-m"));
        run = runCli({"generate", "-m", testdataPath("vocab/ggml-vocab-gpt-2.gguf"), "--device", "reference"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("'gpt2' is not supported") && run.err.contains("llama, qwen2"), run.err.constData());
        run = runCli({"generate", "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--top-p"));
    }
};

QTEST_GUILESS_MAIN(TestGenerateCommand)
#include "tst_generatecommand.moc"
