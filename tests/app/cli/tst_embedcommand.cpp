// hearth-cli embed, driven as a user would: one line of numbers or one JSON entry per text, unit
// vectors that agree with the CPU reference, the note for a text cut to the context, and the
// refusals (a chat model, an empty text, no text).
#include "cli_run.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QList<double> numbers(const QJsonArray& array)
{
    QList<double> values;
    for (const QJsonValue& v : array)
        values.append(v.toDouble());
    return values;
}

double dot(const QList<double>& a, const QList<double>& b)
{
    double sum = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        sum += a[i] * b[i];
    return sum;
}

} // namespace

class TestEmbedCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString model(const QString& arch)
    {
        const QString path = m_dir.filePath(arch + ".gguf");
        if (!QFile::exists(path)) {
            const CliRun make = runCli({"make-test-model", "--arch", arch, "--type", "f16", "-o", path});
            if (make.exitCode != 0)
                qWarning("%s", make.err.constData());
        }
        return path;
    }

  private slots:
    void linesOfNumbers()
    {
        const CliRun run = runCli({"embed", "-m", model("bert"), "the dog by the river", "a warm stone"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray& line : lines) {
            const QList<QByteArray> fields = line.split(' ');
            QCOMPARE(fields.size(), 256);
            double squares = 0;
            for (const QByteArray& field : fields) {
                bool ok = false;
                const double v = field.toDouble(&ok);
                QVERIFY(ok);
                squares += v * v;
            }
            QVERIFY(std::fabs(squares - 1.0) < 1e-4);
        }
        QVERIFY(lines[0] != lines[1]);
        QVERIFY(run.err.isEmpty());
    }

    void jsonAgreesWithTheReference_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::newRow("bert") << "bert";
        QTest::newRow("nomic-bert") << "nomic-bert";
    }
    void jsonAgreesWithTheReference()
    {
        QFETCH(QString, arch);
        const QStringList texts{"Once upon a time there was a little house.", "river"};
        const CliRun gpu = runCli(QStringList{"embed", "-m", model(arch), "--json"} + texts);
        const CliRun reference =
            runCli(QStringList{"embed", "-m", model(arch), "--json", "--device", "reference"} + texts);
        QVERIFY2(gpu.exitCode == 0 && reference.exitCode == 0, gpu.err.constData());
        const QJsonObject g = QJsonDocument::fromJson(gpu.out).object(),
                          r = QJsonDocument::fromJson(reference.out).object();
        QCOMPARE(g["model"].toString(), arch + ".gguf");
        QCOMPARE(g["dimension"].toInt(), 256);
        const QJsonArray ge = g["embeddings"].toArray(), re = r["embeddings"].toArray();
        QCOMPARE(ge.size(), 2);
        for (qsizetype i = 0; i < 2; ++i) {
            const QJsonObject item = ge[i].toObject();
            QCOMPARE(item["index"].toInt(), int(i));
            QCOMPARE(item["truncated"].toBool(), false);
            QCOMPARE(item["tokens"].toInt(), re[i].toObject()["tokens"].toInt());
            const QList<double> a = numbers(item["embedding"].toArray()),
                                b = numbers(re[i].toObject()["embedding"].toArray());
            QCOMPARE(a.size(), 256);
            QVERIFY(std::fabs(dot(a, a) - 1.0) < 1e-4);
            QVERIFY2(dot(a, b) >= 0.999, qPrintable(QString::number(dot(a, b))));
        }
        QCOMPARE(ge[1].toObject()["tokens"].toInt(), 3); // [CLS] river [SEP]
    }

    void longTextIsCutAndSaysSo()
    {
        const QString text = QString("the boy kept the stone in his pocket. ").repeated(20);
        const CliRun run = runCli({"embed", "-m", model("bert"), "--json", "short", text});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains(
                     "note: text 2 is longer than the model's context of 128 tokens; only its first 128 "
                     "tokens were embedded"),
                 run.err.constData());
        const QJsonArray items = QJsonDocument::fromJson(run.out).object()["embeddings"].toArray();
        QCOMPARE(items[0].toObject()["truncated"].toBool(), false);
        QCOMPARE(items[1].toObject()["truncated"].toBool(), true);
        QCOMPARE(items[1].toObject()["tokens"].toInt(), 128);
    }

    void refusals()
    {
        const QString chat = m_dir.filePath("llama.gguf");
        QCOMPARE(runCli({"make-test-model", "--arch", "llama", "-o", chat}).exitCode, 0);
        const CliRun chatModel = runCli({"embed", "-m", chat, "hello"});
        QCOMPARE(chatModel.exitCode, 1);
        QVERIFY2(chatModel.err.contains("is a text generation model (llama), not an embedding model"),
                 chatModel.err.constData());
        QVERIFY(chatModel.out.isEmpty());

        const CliRun empty = runCli({"embed", "-m", model("bert"), "fine", " "});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("text 2 is empty"), empty.err.constData());
        const CliRun none = runCli({"embed", "-m", model("bert")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("give one or more TEXT"), none.err.constData());
        const CliRun noModel = runCli({"embed", "hello"});
        QVERIFY(noModel.exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TestEmbedCommand)
#include "tst_embedcommand.moc"
