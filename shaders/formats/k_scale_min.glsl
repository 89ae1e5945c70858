// The 6-bit scale and minimum of sub-block `sub` (0..7) packed in 12 bytes, shared by Q4_K and
// Q5_K: for sub < 4, scale = byte[sub] & 63 and min = byte[sub + 4] & 63; for sub >= 4 the low
// 4 bits come from byte[sub + 4] (scale: low nibble, min: high nibble) and the top 2 bits from
// the top of byte[sub - 4] (scale) and byte[sub] (min). Both cases are computed and one is
// selected, so threads with different sub-blocks never diverge.
vec2 k_scale_min_words(uvec3 words, uint sub)
{
    const uint shift = 8u * (sub & 3u);
    const uint a = (words.x >> shift) & 0xFFu; // byte[sub] or byte[sub - 4]
    const uint b = (words.y >> shift) & 0xFFu; // byte[sub + 4] or byte[sub]
    const uint c = (words.z >> shift) & 0xFFu; // byte[sub + 4] when sub >= 4
    const uvec2 low = uvec2(a, b) & 63u;
    const uvec2 high = uvec2(c & 15u, c >> 4) | (uvec2(a, b) >> 6 << 4);
    return vec2(mix(low, high, bvec2(sub >= 4u)));
}

// The same from the 12 bytes at the 4-aligned byte `at`.
vec2 k_scale_min(uint at, uint sub)
{
    const uint w = at >> 2;
    return k_scale_min_words(uvec3(weight_word(w), weight_word(w + 1u), weight_word(w + 2u)), sub);
}

// A run decoder's view of a Q4_K / Q5_K block starting at word w: d and dmin times the scale and
// minimum of sub-blocks 2c and 2c + 1 (the two halves of run c), loading the header once.
void k_run_scale_min(uint w, uint c, out vec2 first, out vec2 second)
{
    const vec2 dm = unpackHalf2x16(weight_word(w));
    const uvec3 scales = uvec3(weight_word(w + 1u), weight_word(w + 2u), weight_word(w + 3u));
    first = dm * k_scale_min_words(scales, 2u * c);
    second = dm * k_scale_min_words(scales, 2u * c + 1u);
}
