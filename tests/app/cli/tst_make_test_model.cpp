// hearth-cli make-test-model as a user runs it: the file it writes opens and describes itself,
// and bad options give one clear line.
#include "cli_run.h"
#include "testdata.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestMakeTestModel : public QObject {
    Q_OBJECT

  private slots:
    void writesModel_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("type");
        QTest::newRow("llama f32") << "llama"
                                   << "f32";
        QTest::newRow("qwen3 q4_k_m") << "qwen3"
                                      << "q4_k_m";
        QTest::newRow("phi3 q6_k") << "phi3"
                                   << "q6_k";
    }

    void writesModel()
    {
        QFETCH(QString, arch);
        QFETCH(QString, type);
        QTemporaryDir dir;
        const QString path = dir.filePath("m.gguf");
        const CliRun make = runCli({"make-test-model", "--arch", arch, "--preset", "tiny", "--type", type,
                                    "--seed", "5", "-o", path});
        QVERIFY2(make.exitCode == 0, make.err.constData());
        QVERIFY(make.out.startsWith("wrote " + path.toUtf8()));
        const CliRun info = runCli({"info", path, "--json"});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(o["architecture"].toString(), arch);
        QCOMPARE(o["embedding_length"].toInt(), 256);
        QCOMPARE(o["block_count"].toInt(), 2);
        QCOMPARE(o["tokenizer_model"].toString(), QString("gpt2"));
        QCOMPARE(o["chat_template"].toBool(), true);
        QCOMPARE(o["name"].toString(), QString("Hearth test %1 tiny %2 seed 5").arg(arch, type));

        // Same options, same bytes.
        const QString again = dir.filePath("again.gguf");
        QCOMPARE(runCli({"make-test-model", "--arch", arch, "--preset", "tiny", "--type", type, "--seed", "5",
                         "-o", again})
                     .exitCode,
                 0);
        QFile a(path), b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
    }

    void writesEncoder()
    {
        // An embedding model: WordPiece vocabulary, no chat template, bge-small's shapes on request.
        QTemporaryDir dir;
        const QString path = dir.filePath("e.gguf");
        const CliRun make = runCli(
            {"make-test-model", "--arch", "bert", "--preset", "bge-small", "--type", "q8_0", "-o", path});
        QVERIFY2(make.exitCode == 0, make.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(runCli({"info", path, "--json"}).out).object();
        QCOMPARE(o["architecture"].toString(), QString("bert"));
        QCOMPARE(o["embedding_length"].toInt(), 384);
        QCOMPARE(o["block_count"].toInt(), 12);
        QCOMPARE(o["context_length"].toInt(), 512);
        QCOMPARE(o["tokenizer_model"].toString(), QString("bert"));
        QCOMPARE(o["chat_template"].toBool(), false);
        const CliRun kQuant = runCli(
            {"make-test-model", "--arch", "bert", "--preset", "bge-small", "--type", "q4_k_m", "-o", path});
        QCOMPARE(kQuant.exitCode, 1);
        QVERIFY2(kQuant.err.contains("do not fit K-quant blocks"), kQuant.err.constData());
    }

    void badOptions()
    {
        QCOMPARE(runCli({"make-test-model", "--help"}).exitCode, 0);
        const CliRun noOutput = runCli({"make-test-model", "--arch", "llama"});
        QCOMPARE(noOutput.exitCode, 2);
        QCOMPARE(noOutput.err,
                 QByteArray("hearth-cli make-test-model: give the output file with -o FILE (see --help)\n"));
        const CliRun badArch = runCli({"make-test-model", "--arch", "gpt-j", "-o", "/tmp/x.gguf"});
        QCOMPARE(badArch.exitCode, 1);
        QCOMPARE(badArch.err, QByteArray("hearth-cli make-test-model: unknown test-model architecture "
                                         "'gpt-j' (choose llama, qwen2, qwen3, gemma2, gemma3, phi3, bert, "
                                         "nomic-bert)\n"));
        const CliRun badSeed = runCli({"make-test-model", "--seed", "x", "-o", "/tmp/x.gguf"});
        QCOMPARE(badSeed.exitCode, 2);
        const CliRun unwritable = runCli({"make-test-model", "-o", "/nonexistent-dir/m.gguf"});
        QCOMPARE(unwritable.exitCode, 1);
        QCOMPARE(unwritable.err, QByteArray("hearth-cli make-test-model: cannot write "
                                            "/nonexistent-dir/m.gguf: No such file or directory\n"));
    }
};

QTEST_GUILESS_MAIN(TestMakeTestModel)
#include "tst_make_test_model.moc"
