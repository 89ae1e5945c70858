// hearth-cli perplexity as a user runs it, against perplexity computed here independently from
// the engine's raw logits (llama.cpp's definition: windows of --ctx tokens from BOS, the second
// half of each scored), on the CPU reference and on the GPU; a trained model against noise; and
// the errors.
#include "hearth/engine.h"
#include "hearth/gguf.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"
#include "testdata.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char kStory[] =
    "Once upon a time, there was a little girl named Lily. She loved to play outside in the sun. One day, "
    "she saw a big red ball in the park. She ran to the ball and picked it up. A boy named Tom came to her "
    "and said, \"That is my ball. Can I have it back?\" Lily smiled and gave the ball to Tom. Tom was happy "
    "and said, \"Thank you! Do you want to play with me?\" Lily said yes, and they played together all "
    "day. When the sun went down, Lily went home to her mom. She told her mom about her new friend.\n"
    "One day, a little dog named Max went for a walk. He saw a cat on a tree. The cat was scared and did "
    "not want to come down. Max barked and wagged his tail. \"Come down, cat! I want to be your friend,\" "
    "said Max. The cat looked at Max and said, \"You are too big and loud.\" Max was sad. He sat down "
    "under the tree and waited. After a while, the cat came down slowly. They became good friends.\n";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run runCli(const QStringList& args)
{
    QProcess process;
    process.start(hearthCli(), QStringList{"perplexity"} + args);
    process.waitForFinished(300000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// The definition, computed from Session logits on the reference engine: no jobs, no forcing.
double expectedPerplexity(const std::string& modelPath, const std::string& text, int context, qint64* scored)
{
    hearth::Engine engine("reference");
    const auto model = engine.load(modelPath);
    const hearth::Tokenizer& tokenizer = model->tokenizer();
    const std::vector<int32_t> tokens = tokenizer.encode(text, true, false);
    double nll = 0;
    *scored = 0;
    for (size_t start = 0; start + size_t(context) <= tokens.size(); start += size_t(context)) {
        std::vector<int32_t> window(tokens.begin() + ptrdiff_t(start),
                                    tokens.begin() + ptrdiff_t(start + context));
        if (tokenizer.add_bos())
            window[0] = tokenizer.bos();
        const auto session = model->create_session({uint32_t(context), uint32_t(context)});
        for (int j = context / 2; j + 1 < context; ++j) {
            const std::span<const float> logits =
                session->evaluate(std::span<const int32_t>(window.data(), size_t(j) + 1));
            double sum = 0;
            for (float l : logits)
                sum += std::exp(double(l));
            nll -= double(logits[size_t(window[size_t(j) + 1])]) - std::log(sum);
            ++*scored;
        }
    }
    return std::exp(nll / double(*scored));
}

} // namespace

class TestPerplexityCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString storyFile(int copies)
    {
        const QString path = m_dir.filePath(QStringLiteral("story%1.txt").arg(copies));
        QFile file(path);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            for (int i = 0; i < copies; ++i)
                file.write(kStory);
        return path;
    }

  private slots:
    void matchesTheDefinition_data()
    {
        QTest::addColumn<QString>("device");
        QTest::newRow("reference") << QString("reference");
        QTest::newRow("default GPU") << QString();
    }

    void matchesTheDefinition()
    {
        QFETCH(QString, device);
        const QString model = testdataPath("stories260K.gguf");
        QStringList args{"-m", model, "-f", storyFile(2), "--ctx", "64", "--json"};
        if (!device.isEmpty())
            args << "--device" << device;
        const Run run = runCli(args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = run.json();
        qint64 scored = 0;
        const double expected =
            expectedPerplexity(model.toStdString(), std::string(kStory) + kStory, 64, &scored);
        QCOMPARE(result["scored_tokens"].toInteger(), scored);
        QCOMPARE(result["windows"].toInteger(), result["tokens"].toInteger() / 64);
        QCOMPARE(result["window_perplexities"].toArray().size(), result["windows"].toInt());
        QCOMPARE(scored, result["windows"].toInteger() * (64 - 32 - 1));
        const double perplexity = result["perplexity"].toDouble();
        // The GPU sums in another order; its kernels agree with the reference to about 1e-3.
        const double tolerance = device.isEmpty() ? 2e-3 : 1e-6;
        QVERIFY2(std::abs(perplexity / expected - 1) < tolerance,
                 qPrintable(QStringLiteral("%1 against %2").arg(perplexity).arg(expected)));
        QVERIFY(result["uncertainty"].toDouble() > 0);
    }

    // A model trained on stories predicts one far better than random weights do.
    void aTrainedModelBeatsNoise()
    {
        const QString tiny = m_dir.filePath("tiny.gguf");
        hearth::write_test_model({"llama", "tiny", "f32", 1}, tiny.toStdString());
        const Run trained = runCli({"-m", testdataPath("stories260K.gguf"), "-f", storyFile(2), "--ctx", "64",
                                    "--json", "--device", "reference"});
        const Run noise =
            runCli({"-m", tiny, "-f", storyFile(2), "--ctx", "64", "--json", "--device", "reference"});
        QVERIFY2(trained.exitCode == 0 && noise.exitCode == 0, trained.err + noise.err);
        QVERIFY2(trained.json()["perplexity"].toDouble() < 10, trained.out.constData());
        QVERIFY2(noise.json()["perplexity"].toDouble() > 100, noise.out.constData());
    }

    void windowsLimitsTheWork()
    {
        const Run run = runCli({"-m", testdataPath("stories260K.gguf"), "-f", storyFile(2), "--ctx", "32",
                                "--windows", "2", "--json", "--device", "reference"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()["windows"].toInt(), 2);
        QCOMPARE(run.json()["scored_tokens"].toInt(), 2 * (32 - 16 - 1));
    }

    void badInputIsRefusedClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no model") << QStringList{"-f", "x.txt"} << "-m";
        QTest::newRow("no text") << QStringList{"-m", testdataPath("stories260K.gguf")} << "-f";
        QTest::newRow("missing file")
            << QStringList{"-m", testdataPath("stories260K.gguf"), "-f", "/nonexistent.txt"} << "nonexistent";
        QTest::newRow("ctx not a number")
            << QStringList{"-m", testdataPath("stories260K.gguf"), "-f", "x", "--ctx", "many"} << "--ctx";
    }

    void badInputIsRefusedClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run run = runCli(args);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    }

    void aTextShorterThanOneWindowSaysWhatToDo()
    {
        const Run run = runCli({"-m", testdataPath("stories260K.gguf"), "-f", storyFile(1), "--ctx", "4096",
                                "--device", "reference"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("smaller --ctx"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestPerplexityCommand)
#include "tst_perplexitycommand.moc"
