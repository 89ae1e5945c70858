// rope on the GPU against reference::rope: both layouts, partial rotary dimensions, linear and
// Llama-3 scaling, per-dimension frequency factors, in place, and the f16 KV-cache write.
#include "gpu_fixture.h"
#include "ops/rope.h"
#include "reference/ops.h"

using namespace hearth;
using namespace gpu_test;

Q_DECLARE_METATYPE(reference::RopeParams)

class TestRope : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

    static std::vector<int32_t> positions(int tokens, int start, int step)
    {
        std::vector<int32_t> p(static_cast<size_t>(tokens));
        for (int t = 0; t < tokens; ++t)
            p[size_t(t)] = start + t * step;
        return p;
    }

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void rope_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("first_position");
        QTest::addColumn<reference::RopeParams>("params");
        QTest::addColumn<bool>("factors");

        reference::RopeParams p;
        p.head_dim = p.rotary_dims = 64;
        QTest::addRow("normal 1 token") << 1 << 1 << 0 << p << false;
        QTest::addRow("normal 7x3 at 1000") << 7 << 3 << 1000 << p << false;
        p.layout = reference::RopeLayout::NeoX;
        QTest::addRow("neox 5x4") << 5 << 4 << 3 << p << false;
        p.head_dim = 80;
        p.rotary_dims = 32; // Phi-2: a partial rotation
        QTest::addRow("neox partial 80/32") << 3 << 2 << 17 << p << false;
        p.layout = reference::RopeLayout::Normal;
        p.head_dim = 6;
        p.rotary_dims = 4;
        QTest::addRow("normal partial 6/4") << 9 << 5 << 0 << p << false;
        reference::RopeParams linear;
        linear.head_dim = linear.rotary_dims = 128;
        linear.freq_base = 1e6f;
        linear.freq_scale = 0.25f;
        QTest::addRow("linear scaling") << 4 << 2 << 3000 << linear << false;
        reference::RopeParams llama3;
        llama3.head_dim = llama3.rotary_dims = 128;
        llama3.freq_base = 500000.0f;
        llama3.llama3_factor = 8.0f;
        llama3.llama3_low_freq_factor = 1.0f;
        llama3.llama3_high_freq_factor = 4.0f;
        llama3.llama3_original_context = 8192.0f;
        QTest::addRow("llama3 scaling") << 3 << 4 << 4000 << llama3 << false;
        reference::RopeParams longrope;
        longrope.head_dim = longrope.rotary_dims = 96;
        longrope.layout = reference::RopeLayout::NeoX;
        QTest::addRow("frequency factors") << 2 << 3 << 2500 << longrope << true;
    }

    void rope()
    {
        QFETCH(int, tokens);
        QFETCH(int, heads);
        QFETCH(int, first_position);
        QFETCH(reference::RopeParams, params);
        QFETCH(bool, factors);
        const size_t n = size_t(tokens) * heads * params.head_dim;
        const std::vector<float> x = random_floats(n, 21);
        const std::vector<int32_t> pos = positions(tokens, first_position, 7);
        const std::vector<float> freq_factors = random_floats(params.rotary_dims / 2, 22, 1.0f, 8.0f);
        reference::RopeParams reference_params = params;
        reference_params.freq_factors = factors ? freq_factors.data() : nullptr;
        std::vector<float> want(n);
        reference::rope(x.data(), want.data(), size_t(tokens), size_t(heads), pos.data(), reference_params);

        auto xb = upload(*m_device, x), pb = upload(*m_device, pos), fb = upload(*m_device, freq_factors);
        auto yb = zeros(*m_device, n * 4);
        vulkan::Recorder recorder(*m_device);
        ops::rope(recorder, xb->slice(), pb->slice(), factors ? fb->slice() : vulkan::BufferSlice{},
                  yb->slice(), uint32_t(tokens), uint32_t(heads), params);
        recorder.submit_and_wait();
        // The GPU forms the angle position * frequency in f32 and reduces it mod 2pi: the angle is
        // off by up to ~|angle| * 2^-23 (~1e-3 rad at position 5000 for the fastest pair), plus
        // sin/cos's 2^-11 absolute error; values are in [-1, 1], so 2e-3 absolute.
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *yb, n), want, 2e-3, 0.0);
    }

    void inPlaceAndIntoF16Cache()
    {
        reference::RopeParams p;
        p.head_dim = p.rotary_dims = 32;
        const int tokens = 3, heads = 2;
        const size_t n = size_t(tokens) * heads * 32;
        const std::vector<float> x = random_floats(n, 23);
        const std::vector<int32_t> pos = positions(tokens, 5, 1);
        std::vector<float> want(n);
        reference::rope(x.data(), want.data(), tokens, heads, pos.data(), p);

        auto xb = upload(*m_device, x), pb = upload(*m_device, pos);
        // The cache already holds 5 positions of heads x head_dim; the new tokens go after them.
        const size_t offset = 5 * heads * 32;
        auto cache = zeros(*m_device, (offset + n) * 2);
        vulkan::Recorder recorder(*m_device);
        ops::rope(recorder, xb->slice(), pb->slice(), {}, cache->slice(), tokens, heads, p, offset, true);
        ops::rope(recorder, xb->slice(), pb->slice(), {}, xb->slice(), tokens, heads, p); // in place
        recorder.submit_and_wait();
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *xb, n), want, 2e-3, 0.0);
        const std::vector<uint16_t> halves = download<uint16_t>(*m_device, *cache, offset + n);
        std::vector<float> cached(n);
        for (size_t i = 0; i < n; ++i)
            cached[i] = fp16_to_fp32(halves[offset + i]);
        for (size_t i = 0; i < offset; ++i)
            QCOMPARE(halves[i], uint16_t(0)); // earlier positions untouched
        // f16 storage adds half an f16 ulp (2^-11 relative) on top of the f32 error.
        HEARTH_COMPARE_FLOATS(cached, want, 2e-3, 1e-3);
    }

    void intoCacheAtPositions()
    {
        // Three tokens at scattered positions land in their rows of a [positions][heads][dim]
        // cache; other rows stay untouched.
        reference::RopeParams p;
        p.head_dim = p.rotary_dims = 16;
        p.layout = reference::RopeLayout::NeoX;
        const int tokens = 3, heads = 2, capacity = 12;
        const size_t row = size_t(heads) * 16, n = size_t(tokens) * row;
        const std::vector<float> x = random_floats(n, 24);
        const std::vector<int32_t> pos = {5, 9, 2};
        std::vector<float> want(n);
        reference::rope(x.data(), want.data(), tokens, heads, pos.data(), p);
        auto xb = upload(*m_device, x), pb = upload(*m_device, pos);
        auto cache = zeros(*m_device, capacity * row * 2);
        vulkan::Recorder recorder(*m_device);
        ops::rope_into_cache(recorder, xb->slice(), pb->slice(), {}, cache->slice(), tokens, heads, p,
                             uint32_t(row));
        recorder.submit_and_wait();
        const std::vector<uint16_t> halves = download<uint16_t>(*m_device, *cache, capacity * row);
        std::vector<float> got(n);
        for (int t = 0; t < tokens; ++t)
            for (size_t i = 0; i < row; ++i)
                got[size_t(t) * row + i] = fp16_to_fp32(halves[size_t(pos[size_t(t)]) * row + i]);
        HEARTH_COMPARE_FLOATS(got, want, 2e-3, 1e-3); // as inPlaceAndIntoF16Cache
        for (int r = 0; r < capacity; ++r)
            if (r != 5 && r != 9 && r != 2)
                for (size_t i = 0; i < row; ++i)
                    QCOMPARE(halves[size_t(r) * row + i], uint16_t(0));
    }

    void refusesOddShapes()
    {
        reference::RopeParams p;
        p.head_dim = 7;
        p.rotary_dims = 6;
        auto buffer = zeros(*m_device, 1024);
        vulkan::Recorder recorder(*m_device);
        try {
            ops::rope(recorder, buffer->slice(), buffer->slice(), {}, buffer->slice(), 1, 1, p);
            QFAIL("odd head_dim accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("rope: unsupported shape"), e.what());
        }
        p.head_dim = 8;
        p.rotary_dims = 10;
        QVERIFY_THROWS_EXCEPTION(
            Error, ops::rope(recorder, buffer->slice(), buffer->slice(), {}, buffer->slice(), 1, 1, p));
    }
};

QTEST_GUILESS_MAIN(TestRope)
#include "tst_rope.moc"
