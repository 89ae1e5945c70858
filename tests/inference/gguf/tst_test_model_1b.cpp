// The 1b benchmark model: generated in under a minute of CPU time and opened in under a second
// (the file is mapped; opening reads only the header and the 128k-token vocabulary).
#include "hearth/gguf.h"
#include "hearth/test_model.h"

#include <ctime>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

class TestTestModel1b : public QObject {
    Q_OBJECT

  private slots:
    void generateAndOpen()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("1b.gguf").toStdString();
        QElapsedTimer wall;
        wall.start();
        const std::clock_t cpu_start = std::clock(); // all threads of the process
        hearth::write_test_model({"llama", "1b", "q4_k_m", 1}, path);
        const double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
        qInfo("1b q4_k_m generated: %.1f s wall, %.1f s CPU", double(wall.elapsed()) / 1000.0, cpu);
        QVERIFY2(cpu < 60.0, qPrintable(QString::number(cpu)));

        wall.restart();
        const hearth::GgufFile f = hearth::GgufFile::open(path);
        const qint64 openMs = wall.elapsed();
        qInfo("opened in %lld ms: %zu tensors, %.1f MiB", openMs, f.tensors().size(),
              double(f.file_size()) / 1048576.0);
        QVERIFY2(openMs < 1000, qPrintable(QString::number(openMs)));
        int64_t parameters = 0;
        for (const hearth::GgufTensor& t : f.tensors())
            parameters += t.elements();
        QCOMPARE(parameters, int64_t(1235814400)); // Llama 3.2 1B's count
        QCOMPARE(f.tensor("blk.15.ffn_down.weight").type, hearth::WeightType::Q6_K);
        QCOMPARE(f.tensor("blk.4.ffn_down.weight").type,
                 hearth::WeightType::Q6_K); // every third from the first eighth
        QCOMPARE(f.tensor("blk.2.ffn_down.weight").type, hearth::WeightType::Q4_K);
    }
};

QTEST_GUILESS_MAIN(TestTestModel1b)
#include "tst_test_model_1b.moc"
