#version 450
// attention: causal, grouped-query attention against an f16 KV cache, never materialising the
// score matrix. Three variants:
//   DECODE   flash-decoding: one query token; workgroup (split, kv_head) scores a chunk of keys
//            for all GROUP query heads sharing that KV head (K/V are read once per group),
//            softmaxes within the chunk and writes (max, sum, unnormalised output) per split,
//            or the final output directly when there is one split.
//   COMBINE  merges the splits of DECODE: workgroup per head, invocations over head_dim.
//   PREFILL  tiled online softmax: workgroup (query block, head) walks key tiles of BLOCK_KEYS,
//            keeping a running max and sum per query row and rescaling its output accumulators
//            (in registers: invocation i owns columns i, i + WG, ... of every row).
//   BIDIRECTIONAL  an encoder's attention, no causal mask: invocation (token t, head) sees exactly
//            the keys spans[2t] <= j < spans[2t + 1] (its own sequence, packed with others in one
//            batch) and keeps its query, running max and sum and output row in registers, keys
//            read four values at a time and softmaxed in blocks of KEYS: no
//            shared memory and no barriers, which CPU Vulkan drivers run many times faster than
//            PREFILL's tiles, while on a GPU the workgroup's rows read the same keys.
// Bindings: DECODE  0 = q (f32), 1 = k cache (f16), 2 = v cache (f16), 3 = out (f32), 4 = partials
//           COMBINE 0 = partials, 1 = out
//           PREFILL 0 = q, 1 = k cache, 2 = v cache, 3 = out
//           BIDIRECTIONAL 0 = q, 1 = k, 2 = v, 3 = out, 4 = spans (u32 pairs, one per token)
// q and out are tokens x heads x HEAD_DIM; the caches hold position j, kv head g at element
// j * kv_stride + g * HEAD_DIM. Partials: (head * splits + split) * (HEAD_DIM + 2) -> max, sum, o[].
// Masks: a query at position p sees keys j <= p, and p - j < window when window != 0. Logits are
// q.k * scale, then softcap * tanh(logit / softcap) when softcap != 0.
// Specialization: 0 = workgroup size, 1 = HEAD_DIM, 2 = GROUP (decode) / BLOCK_ROWS (prefill),
// 3 = CHUNK (decode: most keys per split) / BLOCK_KEYS (prefill) / KEYS per softmax block
// (bidirectional).
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint HEAD_DIM = 128;
layout(constant_id = 2) const uint ROWS = 1;  // GROUP or BLOCK_ROWS
layout(constant_id = 3) const uint KEYS = 64; // CHUNK or BLOCK_KEYS

layout(push_constant) uniform Params {
    uint q_tokens;
    uint kv_len;
    uint q_offset; // position of the first query token
    uint heads;
    uint kv_heads;
    uint kv_stride; // elements between consecutive positions in the caches
    uint window;    // 0 = no sliding window
    uint splits;    // DECODE/COMBINE: number of key chunks
    uint chunk;     // DECODE: keys per split
    float scale;
    float softcap; // 0 = off
    uint dynamic;  // DECODE: 1 = kv_len and q_offset come from the step buffer (binding 5)
} p;

#include "common/math.glsl"

#define NEG_INF uintBitsToFloat(0xff800000u)

#if defined(COMBINE)
layout(std430, binding = 0) readonly buffer Partials { float partials[]; };
layout(std430, binding = 1) writeonly buffer Out { float result[]; };

void main()
{
    const uint head = gl_WorkGroupID.x;
    const uint stride = HEAD_DIM + 2;
    const uint first = head * p.splits * stride;
    float largest = NEG_INF;
    for (uint s = 0; s < p.splits; ++s)
        largest = max(largest, partials[first + s * stride]);
    for (uint d = gl_LocalInvocationID.x; d < HEAD_DIM; d += gl_WorkGroupSize.x) {
        float sum = 0.0, acc = 0.0;
        for (uint s = 0; s < p.splits; ++s) {
            const float weight = exp(partials[first + s * stride] - largest);
            sum += partials[first + s * stride + 1] * weight;
            acc += partials[first + s * stride + 2 + d] * weight;
        }
        result[head * HEAD_DIM + d] = acc / sum;
    }
}

#else
layout(std430, binding = 0) readonly buffer Q { float q[]; };
#ifdef BIDIRECTIONAL
layout(std430, binding = 1) readonly buffer K4 { f16vec4 k4[]; }; // keys and values four at a time
layout(std430, binding = 2) readonly buffer V4 { f16vec4 v4[]; };
#else
layout(std430, binding = 1) readonly buffer K { float16_t k[]; };
layout(std430, binding = 2) readonly buffer V { float16_t v[]; };
#endif
layout(std430, binding = 3) writeonly buffer Out { float result[]; };

float logit(float dot_product)
{
    return p.softcap != 0.0 ? soft_cap(dot_product, p.softcap) : dot_product;
}

// First visible key of a query at `position` (the sliding window's start).
uint first_key(uint position)
{
    return p.window != 0 && position + 1 > p.window ? position + 1 - p.window : 0;
}

#if defined(DECODE)
layout(std430, binding = 4) writeonly buffer Partials { float partials[]; };
// {kv_len, q_offset}, read when p.dynamic != 0: a decode step recorded once and submitted for
// every token, with the host updating only this buffer. splits * chunk then covers the longest
// visible range; splits past the current one write an empty partial (max -inf, sum 0).
layout(std430, binding = 5) readonly buffer Step { uint step[]; };

#include "common/reduce.glsl"

shared float q_shared[ROWS * HEAD_DIM]; // the group's queries, pre-scaled
shared float weights[ROWS * KEYS];      // logits, then exp(logit - max)
shared float row_max[ROWS];
shared float row_sum[ROWS];

void main()
{
    const uint split = gl_WorkGroupID.x;
    const uint kv_head = gl_WorkGroupID.y;
    const uint id = gl_LocalInvocationID.x;
    // A dynamic step is clamped to the cache the host validated (p.kv_len): bad step data can
    // give a wrong answer but never an out-of-bounds read.
    const uint kv_len = p.dynamic != 0 ? clamp(step[0], 1u, p.kv_len) : p.kv_len;
    const uint position = p.dynamic != 0 ? min(step[1], kv_len - 1) : p.q_offset;
    const uint end = min(position + 1, kv_len);
    const uint start = first_key(position) + split * p.chunk;
    const uint count = start < end ? min(start + p.chunk, end) - start : 0;
    if (count == 0) { // the same for the whole workgroup: no barrier is skipped unevenly
        for (uint i = id; i < ROWS * HEAD_DIM; i += gl_WorkGroupSize.x) {
            const uint g = i / HEAD_DIM, d = i % HEAD_DIM;
            const uint at = ((kv_head * ROWS + g) * p.splits + split) * (HEAD_DIM + 2);
            partials[at + 2 + d] = 0.0;
            if (d == 0) {
                partials[at] = NEG_INF;
                partials[at + 1] = 0.0;
            }
        }
        return;
    }

    for (uint i = id; i < ROWS * HEAD_DIM; i += gl_WorkGroupSize.x)
        q_shared[i] = q[kv_head * ROWS * HEAD_DIM + i] * p.scale;
    barrier();

    for (uint c = id; c < count; c += gl_WorkGroupSize.x) {
        const uint key = (start + c) * p.kv_stride + kv_head * HEAD_DIM;
        float dots[ROWS];
        for (uint g = 0; g < ROWS; ++g)
            dots[g] = 0.0;
        for (uint d = 0; d < HEAD_DIM; ++d) {
            const float kd = float(k[key + d]);
            for (uint g = 0; g < ROWS; ++g)
                dots[g] += q_shared[g * HEAD_DIM + d] * kd;
        }
        for (uint g = 0; g < ROWS; ++g)
            weights[g * KEYS + c] = logit(dots[g]);
    }
    barrier();

    for (uint g = 0; g < ROWS; ++g) {
        float largest = NEG_INF;
        for (uint c = id; c < count; c += gl_WorkGroupSize.x)
            largest = max(largest, weights[g * KEYS + c]);
        largest = workgroup_max(largest);
        float sum = 0.0;
        for (uint c = id; c < count; c += gl_WorkGroupSize.x) {
            const float e = exp(weights[g * KEYS + c] - largest);
            weights[g * KEYS + c] = e;
            sum += e;
        }
        sum = workgroup_sum(sum); // ends with a barrier: the weights above are visible
        if (id == 0) {
            row_max[g] = largest;
            row_sum[g] = sum;
        }
    }
    barrier();

    for (uint i = id; i < ROWS * HEAD_DIM; i += gl_WorkGroupSize.x) {
        const uint g = i / HEAD_DIM, d = i % HEAD_DIM;
        float acc = 0.0;
        for (uint c = 0; c < count; ++c)
            acc += weights[g * KEYS + c] * float(v[(start + c) * p.kv_stride + kv_head * HEAD_DIM + d]);
        const uint head = kv_head * ROWS + g;
        if (p.splits == 1) {
            result[head * HEAD_DIM + d] = acc / row_sum[g];
        } else {
            const uint at = (head * p.splits + split) * (HEAD_DIM + 2);
            partials[at + 2 + d] = acc;
            if (d == 0) {
                partials[at] = row_max[g];
                partials[at + 1] = row_sum[g];
            }
        }
    }
}

#elif defined(PREFILL)
const uint COLUMNS = (HEAD_DIM + gl_WorkGroupSize.x - 1) / gl_WorkGroupSize.x; // per invocation

shared float q_shared[ROWS * HEAD_DIM]; // the block's queries, pre-scaled
shared float weights[ROWS * KEYS];      // one tile of logits, then of exp(logit - max)
shared float row_max[ROWS];
shared float row_sum[ROWS];
shared float row_rescale[ROWS];

void main()
{
    const uint block = gl_WorkGroupID.x;
    const uint head = gl_WorkGroupID.y;
    const uint kv_head = head / (p.heads / p.kv_heads);
    const uint id = gl_LocalInvocationID.x;
    const uint row0 = block * ROWS;
    const uint rows = min(ROWS, p.q_tokens - row0);
    const uint first_position = p.q_offset + row0;
    const uint last_position = first_position + rows - 1;
    const uint key_begin = first_key(first_position);
    const uint key_end = min(last_position + 1, p.kv_len);

    for (uint i = id; i < ROWS * HEAD_DIM; i += gl_WorkGroupSize.x) {
        const uint r = i / HEAD_DIM, d = i % HEAD_DIM;
        q_shared[i] = r < rows ? q[((row0 + r) * p.heads + head) * HEAD_DIM + d] * p.scale : 0.0;
    }
    if (id < ROWS) {
        row_max[id] = NEG_INF;
        row_sum[id] = 0.0;
    }
    float acc[ROWS * COLUMNS];
    for (uint i = 0; i < ROWS * COLUMNS; ++i)
        acc[i] = 0.0;
    barrier();

    for (uint tile = key_begin; tile < key_end; tile += KEYS) {
        for (uint i = id; i < ROWS * KEYS; i += gl_WorkGroupSize.x) {
            const uint r = i / KEYS, c = i % KEYS;
            const uint key = tile + c, position = first_position + r;
            float value = NEG_INF;
            if (r < rows && key < key_end && key <= position && (p.window == 0 || position - key < p.window)) {
                const uint at = key * p.kv_stride + kv_head * HEAD_DIM;
                float dot_product = 0.0;
                for (uint d = 0; d < HEAD_DIM; ++d)
                    dot_product += q_shared[r * HEAD_DIM + d] * float(k[at + d]);
                value = logit(dot_product);
            }
            weights[i] = value;
        }
        barrier();
        if (id < ROWS) { // online softmax: fold this tile into row id's running max and sum
            float largest = row_max[id];
            for (uint c = 0; c < KEYS; ++c)
                largest = max(largest, weights[id * KEYS + c]);
            float rescale = 1.0, sum = 0.0;
            if (largest != NEG_INF) {
                rescale = exp(row_max[id] - largest);
                for (uint c = 0; c < KEYS; ++c) {
                    const float e = exp(weights[id * KEYS + c] - largest);
                    weights[id * KEYS + c] = e;
                    sum += e;
                }
            } else {
                for (uint c = 0; c < KEYS; ++c)
                    weights[id * KEYS + c] = 0.0;
            }
            row_max[id] = largest;
            row_sum[id] = row_sum[id] * rescale + sum;
            row_rescale[id] = rescale;
        }
        barrier();
        const uint keys = min(KEYS, key_end - tile);
        for (uint j = 0; j < COLUMNS; ++j) {
            const uint d = id + j * gl_WorkGroupSize.x;
            if (d >= HEAD_DIM)
                break;
            for (uint r = 0; r < ROWS; ++r)
                acc[r * COLUMNS + j] *= row_rescale[r];
            for (uint c = 0; c < keys; ++c) {
                const float vd = float(v[(tile + c) * p.kv_stride + kv_head * HEAD_DIM + d]);
                for (uint r = 0; r < ROWS; ++r)
                    acc[r * COLUMNS + j] += weights[r * KEYS + c] * vd;
            }
        }
        barrier(); // the next tile overwrites the weights
    }

    for (uint j = 0; j < COLUMNS; ++j) {
        const uint d = id + j * gl_WorkGroupSize.x;
        if (d >= HEAD_DIM)
            break;
        for (uint r = 0; r < rows; ++r)
            result[((row0 + r) * p.heads + head) * HEAD_DIM + d] = acc[r * COLUMNS + j] / row_sum[r];
    }
}
#elif defined(BIDIRECTIONAL)
layout(std430, binding = 4) readonly buffer Spans { uint spans[]; };
const uint QUADS = HEAD_DIM / 4; // HEAD_DIM and kv_stride are multiples of 4 (checked by the host)

void main()
{
    const uint t = gl_GlobalInvocationID.x;
    const uint head = gl_WorkGroupID.y;
    if (t >= p.q_tokens)
        return;
    const uint kv_head = head / (p.heads / p.kv_heads);
    vec4 query[QUADS], acc[QUADS];
    for (uint d = 0; d < QUADS; ++d) {
        const uint at = (t * p.heads + head) * HEAD_DIM + 4 * d;
        query[d] = vec4(q[at], q[at + 1], q[at + 2], q[at + 3]) * p.scale;
        acc[d] = vec4(0.0);
    }
    // Online softmax over blocks of KEYS keys: one rescale of the output row per block.
    float largest = NEG_INF, sum = 0.0;
    float scores[KEYS];
    const uint begin = spans[2 * t], end = min(spans[2 * t + 1], p.kv_len);
    for (uint block = begin; block < end; block += KEYS) {
        const uint count = min(KEYS, end - block);
        float block_max = largest;
        for (uint c = 0; c < count; ++c) {
            const uint at = ((block + c) * p.kv_stride + kv_head * HEAD_DIM) / 4;
            float score = 0.0;
            for (uint d = 0; d < QUADS; ++d)
                score += dot(query[d], vec4(k4[at + d]));
            scores[c] = logit(score);
            block_max = max(block_max, scores[c]);
        }
        const float rescale = exp(largest - block_max);
        sum *= rescale;
        for (uint d = 0; d < QUADS; ++d)
            acc[d] *= rescale;
        for (uint c = 0; c < count; ++c) {
            const uint at = ((block + c) * p.kv_stride + kv_head * HEAD_DIM) / 4;
            const float weight = exp(scores[c] - block_max);
            sum += weight;
            for (uint d = 0; d < QUADS; ++d)
                acc[d] += weight * vec4(v4[at + d]);
        }
        largest = block_max;
    }
    for (uint d = 0; d < QUADS; ++d) {
        const vec4 value = sum > 0.0 ? acc[d] / sum : vec4(0.0);
        const uint at = (t * p.heads + head) * HEAD_DIM + 4 * d;
        result[at] = value.x;
        result[at + 1] = value.y;
        result[at + 2] = value.z;
        result[at + 3] = value.w;
    }
}
#else
#error "attention.comp: define DECODE, COMBINE, PREFILL or BIDIRECTIONAL"
#endif
#endif
