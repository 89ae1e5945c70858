#pragma once
// A layer's RoPE and attention parameters as the ops take them, from the model's config: one
// translation for the reference and the GPU forward pass alike.
#include "arch/model_config.h"
#include "reference/ops.h"

namespace hearth {

// freq_factors is left null: each forward pass supplies its own copy of the factors.
reference::RopeParams rope_params(const ModelConfig& config, const LayerAttention& layer);
reference::AttentionParams attention_params(const ModelConfig& config, const LayerAttention& layer);

} // namespace hearth
