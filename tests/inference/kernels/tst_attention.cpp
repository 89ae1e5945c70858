// attention on the GPU (flash-decoding and tiled prefill) against reference::attention, with an
// f16 KV cache: GQA ratios 1/2/4/8, head sizes that are not powers of two, sequence lengths from
// 1 to 513, sliding windows, logit soft-capping, and queries that continue an existing cache; and
// the encoders' bidirectional attention over packed sequences against
// reference::attention_bidirectional, with sequence boundaries inside and across query blocks.
#include "gpu_fixture.h"
#include "ops/attention.h"
#include "reference/ops.h"

using namespace hearth;
using namespace gpu_test;

namespace {

struct Case {
    int q_tokens, kv_len, q_offset, heads, kv_heads, head_dim, window;
    float softcap;
};

} // namespace

Q_DECLARE_METATYPE(Case)
Q_DECLARE_METATYPE(std::vector<uint32_t>)

class TestAttention : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

    enum class Kernel { Decode, Prefill };

    void run(const Case& c, Kernel kernel)
    {
        reference::AttentionParams p;
        p.head_dim = size_t(c.head_dim);
        p.heads = size_t(c.heads);
        p.kv_heads = size_t(c.kv_heads);
        p.scale = 1.0f / std::sqrt(float(c.head_dim));
        p.window = size_t(c.window);
        p.softcap = c.softcap;
        const size_t q_elements = size_t(c.q_tokens) * c.heads * c.head_dim;
        const size_t cache_elements = size_t(c.kv_len) * c.kv_heads * c.head_dim;
        // Queries scaled up so the softmax is far from uniform (scores of several units).
        const std::vector<float> q = random_floats(q_elements, 31, -3.0f, 3.0f);
        std::vector<float> k = random_floats(cache_elements, 32), v = random_floats(cache_elements, 33);
        std::vector<uint16_t> k16(cache_elements), v16(cache_elements);
        for (size_t i = 0; i < cache_elements; ++i) { // the reference sees exactly what the cache holds
            k16[i] = fp32_to_fp16(k[i]);
            v16[i] = fp32_to_fp16(v[i]);
            k[i] = fp16_to_fp32(k16[i]);
            v[i] = fp16_to_fp32(v16[i]);
        }
        std::vector<float> want(q_elements);
        reference::attention(q.data(), k.data(), v.data(), want.data(), size_t(c.q_tokens), size_t(c.kv_len),
                             size_t(c.q_offset), p);

        auto qb = upload(*m_device, q), kb = upload(*m_device, k16), vb = upload(*m_device, v16);
        auto out = zeros(*m_device, q_elements * 4);
        const ops::AttentionShape shape{uint32_t(c.q_tokens), uint32_t(c.kv_len), uint32_t(c.q_offset), 0};
        auto scratch = zeros(*m_device, ops::attention_scratch_bytes(*m_device, p, uint32_t(c.kv_len)));
        vulkan::Recorder recorder(*m_device);
        if (kernel == Kernel::Decode)
            ops::attention_decode(recorder, qb->slice(), kb->slice(), vb->slice(), out->slice(),
                                  scratch->slice(), shape, p);
        else
            ops::attention_prefill(recorder, qb->slice(), kb->slice(), vb->slice(), out->slice(), shape, p);
        recorder.submit_and_wait();
        // Outputs are softmax-weighted means of values in [-1, 1]. The GPU sums q.k and the
        // weighted values in f32 (relative error ~ head_dim or kv_len ulp) and its exp may be off
        // by 3 + 2|x| ulp (Vulkan's bound), |x| < ~15 here: ~1e-5 relative on each weight.
        // 1e-4 absolute covers that with margin; a wrong mask or a lost rescale is >= 1e-2.
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *out, q_elements), want, 1e-4, 0.0);
    }

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void decode_data()
    {
        QTest::addColumn<Case>("c");
        // q_tokens, kv_len, q_offset, heads, kv_heads, head_dim, window, softcap
        QTest::addRow("first token, no GQA") << Case{1, 1, 0, 4, 4, 64, 0, 0};
        QTest::addRow("kv 37, GQA 4") << Case{1, 37, 36, 8, 2, 64, 0, 0};
        QTest::addRow("kv 513, GQA 8, several splits") << Case{1, 513, 512, 8, 1, 128, 0, 0};
        QTest::addRow("kv 300, window 100, head_dim 80") << Case{1, 300, 299, 4, 1, 80, 100, 0};
        QTest::addRow("kv 200, softcap 50, head_dim 256") << Case{1, 200, 199, 4, 2, 256, 0, 50};
        QTest::addRow("query before the cache end") << Case{1, 90, 40, 2, 1, 32, 0, 0};
        QTest::addRow("kv 129, GQA 1, 7 heads") << Case{1, 129, 128, 7, 7, 16, 0, 0};
    }
    void decode()
    {
        QFETCH(Case, c);
        run(c, Kernel::Decode);
    }

    void prefill_data()
    {
        QTest::addColumn<Case>("c");
        QTest::addRow("one token") << Case{1, 1, 0, 2, 2, 64, 0, 0};
        QTest::addRow("7 tokens, GQA 4") << Case{7, 7, 0, 8, 2, 64, 0, 0};
        QTest::addRow("33 tokens after 7 cached") << Case{33, 40, 7, 4, 4, 64, 0, 0};
        QTest::addRow("100 tokens, window 16, GQA 8") << Case{100, 100, 0, 8, 1, 48, 16, 0};
        QTest::addRow("17 tokens, softcap, head_dim 256") << Case{17, 17, 0, 2, 1, 256, 0, 30};
        QTest::addRow("513 tokens") << Case{513, 513, 0, 2, 1, 32, 0, 0};
        QTest::addRow("head_dim 80, window past the block") << Case{50, 60, 10, 3, 1, 80, 20, 0};
    }
    void prefill()
    {
        QFETCH(Case, c);
        run(c, Kernel::Prefill);
    }

    void decodeStepRecordedOnce_data()
    {
        QTest::addColumn<int>("window");
        QTest::addRow("causal") << 0;
        QTest::addRow("window 50") << 50;
    }
    void decodeStepRecordedOnce()
    {
        // One recording, submitted for growing kv_len with only the step buffer, q and the
        // cache contents changing: the decode loop's shape. Cache rows past kv_len hold
        // garbage that must stay invisible.
        QFETCH(int, window);
        const uint32_t capacity = 300;
        reference::AttentionParams p{.head_dim = 64, .heads = 8, .kv_heads = 2, .scale = 0.125f};
        p.window = size_t(window);
        const size_t cache_elements = size_t(capacity) * p.kv_heads * p.head_dim,
                     q_elements = p.heads * p.head_dim;
        std::vector<float> k = random_floats(cache_elements, 34), v = random_floats(cache_elements, 35);
        std::vector<uint16_t> k16(cache_elements), v16(cache_elements);
        for (size_t i = 0; i < cache_elements; ++i) {
            k16[i] = fp32_to_fp16(k[i]);
            v16[i] = fp32_to_fp16(v[i]);
            k[i] = fp16_to_fp32(k16[i]);
            v[i] = fp16_to_fp32(v16[i]);
        }
        auto kb = upload(*m_device, k16), vb = upload(*m_device, v16);
        auto qb = zeros(*m_device, q_elements * 4), out = zeros(*m_device, q_elements * 4),
             step = zeros(*m_device, 8);
        auto scratch = zeros(*m_device, ops::attention_scratch_bytes(*m_device, p, capacity));
        vulkan::Recorder recorder(*m_device);
        ops::attention_decode_step(recorder, qb->slice(), kb->slice(), vb->slice(), out->slice(),
                                   scratch->slice(), step->slice(), capacity, 0, p);
        for (uint32_t kv_len : {1u, 2u, 37u, 129u, 300u}) {
            const std::vector<float> q = random_floats(q_elements, 36 + kv_len, -3.0f, 3.0f);
            const uint32_t lengths[2] = {kv_len, kv_len - 1};
            m_device->upload(qb->slice(), q.data(), q_elements * 4);
            m_device->upload(step->slice(), lengths, 8);
            recorder.submit_and_wait();
            std::vector<float> want(q_elements);
            reference::attention(q.data(), k.data(), v.data(), want.data(), 1, kv_len, kv_len - 1, p);
            HEARTH_COMPARE_FLOATS(download<float>(*m_device, *out, q_elements), want, 1e-4, 0.0); // as run()
        }
    }

    void bidirectional_data()
    {
        QTest::addColumn<std::vector<uint32_t>>("lengths");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("headDim");
        QTest::addRow("one token") << std::vector<uint32_t>{1} << 2 << 2 << 64;
        QTest::addRow("one sequence of 300") << std::vector<uint32_t>{300} << 4 << 4 << 32;
        QTest::addRow("four packed, bounds inside blocks")
            << std::vector<uint32_t>{5, 20, 1, 40} << 12 << 12 << 32;
        QTest::addRow("GQA 2, head_dim 80") << std::vector<uint32_t>{17, 33, 16} << 4 << 2 << 80;
        QTest::addRow("head_dim 4, 20 keys in blocks of 8") << std::vector<uint32_t>{20, 3} << 3 << 3 << 4;
        QTest::addRow("many short") << std::vector<uint32_t>{3, 1, 2, 7, 1, 1, 9, 4, 16, 2} << 2 << 1 << 64;
    }
    void bidirectional()
    {
        QFETCH(std::vector<uint32_t>, lengths);
        QFETCH(int, heads);
        QFETCH(int, kvHeads);
        QFETCH(int, headDim);
        reference::AttentionParams p;
        p.head_dim = size_t(headDim);
        p.heads = size_t(heads);
        p.kv_heads = size_t(kvHeads);
        p.scale = 1.0f / std::sqrt(float(headDim));
        uint32_t tokens = 0;
        std::vector<uint32_t> spans;
        for (uint32_t length : lengths) {
            for (uint32_t i = 0; i < length; ++i)
                spans.insert(spans.end(), {tokens, tokens + length});
            tokens += length;
        }
        const size_t q_elements = size_t(tokens) * heads * headDim,
                     kv_elements = size_t(tokens) * kvHeads * headDim;
        const std::vector<float> q = random_floats(q_elements, 51, -3.0f, 3.0f);
        std::vector<float> k = random_floats(kv_elements, 52), v = random_floats(kv_elements, 53);
        std::vector<uint16_t> k16(kv_elements), v16(kv_elements);
        for (size_t i = 0; i < kv_elements; ++i) {
            k16[i] = fp32_to_fp16(k[i]);
            v16[i] = fp32_to_fp16(v[i]);
            k[i] = fp16_to_fp32(k16[i]);
            v[i] = fp16_to_fp32(v16[i]);
        }
        std::vector<float> want(q_elements);
        reference::attention_bidirectional(q.data(), k.data(), v.data(), want.data(), lengths, p);
        auto qb = upload(*m_device, q), kb = upload(*m_device, k16), vb = upload(*m_device, v16),
             sb = upload(*m_device, spans);
        auto out = zeros(*m_device, q_elements * 4);
        vulkan::Recorder recorder(*m_device);
        ops::attention_bidirectional(recorder, qb->slice(), kb->slice(), vb->slice(), out->slice(),
                                     sb->slice(), tokens, p);
        recorder.submit_and_wait();
        // As run(): a key leaking across a sequence boundary moves outputs by >= 1e-2.
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *out, q_elements), want, 1e-4, 0.0);
    }

    void bidirectionalSeesLaterKeys()
    {
        // The first token of a sequence attends to the last one: causal attention would not.
        reference::AttentionParams p{.head_dim = 4, .heads = 1, .kv_heads = 1, .scale = 1.0f};
        const std::vector<float> q = {0, 0, 0, 0, 0, 0, 0, 0};
        const std::vector<uint16_t> k(8, fp32_to_fp16(0.0f));
        const std::vector<uint16_t> v = {fp32_to_fp16(0), fp32_to_fp16(0), fp32_to_fp16(0), fp32_to_fp16(0),
                                         fp32_to_fp16(2), fp32_to_fp16(4), fp32_to_fp16(6), fp32_to_fp16(8)};
        const std::vector<uint32_t> spans = {0, 2, 0, 2};
        auto qb = upload(*m_device, q), kb = upload(*m_device, k), vb = upload(*m_device, v),
             sb = upload(*m_device, spans);
        auto out = zeros(*m_device, 8 * 4);
        vulkan::Recorder recorder(*m_device);
        ops::attention_bidirectional(recorder, qb->slice(), kb->slice(), vb->slice(), out->slice(),
                                     sb->slice(), 2, p);
        recorder.submit_and_wait();
        const std::vector<float> mean = {1, 2, 3, 4, 1, 2, 3, 4}; // equal scores: both values averaged
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *out, 8), mean, 1e-6, 0.0);
    }

    void refusesBadShapes()
    {
        reference::AttentionParams p{.head_dim = 64, .heads = 6, .kv_heads = 4, .scale = 0.125f};
        auto buffer = zeros(*m_device, 1 << 16);
        vulkan::Recorder recorder(*m_device);
        const ops::AttentionShape shape{1, 8, 7, 0};
        try {
            ops::attention(recorder, buffer->slice(), buffer->slice(), buffer->slice(), buffer->slice(),
                           buffer->slice(), shape, p);
            QFAIL("6 heads over 4 KV heads accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("attention_decode: heads must be a multiple"),
                     e.what());
        }
        p.heads = 8;
        const ops::AttentionShape past_cache{4, 8, 6, 0}; // positions 6..9 but only 8 cached
        QVERIFY_THROWS_EXCEPTION(Error,
                                 ops::attention(recorder, buffer->slice(), buffer->slice(), buffer->slice(),
                                                buffer->slice(), buffer->slice(), past_cache, p));
    }
};

QTEST_GUILESS_MAIN(TestAttention)
#include "tst_attention.moc"
