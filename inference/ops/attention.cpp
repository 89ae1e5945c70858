#include "ops/attention.h"

#include <algorithm>
#include <cmath>

namespace hearth::ops {

namespace {

struct Push {
    uint32_t q_tokens, kv_len, q_offset, heads, kv_heads, kv_stride, window, splits, chunk;
    float scale, softcap;
    uint32_t dynamic;
};

struct DecodePlan {
    uint32_t group, chunk_max, chunk, splits;
};

std::string describe(const AttentionShape& s, const reference::AttentionParams& p)
{
    return "[q_tokens " + std::to_string(s.q_tokens) + ", kv_len " + std::to_string(s.kv_len) +
           ", q_offset " + std::to_string(s.q_offset) + ", heads " + std::to_string(p.heads) + "/" +
           std::to_string(p.kv_heads) + ", head_dim " + std::to_string(p.head_dim) + "]";
}

// Checks the shape and buffers shared by both kernels; returns the kv stride in elements.
uint32_t validate(const char* op, const BufferSlice& q, const BufferSlice& k_cache,
                  const BufferSlice& v_cache, const BufferSlice& out, const AttentionShape& s,
                  const reference::AttentionParams& p)
{
    const std::string shape = describe(s, p);
    require(s.q_tokens > 0 && p.heads > 0 && p.kv_heads > 0 && p.head_dim > 0, op, "empty shape " + shape);
    require(p.heads % p.kv_heads == 0, op, "heads must be a multiple of kv_heads " + shape);
    require(p.head_dim <= 512, op, "head_dim above 512 is not supported " + shape);
    require(uint64_t(s.q_offset) + s.q_tokens <= s.kv_len, op,
            "the cache must hold every query position (kv_len >= q_offset + q_tokens) " + shape);
    const uint64_t kv_stride = s.kv_stride ? s.kv_stride : uint64_t(p.kv_heads) * p.head_dim;
    require(kv_stride >= uint64_t(p.kv_heads) * p.head_dim && kv_stride <= UINT32_MAX, op,
            "kv_stride " + std::to_string(kv_stride) + " is smaller than kv_heads x head_dim " + shape);
    const uint64_t q_elements = uint64_t(s.q_tokens) * p.heads * p.head_dim;
    require_elements(op, "q", q, q_elements);
    require_elements(op, "out", out, q_elements);
    const uint64_t cache_elements = (uint64_t(s.kv_len) - 1) * kv_stride + uint64_t(p.kv_heads) * p.head_dim;
    require_elements(op, "k_cache", k_cache, cache_elements, 2);
    require_elements(op, "v_cache", v_cache, cache_elements, 2);
    require(cache_elements <= UINT32_MAX, op, "cache too large for 32-bit indexing " + shape);
    return uint32_t(kv_stride);
}

Push make_push(const AttentionShape& s, const reference::AttentionParams& p, uint32_t kv_stride)
{
    return {s.q_tokens,
            s.kv_len,
            s.q_offset,
            uint32_t(p.heads),
            uint32_t(p.kv_heads),
            kv_stride,
            uint32_t(p.window),
            1,
            0,
            p.scale,
            p.softcap,
            0};
}

// Decode: how many keys each split scores. Enough splits to give the device ~64 workgroups,
// chunks of at least 32 keys, and at most what fits in shared memory next to the queries.
DecodePlan plan_decode(const vulkan::Device& device, const reference::AttentionParams& p, uint32_t kv_len,
                       uint32_t q_offset)
{
    DecodePlan plan{};
    plan.group = uint32_t(p.heads / p.kv_heads);
    const uint64_t shared_limit = device.limits().maxComputeSharedMemorySize;
    const uint64_t fixed =
        4ull * (uint64_t(plan.group) * p.head_dim + 2 * plan.group + 256); // q, stats, scratch
    plan.chunk_max = 256;
    while (plan.chunk_max > 32 && fixed + 4ull * plan.group * plan.chunk_max > shared_limit)
        plan.chunk_max /= 2;
    require(fixed + 4ull * plan.group * plan.chunk_max <= shared_limit, "attention",
            "a group of " + std::to_string(plan.group) + " query heads of dimension " +
                std::to_string(p.head_dim) + " does not fit in this device's shared memory");
    const uint32_t position = q_offset;
    const uint32_t first = p.window && position + 1 > p.window ? uint32_t(position + 1 - p.window) : 0;
    const uint32_t visible = std::min(position + 1, kv_len) - first;
    const uint64_t wanted_splits = ceil_div(64, p.kv_heads);
    const uint64_t chunk = ceil_div(ceil_div(visible, wanted_splits), 32) * 32;
    plan.chunk = uint32_t(std::clamp<uint64_t>(chunk, 32, plan.chunk_max));
    plan.splits = uint32_t(ceil_div(visible, plan.chunk));
    return plan;
}

} // namespace

uint64_t attention_scratch_bytes(const vulkan::Device& device, const reference::AttentionParams& params,
                                 uint32_t kv_len)
{
    const DecodePlan plan = plan_decode(device, params, std::max(kv_len, 1u), std::max(kv_len, 1u) - 1);
    // plan_decode makes at most ceil(64 / kv_heads) splits, unless chunks hit their maximum size.
    const uint64_t splits = std::max(ceil_div(64, params.kv_heads), ceil_div(kv_len, plan.chunk_max));
    return uint64_t(params.heads) * splits * (params.head_dim + 2) * 4;
}

void attention(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
               const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
               const AttentionShape& shape, const reference::AttentionParams& params)
{
    if (shape.q_tokens == 1)
        attention_decode(recorder, q, k_cache, v_cache, out, scratch, shape, params);
    else
        attention_prefill(recorder, q, k_cache, v_cache, out, shape, params);
}

namespace {

// Records DECODE (+ COMBINE when split). With a step buffer, the plan covers shape.kv_len, the
// cache capacity, and the shader reads the current kv_len and position from `step`.
void record_decode(Recorder& recorder, const char* op, const BufferSlice& q, const BufferSlice& k_cache,
                   const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
                   const BufferSlice& step, const AttentionShape& shape,
                   const reference::AttentionParams& params)
{
    require(shape.q_tokens == 1, op, "decodes one token at a time " + describe(shape, params));
    const uint32_t kv_stride = validate(op, q, k_cache, v_cache, out, shape, params);
    vulkan::Device& device = recorder.device();
    const bool dynamic = step.buffer != VK_NULL_HANDLE;
    if (dynamic)
        require_elements(op, "step", step, 2);
    const DecodePlan plan = plan_decode(device, params, shape.kv_len, shape.q_offset);
    Push push = make_push(shape, params, kv_stride);
    push.splits = plan.splits;
    push.chunk = plan.chunk;
    push.dynamic = dynamic;
    const uint32_t workgroup = 128;
    const std::vector<uint32_t> constants = {workgroup, uint32_t(params.head_dim), plan.group,
                                             plan.chunk_max};
    const vulkan::Pipeline& decode = device.pipeline({"attention_decode", constants, uint32_t(sizeof(Push))});
    require(plan.splits <= device.limits().maxComputeWorkGroupCount[0] &&
                params.kv_heads <= device.limits().maxComputeWorkGroupCount[1],
            op, "too many splits or KV heads for the device's grid " + describe(shape, params));
    // Unused bindings get a stand-in the shader does not touch: out for the partials when there
    // is one split (it writes the result directly), q for the step when the lengths are pushed.
    const BufferSlice step_binding = dynamic ? step : q;
    if (plan.splits == 1) {
        recorder.dispatch(decode, {q, k_cache, v_cache, out, out, step_binding}, push,
                          {1, uint32_t(params.kv_heads), 1});
        return;
    }
    const uint64_t partial_bytes = uint64_t(params.heads) * plan.splits * (params.head_dim + 2) * 4;
    require(scratch.size >= partial_bytes, op,
            "scratch holds " + std::to_string(scratch.size) + " bytes, " + std::to_string(partial_bytes) +
                " are needed (attention_scratch_bytes) " + describe(shape, params));
    const BufferSlice partials = scratch.sub(0, partial_bytes);
    recorder.dispatch(decode, {q, k_cache, v_cache, out, partials, step_binding}, push,
                      {plan.splits, uint32_t(params.kv_heads), 1});
    const vulkan::Pipeline& combine =
        device.pipeline({"attention_combine", constants, uint32_t(sizeof(Push))});
    recorder.dispatch(combine, {partials, out}, push, {uint32_t(params.heads), 1, 1});
}

} // namespace

void attention_decode(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                      const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
                      const AttentionShape& shape, const reference::AttentionParams& params)
{
    record_decode(recorder, "attention_decode", q, k_cache, v_cache, out, scratch, {}, shape, params);
}

void attention_decode_step(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                           const BufferSlice& v_cache, const BufferSlice& out, const BufferSlice& scratch,
                           const BufferSlice& step, uint32_t capacity, uint32_t kv_stride,
                           const reference::AttentionParams& params)
{
    const AttentionShape shape{1, capacity, capacity - 1, kv_stride};
    record_decode(recorder, "attention_decode_step", q, k_cache, v_cache, out, scratch, step, shape, params);
}

void attention_prefill(Recorder& recorder, const BufferSlice& q, const BufferSlice& k_cache,
                       const BufferSlice& v_cache, const BufferSlice& out, const AttentionShape& shape,
                       const reference::AttentionParams& params)
{
    const char* op = "attention_prefill";
    const uint32_t kv_stride = validate(op, q, k_cache, v_cache, out, shape, params);
    vulkan::Device& device = recorder.device();
    const uint32_t workgroup = 64;
    const uint32_t block_keys = 32;
    // Block rows: as many as fit the device's shared memory (queries + one tile of weights).
    uint32_t block_rows = 16;
    auto shared_bytes = [&](uint32_t rows) { return 4ull * rows * (params.head_dim + block_keys + 3); };
    while (block_rows > 1 && shared_bytes(block_rows) > device.limits().maxComputeSharedMemorySize)
        block_rows /= 2;
    require(shared_bytes(block_rows) <= device.limits().maxComputeSharedMemorySize, op,
            "head_dim " + std::to_string(params.head_dim) + " does not fit this device's shared memory");
    const std::vector<uint32_t> constants = {workgroup, uint32_t(params.head_dim), block_rows, block_keys};
    const vulkan::Pipeline& pipeline =
        device.pipeline({"attention_prefill", constants, uint32_t(sizeof(Push))});
    const uint64_t blocks = ceil_div(shape.q_tokens, block_rows);
    require(blocks <= device.limits().maxComputeWorkGroupCount[0] &&
                params.heads <= device.limits().maxComputeWorkGroupCount[1],
            op, "too many query blocks or heads for the device's grid " + describe(shape, params));
    recorder.dispatch(pipeline, {q, k_cache, v_cache, out}, make_push(shape, params, kv_stride),
                      {uint32_t(blocks), uint32_t(params.heads), 1});
}

void attention_bidirectional(Recorder& recorder, const BufferSlice& q, const BufferSlice& k,
                             const BufferSlice& v, const BufferSlice& out, const BufferSlice& spans,
                             uint32_t tokens, const reference::AttentionParams& params)
{
    const char* op = "attention_bidirectional";
    const AttentionShape shape{tokens, tokens, 0, 0};
    const uint32_t kv_stride = validate(op, q, k, v, out, shape, params);
    require(params.window == 0 && params.softcap == 0.0f, op,
            "sliding windows and soft-capping are not supported");
    require_elements(op, "spans", spans, uint64_t(tokens) * 2);
    require(params.head_dim % 4 == 0, op, "head_dim must be a multiple of 4 " + describe(shape, params));
    vulkan::Device& device = recorder.device();
    const uint32_t workgroup = 64; // query tokens of one head
    const uint32_t block_keys = 8; // keys softmaxed together: one rescale of the output row each
    const vulkan::Pipeline& pipeline =
        device.pipeline({op, {workgroup, uint32_t(params.head_dim), 1, block_keys}, uint32_t(sizeof(Push))});
    const uint64_t groups = ceil_div(tokens, workgroup);
    require(groups <= device.limits().maxComputeWorkGroupCount[0] &&
                params.heads <= device.limits().maxComputeWorkGroupCount[1],
            op, "too many tokens or heads for the device's grid " + describe(shape, params));
    recorder.dispatch(pipeline, {q, k, v, out, spans}, make_push(shape, params, kv_stride),
                      {uint32_t(groups), uint32_t(params.heads), 1});
}

} // namespace hearth::ops
