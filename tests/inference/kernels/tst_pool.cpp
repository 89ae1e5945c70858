// pool on the GPU against reference::pool: mean, first ([CLS]) and last-token pooling of packed
// sequences of uneven lengths, with and without L2 normalisation, for both reduction variants.
#include "gpu_fixture.h"
#include "ops/pool.h"
#include "reference/ops.h"

using namespace hearth;
using namespace gpu_test;

Q_DECLARE_METATYPE(reference::Pooling)
Q_DECLARE_METATYPE(std::vector<uint32_t>)

class TestPool : public QObject {
    Q_OBJECT
    std::unique_ptr<vulkan::Device> m_device;

  private slots:
    void initTestCase() { m_device = open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void pool_data()
    {
        QTest::addColumn<reference::Pooling>("pooling");
        QTest::addColumn<bool>("normalize");
        QTest::addColumn<bool>("subgroups");
        QTest::addColumn<std::vector<uint32_t>>("lengths");
        QTest::addColumn<int>("n");
        const std::pair<const char*, reference::Pooling> poolings[] = {{"mean", reference::Pooling::Mean},
                                                                       {"cls", reference::Pooling::Cls},
                                                                       {"last", reference::Pooling::Last}};
        for (const auto& [name, pooling] : poolings)
            for (bool normalize : {false, true})
                for (bool subgroups : {true, false}) {
                    const char* how = subgroups ? "subgroup" : "shared";
                    const char* norm = normalize ? "normalized" : "raw";
                    QTest::addRow("%s %s %s, 1 x 1", name, norm, how)
                        << pooling << normalize << subgroups << std::vector<uint32_t>{1} << 1;
                    QTest::addRow("%s %s %s, 4 sequences x 384", name, norm, how)
                        << pooling << normalize << subgroups << std::vector<uint32_t>{7, 1, 130, 12} << 384;
                    QTest::addRow("%s %s %s, 2 x 1001", name, norm, how)
                        << pooling << normalize << subgroups << std::vector<uint32_t>{512, 3} << 1001;
                }
    }
    void pool()
    {
        QFETCH(reference::Pooling, pooling);
        QFETCH(bool, normalize);
        QFETCH(bool, subgroups);
        QFETCH(std::vector<uint32_t>, lengths);
        QFETCH(int, n);
        std::unique_ptr<vulkan::Device> fallback;
        if (!subgroups) {
            fallback = std::make_unique<vulkan::Device>();
            fallback->disable_subgroup_arithmetic();
        } else if (!m_device->subgroup_arithmetic()) {
            QSKIP("the device has no subgroup arithmetic");
        }
        vulkan::Device& device = fallback ? *fallback : *m_device;
        uint32_t tokens = 0;
        std::vector<uint32_t> sequences;
        for (uint32_t length : lengths) {
            sequences.insert(sequences.end(), {tokens, length});
            tokens += length;
        }
        const std::vector<float> x = random_floats(size_t(tokens) * n, 61, -2.0f, 2.0f);
        std::vector<float> want(lengths.size() * size_t(n));
        reference::pool(x.data(), lengths, size_t(n), pooling, normalize, want.data());
        auto xb = upload(device, x), sb = upload(device, sequences), yb = zeros(device, want.size() * 4);
        vulkan::Recorder recorder(device);
        ops::pool(recorder, xb->slice(), sb->slice(), yb->slice(), uint32_t(lengths.size()), uint32_t(n),
                  pooling, normalize);
        recorder.submit_and_wait();
        // A mean of up to 512 f32 values (error ~ count ulp of the sum) and a 2-ulp inversesqrt:
        // 1e-5 relative with a small absolute floor; a wrong row or a missed token is >= 1e-3.
        HEARTH_COMPARE_FLOATS(download<float>(device, *yb, want.size()), want, 2e-6, 1e-5);
        if (normalize) {
            const std::vector<float> got = download<float>(device, *yb, want.size());
            for (size_t s = 0; s < lengths.size(); ++s) {
                double squares = 0;
                for (int i = 0; i < n; ++i)
                    squares += double(got[s * n + i]) * got[s * n + i];
                QVERIFY2(std::fabs(squares - 1.0) < 1e-5, qPrintable(QString::number(squares)));
            }
        }
        HEARTH_VERIFY_NO_VALIDATION_MESSAGES(device);
    }

    void referenceByHand()
    {
        // Two sequences of 2 and 1 rows of 2 values: mean, first, last, and the L2 norm.
        const std::vector<float> x = {1, 2, 3, 4, 6, 8};
        std::vector<float> out(4);
        reference::pool(x.data(), {2, 1}, 2, reference::Pooling::Mean, false, out.data());
        QCOMPARE(out, (std::vector<float>{2, 3, 6, 8}));
        reference::pool(x.data(), {2, 1}, 2, reference::Pooling::Cls, false, out.data());
        QCOMPARE(out, (std::vector<float>{1, 2, 6, 8}));
        reference::pool(x.data(), {2, 1}, 2, reference::Pooling::Last, true, out.data());
        QCOMPARE(out, (std::vector<float>{0.6f, 0.8f, 0.6f, 0.8f}));
    }

    void refusesBadShapes()
    {
        auto buffer = zeros(*m_device, 64);
        vulkan::Recorder recorder(*m_device);
        QVERIFY_THROWS_EXCEPTION(Error, ops::pool(recorder, buffer->slice(), buffer->slice(), buffer->slice(),
                                                  0, 4, reference::Pooling::Mean, true));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 ops::pool(recorder, buffer->slice(), buffer->slice(), buffer->slice(), 3, 8,
                                           reference::Pooling::Mean, true)); // y holds 16, needs 24
    }
};

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
