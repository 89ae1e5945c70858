#pragma once
// The reference encoder: the BERT-family forward pass (bert, nomic-bert) on the CPU with the
// plain ops of reference/ops.h, keys and values rounded to f16 like the GPU's. Several sequences
// run in one pass, packed one after another; attention stays within each sequence. The oracle
// the GPU encoder is tested against, and what `--device reference` embeds with.
#include "arch/model_config.h"
#include "arch/model_weights.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hearth {

class ReferenceEncoder {
  public:
    ReferenceEncoder(const ModelConfig& config, const ModelWeights& weights);

    // tokens: the sequences one after another; lengths: each one's token count (each at least 1
    // and at most the context, summing to tokens.size()). Writes one pooled, L2-normalised vector
    // per sequence into out (lengths.size() x embedding_length).
    void encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                std::span<float> out) const;

  private:
    const ModelConfig& m_config;
    const ModelWeights& m_weights;
};

// Checks a batch as both encoders take it; throws Error naming what is wrong.
void check_encoder_batch(const ModelConfig& config, std::span<const int32_t> tokens,
                         const std::vector<uint32_t>& lengths, size_t out_size);

} // namespace hearth
