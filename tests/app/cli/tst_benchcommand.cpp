// hearth-cli bench with a tiny model, on the GPU and the CPU reference: the JSON report and its
// arithmetic; and the chunks/s report for an embedding model.
#include "testdata.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestBenchCommand : public QObject {
    Q_OBJECT
private slots:
    void jsonReport_data()
    {
        QTest::addColumn<QString>("device");
        QTest::newRow("default GPU") << QString();
        QTest::newRow("reference") << QString("reference");
    }

    void jsonReport()
    {
        QFETCH(QString, device);
        QStringList args{"bench", "-m", testdataPath("stories260K.gguf"), "--pp", "16", "--tg", "8", "--reps", "3",
                         "--json"};
        if (!device.isEmpty())
            args << "--device" << device;
        QProcess process;
        process.start(hearthCli(), args);
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QJsonObject report = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        if (device.isEmpty())
            QVERIFY(!report["device"].toString().isEmpty() && report["device"].toString() != "reference");
        else
            QCOMPARE(report["device"].toString(), device);
        QCOMPARE(report["pp"].toInt(), 16);
        QCOMPARE(report["tg"].toInt(), 8);
        QCOMPARE(report["reps"].toInt(), 3);
        for (const char* key : {"prompt_tps", "gen_tps"}) {
            const QJsonObject s = report[key].toObject();
            QVERIFY(s["min"].toDouble() > 0);
            QVERIFY(s["min"].toDouble() <= s["median"].toDouble());
            QVERIFY(s["median"].toDouble() <= s["max"].toDouble());
        }
        const double expected = report["gen_tps"].toObject()["median"].toDouble() * report["weight_bytes"].toDouble() / 1e9;
        QVERIFY(qAbs(report["decode_gbps"].toDouble() - expected) <= 1e-9 * qMax(1.0, expected));
    }

    void embeddingModelReportsChunksPerSecond()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("bert.gguf");
        QProcess make;
        make.start(hearthCli(), {"make-test-model", "--arch", "bert", "-o", model});
        QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
        QProcess process;
        process.start(hearthCli(),
                      {"bench", "-m", model, "--pp", "32", "--chunks", "5", "--reps", "2", "--json"});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QJsonObject report = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QCOMPARE(report["chunk_tokens"].toInt(), 32);
        QCOMPARE(report["chunks"].toInt(), 5);
        const QJsonObject rate = report["chunks_per_second"].toObject();
        QVERIFY(rate["min"].toDouble() > 0 && rate["min"].toDouble() <= rate["median"].toDouble() &&
                rate["median"].toDouble() <= rate["max"].toDouble());
        QVERIFY(qAbs(report["tokens_per_second"].toDouble() - 32 * rate["median"].toDouble()) < 1e-6);

        QProcess tooLong; // the tiny encoders read 128 tokens
        tooLong.start(hearthCli(), {"bench", "-m", model, "--pp", "129"});
        QVERIFY(tooLong.waitForFinished(60000));
        QVERIFY(tooLong.exitCode() != 0);
        QVERIFY(
            tooLong.readAllStandardError().contains("exceeds the embedding model's context of 128 tokens"));
    }

    void refusesAContextTooLong()
    {
        QProcess process;
        process.start(hearthCli(), {"bench", "-m", testdataPath("stories260K.gguf"), "--device", "reference", "--pp",
                                    "4000", "--tg", "8"});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(process.readAllStandardError().contains("context"));
    }
};

QTEST_GUILESS_MAIN(TestBenchCommand)
#include "tst_benchcommand.moc"
