// Weight-format access shared by every op that reads a weight matrix (matvec, matmul, get_rows).
//
// The including shader declares nothing about weights itself: this file declares the weight
// buffer at binding WEIGHTS_BINDING as plain 32-bit words (portable: no 8/16-bit storage
// extension needed), gives byte-addressed loads on top of it, then includes the one format
// selected by -DWEIGHTS_<TYPE>. A GGUF row is stored exactly as in the file; every block size
// is even, so with a weight offset that is a multiple of 4 every block starts 2-byte aligned,
// which is all the loads below assume (blocks of a multiple of 4 bytes start 4-byte aligned).
//
// Every format include defines the same interface:
//   BLOCK_ELEMENTS   elements per block (float formats use a block of 4)
//   BLOCK_BYTES      bytes per block
//   STEP             elements one decode() call produces (4 or 8; divides BLOCK_ELEMENTS)
//   void decode(uint block, uint i, out vec4 v[STEP / 4])
//                    elements [i, i + STEP) of the block starting at byte `block`, as f32;
//                    i is a multiple of STEP.
// and may define a wider decode for matvec, which reads each weight once and so is bound by the
// number of loads it issues (on lavapipe every load is a loop over the SIMD lanes):
//   RUN              elements one decode_run() call produces, sharing one scale lookup and
//                    reading each word of the block once
//   void decode_run(uint block, uint run, out vec4 v[RUN / 4])
//                    the run-th group of RUN elements of the block (run < BLOCK_ELEMENTS / RUN);
//                    for a float format (RUN > BLOCK_ELEMENTS) the RUN elements from `block`
//   uint run_element(uint run, uint j)
//                    the index in the block of v[j].x (v[j] holds 4 consecutive elements)
// Formats without them get the ones below matvec.comp defines from decode().

#ifndef WEIGHTS_BINDING
#define WEIGHTS_BINDING 0
#endif

#ifdef READ_TEXELS
// The same words through a uniform texel buffer (an R32_UINT view): on lavapipe a texel fetch is
// one SIMD gather where a storage-buffer load is a loop over the lanes (matvec on CPU devices).
layout(binding = WEIGHTS_BINDING) uniform usamplerBuffer weight_texels;
uint weight_word(uint i) { return texelFetch(weight_texels, int(i)).x; }
#else
layout(std430, binding = WEIGHTS_BINDING) readonly restrict buffer Weights { uint weights[]; };
uint weight_word(uint i) { return weights[i]; }
#endif

// The byte at `byte`.
uint load_u8(uint byte) { return (weight_word(byte >> 2) >> ((byte & 3u) << 3)) & 0xFFu; }

// The 16-bit little-endian value at an even `byte`.
uint load_u16(uint byte) { return (weight_word(byte >> 2) >> ((byte & 2u) << 3)) & 0xFFFFu; }

// The 32-bit little-endian value at an even `byte`: two 16-bit halves, so an address that is
// only 2-aligned never reads a word past the one holding its last byte.
uint load_u32(uint byte) { return load_u16(byte) | (load_u16(byte + 2u) << 16); }

// The 32-bit value at a `byte` known to be a multiple of 4: formats whose block size is a multiple
// of 4 bytes use it for their 4-aligned fields, one load instead of two.
uint load_u32_aligned(uint byte) { return weight_word(byte >> 2); }

float load_f16(uint byte) { return unpackHalf2x16(load_u16(byte)).x; }

// The 32 bits that start `shift` bits (0..32) into `lo`, continuing into `hi`: a word of a field
// that is only 2-byte aligned, from the two aligned words it straddles (every shift below 32).
uint funnel(uint lo, uint hi, uint shift)
{
    const uint rest = 32u - shift;
    return ((lo >> (shift >> 1)) >> (shift - (shift >> 1))) | ((hi << (rest >> 1)) << (rest - (rest >> 1)));
}

// The four bytes of `w` as unsigned values / sign-extended values.
vec4 bytes_u(uint w) { return vec4((uvec4(w) >> uvec4(0u, 8u, 16u, 24u)) & 0xFFu); }
vec4 bytes_s(uint w) { return vec4(ivec4(uvec4(w) << uvec4(24u, 16u, 8u, 0u)) >> 24); }

// The low / high nibbles of the four bytes of `w`.
uvec4 nibbles_lo(uint w) { return (uvec4(w) >> uvec4(0u, 8u, 16u, 24u)) & 0xFu; }
uvec4 nibbles_hi(uint w) { return (uvec4(w) >> uvec4(4u, 12u, 20u, 28u)) & 0xFu; }

// Four consecutive bits of `bits` starting at `first`, each as 0 or 1.
uvec4 bits4(uint bits, uint first) { return (uvec4(bits) >> (uvec4(0u, 1u, 2u, 3u) + first)) & 1u; }

#if defined(WEIGHTS_F32)
#include "f32.glsl"
#elif defined(WEIGHTS_F16)
#include "f16.glsl"
#elif defined(WEIGHTS_BF16)
#include "bf16.glsl"
#elif defined(WEIGHTS_Q4_0)
#include "q4_0.glsl"
#elif defined(WEIGHTS_Q4_1)
#include "q4_1.glsl"
#elif defined(WEIGHTS_Q5_0)
#include "q5_0.glsl"
#elif defined(WEIGHTS_Q5_1)
#include "q5_1.glsl"
#elif defined(WEIGHTS_Q8_0)
#include "q8_0.glsl"
#elif defined(WEIGHTS_Q2_K)
#include "q2_k.glsl"
#elif defined(WEIGHTS_Q3_K)
#include "q3_k.glsl"
#elif defined(WEIGHTS_Q4_K)
#include "q4_k.glsl"
#elif defined(WEIGHTS_Q5_K)
#include "q5_k.glsl"
#elif defined(WEIGHTS_Q6_K)
#include "q6_k.glsl"
#elif defined(WEIGHTS_IQ4_NL)
#include "iq4_nl.glsl"
#elif defined(WEIGHTS_IQ4_XS)
#include "iq4_xs.glsl"
#else
#error "no weight format selected: compile with -DWEIGHTS_<TYPE>"
#endif
