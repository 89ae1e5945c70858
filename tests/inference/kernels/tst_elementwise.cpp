// Element-wise and row-wise kernels against reference/ops.h: add, scale, softcap, the SiLU and
// GELU gates, softmax (both reduction variants) and argmax (ties go to the first index).
#include "gpu_fixture.h"
#include "ops/elementwise.h"
#include "reference/ops.h"

using namespace hearth;
using namespace gpu_test;

class TestElementwise : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

    void sizes()
    {
        QTest::addColumn<int>("n");
        for (int n : {1, 7, 1000, 16384, 100003})
            QTest::addRow("%d", n) << n;
    }

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void elementwise_data() { sizes(); }
    void elementwise()
    {
        QFETCH(int, n);
        const size_t count = size_t(n);
        const std::vector<float> a = random_floats(count, 41, -10.0f, 10.0f), b = random_floats(count, 42);
        const std::vector<float> big = random_floats(count, 43, -100.0f, 100.0f);
        auto ab = upload(*m_device, a), bb = upload(*m_device, b), bigb = upload(*m_device, big);
        auto sum = zeros(*m_device, count * 4), scaled = zeros(*m_device, count * 4),
             capped = zeros(*m_device, count * 4), silu = zeros(*m_device, count * 4),
             gelu = zeros(*m_device, count * 4), plain_gelu = zeros(*m_device, count * 4);
        vulkan::Recorder recorder(*m_device);
        ops::add(recorder, ab->slice(), bb->slice(), sum->slice(), count);
        ops::scale(recorder, ab->slice(), 0.3f, scaled->slice(), count);
        ops::softcap(recorder, bigb->slice(), 30.0f, capped->slice(), count);
        ops::silu_gate(recorder, ab->slice(), bb->slice(), silu->slice(), count);
        ops::gelu_gate(recorder, ab->slice(), bb->slice(), gelu->slice(), count);
        ops::gelu(recorder, bigb->slice(), plain_gelu->slice(), count);
        recorder.submit_and_wait();

        std::vector<float> want(count);
        // Vulkan's f32 add and multiply are correctly rounded, like the CPU's: bit-exact.
        reference::add(a.data(), b.data(), want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *sum, count), want, 0.0, 0.0);
        reference::scale(a.data(), 0.3f, want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *scaled, count), want, 0.0, 0.0);
        // tanh, exp and division are a few ulp in Vulkan (exp: 3 + 2|x| ulp, |x| <= 10 here), so
        // 2e-5 relative; the absolute floor covers outputs that cancel to near zero.
        reference::softcap(big.data(), 30.0f, want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *capped, count), want, 3e-5, 2e-5);
        reference::silu_gate(a.data(), b.data(), want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *silu, count), want, 1e-6, 2e-5);
        reference::gelu_gate(a.data(), b.data(), want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *gelu, count), want, 1e-5, 2e-5);
        // BERT's FFN activation, over a wider range: both tails (gelu(x) -> 0 and -> x) included.
        reference::gelu(big.data(), want.data(), count);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *plain_gelu, count), want, 1e-5, 2e-5);
    }

    void addRowToEveryRow()
    {
        const uint32_t rows = 5, n = 896; // qwen2's bias on a 5-token batch
        const std::vector<float> x = random_floats(size_t(rows) * n, 48), bias = random_floats(n, 49);
        auto xb = upload(*m_device, x), bb = upload(*m_device, bias);
        vulkan::Recorder recorder(*m_device);
        ops::add_row(recorder, xb->slice(), bb->slice(), xb->slice(), rows, n);
        recorder.submit_and_wait();
        std::vector<float> want(x.size());
        for (uint32_t r = 0; r < rows; ++r)
            reference::add(x.data() + r * n, bias.data(), want.data() + r * n, n);
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *xb, want.size()), want, 0.0, 0.0);
    }

    void copyToF16()
    {
        const size_t n = 1001, offset = 37;
        const std::vector<float> x = random_floats(n, 46, -70000.0f, 70000.0f); // some overflow f16
        auto xb = upload(*m_device, x);
        auto cache = zeros(*m_device, (offset + n + 5) * 2);
        vulkan::Recorder recorder(*m_device);
        ops::copy_to_f16(recorder, xb->slice(), cache->slice(), n, offset);
        recorder.submit_and_wait();
        const std::vector<uint16_t> got = download<uint16_t>(*m_device, *cache, offset + n + 5);
        for (size_t i = 0; i < offset; ++i)
            QCOMPARE(got[i], uint16_t(0));
        // Vulkan's f32 -> f16 conversion may round either way (the spec allows truncation), so the
        // stored half must be the nearest-even one or its neighbour towards zero.
        for (size_t i = 0; i < n; ++i) {
            const uint16_t nearest = fp32_to_fp16(x[i]);
            const float got_value = fp16_to_fp32(got[offset + i]), nearest_value = fp16_to_fp32(nearest);
            const bool ok =
                got[offset + i] == nearest ||
                (std::abs(got_value) < std::abs(nearest_value) && got[offset + i] == uint16_t(nearest - 1)) ||
                (std::isinf(nearest_value) && std::abs(got_value) == 65504.0f);
            QVERIFY2(ok, qPrintable(QStringLiteral("element %1: %2 stored as %3, nearest f16 %4")
                                        .arg(i)
                                        .arg(x[i])
                                        .arg(got_value)
                                        .arg(nearest_value)));
        }
        for (size_t i = offset + n; i < got.size(); ++i)
            QCOMPARE(got[i], uint16_t(0));
    }

    void copyRowsToF16AtPositions()
    {
        const uint32_t rows = 3, row = 40, stride = 48, capacity = 10;
        const std::vector<float> x = random_floats(rows * row, 47);
        const std::vector<int32_t> pos = {7, 0, 4};
        auto xb = upload(*m_device, x), pb = upload(*m_device, pos);
        auto cache = zeros(*m_device, capacity * stride * 2);
        vulkan::Recorder recorder(*m_device);
        ops::copy_rows_to_f16(recorder, xb->slice(), pb->slice(), cache->slice(), rows, row, stride);
        recorder.submit_and_wait();
        const std::vector<uint16_t> got = download<uint16_t>(*m_device, *cache, capacity * stride);
        std::vector<uint16_t> want(capacity * stride, 0);
        for (uint32_t r = 0; r < rows; ++r)
            for (uint32_t i = 0; i < row; ++i)
                want[size_t(pos[r]) * stride + i] = fp32_to_fp16(x[r * row + i]);
        // Values in [-1, 1] are far from f16's range edges; a conversion may still round either
        // way (see copyToF16), so compare as floats within one f16 ulp.
        for (size_t i = 0; i < want.size(); ++i)
            QVERIFY2(std::abs(fp16_to_fp32(got[i]) - fp16_to_fp32(want[i])) <= 1.0f / 1024,
                     qPrintable(QStringLiteral("element %1").arg(i)));
    }

    void softmax_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("subgroups");
        const int shapes[][2] = {{1, 1}, {3, 33}, {5, 1000}, {2, 16384}};
        for (bool subgroups : {true, false})
            for (const auto& s : shapes)
                QTest::addRow("%dx%d %s", s[0], s[1], subgroups ? "subgroup" : "shared")
                    << s[0] << s[1] << subgroups;
    }
    void softmax()
    {
        QFETCH(int, rows);
        QFETCH(int, n);
        QFETCH(bool, subgroups);
        std::unique_ptr<vulkan::Device> fallback;
        vulkan::Device* device = m_device.get();
        if (!subgroups) {
            fallback = std::make_unique<vulkan::Device>();
            fallback->disable_subgroup_arithmetic();
            device = fallback.get();
        } else if (!device->subgroup_arithmetic()) {
            QSKIP("the device has no subgroup arithmetic");
        }
        const std::vector<float> x = random_floats(size_t(rows) * n, 44, -20.0f, 20.0f);
        std::vector<float> want(x.size());
        reference::softmax(x.data(), want.data(), size_t(rows), size_t(n));
        auto xb = upload(*device, x);
        vulkan::Recorder recorder(*device);
        ops::softmax(recorder, xb->slice(), xb->slice(), uint32_t(rows), uint32_t(n)); // in place
        recorder.submit_and_wait();
        // exp(x - max) with x - max in [-40, 0]: up to 83 ulp (5e-6 relative); the f32 sum adds
        // log2(n) ulp: 1e-5 relative, and an absolute floor of 1e-9 for the tiny probabilities.
        HEARTH_COMPARE_FLOATS(download<float>(*device, *xb, x.size()), want, 1e-9, 1e-5);
        if (fallback)
            HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*fallback);
    }

    void argmax_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("tie_at"); // -1: no planted maximum
        QTest::addRow("1x1") << 1 << 1 << -1;
        QTest::addRow("4x1000") << 4 << 1000 << -1;
        QTest::addRow("1x32000 tie") << 1 << 32000 << 31999;
        QTest::addRow("2x151936 tie") << 2 << 151936 << 70001;
    }
    void argmax()
    {
        QFETCH(int, rows);
        QFETCH(int, n);
        QFETCH(int, tie_at);
        std::vector<float> x = random_floats(size_t(rows) * n, 45, -5.0f, 5.0f);
        if (tie_at >= 0) // the same maximum twice per row: the first must win
            for (int r = 0; r < rows; ++r) {
                x[size_t(r) * n + size_t(tie_at)] = 9.0f;
                x[size_t(r) * n + size_t(tie_at) / 3] = 9.0f;
            }
        auto xb = upload(*m_device, x);
        auto index = zeros(*m_device, size_t(rows) * 4);
        vulkan::Recorder recorder(*m_device);
        ops::argmax(recorder, xb->slice(), index->slice(), uint32_t(rows), uint32_t(n));
        recorder.submit_and_wait();
        const std::vector<uint32_t> got = download<uint32_t>(*m_device, *index, size_t(rows));
        for (int r = 0; r < rows; ++r)
            QCOMPARE(got[size_t(r)], uint32_t(reference::argmax(x.data() + size_t(r) * n, size_t(n))));
    }

    void refusesEmptyAndShortBuffers()
    {
        auto buffer = zeros(*m_device, 64);
        vulkan::Recorder recorder(*m_device);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 ops::add(recorder, buffer->slice(), buffer->slice(), buffer->slice(), 0));
        try {
            ops::silu_gate(recorder, buffer->slice(), buffer->slice(), buffer->slice(), 17);
            QFAIL("17 floats in a 16-float buffer");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("silu_gate"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestElementwise)
#include "tst_elementwise.moc"
