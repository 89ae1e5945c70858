#include "arch/layer_params.h"

namespace hearth {

reference::RopeParams rope_params(const ModelConfig& c, const LayerAttention& layer)
{
    reference::RopeParams rope;
    rope.head_dim = c.head_dim;
    rope.rotary_dims = c.rope_dims;
    rope.layout = c.rope_style == RopeStyle::Adjacent ? reference::RopeLayout::Normal : reference::RopeLayout::NeoX;
    rope.freq_base = layer.rope_base;
    rope.freq_scale = layer.rope_scale;
    rope.llama3_factor = c.llama3_factor;
    rope.llama3_low_freq_factor = c.llama3_low_freq_factor;
    rope.llama3_high_freq_factor = c.llama3_high_freq_factor;
    rope.llama3_original_context = c.llama3_original_context;
    return rope;
}

reference::AttentionParams attention_params(const ModelConfig& c, const LayerAttention& layer)
{
    reference::AttentionParams params;
    params.head_dim = c.head_dim;
    params.heads = c.head_count;
    params.kv_heads = c.kv_head_count;
    // LongRoPE's magnitude correction scales both q and k, so q·k by its square.
    params.scale = c.attention_scale * c.rope_attention_factor * c.rope_attention_factor;
    params.softcap = c.attention_softcap;
    params.window = layer.window;
    return params;
}

} // namespace hearth
