// get_rows (embedding lookup) on the GPU, every weight format, against reference::get_rows.
#include "ops/get_rows.h"
#include "reference/weight_ops.h"
#include "weight_kernel_test.h"

using namespace weight_kernel_test;

class TestGetRows : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_device = gpu_test::open_test_device(); }
    void cleanup() { HEARTH_VERIFY_NO_VALIDATION_MESSAGES(*m_device); }

    void matches_reference_data();
    void matches_reference();
    void llama_cpp_tensors_data();
    void llama_cpp_tensors();
    void leaves_rows_of_bad_ids_unwritten();

private:
    void verify_get_rows(WeightType type, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                         const std::vector<int32_t>& ids);

    std::unique_ptr<hearth::vulkan::Device> m_device;
};

void TestGetRows::matches_reference_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("k");
    QTest::addColumn<QList<int>>("id_list");
    // Per format: the only row of a one-block matrix; repeated and unordered ids from a matrix
    // whose row length is no multiple of the workgroup; rows of 16384 values.
    for (WeightType type : all_formats()) {
        const uint32_t block = block_of(type);
        const char* name = hearth::weight_type_name(type);
        const uint32_t odd_k = block == 4 ? 172 : 5 * block;
        QTest::addRow("%s 1x%u", name, block) << int(type) << 1u << block << QList<int>{0};
        QTest::addRow("%s 37x%u", name, odd_k) << int(type) << 37u << odd_k << QList<int>{36, 0, 5, 5, 17};
        QTest::addRow("%s 3x16384", name) << int(type) << 3u << 16384u << QList<int>{2, 1};
    }
}

void TestGetRows::matches_reference()
{
    QFETCH(int, type);
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, k);
    QFETCH(QList<int>, id_list);
    const std::vector<int32_t> ids(id_list.begin(), id_list.end());
    const WeightType t = WeightType(type);
    std::mt19937 rng(rows * 7919u + k + uint32_t(type));
    verify_get_rows(t, rows, k, random_weights(t, rows, k, rng), ids);
}

void TestGetRows::llama_cpp_tensors_data()
{
    add_llama_cpp_tensor_rows();
}

// Blocks as llama.cpp's quantizer writes them (every weight type of testdata/quant).
void TestGetRows::llama_cpp_tensors()
{
    QFETCH(QString, file);
    QFETCH(QString, tensor);
    QVERIFY2(!file.isEmpty(), "no testdata/quant/m-*.gguf files");
    const LlamaCppTensor t = open_llama_cpp_tensor(file, tensor);
    const int32_t last = int32_t(t.rows()) - 1;
    verify_get_rows(t.tensor->type, t.rows(), t.k(), t.bytes(), {last, 0, last / 2});
}

void TestGetRows::verify_get_rows(WeightType t, uint32_t rows, uint32_t k, const std::vector<uint8_t>& weights,
                                  const std::vector<int32_t>& ids)
{
    std::vector<float> expected(ids.size() * k);
    hearth::reference::get_rows(t, weights.data(), rows, k, ids, expected.data());
    // Tolerance: the GPU decodes with the reference's formula, but may fuse scale * q - min into
    // one multiply-add; that moves a value by at most an ulp or two of the larger term, far below
    // 1e-6 of the largest value, while a wrong nibble or scale moves it by a whole level.
    double largest = 0;
    for (float v : expected)
        largest = std::max(largest, std::fabs(double(v)));
    const std::vector<double> tolerance(expected.size(), 1e-6 * largest);

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, weights);
    const auto id_buffer = gpu_test::upload(device, ids);
    hearth::vulkan::Buffer out(device, expected.size() * 4, hearth::vulkan::MemoryUsage::DeviceLocal);
    hearth::vulkan::Recorder recorder(device);
    hearth::ops::get_rows(recorder, {t, rows, k, weight_buffer->slice()}, id_buffer->slice(), out.slice(),
                          uint32_t(ids.size()));
    recorder.submit_and_wait();
    HEARTH_COMPARE_FLOATS_EACH(gpu_test::download<float>(device, out, expected.size()), expected, tolerance);
}

// An id past the matrix (or negative) must not read outside it; its row is left as it was.
void TestGetRows::leaves_rows_of_bad_ids_unwritten()
{
    const WeightType t = WeightType::Q8_0;
    const uint32_t rows = 4, k = 32;
    std::mt19937 rng(7);
    const std::vector<uint8_t> weights = random_weights(t, rows, k, rng);
    const std::vector<int32_t> ids = {1, 4, -1};
    const std::vector<float> sentinel(ids.size() * k, 123.0f);

    hearth::vulkan::Device& device = *m_device;
    const auto weight_buffer = upload_weights(device, weights);
    const auto id_buffer = gpu_test::upload(device, ids);
    const auto out = gpu_test::upload(device, sentinel);
    hearth::vulkan::Recorder recorder(device);
    hearth::ops::get_rows(recorder, {t, rows, k, weight_buffer->slice()}, id_buffer->slice(), out->slice(), 3);
    recorder.submit_and_wait();
    const std::vector<float> got = gpu_test::download<float>(device, *out, sentinel.size());

    std::vector<float> expected(sentinel);
    hearth::reference::get_rows(t, weights.data(), rows, k, std::vector<int32_t>{1}, expected.data());
    HEARTH_COMPARE_FLOATS(got, expected, 1e-6, 0.0);
}

QTEST_GUILESS_MAIN(TestGetRows)
#include "tst_get_rows.moc"
