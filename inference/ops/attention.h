#pragma once
// Attention on the GPU (shaders/attention.comp) against an f16 KV cache. Parameters mean what
// reference::AttentionParams documents.
//
// Layouts: q and out are q_tokens x heads x head_dim f32; the caches hold key/value position j
// of kv head g at element j * kv_stride + g * head_dim (kv_stride = kv_heads * head_dim when the
// cache is [positions][kv_heads][head_dim]). Queries sit at positions q_offset .. q_offset +
// q_tokens - 1 and see cache positions < kv_len (kv_len >= q_offset + q_tokens).
#include "ops/op_support.h"
#include "reference/ops.h"

namespace hearth::ops {

struct AttentionShape {
    uint32_t q_tokens = 1;
    uint32_t kv_len = 0;
    uint32_t q_offset = 0;
    uint32_t kv_stride = 0; // 0 = kv_heads * head_dim
};

// Bytes of scratch attention_decode needs for split partial results (at most; depends on kv_len).
uint64_t attention_scratch_bytes(const vulkan::Device& device, const reference::AttentionParams& params,
                                 uint32_t kv_len);

// Picks decode (one token, split-KV) or prefill (tiled) by q_tokens.
void attention(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
               const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
               const AttentionShape& shape, const reference::AttentionParams& params);

// One query token: the visible keys are split into chunks scored by separate workgroups and
// combined (flash-decoding). scratch: attention_scratch_bytes() bytes.
void attention_decode(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                      const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
                      const AttentionShape& shape, const reference::AttentionParams& params);

// attention_decode for a step recorded once and submitted for every token: the current kv_len
// and query position are read on the GPU from `step` (two u32: kv_len, q_offset; 1 <= kv_len <=
// capacity, q_offset < kv_len; out-of-range values are clamped, never read past the cache).
// The caches hold `capacity` positions; scratch: attention_scratch_bytes(capacity) bytes.
void attention_decode_step(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                           const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
                           const BufferSlice& step, uint32_t capacity, uint32_t kv_stride,
                           const reference::AttentionParams& params);

// Any number of query tokens: tiled online-softmax attention.
void attention_prefill(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                       const BufferSlice& v_cache, const BufferSlice& out, const AttentionShape& shape,
                       const reference::AttentionParams& params);

// An encoder's attention (one invocation per query token and head, see attention.comp's
// BIDIRECTIONAL): no causal mask; query token t sees exactly the keys j with
// spans[2t] <= j < spans[2t + 1] (u32 pairs, one per token: its sequence's rows, for sequences
// packed in one batch), as reference::attention_bidirectional. q and out: tokens x heads x
// head_dim f32; k and v: tokens x kv_heads x head_dim f16, head_dim a multiple of 4. Each span must be
// non-empty and lie within the tokens (the shader clamps its end, never reads past the keys).
void attention_bidirectional(Recorder& recorder, const BufferSlice& q, const BufferSlice& k,
                             const BufferSlice& v, const BufferSlice& out, const BufferSlice& spans,
                             uint32_t tokens, const reference::AttentionParams& params);

} // namespace hearth::ops
