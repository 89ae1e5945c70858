// rms_norm and layer_norm on the GPU against reference/ops.h, for both reduction variants
// (subgroup and shared memory) and on shapes that are not multiples of any workgroup size.
#include "gpu_fixture.h"
#include "ops/norm.h"
#include "reference/ops.h"

using namespace hearth;
using namespace gpu_test;

class TestNorm : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void rmsNorm_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("subgroups");
        const int shapes[][2] = {{1, 1}, {1, 7}, {3, 33}, {5, 100}, {1, 4097}, {2, 16384}, {65537, 2}};
        for (bool subgroups : {true, false})
            for (const auto& s : shapes)
                QTest::addRow("%dx%d %s", s[0], s[1], subgroups ? "subgroup" : "shared")
                    << s[0] << s[1] << subgroups;
    }

    void rmsNorm()
    {
        QFETCH(int, rows);
        QFETCH(int, n);
        QFETCH(bool, subgroups);
        std::unique_ptr<vulkan::Device> fallback; // a device told to use the shared-memory variant
        if (!subgroups) {
            fallback = std::make_unique<vulkan::Device>();
            fallback->disable_subgroup_arithmetic();
        } else if (!m_device->subgroup_arithmetic()) {
            QSKIP("the device has no subgroup arithmetic");
        }
        vulkan::Device& device = fallback ? *fallback : *m_device;
        const std::vector<float> x = random_floats(size_t(rows) * n, 1),
                                 w = random_floats(size_t(n), 2, 0.5f, 1.5f);
        std::vector<float> want(x.size());
        reference::rms_norm(x.data(), w.data(), want.data(), rows, n, 1e-5f);
        auto xb = upload(device, x), wb = upload(device, w), yb = zeros(device, x.size() * 4);
        vulkan::Recorder recorder(device);
        ops::rms_norm(recorder, xb->slice(), wb->slice(), yb->slice(), rows, n, 1e-5f);
        recorder.submit_and_wait();
        // f32 sums of n squares (tree order: error ~ log2(n) ulp), a 2-ulp inversesqrt and two
        // products: a few 1e-6 relative, so 2e-5 relative leaves margin without hiding bugs.
        HEARTH_COMPARE_FLOATS(download<float>(device, *yb, x.size()), want, 1e-6, 2e-5);
        HEARTH_VERIFY_NO_VALIDATION_MESSAGES(device);
    }

    void rmsNormInPlace()
    {
        const int rows = 3, n = 50;
        const std::vector<float> x = random_floats(rows * n, 3), w = random_floats(n, 4);
        std::vector<float> want(x.size());
        reference::rms_norm(x.data(), w.data(), want.data(), rows, n, 1e-6f);
        auto xb = upload(*m_device, x), wb = upload(*m_device, w);
        vulkan::Recorder recorder(*m_device);
        ops::rms_norm(recorder, xb->slice(), wb->slice(), xb->slice(), rows, n, 1e-6f);
        recorder.submit_and_wait();
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *xb, x.size()), want, 1e-6, 2e-5);
    }

    void layerNorm_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("weight");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<float>("offset");
        QTest::addRow("1x1") << 1 << 1 << true << true << 0.0f;
        QTest::addRow("3x33 no bias") << 3 << 33 << true << false << 0.0f;
        QTest::addRow("4x100 bare") << 4 << 100 << false << false << 0.0f;
        QTest::addRow("2x16384") << 2 << 16384 << true << true << 0.0f;
        QTest::addRow("5x257 mean 100") << 5 << 257 << true << true << 100.0f;
    }

    void layerNorm()
    {
        QFETCH(int, rows);
        QFETCH(int, n);
        QFETCH(bool, weight);
        QFETCH(bool, bias);
        QFETCH(float, offset);
        std::vector<float> x = random_floats(size_t(rows) * n, 5);
        for (float& v : x)
            v += offset;
        const std::vector<float> w = random_floats(size_t(n), 6), b = random_floats(size_t(n), 7);
        std::vector<float> want(x.size());
        reference::layer_norm(x.data(), weight ? w.data() : nullptr, bias ? b.data() : nullptr, want.data(),
                              rows, n, 1e-5f);
        auto xb = upload(*m_device, x), wb = upload(*m_device, w), bb = upload(*m_device, b);
        auto yb = zeros(*m_device, x.size() * 4);
        vulkan::Recorder recorder(*m_device);
        ops::layer_norm(recorder, xb->slice(), weight ? wb->slice() : vulkan::BufferSlice{},
                        bias ? bb->slice() : vulkan::BufferSlice{}, yb->slice(), rows, n, 1e-5f);
        recorder.submit_and_wait();
        // As rms_norm, plus x - mean: in f32 that loses |mean| * 2^-24 absolute before scaling by
        // 1/std (~1.7 here), so 5e-5 absolute covers rows with mean 100.
        HEARTH_COMPARE_FLOATS(download<float>(*m_device, *yb, x.size()), want, 5e-5, 2e-5);
    }

    void refusesBadShapes()
    {
        auto buffer = zeros(*m_device, 64);
        vulkan::Recorder recorder(*m_device);
        try {
            ops::rms_norm(recorder, buffer->slice(), buffer->slice(), buffer->slice(), 4, 8, 1e-5f);
            QFAIL("a 16-float buffer passed as 4 x 8");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("rms_norm: x holds 16 values"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(
            Error, ops::rms_norm(recorder, buffer->slice(), buffer->slice(), buffer->slice(), 0, 8, 1e-5f));
    }
};

QTEST_GUILESS_MAIN(TestNorm)
#include "tst_norm.moc"
