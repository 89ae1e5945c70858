#pragma once
// Random-weight models with the exact tensor names, shapes and metadata real GGUF files of each
// architecture carry, so tests and benchmarks exercise the same loader path as a real model
// without shipping gigabytes. The vocabulary is a small byte-level BPE (learned on a built-in
// English text) with ChatML special tokens and template; the encoders (bert, nomic-bert) get a
// WordPiece one instead. Output depends only on the options.
#include "hearth/gguf_writer.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hearth {

struct TestModelOptions {
    std::string architecture = "llama"; // llama, qwen2, qwen3, gemma2, gemma3, phi3, bert, nomic-bert
    std::string preset = "tiny";        // tiny, small, 1b (decoders), bge-small (encoders)
    std::string type = "f32";           // f32, f16, q8_0, q4_0, q4_k_m, q6_k
    uint64_t seed = 1;
};

struct TestModelShape {
    int64_t embedding; // hidden size
    int64_t layers;
    int64_t heads, kv_heads;
    int64_t head_dim; // embedding / heads, except qwen3 and gemma2 (128, as those models use)
    int64_t feed_forward;
    int64_t vocabulary;
    int64_t context;
    bool tied_embeddings; // no output.weight: the output projection reuses token_embd (encoders have none)
};

const std::vector<std::string>& test_model_architectures();
const std::vector<std::string>& test_model_presets();
const std::vector<std::string>& test_model_types();

// Throws Error naming the bad option and the valid ones.
TestModelShape test_model_shape(const TestModelOptions& options);

// The model as a writer: metadata set, tensors added; their data is generated when written.
GgufWriter make_test_model(const TestModelOptions& options);

// progress(done, total) is called as tensors are written (bytes).
void write_test_model(const TestModelOptions& options, const std::string& path,
                      const GgufWriter::Progress& progress = {});

} // namespace hearth
