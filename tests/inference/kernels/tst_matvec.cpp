// matvec on the GPU, every weight format, against reference::matvec (dequantize + dot).
#include "ops/matvec.h"
#include "reference/weight_ops.h"
#include "weight_kernel_test.h"

using namespace weight_kernel_test;
using hearth::ops::MatvecOptions;

class TestMatvec : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_device = gpu_test::open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void matches_reference_data();
    void matches_reference();
    void llama_cpp_tensors_data();
    void llama_cpp_tensors();
    void unaligned_weights_and_vectors();
    void split_into_dispatches();
    void refuses_unsupported_shapes();

private:
    // Runs matvec with each reduction the device has (and with the subgroup one, both ways of
    // reading W and x) and compares with the reference.
    void verify_matvec(WeightType type, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                       const std::vector<float>& x);

    std::unique_ptr<hearth::vulkan::Device> m_device;
};

void TestMatvec::matches_reference_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("k");
    // Per format: one row of one block; a row count that is not a multiple of the rows per
    // workgroup and a row length that leaves threads of the last step idle; a long row (16384).
    for (WeightType type : all_formats()) {
        const uint32_t block = block_of(type);
        const char* name = hearth::weight_type_name(type);
        const uint32_t odd_k = block == 4 ? 172 : 5 * block;
        QTest::addRow("%s 1x%u", name, block) << int(type) << 1u << block;
        QTest::addRow("%s 37x%u", name, odd_k) << int(type) << 37u << odd_k;
        QTest::addRow("%s 3x16384", name) << int(type) << 3u << 16384u;
    }
}

void TestMatvec::matches_reference()
{
    QFETCH(int, type);
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, k);
    const WeightType t = WeightType(type);
    std::mt19937 rng(rows * 7919u + k + uint32_t(type));
    const std::vector<uint8_t> weights = random_weights(t, rows, k, rng);
    verify_matvec(t, rows, k, weights, gpu_test::random_floats(k, rng()));
}

void TestMatvec::llama_cpp_tensors_data()
{
    add_llama_cpp_tensor_rows();
}

// Blocks as llama.cpp's quantizer writes them (every weight type of testdata/quant).
void TestMatvec::llama_cpp_tensors()
{
    QFETCH(QString, file);
    QFETCH(QString, tensor);
    QVERIFY2(!file.isEmpty(), "no testdata/quant/m-*.gguf files");
    const LlamaCppTensor t = open_llama_cpp_tensor(file, tensor);
    verify_matvec(t.tensor->type, t.rows(), t.k(), t.bytes(), gpu_test::random_floats(t.k(), t.rows()));
}

void TestMatvec::verify_matvec(WeightType t, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                               const std::vector<float>& x)
{
    std::vector<float> expected(rows);
    hearth::reference::matvec(t, weights.data(), rows, k, x.data(), expected.data());
    const std::vector<double> tolerance = dot_tolerance(t, weights, rows, k, x);

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, weights);
    const auto x_buffer = gpu_test::upload(device, x);
    const hearth::ops::WeightMatrix matrix{t, rows, k, weight_buffer->slice()};

    using Reduction = MatvecOptions::Reduction;
    using Reads = MatvecOptions::Reads;
    std::vector<std::pair<Reduction, Reads>> paths = {{Reduction::SharedMemory, Reads::StorageBuffers}};
    if (device.subgroup_arithmetic()) {
        paths.push_back({Reduction::Subgroup, Reads::StorageBuffers});
        paths.push_back({Reduction::Subgroup, Reads::TexelBuffers});
    }
    for (const auto& [reduction, reads] : paths) {
        hearth::vulkan::Buffer y_buffer(device, rows * 4, hearth::vulkan::MemoryUsage::DeviceLocal);
        hearth::vulkan::Recorder recorder(device);
        MatvecOptions options;
        options.reduction = reduction;
        options.reads = reads;
        hearth::ops::matvec(recorder, matrix, x_buffer->slice(), y_buffer.slice(), options);
        recorder.submit_and_wait();
        QString failure;
        const bool ok = gpu_test::close_enough_each(gpu_test::download<float>(device, y_buffer, rows), expected,
                                                    tolerance, &failure);
        const char* path = reduction == Reduction::SharedMemory ? "shared-memory reduction"
                           : reads == Reads::TexelBuffers      ? "subgroup reduction, texel reads"
                                                               : "subgroup reduction, storage-buffer reads";
        QVERIFY2(ok, qPrintable(QStringLiteral("%1: %2").arg(path, failure)));
    }
}

// Weights at an offset that is only 4-aligned and a y that starts mid-buffer: the op rebinds
// them at aligned offsets and passes the rest to the shader.
void TestMatvec::unaligned_weights_and_vectors()
{
    const WeightType t = WeightType::Q4_0;
    const uint32_t rows = 5, k = 64, pad = 12;
    std::mt19937 rng(42);
    const std::vector<uint8_t> weights = random_weights(t, rows, k, rng);
    std::vector<uint8_t> padded(pad, 0xAB);
    padded.insert(padded.end(), weights.begin(), weights.end());
    const std::vector<float> x = gpu_test::random_floats(k + 4, rng()); // x starts at its 5th value
    std::vector<float> expected(rows);
    hearth::reference::matvec(t, weights.data(), rows, k, x.data() + 4, expected.data());

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, padded);
    const auto x_buffer = gpu_test::upload(device, x);
    hearth::vulkan::Buffer y_buffer(device, (rows + 3) * 4, hearth::vulkan::MemoryUsage::DeviceLocal);
    const hearth::ops::WeightMatrix matrix{t, rows, k, weight_buffer->slice(pad, weight_buffer->size() - pad)};
    hearth::vulkan::Recorder recorder(device);
    hearth::ops::matvec(recorder, matrix, x_buffer->slice(16, k * 4), y_buffer.slice(12, rows * 4));
    recorder.submit_and_wait();
    std::vector<float> y = gpu_test::download<float>(device, y_buffer, rows + 3);
    y.erase(y.begin(), y.begin() + 3);
    HEARTH_COMPARE_FLOATS_EACH(y, expected, dot_tolerance(t, weights, rows, k, {x.begin() + 4, x.end()}));
}

// A matrix split into row ranges, one dispatch each (as one larger than maxStorageBufferRange
// is): Q6_K blocks are 210 bytes, so most ranges start off the binding alignment and the shader
// gets the rest as a byte offset.
void TestMatvec::split_into_dispatches()
{
    const WeightType t = WeightType::Q6_K;
    const uint32_t rows = 37, k = 512;
    std::mt19937 rng(11);
    const std::vector<uint8_t> weights = random_weights(t, rows, k, rng);
    const std::vector<float> x = gpu_test::random_floats(k, 12);
    std::vector<float> expected(rows);
    hearth::reference::matvec(t, weights.data(), rows, k, x.data(), expected.data());

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, weights);
    const auto x_buffer = gpu_test::upload(device, x);
    hearth::vulkan::Buffer y_buffer(device, rows * 4, hearth::vulkan::MemoryUsage::DeviceLocal);
    hearth::vulkan::Recorder recorder(device);
    MatvecOptions options;
    options.rows_per_dispatch = 5;
    hearth::ops::matvec(recorder, {t, rows, k, weight_buffer->slice()}, x_buffer->slice(), y_buffer.slice(), options);
    QCOMPARE(recorder.dispatch_count(), size_t(8));
    recorder.submit_and_wait();
    HEARTH_COMPARE_FLOATS_EACH(gpu_test::download<float>(device, y_buffer, rows), expected,
                               dot_tolerance(t, weights, rows, k, x));
}

void TestMatvec::refuses_unsupported_shapes()
{
    hearth::vulkan::Device& device = *m_device;
    hearth::vulkan::Buffer buffer(device, 4096, hearth::vulkan::MemoryUsage::DeviceLocal);
    hearth::vulkan::Recorder recorder(device);
    // A Q4_K row must be a whole number of 256-value blocks.
    const hearth::ops::WeightMatrix bad_k{WeightType::Q4_K, 2, 100, buffer.slice()};
    try {
        hearth::ops::matvec(recorder, bad_k, buffer.slice(0, 400), buffer.slice(0, 8));
        QFAIL("a Q4_K row of 100 values was accepted");
    } catch (const hearth::Error& e) {
        QVERIFY2(QString(e.what()).contains("matvec") && QString(e.what()).contains("2 x 100"), e.what());
    }
    // Weights larger than the buffer that holds them.
    const hearth::ops::WeightMatrix too_big{WeightType::F32, 64, 64, buffer.slice()};
    QVERIFY_THROWS_EXCEPTION(hearth::Error,
                             hearth::ops::matvec(recorder, too_big, buffer.slice(0, 256), buffer.slice(0, 256)));
}

QTEST_GUILESS_MAIN(TestMatvec)
#include "tst_matvec.moc"
