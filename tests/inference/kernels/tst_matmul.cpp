// matmul on the GPU, every weight format, both kernels (tiled; batched matvec), against
// reference::matmul (dequantize + dot).
#include "ops/matmul.h"
#include "reference/weight_ops.h"
#include "weight_kernel_test.h"

using namespace weight_kernel_test;

class TestMatmul : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_device = gpu_test::open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void matches_reference_data();
    void matches_reference();
    void llama_cpp_tensors_data();
    void llama_cpp_tensors();
    void refuses_unsupported_shapes();

private:
    // Checks both kernels (tiled, and the batched matvec CPU devices and short prompts get).
    void verify_matmul(WeightType type, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                       uint32_t tokens, const std::vector<float>& x);

    std::unique_ptr<hearth::vulkan::Device> m_device;
};

void TestMatmul::matches_reference_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("k");
    QTest::addColumn<uint32_t>("tokens");
    // Per format: a single token on a single row; 33 tokens x 70 rows, neither a multiple of the
    // 32 x 64 tile, with a row length that ends mid-slice for the float formats; a long row.
    for (WeightType type : all_formats()) {
        const uint32_t block = block_of(type);
        const char* name = hearth::weight_type_name(type);
        const uint32_t odd_k = block == 4 ? 172 : 3 * block;
        QTest::addRow("%s 1x%u, 1 token", name, block) << int(type) << 1u << block << 1u;
        QTest::addRow("%s 70x%u, 33 tokens", name, odd_k) << int(type) << 70u << odd_k << 33u;
        QTest::addRow("%s 3x16384, 2 tokens", name) << int(type) << 3u << 16384u << 2u;
    }
}

void TestMatmul::matches_reference()
{
    QFETCH(int, type);
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, k);
    QFETCH(uint32_t, tokens);
    const WeightType t = WeightType(type);
    std::mt19937 rng(rows * 7919u + k * 31u + tokens + uint32_t(type));
    const std::vector<uint8_t> weights = random_weights(t, rows, k, rng);
    verify_matmul(t, rows, k, weights, tokens, gpu_test::random_floats(size_t(tokens) * k, rng()));
}

void TestMatmul::llama_cpp_tensors_data()
{
    add_llama_cpp_tensor_rows();
}

// Blocks as llama.cpp's quantizer writes them (every weight type of testdata/quant), 7 tokens.
void TestMatmul::llama_cpp_tensors()
{
    QFETCH(QString, file);
    QFETCH(QString, tensor);
    QVERIFY2(!file.isEmpty(), "no testdata/quant/m-*.gguf files");
    const LlamaCppTensor t = open_llama_cpp_tensor(file, tensor);
    verify_matmul(t.tensor->type, t.rows(), t.k(), t.bytes(), 7, gpu_test::random_floats(7 * t.k(), t.rows()));
}

void TestMatmul::verify_matmul(WeightType t, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                               uint32_t tokens, const std::vector<float>& x)
{
    std::vector<float> expected(size_t(tokens) * rows);
    hearth::reference::matmul(t, weights.data(), rows, k, x.data(), tokens, expected.data());
    const std::vector<double> tolerance = dot_tolerance(t, weights, rows, k, x, tokens);

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, weights);
    const auto x_buffer = gpu_test::upload(device, x);
    using Kernel = hearth::ops::MatmulOptions::Kernel;
    for (const Kernel kernel : {Kernel::Tiled, Kernel::Batched}) {
        hearth::vulkan::Buffer y_buffer(device, expected.size() * 4, hearth::vulkan::MemoryUsage::DeviceLocal);
        hearth::vulkan::Recorder recorder(device);
        hearth::ops::matmul(recorder, {t, rows, k, weight_buffer->slice()}, x_buffer->slice(), y_buffer.slice(),
                            tokens, {kernel});
        recorder.submit_and_wait();
        HEARTH_COMPARE_FLOATS_EACH(gpu_test::download<float>(device, y_buffer, expected.size()), expected, tolerance);
    }
}

void TestMatmul::refuses_unsupported_shapes()
{
    hearth::vulkan::Device& device = *m_device;
    hearth::vulkan::Buffer buffer(device, 4096, hearth::vulkan::MemoryUsage::DeviceLocal);
    hearth::vulkan::Recorder recorder(device);
    // An F16 row must hold a multiple of 4 values (the kernels read 4 at a time).
    const hearth::ops::WeightMatrix bad_k{WeightType::F16, 3, 10, buffer.slice()};
    try {
        hearth::ops::matmul(recorder, bad_k, buffer.slice(0, 80), buffer.slice(0, 24), 2);
        QFAIL("an F16 row of 10 values was accepted");
    } catch (const hearth::Error& e) {
        QVERIFY2(QString(e.what()).contains("matmul") && QString(e.what()).contains("3 x 10"), e.what());
    }
    // An output too small for the tokens asked for.
    const hearth::ops::WeightMatrix matrix{WeightType::F32, 4, 8, buffer.slice(0, 128)};
    QVERIFY_THROWS_EXCEPTION(hearth::Error,
                             hearth::ops::matmul(recorder, matrix, buffer.slice(0, 320), buffer.slice(0, 16), 10));
}

QTEST_GUILESS_MAIN(TestMatmul)
#include "tst_matmul.moc"
