// A forward pass on real files against recorded outputs of an independent implementation: prompt
// ids, greedy tokens and top logits (expected/*.json), the published stories260K greedy
// continuation, and every weight format (quant/m-*.expected.json). Also the Session mechanics:
// prompt reuse, state save/restore, context-full truncation. Built twice: HEARTH_TEST_DEVICE is
// "reference" (the CPU reference) or "" (the default GPU, lavapipe in CI).
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/tokenizer.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<int32_t> ids(const QJsonArray& array)
{
    std::vector<int32_t> result;
    for (const QJsonValue& v : array)
        result.push_back(v.toInt());
    return result;
}

int32_t argmax(std::span<const float> logits)
{
    return int32_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

// Each recorded [id, logit] pair must match our logit of that id within the tolerance.
void compareTop(std::span<const float> logits, const QJsonArray& top, double relative, double absolute)
{
    for (const QJsonValue& pair : top) {
        const int id = pair.toArray()[0].toInt();
        const double expected = pair.toArray()[1].toDouble();
        const double tolerance = std::max(absolute, relative * std::max(1.0, std::abs(expected)));
        QVERIFY2(std::abs(logits[size_t(id)] - expected) <= tolerance,
                 qPrintable(QString("logit of token %1: %2, expected %3 (tolerance %4)")
                                .arg(id)
                                .arg(logits[size_t(id)])
                                .arg(expected)
                                .arg(tolerance)));
    }
}

} // namespace

class TestRealModels : public QObject {
    Q_OBJECT
    hearth::Engine m_engine{HEARTH_TEST_DEVICE};

private slots:
    void recordedOutputs_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& name : QDir(testdataPath("expected")).entryList({"*.json"}, QDir::Files))
            QTest::newRow(qPrintable(name)) << testdataPath("expected/" + name);
    }

    void recordedOutputs()
    {
        QFETCH(QString, path);
        const QJsonObject expected = readJson(path);
        const auto model = m_engine.load(testdataPath(expected["model"].toString()).toStdString());
        const std::vector<int32_t> prompt =
            model->tokenizer().encode(expected["prompt"].toString().toStdString(), true, true);
        QCOMPARE(prompt, ids(expected["prompt_tokens"].toArray()));

        hearth::SessionOptions options;
        options.context_length = 256;
        const auto session = model->create_session(options);
        std::span<const float> logits = session->evaluate(prompt);
        compareTop(logits, expected["top"].toArray(), 0.02, 0.0);

        const std::vector<int32_t> tokens = ids(expected["tokens"].toArray());
        const int mustMatch = expected["must_match"].toInt();
        for (int i = 0; i < mustMatch; ++i) {
            const int32_t token = argmax(logits);
            QVERIFY2(token == tokens[size_t(i)],
                     qPrintable(QString("step %1: %2, expected %3").arg(i).arg(token).arg(tokens[size_t(i)])));
            logits = session->append(std::span<const int32_t>(&token, 1));
        }
    }

    void stories260KFromBos()
    {
        QFile file(testdataPath("stories260K.greedy200.tokens.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::vector<int32_t> expected;
        for (const QByteArray& id : file.readAll().simplified().split(' '))
            expected.push_back(id.toInt());
        QCOMPARE(expected.size(), size_t(200));

        const auto model = m_engine.load(testdataPath("stories260K.gguf").toStdString());
        const auto session = model->create_session({512, 64});
        const int32_t bos = model->tokenizer().bos();
        std::span<const float> logits = session->evaluate(std::span<const int32_t>(&bos, 1));
        int matching = 0;
        for (size_t i = 0; i < expected.size(); ++i) {
            const int32_t token = argmax(logits);
            if (token != expected[i])
                break;
            ++matching;
            logits = session->append(std::span<const int32_t>(&token, 1));
        }
        QVERIFY2(matching >= 180, qPrintable(QString("only %1 of 200 tokens match").arg(matching)));
    }

    void everyWeightFormat_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& name : QDir(testdataPath("quant")).entryList({"m-*.expected.json"}, QDir::Files))
            QTest::newRow(qPrintable(name.section('.', 0, 0))) << testdataPath("quant/" + name);
    }

    void everyWeightFormat()
    {
        QFETCH(QString, path);
        const QJsonObject expected = readJson(path);
        const auto model = m_engine.load(testdataPath("quant/" + expected["model"].toString()).toStdString());
        const std::vector<int32_t> prompt =
            model->tokenizer().encode(expected["prompt"].toString().toStdString(), true, true);
        QCOMPARE(prompt, ids(expected["prompt_tokens"].toArray()));
        const auto session = model->create_session({64, 64});
        // llama.cpp's Vulkan backend computes with exactly dequantized weights, as we do.
        compareTop(session->evaluate(prompt), expected["top_vulkan"].toArray(), 0.0, 0.02);
    }

    void promptReuseEvaluatesOnlyTheSuffix()
    {
        const auto model = m_engine.load(testdataPath("stories260K.gguf").toStdString());
        const std::vector<int32_t> first = model->tokenizer().encode("Once upon a time", true, false);
        const std::vector<int32_t> longer = model->tokenizer().encode("Once upon a time there was a dog", true, false);
        QVERIFY(std::equal(first.begin(), first.end(), longer.begin()));

        const auto fresh = model->create_session({128, 4});
        fresh->evaluate(longer);
        const std::span<const float> again = fresh->evaluate(longer);
        QCOMPARE(fresh->last_evaluated(), 1u); // the same prompt again: only its last token runs
        const std::vector<float> expected(again.begin(), again.end());

        const auto reused = model->create_session({128, 4});
        reused->evaluate(first);
        QCOMPARE(reused->last_evaluated(), uint32_t(first.size()));
        const std::span<const float> logits = reused->evaluate(longer);
        QCOMPARE(reused->last_evaluated(), uint32_t(longer.size() - first.size()));
        QCOMPARE(reused->tokens(), longer);
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::abs(logits[i] - expected[i]) < 1e-4f);

        // A prompt that diverges keeps only the common prefix.
        const std::vector<int32_t> other = model->tokenizer().encode("Once upon a cat", true, false);
        reused->evaluate(other);
        QVERIFY(reused->last_evaluated() < other.size());
        QCOMPARE(reused->tokens(), other);
    }

    void stateSaveAndRestore()
    {
        const auto model = m_engine.load(testdataPath("stories260K.gguf").toStdString());
        const std::vector<int32_t> prompt = model->tokenizer().encode("Tom had a red ball. He", true, false);
        const auto session = model->create_session({128, 64});
        const std::vector<int32_t> next{argmax(session->evaluate(prompt))};
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/state.bin").toStdString();
        session->save(path);
        const std::span<const float> continued = session->append(next);
        const std::vector<float> expected(continued.begin(), continued.end());

        const auto restored = model->create_session({128, 64});
        restored->restore(path);
        QCOMPARE(restored->tokens(), prompt);
        const std::span<const float> logits = restored->append(next);
        QCOMPARE(restored->last_evaluated(), 1u);
        QCOMPARE(std::vector<float>(logits.begin(), logits.end()), expected);

        // A context too small for the saved tokens is refused, and so is a damaged file.
        const auto small = model->create_session({4, 4});
        QVERIFY_THROWS_EXCEPTION(hearth::Error, small->restore(path));
        QFile damaged(QString::fromStdString(path));
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        damaged.resize(damaged.size() / 2);
        damaged.close();
        QVERIFY_THROWS_EXCEPTION(hearth::Error, restored->restore(path));
    }

    void contextFullKeepsTheStartAndGoesOn()
    {
        const auto model = m_engine.load(testdataPath("stories260K.gguf").toStdString());
        const std::vector<int32_t> system = model->tokenizer().encode("Lily", true, false);
        const auto session = model->create_session({32, 8});
        session->set_keep_tokens(uint32_t(system.size()));
        std::span<const float> logits = session->evaluate(system);
        for (int i = 0; i < 100; ++i) {
            const int32_t token = argmax(logits);
            logits = session->append(std::span<const int32_t>(&token, 1));
            QVERIFY(session->tokens().size() <= 32);
            QVERIFY(std::equal(system.begin(), system.end(), session->tokens().begin()));
        }
        // After truncations the cache is what a fresh evaluation of the same tokens gives.
        const std::vector<float> truncated(logits.begin(), logits.end());
        const auto fresh = model->create_session({32, 8});
        const std::span<const float> expected = fresh->evaluate(session->tokens());
        for (size_t i = 0; i < truncated.size(); ++i)
            QVERIFY(std::abs(truncated[i] - expected[i]) < 1e-4f);
    }
};

QTEST_GUILESS_MAIN(TestRealModels)
#include "tst_real_models.moc"
