// hearth-cli kernel-bench on a cheap subset: the JSON names the device and every result carries a
// positive time and the rates derived from it. (Speed itself is not asserted: a benchmark, not a test.)
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

class TestKernelBench : public QObject {
    Q_OBJECT
  private slots:
    void reportsTimesAndRates()
    {
        QProcess cli;
        cli.start(hearthCli(), {"kernel-bench", "--json", "--filter", "f32 1x4096", "--repeats", "2"});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject report = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QVERIFY(!report["device"].toString().isEmpty());
        const QJsonArray results = report["results"].toArray();
        QVERIFY(results.size() >=
                2); // rms_norm and layer_norm 1x4096 (not the weight-matrix cases: too slow on lavapipe)
        for (const QJsonValue& v : results) {
            const QJsonObject r = v.toObject();
            QVERIFY(r["shape"].toString().contains("4096"));
            QVERIFY(r["microseconds"].toDouble() > 0);
            QVERIFY(r["bytes"].toDouble() > 0);
            const double expected = r["bytes"].toDouble() / (r["microseconds"].toDouble() * 1000.0);
            QVERIFY(qAbs(r["gb_per_s"].toDouble() - expected) <= 1e-6 * expected + 1e-12);
        }
    }

    void unknownFilterFails()
    {
        QProcess cli;
        cli.start(hearthCli(), {"kernel-bench", "--filter", "no-such-kernel"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY(cli.exitCode() != 0);
        QVERIFY(cli.readAllStandardError().contains("no benchmark matches"));
    }
};

QTEST_GUILESS_MAIN(TestKernelBench)
#include "tst_kernelbench.moc"
