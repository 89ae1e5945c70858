#pragma once
// Fitting the sub-block scales of the K-quants. A sub-block is approximated as
// x ~= scale * q - min with integer q in 0..levels and min >= 0 (Q4_K, Q5_K), or as
// x ~= scale * q with q in -levels-1..levels (Q6_K).
#include <cstdint>

namespace hearth::formats {

struct AffineFit {
    float scale; // >= 0
    float min;   // >= 0, subtracted
};

// Least-squares fit, refined by alternating rounding and a 2x2 solve a few times.
AffineFit fit_affine(const float* x, int count, int levels);

// Quantizes count values with the given scale and min into q (0..levels).
void quantize_affine(const float* x, int count, float scale, float min, int levels, uint8_t* q);

// Rounds a non-negative value to an integer in 0..max.
int round_to_level(float value, int max);

// One Q4_K/Q5_K super-block of 256 values: fits the eight sub-blocks, stores d, dmin and the
// packed 6-bit scales and mins, and writes the 256 quants (0..levels) to q.
void quantize_k_affine(const float* x, int levels, uint16_t& d_bits, uint16_t& dmin_bits, uint8_t* packed,
                       uint8_t* q);

} // namespace hearth::formats
