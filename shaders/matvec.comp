#version 450
// matvec: y[t][r] = sum_k W[r][k] * x[t][k] for one token (decode) or a few (TOKENS > 1: short
// prompts, and every prompt on CPU devices, where decoding a weight costs more than using it).
// W is a GGUF weight matrix of m rows of k elements in the format chosen by -DWEIGHTS_<TYPE>
// (formats/weights.glsl), x and y f32.
// Bindings: 0 = W (32-bit words), 1 = x (vec4), 2 = y (f32); with -DREAD_TEXELS, W and x are
// uniform texel buffers (R32_UINT and R32G32B32A32_SFLOAT views), which lavapipe reads with
// SIMD gathers where a storage-buffer load is a loop over the lanes.
// Push constants: k (row length, a multiple of the format's block), m (rows), weight_offset
// (bytes, a multiple of 4), x_offset (vec4s), y_offset (floats), n (tokens present, 1..TOKENS),
// x_stride (vec4s between tokens), y_stride (floats between tokens).
// Specialization: 0 = workgroup size, 1 = ROWS (rows per workgroup), 2 = TOKENS.
// Workgroup g computes rows [g * ROWS, g * ROWS + ROWS). Its threads stride over the row in
// runs of RUN elements (formats/weights.glsl: a whole scale group, decoded with one scale
// lookup and each word of the block loaded once); each run decodes RUN weights of each of the
// ROWS rows in registers once and multiplies them with the x values of every token, so W is read
// exactly once and x once per ROWS rows. Float-format rows that are not a whole number of runs end in
// steps of STEP elements. The per-thread sums are reduced with subgroupAdd (-DUSE_SUBGROUP) and then across
// subgroups through shared memory, or by a shared-memory tree where subgroups are missing
// (the tree needs a power-of-two workgroup size).
#extension GL_GOOGLE_include_directive : require
#ifdef USE_SUBGROUP
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint ROWS = 2;
layout(constant_id = 2) const uint TOKENS = 1;

#define WEIGHTS_BINDING 0
#include "formats/weights.glsl"

#ifndef RUN
#define RUN STEP
void decode_run(uint block, uint run, out vec4 v[RUN / 4u]) { decode(block, run * RUN, v); }
uint run_element(uint run, uint j) { return run * RUN + 4u * j; }
#endif

#ifdef READ_TEXELS
layout(binding = 1) uniform samplerBuffer x_texels;
vec4 load_x(uint i) { return texelFetch(x_texels, int(i)); }
#else
layout(std430, binding = 1) readonly restrict buffer X { vec4 x[]; };
vec4 load_x(uint i) { return x[i]; }
#endif
layout(std430, binding = 2) writeonly restrict buffer Y { float y[]; };
layout(push_constant) uniform Params
{
    uint k;
    uint m;
    uint weight_offset;
    uint x_offset;
    uint y_offset;
    uint n;
    uint x_stride;
    uint y_stride;
} p;

uint first_row_of_group() { return gl_WorkGroupID.x * ROWS; }

#define OUTPUTS (ROWS * TOKENS) // sums per thread: output (row r, token t) is r * TOKENS + t

#ifndef READ_TEXELS
// Per output, one value per thread (tree) or per subgroup (subgroup path; the rest is unused).
shared float partial[OUTPUTS * gl_WorkGroupSize.x];
#endif

// Where token t's x starts; tokens past n repeat the last one (always in bounds, never written).
uint x_start(uint t) { return p.x_offset + min(t, p.n - 1u) * p.x_stride; }

void store(uint o, float value)
{
    const uint row = first_row_of_group() + o / TOKENS, token = o % TOKENS;
    if (row < p.m && token < p.n)
        y[p.y_offset + token * p.y_stride + row] = value;
}

void main()
{
    const uint tid = gl_LocalInvocationID.x;
    const uint first_row = first_row_of_group();
    const uint row_bytes = p.k / BLOCK_ELEMENTS * BLOCK_BYTES;
    const uint steps = p.k / STEP;

    float sum[OUTPUTS];
    for (uint o = 0; o < OUTPUTS; ++o)
        sum[o] = 0.0;
    uint row_start[ROWS];
    for (uint r = 0; r < ROWS; ++r) // rows past the end re-read the last row and are not written
        row_start[r] = p.weight_offset + min(first_row + r, p.m - 1u) * row_bytes;

    // Runs: RUN contiguous elements per thread and step (a whole scale group of the quantized
    // formats, decoded with one scale lookup).
    const uint runs = p.k / RUN;
    for (uint s = tid; s < runs; s += gl_WorkGroupSize.x) {
        const uint e = s * RUN;
        const uint block = e / BLOCK_ELEMENTS;
        const uint run = e % BLOCK_ELEMENTS / RUN;
        if (TOKENS == 1u) {
            // One token: the rows stream through one run of registers. Holding all ROWS runs
            // at once, as several tokens need, spills on lavapipe (q4_K 4096x4096 8 -> 17 ms).
            vec4 xs[RUN / 4u];
            for (uint j = 0; j < RUN / 4u; ++j)
                xs[j] = load_x(x_start(0u) + (block * BLOCK_ELEMENTS + run_element(run, j)) / 4u);
            for (uint r = 0; r < ROWS; ++r) {
                vec4 w[RUN / 4u];
                decode_run(row_start[r] + block * BLOCK_BYTES, run, w);
                for (uint j = 0; j < RUN / 4u; ++j)
                    sum[r] += dot(w[j], xs[j]);
            }
            continue;
        }
        vec4 w[ROWS][RUN / 4u];
        for (uint r = 0; r < ROWS; ++r)
            decode_run(row_start[r] + block * BLOCK_BYTES, run, w[r]);
        for (uint t = 0; t < TOKENS; ++t) {
            vec4 xs[RUN / 4u];
            for (uint j = 0; j < RUN / 4u; ++j)
                xs[j] = load_x(x_start(t) + (block * BLOCK_ELEMENTS + run_element(run, j)) / 4u);
            for (uint r = 0; r < ROWS; ++r)
                for (uint j = 0; j < RUN / 4u; ++j)
                    sum[r * TOKENS + t] += dot(w[r][j], xs[j]);
        }
    }
    // The rest of a float-format row that is not a whole number of runs, STEP elements at a time.
    for (uint s = runs * (RUN / STEP) + tid; s < steps; s += gl_WorkGroupSize.x) {
        const uint e = s * STEP;
        const uint block = e / BLOCK_ELEMENTS;
        const uint i = e % BLOCK_ELEMENTS;
        vec4 w[ROWS][STEP / 4u];
        for (uint r = 0; r < ROWS; ++r)
            decode(row_start[r] + block * BLOCK_BYTES, i, w[r]);
        for (uint t = 0; t < TOKENS; ++t) {
            vec4 xs[STEP / 4u];
            for (uint j = 0; j < STEP / 4u; ++j)
                xs[j] = load_x(x_start(t) + e / 4u + j);
            for (uint r = 0; r < ROWS; ++r)
                for (uint j = 0; j < STEP / 4u; ++j)
                    sum[r * TOKENS + t] += dot(w[r][j], xs[j]);
        }
    }

#ifdef USE_SUBGROUP
    for (uint o = 0; o < OUTPUTS; ++o)
        sum[o] = subgroupAdd(sum[o]);
#ifdef READ_TEXELS
    // A workgroup is exactly one subgroup here (CPU devices): no shared memory and no barrier,
    // which would make lavapipe run every workgroup as a coroutine (q6_K 4096x4096 15 -> 10 ms).
    if (subgroupElect())
        for (uint o = 0; o < OUTPUTS; ++o)
            store(o, sum[o]);
#else
    if (gl_NumSubgroups == 1u) {
        if (subgroupElect())
            for (uint o = 0; o < OUTPUTS; ++o)
                store(o, sum[o]);
        return;
    }
    if (subgroupElect())
        for (uint o = 0; o < OUTPUTS; ++o)
            partial[o * gl_NumSubgroups + gl_SubgroupID] = sum[o];
    barrier();
    for (uint o = tid; o < OUTPUTS; o += gl_WorkGroupSize.x) {
        float total = 0.0;
        for (uint g = 0; g < gl_NumSubgroups; ++g)
            total += partial[o * gl_NumSubgroups + g];
        store(o, total);
    }
#endif
#else
    for (uint o = 0; o < OUTPUTS; ++o)
        partial[o * gl_WorkGroupSize.x + tid] = sum[o];
    barrier();
    for (uint half_size = gl_WorkGroupSize.x / 2u; half_size > 0u; half_size >>= 1) {
        if (tid < half_size)
            for (uint o = 0; o < OUTPUTS; ++o)
                partial[o * gl_WorkGroupSize.x + tid] += partial[o * gl_WorkGroupSize.x + tid + half_size];
        barrier();
    }
    for (uint o = tid; o < OUTPUTS; o += gl_WorkGroupSize.x)
        store(o, partial[o * gl_WorkGroupSize.x]);
#endif
}
