// The 6-bit scale and minimum of sub-block `sub` (0..7) packed in the 12 bytes at `at`, shared
// by Q4_K and Q5_K: for sub < 4, scale = byte[sub] & 63 and min = byte[sub + 4] & 63; for
// sub >= 4 the low 4 bits come from byte[sub + 4] (scale: low nibble, min: high nibble) and the
// top 2 bits from the top of byte[sub - 4] (scale) and byte[sub] (min).
vec2 k_scale_min(uint at, uint sub)
{
    const uint a = load_u8(at + (sub & 3u)); // byte[sub] or byte[sub - 4]
    const uint b = load_u8(at + (sub & 3u) + 4u); // byte[sub + 4] or byte[sub]
    const uint c = load_u8(at + sub + 4u); // byte[sub + 4]
    if (sub < 4u)
        return vec2(float(a & 63u), float(b & 63u));
    return vec2(float((c & 15u) | ((a >> 6) << 4)), float((c >> 4) | ((b >> 6) << 4)));
}
