// The oracle checked against cases whose answer follows from the definition by hand: if these
// hold, the GPU kernels are compared against the right thing.
#include "reference/ops.h"

#include <cmath>
#include <numbers>
#include <QtTest>
#include <vector>

using namespace hearth::reference;

class TestReference : public QObject {
    Q_OBJECT
  private slots:
    void rmsNormOfConstantRowIsWeight()
    {
        const std::vector<float> x(7, -3.0f), w = {1, 2, 3, 4, 5, 6, 7};
        std::vector<float> y(7);
        rms_norm(x.data(), w.data(), y.data(), 1, 7, 0.0f);
        for (size_t i = 0; i < 7; ++i)
            QCOMPARE(y[i], -w[i]);
    }

    void layerNormHasZeroMeanUnitVariance()
    {
        const std::vector<float> x = {1, 2, 3, 4, 10};
        std::vector<float> y(5);
        layer_norm(x.data(), nullptr, nullptr, y.data(), 1, 5, 0.0f);
        double mean = 0, variance = 0;
        for (float v : y)
            mean += v;
        for (float v : y)
            variance += v * v;
        QVERIFY(std::abs(mean) < 1e-6);
        QVERIFY(std::abs(variance / 5 - 1.0) < 1e-6);
    }

    void ropeRotatesPairsByPositionTimesFrequency()
    {
        // head_dim 6, rotary_dims 4: pairs turn by pos * base^(-2i/4); dims 4,5 pass through.
        RopeParams p;
        p.head_dim = 6;
        p.rotary_dims = 4;
        p.freq_base = 100.0f;
        const std::vector<float> x = {1, 0, 1, 0, 7, 8};
        const int32_t position = 3;
        std::vector<float> y(6);
        rope(x.data(), y.data(), 1, 1, &position, p);
        QCOMPARE(y[0], float(std::cos(3.0)));
        QCOMPARE(y[1], float(std::sin(3.0)));
        QCOMPARE(y[2], float(std::cos(0.3)));
        QCOMPARE(y[3], float(std::sin(0.3)));
        QCOMPARE(y[4], 7.0f);
        QCOMPARE(y[5], 8.0f);

        p.layout = RopeLayout::NeoX; // pairs are (0,2) and (1,3)
        const std::vector<float> xn = {1, 1, 0, 0, 7, 8};
        rope(xn.data(), y.data(), 1, 1, &position, p);
        QCOMPARE(y[0], float(std::cos(3.0)));
        QCOMPARE(y[2], float(std::sin(3.0)));
        QCOMPARE(y[1], float(std::cos(0.3)));
        QCOMPARE(y[3], float(std::sin(0.3)));
    }

    void ropeLlama3KeepsShortAndDividesLongWavelengths()
    {
        RopeParams p;
        p.head_dim = p.rotary_dims = 128;
        p.freq_base = 500000.0f;
        p.llama3_factor = 8.0f;
        p.llama3_low_freq_factor = 1.0f;
        p.llama3_high_freq_factor = 4.0f;
        p.llama3_original_context = 8192.0f;
        RopeParams plain = p;
        plain.llama3_factor = 0.0f;
        QCOMPARE(rope_frequency(p, 0), rope_frequency(plain, 0));         // wavelength 2pi: kept
        QCOMPARE(rope_frequency(p, 63) * 8.0, rope_frequency(plain, 63)); // longest: divided
        const float factors[2] = {2.0f, 4.0f};
        RopeParams small;
        small.head_dim = small.rotary_dims = 4;
        small.freq_factors = factors;
        QCOMPARE(rope_frequency(small, 1), std::pow(10000.0, -0.5) / 4.0);
    }

    void attentionWithOneVisibleKeyReturnsItsValue()
    {
        AttentionParams p{.head_dim = 2, .heads = 2, .kv_heads = 1, .scale = 1.0f};
        const std::vector<float> q = {1, 2, 3, 4}, k = {5, 6, 7, 8}, v = {10, 20, 30, 40};
        std::vector<float> out(4);
        attention(q.data(), k.data(), v.data(), out.data(), 1, 2, 0, p); // position 0 sees key 0 only
        QCOMPARE(out, (std::vector<float>{10, 20, 10, 20}));

        // Position 1 sees both keys: weights softmax(q.k) per head.
        attention(q.data(), k.data(), v.data(), out.data(), 1, 2, 1, p);
        const double w1 = 1.0 / (1.0 + std::exp(17.0 - 23.0)); // head 0: scores 17, 23
        QVERIFY(std::abs(out[0] - (10 * (1 - w1) + 30 * w1)) < 1e-4);

        // A window of 1 hides key 0 again.
        p.window = 1;
        attention(q.data(), k.data(), v.data(), out.data(), 1, 2, 1, p);
        QCOMPARE(out, (std::vector<float>{30, 40, 30, 40}));
    }

    void bidirectionalAttentionSeesItsWholeSequenceOnly()
    {
        // Sequences of 2 and 1 tokens, one head of size 1. Token 0 sees keys 0 and 1 (the later
        // one too), token 2 only itself, whatever the other sequence holds.
        AttentionParams p{.head_dim = 1, .heads = 1, .kv_heads = 1, .scale = 1.0f};
        const std::vector<float> q = {1, 1, 1}, k = {0, 2, 100}, v = {10, 20, 1000};
        std::vector<float> out(3);
        attention_bidirectional(q.data(), k.data(), v.data(), out.data(), {2, 1}, p);
        const double w = 1.0 / (1.0 + std::exp(-2.0)); // softmax weight of key 1 (scores 0 and 2)
        QVERIFY(std::abs(out[0] - (10 * (1 - w) + 20 * w)) < 1e-4);
        QCOMPARE(out[1], out[0]);
        QCOMPARE(out[2], 1000.0f);
    }

    void elementwise()
    {
        QCOMPARE(silu(0.0f), 0.0f);
        QVERIFY(std::abs(silu(2.0f) - 2.0 / (1 + std::exp(-2.0))) < 1e-6);
        QVERIFY(std::abs(gelu(1.0f) - 0.841192f) < 1e-5); // tanh-approximate GELU(1)
        const std::vector<float> x = {1, 3, 3, -2};
        QCOMPARE(argmax(x.data(), 4), size_t(1));
        std::vector<float> y(4);
        softmax(x.data(), y.data(), 2, 2);
        QVERIFY(std::abs(y[0] + y[1] - 1.0f) < 1e-6 && y[1] > y[0]);
        softcap(x.data(), 2.0f, y.data(), 4);
        QCOMPARE(y[1], float(2.0 * std::tanh(1.5)));
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
