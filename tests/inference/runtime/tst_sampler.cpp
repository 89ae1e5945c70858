// Sampling: greedy, determinism under a seed, and the distributions temperature, top-k, top-p,
// min-p and the penalties give on fixed logits (exact probabilities and empirical frequencies).
#include "hearth/error.h"
#include "hearth/sampler.h"

#include <QtTest>

#include <cmath>
#include <vector>

using hearth::Sampler;
using hearth::SamplingParams;

namespace {

// logits of 6 tokens: probabilities at T=1 are exp(l)/Z
const std::vector<float> kLogits = {1.0f, 3.0f, 2.0f, 0.5f, 2.5f, -1.0f};

std::vector<double> softmax(const std::vector<float>& logits, const std::vector<int>& keep, double temperature)
{
    std::vector<double> p(logits.size(), 0.0);
    double sum = 0.0;
    for (int i : keep)
        sum += p[size_t(i)] = std::exp(double(logits[size_t(i)]) / temperature);
    for (double& v : p)
        v /= sum;
    return p;
}

SamplingParams plain()
{
    SamplingParams p;
    p.temperature = 1.0f;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    return p;
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT
private slots:
    void greedyPicksArgmax()
    {
        SamplingParams p = plain();
        p.temperature = 0.0f;
        Sampler sampler(p);
        QCOMPARE(sampler.sample(kLogits), 1);
        // ties go to the lower id
        const std::vector<float> tied = {0.0f, 5.0f, 5.0f};
        QCOMPARE(sampler.sample(tied), 1);
    }

    void distribution_data()
    {
        QTest::addColumn<float>("temperature");
        QTest::addColumn<int>("topK");
        QTest::addColumn<float>("topP");
        QTest::addColumn<float>("minP");
        QTest::addColumn<QList<int>>("kept");
        QTest::newRow("temperature 1") << 1.0f << 0 << 1.0f << 0.0f << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("temperature 0.5") << 0.5f << 0 << 1.0f << 0.0f << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("temperature 2") << 2.0f << 0 << 1.0f << 0.0f << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("top-k 3") << 1.0f << 3 << 1.0f << 0.0f << QList<int>{1, 4, 2};
        // p(T=1): 3.0 -> .434, 2.5 -> .263, 2.0 -> .160, 1.0 -> .059: cumulative .434 .697 .857
        QTest::newRow("top-p 0.8") << 1.0f << 0 << 0.8f << 0.0f << QList<int>{1, 4, 2};
        QTest::newRow("top-p 0.6") << 1.0f << 0 << 0.6f << 0.0f << QList<int>{1, 4};
        QTest::newRow("top-p tiny keeps one") << 1.0f << 0 << 0.01f << 0.0f << QList<int>{1};
        // min-p 0.3: keep p >= 0.3 * p_max, i.e. logit >= 3 + ln 0.3 = 1.796
        QTest::newRow("min-p 0.3") << 1.0f << 0 << 1.0f << 0.3f << QList<int>{1, 4, 2};
        QTest::newRow("top-k 2 then temperature 0.7") << 0.7f << 2 << 1.0f << 0.0f << QList<int>{1, 4};
    }

    void distribution()
    {
        QFETCH(float, temperature);
        QFETCH(int, topK);
        QFETCH(float, topP);
        QFETCH(float, minP);
        QFETCH(QList<int>, kept);
        SamplingParams p = plain();
        p.temperature = temperature;
        p.top_k = topK;
        p.top_p = topP;
        p.min_p = minP;
        p.seed = 1234;
        Sampler sampler(p);
        const std::vector<double> expected = softmax(kLogits, {kept.begin(), kept.end()}, temperature);
        const std::vector<float> actual = sampler.probabilities(kLogits);
        for (size_t i = 0; i < kLogits.size(); ++i)
            QVERIFY2(std::abs(actual[i] - expected[i]) < 1e-5,
                     qPrintable(QString("token %1: %2 vs %3").arg(i).arg(actual[i]).arg(expected[i])));

        // Empirical frequencies of 20000 draws within 4 standard deviations of the expectation;
        // filtered tokens never drawn.
        const int draws = 20000;
        std::vector<int> counts(kLogits.size(), 0);
        for (int i = 0; i < draws; ++i)
            ++counts[size_t(sampler.sample(kLogits))];
        for (size_t i = 0; i < kLogits.size(); ++i) {
            const double mean = expected[i] * draws;
            const double sd = std::sqrt(draws * expected[i] * (1.0 - expected[i]));
            if (expected[i] == 0.0)
                QCOMPARE(counts[i], 0);
            else
                QVERIFY2(std::abs(counts[i] - mean) <= 4.0 * sd + 1.0,
                         qPrintable(QString("token %1 drawn %2 times, expected %3").arg(i).arg(counts[i]).arg(mean)));
        }
    }

    void sameSeedSameTokens()
    {
        SamplingParams p = plain();
        p.seed = 42;
        Sampler a(p), b(p);
        std::vector<int32_t> first, second;
        for (int i = 0; i < 200; ++i) {
            first.push_back(a.sample(kLogits));
            second.push_back(b.sample(kLogits));
        }
        QCOMPARE(first, second);
        a.reset();
        for (int i = 0; i < 200; ++i)
            QCOMPARE(a.sample(kLogits), first[size_t(i)]);
        p.seed = 43;
        Sampler c(p);
        std::vector<int32_t> third;
        for (int i = 0; i < 200; ++i)
            third.push_back(c.sample(kLogits));
        QVERIFY(third != first);
    }

    void penalties()
    {
        SamplingParams p = plain();
        p.temperature = 0.0f;
        p.repeat_penalty = 2.0f; // token 1: 3.0 -> 1.5, so token 4 (2.5) wins
        Sampler sampler(p);
        sampler.accept(1);
        QCOMPARE(sampler.sample(kLogits), 4);

        p.repeat_penalty = 1.0f;
        p.frequency_penalty = 0.3f; // token 1 seen twice: 3.0 - 0.6 = 2.4 < 2.5
        Sampler frequency(p);
        frequency.accept(1);
        QCOMPARE(frequency.sample(kLogits), 1); // once: 2.7 still wins
        frequency.accept(1);
        QCOMPARE(frequency.sample(kLogits), 4);

        p.frequency_penalty = 0.0f;
        p.presence_penalty = 0.6f; // 3.0 - 0.6 = 2.4, however often
        p.penalty_window = 2;
        Sampler presence(p);
        presence.accept(1);
        QCOMPARE(presence.sample(kLogits), 4);
        presence.accept(7); // outside the vocabulary: ignored
        presence.accept(0); // token 1 leaves the window of 2
        QCOMPARE(presence.sample(kLogits), 1);

        // negative logits are multiplied by the penalty
        p.presence_penalty = 0.0f;
        p.repeat_penalty = 2.0f;
        const std::vector<float> negative = {-1.0f, -1.5f};
        Sampler negatives(p);
        negatives.accept(0);
        QCOMPARE(negatives.sample(negative), 1);
    }

    void rejectsBadParameters()
    {
        SamplingParams p = plain();
        p.top_p = 0.0f;
        QVERIFY_THROWS_EXCEPTION(hearth::Error, Sampler{p});
        Sampler ok(plain());
        QVERIFY_THROWS_EXCEPTION(hearth::Error, ok.sample({}));
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
