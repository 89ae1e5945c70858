#pragma once
// Shared by the weight-matrix kernel tests (matvec, matmul, get_rows): every format, random
// weight matrices in each, their reference dequantization, and their upload.
#include "bench/random_weights.h"
#include "gpu_fixture.h"
#include "hearth/gguf.h"
#include "hearth/weight_format.h"
#include "ops/weight_matrix.h"
#include "testdata.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

namespace weight_kernel_test {

using hearth::WeightType;

inline const std::vector<WeightType>& all_formats()
{
    return hearth::bench::gpu_weight_types();
}

// The row-length granule of the GPU kernels: the block, or 4 for the float formats.
inline uint32_t block_of(WeightType type)
{
    return uint32_t(std::max<int64_t>(hearth::block_elements(type), 4));
}

// A random rows x k matrix in `type` (bench/random_weights.h: random blocks, small f16 scales).
inline std::vector<uint8_t> random_weights(WeightType type, uint32_t rows, uint32_t k, std::mt19937& rng)
{
    return hearth::bench::random_weights(type, rows, k, uint32_t(rng()));
}

// The matrix dequantized by the reference, rows x k.
inline std::vector<float> dequantized(WeightType type, const std::vector<uint8_t>& data, uint32_t rows, uint32_t k)
{
    std::vector<float> out(size_t(rows) * k);
    for (uint32_t r = 0; r < rows; ++r)
        hearth::dequantize_row(type, data.data() + hearth::row_bytes(type, k) * r, out.data() + size_t(r) * k, k);
    return out;
}

// The allowance for each output of y[t][r] = sum_i W[r][i] x[t][i] (tokens x rows): 1e-5 of
// sum_i |W[r][i] x[t][i]|. Both the GPU and the reference sum the same products, the GPU in f32
// in another order (and perhaps with fused multiply-adds); that error stays within a few ulps
// (2^-24 ~ 6e-8) of sum |w x|, so 1e-5 leaves a wide margin, while one wrong weight among 16384
// already exceeds it.
inline std::vector<double> dot_tolerance(WeightType type, const std::vector<uint8_t>& weights, uint32_t rows,
                                         uint32_t k, const std::vector<float>& x, uint32_t tokens = 1)
{
    const std::vector<float> w = dequantized(type, weights, rows, k);
    std::vector<double> tolerance(size_t(tokens) * rows);
    for (uint32_t t = 0; t < tokens; ++t)
        for (uint32_t r = 0; r < rows; ++r) {
            double magnitude = 0;
            for (uint32_t i = 0; i < k; ++i)
                magnitude += std::fabs(double(w[size_t(r) * k + i]) * x[size_t(t) * k + i]);
            tolerance[size_t(t) * rows + r] = 1e-5 * magnitude;
        }
    return tolerance;
}

// A device buffer holding `bytes`, padded to a multiple of 4: the kernels read weights as 32-bit
// words, so the last word of a matrix must be inside the buffer.
inline std::unique_ptr<hearth::vulkan::Buffer> upload_weights(hearth::vulkan::Device& device,
                                                              std::vector<uint8_t> bytes)
{
    bytes.resize((bytes.size() + 3) & ~size_t(3), 0);
    return gpu_test::upload(device, bytes);
}

// Data rows ("file", "tensor") for one 2-D tensor of each weight type in each of the testdata
// files llama.cpp quantized (quant/m-*.gguf): real blocks as real models carry them.
inline void add_llama_cpp_tensor_rows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("tensor");
    const QStringList files = QDir(testdataPath("quant")).entryList({"m-*.gguf"}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QTest::newRow("testdata missing") << QString() << QString();
    for (const QString& file : files) {
        const hearth::GgufFile gguf = hearth::GgufFile::open(testdataPath("quant/" + file).toStdString());
        std::vector<WeightType> seen;
        for (const hearth::GgufTensor& t : gguf.tensors()) {
            if (t.dims.size() != 2 || std::find(seen.begin(), seen.end(), t.type) != seen.end())
                continue;
            seen.push_back(t.type);
            QTest::addRow("%s %s (%s)", qPrintable(file), t.name.c_str(), hearth::weight_type_name(t.type))
                << file << QString::fromStdString(t.name);
        }
    }
}

// The tensor a row of add_llama_cpp_tensor_rows names, from a file that stays open.
struct LlamaCppTensor {
    hearth::GgufFile file;
    const hearth::GgufTensor* tensor;
    std::vector<uint8_t> bytes() const { return {tensor->data, tensor->data + tensor->bytes}; }
    uint32_t rows() const { return uint32_t(tensor->rows()); }
    uint32_t k() const { return uint32_t(tensor->dims[0]); }
};

inline LlamaCppTensor open_llama_cpp_tensor(const QString& file, const QString& tensor)
{
    hearth::GgufFile gguf = hearth::GgufFile::open(testdataPath("quant/" + file).toStdString());
    const hearth::GgufTensor* t = &gguf.tensor(tensor.toStdString());
    return {std::move(gguf), t};
}

} // namespace weight_kernel_test
