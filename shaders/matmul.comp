#version 450
// matmul: Y[t][r] = sum_k W[r][k] * X[t][k] for many tokens t (prefill). W is a GGUF weight
// matrix of m rows of k elements in the format chosen by -DWEIGHTS_<TYPE>
// (formats/weights.glsl); X (n tokens x k) and Y (n tokens x m) are f32, row-major.
// Bindings: 0 = W (32-bit words), 1 = X (vec4), 2 = Y (f32).
// Push constants: k (a multiple of the format's block), m (rows in the bound W), n (tokens),
// weight_offset (bytes, a multiple of 4), x_offset (vec4s), y_offset (floats), y_stride (floats
// between tokens in Y: the full row count when a large W is split over several dispatches).
// Workgroup (gx, gy) computes the BM x BN tile of rows [gx BM, +BM) and tokens [gy BN, +BN).
// For each slice of BK columns the workgroup decodes the W tile once into shared memory (f32,
// as vec4 along k) and copies the X tile beside it; each thread then accumulates a TM x TN block
// of outputs in f32 registers, reading 4 columns per shared load (rows ty + 16 i, tokens
// tx + 8 j: consecutive threads own consecutive rows, so with the padded stride their vec4
// reads hit distinct banks, and the writes of Y coalesce).
#extension GL_GOOGLE_include_directive : require

#define BM 64u
#define BN 32u
#define BK 32u
#define TM 4u
#define TN 4u
#define THREADS_M (BM / TM) // 16
#define THREADS_N (BN / TN) // 8
#define STRIDE (BK / 4u + 1u) // vec4s per tile row; the padding spreads rows over the banks

layout(local_size_x = 128) in; // THREADS_M * THREADS_N

#define WEIGHTS_BINDING 0
#include "formats/weights.glsl"

layout(std430, binding = 1) readonly restrict buffer X { vec4 x[]; };
layout(std430, binding = 2) writeonly restrict buffer Y { float y[]; };
layout(push_constant) uniform Params
{
    uint k;
    uint m;
    uint n;
    uint weight_offset;
    uint x_offset;
    uint y_offset;
    uint y_stride;
} p;

shared vec4 w_tile[BM * STRIDE];
shared vec4 x_tile[BN * STRIDE];

void main()
{
    const uint tid = gl_LocalInvocationID.x;
    const uint ty = tid % THREADS_M;
    const uint tx = tid / THREADS_M;
    const uint row0 = gl_WorkGroupID.x * BM;
    const uint token0 = gl_WorkGroupID.y * BN;
    const uint row_bytes = p.k / BLOCK_ELEMENTS * BLOCK_BYTES;
    const uint k4 = p.k / 4u;

    float acc[TM][TN];
    for (uint i = 0; i < TM; ++i)
        for (uint j = 0; j < TN; ++j)
            acc[i][j] = 0.0;

    for (uint k0 = 0; k0 < p.k; k0 += BK) {
        // W tile: BM rows x BK columns, STEP elements per decode. Rows past m re-read the last
        // row (their outputs are never written); columns past k (float formats only) are zero.
        for (uint d = tid; d < BM * BK / STEP; d += gl_WorkGroupSize.x) {
            const uint r = d / (BK / STEP);
            const uint c = (d % (BK / STEP)) * STEP;
            const uint e = k0 + c;
            vec4 w[STEP / 4u];
            if (e < p.k) {
                const uint row = min(row0 + r, p.m - 1u);
                decode(p.weight_offset + row * row_bytes + (e / BLOCK_ELEMENTS) * BLOCK_BYTES,
                       e % BLOCK_ELEMENTS, w);
            } else {
                for (uint j = 0; j < STEP / 4u; ++j)
                    w[j] = vec4(0.0);
            }
            for (uint j = 0; j < STEP / 4u; ++j)
                w_tile[r * STRIDE + c / 4u + j] = w[j];
        }
        // X tile: BN tokens x BK columns, one vec4 per load.
        for (uint v = tid; v < BN * BK / 4u; v += gl_WorkGroupSize.x) {
            const uint t = v / (BK / 4u);
            const uint c = (v % (BK / 4u)) * 4u;
            const uint token = min(token0 + t, p.n - 1u);
            x_tile[t * STRIDE + c / 4u] = k0 + c < p.k ? x[p.x_offset + token * k4 + (k0 + c) / 4u] : vec4(0.0);
        }
        barrier();

        for (uint kk = 0; kk < BK / 4u; ++kk) {
            vec4 a[TM], b[TN];
            for (uint i = 0; i < TM; ++i)
                a[i] = w_tile[(ty + i * THREADS_M) * STRIDE + kk];
            for (uint j = 0; j < TN; ++j)
                b[j] = x_tile[(tx + j * THREADS_N) * STRIDE + kk];
            for (uint i = 0; i < TM; ++i)
                for (uint j = 0; j < TN; ++j)
                    acc[i][j] += dot(a[i], b[j]);
        }
        barrier();
    }

    for (uint j = 0; j < TN; ++j) {
        const uint token = token0 + tx + j * THREADS_N;
        for (uint i = 0; i < TM; ++i) {
            const uint row = row0 + ty + i * THREADS_M;
            if (row < p.m && token < p.n)
                y[p.y_offset + token * p.y_stride + row] = acc[i][j];
        }
    }
}
