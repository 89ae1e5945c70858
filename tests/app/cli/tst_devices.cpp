// hearth-cli devices, driven as a user would: the JSON lists a usable device, and a machine
// without a Vulkan driver gets one line naming the package to install and a non-zero exit.
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

class TestDevices : public QObject {
    Q_OBJECT
  private slots:
    void listsDevicesAsJson()
    {
        QProcess cli;
        cli.start(hearthCli(), {"devices", "--json"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonArray devices = QJsonDocument::fromJson(cli.readAllStandardOutput()).array();
        QVERIFY(!devices.isEmpty());
        int chosen = 0;
        for (const QJsonValue& v : devices) {
            const QJsonObject d = v.toObject();
            QVERIFY(!d["name"].toString().isEmpty());
            QVERIFY(d["subgroup_size"].toInt() > 0 || !d["usable"].toBool());
            QVERIFY(!d["memory_heaps"].toArray().isEmpty());
            chosen += d["chosen"].toBool();
        }
        QCOMPARE(chosen, 1);
    }

    void textNamesEveryDevice()
    {
        QProcess cli;
        cli.start(hearthCli(), {"devices"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QString text = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(text.contains("subgroup") && text.contains("fp16") && text.contains("cooperative matrix"),
                 qPrintable(text));
    }

    void noDriverSaysWhatToInstall()
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("VK_ICD_FILENAMES", "/nonexistent/hearth-test-icd.json");
        env.insert("VK_DRIVER_FILES", "/nonexistent/hearth-test-icd.json");
        env.remove("HEARTH_VALIDATION");
        cli.setProcessEnvironment(env);
        cli.start(hearthCli(), {"devices"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY(cli.exitCode() != 0);
        const QStringList lines = QString::fromUtf8(cli.readAllStandardError())
                                      .split('\n', Qt::SkipEmptyParts)
                                      .filter("hearth-cli");
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains("mesa-vulkan-drivers"), qPrintable(lines[0]));
    }
};

QTEST_GUILESS_MAIN(TestDevices)
#include "tst_devices.moc"
